"""news: the feeds polled, the articles taken in (and the keys they were seen under), the
updates proposed from them for editors to confirm

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 19:46:14
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "news_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("failing_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("modified", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_feed")),
        sa.UniqueConstraint("url", name=op.f("uq_news_feed_url")),
    )
    op.create_table(
        "news_article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("entry_id", sa.String(length=1000), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["news_feed.id"],
            name=op.f("fk_news_article_feed_id_news_feed"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_article")),
    )
    op.create_index(op.f("ix_news_article_feed_id"), "news_article", ["feed_id"], unique=False)
    op.create_table(
        "news_seen",
        sa.Column("key", sa.String(length=1100), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["news_article.id"],
            name=op.f("fk_news_seen_article_id_news_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_news_seen")),
    )
    op.create_index(op.f("ix_news_seen_article_id"), "news_seen", ["article_id"], unique=False)
    op.create_table(
        "news_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("show_id", sa.Integer(), nullable=True),
        sa.Column("show_title", sa.String(length=500), nullable=False),
        sa.Column("network", sa.String(length=200), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("seasons", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.String(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review_channel_id", sa.BigInteger(), nullable=True),
        sa.Column("review_message_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["news_article.id"],
            name=op.f("fk_news_proposal_article_id_news_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_proposal")),
    )
    op.create_index(
        op.f("ix_news_proposal_article_id"), "news_proposal", ["article_id"], unique=False
    )
    op.create_index(op.f("ix_news_proposal_state"), "news_proposal", ["state"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_news_proposal_state"), table_name="news_proposal")
    op.drop_index(op.f("ix_news_proposal_article_id"), table_name="news_proposal")
    op.drop_table("news_proposal")
    op.drop_index(op.f("ix_news_seen_article_id"), table_name="news_seen")
    op.drop_table("news_seen")
    op.drop_index(op.f("ix_news_article_feed_id"), table_name="news_article")
    op.drop_table("news_article")
    op.drop_table("news_feed")
