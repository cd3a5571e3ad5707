"""What a person sends back when they fill in and submit a modal the bot opened: the
``data`` of a MODAL_SUBMIT interaction (type 5), built from the modal's own components
(action rows or Labels around text inputs, selects, file uploads, radio groups, checkboxes),
with the values the test typed and each field's default for the rest. Like Discord's client
it refuses what a person could not submit: a required field left empty, a text outside its
length bounds, a choice the field does not offer, or a value for a field the modal lacks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from tests.e2e.fake_discord.attachments import resolve_attachments
from tests.e2e.fake_discord.protocol import JSONDict
from tests.e2e.fake_discord.state import FakeDiscordState

ModalValue = str | bool | Sequence[str]
"""A text input's text, a checkbox's state, or the values picked (select, file upload ids...)."""

_SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
_PICKING_TYPES = _SELECT_TYPES | {19, 22}
"""Fields answered with a ``values`` list: selects, file uploads, checkbox groups."""


def modal_submit_data(
    state: FakeDiscordState, modal: JSONDict, values: Mapping[str, ModalValue]
) -> JSONDict:
    """The MODAL_SUBMIT ``data`` for ``modal`` (a type 9 callback's data), filled with ``values``.

    ``values`` maps a field's ``custom_id`` to what the person entered; files for a file
    upload are given by the ids of ``add_attachment`` results, and are resolved like
    Discord resolves them.
    """
    builder = _SubmitBuilder(modal, values)
    components = [builder.submitted(c) for c in modal.get("components") or []]
    unknown = sorted(set(values) - builder.answered)
    if unknown:
        raise ValueError(f"the modal {modal.get('custom_id')!r} has no field {unknown}")
    data: JSONDict = {"custom_id": modal["custom_id"], "components": components}
    resolve_attachments(state, data, builder.file_ids)
    return data


class _SubmitBuilder:
    """Walks the modal's components once, answering each field like a person would."""

    def __init__(self, modal: JSONDict, values: Mapping[str, ModalValue]) -> None:
        self._values = values
        self._ids = _component_ids(modal.get("components") or [])
        self.answered: set[str] = set()
        self.file_ids: list[str] = []

    def submitted(self, component: JSONDict) -> JSONDict:
        ctype = component.get("type")
        base: JSONDict = {"type": ctype, "id": self._ids[id(component)]}
        if ctype == 1:
            return {**base, "components": [self.submitted(c) for c in component["components"]]}
        if ctype == 18:
            return {**base, "component": self.submitted(component["component"])}
        if ctype == 10:
            return {**base, "content": component.get("content", "")}
        custom_id = component.get("custom_id")
        if not isinstance(custom_id, str):
            raise ValueError(f"a modal field without a custom_id: {component}")
        self.answered.add(custom_id)
        answer = _answer(component, self._values.get(custom_id), custom_id)
        if ctype == 19:
            self.file_ids += answer["values"]
        return {**base, "custom_id": custom_id, **answer}


def _answer(component: JSONDict, given: ModalValue | None, custom_id: str) -> JSONDict:
    ctype = component.get("type")
    if ctype == 4:
        return {"value": _text(component, given, custom_id)}
    if ctype in _PICKING_TYPES:
        return {"values": _picked(component, given, custom_id)}
    if ctype == 21:
        picked = _picked({**component, "min_values": 1, "max_values": 1}, given, custom_id)
        return {"value": picked[0] if picked else None}
    if ctype == 23:
        if given is not None and not isinstance(given, bool):
            raise ValueError(f"checkbox {custom_id!r} takes True or False, not {given!r}")
        return {"value": bool(component.get("default", False)) if given is None else given}
    raise ValueError(f"modal field {custom_id!r} has a type ({ctype}) the fake cannot fill in")


def _text(component: JSONDict, given: ModalValue | None, custom_id: str) -> str:
    if given is not None and not isinstance(given, str):
        raise ValueError(f"text input {custom_id!r} takes a str, not {given!r}")
    value = given if given is not None else component.get("value") or ""
    if not value:
        if component.get("required", True):
            raise ValueError(f"text input {custom_id!r} is required: a person must fill it in")
        return value
    low, high = _bound(component, "min_length", 0), _bound(component, "max_length", 4000)
    if not low <= len(value) <= high:
        raise ValueError(
            f"text input {custom_id!r} takes {low} to {high} characters, not {len(value)}"
        )
    return value


def _picked(component: JSONDict, given: ModalValue | None, custom_id: str) -> list[str]:
    if isinstance(given, bool):
        raise ValueError(f"field {custom_id!r} takes values, not {given!r}")
    if given is None:
        picked = _defaults(component)
    else:
        picked = [given] if isinstance(given, str) else list(given)
    offered = [o["value"] for o in component.get("options") or []]
    if offered and not set(picked) <= set(offered):
        raise ValueError(f"field {custom_id!r} offers {offered}, not {picked}")
    if not picked and not component.get("required", True):
        return picked
    low, high = _bound(component, "min_values", 1), _bound(component, "max_values", 1)
    if not low <= len(picked) <= high:
        raise ValueError(f"field {custom_id!r} takes {low} to {high} values, not {picked}")
    return picked


def _bound(component: JSONDict, key: str, default: int) -> int:
    # discord.py sends an unset bound as null (FileUpload's min_values): Discord's default
    value = component.get(key)
    return default if value is None else int(value)


def _defaults(component: JSONDict) -> list[str]:
    options = component.get("options") or []
    if options:
        return [o["value"] for o in options if o.get("default")]
    return [str(v["id"]) for v in component.get("default_values") or []]


def _component_ids(components: list[Any]) -> dict[int, int]:
    """Numeric ``id`` of each component (by object identity), numbered as Discord numbers them.

    Discord keeps the ids the bot chose and numbers the others 1, 2, ... in reading order,
    skipping those taken.
    """
    walked = list(_walk(components))
    taken = {c["id"] for c in walked if isinstance(c.get("id"), int)}
    ids: dict[int, int] = {}
    counter = 0
    for component in walked:
        if isinstance(component.get("id"), int):
            ids[id(component)] = component["id"]
            continue
        counter += 1
        while counter in taken:
            counter += 1
        ids[id(component)] = counter
    return ids


def _walk(components: list[Any]) -> Iterator[JSONDict]:
    for component in components:
        if not isinstance(component, dict):
            continue
        yield component
        yield from _walk(component.get("components") or [])
        if isinstance(component.get("component"), dict):
            yield from _walk([component["component"]])
