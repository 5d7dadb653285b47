"""Published distributions a suite's results can be checked against, so a benchmark checks itself.

Knuth (TAOCP 4A, 7.1.2) lists the minimum Boolean-chain cost (the ``b2`` size here) of all 65,536
functions of 4 inputs, both per function and per NPN class. A run of ``all4`` must reproduce the
per-function counts and a run of ``npn4`` both; anything else is a bug in the synthesizer.
"""

from __future__ import annotations

from typing import Any

SOURCE = "Knuth, TAOCP 4A 7.1.2"
#: Minimum b2 size of all 4-input functions: functions per cost, and NPN classes per cost.
KNUTH_FUNCTIONS_PER_COST = {0: 10, 1: 60, 2: 456, 3: 2474, 4: 10624, 5: 24184, 6: 25008, 7: 2720}
KNUTH_CLASSES_PER_COST = {0: 2, 1: 2, 2: 5, 3: 20, 4: 34, 5: 75, 6: 72, 7: 12}


def published_distribution(suite: str, basis: str, objective: str) -> dict[str, Any] | None:
    """The expected ``functions_by_value`` (and ``by_value`` for class suites) of a run, if published."""
    if basis != "b2" or objective != "size":
        return None
    functions = {str(k): v for k, v in KNUTH_FUNCTIONS_PER_COST.items()}
    if suite == "all4":
        return {"source": SOURCE, "functions_by_value": functions}
    if suite == "npn4":
        classes = {str(k): v for k, v in KNUTH_CLASSES_PER_COST.items()}
        return {"source": SOURCE, "functions_by_value": functions, "by_value": classes}
    return None


def compare_with_published(doc: dict[str, Any]) -> dict[str, Any] | None:
    """``{source, matches, expected}`` for a finished run whose suite has a published distribution.

    A run with timeouts or missing jobs cannot match: unproven functions are not counted anywhere.
    """
    expected = published_distribution(doc["suite"], doc["basis"], doc["objective"])
    if expected is None:
        return None
    matches = doc["done"] == doc["jobs"] and doc["timeouts"] == 0
    matches = matches and all(doc[key] == value for key, value in expected.items() if key != "source")
    return {"source": expected["source"], "matches": matches, "expected": {k: v for k, v in expected.items() if k != "source"}}
