"""/admin show, /admin alias, /admin cast and /admin season: editors change a show's record.

Each command names its show by the autocomplete's choice or its exact title, calls the edit
desk, and tells the editor privately what changed (with its history number, for undo).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.answering.markup import safe
from bot.discord.checks import EditorGroup, actor_of
from bot.discord.editing_views import (
    TEXT_INPUT_LIMIT,
    ConfirmationView,
    ShowForm,
    answer_edit,
    shown,
)
from bot.discord.options import TitleOption
from bot.discord.replies import first_response, send
from bot.editing.desk import EditDesk
from bot.editing.fields import (
    ENDING_LIMIT,
    NAME_LIMIT,
    TITLE_LIMIT,
    EditRefusedError,
    one_line,
    paragraphs,
    parse_day,
    whole_number,
)
from bot.editing.shows import show_named
from db.records import MAX_EPISODES, MAX_RUNTIME_MINUTES, MAX_SEASONS
from db.vocabulary import CreditRole, ShowKind

if TYPE_CHECKING:
    from bot.discord.client import ShowBot

ShowTitle = app_commands.Transform[str, TitleOption]
ROLE_CHOICES = [app_commands.Choice(name=role.label, value=role.value) for role in CreditRole]
EDITABLE = {
    "original_title": "Original title",
    "kind": "Kind (series, film, ...)",
    "genres": "Genres (comma-separated)",
    "country": "Country",
    "based_on": "Based on",
    "production_company": "Production company",
    "season_count": "Number of seasons",
    "episode_count": "Number of episodes",
    "runtime_minutes": "Runtime in minutes",
}
NUMBER_BOUNDS = {
    "season_count": (0, MAX_SEASONS),
    "episode_count": (0, MAX_EPISODES),
    "runtime_minutes": (1, MAX_RUNTIME_MINUTES),
}
"""The fields typed as whole numbers, and the range a record allows each."""
CLEAR = "none"


def _desk(interaction: discord.Interaction[ShowBot]) -> EditDesk:
    return interaction.client.app.edits


def _show_id(interaction: discord.Interaction[ShowBot], show: str) -> int:
    return show_named(interaction.client.app.catalogue.index, show, exactly=True)


def field_value(field: str, text: str) -> Any:
    """A value typed for one of the record's fields; `none` clears it."""
    if text.strip().lower() == CLEAR:
        return None
    if field in NUMBER_BOUNDS:
        if not text.strip().isdecimal():
            raise EditRefusedError(f"Give the {EDITABLE[field].lower()} as a whole number.")
        low, high = NUMBER_BOUNDS[field]
        return whole_number(int(text), EDITABLE[field].lower(), low, high)
    if field == "kind":
        try:
            return ShowKind(text.strip().lower()).value
        except ValueError:
            kinds = ", ".join(kind.value for kind in ShowKind)
            raise EditRefusedError(f"The kind is one of: {kinds}.") from None
    if field == "genres":
        return [one_line(part, "genre", NAME_LIMIT) for part in text.split(",") if part.strip()]
    return one_line(text, EDITABLE[field].lower(), 500)


def _form_fields(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record.get(k) for k in ("title", "year", "network", "premiere_date", "logline")}


class ShowCommands(EditorGroup):
    def __init__(self) -> None:
        super().__init__(name="show", description="Add, edit or remove a show")

    @app_commands.command(name="add", description="Add a show (a form opens)")
    async def add(self, interaction: discord.Interaction[ShowBot]) -> None:
        async def save(submitted: discord.Interaction[ShowBot], fields: dict[str, Any]) -> str:
            outcome = await _desk(submitted).add_show(actor_of(submitted), fields)
            return f"Added. {outcome.describe()}"

        form = ShowForm("Add a show", save)
        await first_response(interaction, lambda: interaction.response.send_modal(form))

    @app_commands.command(name="edit", description="Edit a show: a form, or one field")
    @app_commands.describe(
        show="The show",
        field="One field to set (leave out for the form: title, year, network, premiere, about)",
        value=f"The field's new value ('{CLEAR}' clears it)",
    )
    @app_commands.choices(
        field=[app_commands.Choice(name=label, value=key) for key, label in EDITABLE.items()]
    )
    async def edit(
        self,
        interaction: discord.Interaction[ShowBot],
        show: ShowTitle,
        field: str | None = None,
        value: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        desk = _desk(interaction)
        try:
            show_id = _show_id(interaction, show)
            if field is None and value is not None:
                raise EditRefusedError("Pick the field that value is for.")
            if field is not None and value is None:
                raise EditRefusedError(f"Give the value (or '{CLEAR}' to clear it).")
            changes = {field: field_value(field, value)} if field and value else {}
            # Read now, for the form: a show removed meanwhile is said here, not later.
            current = await desk.current_record(show_id) if not changes else {}
            if len(str(current.get("logline") or "")) > TEXT_INPUT_LIMIT:
                raise EditRefusedError(
                    "Its logline is longer than a form holds (4,000 characters): change it "
                    "with an import."
                )
        except EditRefusedError as refusal:
            await send(
                interaction, content=shown(f"{refusal} Nothing was changed."), ephemeral=True
            )
            return
        if changes:

            async def work() -> str:
                return (await desk.edit_show(actor_of(interaction), show_id, changes)).describe()

            await answer_edit(interaction, work())
            return

        async def save(submitted: discord.Interaction[ShowBot], fields: dict[str, Any]) -> str:
            outcome = await _desk(submitted).edit_show(actor_of(submitted), show_id, fields)
            return outcome.describe()

        form = ShowForm("Edit a show", save, _form_fields(current))
        await first_response(interaction, lambda: interaction.response.send_modal(form))

    @app_commands.command(name="remove", description="Remove a show from the catalogue")
    async def remove(self, interaction: discord.Interaction[ShowBot], show: ShowTitle) -> None:
        desk = _desk(interaction)
        try:
            show_id = _show_id(interaction, show)
            title, followers, channels = await desk.removal_preview(show_id)
        except EditRefusedError as refusal:
            await send(
                interaction, content=shown(f"{refusal} Nothing was changed."), ephemeral=True
            )
            return

        async def remove(confirmed: discord.Interaction[ShowBot]) -> str:
            outcome = await desk.remove_show(actor_of(confirmed), show_id)
            return f"Removed. {outcome.describe()} (`/admin undo` brings it back)"

        view = ConfirmationView(interaction.user.id, remove, confirm_label="Remove")
        text = (
            f"Remove {safe(title)}? {followers} follower(s) and {channels} channel subscription(s) "
            "go with it; undo brings them back."
        )
        view.message = await send(interaction, content=text, view=view, ephemeral=True)


class AliasCommands(EditorGroup):
    def __init__(self) -> None:
        super().__init__(name="alias", description="Other names people use for a show")

    @app_commands.command(name="add", description="Add another name for a show")
    async def add(
        self,
        interaction: discord.Interaction[ShowBot],
        show: ShowTitle,
        name: app_commands.Range[str, 1, 200],
    ) -> None:
        async def work() -> str:
            show_id = _show_id(interaction, show)
            alias = one_line(name, "alias", TITLE_LIMIT)
            outcome = await _desk(interaction).add_alias(actor_of(interaction), show_id, alias)
            return outcome.describe()

        await answer_edit(interaction, work())

    @app_commands.command(name="remove", description="Remove one of a show's other names")
    async def remove(
        self,
        interaction: discord.Interaction[ShowBot],
        show: ShowTitle,
        name: app_commands.Range[str, 1, 200],
    ) -> None:
        async def work() -> str:
            show_id = _show_id(interaction, show)
            desk = _desk(interaction)
            return (await desk.remove_alias(actor_of(interaction), show_id, name)).describe()

        await answer_edit(interaction, work())


class CastCommands(EditorGroup):
    def __init__(self) -> None:
        super().__init__(name="cast", description="Who is in a show, and who made it")

    @app_commands.command(name="add", description="Add (or update) a person's credit")
    @app_commands.describe(character="Whom they play", billing="1 is top billing")
    @app_commands.choices(role=ROLE_CHOICES)
    async def add(
        self,
        interaction: discord.Interaction[ShowBot],
        show: ShowTitle,
        name: app_commands.Range[str, 1, 300],
        character: app_commands.Range[str, 1, 300] | None = None,
        role: str = CreditRole.ACTOR.value,
        billing: app_commands.Range[int, 1, 1000] | None = None,
    ) -> None:
        async def work() -> str:
            show_id = _show_id(interaction, show)
            credit = {
                "name": one_line(name, "name", NAME_LIMIT),
                "role": CreditRole(role).value,
                "character": one_line(character, "character", NAME_LIMIT) if character else None,
                "billing": billing,
            }
            desk = _desk(interaction)
            return (await desk.add_credit(actor_of(interaction), show_id, credit)).describe()

        await answer_edit(interaction, work())

    @app_commands.command(name="remove", description="Remove a person's credit")
    @app_commands.choices(role=ROLE_CHOICES)
    async def remove(
        self,
        interaction: discord.Interaction[ShowBot],
        show: ShowTitle,
        name: app_commands.Range[str, 1, 300],
        role: str = CreditRole.ACTOR.value,
    ) -> None:
        async def work() -> str:
            show_id = _show_id(interaction, show)
            desk = _desk(interaction)
            outcome = await desk.remove_credit(actor_of(interaction), show_id, name.strip(), role)
            return outcome.describe()

        await answer_edit(interaction, work())


class SeasonCommands(EditorGroup):
    def __init__(self) -> None:
        super().__init__(name="season", description="A season's dates, episodes and ending")

    @app_commands.command(name="set", description="Set what is known of one season")
    @app_commands.describe(
        number="The season's number",
        premiere=f"YYYY-MM-DD ('{CLEAR}' clears it)",
        finale=f"YYYY-MM-DD ('{CLEAR}' clears it)",
        episodes="How many episodes",
        ending="How the season ended (shown behind a spoiler tag)",
        cliffhanger="Whether it ended on a cliffhanger",
    )
    async def set(
        self,
        interaction: discord.Interaction[ShowBot],
        show: ShowTitle,
        number: app_commands.Range[int, 0, 1000],
        premiere: app_commands.Range[str, 1, 20] | None = None,
        finale: app_commands.Range[str, 1, 20] | None = None,
        episodes: app_commands.Range[int, 0, 10000] | None = None,
        ending: app_commands.Range[str, 1, 4000] | None = None,
        cliffhanger: bool | None = None,
    ) -> None:
        async def work() -> str:
            show_id = _show_id(interaction, show)
            values: dict[str, Any] = {}
            for name, typed in (("premiere_date", premiere), ("finale_date", finale)):
                if typed is not None:
                    day = None if typed.strip().lower() == CLEAR else parse_day(typed, name)
                    values[name] = day.isoformat() if day else None
            if episodes is not None:
                values["episode_count"] = episodes
            if ending is not None:
                values["ending"] = paragraphs(ending, "ending", ENDING_LIMIT)
            if cliffhanger is not None:
                values["cliffhanger"] = cliffhanger
            if not values:
                raise EditRefusedError("Give at least one fact about the season.")
            desk = _desk(interaction)
            outcome = await desk.set_season(actor_of(interaction), show_id, number, values)
            return outcome.describe()

        await answer_edit(interaction, work())


def catalogue_groups() -> list[EditorGroup]:
    return [ShowCommands(), AliasCommands(), CastCommands(), SeasonCommands()]


__all__ = ["catalogue_groups", "field_value"]
