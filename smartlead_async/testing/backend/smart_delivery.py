"""Smart Delivery (inbox-placement tests): the folders tests are filed in."""

from __future__ import annotations

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import Ids, Table, now, refuse

__all__ = ["FakeTestFolder", "SmartDeliveryStore"]


@attrs.frozen
class FakeTestFolder:
    """A folder of inbox-placement tests."""

    id: int
    name: str
    created_at: str = attrs.field(factory=now)

    def to_wire(self, user_id: int) -> dict[str, JSON]:
        """The folder object."""
        return {
            "id": self.id,
            "name": self.name,
            "user_id": user_id,
            "client_id": None,
            "created_at": self.created_at,
            "updated_at": self.created_at,
        }


class SmartDeliveryStore(Table[int, FakeTestFolder]):
    """Test folders by id."""

    def __init__(self, ids: Ids) -> None:
        super().__init__()
        self._ids = ids

    def create_folder(self, name: str) -> FakeTestFolder:
        """A new folder."""
        folder = FakeTestFolder(self._ids(), name)
        self._rows[folder.id] = folder
        return folder

    def existing_folder(self, folder_id: int) -> FakeTestFolder:
        """A folder by id, or a 404."""
        folder = self._rows.get(folder_id)
        if folder is None:
            raise refuse(404, "Folder not found")
        return folder
