Attribute VB_Name = "LKjIP_Ribbon"
' LKjIP ribbon callbacks. The source lives in the repository (lkjip_xl/vba) and is
' compiled into the workbook by "lkjip build-workbook" (pyOpenVBA).
'
' Every button of the LKjIP tab calls LKjIP_OnAction. The control id is passed to Python
' (lkjip_xl.excel.ribbon.on_action) through the xlwings add-in's RunPython; Python looks
' the id up in lkjip_xl.excel.controls and runs the action. Application.Run on the add-in
' is late bound: when the add-in is missing the workbook still opens and compiles, and the
' error (1004) is caught here and explained in Indonesian.
'
' A button's Tag may ask for something first:
'   "konfirmasi|<question>"  Yes/No question; No cancels.
'   "isian|<prompt>"         a short text (InputBox), passed to Python; empty cancels.
Option Explicit

Private Const PY_MODULE As String = "lkjip_xl.excel.ribbon"
Private Const ADDIN_MACRO As String = "xlwings.xlam!RunPython"
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
    Dim perintah As String
    perintah = "import " & PY_MODULE & " as r; r.on_action('" & PyText(controlId) & "', '" & _
        PyText(teks) & "')"
    ' RunPython treats the active workbook as the caller (xw.Book.caller()).
    If Not ActiveWorkbook Is ThisWorkbook Then ThisWorkbook.Activate
    On Error GoTo Gagal
    Application.Run ADDIN_MACRO, perintah
    Exit Sub
Gagal:
    Dim nomor As Long, rincian As String
    nomor = Err.Number
    rincian = Err.Description
    On Error GoTo 0
    If nomor = 1004 Or nomor = 438 Or nomor = 424 Then
        MsgBox "Tombol LKjIP memerlukan add-in xlwings dan Python, tetapi add-in xlwings " & _
            "belum terpasang atau belum aktif di Excel." & vbCrLf & vbCrLf & _
            "Cara memperbaiki:" & vbCrLf & _
            "1. Tutup Excel." & vbCrLf & _
            "2. Buka Command Prompt, lalu jalankan:" & vbCrLf & _
            "      xlwings addin install" & vbCrLf & _
            "      lkjip setup-excel --workbook """ & ThisWorkbook.FullName & """" & vbCrLf & _
            "3. Buka kembali workbook ini dan klik tombolnya lagi." & vbCrLf & vbCrLf & _
            "Jika perintah xlwings atau lkjip tidak dikenal, Python atau paket lkjip_xl " & _
            "belum terpasang: lihat petunjuk instalasi di README." & vbCrLf & vbCrLf & _
            "Rincian: " & rincian, vbExclamation, JUDUL
    Else
        MsgBox "Perintah LKjIP gagal dijalankan (kesalahan " & nomor & ")." & vbCrLf & _
            rincian & vbCrLf & vbCrLf & _
            "Periksa apakah Python terpasang dan lokasi INTERPRETER_WIN di sheet " & _
            "xlwings.conf benar (jalankan: lkjip setup-excel).", vbCritical, JUDUL
    End If
End Sub

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
