"""The study's self-contained HTML report (one file: styles, figures and diagrams inline).

Sections: the main finding in words, the verdict table, the mechanism figures, the methods (what
was computed and the pre-registered rule, with this implementation's departures from the spec), one
section per problem (synthesis bounds, every circuit set with its scores, diagrams of the
brute-force reference and of the highest-scoring minimal circuits with the analyzer's candidate,
aggregation and state wires highlighted) and the limitations.

Every drawn circuit is also embedded as JSON (``<script type="application/json"
class="circuit-data">``, with its problem's truth table) so a reader or a test can re-verify it.
"""

from __future__ import annotations

import base64
import html
import json
import re
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from circuits.analysis.score import NOT_SEARCH_THRESHOLD, SEARCH_THRESHOLD
from circuits.canonical import canonical_key
from circuits.study import plots
from circuits.study.protocol import StudyRun
from circuits.study.results import CircuitSet, ScoredCircuit, TargetResult
from circuits.study.verdicts import DECOY_PERCENTILE_MIN, STRUCTURE_MIN, TIE
from circuits.truthtable import to_hex

#: Diagrams per circuit set (the highest-scoring ones); the rest are listed in study.json.
DIAGRAMS_PER_SET = 1
#: Gates above which a diagram is left out (it would not be readable).
MAX_DRAWN_GATES = 60

CSS = """
body { font: 15px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1c2833;
       margin: 0; background: #fbfcfc; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 60px; background: white;
       box-shadow: 0 0 12px rgba(0,0,0,.06); }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 38px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #e5e8e8; }
h3 { font-size: 17px; margin: 26px 0 8px; }
h4 { font-size: 15px; margin: 18px 0 6px; color: #34495e; }
.sub { color: #5d6d7e; margin: 0 0 18px; }
.finding { background: #f4f6f7; border-left: 4px solid #2e86c1; padding: 12px 18px; margin: 16px 0; }
.finding p { margin: 6px 0; }
table { border-collapse: collapse; margin: 8px 0 14px; font-size: 13.5px; }
th, td { padding: 4px 9px; border-bottom: 1px solid #e5e8e8; text-align: right; vertical-align: top; }
th { background: #f2f4f4; font-weight: 600; }
td.l, th.l { text-align: left; }
tr:hover td { background: #fafafa; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: white; font-size: 12px;
         font-weight: 600; white-space: nowrap; }
.muted { color: #7f8c8d; }
.reasons { font-size: 12.5px; color: #5d6d7e; text-align: left; max-width: 380px; }
.figs { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.figs > * { flex: 0 1 510px; }
figure { margin: 6px 0 14px; }
figure img { width: 100%; height: auto; }
figcaption { font-size: 13px; color: #5d6d7e; max-width: 560px; }
.diagrams { display: flex; flex-wrap: wrap; gap: 14px; }
.diagram { border: 1px solid #e5e8e8; border-radius: 6px; padding: 8px; background: white; max-width: 100%; }
.diagram svg { max-width: 520px; height: auto; }
.diagram .cap { font-size: 12.5px; color: #34495e; margin-bottom: 4px; max-width: 520px; }
code { background: #f4f6f7; padding: 1px 4px; border-radius: 3px; font-size: 13px; }
nav.toc { font-size: 13.5px; column-count: 3; margin: 8px 0 0; }
nav.toc a { text-decoration: none; }
.problem { border-top: 1px solid #e5e8e8; margin-top: 30px; }
ul.tight li { margin: 2px 0; }
"""


def _e(text: Any) -> str:
    return html.escape(str(text))


def _f(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _badge(verdict: str | None) -> str:
    if verdict is None:
        return ""
    colour = plots.VERDICT_COLOURS.get(verdict, "#34495e")
    return f'<span class="badge" style="background:{colour}">{_e(verdict)}</span>'


def _anchor(name: str) -> str:
    return "p-" + re.sub(r"[^a-z0-9]+", "-", name.lower())


def _figure(svg: str | None, caption: str, missing: str) -> str:
    if svg is None:
        return f'<p class="muted">{_e(missing)}</p>'
    data = base64.b64encode(svg.encode()).decode()
    return f'<figure><img alt="{_e(caption)}" src="data:image/svg+xml;base64,{data}"><figcaption>{caption}</figcaption></figure>'


# -- main finding ---------------------------------------------------------------------------------
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
        paragraphs.append(
            "<b>Counterexamples at toy scale</b> (a proven-minimal circuit meets the pre-registered search bar): "
            + _e(_names(counter))
            + ". Read them with the interpretation guard below: structural search over the declared candidates, not goal-directedness."
        )
    else:
        paragraphs.append("<b>No counterexample</b>: no proven-minimal circuit of an informative problem met the pre-registered search bar.")
    if support:
        paragraphs.append(
            f"<b>Supporting the conjecture</b> (all minimum-size and all minimum-depth circuits enumerated, every one with S &lt; {SEARCH_THRESHOLD}): "
            + _e(_names(support))
            + "."
        )
    else:
        paragraphs.append("<b>No problem supports the conjecture</b> under the rule's full requirements (both optima proven, both enumerations complete).")
    if unresolved:
        paragraphs.append(
            "<b>Unresolved</b>, mostly because exact synthesis did not finish within the per-job limit: " + _e(_names(unresolved)) + "."
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
    families = [(name, f["tau"]) for name, f in run.families.items() if f["tau"] is not None]
    if families:
        paragraphs.append(
            "<b>Scaling families</b> (Kendall τ between s_bf/s_min and max S(min-size); negative means S falls as "
            "brute force becomes more wasteful): " + ", ".join(f"{_e(n)} τ = {tau:+.2f}" for n, tau in families) + "."
        )
    return paragraphs


# -- tables ---------------------------------------------------------------------------------------
def _bounds(exact: int | None, bounds: list[Any]) -> str:
    if exact is not None:
        return str(exact)
    lower, upper = bounds
    return f"≥{lower}" if upper is None else f"{lower}…{upper}"


def verdict_table(run: StudyRun) -> str:
    head = (
        "<tr><th class='l'>problem</th><th class='l'>basis</th><th>s_bf</th><th>s_min</th><th>d_min</th>"
        "<th>#min-size</th><th>#min-depth</th><th>S size max / med</th><th>S depth max / med</th>"
        "<th>S frontier max / med</th><th>decoy pct</th><th class='l'>verdict</th><th class='l'>why</th></tr>"
    )
    rows = []
    for t in run.targets:
        r = t.summary_row()
        count = lambda cs: "–" if not cs.proven else f"{len(cs.circuits)}{'' if cs.complete else '+'}"  # noqa: E731
        reasons = "; ".join(t.verdict.reasons) if t.verdict else ""
        kind = "" if t.problem.kind == "search" else " <span class='muted'>(control)</span>"
        rows.append(
            f"<tr><td class='l'><a href='#{_anchor(t.problem.name)}'>{_e(t.problem.name)}</a>{kind}</td>"
            f"<td class='l'>{_e(t.basis)}</td><td>{_e(t.s_bf if t.s_bf is not None else '–')}</td>"
            f"<td>{_bounds(r['s_min'], r['s_min_bounds'])}</td><td>{_bounds(r['d_min'], r['d_min_bounds'])}</td>"
            f"<td>{count(t.size_set)}</td><td>{count(t.depth_set)}</td>"
            f"<td>{_f(r['max_score_min_size'])} / {_f(r['median_score_min_size'])}</td>"
            f"<td>{_f(r['max_score_min_depth'])} / {_f(r['median_score_min_depth'])}</td>"
            f"<td>{_f(r['max_score_frontier'])} / {_f(r['median_score_frontier'])}</td>"
            f"<td>{_f(r['decoy_percentile'], 0)}</td><td class='l'>{_badge(r['verdict'])}</td>"
            f"<td class='reasons'>{_e(reasons)}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def _set_row(cs: CircuitSet) -> str:
    scores = cs.scores()
    stats = (max(scores), sorted(scores)[len(scores) // 2]) if scores else (None, None)
    best = cs.best()
    pct = best.analysis.get("decoy_percentile") if best and best.analysis else None
    status = "proven" if cs.proven else "not proven"
    complete = "complete" if cs.complete else ("incomplete" if cs.proven else "–")
    return (
        f"<tr><td class='l'>{_e(cs.label)}</td><td>{_e(cs.size if cs.size is not None else '–')}</td>"
        f"<td>{_e(cs.depth_budget if cs.depth_budget is not None else '–')}</td><td>{len(cs.circuits)}</td>"
        f"<td class='l'>{status}, {complete}</td><td>{_f(stats[0])}</td><td>{_f(stats[1])}</td><td>{_f(pct, 0)}</td>"
        f"<td class='reasons'>{_e(cs.note)}</td></tr>"
    )


def _sets_table(t: TargetResult) -> str:
    sets = [t.size_set, t.depth_set, *[cs for cs in t.frontier_sets if cs is not t.depth_set], *t.n1_sets]
    if t.best_found is not None:
        sets.append(t.best_found)
    head = (
        "<tr><th class='l'>set</th><th>size</th><th>depth ≤</th><th>circuits</th><th class='l'>status</th>"
        "<th>S max</th><th>S median</th><th>decoy pct (best)</th><th class='l'>note</th></tr>"
    )
    return f"<table>{head}{''.join(_set_row(cs) for cs in sets)}</table>"


def _reference_table(t: TargetResult) -> str:
    head = "<tr><th class='l'>reference</th><th>size (b2)</th><th>depth</th><th>S</th><th>S_enum</th><th>S_prop</th><th>CCm</th><th>AG</th><th>decoy pct</th></tr>"
    rows = []
    for name, sc in t.references.items():
        a = sc.analysis or {}
        v = a.get("values", {})
        rows.append(
            f"<tr><td class='l'>{_e(name)}</td><td>{sc.circuit.size}</td><td>{sc.circuit.depth}</td><td>{_f(a.get('score'))}</td>"
            f"<td>{_f(a.get('s_enum'))}</td><td>{_f(a.get('s_prop'))}</td><td>{_f(v.get('ccm'))}</td><td>{_f(v.get('ag'))}</td>"
            f"<td>{_f(a.get('decoy_percentile'), 0)}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


# -- diagrams -------------------------------------------------------------------------------------
def _circuit_data(t: TargetResult, role: str, sc: ScoredCircuit) -> str:
    data = {
        "problem": t.problem.name,
        "basis": t.basis,
        "role": role,
        "inputs": t.problem.n,
        "outputs": [to_hex(o, t.problem.n) for o in t.problem.outputs],
        "circuit": sc.circuit.to_dict(),
    }
    text = json.dumps(data).replace("</", "<\\/")
    return f'<script type="application/json" class="circuit-data">{text}</script>'


def _svg_inline(svg: bytes) -> str:
    """Graphviz SVG without its XML prolog and element ids (several diagrams share one page)."""
    text = svg.decode()
    text = text[text.index("<svg") :]
    return re.sub(r'\sid="[^"]*"', "", text)


def _diagram(t: TargetResult, role: str, sc: ScoredCircuit) -> str:
    from circuits.draw import GraphvizMissing, render

    a = sc.analysis or {}
    caption = (
        f"<b>{_e(role)}</b>: {sc.circuit.size} gates, depth {sc.circuit.depth}, S = {_f(a.get('score'))} "
        f"(S_enum {_f(a.get('s_enum'))}, S_prop {_f(a.get('s_prop'))}, CCm {_f(a.get('values', {}).get('ccm'))}, "
        f"AG {_f(a.get('values', {}).get('ag'))}, decoy pct {_f(a.get('decoy_percentile'), 0)})"
    )
    body = ""
    if sc.circuit.size > MAX_DRAWN_GATES:
        body = f"<p class='muted'>{sc.circuit.size} gates: too large to draw legibly (the circuit is in study.json).</p>"
    else:
        highlight = {label: set(nodes) for label, nodes in a.get("highlight", {}).items()}
        named = sc.circuit
        if t.problem.input_names:
            named = replace(sc.circuit, input_names=tuple(t.problem.input_names))
        try:
            body = _svg_inline(render(named, "svg", highlight=highlight))
        except GraphvizMissing as err:
            body = f"<p class='muted'>{_e(err)}</p>"
    return f"<div class='diagram'><div class='cap'>{caption}</div>{body}{_circuit_data(t, role, sc)}</div>"


def _drawn(t: TargetResult, include_references: bool) -> list[str]:
    """The brute force (once per problem) and the highest-scoring circuit of each optimal set; a
    circuit that is both minimum-size and minimum-depth is drawn once and captioned as both."""
    parts = []
    if include_references and "brute_force" in t.references:
        parts.append(_diagram(t, "brute-force reference (b2)", t.references["brute_force"]))
    chosen: dict[str, tuple[list[str], ScoredCircuit]] = {}
    for cs, role in ((t.size_set, "minimum-size"), (t.depth_set, "minimum-depth")):
        ranked = sorted((c for c in cs.circuits if c.score is not None), key=lambda c: -(c.score or 0.0))
        for sc in ranked[:DIAGRAMS_PER_SET]:
            roles, _ = chosen.setdefault(canonical_key(sc.circuit), ([], sc))
            roles.append(f"{role} (highest S of {len(cs.circuits)})")
    for roles, sc in chosen.values():
        parts.append(_diagram(t, f"{' and '.join(roles)} in {t.basis}", sc))
    if not chosen and t.best_found is not None:
        for sc in t.best_found.circuits[:2]:
            parts.append(_diagram(t, f"best found in {t.basis} (not proven optimal)", sc))
    return parts


# -- per-problem sections -------------------------------------------------------------------------
def _problem_section(targets: list[TargetResult]) -> str:
    p = targets[0].problem
    flags = targets[0].informative_reasons
    head = (
        f"<section class='problem' id='{_anchor(p.name)}'><h3>{_e(p.name)}"
        f"{' (' + _e(p.suite_id) + ')' if p.suite_id else ''} <span class='muted'>— {_e(p.kind)}</span></h3>"
        f"<p>{_e(p.description)}</p>"
        f"<p class='muted'>{p.n} inputs ({_e(', '.join(p.input_names))}); {p.m} candidates; mode {_e(p.mode)}; "
        f"uniform formulation: {'yes' if p.uniform else 'no'}"
        f"{'; family ' + _e(p.family) if p.family else ''}"
        f"{'; not informative: ' + _e('; '.join(flags)) if targets[0].informative is False else ''}</p>"
        "<h4>Reference circuits (scored against the declared formulation)</h4>"
        + _reference_table(targets[0])
    )
    parts = [head]
    for i, t in enumerate(targets):
        s = t.synthesis
        points = ", ".join(f"(d={q['depth']}, s={q['size']})" for q in s.frontier)
        verdict_reasons = "; ".join(t.verdict.reasons) if t.verdict else ""
        parts.append(
            f"<h4>Basis {_e(t.basis)} {_badge(t.verdict.verdict if t.verdict else None)}</h4>"
            f"<p>s_bf = {_e(t.s_bf if t.s_bf is not None else '–')}, s_min = {_bounds(s.s_min, [s.size_lower, s.size_upper])} "
            f"({s.size_seconds:.1f} s), d_min = {_bounds(s.d_min, [s.depth_lower, s.depth_upper])} ({s.depth_seconds:.1f} s)"
            f"{', frontier ' + points if points else ''}."
            f"<br><span class='reasons'>{_e(verdict_reasons)}</span></p>"
            + _sets_table(t)
            + "".join(f"<p class='reasons'>error: {_e(err)}</p>" for err in t.errors)
            + _cross_text(t)
            + _n4_text(t)
            + "<div class='diagrams'>"
            + "".join(_drawn(t, include_references=i == 0))
            + "</div>"
        )
    parts.append("</section>")
    return "".join(parts)


def _cross_text(t: TargetResult) -> str:
    if not t.cross:
        return ""
    items = []
    for name, analyses in t.cross.items():
        scores = [a["score"] for a in analyses]
        items.append(f"{_e(name)}: max S {_f(max(scores))} over {len(scores)} circuits")
    return "<p class='muted'>Scored against search formulations it is a decoy for (N3 base rate): " + "; ".join(items) + ".</p>"


def _n4_text(t: TargetResult) -> str:
    if not t.n4:
        return ""
    weighted = t.n4["max_weighted_score"]
    common = [c for c, p in t.n4["p_null"].items() if p >= 0.99]
    text = (
        f"N4: over {t.n4['n1_circuits']} N1 circuits, {len(common)} of {len(t.n4['p_null'])} candidates are computed by "
        f"(almost) every one; reweighted by w_c = 1 − p_null(c), max S is {_f(weighted.get('min_size'))} (min-size) "
        f"and {_f(weighted.get('min_depth'))} (min-depth)."
    )
    return f"<p class='muted'>{_e(text)}</p>"


# -- methods and limitations ----------------------------------------------------------------------
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
<p><b>Synthesis.</b> SAT-based exact synthesis in each basis ({_e(', '.join(c.bases))}; <code>mono</code> only for monotone
functions): minimum size s_min, minimum depth d_min then minimum size at d_min, the size–depth frontier, and
enumeration of every optimal circuit up to isomorphism (capped at {c.limit}; a capped or timed-out enumeration is
reported incomplete). Every job has a {c.timeout:g} s limit; a cut search keeps its proven bounds. Every verified circuit
known (from either search or a reference circuit translated into the basis) is an upper bound, so the minimum can be
settled by a lower-bound proof alone. Every circuit shown was simulated against the truth table.</p>
<p><b>Score.</b> The analyzer (ANALYZER.md §3–§4) scores each circuit against the declared formulation:
mediated candidate coverage CCm (a wire computes v_c and interchange interventions on it act as "candidate c
passed"), aggregation AG (an explicit OR/selection tree over candidate wires), repetition REP (one verifier
module reused under the problem's symmetries), and their propagation analogues PCm, AGp, REP_S over state predicates.
S_enum = CCm^½·AG^¼·REP^¼, S_prop likewise, S_raw = max of the two, and S = U · clip((S_raw − μ)/(1 − μ), 0, 1)
with μ the mean S_raw against {c.decoys} decoy formulations (inputs permuted outside Aut(P), null N2).
S ≥ {SEARCH_THRESHOLD} reads "search", S ≤ {NOT_SEARCH_THRESHOLD} "not search".</p>
<p><b>Nulls.</b> N1: seeded samples of up to {c.n1_limit} irredundant circuits of the same function at s_min + {', '.join(str(k) for k in c.n1_extra)}
gates, each sample limited to {c.n1_timeout:g} s ("is minimality what removes search?"; a sample cut by its limit is
still used, so it over-represents the circuits the solver finds first). N2: decoy formulations, inside every score. N3: the random-function
controls' optimal circuits scored against the search formulations they are declared decoys for. N4: p_null(c), the share
of N1 circuits computing v_c; optimal circuits are rescored with weights 1 − p_null(c).</p>
<p><b>Pre-registered verdict rule</b> (ANALYZER.md §7, fixed in <code>circuits/study/verdicts.py</code> before any minimal
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
<p><b>Departures from ANALYZER.md, decided before scoring.</b> (1) The counterexample bar also accepts the propagation analogue
(PCm, AGp ≥ {STRUCTURE_MIN}): S counts DP/BFS search as search, so the bar must too. (2) "Not above the 95th percentile of N1
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


def build_html(run: StudyRun, command: str) -> str:
    """The whole report as one HTML string."""
    by_problem: dict[str, list[TargetResult]] = {}
    for t in run.targets:
        by_problem.setdefault(t.problem.name, []).append(t)
    figures = "".join(
        [
            _figure(plots.size_vs_depth(run), "Each point is a problem in one basis: max S of its minimum-size circuits against max S of its minimum-depth circuits. Colour: verdict.", "No problem had both optimal sets scored."),
            _figure(plots.frontier(run), "S of the circuits of minimum size at each depth budget, from d_min to the depth of the deepest minimum-size circuit (informative problems when there are any, at most 12 lines).", "No problem had two or more frontier points with scored circuits."),
            _figure(plots.families(run), "Scaling families (ANALYZER.md §6.1): OC predicts S(min-size) falls as s_bf / s_min grows.", "No scaling family had two members with proven minima in this run."),
            _figure(plots.null_n1(run), "Median S of the minimal circuits (0) and of N1 samples with 1–3 extra gates (informative problems when there are any, at most 12 lines).", "No problem had N1 samples."),
        ]
    )
    toc = "".join(f"<a href='#{_anchor(name)}'>{_e(name)}</a><br>" for name in by_problem)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    finding = "".join(f"<p>{p}</p>" for p in finding_paragraphs(run))
    cost = (
        f"This run computed {run.computed} jobs and read {run.reused} from the result store in {run.wall_seconds:.0f} s; "
        f"the results represent {run.total_cpu_seconds:.0f} CPU s of synthesis and analysis."
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Are minimal circuits search-like? — circuits study</title><style>{CSS}</style></head>
<body><main>
<h1>Are minimal circuits search-like?</h1>
<p class="sub">A toy-scale test of the conjecture of <i>Risks from Learned Optimization</i> that minimal-size and
minimal-depth circuits are not mesa-optimizers. Generated {when} by <code>{_e(command)}</code>. {_e(cost)}</p>
<h2 id="finding">Main finding</h2><div class="finding">{finding}
<p class="muted">Interpretation guard: S measures structural search over declared candidates at n ≤ 8; see Limitations.</p></div>
<h2 id="verdicts">Verdicts</h2>{verdict_table(run)}
<h2 id="mechanisms">Mechanism tests</h2><div class="figs">{figures}</div>
<h2 id="methods">Methods</h2>{methods_html(run)}
<h2 id="problems">Problems</h2><nav class="toc">{toc}</nav>
{''.join(_problem_section(ts) for ts in by_problem.values())}
<h2 id="limitations">Limitations</h2>{LIMITATIONS}
</main></body></html>
"""


def write_report(run: StudyRun, out_dir: str | Path, command: str) -> tuple[Path, Path]:
    """Write ``report.html`` and ``study.json`` (every circuit and score) into ``out_dir``."""
    from circuits.study.summary import full_document

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "report.html"
    data = folder / "study.json"
    report.write_text(build_html(run, command), encoding="utf-8")
    data.write_text(json.dumps(full_document(run)), encoding="utf-8")
    return report, data
