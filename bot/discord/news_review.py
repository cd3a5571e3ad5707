"""The news review: an article's proposals as one message, each with its evidence, a confirm
and a reject button, and "Confirm all"; for an editor's pasted article (privately) and in
REVIEW_CHANNEL_ID for what the feeds bring.

Buttons are dynamic items: their custom_id (`showbot:news:ACTION:ID`) names everything a
click needs, so a review posted before a restart still works, in whichever process receives
the click. Only editors may decide; each proposal is decided once, however many click.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.answering.cards import clip
from bot.answering.markup import safe, visible
from bot.discord.checks import actor_of, is_editor
from bot.discord.editing_views import ConfirmationView, Refusals, shown
from bot.discord.replies import first_response, followup, send
from bot.editing.fields import NeedsConfirmationError
from bot.news.desk import NewsDesk, describe
from bot.news.proposals import STATUS_FIELD
from db.news import NewsArticle, NewsProposal, ProposalState

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

log = logging.getLogger(__name__)

PREFIX = "showbot:news:"
PER_MESSAGE = 8
"""Two proposals' buttons (confirm and reject side by side) in each of four rows, and
"Confirm all" in the fifth: Discord allows five rows of five buttons."""
EVIDENCE_LIMIT = 280
DESCRIPTION_LIMIT = 4096
NOT_AN_EDITOR = "Only editors can decide on news. Nothing was changed."
DAMAGED = "That button doesn't name a proposal I know. Nothing was changed."
FAILED = "Something went wrong; nothing was changed. It has been logged."
_MARKS = {
    ProposalState.PENDING: "•",
    ProposalState.CONFIRMED: "✅",
    ProposalState.REJECTED: "✖️",
    ProposalState.STALE: "–",
}


def proposal_line(number: int, proposal: NewsProposal) -> str:
    """One proposal as the review shows it: what, about which show, and the sentence."""
    where = f" ({safe(proposal.network)})" if proposal.network else ""
    new = "" if proposal.show_id is not None else " · *new show*"
    state = ProposalState(proposal.state)
    decided = ""
    if state is not ProposalState.PENDING:
        by = f" by {safe(proposal.decided_by)}" if proposal.decided_by else ""
        decided = f" · **{state.value}**{by}"
    evidence = safe(clip(visible(proposal.evidence), EVIDENCE_LIMIT))
    return (
        f"{_MARKS[state]} **{number}. {safe(proposal.show_title)}**{where}{new}: "
        f"{safe(describe(proposal))}{decided}\n> {evidence}"
    )


def review_embed(
    article: NewsArticle, proposals: Sequence[NewsProposal], first: int
) -> discord.Embed:
    lines = [proposal_line(first + i, p) for i, p in enumerate(proposals)]
    text = "\n".join(lines)
    if len(text) > DESCRIPTION_LIMIT:
        text = text[: DESCRIPTION_LIMIT - 1] + "…"
    embed = discord.Embed(
        title=clip(visible(article.title), 256),
        url=article.url if article.url and article.url.startswith("https://") else None,
        description=text,
        colour=discord.Colour.gold(),
    )
    source = f"From {safe(article.submitted_by)}" if article.submitted_by else "From a news feed"
    embed.set_footer(text=clip(visible(f"{source} · article #{article.id}"), 2048))
    return embed


def review_view(proposals: Sequence[NewsProposal], first: int) -> discord.ui.View | None:
    pending = [(first + i, p) for i, p in enumerate(proposals) if p.state == ProposalState.PENDING]
    if not pending:
        return None
    view = discord.ui.View(timeout=None)
    for number, proposal in pending:
        assert proposal.id is not None
        row = (number - first) // 2
        view.add_item(ReviewButton(f"{PREFIX}confirm:{proposal.id}", f"Confirm {number}", row))
        view.add_item(ReviewButton(f"{PREFIX}reject:{proposal.id}", f"Reject {number}", row))
    if len(pending) > 1 and proposals[0].article_id is not None:
        ids = ",".join(str(p.id) for _, p in pending)
        view.add_item(ReviewButton(f"{PREFIX}all:{ids}", "Confirm all", 4))
    return view


def pages(proposals: Sequence[NewsProposal]) -> list[tuple[int, list[NewsProposal]]]:
    """The proposals in messages of `PER_MESSAGE`, status news first, each with the number
    of its first proposal."""
    ordered = sorted(proposals, key=lambda p: (p.field != STATUS_FIELD, p.id or 0))
    return [
        (start + 1, ordered[start : start + PER_MESSAGE])
        for start in range(0, len(ordered), PER_MESSAGE)
    ]


class ReviewButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.compile(re.escape(PREFIX) + r"(?P<state>.*)", re.DOTALL),
):
    """Confirm or reject one proposal, or confirm several: for editors only."""

    def __init__(self, custom_id: str, label: str = "?", row: int | None = None) -> None:
        style = (
            discord.ButtonStyle.danger if ":reject:" in custom_id else discord.ButtonStyle.success
        )
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=custom_id), row=row)
        self.action, self.ids = _parse(custom_id)
        self.unusual: list[tuple[int, str]] = []
        """Proposals this click would apply that ask for a second look."""

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ReviewButton:
        label = getattr(item, "label", None)
        return cls(match.string, label if isinstance(label, str) else "?")

    async def callback(self, interaction: discord.Interaction[ShowBot]) -> None:  # type: ignore[override]
        try:
            await self.decide(interaction)
        except Exception as error:  # discord.py would only log it: the editor is told
            log.error("a news review button failed", exc_info=error)
            await _tell(interaction, FAILED)

    async def decide(self, interaction: discord.Interaction[ShowBot]) -> None:
        if self.action is None or not self.ids:
            await _tell(interaction, DAMAGED)
            return
        if not await is_editor(interaction):
            log.info("user %s, not an editor, clicked a news review button", interaction.user.id)
            await _tell(interaction, NOT_AN_EDITOR)
            return
        # A deferred update: the review message stays, to be redrawn once decided.
        await first_response(interaction, lambda: interaction.response.defer())
        desk = interaction.client.app.news
        said = await self._work(desk, interaction)
        await refresh_review(interaction, desk, self.ids[0])
        if said:
            await _tell(interaction, shown(said))
        await self.ask_about_unusual(interaction)

    async def _work(self, desk: NewsDesk, interaction: discord.Interaction[ShowBot]) -> str:
        actor = actor_of(interaction)
        lines = []
        for proposal_id in self.ids:
            try:
                if self.action == "reject":
                    lines.append(await desk.reject(proposal_id, actor))
                else:
                    lines.append(await desk.confirm(proposal_id, actor))
            except NeedsConfirmationError as unusual:
                self.unusual.append((proposal_id, str(unusual)))
            except Refusals as refusal:
                lines.append(str(refusal))
        return "\n".join(lines)

    async def ask_about_unusual(self, interaction: discord.Interaction[ShowBot]) -> None:
        """An unusual change (a revival) is asked about, one confirmation each: applied
        only when the editor confirms it anyway, then the review is redrawn."""
        desk = interaction.client.app.news
        for proposal_id, warning in self.unusual:

            async def anyway(_: discord.Interaction[ShowBot], pid: int = proposal_id) -> str:
                said = await desk.confirm(pid, actor_of(interaction), unusual_ok=True)
                await refresh_review(interaction, desk, pid)
                return said

            view = ConfirmationView(interaction.user.id, anyway, confirm_label="Confirm anyway")
            text = shown(f"{warning} Confirm it anyway?")
            view.message = await send(interaction, content=text, view=view, ephemeral=True)


def _parse(custom_id: str) -> tuple[str | None, list[int]]:
    match = re.fullmatch(
        re.escape(PREFIX) + r"(confirm|reject|all):([1-9][0-9]{0,17}(?:,[1-9][0-9]{0,17}){0,24})",
        custom_id,
    )
    if match is None:
        return None, []
    return match[1], [int(part) for part in match[2].split(",")]


async def refresh_review(
    interaction: discord.Interaction[ShowBot], desk: NewsDesk, proposal_id: int
) -> None:
    """Redraws the message the click came from: decided proposals marked, their buttons
    gone."""
    message = interaction.message
    if message is None:
        return
    article, proposals = await desk.proposals_around(proposal_id)
    if article is None:
        return
    for first, page in pages(proposals):
        if any(p.id == proposal_id for p in page):
            embed = review_embed(article, page, first)
            view = review_view(page, first)
            try:
                await followup(
                    interaction,
                    lambda: interaction.edit_original_response(embed=embed, view=view),  # noqa: B023 (awaited here)
                )
            except discord.HTTPException as failure:
                log.warning("could not redraw a news review: %s", failure)
            return


async def _tell(interaction: discord.Interaction[Any], text: str) -> None:
    try:
        await send(interaction, content=text, ephemeral=True)
    except discord.HTTPException as failure:
        log.warning("could not answer a news review button: %s", failure)
