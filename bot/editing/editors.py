"""Who may change the catalogue: the application's owner (or its team), the users named in
EDITOR_USER_IDS, and members holding EDITOR_ROLE_ID in HOME_GUILD_ID. The catalogue is shared
by every server, so no guild's own permissions count."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """Who made a change, as the audit trail names them."""

    id: int | None
    """Their Discord user id; None on the command line."""
    name: str


@dataclass(frozen=True)
class EditorPolicy:
    """Editors named in the settings. The application's owner and its team are editors too;
    Discord says who they are, so the Discord adapter asks it."""

    user_ids: frozenset[int]
    role_id: int | None
    home_guild_id: int | None

    def allows(self, user_id: int, guild_id: int | None, role_ids: Iterable[int]) -> bool:
        """Whether this person may edit. A role counts only in the home guild: a role of the
        same id cannot exist elsewhere, but the member's roles are only known where they
        asked."""
        if user_id in self.user_ids:
            return True
        if self.role_id is None or self.home_guild_id is None or guild_id != self.home_guild_id:
            return False
        return self.role_id in set(role_ids)
