"""The question reader: from a message to a `Reading` (shows named, intent, arguments)."""

from __future__ import annotations

from bot.matching.index import TitleIndex
from bot.matching.questions import parse_question, title_words
from bot.matching.reading import Reading


class QuestionReader:
    """Reads messages against one title index."""

    def __init__(self, index: TitleIndex) -> None:
        self.index = index

    def read(self, text: str) -> Reading:
        question = parse_question(text)
        resolution = self.index.resolve(text)
        return Reading(
            text=text,
            intent=question.intent,
            subjects=(resolution,),
            season=question.season,
            subject_words=title_words(text),
        )
