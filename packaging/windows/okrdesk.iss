; Inno Setup script: an installer for the Windows bundle (dist\okrdesk from okrdesk.spec).
; Build on Windows with: iscc /DVersion=0.1.0 packaging\windows\okrdesk.iss
; It installs per user (no administrator rights), adds a Start menu entry, and registers
; .okr plan files so that a double-click opens them in OKR Desk.

#ifndef Version
  #define Version "0.1.0"
#endif

[Setup]
AppId={{6F4B5244-0D35-4B8E-9C1A-4F4B52444553}
AppName=OKR Desk
AppVersion={#Version}
AppPublisher=The OKR Desk developers
DefaultDirName={autopf}\OKR Desk
DefaultGroupName=OKR Desk
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputBaseFilename=okrdesk-{#Version}-windows-setup
OutputDir=..\..\dist
SetupIconFile=..\..\resources\icons\okrdesk.ico
UninstallDisplayIcon={app}\okrdesk-gui.exe
ChangesAssociations=yes
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\..\resources\licenses\LGPL-3.txt

[Files]
Source: "..\..\dist\okrdesk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\OKR Desk"; Filename: "{app}\okrdesk-gui.exe"
Name: "{group}\Uninstall OKR Desk"; Filename: "{uninstallexe}"

[Registry]
; .okr -> OKRDesk.Plan, opened by okrdesk-gui.exe with the file as its argument.
Root: HKA; Subkey: "Software\Classes\.okr"; ValueType: string; ValueName: ""; ValueData: "OKRDesk.Plan"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.okr"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-okrdesk-plan"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\OKRDesk.Plan"; ValueType: string; ValueName: ""; ValueData: "OKR Desk plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\OKRDesk.Plan\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\okrdesk-gui.exe,0"
Root: HKA; Subkey: "Software\Classes\OKRDesk.Plan\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\okrdesk-gui.exe"" ""%1"""

[Run]
Filename: "{app}\okrdesk-gui.exe"; Description: "Start OKR Desk"; Flags: nowait postinstall skipifsilent
