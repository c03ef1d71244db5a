REM Run by CalcSpreadsheetTest as macro:///Standard.Module1.Main("file:///…/plan.fods","/…/cells.tsv").
REM Loads the sheet with link updates allowed (WEBSERVICE cells and the sheet linked to evaluate.csv),
REM recalculates it and writes every non-empty cell as: sheet TAB column TAB row TAB error TAB value TAB text.
REM The value uses Str(), which always writes "." as decimal separator whatever the office locale.
Sub Main(inUrl As String, outPath As String)
  Dim args(1) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  REM Without FULL_UPDATE the headless office waits for a link-update answer nobody can give.
  args(1).Name = "UpdateDocMode"
  args(1).Value = com.sun.star.document.UpdateDocMode.FULL_UPDATE
  Dim doc As Object
  doc = StarDesktop.loadComponentFromURL(inUrl, "_blank", 0, args())
  doc.calculateAll()
  Dim n As Integer
  n = FreeFile
  Open outPath & ".part" For Output As #n
  Dim s As Integer, r As Long, c As Long
  Dim sheet As Object, cur As Object, cell As Object
  For s = 0 To doc.Sheets.getCount() - 1
    sheet = doc.Sheets.getByIndex(s)
    cur = sheet.createCursor()
    cur.gotoEndOfUsedArea(False)
    For r = 0 To cur.RangeAddress.EndRow
      For c = 0 To cur.RangeAddress.EndColumn
        cell = sheet.getCellByPosition(c, r)
        If cell.Type <> com.sun.star.table.CellContentType.EMPTY Then
          Print #n, sheet.Name & Chr(9) & c & Chr(9) & r & Chr(9) & cell.getError() & Chr(9) & Trim(Str(cell.getValue())) & Chr(9) & cell.getString()
        End If
      Next c
    Next r
  Next s
  Close #n
  doc.close(True)
  REM Renamed only when complete, so a half-written file is never read as the answer.
  Name outPath & ".part" As outPath
End Sub
