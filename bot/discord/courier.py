"""The relay's courier on Discord: posts a delivery in a channel (with its nonce, so that
Discord keeps one message per row whatever the retries) or as a direct message, and turns
Discord's answers into what the relay decides on: gone or forbidden, try later, refused."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING

import aiohttp
import discord

from bot.announcements.messages import Dispatch
from bot.announcements.relay import Refused, TryLater, Unreachable
from bot.discord.embeds import to_embeds
from bot.discord.follow_button import FollowButton

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

DMS_CLOSED = 50007
"""Discord's code for "Cannot send messages to this user"."""


def allowed_mentions(dispatch: Dispatch) -> discord.AllowedMentions:
    """Nothing may ping but the subscription's own role."""
    roles: list[discord.Object] = []
    if dispatch.ping_role_id is not None:
        roles = [discord.Object(id=dispatch.ping_role_id)]
    return discord.AllowedMentions(everyone=False, users=False, roles=roles, replied_user=False)


def follow_view(dispatch: Dispatch) -> discord.ui.View | None:
    if dispatch.follow_show_id is None:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(FollowButton.for_show(dispatch.follow_show_id))
    return view


class DiscordCourier:
    def __init__(self, bot: ShowBot) -> None:
        self.bot = bot

    async def post(self, channel_id: int, dispatch: Dispatch, nonce: str) -> int:
        channel = self.bot.get_partial_messageable(channel_id)
        message = await _attempt(
            channel.send(
                content=dispatch.content,
                embeds=to_embeds(dispatch.cards),
                view=follow_view(dispatch) or discord.utils.MISSING,
                nonce=nonce,
                allowed_mentions=allowed_mentions(dispatch),
            ),
            where=f"channel {channel_id}",
        )
        return message.id

    async def direct(self, user_id: int, dispatch: Dispatch) -> int:
        async def send() -> discord.Message:
            user = self.bot.get_user(user_id) or discord.Object(id=user_id)
            channel = await self.bot.create_dm(user)
            return await channel.send(
                content=dispatch.content,
                embeds=to_embeds(dispatch.cards),
                allowed_mentions=allowed_mentions(dispatch),
            )

        message = await _attempt(send(), where=f"a DM to {user_id}")
        return message.id

    async def edit(
        self, channel_id: int | None, user_id: int | None, message_id: int, dispatch: Dispatch
    ) -> int:
        async def edit() -> discord.Message:
            if channel_id is not None:
                channel: discord.abc.Messageable = self.bot.get_partial_messageable(channel_id)
            else:
                assert user_id is not None
                user = self.bot.get_user(user_id) or discord.Object(id=user_id)
                channel = await self.bot.create_dm(user)
            message = discord.PartialMessage(channel=channel, id=message_id)  # type: ignore[arg-type]
            return await message.edit(
                content=dispatch.content,
                embeds=to_embeds(dispatch.cards),
                allowed_mentions=allowed_mentions(dispatch),
            )

        where = f"channel {channel_id}" if channel_id is not None else f"a DM to {user_id}"
        edited = await _attempt(edit(), where=where)
        return edited.id

    def fallback_channel(self, guild_id: int) -> int | None:
        if not self.bot.is_ready():
            raise TryLater("not connected to Discord yet")
        guild = self.bot.get_guild(guild_id)
        if guild is None or guild.system_channel is None:
            return None
        return guild.system_channel.id


async def _attempt(sending: Awaitable[discord.Message], *, where: str) -> discord.Message:
    """Awaits a send, and says what its failure means for the delivery."""
    try:
        return await sending
    except discord.Forbidden as error:
        if error.code == DMS_CLOSED:
            raise Unreachable("their direct messages are closed") from error
        raise Unreachable(
            "I'm not allowed to post there (I need View Channel, Send Messages and Embed Links)"
        ) from error
    except discord.NotFound as error:
        raise Unreachable("the channel no longer exists, or I was removed from it") from error
    except discord.RateLimited as error:
        raise TryLater(f"rate limited posting to {where}", error.retry_after) from error
    except discord.DiscordServerError as error:
        raise TryLater(f"Discord failed ({error.status}) posting to {where}") from error
    except discord.HTTPException as error:
        if error.status == 429:
            raise TryLater(f"rate limited posting to {where}", _retry_after(error)) from error
        raise Refused(f"{error.status} {error.code}: {error.text}"[:300]) from error
    except (TimeoutError, aiohttp.ClientError, OSError) as error:
        raise TryLater(f"could not reach Discord posting to {where}: {error!r}") from error


def _retry_after(error: discord.HTTPException) -> float | None:
    response = error.response
    header = response.headers.get("Retry-After") if response is not None else None
    try:
        return float(header) if header else None
    except ValueError:
        return None
