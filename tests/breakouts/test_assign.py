"""``clustermeet assign``: structure of every output, golden files, bad input, late registrations, mixing."""

from __future__ import annotations

import csv
import io
import json
import os
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from clustermeet.agenda.loading import load_agenda
from clustermeet.agenda.models import Agenda, Participant
from clustermeet.agenda.participants import ParticipantList, parse_participants_csv
from clustermeet.agenda.tables import cell_columns
from clustermeet.breakouts.assign import assign_rooms
from clustermeet.breakouts.assignments_file import parse_assignments_csv
from clustermeet.breakouts.blocks import breakout_blocks
from clustermeet.breakouts.mixing import mix, repeat_pairs
from clustermeet.cli import app
from clustermeet.cli.output import ExitCode
from clustermeet.errors import InvalidInputError, OptionError
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "participants"
GOLDEN = ROOT / "tests" / "golden" / "assign"
WORKSHOP = FIXTURES / "workshop.yaml"
DEMO = ROOT / "agendas" / "go-cluster-2022.yaml"

runner = CliRunner()


def _invoke(*args: str | Path) -> Result:
    return runner.invoke(app, ["assign", *map(str, args)], catch_exceptions=False)


def check_structure(agenda: Agenda, people: list[Participant], text: str) -> None:
    """Every rule a written assignments CSV must keep, checked from the file alone."""
    placements = parse_assignments_csv(text, "out.csv")
    language = agenda.event.language
    crew = {}
    for segment in agenda.segments:
        for room in segment.breakout.effective_rooms(language) if segment.breakout else []:
            person = agenda.person(room.facilitator) if room.facilitator else None
            if person is not None and person.email:
                crew[person.email.lower()] = (segment.id, room.id)
    by_email = {p.email.lower(): p for p in people}
    blocks: dict[str, list] = {}
    for placement in placements:
        blocks.setdefault(placement.block, []).append(placement)
    expected_blocks = []
    for segment in agenda.segments:
        if segment.breakout is None:
            continue
        rounds = segment.breakout.rounds
        expected_blocks += [segment.id] if rounds == 1 else [f"{segment.id}/{t}" for t in range(1, rounds + 1)]
    assert sorted(blocks) == sorted(expected_blocks)
    for name, rows in blocks.items():
        segment = next(s for s in agenda.segments if s.id == name.split("/")[0])
        assert segment.breakout is not None
        rooms = {room.id: room for room in segment.breakout.effective_rooms(language)}
        emails = [row.email.lower() for row in rows]
        assert len(emails) == len(set(emails)), "someone placed twice"
        listed = [e for e in emails if e in by_email]
        assert sorted(listed) == sorted(by_email), "someone not placed"
        size = Counter(row.room for row in rows if row.email.lower() in by_email)
        for room_id, count in size.items():
            capacity = rooms[room_id].capacity
            assert capacity is None or count <= capacity, f"{name}/{room_id} over capacity"
        for row in rows:
            assert row.room in rooms
            person = by_email.get(row.email.lower())
            if person is None:
                assert crew[row.email.lower()] == (segment.id, row.room)
                continue
            own_fixed = [r for r in person.fixed if r in rooms]
            if own_fixed:
                assert row.room == own_fixed[0] and row.rank is None, f"{row.email} not in fixed room"
            wishes = [r for r in dict.fromkeys(person.preferences) if r in rooms]
            if row.rank is not None:
                assert wishes[row.rank - 1] == row.room
            elif not own_fixed and segment.breakout.mode == "topics" and row.email.lower() not in crew:
                assert row.room not in wishes
        if segment.breakout.facilitators:
            leads = Counter(
                row.room
                for row in rows
                if row.email.lower() in crew or by_email[row.email.lower()].role == "facilitator"
            )
            assert all(leads[room_id] == 1 for room_id in rooms), f"{name}: facilitators {leads}"
        cap = segment.breakout.max_per_organisation
        if cap is not None:
            orgs = Counter(
                (by_email[row.email.lower()].organisation, row.room)
                for row in rows
                if row.email.lower() in by_email and by_email[row.email.lower()].organisation
            )
            assert max(orgs.values(), default=0) <= cap


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs; UPDATE_GOLDEN=1 to accept"


def test_demo_agenda(tmp_path: Path) -> None:
    out = tmp_path / "demo.csv"
    result = runner.invoke(app, ["assign", str(DEMO), "--output", str(out), "--json"], catch_exceptions=False)
    assert result.exit_code == ExitCode.OK, result.output
    loaded = load_agenda(DEMO)
    assert loaded.participants is not None
    check_structure(loaded.agenda, loaded.participants.participants, out.read_text(encoding="utf-8"))
    data = json.loads(result.stdout)
    (block,) = data["blocks"]
    assert block["block"] == "breakouts"
    assert block["participants"] == 60
    assert block["optimal"] is True
    assert block["lower_bound"] <= block["objective"]
    assert sum(block["rank_histogram"].values()) == block["with_wishes"]
    assert 0 < block["first_choice_share"] <= block["first_choice_best"] <= 1


def test_workshop_outputs_and_golden_files(tmp_path: Path) -> None:
    out, zoom, rosters = tmp_path / "a.csv", tmp_path / "zoom", tmp_path / "rosters"
    result = runner.invoke(
        app,
        ["assign", str(WORKSHOP), "-o", str(out), "--zoom-csv", str(zoom), "--rosters", str(rosters)],
        catch_exceptions=False,
    )
    assert result.exit_code == ExitCode.OK, result.output
    loaded = load_agenda(WORKSHOP)
    assert loaded.participants is not None
    text = out.read_text(encoding="utf-8")
    check_structure(loaded.agenda, loaded.participants.participants, text)
    _golden("workshop.csv", text)
    zoom_text = (zoom / "topics-zoom.csv").read_text(encoding="utf-8")
    assert zoom_text.splitlines()[0] == "Pre-assign Room Name,Email Address"
    # the room's name exactly as Zoom should show it (validate warns about the '=' instead); on main: "'=Alpha room"
    assert "\r\n=Alpha room,ada@example.org\r\n" in zoom.joinpath("topics-zoom.csv").read_bytes().decode("utf-8")
    assert "'=Alpha" not in zoom_text
    _golden("topics-zoom.csv", zoom_text)
    # Zoom keeps one set of pre-assignments per meeting: one file, and how to open each round of the mixer
    # (on main: four files, mixer-1/2/3-zoom.csv and topics-zoom.csv, for one meeting)
    assert sorted(p.name for p in zoom.iterdir()) == ["topics-zoom.csv"]
    for number in (1, 2, 3):
        assert f"note: mixer/{number}: Zoom: open 3 rooms, automatic assignment" in result.stderr
    _golden("topics-alpha.md", (rosters / "topics-alpha.md").read_text(encoding="utf-8"))
    assert len(list(rosters.iterdir())) == 3 + 3 * 3


def test_same_input_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "1.csv", tmp_path / "2.csv"
    for out in (first, second):
        assert _invoke(WORKSHOP, "-o", out, "--seed", "7").exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_german_excel_file(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    source = FIXTURES / "german-excel.csv"
    result = runner.invoke(
        app, ["assign", str(WORKSHOP), "-p", str(source), "-o", str(out), "--block", "topics"], catch_exceptions=False
    )
    assert result.exit_code == ExitCode.OK, result.output
    plist = parse_participants_csv(source.read_text(encoding="utf-8"), "x.csv")
    assert [p.name for p in plist.participants][:3] == ["Ada Äpfel", "Ben Bär", "Cem; Jr."]
    assert plist.participants[0].preferences == ["alpha", "beta"]
    assert plist.lines[-1] == 11  # the blank line is skipped but counted
    text = out.read_text(encoding="utf-8")
    agenda = load_agenda(WORKSHOP).agenda
    only_topics = agenda.model_copy(update={"segments": [s for s in agenda.segments if s.id != "mixer"]})
    check_structure(only_topics, plist.participants, text)
    assert "'=HYPERLINK" in text


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "duplicate-email.csv",
            "duplicate-email.csv:3:9: error: e-mail ADA@example.org appears twice (first on line 2)",
        ),
        (
            "malformed-email.csv",
            "malformed-email.csv:2:5: error: email: 'ada-at-example.org' is not an e-mail address "
            "(an email address must have an @-sign)",
        ),
        (
            "unknown-room.csv",
            "unknown-room.csv:2:23: error: preferences: wish 2: 'delta' is no room of a breakout block",
        ),
        ("too-many-facilitators.csv", "too-many-facilitators.csv:4:22: error: role: more facilitators than rooms"),
        ("fixed-room-full.csv", "5 participants are fixed to room 'beta' but it holds 4"),
        ("capacity-below-head-count.csv", "the rooms hold 12 people but there are 13 participants"),
    ],
)
def test_bad_participants(tmp_path: Path, fixture: str, message: str) -> None:
    out = tmp_path / "a.csv"
    result = runner.invoke(
        app,
        ["assign", str(WORKSHOP), "-p", str(FIXTURES / "invalid" / fixture), "-o", str(out), "--block", "topics"],
        catch_exceptions=False,
    )
    assert result.exit_code == ExitCode.INVALID, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_no_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    out.write_text("keep", encoding="utf-8")
    result = _invoke(WORKSHOP, "-o", out)
    assert result.exit_code == ExitCode.USAGE
    assert "exists already" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep"
    assert _invoke(WORKSHOP, "-o", out, "--force").exit_code == ExitCode.OK


def test_unknown_block_is_a_usage_error(tmp_path: Path) -> None:
    result = _invoke(WORKSHOP, "-o", tmp_path / "a.csv", "--block", "nope")
    assert result.exit_code == ExitCode.USAGE
    assert "error: --block: 'nope' is not the id of a breakout block" in result.stderr
    assert "hint: one of: topics, mixer" in result.stderr
    assert not (tmp_path / "a.csv").exists()


def test_unknown_block_names_the_parameter_and_the_choices() -> None:
    agenda = load_agenda(WORKSHOP).agenda
    with pytest.raises(OptionError) as caught:
        breakout_blocks(agenda, "Topics")
    assert (caught.value.option, caught.value.value) == ("block", "Topics")
    assert caught.value.choices == ("topics", "mixer")
    assert caught.value.suggestion == "topics"
    assert "--" not in caught.value.message


def test_no_participants_is_an_input_error_that_names_the_flag(tmp_path: Path) -> None:
    text = WORKSHOP.read_text(encoding="utf-8").split("\nparticipants:")[0] + "\n"
    agenda = tmp_path / "no-people.yaml"
    agenda.write_text(text, encoding="utf-8")
    result = _invoke(agenda, "-o", tmp_path / "a.csv")
    assert result.exit_code == ExitCode.INVALID, result.output
    assert f"error: {agenda}: the agenda lists no participants" in result.stderr
    assert "hint: give --participants FILE, or participants: in the agenda" in result.stderr


def test_previous_keeps_people_and_places_newcomers(tmp_path: Path) -> None:
    loaded = load_agenda(WORKSHOP)
    assert loaded.participants is not None
    first = tmp_path / "first.csv"
    assert _invoke(WORKSHOP, "-o", first, "--block", "topics").exit_code == 0
    before = {p.email: p.room for p in parse_assignments_csv(first.read_text(encoding="utf-8"), "first.csv")}
    # two late registrations who both want alpha, which is full: someone must make room or they go elsewhere
    late = (FIXTURES / "workshop.csv").read_text(encoding="utf-8") + (
        "Kim,kim@example.org,,participant,alpha,\nLou,lou@example.org,,participant,alpha|gamma,\n"
    )
    csv_path = tmp_path / "late.csv"
    csv_path.write_text(late, encoding="utf-8")
    second = tmp_path / "second.csv"
    result = _invoke(WORKSHOP, "-p", csv_path, "-o", second, "--block", "topics", "--previous", first, "--json")
    assert result.exit_code == 0, result.output
    after = {p.email: p.room for p in parse_assignments_csv(second.read_text(encoding="utf-8"), "second.csv")}
    data = json.loads(result.stdout)
    assert data["moved"] == []
    assert all(after[email] == room for email, room in before.items())
    assert after["kim@example.org"] != "alpha"  # alpha is full with people who stay
    plist = parse_participants_csv(late, "late.csv")
    only_topics = loaded.agenda.model_copy(update={"segments": [s for s in loaded.agenda.segments if s.id != "mixer"]})
    check_structure(only_topics, plist.participants, second.read_text(encoding="utf-8"))


def test_previous_lists_who_moved_and_who_left(tmp_path: Path) -> None:
    previous = tmp_path / "prev.csv"
    previous.write_text(
        "email,name,block,room,rank\r\n"
        "ada@example.org,Ada,topics,gone,\r\n"
        "gus@example.org,Gus,topics,gamma,\r\n"
        "zoe@example.org,Zoe,topics,beta,1\r\n",
        encoding="utf-8",
    )
    result = _invoke(WORKSHOP, "-o", tmp_path / "a.csv", "--block", "topics", "--previous", previous, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    reasons = {m["email"]: m["reason"] for m in data["moved"]}
    assert reasons["ada@example.org"] == "room 'gone' no longer exists"
    assert reasons["gus@example.org"] == "fixed to 'beta'"
    assert [p["email"] for p in data["left"]] == ["zoe@example.org"]


def test_random_lists_keep_every_rule() -> None:
    loaded = load_agenda(WORKSHOP)
    agenda = loaded.agenda
    rng = random.Random(5)
    rooms = ["alpha", "beta", "gamma"]
    for trial in range(15):
        people = [
            Participant(name=f"F{i}", email=f"f{i}.{trial}@example.org", role="facilitator", organisation="Org0")
            for i in range(2)
        ]
        for i in range(rng.randint(3, 10)):
            wishes = rng.sample(rooms, rng.randint(0, 3))
            fixed = [rng.choice(rooms)] if rng.random() < 0.1 else []
            people.append(
                Participant(
                    name=f"P{i}",
                    email=f"p{i}.{trial}@example.org",
                    organisation=rng.choice([None, "Org0", "Org1", "Org2", "Org3"]),
                    preferences=wishes,
                    fixed=fixed,
                )
            )
        plist = ParticipantList(people, "", list(range(len(people))))
        try:
            result = assign_rooms(agenda, plist, seed=trial)
        except Exception as exc:  # an infeasible draw must be a reported input error, nothing else
            assert type(exc).__name__ in {"InvalidInputError", "InputError"}, exc
            continue
        from clustermeet.breakouts.outputs import assignments_csv

        check_structure(agenda, people, assignments_csv(result))


def test_mixing_prime_rooms_have_no_repeats() -> None:
    result = mix(49, 7, 7, seed=3)
    assert result.method == "affine-plane"
    assert result.repeat_pairs == 0 == repeat_pairs(result.rounds)
    for plan in result.rounds:
        assert sorted(Counter(plan).values()) == [7] * 7


@pytest.mark.parametrize(("count", "rooms", "rounds"), [(60, 6, 2), (25, 4, 3), (50, 7, 3), (10, 3, 4)])
def test_mixing_groups_are_near_equal_and_seeded(count: int, rooms: int, rounds: int) -> None:
    result = mix(count, rooms, rounds, seed=11)
    for plan in result.rounds:
        sizes = Counter(plan).values()
        assert max(sizes) - min(sizes) <= 1 and sum(sizes) == count
    assert result.repeat_pairs >= result.bound
    assert result.repeat_pairs == repeat_pairs(result.rounds)
    assert mix(count, rooms, rounds, seed=11).rounds == result.rounds


def test_output_csv_is_readable_by_the_shared_reader(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert _invoke(WORKSHOP, "-o", out).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == ["email", "name", "block", "room", "rank"]
    assert len(parse_assignments_csv(out.read_text(encoding="utf-8"), "a.csv")) == len(rows) - 1


def test_zoom_files_split_within_zoom_limits() -> None:
    from clustermeet.agenda.models import BreakoutRoom
    from clustermeet.breakouts.platforms import ZOOM_MAX_PEOPLE, ZOOM_MAX_ROOMS, zoom_files

    agenda = load_agenda(WORKSHOP).agenda
    topics = next(s for s in agenda.segments if s.id == "topics")
    assert topics.breakout is not None
    rooms = [BreakoutRoom(id=f"r{i:03d}", title=f"Room {i}", capacity=10) for i in range(120)]
    breakout = topics.breakout.model_copy(update={"rooms": rooms, "facilitators": False, "max_per_organisation": None})
    segment = topics.model_copy(update={"breakout": breakout})
    big = agenda.model_copy(update={"segments": [agenda.segments[0], segment]})
    people = [Participant(name=f"P{i}", email=f"p{i}@example.org") for i in range(1150)]
    result = assign_rooms(big, ParticipantList(people, "", list(range(len(people)))))
    zoom = zoom_files(big, result)
    assert len(zoom.files) >= 2 and "split into" in zoom.warnings[0]
    seen: list[str] = []
    for text in zoom.files.values():
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == ["Pre-assign Room Name", "Email Address"]
        assert len(rows) - 1 <= ZOOM_MAX_PEOPLE and len({r[0] for r in rows[1:]}) <= ZOOM_MAX_ROOMS
        seen += [r[1] for r in rows[1:]]
    assert sorted(seen) == sorted(p.email for p in people)


@pytest.mark.parametrize(
    ("line", "delimiter", "starts"),
    [
        ("Ann,ann@example.org,Acme", ",", [1, 5, 21]),
        ('"Bo, Jr.",bo@example.org,', ",", [1, 11, 26]),
        ('"say ""hi"", then",x', ",", [1, 20]),
        ('ab"c,d', ",", [1, 6]),  # a quote inside an unquoted cell is a character like any other
        ('"Ann"B"C,x",y', ",", [1, 10, 13]),  # after the closing quote, the rest of the cell is plain text
        ("Ann;ann@example.org;Acme;r1|r3", ";", [1, 5, 21, 26]),
    ],
)
def test_cell_columns_follow_csv_quoting(line: str, delimiter: str, starts: list[int]) -> None:
    assert cell_columns(line, delimiter) == starts
    assert len(next(csv.reader([line], delimiter=delimiter))) == len(starts)


@settings(max_examples=500, derandomize=True, database=None)
@given(line=st.text(alphabet=st.sampled_from('ab ,;"ä'), min_size=1, max_size=14), delimiter=st.sampled_from(",;"))
def test_cell_columns_agree_with_the_csv_module(line: str, delimiter: str) -> None:
    """Any line, well-formed or not (stray quotes, text after a closing quote): the same cells as csv.reader."""
    row = next(csv.reader([line], delimiter=delimiter))
    starts = cell_columns(line, delimiter)
    assert len(starts) == len(row)
    for start, cell in zip(starts, row, strict=True):  # read from its start, each cell is itself again
        rest = next(csv.reader([line[start - 1 :]], delimiter=delimiter))
        assert (rest[0] if rest else "") == cell  # the csv module reads an empty rest of the line as no cells


def _problems(text: str) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        parse_participants_csv(text, "p.csv")
    return [p.text() for p in caught.value.problems]


def test_columns_count_lines_as_the_csv_module_does() -> None:
    """A lone CR inside a quoted cell ends a line for the csv module; the column must come from Bobby's line."""
    text = (
        'name,email,role\r\n"A\rB",a@example.org,participant\r\nBobby,bad,x\r\n'
        "Carl Longname,c@example.org,participant\r\n"
    )
    assert _problems(text) == [
        "p.csv:4:7: error: email: 'bad' is not an e-mail address (an email address must have an @-sign)",
        "p.csv:4:11: error: role: 'x' is not a role; write participant or facilitator",
    ]


def test_of_two_columns_for_one_field_the_first_is_read_and_the_other_named() -> None:
    plist = parse_participants_csv("name,mail,e-mail\nAnn,ann@example.org,not-an-email\n", "p.csv")
    assert plist.participants[0].email == "ann@example.org"
    assert [w.text() for w in plist.warnings] == ["p.csv:1: warning: 1 column(s) not read: 'e-mail'"]
