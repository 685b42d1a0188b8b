"""What the invites let through of control characters: text.strip_controls and text.one_line, applied the RFC way."""

from __future__ import annotations

from clustermeet.invites.render import clean_param, clean_text
from clustermeet.text import one_line


def test_text_values_keep_tab_and_line_breaks_only() -> None:
    assert clean_text("a\tb\r\nc\rd\x00e\x1bf\x7fg\x85h\n") == "a\tb\ncdefgh\n"
    assert clean_text("Begrüßung – 14:00\nZweite Zeile") == "Begrüßung – 14:00\nZweite Zeile"  # unchanged


def test_parameter_values_lose_controls_and_double_quotes() -> None:
    assert clean_param(' Anna "Ann"\r\nAlbrecht\x00 ') == "Anna 'Ann'  Albrecht"


def test_header_text_is_one_line() -> None:
    assert one_line("Ray\r\nBcc: victim@example.org") == "Ray Bcc: victim@example.org"  # no header injection
