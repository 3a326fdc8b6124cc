"""A Writer mail merge over an encrypted protocol, the way a school office does it —
run by LibreOffice's own Python (Debian: python3-uno), not by the project's.

Usage: python3 uno_merge.py PROTOCOL.xlsx PASSWORD OUTDIR

Starts a headless LibreOffice with a throw-away profile, opens the protocol in Calc
with its password (and checks that a wrong one is refused), registers it as a data
source (the Calc driver opens it with the password given to the connection), makes a
letter template whose fields are the protocol's columns (name, login, initial
password), and merges it into one Writer file per row that has an initial password
(the office's "filter recipients"). Prints one JSON line: sheet, columns, letters
(file names), seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

SOURCE = "SchoolimportProtokoll"
# The protocol's mail-merge headers (app.engine.output.protocol.PROTOCOL_HEADERS).
FIELDS = {
    "de": ("Vorname", "Nachname", "Benutzername", "Startpasswort"),
    "en": ("FirstName", "LastName", "Login", "InitialPassword"),
}


def prop(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def start(profile: Path) -> tuple[subprocess.Popen[bytes], object]:
    pipe = f"schoolimport{os.getpid()}"
    office = subprocess.Popen(
        [
            shutil.which("soffice") or "soffice", "--headless", "--invisible", "--nologo",
            "--norestore", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
            return office, resolver.resolve(url)
        except NoConnectException:
            if time.monotonic() > deadline or office.poll() is not None:
                raise
            time.sleep(0.2)


def open_protocol(desktop: object, url: str, password: str) -> tuple[str, list[str]]:
    """The sheet's name and header row, read in Calc after opening with the password."""
    doc = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
        url, "_blank", 0, (prop("Hidden", True), prop("Password", password))
    )
    if doc is None:
        raise SystemExit("Calc did not open the protocol with its password")
    sheet = doc.Sheets.getByIndex(0)
    headers = [sheet.getCellByPosition(c, 0).getString() for c in range(10)]
    name = sheet.getName()
    doc.close(True)
    return name, headers


def refuses_wrong_password(desktop: object, url: str) -> bool:
    try:
        doc = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
            url, "_blank", 0, (prop("Hidden", True), prop("Password", "wrong-password"))
        )
    except Exception:  # noqa: BLE001 - an IOException is the expected refusal
        return True
    if doc is not None:
        doc.close(True)
        return False
    return True


def register_source(smgr: object, ctx: object, url: str, password: str, odb: Path) -> object:
    context = smgr.createInstanceWithContext("com.sun.star.sdb.DatabaseContext", ctx)  # type: ignore[attr-defined]
    if context.hasByName(SOURCE):
        context.revokeObject(SOURCE)
    source = context.createInstance()
    source.URL = "sdbc:calc:" + url
    # The Calc driver opens an encrypted workbook with the connection's "password"
    # (lower case); every connection the merge makes through the name gets it here.
    source.Info = (prop("password", password),)
    source.IsPasswordRequired = False
    source.DatabaseDocument.storeAsURL(odb.as_uri(), ())
    context.registerObject(SOURCE, source)
    return source


def make_template(desktop: object, sheet: str, fields: tuple[str, ...], target: Path) -> None:
    doc = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
        "private:factory/swriter", "_blank", 0, (prop("Hidden", True),)
    )
    text = doc.Text
    cursor = text.createTextCursor()
    labels = ("Liebe(r) ", " ", "\nBenutzername: ", "\nStartpasswort: ")
    for label, column in zip(labels, fields, strict=True):
        text.insertString(cursor, label, False)
        master = doc.createInstance("com.sun.star.text.FieldMaster.Database")
        master.DataBaseName = SOURCE
        master.DataTableName = sheet
        master.DataColumnName = column
        master.DataCommandType = 0  # a table
        field = doc.createInstance("com.sun.star.text.TextField.Database")
        field.attachTextFieldMaster(master)
        text.insertTextContent(cursor, field, False)
    text.insertString(cursor, "\n", False)
    doc.storeToURL(target.as_uri(), (prop("FilterName", "writer8"),))
    doc.close(True)


def merge(smgr: object, ctx: object, source: object, password: str, sheet: str,
          password_column: str, template: Path, out: Path) -> None:  # fmt: skip
    mail_merge = smgr.createInstanceWithContext("com.sun.star.text.MailMerge", ctx)  # type: ignore[attr-defined]
    mail_merge.DataSourceName = SOURCE
    mail_merge.ActiveConnection = source.getConnection("", password)  # type: ignore[attr-defined]
    mail_merge.CommandType = 0
    mail_merge.Command = sheet
    mail_merge.Filter = f'"{password_column}" IS NOT NULL'  # only rows with a password
    mail_merge.DocumentURL = template.as_uri()
    mail_merge.OutputType = 2  # com.sun.star.text.MailMergeType.FILE
    mail_merge.OutputURL = out.as_uri()
    mail_merge.FileNamePrefix = "brief"
    mail_merge.SaveAsSingleFile = False
    mail_merge.execute(())


def main(protocol: Path, password: str, out: Path) -> None:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="schoolimport-merge-"))
    office, ctx = start(work / "profile")
    try:
        smgr = ctx.ServiceManager  # type: ignore[attr-defined]
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = protocol.resolve().as_uri()
        sheet, headers = open_protocol(desktop, url, password)
        language = "de" if "Benutzername" in headers else "en"
        fields = FIELDS[language]
        wrong_refused = refuses_wrong_password(desktop, url)
        source = register_source(smgr, ctx, url, password, work / "protokoll.odb")
        template = work / "vorlage.odt"
        make_template(desktop, sheet, fields, template)
        out.mkdir(parents=True, exist_ok=True)
        merge(smgr, ctx, source, password, sheet, fields[3], template, out)
        letters = sorted(p.name for p in out.iterdir() if p.suffix == ".odt")
        result = {
            "sheet": sheet,
            "columns": headers,
            "wrong_password_refused": wrong_refused,
            "letters": letters,
            "seconds": round(time.monotonic() - started, 1),
        }
        print(json.dumps(result))  # noqa: T201 - the test reads this line
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes away with the office
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
