"""The record of one interaction the fake dispatched, ``FakeInteraction``: every callback,
followup, edit, delete and fetch the bot made about it, in order and with the status each
got, plus the waits a test uses to see the bot's answer. The interaction routes write to it;
tests read it and wait on it.
"""

# The waits take explicit ``timeout`` arguments on purpose: they are the tests' API.
# ruff: noqa: ASYNC109

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Sequence
from typing import Literal

from tests.e2e.fake_discord.protocol import JSONDict
from tests.e2e.fake_discord.records import InteractionEvent, RecordedFile
from tests.e2e.fake_discord.waiting import Changes


class FakeInteraction:
    """Everything the bot did with one interaction the fake dispatched.

    Parallel lists (``callbacks``/``callback_times``/``callback_statuses`` etc.)
    keep simple assertions simple; ``events`` keeps the full ordered story.
    Rejected attempts (e.g. a second callback answered 400/40060) are recorded
    too, so a test can assert the bot answered exactly once.
    """

    def __init__(self, *, changes: Changes, payload: JSONDict) -> None:
        self._changes = changes
        self.payload: JSONDict = payload
        self.id: int = int(payload["id"])
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.guild_id: int | None = int(payload["guild_id"]) if payload.get("guild_id") else None
        self.channel_id: int = int(payload["channel_id"])
        self.dispatched_at: float = time.monotonic()
        self.shard: list[int] | None = None
        """``[shard_id, shard_count]`` of the session it was dispatched on (None: unsharded)."""
        self.events: list[InteractionEvent] = []
        self.callbacks: list[JSONDict] = []
        self.callback_times: list[float] = []
        self.callback_statuses: list[int] = []
        self.followups: list[JSONDict] = []
        self.followup_times: list[float] = []
        self.followup_statuses: list[int] = []
        self.edits: list[JSONDict] = []
        self.edit_times: list[float] = []
        self.edit_targets: list[str] = []
        self.deletes: list[str] = []
        self.delete_times: list[float] = []
        self.allowed_mentions: list[JSONDict | None] = []
        """``allowed_mentions`` of each message request (4/7 callbacks, followups, edits)."""
        self.acknowledged: bool = False
        self.response_type: int | None = None
        """Type of the accepted initial callback (4, 5, 6, 7, 8 or 9)."""
        self.original_message: JSONDict | None = None
        self.messages: dict[int, JSONDict] = {}
        """Messages this interaction's webhook created (original response and followups) by id."""
        self.modal_submission: FakeInteraction | None = None
        """The MODAL_SUBMIT a test sent for the modal the bot answered with (one at most)."""
        self.modal_of: FakeInteraction | None = None
        """For a MODAL_SUBMIT: the interaction the bot answered with the modal."""

    # -- recording (called by the interaction routes) ---------------------------

    def elapsed(self) -> float:
        """Seconds since the interaction was dispatched (Discord's 3 s clock)."""
        return time.monotonic() - self.dispatched_at

    def record(
        self,
        kind: Literal["callback", "followup", "edit", "delete", "get"],
        body: JSONDict,
        status: int,
        *,
        target: str | None = None,
        message: JSONDict | None = None,
        files: Sequence[RecordedFile] = (),
    ) -> InteractionEvent:
        at = self.elapsed()
        event = InteractionEvent(
            kind=kind,
            body=body,
            at=at,
            status=status,
            target=target,
            message=copy.deepcopy(message) if message is not None else None,
            files=list(files),
        )
        self.events.append(event)
        if kind == "callback":
            self.callbacks.append(body)
            self.callback_times.append(at)
            self.callback_statuses.append(status)
            if body.get("type") in (4, 7):
                self.allowed_mentions.append((body.get("data") or {}).get("allowed_mentions"))
        elif kind == "followup":
            self.followups.append(body)
            self.followup_times.append(at)
            self.followup_statuses.append(status)
            self.allowed_mentions.append(body.get("allowed_mentions"))
        elif kind == "edit":
            self.edits.append(body)
            self.edit_times.append(at)
            self.edit_targets.append(target or "")
            self.allowed_mentions.append(body.get("allowed_mentions"))
        elif kind == "delete":
            self.deletes.append(target or "")
            self.delete_times.append(at)
        self._changes.notify()
        return event

    # -- convenience views ----------------------------------------------------

    @property
    def accepted_callbacks(self) -> list[JSONDict]:
        return [
            b for b, s in zip(self.callbacks, self.callback_statuses, strict=True) if 200 <= s < 300
        ]

    @property
    def rejected_callbacks(self) -> list[JSONDict]:
        return [
            b
            for b, s in zip(self.callbacks, self.callback_statuses, strict=True)
            if not 200 <= s < 300
        ]

    @property
    def is_deferred(self) -> bool:
        return self.response_type in (5, 6)

    @property
    def autocomplete_choices(self) -> list[JSONDict] | None:
        for body in self.accepted_callbacks:
            if body.get("type") == 8:
                choices: list[JSONDict] = (body.get("data") or {}).get("choices", [])
                return choices
        return None

    @property
    def modal(self) -> JSONDict | None:
        """The modal the bot opened (the accepted type 9 callback's ``data``), if it did."""
        for body in self.accepted_callbacks:
            if body.get("type") == 9:
                modal: JSONDict = body.get("data") or {}
                return modal
        return None

    # -- waiting ----------------------------------------------------------------

    async def wait_until(
        self,
        predicate: Callable[[FakeInteraction], bool],
        timeout: float = 5,
    ) -> None:
        """Wait until ``predicate(self)`` holds (raises TimeoutError naming the interaction)."""
        await self._changes.wait_for(
            lambda: True if predicate(self) else None,
            timeout,
            f"condition on interaction {self.id}",
        )

    async def wait_for_callback(self, timeout: float = 5) -> JSONDict:
        """The first callback request body (``{"type": N, "data": {...}}``), accepted or not."""
        return await self._changes.wait_for(
            lambda: self.callbacks[0] if self.callbacks else None,
            timeout,
            f"a callback for interaction {self.id}",
        )

    async def wait_for_modal(self, timeout: float = 5) -> JSONDict:
        """The modal the bot answered with; AssertionError if it answered otherwise."""
        await self.wait_until(lambda i: i.response_type is not None, timeout)
        if self.modal is None:
            raise AssertionError(
                f"interaction {self.id} was answered with callback type {self.response_type},"
                " not a modal (9)"
            )
        return self.modal

    async def wait_for_message(self, timeout: float = 5) -> JSONDict:
        """The first user-visible message the bot produced for this interaction.

        That is the first accepted type 4/7 callback, followup, or edit of the
        original carrying content/embeds/components/attachments — whichever came
        first (after a deferral the deferral itself is skipped). Returns a
        snapshot of the message as the fake stored it after that request, which
        includes the request's ``content``, ``embeds``, ``components``,
        ``flags``, ``allowed_mentions`` and ``files``.
        """

        def find() -> JSONDict | None:
            for event in self.events:
                if not event.ok or event.message is None:
                    continue
                if event.kind == "callback" and event.body.get("type") in (4, 7):
                    return event.message
                if event.kind == "followup":
                    return event.message
                if event.kind == "edit" and any(
                    event.body.get(k) for k in ("content", "embeds", "components", "attachments")
                ):
                    return event.message
            return None

        return await self._changes.wait_for(find, timeout, f"a message for interaction {self.id}")

    def __repr__(self) -> str:
        return (
            f"<FakeInteraction id={self.id} type={self.type} response_type={self.response_type}"
            f" callbacks={len(self.callbacks)} followups={len(self.followups)}"
            f" edits={len(self.edits)}>"
        )
