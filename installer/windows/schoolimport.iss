; Inno Setup 6 script for the Windows installer of schoolimport.
;
; Build on Windows, after the PyInstaller bundle (docs/release.md):
;   .venv\Scripts\pyinstaller installer\schoolimport.spec --noconfirm --distpath dist --workpath build
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\windows\schoolimport.iss
; Result: dist\schoolimport-<version>-setup.exe
;
; The version is read from the bundled schoolimport.exe (its version resource, written
; by the spec from the package metadata); pass /DAppVersion=X.Y.Z to override.
; Uninstalling removes the program folder and the shortcuts. The database, the log and
; the settings in the user's profile (%LOCALAPPDATA%\schoolimport, the registry key
; HKCU\Software\schoolimport) stay, so a reinstall or an update keeps the directory.

#define AppName "schoolimport"
#define AppExe "schoolimport.exe"
#define Root AddBackslash(SourcePath) + "..\.."
#define Bundle Root + "\dist\schoolimport"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error "dist\schoolimport\schoolimport.exe is missing or has no version: build the bundle first"
#endif

[Setup]
; The AppId identifies the installation for updates and the uninstaller: never change it.
AppId={{D73CCA50-0599-4D94-9E86-A7AB193427FA}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=schoolimport
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user installation without administrator rights is offered too.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\schoolimport.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
de.AppComment=Benutzerverzeichnis der Schule mit den Tabellen des Sekretariats abgleichen
en.AppComment=Keep the school's user directory in step with the school office's tables

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An update replaces the whole bundle: no file of an older version may stay behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
