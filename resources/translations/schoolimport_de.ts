<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
  <context>
    <name>ColumnsPage</name>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="26" />
      <source>Columns</source>
      <translation>Spalten</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="29" />
      <source>Choose the field each column of the file feeds. Fields marked * are required; columns left as “not imported” are ignored.</source>
      <translation>Wählen Sie für jede Spalte der Datei das Feld, das sie füllt. Mit * markierte Felder sind Pflicht; Spalten mit „nicht importieren“ werden übergangen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="56" />
      <source>The mapping of your last import of this layout is filled in.</source>
      <translation>Die Zuordnung Ihres letzten Imports mit diesem Aufbau ist eingetragen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="58" />
      <source>The columns were recognised by their headers; please check.</source>
      <translation>Die Spalten wurden an ihren Überschriften erkannt; bitte prüfen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="69" />
      <source>Column</source>
      <translation>Spalte</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="69" />
      <source>Sample</source>
      <translation>Beispiel</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="69" />
      <source>Field</source>
      <translation>Feld</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="88" />
      <source>— not imported —</source>
      <translation>— nicht importieren —</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="120" />
      <source>Still missing: %1</source>
      <translation>Es fehlt noch: %1</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="123" />
      <source>All required fields are mapped.</source>
      <translation>Alle Pflichtfelder sind zugeordnet.</translation>
    </message>
  </context>
  <context>
    <name>ConflictPanel</name>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="19" />
      <source>Selected row</source>
      <translation>Ausgewählte Zeile</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="47" />
      <source>Select a row to see its details.</source>
      <translation>Wählen Sie eine Zeile, um Einzelheiten zu sehen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="49" />
      <source>No conflict in this row.</source>
      <translation>Diese Zeile hat keinen Konflikt.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="52" />
      <source>Conflict:</source>
      <translation>Konflikt:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="65" />
      <source>Not resolved yet: the row will not be imported until you choose.</source>
      <translation>Noch nicht gelöst: Die Zeile wird erst importiert, wenn Sie wählen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="69" />
      <source>Chosen: %1</source>
      <translation>Gewählt: %1</translation>
    </message>
  </context>
  <context>
    <name>CreateGroupDialog</name>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="35" />
      <source>Create group</source>
      <translation>Gruppe anlegen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="38" />
      <source>The group gets the name the file uses.</source>
      <translation>Die Gruppe erhält den Namen aus der Datei.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="43" />
      <source>Only in the school year %1</source>
      <translation>Nur im Schuljahr %1</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="44" />
      <source>Permanent (every school year)</source>
      <translation>Dauerhaft (alle Schuljahre)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="50" />
      <source>Name:</source>
      <translation>Name:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="51" />
      <source>Type:</source>
      <translation>Typ:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="52" />
      <source>Valid:</source>
      <translation>Gültig:</translation>
    </message>
  </context>
  <context>
    <name>FirstYearDialog</name>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="42" />
      <source>Welcome</source>
      <translation>Willkommen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="46" />
      <source>Every import refers to a school year. Please enter the current school year; more can be added later.</source>
      <translation>Jeder Import bezieht sich auf ein Schuljahr. Bitte geben Sie das aktuelle Schuljahr ein; weitere können später hinzukommen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="61" />
      <source>School year:</source>
      <translation>Schuljahr:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="62" />
      <source>First day:</source>
      <translation>Erster Tag:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="63" />
      <source>Last day:</source>
      <translation>Letzter Tag:</translation>
    </message>
  </context>
  <context>
    <name>GroupsPage</name>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="39" />
      <source>Groups</source>
      <translation>Gruppen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="41" />
      <source>Each group of the file is matched to a group of the school year.</source>
      <translation>Jede Gruppe der Datei wird einer Gruppe des Schuljahres zugeordnet.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="58" />
      <source>Ignore unassigned groups (their memberships are left out of this import)</source>
      <translation>Nicht zugeordnete Gruppen ignorieren (diese Mitgliedschaften entfallen in diesem Import)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="102" />
      <source>Group in the file</source>
      <translation>Gruppe in der Datei</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="102" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="102" />
      <source>Use group</source>
      <translation>Gruppe verwenden</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="110" />
      <location filename="../../app/wizard/pages/groups.py" line="187" />
      <source>Create…</source>
      <translation>Anlegen…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="123" />
      <source>(as named in the file)</source>
      <translation>(wie in der Datei benannt)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="125" />
      <source>(permanent)</source>
      <translation>(dauerhaft)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="187" />
      <source>Change…</source>
      <translation>Ändern…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="195" />
      <source>mapped by hand</source>
      <translation>von Hand zugeordnet</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="196" />
      <source>exists</source>
      <translation>vorhanden</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="199" />
      <source>permanent</source>
      <translation>dauerhaft</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="201" />
      <source>will be created (%1, %2)</source>
      <translation>wird angelegt (%1, %2)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="205" />
      <source>ignored</source>
      <translation>ignoriert</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="205" />
      <source>missing</source>
      <translation>fehlt</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="218" />
      <source>The file names no groups.</source>
      <translation>Die Datei nennt keine Gruppen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="219" />
      <source>%1 groups in the file: %2 found, %3 to be created, %4 missing.</source>
      <translation>%1 Gruppen in der Datei: %2 gefunden, %3 werden angelegt, %4 fehlen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="225" />
      <source>%1 ignored.</source>
      <translation>%1 ignoriert.</translation>
    </message>
  </context>
  <context>
    <name>GroupsTableModel</name>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="191" />
      <source>permanent</source>
      <translation>dauerhaft</translation>
    </message>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="203" />
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="203" />
      <source>Type</source>
      <translation>Typ</translation>
    </message>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="203" />
      <source>Valid in</source>
      <translation>Gültig in</translation>
    </message>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="203" />
      <source>Members</source>
      <translation>Mitglieder</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <location filename="../../app/wizard/wizard.py" line="51" />
      <source>Import users</source>
      <translation>Benutzer importieren</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="60" />
      <source>User management</source>
      <translation>Benutzerverwaltung</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="70" />
      <source>Search name, login, source ID, e-mail</source>
      <translation>Name, Benutzername, Quell-ID, E-Mail suchen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="73" />
      <source>All account types</source>
      <translation>Alle Kontotypen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="77" />
      <source>All statuses</source>
      <translation>Alle Status</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="80" />
      <source>All groups</source>
      <translation>Alle Gruppen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="101" />
      <source>&amp;Import…</source>
      <translation>&amp;Importieren…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="107" />
      <source>&amp;Export users…</source>
      <translation>Benutzer &amp;exportieren…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="111" />
      <source>&amp;Settings…</source>
      <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="113" />
      <source>&amp;Quit</source>
      <translation>&amp;Beenden</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="116" />
      <source>&amp;About schoolimport</source>
      <translation>Ü&amp;ber schoolimport</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="118" />
      <source>&amp;File</source>
      <translation>&amp;Datei</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="122" />
      <source>&amp;Extras</source>
      <translation>E&amp;xtras</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="123" />
      <source>&amp;Help</source>
      <translation>&amp;Hilfe</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="124" />
      <source>Actions</source>
      <translation>Aktionen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="131" />
      <source>School year:</source>
      <translation>Schuljahr:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="144" />
      <source>Users</source>
      <translation>Benutzer</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="145" />
      <source>Groups</source>
      <translation>Gruppen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="175" />
      <source>%1 (current)</source>
      <translation>%1 (aktuell)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="198" />
      <source>%1 of %2 users shown</source>
      <translation>%1 von %2 Benutzern angezeigt</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="215" />
      <source>Export users</source>
      <translation>Benutzer exportieren</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="217" />
      <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
      <translation>Excel-Arbeitsmappe (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="240" />
      <source>About schoolimport</source>
      <translation>Über schoolimport</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="242" />
      <source>schoolimport %1

Imports the school office's tables into the user directory.</source>
      <translation>schoolimport %1

Importiert die Tabellen des Sekretariats in die Benutzerverwaltung.</translation>
    </message>
  </context>
  <context>
    <name>OptionsPage</name>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="25" />
      <source>Account type and options</source>
      <translation>Kontotyp und Optionen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="26" />
      <source>Every row of this file becomes an account of one type.</source>
      <translation>Jede Zeile dieser Datei wird ein Konto desselben Typs.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="29" />
      <source>Account type</source>
      <translation>Kontotyp</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="39" />
      <source>Match users by their source ID</source>
      <translation>Benutzer über die Quell-ID abgleichen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="41" />
      <source>Off: every row becomes a new account; an existing source ID is a conflict.</source>
      <translation>Aus: Jede Zeile wird ein neues Konto; eine vorhandene Quell-ID ist ein Konflikt.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="44" />
      <source>Detect expired accounts</source>
      <translation>Ausgeschiedene Konten erkennen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="47" />
      <source>Active accounts of this type that are missing from the file are released for deletion (restorable until they are purged).</source>
      <translation>Aktive Konten dieses Typs, die in der Datei fehlen, werden zur Löschung freigegeben (wiederherstellbar, bis sie endgültig gelöscht sind).</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="52" />
      <source>Generate passwords for new accounts</source>
      <translation>Passwörter für neue Konten erzeugen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="55" />
      <source>Generate a data-safe password for new accounts</source>
      <translation>Datensafe-Passwort für neue Konten erzeugen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="57" />
      <source>Options</source>
      <translation>Optionen</translation>
    </message>
  </context>
  <context>
    <name>PlanTableModel</name>
    <message>
      <location filename="../../app/wizard/planmodel.py" line="147" />
      <source>Line</source>
      <translation>Zeile</translation>
    </message>
    <message>
      <location filename="../../app/wizard/planmodel.py" line="148" />
      <source>Action</source>
      <translation>Aktion</translation>
    </message>
    <message>
      <location filename="../../app/wizard/planmodel.py" line="154" />
      <source>Changes</source>
      <translation>Änderungen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/planmodel.py" line="155" />
      <source>Reason</source>
      <translation>Grund</translation>
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="43" />
      <source>Preview</source>
      <translation>Vorschau</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="45" />
      <source>What the import will do with each row. Untick rows to leave them out.</source>
      <translation>Was der Import mit jeder Zeile tut. Entfernen Sie den Haken, um eine Zeile auszulassen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="47" />
      <source>Import</source>
      <translation>Importieren</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="68" />
      <source>Search name, ID, login, group</source>
      <translation>Name, ID, Benutzername, Gruppe suchen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="154" />
      <source>The import will create %1, update %2 and reactivate %3 accounts and release %4 for deletion; %5 unchanged, %6 skipped, %7 invalid, %8 conflicts open; %9 groups will be created.</source>
      <translation>Der Import legt %1 Konten an, aktualisiert %2, reaktiviert %3 und gibt %4 zur Löschung frei; %5 unverändert, %6 übersprungen, %7 ungültig, %8 Konflikte offen; %9 Gruppen werden angelegt.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="194" />
      <source>The import would release %1 of %2 active accounts for deletion. Is the file complete? A truncated export must not empty the school.</source>
      <translation>Der Import würde %1 von %2 aktiven Konten zur Löschung freigeben. Ist die Datei vollständig? Ein abgeschnittener Export darf die Schule nicht leeren.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="199" />
      <source>Release many accounts?</source>
      <translation>Viele Konten freigeben?</translation>
    </message>
  </context>
  <context>
    <name>ProtocolPage</name>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="40" />
      <source>Protocol</source>
      <translation>Protokoll</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="43" />
      <source>The protocol lists every row and the initial passwords of the new accounts. It is saved encrypted with a password of your choice.</source>
      <translation>Das Protokoll enthält jede Zeile und die Startpasswörter der neuen Konten. Es wird mit einem Passwort Ihrer Wahl verschlüsselt gespeichert.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="48" />
      <source>Excel workbook (XLSX, encrypted)</source>
      <translation>Excel-Arbeitsmappe (XLSX, verschlüsselt)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="49" />
      <source>CSV in an AES-256 zip</source>
      <translation>CSV in einem AES-256-Zip</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="56" />
      <source>Browse…</source>
      <translation>Durchsuchen…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="68" />
      <location filename="../../app/wizard/pages/protocol.py" line="125" />
      <source>Save protocol</source>
      <translation>Protokoll speichern</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="73" />
      <source>I accept that the new passwords will be lost</source>
      <translation>Ich nehme in Kauf, dass die neuen Passwörter verloren gehen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="89" />
      <source>Format:</source>
      <translation>Format:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="90" />
      <source>File:</source>
      <translation>Datei:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="91" />
      <source>Password:</source>
      <translation>Passwort:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="92" />
      <source>Repeat:</source>
      <translation>Wiederholen:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="93" />
      <source>Strength:</source>
      <translation>Stärke:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="122" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="122" />
      <source>Zip (*.zip)</source>
      <translation>Zip (*.zip)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="135" />
      <source>No new accounts were created: no passwords to keep.</source>
      <translation>Es wurden keine Konten angelegt: Es gibt keine Passwörter aufzubewahren.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="149" />
      <source>The passwords match.</source>
      <translation>Die Passwörter stimmen überein.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="156" />
      <source>At least %1 characters.</source>
      <translation>Mindestens %1 Zeichen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="158" />
      <source>Enter the same password twice.</source>
      <translation>Geben Sie zweimal dasselbe Passwort ein.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="176" />
      <source>Saved to %1</source>
      <translation>Gespeichert unter %1</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="190" />
      <source>Lose the new passwords?</source>
      <translation>Neue Passwörter verwerfen?</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="192" />
      <source>Without the protocol the initial passwords of the new accounts are lost. They can only be reset later, which makes a new protocol.</source>
      <translation>Ohne Protokoll gehen die Startpasswörter der neuen Konten verloren. Sie lassen sich später nur zurücksetzen, was ein neues Protokoll erzeugt.</translation>
    </message>
  </context>
  <context>
    <name>RunPage</name>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="26" />
      <source>Import</source>
      <translation>Importieren</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="27" />
      <source>The import runs as one transaction: all or nothing.</source>
      <translation>Der Import läuft als eine Transaktion: alles oder nichts.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="35" />
      <source>Cancel import</source>
      <translation>Import abbrechen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="61" />
      <source>Starting…</source>
      <translation>Startet…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="77" />
      <source>Cancelling…</source>
      <translation>Wird abgebrochen…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="85" />
      <source>%1 of %2</source>
      <translation>%1 von %2</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="92" />
      <source>The import is complete.</source>
      <translation>Der Import ist abgeschlossen.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="99" />
      <source>The import was not carried out; nothing was changed.</source>
      <translation>Der Import wurde nicht ausgeführt; es wurde nichts geändert.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="103" />
      <source>The import was cancelled; nothing was changed.</source>
      <translation>Der Import wurde abgebrochen; es wurde nichts geändert.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="123" />
      <source>Created %1, updated %2, reactivated %3, released for deletion %4, unchanged %5; skipped %6, invalid %7, conflicts %8; groups created %9.</source>
      <translation>Angelegt %1, aktualisiert %2, reaktiviert %3, zur Löschung freigegeben %4, unverändert %5; übersprungen %6, ungültig %7, Konflikte %8; Gruppen angelegt %9.</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../app/wizard/settingsdialog.py" line="23" />
      <source>Settings</source>
      <translation>Einstellungen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/settingsdialog.py" line="25" />
      <source>As the system</source>
      <translation>Wie das System</translation>
    </message>
    <message>
      <location filename="../../app/wizard/settingsdialog.py" line="30" />
      <source>A new language applies when the program starts the next time.</source>
      <translation>Eine neue Sprache gilt ab dem nächsten Programmstart.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/settingsdialog.py" line="38" />
      <source>Language:</source>
      <translation>Sprache:</translation>
    </message>
  </context>
  <context>
    <name>TablePage</name>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="41" />
      <source>Table</source>
      <translation>Tabelle</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="42" />
      <source>Choose the file the school office exported, or drop it here.</source>
      <translation>Wählen Sie die Datei, die das Sekretariat exportiert hat, oder ziehen Sie sie hierher.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="48" />
      <source>CSV, XLSX, XLS or ODS file</source>
      <translation>CSV-, XLSX-, XLS- oder ODS-Datei</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="49" />
      <source>Choose file…</source>
      <translation>Datei wählen…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="55" />
      <source>The first row holds the column headers</source>
      <translation>Die erste Zeile enthält die Spaltenüberschriften</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="74" />
      <location filename="../../app/wizard/pages/table.py" line="78" />
      <source>detect</source>
      <translation>erkennen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="78" />
      <source>tab</source>
      <translation>Tabulator</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="86" />
      <source>Encoding:</source>
      <translation>Zeichensatz:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="88" />
      <source>Delimiter:</source>
      <translation>Trennzeichen:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="90" />
      <source>Sheet:</source>
      <translation>Blatt:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="107" />
      <source>Choose a table</source>
      <translation>Tabelle wählen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="109" />
      <source>Tables (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)</source>
      <translation>Tabellen (*.csv *.txt *.xlsx *.xls *.ods);;Alle Dateien (*)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="164" />
      <source>%1 data rows, %2 columns</source>
      <translation>%1 Datenzeilen, %2 Spalten</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="167" />
      <source>read as %1, delimiter %2</source>
      <translation>gelesen als %1, Trennzeichen %2</translation>
    </message>
  </context>
  <context>
    <name>Texts</name>
    <message>
      <location filename="../../app/wizard/texts.py" line="33" />
      <source>create</source>
      <translation>anlegen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="34" />
      <source>update</source>
      <translation>aktualisieren</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="35" />
      <source>unchanged</source>
      <translation>unverändert</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="36" />
      <source>expire</source>
      <translation>freigeben</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="37" />
      <source>reactivate</source>
      <translation>reaktivieren</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="38" />
      <source>conflict</source>
      <translation>Konflikt</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="39" />
      <source>invalid</source>
      <translation>ungültig</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="46" />
      <source>Skip</source>
      <translation>Überspringen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="47" />
      <source>Keep this row</source>
      <translation>Diese Zeile behalten</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="48" />
      <source>Use a generated login</source>
      <translation>Erzeugten Benutzernamen verwenden</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="49" />
      <source>Link to existing user</source>
      <translation>Mit vorhandenem Benutzer verknüpfen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="50" />
      <source>Create new account</source>
      <translation>Neues Konto anlegen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="51" />
      <source>Update existing user</source>
      <translation>Vorhandenen Benutzer aktualisieren</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="58" />
      <source>Source ID</source>
      <translation>Quell-ID</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="59" />
      <source>Last name</source>
      <translation>Nachname</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="60" />
      <source>First name</source>
      <translation>Vorname</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="61" />
      <source>Groups</source>
      <translation>Gruppen</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="62" />
      <source>Birth date</source>
      <translation>Geburtsdatum</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="63" />
      <source>E-mail</source>
      <translation>E-Mail</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="64" />
      <source>Login</source>
      <translation>Benutzername</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="65" />
      <source>Source</source>
      <translation>Quelle</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="72" />
      <source>Student</source>
      <translation>Schüler*in</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="73" />
      <source>Teacher</source>
      <translation>Lehrkraft</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="74" />
      <source>Staff</source>
      <translation>Personal</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="81" />
      <source>active</source>
      <translation>aktiv</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="82" />
      <source>marked for deletion</source>
      <translation>zur Löschung vorgemerkt</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="83" />
      <source>deactivated</source>
      <translation>deaktiviert</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="84" />
      <source>deleted</source>
      <translation>gelöscht</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="91" />
      <source>class</source>
      <translation>Klasse</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="92" />
      <source>course</source>
      <translation>Kurs</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="93" />
      <source>team</source>
      <translation>Arbeitsgruppe</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="94" />
      <source>manual</source>
      <translation>Manuell</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="95" />
      <source>system</source>
      <translation>System</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="102" />
      <source>Generating passwords</source>
      <translation>Passwörter werden erzeugt</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="103" />
      <source>Checking the database</source>
      <translation>Datenbank wird geprüft</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="104" />
      <source>Writing users</source>
      <translation>Benutzer werden geschrieben</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="105" />
      <source>Recording the run</source>
      <translation>Lauf wird protokolliert</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="106" />
      <source>Done</source>
      <translation>Fertig</translation>
    </message>
  </context>
  <context>
    <name>UsersTableModel</name>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="39" />
      <source>Account type</source>
      <translation>Kontotyp</translation>
    </message>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="43" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
  </context>
  <context>
    <name>YearPage</name>
    <message>
      <location filename="../../app/wizard/pages/year.py" line="16" />
      <source>School year</source>
      <translation>Schuljahr</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/year.py" line="18" />
      <source>The groups named in the file are looked up and created in this school year.</source>
      <translation>Die Gruppen der Datei werden in diesem Schuljahr gesucht und angelegt.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/year.py" line="23" />
      <source>School year:</source>
      <translation>Schuljahr:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/year.py" line="24" />
      <source>An import always refers to exactly one school year.</source>
      <translation>Ein Import bezieht sich immer auf genau ein Schuljahr.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/year.py" line="35" />
      <source>%1 (current)</source>
      <translation>%1 (aktuell)</translation>
    </message>
  </context>
  <context>
    <name>main</name>
    <message>
      <location filename="../../app/wizard/main.py" line="29" />
      <source>The database cannot be opened:
%1</source>
      <translation>Die Datenbank lässt sich nicht öffnen:
%1</translation>
    </message>
  </context>
</TS>