#!/usr/bin/python3
"""Writes the fixture workbooks of SheetReaderEquivalenceTests into this folder.

Run once by hand (Debian's python3 with python3-openpyxl, LibreOffice's soffice, and a built
`gongkai` for the demo workbooks): `python3 make-workbooks.py path/to/gongkai`. The workbooks are
committed, so the tests need none of these tools; each has a `.expected.txt` beside it with the
cells the reader must give. They are the workbooks the other spreadsheet tests make (openpyxl,
LibreOffice, gongkai's own writer), parts written by hand for what those writers never write
(prefixes, rich-text and phonetic runs, entities, CDATA, comments), and damaged ones.
"""
import datetime, os, shutil, subprocess, sys, tempfile, zipfile
import openpyxl

here = os.path.dirname(os.path.abspath(__file__))
gongkai = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
os.chdir(here)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def libreoffice(source, name):
    """`source` converted to .xlsx by LibreOffice headless, saved as `name`."""
    out = tempfile.mkdtemp()
    extra = ["--infilter=CSV:44,34,76"] if source.endswith(".csv") else []
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless", *extra,
                    "--convert-to", "xlsx", "--outdir", out, source], check=True, capture_output=True)
    shutil.move(os.path.join(out, os.path.splitext(os.path.basename(source))[0] + ".xlsx"), name)
    shutil.rmtree(out)


def by_hand(name, sheets, shared=None, styles=None, workbook_extra="", names=None):
    """A package written part by part: `sheets` are worksheet XML texts (bytes kept as given)."""
    names = names or [f"Sheet{i + 1}" for i in range(len(sheets))]
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        entries = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{workbook_extra}<sheets>{entries}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
        rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>' if shared is not None else ""
        rels += f'<Relationship Id="rIdY" Type="{REL}/styles" Target="styles.xml"/>' if styles is not None else ""
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
        for i, sheet in enumerate(sheets):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", sheet)


def damaged(source, name, part, change):
    """A copy of `source` with one part's bytes changed by `change`."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as out:
        assert part in src.namelist(), src.namelist()
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(info.filename, change(data) if info.filename == part else data)


# openpyxl: merged headers, a title row, every cell type, and the 1904 date system (SheetReaderTests).
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "家庭"
ws["A1"] = "户编号"; ws.merge_cells("A1:A2")
ws["B1"] = "户主"; ws.merge_cells("B1:C1")
ws["B2"] = "户主姓名"; ws["C2"] = "户主身份证号"
ws.append(["H1", "马一", "640402198001010017"])
ws.append(["H2", "马二", 410182199001011000])
ws["A6"] = ""
ws["F3"] = None
t = wb.create_sheet("titled")
t["A1"] = "2026年10月低保家庭名册"; t.merge_cells("A1:C1")
t.append(["户编号", "乡镇", "村"])
t.append(["H1", "三营镇", "三营村"])
d = wb.create_sheet("types")
d.append(["day", "minute", "month", "builtin", "amount", "flag", "error", "text", "negative", "small", "big", "time"])
d.append([datetime.date(2026, 10, 5), datetime.datetime(2026, 10, 5, 9, 30), datetime.date(2026, 10, 1),
          datetime.date(2024, 2, 29), 1234.56, True, "#N/A", "=1+1", -0.01, 1e-7, 12345678901234567890, datetime.time(9, 5)])
d["A2"].number_format = 'yyyy"年"m"月"d"日"'
d["B2"].number_format = "yyyy-mm-dd hh:mm"
d["C2"].number_format = "yyyy-mm"
d["D2"].number_format = "mm-dd-yy"
d["H2"].data_type = "s"
d.append(["a & b < c > d \"e\" 'f'", "line\nbreak", "tab\there", "_x0041_ literal", "  spaces  ", "𠀀𠀁 Ext-B", "", None, False])
wb.save("openpyxl-types.xlsx")
m = openpyxl.Workbook()
m.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
s = m.active; s.title = "mac"
s.append(["date"]); s.append([datetime.date(2026, 10, 5)])
s["A2"].number_format = "yyyy-mm-dd"
m.save("openpyxl-1904.xlsx")

# openpyxl: the workbooks of SpreadsheetTests and ImportIdentityCommandTests.
wb = openpyxl.Workbook()
notes = wb.active; notes.title = "说明"; notes["A1"] = "2026年10月数据"
ws = wb.create_sheet("家庭")
ws.append(["户编号", "乡镇", "村", "户主姓名", "户主身份证号", "联系电话", "家庭人口", "城乡"])
ws.append(["H1", "三营镇", "三营村", "马一", "640402198001010017", "", 3, "农村"])
ws.append(["H2", "三营镇", "三营村", "马二", "4.10182E+17", "", 2, "农村"])
ws.append(["H3", "三营镇", "三营村", "马三", "410182199001011000", "", 2, "农村"])
ws.append(["H4", "三营镇", "三营村", "马四", "#N/A", "", 2, "农村"])
ws["E5"].data_type = "e"
ws.append(["H5", "三营镇", "村" * 51, "马" * 31, "640402198001010025", 13912345678, 2, "农村"])
wb.save("openpyxl-damaged-ids.xlsx")
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "households"
ws["A1"] = "2026年10月低保家庭名册"; ws.merge_cells("A1:H1")
ws.append(["户编号", "地址", None, "户主", None, "联系电话", "家庭人口", "城乡"])
ws.append([None, "乡镇", "村", "户主姓名", "户主身份证号"])
for c in ["A2:A3", "F2:F3", "G2:G3", "H2:H3"]: ws.merge_cells(c)
ws.merge_cells("B2:C2"); ws.merge_cells("D2:E2")
ws.append(["H1", "三营镇", "三营村", "马一", "640402198001010017", "13912345678", 3, "农村"])
ws["F4"].data_type = "s"; ws["F4"].value = "13912345678"
ws.append([])
e = wb.create_sheet("保障")
e.append(["户编号", "救助项目", "保障人数", "金额", "发放方式", "申请日期", "审批日期", "起始月份"])
e.append(["H1", "低保", 3, 1234.5, "按月", datetime.date(2026, 9, 16), datetime.date(2026, 10, 16), datetime.date(2026, 11, 1)])
e["F2"].number_format = 'yyyy"年"m"月"d"日"'
e["G2"].number_format = "yyyy-mm-dd"
e["H2"].number_format = 'yyyy"年"m"月"'
wb.save("openpyxl-merged-month.xlsx")

# LibreOffice: a CSV of long digit strings read as numbers, and an openpyxl workbook re-saved with a
# shared-string table (2,000 rows).
with open("source.csv", "w", encoding="utf-8") as f:
    f.write("户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡\n"
            "H1,三营镇,三营村,马一,640402198001010017,13912345678,3,农村\n"
            "H2,三营镇,三营村,马二,640402198001010025,,2,农村\n")
libreoffice("source.csv", "libreoffice-numbers.xlsx")
os.remove("source.csv")
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "households"
for i in range(2000): ws.append([f"H{i}", "三营镇", f"村{i}", i * 1.5, datetime.date(2026, 1, 1) + datetime.timedelta(days=i)])
wb.save("made.xlsx")
libreoffice(os.path.abspath("made.xlsx"), "libreoffice-shared.xlsx")
os.remove("made.xlsx")

# By hand: what the writers above never write.
by_hand("hand-prefixes-runs.xlsx", [
    f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
    '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>place</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>d</x:t></x:is></x:c></x:row>'
    '<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>三营</x:t></x:r><x:r><x:t>镇</x:t></x:r><x:rPh sb="0" eb="1"><x:t>sanying</x:t></x:rPh></x:is></x:c><x:c r="C2" s="1"><x:v>59</x:v></x:c></x:row>'
    '<x:row r="3"><x:c r="A3" t="e"><x:v>#N/A</x:v></x:c><x:c r="C3" s="1"><x:v>60</x:v></x:c></x:row>'
    '<x:row r="5"><x:c r="C5" s="1"><x:v>61</x:v></x:c><x:c r="D5"/><x:c r="E5" t="inlineStr"><x:is><x:t> </x:t></x:is></x:c></x:row>'
    '<x:row r="9"/>'
    '</x:sheetData><x:mergeCells count="0"/></x:worksheet>'],
    shared=f'<sst xmlns="{MAIN}"><si><t>name</t></si><si><r><t>马</t></r><r><rPr><b/></rPr><t xml:space="preserve">一 </t></r><rPh sb="0" eb="1"><t>ma</t></rPh><phoneticPr fontId="0"/></si></sst>',
    styles=f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    names=["发放"])
by_hand("hand-syntax.xlsx", [
    '\ufeff<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<!-- written by hand -->\r\n'
    f"<worksheet xmlns='{MAIN}' xmlns:r='{REL}'>\r\n  <dimension ref='A1:F6'/>\r\n  <sheetData>\r\n"
    "    <row r='1' spans='1:6'><c r='A1' t='inlineStr'><is><t>entities</t></is></c><c r='B1' t='inlineStr'><is><t>numeric</t></is></c>"
    "<c r='C1' t=\"inlineStr\"><is><t>lines</t></is></c><c r = 'D1' t = 'inlineStr' ><is><t>formula</t></is></c><c r='E1' t='inlineStr'><is><t>escape</t></is></c><c r='F1' t='s'><v>0</v></c></row>\r\n"
    "    <row r='2'><c r='A2' t='inlineStr'><is><t>&amp;&lt;&gt;&quot;&apos; A&amp;B</t></is></c><c r='B2' t='inlineStr'><is><t>&#20013;&#x6587;&#x1F600;</t></is></c>"
    "<c r='C2' t='inlineStr'><is><t xml:space='preserve'>a\r\nb\rc\nd\te</t></is></c><c r='D2' t='str'><f>A2&amp;\"x\"</f><v>yes</v></c><c r='E2' t='inlineStr'><is><t>a_x000D_b_x0009_c_x005F_x0041_</t></is></c><c r='F2' t='s'><v> 1 </v></c></row>\r\n"
    "    <?some-processing instruction?>\r\n"
    "    <row><c><v> 42 </v></c><c t='b'><v>1</v></c><c t='b'><v>0</v></c><c t='d'><v>2026-10-05T09:30:00</v></c><c t='d'><v>2026-10-05T00:00:00</v></c><c t='n' s='1'><v>46300.5</v></c></row>\r\n"
    "    <row><c r='B4'><!-- a comment inside --><v>1<!-- and inside the value -->2</v></c><c r='D4' s=''><v>-1.5E3</v></c><c r='F4' t='inlineStr'><is><t/></is></c></row>\r\n"
    "    <row r='6'><c r='A6' t='inlineStr'><is><t>𠀀 Ext-B</t></is></c></row>\r\n"
    "  </sheetData>\r\n  <mergeCells count='1'><mergeCell ref='A6:B6'/></mergeCells>\r\n</worksheet>\r\n<!-- after -->\r\n"],
    shared=f'<?xml version="1.0" encoding="utf-8"?><sst xmlns="{MAIN}" count="2"><si><t>a &amp; b</t></si><si><t>&#x4E2D;</t></si></sst>',
    styles=f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; hh:mm"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>',
    names=["A&amp;B 表"])
by_hand("hand-cdata.xlsx", [
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<b>&amp;</b>]]></t></is></c><c r="B1" t="inlineStr"><is><t>x<![CDATA[y]]>z</t></is></c></row></sheetData></worksheet>'])

# Damaged: cut short, references and order wrong, values not of their type, strings missing, refused syntax.
whole = "libreoffice-shared.xlsx"
damaged(whole, "damaged-sheet-cut.xlsx", "xl/worksheets/sheet1.xml", lambda b: b[: len(b) // 2])
damaged(whole, "damaged-strings-cut.xlsx", "xl/sharedStrings.xml", lambda b: b[: len(b) // 2])
damaged(whole, "damaged-string-missing.xlsx", "xl/sharedStrings.xml", lambda b: b.replace(b"<si><t xml:space=\"preserve\">H1999</t></si>", b""))
def sheet(rows):
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
by_hand("damaged-ref.xlsx", [sheet('<row r="1"><c r="1A"><v>1</v></c></row>')])
by_hand("damaged-cell-order.xlsx", [sheet('<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>')])
by_hand("damaged-row-order.xlsx", [sheet('<row r="2"><c><v>1</v></c></row><row r="1"><c><v>2</v></c></row>')])
by_hand("damaged-number.xlsx", [sheet('<row r="1"><c r="A1"><v>12a</v></c></row>')])
by_hand("damaged-tags.xlsx", [sheet('<row r="1"><c r="A1"><v>1</c></v></row>')])
by_hand("damaged-entity.xlsx", [sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>')])
by_hand("damaged-doctype.xlsx", [f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet xmlns="{MAIN}"><sheetData><row r="1"><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>'])
by_hand("damaged-utf8.xlsx", [sheet('<row r="1"><c t="inlineStr"><is><t>ab</t></is></c></row>').encode().replace(b"ab", b"a\xffb")])

# gongkai's own writer: the demo's workbooks and an indicators workbook.
if gongkai:
    out = tempfile.mkdtemp()
    env = dict(os.environ, GONGKAI_TEMPLATES=os.path.join(here, "../../../templates"))
    subprocess.run([gongkai, "demo", "--households", "40", "--format", "xlsx", "--out", f"{out}/demo", "--db", f"{out}/s.sqlite"], check=True, capture_output=True, env=env)
    for name in ["households", "enrolments", "payments", "services", "staff", "complaints"]:
        shutil.copy(f"{out}/demo/{name}.xlsx", f"gongkai-demo-{name}.xlsx")
    subprocess.run([gongkai, "indicators", "--month", "2026-10", "--db", f"{out}/s.sqlite", "--format", "xlsx", "--out", "gongkai-indicators.xlsx"], check=True, capture_output=True, env=env)
    shutil.rmtree(out)
