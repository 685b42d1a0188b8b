"""What goes through export and import: frab's subtitle, url, track and language of each event, and the organiser,
the conference URL and the acronym of the whole (fixture tests/fixtures/frab/kept.yaml)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_frab_import import FIXTURES, import_and_load

from clustermeet.agenda.loading import load_agenda
from clustermeet.interop.agenda_yaml import agenda_to_yaml
from clustermeet.interop.frab_read import import_schedule
from clustermeet.interop.frab_write import schedule_to_frab_json, schedule_to_frab_xml

KEPT = FIXTURES / "kept.yaml"


def _segment_fields(agenda: Any) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    return [(s.title, s.subtitle, s.page_url, s.topic, s.language) for s in agenda.segments]


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_export_then_import_keeps_what_frab_says_and_the_event(fmt: str, tmp_path: Path) -> None:
    loaded = load_agenda(KEPT)
    exported = schedule_to_frab_xml(loaded.schedule) if fmt == "xml" else schedule_to_frab_json(loaded.schedule)
    result = import_schedule(exported, f"kept.{fmt}")
    target = tmp_path / "again.yaml"
    target.write_text(agenda_to_yaml(result.data), encoding="utf-8")
    again = load_agenda(target).agenda
    before = loaded.agenda.event
    assert again.event.acronym == before.acronym == "Kept-Conf-2024"  # not the schema's kept_conf_2024
    assert again.event.organiser.name == before.organiser.name == "Kept <Office> ?>"
    assert again.event.url == before.url == "https://kept.example.org/2024/"
    assert (again.event.platform.kind, again.event.platform.url) == ("jitsi", "https://meet.example.org/kept")
    assert (
        _segment_fields(again)
        == _segment_fields(loaded.agenda)
        == [
            ("Opening", "What stays and what goes", "https://kept.example.org/2024/talk/opening/", "Community", None),
            ("Ein Vortrag", None, None, "Science", "de"),
        ]
    )
    # a schedule is public: the organiser's address is not in it, so the import still asks for it
    assert "office@kept.example.org" not in exported
    assert again.event.organiser.email == "organiser@example.org"


def test_the_kept_data_stays_out_of_the_schedules_own_fields() -> None:
    loaded = load_agenda(KEPT)
    xml = schedule_to_frab_xml(loaded.schedule)
    assert xml.splitlines()[1].startswith("<?clustermeet {") and "?>" not in xml.splitlines()[1][:-2]
    assert "<acronym>kept_conf_2024</acronym>" in xml and "<url>https://kept.example.org/2024/</url>" in xml
    document = json.loads(schedule_to_frab_json(loaded.schedule))
    assert document["schedule"]["conference"]["url"] == "https://kept.example.org/2024/"
    assert document["schedule"]["clustermeet"]["acronym"] == "Kept-Conf-2024"
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0]
    assert (event["subtitle"], event["track"], event["language"]) == ("What stays and what goes", "Community", "en")


def test_a_foreign_files_subtitle_url_track_and_language_are_kept(tmp_path: Path) -> None:
    _, loaded = import_and_load(FIXTURES / "penta.schedule.xml", tmp_path)
    welcome, part_one = loaded.agenda.segments[0], loaded.agenda.segments[1]
    assert (welcome.subtitle, welcome.topic, welcome.page_url) == (
        "How this year works",
        "Keynotes",
        "https://penta.example.org/2021/schedule/event/welcome/",
    )
    assert welcome.language is None and part_one.language == "de"  # the event's language is en
    _, naive = import_and_load(FIXTURES / "naive.schedule.json", tmp_path)
    coded = naive.agenda.segments[0]
    assert (coded.subtitle, coded.topic, coded.language) == ("The pretalx way", "Community", "fr")
    assert coded.page_url == "https://naive.example.org/talk/ABCDEF/"


def test_a_damaged_kept_instruction_is_passed_over() -> None:
    xml = schedule_to_frab_xml(load_agenda(KEPT).schedule)
    broken = xml.replace("<?clustermeet {", "<?clustermeet {{", 1)
    result = import_schedule(broken, "kept.xml")
    assert result.data["event"]["acronym"] == "kept_conf_2024"  # the schedule's own acronym
    assert result.data["event"]["organiser"]["name"] == "Kept Conference"


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_join_links_of_tracks_and_rooms_do_not_come_back_as_web_pages(fmt: str, tmp_path: Path) -> None:
    """An event without a page carries its join link as its url (a track's, a room's or the platform's): the
    import takes none of them for the event's page."""
    loaded = load_agenda(FIXTURES / "summit.yaml")
    joins = {t.url for t in loaded.agenda.tracks} | {
        r.url for s in loaded.agenda.segments if s.breakout is not None for r in s.breakout.rooms
    }
    assert {"https://meet.example.org/b/main", "https://meet.example.org/b/r2"} <= joins  # the fixture has them
    exported = schedule_to_frab_xml(loaded.schedule) if fmt == "xml" else schedule_to_frab_json(loaded.schedule)
    assert "https://meet.example.org/b/lab" in exported  # an event's url
    target = tmp_path / "again.yaml"
    target.write_text(agenda_to_yaml(import_schedule(exported, f"summit.{fmt}").data), encoding="utf-8")
    assert [(s.title, s.page_url) for s in load_agenda(target).agenda.segments if s.page_url] == []
