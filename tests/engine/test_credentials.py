"""PostgreSQL passwords live in the system keyring, never in settings (SPEC §3)."""

from __future__ import annotations

from app.cli import main
from app.engine.access import credentials

URL = "postgresql+psycopg://schule@db.example.org:5432/verwaltung"


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
