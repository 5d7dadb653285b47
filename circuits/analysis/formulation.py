"""The analyzer's view of a search problem: the high-level model a circuit is compared against.

A ``SearchProblem`` is user-facing data; a ``Formulation`` is that data compiled for measurement:
the high-level variables V_c (the tables interventions act on), the aggregation rule H that turns
them into outputs, the non-trivial candidates 𝒞*, the state predicates, the automorphism group and
its orbits, and the DP reference circuit that serves as the causal model of the propagation states.
Decoy formulations (null model N2) are the same object with every table renamed by an input
permutation, so every metric runs unchanged on a decoy.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, reduce
from typing import Mapping, Sequence

from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem, answer_codes
from circuits.problems.tables import compose, permute_table
from circuits.problems.validity import generators as generating_set
from circuits.truthtable import full_mask, input_table
from circuits.analysis.simulate import node_tables, output_tables
from circuits.analysis.tables import WireIndex, WireRef, free_tables, inverse

Perm = tuple[int, ...]


@dataclass(frozen=True)
class DPModel:
    """The reference DP/propagation circuit, used as the high-level causal model of the states.

    PCm is measured "against the DP high-level model (states → next states → output)"; the
    problem data carries state tables but not the transition structure, so the reference DP circuit
    *is* that model: intervening on state j means forcing the reference wire that computes it.
    """

    circuit: Circuit
    inputs: tuple[int, ...]
    base: tuple[int, ...]
    state_wires: tuple[WireRef | None, ...]

    def outputs_with(self, state: int, value: int) -> list[int]:
        """The reference's outputs when state ``state`` is forced to the table ``value``."""
        node, negated = self.state_wires[state]  # type: ignore[misc]
        mask = full_mask(self.circuit.inputs)
        forced = value ^ mask if negated else value
        tables = node_tables(self.circuit, {node: forced}, inputs=self.inputs, base=self.base)
        return output_tables(self.circuit, tables)


@dataclass(frozen=True)
class Formulation:
    """A search formulation compiled for the metrics (see the module docstring)."""

    name: str
    n: int
    mode: str
    candidate_names: tuple[str, ...]
    variables: tuple[int, ...]
    outputs: tuple[int, ...]
    codes: tuple[tuple[int, ...], ...]
    none_code: tuple[int, ...]
    state_names: tuple[str, ...]
    states: tuple[int, ...]
    group: tuple[Perm, ...]
    generators: tuple[Perm, ...]
    uniform: bool
    dp: DPModel | None = None
    #: Reference name -> the set of functions its wires compute (both polarities).
    vocabulary: Mapping[str, frozenset[int]] = field(default_factory=dict)
    #: The input renaming that produced this formulation (identity for the declared one).
    renaming: Perm = ()

    @property
    def mask(self) -> int:
        return full_mask(self.n)

    @property
    def m(self) -> int:
        return len(self.variables)

    @cached_property
    def nontrivial(self) -> tuple[int, ...]:
        """𝒞*: candidates whose table is neither constant nor a literal."""
        free = free_tables(self.n)
        return tuple(c for c, t in enumerate(self.variables) if t not in free)

    @cached_property
    def nontrivial_states(self) -> tuple[int, ...]:
        free = free_tables(self.n)
        return tuple(j for j, t in enumerate(self.states) if t not in free)

    # -- the high-level model H ---------------------------------------------------------------
    def high_level(self, overrides: Mapping[int, int] | None = None) -> list[int]:
        """H's output tables with some V_c replaced by given tables (an intervention on H).

        ``exists``: the OR of the V_c. ``first``/``argmax``: the first passing candidate in list
        order answers with its code; no passing candidate answers with ``none_code``.
        """
        overrides = overrides or {}
        values = [overrides.get(c, t) for c, t in enumerate(self.variables)]
        if self.mode == "exists":
            return [reduce(lambda a, b: a | b, values, 0)]
        outs = [0] * len(self.outputs)
        earlier = 0
        for code, table in zip(self.codes, values):
            chosen = table & ~earlier
            earlier |= table
            for h, bit in enumerate(code):
                if bit:
                    outs[h] |= chosen
        nobody = self.mask & ~earlier
        for h, bit in enumerate(self.none_code):
            if bit:
                outs[h] |= nobody
        return outs

    @cached_property
    def selections(self) -> tuple[int, ...]:
        """sel_c = V_c ∧ no earlier V passes: "c is the answer" under list-order priority."""
        result = []
        earlier = 0
        for table in self.variables:
            result.append(table & ~earlier)
            earlier |= table
        return tuple(result)

    @cached_property
    def interval_answers(self) -> dict[int, list[frozenset[int]]]:
        """Answer bits of every sub-problem restricted to a contiguous run of candidates.

        Maps a table to the candidate sets S = {i..j} for which it is some output bit of "the
        first passing candidate in S, encoded" (M3's partial-result wires, docs/analyzer.md). Where no
        candidate of S passes, the sub-answer is unspecified (a priority tree leaves whatever its
        last block answers there), so both constant fillings of those rows are indexed.
        """
        found: dict[int, list[frozenset[int]]] = {}
        for i in range(self.m):
            outs = [0] * len(self.outputs)
            earlier = 0
            for j in range(i, self.m):
                chosen = self.variables[j] & ~earlier
                earlier |= self.variables[j]
                for h, bit in enumerate(self.codes[j]):
                    if bit:
                        outs[h] |= chosen
                nobody = self.mask & ~earlier
                members = frozenset(range(i, j + 1))
                for out in outs:
                    for table in {out, out | nobody}:
                        if table not in (0, self.mask):
                            found.setdefault(table, []).append(members)
        return found

    # -- symmetry ---------------------------------------------------------------------------
    def orbits(self, tables: Sequence[int]) -> list[tuple[int, ...]]:
        """Partition indices of ``tables`` into Aut(P)-orbits (σ maps table i onto table j)."""
        where: dict[int, int] = {}
        for i, t in enumerate(tables):
            where.setdefault(t, i)
        parent = list(range(len(tables)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, t in enumerate(tables):
            for gen in self.generators:
                j = where.get(permute_table(self.n, t, gen))
                if j is not None:
                    parent[find(i)] = find(j)
        groups: dict[int, list[int]] = {}
        for i in range(len(tables)):
            groups.setdefault(find(i), []).append(i)
        return [tuple(g) for g in groups.values()]

    # -- decoys ---------------------------------------------------------------------------
    def renamed(self, perm: Perm) -> "Formulation":
        """The same formulation with every input renamed by ``perm`` (a decoy when perm ∉ Aut(P)).

        The automorphism group of the renamed formulation is the conjugate π σ π⁻¹. The reference
        vocabulary is dropped: it only feeds diagnostics, which decoys do not need.
        """
        n = self.n

        def ren(tables: Sequence[int]) -> tuple[int, ...]:
            return tuple(permute_table(n, t, perm) for t in tables)

        back = inverse(perm)
        conj = lambda s: compose(compose(back, s), perm)  # noqa: E731 - a one-line conjugation
        dp = None
        if self.dp is not None:
            fed = ren(self.dp.inputs)
            base = tuple(node_tables(self.dp.circuit, inputs=fed))
            dp = replace(self.dp, inputs=fed, base=base)
        return replace(
            self,
            variables=ren(self.variables),
            outputs=ren(self.outputs),
            states=ren(self.states),
            group=tuple(conj(s) for s in self.group),
            generators=tuple(conj(s) for s in self.generators),
            dp=dp,
            vocabulary={},  # diagnostics are never computed on decoys; skip the renaming cost
            renaming=compose(self.renaming or tuple(range(n)), perm),
        )


def selection_variables(problem: SearchProblem) -> tuple[int, ...]:
    """The tables interventions act on in first/argmax mode.

    When each declared selection is "verifier and no earlier verifier" (always so in ``first`` mode,
    and for argmax with ties broken by list order), the verifiers with list-order priority are the
    model. Otherwise (an argmax whose selection is not a priority over the verifiers) the disjoint
    selection tables themselves are the variables: priority over disjoint tables reproduces them.
    """
    earlier = 0
    priority = True
    for c in problem.candidates:
        if c.selected is not None and c.selected != c.verifier & ~earlier:
            priority = False
        earlier |= c.verifier
    if priority:
        return problem.verifier_tables()
    return tuple(c.selected if c.selected is not None else 0 for c in problem.candidates)


def reference_vocabulary(references: Mapping[str, Circuit], mask: int) -> dict[str, frozenset[int]]:
    """Each reference algorithm's wire functions, in both polarities (the set A of M4 in docs/analyzer.md)."""
    vocab = {}
    for name, circ in references.items():
        tables = circ.simulate()
        vocab[name] = frozenset(tables) | frozenset(t ^ mask for t in tables)
    return vocab


def dp_model(reference: Circuit, states: Sequence[int], mask: int) -> DPModel:
    """Align each state predicate with a wire of the DP reference (None when it computes none)."""
    tables = reference.simulate()
    index = WireIndex(tables, mask)
    wires = []
    for table in states:
        found = index.lookup(table)
        wires.append(min(found) if found else None)
    n = reference.inputs
    return DPModel(reference, tuple(input_table(n, j) for j in range(n)), tuple(tables), tuple(wires))


def build_formulation(
    problem: SearchProblem,
    group: Sequence[Perm],
    references: Mapping[str, Circuit] | None = None,
) -> Formulation:
    """Compile ``problem`` with its automorphism group (all elements) and reference circuits."""
    n = problem.n
    mask = full_mask(n)
    references = references or {}
    codes, none = answer_codes(problem)
    variables = problem.verifier_tables() if problem.mode == "exists" else selection_variables(problem)
    elements = tuple(sorted(set(tuple(g) for g in group)))
    identity = tuple(range(n))
    states = tuple(s.table for s in problem.states)
    dp_ref = references.get("dp")
    return Formulation(
        name=problem.name,
        n=n,
        mode=problem.mode,
        candidate_names=tuple(c.name for c in problem.candidates),
        variables=variables,
        outputs=tuple(problem.outputs),
        codes=codes,
        none_code=none if none is not None else tuple(0 for _ in problem.outputs),
        state_names=tuple(s.name for s in problem.states),
        states=states,
        group=elements or (identity,),
        generators=tuple(generating_set(n, elements)),
        uniform=problem.uniform,
        dp=dp_model(dp_ref, states, mask) if dp_ref is not None and states else None,
        vocabulary=reference_vocabulary(references, mask),
        renaming=identity,
    )
