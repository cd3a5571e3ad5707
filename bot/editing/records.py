"""Editors' changes as changes to a show's record (the export format, `db.records.ShowRecord`
as JSON): each takes the record as it is and returns it as it is to be, so that the whole
record is what the audit trail keeps before and after, and what undo puts back."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from db.catalogue.merge import SCALAR_FIELDS

Record = dict[str, Any]


def with_fields(record: Record, changes: Mapping[str, Any]) -> Record:
    """The record with these fields set; a value of None clears the field."""
    changed = copy.deepcopy(record)
    for name, value in changes.items():
        if value is None:
            changed.pop(name, None)
        else:
            changed[name] = value
    return changed


def _alias_name(alias: Any) -> str:
    return str(alias["name"] if isinstance(alias, dict) else alias)


def alias_names(record: Record) -> list[str]:
    return [_alias_name(alias) for alias in record.get("aliases", [])]


def with_alias(record: Record, name: str) -> Record:
    changed = copy.deepcopy(record)
    if name.casefold() in {a.casefold() for a in alias_names(record)}:
        return changed
    changed["aliases"] = [*changed.get("aliases", []), name]
    return changed


def without_alias(record: Record, name: str) -> Record:
    changed = copy.deepcopy(record)
    kept = [a for a in changed.get("aliases", []) if _alias_name(a).casefold() != name.casefold()]
    if kept:
        changed["aliases"] = kept
    else:
        changed.pop("aliases", None)
    return changed


def credit_key(credit: Mapping[str, Any]) -> tuple[str, str]:
    return (str(credit["name"]).casefold(), str(credit.get("role", "actor")))


def with_credit(record: Record, credit: Mapping[str, Any]) -> Record:
    """The record with this credit, replacing the person's credit in the same role."""
    changed = copy.deepcopy(record)
    others = [c for c in changed.get("credits", []) if credit_key(c) != credit_key(credit)]
    changed["credits"] = [*others, {k: v for k, v in credit.items() if v is not None}]
    return changed


def without_credit(record: Record, name: str, role: str) -> Record:
    changed = copy.deepcopy(record)
    kept = [c for c in changed.get("credits", []) if credit_key(c) != (name.casefold(), role)]
    if kept:
        changed["credits"] = kept
    else:
        changed.pop("credits", None)
    return changed


def find_credit(record: Record, name: str, role: str) -> Mapping[str, Any] | None:
    return next(
        (c for c in record.get("credits", []) if credit_key(c) == (name.casefold(), role)), None
    )


def with_season(record: Record, number: int, values: Mapping[str, Any]) -> Record:
    """The record with these facts of one season set (None clears one); a season not on
    record is added."""
    changed = copy.deepcopy(record)
    seasons = changed.get("seasons", [])
    season = next((s for s in seasons if s["number"] == number), None)
    if season is None:
        season = {"number": number}
        seasons = [*seasons, season]
    for name, value in values.items():
        if value is None:
            season.pop(name, None)
        else:
            season[name] = value
    changed["seasons"] = sorted(seasons, key=lambda s: s["number"])
    return changed


def describe_change(before: Record | None, after: Record | None) -> str:
    """What changed, in a line an editor reads in the history: fields old → new, names added
    (+) and removed (-)."""
    if before is None and after is not None:
        return f"added {after['title']}"
    if after is None and before is not None:
        return f"removed {before['title']}"
    assert before is not None and after is not None
    parts = [
        f"{name}: {_shown(before.get(name))} → {_shown(after.get(name))}"
        for name in SCALAR_FIELDS
        if before.get(name) != after.get(name)
    ]
    parts += _listed("alias", alias_names(before), alias_names(after))
    parts += _listed("cast", _credits(before), _credits(after))
    parts += _listed("season", _seasons(before), _seasons(after))
    parts += _listed("decision", _decisions(before), _decisions(after))
    for name in ("external_ids", "sources", "charts", "notes"):
        if before.get(name) != after.get(name):
            parts.append(f"{name.replace('_', ' ')} changed")
    text = "; ".join(parts) or "no change"
    return text if len(text) <= 1500 else text[:1499] + "…"


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "(none)"
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _listed(what: str, old: list[str], new: list[str]) -> list[str]:
    added = [f"+{what} {item}" for item in new if item not in old]
    removed = [f"-{what} {item}" for item in old if item not in new]
    return added + removed


def _credits(record: Record) -> list[str]:
    shown = []
    for credit in record.get("credits", []):
        role = credit.get("role", "actor")
        character = f" as {credit['character']}" if credit.get("character") else ""
        what = "" if role == "actor" else f" ({role})"
        shown.append(f"{credit['name']}{character}{what}")
    return shown


def _seasons(record: Record) -> list[str]:
    return [
        f"{season['number']} ("
        + ", ".join(
            f"{name.replace('_', ' ')} {_shown(value)[:40]}"
            for name, value in season.items()
            if name != "number"
        )
        + ")"
        for season in record.get("seasons", [])
    ]


def _decisions(record: Record) -> list[str]:
    return [
        f"{entry.get('to')} {entry.get('date') or ''}".strip()
        for entry in record.get("status_history", [])
    ]
