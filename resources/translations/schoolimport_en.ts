<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
  <context>
    <name>ColumnsPage</name>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="26" />
      <source>Columns</source>
      <translation>Columns</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="29" />
      <source>Choose the field each column of the file feeds. Fields marked * are required; columns left as “not imported” are ignored.</source>
      <translation>Choose the field each column of the file feeds. Fields marked * are required; columns left as “not imported” are ignored.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="56" />
      <source>The mapping of your last import of this layout is filled in.</source>
      <translation>The mapping of your last import of this layout is filled in.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="58" />
      <source>The columns were recognised by their headers; please check.</source>
      <translation>The columns were recognised by their headers; please check.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="69" />
      <source>Column</source>
      <translation>Column</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="69" />
      <source>Sample</source>
      <translation>Sample</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="69" />
      <source>Field</source>
      <translation>Field</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="88" />
      <source>— not imported —</source>
      <translation>— not imported —</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="120" />
      <source>Still missing: %1</source>
      <translation>Still missing: %1</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/columns.py" line="123" />
      <source>All required fields are mapped.</source>
      <translation>All required fields are mapped.</translation>
    </message>
  </context>
  <context>
    <name>ConflictPanel</name>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="19" />
      <source>Selected row</source>
      <translation>Selected row</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="47" />
      <source>Select a row to see its details.</source>
      <translation>Select a row to see its details.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="49" />
      <source>No conflict in this row.</source>
      <translation>No conflict in this row.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="52" />
      <source>Conflict:</source>
      <translation>Conflict:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="65" />
      <source>Not resolved yet: the row will not be imported until you choose.</source>
      <translation>Not resolved yet: the row will not be imported until you choose.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/conflictpanel.py" line="69" />
      <source>Chosen: %1</source>
      <translation>Chosen: %1</translation>
    </message>
  </context>
  <context>
    <name>CreateGroupDialog</name>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="35" />
      <source>Create group</source>
      <translation>Create group</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="38" />
      <source>The group gets the name the file uses.</source>
      <translation>The group gets the name the file uses.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="43" />
      <source>Only in the school year %1</source>
      <translation>Only in the school year %1</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="44" />
      <source>Permanent (every school year)</source>
      <translation>Permanent (every school year)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="50" />
      <source>Name:</source>
      <translation>Name:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="51" />
      <source>Type:</source>
      <translation>Type:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/groupdialog.py" line="52" />
      <source>Valid:</source>
      <translation>Valid:</translation>
    </message>
  </context>
  <context>
    <name>FirstYearDialog</name>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="42" />
      <source>Welcome</source>
      <translation>Welcome</translation>
    </message>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="46" />
      <source>Every import refers to a school year. Please enter the current school year; more can be added later.</source>
      <translation>Every import refers to a school year. Please enter the current school year; more can be added later.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="61" />
      <source>School year:</source>
      <translation>School year:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="62" />
      <source>First day:</source>
      <translation>First day:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/firstyear.py" line="63" />
      <source>Last day:</source>
      <translation>Last day:</translation>
    </message>
  </context>
  <context>
    <name>GroupsPage</name>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="39" />
      <source>Groups</source>
      <translation>Groups</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="41" />
      <source>Each group of the file is matched to a group of the school year.</source>
      <translation>Each group of the file is matched to a group of the school year.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="58" />
      <source>Ignore unassigned groups (their memberships are left out of this import)</source>
      <translation>Ignore unassigned groups (their memberships are left out of this import)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="102" />
      <source>Group in the file</source>
      <translation>Group in the file</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="102" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="102" />
      <source>Use group</source>
      <translation>Use group</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="110" />
      <location filename="../../app/wizard/pages/groups.py" line="187" />
      <source>Create…</source>
      <translation>Create…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="123" />
      <source>(as named in the file)</source>
      <translation>(as named in the file)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="125" />
      <source>(permanent)</source>
      <translation>(permanent)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="187" />
      <source>Change…</source>
      <translation>Change…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="195" />
      <source>mapped by hand</source>
      <translation>mapped by hand</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="196" />
      <source>exists</source>
      <translation>exists</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="199" />
      <source>permanent</source>
      <translation>permanent</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="201" />
      <source>will be created (%1, %2)</source>
      <translation>will be created (%1, %2)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="205" />
      <source>ignored</source>
      <translation>ignored</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="205" />
      <source>missing</source>
      <translation>missing</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="218" />
      <source>The file names no groups.</source>
      <translation>The file names no groups.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="219" />
      <source>%1 groups in the file: %2 found, %3 to be created, %4 missing.</source>
      <translation>%1 groups in the file: %2 found, %3 to be created, %4 missing.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/groups.py" line="225" />
      <source>%1 ignored.</source>
      <translation>%1 ignored.</translation>
    </message>
  </context>
  <context>
    <name>GroupsTableModel</name>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="191" />
      <source>permanent</source>
      <translation>permanent</translation>
    </message>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="203" />
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="203" />
      <source>Type</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="203" />
      <source>Valid in</source>
      <translation>Valid in</translation>
    </message>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="203" />
      <source>Members</source>
      <translation>Members</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <location filename="../../app/wizard/wizard.py" line="51" />
      <source>Import users</source>
      <translation>Import users</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="60" />
      <source>User management</source>
      <translation>User management</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="70" />
      <source>Search name, login, source ID, e-mail</source>
      <translation>Search name, login, source ID, e-mail</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="73" />
      <source>All account types</source>
      <translation>All account types</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="77" />
      <source>All statuses</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="80" />
      <source>All groups</source>
      <translation>All groups</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="101" />
      <source>&amp;Import…</source>
      <translation>&amp;Import…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="107" />
      <source>&amp;Export users…</source>
      <translation>&amp;Export users…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="111" />
      <source>&amp;Settings…</source>
      <translation>&amp;Settings…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="113" />
      <source>&amp;Quit</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="116" />
      <source>&amp;About schoolimport</source>
      <translation>&amp;About schoolimport</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="118" />
      <source>&amp;File</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="122" />
      <source>&amp;Extras</source>
      <translation>&amp;Extras</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="123" />
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="124" />
      <source>Actions</source>
      <translation>Actions</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="131" />
      <source>School year:</source>
      <translation>School year:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="144" />
      <source>Users</source>
      <translation>Users</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="145" />
      <source>Groups</source>
      <translation>Groups</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="175" />
      <source>%1 (current)</source>
      <translation>%1 (current)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="198" />
      <source>%1 of %2 users shown</source>
      <translation>%1 of %2 users shown</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="215" />
      <source>Export users</source>
      <translation>Export users</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="217" />
      <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
      <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="240" />
      <source>About schoolimport</source>
      <translation>About schoolimport</translation>
    </message>
    <message>
      <location filename="../../app/wizard/mainwindow.py" line="242" />
      <source>schoolimport %1

Imports the school office's tables into the user directory.</source>
      <translation>schoolimport %1

Imports the school office's tables into the user directory.</translation>
    </message>
  </context>
  <context>
    <name>OptionsPage</name>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="25" />
      <source>Account type and options</source>
      <translation>Account type and options</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="26" />
      <source>Every row of this file becomes an account of one type.</source>
      <translation>Every row of this file becomes an account of one type.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="29" />
      <source>Account type</source>
      <translation>Account type</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="39" />
      <source>Match users by their source ID</source>
      <translation>Match users by their source ID</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="41" />
      <source>Off: every row becomes a new account; an existing source ID is a conflict.</source>
      <translation>Off: every row becomes a new account; an existing source ID is a conflict.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="44" />
      <source>Detect expired accounts</source>
      <translation>Detect expired accounts</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="47" />
      <source>Active accounts of this type that are missing from the file are released for deletion (restorable until they are purged).</source>
      <translation>Active accounts of this type that are missing from the file are released for deletion (restorable until they are purged).</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="52" />
      <source>Generate passwords for new accounts</source>
      <translation>Generate passwords for new accounts</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="55" />
      <source>Generate a data-safe password for new accounts</source>
      <translation>Generate a data-safe password for new accounts</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/options.py" line="57" />
      <source>Options</source>
      <translation>Options</translation>
    </message>
  </context>
  <context>
    <name>PlanTableModel</name>
    <message>
      <location filename="../../app/wizard/planmodel.py" line="147" />
      <source>Line</source>
      <translation>Line</translation>
    </message>
    <message>
      <location filename="../../app/wizard/planmodel.py" line="148" />
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <location filename="../../app/wizard/planmodel.py" line="154" />
      <source>Changes</source>
      <translation>Changes</translation>
    </message>
    <message>
      <location filename="../../app/wizard/planmodel.py" line="155" />
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="43" />
      <source>Preview</source>
      <translation>Preview</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="45" />
      <source>What the import will do with each row. Untick rows to leave them out.</source>
      <translation>What the import will do with each row. Untick rows to leave them out.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="47" />
      <source>Import</source>
      <translation>Import</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="68" />
      <source>Search name, ID, login, group</source>
      <translation>Search name, ID, login, group</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="154" />
      <source>The import will create %1, update %2 and reactivate %3 accounts and release %4 for deletion; %5 unchanged, %6 skipped, %7 invalid, %8 conflicts open; %9 groups will be created.</source>
      <translation>The import will create %1, update %2 and reactivate %3 accounts and release %4 for deletion; %5 unchanged, %6 skipped, %7 invalid, %8 conflicts open; %9 groups will be created.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="194" />
      <source>The import would release %1 of %2 active accounts for deletion. Is the file complete? A truncated export must not empty the school.</source>
      <translation>The import would release %1 of %2 active accounts for deletion. Is the file complete? A truncated export must not empty the school.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/preview.py" line="199" />
      <source>Release many accounts?</source>
      <translation>Release many accounts?</translation>
    </message>
  </context>
  <context>
    <name>ProtocolPage</name>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="40" />
      <source>Protocol</source>
      <translation>Protocol</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="43" />
      <source>The protocol lists every row and the initial passwords of the new accounts. It is saved encrypted with a password of your choice.</source>
      <translation>The protocol lists every row and the initial passwords of the new accounts. It is saved encrypted with a password of your choice.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="48" />
      <source>Excel workbook (XLSX, encrypted)</source>
      <translation>Excel workbook (XLSX, encrypted)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="49" />
      <source>CSV in an AES-256 zip</source>
      <translation>CSV in an AES-256 zip</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="56" />
      <source>Browse…</source>
      <translation>Browse…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="68" />
      <location filename="../../app/wizard/pages/protocol.py" line="125" />
      <source>Save protocol</source>
      <translation>Save protocol</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="73" />
      <source>I accept that the new passwords will be lost</source>
      <translation>I accept that the new passwords will be lost</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="89" />
      <source>Format:</source>
      <translation>Format:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="90" />
      <source>File:</source>
      <translation>File:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="91" />
      <source>Password:</source>
      <translation>Password:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="92" />
      <source>Repeat:</source>
      <translation>Repeat:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="93" />
      <source>Strength:</source>
      <translation>Strength:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="122" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="122" />
      <source>Zip (*.zip)</source>
      <translation>Zip (*.zip)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="135" />
      <source>No new accounts were created: no passwords to keep.</source>
      <translation>No new accounts were created: no passwords to keep.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="149" />
      <source>The passwords match.</source>
      <translation>The passwords match.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="156" />
      <source>At least %1 characters.</source>
      <translation>At least %1 characters.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="158" />
      <source>Enter the same password twice.</source>
      <translation>Enter the same password twice.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="176" />
      <source>Saved to %1</source>
      <translation>Saved to %1</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="190" />
      <source>Lose the new passwords?</source>
      <translation>Lose the new passwords?</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/protocol.py" line="192" />
      <source>Without the protocol the initial passwords of the new accounts are lost. They can only be reset later, which makes a new protocol.</source>
      <translation>Without the protocol the initial passwords of the new accounts are lost. They can only be reset later, which makes a new protocol.</translation>
    </message>
  </context>
  <context>
    <name>RunPage</name>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="26" />
      <source>Import</source>
      <translation>Import</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="27" />
      <source>The import runs as one transaction: all or nothing.</source>
      <translation>The import runs as one transaction: all or nothing.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="35" />
      <source>Cancel import</source>
      <translation>Cancel import</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="61" />
      <source>Starting…</source>
      <translation>Starting…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="77" />
      <source>Cancelling…</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="85" />
      <source>%1 of %2</source>
      <translation>%1 of %2</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="92" />
      <source>The import is complete.</source>
      <translation>The import is complete.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="99" />
      <source>The import was not carried out; nothing was changed.</source>
      <translation>The import was not carried out; nothing was changed.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="103" />
      <source>The import was cancelled; nothing was changed.</source>
      <translation>The import was cancelled; nothing was changed.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/run.py" line="123" />
      <source>Created %1, updated %2, reactivated %3, released for deletion %4, unchanged %5; skipped %6, invalid %7, conflicts %8; groups created %9.</source>
      <translation>Created %1, updated %2, reactivated %3, released for deletion %4, unchanged %5; skipped %6, invalid %7, conflicts %8; groups created %9.</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../app/wizard/settingsdialog.py" line="23" />
      <source>Settings</source>
      <translation>Settings</translation>
    </message>
    <message>
      <location filename="../../app/wizard/settingsdialog.py" line="25" />
      <source>As the system</source>
      <translation>As the system</translation>
    </message>
    <message>
      <location filename="../../app/wizard/settingsdialog.py" line="30" />
      <source>A new language applies when the program starts the next time.</source>
      <translation>A new language applies when the program starts the next time.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/settingsdialog.py" line="38" />
      <source>Language:</source>
      <translation>Language:</translation>
    </message>
  </context>
  <context>
    <name>TablePage</name>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="41" />
      <source>Table</source>
      <translation>Table</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="42" />
      <source>Choose the file the school office exported, or drop it here.</source>
      <translation>Choose the file the school office exported, or drop it here.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="48" />
      <source>CSV, XLSX, XLS or ODS file</source>
      <translation>CSV, XLSX, XLS or ODS file</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="49" />
      <source>Choose file…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="55" />
      <source>The first row holds the column headers</source>
      <translation>The first row holds the column headers</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="74" />
      <location filename="../../app/wizard/pages/table.py" line="78" />
      <source>detect</source>
      <translation>detect</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="78" />
      <source>tab</source>
      <translation>tab</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="86" />
      <source>Encoding:</source>
      <translation>Encoding:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="88" />
      <source>Delimiter:</source>
      <translation>Delimiter:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="90" />
      <source>Sheet:</source>
      <translation>Sheet:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="107" />
      <source>Choose a table</source>
      <translation>Choose a table</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="109" />
      <source>Tables (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)</source>
      <translation>Tables (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="164" />
      <source>%1 data rows, %2 columns</source>
      <translation>%1 data rows, %2 columns</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/table.py" line="167" />
      <source>read as %1, delimiter %2</source>
      <translation>read as %1, delimiter %2</translation>
    </message>
  </context>
  <context>
    <name>Texts</name>
    <message>
      <location filename="../../app/wizard/texts.py" line="33" />
      <source>create</source>
      <translation>create</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="34" />
      <source>update</source>
      <translation>update</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="35" />
      <source>unchanged</source>
      <translation>unchanged</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="36" />
      <source>expire</source>
      <translation>expire</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="37" />
      <source>reactivate</source>
      <translation>reactivate</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="38" />
      <source>conflict</source>
      <translation>conflict</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="39" />
      <source>invalid</source>
      <translation>invalid</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="46" />
      <source>Skip</source>
      <translation>Skip</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="47" />
      <source>Keep this row</source>
      <translation>Keep this row</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="48" />
      <source>Use a generated login</source>
      <translation>Use a generated login</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="49" />
      <source>Link to existing user</source>
      <translation>Link to existing user</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="50" />
      <source>Create new account</source>
      <translation>Create new account</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="51" />
      <source>Update existing user</source>
      <translation>Update existing user</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="58" />
      <source>Source ID</source>
      <translation>Source ID</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="59" />
      <source>Last name</source>
      <translation>Last name</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="60" />
      <source>First name</source>
      <translation>First name</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="61" />
      <source>Groups</source>
      <translation>Groups</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="62" />
      <source>Birth date</source>
      <translation>Birth date</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="63" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="64" />
      <source>Login</source>
      <translation>Login</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="65" />
      <source>Source</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="72" />
      <source>Student</source>
      <translation>Student</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="73" />
      <source>Teacher</source>
      <translation>Teacher</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="74" />
      <source>Staff</source>
      <translation>Staff</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="81" />
      <source>active</source>
      <translation>active</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="82" />
      <source>marked for deletion</source>
      <translation>marked for deletion</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="83" />
      <source>deactivated</source>
      <translation>deactivated</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="84" />
      <source>deleted</source>
      <translation>deleted</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="91" />
      <source>class</source>
      <translation>class</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="92" />
      <source>course</source>
      <translation>course</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="93" />
      <source>team</source>
      <translation>team</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="94" />
      <source>manual</source>
      <translation>manual</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="95" />
      <source>system</source>
      <translation>system</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="102" />
      <source>Generating passwords</source>
      <translation>Generating passwords</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="103" />
      <source>Checking the database</source>
      <translation>Checking the database</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="104" />
      <source>Writing users</source>
      <translation>Writing users</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="105" />
      <source>Recording the run</source>
      <translation>Recording the run</translation>
    </message>
    <message>
      <location filename="../../app/wizard/texts.py" line="106" />
      <source>Done</source>
      <translation>Done</translation>
    </message>
  </context>
  <context>
    <name>UsersTableModel</name>
    <message>
      <location filename="../../app/wizard/tablemodels.py" line="39" />
      <source>Account type</source>
      <translation>Account type</translation>
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
      <translation>School year</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/year.py" line="18" />
      <source>The groups named in the file are looked up and created in this school year.</source>
      <translation>The groups named in the file are looked up and created in this school year.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/year.py" line="23" />
      <source>School year:</source>
      <translation>School year:</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/year.py" line="24" />
      <source>An import always refers to exactly one school year.</source>
      <translation>An import always refers to exactly one school year.</translation>
    </message>
    <message>
      <location filename="../../app/wizard/pages/year.py" line="35" />
      <source>%1 (current)</source>
      <translation>%1 (current)</translation>
    </message>
  </context>
  <context>
    <name>main</name>
    <message>
      <location filename="../../app/wizard/main.py" line="29" />
      <source>The database cannot be opened:
%1</source>
      <translation>The database cannot be opened:
%1</translation>
    </message>
  </context>
</TS>