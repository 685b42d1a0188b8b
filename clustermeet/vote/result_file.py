"""I/O: the vote's result beside the agenda (``<agenda>.vote.json``): what ``vote`` counted, for the award cue.

``vote`` writes it; ``runsheet`` and ``run`` read it (through ``show.awards``, a declared contract) to put the
winner's name into the award segment's cue. It holds names of candidates, never of voters. One entry per vote
segment, so counting one vote keeps the others. The file's text both ways, checked on read, and the reading.

The file is input like any other: a damaged one is a located error, and so is one that no longer fits the agenda
(another event, other candidates, another method, a winner who is not on the ballot), so a stale or hand-edited
record cannot put a wrong name into the moderator's cue.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.voting import VoteBlock, vote_candidates
from clustermeet.agenda.yamlsource import read_text
from clustermeet.errors import InvalidInputError, Problem
from clustermeet.i18n import VOTE_WORDS, lookup

if TYPE_CHECKING:
    from pathlib import Path

    from clustermeet.agenda.models import Agenda

#: 2: each entry says which event and which candidates it counted, so that a stale one is told on read
FORMAT = 2


@dataclass(frozen=True)
class VoteOutcome:
    """One vote's outcome: the winner's name, or the names of a tie no rule broke."""

    title: str
    method: str
    counted: int
    winner_name: str | None
    tied: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    event: str = ""


def event_key(agenda: Agenda) -> str:
    """The event a record belongs to: its title and first day (a record left from last year's edition of the
    same agenda file is not this year's)."""
    return f"{agenda.event.title} {agenda.event.days[0].isoformat()}"


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
    except RecursionError:  # json gives up on deep nesting with this, not with a JSONDecodeError
        raise _damaged(display, "not a vote result file: nested too deeply; count the vote again") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("votes"), dict):
        raise _damaged(display, f"not a vote result file of format {FORMAT}; count the vote again")
    outcomes = {}
    for key, entry in data["votes"].items():
        outcome = _outcome(entry)
        if outcome is None:
            line, col = _place(text, key)
            raise _damaged(display, f"votes.{key}: damaged; count the vote again", line, col)
        outcomes[str(key)] = outcome
    return outcomes


def _strings(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    return tuple(value)


def _outcome(entry: Any) -> VoteOutcome | None:
    """The entry's outcome when it is whole and says one thing: a winner or a tie among its own candidates."""
    if not isinstance(entry, dict):
        return None
    title, method, counted, event = entry.get("title"), entry.get("method"), entry.get("counted"), entry.get("event")
    winner, tied, candidates = entry.get("winner_name"), _strings(entry.get("tied")), _strings(entry.get("candidates"))
    if not (isinstance(title, str) and isinstance(method, str) and isinstance(event, str)):
        return None
    if isinstance(counted, bool) or not isinstance(counted, int) or counted < 0:
        return None
    if tied is None or candidates is None or not (winner is None or isinstance(winner, str)):
        return None
    if winner is not None and (tied or winner not in candidates):
        return None
    if winner is None and (len(tied) < 2 or len(set(tied)) < len(tied) or not set(tied) <= set(candidates)):
        return None
    return VoteOutcome(title, method, counted, winner, tied, candidates, event)


def _place(text: str, key: str) -> tuple[int, int]:
    """Where the entry ``key`` starts in ``text`` (line, column), as near as a search finds it."""
    at = text.find(json.dumps(key, ensure_ascii=False))
    if at < 0:
        return 1, 0
    start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - start + 1


def _damaged(display: str, message: str, line: int = 1, col: int = 0) -> InvalidInputError:
    return InvalidInputError([Problem(display, line, col, "error", message)])


def stale(outcome: VoteOutcome, agenda: Agenda, vote_index: int) -> str | None:
    """Why ``outcome`` no longer fits vote segment ``vote_index`` of ``agenda`` (None when it does)."""
    vote = agenda.segments[vote_index]
    names = tuple(c.name for c in vote_candidates(agenda, vote_index))
    method = (vote.vote or VoteBlock()).method.value
    if outcome.event != event_key(agenda):
        return f"counted for {outcome.event!r}, but the agenda is {event_key(agenda)!r}"
    if outcome.candidates != names:
        return f"counted among {', '.join(outcome.candidates)}, but the vote's candidates are now {', '.join(names)}"
    if outcome.method != method:
        return f"counted by {outcome.method}, but the agenda counts this vote by {method}"
    return None


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


def agenda_outcomes(state: Path, agenda: Agenda) -> dict[str, VoteOutcome]:
    """The outcomes in ``state`` of the votes ``agenda`` has, each checked against it: a located error names the
    first that is stale (entries of segments that are no longer votes are passed over)."""
    if not state.is_file():
        return {}
    text = read_text(state, str(state), is_input=False)  # state: rewritten by vote
    outcomes = parse_result_file(text, str(state))
    votes = {s.id: i for i, s in enumerate(agenda.segments) if s.kind.value == "vote"}
    for key in sorted(outcomes.keys() & votes.keys()):
        why = stale(outcomes[key], agenda, votes[key])
        if why is not None:
            line, col = _place(text, key)
            raise _damaged(str(state), f"votes.{key}: {why}; count the vote again (clustermeet vote)", line, col)
    return {key: outcomes[key] for key in outcomes.keys() & votes.keys()}
