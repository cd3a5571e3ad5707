"""Answers as Discord-free cards (what an embed will show) and as plain text.

`answer_card` lays out any answer, `reply_cards` a whole reply (one card per answer, at
most three); `answer_text` and `reply_text` are the same for a terminal. The card model and
Discord's limits are in `layout`, a show's card in `show_cards`, plain text in `texts`.
"""

from __future__ import annotations

from bot.answering.answers import (
    Ambiguous,
    Answer,
    HelpAnswer,
    NotFound,
    PersonAnswer,
    PersonCredit,
    Reply,
    ShowAnswer,
)
from bot.answering.help import COMMANDS
from bot.answering.layout import (
    BLUE,
    EMBED_TOTAL_LIMIT,
    GREY,
    MESSAGE_LIMIT,
    YELLOW,
    Card,
    CardField,
    clip,
    discord_time,
    fit,
    fit_lines,
    lead_text,
    listed,
    spoiler,
)
from bot.answering.markup import safe, wrapped
from bot.answering.show_cards import show_card
from bot.answering.texts import answer_text, reply_text
from bot.matching.intents import Intent
from bot.matching.reading import MAX_SUBJECTS
from db.vocabulary import CreditRole

__all__ = [
    "EMBED_TOTAL_LIMIT",
    "MESSAGE_LIMIT",
    "Card",
    "CardField",
    "ambiguous_card",
    "answer_card",
    "answer_text",
    "clip",
    "discord_time",
    "fit",
    "help_card",
    "not_found_card",
    "person_card",
    "reply_cards",
    "reply_text",
    "show_card",
    "spoiler",
]

PERSON_LINES = 20


def answer_card(answer: Answer) -> Card:
    if isinstance(answer, ShowAnswer):
        return show_card(answer)
    if isinstance(answer, Ambiguous):
        return ambiguous_card(answer)
    if isinstance(answer, NotFound):
        return not_found_card(answer)
    if isinstance(answer, PersonAnswer):
        return person_card(answer)
    return help_card(answer)


def reply_cards(reply: Reply) -> list[Card]:
    """One card per answer, at most three, each within Discord's limits."""
    return [fit(answer_card(answer)) for answer in reply.answers[:MAX_SUBJECTS]]


def not_found_card(answer: NotFound) -> Card:
    subject = wrapped(safe(clip(answer.subject, 200)), "**")
    lines = [f"I couldn't find {subject} in the catalogue."]
    if answer.suggestions:
        names = (wrapped(safe(s.label()), "**") for s in answer.suggestions)
        lines.append("Did you mean: " + ", ".join(names) + "?")
    else:
        lines.append("Try the show's full title, or pick one from the autocomplete list.")
    return Card(title="No such show", description="\n".join(lines), color=GREY)


def ambiguous_card(answer: Ambiguous) -> Card:
    query = wrapped(safe(clip(answer.query, 200)), "**")
    lines = [f"More than one show matches {query}. Which one?"]
    lines += [f"• {safe(choice.label())}" for choice in answer.choices]
    return Card(title="Which show?", description="\n".join(lines), color=YELLOW)


def person_line(answer: PersonAnswer, credit: PersonCredit) -> str:
    """One credit as a card line, every record string escaped on its own."""
    kind = "film" if credit.film else "series"
    titled = safe(credit.title) + (f" ({credit.year}, {kind})" if credit.year else f" ({kind})")
    if answer.intent is Intent.CHARACTER:
        who = safe(credit.person or "")
        as_whom = f" as {safe(credit.character)}" if credit.character else ""
        return f"• {who}{as_whom} in {titled}"
    if credit.character:
        return f"• {titled} as {safe(credit.character)}"
    if credit.role is CreditRole.ACTOR:
        return f"• {titled}"
    return f"• {titled}: {credit.role.value}"


def person_card(answer: PersonAnswer) -> Card:
    """Who plays a character, or what a person is in; one line when no one fits."""
    if not answer.found:
        return Card(title="No such person", description=lead_text(answer.lead), color=GREY)
    title = f"Who plays {answer.name}" if answer.intent is Intent.CHARACTER else answer.name
    lines = [person_line(answer, credit) for credit in answer.credits]
    credits = fit_lines(listed(lines, PERSON_LINES))
    return Card(
        title=safe(title),
        description=lead_text(answer.lead),
        color=BLUE,
        fields=(CardField("In the catalogue", credits),),
    )


def help_card(answer: HelpAnswer) -> Card:
    lines = [lead_text(answer.lead)]
    if answer.examples:
        lines += ["", "Ask me, for example:"]
        lines += [f"• {safe(example)}" for example in answer.examples]
    fields: tuple[CardField, ...] = ()
    if len(answer.examples) > 2:
        commands = "\n".join(f"`{name}` {safe(what)}" for name, what in COMMANDS)
        fields = (CardField("Commands", commands),)
    return Card(title="showbot", description="\n".join(lines), color=BLUE, fields=fields)
