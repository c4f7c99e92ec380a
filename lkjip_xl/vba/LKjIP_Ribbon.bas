Attribute VB_Name = "LKjIP_Ribbon"
' LKjIP ribbon callbacks. The source lives in the repository (lkjip_xl/vba) and is
' compiled into the workbook by "lkjip build-workbook" (pyOpenVBA).
'
' Every button of the LKjIP tab calls LKjIP_OnAction. The control id is passed to Python
' (lkjip_xl.excel.klik.klik) by LKjIP_Jalankan, or by RunPython of the xlwings module
' embedded in this workbook when the COM server is on (xlwings' standalone mode: no
' add-in, no VBA reference). Before calling
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

Private Const PY_MODULE As String = "lkjip_xl.excel.klik"
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
    ' Status bar text and wait cursor from before Python starts until it has finished, put
    ' back also when it fails. With "USE UDF SERVER" (lkjip setup-excel --server) the click
    ' goes to xlwings' COM server through RunPython; otherwise through LKjIP_Jalankan, the
    ' project's own launcher: RunPython's command line starts with "import xlwings.utils",
    ' which loads pandas and matplotlib, and buttons that only record a step need neither.
    Dim perintah As String, python As String
    If Not LKjIP_PythonDitemukan(python) Then
        MsgBox "Python untuk tombol LKjIP tidak ditemukan di komputer ini" & _
            IIf(Len(python) > 0, " (dicari: " & python & ")", "") & "." & vbCrLf & vbCrLf & _
            "Cara memperbaiki (sekali saja per komputer):" & vbCrLf & _
            "1. Pasang Python dari https://www.python.org/downloads/windows/ (Python " & _
            "install manager)." & vbCrLf & _
            "2. Jalankan PASANG.cmd dari paket lkjip_xl-<versi>-windows.zip (dari pengelola " & _
            "aplikasi), atau di Command Prompt:" & vbCrLf & _
            "      py -m lkjip_xl setup-excel --workbook """ & ThisWorkbook.FullName & """" & _
            vbCrLf & _
            "3. Tutup Excel, buka lagi workbook ini, lalu klik tombolnya lagi.", _
            vbExclamation, JUDUL
        Exit Sub
    End If
    perintah = "import " & PY_MODULE & " as k; k.klik('" & PyText(controlId) & "', '" & _
        PyText(teks) & "')"
    Application.StatusBar = "LKjIP: " & LKjIP_NamaTombol(controlId) & " sedang berjalan..."
    Application.Cursor = xlWait
    On Error GoTo Gagal
    If LKjIP_PakaiServer() Then
        RunPython perintah
    Else
        LKjIP_Jalankan python, perintah
    End If
    Application.Cursor = xlDefault
    Application.StatusBar = False
    Exit Sub
Gagal:
    Application.Cursor = xlDefault
    Application.StatusBar = False
    MsgBox "Perintah LKjIP gagal dijalankan (kesalahan " & Err.Number & ")." & vbCrLf & _
        Err.Description & vbCrLf & vbCrLf & _
        "Klik Bantuan > Periksa Instalasi, atau jalankan 'py -m lkjip_xl setup-excel' di " & _
        "Command Prompt lalu buka ulang Excel.", vbCritical, JUDUL
End Sub

Private Function LKjIP_PakaiServer() As Boolean
    On Error GoTo Tidak
    LKjIP_PakaiServer = (LCase$(CStr(GetConfig("USE UDF SERVER", False))) = "true")
    Exit Function
Tidak:
    LKjIP_PakaiServer = False
End Function

Public Sub LKjIP_Jalankan(ByVal python As String, ByVal perintah As String)
    ' Start python.exe and wait, as xlwings' ExecuteWindows does (same arguments, so
    ' xw.Book.caller() finds this workbook), but without "import xlwings.utils" first.
    ' Errors written to stderr are raised with the last lines of the log.
    Dim folder As String, awal As String, baris As String, log As String, kode As Long
    folder = Left$(python, InStrRev(python, "\") - 1)
    If Left$(python, 2) Like "[A-Za-z]:" Then
        awal = Left$(python, 2) & " & cd """ & folder & """ & "
    ElseIf Left$(python, 2) = "\\" Then
        awal = "pushd """ & folder & """ & "
    End If
    Randomize
    log = Environ$("TEMP") & "\lkjip-klik-" & Format$(Now, "yyyymmddhhnnss") & "-" & _
        CStr(Int(Rnd * 1000000)) & ".log"
    baris = "cmd.exe /C " & awal & """" & python & """ -B -c """ & perintah & """" & _
        " --wb=""" & ThisWorkbook.Name & """ --from_xl=1 --app=""" & Application.Path & _
        "\" & Application.Name & """ --hwnd=""" & Application.Hwnd & """ 2> """ & log & """"
    kode = CreateObject("WScript.Shell").Run(baris, 0, True)
    If kode <> 0 Then
        Dim pesan As String
        pesan = AkhirLog(log)
        On Error Resume Next
        Kill log
        On Error GoTo 0
        Err.Raise vbObjectError + 513, JUDUL, "Python berhenti dengan kode " & kode & ". " & pesan
    End If
    On Error Resume Next
    Kill log
End Sub

Private Function AkhirLog(ByVal berkas As String) As String
    ' The last 600 characters Python wrote to stderr (a traceback ends with the error).
    Dim f As Integer, isi As String
    On Error GoTo Kosong
    f = FreeFile
    Open berkas For Binary Access Read As #f
    isi = Space$(LOF(f))
    Get #f, , isi
    Close #f
    If Len(isi) > 600 Then isi = "..." & Right$(isi, 600)
    AkhirLog = isi
    Exit Function
Kosong:
    AkhirLog = ""
End Function

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
    s = Replace(s, "%", "\x25")
    s = Replace(s, "^", "\x5e")
    s = Replace(s, vbCr, " ")
    s = Replace(s, vbLf, " ")
    PyText = s
End Function
