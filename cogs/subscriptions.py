"""/subscribe, /unsubscribe, /subscriptions and /schedule: which channels hear which news,
and when a server's reminders and weekly digest go out.

Changing them needs Manage Channels: Discord is told so (`default_permissions`, which a
server's admins may override) and the command checks it again itself.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.announcements.subscribing import (
    WEEKDAYS,
    ZONE_NAMES,
    SubscriptionRefusedError,
    SubscriptionView,
    show_for_option,
)
from bot.answering.cards import clip
from bot.answering.markup import safe, visible
from bot.discord.options import CHOICE_LIMIT, CHOICE_TEXT_LIMIT, SeriesTitleOption
from bot.discord.replies import send

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

KINDS_HELP = "all (default), or any of: renewals, cancellations, endings, premieres"


def missing_permissions(channel: discord.TextChannel) -> list[str]:
    """What the bot lacks to post an announcement in the channel."""
    allowed = channel.permissions_for(channel.guild.me)
    needed = (
        ("View Channel", allowed.view_channel),
        ("Send Messages", allowed.send_messages),
        ("Embed Links", allowed.embed_links),
    )
    return [name for name, granted in needed if not granted]


def _when(moment: datetime) -> str:
    return f"<t:{int(moment.timestamp())}:R>"


def subscription_line(view: SubscriptionView) -> str:
    role = f" · pings <@&{view.ping_role_id}>" if view.ping_role_id else ""
    if view.paused_at is not None:
        health = f"⏸️ paused {_when(view.paused_at)}: {safe(view.paused_reason or '')}"
    elif view.last_delivery_at is not None:
        health = f"✅ working; last delivery {_when(view.last_delivery_at)}"
    else:
        health = "✅ working; nothing delivered yet"
    return f"`#{view.id}` <#{view.channel_id}>: {safe(view.scope())}{role}\n  {health}"


async def _in_a_server(interaction: discord.Interaction[ShowBot]) -> discord.Guild | None:
    """The server the command was used in; None (and the user told) in a direct message."""
    if interaction.guild is None:
        await send(interaction, content="This command works in a server, not here.", ephemeral=True)
    return interaction.guild


def _ping_warning(role: discord.Role, guild: discord.Guild) -> str:
    if role.mentionable or guild.me.guild_permissions.mention_everyone:
        return ""
    return (
        f"\nNote: {role.mention} can't be mentioned by me (it isn't mentionable and I lack "
        "Mention All Roles), so the ping won't notify anyone until one of those changes."
    )


class SubscriptionsCog(commands.Cog):
    """Channel subscriptions and the server's schedule."""

    def __init__(self, bot: ShowBot) -> None:
        self.bot = bot
        self.desk = bot.app.subscriptions

    @app_commands.command(
        name="subscribe", description="Announce renewals and cancellations in a channel"
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_channels=True)
    @app_commands.checks.has_permissions(manage_channels=True)
    @app_commands.describe(
        channel="Where to post",
        kinds=KINDS_HELP,
        network="Only this network's shows (e.g. Netflix)",
        show="Only this show",
        ping_role="A role to ping with each announcement",
    )
    async def subscribe(
        self,
        interaction: discord.Interaction[ShowBot],
        channel: discord.TextChannel,
        kinds: app_commands.Range[str, 1, 100] | None = None,
        network: app_commands.Range[str, 1, 200] | None = None,
        show: app_commands.Transform[str, SeriesTitleOption] | None = None,
        ping_role: discord.Role | None = None,
    ) -> None:
        guild = await _in_a_server(interaction)
        if guild is None:
            return
        missing = missing_permissions(channel)
        if missing:
            await send(
                interaction,
                content=f"I can't post announcements in {channel.mention}: I'm missing "
                f"{', '.join(missing)} there. Give me those, then run `/subscribe` again.",
                ephemeral=True,
            )
            return
        if ping_role is not None and ping_role.is_default():
            await send(interaction, content="I won't ping @everyone: pick a role.", ephemeral=True)
            return
        try:
            show_id = show_for_option(self.desk.index, show) if show else None
            outcome = await self.desk.subscribe(
                guild_id=guild.id,
                channel_id=channel.id,
                kinds=kinds,
                network=network,
                show_id=show_id,
                ping_role_id=ping_role.id if ping_role else None,
                by=interaction.user.id,
            )
        except SubscriptionRefusedError as refusal:
            await send(interaction, content=str(refusal), ephemeral=True)
            return
        if outcome.resumed or outcome.action == "resumed":
            self.bot.app.status.wake()  # what was held back goes out now, not at the next poll
        text = outcome.describe(channel.mention, safe, lambda role: f"<@&{role}>")
        if ping_role is not None:
            text += _ping_warning(ping_role, guild)
        await send(interaction, content=text, ephemeral=True)

    @app_commands.command(name="unsubscribe", description="Stop a channel's announcements")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_channels=True)
    @app_commands.checks.has_permissions(manage_channels=True)
    @app_commands.describe(subscription="The subscription to remove (see /subscriptions)")
    async def unsubscribe(
        self,
        interaction: discord.Interaction[ShowBot],
        subscription: app_commands.Range[str, 1, 30],
    ) -> None:
        guild = await _in_a_server(interaction)
        if guild is None:
            return
        number = subscription.strip().lstrip("#")
        if not number.isdigit():
            await send(interaction, content="Pick a subscription from the list.", ephemeral=True)
            return
        try:
            view = await self.desk.unsubscribe(int(number), guild_id=guild.id)
        except SubscriptionRefusedError as refusal:
            await send(interaction, content=str(refusal), ephemeral=True)
            return
        text = f"Removed: <#{view.channel_id}> no longer gets {safe(view.scope())}."
        await send(interaction, content=text, ephemeral=True)

    @unsubscribe.autocomplete("subscription")
    async def _subscriptions_here(
        self, interaction: discord.Interaction[ShowBot], value: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild is None:
            return []
        views = await self.desk.listing(guild_id=interaction.guild.id)
        choices = []
        for view in views:
            channel = interaction.guild.get_channel(view.channel_id)
            name = (
                f"#{view.id} {('#' + channel.name) if channel else view.channel_id}: {view.scope()}"
            )
            if value.lower() in name.lower():
                choices.append(
                    app_commands.Choice(
                        name=clip(visible(name), CHOICE_TEXT_LIMIT), value=str(view.id)
                    )
                )
        return choices[:CHOICE_LIMIT]

    @app_commands.command(
        name="subscriptions", description="This server's announcement channels and their health"
    )
    @app_commands.guild_only()
    async def subscriptions(self, interaction: discord.Interaction[ShowBot]) -> None:
        guild = await _in_a_server(interaction)
        if guild is None:
            return
        views = await self.desk.listing(guild_id=guild.id)
        if not views:
            text = "No channel here gets announcements yet. `/subscribe` sets one up."
        else:
            lines = [subscription_line(view) for view in views]
            text = clip("\n".join(lines), 1900)
        await send(interaction, content=text, ephemeral=True)

    @app_commands.command(name="schedule", description="This server's time zone and weekly digest")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_channels=True)
    @app_commands.checks.has_permissions(manage_channels=True)
    @app_commands.describe(
        timezone="Your time zone, e.g. Europe/Paris (reminders go out at 09:00 there)",
        digest_day="The weekly digest's day, or 'off'",
        digest_time="The digest's local time, 24-hour HH:MM (default 09:00)",
    )
    @app_commands.choices(
        digest_day=[app_commands.Choice(name=d.title(), value=d) for d in WEEKDAYS]
        + [app_commands.Choice(name="Off", value="off")]
    )
    async def schedule(
        self,
        interaction: discord.Interaction[ShowBot],
        timezone: app_commands.Range[str, 1, 64] | None = None,
        digest_day: str | None = None,
        digest_time: app_commands.Range[str, 1, 5] | None = None,
    ) -> None:
        guild = await _in_a_server(interaction)
        if guild is None:
            return
        try:
            schedule = await self.desk.set_schedule(
                guild.id,
                time_zone=timezone,
                digest_day=digest_day,
                digest_time=digest_time,
            )
        except SubscriptionRefusedError as refusal:
            await send(interaction, content=str(refusal), ephemeral=True)
            return
        if schedule.digest_weekday is not None:
            digest = f"every {WEEKDAYS[schedule.digest_weekday].title()} at {schedule.digest_time}"
        elif schedule.digest_time:
            digest = f"off (its time, {schedule.digest_time}, is kept for when a day is set)"
        else:
            digest = "off"
        text = (
            f"Time zone: {schedule.time_zone}. Weekly digest in each subscribed channel: {digest}."
        )
        await send(interaction, content=text, ephemeral=True)

    @schedule.autocomplete("timezone")
    async def _zones(
        self, interaction: discord.Interaction[ShowBot], value: str
    ) -> list[app_commands.Choice[str]]:
        typed = value.strip().lower().replace(" ", "_")
        found = [zone for zone in ZONE_NAMES if typed in zone.lower()]
        return [app_commands.Choice(name=zone, value=zone) for zone in found[:CHOICE_LIMIT]]


async def setup(bot: ShowBot) -> None:
    await bot.add_cog(SubscriptionsCog(bot))
