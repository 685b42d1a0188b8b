"""Live clients of `clustermeet run --serve`: how fast a tick reaches them, and what the server costs.

Starts `clustermeet run` on the demo agenda (plain mode, served on a free loopback port), opens N concurrent
event streams from this one process (asyncio, raw HTTP/1.1; the views spread over stage, operator, backstage, foyer
and the three rooms), and for a window of S seconds measures each message's delay from the server's `sent` stamp
(taken as the tick serialises the views) to its arrival here. Meanwhile it samples the server's CPU (utime+stime
from /proc) and its memory (VmRSS, and VmHWM at the end).

    .venv/bin/python bench/serve.py [--clients 200] [--seconds 30]

Goals (issue 14): p99 delay under 100 ms with 200 clients, server CPU under 10 % of one core, memory under 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "agendas" / "go-cluster-2022.yaml"
TICKS = os.sysconf("SC_CLK_TCK")
VIEWS = [
    "view=stage",
    "view=operator",
    "view=backstage",
    "view=foyer",
    "view=room&room=weiterbildung",
    "view=room&room=wertschoepfung",
    "view=room&room=geschaeftsmodelle",
]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def memory_mb(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def client(port: int, query: str, until: float, start: float, delays: list[float], counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET /events?{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    try:
        while (now := time.time()) < until:
            line = await asyncio.wait_for(reader.readline(), timeout=until - now + 1)
            if not line:
                break
            if line.startswith(b'data: {"sent":'):
                arrived = time.time()
                sent = float(line[14 : line.index(b",", 14)])
                if arrived >= start:
                    delays.append(arrived - sent)
                    counts[0] += 1
    except TimeoutError:
        pass
    finally:
        writer.close()


async def measure(port: int, clients: int, seconds: float, warmup: float) -> tuple[list[float], int]:
    start = time.time() + warmup
    until = start + seconds
    delays: list[float] = []
    counts = [0]
    tasks = [
        asyncio.create_task(client(port, VIEWS[n % len(VIEWS)], until, start, delays, counts)) for n in range(clients)
    ]
    await asyncio.gather(*tasks)
    return delays, counts[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        command = [
            *(sys.executable, "-m", "clustermeet", "run", str(DEMO), "--plain", "--serve", f"127.0.0.1:{port}"),
            *("--start-at", "10:02", "--speed", "1", "--log", str(Path(folder) / "show.jsonl")),
        ]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        try:
            for _ in range(300):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/state?view=stage", timeout=1) as r:
                        json.loads(r.read())
                    break
                except OSError:
                    time.sleep(0.05)
            idle_mb = memory_mb(server.pid, "VmRSS")
            before = cpu_seconds(server.pid)
            began = time.monotonic()
            delays, received = asyncio.run(measure(port, args.clients, args.seconds, args.warmup))
            wall = time.monotonic() - began
            used = cpu_seconds(server.pid) - before
            rss, peak = memory_mb(server.pid, "VmRSS"), memory_mb(server.pid, "VmHWM")
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=20)
    if not delays:
        raise SystemExit("no messages arrived")
    delays.sort()
    p50 = statistics.median(delays) * 1000
    p99 = delays[int(len(delays) * 0.99) - 1] * 1000
    print(f"clients: {args.clients} over {len(VIEWS)} views; window {args.seconds:g} s after {args.warmup:g} s")
    print(f"messages received: {received} ({received / args.seconds:.0f}/s)")
    print(f"delay sent->arrived: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {delays[-1] * 1000:.1f} ms (goal p99 < 100)")
    print(f"server CPU: {used:.2f} s in {wall:.1f} s -> {used / wall * 100:.2f} % of one core (goal < 10 %)")
    print(f"server memory: {idle_mb:.0f} MB idle, {rss:.0f} MB with the clients, peak {peak:.0f} MB (goal < 150)")


if __name__ == "__main__":
    main()
