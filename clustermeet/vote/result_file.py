"""I/O: the vote's result beside the agenda (``<agenda>.vote.json``): what ``vote`` counted, for the award cue.

``vote`` writes it; ``runsheet`` and ``run`` read it (through ``show.awards``, a declared contract) to put the
winner's name into the award segment's cue. It holds names of candidates, never of voters. One entry per vote
segment, so counting one vote keeps the others. The file's text both ways, checked on read, and the reading.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.yamlsource import read_text
from clustermeet.errors import InvalidInputError, Problem
from clustermeet.i18n import VOTE_WORDS, lookup

if TYPE_CHECKING:
    from pathlib import Path

FORMAT = 1


@dataclass(frozen=True)
class VoteOutcome:
    """One vote's outcome: the winner's name, or the names of a tie no rule broke."""

    title: str
    method: str
    counted: int
    winner_name: str | None
    tied: tuple[str, ...] = ()


def result_path_for(agenda: Path) -> Path:
    """``talk.yaml`` -> ``talk.vote.json`` beside it."""
    return agenda.with_name(f"{agenda.stem}.vote.json")


def result_file_text(outcomes: dict[str, VoteOutcome]) -> str:
    body = {"format": FORMAT, "votes": {key: asdict(outcomes[key]) for key in sorted(outcomes)}}
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def parse_result_file(text: str, display: str) -> dict[str, VoteOutcome]:
    """The outcomes in a result file; a located :class:`InvalidInputError` when it is damaged."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _damaged(display, f"not JSON ({exc.msg})", exc.lineno, exc.colno) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("votes"), dict):
        raise _damaged(display, f"not a vote result file of format {FORMAT}; count the vote again")
    outcomes = {}
    for key, entry in data["votes"].items():
        outcome = _outcome(entry)
        if outcome is None:
            raise _damaged(display, f"votes.{key}: damaged; count the vote again")
        outcomes[str(key)] = outcome
    return outcomes


def _outcome(entry: Any) -> VoteOutcome | None:
    if not isinstance(entry, dict):
        return None
    title, method, counted = entry.get("title"), entry.get("method"), entry.get("counted")
    winner, tied = entry.get("winner_name"), entry.get("tied", [])
    if not (isinstance(title, str) and isinstance(method, str) and isinstance(counted, int)):
        return None
    if not (winner is None or isinstance(winner, str)) or not isinstance(tied, list):
        return None
    if not all(isinstance(name, str) for name in tied) or (winner is None) == (not tied):
        return None
    return VoteOutcome(title, method, counted, winner, tuple(tied))


def _damaged(display: str, message: str, line: int = 1, col: int = 0) -> InvalidInputError:
    return InvalidInputError([Problem(display, line, col, "error", message)])


def announcement(outcome: VoteOutcome, template: str | None, language: str) -> str:
    """What the moderator says: the award's ``template`` (or the default sentence) with the winner, or the tie."""
    if outcome.winner_name is None:
        return lookup(VOTE_WORDS, "announcement_tie", language).format(names=", ".join(outcome.tied))
    text = template if template is not None else lookup(VOTE_WORDS, "announcement", language)
    return text.format(winner=outcome.winner_name)


def read_outcomes(state: Path) -> dict[str, VoteOutcome]:
    """The outcomes counted so far in the result file ``state`` (none when there is no such file)."""
    if not state.is_file():
        return {}
    return parse_result_file(read_text(state, str(state), is_input=False), str(state))  # state: rewritten
