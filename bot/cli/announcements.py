"""`showbot status set` and `showbot subscriptions`: a show's status changed by hand, and the
channels that hear about such changes, from the command line.

Both work on the database only. A running bot finds the announcements a change queued by
itself (it looks every ANNOUNCE_POLL_SECONDS), and it is the bot, not this command, that
finds out whether it may post in a channel: one it cannot post in is paused at its first
delivery, and `showbot subscriptions list` then says so.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from datetime import UTC, date, datetime
from typing import TextIO

from bot.announcements.desk import StatusRefusedError, StatusRequest
from bot.announcements.subscribing import SubscriptionRefusedError, SubscriptionView
from bot.application import Application
from bot.cli.exit_codes import EXIT_OK, EXIT_USAGE, run_to_exit_code
from bot.editing.decisions import set_status as set_decision
from bot.editing.editors import Actor
from bot.editing.fields import EditRefusedError
from bot.editing.shows import show_named
from bot.matching.index import TitleIndex
from bot.settings import Settings
from db.vocabulary import ShowStatus

__all__ = ["set_status", "status_command", "subscriptions_command"]

LARGEST_ID = 2**63 - 1
"""Discord ids (snowflakes) are stored as signed 64-bit integers."""
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class CommandRefusedError(ValueError):
    """A command line that names something wrong: the message says what to give instead."""


# -- reading what was typed ---------------------------------------------------------------


def command_line_actor() -> Actor:
    """Who the audit trail names for a change made at the command line."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return Actor(id=None, name="command line")
    return Actor(id=None, name=f"command line ({user})")


def resolve_show(index: TitleIndex, text: str, *, exactly: bool = False) -> int:
    try:
        return show_named(index, text, exactly=exactly)
    except EditRefusedError as refusal:
        raise CommandRefusedError(str(refusal)) from None


def parse_status(text: str) -> ShowStatus:
    try:
        return ShowStatus.parse(text)
    except ValueError:
        known = ", ".join(status.value for status in ShowStatus)
        raise CommandRefusedError(f"{text!r} is not a status; use one of {known}.") from None


def parse_date(text: str) -> date:
    if not ISO_DATE.fullmatch(text.strip()):
        raise CommandRefusedError(f"--date {text!r}: give the date as YYYY-MM-DD, like 2022-11-08.")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:  # the right shape, but no such day (2022-02-30)
        raise CommandRefusedError(f"--date {text}: there is no such day ({error}).") from None


def parse_moment(text: str) -> tuple[datetime, bool]:
    """An ISO date and time, in UTC; and whether it had no offset (so UTC was assumed)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandRefusedError(
            f"--announce-at {text!r}: give a date and time as YYYY-MM-DDTHH:MM, with an offset "
            "such as +02:00 or Z (without one it is taken as UTC)."
        ) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC), True
    return moment.astimezone(UTC), False


def discord_id(value: int | None, what: str) -> int | None:
    if value is not None and not 0 < value <= LARGEST_ID:
        raise CommandRefusedError(f"{what} {value} is not a Discord id (a positive number).")
    return value


def _refused(command: str, error: Exception, err: TextIO | None) -> int:
    print(f"showbot {command}: {error}", file=err or sys.stderr)
    return EXIT_USAGE


# -- showbot status set -------------------------------------------------------------------


def status_command(settings: Settings, arguments: argparse.Namespace) -> int:
    """`showbot status set`, from its parsed command line."""
    return run_to_exit_code(
        set_status(
            settings,
            arguments.title,
            arguments.status,
            effective_date=arguments.date,
            seasons=arguments.seasons,
            source_url=arguments.source,
            note=arguments.note,
            announce_at=arguments.announce_at,
            silent=arguments.silent,
        )
    )


async def set_status(
    settings: Settings,
    title: str,
    status: str,
    *,
    effective_date: str | None = None,
    seasons: int | None = None,
    source_url: str | None = None,
    note: str | None = None,
    announce_at: str | None = None,
    silent: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Records the change with its announcements and prints what will be told to whom."""
    out = out or sys.stdout
    try:  # what can be checked without the database, before paying for opening it
        new_status = parse_status(status)
        day = parse_date(effective_date) if effective_date is not None else None
        moment, assumed_utc = parse_moment(announce_at) if announce_at else (None, False)
    except CommandRefusedError as error:
        return _refused("status set", error, err)
    app = await Application.open(settings)
    try:
        show_id = resolve_show(app.catalogue.index, title, exactly=True)
        request = StatusRequest(
            show_id=show_id,
            status=new_status,
            effective_date=day,
            seasons=seasons,
            source_url=source_url,
            note=note,
            announce_at=moment,
            silent=silent,
        )
        # The operator at the command line has confirmed by typing it: no second question.
        decision = await set_decision(
            app.edits, app.status, command_line_actor(), request, confirmed=True
        )
        outcome = decision.status
    except (CommandRefusedError, StatusRefusedError, EditRefusedError) as error:
        return _refused("status set", error, err)
    finally:
        await app.close()
    if moment is not None and assumed_utc:
        print(
            f"--announce-at had no time zone: taken as UTC, {moment:%Y-%m-%d %H:%M} UTC.", file=out
        )
    print(outcome.summary(), file=out)
    if outcome.channels or outcome.people:
        print(
            "A running bot sends them by itself; it looks for due announcements every "
            f"{settings.announce_poll_seconds:g} s (ANNOUNCE_POLL_SECONDS).",
            file=out,
        )
    return EXIT_OK


# -- showbot subscriptions ----------------------------------------------------------------


def subscriptions_command(settings: Settings, arguments: argparse.Namespace) -> int:
    """`showbot subscriptions add|list|remove`, from its parsed command line."""
    action = arguments.subscriptions_command
    if action == "add":
        work = add_subscription(
            settings,
            guild_id=arguments.guild,
            channel_id=arguments.channel,
            kinds=arguments.kinds,
            network=arguments.network,
            show=arguments.show,
            role_id=arguments.role,
        )
    elif action == "list":
        work = list_subscriptions(settings, guild_id=arguments.guild)
    else:
        work = remove_subscription(settings, arguments.id, guild_id=arguments.guild)
    return run_to_exit_code(work)


def subscription_line(view: SubscriptionView) -> str:
    """One subscription on one line: ids as numbers, so that they can be pasted back."""
    role = f"pings role {view.ping_role_id}" if view.ping_role_id else "no ping"
    return (
        f"#{view.id}  guild {view.guild_id}  channel {view.channel_id}  "
        f"{view.scope()}  {role}  {view.health()}"
    )


async def add_subscription(
    settings: Settings,
    *,
    guild_id: int,
    channel_id: int,
    kinds: str | None = None,
    network: str | None = None,
    show: str | None = None,
    role_id: int | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    try:
        discord_id(guild_id, "--guild")
        discord_id(channel_id, "--channel")
        discord_id(role_id, "--role")
    except CommandRefusedError as error:
        return _refused("subscriptions add", error, err)
    app = await Application.open(settings)
    try:
        show_id = resolve_show(app.catalogue.index, show) if show is not None else None
        outcome = await app.subscriptions.subscribe(
            guild_id=guild_id,
            channel_id=channel_id,
            kinds=kinds,
            network=network,
            show_id=show_id,
            ping_role_id=role_id,
        )
    except (CommandRefusedError, SubscriptionRefusedError) as error:
        return _refused("subscriptions add", error, err)
    finally:
        await app.close()
    print(outcome.describe(f"channel {channel_id}"), file=out)
    for view in outcome.views:
        print(subscription_line(view), file=out)
    print(
        "Whether the bot may post in that channel cannot be checked from here: if it cannot, "
        "the subscription is paused at its first delivery (`showbot subscriptions list`).",
        file=out,
    )
    return EXIT_OK


async def list_subscriptions(
    settings: Settings, *, guild_id: int | None = None, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    app = await Application.open(settings)
    try:
        found = await app.subscriptions.listing(guild_id=guild_id)
    finally:
        await app.close()
    if not found:
        where = f" in guild {guild_id}" if guild_id is not None else ""
        print(f"No subscriptions{where}.", file=out)
    for view in found:
        print(subscription_line(view), file=out)
    return EXIT_OK


async def remove_subscription(
    settings: Settings,
    subscription_id: int,
    *,
    guild_id: int | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    app = await Application.open(settings)
    try:
        view = await app.subscriptions.unsubscribe(subscription_id, guild_id=guild_id)
    except SubscriptionRefusedError:
        # The desk's sentence points at the slash command; here the list is a CLI command.
        where = f" in guild {guild_id}" if guild_id is not None else ""
        problem = CommandRefusedError(
            f"There is no subscription #{subscription_id}{where}: "
            "`showbot subscriptions list` lists them."
        )
        return _refused("subscriptions remove", problem, err)
    finally:
        await app.close()
    print(f"Removed subscription #{view.id}:", file=out)
    print(subscription_line(view), file=out)
    return EXIT_OK
