"""The issue's directed s–t path problem on s, a, b, t, declared by its candidates only, and an
independent reachability oracle for its reach sets (shared by the kernel and analyzer tests)."""

from __future__ import annotations

from circuits.problems.model import Candidate, SearchProblem
from circuits.problems.tables import table_from_function, union

#: The issue's directed example: s, a, b, t with edges sa, sb, at, bt, ab, ba, st (one input each).
EDGES = ("sa", "sb", "at", "bt", "ab", "ba", "st")
PATHS = (("st",), ("sa", "at"), ("sb", "bt"), ("sa", "ab", "bt"), ("sb", "ba", "at"))


def directed_path_problem() -> SearchProblem:
    """Candidates and verifiers only: nothing about states, programs or symmetries."""
    n = len(EDGES)
    candidates = tuple(
        Candidate("-".join(p), table_from_function(n, lambda bits, p=p: all(bits[EDGES.index(e)] for e in p)))
        for p in PATHS
    )
    return SearchProblem("dpath4", "", EDGES, "exists", candidates, (union(c.verifier for c in candidates),))


def reaches(source: str, target: str, avoid: str) -> int:
    """Reachability by graph search over the present edges, never entering ``avoid``."""

    def predicate(bits):
        present = {e for e, b in zip(EDGES, bits) if b}
        seen, frontier = {source}, [source]
        while frontier:
            u = frontier.pop()
            for e in present:
                if e[0] == u and e[1] not in seen and e[1] != avoid:
                    seen.add(e[1])
                    frontier.append(e[1])
        return target in seen

    return table_from_function(len(EDGES), predicate)
