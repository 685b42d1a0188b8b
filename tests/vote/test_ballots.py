"""Every ballot format, read from its fixture (tests/fixtures/ballots/, written from the documented layouts)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from clustermeet.errors import InvalidInputError
from clustermeet.vote.ballots import parse_time, split_answers
from clustermeet.vote.reading import read_ballot_file
from tests.conftest import FIXTURES

BALLOTS = FIXTURES / "ballots"
WINS = "Which pitch wins?"


def read(name: str, question: str | None = WINS, folder: Path = BALLOTS):  # type: ignore[no-untyped-def]
    return read_ballot_file(folder / name, name, question)


def test_zoom_since_2021_sub_tables_bom_and_several_answers() -> None:
    file = read("zoom-2021.csv")
    assert file.layout == "zoom"
    assert file.questions == (WINS, "Which pitches did you like?")
    assert [(b.line, b.email, b.answers) for b in file.ballots] == [
        (7, "ada@example.org", ("Solar Roofs",)),
        (8, "alan@example.org", ("Bike Library",)),
        (9, "grace@example.org", ("Solar Roofs",)),
    ]
    assert file.ballots[0].submitted == datetime(2023, 3, 14, 15, 31, 5)
    liked = read("zoom-2021.csv", "which pitches did you LIKE?").ballots
    assert liked[0].answers == ("Solar Roofs", "Bike Library")
    assert not liked[0].ranked


def test_zoom_before_2021_question_and_answer_pairs() -> None:
    file = read("zoom-2020.csv")
    assert file.layout == "zoom-2020"
    assert [b.answers for b in file.ballots] == [("Solar Roofs",), ("Bike Library",), ("Repair Cafe",)]
    liked = read("zoom-2020.csv", "Which pitches did you like?").ballots
    assert [b.answers for b in liked] == [("Solar Roofs", "Repair Cafe"), ("Bike Library",)]


def test_zoom_2022_named_columns(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text(
        "Poll report\nTopic,Pitch Night\n\n\n\n"
        "Id,User Name,User Email,Submitted Date/Time,Poll title,Selection\n"
        '1,Ada Lovelace,ada@example.org,"Mar 14, 2023 15:31:05",Which pitch wins?,Repair Cafe\n',
        encoding="utf-8",
    )
    file = read("r.csv", folder=tmp_path)
    assert [(b.line, b.answers) for b in file.ballots] == [(7, ("Repair Cafe",))]


def test_google_forms_choice_and_ranking_grid() -> None:
    file = read("google-grid.csv")
    assert file.layout == "google"
    assert [b.answers for b in file.ballots] == [("Solar Roofs",), ("Bike Library",), ("Solar Roofs",)]
    grid = read("google-grid.csv", "Rank the pitches").ballots
    assert [b.answers for b in grid] == [
        ("Solar Roofs", "Repair Cafe", "Bike Library"),
        ("Bike Library", "Solar Roofs", "Repair Cafe"),
        ("Solar Roofs", "Repair Cafe"),
    ]
    assert all(b.ranked for b in grid)
    assert grid[1].submitted == datetime(2023, 3, 14, 15, 31, 40)


def test_microsoft_forms_workbook_ranking_in_one_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Rank the pitches", "Total points"])
    sheet.append(
        [1, datetime(2023, 3, 14, 15, 30), datetime(2023, 3, 14, 15, 31, 5), "ada@example.org", "Ada Lovelace",
         "Repair Cafe;Solar Roofs;Bike Library;", 0]
    )  # fmt: skip
    book.save(tmp_path / "forms.xlsx")
    file = read("forms.xlsx", None, folder=tmp_path)
    assert file.layout == "forms"
    assert file.questions == ("Rank the pitches",)
    (ballot,) = file.ballots
    assert (ballot.line, ballot.name, ballot.email) == (2, "Ada Lovelace", "ada@example.org")
    assert ballot.answers == ("Repair Cafe", "Solar Roofs", "Bike Library")
    assert ballot.ranked
    assert ballot.submitted == datetime(2023, 3, 14, 15, 31, 5)


def test_plain_csv_choice_and_ranked_columns() -> None:
    choice = read("plain-choice.csv")
    assert choice.layout == "plain"
    assert [(b.name, b.answers, b.ranked) for b in choice.ballots][1] == ("Alan Turing", ("bike-library",), False)
    ranked = read("plain-ranked.csv").ballots
    assert [b.answers for b in ranked] == [
        ("Solar Roofs", "Repair Cafe", "Bike Library"),
        ("Bike Library", "Solar Roofs"),
        ("Solar Roofs", "Repair Cafe"),
    ]
    assert all(b.ranked and b.submitted is None for b in ranked)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("email,choice,submitted\na@example.org,X,yesterday\n", "b.csv:2:17", "'yesterday' is not a date"),
        ("Timestamp,Email Address,Q [A],Q [B]\n3/14/2023 15:31:05,a@example.org,1,first\n", "b.csv:2:36", "B: 'first'"),
        ("name,choice\nAda,X\n", "b.csv:1:0", "no email column"),
        ("email,comment\na@example.org,hi\n", "b.csv:1:0", "no choice column"),
        (
            "Poll Report\n\n#,User Name,User Email,Submitted Date/Time,Q1\n"
            "#,User Name,User Email,Submitted Date/Time,Q2\n",
            "b.csv:1:0",
            "the file asks 'Q1'; 'Q2': none of them is 'Which pitch wins?'",
        ),
        ("", "b.csv:1:0", "empty"),
    ],
)
def test_damaged_files_give_located_errors(tmp_path: Path, text: str, where: str, message: str) -> None:
    (tmp_path / "b.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        read("b.csv", folder=tmp_path)
    (problem,) = caught.value.problems
    assert f"{problem.path}:{problem.line}:{problem.col}" == where
    assert message in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jun 05 2020, 11:05:06", datetime(2020, 6, 5, 11, 5, 6)),
        ("Jun 05, 2020 11:05:06", datetime(2020, 6, 5, 11, 5, 6)),
        ("11/1/2021 9:57:41", datetime(2021, 11, 1, 9, 57, 41)),
        ("2022-10-20 12:31:05", datetime(2022, 10, 20, 12, 31, 5)),
        ("20.10.2022 12:31", datetime(2022, 10, 20, 12, 31)),
        ("soon", None),
    ],
)
def test_the_date_forms_the_tools_write(text: str, expected: datetime | None) -> None:
    assert parse_time(text) == expected


def test_answers_on_lines_of_their_own_split_like_semicolons() -> None:

    assert split_answers("Solar Roofs;\nBike Library\r\nRepair Cafe; ") == (
        "Solar Roofs",
        "Bike Library",
        "Repair Cafe",
    )


def test_google_forms_grid_with_one_row_per_rank(tmp_path: Path) -> None:
    (tmp_path / "g.csv").write_text(
        "Timestamp,Email Address,Ihre Wahl [1. Wahl],Ihre Wahl [2. Wahl],Ihre Wahl [3. Wahl]\n"
        "20.10.2022 12:31:05,ada@example.org,Repair Cafe,Solar Roofs,\n",
        encoding="utf-8",
    )
    (ballot,) = read("g.csv", None, folder=tmp_path).ballots
    assert ballot.answers == ("Repair Cafe", "Solar Roofs")
    assert ballot.submitted == datetime(2022, 10, 20, 12, 31, 5)


def test_google_forms_grid_with_one_rank_twice_says_so(tmp_path: Path) -> None:
    """Without "Limit to one response per column" a grid lets a voter give two rows rank 1: the file's column
    order must not become the voter's order."""
    (tmp_path / "g.csv").write_text(
        "Timestamp,Email Address,Rank [Solar Roofs],Rank [Bike Library],Rank [Repair Cafe]\n"
        "3/14/2023 15:31:00,ada@example.org,2,1,1\n"
        "3/14/2023 15:32:00,alan@example.org,3,1,2\n",
        encoding="utf-8",
    )
    twice, once = read("g.csv", None, folder=tmp_path).ballots
    assert (twice.same_rank, once.same_rank) == ("1", "")
    assert once.answers == ("Bike Library", "Repair Cafe", "Solar Roofs")
