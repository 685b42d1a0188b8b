"""Benchmark: personal invites for 10,000 participants (goal: under 20 s on the 2-core machine).

Builds the demo agenda with 10,000 generated participants and an assignment for each, then times
``export_personal`` (content, state reconciliation, rendering with icalendar) and, separately, building the invite
e-mails for all of them; prints seconds and total sizes, and how much of the export is building the content (the
rest is icalendar building and serialising the calendars). Timed with ``time.perf_counter`` only: a profiler
inflates icalendar's many small calls several-fold. Run: ``.venv/bin/python bench/ics.py [PARTICIPANTS]``.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from clustermeet.agenda.loading import load_agenda
from clustermeet.breakouts.assignments_file import Placement
from clustermeet.invites.mail_plan import plan_mails
from clustermeet.invites.personal import export_personal, personal_contents
from clustermeet.invites.recipients import Recipient, rooms_by_person
from clustermeet.invites.render import Renderer
from clustermeet.invites.send_log import SendHistory

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    loaded = load_agenda(ROOT / "agendas" / "go-cluster-2022.yaml")
    rooms = ["weiterbildung", "wertschoepfung", "geschaeftsmodelle"]
    recipients = [Recipient(f"person{i:05d}@example.org", f"Person Nummer {i}") for i in range(count)]
    placements = [Placement(r.email, r.name, "breakouts", rooms[i % 3], 1) for i, r in enumerate(recipients)]
    by_person = rooms_by_person(loaded.agenda, placements, "bench")
    now = datetime(2022, 10, 1, 9, tzinfo=UTC)

    started = time.perf_counter()
    first = export_personal(loaded.schedule, recipients, by_person, {}, now, Renderer)
    ics_seconds = time.perf_counter() - started
    ics_bytes = sum(len(f.data) for f in first.files)

    started = time.perf_counter()
    again = export_personal(loaded.schedule, recipients, by_person, first.section, now, Renderer)
    rerun_seconds = time.perf_counter() - started
    identical = [f.data for f in again.files] == [f.data for f in first.files]

    started = time.perf_counter()
    personal_contents(loaded.schedule, recipients, by_person)
    content_seconds = time.perf_counter() - started

    started = time.perf_counter()
    plan = plan_mails(loaded.agenda, first.files, SendHistory())
    mail_seconds = time.perf_counter() - started
    mail_bytes = sum(len(m.data) for m in plan.mails)

    print(f"participants:            {count}")
    print(f"invites (.ics):          {len(first.files)} files, {ics_bytes / 1e6:.1f} MB, {ics_seconds:.2f} s")
    print(f"  of which content:      {content_seconds:.2f} s (the rest: state, icalendar)")
    print(f"re-export with state:    {rerun_seconds:.2f} s, identical bytes: {identical}")
    print(f"e-mails (.eml):          {len(plan.mails)} messages, {mail_bytes / 1e6:.1f} MB, {mail_seconds:.2f} s")
    print(f"total (ics + e-mails):   {ics_seconds + mail_seconds:.2f} s (goal: under 20 s for 10,000)")


if __name__ == "__main__":
    main()
