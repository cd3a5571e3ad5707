"""``FakeDiscord``, the object tests hold: its state served by one aiohttp app on 127.0.0.1
(REST under ``/api/v10``, the gateway at ``/gateway``), the waits tests use to see what the
bot did, and the actions that play Discord's users (commands, clicks, messages) and Discord
itself (dropped or reconnected sessions). It only ties the other modules together: requests
go to ``rest``, websockets to ``gateway``, user actions are built by ``events`` (files a
user attaches by ``attachments``, modal submissions by ``modals``).
"""

# The waits take explicit ``timeout`` arguments on purpose: they are the tests' API.
# ruff: noqa: ASYNC109

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, TypeVar

from aiohttp import web

from tests.e2e.fake_discord import attachments, events, gateway, rest
from tests.e2e.fake_discord.entities import FakeUser
from tests.e2e.fake_discord.interaction import FakeInteraction
from tests.e2e.fake_discord.modals import ModalValue, modal_submit_data
from tests.e2e.fake_discord.protocol import DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, JSONDict
from tests.e2e.fake_discord.records import RecordedRequest
from tests.e2e.fake_discord.state import FakeDiscordState

T = TypeVar("T")


class FakeDiscord(FakeDiscordState):
    """One fake Discord per test: REST under ``/api/v10`` and a gateway at ``/gateway``.

    Everything runs on the test's event loop, bound to 127.0.0.1 on an ephemeral
    port, so tests can run in parallel processes and never touch the network.
    The constructor's options are :class:`~.state.FakeDiscordState`'s.
    """

    _runner: web.AppRunner | None = None
    _site: web.TCPSite | None = None

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on an ephemeral port (never a fixed one: tests may run concurrently)."""
        if self._runner is not None:
            raise RuntimeError("FakeDiscord already started")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._serve_gateway)
        app.router.add_route("*", "/{tail:.*}", self._serve_rest)
        self._runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=1.0, handle_signals=False
        )
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await self._site.start()
        self._port = self._site.port

    async def stop(self) -> None:
        """Close gateway sockets, then the server, so the test loop ends without warnings."""
        await gateway.close_all(self)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            self._site = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _serve_gateway(self, request: web.Request) -> web.StreamResponse:
        return await gateway.serve_gateway(self, request)

    async def _serve_rest(self, request: web.Request) -> web.StreamResponse:
        return await rest.serve_rest(self, request)

    # ---------------------------------------------------------------- waits

    async def wait_for(
        self,
        predicate: Callable[[], T | None],
        timeout: float = 5,
        what: str = "condition",
    ) -> T:
        """Wait until ``predicate()`` returns something truthy (re-checked on every change)."""
        return await self.changes.wait_for(predicate, timeout, what)

    async def wait_until_identified(self, timeout: float = 5, count: int = 1) -> None:
        """Wait until ``count`` IDENTIFYs have been answered with READY and all GUILD_CREATEs."""
        await self.changes.wait_for(
            lambda: (
                True if self.ready_count >= count and self.current_connection is not None else None
            ),
            timeout,
            f"{count} identified gateway session(s)",
        )

    async def wait_until_resumed(self, timeout: float = 5, count: int = 1) -> None:
        await self.changes.wait_for(
            lambda: (
                True if self.resume_count >= count and self.current_connection is not None else None
            ),
            timeout,
            f"{count} gateway resume(s)",
        )

    async def wait_for_request(
        self,
        method: str,
        path: str,
        timeout: float = 5,
        count: int = 1,
    ) -> RecordedRequest:
        """The ``count``-th answered request matching method + path regex."""

        def find() -> RecordedRequest | None:
            matching = [r for r in self.requests_to(method, path) if r.status]
            return matching[count - 1] if len(matching) >= count else None

        return await self.changes.wait_for(find, timeout, f"{method} {path} #{count}")

    async def wait_for_message_in(
        self,
        channel_id: int,
        timeout: float = 5,
        count: int = 1,
    ) -> JSONDict:
        """The ``count``-th message the bot created in a channel via REST."""
        return await self.changes.wait_for(
            lambda: (
                self.channel_messages.get(channel_id, [])[count - 1]
                if len(self.channel_messages.get(channel_id, [])) >= count
                else None
            ),
            timeout,
            f"message #{count} in channel {channel_id}",
        )

    # ------------------------------------------------------ driving the bot

    async def send_interaction(
        self,
        *,
        type: int,
        data: JSONDict,
        user: FakeUser,
        guild_id: int | None,
        channel_id: int,
        message: JSONDict | None = None,
        locale: str = "en-US",
        roles: Sequence[int] = (),
        permissions: int | None = None,
        app_permissions: int | None = None,
        timeout: float = 5,
    ) -> FakeInteraction:
        """Dispatch a complete INTERACTION_CREATE and return its recorder.

        For application commands and autocomplete (types 2/4) ``data`` may be just
        ``{"name": ..., "options": [...]}``: ``type``, ``id`` and, for commands
        registered to this guild, ``guild_id`` are filled in from the last sync,
        because discord.py's tree only finds guild commands through
        ``data.guild_id``. Waits (up to ``timeout``) for a live gateway session of the
        shard owning ``guild_id`` (shard 0 for a DM), where Discord would send it.
        """
        interaction = events.new_interaction(
            self,
            type=type,
            data=data,
            user=user,
            guild_id=guild_id,
            channel_id=channel_id,
            message=message,
            locale=locale,
            roles=roles,
            permissions=permissions,
            app_permissions=app_permissions,
        )
        await gateway.dispatch_live(
            self,
            "INTERACTION_CREATE",
            interaction.payload,
            timeout,
            guild_id=guild_id,
            on_send=interaction,
        )
        return interaction

    async def send_command(
        self,
        name: str,
        *,
        user: FakeUser,
        options: Sequence[JSONDict] = (),
        guild_id: int | None = DEFAULT_GUILD_ID,
        channel_id: int = DEFAULT_CHANNEL_ID,
        **kwargs: Any,
    ) -> FakeInteraction:
        """Shorthand for a slash command invocation (type 2)."""
        return await self.send_interaction(
            type=2,
            data={"name": name, "options": list(options)},
            user=user,
            guild_id=guild_id,
            channel_id=channel_id,
            **kwargs,
        )

    async def click(
        self,
        message: JSONDict,
        custom_id: str,
        *,
        user: FakeUser,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> FakeInteraction:
        """Simulate a component interaction (button: 2, string select: 3) on a known message."""
        data: JSONDict = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        guild_id = int(message["guild_id"]) if message.get("guild_id") else None
        return await self.send_interaction(
            type=3,
            data=data,
            user=user,
            guild_id=kwargs.pop("guild_id", guild_id),
            channel_id=int(message["channel_id"]),
            message=message,
            **kwargs,
        )

    def add_attachment(
        self, data: bytes, filename: str, content_type: str | None = None
    ) -> JSONDict:
        """A file a user attaches to a command's ATTACHMENT option (type 11).

        Returns the attachment object as Discord resolves it (``id``, ``filename``,
        ``size``, signed ``url``/``proxy_url`` on this fake, ``content_type`` when
        given, ``ephemeral``); an option ``{"type": 11, "name": ..., "value": its
        id}`` then gets it in ``data.resolved.attachments``, and the fake's CDN
        serves the bytes at the URL. Over the interaction's
        ``attachment_size_limit`` it raises ValueError: no user could upload that.
        """
        return attachments.user_attachment(self, data, filename, content_type)

    async def submit_modal(
        self,
        interaction: FakeInteraction,
        values: Mapping[str, ModalValue],
        *,
        user: FakeUser | None = None,
        roles: Sequence[int] | None = None,
        timeout: float = 5,
    ) -> FakeInteraction:
        """Fill in and submit the modal the bot answered ``interaction`` with (MODAL_SUBMIT).

        ``values`` maps field custom_ids to what was entered (text, a checkbox's bool,
        picked values or ``add_attachment`` ids); other fields keep the modal's
        defaults. The submit comes from the same user, guild, channel, roles and
        permissions as ``interaction`` unless ``user``/``roles`` say otherwise, and
        carries its message when the modal was opened from a component. Waits up to
        ``timeout`` for the bot's modal; a modal is submitted once.
        """
        modal = await interaction.wait_for_modal(timeout)
        if interaction.modal_submission is not None:
            raise ValueError(f"the modal of interaction {interaction.id} was already submitted")
        data = modal_submit_data(self, modal, values)
        original = interaction.payload
        member: JSONDict | None = original.get("member")
        invoker = self.users[int((member["user"] if member else original["user"])["id"])]
        # the original member's roles and permissions hold only for that same member
        same_member = member is not None and (user is None or user.id == invoker.id)
        keep_permissions = same_member and roles is None
        if roles is None:
            roles = [int(r) for r in member["roles"]] if member and same_member else []
        message = original.get("message")
        if message is not None:
            message = self.messages_by_id.get(int(message["id"]), message)
        submission = events.new_interaction(
            self,
            type=5,
            data=data,
            user=user or invoker,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            message=message,
            locale=original.get("locale", "en-US"),
            roles=roles,
            permissions=int(member["permissions"]) if member and keep_permissions else None,
            app_permissions=int(original["app_permissions"]),
        )
        # linked before dispatch: the bot may answer before the dispatch returns
        submission.modal_of = interaction
        interaction.modal_submission = submission
        await gateway.dispatch_live(
            self,
            "INTERACTION_CREATE",
            submission.payload,
            timeout,
            guild_id=submission.guild_id,
            on_send=submission,
        )
        return submission

    async def send_message(
        self,
        *,
        content: str,
        author: FakeUser,
        channel_id: int,
        guild_id: int | None,
        mentions: Sequence[FakeUser] = (),
        roles: Sequence[int] = (),
        timeout: float = 5,
    ) -> JSONDict:
        """Dispatch a user's MESSAGE_CREATE and return the payload as dispatched.

        Honours intents like Discord: without GUILD_MESSAGES / DIRECT_MESSAGES the
        event is not delivered (see ``suppressed_events``); without MESSAGE_CONTENT
        content/embeds/attachments/components arrive empty unless it is a DM or
        mentions the bot.
        """
        payload = events.new_user_message(
            self,
            content=content,
            author=author,
            channel_id=channel_id,
            guild_id=guild_id,
            mentions=mentions,
            roles=roles,
        )
        sent = await gateway.dispatch_live(
            self,
            "MESSAGE_CREATE",
            payload,
            timeout,
            guild_id=guild_id,
            shape=lambda session: events.message_as_seen_by(session, payload, self.bot_user_id),
        )
        return sent if sent is not None else payload

    async def dispatch_event(self, event: str, data: JSONDict, timeout: float = 5) -> None:
        """Send any other gateway event (GUILD_MEMBER_ADD, ...) to the live session owning
        its ``guild_id`` (shard 0's without one)."""
        guild_id = int(data["guild_id"]) if data.get("guild_id") else None
        await gateway.dispatch_live(self, event, data, timeout, guild_id=guild_id)

    async def drop_gateway(
        self,
        *,
        code: int = 4000,
        resumable: bool = True,
        notify_invalid_session: bool = True,
        timeout: float = 5,
        shard_id: int | None = None,
    ) -> None:
        """End the newest live gateway connection (with ``shard_id``: that shard's) the way
        Discord does.

        ``resumable=True``: close with ``code``; the client must RESUME (op 6) on
        ``resume_gateway_url`` and gets RESUMED. ``resumable=False``: the session
        is forgotten first; with ``notify_invalid_session`` the fake sends op 9
        ``d=false`` and the client must close and re-IDENTIFY (AssertionError if it
        has not closed within ``timeout``), otherwise it just closes with ``code``
        (e.g. 4009) and answers the client's RESUME attempt with op 9 ``d=false``.
        Codes 4004/4010-4014 make discord.py give up entirely.
        """
        await gateway.drop(
            self,
            code=code,
            resumable=resumable,
            notify_invalid_session=notify_invalid_session,
            timeout=timeout,
            shard_id=shard_id,
        )

    async def request_reconnect(self, timeout: float = 5, shard_id: int | None = None) -> None:
        """Send op 7 RECONNECT on the newest live connection (with ``shard_id``: that
        shard's): the client should close and RESUME."""
        await gateway.request_reconnect(self, timeout, shard_id)
