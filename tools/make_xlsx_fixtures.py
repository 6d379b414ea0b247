#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the hand-built .xlsx test fixtures of tests/data/roster/ (used by
# tests/unit/io/xlsx_test.cpp and tests/unit/app/roster_test.cpp) and the seed corpus of the
# fuzz_xlsx target. Only the Python standard library (zipfile) is used; entries carry a fixed
# timestamp, so the output is the same on every run with the same zlib.
#
#   /usr/bin/python3 tools/make_xlsx_fixtures.py
#
# Well-formed workbooks: basic.xlsx (two sheets; shared strings with a rich-text run, inline
# strings, numbers, booleans, sparse cells, umlauts and emoji), roster_de.xlsx (German headers on
# the second sheet "Akteure"), roster_en.xlsx (English headers), roster_bad_sector.xlsx.
# Hostile ones: bomb_declared.xlsx (declares a 4 GB sheet), bomb_inflate.xlsx (declares 100 bytes,
# inflates to 17 MiB), many_entries.xlsx (60 entries), no_workbook.xlsx, ref_overflow.xlsx
# (cell XFD99999999), bad_shared_index.xlsx, encrypted-looking junk is left to the fuzzer.
import os
import struct
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "roster")
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus", "fuzz_xlsx")

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
T_DOC = NS_REL + "/officeDocument"
T_SHEET = NS_REL + "/worksheet"
T_SST = NS_REL + "/sharedStrings"


def content_types(n_sheets):
    parts = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(n_sheets))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>' + parts + '</Types>')


def root_rels():
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{NS_PKG}">'
            f'<Relationship Id="rId1" Type="{T_DOC}" Target="xl/workbook.xml"/></Relationships>')


def workbook(names):
    sheets = "".join(f'<sheet name="{escape(n, {chr(34): "&quot;"})}" sheetId="{i + 1}" '
                     f'r:id="rId{i + 1}"/>' for i, n in enumerate(names))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{NS_MAIN}" '
            f'xmlns:r="{NS_REL}"><sheets>{sheets}</sheets></workbook>')


def workbook_rels(n_sheets, with_sst):
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{T_SHEET}" '
                   f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(n_sheets))
    if with_sst:
        rels += f'<Relationship Id="rId{n_sheets + 1}" Type="{T_SST}" Target="sharedStrings.xml"/>'
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{NS_PKG}">{rels}</Relationships>'


def sst(items):
    """items: plain strings, or lists of strings (rich-text runs)."""
    body = ""
    for it in items:
        if isinstance(it, list):
            body += "<si>" + "".join(
                f'<r><rPr><b/></rPr><t xml:space="preserve">{escape(run)}</t></r>' for run in it) + "</si>"
        else:
            body += f'<si><t xml:space="preserve">{escape(it)}</t></si>'
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{NS_MAIN}" count="{len(items)}" '
            f'uniqueCount="{len(items)}">{body}</sst>')


def sheet_xml(rows_xml):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{NS_MAIN}" '
            f'xmlns:r="{NS_REL}"><sheetData>{rows_xml}</sheetData></worksheet>')


def col_letters(c):
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


class SharedStrings:
    def __init__(self):
        self.items, self.index = [], {}

    def add(self, s):
        key = repr(s)
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(s)
        return self.index[key]


def grid_sheet(rows, strings, inline=False):
    """rows: list of lists of str (strings) / numbers / None (empty). Row numbers from 1."""
    out = ""
    for r, row in enumerate(rows):
        cells = ""
        for c, v in enumerate(row):
            ref = f"{col_letters(c)}{r + 1}"
            if v is None or v == "":
                continue
            if isinstance(v, bool):
                cells += f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
            elif isinstance(v, (int, float)):
                cells += f'<c r="{ref}"><v>{v!r}</v></c>'
            elif inline:
                cells += f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
            else:
                cells += f'<c r="{ref}" t="s"><v>{strings.add(v)}</v></c>'
        out += f'<row r="{r + 1}">{cells}</row>'
    return sheet_xml(out)


def write_zip(path, entries, stored=False):
    """entries: list of (name, text or bytes)."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def workbook_entries(sheets, shared_items):
    """sheets: list of (name, sheet xml)."""
    entries = [("[Content_Types].xml", content_types(len(sheets))), ("_rels/.rels", root_rels()),
               ("xl/workbook.xml", workbook([n for n, _ in sheets])),
               ("xl/_rels/workbook.xml.rels", workbook_rels(len(sheets), shared_items is not None))]
    for i, (_, xml) in enumerate(sheets):
        entries.append((f"xl/worksheets/sheet{i + 1}.xml", xml))
    if shared_items is not None:
        entries.append(("xl/sharedStrings.xml", sst(shared_items)))
    return entries


def patch_uncompressed_size(path, name, size):
    """Rewrites the uncompressed size of entry `name` in its local header and in the central
    directory (both, so the archive stays self-consistent)."""
    data = bytearray(open(path, "rb").read())
    raw = name.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        n_len = struct.unpack_from("<H", data, pos + 26)[0]
        if data[pos + 30:pos + 30 + n_len] == raw:
            struct.pack_into("<I", data, pos + 22, size)
        pos += 4
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + n_len] == raw:
            struct.pack_into("<I", data, pos + 24, size)
        pos += 4
    open(path, "wb").write(bytes(data))


def basic():
    # Sheet 1 "Daten": every cell kind. Sheet 2 "Zweites Blatt": inline strings only.
    items = ["Name", "Größe", "Jürgen Groß 🌍", ["Fett", " und ", "normal"], "  Leerzeichen  ",
             "Zeile_x000D_Umbruch", "ÄÖÜ äöü ß"]
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"/><c r="C2"><v>12</v></c>'
        '<c r="D2"><v>3.5</v></c><c r="E2"><v>0.1</v></c><c r="F2" t="b"><v>1</v></c></row>'
        '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4"><v>49301234567</v></c>'
        '<c r="C4" t="b"><v>0</v></c><c r="D4"><v>1E+21</v></c><c r="E4"><v>-7.25E-3</v></c>'
        '<c r="F4" t="str"><f>A1&amp;"x"</f><v>Namex</v></c></row>'
        '<row r="5"><c r="A5" t="s"><v>4</v></c><c r="B5" t="s"><v>5</v></c>'
        '<c r="C5" t="inlineStr"><is><r><t>inline </t></r><r><t>rich</t></r></is></c>'
        '<c r="D5" t="e"><v>#N/A</v></c><c r="E5"><v>46023</v></c></row>'
        '<row r="6"><c r="AA6" t="s"><v>6</v></c></row>'
        '<row r="7"><c r="A7" s="2"/></row>')
    sheet2 = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>zweites</t></is></c>'
                       '<c r="B1" t="inlineStr"><is><t>Blatt ✓</t></is></c></row>'
                       '<row r="3"><c r="B3"><v>42</v></c></row>')
    write_zip(os.path.join(OUT, "basic.xlsx"),
              workbook_entries([("Daten", sheet_xml(rows)), ("Zweites Blatt", sheet2)], items))


DE_HEADER = ["Kürzel", "Organisation", "Art", "Sektor", "Unterart", "Ansprechperson", "E-Mail",
             "Handlungsfelder", "Stadtteil"]
DE_ROWS = [
    ["V01", "Stadtverwaltung Musterstadt – Klimaschutzmanagement", "Organisation", "Verwaltung",
     "Stabsstelle", "Jürgen Groß", "klima@musterstadt.example", "Energieversorgung & Erneuerbare; Mobilität",
     "Mitte"],
    ["KU01", "Stadtwerke Musterstadt", "organisation", "Kommunale Unternehmen", "", "Anna Öztürk",
     "a.oeztuerk@stadtwerke.example", "energie|gebaeude_waerme", "Nord"],
    [None, None, None, None, None, None, None, None, None],
    ["Z01", "BUND Ortsgruppe 🌳", "Organisation", "zivilgesellschaft", "Verein", "", "", "Klimaanpassung",
     "Süd"],
    ["P01", "Maria Weiß", "Person", "Politik", "Ratsmitglied", "", "maria.weiss@rat.example", "", 7],
]


def roster_de():
    strings = SharedStrings()
    info = grid_sheet([["Akteursliste Musterstadt"], ["Stand", 46023]], strings)
    roster = grid_sheet([DE_HEADER] + DE_ROWS, strings)
    write_zip(os.path.join(OUT, "roster_de.xlsx"),
              workbook_entries([("Info", info), ("Akteure", roster)], strings.items))


def roster_en():
    strings = SharedStrings()
    rows = [["Name", "Sector", "Kind", "Contact", "Email", "Fields", "Budget"],
            ["City Hall Climate Office", "Administration", "organisation", "Jane Doe",
             "jane@city.example", "Mobility, Buildings & heat", 125000],
            ["Chamber of Commerce", "Business", "organization", "", "", "wirtschaft_gewerbe", None],
            ["Local Newspaper", "Media", "", "", "", "", 0.5]]
    write_zip(os.path.join(OUT, "roster_en.xlsx"),
              workbook_entries([("Roster", grid_sheet(rows, strings, inline=True))], None))


def roster_bad_sector():
    strings = SharedStrings()
    rows = [["Name", "Sector"], ["City Hall", "Administration"], ["Weird Org", "Aliens"]]
    write_zip(os.path.join(OUT, "roster_bad_sector.xlsx"),
              workbook_entries([("Roster", grid_sheet(rows, strings))], strings.items))


def hostile():
    small = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>')
    # 1. declared 4 GB (0xFFFFFFF0) uncompressed sheet: rejected before inflating.
    p = os.path.join(OUT, "bomb_declared.xlsx")
    write_zip(p, workbook_entries([("Roster", small)], None))
    patch_uncompressed_size(p, "xl/worksheets/sheet1.xml", 0xFFFFFFF0)
    # 2. declares 100 bytes but inflates to 17 MiB (past the default 16 MiB cap).
    p = os.path.join(OUT, "bomb_inflate.xlsx")
    big = sheet_xml("") + " " * (17 << 20)
    write_zip(p, workbook_entries([("Roster", big)], None))
    patch_uncompressed_size(p, "xl/worksheets/sheet1.xml", 100)
    # 3. 60 entries (the tests lower max_entries to 50).
    entries = workbook_entries([("Roster", small)], None)
    entries += [(f"xl/media/pad{i:02d}.bin", b"") for i in range(60 - len(entries))]
    write_zip(os.path.join(OUT, "many_entries.xlsx"), entries)
    # 4. a zip without workbook.
    write_zip(os.path.join(OUT, "no_workbook.xlsx"),
              [("[Content_Types].xml", content_types(0)), ("hello.txt", "not a workbook")])
    # 5. a cell reference beyond every limit.
    over = sheet_xml('<row r="1"><c r="XFD99999999" t="inlineStr"><is><t>x</t></is></c></row>')
    write_zip(os.path.join(OUT, "ref_overflow.xlsx"), workbook_entries([("Roster", over)], None))
    # 6. a shared string index past the table.
    bad = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c></row>')
    write_zip(os.path.join(OUT, "bad_shared_index.xlsx"),
              workbook_entries([("Roster", bad)], ["only one"]))


def corpus():
    os.makedirs(CORPUS, exist_ok=True)
    strings = SharedStrings()
    tiny = grid_sheet([["a", 1, True], [None, "ä🌍", 2.5]], strings)
    write_zip(os.path.join(CORPUS, "tiny_shared.xlsx"), workbook_entries([("S", tiny)], strings.items))
    write_zip(os.path.join(CORPUS, "tiny_stored.xlsx"),
              workbook_entries([("S", tiny)], strings.items), stored=True)
    inline = grid_sheet([["x", "y"], ["1", 2]], None, inline=True)
    write_zip(os.path.join(CORPUS, "tiny_inline.xlsx"),
              workbook_entries([("A", inline), ("B", inline)], None), stored=True)
    for name in ("basic.xlsx", "roster_de.xlsx", "roster_en.xlsx"):
        with open(os.path.join(OUT, name), "rb") as src, \
                open(os.path.join(CORPUS, name), "wb") as dst:
            dst.write(src.read())


def main():
    os.makedirs(OUT, exist_ok=True)
    basic()
    roster_de()
    roster_en()
    roster_bad_sector()
    hostile()
    corpus()


if __name__ == "__main__":
    main()
