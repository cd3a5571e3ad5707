"""A fake Discord (REST + gateway) for driving the real discord.py client in tests.

Why this exists: the bot's behaviour only matters as Discord sees it (which HTTP
calls, in which order, with which payloads, and how the client copes with
rate limits, outages and dropped sockets). Mocking discord.py's internals would
test our assumptions about discord.py; this fake instead speaks Discord's wire
protocol on 127.0.0.1 so the *real* client library runs unmodified, and records
everything the bot sent so tests can assert on it.

Point the client at it with::

    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)

Conventions:

* Every recorded REST path is stored WITHOUT the ``/api/v10`` prefix
  (``/channels/123/messages``); fault rules and buckets match against that same
  form with ``re.fullmatch``. Websocket upgrades to ``/gateway`` are not REST
  requests: they are listed in :attr:`FakeDiscord.gateway_connections`.
* JSON answers carry ``Content-Type: application/json`` exactly (with a charset
  discord.py reads the body as text and breaks).
* Answers follow Discord's own error codes (10003 Unknown Channel, 40060 already
  acknowledged, 50035 Invalid Form Body, ...), so the bot's error handling is
  exercised against realistic failures, and Discord's documented payload limits
  are enforced (``validate=True``) because discord.py does not check them.

This package exports what the tests use; the rest lives in its modules: ``server``
(the :class:`FakeDiscord` itself), ``state``, ``rest`` and the ``*_routes`` modules,
``gateway``, ``events``, ``payloads``, ``messages``, ``faults``, ``global_limit``
(Discord's 50 requests a second, when asked for), ``validation``,
``interaction``, ``attachments`` (files users attach, and the CDN serving them),
``modals`` (submitting the bot's modals), ``records``, ``entities`` (``FakeGuild``,
``FakeChannel``, ``FakeTeamMember``, ...), ``waiting`` and ``protocol`` (ids, permission
bits, intents).
"""

from tests.e2e.fake_discord.entities import FakeTeamMember, FakeUser
from tests.e2e.fake_discord.faults import Fault
from tests.e2e.fake_discord.interaction import FakeInteraction
from tests.e2e.fake_discord.protocol import DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, JSONDict
from tests.e2e.fake_discord.server import FakeDiscord
from tests.e2e.fake_discord.waiting import while_running

__all__ = [
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_GUILD_ID",
    "FakeDiscord",
    "FakeInteraction",
    "FakeTeamMember",
    "FakeUser",
    "Fault",
    "JSONDict",
    "while_running",
]
