; Inno Setup 6 script: the Windows installer of KooGallery Seller Console.
; Built by `python tools/build_app.py` (which passes the defines below) from the PyInstaller folder
; dist\KooGallerySellerConsole; by hand:
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=dist\KooGallerySellerConsole /DOutputDir=dist ^
;            /DIconFile=build\icons\app.ico installer\windows\seller-console.iss
; Installs per user by default (no administrator rights needed on a locked-down desk; the dialog
; offers all users), a Start-menu entry, an optional desktop icon, and an uninstaller. The user's
; settings, caches and logs (in the user's AppData folders) are left in place on uninstall.

#ifndef AppVersion
  #error Pass /DAppVersion=x.y.z (tools/build_app.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\KooGallerySellerConsole"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\app.ico"
#endif

[Setup]
; A fixed AppId: upgrades replace the installed version instead of adding a second one.
AppId={{6A0C3C1E-5B7D-4C8E-9F4A-2E1D7B3A9C55}
AppName=KooGallery Seller Console
AppVersion={#AppVersion}
AppVerName=KooGallery Seller Console {#AppVersion}
AppPublisher=KooGallery Seller Console project
DefaultDirName={autopf}\KooGallery Seller Console
DefaultGroupName=KooGallery Seller Console
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=KooGallerySellerConsole-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\KooGallerySellerConsole.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Signing (release builds): configure a sign tool in the IDE or with /S, then uncomment:
; SignTool=signtool

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese is an unofficial Inno Setup translation: put ChineseSimplified.isl (from
; jrsoftware.org/files/istrans/) in Inno Setup's Languages folder to offer it; without it the
; installer speaks English.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\KooGallery Seller Console"; Filename: "{app}\KooGallerySellerConsole.exe"
Name: "{group}\{cm:UninstallProgram,KooGallery Seller Console}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\KooGallery Seller Console"; Filename: "{app}\KooGallerySellerConsole.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\KooGallerySellerConsole.exe"; Description: "{cm:LaunchProgram,KooGallery Seller Console}"; Flags: nowait postinstall skipifsilent
