"""The news watched: every NEWS_POLL_MINUTES the feeds that are due are polled, each new
article is read (in the transaction that takes it in), and the proposals not yet posted (from
the feeds, and from articles editors gave) are posted for review in REVIEW_CHANNEL_ID, with
the buttons to confirm or reject them.

Posting looks for proposals not yet posted, so a review that could not be posted (the bot
was restarting, the channel was unreachable) is posted at the next poll; a crash between
posting a review and recording it would post it again, never lose it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from sqlalchemy.exc import SQLAlchemyError

from bot.discord.news_review import pages, review_embed, review_view
from bot.news.feeds import FeedPoller
from db.errors import DatabaseUnavailableError
from db.news import ProposalState

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)


class NewsWatch:
    def __init__(self, bot: ShowBot, channel_id: int) -> None:
        settings = bot.app.settings
        self.bot = bot
        self.channel_id = channel_id
        self.poller = FeedPoller(
            bot.app.database,
            settings.news_feeds,
            settings.news_poll_minutes,
            read=bot.app.news.read_into,
        )

    async def run_once(self) -> None:
        """One poll and one round of posting; what fails is logged and tried next time."""
        if self.poller.urls:
            try:
                await self.poller.poll_due(datetime.now(UTC))
            except (SQLAlchemyError, DatabaseUnavailableError) as error:
                log.warning("could not poll the news feeds now: %s", error)
        try:
            await self.post_unposted()
        except (SQLAlchemyError, DatabaseUnavailableError) as error:
            log.warning("could not post the news for review now: %s", error)

    async def post_unposted(self) -> int:
        """Posts each article's proposals that no review shows yet; returns how many
        messages went out."""
        channel = await self._channel()
        if channel is None:
            return 0
        desk = self.bot.app.news
        sent = 0
        for article, proposals in await desk.unposted():
            for first, page in pages(proposals):
                waiting = [
                    p
                    for p in page
                    if p.review_message_id is None and p.state == ProposalState.PENDING
                ]
                if not waiting:
                    continue
                try:
                    view = review_view(page, first)
                    extra: dict[str, Any] = {"view": view} if view is not None else {}
                    message = await channel.send(embed=review_embed(article, page, first), **extra)
                except discord.HTTPException as failure:
                    log.warning(
                        "could not post news for review in %s: %s", self.channel_id, failure
                    )
                    return sent
                except (ValueError, TypeError) as fault:  # one bad review must not block the rest
                    log.error("could not make the review of article %s", article.id, exc_info=fault)
                    continue
                await desk.posted(
                    [p.id for p in page if p.id is not None], self.channel_id, message.id
                )
                sent += 1
        return sent

    async def _channel(self) -> discord.abc.Messageable | None:
        channel = self.bot.get_channel(self.channel_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(self.channel_id)
            except discord.HTTPException as failure:
                log.warning(
                    "REVIEW_CHANNEL_ID %s cannot be reached (%s): news waits to be posted",
                    self.channel_id,
                    failure,
                )
                return None
        if not isinstance(channel, discord.abc.Messageable):
            log.warning("REVIEW_CHANNEL_ID %s is not a channel to post in", self.channel_id)
            return None
        return channel
