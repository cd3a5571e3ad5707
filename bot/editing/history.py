"""A show's history as editors read it: each change with its number (for undo), when, who,
what, and whether it was undone."""

from __future__ import annotations

from collections.abc import Sequence

from db.audit import CatalogueEdit

MESSAGE_LIMIT = 1900
"""A Discord message holds 2,000 characters: the history is cut to fit, newest kept."""


def history_line(edit: CatalogueEdit) -> str:
    when = edit.created_at.strftime("%Y-%m-%d %H:%M UTC")
    undone = f" (undone by #{edit.undone_by_id})" if edit.undone_by_id else ""
    undoes = f" of #{edit.undoes_id}" if edit.undoes_id else ""
    return (
        f"#{edit.id} · {when} · {edit.actor_name} · {edit.action}{undoes}{undone}: {edit.summary}"
    )


def history_lines(edits: Sequence[CatalogueEdit]) -> list[str]:
    if not edits:
        return ["No changes by editors are on record for that show."]
    lines = [f"Changes to {edits[0].show_title}, newest first:"]
    size = len(lines[0])
    for edit in edits:
        line = history_line(edit)
        if len(line) > 300:
            line = line[:299] + "…"
        if size + len(line) + 1 > MESSAGE_LIMIT:
            lines.append("… older changes left out")
            break
        lines.append(line)
        size += len(line) + 1
    return lines
