"""`showbot status set` and `showbot subscriptions`, run through `main` on a real database
with the real desks: what is printed, what is refused, and the exit codes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.application import Application
from bot.cli.main import main
from bot.settings import Settings


@pytest.fixture(autouse=True)
def _database(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)


def showbot(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Runs one command; its exit code, stdout and stderr."""
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_sentence(err: str, command: str) -> None:
    assert "Traceback" not in err and 'File "' not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"showbot {command}: "), err
    assert lines[0].rstrip().endswith("."), err


def show_id(title: str) -> int:
    """The id the catalogue gave a show, asked of the application itself."""

    async def look_up() -> int:
        app = await Application.open(Settings())
        try:
            match = app.catalogue.index.resolve(title).match
            assert match is not None
            return match.entry.show_id
        finally:
            await app.close()

    return asyncio.run(look_up())


# -- status set ---------------------------------------------------------------------------


def test_a_new_status_is_recorded_and_the_same_one_again_is_not(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = showbot(capsys, "status", "set", "Partner Track", "renewed")
    assert (code, err) == (0, "")
    assert out.strip() == "Recorded for Partner Track; no channel or person is to be told."
    code, out, err = showbot(capsys, "status", "set", "partner track", "Renewed")
    assert (code, err) == (0, "")
    assert out.strip() == ("Partner Track already has that status: nothing recorded or announced.")


def test_a_subscribed_channel_is_counted(capsys: pytest.CaptureFixture[str]) -> None:
    add = ("subscriptions", "add", "--guild", "10", "--channel", "20")
    assert showbot(capsys, *add, "--kinds", "renewals,cancellations")[0] == 0
    # Another channel wants only endings: a renewal is not news to it.
    assert showbot(capsys, *add[:-1], "21", "--kinds", "endings")[0] == 0
    code, out, err = showbot(capsys, "status", "set", "Partner Track", "renewed", "--seasons", "2")
    assert (code, err) == (0, "")
    assert "Recorded for Partner Track: announcing to 1 channel(s) and 0 follower(s)." in out
    assert "ANNOUNCE_POLL_SECONDS" in out  # the running bot sends them; nothing else to do


def test_a_silent_change_is_recorded_but_told_to_no_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    showbot(capsys, "subscriptions", "add", "--guild", "10", "--channel", "20")
    code, out, _ = showbot(capsys, "status", "set", "The Watcher", "cancelled", "--silent")
    assert code == 0
    assert out.strip() == "Recorded for The Watcher; no channel or person is to be told."
    again = showbot(capsys, "status", "set", "The Watcher", "cancelled")
    assert "already has that status" in again[1]


def _in_two_days() -> datetime:
    return (datetime.now(UTC) + timedelta(days=2)).replace(second=0, microsecond=0)


def test_an_announcement_time_without_an_offset_is_taken_as_utc(
    capsys: pytest.CaptureFixture[str],
) -> None:
    showbot(capsys, "subscriptions", "add", "--guild", "10", "--channel", "20")
    at = _in_two_days()
    code, out, err = showbot(
        capsys,
        "status",
        "set",
        "The Imperfects",
        "renewed",
        "--announce-at",
        f"{at:%Y-%m-%dT%H:%M}",
    )
    assert (code, err) == (0, "")
    assert "taken as UTC" in out
    assert f"announcing to 1 channel(s) and 0 follower(s) at {at:%Y-%m-%d %H:%M} UTC." in out


def test_an_announcement_time_with_an_offset_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    showbot(capsys, "subscriptions", "add", "--guild", "10", "--channel", "20")
    at = _in_two_days()
    two_hours_east = at.astimezone(timezone(timedelta(hours=2))).isoformat()  # "…T16:00+02:00"
    code, out, _ = showbot(
        capsys, "status", "set", "The Imperfects", "renewed", "--announce-at", two_hours_east
    )
    assert code == 0
    assert "taken as UTC" not in out
    assert f"at {at:%Y-%m-%d %H:%M} UTC." in out


def test_a_show_can_be_named_by_its_id(capsys: pytest.CaptureFixture[str]) -> None:
    number = show_id("The Watcher")
    code, out, _ = showbot(capsys, "status", "set", f"id:{number}", "ended")
    assert code == 0
    assert out.startswith("Recorded for The Watcher")


NOTE = "x" * 5000


@pytest.mark.parametrize(
    ("arguments", "sentence"),
    [
        (["Partner Track", "sort of"], "is not a status; use one of renewed, cancelled"),
        (["Partner Track", "ended", "--date", "2022-02-30"], "2022-02-30: there is no such day"),
        (["Partner Track", "ended", "--date", "8 Nov 2022"], "give the date as YYYY-MM-DD"),
        (["Breaking Bad", "ended"], 'No show called "Breaking Bad" is in the catalogue'),
        (["Partner Track", "ended", "--note", NOTE], "The note has 5000 characters"),
        (["Partner Track", "ended", "--source", "netflix.com/x"], "must be a web address"),
        (["Partner Track", "ended", "--seasons", "0"], "Seasons must be a number from 1"),
        (["Partner Track", "ended", "--announce-at", "soon"], "give a date and time"),
        (["Partner Track", "ended", "--announce-at", "2099-01-01T00:00Z"], "a year at most"),
        (["id:99999", "ended"], "No show in the catalogue has the id 99999."),
        (["id:first", "ended"], "after id: give a show's number"),
        (["partner trak", "ended"], "did you mean Partner Track (2022, id:"),
        (["Partner Track", "ended", "--date", "2099-01-01"], "cannot be dated in the future"),
        (["Partner Track", "ended", "--announce-at", "2025-01-01T00:00Z"], "in the past"),
        (["Partner Track", "ended", "--source", "https://exa mple.com/x"], "without spaces"),
        (["Partner Track", "ended", "--note", "bell\x07"], "control characters"),
    ],
    ids=[
        "status",
        "impossible-date",
        "date-shape",
        "title",
        "long-note",
        "url",
        "seasons",
        "time",
        "far-time",
        "unknown-id",
        "bad-id",
        "typo",
        "future-date",
        "past-time",
        "url-space",
        "control-note",
    ],
)
def test_what_cannot_be_recorded_is_a_sentence(
    capsys: pytest.CaptureFixture[str], arguments: list[str], sentence: str
) -> None:
    code, out, err = showbot(capsys, "status", "set", *arguments)
    assert code == 2
    assert out == ""
    assert sentence in err
    assert_one_sentence(err, "status set")


def test_an_ambiguous_title_lists_the_shows_and_the_year_picks_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    remakes = tmp_path / "remakes.csv"
    remakes.write_text("title,year\nThe Office,2005\nThe Office,2001\n", encoding="utf-8")
    assert showbot(capsys, "import", str(remakes))[0] == 0
    code, _, err = showbot(capsys, "status", "set", "the office", "ended")
    assert code == 2
    assert "The Office (2005, id:" in err and "The Office (2001, id:" in err
    assert "Add the year or be more exact" in err
    assert_one_sentence(err, "status set")
    code, out, _ = showbot(capsys, "status", "set", "the office 2001", "ended")
    assert code == 0 and out.startswith("Recorded for The Office")


def test_a_near_miss_names_the_nearest_shows(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = showbot(
        capsys,
        "subscriptions",
        "add",
        "--guild",
        "1",
        "--channel",
        "2",
        "--show",
        "Imperfect Watchers",
    )
    assert code == 2
    assert 'No show called "Imperfect Watchers" is in the catalogue' in err
    assert "The Imperfects (2022, id:" in err or "The Watcher (2022, id:" in err
    assert_one_sentence(err, "subscriptions add")


# -- subscriptions ------------------------------------------------------------------------


def test_subscriptions_add_list_and_remove(capsys: pytest.CaptureFixture[str]) -> None:
    add = ("subscriptions", "add", "--guild", "10", "--channel", "20")
    code, out, err = showbot(capsys, *add, "--kinds", "renewals,cancellations", "--role", "30")
    assert (code, err) == (0, "")
    assert out.startswith(
        "Subscribed: channel 20 will get renewals, cancellations, pinging role 30 (#1)."
    )
    assert "cannot be checked from here" in out  # the bot's permissions in that channel
    code, out, _ = showbot(capsys, *add, "--kinds", "renewals")
    assert code == 0 and out.startswith(
        "Updated #1: channel 20 gets renewals, pinging role 30 "
        "(was renewals, cancellations, pinging role 30)."
    )
    code, out, _ = showbot(capsys, *add)  # the channel alone: nothing to change
    assert code == 0 and out.startswith("channel 20 already gets #1 renewals, pinging role 30.")
    code, _, err = showbot(capsys, *add, "--network", "Netflx")
    assert code == 2 and "No show in my catalogue is on 'Netflx'. Did you mean Netflix?" in err
    code, _, err = showbot(capsys, *add, "--network", "netflix", "--show", "partner track")
    assert code == 0  # the network as the catalogue spells it, and the show is on it
    showbot(capsys, "subscriptions", "add", "--guild", "11", "--channel", "40", "--show", "dahmer")

    code, out, _ = showbot(capsys, "subscriptions", "list")
    assert code == 0
    assert out.splitlines() == [
        "#1  guild 10  channel 20  renewals  pings role 30  working; nothing delivered yet",
        "#2  guild 10  channel 20  all on Netflix about Partner Track  no ping  "
        "working; nothing delivered yet",
        "#3  guild 11  channel 40  all about Dahmer – Monster: The Jeffrey Dahmer Story  "
        "no ping  working; nothing delivered yet",
    ]
    assert showbot(capsys, "subscriptions", "list", "--guild", "11")[1].startswith("#3 ")
    assert showbot(capsys, "subscriptions", "list", "--guild", "99")[1] == (
        "No subscriptions in guild 99.\n"
    )

    code, _, err = showbot(capsys, "subscriptions", "remove", "1", "--guild", "11")
    assert code == 2  # another guild's: not removed
    assert_one_sentence(err, "subscriptions remove")
    code, out, _ = showbot(capsys, "subscriptions", "remove", "#1")
    assert code == 0 and out.startswith("Removed subscription #1:")
    assert [line[:3] for line in showbot(capsys, "subscriptions", "list")[1].splitlines()] == [
        "#2 ",
        "#3 ",
    ]


def test_removing_an_unknown_subscription_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = showbot(capsys, "subscriptions", "remove", "42")
    assert (code, out) == (2, "")
    assert "There is no subscription #42: `showbot subscriptions list` lists them." in err
    assert_one_sentence(err, "subscriptions remove")


@pytest.mark.parametrize(
    ("arguments", "sentence"),
    [
        (["--kinds", "gossip"], "I don't announce 'gossip'"),
        (["--show", "Breaking Bad"], 'No show called "Breaking Bad"'),
        (["--network", "N" * 201], "at most 200 characters"),
        (["--role", "0"], "--role 0 is not a Discord id"),
    ],
    ids=["kinds", "show", "network", "role"],
)
def test_a_subscription_that_cannot_be_saved_is_a_sentence(
    capsys: pytest.CaptureFixture[str], arguments: list[str], sentence: str
) -> None:
    code, out, err = showbot(
        capsys, "subscriptions", "add", "--guild", "10", "--channel", "20", *arguments
    )
    assert (code, out) == (2, "")
    assert sentence in err
    assert_one_sentence(err, "subscriptions add")
    assert showbot(capsys, "subscriptions", "list")[1] == "No subscriptions.\n"


def test_guild_and_channel_are_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["subscriptions", "add", "--guild", "10"])
    assert exited.value.code == 2
    assert "--channel" in capsys.readouterr().err
