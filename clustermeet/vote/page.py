"""The result page: one self-contained HTML file to show on screen: the winner, the tally as a bar chart, and
the rounds (instant-runoff) or the pairwise table (Schulze), in the event's language.

Pure. No script, no external resource, a Content-Security-Policy that allows only the inline style, and no
voter's name or address: the page shows counts only.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from clustermeet.vote.result import say

if TYPE_CHECKING:
    from clustermeet.vote.result import VoteResult

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"
STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}.winner{font-size:2.6rem;font-weight:700;margin:.5rem 0 1.5rem}
.tie{font-size:1.6rem;font-weight:700;color:#8a3b00}
svg{width:100%;height:auto}svg text{font-size:14px;fill:#1a1a1a}.bar{fill:#9aa5b1}.top{fill:#1f6feb}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}footer{color:#555;font-size:.85rem;margin-top:2rem}
"""
_BAR_HEIGHT, _GAP, _LABEL, _WIDTH = 28, 10, 380, 900


def e(text: object) -> str:
    return escape(str(text), quote=True)


def result_page(result: VoteResult) -> str:
    """The whole page as text."""
    language = result.language
    title = say("result_title", language, title=result.title)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{e(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{e(title)}</h1>",
        *_headline(result),
        f"<p>{e(_summary(result))}</p>",
        _chart(result),
        *_rounds(result),
        *_pairwise(result),
        "</main>",
        f"<footer>{e(', '.join(f.source.rsplit('/', 1)[-1] for f in result.files))}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _headline(result: VoteResult) -> list[str]:
    language = result.language
    if not result.tally.ballots:
        return [f'<p class="tie">{e(say("none_counted", language))}</p>']
    if result.winner_name is None:
        names = ", ".join(result.tied_names)
        rule = say(f"rule.{result.rule.value}", language)
        return [f'<p class="tie">{e(say("tie", language, names=names, rule=rule))}</p>']
    out = [f"<p>{e(say('winner', language))}</p>", f'<p class="winner">{e(result.winner_name)}</p>']
    if result.tally.tie_break is not None:
        rule = say(f"rule.{result.tally.tie_break.value}", language)
        out.append(f"<p>{e(say('tie_broken', language, rule=rule))}</p>")
    return out


def _summary(result: VoteResult) -> str:
    total = len(result.decisions)
    return say("ballots", result.language, counted=result.tally.ballots, total=total, method=result.method_name())


def _chart(result: VoteResult) -> str:
    """Horizontal bars of the method's scores, the best in colour; a table of the same figures follows for
    screen readers (the chart is ``aria-hidden``)."""
    tally, language = result.tally, result.language
    scores = tally.scores
    high = max(scores.values(), default=0) or 1
    height = len(scores) * (_BAR_HEIGHT + _GAP) + _GAP
    label = say(f"score.{tally.method.value}", language)
    bars = []
    for i, (candidate, score) in enumerate(scores.items()):
        y = _GAP + i * (_BAR_HEIGHT + _GAP)
        width = round((_WIDTH - _LABEL - 60) * score / high)
        kind = "bar top" if candidate in tally.top else "bar"
        bars += [
            f'<text x="{_LABEL - 8}" y="{y + 19}" text-anchor="end">{e(_short(result.name(candidate)))}</text>',
            f'<rect class="{kind}" x="{_LABEL}" y="{y}" width="{width}" height="{_BAR_HEIGHT}"/>',
            f'<text x="{_LABEL + width + 8}" y="{y + 19}">{score}</text>',
        ]
    svg = f'<svg viewBox="0 0 {_WIDTH} {height}" role="img" aria-hidden="true">' + "".join(bars) + "</svg>"
    rows = "".join(f"<tr><td>{e(result.name(c))}</td><td>{s}</td></tr>" for c, s in scores.items())
    head = f"<tr><th>{e(say('candidate', language))}</th><th>{e(label)}</th></tr>"
    return f"<h2>{e(label)}</h2>\n{svg}\n<table>{head}{rows}</table>"


def _short(name: str, most: int = 44) -> str:
    return name if len(name) <= most else name[: most - 1] + "\u2026"


def _rounds(result: VoteResult) -> list[str]:
    tally, language = result.tally, result.language
    if not tally.rounds:
        return []
    head = "".join(f"<th>{e(say('round', language, number=n))}</th>" for n in range(1, len(tally.rounds) + 1))
    rows = []
    for candidate in tally.candidates:
        cells = "".join(f"<td>{r.counts.get(candidate, '')}</td>" for r in tally.rounds)
        rows.append(f"<tr><td>{e(result.name(candidate))}</td>{cells}</tr>")
    notes = [
        say("round", language, number=n)
        + ": "
        + say("out", language, names=", ".join(result.name(c) for c in r.eliminated))
        for n, r in enumerate(tally.rounds, 1)
        if r.eliminated
    ]
    items = "".join(f"<li>{e(note)}</li>" for note in notes)
    return [f"<table><tr><th></th>{head}</tr>{''.join(rows)}</table>", f"<ul>{items}</ul>" if items else ""]


def _pairwise(result: VoteResult) -> list[str]:
    tally, language = result.tally, result.language
    if not tally.pairwise:
        return []
    out = []
    for key, table in (("pairwise", tally.pairwise), ("strongest", tally.strongest)):
        head = "".join(f"<th>{e(_short(result.name(c), 16))}</th>" for c in tally.candidates)
        rows = []
        for x in tally.candidates:
            cells = "".join(f"<td>{table[x, y] if x != y else ''}</td>" for y in tally.candidates)
            rows.append(f"<tr><td>{e(result.name(x))}</td>{cells}</tr>")
        out += [f"<h2>{e(say(key, language))}</h2>", f"<table><tr><th></th>{head}</tr>{''.join(rows)}</table>"]
    return out
