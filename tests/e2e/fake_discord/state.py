"""Everything one fake Discord knows and remembers, in ``FakeDiscordState``: its configuration,
the world it pretends (application, bot user, guilds, users, messages, DM channels,
interactions, registered commands), what it recorded of the traffic, and the live gateway
sessions (several at once when the client runs shards, or several clients run). It is the
object the REST routes, the gateway and the builders all receive, and ``FakeDiscord`` is this
state plus a server; the recordings are the tests' to read, the working stores at the end
belong to the fake's modules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from tests.e2e.fake_discord.entities import FakeChannel, FakeGuild, FakeTeamMember, FakeUser
from tests.e2e.fake_discord.faults import FaultPlan
from tests.e2e.fake_discord.gateway_connection import GatewayConnection, Session
from tests.e2e.fake_discord.global_limit import GlobalRateLimit
from tests.e2e.fake_discord.interaction import FakeInteraction
from tests.e2e.fake_discord.protocol import (
    API_PREFIX,
    CDN_PATH_PREFIXES,
    DEFAULT_APPLICATION_ID,
    DEFAULT_BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    DEFAULT_OWNER_ID,
    DEFAULT_TEAM_ID,
    MESSAGE_FLAG_EPHEMERAL,
    JSONDict,
    new_snowflake,
)
from tests.e2e.fake_discord.records import (
    GatewayConnectionInfo,
    RecordedRequest,
    StoredFile,
)
from tests.e2e.fake_discord.waiting import Changes


class FakeDiscordState:
    """The configuration, world and recordings of one fake Discord (see the module doc)."""

    def __init__(
        self,
        *,
        application_id: int = DEFAULT_APPLICATION_ID,
        bot_user_id: int = DEFAULT_BOT_USER_ID,
        guilds: Sequence[FakeGuild] | None = None,
        compress: bool = False,
        heartbeat_interval_ms: int = 41250,
        token: str | None = None,
        bot_username: str = "showbot",
        owner: FakeUser | None = None,
        interaction_deadline: float | None = 3.0,
        validate: bool = True,
        allow_privileged_intents: bool = True,
        nonce_window: float = 300.0,
        compressed_frame_size: int | None = None,
        global_rate_limit: int | None = None,
        team: Sequence[FakeUser | FakeTeamMember] | None = None,
        team_id: int = DEFAULT_TEAM_ID,
    ) -> None:
        """
        ``token``: when set, REST ``Authorization`` and gateway IDENTIFY/RESUME must
        carry it (401 / close 4004 otherwise); when None any ``Bot <x>`` is accepted.
        ``interaction_deadline``: seconds within which the first callback must
        arrive, else 404/10062 like Discord's 3 s rule (None disables).
        ``validate``: enforce Discord's payload limits (400/50035, 50006).
        ``allow_privileged_intents``: False closes IDENTIFY asking for members,
        presences or message content with 4014, like an app without them enabled.
        ``compressed_frame_size``: split compressed payloads into binary frames of
        at most this many bytes (Discord does for large payloads).
        ``global_rate_limit``: requests a second over all routes but interaction
        callbacks, like Discord's 50 a bot; beyond it a global 429 (None: no limit).
        ``team``: make the application team-owned, with these members (a plain
        ``FakeUser`` is a developer); ``owner`` is then the team's owner, an admin
        member whether listed or not, and the application's ``owner`` becomes the
        team's pseudo-user, as Discord answers. None (the default): owned by ``owner``.
        """
        self.application_id: int = application_id
        self.bot_user_id: int = bot_user_id
        self.owner: FakeUser = owner or FakeUser(
            id=DEFAULT_OWNER_ID, username="owner", global_name="Owner"
        )
        self.bot_user: FakeUser = FakeUser(id=bot_user_id, username=bot_username, bot=True)
        self.team_id: int = team_id
        self.team_members: list[FakeTeamMember] | None = (
            _team_with_owner(team, self.owner) if team is not None else None
        )
        """The owning team's members (its owner included), or None for a user-owned application."""
        self.guilds: list[FakeGuild] = (
            list(guilds)
            if guilds is not None
            else [
                FakeGuild(
                    id=DEFAULT_GUILD_ID,
                    name="Test Guild",
                    channels=[FakeChannel(id=DEFAULT_CHANNEL_ID, name="general")],
                    owner_id=self.owner.id,
                )
            ]
        )
        self.compress: bool = compress
        self.heartbeat_interval_ms: int = heartbeat_interval_ms
        self.token: str | None = token
        self.interaction_deadline: float | None = interaction_deadline
        self.validate: bool = validate
        self.allow_privileged_intents: bool = allow_privileged_intents
        self.nonce_window: float = nonce_window
        self.compressed_frame_size: int | None = compressed_frame_size
        self.ack_heartbeats: bool = True
        """Set False to stop answering heartbeats (a zombie connection)."""
        self.faults: FaultPlan = FaultPlan()
        self.global_limit: GlobalRateLimit | None = (
            GlobalRateLimit(global_rate_limit) if global_rate_limit is not None else None
        )
        """What the global limit accepted and refused (None when ``global_rate_limit`` is off)."""

        # REST recording
        self.requests: list[RecordedRequest] = []
        self.unknown_requests: list[RecordedRequest] = []
        self.registered_commands: dict[int | None, list[JSONDict]] = {}
        self.channel_messages: dict[int, list[JSONDict]] = {}
        self.deleted_messages: list[JSONDict] = []
        self.message_edits: list[JSONDict] = []
        """``{"channel_id", "message_id", "body"}`` for each PATCH /channels/{id}/messages/{id}."""
        self.reactions: list[tuple[int, int, str]] = []
        self.typing: list[int] = []
        self.interactions: dict[int, FakeInteraction] = {}
        self.internal_errors: list[BaseException] = []
        """Exceptions raised inside the fake itself (answered 500); healthy tests leave it empty."""

        # gateway recording
        self.identify_count: int = 0
        self.resume_count: int = 0
        self.ready_count: int = 0
        self.invalid_session_count: int = 0
        self.heartbeat_count: int = 0
        self.identify_payloads: list[JSONDict] = []
        self.gateway_received: list[JSONDict] = []
        self.gateway_connections: list[GatewayConnectionInfo] = []
        self.dispatched: list[tuple[str, JSONDict]] = []
        self.suppressed_events: list[tuple[str, JSONDict]] = []
        """Events not delivered because the session's intents exclude them (as Discord would)."""
        self.presence_updates: list[JSONDict] = []

        self.users: dict[int, FakeUser] = {}
        for user in (self.owner, self.bot_user):
            self.users[user.id] = user
        for member in self.team_members or []:
            self.users.setdefault(member.user.id, member.user)

        # working stores of the fake's modules
        self.changes = Changes()
        self.sessions: dict[str, Session] = {}
        self.open_connections: set[GatewayConnection] = set()
        self.live_connections: list[GatewayConnection] = []
        """The connections events may go to, oldest first: one joins once READY (with its
        GUILD_CREATEs) or RESUMED is sent on it, and leaves when it drops. A guild's events go
        to the newest whose session owns the guild (``gateway.owning_connection``)."""
        self.messages_by_id: dict[int, JSONDict] = {}
        """Every message the fake knows (users', the bot's, interaction responses)."""
        self.sent_nonces: dict[tuple[int, str], tuple[float, JSONDict]] = {}
        self.dm_channels: dict[int, JSONDict] = {}
        self.dm_channel_by_user: dict[int, int] = {}
        self.bot_role_ids: dict[int, int] = {g.id: new_snowflake() for g in self.guilds}
        self.interactions_by_token: dict[str, FakeInteraction] = {}
        self.cdn_files: dict[int, StoredFile] = {}
        """Files the CDN serves by attachment id (tests' uploads and the bot's)."""
        self._port: int = 0

    @property
    def current_connection(self) -> GatewayConnection | None:
        """The newest live connection, whatever its shard (None when none is live)."""
        return self.live_connections[-1] if self.live_connections else None

    # ------------------------------------------------------------- addresses

    @property
    def port(self) -> int:
        if not self._port:
            raise RuntimeError("FakeDiscord not started")
        return self._port

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # ------------------------------------------------------------- lookups

    def add_user(self, user: FakeUser) -> FakeUser:
        """Make a user known (so mentions and fetch_user resolve it)."""
        self.users[user.id] = user
        return user

    def guild(self, guild_id: int) -> FakeGuild:
        for guild in self.guilds:
            if guild.id == guild_id:
                return guild
        raise KeyError(f"no fake guild {guild_id}")

    def messages_in(self, channel_id: int) -> list[JSONDict]:
        """Messages the bot created via POST /channels/{id}/messages (not deleted), oldest first."""
        return list(self.channel_messages.get(channel_id, []))

    def all_messages_in(self, channel_id: int) -> list[JSONDict]:
        """Every message the fake knows in a channel (users', the bot's, non-ephemeral replies)."""
        return sorted(
            (
                m
                for m in self.messages_by_id.values()
                if int(m["channel_id"]) == channel_id
                and not (m.get("flags", 0) & MESSAGE_FLAG_EPHEMERAL)
            ),
            key=lambda m: int(m["id"]),
        )

    def interaction(self, interaction_id: int) -> FakeInteraction:
        return self.interactions[interaction_id]

    def requests_to(self, method: str, path: str) -> list[RecordedRequest]:
        """Recorded requests whose path fullmatches the regex ``path``."""
        pattern = re.compile(path)
        return [
            r for r in self.requests if r.method == method.upper() and pattern.fullmatch(r.path)
        ]

    @property
    def cdn_requests(self) -> list[RecordedRequest]:
        """Requests for attachment files (``Attachment.read()`` and the like), oldest first."""
        # the same path under /api/v10 is not the CDN's, and is answered as unknown
        unknown = {id(r) for r in self.unknown_requests}
        return [
            r
            for r in self.requests
            if r.path.startswith(CDN_PATH_PREFIXES) and id(r) not in unknown
        ]

    def user_payload(self, user_id: int) -> JSONDict:
        user = self.users.get(user_id)
        if user is not None:
            return user.to_payload()
        return FakeUser(id=user_id, username=f"user{user_id}").to_payload()

    def token_ok(self, token: Any) -> bool:
        """Whether a REST or gateway token is accepted (any non-empty one without ``token``)."""
        if not isinstance(token, str) or not token:
            return False
        return self.token is None or token == self.token


def _team_with_owner(
    team: Sequence[FakeUser | FakeTeamMember], owner: FakeUser
) -> list[FakeTeamMember]:
    members = [m if isinstance(m, FakeTeamMember) else FakeTeamMember(user=m) for m in team]
    if not any(m.user.id == owner.id for m in members):
        members.insert(0, FakeTeamMember(user=owner, role="admin"))
    return members
