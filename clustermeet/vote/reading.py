"""I/O: read ballot files (CSV in any dialect, or a workbook) through the shared tabular reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.agenda.tables import MiB, read_table
from clustermeet.vote.ballots import BallotFile, read_ballots

if TYPE_CHECKING:
    from pathlib import Path

#: the largest ballot file read: a vote of an online event has hundreds of rows, a few hundred kilobytes, but a
#: poll report of a large event (Zoom writes one row per attendee and question) is as large as its participant list
LIMIT = 512 * MiB


def read_ballot_file(path: Path, display: str, question: str | None) -> BallotFile:
    """The ballots of one file for ``question`` (see :func:`clustermeet.vote.ballots.read_ballots`)."""
    return read_ballots(read_table(path, display=display, limit=LIMIT), question)
