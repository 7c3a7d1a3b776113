"""The account store on both databases: SQLite (a file) and a private PostgreSQL cluster.

The PostgreSQL leg starts its own cluster with Debian's initdb/pg_ctl on a free 127.0.0.1
port in a temporary directory (as the ``postgres`` user when run as root, since initdb
refuses root), once per session, and gives each test a fresh database. It is skipped only
when the PostgreSQL binaries are missing.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from fjord.settings import Settings
from fjord.settings_loading import load_settings
from keys.field_cipher import FieldCipher
from keys.kek import FileKek
from keys.keyring import Keyring
from keys.room_keys import RoomKeySigner
from signaling.app import create_app
from signaling.context import SignalingContext
from signaling.rooms import RoomRegistry
from signaling.store import Store
from tests.conftest import free_port


@dataclass
class PostgresCluster:
    bin_dir: Path
    port: int
    run_as: list[str]

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str) -> None:
        subprocess.run(
            [str(self.bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
             "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql],
            check=True, capture_output=True,
        )

    def dump(self, database: str) -> bytes:
        """``pg_dump`` of ``database`` (plain SQL), as bytes."""
        return subprocess.run(
            [str(self.bin_dir / "pg_dump"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
             "postgres", database],
            check=True, capture_output=True,
        ).stdout


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries missing (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="fjord-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        user = "postgres" if _has_user("postgres") else "nobody"
        os.chown(base, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
        run_as = ["runuser", "-u", user, "--"]
    data = base / "data"
    port = free_port()
    subprocess.run(
        run_as + [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--no-sync"],
        check=True, capture_output=True,
    )
    options = f"-h 127.0.0.1 -p {port} -k {base} -F"
    subprocess.run(
        run_as + [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                  str(base / "log"), "-w", "-t", "60", "start"],
        check=True, capture_output=True,
    )
    try:
        yield PostgresCluster(bin_dir, port, run_as)
    finally:
        subprocess.run(
            run_as + [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@dataclass
class Database:
    """One empty database of either kind, and how to copy its bytes."""

    kind: str
    url: str
    snapshot: callable  # type: ignore[valid-type]
    """Returns the raw bytes of the whole database (SQLite file, or pg_dump output)."""


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    if request.param == "sqlite":
        path = tmp_path / "fjord.db"
        return Database("sqlite", f"sqlite+aiosqlite:///{path}", path.read_bytes)
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    name = "t_" + secrets.token_hex(6)
    cluster.psql(f"CREATE DATABASE {name}")
    return Database("postgresql", cluster.url(name), lambda: cluster.dump(name))


@pytest.fixture
def keys_dir(tmp_path: Path) -> Path:
    return tmp_path / "keys"


def make_cipher(keys_dir: Path) -> FieldCipher:
    """A field cipher over the file KEK and keyring in ``keys_dir``."""
    return FieldCipher(Keyring(keys_dir / "keyring", FileKek(keys_dir)))


@pytest.fixture
async def store(database: Database, keys_dir: Path) -> AsyncIterator[Store]:
    opened = await Store.open(database.url, make_cipher(keys_dir))
    yield opened
    await opened.close()


@pytest.fixture
def settings(tmp_path: Path, database: Database) -> Settings:
    return load_settings(data_dir=str(tmp_path), public_url="https://meet.example.test",
                         database_url=database.url)


@pytest.fixture
async def org(store: Store) -> tuple[str, str]:
    """``(organization id, API key)`` of organization ``acme``."""
    org_id = await store.ensure_organization("acme")
    return org_id, await store.create_api_key(org_id)


@pytest.fixture
async def client(
    store: Store, settings: Settings, keys_dir: Path, org: tuple[str, str]
) -> AsyncIterator[httpx.AsyncClient]:
    ctx = SignalingContext(
        settings=settings, store=store, signer=RoomKeySigner.from_data_dir(keys_dir),
        turn_secrets=[b"test-secret"], rooms=RoomRegistry(4, 200),
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(ctx)), base_url="https://testserver",
        headers={"Authorization": f"Bearer {org[1]}"},
    ) as http:
        yield http
