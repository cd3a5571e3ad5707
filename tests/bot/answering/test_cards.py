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
    PersonAnswer,
    PersonCredit,
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
from db.vocabulary import CreditRole, ShowStatus
from tests.bot.answering.markdown_reader import (
    link_targets,
    live_mentions,
    markup_lines,
    unescaped,
)

HUGE = "x" * 10_000
LEAD = "Partner Track was cancelled by Netflix on 8 November 2022, after one season."


def _answer(**overrides: object) -> ShowAnswer:
    answer = ShowAnswer(
        intent=Intent.OVERVIEW,
        lead=LEAD,
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
        ending=SeasonEnding(1, "Jeff betrayed her.", True, SourceLink("Finale", None)),
        charts=("Top 10: peaked at #4.",),
        notes=("A note that tells the plot: Jeff betrays her.",),
        sources=(SourceLink("An article", None), SourceLink("Linked", "https://example.org/a")),
        why=("Made on a modest budget.",),
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


def _lines(embed: discord.Embed) -> list[str]:
    """Every line the embed shows: title, description, field names and values, footer."""
    texts = [embed.title or "", embed.description or "", embed.footer.text or ""]
    for field in embed.fields:
        texts += [field.name or "", field.value or ""]
    return [line for text in texts for line in text.split("\n") if line.strip()]


def test_a_card_leads_with_the_answer_then_a_compact_rest() -> None:
    embed = to_embed(show_card(_answer()))
    _limits_hold(embed)
    description = (embed.description or "").split("\n")
    assert description[0] == LEAD
    assert description[2].startswith("🔴 **Cancelled** · Netflix · decided ")
    stamp = discord_time(date(2022, 11, 8))
    assert stamp == "<t:1667865600:D>" and stamp in description[2]
    names = [f.name for f in embed.fields]
    assert names == [
        "Seasons", "Premiered", "Developed by", "Genre", "Based on", "Starring", "Sources",
    ]  # fmt: skip
    starring = next(f.value for f in embed.fields if f.name == "Starring")
    assert starring == "Actor 1, Actor 2, Actor 3, Actor 4 and 11 more"
    assert len(_lines(embed)) <= 25
    assert "||" not in str(embed.to_dict()) and "Jeff" not in str(embed.to_dict())


@pytest.mark.parametrize("intent", [i for i in Intent if i is not Intent.ENDING])
def test_no_card_but_the_endings_tells_the_ending(intent: Intent) -> None:
    rendered = str(to_embed(show_card(_answer(intent=intent))).to_dict())
    assert "Jeff" not in rendered and "||" not in rendered


def test_the_status_card_puts_the_status_and_decision_first() -> None:
    answer = _answer(intent=Intent.STATUS, status_note="Cancelled despite the cliffhanger.")
    embed = to_embed(show_card(answer))
    lines = (embed.description or "").split("\n")
    assert lines[0] == LEAD and lines[2].startswith("🔴 **Cancelled**")
    assert lines[3] == "Cancelled despite the cliffhanger."
    assert "Starring" in [f.name for f in embed.fields]


def test_the_cast_card_is_the_cast_only() -> None:
    embed = to_embed(show_card(_answer(intent=Intent.CAST, lead="Partner Track stars…")))
    assert [f.name for f in embed.fields] == ["Cast"]
    cast = (embed.fields[0].value or "").splitlines()
    assert len(cast) == 15 and cast[0] == "Actor 1 as Character 1"
    assert embed.description == "Partner Track stars…"
    rendered = str(embed.to_dict())
    for spoiling in ("||", "Jeff", "note", "Top 10", "budget", "Cancelled"):
        assert spoiling not in rendered, spoiling


def test_the_ending_card_is_the_ending_only_behind_a_spoiler_tag() -> None:
    lead = "Spoiler ahead: how season 1 of Partner Track ended."
    embed = to_embed(show_card(_answer(intent=Intent.ENDING, lead=lead)))
    assert embed.description == lead
    assert [f.name for f in embed.fields] == ["How season 1 ended (spoiler)", "Source"]
    assert embed.fields[0].value == "||Jeff betrayed her. (It ends on a cliffhanger.)||"
    rendered = str(embed.to_dict())
    for elsewhere in ("Actor 1", "Cancelled", "Netflix", "note", "Top 10", "Georgia"):
        assert elsewhere not in rendered, elsewhere


def test_an_ending_the_record_lacks_is_one_line() -> None:
    lead = "The record doesn't say how season 1 of Partner Track ended."
    answer = _answer(intent=Intent.ENDING, lead=lead, ending=SeasonEnding(1, None, None))
    embed = to_embed(show_card(answer))
    assert embed.description == lead and not embed.fields


def test_the_charts_card_lists_the_runs() -> None:
    embed = to_embed(show_card(_answer(intent=Intent.CHARTS)))
    assert embed.fields[0].name == "Top 10" and "#4" in (embed.fields[0].value or "")


@pytest.mark.parametrize("intent", list(Intent))
def test_huge_records_still_fit(intent: Intent) -> None:
    answer = _answer(
        intent=intent,
        lead=HUGE,
        title=HUGE,
        status_line=HUGE,
        logline=HUGE,
        status_note=HUGE,
        cast=tuple(CastMember(HUGE, HUGE) for _ in range(300)),
        notes=tuple(HUGE for _ in range(50)),
        charts=tuple(HUGE for _ in range(50)),
        why=tuple(HUGE for _ in range(50)),
        ending=SeasonEnding(1, HUGE, True, SourceLink(HUGE, None)),
        sources=tuple(SourceLink(HUGE, None) for _ in range(40)),
        creators=(
            CreatorCredit("Created by", (HUGE,) * 30),
            CreatorCredit("Developed by", (HUGE,)),
        ),
    )
    embed = to_embed(show_card(answer))
    _limits_hold(embed)
    if intent is Intent.ENDING:
        spoiler = embed.fields[0].value or ""
        assert spoiler.startswith("||") and spoiler.endswith("||")


def test_fit_drops_trailing_fields_to_stay_under_6000() -> None:
    card = Card(title="t", fields=tuple(CardField(f"f{i}", "v" * 1000) for i in range(10)))
    fitted = fit(card)
    assert fitted.size() <= EMBED_TOTAL_LIMIT and fitted.fields[0].name == "f0"
    assert len(fitted.fields) == 5


def test_record_text_cannot_ping_or_break_the_spoiler() -> None:
    answer = _answer(
        intent=Intent.ENDING,
        title="@everyone",
        lead="@here, <@&123>",
        ending=SeasonEnding(1, "a || b @everyone", False),
    )
    embed = to_embed(show_card(answer))
    rendered = str(embed.to_dict())
    assert "@everyone" not in rendered.replace("@\u200beveryone", "")
    assert "@here" not in rendered.replace("@\u200bhere", "")
    spoiler = next(f.value for f in embed.fields if "ended" in (f.name or "")) or ""
    assert spoiler.count("||") == 2


def test_not_found_and_ambiguous_cards() -> None:
    suggestion = ShowChoice(1, "Partner Track", 2022, "Netflix")
    missing = to_embed(answer_card(NotFound("is x renewed", "x", (suggestion,))))
    assert "**Partner Track (2022, Netflix)**" in (missing.description or "")
    choices = (ShowChoice(5, "MacGyver", 1985, "ABC"), ShowChoice(6, "MacGyver", 2016, "CBS"))
    ambiguous = to_embed(answer_card(Ambiguous("macgyver", Intent.STATUS, None, choices)))
    assert "MacGyver (2016, CBS)" in (ambiguous.description or "")


def test_plain_text_leads_with_the_answer_without_markdown() -> None:
    text = answer_text(_answer(intent=Intent.STATUS))
    lines = text.splitlines()
    assert lines[:3] == ["Partner Track (2022) — Netflix", LEAD, "Status: Cancelled."]
    assert "Starring: Actor 1, Actor 2, Actor 3, Actor 4 and 11 more" in lines
    assert "**" not in text and "||" not in text and "Jeff" not in text
    assert answer_text(NotFound("q", "breaking bad")) == (
        'No show called "breaking bad" is in the catalogue.'
    )


def test_plain_text_marks_the_ending_and_lists_the_cast() -> None:
    ending = answer_text(_answer(intent=Intent.ENDING, lead="Spoiler ahead."))
    assert ending.splitlines()[1:] == [
        "Spoiler ahead.",
        "How season 1 ended (a cliffhanger) [spoiler]: Jeff betrayed her.",
        "Source: Finale",
    ]
    cast = answer_text(_answer(intent=Intent.CAST)).splitlines()
    assert cast[2] == "Cast:" and cast[3] == "  Actor 1 as Character 1" and len(cast) == 18


@pytest.mark.asyncio
async def test_every_built_in_show_renders_within_limits(app: Application) -> None:
    for entry in app.catalogue.index.complete("", limit=25):
        for intent in Intent:
            answer = await app.answers.answer_for(entry.show_id, intent, 3)
            embed = to_embed(answer_card(answer))
            _limits_hold(embed)
            assert len(_lines(embed)) <= 30, (intent, _lines(embed))
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
    fields: dict[str, object] = dict(
        lead=HOSTILE_LINES + HOSTILE,
        why=(HOSTILE, HOSTILE_LINES),
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
        ending=SeasonEnding(
            1,
            "ends || here https://x.example/||",
            True,
            SourceLink(HOSTILE, "https://x.example/||@everyone||**b**"),
        ),
        charts=(HOSTILE_LINES,),
        notes=(HOSTILE, HOSTILE_LINES),
        sources=tuple(
            SourceLink(f"[x](https://phish.example) {n} ]", url)
            for n, url in enumerate(HOSTILE_URLS)
        ),
    )
    fields.update(overrides)
    return _answer(**fields)


def _texts(embed: discord.Embed) -> dict[str, str]:
    texts = {"title": embed.title or "", "description": embed.description or ""}
    texts.update({field.name or "": field.value or "" for field in embed.fields})
    return texts


def _description_markup(intent: Intent) -> list[str]:
    """The card's own markup in its description: the status label's bold, the logline's
    italics; the cast and ending cards' description is the lead alone."""
    if intent in (Intent.CAST, Intent.CHARACTER, Intent.FILMOGRAPHY, Intent.ENDING):
        return []
    return ["*"] * (6 if intent is Intent.OVERVIEW else 4)


def test_a_hostile_record_makes_no_markup_of_its_own() -> None:
    seen: set[str] = set()
    for intent in Intent:
        embed = to_embed(show_card(_hostile_answer(intent=intent)))
        texts = _texts(embed)
        seen |= set(texts)
        for name, text in texts.items():
            assert markup_lines(text) == [], (intent, name)
            if name.startswith("Source"):
                continue
            assert live_mentions(text) == [], (intent, name)
            assert link_targets(text) == [], (intent, name)
            specials = unescaped(text)
            if name == "description":
                assert specials == _description_markup(intent), (intent, specials)
            elif name.startswith("How season 1 ended"):
                assert specials == ["|"] * 4, text
                assert text.startswith("||") and text.endswith("||")
            else:
                assert specials == [], (intent, name, text)
        assert embed.title and embed.title.startswith("\\[click\\](https://phish.example)")
    assert {
        "Seasons", "Premiered", "Created by", "Based on", "Starring", "Sources", "Cast", "Genre",
        "Top 10", "Also on record", "How season 1 ended (spoiler)", "Source",
    } <= seen  # fmt: skip
    cast = _texts(to_embed(show_card(_hostile_answer(intent=Intent.CAST))))["Cast"].split("\n")
    assert cast[1] == "\\# Not a heading as \\- not a list"
    assert cast[2] == "1\\. Not numbered"


def _source_line(url: str) -> str:
    answer = _hostile_answer(sources=(SourceLink("[x](https://phish.example) ]", url),))
    (line,) = _texts(to_embed(show_card(answer)))["Sources"].split("\n")
    return line


def test_only_well_formed_web_links_are_linked_and_none_can_break_out() -> None:
    sources = [_source_line(url) for url in HOSTILE_URLS]
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


def test_the_sources_field_is_compact() -> None:
    answer = _answer(sources=tuple(SourceLink(f"Article {n}", None) for n in range(7)))
    sources = _texts(to_embed(show_card(answer)))["Sources"].split("\n")
    assert sources == ["“Article 0”", "“Article 1”", "“Article 2”", "…and 4 more"]


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
        answer_text(NotFound(hostile, hostile, (ShowChoice(1, hostile, None, hostile),))),
        answer_text(
            PersonAnswer(
                Intent.CHARACTER,
                hostile,
                hostile,
                (PersonCredit(1, hostile, 2022, False, CreditRole.ACTOR, hostile, hostile),),
            )
        ),
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
