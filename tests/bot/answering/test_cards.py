"""Embeds within Discord's limits whatever the record holds; text for the terminal."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

import discord
import pytest

from bot.answering.answers import (
    Ambiguous,
    CastMember,
    CreatorCredit,
    NotFound,
    SeasonEnding,
    ShowAnswer,
    ShowChoice,
    SourceLink,
)
from bot.answering.cards import (
    EMBED_TOTAL_LIMIT,
    Card,
    CardField,
    answer_card,
    answer_text,
    discord_time,
    fit,
    show_card,
)
from bot.application import Application
from bot.discord.embeds import to_embed
from bot.matching.intents import Intent
from db.vocabulary import ShowStatus
from tests.bot.answering.markdown_reader import (
    link_targets,
    live_mentions,
    markup_lines,
    unescaped,
)

HUGE = "x" * 10_000


def _answer(**overrides: object) -> ShowAnswer:
    answer = ShowAnswer(
        intent=Intent.OVERVIEW,
        asked_season=None,
        show_id=1,
        title="Partner Track",
        year=2022,
        network="Netflix",
        status=ShowStatus.CANCELLED,
        status_date=date(2022, 11, 8),
        status_line="Cancelled by Netflix on 8 November 2022 after one season.",
        season_line=None,
        status_note=None,
        genres=("Legal drama",),
        logline="A lawyer.",
        premiere_date=date(2022, 8, 26),
        season_count=1,
        episode_count=10,
        based_on="The Partner Track",
        production_company="Jax Media",
        creators=(CreatorCredit("Developed by", ("Georgia Lee",)),),
        cast=tuple(CastMember(f"Actor {i}", f"Character {i}") for i in range(1, 16)),
        ending=SeasonEnding(1, "Jeff betrayed her.", True),
        charts=("Top 10: peaked at #4.",),
        notes=("A note.",),
        sources=(SourceLink("An article", None), SourceLink("Linked", "https://example.org/a")),
    )
    return replace(answer, **overrides)  # type: ignore[arg-type]


def _limits_hold(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= 256
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25
    for field in embed.fields:
        assert 0 < len(field.name or "") <= 256 and 0 < len(field.value or "") <= 1024
    assert len(embed.footer.text or "") <= 2048
    assert len(embed) <= EMBED_TOTAL_LIMIT


def test_the_card_shows_what_the_issue_asks_for() -> None:
    embed = to_embed(show_card(_answer()))
    _limits_hold(embed)
    names = [f.name for f in embed.fields]
    assert {"Network", "Seasons", "Premiered", "Developed by", "Cast", "Sources"} <= set(names)
    assert "🔴 **Cancelled**" in (embed.description or "")
    stamp = discord_time(date(2022, 11, 8))
    assert stamp == "<t:1667865600:D>" and stamp in (embed.description or "")
    cast = next(f.value for f in embed.fields if f.name == "Cast") or ""
    assert cast.splitlines()[0] == "Actor 1 as Character 1"
    assert cast.splitlines()[-1] == "…and 7 more"
    ending = next(f for f in embed.fields if (f.name or "").startswith("How season 1 ended"))
    assert (ending.value or "").startswith("||Jeff betrayed her.||")


def test_the_cast_question_lists_more_of_the_cast() -> None:
    embed = to_embed(show_card(_answer(intent=Intent.CAST)))
    cast = next(f.value for f in embed.fields if f.name == "Cast") or ""
    assert len(cast.splitlines()) == 15


def test_the_ending_question_puts_the_ending_first() -> None:
    embed = to_embed(show_card(_answer(intent=Intent.ENDING)))
    assert (embed.fields[0].name or "").startswith("How season 1 ended")


def test_huge_records_still_fit() -> None:
    answer = _answer(
        title=HUGE,
        status_line=HUGE,
        logline=HUGE,
        status_note=HUGE,
        cast=tuple(CastMember(HUGE, HUGE) for _ in range(300)),
        notes=tuple(HUGE for _ in range(50)),
        charts=tuple(HUGE for _ in range(50)),
        ending=SeasonEnding(1, HUGE, True),
        sources=tuple(SourceLink(HUGE, None) for _ in range(40)),
        creators=(
            CreatorCredit("Created by", (HUGE,) * 30),
            CreatorCredit("Developed by", (HUGE,)),
        ),
    )
    embed = to_embed(show_card(answer))
    _limits_hold(embed)
    spoiler = next(f.value for f in embed.fields if "ended" in (f.name or "")) or ""
    assert spoiler.startswith("||") and spoiler.split("\n")[0].endswith("||")


def test_fit_drops_trailing_fields_to_stay_under_6000() -> None:
    card = Card(title="t", fields=tuple(CardField(f"f{i}", "v" * 1000) for i in range(10)))
    fitted = fit(card)
    assert fitted.size() <= EMBED_TOTAL_LIMIT and fitted.fields[0].name == "f0"
    assert len(fitted.fields) == 5


def test_record_text_cannot_ping_or_break_the_spoiler() -> None:
    answer = _answer(
        title="@everyone",
        network="<@&123> @here",
        ending=SeasonEnding(1, "a || b @everyone", False),
    )
    embed = to_embed(show_card(answer))
    rendered = str(embed.to_dict())
    assert "@everyone" not in rendered.replace("@\u200beveryone", "")
    assert "@here" not in rendered.replace("@\u200bhere", "")
    spoiler = next(f.value for f in embed.fields if "ended" in (f.name or "")) or ""
    assert spoiler.count("||") == 2


def test_not_found_and_ambiguous_cards() -> None:
    missing = to_embed(answer_card(NotFound("is x renewed", "x", ("Partner Track",))))
    assert "Partner Track" in (missing.description or "")
    choices = (ShowChoice(5, "MacGyver", 1985, "ABC"), ShowChoice(6, "MacGyver", 2016, "CBS"))
    ambiguous = to_embed(answer_card(Ambiguous("macgyver", Intent.STATUS, None, choices)))
    assert "MacGyver (2016, CBS)" in (ambiguous.description or "")


def test_plain_text_says_everything_without_markdown() -> None:
    text = answer_text(_answer())
    assert "Cancelled by Netflix on 8 November 2022 after one season." in text
    assert "Actor 1 as Character 1" in text
    assert "How season 1 ended (a cliffhanger) [spoiler]: Jeff betrayed her." in text
    assert "**" not in text and "||" not in text
    assert answer_text(NotFound("q", "breaking bad")) == (
        'No show called "breaking bad" is in the catalogue.'
    )


@pytest.mark.asyncio
async def test_every_built_in_show_renders_within_limits(app: Application) -> None:
    for entry in app.catalogue.index.complete("", limit=25):
        for intent in Intent:
            answer = await app.answers.answer_for(entry.show_id, intent, 3)
            _limits_hold(to_embed(answer_card(answer)))
            assert answer_text(answer)


HOSTILE = (
    "[click](https://phish.example) **bold** _it_ ~~gone~~ `code` ||hidden|| \\ "
    "<@123456789012345678> <@&1> <#2> </show status:3> <:smile:4> <t:0:R> "
    "<https://a.example> @everyone @here"
)
HOSTILE_LINES = "# heading\n## two\n-# small\n> quote\n>>> block\n- item\n* item\n1. first"
HOSTILE_URLS = (
    "https://x.example/a) [evil](https://phish.example",
    "https://x.example/p a th?q=(1)&r=<x>#frag#more",
    "https://x.example/||@everyone||**b**",
    "javascript:alert(1)",
    "JavaScript://x.example/%0aalert(1)",
    "data:text/html,hi",
    "https://netflix.example@phish.example/",
    "https:phish.example",
    "https://",
    "ftp://x.example/file",
    "https://x.example/\x1b[31m",
    "not a url",
)


def _hostile_answer(**overrides: object) -> ShowAnswer:
    return _answer(
        title=HOSTILE,
        network=HOSTILE,
        status_line=HOSTILE_LINES,
        status_note=HOSTILE,
        logline=HOSTILE,
        genres=(HOSTILE, "# Drama"),
        based_on=HOSTILE_LINES,
        production_company=HOSTILE,
        creators=(CreatorCredit("Created by", (HOSTILE, "> Quoted")),),
        cast=(
            CastMember("[click](https://phish.example)", "<@&123> ||x||"),
            CastMember("# Not a heading", "- not a list"),
            CastMember("1. Not numbered", None),
            CastMember("https://x.example/a_b*", "**bold**"),
        ),
        ending=SeasonEnding(1, "ends || here https://x.example/||", True),
        charts=(HOSTILE_LINES,),
        notes=(HOSTILE, HOSTILE_LINES),
        sources=tuple(
            SourceLink(f"[x](https://phish.example) {n} ]", url)
            for n, url in enumerate(HOSTILE_URLS)
        ),
        **overrides,
    )


def _texts(embed: discord.Embed) -> dict[str, str]:
    texts = {"title": embed.title or "", "description": embed.description or ""}
    texts.update({field.name or "": field.value or "" for field in embed.fields})
    return texts


def test_a_hostile_record_makes_no_markup_of_its_own() -> None:
    embed = to_embed(show_card(_hostile_answer(intent=Intent.OVERVIEW)))
    texts = _texts(embed)
    assert {"Network", "Cast", "Genre", "Created by", "Top 10", "Notes", "Sources"} <= set(texts)
    for name, text in texts.items():
        assert markup_lines(text) == [], name
        if name == "Sources":
            continue
        assert live_mentions(text) == [], name
        assert link_targets(text) == [], name
        specials = unescaped(text)
        if name == "description":  # its own bold label and italic logline only
            assert specials == ["*"] * 6, specials
        elif name.startswith("How season 1 ended"):
            spoiler = text.split("\n")[0]
            assert unescaped(spoiler) == ["|"] * 4, spoiler
            assert spoiler.startswith("||") and spoiler.endswith("||")
        else:
            assert specials == [], (name, text)
    assert embed.title and embed.title.startswith("\\[click\\](https://phish.example)")
    cast = texts["Cast"].split("\n")
    assert cast[1] == "\\# Not a heading as \\- not a list"
    assert cast[2] == "1\\. Not numbered"


def test_only_well_formed_web_links_are_linked_and_none_can_break_out() -> None:
    embed = to_embed(show_card(_hostile_answer()))
    sources = _texts(embed)["Sources"].split("\n")
    assert len(sources) == len(HOSTILE_URLS)
    targets = [link_targets(line) for line in sources]
    assert targets[:3] == [
        ["https://x.example/a%29%20%5Bevil%5D%28https://phish.example"],
        ["https://x.example/p%20a%20th?q=%281%29&r=%3Cx%3E#frag%23more"],
        ["https://x.example/%7C%7C@everyone%7C%7C%2A%2Ab%2A%2A"],
    ]
    assert all(t == [] for t in targets[3:]), sources[3:]
    for line in sources:
        text = line.rsplit("](", 1)[0] if link_targets(line) else line
        assert unescaped(text) in (["["], []), line  # the link's own opening bracket only
        assert live_mentions(text) == []
        assert all(urlsplit(t).hostname == "x.example" for t in link_targets(line)), line


def test_plain_text_never_passes_control_characters_to_the_terminal() -> None:
    hostile = "a\x1b[2J\x1b]0;title\x07b\x00c\rd\x9b31me\u202egnp.exe\u2066\u200fz"
    answer = _answer(
        title=hostile,
        network=hostile,
        logline=hostile,
        cast=(CastMember(hostile, hostile),),
        notes=(hostile,),
        charts=(hostile,),
        ending=SeasonEnding(1, hostile, False),
        sources=(SourceLink(hostile, None), SourceLink("x", "https://x.example/\x1b[0m")),
    )
    texts = [
        answer_text(answer),
        answer_text(NotFound(hostile, hostile, (hostile,))),
        answer_text(Ambiguous(hostile, Intent.STATUS, None, (ShowChoice(1, hostile, 1, hostile),))),
    ]
    for text in texts:
        raw = [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]
        assert raw == [], raw
        assert "\\x1b[2J" in text and "\\u202e" in text
    assert "a\\x1b[2J\\x1b]0;title\\x07b\\x00c\\x0dd\\x9b31me\\u202egnp.exe" in texts[0]
    assert texts[0].splitlines()[0].startswith("a\\x1b[2J")


def test_plain_text_keeps_record_text_otherwise() -> None:
    text = answer_text(_answer(title="Dahmer – Monster: The Jeffrey Dahmer Story", year=2022))
    assert text.splitlines()[0] == "Dahmer – Monster: The Jeffrey Dahmer Story (2022) — Netflix"
