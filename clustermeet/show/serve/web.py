"""I/O: the served show's HTTP side (Starlette): the view pages, their live event stream, the JSON state and the
control endpoints.

Server-sent events rather than a WebSocket: the views only listen, the browser reconnects by itself (``retry``),
and control stays plain HTTP that Companion's generic module sends. Each view's data is serialised once per tick
by :class:`Hub` and queued to every client of that view; a slow client's queue drops its oldest message, so it can
never hold the clock back. Access (:class:`Access`, checked by :class:`Gate` before any route looks at a request):
off loopback, every path needs a token (``?token=`` or ``Authorization: Bearer``), control needs the control
token; a wrong or missing one gets the same bare 401 whatever the path, so nothing (a room id, a command, whether a
path exists) is revealed. Without tokens (loopback) a request must name a loopback host. Control is POST only and
refused (403) from a page of another origin.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from clustermeet.show.log import LogWriteError
from clustermeet.show.serve.board import COMMANDS, CommandError
from clustermeet.show.serve.pages import CSP, SCRIPT, STYLE, WORKER, page
from clustermeet.show.words import serve_say

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from starlette.types import ASGIApp, Receive, Scope, Send

    from clustermeet.show.serve.board import Board

QUEUE = 4
#: the largest control body read (a command's value is a few words)
MAX_BODY = 16 * 1024
PING_SECONDS = 15.0
#: the commands that take a value, each with its own ``error.`` text for the page
VALUED = ("adjust", "jump", "message", "blackout")
#: who may see each view: control (the operator), crew, or public (the foyer with ``public_foyer``)
LEVELS = {"operator": "control", "stage": "crew", "backstage": "crew", "room": "crew", "foyer": "crew"}
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the page's address may carry its token
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Access:
    """The tokens a request must carry (none on loopback unless set), and whether the foyer is public."""

    control: str = ""
    crew: str = ""
    public_foyer: bool = False

    def allows(self, request: Request, level: str) -> bool:
        if not self.control and not self.crew:
            # served on loopback without tokens: only to loopback names, so a web page whose name was made to point
            # at 127.0.0.1 (DNS rebinding) cannot reach the show
            return _loopback_name(request.url.hostname or "")
        if level == "public":
            return True
        given = request.query_params.get("token", "")
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            given = header[7:].strip()
        if not given:
            return False
        wanted = [self.control] if level == "control" else [self.control, self.crew]
        return any(t and hmac.compare_digest(given.encode(), t.encode()) for t in wanted)

    def level(self, view: str) -> str:
        return "public" if view == "foyer" and self.public_foyer else LEVELS[view]

    def needed(self, request: Request) -> str:
        """The level a request needs, from its path alone (and the view it names): control for the operator page
        and every command, the view's level for its page, stream and state, crew for anything else (an unknown
        path too); the style and script are public only where the foyer is."""
        path = request.url.path
        if path == "/operator" or (path.startswith("/api/") and path != "/api/state"):
            return "control"
        if path == "/events" and "views" in request.query_params:  # the highest of the views it names
            levels = {self.level(v) if v in LEVELS else "crew" for v in _views(request)}
            return next((lv for lv in ("control", "crew") if lv in levels), "public")
        if path in {"/events", "/api/state"}:
            view = request.query_params.get("view", "")
            return self.level(view) if view in LEVELS else "crew"
        if path == "/foyer":
            return self.level("foyer")
        if path.startswith("/static/") or path == "/favicon.ico":
            return "public" if self.public_foyer else "crew"
        return "crew"


class Gate:
    """The token check in front of the app: a request without the token its path needs gets the bare 401 before
    routing, so a wrong room id, an unknown command or path, or a wrong method answers exactly like a right one."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            if not self.access.allows(request, self.access.needed(request)):
                await _denied()(scope, receive, send)
                return
        await self.app(scope, receive, send)


@dataclass
class Hub:
    """The latest data of every view and the queues of the clients following it."""

    board: Board
    #: called after every tick with the views' data (the ``--now-file`` writer)
    after_tick: Callable[[dict[str, dict[str, Any]]], None] | None = None
    #: writes a record to the show's log (what went wrong beside the pages)
    note: Callable[[dict[str, Any]], None] | None = None
    latest: dict[str, str] = field(default_factory=dict)
    clients: dict[str, set[asyncio.Queue[str]]] = field(default_factory=dict)
    #: the queues of streams that carry several views (their frames say whose they are)
    named: set[asyncio.Queue[str]] = field(default_factory=set)
    _failed: str = ""

    def tick(self) -> None:
        """One tick of the ticker: :meth:`refresh`, where a failure is logged (once while it repeats) and the
        next tick tries again, so nothing beside the pages can stop them."""
        try:
            self.refresh()
        except Exception as exc:
            said = f"{type(exc).__name__}: {exc}"[:300]
            if said != self._failed and self.note is not None:
                with contextlib.suppress(Exception):  # the log may be what fails (a full disk): go on all the same
                    self.note({"type": "serve", "error": said})
            self._failed = said
        else:
            self._failed = ""

    def refresh(self) -> None:
        """Catch up with the clock and send each view whose data changed to its clients."""
        failed = None
        try:
            self.board.show.tick()
        except LogWriteError as exc:  # undone: the pages show the state as it was, and the next tick tries again
            failed = exc
        views = self.board.views()
        sent = f'{{"sent":{time.time():.6f},'
        for key, data in views.items():
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            if self.latest.get(key) == text:
                continue
            self.latest[key] = text
            frame = f"data: {sent}{text[1:]}\n\n"
            for queue in self.clients.get(key, ()):
                if queue.full():
                    queue.get_nowait()
                queue.put_nowait(f"event: {key}\n{frame}" if queue in self.named else frame)
        if self.after_tick is not None:
            self.after_tick(views)  # after the pages have theirs
        if failed is not None:
            raise failed

    def close(self) -> None:
        """End every event stream (the server is stopping; the pages reconnect to the next one)."""
        for queues in self.clients.values():
            for queue in queues:
                if queue.full():
                    queue.get_nowait()
                queue.put_nowait("")

    def subscribe(self, key: str) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue(QUEUE)
        self.clients.setdefault(key, set()).add(queue)
        return queue

    def unsubscribe(self, key: str, queue: asyncio.Queue[str]) -> None:
        self.clients.get(key, set()).discard(queue)

    async def stream(self, key: str) -> AsyncIterator[str]:
        """One view's stream: ``data:`` frames."""
        queue = self.subscribe(key)
        try:
            yield "retry: 1000\n\n"
            yield f"data: {self.latest.get(key, '{}')}\n\n"
            async for frame in _frames(queue):
                yield frame
        finally:
            self.unsubscribe(key, queue)

    async def stream_many(self, keys: list[str]) -> AsyncIterator[str]:
        """Several views on one stream (a browser's tabs share it: see :data:`~.pages.WORKER`): each frame named
        by its view's key (``event: room:weiterbildung``); one queue, room for each view's latest few."""
        queue: asyncio.Queue[str] = asyncio.Queue(QUEUE * len(keys))
        self.named.add(queue)
        for key in keys:
            self.clients.setdefault(key, set()).add(queue)
        try:
            yield "retry: 1000\n\n"
            for key in keys:
                yield f"event: {key}\ndata: {self.latest.get(key, '{}')}\n\n"
            async for frame in _frames(queue):
                yield frame
        finally:
            for key in keys:
                self.unsubscribe(key, queue)
            self.named.discard(queue)


async def _frames(queue: asyncio.Queue[str]) -> AsyncIterator[str]:
    """What a client's queue holds, a ping where it is quiet, until the server stops (an empty item)."""
    while True:
        try:
            frame = await asyncio.wait_for(queue.get(), PING_SECONDS)
        except TimeoutError:
            yield ": ping\n\n"
            continue
        if not frame:
            return
        yield frame


def _loopback_name(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _denied() -> Response:
    return PlainTextResponse("401 Unauthorized\n", status_code=401, headers=HEADERS)


def _views(request: Request) -> list[str]:
    """The views ``views=`` names (``stage,room:weiterbildung``), by view, without their rooms."""
    return [key.split(":", 1)[0] for key in request.query_params.get("views", "").split(",")]


def _view_keys(request: Request, board: Board) -> list[str] | None:
    """The views' keys ``views=`` asks for, each once, or None where one is not a view or room of this show."""
    keys = list(dict.fromkeys(request.query_params.get("views", "").split(",")))
    for key in keys:
        view, _, room = key.partition(":")
        if view not in LEVELS or (view == "room") != bool(room) or (room and room not in board.rooms):
            return None
    return keys


def _view_key(request: Request, board: Board) -> tuple[str, str] | None:
    """The view asked for (``view=``, and ``room=`` for a room), or None when there is no such view."""
    view = request.query_params.get("view", "")
    room = request.query_params.get("room", "")
    if view not in LEVELS or (view == "room") != bool(room) or (room and room not in board.rooms):
        return None
    return view, (f"room:{room}" if room else view)


def _same_origin(request: Request) -> bool:
    """A browser says where a request comes from; Companion and curl say nothing, which is fine."""
    if request.headers.get("sec-fetch-site", "same-origin") not in {"same-origin", "none"}:
        return False
    origin = request.headers.get("origin")
    return origin is None or origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


async def _value(request: Request) -> Any:
    """A command's value: ``{"value": ...}`` in a JSON body, or ``?value=``; raises ValueError on a bad body (not
    JSON, or longer than :data:`MAX_BODY`)."""
    value: Any = request.query_params.get("value")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise ValueError("too long")
    if body.strip():
        data = json.loads(body)
        if isinstance(data, dict) and "value" in data:
            value = data["value"]
    return value


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name == "show.js":
        return Response(SCRIPT, media_type="text/javascript; charset=utf-8", headers=HEADERS)
    if name == "stream.js":
        return Response(WORKER, media_type="text/javascript; charset=utf-8", headers=HEADERS)
    if name == "show.css":
        return Response(STYLE, media_type="text/css; charset=utf-8", headers=HEADERS)
    return PlainTextResponse("404 Not Found\n", status_code=404, headers=HEADERS)


async def home(request: Request) -> Response:
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/operator{query}", status_code=303, headers={"Referrer-Policy": "no-referrer"})


def build_app(hub: Hub, access: Access, *, tick_seconds: float = 0.2) -> Gate:
    """The Starlette app of a served show behind its :class:`Gate`; a task refreshes ``hub`` every
    ``tick_seconds`` while it runs."""
    board = hub.board

    def view_page(view: str) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:  # the Gate checked the token
            room = request.path_params.get("room", "")
            if room and room not in board.rooms:
                return PlainTextResponse("404 Not Found\n", status_code=404, headers=HEADERS)
            html = page(view, board, room, token=request.query_params.get("token", ""))
            return Response(html, media_type="text/html; charset=utf-8", headers=HEADERS)

        return endpoint

    async def events(request: Request) -> Response:
        headers = {**HEADERS, "X-Accel-Buffering": "no"}
        if "views" in request.query_params:
            keys = _view_keys(request, board)
            if keys is None:
                return PlainTextResponse("404 Not Found\n", status_code=404, headers=HEADERS)
            return StreamingResponse(hub.stream_many(keys), media_type="text/event-stream", headers=headers)
        found = _view_key(request, board)
        if found is None:
            return PlainTextResponse("404 Not Found\n", status_code=404, headers=HEADERS)
        return StreamingResponse(hub.stream(found[1]), media_type="text/event-stream", headers=headers)

    async def state(request: Request) -> Response:
        found = _view_key(request, board)
        if found is None:
            return JSONResponse({"error": "no such view"}, status_code=404, headers=HEADERS)
        return Response(hub.latest.get(found[1], "{}"), media_type="application/json", headers=HEADERS)

    def refused(status: int, error: str, key: str, **more: Any) -> Response:
        """A refused command: ``error`` for a program (English), ``text`` for the operator's page (the event's)."""
        text = serve_say(key, board.language)
        return JSONResponse({"error": error, "text": text, **more}, status_code=status, headers=HEADERS)

    async def control(request: Request) -> Response:
        if not access.allows(request, "control"):
            return _denied()
        if not _same_origin(request):
            return refused(403, "control from another origin", "error.origin")
        name = request.path_params["command"]
        if name not in COMMANDS:
            return refused(404, f"no command {name!r}", "error.command", commands=list(COMMANDS))
        try:
            value = await _value(request)
        except ValueError:
            return refused(400, f'the body is not JSON of at most {MAX_BODY} bytes ({{"value": ...}})', "error.body")
        try:
            board.command(name, value)
        except CommandError as exc:
            return refused(400, str(exc), f"error.{name}" if name in VALUED else "error.command")
        except LogWriteError as exc:  # nothing was done: the state is as it was, and a retry is logged once
            return refused(503, exc.message, "error.log")
        hub.tick()  # the command is done and logged; a tick that fails after it is logged, not the command's
        return Response(hub.latest.get("operator", "{}"), media_type="application/json", headers=HEADERS)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async def ticker() -> None:
            while True:
                hub.tick()
                await asyncio.sleep(tick_seconds)

        hub.refresh()
        task = asyncio.create_task(ticker())
        try:
            yield
        finally:
            task.cancel()

    routes = [Route("/", home), *(Route(f"/{v}", view_page(v)) for v in LEVELS if v != "room")]
    routes += [
        Route("/room/{room}", view_page("room")),
        Route("/events", events),
        Route("/api/state", state),
        Route("/api/{command}", control, methods=["POST"]),
        Route("/static/{name}", static),
        Route("/favicon.ico", lambda _request: Response(status_code=204, headers=HEADERS)),
    ]
    return Gate(Starlette(routes=routes, lifespan=lifespan), access)
