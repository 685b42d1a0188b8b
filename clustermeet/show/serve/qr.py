"""The QR codes printed at start for phones (segno, pure Python, no dependencies): a view's address as text
blocks for a terminal."""

from __future__ import annotations

import io

import segno


def qr_text(url: str) -> str:
    """``url`` as a QR code of half-block characters (two modules a line), dark on a light terminal or a dark one."""
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()
