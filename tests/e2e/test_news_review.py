"""News in through the fake Discord: an article an editor attaches or pastes with `/admin
ingest`, and the feeds the bot polls (a local feed site on 127.0.0.1), become a review of
proposals, each decided once by an editor's click; a confirmed one changes the catalogue
with an audit entry, and the review is redrawn with it marked. Bad input is a private
sentence and stores nothing; `/admin feeds` says how each feed is doing."""

from __future__ import annotations

import asyncio
import copy
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio
from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MAX_INSTANCES,
    JobEvent,
)
from sqlmodel import func, select

from bot.discord.client import NEWS_JOB
from bot.discord.news_review import NOT_AN_EDITOR, PER_MESSAGE
from bot.settings import Settings
from db.audit import CatalogueEdit
from db.news import NewsArticle, NewsFeed, NewsProposal
from db.vocabulary import ShowStatus
from tests.bot.news.feed_server import FeedServer, Item, Page, feed_server, rss
from tests.conftest import stored_show
from tests.e2e.admin_harness import (
    EDITOR,
    NEWS,
    STRANGER,
    admin,
    answer,
    audit_count,
    fake,
    record,
    showbot,
)
from tests.e2e.conftest import Showbot, start_showbot, stop_showbot
from tests.e2e.fake_discord import (
    DEFAULT_GUILD_ID,
    FakeDiscord,
    FakeInteraction,
    FakeUser,
    JSONDict,
)

pytestmark = pytest.mark.asyncio
__all__ = ["fake", "showbot"]  # the harness's fixtures, used here by name

EPHEMERAL = 64
ARTICLE = (
    "Netflix renews Partner Track\n\n"
    "Netflix has renewed Partner Track for a second season.\n\n"
    "HBO has cancelled Gilded Lanterns after one season.\n"
)
SOURCE = "https://news.example/2024/partner-track-renewed"
ROUNDUP_SHOWS = (
    "Gilded Lanterns, Paper Moons, Iron Orchard, Quiet Harbour, Salt Road, Winter Court, "
    "Glass Foxes, Brass Tacks, Hollow Pines, Cinder Bay"
).split(", ")
REVIEWS = NEWS[0]
GILDED = Item(
    "HBO cancels ‘Gilded Lanterns’",
    "https://news.example/2024/gilded-lanterns-cancelled",
    "tv-gilded",
    "<p>HBO has cancelled <em>Gilded Lanterns</em> after one season.</p>",
)
ALREADY_KNOWN = Item(  # the built-in records say as much: no review for it
    "Netflix cancels ‘Partner Track’",
    "https://news.example/2022/partner-track-cancelled",
    "tv-partner",
    "<p>Netflix has cancelled <em>Partner Track</em> after one season.</p>",
)


# -- helpers --------------------------------------------------------------------------------------


async def ingest(
    showbot: Showbot, data: bytes, filename: str, url: str | None = None, user: FakeUser = EDITOR
) -> FakeInteraction:
    upload = showbot.fake.add_attachment(data, filename)
    raw: list[JSONDict] = [{"type": 11, "name": "file", "value": upload["id"]}]
    if url is not None:
        raw.append({"type": 3, "name": "url", "value": url})
    return await admin(showbot, "ingest", raw=raw, user=user)


def _reviews_sent(interaction: FakeInteraction) -> list[JSONDict]:
    sent = [e.message for e in interaction.events if e.ok and e.message is not None]
    return [m for m in sent if m.get("embeds")]


async def reviews_of(showbot: Showbot, interaction: FakeInteraction, count: int) -> list[JSONDict]:
    """The `count` private review messages the bot answered with, once it has settled.

    The bot may read the database between one message and the next ("read before", then the
    review), longer than the quiet spell that `_settled` takes for done on a busy machine: the
    reviews are waited for first, for at most 5 s, and counted after."""
    await answer(showbot, interaction)
    for _ in range(250):  # 5 s
        if len(_reviews_sent(interaction)) >= count:
            break
        await asyncio.sleep(0.02)
    await showbot._settled(interaction, timeout=5)
    sent = [e.message for e in interaction.events if e.ok and e.message is not None]
    reviews = _reviews_sent(interaction)
    assert len(reviews) == count, [m.get("content") for m in sent]
    assert all(m["flags"] & EPHEMERAL for m in reviews), reviews
    return reviews


def buttons(message: JSONDict) -> dict[str, str]:
    """label → custom_id of the buttons a message shows."""
    rows = message.get("components") or []
    return {c["label"]: c["custom_id"] for row in rows for c in row["components"]}


def number_of(review: JSONDict, title: str) -> int:
    """The number the review gives the proposal about a show."""
    found = re.search(rf"\*\*(\d+)\. {re.escape(title)}\*\*", review["embeds"][0]["description"])
    assert found is not None, review["embeds"][0]["description"]
    return int(found[1])


def line_of(review: JSONDict, title: str, below: int = 0) -> str:
    """The review's line about a show (`below=1`: the evidence quoted under it), unescaped."""
    lines = review["embeds"][0]["description"].splitlines()
    at = next(i for i, line in enumerate(lines) if f". {title}**" in line)
    return re.sub(r"\\(.)", r"\1", lines[at + below])


async def click(
    showbot: Showbot, message: JSONDict, custom_id: str, user: FakeUser = EDITOR
) -> str:
    """Clicks a review button (shown or forged); returns what the bot told the clicker."""
    said = await click_for_message(showbot, message, custom_id, user)
    return re.sub(r"\\(.)", r"\1", said["content"])


async def click_for_message(
    showbot: Showbot, message: JSONDict, custom_id: str, user: FakeUser = EDITOR
) -> JSONDict:
    """Clicks a button; returns the private message the bot answered the clicker with."""
    clicked = await showbot.fake.click(message, custom_id, user=user)

    def told() -> JSONDict | None:
        for event in clicked.events:
            private = event.kind == "followup" or (
                event.kind == "callback" and event.body.get("type") == 4
            )
            if private and event.ok and event.message is not None:
                return event.message
        return None

    said = await showbot.guard(
        showbot.fake.wait_for(told, timeout=8, what=f"the answer to {custom_id}"), timeout=10
    )
    await showbot._settled(clicked, timeout=5)
    assert said["flags"] & EPHEMERAL, said
    assert clicked.rejected_callbacks == [], clicked
    return said


def shown_parts(message: JSONDict) -> tuple[Any, Any, Any]:
    return message.get("content"), message.get("embeds"), message.get("components")


def now_shown(showbot: Showbot, message: JSONDict) -> JSONDict:
    """The message as Discord shows it now (after the bot's edits), a copy of that moment."""
    return copy.deepcopy(showbot.fake.messages_by_id[int(message["id"])])


async def stored(showbot: Showbot, model: Any) -> int:
    async with showbot.app.database.session() as session:
        return (await session.exec(select(func.count()).select_from(model))).one()


async def proposal_states(showbot: Showbot) -> dict[str, str]:
    async with showbot.app.database.session() as session:
        rows = (await session.exec(select(NewsProposal))).all()
    return {row.show_title: row.state for row in rows}


async def audit_actions(showbot: Showbot, show_id: int) -> list[str]:
    async with showbot.app.database.session() as session:
        query = select(CatalogueEdit).where(CatalogueEdit.show_id == show_id)
        return [entry.action for entry in (await session.exec(query)).all()]


def show_id_of(showbot: Showbot, title: str) -> int | None:
    match = showbot.app.catalogue.index.resolve(title.lower()).match
    return match.entry.show_id if match is not None and match.entry.title == title else None


# -- an editor's article --------------------------------------------------------------------------


async def test_an_attached_article_is_confirmed_once_and_rejected(showbot: Showbot) -> None:
    partner = await stored_show(showbot.app, "partner track")
    assert partner.id is not None
    before = await record(showbot, partner.id)
    assert before is not None and before["status"] == "cancelled"
    [review] = await reviews_of(
        showbot, await ingest(showbot, ARTICLE.encode(), "a.txt", SOURCE), 1
    )
    embed = review["embeds"][0]
    assert embed["title"] == "Netflix renews Partner Track" and embed["url"] == SOURCE
    assert line_of(review, "Partner Track").endswith("(Netflix): renewed for one more season")
    assert line_of(review, "Partner Track", below=1) == (
        "> Netflix has renewed Partner Track for a second season."
    )
    assert line_of(review, "Gilded Lanterns").endswith("(HBO) · *new show*: cancelled")
    assert line_of(review, "Gilded Lanterns", below=1) == (
        "> HBO has cancelled Gilded Lanterns after one season."
    )
    gilded, renewal = number_of(review, "Gilded Lanterns"), number_of(review, "Partner Track")
    pairs = {f"{verb} {n}" for verb in ("Confirm", "Reject") for n in (gilded, renewal)}
    assert set(buttons(review)) == pairs | {"Confirm all"}

    confirm = buttons(review)[f"Confirm {gilded}"]
    said = await click(showbot, review, confirm)
    assert said.startswith("Added Gilded Lanterns to the catalogue."), said
    show_id = show_id_of(showbot, "Gilded Lanterns")
    assert show_id is not None, "confirming did not add the show"
    added = await record(showbot, show_id)
    assert added is not None and added["status"] == "cancelled" and added["network"] == "HBO"
    assert await audit_actions(showbot, show_id) == ["show.add", "status.set"]
    redrawn = now_shown(showbot, review)
    assert line_of(redrawn, "Gilded Lanterns").startswith("✅")
    assert "**confirmed** by editor" in line_of(redrawn, "Gilded Lanterns")
    assert set(buttons(redrawn)) == {f"Confirm {renewal}", f"Reject {renewal}"}

    # The button is gone; a forged click on it decides nothing again.
    edits = await audit_count(showbot)
    again = await click(showbot, review, confirm)
    assert "Gilded Lanterns, cancelled: already confirmed by editor" in again, again
    assert await audit_count(showbot) == edits and await record(showbot, show_id) == added
    assert shown_parts(now_shown(showbot, review)) == shown_parts(redrawn)

    rejected = await click(showbot, redrawn, buttons(redrawn)[f"Reject {renewal}"])
    assert rejected.startswith("Rejected: Partner Track"), rejected
    final = now_shown(showbot, review)
    assert line_of(final, "Partner Track").startswith("✖️")
    assert "**rejected** by editor" in line_of(final, "Partner Track")
    assert not final.get("components"), "a review with nothing left to decide keeps buttons"
    assert await record(showbot, partner.id) == before
    states = {"Gilded Lanterns": "confirmed", "Partner Track": "rejected"}
    assert await proposal_states(showbot) == states


async def test_a_revival_is_applied_only_when_confirmed_anyway(showbot: Showbot) -> None:
    """Partner Track is cancelled on record: a renewal is an unusual transition, which the
    review asks about before applying; until then nothing changes and it stays to decide."""
    partner = await stored_show(showbot.app, "partner track")
    assert partner.id is not None
    before = await record(showbot, partner.id)
    [review] = await reviews_of(showbot, await ingest(showbot, ARTICLE.encode(), "a.txt"), 1)
    renewal = number_of(review, "Partner Track")
    asked = await click_for_message(showbot, review, buttons(review)[f"Confirm {renewal}"])
    text = re.sub(r"\\(.)", r"\1", asked["content"])
    assert "not applied" in text and "unusual (a revival?)" in text, text
    assert text.endswith("Confirm it anyway?"), text
    assert await record(showbot, partner.id) == before and await audit_count(showbot) == 0
    assert (await proposal_states(showbot))["Partner Track"] == "pending"
    assert f"Confirm {renewal}" in buttons(now_shown(showbot, review))
    clicked = await showbot.fake.click(asked, buttons(asked)["Confirm anyway"], user=EDITOR)

    def outcome() -> str | None:  # the question becomes its outcome
        content = str(now_shown(showbot, asked).get("content") or "")
        return content if "Working on it" not in content and "anyway?" not in content else None

    said = await showbot.guard(
        showbot.fake.wait_for(outcome, timeout=8, what="the outcome of Confirm anyway"), timeout=10
    )
    await showbot._settled(clicked, timeout=5)
    assert "Partner Track: status: cancelled → renewed" in said, said
    assert (await stored_show(showbot.app, "partner track")).status is ShowStatus.RENEWED
    assert (await proposal_states(showbot))["Partner Track"] == "confirmed"
    assert line_of(now_shown(showbot, review), "Partner Track").startswith("✅")


async def test_confirm_all_on_a_roundup_of_many_shows(showbot: Showbot) -> None:
    text = "TV roundup\n\n" + " ".join(
        f"HBO has cancelled {title} after one season." for title in ROUNDUP_SHOWS
    )
    first, second = await reviews_of(showbot, await ingest(showbot, text.encode(), "r.txt"), 2)
    on_first, on_second = ROUNDUP_SHOWS[:PER_MESSAGE], ROUNDUP_SHOWS[PER_MESSAGE:]
    assert [number_of(first, t) for t in on_first] == list(range(1, PER_MESSAGE + 1))
    assert [number_of(second, t) for t in on_second] == [PER_MESSAGE + 1, PER_MESSAGE + 2]
    for review in (first, second):  # each proposal's two buttons side by side, two proposals a row
        for row in review["components"]:
            labels = [c["label"] for c in row["components"]]
            if labels != ["Confirm all"]:
                confirms, rejects = labels[::2], labels[1::2]
                assert [c.replace("Confirm", "Reject") for c in confirms] == rejects, labels
                assert len(labels) <= 4, labels
    assert len(buttons(first)) == 2 * PER_MESSAGE + 1 and len(buttons(second)) == 5
    said = await click(showbot, first, buttons(first)["Confirm all"])
    assert said.count("Added ") == PER_MESSAGE, said
    assert all(show_id_of(showbot, title) is not None for title in on_first)
    assert all(show_id_of(showbot, title) is None for title in on_second)
    assert not now_shown(showbot, first).get("components")
    assert now_shown(showbot, second)["components"] == second["components"]


async def test_only_editors_decide(showbot: Showbot) -> None:
    [review] = await reviews_of(showbot, await ingest(showbot, ARTICLE.encode(), "a.txt"), 1)
    for label in ("Confirm all", f"Confirm {number_of(review, 'Gilded Lanterns')}"):
        said = await click(showbot, review, buttons(review)[label], user=STRANGER)
        assert said == NOT_AN_EDITOR
    assert now_shown(showbot, review) == review
    assert show_id_of(showbot, "Gilded Lanterns") is None and await audit_count(showbot) == 0
    assert set((await proposal_states(showbot)).values()) == {"pending"}


async def test_a_pasted_article_is_read_like_a_file(showbot: Showbot) -> None:
    opened = await admin(showbot, "ingest", raw=[{"type": 3, "name": "url", "value": SOURCE}])
    modal = await showbot.guard(opened.wait_for_modal())
    inputs = {c["custom_id"]: c for row in modal["components"] for c in row["components"]}
    assert set(inputs) == {"article", "url"} and inputs["url"].get("value") == SOURCE
    submitted = await showbot.fake.submit_modal(opened, {"article": ARTICLE})
    [review] = await reviews_of(showbot, submitted, 1)
    assert review["embeds"][0]["url"] == SOURCE
    said = await click(showbot, review, buttons(review)["Confirm all"])
    assert "Added Gilded Lanterns" in said, said  # the revival is asked about apart
    assert show_id_of(showbot, "Gilded Lanterns") is not None


async def test_bad_input_is_a_private_sentence_and_stores_nothing(showbot: Showbot) -> None:
    cases: list[tuple[bytes, str, str | None, str]] = [
        (b"%PDF-1.7 ...", "article.pdf", None, "not an article I can read"),
        ("Caf\xe9 cancelled".encode("latin-1"), "latin.txt", None, "not UTF-8"),
        (b"  \n\n \n", "empty.txt", None, "The article is empty"),
        (ARTICLE.encode(), "a.txt", "ftp://news.example/a", "must start with https://"),
        (ARTICLE.encode(), "a.txt", "http://news.example/a", "must start with https://"),
        (ARTICLE.encode(), "a.txt", "news.example/a", "must start with https://"),
        (ARTICLE.encode(), "a.txt", SOURCE + "/" + "x" * 1000, "at most 1,000 characters"),
    ]
    for data, filename, url, expected in cases:
        reply = await answer(showbot, await ingest(showbot, data, filename, url))
        assert expected in reply["content"], (filename, url, reply["content"])
        assert "Nothing was read." in reply["content"] and not reply.get("components")
    opened = await admin(showbot, "ingest")
    blank = await answer(showbot, await showbot.fake.submit_modal(opened, {"article": "  \n "}))
    assert "The article is empty" in blank["content"] and "Nothing was read." in blank["content"]
    assert await stored(showbot, NewsArticle) == 0 and await stored(showbot, NewsProposal) == 0
    assert await audit_count(showbot) == 0

    # The same link twice: read once, and its review shown again as it stands.
    [first] = await reviews_of(showbot, await ingest(showbot, ARTICLE.encode(), "a.txt", SOURCE), 1)
    again = await ingest(showbot, ARTICLE.encode(), "b.txt", SOURCE + "#x")
    [shown_again] = await reviews_of(showbot, again, 1)
    notes = [e.message["content"] for e in again.events if e.ok and e.message is not None]
    assert any("was read before" in (note or "") for note in notes), notes
    assert shown_again["embeds"] == first["embeds"]
    assert await stored(showbot, NewsArticle) == 1


# -- feeds ----------------------------------------------------------------------------------------


@pytest_asyncio.fixture
async def site() -> AsyncIterator[FeedServer]:
    async with feed_server() as server:
        server.pages["/rss"] = Page(rss([ALREADY_KNOWN, GILDED]))
        yield server


@asynccontextmanager
async def watching(fake: FakeDiscord, settings: Settings) -> AsyncIterator[Showbot]:
    """A showbot whose own scheduler polls the feeds, as `showbot` the admin harness's."""
    app, bot, task = await start_showbot(fake, settings)
    running = Showbot(fake=fake, app=app, bot=bot, task=task)
    try:
        yield running
    finally:
        await stop_showbot(app, bot, task)
    assert fake.unknown_requests == [] and fake.internal_errors == []
    for interaction in fake.interactions.values():
        assert interaction.rejected_callbacks == [], interaction


@pytest.fixture
def news_settings(e2e_settings: Settings, site: FeedServer) -> Settings:
    return e2e_settings.model_copy(
        update={
            "home_guild_id": DEFAULT_GUILD_ID,
            "editor_user_ids": [EDITOR.id],
            "news_feeds": [site.url("/rss")],
            "news_poll_minutes": 1,
            "review_channel_id": REVIEWS,
        }
    )


async def poll_now(showbot: Showbot) -> None:
    """Runs the bot's own news job now, as its timer would, with the feed due again (time
    passes: its stored next poll moves to the past); returns once that run has ended."""
    async with showbot.app.database.transaction() as session:
        for feed in (await session.exec(select(NewsFeed))).all():
            feed.next_poll_at = datetime.now(UTC) - timedelta(seconds=1)
            session.add(feed)
    scheduler = showbot.bot.announcements.scheduler
    job = scheduler.get_job(NEWS_JOB)
    assert job is not None, "the bot has no news job"
    asked = datetime.now(UTC)
    ended: list[JobEvent] = []
    busy: list[JobEvent] = []

    def listen(event: JobEvent) -> None:
        if event.job_id != NEWS_JOB:
            return
        if event.code == EVENT_JOB_MAX_INSTANCES:
            busy.append(event)  # the run before is still at work: ask again after it
        elif event.scheduled_run_time >= asked:
            ended.append(event)

    def done() -> bool:  # checked every 50 ms by the wait
        if busy:
            busy.clear()
            job.modify(next_run_time=datetime.now(UTC))
        return bool(ended)

    scheduler.add_listener(listen, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MAX_INSTANCES)
    try:
        job.modify(next_run_time=asked)
        await showbot.guard(showbot.fake.wait_for(done, timeout=15, what="a news poll"), timeout=17)
    finally:
        scheduler.remove_listener(listen)
    assert ended[0].code == EVENT_JOB_EXECUTED, ended[0].exception


async def test_a_feed_article_is_posted_once_and_confirmed_there(
    fake: FakeDiscord, news_settings: Settings, site: FeedServer, restore_discord_endpoints: None
) -> None:
    async with watching(fake, news_settings) as showbot:
        review = await showbot.guard(fake.wait_for_message_in(REVIEWS, timeout=15), timeout=17)
        embed = review["embeds"][0]
        assert embed["title"] == GILDED.title and embed["url"] == GILDED.link
        assert "From a news feed" in embed["footer"]["text"]
        assert "Partner Track" not in embed["description"]  # the catalogue says as much
        assert set(buttons(review)) == {"Confirm 1", "Reject 1"}
        await poll_now(showbot)
        assert site.hits("/rss") == 2 and len(fake.messages_in(REVIEWS)) == 1

    async with watching(fake, news_settings) as again:
        await poll_now(again)
        assert site.hits("/rss") == 3 and len(fake.messages_in(REVIEWS)) == 1
        assert await stored(again, NewsArticle) == 2
        # The review posted before the restart still works.
        said = await click(again, review, buttons(review)["Confirm 1"])
        assert said.startswith("Added Gilded Lanterns"), said
        show_id = show_id_of(again, "Gilded Lanterns")
        assert show_id is not None
        assert (await record(again, show_id) or {}).get("status") == "cancelled"
        assert await audit_actions(again, show_id) == ["show.add", "status.set"]
        redrawn = now_shown(again, review)
        assert "**confirmed** by editor" in line_of(redrawn, "Gilded Lanterns")
        assert not redrawn.get("components") and len(fake.messages_in(REVIEWS)) == 1


async def test_admin_feeds_shows_a_feed_ok_then_failing(
    fake: FakeDiscord, news_settings: Settings, site: FeedServer, restore_discord_endpoints: None
) -> None:
    async with watching(fake, news_settings) as showbot:
        await poll_now(showbot)
        ok = await answer(showbot, await admin(showbot, "feeds"))
        assert ok["content"].startswith(f"✅ {site.url('/rss')}: ok, last read "), ok["content"]

        site.pages["/rss"].status = 500
        await poll_now(showbot)
        failing = await answer(showbot, await admin(showbot, "feeds"))
        line = failing["content"]
        assert line.startswith(f"⚠️ {site.url('/rss')}: failing since "), line
        assert "(1 failed try in a row): The feed answered HTTP 500" in line, line
        assert "showbot tries again later" in line, line
