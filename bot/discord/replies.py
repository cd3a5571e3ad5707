"""Answering interactions on time, once, without pings, and without losing what was sent.

Discord wants a first response within 3 seconds and exactly one. Work that may be slow
starts at once; if it is not done within `DEFER_AFTER`, the interaction is deferred and
the answer follows when it is ready.

What the user has been sent is never taken back: the only message this module deletes is a
deferred "thinking…" placeholder that no answer has replaced yet (a private answer cannot
replace a public placeholder, so it goes away first). Whether one is pending is kept on the
interaction itself, in `interaction.extras`.

Rate limits: discord.py waits out a 429 and tries again, five times per request, then
raises. A burst longer than that would lose the answer, so the sends here try again a few
more times (`RESEND_PAUSES`), as long as the interaction can still be answered: the first
response within Discord's 3 s, followups within the token's 15 minutes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

import discord

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFER_AFTER = 2.0
"""Seconds to wait for an answer before deferring; the rest of Discord's 3 s is for the trip."""
FIRST_RESPONSE_WINDOW = timedelta(seconds=2.8)
"""Discord's 3 s for the first response, less the trip."""
TOKEN_WINDOW = timedelta(minutes=14, seconds=30)
"""The interaction token's 15 minutes for followups and edits, less a margin."""
RESEND_PAUSES = (0.5, 2.0, 8.0)
"""Pauses before sending again once discord.py has given up on a rate limit (at least the
`retry_after` Discord asked for): three more rounds, a few seconds in all."""

NO_MENTIONS = discord.AllowedMentions.none()
_PLACEHOLDER = "showbot.placeholder"
"""`interaction.extras` key: True while a "thinking…" placeholder awaits its answer."""


async def within_deadline(interaction: discord.Interaction, work: Awaitable[T]) -> T:
    """Waits for `work`, deferring the interaction if it is not done `DEFER_AFTER` seconds
    after Discord sent it (an interaction that waited in a busy bot is deferred sooner)."""
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=_until_defer(interaction))
        if not done and not interaction.response.is_done():
            await _defer(interaction)
        return await task
    finally:
        if not task.done():
            task.cancel()


def _until_defer(interaction: discord.Interaction) -> float:
    arrivals = getattr(getattr(interaction.client, "tree", None), "arrivals", None)
    waited = arrivals.waited(interaction.created_at) if arrivals is not None else 0.0
    return max(0.0, DEFER_AFTER - waited)


async def _defer(interaction: discord.Interaction) -> None:
    if interaction.type is discord.InteractionType.component:
        await first_response(interaction, lambda: interaction.response.defer())
        return
    await first_response(interaction, lambda: interaction.response.defer(thinking=True))
    interaction.extras[_PLACEHOLDER] = True


async def send(
    interaction: discord.Interaction,
    *,
    embed: discord.Embed | None = None,
    embeds: Sequence[discord.Embed] = (),
    content: str | None = None,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> discord.Message | None:
    """Sends an answer to an interaction, whether or not it was deferred or answered before.

    `embeds` are the answers of one reply, in order (`embed` is one on its own). Returns the
    message when it carries a view (whose timeout needs it), else None.
    """
    missing = discord.utils.MISSING
    every_embed = [embed] if embed is not None else list(embeds)
    if not interaction.response.is_done():
        callback = await first_response(
            interaction,
            lambda: interaction.response.send_message(
                content=content,
                embeds=every_embed or missing,
                view=view if view is not None else missing,
                ephemeral=ephemeral,
                allowed_mentions=NO_MENTIONS,
            ),
        )
        message = callback.resource
        return message if view is not None and isinstance(message, discord.Message) else None
    if ephemeral and interaction.extras.get(_PLACEHOLDER):
        # A public "thinking…" cannot turn private: remove it, and answer privately.
        with contextlib.suppress(discord.NotFound):
            await followup(interaction, interaction.delete_original_response)
        interaction.extras[_PLACEHOLDER] = False
    sent: discord.WebhookMessage = await followup(
        interaction,
        lambda: interaction.followup.send(
            content=content or missing,
            embeds=every_embed or missing,
            view=view if view is not None else missing,
            ephemeral=ephemeral,
            allowed_mentions=NO_MENTIONS,
            wait=True,
        ),
    )
    interaction.extras[_PLACEHOLDER] = False  # the first followup replaces the placeholder
    return sent


async def replace_message(
    interaction: discord.Interaction,
    *,
    embed: discord.Embed,
    view: discord.ui.View | None = None,
) -> None:
    """Replaces the message a component belongs to (a select menu's answer)."""
    if not interaction.response.is_done():
        await first_response(
            interaction, lambda: interaction.response.edit_message(embed=embed, view=view)
        )
        return
    await followup(
        interaction,
        lambda: interaction.edit_original_response(
            embed=embed, view=view, allowed_mentions=NO_MENTIONS
        ),
    )


async def reply_to(
    message: discord.Message,
    *,
    content: str | None = None,
    embed: discord.Embed | None = None,
    embeds: Sequence[discord.Embed] = (),
    view: discord.ui.View | None = None,
) -> discord.Message:
    """Replies to a message without pinging anyone, trying again through rate limits."""
    missing = discord.utils.MISSING
    every_embed = [embed] if embed is not None else list(embeds)
    return await persist(
        lambda: message.reply(
            content=content,
            embeds=every_embed or missing,
            view=view if view is not None else missing,
            mention_author=False,
            allowed_mentions=NO_MENTIONS,
        ),
        # No token to outlive here: the same window, so a late answer is still an answer.
        until=message.created_at + TOKEN_WINDOW,
        what=f"the reply in channel {message.channel.id}",
    )


async def first_response(
    interaction: discord.Interaction, attempt: Callable[[], Awaitable[T]]
) -> T:
    """The interaction's first response, tried again through rate limits while Discord waits."""
    return await persist(
        attempt,
        until=interaction.created_at + FIRST_RESPONSE_WINDOW,
        what=f"the response to interaction {interaction.id}",
    )


async def followup(interaction: discord.Interaction, attempt: Callable[[], Awaitable[T]]) -> T:
    """A followup, edit or delete, tried again through rate limits while the token lasts."""
    return await persist(
        attempt,
        until=interaction.created_at + TOKEN_WINDOW,
        what=f"a followup to interaction {interaction.id}",
    )


async def persist(attempt: Callable[[], Awaitable[T]], *, until: datetime, what: str) -> T:
    """`attempt()`, and again after each of `RESEND_PAUSES` while Discord rate limits it.

    Only a 429 that came through Discord (`Via` header) is tried again: it means nothing was
    done, so nothing is sent twice. A 429 without `Via` is a Cloudflare ban, where more
    requests only make it last longer; every other error is raised at once.
    """
    for pause in RESEND_PAUSES:
        try:
            return await attempt()
        except discord.HTTPException as error:
            wait = max(pause, _retry_after(error))
            if not rate_limited(error) or discord.utils.utcnow() + _seconds(wait) >= until:
                raise
            log.warning("%s is still rate limited; trying again in %.1f s", what, wait)
            await asyncio.sleep(wait)
    return await attempt()


def rate_limited(error: discord.HTTPException) -> bool:
    """A 429 from Discord itself (not a Cloudflare ban), after discord.py's own tries."""
    return error.status == 429 and "Via" in error.response.headers


def _retry_after(error: discord.HTTPException) -> float:
    try:
        return float(error.response.headers.get("X-RateLimit-Reset-After", 0))
    except (TypeError, ValueError):
        return 0.0


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)
