"""Embeds within Discord's limits whatever the record holds; text for the terminal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import discord
import pytest

from bot.answering.cards import (
    EMBED_TOTAL_LIMIT,
    Card,
    CardField,
    answer_card,
    answer_text,
    discord_time,
    fit,
    safe,
    show_card,
)
from bot.answering.service import (
    Ambiguous,
    CastMember,
    CreatorCredit,
    NotFound,
    SeasonEnding,
    ShowAnswer,
    ShowChoice,
    SourceLink,
)
from bot.application import Application
from bot.discord.embeds import to_embed
from bot.matching.questions import Intent
from db.vocabulary import ShowStatus

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


@pytest.mark.parametrize(
    "text",
    [
        "**bold** _it_ ~~gone~~ `code` ||hidden|| \\slash",
        "[click](https://phish.example) and <https://a.example/x_y> and https://b.example/a_b",
        "> quote\n>>> block\n# heading\n  - item",
        "@everyone @here <@123456789012345678> @&123456789012345678 @!123456789012345678",
        "Ingrid Yun",
        "",
    ],
)
def test_safe_escapes_as_discord_py_does(text: str) -> None:
    """Cards are built without discord.py; their escaping must still match its own."""
    expected = discord.utils.escape_mentions(discord.utils.escape_markdown(text))
    assert safe(text) == expected
