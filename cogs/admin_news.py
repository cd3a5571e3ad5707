"""/admin ingest (an article pasted in a form, or attached) and /admin feeds (how the news
feeds are doing): commands of the /admin group, which checks that the caller is an editor."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.answering.markup import safe
from bot.discord.checks import actor_of
from bot.discord.editing_views import TEXT_INPUT_LIMIT, shown
from bot.discord.news_review import pages, review_embed, review_view
from bot.discord.replies import send, within_deadline
from bot.news.article import ArticleUnreadableError
from bot.news.desk import Intake
from db.news import NewsFeed

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
ARTICLE_SIZE_LIMIT = 2 * 1024 * 1024
FEEDS_SHOWN = 20
URL_LIMIT = 1000
"""As long as an article's stored address may be (and the form's field)."""
BAD_URL = (
    "The web address must start with https:// and be at most 1,000 characters. Nothing was read."
)


class ArticleForm(discord.ui.Modal):
    """The article's text pasted, and where it was read."""

    def __init__(self, url: str | None = None) -> None:
        super().__init__(title="Read a news article", timeout=900)
        self.text: discord.ui.TextInput[ArticleForm] = discord.ui.TextInput(
            label="The article (headline on the first line)",
            custom_id="article",
            style=discord.TextStyle.paragraph,
            max_length=TEXT_INPUT_LIMIT,
        )
        self.url: discord.ui.TextInput[ArticleForm] = discord.ui.TextInput(
            label="Its web address (optional)",
            custom_id="url",
            required=False,
            max_length=URL_LIMIT,
            default=url,
        )
        self.add_item(self.text)
        self.add_item(self.url)

    async def on_submit(self, interaction: discord.Interaction, /) -> None:
        bot_interaction: discord.Interaction[ShowBot] = interaction  # type: ignore[assignment]
        await take_in(bot_interaction, self.text.value, self.url.value.strip() or None)

    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction, error: Exception, /
    ) -> None:
        log.error("the article form failed", exc_info=error)
        await send(interaction, content="Something went wrong; nothing was read.", ephemeral=True)


@app_commands.describe(
    file="The article as a .txt or .html file; without one, a form to paste it in",
    url="Where the article was published (its source)",
)
async def ingest(
    interaction: discord.Interaction[ShowBot],
    file: discord.Attachment | None = None,
    url: str | None = None,
) -> None:
    if url is not None and not is_article_url(url):
        await send(interaction, content=BAD_URL, ephemeral=True)
        return
    if file is None:
        # The address given with the command is not lost: the form opens with it.
        await interaction.response.send_modal(ArticleForm(url))
        return
    suffix = Path(file.filename).suffix.lower()
    if suffix not in ARTICLE_SUFFIXES or file.size > ARTICLE_SIZE_LIMIT:
        await send(
            interaction,
            content=f"{safe(file.filename)} is not an article I can read: give a .txt or "
            f".html file of at most {ARTICLE_SIZE_LIMIT // (1024 * 1024)} MB, or leave out the "
            "file and paste the text. Nothing was read.",
            ephemeral=True,
        )
        return
    try:
        data = await within_deadline(interaction, file.read())
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        await send(
            interaction,
            content=f"{safe(file.filename)} is not UTF-8 text: save it as UTF-8 and attach it "
            "again. Nothing was read.",
            ephemeral=True,
        )
        return
    except discord.HTTPException as failure:
        await send(
            interaction,
            content=f"I couldn't download {safe(file.filename)} ({failure.status}): attach it "
            "again. Nothing was read.",
            ephemeral=True,
        )
        return
    await take_in(interaction, text, url)


async def take_in(interaction: discord.Interaction[ShowBot], text: str, url: str | None) -> None:
    """Reads the article and answers the editor, privately, with its proposals to decide."""
    if url is not None and not is_article_url(url):
        await send(interaction, content=BAD_URL, ephemeral=True)
        return
    desk = interaction.client.app.news
    actor = actor_of(interaction)
    try:
        intake = await within_deadline(
            interaction, desk.take_in(text, url=url, submitted_by=actor.name)
        )
    except ArticleUnreadableError as problem:
        await send(interaction, content=f"{problem} Nothing was read.", ephemeral=True)
        return
    if intake.again and not intake.proposals:
        await send(
            interaction,
            content=shown(f"{intake.title}: read before, and it proposed nothing then."),
            ephemeral=True,
        )
        return
    if not intake.proposals:
        await send(interaction, content=shown(nothing_new(intake)), ephemeral=True)
        return
    if intake.again:
        await send(
            interaction,
            content="That article was read before: here are its proposals as they stand.",
            ephemeral=True,
        )
    article, proposals = await desk.proposals(intake.article_id)
    assert article is not None
    for first, page in pages(proposals):
        view = review_view(page, first)
        embed = review_embed(article, page, first)
        kwargs: dict[str, Any] = {"view": view} if view is not None else {}
        await send(interaction, embed=embed, ephemeral=True, **kwargs)


def is_article_url(url: str) -> bool:
    return url.startswith("https://") and len(url) <= URL_LIMIT


def nothing_new(intake: Intake) -> str:
    if intake.repeated:
        return (
            f"{intake.title}: the catalogue already says all {intake.repeated} thing(s) this "
            "article reports. Nothing to confirm."
        )
    return (
        f"{intake.title}: I found no news about a show in it (a renewal, a cancellation, a "
        "series order, a final season, a premiere date, cast or creators). Nothing to confirm."
    )


async def feeds(interaction: discord.Interaction[ShowBot]) -> None:
    app = interaction.client.app
    configured = app.settings.news_feeds
    if not configured:
        await send(
            interaction,
            content="No news feeds are set: add RSS or Atom addresses to NEWS_FEEDS.",
            ephemeral=True,
        )
        return
    states = await within_deadline(interaction, app.news.feed_states())
    lines = [feed_line(feed, datetime.now(UTC)) for feed in states[:FEEDS_SHOWN]]
    if len(states) > FEEDS_SHOWN:
        lines.append(f"…and {len(states) - FEEDS_SHOWN} more.")
    if app.settings.review_channel_id is None:
        lines.append("REVIEW_CHANNEL_ID is not set: the feeds are not polled until it is.")
    await send(
        interaction, content=shown("\n".join(lines) or "No feed polled yet."), ephemeral=True
    )


def feed_line(feed: NewsFeed, now: datetime) -> str:
    if feed.failures:
        since = feed.failing_since or feed.last_polled_at or now
        state = (
            f"failing since {since:%Y-%m-%d %H:%M} UTC "
            f"({feed.failures} failed {'try' if feed.failures == 1 else 'tries'} in a row): "
            f"{feed.last_error or 'no reason given'}"
        )
    elif feed.last_success_at is not None:
        state = f"ok, last read {feed.last_success_at:%Y-%m-%d %H:%M} UTC"
    else:
        state = "not polled yet"
    upcoming = f"; next {feed.next_poll_at:%Y-%m-%d %H:%M} UTC" if feed.next_poll_at else ""
    return f"{'⚠️' if feed.failures else '✅'} {feed.url}: {state}{upcoming}"


def news_commands() -> list[app_commands.Command[Any, ..., None]]:
    """The commands, made anew for each /admin group (a command has one parent)."""
    return [
        app_commands.Command(
            name="ingest", description="Read a news article into proposed updates", callback=ingest
        ),
        app_commands.Command(
            name="feeds", description="The news feeds and how their polling goes", callback=feeds
        ),
    ]
