<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Several columns have the same header (%1): check which one is imported.</source>
        <translation>Mehrere Spalten haben dieselbe Überschrift (%1): bitte prüfen Sie, welche importiert wird.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>— none: the first row holds the headers —</source>
        <translation>— keins: die erste Zeile enthält die Überschriften —</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>linuxmuster students.csv (class;last name;first name;birth date;ID)</source>
        <translation>linuxmuster students.csv (Klasse;Nachname;Vorname;Geburtsdatum;ID)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>linuxmuster teachers.csv (type;last name;first name;birth date;login)</source>
        <translation>linuxmuster teachers.csv (Typ;Nachname;Vorname;Geburtsdatum;Login)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Derive the source ID from:</source>
        <translation>Quell-ID bilden aus:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Known layout:</source>
        <translation>Bekanntes Format:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>The file has no header row; its columns were read as the known layout.</source>
        <translation>Die Datei hat keine Überschriftenzeile; ihre Spalten wurden als bekanntes Format gelesen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Also</source>
        <translation>Zusätzlich</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="26"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="29"/>
        <source>Choose the field each column of the file feeds. Fields marked * are required; columns left as “not imported” are ignored.</source>
        <translation>Wählen Sie für jede Spalte der Datei das Feld, das sie füllt. Mit * markierte Felder sind Pflicht; Spalten mit „nicht importieren“ werden übergangen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="56"/>
        <source>The mapping of your last import of this layout is filled in.</source>
        <translation>Die Zuordnung Ihres letzten Imports mit diesem Aufbau ist eingetragen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="58"/>
        <source>The columns were recognised by their headers; please check.</source>
        <translation>Die Spalten wurden an ihren Überschriften erkannt; bitte prüfen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="69"/>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="69"/>
        <source>Sample</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="69"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="88"/>
        <source>— not imported —</source>
        <translation>— nicht importieren —</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="120"/>
        <source>Still missing: %1</source>
        <translation>Es fehlt noch: %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="123"/>
        <source>All required fields are mapped.</source>
        <translation>Alle Pflichtfelder sind zugeordnet.</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="19"/>
        <source>Selected row</source>
        <translation>Ausgewählte Zeile</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="47"/>
        <source>Select a row to see its details.</source>
        <translation>Wählen Sie eine Zeile, um Einzelheiten zu sehen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="49"/>
        <source>No conflict in this row.</source>
        <translation>Diese Zeile hat keinen Konflikt.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="52"/>
        <source>Conflict:</source>
        <translation>Konflikt:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="65"/>
        <source>Not resolved yet: the row will not be imported until you choose.</source>
        <translation>Noch nicht gelöst: Die Zeile wird erst importiert, wenn Sie wählen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="69"/>
        <source>Chosen: %1</source>
        <translation>Gewählt: %1</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="52"/>
        <source>Database connection</source>
        <translation>Datenbankverbindung</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="53"/>
        <source>This computer (SQLite file)</source>
        <translation>Dieser Computer (SQLite-Datei)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="54"/>
        <source>Shared PostgreSQL server</source>
        <translation>Gemeinsamer PostgreSQL-Server</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="68"/>
        <source>stored in the system keyring</source>
        <translation>wird im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="69"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="78"/>
        <source>A new connection applies when the program starts the next time.</source>
        <translation>Eine neue Verbindung gilt ab dem nächsten Programmstart.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="82"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="84"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="85"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="86"/>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="87"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="88"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="161"/>
        <source>The connection failed: %1</source>
        <translation>Die Verbindung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="165"/>
        <source>The connection works.</source>
        <translation>Die Verbindung funktioniert.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="176"/>
        <source>The password cannot be stored in the system keyring: %1</source>
        <translation>Das Passwort kann nicht im Schlüsselbund des Systems gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>CreateGroupDialog</name>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="35"/>
        <source>Create group</source>
        <translation>Gruppe anlegen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="38"/>
        <source>The group gets the name the file uses.</source>
        <translation>Die Gruppe erhält den Namen aus der Datei.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="43"/>
        <source>Only in the school year %1</source>
        <translation>Nur im Schuljahr %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="44"/>
        <source>Permanent (every school year)</source>
        <translation>Dauerhaft (alle Schuljahre)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="50"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="51"/>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="52"/>
        <source>Valid:</source>
        <translation>Gültig:</translation>
    </message>
</context>
<context>
    <name>FirstYearDialog</name>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="42"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="46"/>
        <source>Every import refers to a school year. Please enter the current school year; more can be added later.</source>
        <translation>Jeder Import bezieht sich auf ein Schuljahr. Bitte geben Sie das aktuelle Schuljahr ein; weitere können später hinzukommen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="61"/>
        <source>School year:</source>
        <translation>Schuljahr:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="62"/>
        <source>First day:</source>
        <translation>Erster Tag:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="63"/>
        <source>Last day:</source>
        <translation>Letzter Tag:</translation>
    </message>
</context>
<context>
    <name>GroupExportDialog</name>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="279"/>
        <source>Export groups to CSV</source>
        <translation>Gruppen als CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="281"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="296"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="297"/>
        <source>Encoding:</source>
        <translation>Zeichensatz:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="306"/>
        <source>Export groups</source>
        <translation>Gruppen exportieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="306"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>GroupImportDialog</name>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="154"/>
        <source>Import groups from CSV</source>
        <translation>Gruppen aus CSV importieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="157"/>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="161"/>
        <source>detect</source>
        <translation>erkennen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="164"/>
        <source>Delete members before importing</source>
        <translation>Mitglieder vor dem Import entfernen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="166"/>
        <source>The groups named in the file are emptied first; groups are never deleted.</source>
        <translation>Die in der Datei genannten Gruppen werden zuerst geleert; Gruppen werden nie gelöscht.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="169"/>
        <source>New groups only in the school year %1</source>
        <translation>Neue Gruppen nur im Schuljahr %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="180"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="191"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="192"/>
        <source>Encoding:</source>
        <translation>Zeichensatz:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="207"/>
        <source>Choose a group file</source>
        <translation>Gruppendatei wählen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="207"/>
        <source>CSV (*.csv *.txt);;All files (*)</source>
        <translation>CSV (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="246"/>
        <source>Preview: %1.</source>
        <translation>Vorschau: %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/wizard/groupcsvdialog.py" line="248"/>
        <source>%n rows have errors and are left out.</source>
        <translation>
            <numerusform>%n Zeile ist fehlerhaft und wird ausgelassen.</numerusform>
            <numerusform>%n Zeilen sind fehlerhaft und werden ausgelassen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups added</source>
        <translation>
            <numerusform>%n Gruppe hinzugefügt</numerusform>
            <numerusform>%n Gruppen hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups updated</source>
        <translation>
            <numerusform>%n Gruppe aktualisiert</numerusform>
            <numerusform>%n Gruppen aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n members added</source>
        <translation>
            <numerusform>%n Mitglied hinzugefügt</numerusform>
            <numerusform>%n Mitglieder hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n members updated</source>
        <translation>
            <numerusform>%n Mitglied aktualisiert</numerusform>
            <numerusform>%n Mitglieder aktualisiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupPlanTableModel</name>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="93"/>
        <source>add</source>
        <translation>hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="93"/>
        <source>update</source>
        <translation>aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="94"/>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="119"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="129"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="130"/>
        <source>Group ID</source>
        <translation>Gruppen-ID</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="131"/>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="132"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="133"/>
        <source>Members added</source>
        <translation>Mitglieder neu</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="134"/>
        <source>Members changed</source>
        <translation>Mitglieder geändert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="135"/>
        <source>Changes / problem</source>
        <translation>Änderungen / Problem</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="39"/>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="41"/>
        <source>Each group of the file is matched to a group of the school year.</source>
        <translation>Jede Gruppe der Datei wird einer Gruppe des Schuljahres zugeordnet.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="58"/>
        <source>Ignore unassigned groups (their memberships are left out of this import)</source>
        <translation>Nicht zugeordnete Gruppen ignorieren (diese Mitgliedschaften entfallen in diesem Import)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="102"/>
        <source>Group in the file</source>
        <translation>Gruppe in der Datei</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="102"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="102"/>
        <source>Use group</source>
        <translation>Gruppe verwenden</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="110"/>
        <location filename="../../app/wizard/pages/groups.py" line="187"/>
        <source>Create…</source>
        <translation>Anlegen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="123"/>
        <source>(as named in the file)</source>
        <translation>(wie in der Datei benannt)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="125"/>
        <source>(permanent)</source>
        <translation>(dauerhaft)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="187"/>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="195"/>
        <source>mapped by hand</source>
        <translation>von Hand zugeordnet</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="196"/>
        <source>exists</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="199"/>
        <source>permanent</source>
        <translation>dauerhaft</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="201"/>
        <source>will be created (%1, %2)</source>
        <translation>wird angelegt (%1, %2)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="205"/>
        <source>ignored</source>
        <translation>ignoriert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="205"/>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="218"/>
        <source>The file names no groups.</source>
        <translation>Die Datei nennt keine Gruppen.</translation>
    </message>
    <message>
        <source>Create all missing groups</source>
        <translation>Alle fehlenden Gruppen anlegen</translation>
    </message>
    <message>
        <source>Plans every missing group with the type its name suggests (5a, 10b, Q1, EF: class; “Fachschaft …”, “AG …”: team); each can be changed afterwards.</source>
        <translation>Plant jede fehlende Gruppe mit der Art, die ihr Name nahelegt (5a, 10b, Q1, EF: Klasse; „Fachschaft …“, „AG …“: Team); jede lässt sich danach ändern.</translation>
    </message>
    <message>
        <source>Which type do these groups get?
%1</source>
        <translation>Welche Art bekommen diese Gruppen?
%1</translation>
    </message>
    <message numerus="yes">
        <source>%n groups in the file:</source>
        <translation>
            <numerusform>%n Gruppe in der Datei:</numerusform>
            <numerusform>%n Gruppen in der Datei:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n gefunden</numerusform>
            <numerusform>%n gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be created</source>
        <translation>
            <numerusform>%n wird angelegt</numerusform>
            <numerusform>%n werden angelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing</source>
        <translation>
            <numerusform>%n fehlt</numerusform>
            <numerusform>%n fehlen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ignored</source>
        <translation>
            <numerusform>%n ignoriert</numerusform>
            <numerusform>%n ignoriert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupsTableModel</name>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="204"/>
        <source>permanent</source>
        <translation>dauerhaft</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="216"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="216"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="216"/>
        <source>Valid in</source>
        <translation>Gültig in</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="216"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../app/wizard/historytab.py" line="52"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="54"/>
        <source>Download succeeded rows…</source>
        <translation>Erfolgreiche Zeilen herunterladen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="56"/>
        <source>Download failed rows…</source>
        <translation>Fehlerhafte Zeilen herunterladen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="58"/>
        <source>Undo this import…</source>
        <translation>Diesen Import rückgängig machen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="61"/>
        <source>Cancel running import</source>
        <translation>Laufenden Import abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="131"/>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="131"/>
        <source>failed</source>
        <translation>fehlerhaft</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="134"/>
        <source>Download succeeded rows</source>
        <translation>Erfolgreiche Zeilen herunterladen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="134"/>
        <source>Download failed rows</source>
        <translation>Fehlerhafte Zeilen herunterladen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="136"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="150"/>
        <location filename="../../app/wizard/historytab.py" line="155"/>
        <source>Download not possible</source>
        <translation>Herunterladen nicht möglich</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/wizard/historytab.py" line="157"/>
        <source>%n rows written to %1</source>
        <translation>
            <numerusform>%n Zeile in %1 geschrieben</numerusform>
            <numerusform>%n Zeilen in %1 geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="158"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/wizard/wizard.py" line="55"/>
        <source>Import users</source>
        <translation>Benutzer importieren</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <location filename="../../app/wizard/logdialog.py" line="37"/>
        <source>Log file</source>
        <translation>Protokolldatei des Programms</translation>
    </message>
    <message>
        <location filename="../../app/wizard/logdialog.py" line="38"/>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/logdialog.py" line="47"/>
        <source>Nothing has been logged yet.</source>
        <translation>Es wurde noch nichts protokolliert.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 password(s) reset. Saved (encrypted): %2</source>
        <translation>%1 Passwörter neu gesetzt. Gespeichert (verschlüsselt): %2</translation>
    </message>
    <message>
        <source>New initial passwords</source>
        <translation>Neue Startpasswörter</translation>
    </message>
    <message>
        <source>Select users, or choose a class in the group filter.</source>
        <translation>Bitte Benutzer auswählen oder im Gruppenfilter eine Klasse wählen.</translation>
    </message>
    <message>
        <source>New initial passwords for the active members of %1.</source>
        <translation>Neue Startpasswörter für die aktiven Mitglieder von %1.</translation>
    </message>
    <message>
        <source>New initial passwords for %1 selected user(s).</source>
        <translation>Neue Startpasswörter für %1 ausgewählte Benutzer.</translation>
    </message>
    <message>
        <source>&amp;New initial passwords…</source>
        <translation>&amp;Neue Startpasswörter…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="66"/>
        <source>User management</source>
        <translation>Benutzerverwaltung</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="109"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="114"/>
        <source>&amp;Export users…</source>
        <translation>Benutzer &amp;exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="133"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="136"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="135"/>
        <source>&amp;About schoolimport</source>
        <translation>Ü&amp;ber schoolimport</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="116"/>
        <source>&amp;Restore user</source>
        <translation>Benutzer &amp;wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="118"/>
        <source>&amp;Purge due accounts…</source>
        <translation>Fällige Konten &amp;endgültig löschen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="121"/>
        <source>Import &amp;groups from CSV…</source>
        <translation>&amp;Gruppen aus CSV importieren…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="125"/>
        <source>E&amp;xport groups to CSV…</source>
        <translation>Gruppen als CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="127"/>
        <source>&amp;Operators…</source>
        <translation>&amp;Bearbeiter…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="130"/>
        <source>&amp;Database connection…</source>
        <translation>&amp;Datenbankverbindung…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="134"/>
        <source>Show &amp;log file</source>
        <translation>Programm&amp;protokoll anzeigen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="140"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="146"/>
        <source>&amp;Users</source>
        <translation>&amp;Benutzer</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="148"/>
        <source>&amp;Extras</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="150"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="151"/>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="158"/>
        <source>School year:</source>
        <translation>Schuljahr:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="162"/>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="163"/>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="164"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="172"/>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="198"/>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="227"/>
        <source>Import not possible</source>
        <translation>Import nicht möglich</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="243"/>
        <source>Export users</source>
        <translation>Benutzer exportieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="245"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="255"/>
        <source>Select users who are marked for deletion or deactivated.</source>
        <translation>Wählen Sie Benutzer aus, die zur Löschung vorgemerkt oder deaktiviert sind.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="256"/>
        <location filename="../../app/wizard/mainwindow.py" line="263"/>
        <source>Restore user</source>
        <translation>Benutzer wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="266"/>
        <source>Active again: %1</source>
        <translation>Wieder aktiv: %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="275"/>
        <location filename="../../app/wizard/mainwindow.py" line="281"/>
        <location filename="../../app/wizard/mainwindow.py" line="287"/>
        <location filename="../../app/wizard/mainwindow.py" line="291"/>
        <source>Purge due accounts</source>
        <translation>Fällige Konten endgültig löschen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="275"/>
        <source>No account is due for purging.</source>
        <translation>Kein Konto ist zur endgültigen Löschung fällig.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/wizard/mainwindow.py" line="278"/>
        <source>%n deactivated accounts have reached the end of their deletion period and will be deleted for good. Their logins are never given again. Continue?</source>
        <translation>
            <numerusform>%n deaktiviertes Konto hat das Ende seiner Löschfrist erreicht und wird endgültig gelöscht. Sein Benutzername wird nie wieder vergeben. Fortfahren?</numerusform>
            <numerusform>%n deaktivierte Konten haben das Ende ihrer Löschfrist erreicht und werden endgültig gelöscht. Ihre Benutzernamen werden nie wieder vergeben. Fortfahren?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/wizard/mainwindow.py" line="290"/>
        <source>%n accounts deleted.</source>
        <translation>
            <numerusform>%n Konto gelöscht.</numerusform>
            <numerusform>%n Konten gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="333"/>
        <source>About schoolimport</source>
        <translation>Über schoolimport</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="335"/>
        <source>schoolimport %1

Imports the school office&apos;s tables into the user directory.</source>
        <translation>schoolimport %1

Importiert die Tabellen des Sekretariats in die Benutzerverwaltung.</translation>
    </message>
    <message>
        <source>&amp;LDAP server…</source>
        <translation>&amp;LDAP-Server…</translation>
    </message>
</context>
<context>
    <name>OperatorEditDialog</name>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="110"/>
        <source>Add operator</source>
        <translation>Bearbeiter hinzufügen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="111"/>
        <source>Set password</source>
        <translation>Passwort setzen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="112"/>
        <source>Set schools</source>
        <translation>Schulen festlegen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="145"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="147"/>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="148"/>
        <source>May import:</source>
        <translation>Darf importieren:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="150"/>
        <source>Schools:</source>
        <translation>Schulen:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="152"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="153"/>
        <source>Repeat:</source>
        <translation>Wiederholen:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="172"/>
        <source>The password needs at least %1 characters.</source>
        <translation>Das Passwort braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="175"/>
        <source>Enter the same password twice.</source>
        <translation>Geben Sie zweimal dasselbe Passwort ein.</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="209"/>
        <source>Operators</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="215"/>
        <source>Add operator…</source>
        <translation>Bearbeiter hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="217"/>
        <source>Set password…</source>
        <translation>Passwort setzen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="219"/>
        <source>Set schools…</source>
        <translation>Schulen festlegen…</translation>
    </message>
</context>
<context>
    <name>OperatorsTableModel</name>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="70"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="76"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="76"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="86"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="87"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="88"/>
        <source>May import</source>
        <translation>Darf importieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="89"/>
        <source>Schools</source>
        <translation>Schulen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="90"/>
        <source>Password set</source>
        <translation>Passwort gesetzt</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="25"/>
        <source>Account type and options</source>
        <translation>Kontotyp und Optionen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="26"/>
        <source>Every row of this file becomes an account of one type.</source>
        <translation>Jede Zeile dieser Datei wird ein Konto desselben Typs.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="29"/>
        <source>Account type</source>
        <translation>Kontotyp</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="39"/>
        <source>Match users by their source ID</source>
        <translation>Benutzer über die Quell-ID abgleichen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="41"/>
        <source>Off: every row becomes a new account; an existing source ID is a conflict.</source>
        <translation>Aus: Jede Zeile wird ein neues Konto; eine vorhandene Quell-ID ist ein Konflikt.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="44"/>
        <source>Detect expired accounts</source>
        <translation>Ausgeschiedene Konten erkennen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="47"/>
        <source>Active accounts of this type that are missing from the file are released for deletion (restorable until they are purged).</source>
        <translation>Aktive Konten dieses Typs, die in der Datei fehlen, werden zur Löschung freigegeben (wiederherstellbar, bis sie endgültig gelöscht sind).</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="52"/>
        <source>Generate passwords for new accounts</source>
        <translation>Passwörter für neue Konten erzeugen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="55"/>
        <source>Generate a data-safe password for new accounts</source>
        <translation>Datensafe-Passwort für neue Konten erzeugen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="57"/>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>A second password of each new account, for its personal protected storage (the data safe). It is kept apart from the login password, so a shared or reset login password does not open the stored files; it is printed in the protocol and the letters beside the initial password.</source>
        <translation>Ein zweites Passwort jedes neuen Kontos für seinen persönlichen geschützten Speicher (den Datensafe). Es ist vom Anmeldepasswort getrennt, damit ein weitergegebenes oder zurückgesetztes Anmeldepasswort die gespeicherten Dateien nicht öffnet; es steht im Protokoll und in den Briefen neben dem Startpasswort.</translation>
    </message>
</context>
<context>
    <name>PlanTableModel</name>
    <message>
        <location filename="../../app/wizard/planmodel.py" line="147"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../../app/wizard/planmodel.py" line="148"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../../app/wizard/planmodel.py" line="154"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/planmodel.py" line="155"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="1"/>
        <source>%1 rows of another account type are left out.</source>
        <translation>%1 Zeilen einer anderen Kontoart werden ausgelassen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="43"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="45"/>
        <source>What the import will do with each row. Untick rows to leave them out.</source>
        <translation>Was der Import mit jeder Zeile tut. Entfernen Sie den Haken, um eine Zeile auszulassen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="47"/>
        <source>Continue to the protocol</source>
        <translation>Weiter zum Protokoll</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="68"/>
        <source>Search name, ID, login, group</source>
        <translation>Name, ID, Benutzername, Gruppe suchen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="198"/>
        <source>The import would release %1 of %2 active accounts for deletion. Is the file complete? A truncated export must not empty the school.</source>
        <translation>Der Import würde %1 von %2 aktiven Konten zur Löschung freigeben. Ist die Datei vollständig? Ein abgeschnittener Export darf die Schule nicht leeren.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="203"/>
        <source>Release many accounts?</source>
        <translation>Viele Konten freigeben?</translation>
    </message>
    <message>
        <source>Show rows:</source>
        <translation>Zeilen zeigen:</translation>
    </message>
    <message numerus="yes">
        <source>Continue, leaving out %n rows</source>
        <translation>
            <numerusform>Weiter, %n Zeile auslassen</numerusform>
            <numerusform>Weiter, %n Zeilen auslassen</numerusform>
        </translation>
    </message>
    <message>
        <source>left out</source>
        <translation>ausgelassen</translation>
    </message>
    <message>
        <source>open conflict</source>
        <translation>Konflikt offen</translation>
    </message>
    <message>
        <source>The import: %1</source>
        <translation>Der Import: %1</translation>
    </message>
    <message>
        <source>Cancel the import?</source>
        <translation>Import abbrechen?</translation>
    </message>
    <message>
        <source>The conflicts you resolved and the rows you unticked in the preview are lost when the wizard closes. Nothing has been imported yet.</source>
        <translation>Die in der Vorschau gelösten Konflikte und abgewählten Zeilen gehen verloren, wenn der Assistent geschlossen wird. Importiert wurde noch nichts.</translation>
    </message>
</context>
<context>
    <name>ProtocolPage</name>
    <message>
        <source>The initial passwords of %1 new account(s) will be lost: no protocol keeps them. They can only be reset later, which makes a new protocol.</source>
        <translation>Die Startpasswörter von %1 neuen Konten gehen verloren: Kein Protokoll enthält sie. Sie lassen sich nur später neu setzen (Neue Startpasswörter…), was ein neues Protokoll ergibt.</translation>
    </message>
    <message>
        <source>%1 exists already. Replace it?</source>
        <translation>%1 gibt es schon. Ersetzen?</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Datei ersetzen?</translation>
    </message>
    <message>
        <source>The import creates no passwords: the protocol is optional.</source>
        <translation>Der Import erzeugt keine Passwörter: Das Protokoll ist freiwillig.</translation>
    </message>
    <message>
        <source>Import without a protocol: I accept that the new passwords will be lost</source>
        <translation>Ohne Protokoll importieren: Ich nehme in Kauf, dass die neuen Passwörter verloren gehen</translation>
    </message>
    <message>
        <source>Run import</source>
        <translation>Import ausführen</translation>
    </message>
    <message>
        <source>The protocol lists every row and the initial passwords of the new accounts. It is saved encrypted with a password of your choice, before the import is committed.</source>
        <translation>Das Protokoll enthält jede Zeile und die Startpasswörter der neuen Konten. Es wird mit einem Passwort Ihrer Wahl verschlüsselt gespeichert, bevor der Import übernommen wird.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="41"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="44"/>
        <source>The protocol lists every row and the initial passwords of the new accounts. It is saved encrypted with a password of your choice.</source>
        <translation>Das Protokoll enthält jede Zeile und die Startpasswörter der neuen Konten. Es wird mit einem Passwort Ihrer Wahl verschlüsselt gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="49"/>
        <source>Excel workbook (XLSX, encrypted)</source>
        <translation>Excel-Arbeitsmappe (XLSX, verschlüsselt)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="50"/>
        <source>CSV in an AES-256 zip</source>
        <translation>CSV in einem AES-256-Zip</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="57"/>
        <location filename="../../app/wizard/pages/protocol.py" line="77"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="69"/>
        <location filename="../../app/wizard/pages/protocol.py" line="166"/>
        <source>Save protocol</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="74"/>
        <source>Also save login letters (PDF, same password)</source>
        <translation>Auch Zugangsbriefe speichern (PDF, gleiches Passwort)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="81"/>
        <source>I accept that the new passwords will be lost</source>
        <translation>Ich nehme in Kauf, dass die neuen Passwörter verloren gehen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="100"/>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="101"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="102"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="103"/>
        <source>Repeat:</source>
        <translation>Wiederholen:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="104"/>
        <source>Strength:</source>
        <translation>Stärke:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="106"/>
        <source>Letters:</source>
        <translation>Briefe:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="120"/>
        <source>login-letters-%1.pdf</source>
        <translation>zugangsbriefe-%1.pdf</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="128"/>
        <source>Save login letters</source>
        <translation>Zugangsbriefe speichern</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="128"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="163"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="163"/>
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="176"/>
        <source>No new accounts were created: no passwords to keep.</source>
        <translation>Es wurden keine Konten angelegt: Es gibt keine Passwörter aufzubewahren.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="190"/>
        <source>The passwords match.</source>
        <translation>Die Passwörter stimmen überein.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="197"/>
        <source>At least %1 characters.</source>
        <translation>Mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="199"/>
        <source>Enter the same password twice.</source>
        <translation>Geben Sie zweimal dasselbe Passwort ein.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="218"/>
        <source>Saved to %1</source>
        <translation>Gespeichert unter %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="220"/>
        <source>Login letters saved to %1</source>
        <translation>Zugangsbriefe gespeichert unter %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="235"/>
        <source>Lose the new passwords?</source>
        <translation>Neue Passwörter verwerfen?</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="237"/>
        <source>Without the protocol the initial passwords of the new accounts are lost. They can only be reset later, which makes a new protocol.</source>
        <translation>Ohne Protokoll gehen die Startpasswörter der neuen Konten verloren. Sie lassen sich später nur zurücksetzen, was ein neues Protokoll erzeugt.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py"/>
        <source>protocol-%1.xlsx</source>
        <translation>protokoll-%1.xlsx</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>%1 new password(s) are in no protocol.</source>
        <translation>%1 neue Passwörter stehen in keinem Protokoll.</translation>
    </message>
    <message>
        <source>Saved (encrypted): %1</source>
        <translation>Gespeichert (verschlüsselt): %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="28"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="29"/>
        <source>The import runs as one transaction: all or nothing.</source>
        <translation>Der Import läuft als eine Transaktion: alles oder nichts.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="37"/>
        <source>Cancel import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="63"/>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="80"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="89"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="96"/>
        <source>The import is complete.</source>
        <translation>Der Import ist abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="103"/>
        <source>The import was not carried out; nothing was changed.</source>
        <translation>Der Import wurde nicht ausgeführt; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="107"/>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>Der Import wurde abgebrochen; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Continue to the protocol</source>
        <translation>Weiter zum Protokoll</translation>
    </message>
</context>
<context>
    <name>RunsTableModel</name>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="121"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="122"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="123"/>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="124"/>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="125"/>
        <source>Operator</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="126"/>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="127"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="128"/>
        <source>Released</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="129"/>
        <source>Invalid</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="130"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="131"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Reactivated</source>
        <translation>Reaktiviert</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="44"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="46"/>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="51"/>
        <source>A new language applies when the program starts the next time.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Programmstart.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="63"/>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="68"/>
        <source>Name of the school:</source>
        <translation>Name der Schule:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="78"/>
        <source>Grace periods of accounts released for deletion</source>
        <translation>Fristen für zur Löschung freigegebene Konten</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="80"/>
        <source>Deactivated after (days)</source>
        <translation>Deaktiviert nach (Tagen)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="81"/>
        <source>Purgeable after a further (days)</source>
        <translation>Löschbar nach weiteren (Tagen)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="95"/>
        <source>Changed periods apply to accounts released from now on.</source>
        <translation>Geänderte Fristen gelten für Konten, die ab jetzt freigegeben werden.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/wizard/signin.py" line="28"/>
        <location filename="../../app/wizard/signin.py" line="39"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../app/wizard/signin.py" line="29"/>
        <source>Please sign in with your operator name and password.</source>
        <translation>Bitte melden Sie sich mit Ihrem Bearbeiternamen und Passwort an.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/signin.py" line="43"/>
        <source>Operator:</source>
        <translation>Bearbeiter:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/signin.py" line="44"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="47"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="48"/>
        <source>Choose the file the school office exported, or drop it here.</source>
        <translation>Wählen Sie die Datei, die das Sekretariat exportiert hat, oder ziehen Sie sie hierher.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="54"/>
        <source>CSV, XLSX, XLS or ODS file</source>
        <translation>CSV-, XLSX-, XLS- oder ODS-Datei</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="55"/>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="58"/>
        <source>Download template…</source>
        <translation>Vorlage herunterladen…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="73"/>
        <source>The first row holds the column headers</source>
        <translation>Die erste Zeile enthält die Spaltenüberschriften</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="92"/>
        <location filename="../../app/wizard/pages/table.py" line="96"/>
        <source>detect</source>
        <translation>erkennen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="96"/>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="105"/>
        <source>Encoding:</source>
        <translation>Zeichensatz:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="107"/>
        <source>Delimiter:</source>
        <translation>Trennzeichen:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="109"/>
        <source>Sheet:</source>
        <translation>Blatt:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="127"/>
        <source>Choose a table</source>
        <translation>Tabelle wählen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="129"/>
        <source>Tables (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)</source>
        <translation>Tabellen (*.csv *.txt *.xlsx *.xls *.ods);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="157"/>
        <source>import-template-%1.xlsx</source>
        <translation>importvorlage-%1.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="160"/>
        <source>Save the import template</source>
        <translation>Importvorlage speichern</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="162"/>
        <source>Excel workbook (*.xlsx);;OpenDocument spreadsheet (*.ods)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx);;OpenDocument-Tabelle (*.ods)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="176"/>
        <source>Template saved to %1</source>
        <translation>Vorlage gespeichert unter %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="184"/>
        <source>This file was made from template version %1; the current template is version %2. Please download the new template and copy the data into it.</source>
        <translation>Diese Datei stammt aus Vorlagenversion %1; die aktuelle Vorlage hat Version %2. Bitte laden Sie die neue Vorlage herunter und übertragen Sie die Daten hinein.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="227"/>
        <source>read as %1, delimiter %2</source>
        <translation>gelesen als %1, Trennzeichen %2</translation>
    </message>
    <message numerus="yes">
        <source>%n data rows</source>
        <translation>
            <numerusform>%n Datenzeile</numerusform>
            <numerusform>%n Datenzeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n columns</source>
        <translation>
            <numerusform>%n Spalte</numerusform>
            <numerusform>%n Spalten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../app/wizard/texts.py" line="1"/>
        <source>other account type</source>
        <translation>andere Kontoart</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="1"/>
        <source>Account type</source>
        <translation>Kontoart</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="33"/>
        <source>create</source>
        <translation>anlegen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="34"/>
        <source>update</source>
        <translation>aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="35"/>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="36"/>
        <source>expire</source>
        <translation>freigeben</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="37"/>
        <source>reactivate</source>
        <translation>reaktivieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="38"/>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="39"/>
        <source>invalid</source>
        <translation>ungültig</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="46"/>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="47"/>
        <source>Keep this row</source>
        <translation>Diese Zeile behalten</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="48"/>
        <source>Use a generated login</source>
        <translation>Erzeugten Benutzernamen verwenden</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="49"/>
        <source>Link to existing user</source>
        <translation>Mit vorhandenem Benutzer verknüpfen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="50"/>
        <source>Create new account</source>
        <translation>Neues Konto anlegen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="51"/>
        <source>Update existing user</source>
        <translation>Vorhandenen Benutzer aktualisieren</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="58"/>
        <source>Source ID</source>
        <translation>Quell-ID</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="59"/>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="60"/>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="61"/>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="62"/>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="63"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="64"/>
        <source>Login</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="65"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="72"/>
        <source>Student</source>
        <translation>Schüler*in</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="73"/>
        <source>Teacher</source>
        <translation>Lehrkraft</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="74"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="81"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="82"/>
        <source>marked for deletion</source>
        <translation>zur Löschung vorgemerkt</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="83"/>
        <source>deactivated</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="84"/>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="91"/>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="92"/>
        <source>course</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="93"/>
        <source>team</source>
        <translation>Arbeitsgruppe</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="94"/>
        <source>manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="95"/>
        <source>system</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="102"/>
        <source>Generating passwords</source>
        <translation>Passwörter werden erzeugt</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="103"/>
        <source>Checking the database</source>
        <translation>Datenbank wird geprüft</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="104"/>
        <source>Writing users</source>
        <translation>Benutzer werden geschrieben</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="105"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="185"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="186"/>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="187"/>
        <source>completed with errors</source>
        <translation>mit Fehlern abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="188"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="189"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="190"/>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="191"/>
        <source>undone</source>
        <translation>rückgängig gemacht</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="198"/>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="199"/>
        <source>Import operator</source>
        <translation>Import-Bearbeiter</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="206"/>
        <source>users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="207"/>
        <source>groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>table import</source>
        <translation>Tabellenimport</translation>
    </message>
    <message>
        <source>created by hand</source>
        <translation>von Hand angelegt</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>abgeglichen</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>not yet on the server</source>
        <translation>noch nicht auf dem Server</translation>
    </message>
</context>
<context>
    <name>UndoDialog</name>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="46"/>
        <location filename="../../app/wizard/undodialog.py" line="57"/>
        <source>Undo import</source>
        <translation>Import rückgängig machen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="75"/>
        <source>This import cannot be undone.</source>
        <translation>Dieser Import kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="82"/>
        <source>Undoing the import of %1 does the following, in one step:</source>
        <translation>Das Rückgängigmachen des Imports von %1 bewirkt in einem Schritt:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="85"/>
        <source>The import of %1 cannot be undone: these records were changed after it. An undo never overwrites later work.</source>
        <translation>Der Import von %1 kann nicht rückgängig gemacht werden: diese Datensätze wurden danach geändert. Ein Rückgängigmachen überschreibt nie spätere Arbeit.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="113"/>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="126"/>
        <source>The import changed nothing that needs undoing.</source>
        <translation>Der Import hat nichts geändert, das rückgängig zu machen wäre.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="130"/>
        <source>user %1 was changed after the import</source>
        <translation>Benutzer %1 wurde nach dem Import geändert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="131"/>
        <source>user %1 was deleted after the import</source>
        <translation>Benutzer %1 wurde nach dem Import gelöscht</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="133"/>
        <source>%1 was removed from the group %2 after the import</source>
        <translation>%1 wurde nach dem Import aus der Gruppe %2 entfernt</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="136"/>
        <source>%1 was added to the group %2 again after the import</source>
        <translation>%1 wurde nach dem Import wieder in die Gruppe %2 aufgenommen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="138"/>
        <source>%1 was added to the group %2 after the import</source>
        <translation>%1 wurde nach dem Import in die Gruppe %2 aufgenommen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="139"/>
        <source>the group %2 was changed after the import</source>
        <translation>die Gruppe %2 wurde nach dem Import geändert</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="140"/>
        <source>the group %2 was deleted after the import</source>
        <translation>die Gruppe %2 wurde nach dem Import gelöscht</translation>
    </message>
    <message numerus="yes">
        <source>%n accounts are deleted:</source>
        <translation>
            <numerusform>%n Konto wird gelöscht:</numerusform>
            <numerusform>%n Konten werden gelöscht:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n users are changed back:</source>
        <translation>
            <numerusform>%n Benutzer wird zurückgesetzt:</numerusform>
            <numerusform>%n Benutzer werden zurückgesetzt:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n releases for deletion are lifted:</source>
        <translation>
            <numerusform>%n Freigabe zur Löschung wird aufgehoben:</numerusform>
            <numerusform>%n Freigaben zur Löschung werden aufgehoben:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n memberships are removed:</source>
        <translation>
            <numerusform>%n Mitgliedschaft wird entfernt:</numerusform>
            <numerusform>%n Mitgliedschaften werden entfernt:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n memberships are restored:</source>
        <translation>
            <numerusform>%n Mitgliedschaft wird wiederhergestellt:</numerusform>
            <numerusform>%n Mitgliedschaften werden wiederhergestellt:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups are deleted if empty:</source>
        <translation>
            <numerusform>%n Gruppe wird gelöscht, wenn sie leer ist:</numerusform>
            <numerusform>%n Gruppen werden gelöscht, wenn sie leer sind:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accounts deleted</source>
        <translation>
            <numerusform>%n Konto gelöscht</numerusform>
            <numerusform>%n Konten gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n users changed back</source>
        <translation>
            <numerusform>%n Benutzer zurückgesetzt</numerusform>
            <numerusform>%n Benutzer zurückgesetzt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n memberships removed</source>
        <translation>
            <numerusform>%n Mitgliedschaft entfernt</numerusform>
            <numerusform>%n Mitgliedschaften entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups deleted</source>
        <translation>
            <numerusform>%n Gruppe gelöscht</numerusform>
            <numerusform>%n Gruppen gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>The import was undone: %1.</source>
        <translation>Der Import wurde rückgängig gemacht: %1.</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>keine Änderungen</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiterer</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>school</source>
        <translation>Schule</translation>
    </message>
    <message>
        <source>%1 back to “%2” (now “%3”)</source>
        <translation>%1 wieder „%2“ (jetzt „%3“)</translation>
    </message>
    <message>
        <source>becomes active again</source>
        <translation>wird wieder aktiv</translation>
    </message>
    <message>
        <source>; was marked for deletion since %1</source>
        <translation>; war zur Löschung vorgemerkt seit %1</translation>
    </message>
    <message>
        <source>; was %1 (marked for deletion since %2)</source>
        <translation>; war %1 (zur Löschung vorgemerkt seit %2)</translation>
    </message>
    <message>
        <source>is marked for deletion again</source>
        <translation>wird wieder zur Löschung vorgemerkt</translation>
    </message>
    <message>
        <source> (as since %1)</source>
        <translation> (wie seit %1)</translation>
    </message>
    <message>
        <source>; to be deactivated on %1</source>
        <translation>; Deaktivierung am %1</translation>
    </message>
    <message>
        <source>status back to “%1” (now “%2”)</source>
        <translation>Status wieder „%1“ (jetzt „%2“)</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../app/wizard/userstab.py" line="28"/>
        <source>Search name, login, source ID, e-mail</source>
        <translation>Name, Benutzername, Quell-ID, E-Mail suchen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/userstab.py" line="32"/>
        <source>All account types</source>
        <translation>Alle Kontotypen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/userstab.py" line="36"/>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location filename="../../app/wizard/userstab.py" line="39"/>
        <source>All groups</source>
        <translation>Alle Gruppen</translation>
    </message>
    <message>
        <location filename="../../app/wizard/userstab.py" line="81"/>
        <source>%1 of %2 users shown</source>
        <translation>%1 von %2 Benutzern angezeigt</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="40"/>
        <source>Account type</source>
        <translation>Kontotyp</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="44"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="56"/>
        <source>Deactivated on</source>
        <translation>Deaktiviert am</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="60"/>
        <source>Purged on</source>
        <translation>Gelöscht am</translation>
    </message>
    <message>
        <source>will be deactivated on %1</source>
        <translation>wird deaktiviert am %1</translation>
    </message>
    <message>
        <source>will be purged on %1</source>
        <translation>wird gelöscht am %1</translation>
    </message>
    <message>
        <source>LDAP</source>
        <translation>LDAP</translation>
    </message>
</context>
<context>
    <name>YearPage</name>
    <message>
        <location filename="../../app/wizard/pages/year.py" line="16"/>
        <source>School year</source>
        <translation>Schuljahr</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/year.py" line="18"/>
        <source>The groups named in the file are looked up and created in this school year.</source>
        <translation>Die Gruppen der Datei werden in diesem Schuljahr gesucht und angelegt.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/year.py" line="23"/>
        <source>School year:</source>
        <translation>Schuljahr:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/year.py" line="24"/>
        <source>An import always refers to exactly one school year.</source>
        <translation>Ein Import bezieht sich immer auf genau ein Schuljahr.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/year.py" line="35"/>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/wizard/main.py" line="59"/>
        <source>The database cannot be opened:
%1</source>
        <translation>Die Datenbank lässt sich nicht öffnen:
%1</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n account will be created</source>
        <translation>
            <numerusform>%n Konto wird angelegt</numerusform>
            <numerusform>%n Konten werden angelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be updated</source>
        <translation>
            <numerusform>%n wird aktualisiert</numerusform>
            <numerusform>%n werden aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be reactivated</source>
        <translation>
            <numerusform>%n wird reaktiviert</numerusform>
            <numerusform>%n werden reaktiviert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be released for deletion</source>
        <translation>
            <numerusform>%n wird zur Löschung freigegeben</numerusform>
            <numerusform>%n werden zur Löschung freigegeben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unverändert</numerusform>
            <numerusform>%n unverändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out</source>
        <translation>
            <numerusform>%n ausgelassen</numerusform>
            <numerusform>%n ausgelassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid</source>
        <translation>
            <numerusform>%n ungültig</numerusform>
            <numerusform>%n ungültig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open conflict</source>
        <translation>
            <numerusform>%n offener Konflikt</numerusform>
            <numerusform>%n offene Konflikte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group will be created</source>
        <translation>
            <numerusform>%n Gruppe wird angelegt</numerusform>
            <numerusform>%n Gruppen werden angelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account created</source>
        <translation>
            <numerusform>%n Konto angelegt</numerusform>
            <numerusform>%n Konten angelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n aktualisiert</numerusform>
            <numerusform>%n aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reactivated</source>
        <translation>
            <numerusform>%n reaktiviert</numerusform>
            <numerusform>%n reaktiviert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n released for deletion</source>
        <translation>
            <numerusform>%n zur Löschung freigegeben</numerusform>
            <numerusform>%n zur Löschung freigegeben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict not resolved</source>
        <translation>
            <numerusform>%n Konflikt nicht gelöst</numerusform>
            <numerusform>%n Konflikte nicht gelöst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group created</source>
        <translation>
            <numerusform>%n Gruppe angelegt</numerusform>
            <numerusform>%n Gruppen angelegt</numerusform>
        </translation>
    </message>
    <message>
        <source>no account changes</source>
        <translation>kein Konto ändert sich</translation>
    </message>
    <message numerus="yes">
        <source>%n row with an open conflict (resolve it to import it)</source>
        <translation>
            <numerusform>%n Zeile mit offenem Konflikt (lösen, um sie zu importieren)</numerusform>
            <numerusform>%n Zeilen mit offenem Konflikt (lösen, um sie zu importieren)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row unticked or skipped</source>
        <translation>
            <numerusform>%n Zeile abgewählt oder übersprungen</numerusform>
            <numerusform>%n Zeilen abgewählt oder übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid row</source>
        <translation>
            <numerusform>%n ungültige Zeile</numerusform>
            <numerusform>%n ungültige Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row of the file will be left out:</source>
        <translation>
            <numerusform>%n Zeile der Datei wird nicht importiert:</numerusform>
            <numerusform>%n Zeilen der Datei werden nicht importiert:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResetDialog</name>
    <message>
        <source>%1 exists already. Replace it?</source>
        <translation>%1 gibt es schon. Ersetzen?</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Datei ersetzen?</translation>
    </message>
    <message>
        <source>Enter the same password twice.</source>
        <translation>Bitte zweimal dasselbe Passwort eingeben.</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>Mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>Save protocol</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <source>Letters:</source>
        <translation>Briefe:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Wiederholen:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <source>Also save login letters (PDF, same password)</source>
        <translation>Auch Zugangsbriefe speichern (PDF, gleiches Passwort)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>New initial passwords</source>
        <translation>Neue Startpasswörter</translation>
    </message>
    <message>
        <location filename="../../app/wizard/resetdialog.py"/>
        <source>initial-passwords-%1.xlsx</source>
        <translation>startpasswoerter-%1.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/wizard/resetdialog.py"/>
        <source>login-letters-%1.pdf</source>
        <translation>zugangsbriefe-%1.pdf</translation>
    </message>
</context>
<context>
    <name>Safekeeping</name>
    <message>
        <source>Not moved</source>
        <translation>Nicht verschoben</translation>
    </message>
    <message>
        <source>A protocol was not saved in its place</source>
        <translation>Ein Protokoll wurde nicht an seinem Platz gespeichert</translation>
    </message>
    <message>
        <source>Move it into place now?</source>
        <translation>Jetzt an seinen Platz verschieben?</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Weiterarbeiten</translation>
    </message>
    <message>
        <source>Cancel the import, then close</source>
        <translation>Import abbrechen, dann schließen</translation>
    </message>
    <message>
        <source>Wait, then close</source>
        <translation>Warten, dann schließen</translation>
    </message>
    <message>
        <source>An import is running. Wait until it is done, or cancel it (nothing is changed)?</source>
        <translation>Ein Import läuft. Warten, bis er fertig ist, oder ihn abbrechen (dann wird nichts geändert)?</translation>
    </message>
    <message>
        <source>An import is running</source>
        <translation>Ein Import läuft</translation>
    </message>
</context>
<context>
    <name>LdapDialog</name>
    <message>
        <source>LDAP server</source>
        <translation>LDAP-Server</translation>
    </message>
    <message>
        <source>unchanged (kept in the system keyring)</source>
        <translation>unverändert (im Schlüsselbund des Systems)</translation>
    </message>
    <message>
        <source>Encrypt with StartTLS</source>
        <translation>Mit StartTLS verschlüsseln</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Only entries this program created are changed or deleted on the server; passwords travel as their Argon2 hash only.</source>
        <translation>Auf dem Server werden nur Einträge geändert oder gelöscht, die dieses Programm angelegt hat; Passwörter werden nur als Argon2-Hash übertragen.</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>Server-URL:</translation>
    </message>
    <message>
        <source>Base DN:</source>
        <translation>Basis-DN:</translation>
    </message>
    <message>
        <source>Bind DN:</source>
        <translation>Bind-DN:</translation>
    </message>
    <message>
        <source>Bind password:</source>
        <translation>Bind-Passwort:</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA-Zertifikat:</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Zertifikate (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Connection works: signed in as %1.</source>
        <translation>Die Verbindung funktioniert: angemeldet als %1.</translation>
    </message>
    <message>
        <source>There is no system keyring to keep the password.</source>
        <translation>Es gibt keinen Schlüsselbund des Systems, der das Passwort aufbewahren kann.</translation>
    </message>
    <message>
        <source>Linux sign-in (posixAccount)</source>
        <translation>Linux-Anmeldung (posixAccount)</translation>
    </message>
    <message>
        <source>For signing in on Linux PCs (sssd, nslcd): each account keeps its uidNumber for good, and no number is ever given to another person.</source>
        <translation>Für die Anmeldung an Linux-Rechnern (sssd, nslcd): Jedes Konto behält seine uidNumber für immer, und keine Nummer wird je an eine andere Person vergeben.</translation>
    </message>
    <message>
        <source>First uidNumber:</source>
        <translation>Erste uidNumber:</translation>
    </message>
    <message>
        <source>gidNumber:</source>
        <translation>gidNumber:</translation>
    </message>
    <message>
        <source>Home directory:</source>
        <translation>Home-Verzeichnis:</translation>
    </message>
    <message>
        <source>Login shell:</source>
        <translation>Login-Shell:</translation>
    </message>
</context>
<context>
    <name>LdapSyncPanel</name>
    <message>
        <source>Sync now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <source>Bring the LDAP server in step with the directory</source>
        <translation>Den LDAP-Server mit der Benutzerverwaltung abgleichen</translation>
    </message>
    <message>
        <source>No LDAP server is set up (Extras → LDAP server…).</source>
        <translation>Es ist kein LDAP-Server eingerichtet (Extras → LDAP-Server…).</translation>
    </message>
    <message>
        <source>Not yet synced with the LDAP server.</source>
        <translation>Noch nicht mit dem LDAP-Server abgeglichen.</translation>
    </message>
    <message>
        <source>Last LDAP sync: %1.</source>
        <translation>Letzter LDAP-Abgleich: %1.</translation>
    </message>
    <message>
        <source>Syncing with the LDAP server…</source>
        <translation>Abgleich mit dem LDAP-Server läuft…</translation>
    </message>
    <message>
        <source>Syncing with the LDAP server… %1 of %2</source>
        <translation>Abgleich mit dem LDAP-Server läuft… %1 von %2</translation>
    </message>
    <message>
        <source>LDAP sync: users added %1, changed %2, locked %3, unlocked %4, deleted %5; groups added %6, changed %7, deleted %8; unchanged %9; errors %10.</source>
        <translation>LDAP-Abgleich: Benutzer angelegt %1, geändert %2, gesperrt %3, entsperrt %4, gelöscht %5; Gruppen angelegt %6, geändert %7, gelöscht %8; unverändert %9; Fehler %10.</translation>
    </message>
    <message>
        <source>LDAP sync failed: %1</source>
        <translation>LDAP-Abgleich gescheitert: %1</translation>
    </message>
</context>
</TS>
