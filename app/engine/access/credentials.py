"""The password of a PostgreSQL connection lives in the system keyring (SPEC §3
"Credentials"), never in a settings file: settings keep the URL without it.

keyring is imported by the functions that use it: loading its backends takes about
0.1 s, which a SQLite database (the default) never needs."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from app.engine.reasons import Reason, Refused

SERVICE = "schoolimport"


def _key(url: URL) -> str:
    """The URL without its password (``URL.set`` ignores None, so build it anew)."""
    bare = URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )
    return bare.render_as_string(hide_password=False)


def remember(url_text: str) -> str:
    """Move the URL's password into the keyring; returns the URL without it."""
    import keyring

    url = make_url(url_text)
    if url.password:
        keyring.set_password(SERVICE, _key(url), str(url.password))
    return _key(url)


def store_password(url_text: str, password: str) -> str:
    import keyring
    from keyring.errors import KeyringError

    url = make_url(url_text)
    try:
        keyring.set_password(SERVICE, _key(url), password)
    except KeyringError as exc:  # NoKeyringError: no backend on this machine
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Refused(Reason.NO_KEYRING, detail=detail) from None
    return _key(url)


def resolve(url_text: str) -> str:
    """The URL with its password from the keyring, if it has none of its own."""
    if "://" not in url_text or url_text.startswith("sqlite"):
        return url_text
    url = make_url(url_text)
    if url.password:
        return url_text
    import keyring
    from keyring.errors import KeyringError

    try:
        password = keyring.get_password(SERVICE, _key(url))
    except KeyringError:
        return url_text
    return url_text if password is None else url.set(password=password).render_as_string(False)


def forget(url_text: str) -> None:
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, _key(make_url(url_text)))
    except PasswordDeleteError:
        pass
