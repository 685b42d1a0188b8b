// Reads .ics files with Mozilla's ical.js (Thunderbird's parser) and prints, per file, each VEVENT's start and
// end converted to UTC, as clustermeet's tests compare them with the schedule. One JSON document on stdout.
// ical.js resolves a TZID from the VTIMEZONEs of the file being read (a per-file cache), so one process can read
// many files; the time zone service is reset between files all the same.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function utc(time) {
  if (time.isDate) throw new Error("all-day value where a date-time was expected");
  const tzid = time.zone ? time.zone.tzid : "floating";
  if (tzid === "floating") throw new Error("floating time: the TZID did not resolve to a VTIMEZONE");
  return time.convertToZone(ICAL.Timezone.utcTimezone).toString();
}

const out = [];
for (const path of process.argv.slice(2)) {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  const events = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      start: utc(event.startDate),
      end: utc(event.endDate),
      status: vevent.getFirstPropertyValue("status"),
      organizer: vevent.getFirstPropertyValue("organizer"),
      attendees: vevent.getAllProperties("attendee").map((p) => p.getFirstValue()),
      alarms: vevent.getAllSubcomponents("valarm").length,
    };
  });
  out.push({ file: path, method: root.getFirstPropertyValue("method"), events });
}
process.stdout.write(JSON.stringify(out));
