"""Small talk and help: a short reply and questions to try, never a show."""

from __future__ import annotations

from bot.answering.answers import HelpAnswer
from bot.matching.intents import SmallTalk

EXAMPLES = (
    "is Partner Track cancelled?",
    "will there be a season 2 of The Watcher?",
    "who plays Tyler in Partner Track?",
    "what is Arden Cho in?",
    "who created The Imperfects?",
    "how did Partner Track end?",
)
"""Questions the built-in records answer, one per kind of question."""

COMMANDS = (
    ("/show status", "renewed or cancelled, when, and who says so"),
    ("/show cast", "who is in it"),
    ("/show ending", "how a season ended, behind a spoiler tag"),
    ("/show ask", "anything, in your own words"),
    ("/show scorecard", "a network's renewals and cancellations by year, as a chart"),
    ("/show help", "this help"),
)

LEADS: dict[SmallTalk, str] = {
    SmallTalk.GREETING: "Hello! I'm showbot: ask me where a TV show stands.",
    SmallTalk.THANKS: "You're welcome!",
    SmallTalk.HELP: (
        "I answer questions about TV shows from the records I hold: whether they were "
        "renewed or cancelled, who is in them, how a season ended, and more."
    ),
    SmallTalk.ABOUT_BOT: (
        "Yes, I'm a bot: showbot, which answers questions about TV shows from the news "
        "articles and catalogues in its records."
    ),
}

NO_SHOW_NAMED = "Which show do you mean? Ask me with its title."
"""For a question that names no show, no person and no character."""


def help_answer(talk: SmallTalk = SmallTalk.HELP, lead: str | None = None) -> HelpAnswer:
    """The reply to small talk; thanks gets a shorter one, with fewer examples."""
    examples = EXAMPLES[:2] if talk is SmallTalk.THANKS else EXAMPLES
    return HelpAnswer(talk=talk, lead=lead or LEADS[talk], examples=examples)
