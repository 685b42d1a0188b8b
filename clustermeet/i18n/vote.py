"""The vote's words (``clustermeet vote``, its page and the award cue), in German and English: a table of
:mod:`clustermeet.i18n` kept in its own file."""

VOTE_WORDS: dict[str, dict[str, str]] = {
    # the result: terminal, page and announcement
    "result_title": {"de": "Ergebnis: {title}", "en": "Result: {title}"},
    "winner": {"de": "Gewonnen hat", "en": "The winner"},
    "announcement": {"de": "Gewonnen hat: {winner}!", "en": "And the winner is: {winner}!"},
    "announcement_tie": {
        "de": "Stimmengleichheit zwischen {names}: die Organisatoren entscheiden.",
        "en": "A tie between {names}: the organisers decide.",
    },
    "tie": {
        "de": "Stimmengleichheit zwischen {names}; die Regel ({rule}) entscheidet ihn nicht.",
        "en": "A tie between {names} that the rule ({rule}) cannot break.",
    },
    "tie_broken": {"de": "Gleichstand, entschieden nach der Regel: {rule}", "en": "A tie, broken by the rule: {rule}"},
    "ballots": {
        "de": "{counted} von {total} Stimmzetteln gezählt ({method})",
        "en": "{counted} of {total} ballots counted ({method})",
    },
    "set_aside": {"de": "Nicht gezählt", "en": "Set aside"},
    "by_name": {
        "de": "per Name zugeordnet zu {name} (die Adresse ist nicht angemeldet)",
        "en": "matched by name to {name} (the address is not registered)",
    },
    "candidate": {"de": "Kandidatur", "en": "Candidate"},
    "round": {"de": "Runde {number}", "en": "Round {number}"},
    "out": {"de": "scheidet aus: {names}", "en": "out: {names}"},
    "exhausted": {"de": "ohne verbleibende Wahl: {count}", "en": "with no choice left: {count}"},
    "pairwise": {"de": "Paarweise: Zeile vor Spalte", "en": "Pairwise: row over column"},
    "strongest": {"de": "Stärkste Pfade", "en": "Strongest paths"},
    "score.plurality": {"de": "Stimmen", "en": "Votes"},
    "score.approval": {"de": "Zustimmungen", "en": "Approvals"},
    "score.borda": {"de": "Borda-Punkte", "en": "Borda points"},
    "score.instant-runoff": {"de": "Stimmen in der letzten Runde", "en": "Votes in the last round"},
    "score.schulze": {"de": "Gewonnene Vergleiche (stärkste Pfade)", "en": "Pairwise wins (strongest paths)"},
    "method.plurality": {"de": "Mehrheitswahl", "en": "plurality"},
    "method.approval": {"de": "Zustimmungswahl", "en": "approval voting"},
    "method.borda": {"de": "Borda-Wahl", "en": "Borda count"},
    "method.instant-runoff": {"de": "Integrierte Stichwahl", "en": "instant-runoff"},
    "method.schulze": {"de": "Schulze-Methode", "en": "Schulze method"},
    "rule.none": {"de": "keine", "en": "none"},
    "rule.first-choices": {"de": "die meisten Erststimmen", "en": "most first choices"},
    "rule.listed-order": {"de": "die Reihenfolge im Programm", "en": "the order in the programme"},
    # why a ballot is set aside (one reason each; the audit file and the summary)
    "reason.counted": {"de": "gezählt", "en": "counted"},
    "reason.anonymous": {"de": "ohne Namen und Adresse: nicht zuzuordnen", "en": "anonymous: cannot be matched"},
    "reason.not_registered": {"de": "nicht angemeldet", "en": "not registered"},
    "reason.organiser": {"de": "Organisationsteam stimmt nicht ab", "en": "organisers do not vote"},
    "reason.early": {"de": "vor Beginn der Abstimmung", "en": "before the vote opened"},
    "reason.late": {"de": "nach Ende der Abstimmung", "en": "after the vote closed"},
    "reason.empty": {"de": "leer", "en": "empty"},
    "reason.unknown_choice": {"de": "keine Kandidatur: {detail}", "en": "not a candidate: {detail}"},
    "reason.ranked_twice": {"de": "zweimal gewählt: {detail}", "en": "chosen twice: {detail}"},
    "reason.several_choices": {
        "de": "{detail} Antworten, gezählt wird eine",
        "en": "{detail} answers where one counts",
    },
    "reason.not_ranked": {
        "de": "{detail} Antworten ohne Rangfolge",
        "en": "{detail} answers but no ranking",
    },
    "reason.same_rank": {"de": "Platz {detail} mehrfach vergeben", "en": "rank {detail} given more than once"},
    "reason.own_team": {"de": "nur das eigene Team gewählt", "en": "only the voter's own team chosen"},
    "reason.duplicate": {"de": "doppelt: gezählt wird {detail}", "en": "duplicate: {detail} counts"},
    "none_counted": {
        "de": "kein Stimmzettel gezählt: es gibt nichts zu verkünden, der Hinweis zur Ehrung bleibt, wie er war",
        "en": "no ballot counts: there is nothing to announce, and the award cue stays as it was",
    },
    "all_outside": {
        "de": "kein Stimmzettel mit Zeit gezählt, {count} außerhalb der Abstimmung: stehen die Zeiten des Berichts "
        "in einer anderen Zeitzone als {zone}? (Zoom schreibt die Zeitzone des Kontos)",
        "en": "no ballot with a time counts, {count} fall outside the vote: are the report's times in another zone "
        "than {zone}? (Zoom writes the account's zone)",
    },
    # the award cue (runsheet, run)
    "award_cue": {"de": "Ergebnis verkünden", "en": "Announce the result"},
    "award_action": {"de": "Ergebnisseite zeigen und verkünden", "en": "Show the result page and announce"},
    "award_pending": {
        "de": "„{vote}“ mit clustermeet vote auszählen, dann das Ergebnis verkünden",
        "en": "Count '{vote}' with clustermeet vote, then announce the result",
    },
}
