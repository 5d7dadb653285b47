"""Pictures of circuits: a layered ASCII diagram for the terminal, DOT, and SVG/PNG via Graphviz.

``highlight`` everywhere maps a legend label to a set of node ids (the analyzer marks candidate and
union wires with it); each group gets its own colour (Graphviz) or marker (ASCII).
"""

from circuits.draw.ascii import ascii_diagram
from circuits.draw.dot import GraphvizMissing, dot_source, render

__all__ = ["GraphvizMissing", "ascii_diagram", "dot_source", "render"]
