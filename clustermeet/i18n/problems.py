"""The located problems of an agenda file (``file:line:col: error: message``) and validate's summary, in the
event's language. Each problem keeps its key and values (:class:`clustermeet.errors.Problem`); the English text
is the one written at the call site, the German one is rendered from here once the file's language is known.
Field names, ids, values and YAML words (``key: value``) stay as they are written.

``schema.*`` keys wrap a message of Pydantic's: ``{message}`` is filled in from the ``pydantic.<type>`` entry
(its English text is Pydantic's own template) where the key names one, else it is Pydantic's English text."""

PROBLEM_WORDS: dict[str, dict[str, str]] = {
    # --- reading the file (agenda/yamlsource.py) ---
    "yaml.not_utf8": {
        "de": "kein gültiges UTF-8 (Byte 0x{byte}); die Datei als UTF-8 speichern",
        "en": "not valid UTF-8 (byte 0x{byte}); save the file as UTF-8",
    },
    "yaml.binary": {
        "de": "keine Textdatei (sie enthält NUL-Bytes)",
        "en": "not a text file (it contains NUL bytes)",
    },
    "yaml.tab": {
        "de": "Tabulatorzeichen: YAML rückt nur mit Leerzeichen ein",
        "en": "tab character: YAML indents with spaces only",
    },
    "yaml.control": {
        "de": "das Steuerzeichen {char} ist in YAML nicht erlaubt; bitte entfernen",
        "en": "control character {char} is not allowed in YAML; remove it",
    },
    "yaml.error": {"de": "YAML-Fehler: {detail}", "en": "YAML error: {detail}"},
    "yaml.syntax": {"de": "YAML-Syntaxfehler: {detail}", "en": "YAML syntax error: {detail}"},
    "yaml.syntax_quotes": {
        "de": "YAML-Syntaxfehler: {detail}; ein Wert, der ': ' enthält, muss in Anführungszeichen stehen",
        "en": "YAML syntax error: {detail}; a value that contains ': ' must be put in quotes",
    },
    "yaml.too_deep": {"de": "YAML ist zu tief verschachtelt", "en": "YAML nesting is too deep"},
    "yaml.empty": {"de": "die Datei ist leer", "en": "the file is empty"},
    "yaml.two_documents": {
        "de": "je Datei ist nur ein YAML-Dokument erlaubt",
        "en": "only one YAML document is allowed per file",
    },
    "yaml.alias_undefined": {
        "de": "YAML-Fehler: der Alias {alias} ist nicht definiert (sein Anker &name muss vorher stehen)",
        "en": "YAML error: the alias {alias} is not defined (its anchor &name must come first)",
    },
    "yaml.some_alias_undefined": {
        "de": "YAML-Fehler: ein Alias ist nicht definiert (sein Anker &name muss vorher stehen)",
        "en": "YAML error: an alias is not defined (its anchor &name must come first)",
    },
    "yaml.alias_self": {
        "de": "YAML-Fehler: ein Alias verweist auf sich selbst",
        "en": "YAML error: an alias refers to itself",
    },
    "yaml.anchor_twice": {
        "de": "YAML-Fehler: der Anker {anchor} ist doppelt definiert",
        "en": "YAML error: the anchor {anchor} is defined twice",
    },
    "yaml.anchor_twice_first": {
        "de": "YAML-Fehler: der Anker {anchor} ist doppelt definiert (zuerst in Zeile {first})",
        "en": "YAML error: the anchor {anchor} is defined twice (first on line {first})",
    },
    "yaml.alias_bomb": {
        "de": "dies ergibt über Aliase mehr als {limit} YAML-Knoten (eine Alias-Bombe?); wird abgelehnt",
        "en": "this expands to more than {limit} YAML nodes through aliases (an alias bomb?); refusing",
    },
    "yaml.too_many_nodes": {
        "de": "mehr als {limit} YAML-Knoten (eine Alias-Bombe?); wird nicht expandiert",
        "en": "more than {limit} YAML nodes (an alias bomb?); refusing to expand",
    },
    "yaml.deeper_than": {
        "de": "YAML ist tiefer als {limit} Ebenen verschachtelt",
        "en": "YAML nesting deeper than {limit} levels",
    },
    "yaml.tag": {
        "de": "das Tag {tag} ist nicht erlaubt: clustermeet liest nur einfache YAML-Daten",
        "en": "the tag {tag} is not allowed: clustermeet reads plain YAML data only",
    },
    "yaml.alias_loop": {
        "de": "ein Alias verweist auf eine Sammlung, die ihn selbst enthält (eine Schleife); bitte ausschreiben",
        "en": "an alias refers to a collection that contains it (a loop); write it out",
    },
    "yaml.merge_key": {
        "de": "Merge-Schlüssel (<<) werden nicht unterstützt; die Schlüssel bitte ausschreiben",
        "en": "merge keys (<<) are not supported; write the keys out",
    },
    "yaml.key_not_plain": {
        "de": "ein Schlüssel eines Mappings muss ein einfacher Wert sein",
        "en": "a mapping key must be a plain value",
    },
    "yaml.duplicate_key": {
        "de": "doppelter Schlüssel {key} (zuerst in Zeile {first}); einen davon entfernen",
        "en": "duplicate key {key} (first on line {first}); remove one of them",
    },
    # --- the agenda's shape (agenda/loading.py) ---
    "agenda.not_mapping": {
        "de": "die Agenda muss ein Mapping sein (event:, segments:, ...)",
        "en": "the agenda must be a mapping (event:, segments:, ...)",
    },
    "agenda.list_absolute": {
        "de": "participants: {path} ist ein absoluter Pfad; eine Agenda nennt ihre Liste relativ zu ihrem eigenen "
        "Ordner (eine Liste an anderem Ort wird stattdessen auf der Kommandozeile angegeben)",
        "en": "participants: {path} is an absolute path; an agenda names its list relative to its own folder "
        "(a list kept elsewhere is given on the command line instead)",
    },
    "agenda.list_outside": {
        "de": "participants: {path} führt aus dem Ordner der Agenda hinaus (Symlinks aufgelöst); eine Liste an "
        "anderem Ort wird stattdessen auf der Kommandozeile angegeben",
        "en": "participants: {path} leads outside the agenda's folder (symlinks resolved); a list kept elsewhere "
        "is given on the command line instead",
    },
    "schema.missing": {"de": "fehlt (Pflichtfeld)", "en": "missing (required)"},
    "schema.unknown_key": {"de": "unbekannter Schlüssel '{key}'", "en": "unknown key '{key}'"},
    "schema.unknown_key_close": {
        "de": "unbekannter Schlüssel '{key}'; vielleicht '{close}'?",
        "en": "unknown key '{key}'; did you mean '{close}'?",
    },
    "schema.unknown_key_allowed": {
        "de": "unbekannter Schlüssel '{key}'; erlaubt: {allowed}",
        "en": "unknown key '{key}'; allowed: {allowed}",
    },
    "schema.choice": {"de": "{message} (angegeben: {got})", "en": "{message} (got {got})"},
    "schema.choice_close": {
        "de": "{message} (angegeben: {got}); vielleicht '{close}'?",
        "en": "{message} (got {got}); did you mean '{close}'?",
    },
    "schema.no_value": {"de": "hat keinen Wert; {message}", "en": "has no value; {message}"},
    "schema.number_as_text": {
        "de": "{message} (angegeben: {got}); in Anführungszeichen setzen, damit es Text ist",
        "en": "{message} (got {got}); put it in quotes to make it text",
    },
    "schema.got": {"de": "{message} (angegeben: {got})", "en": "{message} (got {got})"},
    "schema.other": {"de": "{message}", "en": "{message}"},
    "schema.room_title": {
        "de": "'{value}' ist der Titel des Raums '{room}': hier seine ID angeben",
        "en": "'{value}' is the title of room '{room}': write its id",
    },
    "schema.wish": {"de": "Wunsch {number}: {message}", "en": "wish {number}: {message}"},
    "schema.fixed_room": {"de": "Raum {number}: {message}", "en": "room {number}: {message}"},
    # Pydantic's own messages (English: its templates), for the schema.* keys above
    "pydantic.int_type": {"de": "Ganzzahl erwartet", "en": "Input should be a valid integer"},
    "pydantic.int_parsing": {
        "de": "Ganzzahl erwartet, die Eingabe ist keine Zahl",
        "en": "Input should be a valid integer, unable to parse string as an integer",
    },
    "pydantic.float_type": {"de": "Zahl erwartet", "en": "Input should be a valid number"},
    "pydantic.float_parsing": {
        "de": "Zahl erwartet, die Eingabe ist keine Zahl",
        "en": "Input should be a valid number, unable to parse string as a number",
    },
    "pydantic.string_type": {"de": "Text erwartet", "en": "Input should be a valid string"},
    "pydantic.bool_type": {"de": "Wahrheitswert erwartet", "en": "Input should be a valid boolean"},
    "pydantic.bool_parsing": {
        "de": "Wahrheitswert erwartet, die Eingabe ist keiner",
        "en": "Input should be a valid boolean, unable to interpret input",
    },
    "pydantic.list_type": {"de": "Liste erwartet", "en": "Input should be a valid list"},
    "pydantic.dict_type": {"de": "Mapping erwartet", "en": "Input should be a valid dictionary"},
    "pydantic.enum": {"de": "erwartet wird {expected}", "en": "Input should be {expected}"},
    "pydantic.literal_error": {"de": "erwartet wird {expected}", "en": "Input should be {expected}"},
    # --- the values of the agenda's fields (agenda/types.py) ---
    "value.duration_range": {
        "de": "{value} liegt außerhalb des Bereichs; eine Dauer beträgt höchstens 7 Tage (168h)",
        "en": "{value} is out of range; a duration is at most 7 days (168h)",
    },
    "value.duration_bool": {
        "de": "eine Dauer ist eine Zahl von Minuten (15) oder Text wie 15m, 1h30m, 90s",
        "en": "a duration is minutes (15) or text such as 15m, 1h30m, 90s",
    },
    "value.not_duration": {
        "de": "{value} ist keine Dauer; Minuten (15) oder Text wie 15m, 1h30m, 90s angeben",
        "en": "{value} is not a duration; write minutes (15) or text such as 15m, 1h30m, 90s",
    },
    "value.not_positive": {"de": "muss eine Dauer größer als 0 sein", "en": "must be longer than zero"},
    "value.negative": {"de": "darf nicht negativ sein", "en": "must not be negative"},
    "value.implausible_year": {
        "de": "{day} ist kein plausibles Veranstaltungsdatum (Jahre {first} bis {last})",
        "en": "{day} is not a plausible event date (years {first} to {last})",
    },
    "value.not_date": {
        "de": "{value} ist kein Datum; als YYYY-MM-DD angeben, zum Beispiel 2027-03-18",
        "en": "{value} is not a date; write it as YYYY-MM-DD, for example 2027-03-18",
    },
    "value.date_either": {
        "de": "{value}: das Datum als YYYY-MM-DD angeben, {iso} (Monat zuerst) oder {other} (Tag zuerst)",
        "en": "{value}: write the date as YYYY-MM-DD, {iso} (month first) or {other} (day first)",
    },
    "value.date_here": {
        "de": "{value}: das Datum als YYYY-MM-DD angeben, hier {iso}",
        "en": "{value}: write the date as YYYY-MM-DD, here {iso}",
    },
    "value.start_number": {
        "de": "{value} ist eine Zahl, keine Uhrzeit; die Uhrzeit in Anführungszeichen als HH:MM angeben, zum Beispiel "
        "{written}",
        "en": "{value} is a number, not a time; write the time in quotes as HH:MM, for example {written}",
    },
    "value.start_type": {
        "de": "ein Beginn ist eine Uhrzeit wie '09:30' oder '2023-03-26 09:30'",
        "en": "a start is a time such as '09:30' or '2023-03-26 09:30'",
    },
    "value.start_dotted": {
        "de": "{value} ist keine Startzeit; HH:MM angeben, hier '{written}'",
        "en": "{value} is not a start time; write HH:MM, here '{written}'",
    },
    "value.not_start": {
        "de": "{value} ist keine Startzeit; HH:MM oder YYYY-MM-DD HH:MM angeben",
        "en": "{value} is not a start time; write HH:MM, or YYYY-MM-DD HH:MM",
    },
    "value.bad_clock": {
        "de": "{value} ist kein gültiges Datum und keine gültige Uhrzeit ({reason})",
        "en": "{value} is not a valid date or time ({reason})",
    },
    "value.bad_offset": {
        "de": "{value} hat keinen gültigen UTC-Versatz; als +HH:MM angeben, von -23:59 bis +23:59",
        "en": "{value} has no valid UTC offset; write it as +HH:MM, from -23:59 to +23:59",
    },
    "value.zone": {
        "de": "{value} ist keine IANA-Zeitzone (etwa Europe/Berlin oder America/New_York)",
        "en": "{value} is not an IANA time zone (such as Europe/Berlin or America/New_York)",
    },
    "value.zone_close": {
        "de": "{value} ist keine IANA-Zeitzone; vielleicht '{close}'?",
        "en": "{value} is not an IANA time zone; did you mean '{close}'?",
    },
    "value.date_or_dates": {
        "de": "entweder date (ein Tag) oder dates (mehrere Tage) angeben",
        "en": "give either date (one day) or dates (several days)",
    },
    "value.dates_empty": {"de": "dates muss mindestens einen Tag nennen", "en": "dates must name at least one day"},
    "value.dates_order": {
        "de": "dates muss geordnet sein, jeder Tag einmal",
        "en": "dates must be in order, each day once",
    },
    "value.topics_groups": {
        "de": "groups gilt für Mixing-Blöcke; ein Topics-Block führt seine Räume auf",
        "en": "groups is for mixing blocks; a topics block lists its rooms",
    },
    "value.topics_no_room": {
        "de": "ein Topics-Block braucht mindestens einen Raum",
        "en": "a topics block needs at least one room",
    },
    "value.topics_rounds": {"de": "rounds gilt für Mixing-Blöcke", "en": "rounds is for mixing blocks"},
    "value.mixing_empty": {
        "de": "ein Mixing-Block braucht Räume (rooms) oder eine Zahl von Gruppen (groups)",
        "en": "a mixing block needs rooms or a number of groups",
    },
    "value.rooms_and_groups": {
        "de": "rooms oder groups angeben, nicht beides",
        "en": "give rooms or groups, not both",
    },
    "value.breakout_needs_block": {
        "de": "ein Breakout-Programmpunkt braucht einen breakout-Block (seine Räume)",
        "en": "a breakout segment needs a breakout block (its rooms)",
    },
    "value.pitches_needs_block": {
        "de": "ein Pitches-Programmpunkt braucht einen pitches-Block (seine Einträge)",
        "en": "a pitches segment needs a pitches block (its items)",
    },
    "value.block_on_kind": {
        "de": "{name} ist nur bei kind: {kind} erlaubt, nicht bei kind: {actual}",
        "en": "{name} is only allowed on kind: {kind}, not on kind: {actual}",
    },
    "value.duration_required": {
        "de": "duration fehlt (nur ein Pitches-Programmpunkt kann sie ableiten)",
        "en": "duration is required (only a pitches segment can derive it)",
    },
    "value.longer_than_duration": {
        "de": "länger als duration ({duration})",
        "en": "longer than duration ({duration})",
    },
    "value.bad_id": {
        "de": "{value} ist keine gültige ID: Buchstaben, Ziffern, '-', '_' oder '.' verwenden, beginnend mit einem "
        "Buchstaben oder einer Ziffer",
        "en": "{value} is not a valid id: use letters, digits, '-', '_' or '.', starting with a letter or digit",
    },
    "value.url_scheme": {
        "de": "{value} ist keine Webadresse (sie muss mit https:// oder http:// beginnen)",
        "en": "{value} is not a web address (it must start with https:// or http://)",
    },
    "value.url_space": {
        "de": "{value} ist keine Webadresse (sie enthält ein Leerzeichen oder Steuerzeichen)",
        "en": "{value} is not a web address (a space or control character is in it)",
    },
    # --- the checks after the schema (agenda/checks.py) ---
    "check.no_segments": {"de": "die Agenda hat keine Programmpunkte", "en": "the agenda has no segments"},
    "check.duplicate_id": {
        "de": "doppelte {kind}-ID '{value}' (zuerst bei {first})",
        "en": "duplicate {kind} id '{value}' (first at {first})",
    },
    "check.not_in": {"de": "{what} '{value}' steht nicht in {where}", "en": "{what} '{value}' is not in {where}"},
    "check.not_in_close": {
        "de": "{what} '{value}' steht nicht in {where}; vielleicht '{close}'?",
        "en": "{what} '{value}' is not in {where}; did you mean '{close}'?",
    },
    "check.pitches_too_long": {
        "de": "{duration} ist kürzer, als die {count} Pitches brauchen ({needed}); die Dauer verlängern oder "
        "per_pitch kürzen",
        "en": "{duration} is shorter than its {count} pitches need ({needed}); lengthen it or shorten per_pitch",
    },
    "check.min_longer_than_pitches": {
        "de": "länger als die {needed}, die die {count} Pitches brauchen",
        "en": "longer than the {needed} its {count} pitches need",
    },
    "check.preassign": {
        "de": "'{value}' ist nicht die ID eines Breakout-Blocks",
        "en": "'{value}' is not the id of a breakout block",
    },
    "check.preassign_close": {
        "de": "'{value}' ist nicht die ID eines Breakout-Blocks; vielleicht '{close}'?",
        "en": "'{value}' is not the id of a breakout block; did you mean '{close}'?",
    },
    "check.formula_start": {
        "de": "beginnt mit '{char}': die Dateien für die Plattform übernehmen den Namen unverändert, und eine "
        "Tabellenkalkulation kann ihn beim Öffnen als Formel lesen; den Raum umbenennen, falls sie in einer "
        "geöffnet werden",
        "en": "starts with '{char}': the platform files carry it as written, and a spreadsheet opening them may read "
        "it as a formula; rename the room if they will be opened in one",
    },
    "check.two_places": {
        "de": "'{person}' ist zur selben Zeit an zwei Orten: '{first}' und '{second}' überschneiden sich",
        "en": "'{person}' is in two places at once: '{first}' and '{second}' overlap",
    },
    "word.person": {"de": "Personen", "en": "person"},
    "word.track": {"de": "Track", "en": "track"},
    "word.segment": {"de": "Programmpunkt", "en": "segment"},
    "word.room": {"de": "Raum", "en": "room"},
    "word.speaker": {"de": "Vortragende", "en": "speaker"},
    "word.owner": {"de": "Verantwortliche", "en": "owner"},
    "word.facilitator": {"de": "Moderation", "en": "facilitator"},
    "word.presenter": {"de": "Präsentierende", "en": "presenter"},
    # --- validate's summary (cli/validate.py) ---
    "summary.files": {
        "de": "{count} {files} geprüft: {valid} gültig, {invalid} ungültig; {errors} {error_word}, "
        "{warnings} {warning_word}",
        "en": "{count} {files} checked: {valid} valid, {invalid} invalid; {errors} {error_word}, "
        "{warnings} {warning_word}",
    },
    "summary.file_one": {"de": "Datei", "en": "file"},
    "summary.file_other": {"de": "Dateien", "en": "files"},
    "summary.error_one": {"de": "Fehler", "en": "error"},
    "summary.error_other": {"de": "Fehler", "en": "errors"},
    "summary.warning_one": {"de": "Warnung", "en": "warning"},
    "summary.warning_other": {"de": "Warnungen", "en": "warnings"},
    "summary.unreadable": {"de": "; {count} nicht lesbar", "en": "; {count} unreadable"},
}
