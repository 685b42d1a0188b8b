"""The tabular reader under participant lists and poll reports: CSV as real tools write it, and workbooks."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from typing import TYPE_CHECKING

import pytest

from clustermeet.agenda.tables import MiB, Table, column_letters, known_encoding, read_table, size_text
from clustermeet.errors import InvalidInputError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

HEADER = "Vorname;Nachname;E-Mail-Adresse;Organisation"
GERMAN = "Jürgen;Weiß;j.weiss@example.org;Straßenbahn GmbH"


def _write(tmp_path: Path, data: bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _read(path: Path, encoding: str | None = None, sheet: str | None = None) -> Table:
    return read_table(path, display=path.name, limit=MiB, encoding=encoding, sheet=sheet)


def _problem(path: Path, encoding: str | None = None, sheet: str | None = None) -> str:
    with pytest.raises(InvalidInputError) as caught:
        _read(path, encoding, sheet)
    assert len(caught.value.problems) == 1
    return caught.value.problems[0].text()


def xlsx(
    path: Path, rows: list[list[object]], sheet: str = "Sheet1", extra: dict[str, list[list[object]]] | None = None
) -> Path:
    """A workbook written by openpyxl in write-only mode, as pretix writes its exports."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, content in {sheet: rows, **(extra or {})}.items():
        target = book.create_sheet(title)
        for row in content:
            target.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    text = f"{HEADER}\n{GERMAN}\n".replace(";", delimiter)
    table = read_table(_write(tmp_path, text.encode()), display="t.csv", limit=MiB)
    assert table.delimiter == delimiter
    assert table.header == ("Vorname", "Nachname", "E-Mail-Adresse", "Organisation")
    assert table.rows[0].cells == ("Jürgen", "Weiß", "j.weiss@example.org", "Straßenbahn GmbH")
    assert (table.header_line, table.rows[0].line) == (1, 2)


def test_a_comma_inside_quotes_does_not_win_over_semicolons(tmp_path: Path) -> None:
    text = '"Name, voller";E-Mail;"Wunsch 1, 2"\nA;a@example.org;x\n'
    table = read_table(_write(tmp_path, text.encode()), display="t.csv", limit=MiB)
    assert table.delimiter == ";"
    assert table.header == ("Name, voller", "E-Mail", "Wunsch 1, 2")


def test_excel_sep_line_bom_and_crlf(tmp_path: Path) -> None:
    text = f"sep=|\r\n{HEADER.replace(';', '|')}\r\n\r\n{GERMAN.replace(';', '|')}\r\n"
    table = read_table(_write(tmp_path, b"\xef\xbb\xbf" + text.encode()), display="t.csv", limit=MiB)
    assert (table.delimiter, table.encoding, table.header_line) == ("|", "utf-8-sig", 2)
    assert table.header[0] == "Vorname"  # no BOM left on the first header
    assert [row.line for row in table.rows] == [4]  # the blank line is skipped, lines still counted
    assert table.rows[0].text == GERMAN.replace(";", "|")


def test_quoted_cells_spanning_lines_keep_the_first_line(tmp_path: Path) -> None:
    text = 'name,note\n"A","two\nlines"\nB,x\n'
    table = read_table(_write(tmp_path, text.encode()), display="t.csv", limit=MiB)
    assert [(row.line, row.cells) for row in table.rows] == [(2, ("A", "two\nlines")), (4, ("B", "x"))]
    assert table.rows[0].text is None
    assert table.column(table.rows[1], 1) == 3


@pytest.mark.parametrize(
    ("codec", "bom", "expected"),
    [
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-8", b"", "utf-8"),
        ("cp1252", b"", "cp1252"),  # Excel's "CSV (comma delimited)" on a German or US Windows
    ],
)
def test_encodings_are_told_apart(tmp_path: Path, codec: str, bom: bytes, expected: str) -> None:
    rows = [GERMAN, "Zoë;Müller-Lüdenscheidt;z@example.org;Café Köln", "Ånne;Ørsted;a@example.org;Prix 5 €"]
    text = "\r\n".join([HEADER, *rows]) + "\r\n"
    table = read_table(_write(tmp_path, bom + text.encode(codec)), display="t.csv", limit=MiB)
    assert table.encoding == expected
    assert table.rows[0].cells[1] == "Weiß"
    assert table.rows[2].cells[3] == "Prix 5 €"


def test_a_named_encoding_wins_and_a_wrong_one_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path, f"{HEADER}\n{GERMAN}\n".encode("cp1252"))
    assert _read(path, encoding="windows-1252").rows[0].cells[0] == "Jürgen"
    assert _problem(path, encoding="utf-8") == "t.csv:2:2: error: not valid utf-8 (byte 0xfc); name the file's encoding"
    assert "unknown encoding 'klingon'" in _problem(path, encoding="klingon")
    assert known_encoding("Windows-1252") == "cp1252"
    assert known_encoding("rot13") is None  # a codec, but not of text


def test_the_read_is_bounded(tmp_path: Path) -> None:
    path = _write(tmp_path, b"name,email\n" + b"x,x@example.org\n" * 100)
    table = read_table(path, display="t.csv", limit=path.stat().st_size)
    assert len(table.rows) == 100
    with pytest.raises(InvalidInputError) as caught:
        read_table(path, display="t.csv", limit=1024)
    assert caught.value.problems[0].text() == (
        "t.csv:1:1: error: file is larger than 1 KiB, the limit for this kind of file"
    )
    assert size_text(10 * MiB) == "10 MiB"


def test_damaged_input_is_located_and_never_echoed(tmp_path: Path) -> None:
    secret = b"https://user:ghp_SECRETTOKEN@github.com\n"
    for data, expected in [
        (b"", "t.csv:1: error: the file is empty (no header row)"),
        (b"\n \n", "t.csv:1: error: the file is empty (no header row)"),
        (b"name,email\nA,a@x\x00\n", "t.csv:2:1: error: not a text file (it contains NUL bytes)"),
        (b'name,email\nA,a@x\nB,"b@x\nC,c@x\n', "t.csv:3: error: a quoted cell in this row is never closed"),
        (b"name\n" + b'"' + b"x" * 200_000 + b'"\n', "t.csv:2: error: a cell is longer than 131,072 characters"),
        (secret.replace(b"\n", b"\x00"), "t.csv:1:1: error: not a text file"),
    ]:
        message = _problem(_write(tmp_path, data))
        assert message.startswith(expected), message
        assert "SECRET" not in message


def test_a_lone_quote_inside_a_plain_cell_is_text(tmp_path: Path) -> None:
    table = _read(_write(tmp_path, b'name,size\nA,5" screen\n'))
    assert table.rows[0].cells == ("A", '5" screen')


def test_missing_file_and_folder_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        _read(tmp_path / "nope.csv")
    with pytest.raises(UsageError, match="folder"):
        _read(tmp_path)


def test_a_report_with_a_title_line_sniffs_the_lines_below(tmp_path: Path) -> None:
    text = "Attendee Report\nTopic;Webinar ID\nGo;123\n"
    table = _read(_write(tmp_path, text.encode()))
    assert table.header == ("Attendee Report",)
    assert table.delimiter == ";"


def test_xlsx_first_sheet_or_named_sheet(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "list.xlsx",
        [
            [None],
            ["Name", "E-Mail", "Jahr", "Angemeldet", "Zeit"],
            [" Ada ", "ada@example.org", 1815, date(2022, 5, 1), datetime(2022, 5, 1, 9, 30)],
        ],
        sheet="Orders",
        extra={"Positions": [["name"], ["B"]]},
    )
    table = _read(path)
    assert (table.sheet, table.delimiter, table.encoding, table.header_line) == ("Orders", None, "xlsx", 2)
    assert table.rows[0].cells == ("Ada", "ada@example.org", "1815", "2022-05-01", "2022-05-01 09:30:00")
    assert table.where(table.rows[0], 2) == "C3"
    assert table.column(table.rows[0], 2) == 0
    assert _read(path, sheet="Positions").rows[0].cells == ("B",)
    assert _problem(path, sheet="positions") == (
        "list.xlsx:1: error: no sheet 'positions'; did you mean 'Positions'?; sheets: Orders, Positions"
    )
    assert "CSV files only" in _problem(path, encoding="utf-8")


def test_xlsx_is_told_by_its_bytes_and_damage_is_located(tmp_path: Path) -> None:
    workbook = xlsx(tmp_path / "a.xlsx", [["name"], ["A"]])
    renamed = _write(tmp_path, workbook.read_bytes(), "export.csv")  # a tool that names its xlsx .csv
    assert _read(renamed).sheet == "Sheet1"
    broken = _write(tmp_path, workbook.read_bytes()[:300], "broken.xlsx")
    assert _problem(broken).startswith("broken.xlsx:1: error: not a readable workbook")
    assert "a sheet applies to workbooks" in _problem(_write(tmp_path, b"name\nA\n"), sheet="Sheet1")


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (70 * MiB))
    assert "unpacks to" in _problem(path)


def test_column_letters() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
