"""Where entries go and what they hold: DNs, attributes, the owner mark and the
password values (enabled and disabled forms).

- Users: ``uid=LOGIN,ou=<type ou>,ou=SCHOOL,BASE``, ``inetOrgPerson``.
- Groups: ``cn=NAME-YEAR,ou=gruppen,ou=SCHOOL,BASE`` (``5a-2026-27``; a permanent
  group keeps its bare name), ``groupOfNames`` with ``member`` DNs.
- With Linux sign-in on (``LdapConfig.posix``), users also get the auxiliary class
  ``posixAccount``: ``uidNumber`` (stable, :mod:`uidnumbers`), ``gidNumber`` (per
  account type), ``homeDirectory`` (from the template), ``loginShell`` and ``gecos``
  (the name in ASCII).
- The product's entries carry ``businessCategory: schoolimport:user:<id>`` (or
  ``group:<id>``, ``ou``): the database id is the key that finds an entry again after
  a rename, and the mark is what says the entry is ours. Entries without it are
  never changed or deleted.
"""

from __future__ import annotations

import hashlib
import unicodedata

from ldap.dn import escape_dn_chars

MARK_ATTR = "businessCategory"
MARK_PREFIX = "schoolimport:"
USER_MARK = "schoolimport:user:"
GROUP_MARK = "schoolimport:group:"
OU_MARK = "schoolimport:ou"
ARGON2 = "{ARGON2}"
# No PHC string begins with "!", so the argon2 module refuses every password for this
# value: the account cannot bind on any server, with or without a password policy.
# The original value follows it, so enabling restores exactly what was there (also a
# password the person changed on the server).
DISABLED = "{ARGON2}!"
USER_CLASSES = [b"top", b"person", b"organizationalPerson", b"inetOrgPerson"]
POSIX_CLASS = "posixAccount"
POSIX_ATTRS = ("uidNumber", "gidNumber", "homeDirectory", "loginShell", "gecos")
GROUP_CLASSES = [b"top", b"groupOfNames"]
OU_CLASSES = [b"top", b"organizationalUnit"]
# groupOfNames needs a member: an empty group holds the empty DN.
NO_MEMBER = ""


def rdn(attr: str, value: str) -> str:
    return f"{attr}={escape_dn_chars(value)}"


def school_dn(base_dn: str, school: str) -> str:
    return f"{rdn('ou', school)},{base_dn}"


def group_cn(name: str, year: str | None) -> str:
    """The group's name with its school year, so 5a of two years never collide."""
    return name if year is None else f"{name}-{year.replace('/', '-')}"


def password_value(phc_hash: str) -> str:
    return ARGON2 + phc_hash


def disabled(value: str) -> str:
    return value if value.startswith(DISABLED) else DISABLED + value


def enabled(value: str) -> str:
    return value[len(DISABLED) :] if value.startswith(DISABLED) else value


def is_disabled(value: str | None) -> bool:
    return bool(value) and str(value).startswith(DISABLED)


def fingerprint(phc_hash: str | None) -> str | None:
    """What the sync state keeps of a pushed hash: enough to see it changed."""
    if phc_hash is None:
        return None
    return hashlib.sha256(phc_hash.encode()).hexdigest()[:32]


def mark_id(mark: str, prefix: str) -> int | None:
    if not mark.lower().startswith(prefix):
        return None
    tail = mark[len(prefix) :]
    return int(tail) if tail.isdigit() else None


def norm(dn: str) -> str:
    """Our DNs are written one way; compare them without case."""
    return dn.lower()


# German letters as German writes them without umlauts; the rest loses its accents.
_GERMAN_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe",
                              "Ü": "Ue", "ß": "ss", "ẞ": "SS"})  # fmt: skip


def ascii_text(text: str) -> str:
    """``Jürgen Çelik`` → ``Juergen Celik``: for ``gecos``, an IA5 (ASCII) string."""
    if text.isascii():
        return text if text.isprintable() else "".join(c for c in text if c.isprintable())
    folded = unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFC", text).translate(_GERMAN_FOLD)
    )
    return "".join(c for c in folded if c.isascii() and c.isprintable())
