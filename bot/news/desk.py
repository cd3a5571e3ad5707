"""The news desk: articles taken in (pasted by an editor or brought by a feed) and read into
proposals, stored until an editor confirms or rejects each; a confirmed proposal goes
through the editing services like any other change (audit entry, announcements)."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.announcements.desk import StatusDesk, StatusRefusedError, StatusRequest, is_news
from bot.catalogue.service import Catalogue
from bot.editing.decisions import set_status
from bot.editing.desk import EditDesk
from bot.editing.editors import Actor
from bot.editing.fields import EditRefusedError, NeedsConfirmationError
from bot.news.article import Article, ArticleUnreadableError, read_article
from bot.news.proposals import STATUS_FIELD, Proposal
from bot.news.reader import NewsReader, Reading
from db.engine import Database
from db.models import Show, utc_now
from db.news import (
    NewsArticle,
    NewsFeed,
    NewsProposal,
    ProposalState,
    add_proposals,
    article_by_id,
    article_claimed_under,
    article_keys,
    claim_article,
    decide_proposal,
    feed_states,
    mark_posted,
    pending_unposted,
    proposal_by_id,
    proposals_of_article,
)
from db.queries import load_show
from db.vocabulary import CreditRole, ShowStatus

_STATUSES = {
    "cancelled": ShowStatus.CANCELLED,
    "renewed": ShowStatus.RENEWED,
    "ordered": ShowStatus.IN_DEVELOPMENT,
}
NOTE_LIMIT = 300


@dataclass(frozen=True)
class Intake:
    """An article taken in: its id, and the proposals that are news to the catalogue."""

    article_id: int
    title: str
    proposals: list[NewsProposal]
    repeated: int
    """Proposals left out because the catalogue already says as much."""
    again: bool = False
    """The article was given before: `proposals` are its proposals as they stand."""


def status_of(proposal: NewsProposal | Proposal) -> tuple[ShowStatus, str | None]:
    """The status a proposal means, and the note that goes with it. A final season that
    orders one is a renewal ("renewed for a fourth and final season"); one that orders
    none means the show ends."""
    value = proposal.value
    if value == "ending":
        if proposal.seasons:
            return ShowStatus.RENEWED, "Renewed for a final season."
        return ShowStatus.ENDED, "The final season."
    if value == "ordered":
        return ShowStatus.IN_DEVELOPMENT, "Ordered to series."
    return _STATUSES[value], None


class NewsDesk:
    def __init__(
        self, database: Database, catalogue: Catalogue, edits: EditDesk, status: StatusDesk
    ) -> None:
        self.database = database
        self.catalogue = catalogue
        self.edits = edits
        self.status = status

    def read(self, article: Article) -> Reading:
        return NewsReader(self.catalogue.index).read(article)

    def _read_text(self, raw: str) -> tuple[Article, Reading]:
        article = read_article(raw)
        return article, self.read(article)

    async def take_in(
        self,
        raw: str,
        *,
        title: str | None = None,
        url: str | None = None,
        submitted_by: str | None = None,
    ) -> Intake:
        """Reads an editor's article and stores it with the proposals that are news. An
        article given before (the same link, or the same text) is not stored twice: its
        proposals as they stand come back instead."""
        # A web page's extraction can take a while: never on the event loop.
        article, reading = await asyncio.to_thread(self._read_text, raw)
        heading = (title or article.headline or "An article")[:500]
        keys = article_keys(url=url, entry_id=None if url else _text_key(raw))
        async with self.database.transaction() as session:
            published = (
                datetime.combine(article.published, time(), tzinfo=UTC)
                if article.published is not None
                else None
            )
            stored = await claim_article(
                session,
                NewsArticle(
                    url=url, title=heading, submitted_by=submitted_by, published_at=published
                ),
                keys,
            )
            if stored is None or stored.id is None:
                return await self._given_before(session, keys)
            rows = await self._propose(session, stored.id, reading, _decided_on(stored))
        return Intake(stored.id, heading, rows, len(reading.proposals) - len(rows))

    async def _given_before(self, session: AsyncSession, keys: list[str]) -> Intake:
        article_id = await article_claimed_under(session, keys)
        article = await article_by_id(session, article_id) if article_id else None
        if article is None or article.id is None:  # removed a moment ago: read it again
            raise ArticleUnreadableError(
                "That article was read before but is no longer on record: give it again."
            )
        proposals = await proposals_of_article(session, article.id)
        return Intake(article.id, article.title, proposals, 0, again=True)

    async def read_into(self, session: AsyncSession, article: NewsArticle, text: str) -> int:
        """Reads an article a feed brought, in the transaction that takes it in (so that
        an article is never taken in unread); returns how many proposals are news."""
        published = article.published_at.date() if article.published_at else None
        try:
            reading = self.read(read_article(text, published=published))
        except ArticleUnreadableError:
            return 0
        assert article.id is not None
        return len(await self._propose(session, article.id, reading, _decided_on(article)))

    async def _propose(
        self, session: AsyncSession, article_id: int, reading: Reading, day: date
    ) -> list[NewsProposal]:
        """Stores the proposals that are news; each show they name is read once."""
        shows: dict[int, Show | None] = {}
        fresh = []
        for proposal in reading.proposals:
            show = None
            if proposal.show_id is not None:
                if proposal.show_id not in shows:
                    shows[proposal.show_id] = await load_show(session, proposal.show_id)
                show = shows[proposal.show_id]
            if show is None or not _says_already(show, proposal, day):
                fresh.append(proposal)
        return await add_proposals(session, article_id, [_row(p) for p in fresh])

    async def feed_states(self) -> list[NewsFeed]:
        async with self.database.session() as session:
            return await feed_states(session)

    async def unposted(self) -> list[tuple[NewsArticle, list[NewsProposal]]]:
        """The articles with proposals not yet posted for review, each with all its
        proposals."""
        async with self.database.session() as session:
            waiting = await pending_unposted(session)
            found = []
            for article_id in dict.fromkeys(p.article_id for p in waiting):
                if article_id is None:
                    continue
                article = await article_by_id(session, article_id)
                if article is not None:
                    found.append((article, await proposals_of_article(session, article_id)))
            return found

    async def posted(self, proposal_ids: list[int], channel_id: int, message_id: int) -> None:
        async with self.database.transaction() as session:
            await mark_posted(session, proposal_ids, channel_id, message_id)

    async def proposals(self, article_id: int) -> tuple[NewsArticle | None, list[NewsProposal]]:
        async with self.database.session() as session:
            article = await article_by_id(session, article_id)
            return article, await proposals_of_article(session, article_id)

    async def proposals_around(
        self, proposal_id: int
    ) -> tuple[NewsArticle | None, list[NewsProposal]]:
        """The article a proposal comes from, and all its proposals as they stand."""
        async with self.database.session() as session:
            proposal = await proposal_by_id(session, proposal_id)
            if proposal is None or proposal.article_id is None:
                return None, []
            article = await article_by_id(session, proposal.article_id)
            return article, await proposals_of_article(session, proposal.article_id)

    async def reject(self, proposal_id: int, actor: Actor) -> str:
        async with self.database.transaction() as session:
            proposal = await proposal_by_id(session, proposal_id)
            if proposal is None:
                return "That proposal is no longer on record."
            if not await decide_proposal(
                session, proposal_id, ProposalState.REJECTED, actor.name, utc_now()
            ):
                return _already(proposal)
        return f"Rejected: {proposal.show_title}, {describe(proposal)}."

    async def confirm(self, proposal_id: int, actor: Actor, *, unusual_ok: bool = False) -> str:
        """Applies one proposal through the editing services, once however many click. An
        unusual change (a revival) raises NeedsConfirmationError unless `unusual_ok`."""
        async with self.database.transaction() as session:
            proposal = await proposal_by_id(session, proposal_id)
            if proposal is None:
                return "That proposal is no longer on record."
            article = await article_by_id(session, proposal.article_id or 0)
            if not await decide_proposal(
                session, proposal_id, ProposalState.CONFIRMED, actor.name, utc_now()
            ):
                return _already(proposal)
        try:
            return await self._apply(proposal, article, actor, unusual_ok)
        except NeedsConfirmationError as error:
            await self._reopen(proposal_id)
            raise NeedsConfirmationError(_refusal(proposal, error)) from None
        except (EditRefusedError, StatusRefusedError) as error:
            await self._reopen(proposal_id)
            raise EditRefusedError(_refusal(proposal, error)) from None
        except BaseException:
            await self._reopen(proposal_id)
            raise

    async def confirm_all(self, article_id: int, actor: Actor) -> list[str]:
        """Confirms every pending proposal of an article, each on its own: one refused
        does not stop the others."""
        _, proposals = await self.proposals(article_id)
        lines = []
        for proposal in proposals:
            if proposal.state != ProposalState.PENDING or proposal.id is None:
                continue
            try:
                lines.append(await self.confirm(proposal.id, actor))
            except (EditRefusedError, NeedsConfirmationError) as error:
                lines.append(str(error))
        return lines or ["Every proposal of this article was already decided."]

    async def _reopen(self, proposal_id: int) -> None:
        """A confirmation that could not be applied leaves the proposal pending again."""
        async with self.database.transaction() as session:
            proposal = await proposal_by_id(session, proposal_id)
            if proposal is not None:
                proposal.state = ProposalState.PENDING
                proposal.decided_by = None
                proposal.decided_at = None
                session.add(proposal)

    async def _apply(
        self, proposal: NewsProposal, article: NewsArticle | None, actor: Actor, unusual_ok: bool
    ) -> str:
        show_id, created = await self._show_for(proposal, actor)
        made = f"Added {proposal.show_title} to the catalogue. " if created else ""
        if proposal.field == STATUS_FIELD:
            status, note = status_of(proposal)
            day = _decided_on(article)
            request = StatusRequest(
                show_id=show_id,
                status=status,
                effective_date=day,
                seasons=proposal.seasons if status is ShowStatus.RENEWED else None,
                source_url=article.url if article is not None else None,
                note=note or proposal.evidence[:NOTE_LIMIT],
            )
            outcome = await set_status(
                self.edits, self.status, actor, request, confirmed=unusual_ok
            )
            return made + outcome.describe()
        return made + (await self._apply_detail(proposal, show_id, actor))

    async def _apply_detail(self, proposal: NewsProposal, show_id: int, actor: Actor) -> str:
        if proposal.field == "premiere_date":
            edit = await self.edits.edit_show(
                actor, show_id, {"premiere_date": date.fromisoformat(proposal.value)}
            )
            return edit.describe()
        if proposal.field == "cast":
            name, _, character = proposal.value.partition(" as ")
            credit = {"name": name, "role": CreditRole.ACTOR.value, "character": character}
        else:
            credit = {"name": proposal.value, "role": CreditRole(proposal.field).value}
        return (await self.edits.add_credit(actor, show_id, credit)).describe()

    async def _show_for(self, proposal: NewsProposal, actor: Actor) -> tuple[int, bool]:
        """The show a proposal is about; a show the catalogue does not have is added when
        the article names its network."""
        if proposal.show_id is not None and proposal.show_id in self.catalogue.index:
            return proposal.show_id, False
        named = [e for e, weight in self.catalogue.index.named(proposal.show_title) if weight >= 1]
        if len(named) == 1:
            return named[0].show_id, False
        if proposal.show_id is not None:
            raise EditRefusedError(f"{proposal.show_title} is no longer in the catalogue.")
        if not proposal.network:
            raise EditRefusedError(
                f"The article does not say which network {proposal.show_title} is on: add the "
                "show with /admin show add, then confirm this again."
            )
        outcome = await self.edits.add_show(
            actor, {"title": proposal.show_title, "network": proposal.network}
        )
        assert outcome.show_id is not None
        return outcome.show_id, True


def _text_key(raw: str) -> str:
    """What identifies pasted text with no link: its words, whatever the spacing."""
    return "text:" + hashlib.sha256(" ".join(raw.split()).encode("utf-8")).hexdigest()


def _row(proposal: Proposal) -> NewsProposal:
    return NewsProposal(
        show_id=proposal.show_id,
        show_title=proposal.show[:500],
        network=proposal.network[:200] if proposal.network else None,
        field=proposal.field,
        value=proposal.value[:500],
        seasons=proposal.seasons,
        evidence=proposal.evidence,
    )


def _says_already(show: Show, proposal: Proposal, day: date) -> bool:
    """Whether the catalogue already says what the proposal would: a renewal is news when
    the article is dated after the decision on record (a third season after a second)."""
    if proposal.field == STATUS_FIELD:
        status, _ = status_of(proposal)
        assert show.id is not None
        request = StatusRequest(show_id=show.id, status=status, effective_date=day)
        return not is_news(show, request)
    if proposal.field == "premiere_date":
        return show.premiere_date is not None and show.premiere_date.isoformat() == proposal.value
    name = proposal.value.partition(" as ")[0].casefold()
    return any(c.person is not None and c.person.name.casefold() == name for c in show.credits)


def _decided_on(article: NewsArticle | None) -> date:
    """A decision is dated by its article (when the article gives its day), else today."""
    if article is not None and article.published_at is not None:
        return article.published_at.astimezone(UTC).date()
    return datetime.now(UTC).date()


def describe(proposal: NewsProposal) -> str:
    """What a stored proposal says: "cancelled", "renewed for 2 seasons", "cast …"."""
    return Proposal(
        show=proposal.show_title,
        show_id=proposal.show_id,
        network=proposal.network,
        field=proposal.field,
        value=proposal.value,
        seasons=proposal.seasons,
        evidence=proposal.evidence,
    ).what()


def _already(proposal: NewsProposal) -> str:
    by = f" by {proposal.decided_by}" if proposal.decided_by else ""
    return f"{proposal.show_title}, {describe(proposal)}: already {proposal.state}{by}."


def _refusal(proposal: NewsProposal, error: Exception) -> str:
    return f"{proposal.show_title}, {describe(proposal)}: not applied. {error}"
