"""catalogue tables

Revision ID: 0001
Revises:
Create Date: 2026-11-22 22:06:35.172858
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "app_state",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_state")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("name", name=op.f("uq_person_name")),
    )
    op.create_table(
        "show",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("original_title", sa.String(length=500), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("genres", sa.JSON(), nullable=False),
        sa.Column("network", sa.String(length=200), nullable=True),
        sa.Column("country", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("premiere_date", sa.Date(), nullable=True),
        sa.Column("season_count", sa.Integer(), nullable=True),
        sa.Column("episode_count", sa.Integer(), nullable=True),
        sa.Column("logline", sa.String(), nullable=True),
        sa.Column("based_on", sa.String(length=500), nullable=True),
        sa.Column("production_company", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_show")),
    )
    with op.batch_alter_table("show", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_show_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_show_title"), ["title"], unique=False)
        batch_op.create_index(batch_op.f("ix_show_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("publisher", sa.String(length=200), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("ref", name=op.f("uq_source_ref")),
    )
    op.create_table(
        "alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["show_id"], ["show.id"], name=op.f("fk_alias_show_id_show"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alias")),
        sa.UniqueConstraint("show_id", "name", name=op.f("uq_alias_show_id_name")),
    )
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alias_show_id"), ["show_id"], unique=False)

    op.create_table(
        "chart_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("chart", sa.String(length=300), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=True),
        sa.Column("peak_rank", sa.Integer(), nullable=True),
        sa.Column("hours_viewed", sa.BigInteger(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["show_id"], ["show.id"], name=op.f("fk_chart_run_show_id_show"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_chart_run_source_id_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chart_run")),
    )
    with op.batch_alter_table("chart_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chart_run_show_id"), ["show_id"], unique=False)

    op.create_table(
        "credit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("character", sa.String(length=300), nullable=True),
        sa.Column("billing_order", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_credit_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["show_id"], ["show.id"], name=op.f("fk_credit_show_id_show"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_credit_source_id_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit")),
        sa.UniqueConstraint(
            "show_id", "person_id", "role", name=op.f("uq_credit_show_id_person_id_role")
        ),
    )
    with op.batch_alter_table("credit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_credit_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_credit_show_id"), ["show_id"], unique=False)

    op.create_table(
        "external_id",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["show_id"], ["show.id"], name=op.f("fk_external_id_show_id_show"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_id")),
        sa.UniqueConstraint("scheme", "value", name=op.f("uq_external_id_scheme_value")),
    )
    with op.batch_alter_table("external_id", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_external_id_show_id"), ["show_id"], unique=False)

    op.create_table(
        "season",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("premiere_date", sa.Date(), nullable=True),
        sa.Column("finale_date", sa.Date(), nullable=True),
        sa.Column("episode_count", sa.Integer(), nullable=True),
        sa.Column("ending", sa.String(), nullable=True),
        sa.Column("cliffhanger", sa.Boolean(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["show_id"], ["show.id"], name=op.f("fk_season_show_id_show"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_season_source_id_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_season")),
        sa.UniqueConstraint("show_id", "number", name=op.f("uq_season_show_id_number")),
    )
    with op.batch_alter_table("season", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_season_show_id"), ["show_id"], unique=False)

    op.create_table(
        "show_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=60), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["show_id"], ["show.id"], name=op.f("fk_show_note_show_id_show"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_show_note_source_id_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_show_note")),
    )
    with op.batch_alter_table("show_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_show_note_show_id"), ["show_id"], unique=False)

    op.create_table(
        "show_source",
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["show_id"], ["show.id"], name=op.f("fk_show_source_show_id_show"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_show_source_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("show_id", "source_id", name=op.f("pk_show_source")),
    )
    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("old_status", sa.String(length=32), nullable=True),
        sa.Column("new_status", sa.String(length=32), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("seasons_ordered", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["show_id"], ["show.id"], name=op.f("fk_status_change_show_id_show"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_status_change_source_id_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index("ix_status_change_effective", ["effective_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_status_change_show_id"), ["show_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_change_show_id"))
        batch_op.drop_index("ix_status_change_effective")

    op.drop_table("status_change")
    op.drop_table("show_source")
    with op.batch_alter_table("show_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_show_note_show_id"))

    op.drop_table("show_note")
    with op.batch_alter_table("season", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_season_show_id"))

    op.drop_table("season")
    with op.batch_alter_table("external_id", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_external_id_show_id"))

    op.drop_table("external_id")
    with op.batch_alter_table("credit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credit_show_id"))
        batch_op.drop_index(batch_op.f("ix_credit_person_id"))

    op.drop_table("credit")
    with op.batch_alter_table("chart_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chart_run_show_id"))

    op.drop_table("chart_run")
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alias_show_id"))

    op.drop_table("alias")
    op.drop_table("source")
    with op.batch_alter_table("show", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_show_updated_at"))
        batch_op.drop_index(batch_op.f("ix_show_title"))
        batch_op.drop_index(batch_op.f("ix_show_status"))

    op.drop_table("show")
    op.drop_table("person")
    op.drop_table("app_state")
