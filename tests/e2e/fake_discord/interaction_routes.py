"""REST routes of interactions: the one initial callback (types 4-9, with Discord's 3 s
deadline, 40060 for a second answer, and only the callback types each interaction type
allows) and the interaction webhook (followups; fetching, editing and deleting the original
response and followups). Every attempt, accepted or rejected, is recorded on the
interaction's ``FakeInteraction``, so a test sees exactly how the bot answered.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Literal

from aiohttp import web

from tests.e2e.fake_discord.interaction import FakeInteraction
from tests.e2e.fake_discord.messages import apply_edit, build_message
from tests.e2e.fake_discord.protocol import MESSAGE_FLAG_EPHEMERAL, MESSAGE_FLAG_LOADING, JSONDict
from tests.e2e.fake_discord.records import RecordedFile
from tests.e2e.fake_discord.responses import error_response, invalid_form, json_response, no_content
from tests.e2e.fake_discord.routing import Route, RouteContext, route
from tests.e2e.fake_discord.state import FakeDiscordState
from tests.e2e.fake_discord.validation import (
    validate_choices,
    validate_message_body,
    validate_modal,
)

# callback types valid for each interaction type (Discord rejects the rest); no modal (9)
# in answer to a modal submit (5)
_ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    1: frozenset({1}),
    2: frozenset({4, 5, 9}),
    3: frozenset({4, 5, 6, 7, 9}),
    4: frozenset({8}),
    5: frozenset({4, 5, 6, 7}),
}
_CALLBACK_TYPE_NAMES: dict[int, str] = {
    1: "PONG",
    4: "CHANNEL_MESSAGE_WITH_SOURCE",
    5: "DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE",
    6: "DEFERRED_UPDATE_MESSAGE",
    7: "UPDATE_MESSAGE",
    8: "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT",
    9: "MODAL",
}


def _choices_message(allowed: frozenset[int]) -> str:
    # Discord words it with its own enum's repr, e.g. for a modal answering a modal submit:
    # "Value must be one of {<InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE: 4>, ...}."
    choices = ", ".join(
        f"<InteractionCallbackTypes.{_CALLBACK_TYPE_NAMES[t]}: {t}>" for t in sorted(allowed)
    )
    return f"Value must be one of {{{choices}}}."


async def _interaction_callback(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    interaction = state.interactions.get(int(ctx.match["iid"]))
    if interaction is None or interaction.token != ctx.match["token"]:
        return error_response(404, 10062, "Unknown interaction")
    body = ctx.body_dict
    files = ctx.rec.files

    def reject(response: web.Response) -> web.Response:
        interaction.record("callback", body, response.status, files=files)
        return response

    if interaction.acknowledged:
        return reject(error_response(400, 40060, "Interaction has already been acknowledged."))
    if (
        state.interaction_deadline is not None
        and interaction.elapsed() > state.interaction_deadline
    ):
        return reject(error_response(404, 10062, "Unknown interaction"))
    cb_type = body.get("type")
    data: JSONDict = body.get("data") or {}
    allowed = _ALLOWED_CALLBACKS.get(interaction.type, frozenset())
    if not isinstance(cb_type, int) or cb_type not in allowed:
        return reject(invalid_form([("type", "BASE_TYPE_CHOICES", _choices_message(allowed))]))
    if state.validate:
        problem: web.Response | None = None
        if cb_type == 4:
            problem = validate_message_body(data, creating=True, has_files=bool(files))
        elif cb_type == 7:
            problem = validate_message_body(data, creating=False, has_files=bool(files))
        elif cb_type == 8:
            problem = validate_choices(data)
        elif cb_type == 9:
            problem = validate_modal(data)
        if problem is not None:
            return reject(problem)

    ephemeral = bool(int(data.get("flags") or 0) & MESSAGE_FLAG_EPHEMERAL)
    message: JSONDict | None = None
    if cb_type == 4:
        message = _interaction_message(state, interaction, data, files, original=True)
    elif cb_type == 5:
        message = _interaction_message(
            state,
            interaction,
            {
                "content": "",
                "flags": MESSAGE_FLAG_LOADING | (MESSAGE_FLAG_EPHEMERAL if ephemeral else 0),
            },
            (),
            original=True,
        )
    elif cb_type in (6, 7):
        message = _component_message(state, interaction)
        if message is not None:
            interaction.original_message = message
            if cb_type == 7:
                apply_edit(state, message, data, files)
    interaction.acknowledged = True
    interaction.response_type = cb_type
    interaction.record(
        "callback", body, 200, message=message if cb_type in (4, 5, 7) else None, files=files
    )

    resource: JSONDict = {"type": cb_type}
    if message is not None and cb_type in (4, 5, 7):
        resource["message"] = message
    return json_response(
        {
            "interaction": {
                "id": str(interaction.id),
                "type": interaction.type,
                "activity_instance_id": None,
                "response_message_id": message["id"] if message is not None else None,
                "response_message_loading": cb_type == 5,
                "response_message_ephemeral": ephemeral
                or bool(message and message.get("flags", 0) & MESSAGE_FLAG_EPHEMERAL),
            },
            "resource": resource,
        }
    )


def _interaction_message(
    state: FakeDiscordState,
    interaction: FakeInteraction,
    data: JSONDict,
    files: Sequence[RecordedFile],
    *,
    original: bool,
) -> JSONDict:
    msg_type = 20 if original and interaction.type == 2 else 0
    extra: JSONDict = {"interaction_metadata": _interaction_metadata(interaction)}
    message = build_message(
        state,
        channel_id=interaction.channel_id,
        body=data,
        files=files,
        msg_type=msg_type,
        webhook_id=state.application_id,
        extra=extra,
    )
    interaction.messages[int(message["id"])] = message
    if original:
        interaction.original_message = message
    return message


def _interaction_metadata(interaction: FakeInteraction) -> JSONDict:
    payload = interaction.payload
    metadata: JSONDict = {
        "id": str(interaction.id),
        "type": interaction.type,
        "user": payload.get("member", {}).get("user") or payload.get("user") or {},
        "authorizing_integration_owners": payload.get("authorizing_integration_owners", {}),
    }
    if interaction.type == 2:
        metadata["name"] = payload["data"].get("name")
    if interaction.modal_of is not None:
        # a modal submit's answer also tells which interaction opened the modal
        metadata["triggering_interaction_metadata"] = _interaction_metadata(interaction.modal_of)
    return metadata


def _component_message(state: FakeDiscordState, interaction: FakeInteraction) -> JSONDict | None:
    raw = interaction.payload.get("message")
    if not isinstance(raw, dict) or "id" not in raw:
        return None
    stored = state.messages_by_id.get(int(raw["id"]))
    if stored is None:
        stored = copy.deepcopy(raw)
        state.messages_by_id[int(raw["id"])] = stored
    return stored


def _interaction_for_webhook(state: FakeDiscordState, ctx: RouteContext) -> FakeInteraction | None:
    interaction = state.interactions_by_token.get(ctx.match["token"])
    if interaction is None or int(ctx.match["app"]) != state.application_id:
        return None
    return interaction


async def _webhook_execute(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    interaction = _interaction_for_webhook(state, ctx)
    if interaction is None:
        return error_response(404, 10015, "Unknown Webhook")
    body = ctx.body_dict
    files = ctx.rec.files
    if not interaction.acknowledged:
        # Discord: the webhook only exists once the interaction was responded to
        interaction.record("followup", body, 404, files=files)
        return error_response(404, 10015, "Unknown Webhook")
    if state.validate:
        problem = validate_message_body(body, creating=True, has_files=bool(files))
        if problem is not None:
            interaction.record("followup", body, problem.status, files=files)
            return problem
    original = interaction.original_message
    if (
        interaction.response_type == 5
        and original is not None
        and original.get("flags", 0) & MESSAGE_FLAG_LOADING
    ):
        # Discord: the first followup after a "thinking" deferral replaces the loading message
        apply_edit(state, original, {k: v for k, v in body.items() if k != "flags"}, files)
        message = original
    else:
        message = _interaction_message(state, interaction, body, files, original=False)
    interaction.record("followup", body, 200, message=message, files=files)
    if ctx.rec.query.get("wait") in ("1", "true", "True"):
        return json_response(message)
    return no_content()


async def _webhook_message(state: FakeDiscordState, ctx: RouteContext) -> web.Response:
    interaction = _interaction_for_webhook(state, ctx)
    if interaction is None:
        return error_response(404, 10015, "Unknown Webhook")
    target = ctx.match["mid"]
    message = (
        interaction.original_message
        if target == "@original"
        else interaction.messages.get(int(target))
    )
    method = ctx.rec.method
    body = ctx.body_dict
    kind: Literal["edit", "delete", "get"] = (
        "edit" if method == "PATCH" else "delete" if method == "DELETE" else "get"
    )
    if message is None:
        interaction.record(kind, body, 404, target=target)
        return error_response(404, 10008, "Unknown Message")
    if method == "GET":
        interaction.record("get", {}, 200, target=target, message=message)
        return json_response(message)
    if method == "DELETE":
        interaction.messages.pop(int(message["id"]), None)
        state.messages_by_id.pop(int(message["id"]), None)
        if message is interaction.original_message:
            interaction.original_message = None
        interaction.record("delete", {}, 204, target=target)
        return no_content()
    if state.validate:
        problem = validate_message_body(body, creating=False, has_files=bool(ctx.rec.files))
        if problem is not None:
            interaction.record("edit", body, problem.status, target=target, files=ctx.rec.files)
            return problem
    apply_edit(state, message, body, ctx.rec.files)
    interaction.record("edit", body, 200, target=target, message=message, files=ctx.rec.files)
    return json_response(message)


ROUTES: list[Route] = [
    route(
        "POST",
        r"/interactions/(?P<iid>\d+)/(?P<token>[^/]+)/callback",
        _interaction_callback,
        auth=False,
    ),
    route("POST", r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)", _webhook_execute, auth=False),
    route(
        "GET|PATCH|DELETE",
        r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<mid>@original|\d+)",
        _webhook_message,
        auth=False,
    ),
]
