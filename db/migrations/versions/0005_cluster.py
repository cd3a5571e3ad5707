"""cluster: the catalogue's change log (kept by triggers, with NOTIFY on PostgreSQL), leases,
and deliveries claimed by the process posting them

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, the column naming the show) whose writes the log records.
LOGGED = (("show", "id"), ("alias", "show_id"))
EVENTS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    op.create_table(
        "catalogue_change",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=True),
        sa.Column(
            "changed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_change")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_catalogue_change_changed_at"), "catalogue_change", ["changed_at"], unique=False
    )
    op.create_index(op.f("ix_catalogue_change_txid"), "catalogue_change", ["txid"], unique=False)
    op.create_table(
        "cluster_lease",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_cluster_lease")),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgres_triggers()


def _sqlite_triggers() -> None:
    for table, column in LOGGED:
        for event in EVENTS:
            row = "OLD" if event == "DELETE" else "NEW"
            op.execute(
                f"CREATE TRIGGER catalogue_change_{table}_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN INSERT INTO catalogue_change (show_id) VALUES ({row}.{column}); END"
            )


def _postgres_triggers() -> None:
    op.execute(
        "ALTER TABLE catalogue_change ALTER COLUMN txid "
        "SET DEFAULT pg_current_xact_id()::text::bigint"
    )
    for table, column in LOGGED:
        # NOTIFY with one payload is delivered once per transaction, however many rows.
        op.execute(
            f"CREATE FUNCTION catalogue_change_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF TG_OP = 'DELETE' THEN "
            f"INSERT INTO catalogue_change (show_id) VALUES (OLD.{column}); "
            f"ELSE INSERT INTO catalogue_change (show_id) VALUES (NEW.{column}); END IF; "
            "PERFORM pg_notify('showbot_catalogue', ''); "
            "RETURN NULL; END $$"
        )
        op.execute(
            f"CREATE TRIGGER catalogue_change_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION catalogue_change_{table}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, _ in LOGGED:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER catalogue_change_{table}_{event.lower()}")
    else:
        for table, _ in LOGGED:
            op.execute(f"DROP TRIGGER catalogue_change_{table} ON {table}")
            op.execute(f"DROP FUNCTION catalogue_change_{table}()")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claimed_by")
    op.drop_table("cluster_lease")
    op.drop_index(op.f("ix_catalogue_change_txid"), table_name="catalogue_change")
    op.drop_index(op.f("ix_catalogue_change_changed_at"), table_name="catalogue_change")
    op.drop_table("catalogue_change")
