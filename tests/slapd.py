"""A real OpenLDAP server for the tests and the benchmark: Debian's ``slapd`` in a
temporary folder, on a free port, with the ``argon2`` password module and an mdb
database. ``Slapd.start`` returns ``None`` when no ``slapd`` binary is installed.

With ``tls=True`` a self-signed CA and a server certificate for 127.0.0.1 are made
with ``cryptography``; the server then speaks StartTLS on its ``ldap://`` port and
TLS on a second ``ldaps://`` port.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if Path("/usr/sbin/slapd").exists() else None)
SCHEMA = Path("/etc/ldap/schema")
MODULES = Path("/usr/lib/ldap")
BASE = "dc=schule,dc=test"
ROOT_DN = f"cn=admin,{BASE}"
ROOT_PW = "geheim-admin"

CONF = """\
include {schema}/core.schema
include {schema}/cosine.schema
include {schema}/inetorgperson.schema
include {schema}/nis.schema
modulepath {modules}
moduleload back_mdb
moduleload argon2
pidfile {dir}/slapd.pid
{tls}
database mdb
maxsize 4294967296
suffix "{base}"
rootdn "{root_dn}"
rootpw {root_pw}
directory {dir}/db
index objectClass eq
index uid eq
index businessCategory eq
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Slapd:
    """A running server; :meth:`stop` ends it."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes]
    ca_file: Path | None = None
    tls_port: int | None = None

    @property
    def url(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    @property
    def ldaps_url(self) -> str:
        return f"ldaps://127.0.0.1:{self.tls_port}"

    @classmethod
    def start(cls, folder: Path, tls: bool = False) -> Slapd | None:
        if SLAPD is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "db").mkdir(exist_ok=True)
        tls_conf, ca_file = ("", None)
        if tls:
            ca_file, tls_conf = _make_certificates(folder)
        (folder / "slapd.conf").write_text(
            CONF.format(
                schema=SCHEMA,
                modules=MODULES,
                dir=folder,
                tls=tls_conf,
                base=BASE,
                root_dn=ROOT_DN,
                root_pw=ROOT_PW,
            )
        )
        port = free_port()
        tls_port = free_port() if tls else None
        urls = f"ldap://127.0.0.1:{port}" + (f" ldaps://127.0.0.1:{tls_port}" if tls else "")
        with open(folder / "slapd.log", "wb") as log:  # the child keeps its own handle
            process = subprocess.Popen(
                [SLAPD, "-d", "0", "-f", str(folder / "slapd.conf"), "-h", urls],
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        server = cls(folder, port, process, ca_file, tls_port)
        server._wait_ready()
        server._add_base()
        return server

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.folder / "slapd.log").read_text(errors="replace")
                raise RuntimeError(f"slapd ended at once: {log[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("slapd did not start within 20 s")

    def _add_base(self) -> None:
        ldif = (
            f"dn: {BASE}\nobjectClass: dcObject\nobjectClass: organization\no: Schule\ndc: schule\n"
        )
        self.ldap("ldapadd", ldif)

    def ldap(
        self, tool: str, ldif: str = "", *args: str, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run an ``ldap-utils`` tool as the root DN against this server."""
        return subprocess.run(
            [tool, "-x", "-H", self.url, "-D", ROOT_DN, "-w", ROOT_PW, *args],
            input=ldif,
            capture_output=True,
            text=True,
            check=check,
        )

    def exists(self, dn: str) -> bool:
        result = self.ldap("ldapsearch", "", "-LLL", "-b", dn, "-s", "base", "1.1", check=False)
        return result.returncode == 0

    def can_bind(self, dn: str, password: str) -> bool:
        result = subprocess.run(
            ["ldapwhoami", "-x", "-H", self.url, "-D", dn, "-w", password],
            capture_output=True,
            text=True,
        )
        return result.returncode == 0

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _make_certificates(folder: Path) -> tuple[Path, str]:
    """A self-signed CA and a server certificate for 127.0.0.1 signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test-CA der Schule")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_file.write_bytes(ca.public_bytes(pem))
    cert_file.write_bytes(cert.public_bytes(pem))
    key_file.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    conf = (
        f"TLSCACertificateFile {ca_file}\n"
        f"TLSCertificateFile {cert_file}\n"
        f"TLSCertificateKeyFile {key_file}\n"
    )
    return ca_file, conf
