"""I/O: serving a show beside the console (uvicorn): one process, one engine, one log.

:func:`start_serving` takes an opened :class:`~clustermeet.show.run.ShowSession`, puts a lock around its show (the
console or the plain runner drives it from the main thread, the server from its own), restores the screens' state
(message, blackout, carried delay) from the log, and runs uvicorn with the Starlette app and the OSC listener in
one asyncio loop on a thread of their own. :func:`needs_tokens` is the bind decision: any address but loopback
requires tokens (from ``CLUSTERMEET_CONTROL_TOKEN`` and ``CLUSTERMEET_CREW_TOKEN``, or made up at start).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import uvicorn

from clustermeet.errors import OptionError, UsageError
from clustermeet.show.log import read_log
from clustermeet.show.serve.board import Board
from clustermeet.show.serve.hooks import Hooks, NowFile
from clustermeet.show.serve.osc import start_osc
from clustermeet.show.serve.pages import view_name
from clustermeet.show.serve.web import Access, Hub, build_app
from clustermeet.show.words import serve_say

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from clustermeet.show.run import ShowSession

START_SECONDS = 10.0
#: how long stopping waits for the server's thread (uvicorn gives open streams 1 s)
STOP_SECONDS = 3.0


@dataclass(frozen=True)
class ServeOptions:
    """Where to serve (``address``: ``[HOST:]PORT``), OSC's port, the foyer's access, hooks and the now-file."""

    address: str
    osc: int | None = None
    public_foyer: bool = False
    hooks: tuple[str, ...] = ()
    now_file: Path | None = None


def parse_address(value: str) -> tuple[str, int]:
    """``8080``, ``0.0.0.0:8080`` or ``[::1]:8080`` as (host, port); 127.0.0.1 unless a host is given."""
    host, sep, port = value.rpartition(":")
    host = host.strip("[]") if sep else "127.0.0.1"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise OptionError("serve", value, "is not [HOST:]PORT with a port from 1 to 65535", example="127.0.0.1:8080")
    return host or "127.0.0.1", int(port)


def needs_tokens(host: str) -> bool:
    """The bind decision: only a loopback address (or ``localhost``) serves without tokens."""
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True  # a host name: it may resolve to anything


def access_for(host: str, public_foyer: bool, environ: Mapping[str, str]) -> Access:
    """Tokens from the environment; off loopback made up where missing; on loopback only when set."""
    control = environ.get("CLUSTERMEET_CONTROL_TOKEN", "")
    crew = environ.get("CLUSTERMEET_CREW_TOKEN", "")
    if needs_tokens(host):
        control = control or secrets.token_urlsafe(18)
        crew = crew or secrets.token_urlsafe(18)
    return Access(control, crew, public_foyer)


@dataclass
class Serving:
    """A running server: its views' addresses, and how to stop it."""

    board: Board
    access: Access
    base: str
    osc_address: str = ""
    _server: Any = None
    _thread: threading.Thread | None = None
    _hooks: Hooks | None = None
    _hub: Hub | None = None
    _loop: asyncio.AbstractEventLoop | None = None
    failure: list[BaseException] = field(default_factory=list)

    def urls(self) -> list[tuple[str, str]]:
        """(view's name in the event's language, address with its token) for each view, rooms last."""
        crew = f"?token={quote(self.access.crew)}" if self.access.crew else ""
        control = f"?token={quote(self.access.control)}" if self.access.control else ""
        foyer = "" if self.access.public_foyer else crew
        lang = self.board.language
        out = [
            (view_name("operator", lang), f"{self.base}/operator{control}"),
            (view_name("stage", lang), f"{self.base}/stage{crew}"),
            (view_name("backstage", lang), f"{self.base}/backstage{crew}"),
            (view_name("foyer", lang), f"{self.base}/foyer{foyer}"),
        ]
        out += [
            (serve_say("label.room", lang, title=r.title), f"{self.base}/room/{quote(r.id)}{crew}")
            for r in self.board.rooms.values()
        ]
        return out

    def osc_label(self) -> str:
        """The OSC line's name in the event's language."""
        return serve_say("label.osc", self.board.language)

    def stop(self) -> None:
        if self._loop is not None and self._hub is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                self._loop.call_soon_threadsafe(self._hub.close)
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(STOP_SECONDS)
        if self._hooks is not None:
            self._hooks.close()


def start_serving(session: ShowSession, options: ServeOptions, environ: Mapping[str, str]) -> Serving:
    """Serve ``session``'s show as ``options`` say; returns once the server listens (or raises UsageError)."""
    host, port = parse_address(options.address)
    show = session.show
    show.guard = threading.RLock()
    board = Board(show, session.plan, session.schedule)
    if session.writer is not None:
        board.restore(read_log(session.writer.path).records)
    write, one = show.append, show.record  # the log's own (all or nothing), before the hooks are put after it

    def logged(records: list[dict[str, Any]]) -> None:
        if write is not None:
            write(records)
        else:
            for data in records:
                one(data)

    def note(record: dict[str, Any]) -> None:
        with show.guard:
            logged([{**record, "at": show.now().isoformat()}])

    hooks = Hooks(list(options.hooks), note)

    def append(records: list[dict[str, Any]]) -> None:
        logged(records)
        for data in records:  # only what is in the log
            hooks.offer(data)

    show.append = append
    now_file = NowFile(options.now_file, note) if options.now_file is not None else None
    hub = Hub(board, after_tick=now_file.update if now_file else None, note=note)
    access = access_for(host, options.public_foyer, environ)
    config = uvicorn.Config(
        build_app(hub, access),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=1,  # event streams never end by themselves: do not wait for them at quit
    )
    server = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host
    if host in {"0.0.0.0", "::"}:
        shown = socket.gethostname()
    serving = Serving(board, access, f"http://{shown}:{port}", _server=server, _hooks=hooks, _hub=hub)
    if options.osc is not None:
        serving.osc_address = f"udp://{shown}:{options.osc}"

    def main() -> None:
        loop = asyncio.new_event_loop()
        serving._loop = loop
        try:
            transport = None
            if options.osc is not None:
                transport = loop.run_until_complete(start_osc(hub, host, options.osc, access.control, loop, note))
            loop.run_until_complete(server.serve())
            if transport is not None:
                transport.close()
        except BaseException as exc:  # reported by start_serving, or at stop
            serving.failure.append(exc)
        finally:
            loop.close()

    thread = threading.Thread(target=main, name="clustermeet-serve", daemon=True)
    serving._thread = thread
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    if not server.started:
        serving.stop()
        why = serving.failure[0] if serving.failure else "it did not start"
        if isinstance(why, SystemExit):
            why = "the address is in use or not available"
        raise UsageError(f"cannot serve on {host}:{port}: {why}")
    return serving
