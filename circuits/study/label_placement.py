"""Point labels that overlap neither each other nor any marker.

matplotlib draws an annotation where it is told, so labels of nearby points overprint (several
problems score (0, 0) in the size-vs-depth scatter). Each label here tries offsets around its point,
nearest first, and takes the first whose rendered box (the renderer's own extents, in display
pixels) meets no label already placed and no marker; a label with no free place is left at its
last offset and reported, so a test can require that none is.
"""

from __future__ import annotations

from typing import Any, Sequence

#: Offsets in points, nearest first: right, left, above, below, then the diagonals, then farther out.
_DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
_RADII = (6, 14, 24, 36, 50)
#: Half the side of the box kept free around each marker, in points.
MARKER_HALF = 5.0


def _boxes_meet(a: Any, b: Any) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def place_labels(
    figure: Any, axis: Any, points: Sequence[tuple[float, float, str]], fontsize: float, obstacles: Sequence[Any] = ()
) -> list[Any]:
    """Annotate each (x, y, text) of ``points`` where it overlaps no other label, no marker and none
    of the ``obstacles`` (artists already drawn, e.g. notes inside the axes); return the annotations.
    The axis limits must be final: placement is in display pixels."""
    from matplotlib.transforms import Bbox

    renderer = figure.canvas.get_renderer()
    scale = figure.dpi / 72.0
    half = MARKER_HALF * scale
    markers = []
    for x, y, _ in points:
        px, py = axis.transData.transform((x, y))
        markers.append(Bbox.from_extents(px - half, py - half, px + half, py + half))
    markers += [artist.get_window_extent(renderer) for artist in obstacles]
    frame = axis.get_window_extent(renderer)
    placed: list[Any] = []
    annotations = []
    for x, y, text in points:
        annotation = None
        for radius in _RADII:
            for dx, dy in _DIRECTIONS:
                if annotation is not None:
                    annotation.remove()
                annotation = axis.annotate(
                    text, (x, y), xytext=(dx * radius, dy * radius), textcoords="offset points", fontsize=fontsize,
                    color="#333333", ha="left" if dx > 0 else "right" if dx < 0 else "center",
                    va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                )
                box = annotation.get_window_extent(renderer)
                inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
                if inside and not any(_boxes_meet(box, other) for other in placed + markers):
                    break
            else:
                continue
            break
        assert annotation is not None
        placed.append(annotation.get_window_extent(renderer))
        annotations.append(annotation)
    return annotations
