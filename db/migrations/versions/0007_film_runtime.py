"""film runtime: a film's running time in minutes, as its sources give it

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: every stored show is left without a runtime until a source
    # gives one, and SQLite adds such a column in place.
    op.add_column("show", sa.Column("runtime_minutes", sa.Integer(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Natively (SQLite 3.35+): a batch rebuild would cascade into every show's rows, as
        # in 0006.
        op.execute("ALTER TABLE show DROP COLUMN runtime_minutes")
    else:
        op.drop_column("show", "runtime_minutes")
