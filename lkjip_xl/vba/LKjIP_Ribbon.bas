Attribute VB_Name = "LKjIP_Ribbon"
' LKjIP ribbon callbacks. The source lives in the repository (lkjip_xl/vba) and is
' compiled into the workbook by "lkjip build-workbook" (pyOpenVBA).
'
' Every button of the LKjIP tab calls LKjIP_OnAction. The control id is passed to Python
' (lkjip_xl.excel.ribbon.on_action) through RunPython of the xlwings module embedded in
' this workbook (xlwings' standalone mode: no add-in, no VBA reference). Before calling
' Python it checks that the interpreter xlwings will use exists, and otherwise explains
' the fix in Indonesian (xlwings itself would show an English "Could not find
' Interpreter!" and return without an error).
'
' The interpreter is never stored in the workbook: it comes from the user's own
' %USERPROFILE%\.xlwings\xlwings.conf (written by "lkjip setup-excel"), or python.exe on
' the PATH.
'
' A button's Tag may ask for something first:
'   "konfirmasi|<question>"  Yes/No question; No cancels.
'   "isian|<prompt>"         a short text (InputBox), passed to Python; empty cancels.
Option Explicit

Private Const PY_MODULE As String = "lkjip_xl.excel.ribbon"
Private Const JUDUL As String = "LKjIP"

Public Sub LKjIP_OnAction(control As IRibbonControl)
    Dim teks As String
    Dim bagian() As String
    If Len(control.Tag) > 0 Then
        bagian = Split(control.Tag, "|", 2)
        If UBound(bagian) = 1 Then
            Select Case bagian(0)
                Case "konfirmasi"
                    If MsgBox(bagian(1), vbQuestion + vbYesNo, JUDUL) <> vbYes Then Exit Sub
                Case "isian"
                    teks = InputBox(bagian(1), JUDUL)
                    If Len(Trim$(teks)) = 0 Then Exit Sub
                Case "waktu"
                    teks = InputBox(bagian(1), JUDUL)
                    If StrPtr(teks) = 0 Then Exit Sub
            End Select
        End If
    End If
    LKjIP_RunPython control.Id, teks
End Sub

Public Sub LKjIP_RunPython(ByVal controlId As String, Optional ByVal teks As String = "")
    Dim perintah As String, python As String
    If Not LKjIP_PythonDitemukan(python) Then
        MsgBox "Python untuk tombol LKjIP tidak ditemukan di komputer ini" & _
            IIf(Len(python) > 0, " (dicari: " & python & ")", "") & "." & vbCrLf & vbCrLf & _
            "Cara memperbaiki (sekali saja per komputer):" & vbCrLf & _
            "1. Pasang Python 3.11 atau lebih baru dari python.org; centang " & _
            """Add python.exe to PATH""." & vbCrLf & _
            "2. Buka Command Prompt, lalu jalankan:" & vbCrLf & _
            "      pip install lkjip_xl" & vbCrLf & _
            "      lkjip setup-excel --workbook """ & ThisWorkbook.FullName & """" & vbCrLf & _
            "3. Tutup Excel, buka lagi workbook ini, lalu klik tombolnya lagi.", _
            vbExclamation, JUDUL
        Exit Sub
    End If
    perintah = "import " & PY_MODULE & " as r; r.on_action('" & PyText(controlId) & "', '" & _
        PyText(teks) & "')"
    On Error GoTo Gagal
    RunPython perintah
    Exit Sub
Gagal:
    MsgBox "Perintah LKjIP gagal dijalankan (kesalahan " & Err.Number & ")." & vbCrLf & _
        Err.Description & vbCrLf & vbCrLf & _
        "Klik Bantuan > Periksa Instalasi, atau jalankan 'lkjip setup-excel' di Command " & _
        "Prompt lalu buka ulang Excel.", vbCritical, JUDUL
End Sub

Public Function LKjIP_PythonDitemukan(ByRef python As String) As Boolean
    ' The interpreter xlwings' RunPython will use, as xlwings looks it up (GetConfig: this
    ' workbook's xlwings.conf sheet, an xlwings.conf beside it, the user's
    ' %USERPROFILE%\.xlwings\xlwings.conf; environment variables expanded), else python.exe
    ' on the PATH. True when that file exists.
    On Error GoTo Tidak
    python = GetConfig("INTERPRETER_WIN", "")
    If python = "" Then python = GetConfig("INTERPRETER", "")
    If python = "" Or LCase$(python) = "python" Or LCase$(python) = "pythonw" Then
        python = CariDiPath("python.exe")
        LKjIP_PythonDitemukan = Len(python) > 0
    Else
        LKjIP_PythonDitemukan = Len(Dir$(python)) > 0
    End If
    Exit Function
Tidak:
    LKjIP_PythonDitemukan = False
End Function

Private Function CariDiPath(ByVal berkas As String) As String
    ' First folder of PATH holding berkas. The WindowsApps "python.exe" is the Microsoft Store
    ' alias that opens the Store instead of running Python, so it does not count.
    Dim bagian As Variant, folder As String
    For Each bagian In Split(Environ$("PATH"), ";")
        folder = Trim$(Replace(CStr(bagian), """", ""))
        If Len(folder) > 0 And InStr(1, folder, "\WindowsApps", vbTextCompare) = 0 Then
            If Right$(folder, 1) <> "\" Then folder = folder & "\"
            If Len(Dir$(folder & berkas)) > 0 Then
                CariDiPath = folder & berkas
                Exit Function
            End If
        End If
    Next bagian
End Function

Private Function PyText(ByVal s As String) As String
    ' Text inside a single-quoted Python literal on one line; no double quotes, since the
    ' command travels on a command line.
    s = Replace(s, "\", "\\")
    s = Replace(s, "'", "\'")
    s = Replace(s, """", "\x22")
    s = Replace(s, vbCr, " ")
    s = Replace(s, vbLf, " ")
    PyText = s
End Function
