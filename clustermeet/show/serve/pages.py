"""The served pages: one HTML page per view, the one style sheet and the one script they share. Pure text.

Self-contained: nothing is fetched from elsewhere (no CDN, no fonts); the server sends a Content-Security-Policy
that allows only its own script, style and event stream (:data:`CSP`). Data is always set with ``textContent``,
never as markup. The script follows the event stream (``/events``) and opens it again after a network drop or a
server restart (an ``EventSource`` that failed for good is replaced after a second).
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from clustermeet.show.words import serve_say

if TYPE_CHECKING:
    from clustermeet.show.serve.board import Board

VIEWS = ("operator", "stage", "backstage", "foyer", "room")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def view_name(view: str, language: str) -> str:
    return serve_say(f"view.{view}", language)


#: the words the script shows, by the name it reads them under
SCRIPT_WORDS = ("wrap_up", "rooms_close", "rooms_closed", "offline", "new_time", "refused", "unreachable")


def page(view: str, board: Board, room: str = "", *, token: str = "") -> str:
    """The HTML of one view (``room``: the room id of a room view; ``token``: the one its address carried, which
    its style, script and icon need too)."""
    lang = board.language
    name = view_name(view, lang)
    heading = f"{name} {board.rooms[room].title}" if room else name
    data = {key: serve_say(f"text.{key}", lang) for key in SCRIPT_WORDS}
    body = _BODIES[view](board)
    query = escape(f"?token={quote(token, safe='')}") if token else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(heading)} · {escape(board.plan.title)}</title>"
        f'<link rel="icon" href="/favicon.ico{query}"><link rel="stylesheet" href="/static/show.css{query}"></head>\n'
        f'<body class="view-{view}" data-view="{view}" data-room="{escape(room)}">\n'
        f'<div id="offline" class="offline-note">{escape(data["offline"])}</div>\n'
        f"{body}\n"
        f'<script type="application/json" id="words">{_json(data)}</script>\n'
        f'<script src="/static/show.js{query}"></script>\n</body></html>\n'
    )


def _json(data: object) -> str:
    # inside <script>, "</" would end the element: escape it (and "<!--") for any text
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def _timer() -> str:
    return (
        '<header><span id="title" class="title"></span><span id="clock" class="clock"></span></header>\n'
        '<main><div id="phase_word" class="phase-word"></div><div id="countdown" class="countdown">0:00</div>'
        '<div id="who" class="who"></div><div id="wrap" class="wrap"></div>'
        '<div id="message" class="message" hidden></div></main>'
    )


def _stage(_board: Board) -> str:
    return _timer()


def _operator(board: Board) -> str:
    lang = board.language

    def button(command: str, source: str = "") -> str:
        took = f' data-from="{source}"' if source else ""
        label = escape(serve_say(f"button.{command}", lang))
        return f'<button type="button" data-cmd="{command}"{took}>{label}</button>'

    row = "".join(button(c) for c in ("next", "back", "toggle", "plus", "minus"))
    options = "".join(
        f'<option value="{n}">{n}. {escape(board.step_title(s))}</option>' for n, s in enumerate(board.plan.steps, 1)
    )
    placeholder = escape(serve_say("text.message", lang))
    return (
        _timer() + '\n<section class="panel"><div id="position"></div><div id="elapsed"></div><div id="next"></div>'
        '<div id="timing"></div><div id="carried" class="advice"></div><div id="advice" class="advice"></div>'
        '<div id="cue"></div><div class="row"><span id="cue_message" class="cue-message"></span>'
        f'<button type="button" data-copy="cue_message">{escape(serve_say("button.copy", lang))}</button></div>'
        "</section>\n"
        f'<section class="controls"><div class="row">{row}</div>'
        f'<div class="row"><select id="jump_to">{options}</select>{button("jump", "jump_to")}{button("carry")}</div>'
        f'<div class="row"><input id="message_text" maxlength="280" autocomplete="off" placeholder="{placeholder}">'
        f"{button('message', 'message_text')}{button('clear')}{button('blackout')}</div>"
        '<div id="error" class="error" role="alert" hidden></div></section>'
    )


def _backstage(board: Board) -> str:
    columns = ("time", "planned", "cue", "task", "who")
    head = "".join(f"<th>{escape(serve_say(f'column.{c}', board.language))}</th>" for c in columns)
    return (
        '<header><span id="title" class="title"></span><span id="countdown" class="small-count"></span>'
        '<span id="clock" class="clock"></span></header>\n'
        f'<main><table class="cues"><thead><tr>{head}</tr></thead><tbody id="cues"></tbody></table></main>'
    )


def _foyer(board: Board) -> str:
    return (
        f'<header><span class="title">{escape(board.plan.title)}</span>'
        '<span id="clock" class="clock"></span></header>\n'
        '<main><div id="now" class="now"></div><ol id="items" class="programme"></ol></main>'
    )


def _room(_board: Board) -> str:
    return (
        '<header><span id="room" class="title"></span><span id="clock" class="clock"></span></header>\n'
        '<main><div id="title" class="who"></div><div id="label" class="phase-word"></div>'
        '<div id="countdown" class="countdown">0:00</div><ul id="texts" class="texts"></ul></main>'
    )


_BODIES = {"operator": _operator, "stage": _stage, "backstage": _backstage, "foyer": _foyer, "room": _room}

STYLE = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;background:#111;color:#eee;font-family:system-ui,sans-serif}
body{display:flex;flex-direction:column;min-height:100vh}
header{display:flex;justify-content:space-between;gap:1em;padding:.5em 1em;font-size:clamp(1rem,2.5vw,2rem)}
.title{font-weight:bold;overflow-wrap:anywhere}
.clock{font-variant-numeric:tabular-nums;opacity:.8}
main{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:1em;text-align:center}
.countdown{font-size:clamp(4rem,22vw,40vh);font-weight:bold;font-variant-numeric:tabular-nums;line-height:1}
.view-operator main{flex:none;padding:.3em}
.view-operator .countdown{font-size:clamp(3rem,10vw,14vh)}
.view-operator .phase-word,.view-operator .wrap,.view-operator .message{font-size:clamp(1rem,2.5vw,1.8rem)}
.view-operator .who{font-size:1.2rem}
.phase-word{font-size:clamp(1.2rem,4vw,4rem);font-weight:bold;letter-spacing:.1em}
.who{font-size:clamp(1rem,3vw,2.5rem);opacity:.85}
.wrap{font-size:clamp(1.5rem,min(6vw,8vh),6rem);font-weight:bold;min-height:1em}
.message{margin-top:.5em;padding:.3em .8em;background:#fff;color:#000;border-radius:.2em;
 font-size:clamp(1.5rem,min(5vw,6vh),5rem);font-weight:bold}
body.view-stage:has(.message:not([hidden])) .countdown{font-size:clamp(4rem,22vw,30vh)}
body[data-phase=waiting] .countdown,body[data-phase=waiting] .phase-word{color:#6cb4ff}
body[data-phase=on_time] .countdown,body[data-phase=on_time] .phase-word{color:#3ddc84}
body[data-phase=warning] .countdown,body[data-phase=warning] .phase-word{color:#ffc107}
body[data-phase=overtime] .countdown,body[data-phase=overtime] .phase-word{color:#ff3b30}
body[data-phase=finished] .countdown{color:#888}
body.flash main{animation:flash .5s step-end 6}
@keyframes flash{50%{background:#ffc107;color:#000}}
body.blackout{background:#000}
body.blackout header,body.blackout main,body.blackout .panel{visibility:hidden}
.panel{padding:0 1em;font-size:1.1rem;display:grid;gap:.3em}
.cue-message{font-style:italic}
.advice{color:#ffc107}
.controls{padding:1em;display:grid;gap:.5em}
.row{display:flex;flex-wrap:wrap;gap:.5em}
button,select,input{font-size:1.1rem;padding:.5em .8em;border-radius:.3em;border:1px solid #555;
 background:#222;color:#eee}
input{flex:1;min-width:10em}
button:active{background:#444}
table.cues{border-collapse:collapse;width:100%;font-size:clamp(1rem,2vw,1.6rem)}
.cues th,.cues td{text-align:left;padding:.3em .5em;border-bottom:1px solid #333;vertical-align:top}
.small-count{font-variant-numeric:tabular-nums;font-weight:bold}
#now{font-size:clamp(1.5rem,5vw,4rem);font-weight:bold;margin-bottom:.5em}
.programme{list-style:none;padding:0;margin:0;width:min(100%,50em);text-align:left;font-size:clamp(1rem,2.5vw,2rem)}
.programme li{display:flex;gap:.8em;padding:.3em 0;border-bottom:1px solid #333}
.programme .t{font-variant-numeric:tabular-nums;min-width:3em}
.programme .p{text-decoration:line-through;opacity:.6}
.programme li.done{opacity:.5}
.programme li.now{color:#3ddc84;font-weight:bold}
.programme .new{margin-left:auto;color:#ffc107;font-size:.8em;white-space:nowrap}
.texts{font-size:clamp(1.2rem,4vw,3rem);list-style:none;padding:0}
.offline-note{display:none;background:#ff3b30;color:#fff;padding:.3em 1em}
.error{background:#ff3b30;color:#fff;padding:.4em .8em;border-radius:.3em;margin-top:.5em}
.error[hidden]{display:none}
body.offline .offline-note{display:block}
"""

SCRIPT = r"""
(function () {
  'use strict';
  var body = document.body, view = body.dataset.view, room = body.dataset.room;
  var words = JSON.parse(document.getElementById('words').textContent);
  var token = new URLSearchParams(location.search).get('token') || '';
  var auth = token ? '&token=' + encodeURIComponent(token) : '';
  var source = '/events?view=' + encodeURIComponent(view) + (room ? '&room=' + encodeURIComponent(room) : '') + auth;
  var lastPhase = null, flashTimer = null;
  function el(id) { return document.getElementById(id); }
  function set(id, text) { var e = el(id); if (e && e.textContent !== text) { e.textContent = text; } }
  function cell(row, text, cls) {
    var c = document.createElement(row.parentNode && row.parentNode.tagName === 'THEAD' ? 'th' : 'td');
    c.textContent = text; if (cls) { c.className = cls; } row.appendChild(c); return c;
  }
  function flash() {
    body.classList.remove('flash'); void body.offsetWidth; body.classList.add('flash');
    clearTimeout(flashTimer); flashTimer = setTimeout(function () { body.classList.remove('flash'); }, 3000);
  }
  function timer(d) {
    body.dataset.phase = d.phase || '';
    body.classList.toggle('blackout', !!d.blackout);
    set('clock', d.clock || ''); set('title', d.title || ''); set('countdown', d.countdown || '');
    set('phase_word', d.phase_word || ''); set('who', d.who || '');
    set('wrap', d.phase === 'warning' ? words.wrap_up : '');
    var m = el('message'); if (m) { m.hidden = !d.message; set('message', d.message || ''); }
    if (lastPhase !== null && d.phase !== lastPhase && (d.phase === 'warning' || d.phase === 'overtime')) { flash(); }
    lastPhase = d.phase;
  }
  function rows(id, list, fill) {
    var box = el(id), key = JSON.stringify(list);
    if (!box || box.dataset.key === key) { return; }
    box.dataset.key = key; box.textContent = '';
    list.forEach(function (item) { fill(box, item); });
  }
  var render = {
    stage: timer,
    operator: function (d) {
      timer(d);
      ['position', 'elapsed', 'next', 'timing', 'carried', 'advice', 'cue', 'cue_message'].forEach(function (k) {
        set(k, d[k] || '');
      });
      var j = el('jump_to'); if (j && document.activeElement !== j) { j.value = String(d.index + 1); }
    },
    backstage: function (d) {
      timer(d);
      rows('cues', d.cues, function (box, c) {
        var tr = document.createElement('tr'); box.appendChild(tr);
        cell(tr, c.time); cell(tr, c.planned, 'p'); cell(tr, c.title); cell(tr, c.action); cell(tr, c.who);
      });
    },
    foyer: function (d) {
      set('clock', d.clock); set('now', d.now);
      rows('items', d.items, function (box, i) {
        var li = document.createElement('li'); li.className = i.state; box.appendChild(li);
        var t = document.createElement('span'); t.className = 't'; li.appendChild(t);
        t.textContent = i.time || i.planned;
        if (i.time && i.time !== i.planned) {
          var p = document.createElement('span'); p.className = 't p'; p.textContent = i.planned; li.appendChild(p);
        }
        var n = document.createElement('span'); n.textContent = i.title; li.appendChild(n);
        if (i.announced && i.state !== 'done') {
          var a = document.createElement('span'); a.className = 'new'; a.textContent = words.new_time;
          li.appendChild(a);
        }
      });
    },
    room: function (d) {
      body.dataset.phase = d.phase || '';
      set('room', d.room); set('clock', d.clock); set('title', d.title || '');
      set('label', d.state === 'closed' ? words.rooms_closed + ' ' + (d.opens || '') : words.rooms_close);
      set('countdown', d.state === 'closed' ? '' : d.countdown);
      rows('texts', d.texts || [], function (box, t) {
        var li = document.createElement('li'); li.textContent = t; box.appendChild(li);
      });
    }
  };
  var stream = null, shared = false;
  function take(data) { body.classList.remove('offline'); render[view](JSON.parse(data)); }
  function direct() {  // a stream of the page's own
    stream = new EventSource(source);
    stream.onopen = function () { body.classList.remove('offline'); };
    stream.onmessage = function (e) { take(e.data); };
    stream.onerror = function () {
      body.classList.add('offline');
      if (stream.readyState === EventSource.CLOSED) { stream.close(); setTimeout(direct, 1000); }
    };
  }
  function connect() {  // one stream for all of this browser's tabs of the server, where it can share one
    if (!window.SharedWorker) { direct(); return; }
    var key = view === 'room' ? 'room:' + room : view, worker;
    try { worker = new SharedWorker('/static/stream.js' + (token ? '?token=' + encodeURIComponent(token) : '')); }
    catch (e) { direct(); return; }
    shared = true;
    worker.onerror = function () { if (shared) { shared = false; direct(); } };
    worker.port.onmessage = function (m) {
      if (m.data.offline !== undefined) { body.classList.toggle('offline', m.data.offline); }
      if (m.data.data) { take(m.data.data); }
    };
    worker.port.postMessage({key: key});
    addEventListener('pagehide', function () { worker.port.postMessage({bye: true}); });
    addEventListener('pageshow', function (e) { if (e.persisted) { worker.port.postMessage({key: key}); } });
  }
  function refusal(text) { var e = el('error'); if (e) { e.textContent = text; e.hidden = !text; } }
  function send(cmd, value) {  // resolves to whether the server did it; a refusal is shown in the page's words
    var payload = value === undefined ? {} : {value: value};
    return fetch('/api/' + cmd + (token ? '?token=' + encodeURIComponent(token) : ''), {
      method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(payload)
    }).then(function (reply) {
      if (reply.ok) { refusal(''); return true; }
      return reply.json().then(function (d) { return d.text || ''; }, function () { return ''; }).then(function (t) {
        refusal(t || words.refused + ' (' + reply.status + ')'); return false;
      });
    }, function () { refusal(words.unreachable); return false; });
  }
  function copy(text) {  // the console's c: the cue's message, to paste into "message all rooms"
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text); return; }
    var box = document.createElement('textarea'); box.value = text; document.body.appendChild(box);
    box.select(); document.execCommand('copy'); box.remove();
  }
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (b) {
    b.addEventListener('click', function () { copy(el(b.dataset.copy).textContent); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('button[data-cmd]'), function (b) {
    b.addEventListener('click', function () {
      var from = b.dataset.from ? el(b.dataset.from) : null;
      send(b.dataset.cmd, from ? from.value : undefined).then(function (done) {
        if (done && from && from.tagName === 'INPUT') { from.value = ''; }  // a refused text stays to be mended
      });
    });
  });
  connect();
})();
"""


#: the shared worker of a browser's tabs (``/static/stream.js``): browsers open at most 6 HTTP/1.1 connections to
#: one server, and each live page holds one, so a 7th tab would wait for ever; the tabs' views share one stream
#: (``/events?views=stage,room:weiterbildung``) that the worker opens again whenever a tab asks for another view
WORKER = r"""
'use strict';
var ports = [], wanted = new Map(), stream = null, streaming = '', offline = true, latest = {};
var token = new URLSearchParams(location.search).get('token') || '';
function keys() {
  var set = {}; ports.forEach(function (p) { set[wanted.get(p)] = true; }); return Object.keys(set).sort();
}
function tell(message, key) {
  ports.forEach(function (p) { if (key === undefined || wanted.get(p) === key) { p.postMessage(message); } });
}
function state(off) { if (off !== offline) { offline = off; tell({offline: off}); } }
function open() {
  var list = keys(), joined = list.join(',');
  if (stream && joined === streaming) { return; }
  if (stream) { stream.close(); stream = null; }
  streaming = joined;
  if (!list.length) { return; }
  var s = stream = new EventSource('/events?views=' + encodeURIComponent(joined) +
    (token ? '&token=' + encodeURIComponent(token) : ''));
  s.onopen = function () { state(false); };
  list.forEach(function (key) {
    s.addEventListener(key, function (e) { latest[key] = e.data; state(false); tell({data: e.data}, key); });
  });
  s.onerror = function () {
    state(true);
    if (s.readyState === EventSource.CLOSED && stream === s) { s.close(); stream = null; setTimeout(open, 1000); }
  };
}
self.onconnect = function (e) {
  var port = e.ports[0];
  port.onmessage = function (m) {
    var i = ports.indexOf(port);
    if (m.data.bye) { if (i >= 0) { ports.splice(i, 1); } wanted.delete(port); open(); return; }
    if (i < 0) { ports.push(port); }
    wanted.set(port, m.data.key);
    port.postMessage({offline: offline});
    if (latest[m.data.key]) { port.postMessage({data: latest[m.data.key]}); }
    open();
  };
};
"""
