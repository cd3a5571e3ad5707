"""Self-test of the fake Discord's attachments, modals and team-owned application.

A small real discord.py client (the one ``test_fake_discord`` builds, not showbot) proves
that a file a test attaches to a slash command reaches the client as a ``discord.Attachment``
whose ``read()`` gives back the exact bytes through the fake's CDN; that a modal the client
opens can be filled in and submitted, Labels and all; that answering a modal submit with
another modal is refused as Discord refuses it; and that a team owning the application
shows in ``application_info()``.
"""

from __future__ import annotations

import io
import random
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field

import discord
import pytest
import pytest_asyncio
from discord import app_commands

from tests.e2e.fake_discord import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    FakeInteraction,
    FakeTeamMember,
    FakeUser,
    JSONDict,
)
from tests.e2e.fake_discord.protocol import ATTACHMENT_SIZE_LIMIT
from tests.e2e.test_fake_discord import ALICE, Configure, Harness, running_bot

pytestmark = pytest.mark.asyncio

GUILD = discord.Object(DEFAULT_GUILD_ID)
BOB = FakeUser(id=1200000000000000200, username="bob", global_name="Bob")
CAROL = FakeUser(id=1200000000000000201, username="carol", global_name="Carol")
CDN_PATH = r"/ephemeral-attachments/\d+/\d+/.+"


@dataclass
class Seen:
    """What the client's commands and modals received."""

    files: list[tuple[discord.Attachment, bytes]] = field(default_factory=list)
    submitted: list[dict[str, str | None]] = field(default_factory=list)
    refused: list[discord.HTTPException] = field(default_factory=list)


class EditModal(discord.ui.Modal, title="Edit show"):
    """A Label around a text input (discord.py 2.7's way) and an old-style one in a row."""

    def __init__(self, seen: Seen, harness: Harness, *, again: bool = False) -> None:
        super().__init__(timeout=30, custom_id="admin:edit")
        self.seen, self.harness, self.again = seen, harness, again
        self.name: discord.ui.TextInput[EditModal] = discord.ui.TextInput(
            custom_id="name", max_length=20
        )
        self.notes: discord.ui.TextInput[EditModal] = discord.ui.TextInput(
            label="Notes", custom_id="notes", default="none yet", required=False
        )
        self.add_item(discord.ui.Label(text="Name", component=self.name))
        self.add_item(self.notes)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        self.seen.submitted.append({"name": self.name.value, "notes": self.notes.value})
        if self.again:
            try:
                await interaction.response.send_modal(EditModal(self.seen, self.harness))
            except discord.HTTPException as exc:
                self.seen.refused.append(exc)
            return
        if interaction.message is not None:
            await interaction.response.edit_message(content=f"renamed {self.name.value}", view=None)
        else:
            await interaction.response.send_message(f"saved {self.name.value}")

    # discord.py's Modal.on_error drops BaseView's ``item`` argument; mypy sees the base's
    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction, error: Exception, /
    ) -> None:
        self.harness.errors.append(error)


class UploadModal(discord.ui.Modal, title="Upload"):
    """A file upload field (type 19) in a Label: its files come in ``resolved``."""

    def __init__(self, seen: Seen, harness: Harness) -> None:
        super().__init__(timeout=30, custom_id="admin:upload")
        self.seen, self.harness = seen, harness
        self.file: discord.ui.FileUpload[UploadModal] = discord.ui.FileUpload(
            custom_id="file", max_values=2
        )
        self.add_item(discord.ui.Label(text="File", component=self.file))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        for file in self.file.values:
            self.seen.files.append((file, await file.read()))
        await interaction.followup.send(f"{len(self.file.values)} files")

    # discord.py's Modal.on_error drops BaseView's ``item`` argument; mypy sees the base's
    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction, error: Exception, /
    ) -> None:
        self.harness.errors.append(error)


class EditButton(discord.ui.View):
    def __init__(self, seen: Seen, harness: Harness) -> None:
        super().__init__(timeout=30)
        self.seen, self.harness = seen, harness

    @discord.ui.button(label="Edit", custom_id="admin:edit-button")
    async def edit(
        self, interaction: discord.Interaction, button: discord.ui.Button[EditButton]
    ) -> None:
        await interaction.response.send_modal(EditModal(self.seen, self.harness))


def admin_commands(seen: Seen, harness: Harness) -> app_commands.Group:
    """``/admin shows import file:`` (in a subcommand group), ``edit``, ``upload``, ``menu``."""
    admin = app_commands.Group(name="admin", description="Editors only", guild_ids=[GUILD.id])
    shows = app_commands.Group(name="shows", description="Show data", parent=admin)

    @shows.command(name="import", description="Import a file")
    async def import_(interaction: discord.Interaction, file: discord.Attachment) -> None:
        await interaction.response.defer(thinking=True)
        data = await file.read()
        seen.files.append((file, data))
        await interaction.followup.send(f"{len(data)} bytes")

    @admin.command(description="Edit in a modal")
    async def edit(interaction: discord.Interaction, again: bool = False) -> None:
        await interaction.response.send_modal(EditModal(seen, harness, again=again))

    @admin.command(description="Upload files in a modal")
    async def upload(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(UploadModal(seen, harness))

    @admin.command(description="A button that opens the modal")
    async def menu(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("menu", view=EditButton(seen, harness))

    return admin


def with_admin(seen: Seen) -> Configure:
    def configure(
        client: discord.Client, tree: app_commands.CommandTree[discord.Client], h: Harness
    ) -> None:
        tree.add_command(admin_commands(seen, h))

    return configure


def import_options(attachment: JSONDict) -> list[JSONDict]:
    return [
        {
            "type": 2,
            "name": "shows",
            "options": [
                {
                    "type": 1,
                    "name": "import",
                    "options": [{"type": 11, "name": "file", "value": attachment["id"]}],
                }
            ],
        }
    ]


@pytest_asyncio.fixture
async def bot() -> AsyncIterator[Harness]:
    async with running_bot() as harness:
        yield harness


async def run_admin(bot: Harness, sub: str, options: Sequence[JSONDict] = ()) -> FakeInteraction:
    return await bot.completion_of(
        bot.fake.send_command(
            "admin", user=ALICE, options=[{"type": 1, "name": sub, "options": list(options)}]
        )
    )


# ---------------------------------------------------------------- attachments


@pytest.mark.parametrize(
    ("data", "filename", "content_type"),
    [
        ("Bücher;Titel\n1;Ça va\n".encode(), "shows.csv", "text/csv"),
        (bytes(range(256)) + b"\xff\xfe\x00\x80", "blob.bin", None),
        (random.Random(7).randbytes(1024 * 1024), "big.dat", "application/octet-stream"),
    ],
    ids=["utf8-text", "non-utf8-binary", "one-megabyte"],
)
async def test_attachment_option_reads_the_exact_bytes(
    data: bytes, filename: str, content_type: str | None
) -> None:
    seen = Seen()
    async with running_bot(with_admin(seen)) as bot:
        await bot.tree.sync(guild=GUILD)
        attachment = bot.fake.add_attachment(data, filename, content_type)
        interaction = await bot.completion_of(
            bot.fake.send_command("admin", user=ALICE, options=import_options(attachment))
        )
        assert (await interaction.wait_for_message())["content"] == f"{len(data)} bytes"

        resolved = interaction.payload["data"]["resolved"]["attachments"]
        assert resolved == {attachment["id"]: attachment}
        [(file, read)] = seen.files
        assert read == data
        assert (file.id, file.filename, file.size) == (int(attachment["id"]), filename, len(data))
        assert file.content_type == content_type and file.ephemeral
        assert file.url.startswith(f"http://127.0.0.1:{bot.fake.port}/ephemeral-attachments/")
        assert await file.read(use_cached=True) == data, "proxy_url serves the same bytes"

        downloads = bot.fake.cdn_requests
        assert [(r.method, r.status) for r in downloads] == [("GET", 200), ("GET", 200)]
        assert all("Authorization" not in r.headers for r in downloads)
        assert bot.fake.requests_to("GET", CDN_PATH) == downloads
        assert bot.fake.unknown_requests == []


async def test_unsigned_or_unknown_links_are_not_served(bot: Harness) -> None:
    attachment = bot.fake.add_attachment(b"secret", "a.txt", "text/plain")
    unsigned = attachment["url"].split("?")[0]
    unknown = attachment["url"].replace(attachment["id"], "1", 1)
    for url in (unsigned, unknown):
        with pytest.raises(discord.NotFound):
            await bot.client.http.get_from_cdn(url)
    assert await bot.client.http.get_from_cdn(attachment["url"]) == b"secret"
    assert [r.status for r in bot.fake.cdn_requests] == [404, 404, 200]
    assert bot.fake.unknown_requests == []


async def test_the_cdn_is_not_under_the_api(bot: Harness) -> None:
    attachment = bot.fake.add_attachment(b"x", "x.txt")
    path = attachment["url"].split(str(bot.fake.port), 1)[1].split("?")[0]
    with pytest.raises(discord.NotFound):
        await bot.client.http.get_from_cdn(bot.fake.api_base + path)
    assert len(bot.fake.unknown_requests) == 1 and bot.fake.cdn_requests == []
    bot.fake.unknown_requests.clear()  # expected


async def test_files_the_bot_uploads_can_be_read_back(bot: Harness) -> None:
    payload = bytes(range(255, -1, -1))
    sent = await bot.channel.send(
        "backup", file=discord.File(io.BytesIO(payload), filename="backup.bin")
    )
    assert await sent.attachments[0].read() == payload
    assert [r.path.split("/")[1] for r in bot.fake.cdn_requests] == ["attachments"]


async def test_an_upload_over_the_size_limit_is_refused(bot: Harness) -> None:
    assert bot.fake.add_attachment(b"\0" * ATTACHMENT_SIZE_LIMIT, "max.bin")["size"] == (
        ATTACHMENT_SIZE_LIMIT
    )
    with pytest.raises(ValueError, match="over the"):
        bot.fake.add_attachment(b"\0" * (ATTACHMENT_SIZE_LIMIT + 1), "too-big.bin")


# --------------------------------------------------------------------- modals


async def test_a_modal_is_submitted_with_labels_and_defaults() -> None:
    seen = Seen()
    async with running_bot(with_admin(seen)) as bot:
        await bot.tree.sync(guild=GUILD)
        command = await run_admin(bot, "edit")
        modal = await command.wait_for_modal()
        assert modal["custom_id"] == "admin:edit" and modal["components"][0]["type"] == 18

        submit = await bot.fake.submit_modal(command, {"name": "Night Shift"})
        message = await bot.guard(submit.wait_for_message())
        assert message["content"] == "saved Night Shift"
        assert seen.submitted == [{"name": "Night Shift", "notes": "none yet"}]
        assert submit.payload["type"] == 5
        assert submit.payload["data"] == {
            "custom_id": "admin:edit",
            "components": [
                {
                    "type": 18,
                    "id": 1,
                    "component": {"type": 4, "id": 2, "custom_id": "name", "value": "Night Shift"},
                },
                {
                    "type": 1,
                    "id": 3,
                    "components": [{"type": 4, "id": 4, "custom_id": "notes", "value": "none yet"}],
                },
            ],
        }
        metadata = message["interaction_metadata"]
        assert (metadata["type"], metadata["id"]) == (5, str(submit.id))
        assert metadata["triggering_interaction_metadata"]["id"] == str(command.id)
        assert submit.payload["member"]["user"]["id"] == str(ALICE.id)
        assert submit.payload["channel_id"] == str(DEFAULT_CHANNEL_ID)
        assert command.modal_submission is submit and submit.modal_of is command
        with pytest.raises(ValueError, match="already submitted"):
            await bot.fake.submit_modal(command, {"name": "Again"})


async def test_a_modal_opened_from_a_button_can_update_its_message() -> None:
    seen = Seen()
    async with running_bot(with_admin(seen)) as bot:
        await bot.tree.sync(guild=GUILD)
        command = await run_admin(bot, "menu")
        shown = await command.wait_for_message()
        click = await bot.fake.click(shown, "admin:edit-button", user=ALICE)
        submit = await bot.fake.submit_modal(click, {"name": "Late", "notes": ""})
        await bot.guard(submit.wait_until(lambda i: i.response_type is not None))
        assert submit.callback_statuses == [200] and submit.response_type == 7
        assert submit.payload["message"]["id"] == shown["id"]
        assert seen.submitted == [{"name": "Late", "notes": ""}]
        assert bot.fake.messages_by_id[int(shown["id"])]["content"] == "renamed Late"


async def test_files_uploaded_in_a_modal_are_resolved_and_readable() -> None:
    seen = Seen()
    async with running_bot(with_admin(seen)) as bot:
        await bot.tree.sync(guild=GUILD)
        first = bot.fake.add_attachment(b"\x00\x01 first", "one.bin")
        second = bot.fake.add_attachment("zweite Datei ü".encode(), "two.txt", "text/plain")
        command = await run_admin(bot, "upload")
        submit = await bot.fake.submit_modal(command, {"file": [first["id"], second["id"]]})
        assert (await bot.guard(submit.wait_for_message()))["content"] == "2 files"
        assert [(f.filename, data) for f, data in seen.files] == [
            ("one.bin", b"\x00\x01 first"),
            ("two.txt", "zweite Datei ü".encode()),
        ]
        field = submit.payload["data"]["components"][0]["component"]
        assert field == {
            "type": 19,
            "id": 2,
            "custom_id": "file",
            "values": [first["id"], second["id"]],
        }
        assert set(submit.payload["data"]["resolved"]["attachments"]) == {first["id"], second["id"]}
        with pytest.raises(ValueError, match="takes 1 to 2 values"):
            await bot.fake.submit_modal(await run_admin(bot, "upload"), {"file": ["1", "2", "3"]})


async def test_what_a_person_cannot_submit_is_refused() -> None:
    seen = Seen()
    async with running_bot(with_admin(seen)) as bot:
        await bot.tree.sync(guild=GUILD)
        command = await run_admin(bot, "edit")
        with pytest.raises(ValueError, match="'name' is required"):
            await bot.fake.submit_modal(command, {})
        with pytest.raises(ValueError, match="0 to 20 characters, not 21"):
            await bot.fake.submit_modal(command, {"name": "x" * 21})
        with pytest.raises(ValueError, match="no field \\['titel'\\]"):
            await bot.fake.submit_modal(command, {"name": "ok", "titel": "typo"})
        assert command.modal_submission is None and seen.submitted == []


async def test_a_modal_in_answer_to_a_modal_submit_is_refused_like_discord() -> None:
    seen = Seen()
    async with running_bot(with_admin(seen)) as bot:
        await bot.tree.sync(guild=GUILD)
        command = await run_admin(bot, "edit", [{"type": 5, "name": "again", "value": True}])
        submit = await bot.fake.submit_modal(command, {"name": "Twice"})
        await bot.guard(bot.fake.wait_for(lambda: seen.refused, what="the refused modal"))
        [error] = seen.refused
        assert (error.status, error.code) == (400, 50035)
        assert "In type: Value must be one of {" in str(error)
        assert "<InteractionCallbackTypes.MODAL: 9>" not in str(error)
        assert submit.callback_statuses == [400] and not submit.acknowledged
        assert [c["type"] for c in submit.rejected_callbacks] == [9]


# ----------------------------------------------------------------------- team


async def test_the_owning_team_shows_in_application_info() -> None:
    team = [BOB, FakeTeamMember(user=CAROL, role="read_only")]
    async with running_bot(team=team) as bot:
        info = await bot.client.application_info()
        assert info.team is not None and info.team.id == bot.fake.team_id
        assert info.team.owner_id == bot.fake.owner.id
        members = {m.id: m.role for m in info.team.members}
        assert members == {
            bot.fake.owner.id: discord.TeamMemberRole.admin,
            BOB.id: discord.TeamMemberRole.developer,
            CAROL.id: discord.TeamMemberRole.read_only,
        }
        assert info.owner.id == bot.fake.team_id and info.owner.public_flags.team_user


async def test_without_a_team_the_owner_is_a_user(bot: Harness) -> None:
    info = await bot.client.application_info()
    assert info.team is None
    assert info.owner.id == bot.fake.owner.id and not info.owner.public_flags.team_user
