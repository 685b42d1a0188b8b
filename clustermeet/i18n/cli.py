"""The command line's own lines in the event's language: what was written, sent or skipped (the located problems
keep their ``file:line:col: error:`` form, which editors and CI read)."""

CLI_WORDS: dict[str, dict[str, str]] = {
    "wrote": {"de": "geschrieben: {files}", "en": "wrote {files}"},
    "warning": {"de": "Warnung: {text}", "en": "warning: {text}"},
    "note": {"de": "Hinweis: {text}", "en": "note: {text}"},
    "feed": {
        "de": "Kalender: {file} ({events} Termine, {status}, Zeiten in {timezone})",
        "en": "feed: {file} ({events} events, {status}, times in {timezone})",
    },
    "cancel": {"de": "  Absage: {file}", "en": "  cancel: {file}"},
    "invites": {
        "de": "Einladungen: {folder}: {new} neu, {updated} geändert, {unchanged} unverändert, {cancelled} abgesagt "
        "(Zeiten in {timezone})",
        "en": "invites: {folder}: {new} new, {updated} updated, {unchanged} unchanged, {cancelled} cancelled "
        "(times in {timezone})",
    },
    "files_written": {
        "de": "{count} Datei(en) geschrieben; Stand in {state}",
        "en": "{count} file(s) written; state in {state}",
    },
    "dry_run": {
        "de": "{count} Nachricht(en) nach {folder} geschrieben; nichts wurde gesendet",
        "en": "wrote {count} message(s) to {folder}; nothing was sent",
    },
    "sending": {"de": "wird gesendet", "en": "sending"},
    "sent": {"de": "{count} Nachricht(en) gesendet", "en": "sent {count} message(s)"},
    "already_sent": {
        "de": "{count} Einladung(en) wurden schon gesendet und sind unverändert",
        "en": "{count} invite(s) were sent before and have not changed",
    },
    "failed": {"de": "fehlgeschlagen: {email}: {error}", "en": "failed: {email}: {error}"},
    "uncertain": {"de": "unklar, ob zugestellt: {email}: {error}", "en": "uncertain: {email}: {error}"},
    "status.new": {"de": "neu", "en": "new"},
    "status.updated": {"de": "geändert", "en": "updated"},
    "status.unchanged": {"de": "unverändert", "en": "unchanged"},
    "status.cancelled": {"de": "abgesagt", "en": "cancelled"},
}
