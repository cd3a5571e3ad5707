"""Discord's documented payload limits, which discord.py itself does not check: message
content, embeds and components, the command list of a sync, autocomplete choices and modals.
Each check returns the 400 Discord would answer, or None when the body is fine; the routes
apply them when the fake was made with ``validate=True`` (the default), so the bot's own
length handling is tested against the real limits.
"""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

from tests.e2e.fake_discord.protocol import JSONDict
from tests.e2e.fake_discord.responses import FormProblem, error_response, invalid_form


def _too_long(path: str, limit: int) -> FormProblem:
    return (path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _validate_embeds(embeds: Any, prefix: str = "embeds") -> list[FormProblem]:
    problems: list[FormProblem] = []
    if not isinstance(embeds, list):
        return problems
    if len(embeds) > 10:
        problems.append((prefix, "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length."))
    total = 0
    for i, embed in enumerate(embeds):
        if not isinstance(embed, dict):
            continue
        p = f"{prefix}.{i}"
        for key, limit in (("title", 256), ("description", 4096)):
            value = embed.get(key) or ""
            total += len(value)
            if len(value) > limit:
                problems.append(_too_long(f"{p}.{key}", limit))
        footer = (embed.get("footer") or {}).get("text") or ""
        total += len(footer)
        if len(footer) > 2048:
            problems.append(_too_long(f"{p}.footer.text", 2048))
        author = (embed.get("author") or {}).get("name") or ""
        total += len(author)
        if len(author) > 256:
            problems.append(_too_long(f"{p}.author.name", 256))
        fields = embed.get("fields") or []
        if len(fields) > 25:
            problems.append(
                (f"{p}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
            )
        for j, fld in enumerate(fields):
            name = fld.get("name") or ""
            value = fld.get("value") or ""
            total += len(name) + len(value)
            if not name:
                problems.append(
                    (f"{p}.fields.{j}.name", "BASE_TYPE_REQUIRED", "This field is required")
                )
            if len(name) > 256:
                problems.append(_too_long(f"{p}.fields.{j}.name", 256))
            if not value:
                problems.append(
                    (f"{p}.fields.{j}.value", "BASE_TYPE_REQUIRED", "This field is required")
                )
            if len(value) > 1024:
                problems.append(_too_long(f"{p}.fields.{j}.value", 1024))
    if total > 6000:
        problems.append(
            (prefix, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
        )
    return problems


def _validate_components(components: Any, prefix: str = "components") -> list[FormProblem]:
    problems: list[FormProblem] = []
    if not isinstance(components, list):
        return problems
    if len(components) > 5:
        problems.append((prefix, "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length."))
    for i, row in enumerate(components):
        if not isinstance(row, dict) or row.get("type") != 1:
            continue
        children = row.get("components") or []
        if len(children) > 5:
            problems.append(
                (
                    f"{prefix}.{i}.components",
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 5 or fewer in length.",
                )
            )
        for j, child in enumerate(children):
            cp = f"{prefix}.{i}.components.{j}"
            custom_id = child.get("custom_id")
            if custom_id is not None and len(custom_id) > 100:
                problems.append(_too_long(f"{cp}.custom_id", 100))
            label = child.get("label")
            if label is not None and len(label) > 80:
                problems.append(_too_long(f"{cp}.label", 80))
            options = child.get("options")
            if isinstance(options, list) and len(options) > 25:
                problems.append(
                    (f"{cp}.options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
                )
    return problems


def validate_message_body(
    body: JSONDict, *, creating: bool, has_files: bool
) -> web.Response | None:
    """Apply Discord's message limits (discord.py itself checks none of them)."""
    problems: list[FormProblem] = []
    content = body.get("content")
    if isinstance(content, str) and len(content) > 2000:
        problems.append(_too_long("content", 2000))
    problems += _validate_embeds(body.get("embeds"))
    problems += _validate_components(body.get("components"))
    nonce = body.get("nonce")
    if isinstance(nonce, str) and len(nonce) > 25:
        problems.append(_too_long("nonce", 25))
    if problems:
        return invalid_form(problems)
    if creating and not (
        body.get("content")
        or body.get("embeds")
        or body.get("components")
        or body.get("sticker_ids")
        or body.get("poll")
        or has_files
    ):
        return error_response(400, 50006, "Cannot send an empty message")
    return None


_COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")


def validate_commands(commands: Any) -> web.Response | None:
    if not isinstance(commands, list):
        return invalid_form(
            [("_root", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")]
        )
    problems: list[FormProblem] = []
    if len(commands) > 100:
        problems.append(("_root", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."))
    seen: set[tuple[str, int]] = set()
    for i, cmd in enumerate(commands):
        name = cmd.get("name") or ""
        ctype = cmd.get("type", 1)
        if not _COMMAND_NAME.match(name) or (ctype == 1 and name != name.lower()):
            problems.append(
                (f"{i}.name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
            )
        if (name, ctype) in seen:
            problems.append(
                (
                    f"{i}.name",
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    "Application command names must be unique",
                )
            )
        seen.add((name, ctype))
        if ctype == 1:
            description = cmd.get("description") or ""
            if not 1 <= len(description) <= 100:
                problems.append(
                    (
                        f"{i}.description",
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 100 in length.",
                    )
                )
        if len(cmd.get("options") or []) > 25:
            problems.append(
                (f"{i}.options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
            )
    return invalid_form(problems) if problems else None


def validate_choices(data: JSONDict) -> web.Response | None:
    choices = data.get("choices")
    problems: list[FormProblem] = []
    if not isinstance(choices, list):
        return invalid_form([("data.choices", "BASE_TYPE_REQUIRED", "This field is required")])
    if len(choices) > 25:
        problems.append(("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
    for i, choice in enumerate(choices):
        name = choice.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            problems.append(
                (
                    f"data.choices.{i}.name",
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 100 in length.",
                )
            )
        value = choice.get("value")
        if isinstance(value, str) and not 1 <= len(value) <= 100:
            problems.append(
                (
                    f"data.choices.{i}.value",
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 100 in length.",
                )
            )
    return invalid_form(problems) if problems else None


def validate_modal(data: JSONDict) -> web.Response | None:
    problems: list[FormProblem] = []
    title = data.get("title") or ""
    if not 1 <= len(title) <= 45:
        problems.append(
            ("data.title", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.")
        )
    custom_id = data.get("custom_id") or ""
    if not 1 <= len(custom_id) <= 100:
        problems.append(
            ("data.custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        )
    components = data.get("components") or []
    if not 1 <= len(components) <= 5:
        problems.append(
            ("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
        )
    return invalid_form(problems) if problems else None
