"""PostgreSQL passwords live in the system keyring, never in settings (SPEC §3)."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.cli import main
from app.engine import credentials

URL = "postgresql+psycopg://schule@db.example.org:5432/verwaltung"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_the_password_moves_into_the_keyring(memory_keyring):
    stored = credentials.remember(URL.replace("schule@", "schule:Geh%40im!@"))
    assert stored == URL
    assert "Geh" not in stored
    assert memory_keyring.items == {("schoolimport", URL): "Geh@im!"}
    resolved = credentials.resolve(URL)
    assert "Geh%40im%21" in resolved or "Geh%40im!" in resolved
    credentials.forget(URL)
    assert credentials.resolve(URL) == URL


def test_sqlite_urls_are_left_alone(memory_keyring):
    assert credentials.resolve("sqlite:///x.db") == "sqlite:///x.db"


def test_command_stores_a_password(memory_keyring, monkeypatch, capsys):
    monkeypatch.setenv("DB_PW", "s3cret-pw")
    assert main(["db", "password", URL, "--password-env", "DB_PW"]) == 0
    assert "s3cret" not in capsys.readouterr().out
    assert memory_keyring.items[("schoolimport", URL)] == "s3cret-pw"
