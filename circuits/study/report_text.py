"""The report's prose: the main finding (written from the results, whichever way they fall), the
methods with the pre-registered rule and its departures from the original plan, and the limitations."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from circuits.analysis.score import NOT_SEARCH_THRESHOLD, SEARCH_THRESHOLD
from circuits.study.markup import esc
from circuits.study.protocol import StudyRun
from circuits.study.results import TargetResult
from circuits.analysis.objective import OBJECTIVE_THRESHOLD
from circuits.study.verdicts import DECOY_PERCENTILE_MIN, STRUCTURE_MIN, TIE, VERDICTS


def _power_reason(t: TargetResult) -> str:
    reasons = [p.get("reason", "") for p in t.power.values() if p.get("status") == "no power"]
    return reasons[0] if reasons else ""


def _names(targets: Iterable[TargetResult]) -> str:
    items = [t.label for t in targets]
    return ", ".join(items) if items else "none"


def _hits(t: TargetResult) -> str:
    """How many optima of each half cleared the search bar, e.g. "18 of 40 minimum-size"."""
    assert t.verdict is not None
    parts = []
    for half, cs in (("size", t.size_set), ("depth", t.depth_set)):
        h = t.verdict.halves.get(half)
        if h is not None and h.counterexamples:
            styles = "/".join(sorted({style for _, style in h.counterexamples}))
            total = f"{len(cs.circuits)}" + ("" if cs.complete else "+")
            parts.append(f"{len(h.counterexamples)} of {total} minimum-{half} circuits ({styles})")
    return ", ".join(parts)


def finding_paragraphs(run: StudyRun) -> list[str]:
    """The main finding in plain words, whichever way it falls, with its scope."""
    by = lambda v: [t for t in run.targets if t.verdict and t.verdict.verdict == v]  # noqa: E731
    counts = Counter(t.verdict.verdict for t in run.targets if t.verdict)
    paragraphs = [
        f"<b>{len(run.targets)}</b> problem–basis pairs studied. Verdicts: "
        + ", ".join(f"<b>{counts[v]}</b> {esc(v)}" for v in VERDICTS if counts.get(v))
        + ". Two axes are reported: S, search structure over the declared candidates or states, and O, how explicitly "
        "the objective is represented (goal-as-input problems only). A counterexample to the conjecture needs both."
    ]
    counter = by("counterexample")
    if counter:
        paragraphs.append(
            "<b>Counterexamples at toy scale</b> (a proven-minimal circuit clears the search bar and the objective bar): "
            + "; ".join(f"{esc(t.label)}: {esc(_hits(t))}, O up to {t.max_objective('size') or 0:.2f}" for t in counter)
            + "."
        )
    else:
        paragraphs.append(
            "<b>No counterexample</b>: no proven-minimal circuit of an identifiable goal-as-input problem cleared both the "
            "search bar and the objective bar."
        )
    without = by("search without objective")
    if without:
        paragraphs.append(
            "<b>Search without objective</b> (proven-minimal circuits with search structure, but no explicitly represented "
            "objective; on a fixed-goal problem there is none to represent): "
            + "; ".join(f"{esc(t.label)}: {esc(_hits(t))}" for t in without)
            + ". This refutes the conjecture only in its structural reading, not in the mesa-optimizer sense."
        )
    support = by("supports")
    if support:
        paragraphs.append(
            "<b>Supporting the conjecture</b> (every optimum enumerated and below the bar, and a circuit within one gate of "
            "the optimum shown to clear it): " + esc(_names(support)) + "."
        )
    no_power = by("no power")
    if no_power:
        paragraphs.append(
            "<b>No power</b> (every optimum is below the bar, but no circuit of that size could clear it, so the low scores "
            "carry no evidence): "
            + "; ".join(f"{esc(t.label)} ({esc(_power_reason(t))})" for t in no_power)
            + "."
        )
    blind = by("non-identifiable")
    if blind:
        paragraphs.append(
            "<b>Non-identifiable</b> (a non-search control reaches the search bar, so S cannot discriminate and no verdict "
            "is given): " + "; ".join(f"{esc(t.label)}: {esc(t.verdict.reasons[0]) if t.verdict else ''}" for t in blind) + "."
        )
    unresolved = by("unresolved")
    if unresolved:
        paragraphs.append(
            "<b>Unresolved</b> (a synthesis or enumeration cut by its time limit, or power undecided): " + esc(_names(unresolved)) + "."
        )
    others = by("degenerate") + by("not informative")
    if others:
        paragraphs.append("<b>Degenerate or not informative</b> (no verdict by construction): " + esc(_names(others)) + ".")
    informative = [t for t in run.targets if t.informative]
    relations = Counter(
        t.mechanisms["size_vs_depth"]["relation"] for t in informative if t.mechanisms["size_vs_depth"]["relation"]
    )
    if relations:
        paragraphs.append(
            "<b>Mechanism (size vs depth pressure)</b>, informative problems where both optimal sets were scored: "
            f"max S(min-size) was above max S(min-depth) in {relations.get('size>depth', 0)}, equal (within {TIE}) in "
            f"{relations.get('equal', 0)}, and below in {relations.get('depth>size', 0)} problem–basis pairs. RLO's argument "
            "predicts the first; our prior for enumerative search was the last."
        )
    trends = Counter(t.mechanisms["frontier"]["trend"] for t in informative if t.mechanisms["frontier"]["trend"])
    if trends:
        paragraphs.append(
            "<b>Along the frontier</b> (informative problems), as the depth budget grows from d_min, max S "
            + ", ".join(f"{k} in {v}" for k, v in sorted(trends.items()))
            + " problem–basis pairs."
        )
    families = [(name, f["tau"]) for name, f in run.families.items() if len(f["members"]) >= 2]
    if families:
        paragraphs.append(
            "<b>Scaling families</b> (Kendall τ between s_bf/s_min and max S(min-size); negative means S falls as "
            "brute force becomes more wasteful): " + ", ".join(f"{esc(n)} τ = {'n/a (no variation)' if tau is None else f'{tau:+.2f}'}" for n, tau in families) + "."
        )
    return paragraphs


def methods_html(run: StudyRun) -> str:
    c = run.config
    return f"""
<p><b>Question.</b> <i>Risks from Learned Optimization</i> (Hubinger et al., 2019, §2.2) conjectures that neither
minimal-size nor minimal-depth circuits are mesa-optimizers. At toy scale (n ≤ 8 inputs) minimality is decidable, so
we compute <i>all</i> provably minimal circuits of search-like functions and measure how search-like they are.</p>
<p><b>Problems.</b> Each problem declares a search formulation: candidates c with verifier tables v_c, a mode
(exists / first / argmax), optional propagation states and symmetries, and a uniformity flag U (1 when the
formulation is generated by a size-parametric rule). Controls (parity, majority, adder, multiplexer, random
functions) test the analyzer's specificity. Problems can be user JSON files (<code>--problem-file</code>).</p>
<p><b>Synthesis.</b> SAT-based exact synthesis in each basis ({esc(', '.join(c.bases))}; <code>mono</code> only for monotone
functions): minimum size s_min, minimum depth d_min then minimum size at d_min, the size–depth frontier, and
enumeration of every optimal circuit up to isomorphism (capped at {c.limit}; a capped or timed-out enumeration is
reported incomplete). Every job has a {c.timeout:g} s limit; a cut search keeps its proven bounds. Every verified circuit
known (from either search or a reference circuit translated into the basis) is an upper bound, so the minimum can be
settled by a lower-bound proof alone. Every circuit shown was simulated against the truth table.</p>
<p><b>Score.</b> The analyzer (docs/analyzer.md) scores each circuit against the declared formulation:
mediated candidate coverage CCm (a wire computes v_c and interchange interventions on it act as "candidate c
passed"), aggregation AG (an explicit OR/selection tree over candidate wires), repetition REP (one verifier
module reused under the problem's symmetries), and their propagation analogues PCm, AGp, REP_S over state predicates.
S_enum = CCm^½·AG^¼·REP^¼, S_prop likewise, S_raw = max of the two, and S = U · clip((S_raw − μ)/(1 − μ), 0, 1)
with μ the mean S_raw against {c.decoys} decoy formulations (inputs permuted outside Aut(P), null N2).
S ≥ {SEARCH_THRESHOLD} reads "search", S ≤ {NOT_SEARCH_THRESHOLD} "not search".</p>
<p><b>Nulls.</b> N1: seeded samples of up to {c.n1_limit} irredundant circuits of the same function at s_min + {', '.join(str(k) for k in c.n1_extra)}
gates, each sample limited to {c.n1_timeout:g} s ("is minimality what removes search?"; a sample cut by its limit is
still used, so it over-represents the circuits the solver finds first). N2: decoy formulations, inside every score. N3: for every informative problem, the minimal circuits of
{c.n3_count} random functions computed by random circuits of s_min gates, scored against the problem's formulation (the
base rate of search structure in minimal circuits of matched complexity); the random controls' optimal circuits are
also scored against the search formulations they are declared decoys for. N4: p_null(c), the share of N1 circuits
computing v_c; optimal circuits are rescored with weights 1 − p_null(c).</p>
<p><b>Invariance, identifiability, power.</b> Every score is the same for a circuit and its mirror image under
the problem's symmetries (closed state lists and DP models, decoys drawn in whole symmetry classes). Each problem's
non-search controls — the lookup table (a reduced ordered decision diagram) in its declared and in other input
orders, the minimum DNF where it is not the brute force, random circuits of the smallest reference's size — are
scored like any other circuit; if one of them reaches S ≥ {SEARCH_THRESHOLD} the formulation cannot discriminate
(<i>non-identifiable</i>). Before optima below the bar can support the conjecture, power is checked: a counting bound
(clearing the bar needs at least ⌈0.75·|𝒞*|⌉ candidate wires, or ⌈0.75·|states|⌉ state wires of some DP model,
plus the output) and witnesses (a reference, or an exact search constrained to compute the candidates or a DP model's
states) within s_min + 1 gates, or within the minimum depth and its size + 1.</p>
<p><b>Objective axis O</b> (goal-as-input problems): does the goal enter only through an evaluation stage downstream of
goal-independent candidate computations? The goal stage is every node an intervention on the goal inputs changes; the
cut of a wire is the set of goal-free nodes its goal stage reads. O is the share of the data reduction the goal test
needs (raw data inputs against the bits of the goal profile) that the cut already carries out, for the verifier wires
(O_enum, weighted by the reduction each verifier needs) or for the outputs (O_prop), whichever is higher; exact, by
simulation, with no declared retargets. O ≥ {OBJECTIVE_THRESHOLD} reads "explicit objective". A fixed-goal problem has no O.</p>
<p><b>Pre-registered verdict rule</b> (docs/study.md; fixed in <code>circuits/study/verdicts.py</code>, <code>circuits/analysis/bar.py</code>
and <code>circuits/analysis/objective.py</code> before any minimal circuit was scored), per problem and basis, in order:</p>
<ul class="tight">
<li><b>degenerate</b>: fewer than 3 non-trivial candidates, no verifier needing 2 gates with m &lt; 6,
s_bf &lt; s_min + 2 (brute force already about minimal), or goal cofactors on disjoint inputs (the goal slot is forced).</li>
<li><b>not informative</b>: otherwise, a transparent witness or U = 0.</li>
<li><b>non-identifiable</b>: a non-search control scores S ≥ {SEARCH_THRESHOLD}.</li>
<li><b>counterexample</b>: a <i>proven</i> minimum-size or minimum-depth circuit with S ≥ {SEARCH_THRESHOLD}, at or above the
{DECOY_PERCENTILE_MIN:g}th percentile of its decoys, with CCm ≥ {STRUCTURE_MIN} and AG ≥ {STRUCTURE_MIN} (or PCm ≥ {STRUCTURE_MIN} and AGp ≥ {STRUCTURE_MIN}),
<i>and</i> O ≥ {OBJECTIVE_THRESHOLD} on a goal-as-input problem.</li>
<li><b>search without objective</b>: such a circuit clears the search bar but not the objective bar (always so on a fixed-goal problem).</li>
<li><b>supports</b>: both optima proven, both enumerations complete, no optimal circuit clears the bar, and power shown by a witness.</li>
<li><b>no power</b>: as supports, but the counting bound shows no circuit within the budget can clear the bar.</li>
<li><b>unresolved</b>: anything else (a cut synthesis or enumeration, undecided degeneracy or power, or S ≥ {SEARCH_THRESHOLD} without the structural evidence).</li>
</ul>
<p><b>Mechanism tests.</b> S(min-size) against S(min-depth) per problem (RLO predicts size ≥ depth); S of the circuits at each
depth budget along the frontier; S(min-size) along scaling families against s_bf / s_min; minimal circuits against N1.</p>
<p><b>Departures from the original protocol, decided before scoring.</b> (1) The search bar also accepts the propagation analogue
(PCm, AGp ≥ {STRUCTURE_MIN}): S counts DP/BFS search as search, so the bar must too; the verdict under the literal
(enumerative-only) bar is reported beside it wherever the two differ. (2) "Not above the 95th percentile of N1
at the same size" is ill-defined at k = 0 (N1 at s_min is the minimal set itself); N1 at s_min + 1..3 is compared instead,
as a mechanism test outside the verdict. (3) A missing decoy percentile (no decoy exists, e.g. MAJ5's fully symmetric
candidates) fails the search bar. (4) Retargetability RT over arbitrary edits is not computed in the study; RT_goal,
restricted to the goal's forward cone, is part of O. (5) "Degenerate" means only that the non-degeneracy test fails;
a transparent witness or U = 0 is "not informative".</p>
"""


LIMITATIONS = """
<ul>
<li><b>Scale.</b> Every problem has at most 8 inputs and minimal circuits of a dozen gates. Search pays off only beyond large
constants (Levin, Hutter), so a negative result here says nothing about large circuits; a positive one shows that the
conjecture's literal statement fails at toy scale, not that large minimal circuits are mesa-optimizers.</li>
<li><b>Exact synthesis is the bottleneck.</b> Problems whose minimum was not proven within the per-job limit are
reported "unresolved" with their proven bounds; they are not silently dropped, and nothing is claimed about them.</li>
<li><b>Local minima are not minima.</b> Where an informative problem was left unresolved by a cut optimum, its
references are improved to local minima (no window within the limits shown in their table can be replaced by a
smaller, or shallower, equivalent). That shows what minimization pressure does to those circuits; it says nothing about the
proven optimum, which may be smaller and differently structured, so these circuits never enter a verdict.</li>
<li><b>Formulation dependence.</b> S measures search structure over the <i>declared</i> candidates. A minimal circuit that
searches over a different, undeclared space scores low; a different but equally natural formulation could score
differently. Decoys (N2) and the U flag guard against chance and against "every function is search over its own minterms",
not against a poorly chosen formulation.</li>
<li><b>Basis dependence.</b> b2 makes every 2-input function one gate, AIG counts only ANDs, mono forbids negation.
Which circuits are minimal, and so what is measured, changes with the cost model; results are reported per basis
for that reason.</li>
<li><b>Structure and objective are measured, not goals.</b> A high S shows structural generate-and-test or propagation over the
declared candidates, a necessary ingredient of mesa-optimization; O shows that a goal input enters through a small slot
into a goal-independent module. Neither shows goal-directedness in the behavioural sense, or deception.</li>
<li><b>Identifiability at toy scale.</b> For the smallest graphs a decision diagram and a reach-set DP are the same circuit;
those formulations are flagged non-identifiable rather than counted.</li>
<li><b>Enumeration caps.</b> Sets capped at the enumeration limit are marked incomplete and cannot support the conjecture.</li>
</ul>
"""
