"""Participant lists as registration tools and forms export them (issue 13): the header mapped by the agenda's
``columns:``, a preset or the German and English aliases; extra columns named once; wishes by id, title or start,
in one cell or ranked columns; every problem located; the list's path confined to the agenda's folder (issue 11,
item 7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.agenda.models import Participant
from clustermeet.agenda.participants import LIMIT, ListOptions, parse_participants_csv, read_participants
from clustermeet.agenda.person_rows import participant_of
from clustermeet.agenda.wishes import RoomIndex, agenda_rooms
from clustermeet.agenda.yamlsource import MAX_BYTES
from clustermeet.errors import InvalidInputError

EXPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "participants" / "exports"
EVENT = EXPORTS / "event.yaml"
ROOMS = RoomIndex([("energie", "Energiewende vor Ort"), ("mobil", "Mobilität im ländlichen Raum"),
                   ("digital", "Digitale Verwaltung, jetzt"), ("wasser", "Wasser und Klima")])  # fmt: skip


def agenda_with(folder: Path, participants: str, *files: str) -> Path:
    """The exports' event in ``folder`` with ``participants:`` as given, and the named fixture files beside it."""
    for name in files:
        shutil.copy(EXPORTS / name, folder / name)
    agenda = folder / "agenda.yaml"
    agenda.write_text(EVENT.read_text(encoding="utf-8") + f"participants: {participants}\n", encoding="utf-8")
    return agenda


def problems_of(agenda: Path) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        load_agenda(agenda, agenda.name)
    return [p.text() for p in caught.value.problems]


def people(plist_source: Path, **options: object) -> list[tuple[str, str, str | None, list[str]]]:
    plist = read_participants(plist_source, plist_source.name, ROOMS, ListOptions(**options))  # type: ignore[arg-type]
    return [(p.name, p.email, p.organisation, p.preferences) for p in plist.participants]


# --- the cases of the opening paragraph (each refused on main) -------------------------------------------


def test_the_german_form_export_with_bom_is_read_as_it_is(tmp_path: Path) -> None:
    """Vorname;Nachname;E-Mail-Adresse;Organisation;Wunsch 1..3;Anmeldedatum, UTF-8 with BOM, CRLF: on main
    "missing column(s) name, email" and "unknown column(s) ..."."""
    loaded = load_agenda(agenda_with(tmp_path, "anmeldung.csv", "anmeldung.csv"))
    assert loaded.participants is not None
    got = [(p.name, p.email, p.organisation, p.preferences) for p in loaded.participants.participants]
    assert got == [
        ("Jörg Müller", "joerg@example.org", "Stadtwerke Nord", ["energie", "mobil", "wasser"]),
        ("Ada Äpfel", "ada@example.org", "Landkreis Süd", ["mobil", "digital"]),  # a title, mapped to its id
        ("Ben Bär", "ben@example.org", None, ["wasser", "digital", "energie"]),  # a start; a title with a comma
        ("Cem Çelik", "cem@example.org", "Verein Grün", []),
    ]
    assert loaded.participants.reading is not None and loaded.participants.reading.encoding == "utf-8-sig"


def test_extra_columns_are_ignored_with_one_warning_that_names_them(tmp_path: Path) -> None:
    loaded = load_agenda(agenda_with(tmp_path, "anmeldung.csv", "anmeldung.csv"), "agenda.yaml")
    texts = [w.text() for w in loaded.warnings]
    assert texts == ["anmeldung.csv:1: warning: 1 column(s) not read: 'Anmeldedatum'"]


def test_columns_known_to_be_of_no_use_can_be_left_out_of_the_warning(tmp_path: Path) -> None:
    """validate --strict fails on warnings: an organiser says once which columns are of no use."""
    for ignore, expected in (("[Anmeldedatum]", []), ("all", []), ("[Bemerkung]", ["'Anmeldedatum'"])):
        agenda = agenda_with(tmp_path, f"{{file: anmeldung.csv, ignore: {ignore}}}", "anmeldung.csv")
        loaded = load_agenda(agenda)
        assert [w.message.split(": ")[-1] for w in loaded.warnings] == expected


@pytest.mark.parametrize(
    ("header", "field"),
    [("E-Mail-Adresse", "email"), ("Firma", "organisation"), ("Rolle", "role"), ("Wünsche", "preferences"),
     ("Zeitzone", "timezone"), ("Vor- und Nachname", "name"), ("Unternehmen", "organisation")],
)  # fmt: skip
def test_german_headers_are_known(header: str, field: str) -> None:
    base = {"name": "Name", "email": "E-Mail", field: header}
    values = {"name": "Ada Alt", "email": "ada@example.org", "organisation": "Acme", "role": "Moderation",
              "preferences": "energie", "timezone": "Europe/Vienna"}  # fmt: skip
    text = ";".join(base.values()) + "\n" + ";".join(values[f] for f in base) + "\n"
    person = parse_participants_csv(text, "p.csv", ROOMS).participants[0]
    expected = {"role": "facilitator", "preferences": ["energie"]}.get(field, values[field])
    assert getattr(person, field) == expected


def test_vorname_and_name_make_the_whole_name() -> None:
    """A German form's "Name" beside "Vorname" is the family name."""
    plist = parse_participants_csv("Vorname;Name;E-Mail\nAda;Alt;ada@example.org\n", "p.csv", ROOMS)
    assert plist.participants[0].name == "Ada Alt"


def test_comma_separated_wishes_are_read() -> None:
    """On main: 'energie, mobil, wasser' was one wish, refused as no valid id."""
    assert [p[3] for p in people(EXPORTS / "wuensche-komma.csv")] == [
        ["energie", "mobil", "wasser"], ["digital", "energie"], ["mobil", "wasser"],
    ]  # fmt: skip


def test_a_windows_1252_file_from_excel_is_read(tmp_path: Path) -> None:
    """Excel's plain "CSV": Windows-1252, its sep=; line; on main refused as not UTF-8."""
    got = people(EXPORTS / "excel-1252.csv")
    assert got == [
        ("Jürgen Weiß", "juergen@example.org", "Bäckerei Groß", ["wasser", "energie"]),
        ("Zoë Lindström", "zoe@example.org", "Größe & Maß GmbH", ["mobil"]),
    ]


def test_an_encoding_can_be_named(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,email\nJosé Núñez,jose@example.org\n".encode("latin-1"))
    assert people(latin, encoding="latin-1")[0][0] == "José Núñez"


# --- presets: one fixture each -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "file", "extra", "expected"),
    [
        ("pretix", "pretix-orderpositions.csv", "", [
            ("Gerd Gans", "gerd@example.org", "Acme", ["energie", "wasser"]),
            ("Hanna Hahn", "buyer@example.org", "Acme", ["mobil"]),  # no attendee e-mail: the order's
            ("Ina Igel", "ina@example.org", None, ["digital", "energie"]),
        ]),
        ("eventbrite", "eventbrite-attendees.csv", "", [
            ("Jan Jansen", "jan@example.org", "Jansen & Co", ["energie", "mobil"]),
            ("Kim Klein", "kim@example.org", None, ["wasser"]),
        ]),
        ("zoom", "zoom-registration.csv", "", [  # title lines above the header; '--' is no value
            ("Lea Lang", "lea@example.org", None, ["energie", "wasser"]),
            ("Max Maier", "max@example.org", "Maier AG", []),
        ]),
        ("zoom", "zoom-attendee-report.csv", "", [  # the Attendee Details section, not the host's
            ("Lea Lang", "lea@example.org", None, ["energie"]),
            ("Max Maier", "max@example.org", None, []),
        ]),
        ("microsoft-forms", "microsoft-forms.xlsx", ", columns: {preferences: Rank the workshops}", [
            ("Paul Pohl", "paul@example.org", "Amt X", ["wasser", "energie"]),  # a ranking: "A;B;"
            ("Quinn Quast", "quinn@example.org", None, ["digital"]),
            ("Rita Rot", "rita@example.org", None, ["mobil", "wasser", "energie"]),
        ]),
        ("google-forms", "google-forms.csv", "", [  # a grid: "Workshops [1st choice]"
            ("Nora Nagel", "nora@example.org", "Stadt A", ["energie", "mobil"]),
            ("Olaf Ott", "olaf@example.org", None, ["digital"]),
        ]),
    ],
)  # fmt: skip
def test_each_preset_reads_its_export(
    tmp_path: Path, preset: str, file: str, extra: str, expected: list[tuple[str, str, str | None, list[str]]]
) -> None:
    loaded = load_agenda(agenda_with(tmp_path, f"{{file: {file}, preset: {preset}{extra}}}", file))
    assert loaded.participants is not None
    got = [(p.name, p.email, p.organisation, p.preferences) for p in loaded.participants.participants]
    assert got == expected


def test_without_its_preset_the_pretix_export_mixes_up_buyer_and_attendees(tmp_path: Path) -> None:
    shutil.copy(EXPORTS / "pretix-orderpositions.csv", tmp_path / "p.csv")
    assert problems_of(agenda_with(tmp_path, "p.csv")) == [
        "p.csv:3:27: error: e-mail buyer@example.org appears twice (first on line 2) with another preferences"
    ]


def test_a_preset_names_the_headers_it_did_not_find(tmp_path: Path) -> None:
    (tmp_path / "w.csv").write_text("Email;Wunsch 1\nada@example.org;energie\n", encoding="utf-8")
    assert problems_of(agenda_with(tmp_path, "{file: w.csv, preset: eventbrite}")) == [
        "w.csv:1: error: no column for name: the eventbrite export has 'First Name + Last Name'; "
        "the header has 'Email', 'Wunsch 1'"
    ]


def test_columns_name_the_headers_of_each_field(tmp_path: Path) -> None:
    (tmp_path / "l.csv").write_text("Wer;Adresse;Eins;Zwei\nAda;ada@example.org;wasser;mobil\n", encoding="utf-8")
    columns = "{file: l.csv, columns: {name: Wer, email: Adresse, preferences: [Eins, Zwei]}}"
    loaded = load_agenda(agenda_with(tmp_path, columns))
    assert loaded.participants is not None
    assert loaded.participants.participants[0].preferences == ["wasser", "mobil"]
    columns = "{file: l.csv, columns: {name: Wer, email: Mail}}"
    assert problems_of(agenda_with(tmp_path, columns)) == [
        "l.csv:1: error: columns: email: no column 'Mail' in the header; "
        "the header has 'Wer', 'Adresse', 'Eins', 'Zwei'"
    ]


# --- wishes: located, counted as the file counts ------------------------------------------------------------------


def test_a_wrong_wish_is_one_error_per_cell_with_the_closest_rooms() -> None:
    text = "Name;E-Mail;Wunsch 1;Wunsch 2;Wunsch 3\nAda;ada@example.org;energie;Wassr;digitl, mobl\n"
    with pytest.raises(InvalidInputError) as caught:
        parse_participants_csv(text, "p.csv", ROOMS)
    assert [p.text() for p in caught.value.problems] == [
        "p.csv:2:29: error: preferences: wish 2: 'Wassr' is no room of a breakout block; closest: 'wasser'",
        "p.csv:2:35: error: preferences: wish 3: 'digitl' is no room of a breakout block; closest: 'digital'; "
        "wish 4: 'mobl' is no room of a breakout block; closest: 'mobil'",
    ]


def test_a_start_that_fits_several_rooms_says_which() -> None:
    rooms = RoomIndex([("data-1", "Data one"), ("data-2", "Data two")])
    with pytest.raises(InvalidInputError) as caught:
        parse_participants_csv("name,email,preferences\nAda,ada@example.org,data\n", "p.csv", rooms)
    assert (
        caught.value.problems[0].message == "preferences: wish 1: 'data' could be 'data-1', 'data-2': write more of it"
    )


def test_a_fixed_room_by_title_is_mapped() -> None:
    plist = parse_participants_csv("name,email,fixed\nAda,ada@example.org,Wasser und Klima\n", "p.csv", ROOMS)
    assert plist.participants[0].fixed == ["wasser"]


def test_a_wish_with_umlauts_names_the_id_that_spells_them_out() -> None:
    """Ids are ASCII with umlauts spelt out (geschaeftsmodelle); a form's "Geschäftsmodelle" names that room."""
    rooms = RoomIndex([("geschaeftsmodelle", "Neue Geschäfts- und Erlösmodelle"), ("weiterbildung", "Weiterbildung")])
    plist = parse_participants_csv("name,email,preferences\nAda,ada@example.org,Geschäftsmodelle\n", "p.csv", rooms)
    assert plist.participants[0].preferences == ["geschaeftsmodelle"]


def test_every_cell_problem_has_its_line_and_column() -> None:
    text = "Name;E-Mail;Zeitzone;Rolle\nAda;ada@example;Europe/Berlin;\nBen;ben@example.org;Europe/Berln;Chef\n"
    with pytest.raises(InvalidInputError) as caught:
        parse_participants_csv(text, "p.csv", ROOMS)
    got = [(p.line, p.col, p.message.split(":")[0]) for p in caught.value.problems]
    assert got == [(2, 5, "email"), (3, 21, "timezone"), (3, 34, "role")]


def test_rows_repeating_an_address_are_merged_where_they_agree() -> None:
    text = "name,email,organisation,preferences\nAda,ada@example.org,,energie\nADA,Ada@Example.org,Acme,\n"
    plist = parse_participants_csv(text, "p.csv", ROOMS)
    assert [(p.name, p.organisation, p.preferences) for p in plist.participants] == [("Ada", "Acme", ["energie"])]
    assert plist.reading is not None and plist.reading.merged == [(3, 2, "Ada@Example.org")]
    assert [w.text() for w in plist.warnings] == [
        "p.csv:3: warning: e-mail Ada@Example.org repeats line 2: the rows are merged"
    ]


def test_a_fast_participant_equals_the_validated_model() -> None:
    record = {"name": "Ada", "email": "ada@example.org", "organisation": None, "role": "facilitator",
              "preferences": ["a", "b"], "fixed": [], "timezone": "Europe/Berlin"}  # fmt: skip
    fast, checked = participant_of(dict(record)), Participant.model_validate(record)
    assert fast == checked and fast.model_dump() == checked.model_dump() and repr(fast) == repr(checked)
    assert fast.model_copy(update={"name": "B"}).name == "B"


def test_agenda_rooms_include_generated_mixing_rooms(tmp_path: Path) -> None:
    assert agenda_rooms(load_agenda(EVENT).agenda).ids == ["energie", "mobil", "digital", "wasser"]


# --- size: a participant list is not an agenda --------------------------------------------------------------------


def test_a_list_larger_than_an_agenda_may_be_is_read(tmp_path: Path) -> None:
    assert LIMIT >= 50 * MAX_BYTES  # 512 MiB against the agenda's 10 MiB
    big = tmp_path / "big.csv"
    note = "x" * 100_000
    rows = "".join(f"P{n},p{n}@example.org,{note}\n" for n in range(120))  # 12 MB, past the agenda's limit
    big.write_text("name,email,Bemerkung\n" + rows, encoding="utf-8")
    assert big.stat().st_size > MAX_BYTES
    assert len(read_participants(big, "big.csv", ROOMS).participants) == 120


# --- trust: the agenda names a list inside its own folder (issue 11, item 7) ---------------------------------------


@pytest.mark.parametrize("written", ["/etc/passwd", "../outside.csv", "sub/../../outside.csv"])
def test_a_path_out_of_the_agenda_folder_is_refused_at_its_value(tmp_path: Path, written: str) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (tmp_path / "outside.csv").write_text("name,email\nEve,eve@example.org\n", encoding="utf-8")
    lines = EVENT.read_text(encoding="utf-8").count("\n")
    for value, col in ((written, 15), (f"{{file: '{written}'}}", 22)):
        agenda = agenda_with(folder, value)
        (problem,) = problems_of(agenda)
        assert problem.startswith(f"agenda.yaml:{lines + 1}:{col}: error: participants: '{written}' ")
        assert "ist ein absoluter Pfad" in problem or "führt aus dem Ordner der Agenda hinaus" in problem  # German
        assert "eve@example.org" not in problem and "root:" not in problem


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (tmp_path / "secret.csv").write_text("name,email\nEve,eve@example.org\n", encoding="utf-8")
    (folder / "list.csv").symlink_to(tmp_path / "secret.csv")
    (problem,) = problems_of(agenda_with(folder, "list.csv"))
    assert "'list.csv' führt aus dem Ordner der Agenda hinaus (Symlinks aufgelöst)" in problem  # a German agenda
    (folder / "up").symlink_to(tmp_path)
    (problem,) = problems_of(agenda_with(folder, "up/secret.csv"))
    assert "führt aus dem Ordner" in problem


def test_a_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    shutil.copy(EXPORTS / "anmeldung.csv", tmp_path / "real.csv")
    (tmp_path / "list.csv").symlink_to(tmp_path / "real.csv")
    loaded = load_agenda(agenda_with(tmp_path, "list.csv"))
    assert loaded.participants is not None and len(loaded.participants.participants) == 4


def test_the_command_line_list_may_be_anywhere(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    shutil.copy(EXPORTS / "anmeldung.csv", tmp_path / "private.csv")
    loaded = load_agenda(agenda_with(folder, "../private.csv"), participants=tmp_path / "private.csv")
    assert loaded.participants is not None and len(loaded.participants.participants) == 4


def test_inline_wishes_count_from_one_and_map_titles(tmp_path: Path) -> None:
    """The agenda's own list: a title is mapped as in a file, a wish that is no room says its number (wish 2, not
    preferences[1]) and the closest rooms, at the wish's own line and column."""
    inline = (
        "\n  - {name: Ada, email: ada@example.org, preferences: [Wasser und Klima, digitl]}"
        "\n  - {name: Ben, email: ben@example.org, preferences: [energie, 'mobil & mehr']}"
    )
    lines = EVENT.read_text(encoding="utf-8").count("\n")
    assert problems_of(agenda_with(tmp_path, inline)) == [
        f"agenda.yaml:{lines + 3}:64: error: participants[1].preferences: Wunsch 2: "
        "'mobil & mehr' ist keine gültige ID: Buchstaben, Ziffern, '-', '_' oder '.' verwenden, beginnend mit einem "
        "Buchstaben oder einer Ziffer"
    ]
    inline = inline.replace("'mobil & mehr'", "mobil")
    assert problems_of(agenda_with(tmp_path, inline)) == [
        f"agenda.yaml:{lines + 2}:73: error: participants[0].preferences: wish 2: "
        "'digitl' is no room of a breakout block; closest: 'digital'"
    ]
