"""The Discord client: the bot class and its factory."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from datetime import timedelta
from typing import Any

import discord
import yarl
from discord.ext import commands
from sqlalchemy.exc import SQLAlchemyError

from bot.announcements.planner import SchedulePlanner
from bot.announcements.relay import AnnouncementRelay
from bot.announcements.scheduler import AnnouncementScheduler
from bot.application import Application
from bot.catalogue.following import CatalogueFollower
from bot.discord.buttons import AnswerButton
from bot.discord.courier import DiscordCourier
from bot.discord.follow_button import FollowButton
from bot.discord.news_review import ReviewButton
from bot.discord.news_watch import NewsWatch
from bot.discord.replies import NO_MENTIONS
from bot.discord.tree import ShowBotTree
from bot.ops.endpoint import OpsEndpoint
from bot.ops.leases import DELIVERER, DELIVERING_ON_SQLITE, ClusterLeases
from bot.ops.metrics import COMMANDS, GatewayView, MetricsReader
from db.errors import DatabaseBusyError, DatabaseUnavailableError
from db.queries import get_state, set_state

log = logging.getLogger(__name__)

NEWS_JOB = "news:poll"
EXTENSIONS = ("cogs.shows", "cogs.subscriptions", "cogs.follows", "cogs.admin")


class TokenRefusedError(Exception):
    """Discord refused the bot token: the operator's to fix, not a bug."""


class ShowBot(commands.Bot):
    """Holds the application's services; the cogs reach them through `bot.app`."""

    def __init__(
        self,
        app: Application,
        *,
        sync_on_start: bool = True,
        deliver: bool | None = None,
        **options: Any,
    ) -> None:
        # showbot never joins voice: spare the operator discord.py's warnings about it.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        options.setdefault("intents", intents)
        super().__init__(
            command_prefix=commands.when_mentioned,
            tree_cls=ShowBotTree,
            allowed_mentions=NO_MENTIONS,
            help_command=None,
            **options,
        )
        self.app = app
        self.sync_on_start = sync_on_start
        self.deliver = app.settings.deliver_announcements if deliver is None else deliver
        """Whether this client posts announcements (`showbot sync` only registers commands)."""
        settings = app.settings
        self.relay = AnnouncementRelay(
            app.database,
            DiscordCourier(self),
            rate=settings.announce_requests_per_second,
            catch_up=timedelta(hours=settings.catch_up_hours),
        )
        self.leases = ClusterLeases(app.database)
        self.announcements = AnnouncementScheduler(
            self.relay,
            SchedulePlanner(app.database),
            poll_seconds=settings.announce_poll_seconds,
            leases=self.leases,
        )
        self.follower = CatalogueFollower(
            app.catalogue, settings.catalogue_refresh_seconds, self._catalogue_changed
        )
        self.ops_endpoint: OpsEndpoint | None = None

    async def login(self, token: str) -> None:
        try:
            await super().login(token)
        except discord.LoginFailure as error:
            raise TokenRefusedError(str(error)) from error

    async def setup_hook(self) -> None:
        # Buttons sent before this start still answer: they are read from their custom_id.
        self.add_dynamic_items(AnswerButton, FollowButton, ReviewButton)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.sync_on_start:
            await self.sync_commands()
        if self.deliver:
            # On SQLite one process delivers: another that does makes this one refuse to start.
            delivering = await self.leases.take_delivering()
            if not delivering:
                log.warning("the database is busy: announcements wait until it is free")
            # Once a start (setup_hook never runs twice), and fixed job ids: nothing doubles.
            self.app.status.on_news = self.announcements.wake
            self.announcements.start(delivering=delivering)
            self._watch_news()
        if self.app.settings.catalogue_refresh_seconds > 0:
            self.follower.start()
        await self._serve_metrics()

    def _catalogue_changed(self) -> None:
        if self.deliver and self.announcements.scheduler.running:
            self.announcements.wake()

    async def _serve_metrics(self) -> None:
        settings = self.app.settings
        if settings.metrics_port is None:
            return
        gateway = GatewayView(
            ready=self.is_ready, shards_down=self.shards_down, latencies=self.shard_latencies
        )
        reader = MetricsReader(self.app.database, self.app.catalogue, gateway)
        self.ops_endpoint = OpsEndpoint(self.app.database, reader, gateway)
        await self.ops_endpoint.start(settings.metrics_host, settings.metrics_port)

    def shard_latencies(self) -> list[tuple[int, float]]:
        """Each shard this process runs, with its heartbeat latency."""
        return [(self.shard_id or 0, self.latency)]

    def shards_down(self) -> list[int]:
        """The shards of this process whose connection is closed now."""
        return [] if self.ws is not None and self.ws.open else [self.shard_id or 0]

    async def on_app_command_completion(
        self,
        interaction: discord.Interaction[ShowBot],
        command: discord.app_commands.Command[Any, ..., Any] | discord.app_commands.ContextMenu,
    ) -> None:
        COMMANDS.labels(command=command.qualified_name, outcome="ok").inc()

    def _watch_news(self) -> None:
        settings = self.app.settings
        if settings.review_channel_id is None:
            if settings.news_feeds:
                log.warning("NEWS_FEEDS is set but REVIEW_CHANNEL_ID is not: feeds are not read")
            return
        watch = NewsWatch(self, settings.review_channel_id)
        self.announcements.every(NEWS_JOB, settings.news_poll_minutes, watch.run_once)

    async def close(self) -> None:
        await self.follower.stop()
        if self.ops_endpoint is not None:
            await self.ops_endpoint.stop()
        self.app.status.on_news = None
        await self.announcements.shutdown()
        if self.deliver:
            with contextlib.suppress(SQLAlchemyError, DatabaseUnavailableError):
                await self.leases.release(DELIVERING_ON_SQLITE)
                await self.leases.release(DELIVERER + self.leases.holder)
        await super().close()

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: questions that mention the bot are the shows cog's business."""

    def _sync_scopes(self) -> list[discord.Object | None]:
        """Where commands are registered: everywhere (or the development guild), and the home
        guild, which alone has the editing commands."""
        scopes: list[discord.Object | None] = [None]
        dev_guild = self.app.settings.dev_guild_id
        if dev_guild is not None:
            development = discord.Object(id=dev_guild)
            self.tree.copy_global_to(guild=development)
            scopes = [development]
        home = self.app.settings.home_guild_id
        if home is not None and home != dev_guild:
            scopes.append(discord.Object(id=home))
        return scopes

    def command_digest(self, guild: discord.abc.Snowflake | None) -> str:
        """A hash of the command definitions as Discord would receive them."""
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands(guild=guild)]
        encoded = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(encoded).hexdigest()

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Registers the commands with Discord where their definitions changed (or if
        forced); whether any were synced."""
        synced = False
        for guild in self._sync_scopes():
            synced |= await self._sync_scope(guild, force=force)
        return synced

    async def _sync_scope(self, guild: discord.Object | None, *, force: bool) -> bool:
        digest = self.command_digest(guild)
        key = f"commands:{self.application_id}:{guild.id if guild else 'global'}"
        async with self.app.database.session() as session:
            stored = await get_state(session, key)
        where = f"guild {guild.id}" if guild else "all guilds"
        if stored == digest and not force:
            log.info("commands for %s unchanged since the last sync; not syncing", where)
            return False
        synced = await self.tree.sync(guild=guild)
        try:
            # One try (the busy timeout's few seconds): the bot is not to wait out an import.
            async with self.app.database.transaction(wait=0) as session:
                await set_state(session, key, digest)
        except DatabaseBusyError as error:
            # The commands are synced; only the note of it is lost, and the next start syncs
            # once more. Not a reason to stop the bot.
            log.warning("could not note the command sync: %s", error)
        log.info("synced %d commands to %s", len(synced), where)
        return True


def point_at_endpoints(api_base_url: str, gateway_url: str) -> None:
    """Sends discord.py's REST calls and gateway connection where the settings say.

    Discord's own by default; a rate-limit proxy in big deployments, a fake in the tests.
    discord.py keeps both on classes, so this holds for the whole process.
    """
    discord.http.Route.BASE = api_base_url.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


class ShardedShowBot(ShowBot, commands.AutoShardedBot):
    """The bot running some of the gateway shards (`SHARD_IDS` of `SHARD_COUNT`): several
    processes, each with its own shards, share the guilds between them."""

    def shard_latencies(self) -> list[tuple[int, float]]:
        return list(self.latencies)

    def shards_down(self) -> list[int]:
        return [shard_id for shard_id, shard in self.shards.items() if shard.is_closed()]


def create_bot(app: Application, **options: Any) -> ShowBot:
    settings = app.settings
    point_at_endpoints(settings.discord_api_base_url, settings.discord_gateway_url)
    if settings.shard_count is None:
        return ShowBot(app, **options)
    options.setdefault("shard_count", settings.shard_count)
    options.setdefault("shard_ids", settings.shard_ids or None)
    return ShardedShowBot(app, **options)
