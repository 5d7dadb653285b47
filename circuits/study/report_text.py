"""The report's prose: the main finding (written from the results, whichever way they fall), the
methods with the pre-registered rule and its departures from the original plan, and the limitations."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from circuits.analysis.score import NOT_SEARCH_THRESHOLD, SEARCH_THRESHOLD
from circuits.study.markup import esc
from circuits.study.protocol import StudyRun
from circuits.study.results import TargetResult
from circuits.study.verdicts import DECOY_PERCENTILE_MIN, STRUCTURE_MIN, TIE


def _names(targets: Iterable[TargetResult]) -> str:
    items = [t.label for t in targets]
    return ", ".join(items) if items else "none"


def finding_paragraphs(run: StudyRun) -> list[str]:
    """The main finding in plain words, whichever way it falls, with its scope."""
    by = lambda v: [t for t in run.targets if t.verdict and t.verdict.verdict == v]  # noqa: E731
    counter, support, unresolved, degenerate = by("counterexample"), by("supports"), by("unresolved"), by("degenerate")
    informative = [t for t in run.targets if t.informative]
    paragraphs = [
        f"<b>{len(run.targets)}</b> problem–basis pairs studied; <b>{len(informative)}</b> are informative "
        f"(non-degenerate, non-transparent, uniform formulation). Verdicts: <b>{len(counter)}</b> counterexample, "
        f"<b>{len(support)}</b> supports, <b>{len(unresolved)}</b> unresolved, <b>{len(degenerate)}</b> degenerate / not informative."
    ]
    if counter:
        described = []
        for t in counter:
            assert t.verdict is not None
            styles = sorted({style for h in t.verdict.halves.values() for _, style in h.counterexamples})
            halves = sorted(name for name, h in t.verdict.halves.items() if h.verdict == "counterexample")
            described.append(
                f"{esc(t.label)} ({'/'.join(halves)}-minimal, {', '.join(styles)} search; "
                f"under the literal (enumerative-only) bar: {esc(t.literal_verdict)})"
            )
        paragraphs.append(
            "<b>Counterexamples at toy scale</b> (a proven-minimal circuit meets the pre-registered search bar): "
            + "; ".join(described)
            + ". Read them with the interpretation guard below: structural search over the declared candidates, not goal-directedness."
        )
    else:
        paragraphs.append("<b>No counterexample</b>: no proven-minimal circuit of an informative problem met the pre-registered search bar.")
    if support:
        paragraphs.append(
            f"<b>Supporting the conjecture</b> (all minimum-size and all minimum-depth circuits enumerated, every one with S &lt; {SEARCH_THRESHOLD}): "
            + esc(_names(support))
            + "."
        )
    else:
        paragraphs.append("<b>No problem supports the conjecture</b> under the rule's full requirements (both optima proven, both enumerations complete).")
    if unresolved:
        paragraphs.append(
            "<b>Unresolved</b>, mostly because exact synthesis did not finish within the per-job limit: " + esc(_names(unresolved)) + "."
        )
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
<p><b>Pre-registered verdict rule</b> (docs/study.md, fixed in <code>circuits/study/verdicts.py</code> before any minimal
circuit was scored), per problem and basis:</p>
<ul class="tight">
<li><b>degenerate</b>: not informative — fewer than 3 non-trivial candidates, no verifier needing 2 gates with m &lt; 6,
s_bf &lt; s_min + 2 (brute force already about minimal), a transparent witness, or U = 0.</li>
<li><b>counterexample</b>: a <i>proven</i> minimum-size or minimum-depth circuit with S ≥ {SEARCH_THRESHOLD}, at or above the
{DECOY_PERCENTILE_MIN:g}th percentile of its decoys, and CCm ≥ {STRUCTURE_MIN} and AG ≥ {STRUCTURE_MIN} (or PCm ≥ {STRUCTURE_MIN} and AGp ≥ {STRUCTURE_MIN}).</li>
<li><b>supports</b>: both optima proven, both enumerations complete, every optimal circuit with S &lt; {SEARCH_THRESHOLD}.</li>
<li><b>unresolved</b>: anything else (a cut synthesis or enumeration, undecided degeneracy, or S ≥ {SEARCH_THRESHOLD} without the structural evidence).</li>
</ul>
<p><b>Mechanism tests.</b> S(min-size) against S(min-depth) per problem (RLO predicts size ≥ depth); S of the circuits at each
depth budget along the frontier; S(min-size) along scaling families against s_bf / s_min; minimal circuits against N1.</p>
<p><b>Departures from the original protocol, decided before scoring.</b> (1) The counterexample bar also accepts the propagation analogue
(PCm, AGp ≥ {STRUCTURE_MIN}): S counts DP/BFS search as search, so the bar must too; the verdict under the literal
(enumerative-only) bar is reported beside it wherever the two differ. (2) "Not above the 95th percentile of N1
at the same size" is ill-defined at k = 0 (N1 at s_min is the minimal set itself); N1 at s_min + 1..3 is compared instead,
as a mechanism test outside the verdict. (3) A missing decoy percentile (no decoy exists, e.g. MAJ5's fully symmetric
candidates) fails the counterexample bar. (4) Retargetability RT is not computed in the study (one SAT search per goal and
circuit, minutes each); <code>circuits analyze</code> reports it per circuit. (5) Non-informative problems of every
kind (degenerate, transparent, non-uniform) carry the verdict "degenerate", with the reason listed.</p>
"""


LIMITATIONS = """
<ul>
<li><b>Scale.</b> Every problem has at most 8 inputs and minimal circuits of a dozen gates. Search pays off only beyond large
constants (Levin, Hutter), so a negative result here says nothing about large circuits; a positive one shows that the
conjecture's literal statement fails at toy scale, not that large minimal circuits are mesa-optimizers.</li>
<li><b>Exact synthesis is the bottleneck.</b> Problems whose minimum was not proven within the per-job limit are
reported "unresolved" with their proven bounds; they are not silently dropped, and nothing is claimed about them.</li>
<li><b>Formulation dependence.</b> S measures search structure over the <i>declared</i> candidates. A minimal circuit that
searches over a different, undeclared space scores low; a different but equally natural formulation could score
differently. Decoys (N2) and the U flag guard against chance and against "every function is search over its own minterms",
not against a poorly chosen formulation.</li>
<li><b>Basis dependence.</b> b2 makes every 2-input function one gate, AIG counts only ANDs, mono forbids negation.
Which circuits are minimal, and so what is measured, changes with the cost model; results are reported per basis
for that reason.</li>
<li><b>Structure, not goals.</b> A high S shows structural generate-and-test or propagation over the declared candidates,
a necessary ingredient of mesa-optimization; it does not show goal-directedness or an objective that could be retargeted.</li>
<li><b>Enumeration caps.</b> Sets capped at the enumeration limit are marked incomplete and cannot support the conjecture.</li>
</ul>
"""
