"""People in answers: who plays a character in a show, what a person is in across the
catalogue, and who plays a character anywhere in it.

Names are matched as people type them (a first name, no capitals, a typo) through the same
`NameDirectory` the catalogue-wide lookups use, so "tyler" finds Tyler Robinson in one show
exactly as it does across all of them.
"""

from __future__ import annotations

import string

from bot.answering.answers import PersonAnswer, PersonCredit, count_words
from bot.matching.intents import Intent
from db.engine import Database
from db.models import Credit, Show
from db.names import NameDirectory
from db.people import CreditRow, PeopleDirectory, credits_by_id, credits_of_people
from db.vocabulary import CreditRole

NAME_WORDS = 4
"""The most words a person's name is looked for in."""
LEAD_ITEMS = 3
"""Credits or names a lead names before it says how many more there are."""

ROLE_VERBS: dict[CreditRole, str] = {
    CreditRole.ACTOR: "is in",
    CreditRole.CREATOR: "created",
    CreditRole.DEVELOPER: "developed",
    CreditRole.DIRECTOR: "directed",
    CreditRole.WRITER: "wrote",
    CreditRole.PRODUCER: "produced",
}


def as_typed(text: str) -> str:
    """A name as the asker typed it, spaces tidied; all-lowercase names get capitals."""
    text = " ".join(text.split())
    return string.capwords(text) if text.islower() else text


def joined(items: list[str], more: int = 0) -> str:
    """'A', 'A and B', 'A, B and C'; 'A, B, C and 4 more' when `more` were left out."""
    if more:
        items = [*items, f"{more} more"]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


# -- in one show ---------------------------------------------------------------------------


def acting_credits(show: Show) -> list[Credit]:
    """The show's cast, top billing first."""
    actors = [c for c in show.credits if c.role is CreditRole.ACTOR and c.person is not None]
    return sorted(actors, key=lambda c: (c.billing_order is None, c.billing_order or 0, c.id or 0))


def playing(show: Show, character: str) -> list[Credit]:
    """The cast members whose character fits `character` best: "tyler" is Tyler Robinson."""
    cast = [c for c in acting_credits(show) if c.character]
    directory = NameDirectory((position, c.character or "") for position, c in enumerate(cast))
    return [cast[match.key] for match in directory.best(character)]


def credited(show: Show, person: str) -> list[Credit]:
    """Every credit in the show of the person whose name fits `person` best."""
    credits = [c for c in show.credits if c.person is not None]
    directory = NameDirectory(
        (position, c.person.name if c.person else "") for position, c in enumerate(credits)
    )
    return [credits[match.key] for match in directory.best(person)]


# -- across the catalogue --------------------------------------------------------------------


class PeopleAnswers:
    """Answers about people and characters wherever they are in the catalogue."""

    def __init__(self, database: Database, directory: PeopleDirectory | None = None) -> None:
        self.database = database
        self.directory = directory or PeopleDirectory()

    async def who_plays(self, character: str) -> PersonAnswer:
        """Who plays a character, in every show of the catalogue that has one of that name."""
        async with self.database.session() as session:
            matches = await self.directory.characters(session, character)
            rows = await credits_by_id(session, [m.key for m in matches])
        typed = as_typed(character)
        if not rows:
            lead = f"No character called {typed} is in the catalogue's cast lists."
            return PersonAnswer(Intent.CHARACTER, typed, lead, ())
        named = {row.character for row in rows}
        name = rows[0].character if len(named) == 1 and rows[0].character else typed
        parts = [f"{r.person} plays {r.character} in {_titled(r)}" for r in rows[:LEAD_ITEMS]]
        lead = joined(parts) + "."
        if len(rows) > LEAD_ITEMS:
            lead += f" The catalogue has {count_words(len(rows) - LEAD_ITEMS, 'more')}."
        return PersonAnswer(Intent.CHARACTER, name, lead, tuple(_credit(r) for r in rows))

    async def named_within(self, words: list[str]) -> str | None:
        """The name of a person typed whole among a few other words ("lee min ho dramas list",
        "what ryan murphy stuff is there"): the longest run of two to four words that is
        exactly someone's name in the catalogue."""
        async with self.database.session() as session:
            for size in range(min(len(words), NAME_WORDS), 1, -1):
                for start in range(len(words) - size + 1):
                    typed = " ".join(words[start : start + size])
                    matches = await self.directory.people(session, typed)
                    if matches and all(m.exact for m in matches):
                        return typed
        return None

    async def filmography(self, person: str) -> PersonAnswer:
        """What a person is in (or made), newest first."""
        typed = as_typed(person)
        async with self.database.session() as session:
            matches = await self.directory.people(session, person)
            if len({" ".join(m.name.casefold().split()) for m in matches}) > 1:
                names = [m.name for m in matches]
                lead = (
                    f"More than one person in the catalogue is called {typed}: "
                    f"{joined(names[:4], len(names) - 4 if len(names) > 4 else 0)}. "
                    "Ask again with the full name."
                )
                return PersonAnswer(Intent.FILMOGRAPHY, typed, lead, ())
            rows = await credits_of_people(session, [m.key for m in matches])
        if not rows:
            return PersonAnswer(
                Intent.FILMOGRAPHY, typed, f"No one called {typed} is in the catalogue.", ()
            )
        name = rows[0].person
        return PersonAnswer(
            Intent.FILMOGRAPHY, name, _filmography_lead(name, rows), tuple(map(_credit, rows))
        )


def _titled(row: CreditRow) -> str:
    return f"{row.title} ({row.year})" if row.year else row.title


def _credit(row: CreditRow) -> PersonCredit:
    return PersonCredit(
        show_id=row.show_id,
        title=row.title,
        year=row.year,
        film=row.film,
        role=row.role,
        character=row.character,
        person=row.person,
    )


def _filmography_lead(name: str, rows: list[CreditRow]) -> str:
    titles: dict[int, CreditRow] = {}
    for row in rows:
        titles.setdefault(row.show_id, row)
    if len(titles) == 1:
        row = rows[0]
        credits = sorted({r.role for r in rows}, key=list(CreditRole).index)
        verbs = joined([ROLE_VERBS[role] for role in credits])
        as_whom = f", as {row.character}" if row.character and len(credits) == 1 else ""
        return f"{name} {verbs} {_titled(row)}{as_whom}."
    acting = all(row.role is CreditRole.ACTOR for row in rows)
    verb = "is in" if acting else "is credited on"
    shown = [_titled(row) for row in list(titles.values())[:LEAD_ITEMS]]
    more = max(len(titles) - LEAD_ITEMS, 0)
    return (
        f"{name} {verb} {count_words(len(titles), 'title')} in the catalogue: "
        f"{joined(shown, more)}."
    )
