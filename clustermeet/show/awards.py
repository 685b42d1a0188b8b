"""I/O: reads the vote's result beside the agenda (``clustermeet vote`` writes it) for the award cues.

Each award segment that announces a vote gets a cue at its start: the announcement with the winner's name once
the vote is counted, else the reminder to count it. The cue is added to a built plan, so the cue sheet stays
pure and a show run before the count simply shows the reminder.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from clustermeet.agenda.timing import person_name
from clustermeet.agenda.voting import award_vote
from clustermeet.i18n import VOTE_WORDS, lookup
from clustermeet.show.cues import Cue, CueKind
from clustermeet.vote.result_file import agenda_outcomes, announcement, result_path_for

if TYPE_CHECKING:
    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.show.cues import Plan


def award_texts(loaded: LoadedAgenda) -> dict[str, tuple[str, str | None]]:
    """For each award segment that announces a vote: the cue's action and the text to paste (None before the
    vote is counted)."""
    agenda = loaded.agenda
    language = agenda.event.language
    outcomes = agenda_outcomes(result_path_for(loaded.path), agenda)
    texts: dict[str, tuple[str, str | None]] = {}
    for index, segment in enumerate(agenda.segments):
        vote_index = award_vote(agenda, index) if segment.kind.value == "award" else None
        if vote_index is None:
            continue
        vote = agenda.segments[vote_index]
        outcome = outcomes.get(vote.id)
        if outcome is None:
            texts[segment.id] = (lookup(VOTE_WORDS, "award_pending", language).format(vote=vote.title), None)
            continue
        template = segment.award.announcement if segment.award is not None else None
        said = announcement(outcome, template, language)
        texts[segment.id] = (lookup(VOTE_WORDS, "award_action", language), said)
    return texts


def with_awards(plan: Plan, loaded: LoadedAgenda) -> Plan:
    """``plan`` with the award cue at the start of each award segment's first step."""
    texts = award_texts(loaded)
    if not texts:
        return plan
    agenda = loaded.agenda
    added: list[Cue] = []
    done: set[str] = set()
    for step in plan.steps:
        if step.segment_id not in texts or step.segment_id in done:
            continue
        done.add(step.segment_id)
        segment = next(s for s in agenda.segments if s.id == step.segment_id)
        action, message = texts[segment.id]
        people = frozenset(segment.speakers) | frozenset({segment.owner} if segment.owner else set())
        crew = frozenset(p.id for p in agenda.people if p.role.value in {"tech", "producer", "host"})
        added.append(
            Cue(
                at=step.planned_start,
                step=step.key,
                segment_id=segment.id,
                segment_title=segment.title,
                anchor="start",
                before=timedelta(0),
                kind=CueKind.announce,
                title=lookup(VOTE_WORDS, "award_cue", agenda.event.language),
                action=action,
                message=message,
                who=tuple(person_name(agenda, p) for p in segment.speakers),
                owner=segment.owner,
                people=people | crew,
            )
        )
    order = {id(c): n for n, c in enumerate([*plan.cues, *added])}
    cues = sorted([*plan.cues, *added], key=lambda c: (c.at, order[id(c)]))
    return replace(plan, cues=cues)
