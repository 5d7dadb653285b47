"""The analyzer's view of a search problem: the high-level model a circuit is compared against.

A ``SearchProblem`` is user-facing data; a ``Formulation`` is that data compiled for measurement:
the high-level variables V_c (the tables interventions act on), the aggregation rule H that turns
them into outputs, the non-trivial candidates 𝒞*, the state predicates, the automorphism groups and
their orbits, and the DP models that serve as the causal models of the propagation states.

Everything here is closed under the formulation's symmetries (``symmetry``: the permutations of
Aut(P) that also preserve the aggregation): the state list holds every mirror image of a declared
state, and the DP models are every mirror image of every DP reference (PATH4's forward reach sets
come with the backward ones). That closure is what makes every score the same for a circuit and its
mirror image. Decoy formulations (null model N2) are the same object with every table renamed by an
input permutation, so every metric runs unchanged on a decoy.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, reduce
from typing import Mapping, Sequence

from circuits.circuit import Circuit
from circuits.problems.kernels import derived_programs, derived_states
from circuits.problems.model import SearchProblem, answer_codes, model_variables
from circuits.problems.tables import compose, permute_table
from circuits.problems.validity import candidate_permutation, closed_states
from circuits.problems.validity import generators as generating_set
from circuits.truthtable import full_mask, input_table
from circuits.analysis.simulate import node_tables, output_tables
from circuits.analysis.tables import WireIndex, WireRef, components, free_tables, inverse

Perm = tuple[int, ...]


@dataclass(frozen=True)
class DPModel:
    """A reference DP/propagation circuit, used as a high-level causal model of the states.

    PCm is measured "against the DP high-level model (states → next states → output)"; the
    problem data carries state tables but not the transition structure, so a reference DP circuit
    *is* that model: intervening on state j means forcing the reference wire that computes it. A
    mirror image of a DP reference is the same circuit fed with renamed inputs (``inputs``).
    """

    name: str
    circuit: Circuit
    inputs: tuple[int, ...]
    base: tuple[int, ...]
    state_wires: tuple[WireRef | None, ...]

    def input_of(self, j: int) -> int:
        """The circuit input that the model's input j reads (its tables are renamed inputs)."""
        return self._input_index[self.inputs[j]]

    @cached_property
    def _input_index(self) -> dict[int, int]:
        n = self.circuit.inputs
        return {input_table(n, k): k for k in range(n)}

    def fed(self, inputs: tuple[int, ...], name: str | None = None) -> "DPModel":
        """The same model reading ``inputs`` as its input tables (a mirror image or a decoy)."""
        base = tuple(node_tables(self.circuit, inputs=inputs))
        return replace(self, name=self.name if name is None else name, inputs=inputs, base=base)

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
    #: Aut(P): every input permutation mapping the verifier set onto itself (orbits, REP, EQ).
    group: tuple[Perm, ...]
    generators: tuple[Perm, ...]
    uniform: bool
    #: The permutations of Aut(P) that also preserve the aggregation (hence the outputs): the
    #: symmetries every score is invariant under. All of Aut(P) in ``exists`` mode.
    symmetry: tuple[Perm, ...] = ()
    #: Every DP reference and each of its distinct mirror images under ``symmetry``.
    dp_models: tuple[DPModel, ...] = ()
    #: Reference name -> the set of functions its wires compute (both polarities).
    vocabulary: Mapping[str, frozenset[int]] = field(default_factory=dict)
    #: The input renaming that produced this formulation (identity for the declared one).
    renaming: Perm = ()
    #: The goal inputs (goal-as-input problems), renamed with the formulation.
    goal_inputs: tuple[int, ...] = ()

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
    def candidate_maps(self) -> tuple[tuple[Perm, tuple[int, ...]], ...]:
        """(σ, π) for every σ of ``symmetry``: π is the candidate permutation σ induces."""
        found = []
        for perm in self.symmetry:
            pi = candidate_permutation(self.n, self.variables, perm)
            if pi is not None:
                found.append((perm, pi))
        return tuple(found)

    @cached_property
    def selection_images(self) -> tuple[tuple[int, ...], ...]:
        """The selection tables and their distinct mirror images, each indexed by candidate.

        In ``first`` mode a symmetry need not map "c is the first passing" onto another candidate's
        selection (SPLEN4's two length-2 paths swap, but only one of them comes first), so the
        partial-result wires are recognized against every image.
        """
        images = {}
        for perm, pi in self.candidate_maps or ((tuple(range(self.n)), tuple(range(self.m))),):
            image = [0] * self.m
            for c, table in enumerate(self.selections):
                image[pi[c]] = permute_table(self.n, table, perm)
            images.setdefault(tuple(image), None)
        return tuple(images)

    @cached_property
    def interval_answers(self) -> dict[int, list[frozenset[int]]]:
        """The answer bits of the sub-problems of ``_interval_answers``, closed under ``symmetry``:
        the image of a sub-problem's answer is the answer of the image sub-problem."""
        base = self._interval_answers
        found: dict[int, list[frozenset[int]]] = {}
        for perm, pi in self.candidate_maps or ((tuple(range(self.n)), tuple(range(self.m))),):
            for table, sets in base.items():
                image = permute_table(self.n, table, perm)
                for members in sets:
                    mapped = frozenset(pi[c] for c in members)
                    bucket = found.setdefault(image, [])
                    if mapped not in bucket:
                        bucket.append(mapped)
        return found

    @cached_property
    def _interval_answers(self) -> dict[int, list[frozenset[int]]]:
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
        """Partition indices of ``tables`` into Aut(P)-orbits (σ maps table i onto table j).

        The state list's orbits are asked for once per DP model and decoy, so they are kept."""
        if tuple(tables) == self.states:
            return self.state_orbits
        return self._orbits(tables)

    @cached_property
    def state_orbits(self) -> list[tuple[int, ...]]:
        return self._orbits(self.states)

    def _orbits(self, tables: Sequence[int]) -> list[tuple[int, ...]]:
        where: dict[int, int] = {}
        for i, t in enumerate(tables):
            where.setdefault(t, i)
        links = []
        for i, t in enumerate(tables):
            for gen in self.generators:
                j = where.get(permute_table(self.n, t, gen))
                if j is not None:
                    links.append((i, j))
        return [tuple(group) for group in components(range(len(tables)), links)]

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

        def conj(sigma: Perm) -> Perm:
            """π σ π⁻¹ (rename back, apply σ, rename again), in one pass."""
            return tuple(perm[sigma[b]] for b in back)

        return replace(
            self,
            variables=ren(self.variables),
            outputs=ren(self.outputs),
            states=ren(self.states),
            group=tuple(conj(s) for s in self.group),
            generators=tuple(conj(s) for s in self.generators),
            symmetry=tuple(conj(s) for s in self.symmetry),
            dp_models=tuple(model.fed(ren(model.inputs)) for model in self.dp_models),
            vocabulary={},  # diagnostics are never computed on decoys; skip the renaming cost
            renaming=compose(self.renaming or tuple(range(n)), perm),
            goal_inputs=tuple(perm[j] for j in self.goal_inputs),
        )


def reference_vocabulary(
    references: Mapping[str, Circuit], mask: int, symmetry: Sequence[Perm] = ()
) -> dict[str, frozenset[int]]:
    """Each reference algorithm's wire functions and their mirror images under ``symmetry``, in both
    polarities (the set A of M4 in docs/analyzer.md, closed so that a mirrored circuit reads the same)."""
    vocab = {}
    for name, circ in references.items():
        tables = set(circ.simulate())
        n = circ.inputs
        tables |= {permute_table(n, t, perm) for perm in symmetry for t in tables}
        vocab[name] = frozenset(tables) | frozenset(t ^ mask for t in tables)
    return vocab


def dp_model(name: str, reference: Circuit, states: Sequence[int], mask: int, inputs: Sequence[int] | None = None) -> DPModel:
    """Align each state predicate with a wire of the DP reference (None when it computes none);
    ``inputs`` feeds the reference renamed input tables (a mirror image)."""
    n = reference.inputs
    fed = tuple(inputs) if inputs is not None else tuple(input_table(n, j) for j in range(n))
    tables = node_tables(reference, inputs=fed)
    index = WireIndex(tables, mask)
    wires = []
    for table in states:
        found = index.lookup(table)
        wires.append(min(found) if found else None)
    return DPModel(name, reference, fed, tuple(tables), tuple(wires))


def dp_models(
    programs: Mapping[str, Circuit], states: Sequence[int], symmetry: Sequence[Perm], n: int
) -> tuple[DPModel, ...]:
    """Every DP reference (``dp``, ``dp-<variant>``) and its distinct mirror images under
    ``symmetry``; an image is named after the reference and the permutation that made it."""
    mask = full_mask(n)
    identity = tuple(range(n))
    models: list[DPModel] = []
    seen: set[tuple[int, ...]] = set()
    for name, circuit in programs.items():
        for perm in (identity, *sorted(set(symmetry) - {identity})):
            fed = tuple(input_table(n, perm[j]) for j in range(n))
            model = dp_model(name if perm == identity else f"{name} mirrored by {list(perm)}", circuit, states, mask, fed)
            if model.base not in seen:
                seen.add(model.base)
                models.append(model)
    return tuple(models)


def build_formulation(
    problem: SearchProblem,
    group: Sequence[Perm],
    references: Mapping[str, Circuit] | None = None,
    symmetry: Sequence[Perm] | None = None,
) -> Formulation:
    """Compile ``problem`` with Aut(P) (all elements), the formulation's symmetries (default: the
    elements of ``group`` that preserve the aggregation) and its reference circuits."""
    from circuits.problems.validity import aggregation_preserving

    n = problem.n
    mask = full_mask(n)
    references = references or {}
    codes, none = answer_codes(problem)
    variables = model_variables(problem)
    elements = tuple(sorted(set(tuple(g) for g in group)))
    identity = tuple(range(n))
    if symmetry is None:
        symmetry = aggregation_preserving(problem, elements)
    symmetric = tuple(sorted(set(tuple(g) for g in symmetry) | {identity}))
    derived = derived_programs(problem)
    closed = closed_states(problem, symmetric, derived_states(problem))
    states = tuple(s.table for s in closed)
    programs = {name: c for name, c in references.items() if name == "dp" or name.startswith("dp-")}
    return Formulation(
        name=problem.name,
        n=n,
        mode=problem.mode,
        candidate_names=tuple(c.name for c in problem.candidates),
        variables=variables,
        outputs=tuple(problem.outputs),
        codes=codes,
        none_code=none if none is not None else tuple(0 for _ in problem.outputs),
        state_names=tuple(s.name for s in closed),
        states=states,
        group=elements or (identity,),
        generators=tuple(generating_set(n, elements)),
        uniform=problem.uniform,
        symmetry=symmetric,
        # The derived programs are closed under Aut(P) as programs (an image of one is another, up
        # to the pairing of gates inside a product), so they need no mirror images of their own.
        dp_models=(
            dp_models(programs, states, symmetric, n) + tuple(dp_model(p.name, p.circuit, states, mask) for p in derived)
            if states
            else ()
        ),
        vocabulary=reference_vocabulary(references, mask, symmetric),
        renaming=identity,
        goal_inputs=tuple(problem.goal_inputs),
    )
