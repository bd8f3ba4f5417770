; 一窗通 · OneWindow Counter — the Windows installer (NSIS 3, Unicode).
; Compiled by build-installer.sh, which passes:
;   /DVERSION=x.y.z  /DPAYLOAD=<the frozen one-folder app>  /DOUTFILE=<setup.exe>
;   /DUNINSTALL_LIST=<an .nsh deleting exactly the payload's top-level entries>
; Per-machine install under Program Files; each user's data (database, station.json, archive)
; lives in that user's data folder (%LOCALAPPDATA%\OneWindow\onewindow-counter), never here.
; Silent deployment:  setup.exe /S /HALL=330402001 /WINDOW=W03 /CENTRAL=https://... /PRINTER=name
; writes %PROGRAMDATA%\OneWindow\onewindow-counter\station.json, which the app copies as the
; station settings of each user starting it for the first time.

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "WinVer.nsh"

!define APP_ID "OneWindowCounter"
!define APP_EXE "onewindow-counter.exe"      ; the window (no console); counter-app.exe is the command line
!define PUBLISHER "OneWindow"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "$(APP_NAME)"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\OneWindow Counter"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "OneWindow Counter"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "OneWindow Counter installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Chinese first: the default; English the second
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString APP_NAME ${LANG_SIMPCHINESE} "一窗通综合受理"
LangString APP_NAME ${LANG_ENGLISH} "OneWindow Counter"
LangString SHORTCUT ${LANG_SIMPCHINESE} "一窗通"
LangString SHORTCUT ${LANG_ENGLISH} "OneWindow Counter"
LangString UNINSTALL_LINK ${LANG_SIMPCHINESE} "卸载一窗通"
LangString UNINSTALL_LINK ${LANG_ENGLISH} "Uninstall OneWindow Counter"
LangString NEEDS_WIN10 ${LANG_SIMPCHINESE} "一窗通需要 64 位 Windows 10 或更新版本（Qt 6 不支持 Windows 7）。"
LangString NEEDS_WIN10 ${LANG_ENGLISH} "OneWindow Counter needs 64-bit Windows 10 or later (Qt 6 does not run on Windows 7)."
LangString BAD_OPTION ${LANG_SIMPCHINESE} "参数中不能有引号、反斜杠或控制字符："
LangString BAD_OPTION ${LANG_ENGLISH} "An option may not contain quotes, backslashes or control characters: "
LangString DATA_KEPT ${LANG_SIMPCHINESE} "各用户的受理数据（数据库、设置、存档）保留在其用户数据目录中，未被删除。"
LangString DATA_KEPT ${LANG_ENGLISH} "Each user's data (database, settings, archive) stays in that user's data folder; it was not removed."

Var Hall
Var Window
Var Central
Var Printer

; $R0: the value; aborts (exit code 2 when silent) when it cannot go into JSON as it is
Function CheckOption
  StrLen $R1 $R0
  StrCpy $R2 0
  ${DoWhile} $R2 < $R1
    StrCpy $R3 $R0 1 $R2
    ${If} $R3 == '"'
    ${OrIf} $R3 == "\"
    ${OrIf} $R3 == "$\r"
    ${OrIf} $R3 == "$\n"
    ${OrIf} $R3 == "$\t"
      IfSilent +2
      MessageBox MB_ICONSTOP "$(BAD_OPTION)$R0"
      SetErrorLevel 2
      Quit
    ${EndIf}
    IntOp $R2 $R2 + 1
  ${Loop}
FunctionEnd

!macro READ_OPTION NAME VAR
  ClearErrors
  ${GetOptions} $CMDLINE "/${NAME}=" ${VAR}
  ${If} ${Errors}
    StrCpy ${VAR} ""
  ${Else}
    StrCpy $R0 ${VAR}
    Call CheckOption
  ${EndIf}
!macroend

!macro JSON_KEY HANDLE KEY VAR
  ${If} ${VAR} != ""
    FileWrite ${HANDLE} ',$\r$\n  "${KEY}": "${VAR}"'
  ${EndIf}
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    IfSilent +2
    MessageBox MB_ICONSTOP "$(NEEDS_WIN10)"
    SetErrorLevel 3
    Quit
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  ${IfNot} ${Silent}
    !insertmacro MUI_LANGDLL_DISPLAY
  ${EndIf}
  !insertmacro READ_OPTION "HALL" $Hall
  !insertmacro READ_OPTION "WINDOW" $Window
  !insertmacro READ_OPTION "CENTRAL" $Central
  !insertmacro READ_OPTION "PRINTER" $Printer
FunctionEnd

Section "Install"
  SetOutPath "$INSTDIR"
  ; an update replaces the program files; users' data is elsewhere and is kept
  !include "${UNINSTALL_LIST}"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\$(SHORTCUT)"
  CreateShortcut "$SMPROGRAMS\$(SHORTCUT)\$(SHORTCUT).lnk" "$INSTDIR\${APP_EXE}"
  CreateShortcut "$SMPROGRAMS\$(SHORTCUT)\$(UNINSTALL_LINK).lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\$(SHORTCUT).lnk" "$INSTDIR\${APP_EXE}"

  ; the silent configuration: defaults for every user's first start
  ${If} "$Hall$Window$Central$Printer" != ""
    CreateDirectory "$APPDATA\OneWindow\onewindow-counter"
    FileOpen $0 "$APPDATA\OneWindow\onewindow-counter\station.json" w
    FileWrite $0 '{$\r$\n  "version": 2'
    ${If} $Hall != ""
      FileWrite $0 ',$\r$\n  "hall": {"code": "$Hall"}'
    ${EndIf}
    !insertmacro JSON_KEY $0 "window" $Window
    !insertmacro JSON_KEY $0 "central_url" $Central
    !insertmacro JSON_KEY $0 "printer" $Printer
    FileWrite $0 '$\r$\n}$\r$\n'
    FileClose $0
  ${EndIf}

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "$(APP_NAME)"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $1 $2 $3
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" $1
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  ; exactly what the installer put here, never the whole folder (it may be a shared one)
  !include "${UNINSTALL_LIST}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$DESKTOP\$(SHORTCUT).lnk"
  Delete "$SMPROGRAMS\$(SHORTCUT)\$(SHORTCUT).lnk"
  Delete "$SMPROGRAMS\$(SHORTCUT)\$(UNINSTALL_LINK).lnk"
  RMDir "$SMPROGRAMS\$(SHORTCUT)"
  DeleteRegKey HKLM "${UNINST_KEY}"
  ; the machine defaults from /HALL= ... stay for a reinstall; users' data is never touched
  DetailPrint "$(DATA_KEPT)"
SectionEnd
