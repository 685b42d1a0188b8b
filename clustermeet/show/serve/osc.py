"""I/O: OSC control of a served show (python-osc, UDP): ``/clustermeet/<command> [value]``.

The commands are :data:`~clustermeet.show.serve.board.COMMANDS`, the same as over HTTP; ``/clustermeet/message``
takes the text, ``/clustermeet/message/clear`` clears it, ``/clustermeet/adjust`` takes seconds, ``/clustermeet/jump``
a segment id or number, ``/clustermeet/blackout`` 1 or 0 (none: toggle). OSC has no reply and no authentication:
off loopback the first argument must be the control token, and a message without it is dropped (and logged).
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any, cast

from pythonosc.dispatcher import Dispatcher
from pythonosc.osc_server import AsyncIOOSCUDPServer

from clustermeet.show.log import LogWriteError
from clustermeet.show.serve.board import CommandError

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable

    from clustermeet.show.serve.web import Hub

PREFIX = "clustermeet"


def handle(hub: Hub, token: str, address: str, args: list[Any], note: Callable[[dict[str, Any]], None]) -> bool:
    """Do one OSC message; False (and a note for the log) when it is not a command or is refused."""
    parts = address.strip("/").split("/")
    if len(parts) < 2 or parts[0] != PREFIX:
        return False
    if token:
        if not args or not hmac.compare_digest(str(args[0]).encode(), token.encode()):
            note({"type": "osc", "address": address, "error": "no control token"})
            return False
        args = args[1:]
    name = "clear" if parts[1:] == ["message", "clear"] else parts[1]
    value = args[0] if args else None
    if name == "message" and all(isinstance(a, str) for a in args):  # a blob or a number is refused
        value = " ".join(args)
    try:
        hub.board.command(name, value)
    except CommandError as exc:
        note({"type": "osc", "address": address, "error": str(exc)})
        return False
    except LogWriteError:  # not done (the log cannot even take the note); Companion's retry is logged once
        return False
    hub.tick()  # done and logged; a tick that fails after it is logged by the hub, not the command's
    return True


async def start_osc(
    hub: Hub, host: str, port: int, token: str, loop: asyncio.AbstractEventLoop, note: Callable[[dict[str, Any]], None]
) -> asyncio.BaseTransport:
    """Listen for OSC on ``host:port`` (UDP) in ``loop``; close the returned transport to stop."""
    dispatcher = Dispatcher()

    def on_message(address: str, *args: Any) -> None:
        handle(hub, token, address, list(args), note)

    dispatcher.set_default_handler(on_message)
    server = AsyncIOOSCUDPServer((host, port), dispatcher, cast("asyncio.BaseEventLoop", loop))
    transport, _protocol = await server.create_serve_endpoint()
    return transport
