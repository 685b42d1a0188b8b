"""I/O: reads ballot files, writes the audit file, the result page and the result beside the agenda.

The ``vote`` use case: find the vote segment, read every ballot file, decide which ballots count
(:mod:`clustermeet.vote.eligibility`), count them by the vote's method and return a :class:`VoteResult`. The page
and the audit go into one folder, all or nothing, and replace nothing without ``force``; the result beside the
agenda (``<agenda>.vote.json``, for the award cue) is state, rewritten on every count.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from clustermeet.agenda.voting import VoteBlock, VoteMethod, award_vote, first_choices_cannot_break, vote_candidates
from clustermeet.agenda.zones import zone_named
from clustermeet.errors import InputError, InvalidInputError, OptionError
from clustermeet.files import write_atomic, write_batch
from clustermeet.text import closest, csv_text
from clustermeet.vote.eligibility import Decision, Reason, Voter, Window, decide
from clustermeet.vote.methods import count
from clustermeet.vote.page import result_page
from clustermeet.vote.reading import read_ballot_file
from clustermeet.vote.result import AUDIT_COLUMNS, VoteResult, audit_rows, say
from clustermeet.vote.result_file import (
    VoteOutcome,
    announcement,
    event_key,
    read_outcomes,
    result_file_text,
    result_path_for,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.agenda.models import Segment

CREW_ROLES = frozenset({"moderator", "host", "facilitator", "tech", "producer"})
PAGE, AUDIT = "result.html", "audit.csv"


def count_vote(
    loaded: LoadedAgenda,
    ballot_files: Sequence[Path],
    *,
    segment: str | None = None,
    method: str | None = None,
    output: Path | None = None,
    record: Path | None = None,
    report_tz: str | None = None,
    force: bool = False,
) -> VoteResult:
    """Count the vote ``segment`` (the agenda's only vote when None) from ``ballot_files``; ``method`` overrides
    the agenda's; the page and the audit go to ``output`` (default ``<agenda>-vote/`` beside the agenda), the
    outcome to ``record`` (default ``<agenda>.vote.json`` beside it, where the award cue looks); the reports' times
    are wall times in ``report_tz`` (default the event's zone)."""
    agenda = loaded.agenda
    index = _vote_index(loaded, segment)
    vote = agenda.segments[index]
    rules = vote.vote or VoteBlock()
    if method is not None:
        rules = rules.model_copy(update={"method": _method(method)})
        unordered = first_choices_cannot_break(rules.method, rules.tie_break)
        if unordered:
            raise OptionError("method", method, f"does not go with the vote's tie_break: {unordered}")
    zone = zone_named(report_tz, "report_tz") if report_tz is not None else loaded.schedule.zone
    candidates = vote_candidates(agenda, index)
    question = rules.question or (vote.poll.question if vote.poll is not None else None)
    files = [read_ballot_file(path, str(path), question) for path in ballot_files]
    ballots = [ballot for f in files for ballot in f.ballots]
    voters = _voters(loaded)
    if not voters and rules.voters == "registered":
        raise InputError(
            f"{loaded.display}: the agenda lists no participants, so no ballot can be checked against them",
            hint="add participants: to the agenda, or let anyone vote (vote: {voters: anyone})",
        )
    decisions = decide(ballots, voters, candidates, rules, _window(loaded, vote, rules, zone))
    counted = [d.choices for d in decisions if d.counted]
    tally = count(rules.method, [c.id for c in candidates], counted, rules.tie_break)
    draft = VoteResult(
        vote.id, vote.title, agenda.event.language, candidates, tally, decisions, files, "", rules.tie_break
    )
    names = tuple(c.name for c in candidates)
    outcome = VoteOutcome(
        vote.title,
        tally.method.value,
        tally.ballots,
        draft.winner_name,
        tuple(draft.tied_names),
        names,
        event_key(agenda),
    )
    language = agenda.event.language
    nothing = say("none_counted", language) if not counted else None
    said = nothing or announcement(outcome, _template(loaded, index), language)
    warnings = _warnings(decisions, language, zone) + ((nothing,) if nothing else ())
    result = replace(draft, announcement=said, warnings=warnings)
    return _write(loaded, result, None if nothing else outcome, (output, record), force)


def _vote_index(loaded: LoadedAgenda, wanted: str | None) -> int:
    votes = {s.id: i for i, s in enumerate(loaded.agenda.segments) if s.kind.value == "vote"}
    if wanted is None and len(votes) == 1:
        return next(iter(votes.values()))
    if wanted is not None and wanted in votes:
        return votes[wanted]
    if not votes:
        raise InputError(f"{loaded.display}: the agenda has no segment of kind: vote")
    if wanted is None:
        raise OptionError("segment", "", "names no vote: the agenda has several", choices=list(votes))
    raise OptionError(
        "segment", wanted, "is not a vote segment", choices=list(votes), suggestion=closest(wanted, list(votes))
    )


def _method(value: str) -> VoteMethod:
    names = [m.value for m in VoteMethod]
    if value not in names:
        raise OptionError("method", value, "is not a counting method", choices=names, suggestion=closest(value, names))
    return VoteMethod(value)


def _voters(loaded: LoadedAgenda) -> list[Voter]:
    """The participants, then the people of the programme with an address; the organiser counts as crew."""
    agenda = loaded.agenda
    organiser = agenda.event.organiser.email.casefold()
    voters: dict[str, Voter] = {}
    for p in loaded.participants.participants if loaded.participants else []:
        crew = p.role == "facilitator" or p.email.casefold() == organiser
        voters.setdefault(p.email.casefold(), Voter(p.email, p.name, p.organisation, crew))
    for person in agenda.people:
        if person.email:
            crew = person.role.value in CREW_ROLES or person.email.casefold() == organiser
            voters.setdefault(person.email.casefold(), Voter(person.email, person.name, person.organisation, crew))
    return list(voters.values())


def _window(loaded: LoadedAgenda, vote: Segment, rules: VoteBlock, zone: ZoneInfo) -> Window:
    item = next(i for i in loaded.schedule.items if i.segment_id == vote.id and i.parent is None)
    return Window(item.start - rules.grace, item.end + rules.grace, zone)


def _warnings(decisions: Sequence[Decision], language: str, zone: ZoneInfo) -> tuple[str, ...]:
    """No timed ballot counts and some fell outside the vote's time: the report's times are likely in another
    zone."""
    timed = [d for d in decisions if d.ballot.submitted is not None]
    outside = [d for d in timed if d.reason in (Reason.early, Reason.late)]
    if outside and not any(d.counted for d in timed):
        return (say("all_outside", language, count=len(outside), zone=zone.key),)
    return ()


def _template(loaded: LoadedAgenda, vote_index: int) -> str | None:
    """The announcement of the first award segment that announces this vote, if it words its own."""
    agenda = loaded.agenda
    for i, segment in enumerate(agenda.segments):
        if segment.kind.value == "award" and award_vote(agenda, i) == vote_index:
            return segment.award.announcement if segment.award else None
    return None


def _write(
    loaded: LoadedAgenda,
    result: VoteResult,
    outcome: VoteOutcome | None,
    where: tuple[Path | None, Path | None],
    force: bool,
) -> VoteResult:
    output, record = where
    folder = output if output is not None else loaded.folder / f"{loaded.path.stem}-vote"
    page, audit = folder / PAGE, folder / AUDIT
    state = record if record is not None else result_path_for(loaded.path)
    outcomes = _kept_outcomes(state)  # before anything is written: a damaged record stops it all
    write_batch({page: result_page(result), audit: csv_text([AUDIT_COLUMNS, *audit_rows(result)])}, force=force)
    if outcome is None:  # nothing counted: a record would announce a tie of everybody
        return replace(result, written={"page": page, "audit": audit})
    outcomes[result.segment_id] = outcome
    write_atomic(state, result_file_text(outcomes), force=True)
    return replace(result, written={"page": page, "audit": audit, "result": state})


def _kept_outcomes(state: Path) -> dict[str, VoteOutcome]:
    """The other votes' outcomes in the record ``state``. A damaged one is an error even with force: ``--record``
    may name a file by mistake (the agenda, another tool's state), and a file that is no record is not replaced."""
    try:
        return read_outcomes(state)
    except InvalidInputError as exc:
        problem = exc.problems[0]
        raise InvalidInputError(
            [replace(problem, message=f"{problem.message}; if it is this vote's record, delete it and count again")]
        ) from None
