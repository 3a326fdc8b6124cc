<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Column %1</source>
        <translation>Column %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Several columns have the same header (%1): check which one is imported.</source>
        <translation>Several columns have the same header (%1): check which one is imported.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>— none: the first row holds the headers —</source>
        <translation>— none: the first row holds the headers —</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>linuxmuster students.csv (class;last name;first name;birth date;ID)</source>
        <translation>linuxmuster students.csv (class;last name;first name;birth date;ID)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>linuxmuster teachers.csv (type;last name;first name;birth date;login)</source>
        <translation>linuxmuster teachers.csv (type;last name;first name;birth date;login)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Derive the source ID from:</source>
        <translation>Derive the source ID from:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Known layout:</source>
        <translation>Known layout:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>The file has no header row; its columns were read as the known layout.</source>
        <translation>The file has no header row; its columns were read as the known layout.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>Also</source>
        <translation>Also</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="1"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="26"/>
        <source>Columns</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="29"/>
        <source>Choose the field each column of the file feeds. Fields marked * are required; columns left as “not imported” are ignored.</source>
        <translation>Choose the field each column of the file feeds. Fields marked * are required; columns left as “not imported” are ignored.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="56"/>
        <source>The mapping of your last import of this layout is filled in.</source>
        <translation>The mapping of your last import of this layout is filled in.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="58"/>
        <source>The columns were recognised by their headers; please check.</source>
        <translation>The columns were recognised by their headers; please check.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="69"/>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="69"/>
        <source>Sample</source>
        <translation>Sample</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="69"/>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="88"/>
        <source>— not imported —</source>
        <translation>— not imported —</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="120"/>
        <source>Still missing: %1</source>
        <translation>Still missing: %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/columns.py" line="123"/>
        <source>All required fields are mapped.</source>
        <translation>All required fields are mapped.</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="19"/>
        <source>Selected row</source>
        <translation>Selected row</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="47"/>
        <source>Select a row to see its details.</source>
        <translation>Select a row to see its details.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="49"/>
        <source>No conflict in this row.</source>
        <translation>No conflict in this row.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="52"/>
        <source>Conflict:</source>
        <translation>Conflict:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="65"/>
        <source>Not resolved yet: the row will not be imported until you choose.</source>
        <translation>Not resolved yet: the row will not be imported until you choose.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/conflictpanel.py" line="69"/>
        <source>Chosen: %1</source>
        <translation>Chosen: %1</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="52"/>
        <source>Database connection</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="53"/>
        <source>This computer (SQLite file)</source>
        <translation>This computer (SQLite file)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="54"/>
        <source>Shared PostgreSQL server</source>
        <translation>Shared PostgreSQL server</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="68"/>
        <source>stored in the system keyring</source>
        <translation>stored in the system keyring</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="69"/>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="78"/>
        <source>A new connection applies when the program starts the next time.</source>
        <translation>A new connection applies when the program starts the next time.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="82"/>
        <source>File:</source>
        <translation>File:</translation>
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
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="87"/>
        <source>User:</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="88"/>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="161"/>
        <source>The connection failed: %1</source>
        <translation>The connection failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="165"/>
        <source>The connection works.</source>
        <translation>The connection works.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/connectiondialog.py" line="176"/>
        <source>The password cannot be stored in the system keyring: %1</source>
        <translation>The password cannot be stored in the system keyring: %1</translation>
    </message>
</context>
<context>
    <name>CreateGroupDialog</name>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="35"/>
        <source>Create group</source>
        <translation>Create group</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="38"/>
        <source>The group gets the name the file uses.</source>
        <translation>The group gets the name the file uses.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="43"/>
        <source>Only in the school year %1</source>
        <translation>Only in the school year %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="44"/>
        <source>Permanent (every school year)</source>
        <translation>Permanent (every school year)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="50"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="51"/>
        <source>Type:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupdialog.py" line="52"/>
        <source>Valid:</source>
        <translation>Valid:</translation>
    </message>
</context>
<context>
    <name>FirstYearDialog</name>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="42"/>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="46"/>
        <source>Every import refers to a school year. Please enter the current school year; more can be added later.</source>
        <translation>Every import refers to a school year. Please enter the current school year; more can be added later.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="61"/>
        <source>School year:</source>
        <translation>School year:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="62"/>
        <source>First day:</source>
        <translation>First day:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/firstyear.py" line="63"/>
        <source>Last day:</source>
        <translation>Last day:</translation>
    </message>
</context>
<context>
    <name>GroupExportDialog</name>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="279"/>
        <source>Export groups to CSV</source>
        <translation>Export groups to CSV</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="281"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="296"/>
        <source>File:</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="297"/>
        <source>Encoding:</source>
        <translation>Encoding:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="306"/>
        <source>Export groups</source>
        <translation>Export groups</translation>
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
        <translation>Import groups from CSV</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="157"/>
        <source>Choose file…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="161"/>
        <source>detect</source>
        <translation>detect</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="164"/>
        <source>Delete members before importing</source>
        <translation>Delete members before importing</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="166"/>
        <source>The groups named in the file are emptied first; groups are never deleted.</source>
        <translation>The groups named in the file are emptied first; groups are never deleted.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="169"/>
        <source>New groups only in the school year %1</source>
        <translation>New groups only in the school year %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="180"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="191"/>
        <source>File:</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="192"/>
        <source>Encoding:</source>
        <translation>Encoding:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="207"/>
        <source>Choose a group file</source>
        <translation>Choose a group file</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="207"/>
        <source>CSV (*.csv *.txt);;All files (*)</source>
        <translation>CSV (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="246"/>
        <source>Preview: %1.</source>
        <translation>Preview: %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/wizard/groupcsvdialog.py" line="248"/>
        <source>%n rows have errors and are left out.</source>
        <translation>
            <numerusform>%n row has an error and is left out.</numerusform>
            <numerusform>%n rows have errors and are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups added</source>
        <translation>
            <numerusform>%n group added</numerusform>
            <numerusform>%n groups added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups updated</source>
        <translation>
            <numerusform>%n group updated</numerusform>
            <numerusform>%n groups updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n members added</source>
        <translation>
            <numerusform>%n member added</numerusform>
            <numerusform>%n members added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n members updated</source>
        <translation>
            <numerusform>%n member updated</numerusform>
            <numerusform>%n members updated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupPlanTableModel</name>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="93"/>
        <source>add</source>
        <translation>add</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="93"/>
        <source>update</source>
        <translation>update</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="94"/>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="119"/>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="129"/>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="130"/>
        <source>Group ID</source>
        <translation>Group ID</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="131"/>
        <source>Group name</source>
        <translation>Group name</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="132"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="133"/>
        <source>Members added</source>
        <translation>Members added</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="134"/>
        <source>Members changed</source>
        <translation>Members changed</translation>
    </message>
    <message>
        <location filename="../../app/wizard/groupcsvdialog.py" line="135"/>
        <source>Changes / problem</source>
        <translation>Changes / problem</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="39"/>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="41"/>
        <source>Each group of the file is matched to a group of the school year.</source>
        <translation>Each group of the file is matched to a group of the school year.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="58"/>
        <source>Ignore unassigned groups (their memberships are left out of this import)</source>
        <translation>Ignore unassigned groups (their memberships are left out of this import)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="102"/>
        <source>Group in the file</source>
        <translation>Group in the file</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="102"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="102"/>
        <source>Use group</source>
        <translation>Use group</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="110"/>
        <location filename="../../app/wizard/pages/groups.py" line="187"/>
        <source>Create…</source>
        <translation>Create…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="123"/>
        <source>(as named in the file)</source>
        <translation>(as named in the file)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="125"/>
        <source>(permanent)</source>
        <translation>(permanent)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="187"/>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="195"/>
        <source>mapped by hand</source>
        <translation>mapped by hand</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="196"/>
        <source>exists</source>
        <translation>exists</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="199"/>
        <source>permanent</source>
        <translation>permanent</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="201"/>
        <source>will be created (%1, %2)</source>
        <translation>will be created (%1, %2)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="205"/>
        <source>ignored</source>
        <translation>ignored</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="205"/>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/groups.py" line="218"/>
        <source>The file names no groups.</source>
        <translation>The file names no groups.</translation>
    </message>
    <message>
        <source>Create all missing groups</source>
        <translation>Create all missing groups</translation>
    </message>
    <message>
        <source>Plans every missing group with the type its name suggests (5a, 10b, Q1, EF: class; “Fachschaft …”, “AG …”: team); each can be changed afterwards.</source>
        <translation>Plans every missing group with the type its name suggests (5a, 10b, Q1, EF: class; “Fachschaft …”, “AG …”: team); each can be changed afterwards.</translation>
    </message>
    <message>
        <source>Which type do these groups get?
%1</source>
        <translation>Which type do these groups get?
%1</translation>
    </message>
    <message numerus="yes">
        <source>%n groups in the file:</source>
        <translation>
            <numerusform>%n group in the file:</numerusform>
            <numerusform>%n groups in the file:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be created</source>
        <translation>
            <numerusform>%n will be created</numerusform>
            <numerusform>%n will be created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing</source>
        <translation>
            <numerusform>%n missing</numerusform>
            <numerusform>%n missing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ignored</source>
        <translation>
            <numerusform>%n ignored</numerusform>
            <numerusform>%n ignored</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupsTableModel</name>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="204"/>
        <source>permanent</source>
        <translation>permanent</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="216"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="216"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="216"/>
        <source>Valid in</source>
        <translation>Valid in</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="216"/>
        <source>Members</source>
        <translation>Members</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../app/wizard/historytab.py" line="52"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="54"/>
        <source>Download succeeded rows…</source>
        <translation>Download succeeded rows…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="56"/>
        <source>Download failed rows…</source>
        <translation>Download failed rows…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="58"/>
        <source>Undo this import…</source>
        <translation>Undo this import…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="61"/>
        <source>Cancel running import</source>
        <translation>Cancel running import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="131"/>
        <source>succeeded</source>
        <translation>succeeded</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="131"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="134"/>
        <source>Download succeeded rows</source>
        <translation>Download succeeded rows</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="134"/>
        <source>Download failed rows</source>
        <translation>Download failed rows</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="136"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="150"/>
        <location filename="../../app/wizard/historytab.py" line="155"/>
        <source>Download not possible</source>
        <translation>Download not possible</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/wizard/historytab.py" line="157"/>
        <source>%n rows written to %1</source>
        <translation>
            <numerusform>%n row written to %1</numerusform>
            <numerusform>%n rows written to %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/wizard/historytab.py" line="158"/>
        <source>Download</source>
        <translation>Download</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/wizard/wizard.py" line="55"/>
        <source>Import users</source>
        <translation>Import users</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <location filename="../../app/wizard/logdialog.py" line="37"/>
        <source>Log file</source>
        <translation>Log file</translation>
    </message>
    <message>
        <location filename="../../app/wizard/logdialog.py" line="38"/>
        <source>File: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/logdialog.py" line="47"/>
        <source>Nothing has been logged yet.</source>
        <translation>Nothing has been logged yet.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 password(s) reset. Saved (encrypted): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New initial passwords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select users, or choose a class in the group filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New initial passwords for the active members of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New initial passwords for %1 selected user(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New initial passwords…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="66"/>
        <source>User management</source>
        <translation>User management</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="109"/>
        <source>&amp;Import…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="114"/>
        <source>&amp;Export users…</source>
        <translation>&amp;Export users…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="133"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="136"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="135"/>
        <source>&amp;About schoolimport</source>
        <translation>&amp;About schoolimport</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="116"/>
        <source>&amp;Restore user</source>
        <translation>&amp;Restore user</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="118"/>
        <source>&amp;Purge due accounts…</source>
        <translation>&amp;Purge due accounts…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="121"/>
        <source>Import &amp;groups from CSV…</source>
        <translation>Import &amp;groups from CSV…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="125"/>
        <source>E&amp;xport groups to CSV…</source>
        <translation>E&amp;xport groups to CSV…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="127"/>
        <source>&amp;Operators…</source>
        <translation>&amp;Operators…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="130"/>
        <source>&amp;Database connection…</source>
        <translation>&amp;Database connection…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="134"/>
        <source>Show &amp;log file</source>
        <translation>Show &amp;log file</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="140"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="146"/>
        <source>&amp;Users</source>
        <translation>&amp;Users</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="148"/>
        <source>&amp;Extras</source>
        <translation>&amp;Extras</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="150"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="151"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="158"/>
        <source>School year:</source>
        <translation>School year:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="162"/>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="163"/>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="164"/>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="172"/>
        <source>Signed in as %1 (%2)</source>
        <translation>Signed in as %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="198"/>
        <source>%1 (current)</source>
        <translation>%1 (current)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="227"/>
        <source>Import not possible</source>
        <translation>Import not possible</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="243"/>
        <source>Export users</source>
        <translation>Export users</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="245"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="255"/>
        <source>Select users who are marked for deletion or deactivated.</source>
        <translation>Select users who are marked for deletion or deactivated.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="256"/>
        <location filename="../../app/wizard/mainwindow.py" line="263"/>
        <source>Restore user</source>
        <translation>Restore user</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="266"/>
        <source>Active again: %1</source>
        <translation>Active again: %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="275"/>
        <location filename="../../app/wizard/mainwindow.py" line="281"/>
        <location filename="../../app/wizard/mainwindow.py" line="287"/>
        <location filename="../../app/wizard/mainwindow.py" line="291"/>
        <source>Purge due accounts</source>
        <translation>Purge due accounts</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="275"/>
        <source>No account is due for purging.</source>
        <translation>No account is due for purging.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/wizard/mainwindow.py" line="278"/>
        <source>%n deactivated accounts have reached the end of their deletion period and will be deleted for good. Their logins are never given again. Continue?</source>
        <translation>
            <numerusform>%n deactivated account has reached the end of its deletion period and will be deleted for good. Its login is never given again. Continue?</numerusform>
            <numerusform>%n deactivated accounts have reached the end of their deletion period and will be deleted for good. Their logins are never given again. Continue?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/wizard/mainwindow.py" line="290"/>
        <source>%n accounts deleted.</source>
        <translation>
            <numerusform>%n account deleted.</numerusform>
            <numerusform>%n accounts deleted.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="333"/>
        <source>About schoolimport</source>
        <translation>About schoolimport</translation>
    </message>
    <message>
        <location filename="../../app/wizard/mainwindow.py" line="335"/>
        <source>schoolimport %1

Imports the school office&apos;s tables into the user directory.</source>
        <translation>schoolimport %1

Imports the school office&apos;s tables into the user directory.</translation>
    </message>
    <message>
        <source>&amp;LDAP server…</source>
        <translation>&amp;LDAP server…</translation>
    </message>
</context>
<context>
    <name>OperatorEditDialog</name>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="110"/>
        <source>Add operator</source>
        <translation>Add operator</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="111"/>
        <source>Set password</source>
        <translation>Set password</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="112"/>
        <source>Set schools</source>
        <translation>Set schools</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="145"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="147"/>
        <source>Role:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="148"/>
        <source>May import:</source>
        <translation>May import:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="150"/>
        <source>Schools:</source>
        <translation>Schools:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="152"/>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="153"/>
        <source>Repeat:</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="172"/>
        <source>The password needs at least %1 characters.</source>
        <translation>The password needs at least %1 characters.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="175"/>
        <source>Enter the same password twice.</source>
        <translation>Enter the same password twice.</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="209"/>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="215"/>
        <source>Add operator…</source>
        <translation>Add operator…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="217"/>
        <source>Set password…</source>
        <translation>Set password…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="219"/>
        <source>Set schools…</source>
        <translation>Set schools…</translation>
    </message>
</context>
<context>
    <name>OperatorsTableModel</name>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="70"/>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="76"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="76"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="86"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="87"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="88"/>
        <source>May import</source>
        <translation>May import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="89"/>
        <source>Schools</source>
        <translation>Schools</translation>
    </message>
    <message>
        <location filename="../../app/wizard/operatorsdialog.py" line="90"/>
        <source>Password set</source>
        <translation>Password set</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="25"/>
        <source>Account type and options</source>
        <translation>Account type and options</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="26"/>
        <source>Every row of this file becomes an account of one type.</source>
        <translation>Every row of this file becomes an account of one type.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="29"/>
        <source>Account type</source>
        <translation>Account type</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="39"/>
        <source>Match users by their source ID</source>
        <translation>Match users by their source ID</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="41"/>
        <source>Off: every row becomes a new account; an existing source ID is a conflict.</source>
        <translation>Off: every row becomes a new account; an existing source ID is a conflict.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="44"/>
        <source>Detect expired accounts</source>
        <translation>Detect expired accounts</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="47"/>
        <source>Active accounts of this type that are missing from the file are released for deletion (restorable until they are purged).</source>
        <translation>Active accounts of this type that are missing from the file are released for deletion (restorable until they are purged).</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="52"/>
        <source>Generate passwords for new accounts</source>
        <translation>Generate passwords for new accounts</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="55"/>
        <source>Generate a data-safe password for new accounts</source>
        <translation>Generate a data-safe password for new accounts</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/options.py" line="57"/>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>A second password of each new account, for its personal protected storage (the data safe). It is kept apart from the login password, so a shared or reset login password does not open the stored files; it is printed in the protocol and the letters beside the initial password.</source>
        <translation>A second password of each new account, for its personal protected storage (the data safe). It is kept apart from the login password, so a shared or reset login password does not open the stored files; it is printed in the protocol and the letters beside the initial password.</translation>
    </message>
</context>
<context>
    <name>PlanTableModel</name>
    <message>
        <location filename="../../app/wizard/planmodel.py" line="147"/>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../app/wizard/planmodel.py" line="148"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/wizard/planmodel.py" line="154"/>
        <source>Changes</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../app/wizard/planmodel.py" line="155"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="1"/>
        <source>%1 rows of another account type are left out.</source>
        <translation>%1 rows of another account type are left out.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="43"/>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="45"/>
        <source>What the import will do with each row. Untick rows to leave them out.</source>
        <translation>What the import will do with each row. Untick rows to leave them out.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="47"/>
        <source>Continue to the protocol</source>
        <translation>Continue to the protocol</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="68"/>
        <source>Search name, ID, login, group</source>
        <translation>Search name, ID, login, group</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="198"/>
        <source>The import would release %1 of %2 active accounts for deletion. Is the file complete? A truncated export must not empty the school.</source>
        <translation>The import would release %1 of %2 active accounts for deletion. Is the file complete? A truncated export must not empty the school.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/preview.py" line="203"/>
        <source>Release many accounts?</source>
        <translation>Release many accounts?</translation>
    </message>
    <message>
        <source>Show rows:</source>
        <translation>Show rows:</translation>
    </message>
    <message numerus="yes">
        <source>Continue, leaving out %n rows</source>
        <translation>
            <numerusform>Continue, leaving out %n row</numerusform>
            <numerusform>Continue, leaving out %n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>left out</source>
        <translation>left out</translation>
    </message>
    <message>
        <source>open conflict</source>
        <translation>open conflict</translation>
    </message>
    <message>
        <source>The import: %1</source>
        <translation>The import: %1</translation>
    </message>
    <message>
        <source>Cancel the import?</source>
        <translation>Cancel the import?</translation>
    </message>
    <message>
        <source>The conflicts you resolved and the rows you unticked in the preview are lost when the wizard closes. Nothing has been imported yet.</source>
        <translation>The conflicts you resolved and the rows you unticked in the preview are lost when the wizard closes. Nothing has been imported yet.</translation>
    </message>
</context>
<context>
    <name>ProtocolPage</name>
    <message>
        <source>The initial passwords of %1 new account(s) will be lost: no protocol keeps them. They can only be reset later, which makes a new protocol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import creates no passwords: the protocol is optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import without a protocol: I accept that the new passwords will be lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protocol lists every row and the initial passwords of the new accounts. It is saved encrypted with a password of your choice, before the import is committed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="41"/>
        <source>Protocol</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="44"/>
        <source>The protocol lists every row and the initial passwords of the new accounts. It is saved encrypted with a password of your choice.</source>
        <translation>The protocol lists every row and the initial passwords of the new accounts. It is saved encrypted with a password of your choice.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="49"/>
        <source>Excel workbook (XLSX, encrypted)</source>
        <translation>Excel workbook (XLSX, encrypted)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="50"/>
        <source>CSV in an AES-256 zip</source>
        <translation>CSV in an AES-256 zip</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="57"/>
        <location filename="../../app/wizard/pages/protocol.py" line="77"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="69"/>
        <location filename="../../app/wizard/pages/protocol.py" line="166"/>
        <source>Save protocol</source>
        <translation>Save protocol</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="74"/>
        <source>Also save login letters (PDF, same password)</source>
        <translation>Also save login letters (PDF, same password)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="81"/>
        <source>I accept that the new passwords will be lost</source>
        <translation>I accept that the new passwords will be lost</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="100"/>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="101"/>
        <source>File:</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="102"/>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="103"/>
        <source>Repeat:</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="104"/>
        <source>Strength:</source>
        <translation>Strength:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="106"/>
        <source>Letters:</source>
        <translation>Letters:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="120"/>
        <source>login-letters-%1.pdf</source>
        <translation>login-letters-%1.pdf</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="128"/>
        <source>Save login letters</source>
        <translation>Save login letters</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="128"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="163"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="163"/>
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="176"/>
        <source>No new accounts were created: no passwords to keep.</source>
        <translation>No new accounts were created: no passwords to keep.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="190"/>
        <source>The passwords match.</source>
        <translation>The passwords match.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="197"/>
        <source>At least %1 characters.</source>
        <translation>At least %1 characters.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="199"/>
        <source>Enter the same password twice.</source>
        <translation>Enter the same password twice.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="218"/>
        <source>Saved to %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="220"/>
        <source>Login letters saved to %1</source>
        <translation>Login letters saved to %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="235"/>
        <source>Lose the new passwords?</source>
        <translation>Lose the new passwords?</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py" line="237"/>
        <source>Without the protocol the initial passwords of the new accounts are lost. They can only be reset later, which makes a new protocol.</source>
        <translation>Without the protocol the initial passwords of the new accounts are lost. They can only be reset later, which makes a new protocol.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/protocol.py"/>
        <source>protocol-%1.xlsx</source>
        <translation>protocol-%1.xlsx</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>%1 new password(s) are in no protocol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved (encrypted): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="28"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="29"/>
        <source>The import runs as one transaction: all or nothing.</source>
        <translation>The import runs as one transaction: all or nothing.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="37"/>
        <source>Cancel import</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="63"/>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="80"/>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="89"/>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="96"/>
        <source>The import is complete.</source>
        <translation>The import is complete.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="103"/>
        <source>The import was not carried out; nothing was changed.</source>
        <translation>The import was not carried out; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/run.py" line="107"/>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>The import was cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>Continue to the protocol</source>
        <translation>Continue to the protocol</translation>
    </message>
</context>
<context>
    <name>RunsTableModel</name>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="121"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="122"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="123"/>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="124"/>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="125"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="126"/>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="127"/>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="128"/>
        <source>Released</source>
        <translation>Released</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="129"/>
        <source>Invalid</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="130"/>
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../app/wizard/historymodel.py" line="131"/>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Reactivated</source>
        <translation>Reactivated</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="44"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="46"/>
        <source>As the system</source>
        <translation>As the system</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="51"/>
        <source>A new language applies when the program starts the next time.</source>
        <translation>A new language applies when the program starts the next time.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="63"/>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="68"/>
        <source>Name of the school:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="78"/>
        <source>Grace periods of accounts released for deletion</source>
        <translation>Grace periods of accounts released for deletion</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="80"/>
        <source>Deactivated after (days)</source>
        <translation>Deactivated after (days)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="81"/>
        <source>Purgeable after a further (days)</source>
        <translation>Purgeable after a further (days)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/settingsdialog.py" line="95"/>
        <source>Changed periods apply to accounts released from now on.</source>
        <translation>Changed periods apply to accounts released from now on.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/wizard/signin.py" line="28"/>
        <location filename="../../app/wizard/signin.py" line="39"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../app/wizard/signin.py" line="29"/>
        <source>Please sign in with your operator name and password.</source>
        <translation>Please sign in with your operator name and password.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/signin.py" line="43"/>
        <source>Operator:</source>
        <translation>Operator:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/signin.py" line="44"/>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="47"/>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="48"/>
        <source>Choose the file the school office exported, or drop it here.</source>
        <translation>Choose the file the school office exported, or drop it here.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="54"/>
        <source>CSV, XLSX, XLS or ODS file</source>
        <translation>CSV, XLSX, XLS or ODS file</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="55"/>
        <source>Choose file…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="58"/>
        <source>Download template…</source>
        <translation>Download template…</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="73"/>
        <source>The first row holds the column headers</source>
        <translation>The first row holds the column headers</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="92"/>
        <location filename="../../app/wizard/pages/table.py" line="96"/>
        <source>detect</source>
        <translation>detect</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="96"/>
        <source>tab</source>
        <translation>tab</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="105"/>
        <source>Encoding:</source>
        <translation>Encoding:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="107"/>
        <source>Delimiter:</source>
        <translation>Delimiter:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="109"/>
        <source>Sheet:</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="127"/>
        <source>Choose a table</source>
        <translation>Choose a table</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="129"/>
        <source>Tables (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)</source>
        <translation>Tables (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="157"/>
        <source>import-template-%1.xlsx</source>
        <translation>import-template-%1.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="160"/>
        <source>Save the import template</source>
        <translation>Save the import template</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="162"/>
        <source>Excel workbook (*.xlsx);;OpenDocument spreadsheet (*.ods)</source>
        <translation>Excel workbook (*.xlsx);;OpenDocument spreadsheet (*.ods)</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="176"/>
        <source>Template saved to %1</source>
        <translation>Template saved to %1</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="184"/>
        <source>This file was made from template version %1; the current template is version %2. Please download the new template and copy the data into it.</source>
        <translation>This file was made from template version %1; the current template is version %2. Please download the new template and copy the data into it.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/table.py" line="227"/>
        <source>read as %1, delimiter %2</source>
        <translation>read as %1, delimiter %2</translation>
    </message>
    <message numerus="yes">
        <source>%n data rows</source>
        <translation>
            <numerusform>%n data row</numerusform>
            <numerusform>%n data rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n columns</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../app/wizard/texts.py" line="1"/>
        <source>other account type</source>
        <translation>other account type</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="1"/>
        <source>Account type</source>
        <translation>Account type</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="33"/>
        <source>create</source>
        <translation>create</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="34"/>
        <source>update</source>
        <translation>update</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="35"/>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="36"/>
        <source>expire</source>
        <translation>expire</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="37"/>
        <source>reactivate</source>
        <translation>reactivate</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="38"/>
        <source>conflict</source>
        <translation>conflict</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="39"/>
        <source>invalid</source>
        <translation>invalid</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="46"/>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="47"/>
        <source>Keep this row</source>
        <translation>Keep this row</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="48"/>
        <source>Use a generated login</source>
        <translation>Use a generated login</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="49"/>
        <source>Link to existing user</source>
        <translation>Link to existing user</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="50"/>
        <source>Create new account</source>
        <translation>Create new account</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="51"/>
        <source>Update existing user</source>
        <translation>Update existing user</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="58"/>
        <source>Source ID</source>
        <translation>Source ID</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="59"/>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="60"/>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="61"/>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="62"/>
        <source>Birth date</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="63"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="64"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="65"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="72"/>
        <source>Student</source>
        <translation>Student</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="73"/>
        <source>Teacher</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="74"/>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="81"/>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="82"/>
        <source>marked for deletion</source>
        <translation>marked for deletion</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="83"/>
        <source>deactivated</source>
        <translation>deactivated</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="84"/>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="91"/>
        <source>class</source>
        <translation>class</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="92"/>
        <source>course</source>
        <translation>course</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="93"/>
        <source>team</source>
        <translation>team</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="94"/>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="95"/>
        <source>system</source>
        <translation>system</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="102"/>
        <source>Generating passwords</source>
        <translation>Generating passwords</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="103"/>
        <source>Checking the database</source>
        <translation>Checking the database</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="104"/>
        <source>Writing users</source>
        <translation>Writing users</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="105"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="185"/>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="186"/>
        <source>completed</source>
        <translation>completed</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="187"/>
        <source>completed with errors</source>
        <translation>completed with errors</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="188"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="189"/>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="190"/>
        <source>archived</source>
        <translation>archived</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="191"/>
        <source>undone</source>
        <translation>undone</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="198"/>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="199"/>
        <source>Import operator</source>
        <translation>Import operator</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="206"/>
        <source>users</source>
        <translation>users</translation>
    </message>
    <message>
        <location filename="../../app/wizard/texts.py" line="207"/>
        <source>groups</source>
        <translation>groups</translation>
    </message>
    <message>
        <source>table import</source>
        <translation>table import</translation>
    </message>
    <message>
        <source>created by hand</source>
        <translation>created by hand</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>synced</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>not yet on the server</source>
        <translation>not yet on the server</translation>
    </message>
</context>
<context>
    <name>UndoDialog</name>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="46"/>
        <location filename="../../app/wizard/undodialog.py" line="57"/>
        <source>Undo import</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="75"/>
        <source>This import cannot be undone.</source>
        <translation>This import cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="82"/>
        <source>Undoing the import of %1 does the following, in one step:</source>
        <translation>Undoing the import of %1 does the following, in one step:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="85"/>
        <source>The import of %1 cannot be undone: these records were changed after it. An undo never overwrites later work.</source>
        <translation>The import of %1 cannot be undone: these records were changed after it. An undo never overwrites later work.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="113"/>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="126"/>
        <source>The import changed nothing that needs undoing.</source>
        <translation>The import changed nothing that needs undoing.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="130"/>
        <source>user %1 was changed after the import</source>
        <translation>user %1 was changed after the import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="131"/>
        <source>user %1 was deleted after the import</source>
        <translation>user %1 was deleted after the import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="133"/>
        <source>%1 was removed from the group %2 after the import</source>
        <translation>%1 was removed from the group %2 after the import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="136"/>
        <source>%1 was added to the group %2 again after the import</source>
        <translation>%1 was added to the group %2 again after the import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="138"/>
        <source>%1 was added to the group %2 after the import</source>
        <translation>%1 was added to the group %2 after the import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="139"/>
        <source>the group %2 was changed after the import</source>
        <translation>the group %2 was changed after the import</translation>
    </message>
    <message>
        <location filename="../../app/wizard/undodialog.py" line="140"/>
        <source>the group %2 was deleted after the import</source>
        <translation>the group %2 was deleted after the import</translation>
    </message>
    <message numerus="yes">
        <source>%n accounts are deleted:</source>
        <translation>
            <numerusform>%n account is deleted:</numerusform>
            <numerusform>%n accounts are deleted:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n users are changed back:</source>
        <translation>
            <numerusform>%n user is changed back:</numerusform>
            <numerusform>%n users are changed back:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n releases for deletion are lifted:</source>
        <translation>
            <numerusform>%n release for deletion is lifted:</numerusform>
            <numerusform>%n releases for deletion are lifted:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n memberships are removed:</source>
        <translation>
            <numerusform>%n membership is removed:</numerusform>
            <numerusform>%n memberships are removed:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n memberships are restored:</source>
        <translation>
            <numerusform>%n membership is restored:</numerusform>
            <numerusform>%n memberships are restored:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups are deleted if empty:</source>
        <translation>
            <numerusform>%n group is deleted if empty:</numerusform>
            <numerusform>%n groups are deleted if empty:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accounts deleted</source>
        <translation>
            <numerusform>%n account deleted</numerusform>
            <numerusform>%n accounts deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n users changed back</source>
        <translation>
            <numerusform>%n user changed back</numerusform>
            <numerusform>%n users changed back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n memberships removed</source>
        <translation>
            <numerusform>%n membership removed</numerusform>
            <numerusform>%n memberships removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n groups deleted</source>
        <translation>
            <numerusform>%n group deleted</numerusform>
            <numerusform>%n groups deleted</numerusform>
        </translation>
    </message>
    <message>
        <source>The import was undone: %1.</source>
        <translation>The import was undone: %1.</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>no changes</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>school</source>
        <translation>school</translation>
    </message>
    <message>
        <source>%1 back to “%2” (now “%3”)</source>
        <translation>%1 back to “%2” (now “%3”)</translation>
    </message>
    <message>
        <source>becomes active again</source>
        <translation>becomes active again</translation>
    </message>
    <message>
        <source>; was marked for deletion since %1</source>
        <translation>; was marked for deletion since %1</translation>
    </message>
    <message>
        <source>; was %1 (marked for deletion since %2)</source>
        <translation>; was %1 (marked for deletion since %2)</translation>
    </message>
    <message>
        <source>is marked for deletion again</source>
        <translation>is marked for deletion again</translation>
    </message>
    <message>
        <source> (as since %1)</source>
        <translation> (as since %1)</translation>
    </message>
    <message>
        <source>; to be deactivated on %1</source>
        <translation>; to be deactivated on %1</translation>
    </message>
    <message>
        <source>status back to “%1” (now “%2”)</source>
        <translation>status back to “%1” (now “%2”)</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../app/wizard/userstab.py" line="28"/>
        <source>Search name, login, source ID, e-mail</source>
        <translation>Search name, login, source ID, e-mail</translation>
    </message>
    <message>
        <location filename="../../app/wizard/userstab.py" line="32"/>
        <source>All account types</source>
        <translation>All account types</translation>
    </message>
    <message>
        <location filename="../../app/wizard/userstab.py" line="36"/>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../app/wizard/userstab.py" line="39"/>
        <source>All groups</source>
        <translation>All groups</translation>
    </message>
    <message>
        <location filename="../../app/wizard/userstab.py" line="81"/>
        <source>%1 of %2 users shown</source>
        <translation>%1 of %2 users shown</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="40"/>
        <source>Account type</source>
        <translation>Account type</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="44"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="56"/>
        <source>Deactivated on</source>
        <translation>Deactivated on</translation>
    </message>
    <message>
        <location filename="../../app/wizard/tablemodels.py" line="60"/>
        <source>Purged on</source>
        <translation>Purged on</translation>
    </message>
    <message>
        <source>will be deactivated on %1</source>
        <translation>will be deactivated on %1</translation>
    </message>
    <message>
        <source>will be purged on %1</source>
        <translation>will be purged on %1</translation>
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
        <translation>School year</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/year.py" line="18"/>
        <source>The groups named in the file are looked up and created in this school year.</source>
        <translation>The groups named in the file are looked up and created in this school year.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/year.py" line="23"/>
        <source>School year:</source>
        <translation>School year:</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/year.py" line="24"/>
        <source>An import always refers to exactly one school year.</source>
        <translation>An import always refers to exactly one school year.</translation>
    </message>
    <message>
        <location filename="../../app/wizard/pages/year.py" line="35"/>
        <source>%1 (current)</source>
        <translation>%1 (current)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/wizard/main.py" line="59"/>
        <source>The database cannot be opened:
%1</source>
        <translation>The database cannot be opened:
%1</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n account will be created</source>
        <translation>
            <numerusform>%n account will be created</numerusform>
            <numerusform>%n accounts will be created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be updated</source>
        <translation>
            <numerusform>%n will be updated</numerusform>
            <numerusform>%n will be updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be reactivated</source>
        <translation>
            <numerusform>%n will be reactivated</numerusform>
            <numerusform>%n will be reactivated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be released for deletion</source>
        <translation>
            <numerusform>%n will be released for deletion</numerusform>
            <numerusform>%n will be released for deletion</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out</source>
        <translation>
            <numerusform>%n left out</numerusform>
            <numerusform>%n left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid</source>
        <translation>
            <numerusform>%n invalid</numerusform>
            <numerusform>%n invalid</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open conflict</source>
        <translation>
            <numerusform>%n open conflict</numerusform>
            <numerusform>%n open conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group will be created</source>
        <translation>
            <numerusform>%n group will be created</numerusform>
            <numerusform>%n groups will be created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account created</source>
        <translation>
            <numerusform>%n account created</numerusform>
            <numerusform>%n accounts created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reactivated</source>
        <translation>
            <numerusform>%n reactivated</numerusform>
            <numerusform>%n reactivated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n released for deletion</source>
        <translation>
            <numerusform>%n released for deletion</numerusform>
            <numerusform>%n released for deletion</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict not resolved</source>
        <translation>
            <numerusform>%n conflict not resolved</numerusform>
            <numerusform>%n conflicts not resolved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group created</source>
        <translation>
            <numerusform>%n group created</numerusform>
            <numerusform>%n groups created</numerusform>
        </translation>
    </message>
    <message>
        <source>no account changes</source>
        <translation>no account changes</translation>
    </message>
    <message numerus="yes">
        <source>%n row with an open conflict (resolve it to import it)</source>
        <translation>
            <numerusform>%n row with an open conflict (resolve it to import it)</numerusform>
            <numerusform>%n rows with an open conflict (resolve them to import them)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row unticked or skipped</source>
        <translation>
            <numerusform>%n row unticked or skipped</numerusform>
            <numerusform>%n rows unticked or skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid row</source>
        <translation>
            <numerusform>%n invalid row</numerusform>
            <numerusform>%n invalid rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row of the file will be left out:</source>
        <translation>
            <numerusform>%n row of the file will be left out:</numerusform>
            <numerusform>%n rows of the file will be left out:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResetDialog</name>
    <message>
        <source>%1 exists already. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the same password twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also save login letters (PDF, same password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New initial passwords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/wizard/resetdialog.py"/>
        <source>initial-passwords-%1.xlsx</source>
        <translation>initial-passwords-%1.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/wizard/resetdialog.py"/>
        <source>login-letters-%1.pdf</source>
        <translation>login-letters-%1.pdf</translation>
    </message>
</context>
<context>
    <name>Safekeeping</name>
    <message>
        <source>Not moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A protocol was not saved in its place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it into place now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the import, then close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait, then close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is running. Wait until it is done, or cancel it (nothing is changed)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LdapDialog</name>
    <message>
        <source>LDAP server</source>
        <translation>LDAP server</translation>
    </message>
    <message>
        <source>unchanged (kept in the system keyring)</source>
        <translation>unchanged (kept in the system keyring)</translation>
    </message>
    <message>
        <source>Encrypt with StartTLS</source>
        <translation>Encrypt with StartTLS</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Only entries this program created are changed or deleted on the server; passwords travel as their Argon2 hash only.</source>
        <translation>Only entries this program created are changed or deleted on the server; passwords travel as their Argon2 hash only.</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>Server URL:</translation>
    </message>
    <message>
        <source>Base DN:</source>
        <translation>Base DN:</translation>
    </message>
    <message>
        <source>Bind DN:</source>
        <translation>Bind DN:</translation>
    </message>
    <message>
        <source>Bind password:</source>
        <translation>Bind password:</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA certificate:</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Certificates (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Connection works: signed in as %1.</source>
        <translation>Connection works: signed in as %1.</translation>
    </message>
    <message>
        <source>There is no system keyring to keep the password.</source>
        <translation>There is no system keyring to keep the password.</translation>
    </message>
    <message>
        <source>Linux sign-in (posixAccount)</source>
        <translation>Linux sign-in (posixAccount)</translation>
    </message>
    <message>
        <source>For signing in on Linux PCs (sssd, nslcd): each account keeps its uidNumber for good, and no number is ever given to another person.</source>
        <translation>For signing in on Linux PCs (sssd, nslcd): each account keeps its uidNumber for good, and no number is ever given to another person.</translation>
    </message>
    <message>
        <source>First uidNumber:</source>
        <translation>First uidNumber:</translation>
    </message>
    <message>
        <source>gidNumber:</source>
        <translation>gidNumber:</translation>
    </message>
    <message>
        <source>Home directory:</source>
        <translation>Home directory:</translation>
    </message>
    <message>
        <source>Login shell:</source>
        <translation>Login shell:</translation>
    </message>
</context>
<context>
    <name>LdapSyncPanel</name>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Bring the LDAP server in step with the directory</source>
        <translation>Bring the LDAP server in step with the directory</translation>
    </message>
    <message>
        <source>No LDAP server is set up (Extras → LDAP server…).</source>
        <translation>No LDAP server is set up (Extras → LDAP server…).</translation>
    </message>
    <message>
        <source>Not yet synced with the LDAP server.</source>
        <translation>Not yet synced with the LDAP server.</translation>
    </message>
    <message>
        <source>Last LDAP sync: %1.</source>
        <translation>Last LDAP sync: %1.</translation>
    </message>
    <message>
        <source>Syncing with the LDAP server…</source>
        <translation>Syncing with the LDAP server…</translation>
    </message>
    <message>
        <source>Syncing with the LDAP server… %1 of %2</source>
        <translation>Syncing with the LDAP server… %1 of %2</translation>
    </message>
    <message>
        <source>LDAP sync: users added %1, changed %2, locked %3, unlocked %4, deleted %5; groups added %6, changed %7, deleted %8; unchanged %9; errors %10.</source>
        <translation>LDAP sync: users added %1, changed %2, locked %3, unlocked %4, deleted %5; groups added %6, changed %7, deleted %8; unchanged %9; errors %10.</translation>
    </message>
    <message>
        <source>LDAP sync failed: %1</source>
        <translation>LDAP sync failed: %1</translation>
    </message>
</context>
</TS>
