"""Small HTML helpers shared by the report's parts: escaping, numbers, verdict badges, anchors,
proven bounds and embedded figures."""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from circuits.study import plots


def esc(text: Any) -> str:
    return html.escape(str(text))


def num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def badge(verdict: str | None) -> str:
    if verdict is None:
        return ""
    colour = plots.VERDICT_COLOURS.get(verdict, "#34495e")
    return f'<span class="badge" style="background:{colour};color:{text_colour(colour)}">{esc(verdict)}</span>'


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG relative luminance)."""
    channels = [int(background[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def anchor(name: str) -> str:
    return "p-" + re.sub(r"[^a-z0-9]+", "-", name.lower())


def figure(svg: str | None, caption: str, missing: str) -> str:
    if svg is None:
        return f'<p class="muted">{esc(missing)}</p>'
    data = base64.b64encode(svg.encode()).decode()
    return f'<figure><img alt="{esc(caption)}" src="data:image/svg+xml;base64,{data}"><figcaption>{caption}</figcaption></figure>'


def bounds(exact: int | None, known: list[Any]) -> str:
    """``7`` when proven, ``7…9`` between proven bounds, ``≥7`` without any circuit."""
    if exact is not None:
        return str(exact)
    lower, upper = known
    return f"≥{lower}" if upper is None else f"{lower}…{upper}"
