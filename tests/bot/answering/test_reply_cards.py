"""Cards and text for every kind of answer, and for a whole reply: people, help, several
shows."""

from __future__ import annotations

import discord
import pytest

from bot.answering.answers import (
    Ambiguous,
    Answer,
    HelpAnswer,
    NotFound,
    PersonAnswer,
    PersonCredit,
    Reply,
    ShowChoice,
)
from bot.answering.cards import (
    EMBED_TOTAL_LIMIT,
    answer_card,
    answer_text,
    reply_cards,
    reply_text,
)
from bot.answering.help import help_answer
from bot.application import Application
from bot.discord.embeds import to_embed
from bot.matching.intents import Intent, SmallTalk
from db.vocabulary import CreditRole
from tests.bot.answering.conftest import reading
from tests.bot.answering.markdown_reader import live_mentions, markup_lines, unescaped

HOSTILE = "[x](https://phish.example) **b** ||s|| <@1> @everyone\n# heading"

TYLER = PersonAnswer(
    intent=Intent.CHARACTER,
    name="Tyler Robinson",
    lead="Bradley Gibson plays Tyler Robinson in Partner Track (2022).",
    credits=(
        PersonCredit(1, "Partner Track", 2022, False, CreditRole.ACTOR, "Tyler Robinson",
                     "Bradley Gibson"),
    ),
)  # fmt: skip
ARDEN = PersonAnswer(
    intent=Intent.FILMOGRAPHY,
    name="Arden Cho",
    lead="Arden Cho is in two titles in the catalogue: A and B.",
    credits=(
        PersonCredit(1, "Partner Track", 2022, False, CreditRole.ACTOR, "Ingrid Yun"),
        PersonCredit(2, "A Film", 2020, True, CreditRole.DIRECTOR, None),
    ),
)
NOBODY = PersonAnswer(Intent.FILMOGRAPHY, "Zebulon Pike", "No one called Zebulon Pike is.", ())


def _limits_hold(embed: discord.Embed) -> None:
    assert len(embed) <= EMBED_TOTAL_LIMIT and len(embed.fields) <= 25
    assert all(0 < len(f.value or "") <= 1024 for f in embed.fields)


def test_who_plays_a_character_card() -> None:
    embed = to_embed(answer_card(TYLER))
    assert embed.title == "Who plays Tyler Robinson"
    assert embed.description == TYLER.lead
    assert (
        embed.fields[0].value
        == "• Bradley Gibson as Tyler Robinson in Partner Track (2022, series)"
    )


def test_a_filmography_card() -> None:
    embed = to_embed(answer_card(ARDEN))
    assert embed.title == "Arden Cho"
    assert (embed.fields[0].value or "").split("\n") == [
        "• Partner Track (2022, series) as Ingrid Yun",
        "• A Film (2020, film): director",
    ]
    assert answer_text(ARDEN).split("\n")[1:] == [
        "  - Partner Track (2022, series) as Ingrid Yun",
        "  - A Film (2020, film): director",
    ]


def test_no_such_person_is_one_line() -> None:
    embed = to_embed(answer_card(NOBODY))
    assert embed.title == "No such person" and embed.description == NOBODY.lead
    assert not embed.fields
    assert answer_text(NOBODY) == NOBODY.lead


def test_a_long_filmography_is_cut_with_a_count() -> None:
    credit = PersonCredit(1, "Show", 2020, False, CreditRole.ACTOR, None)
    many = PersonAnswer(Intent.FILMOGRAPHY, "Busy", "Busy is in 60 titles.", (credit,) * 60)
    embed = to_embed(answer_card(many))
    _limits_hold(embed)
    assert (embed.fields[0].value or "").split("\n")[-1] == "…and 40 more"


def test_a_hostile_person_card_makes_no_markup() -> None:
    credit = PersonCredit(1, HOSTILE, 2022, False, CreditRole.ACTOR, HOSTILE, HOSTILE)
    for intent in (Intent.CHARACTER, Intent.FILMOGRAPHY):
        embed = to_embed(answer_card(PersonAnswer(intent, HOSTILE, HOSTILE, (credit,))))
        for text in (embed.title or "", embed.description or "", embed.fields[0].value or ""):
            assert markup_lines(text) == [] and live_mentions(text) == []
            assert unescaped(text) == [], text


@pytest.mark.parametrize("talk", list(SmallTalk))
def test_help_cards_are_short_and_never_a_show(talk: SmallTalk) -> None:
    answer = help_answer(talk)
    embed = to_embed(answer_card(answer))
    assert embed.title == "showbot"
    assert (embed.description or "").startswith(answer.lead)
    lines = [line for line in (embed.description or "").split("\n") if line]
    assert len(lines) <= 10
    for example in answer.examples:
        assert f"• {example}" in (embed.description or "")
    if talk is SmallTalk.THANKS:
        assert not embed.fields and len(answer.examples) <= 2
    else:
        assert "/show help" in (embed.fields[0].value or "")
    text = answer_text(answer)
    assert text.startswith(answer.lead) and "**" not in text


def test_every_kind_of_answer_has_a_card_and_text() -> None:
    choice = ShowChoice(1, "Partner Track", 2022, "Netflix")
    answers: list[Answer] = [
        TYLER,
        ARDEN,
        NOBODY,
        HelpAnswer(SmallTalk.HELP, "Help.", ("an example",)),
        NotFound("q", "x", (choice,)),
        Ambiguous("q", Intent.STATUS, None, (choice, choice)),
    ]
    for answer in answers:
        _limits_hold(to_embed(answer_card(answer)))
        assert answer_text(answer)


@pytest.mark.asyncio
async def test_a_reply_about_several_shows_is_a_card_each(app: Application) -> None:
    names = ("partner track", "the watcher", "dahmer", "the imperfects")
    reply = await app.answers.answer(reading(app, *names, intent=Intent.STATUS))
    cards = reply_cards(reply)
    assert [card.title for card in cards] == [
        "Partner Track (2022)",
        "The Watcher",
        "Dahmer – Monster: The Jeffrey Dahmer Story",
    ]
    text = reply_text(reply)
    blocks = text.split("\n\n")
    assert len(blocks) == 3
    assert blocks[1].split("\n")[:2] == [
        "The Watcher — Netflix",
        reply.answers[1].lead,  # type: ignore[union-attr]
    ]


def test_a_reply_never_shows_more_than_three_answers() -> None:
    reply = Reply("q", (NOBODY,) * 5)
    assert len(reply_cards(reply)) == 3
    assert reply_text(reply).count(NOBODY.lead) == 3
