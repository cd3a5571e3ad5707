"""Answering questions about shows: from a `Reading` to a `Reply`, no Discord involved.

`AnswerService.answer` takes a message as the question reader read it and answers each show
it names (at most three), or the person or character it asks about, or its small talk.
`ask` reads the text first; `answer_for` answers about one show picked from a menu.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from bot.answering.answers import (
    Ambiguous,
    Answer,
    NotFound,
    Reply,
    ShowAnswer,
    ShowChoice,
)
from bot.answering.help import NO_SHOW_NAMED, help_answer
from bot.answering.people import PeopleAnswers
from bot.answering.show_answers import build_answer, status_line
from bot.matching.index import Resolution, TitleEntry, TitleIndex
from bot.matching.intents import Intent, SmallTalk
from bot.matching.questions import WordRole, word_roles
from bot.matching.reader import QuestionReader
from bot.matching.reading import MAX_SUBJECTS, Reading
from bot.matching.text import without_article, words
from bot.ops.metrics import RESOLUTION_SECONDS
from db.engine import Database
from db.models import Show
from db.people import PeopleDirectory
from db.queries import load_show, show_stamp

__all__ = ["CHOICE_VALUE", "AnswerService", "build_answer", "status_line"]

_NAME = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){1,3}")
"""Two to four words of letters: what a person's name looks like when typed alone."""
CHOICE_VALUE = re.compile(r"^id:(\d{1,18})$")
"""How autocomplete hands a picked show back: Discord shows the title, sends this value."""
SUGGESTIONS = 3
_WORDS_AROUND_A_NAME = 6
"""Words a person's name is looked for among, when no show has them ("lee min ho dramas
list"): more is a sentence, not a name with a word or two around it."""
EXACT_TITLE_SCAN = 10
"""Autocomplete names looked through for a title spelled exactly as the asker's words."""

_ABOUT_SOMEONE = frozenset({Intent.CHARACTER, Intent.FILMOGRAPHY, Intent.CAST})


def _choice(entry: TitleEntry) -> ShowChoice:
    return ShowChoice(
        show_id=entry.show_id, title=entry.title, year=entry.year, network=entry.network
    )


SHOWS_KEPT = 2048
"""Shows kept in memory for answers (see `AnswerService._show`): a few megabytes."""


class AnswerService:
    """Finds the shows (or people) a question means and answers what it asks of them."""

    def __init__(
        self, database: Database, index: TitleIndex, people: PeopleDirectory | None = None
    ) -> None:
        self.database = database
        self.index = index
        self.people = PeopleAnswers(database, people)
        self._shows: OrderedDict[int, Show] = OrderedDict()
        """The shows answered about lately, least recent first (see `_show`)."""

    async def ask(
        self, text: str, *, intent: Intent | None = None, season: int | None = None
    ) -> Reply:
        """Reads `text` and answers it; `intent` and `season` (a slash command's) win over
        what the text says."""
        chosen = CHOICE_VALUE.match(text.strip())
        if chosen and int(chosen.group(1)) in self.index:
            picked = await self.answer_for(int(chosen.group(1)), intent or Intent.OVERVIEW, season)
            return Reply(question=text, answers=(picked,))
        with RESOLUTION_SECONDS.time():
            reading = QuestionReader(self.index).read(text)
        return await self.answer(reading, intent=intent, season=season)

    async def answer(
        self, reading: Reading, *, intent: Intent | None = None, season: int | None = None
    ) -> Reply:
        intent = intent or reading.intent
        season = season if season is not None else reading.season
        if season is not None and intent in (Intent.OVERVIEW, Intent.STATUS):
            intent = Intent.SEASON  # "imperfects season 2?" asks about that season
        subjects = _distinct(reading.subjects)[:MAX_SUBJECTS]
        if subjects and not self._about_someone_instead(reading, intent, subjects):
            answers = [
                await self._about(subject, reading, intent, season, len(subjects) == 1)
                for subject in subjects
            ]
            return Reply(question=reading.text, answers=tuple(answers))
        return Reply(question=reading.text, answers=(await self._without_show(reading, intent),))

    async def answer_for(
        self,
        show_id: int,
        intent: Intent = Intent.OVERVIEW,
        season: int | None = None,
        *,
        character: str | None = None,
        person: str | None = None,
        also: tuple[Intent, ...] = (),
    ) -> ShowAnswer | NotFound:
        """The answer about one show, picked by id (from a menu, a button, autocomplete)."""
        show = await self._show(show_id)
        if show is None:
            # Deleted since the index last heard of it.
            return NotFound(query=f"id:{show_id}", subject="that show", intent=intent)
        return build_answer(show, intent, season, character=character, person=person, also=also)

    async def _show(self, show_id: int) -> Show | None:
        """The show with everything an answer shows. A show read before is answered from
        memory while its stamp says it has not changed since (one indexed read instead of a
        dozen): popular shows are asked about again and again, and reading a whole show is
        most of what an answer costs."""
        async with self.database.session() as session:
            stamp = await show_stamp(session, show_id)
            kept = self._shows.get(show_id)
            if stamp is None or (kept is not None and kept.updated_at == stamp):
                if stamp is None:
                    self._shows.pop(show_id, None)
                else:
                    self._shows.move_to_end(show_id)
                return kept if stamp is not None else None
            show = await load_show(session, show_id)
        if show is not None:
            self._shows[show_id] = show
            if len(self._shows) > SHOWS_KEPT:
                self._shows.popitem(last=False)
        return show

    def help(self, talk: SmallTalk = SmallTalk.HELP) -> Reply:
        """What /show help shows."""
        return Reply(question="help", answers=(help_answer(talk),))

    # -- the parts of an answer ---------------------------------------------------------

    @staticmethod
    def _about_someone_instead(
        reading: Reading, intent: Intent, subjects: list[Resolution]
    ) -> bool:
        """'who plays tyler': a name the index could not place as a show is the character's."""
        if not (reading.character or reading.person) or intent not in _ABOUT_SOMEONE:
            return False
        return all(s.match is None and not s.ambiguous for s in subjects)

    async def _about(
        self,
        subject: Resolution,
        reading: Reading,
        intent: Intent,
        season: int | None,
        only: bool,
    ) -> Answer:
        if subject.ambiguous:
            return Ambiguous(
                query=subject.query,
                intent=intent,
                asked_season=season,
                choices=tuple(_choice(c.entry) for c in subject.candidates),
                character=reading.character,
                person=reading.person,
            )
        if subject.match is None:
            words = reading.subject_words if only and reading.subject_words else subject.query
            exact = await self._exactly_titled(words, reading, intent, season)
            if exact is not None:
                return exact
            someone = await self._someone_named(words, intent, only)
            if someone is not None:
                return someone
            return NotFound(
                query=subject.query,
                subject=words,
                suggestions=_suggestions(subject, words),
                intent=intent,
                asked_season=season,
                character=reading.character,
                person=reading.person,
            )
        return await self.answer_for(
            subject.match.entry.show_id,
            intent,
            season,
            character=reading.character,
            person=reading.person,
            also=reading.also,
        )

    async def _someone_named(self, words: str, intent: Intent, only: bool) -> Answer | None:
        """'omar sy': a bare name that is no show's but a person's is asking what they are in."""
        if not only or intent not in (Intent.OVERVIEW, Intent.FILMOGRAPHY):
            return None
        if _NAME.fullmatch(words):
            found = await self.people.filmography(words)
            if found.credits:
                return found
        typed = words.split()
        if len(typed) > _WORDS_AROUND_A_NAME:
            return None
        person = await self.people.named_within(typed)
        return await self.people.filmography(person) if person else None

    async def _exactly_titled(
        self, subject: str, reading: Reading, intent: Intent, season: int | None
    ) -> Answer | None:
        named = self._titled_exactly(subject)
        if len(named) == 1:
            return await self.answer_for(
                named[0].show_id,
                intent,
                season,
                character=reading.character,
                person=reading.person,
            )
        if named:
            return Ambiguous(
                query=subject,
                intent=intent,
                asked_season=season,
                choices=tuple(map(_choice, named)),
                character=reading.character,
                person=reading.person,
            )
        return None

    def _titled_exactly(self, subject: str) -> list[TitleEntry]:
        """The shows named exactly as the words that were not placed: "No show called the
        imperfects" would be false while The Imperfects is in the catalogue. Words that are
        only question or everyday words ("you", "thanks") never count as a title here."""
        folded = words(subject)
        if not folded or WordRole.CONTENT not in word_roles(folded):
            return []
        wanted = _forms(subject)
        if not any(map(self.index.has_name, wanted)):
            return []  # no name is exactly these words: spare the autocomplete scan
        found: dict[int, TitleEntry] = {}
        for entry in self.index.complete(subject, limit=EXACT_TITLE_SCAN):
            if set().union(*(_forms(name) for name in entry.names())) & wanted:
                found.setdefault(entry.show_id, entry)
        return list(found.values())

    async def _without_show(self, reading: Reading, intent: Intent) -> Answer:
        if reading.small_talk is not None:
            return help_answer(reading.small_talk)
        if reading.character and intent is not Intent.FILMOGRAPHY:
            return await self.people.who_plays(reading.character)
        if reading.person:
            found = await self.people.filmography(reading.person)
            if found.credits:
                return found
            person = await self.people.named_within(reading.person.split())
            return await self.people.filmography(person) if person else found
        if reading.subject_words:
            exact = await self._exactly_titled(
                reading.subject_words, reading, intent, reading.season
            )
            if exact is not None:
                return exact
            return NotFound(
                query=reading.text,
                subject=reading.subject_words,
                intent=intent,
                asked_season=reading.season,
            )
        return help_answer(SmallTalk.HELP, NO_SHOW_NAMED)


def _distinct(subjects: tuple[Resolution, ...]) -> list[Resolution]:
    """The subjects without a second mention of a show already named ("dahmer and monster")."""
    seen: set[int] = set()
    kept = []
    for subject in subjects:
        if subject.match is not None and not subject.ambiguous:
            if subject.match.entry.show_id in seen:
                continue
            seen.add(subject.match.entry.show_id)
        kept.append(subject)
    return kept


def _forms(text: str) -> set[str]:
    """A name folded, with and without its leading article ("the watcher", "watcher")."""
    folded = words(text)
    return {" ".join(folded), " ".join(without_article(folded))}


def _suggestions(resolution: Resolution, subject: str) -> tuple[ShowChoice, ...]:
    """The nearest shows, leaving out any named exactly as the words that were not found:
    "no show called breaking bad; did you mean Breaking Bad?" helps no one."""
    refused = (_forms(subject) | _forms(resolution.query)) - {""}
    chosen: dict[int, ShowChoice] = {}
    for candidate in resolution.candidates:
        entry = candidate.entry
        named = set().union(*(_forms(name) for name in entry.names()))
        if entry.show_id in chosen or named & refused:
            continue
        chosen[entry.show_id] = _choice(entry)
        if len(chosen) == SUGGESTIONS:
            break
    return tuple(chosen.values())
