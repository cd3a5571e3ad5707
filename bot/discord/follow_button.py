"""The Follow button on announcements and answers: whoever clicks it follows the show, and
gets a direct message when its status changes. Like the suggestion buttons it keeps working
after a restart: the show is in its custom_id (`showbot:follow:SHOW`)."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.announcements.subscribing import SubscriptionRefusedError
from bot.answering.markup import safe
from bot.discord.replies import send

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

PREFIX = "showbot:follow:"
LABEL_LIMIT = 80


def followed_text(title: str, created: bool) -> str:
    if not created:
        return f"You already follow **{safe(title)}**. `/unfollow` stops it."
    return (
        f"You now follow **{safe(title)}**: I'll send you a direct message when its status "
        "changes. `/following` lists what you follow, `/unfollow` stops it."
    )


class FollowButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.compile(re.escape(PREFIX) + r"(?P<show>.*)", re.DOTALL),
):
    def __init__(self, custom_id: str, label: str = "Follow") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:LABEL_LIMIT] or "Follow",
                style=discord.ButtonStyle.primary,
                emoji="🔔",
                custom_id=custom_id,
            )
        )
        show = custom_id.removeprefix(PREFIX)
        self.show_id = int(show) if re.fullmatch(r"[1-9][0-9]{0,17}", show) else None

    @classmethod
    def for_show(cls, show_id: int, label: str = "Follow") -> FollowButton:
        return cls(f"{PREFIX}{show_id}", label)

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> FollowButton:
        label = getattr(item, "label", None)
        return cls(match.string, label if isinstance(label, str) else "Follow")

    async def callback(self, interaction: discord.Interaction[ShowBot]) -> None:  # type: ignore[override]
        if self.show_id is None:
            await _tell(interaction, "That button doesn't name a show. Use `/follow` instead.")
            return
        try:
            title, created = await interaction.client.app.subscriptions.follow(
                interaction.user.id, self.show_id
            )
        except SubscriptionRefusedError as refusal:
            await _tell(interaction, str(refusal))
            return
        except Exception as error:  # discord.py would only log it: the clicker is told
            log.error("a follow button failed", exc_info=error)
            await _tell(interaction, "Something went wrong; please try `/follow`.")
            return
        await _tell(interaction, followed_text(title, created))


async def _tell(interaction: discord.Interaction[Any], text: str) -> None:
    try:
        await send(interaction, content=text, ephemeral=True)
    except discord.HTTPException as failure:
        log.warning("could not answer a follow button: %s", failure)
