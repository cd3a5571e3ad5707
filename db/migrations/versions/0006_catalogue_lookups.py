"""catalogue lookups: each show's folded title, indexed, so that writers find shows by title
with a lookup instead of reading every title

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 23:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAGE = 5000
"""Shows folded a page at a time, so that a large catalogue is never held whole."""

_show = sa.table("show", sa.column("id", sa.Integer), sa.column("title"), sa.column("title_key"))


def _fold(title: str) -> str:
    """`db.models.title_key` as it was when this migration was written (a migration must not
    change with the code)."""
    return " ".join(title.casefold().split())


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # SQLite adds a NOT NULL column only with a default, and cannot drop that default without
    # rebuilding the table, which with foreign keys on would cascade into every show's rows:
    # there the empty default stays (every write sets the column, see `_keep_title_key`).
    op.add_column(
        "show",
        sa.Column(
            "title_key",
            sa.String(length=1500),
            nullable=not sqlite,
            server_default="" if sqlite else None,
        ),
    )
    _fold_stored_titles()
    if not sqlite:
        op.alter_column("show", "title_key", nullable=False)
    op.create_index(op.f("ix_show_title_key"), "show", ["title_key"], unique=False)


def _fold_stored_titles() -> None:
    connection = op.get_bind()
    last_id = 0
    while True:
        page = connection.execute(
            sa.select(_show.c.id, _show.c.title)
            .where(_show.c.id > last_id)
            .order_by(_show.c.id)
            .limit(PAGE)
        ).all()
        if not page:
            return
        connection.execute(
            _show.update()
            .where(_show.c.id == sa.bindparam("show_id"))
            .values(title_key=sa.bindparam("key")),
            [{"show_id": show_id, "key": _fold(title)} for show_id, title in page],
        )
        last_id = page[-1][0]


def downgrade() -> None:
    op.drop_index(op.f("ix_show_title_key"), table_name="show")
    if op.get_bind().dialect.name == "sqlite":
        # Natively (SQLite 3.35+): a batch rebuild would cascade, as said above.
        op.execute("ALTER TABLE show DROP COLUMN title_key")
    else:
        op.drop_column("show", "title_key")
