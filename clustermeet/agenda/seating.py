"""Whether the participants can be seated in each breakout block: the one set of checks ``validate`` and ``assign``
share.

:func:`block_seats` works out what the file fixes in one block (fixed rooms, the agenda's facilitators who are on
the participant list too), what that leaves of each room, and every reason the block cannot be placed, as findings
placed in the CSV or the agenda. ``validate`` reports the findings of every block; ``assign`` refuses on the same
findings, then hands the fixed places to its solver. Whether the free people fit (capacities, organisation caps, one
facilitator per room) is decided exactly by a maximum flow (:mod:`clustermeet.agenda.maxflow`), as the solver's own
network would; a topics block with both facilitators and ``max_per_organisation``, where a facilitator counts in
both (the solver's MIP case, see docs/assign.md), is then decided by a small MIP.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from clustermeet.agenda.findings import Finding, Loc
from clustermeet.agenda.maxflow import FlowNetwork
from clustermeet.agenda.wishes import agenda_rooms

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from clustermeet.agenda.models import Agenda, BreakoutRoom
    from clustermeet.agenda.participants import ParticipantList

_T = TypeVar("_T")


def person_finding(plist: ParticipantList, n: int, field: str, message: str, severity: str = "error") -> Finding:
    """A finding at participant ``n``'s cell ``field``: its CSV line and column, or its node in the agenda."""
    if plist.source == "":  # the agenda's inline list: the location names the field
        return Finding(("participants", n, field), severity, message)  # type: ignore[arg-type]
    col = plist.column(n, field)
    return Finding((), severity, f"{field}: {message}", plist.source, plist.lines[n], col)  # type: ignore[arg-type]


def _once(plist: ParticipantList, key: object, agenda: Agenda, work: Callable[[], _T]) -> _T:
    """``work()`` for this list, agenda and ``key``, worked out once: loading runs the checks ``validate`` runs,
    then ``assign`` asks for the same blocks (10,000 people: about 15 ms each time). Kept on the list with the
    agenda it ran on; another agenda (``--lang``) works it out again. The results are not changed by their users."""
    done = plist.seating.get(key)
    if done is not None and done[0] is agenda:
        return cast("_T", done[1])
    result = work()
    plist.seating[key] = (agenda, result)
    return result


def room_id_findings(agenda: Agenda, plist: ParticipantList) -> list[Finding]:
    """Every room a participant ranks or is fixed to is a room of some breakout block: a wish that is none says so
    with its number (wish 1 is the first) and the closest rooms. A list file's wishes were resolved as it was read
    (:mod:`clustermeet.agenda.wishes`); this catches the rest."""
    return list(_once(plist, "rooms", agenda, lambda: _room_id_findings(agenda, plist)))


def _room_id_findings(agenda: Agenda, plist: ParticipantList) -> list[Finding]:
    index = agenda_rooms(agenda)
    known = set(index.ids)
    findings = []
    for n, person in enumerate(plist.participants):
        for column, values in (("preferences", person.preferences), ("fixed", person.fixed)):
            for k, room_id in enumerate(values, 1):
                if room_id in known:
                    continue
                resolved = index.room_for(room_id)
                reason = resolved.problem or f"'{room_id}' names room '{resolved.room}': write its id"
                word = "wish" if column == "preferences" else "room"
                finding = person_finding(plist, n, column, f"{word} {k}: {reason}")
                if plist.source == "":  # the agenda's own list: at the wish itself
                    finding = Finding((*finding.loc, k - 1), finding.severity, finding.message)
                findings.append(finding)
    return findings


def target_sizes(count: int, rooms: int, pinned: Sequence[int] = (), capacity: Sequence[int | None] = ()) -> list[int]:
    """How many free people each room takes so that whole rooms (pinned people included) are near-equal: each next
    person into the emptiest room that has a seat left (the lowest index among equals; all rooms once all are
    full). A heap of (people, room): 100,000 people over 1,000 rooms in a blink."""
    totals = list(pinned) if pinned else [0] * rooms
    limits = list(capacity) if capacity else [None] * rooms
    free = [0] * rooms
    heap = [(totals[r], r) for r in range(rooms) if limits[r] is None or totals[r] < limits[r]]  # type: ignore[operator]
    heapq.heapify(heap)
    for placed in range(count):
        if not heap:  # every room full: the rest as evenly over all rooms (the seating checks report it)
            for _ in range(count - placed):
                room = min(range(rooms), key=lambda r: (totals[r], r))
                totals[room] += 1
                free[room] += 1
            break
        size, room = heapq.heappop(heap)
        totals[room] += 1
        free[room] += 1
        if limits[room] is None or totals[room] < limits[room]:  # type: ignore[operator]
            heapq.heappush(heap, (size + 1, room))
    return free


@dataclass
class BlockSeats:
    """One block's fixed places and what they take, and the findings that stop it from being placed."""

    index: int  # the segment's index in the agenda
    rooms: list[BreakoutRoom]
    fixed: dict[int, int] = field(default_factory=dict)  # participant -> room the file fixes (or the agenda names)
    crew_on_list: dict[str, int] = field(default_factory=dict)  # e-mail of an agenda facilitator on the list -> room
    count: list[int] = field(default_factory=list)  # fixed people per room
    has_facilitator: list[bool] = field(default_factory=list)
    org_used: Counter[tuple[str, int]] = field(default_factory=Counter)
    facilitator_rooms: dict[int, int] = field(default_factory=dict)  # mixing: free facilitator -> their room
    findings: list[Finding] = field(default_factory=list)

    def remaining(self) -> list[int | None]:
        return [None if r.capacity is None else r.capacity - self.count[i] for i, r in enumerate(self.rooms)]


def seating_findings(agenda: Agenda, plist: ParticipantList) -> list[Finding]:
    """The findings of every breakout block (what ``validate`` reports)."""
    findings = room_id_findings(agenda, plist)
    for index, segment in enumerate(agenda.segments):
        if segment.breakout is not None:
            findings += block_seats(agenda, plist, index).findings
    return findings


def block_seats(agenda: Agenda, plist: ParticipantList, index: int) -> BlockSeats:
    """What the file fixes in breakout block ``index`` and whether everyone else can be seated."""
    return _once(plist, index, agenda, lambda: _block_seats(agenda, plist, index))


def _block_seats(agenda: Agenda, plist: ParticipantList, index: int) -> BlockSeats:
    breakout = agenda.segments[index].breakout
    assert breakout is not None
    seats = BlockSeats(index, breakout.effective_rooms(agenda.event.language))
    seats.crew_on_list = _crew_on_list(agenda, seats.rooms, plist)
    _fix(seats, plist)
    org_cap = breakout.max_per_organisation if breakout.mode == "topics" else None
    _take_fixed(seats, plist, breakout.facilitators, org_cap, listed=bool(breakout.rooms))
    if seats.findings:  # one root cause, one error: what follows would only repeat it
        return seats
    loc: Loc = ("segments", index, "breakout")
    free = [i for i in range(len(plist.participants)) if i not in seats.fixed]
    facilitators = [i for i in free if breakout.facilitators and plist.participants[i].role == "facilitator"]
    needing = [r for r in range(len(seats.rooms)) if breakout.facilitators and not seats.has_facilitator[r]]
    if len(facilitators) > len(needing):
        message = (
            f"more facilitators than rooms: block '{agenda.segments[index].id}' has {len(needing)} room(s) "
            f"without one, and this is facilitator {len(needing) + 1}"
        )
        seats.findings.append(person_finding(plist, facilitators[len(needing)], "role", message))
    elif len(facilitators) < len(needing):
        seats.findings.append(
            Finding(
                (*loc, "facilitators"),
                "error",
                f"{len(needing)} room(s) need a facilitator but only {len(facilitators)} participant(s) "
                "have role facilitator",
            )
        )
    remaining = seats.remaining()
    if not seats.findings and all(c is not None for c in remaining):
        total = sum(c for c in remaining if c is not None) + sum(seats.count)
        if total < len(plist.participants):
            rounds = f" (each of {breakout.rounds} rounds)" if breakout.rounds > 1 else ""
            message = f"the rooms hold {total} people but there are {len(plist.participants)} participants{rounds}"
            seats.findings.append(Finding(loc, "error", message))
    if breakout.mode == "mixing":
        seats.facilitator_rooms = dict(zip(facilitators, needing, strict=False))
        for r, room in enumerate(seats.rooms):  # a facilitator stays in their room every round: on top of the fixed
            held = seats.count[r] + sum(1 for f in seats.facilitator_rooms.values() if f == r)
            if not seats.findings and room.capacity is not None and held > room.capacity:
                where = ("rooms", r, "capacity") if breakout.rooms else ("capacity",)
                message = f"room '{room.id}' would hold {held} with its facilitator but holds {room.capacity}"
                seats.findings.append(Finding((*loc, *where), "error", message))
        seats.findings += _mixing_caps(seats, plist, breakout.max_per_organisation)
    elif not seats.findings:
        seats.findings += _spread(seats, plist, free, facilitators, needing, breakout.max_per_organisation)
    return seats


def _mixing_caps(seats: BlockSeats, plist: ParticipantList, cap: int | None) -> list[Finding]:
    """Mixing rounds keep ``max_per_organisation`` where they can; a warning for an organisation they cannot hold
    (``assign`` then spreads it as evenly as the rooms allow)."""
    if cap is None:
        return []
    rooms = len(seats.rooms)
    members = Counter(p.organisation for p in plist.participants if p.organisation)
    return [
        Finding(
            ("segments", seats.index, "breakout", "max_per_organisation"),
            "warning",
            f"{count} people of {org} but at most {cap} per room fit in {rooms} rooms; the rounds will spread "
            f"them as evenly as they can (up to {-(-count // rooms)} per room)",
        )
        for org, count in sorted(members.items())
        if org and count > cap * rooms
    ]


def _crew_on_list(agenda: Agenda, rooms: list[BreakoutRoom], plist: ParticipantList) -> dict[str, int]:
    listed = {p.email.lower() for p in plist.participants}
    found: dict[str, int] = {}
    for r, room in enumerate(rooms):
        person = agenda.person(room.facilitator) if room.facilitator is not None else None
        if person is not None and person.email is not None and person.email.lower() in listed:
            found[person.email.lower()] = r
    return found


def _fix(seats: BlockSeats, plist: ParticipantList) -> None:
    """Participant -> the one room of this block the file fixes them to (or the agenda names them facilitator of)."""
    room_index = {room.id: i for i, room in enumerate(seats.rooms)}
    for n, person in enumerate(plist.participants):
        if not person.fixed and not seats.crew_on_list:  # most people: nothing fixes them
            continue
        own = list(dict.fromkeys(room_index[v] for v in person.fixed if v in room_index))
        crew_room = seats.crew_on_list.get(person.email.lower())
        if crew_room is not None and crew_room not in own:
            own.append(crew_room)
        if len(own) > 1:
            names = ", ".join(f"'{seats.rooms[r].id}'" for r in own)
            seats.findings.append(person_finding(plist, n, "fixed", f"fixed to {names}, several rooms of one block"))
        elif own:
            seats.fixed[n] = own[0]


def _take_fixed(
    seats: BlockSeats, plist: ParticipantList, facilitators: bool, org_cap: int | None, *, listed: bool
) -> None:
    """Seat the fixed people: a finding for each room they overfill, each organisation cap and second facilitator."""
    seats.count = [0] * len(seats.rooms)
    seats.has_facilitator = [room.facilitator is not None for room in seats.rooms]
    for n, room in sorted(seats.fixed.items()):
        person = plist.participants[n]
        seats.count[room] += 1
        if person.organisation and org_cap is not None:
            seats.org_used[(person.organisation, room)] += 1
            if seats.org_used[(person.organisation, room)] > org_cap:
                message = f"fixed room '{seats.rooms[room].id}' already has {org_cap} of {person.organisation}"
                seats.findings.append(person_finding(plist, n, "fixed", message))
        the_rooms_own = seats.crew_on_list.get(person.email.lower()) == room
        if facilitators and person.role == "facilitator" and not the_rooms_own:
            if seats.has_facilitator[room]:
                message = f"room '{seats.rooms[room].id}' has a facilitator already"
                seats.findings.append(person_finding(plist, n, "role", message))
            seats.has_facilitator[room] = True
    for r, one in enumerate(seats.rooms):
        if one.capacity is not None and seats.count[r] > one.capacity:
            # a generated group is not in the file: point at the block's capacity instead
            loc: Loc = ("segments", seats.index, "breakout", *(("rooms", r) if listed else ()), "capacity")
            message = f"{seats.count[r]} participants are fixed to room '{one.id}' but it holds {one.capacity}"
            seats.findings.append(Finding(loc, "error", message))


def _spread(
    seats: BlockSeats,
    plist: ParticipantList,
    free: list[int],
    facilitators: list[int],
    needing: list[int],
    org_cap: int | None,
) -> list[Finding]:
    """Whether the free people fit the rooms: a maximum flow from the people, by organisation where it is capped,
    through the rooms (one facilitator each where needed) to their remaining seats."""
    people = plist.participants
    remaining = seats.remaining()
    rooms = len(seats.rooms)
    capped = org_cap is not None
    # without a cap the organisations do not matter: everyone in one group ("")
    members = Counter((people[i].organisation or "") if capped else "" for i in free if i not in facilitators)
    orgs = sorted(members)
    # nodes: 0 source, 1 sink, 2 facilitators, then rooms, then organisations, then (organisation, room)
    network = FlowNetwork(3 + rooms + len(orgs) * (1 + rooms))
    room_node = [3 + r for r in range(rooms)]
    big = len(people) + 1
    for r in range(rooms):
        network.add(room_node[r], 1, big if remaining[r] is None else max(0, remaining[r] or 0))
    network.add(0, 2, len(facilitators))
    for r in needing:
        network.add(2, room_node[r], 1)
    for k, org in enumerate(orgs):
        node = 3 + rooms + k * (1 + rooms)
        network.add(0, node, members[org])
        for r in range(rooms):
            if capped and org:
                assert org_cap is not None
                network.add(node, node + 1 + r, max(0, org_cap - seats.org_used[(org, r)]))
                network.add(node + 1 + r, room_node[r], big)
            else:
                network.add(node, room_node[r], big)
    loc: Loc = ("segments", seats.index, "breakout")
    if network.max_flow(0, 1) >= len(free):
        fac_orgs = Counter(people[i].organisation or "" for i in facilitators)
        if not capped or not any(fac_orgs) or _facilitators_fit(seats, fac_orgs, needing, members, org_cap):
            return []
        message = (
            f"the facilitators count towards max_per_organisation too: with one facilitator per room and at most "
            f"{org_cap} of an organisation per room, the rooms cannot take everyone; raise max_per_organisation, "
            "add rooms or choose facilitators of other organisations"
        )
        return [Finding((*loc, "max_per_organisation"), "error", message)]
    if capped:
        assert org_cap is not None
        for org in orgs:
            room_for = sum(
                max(0, min(org_cap - seats.org_used[(org, r)], members[org] if left is None else left))
                for r, left in enumerate(remaining)
            )
            if org and members[org] > room_for:
                message = (
                    f"{members[org]} people of {org} but at most {org_cap} per room fit in {rooms} rooms; "
                    f"raise max_per_organisation to {-(-members[org] // rooms)} or add rooms"
                )
                return [Finding((*loc, "max_per_organisation"), "error", message)]
    message = (
        "the free places cannot take everyone: the rooms' capacities"
        + (f", at most {org_cap} per organisation" if capped else "")
        + (", one facilitator per room" if needing else "")
        + " leave someone without a seat"
    )
    return [Finding(loc, "error", message)]


def _facilitators_fit(
    seats: BlockSeats, fac_orgs: Counter[str], needing: list[int], members: Counter[str], org_cap: int | None
) -> bool:
    """Whether the free people fit when facilitators count towards their organisation's cap as well: the flow above
    lets them pass the caps, so this is the exact test, the solver's own MIP case (a facilitator's organisation and
    room decided together). Its integer part is only which organisation's facilitator leads which room; given that,
    the rest is a network (integral). A few hundred columns; HiGHS, imported only for such a block."""
    from highspy import _core  # noqa: PLC0415 slow import: HiGHS (~0.1 s), only for a block with facilitators and caps

    highs: Any = _core._Highs()  # the public class prints a banner on stdout
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", 10.0)
    rooms, remaining = range(len(seats.rooms)), seats.remaining()
    columns: dict[tuple[str, str, int], int] = {}  # ("lead" | "seat", organisation, room) -> column
    for org in sorted(fac_orgs):
        for r in needing:
            columns[("lead", org, r)] = len(columns)
    for org in sorted(members):
        for r in rooms:
            columns[("seat", org, r)] = len(columns)
    upper = [1.0 if kind == "lead" else _core.kHighsInf for kind, _, _ in columns]
    highs.addVars(len(columns), [0.0] * len(columns), upper)
    leads = [columns[key] for key in columns if key[0] == "lead"]
    highs.changeColsIntegrality(len(leads), leads, [_core.HighsVarType.kInteger] * len(leads))

    def row(keys: list[tuple[str, str, int]], low: float, high: float) -> None:
        found = [columns[key] for key in keys if key in columns]
        highs.addRows(1, [low], [high], len(found), [0], found, [1.0] * len(found))

    for org, count in fac_orgs.items():
        row([("lead", org, r) for r in needing], count, count)
    for r in needing:
        row([("lead", org, r) for org in fac_orgs], 1, 1)
    for org, count in members.items():
        row([("seat", org, r) for r in rooms], count, count)
    for r in rooms:
        if org_cap is not None:
            for org in sorted({*fac_orgs, *members} - {""}):
                row([("lead", org, r), ("seat", org, r)], 0, max(0, org_cap - seats.org_used[(org, r)]))
        if remaining[r] is not None:
            keys = [(kind, org, r) for kind, group in (("lead", fac_orgs), ("seat", members)) for org in group]
            row(keys, 0, float(remaining[r] or 0))
    highs.run()
    return bool(highs.getModelStatus() != _core.HighsModelStatus.kInfeasible)  # a time-out passes: assign decides
