"""catalogue edits: the audit trail of editors' changes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 17:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalogue_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=True),
        sa.Column("show_born_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("show_title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.String(length=2000), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("status_change_id", sa.Integer(), nullable=True),
        sa.Column("undoes_id", sa.Integer(), nullable=True),
        sa.Column("undone_by_id", sa.Integer(), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_edit")),
    )
    op.create_index(op.f("ix_catalogue_edit_show_id"), "catalogue_edit", ["show_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_catalogue_edit_show_id"), table_name="catalogue_edit")
    op.drop_table("catalogue_edit")
