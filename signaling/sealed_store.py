"""The base of the store's parts that seal values with an organization's data key
(accounts, themes, insights, recordings): their session factory and field cipher."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from keys.field_cipher import FieldCipher
from signaling.errors import EncryptionNotConfigured


class SealedStore:
    """``sessions``: the store's session factory; ``cipher``: its field cipher, or None
    when the store was opened without one (then :attr:`cipher` raises)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession],
                 cipher: FieldCipher | None) -> None:
        self._session = sessions
        self._cipher = cipher

    @property
    def cipher(self) -> FieldCipher:
        """Raises EncryptionNotConfigured when the store has no field cipher."""
        if self._cipher is None:
            raise EncryptionNotConfigured("the store was opened without a field cipher")
        return self._cipher
