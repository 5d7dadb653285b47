"""The report's tables and per-problem sections: the verdict table, each problem's reference
circuits and circuit sets, and diagrams of the brute force and of the highest-scoring minimal
circuits with the analyzer's roles highlighted. Every drawn circuit is embedded as JSON too."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from circuits.canonical import canonical_key
from circuits.study.jobs import HIGHLIGHT_GROUPS
from circuits.study.markup import anchor, badge, bounds, esc, num
from circuits.study.protocol import StudyRun
from circuits.study.report_evidence import row_note
from circuits.study.results import CircuitSet, ScoredCircuit, TargetResult
from circuits.study.verdicts import summary_stats
from circuits.truthtable import to_hex

#: Diagrams per circuit set (the highest-scoring ones); the rest are listed in study.json.
DIAGRAMS_PER_SET = 1
#: Gates above which a diagram is left out (it would not be readable).
MAX_DRAWN_GATES = 60
#: A diagram wider than this (CSS pixels, at its natural size) gets the page's full width instead of
#: a card: squeezed into a card, a 40-gate circuit's labels would be too small to read.
WIDE_DIAGRAM_PX = 520
#: Diagram sizes on the page: at most this tall and wide (px) unless labels would shrink below
#: MIN_LABEL_PX (the smallest label of a diagram is SMALLEST_FONT_PT at natural size, circuits/draw/dot.py).
MAX_DIAGRAM_HEIGHT_PX = 640
MAX_DIAGRAM_WIDTH_PX = 1000
MIN_LABEL_PX = 9.0
SMALLEST_FONT_PT = 9.0
#: The metric behind each highlighted group of a diagram.
GROUP_METRICS = dict(zip(HIGHLIGHT_GROUPS, ("cc", "ag", "pc")))


def _count_cell(cs: CircuitSet) -> str:
    """How many optimal circuits: '–' when the optimum is not proven, '+' when the list is partial."""
    return "–" if not cs.proven else f"{len(cs.circuits)}{'' if cs.complete else '+'}"


def _literal_note(t: TargetResult) -> str:
    """The verdict under the literal bar (enumerative structure only) where the extended rule's differs."""
    if t.verdict is None or t.literal_verdict in (None, t.verdict.verdict):
        return ""
    return f"<br><span class='muted' style='font-size:12px'>literal bar: {esc(t.literal_verdict)}</span>"


def verdict_table(run: StudyRun) -> str:
    head = (
        "<tr><th class='l'>problem</th><th class='l'>basis</th><th>s_bf</th><th>s_min</th><th>d_min</th>"
        "<th>#min-size</th><th>#min-depth</th><th>S size max / med</th><th>S depth max / med</th>"
        "<th>S frontier max / med</th><th>decoy pct</th><th>O max</th><th class='l'>verdict</th><th class='l'>why</th></tr>"
    )
    rows = []
    for t in run.targets:
        r = t.summary_row()
        reasons = "; ".join(t.verdict.reasons) if t.verdict else ""
        kind = "" if t.problem.kind == "search" else " <span class='muted'>(control)</span>"
        rows.append(
            f"<tr><td class='l'><a href='#{anchor(t.problem.name)}'>{esc(t.problem.name)}</a>{kind}</td>"
            f"<td class='l'>{esc(t.basis)}</td><td>{esc(t.s_bf if t.s_bf is not None else '–')}</td>"
            f"<td>{bounds(r['s_min'], r['s_min_bounds'])}</td><td>{bounds(r['d_min'], r['d_min_bounds'])}</td>"
            f"<td>{_count_cell(t.size_set)}</td><td>{_count_cell(t.depth_set)}</td>"
            f"<td>{num(r['max_score_min_size'])} / {num(r['median_score_min_size'])}</td>"
            f"<td>{num(r['max_score_min_depth'])} / {num(r['median_score_min_depth'])}</td>"
            f"<td>{num(r['max_score_frontier'])} / {num(r['median_score_frontier'])}</td>"
            f"<td>{num(r['decoy_percentile'], 0)}</td><td>{num(r['max_objective_min_size'])}</td>"
            f"<td class='l'>{badge(r['verdict'])}{_literal_note(t)}{row_note(t)}</td>"
            f"<td class='reasons'>{esc(reasons)}</td></tr>"
        )
    return f"<div class='table-box'><table class='verdicts'>{head}{''.join(rows)}</table></div>"


def local_table(run: StudyRun) -> str:
    """The locally-minimal tier: each reference improved to a local minimum, kept out of the verdict
    table (a local minimum is not a proven minimum)."""
    head = (
        "<tr><th class='l'>problem</th><th class='l'>basis</th><th class='l'>reference</th><th class='l'>objective</th>"
        "<th>start size / depth / S</th><th>local minimum size / depth / S</th><th>O at the end</th>"
        "<th>max S on the way</th><th>steps</th><th class='l'>windows (≤ inputs, ≤ gates)</th><th class='l'>tier</th></tr>"
    )
    rows = []
    for t in run.targets:
        for lt in t.local:
            first, last = lt.points[0], lt.final
            row = lt.summary()
            claim = (
                f"all {lt.windows} proven not improvable" if lt.locally_minimal
                else f"{lt.proven_windows} of {lt.windows} proven ({esc(lt.stop)})"
            )
            tier = "locally minimal" if lt.locally_minimal else "not proven locally minimal"
            rows.append(
                f"<tr><td class='l'><a href='#{anchor(t.problem.name)}'>{esc(t.problem.name)}</a></td>"
                f"<td class='l'>{esc(t.basis)}</td><td class='l'>{esc(lt.reference)}</td><td class='l'>{esc(lt.objective)}</td>"
                f"<td>{first.circuit.size} / {first.circuit.depth} / {num(first.score)}</td>"
                f"<td>{last.circuit.size} / {last.circuit.depth} / {num(last.score)}</td>"
                f"<td>{num(row['end']['objective_o'])}</td><td>{num(row['max_score'])}</td><td>{len(lt.steps)}</td>"
                f"<td class='l'>{claim} (≤ {esc(lt.limits.get('window_inputs'))}, ≤ {esc(lt.limits.get('window_gates'))})</td>"
                f"<td class='l'>{tier}</td></tr>"
            )
    return f"<table>{head}{''.join(rows)}</table>"


def _set_row(cs: CircuitSet) -> str:
    stats = summary_stats(cs.scores())
    best = cs.best()
    pct = best.analysis.get("decoy_percentile") if best and best.analysis else None
    status = "proven" if cs.proven else "not proven"
    complete = "complete" if cs.complete else ("incomplete" if cs.proven else "–")
    return (
        f"<tr><td class='l'>{esc(cs.label)}</td><td>{esc(cs.size if cs.size is not None else '–')}</td>"
        f"<td>{esc(cs.depth_budget if cs.depth_budget is not None else '–')}</td><td>{len(cs.circuits)}</td>"
        f"<td class='l'>{status}, {complete}</td><td>{num(stats['max'])}</td><td>{num(stats['median'])}</td><td>{num(pct, 0)}</td>"
        f"<td class='reasons'>{esc(cs.note)}</td></tr>"
    )


def _sets_table(t: TargetResult) -> str:
    sets = [t.size_set, t.depth_set, *[cs for cs in t.frontier_sets if cs is not t.depth_set], *t.n1_sets]
    sets += [cs for cs in (t.n3_set, t.best_found) if cs is not None]
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
            f"<tr><td class='l'>{esc(name)}</td><td>{sc.circuit.size}</td><td>{sc.circuit.depth}</td><td>{num(a.get('score'))}</td>"
            f"<td>{num(a.get('s_enum'))}</td><td>{num(a.get('s_prop'))}</td><td>{num(v.get('ccm'))}</td><td>{num(v.get('ag'))}</td>"
            f"<td>{num(a.get('decoy_percentile'), 0)}</td></tr>"
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


def _natural_px(svg: str, attribute: str) -> float | None:
    match = re.search(r'<svg[^>]*\s%s="([\d.]+)(pt|px)?"' % attribute, svg)
    if match is None:
        return None
    return float(match.group(1)) * (4 / 3 if match.group(2) == "pt" else 1)


def diagram_class(svg: str) -> str:
    """``diagram wide`` for an SVG wider than WIDE_DIAGRAM_PX at its natural size, else ``diagram``."""
    width = _natural_px(svg, "width")
    return "diagram wide" if width is not None and width > WIDE_DIAGRAM_PX else "diagram"


def diagram_scale(width: float, height: float) -> float:
    """How much a diagram of this natural size (px) is shrunk: to fit MAX_DIAGRAM_HEIGHT_PX and
    MAX_DIAGRAM_WIDTH_PX, never enlarged, and never so far that its smallest label (SMALLEST_FONT_PT)
    falls below MIN_LABEL_PX; a diagram still too large then scrolls in its box."""
    fit = min(1.0, MAX_DIAGRAM_HEIGHT_PX / height, MAX_DIAGRAM_WIDTH_PX / width)
    return max(fit, MIN_LABEL_PX / (SMALLEST_FONT_PT * 4 / 3))


def sized_svg(svg: str) -> str:
    """The SVG with its display size in pixels set by ``diagram_scale`` (the viewBox keeps the drawing)."""
    width, height = _natural_px(svg, "width"), _natural_px(svg, "height")
    if width is None or height is None:
        return svg
    scale = diagram_scale(width, height)
    svg = re.sub(r'(<svg[^>]*\s)width="[\d.]+(?:pt|px)?"', rf'\g<1>width="{width * scale:.0f}px"', svg, count=1)
    return re.sub(r'(<svg[^>]*\s)height="[\d.]+(?:pt|px)?"', rf'\g<1>height="{height * scale:.0f}px"', svg, count=1)


def shown_highlight(analysis: dict[str, Any]) -> dict[str, set[int]]:
    """The highlighted groups a diagram shows: only those whose metric scores above 0, so that the
    colours never show a structure the caption's scores deny (an AG tree drawn beside "AG 0.00")."""
    values = analysis.get("values", {})
    return {
        label: set(nodes)
        for label, nodes in analysis.get("highlight", {}).items()
        if nodes and (values.get(GROUP_METRICS.get(label, "")) or 0) > 0
    }


def _diagram(t: TargetResult, role: str, sc: ScoredCircuit) -> str:
    from circuits.draw import GraphvizMissing, render

    a = sc.analysis or {}
    caption = (
        f"<b>{esc(role)}</b>: {sc.circuit.size} gates, depth {sc.circuit.depth}, S = {num(a.get('score'))} "
        f"(S_enum {num(a.get('s_enum'))}, S_prop {num(a.get('s_prop'))}, CCm {num(a.get('values', {}).get('ccm'))}, "
        f"AG {num(a.get('values', {}).get('ag'))}, decoy pct {num(a.get('decoy_percentile'), 0)})"
    )
    body = ""
    css = "diagram"
    if sc.circuit.size > MAX_DRAWN_GATES:
        body = f"<p class='muted'>{sc.circuit.size} gates: too large to draw legibly (the circuit is in study.json).</p>"
    else:
        highlight = shown_highlight(a)
        named = sc.circuit
        if t.problem.input_names:
            named = replace(sc.circuit, input_names=tuple(t.problem.input_names))
        try:
            body = _svg_inline(render(named, "svg", highlight=highlight))
            css = diagram_class(body)
            body = sized_svg(body)
        except GraphvizMissing as err:
            body = f"<p class='muted'>{esc(err)}</p>"
    return f"<div class='{css}'><div class='cap'>{caption}</div>{body}{_circuit_data(t, role, sc)}</div>"


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
def problem_section(targets: list[TargetResult]) -> str:
    p = targets[0].problem
    flags = targets[0].informative_reasons
    head = (
        f"<section class='problem' id='{anchor(p.name)}'><h3>{esc(p.name)}"
        f"{' (' + esc(p.suite_id) + ')' if p.suite_id else ''} <span class='muted'>— {esc(p.kind)}</span></h3>"
        f"<p>{esc(p.description)}</p>"
        f"<p class='muted'>{p.n} inputs ({esc(', '.join(p.input_names))}); {p.m} candidates; mode {esc(p.mode)}; "
        f"uniform formulation: {'yes' if p.uniform else 'no'}"
        f"{'; family ' + esc(p.family) if p.family else ''}"
        f"{'; ' + esc(targets[0].standing or '') + ': ' + esc('; '.join(flags)) if targets[0].informative is False else ''}</p>"
        "<h4>Reference circuits (scored against the declared formulation)</h4>"
        + _reference_table(targets[0])
        + _controls_table(targets[0])
    )
    parts = [head]
    for i, t in enumerate(targets):
        s = t.synthesis
        points = ", ".join(f"(d={q['depth']}, s={q['size']})" for q in s.frontier)
        verdict_reasons = "; ".join(t.verdict.reasons) if t.verdict else ""
        parts.append(
            f"<h4>Basis {esc(t.basis)} {badge(t.verdict.verdict if t.verdict else None)}</h4>"
            f"<p>s_bf = {esc(t.s_bf if t.s_bf is not None else '–')}, s_min = {bounds(s.s_min, [s.size_lower, s.size_upper])} "
            f"({s.size_seconds:.1f} s), d_min = {bounds(s.d_min, [s.depth_lower, s.depth_upper])} ({s.depth_seconds:.1f} s)"
            f"{', frontier ' + points if points else ''}{_certified_text(s)}."
            f"<br><span class='reasons'>{esc(verdict_reasons)}</span></p>"
            + _sets_table(t)
            + "".join(f"<p class='reasons'>error: {esc(err)}</p>" for err in t.errors)
            + _power_text(t)
            + _cross_text(t)
            + _n4_text(t)
            + "<div class='diagrams'>"
            + "".join(_drawn(t, include_references=i == 0))
            + "</div>"
        )
    parts.append("</section>")
    return "".join(parts)


def _controls_table(t: TargetResult) -> str:
    """The identifiability controls: non-search circuits that must all score below the bar."""
    if not t.controls:
        return ""
    identifiable, reasons = t.identifiability()
    verdict = {True: "identifiable", False: "NOT identifiable", None: "not decided"}[identifiable]
    head = "<tr><th class='l'>control</th><th>gates</th><th>computes f</th><th>S</th><th>S_enum</th><th>S_prop</th><th>LL</th></tr>"
    rows = []
    for name, sc in t.controls.items():
        a = sc.analysis or {}
        v = a.get("values", {})
        rows.append(
            f"<tr><td class='l'>{esc(name)}</td><td>{sc.circuit.size}</td><td>{'yes' if a.get('computes') else 'no'}</td>"
            f"<td>{num(a.get('score'))}</td><td>{num(a.get('s_enum'))}</td><td>{num(a.get('s_prop'))}</td><td>{num(v.get('ll'))}</td></tr>"
        )
    why = "" if not reasons else " — " + esc("; ".join(reasons))
    return f"<h4>Non-search controls: {verdict}{why}</h4><table>{head}{''.join(rows)}</table>"


def _power_text(t: TargetResult) -> str:
    if not t.power:
        return ""
    items = [f"{esc(half)} half ({p.get('budget')} gates" + (f", depth ≤ {p['depth_budget']}" if p.get("depth_budget") else "")
             + f"): {esc(p.get('status'))} — {esc(p.get('reason'))}" for half, p in t.power.items()]
    return "<p class='muted'>Power: " + "; ".join(items) + "</p>"


def _cross_text(t: TargetResult) -> str:
    if not t.cross:
        return ""
    items = []
    for name, analyses in t.cross.items():
        scores = [a["score"] for a in analyses]
        items.append(f"{esc(name)}: max S {num(max(scores))} over {len(scores)} circuits")
    return "<p class='muted'>Scored against search formulations it is a decoy for (N3 base rate): " + "; ".join(items) + ".</p>"


def _n4_text(t: TargetResult) -> str:
    if not t.n4:
        return ""
    weighted = t.n4["max_weighted_score"]
    common = [c for c, p in t.n4["p_null"].items() if p >= 0.99]
    text = (
        f"N4: over {t.n4['n1_circuits']} N1 circuits, {len(common)} of {len(t.n4['p_null'])} candidates are computed by "
        f"(almost) every one; reweighted by w_c = 1 − p_null(c), max S is {num(weighted.get('min_size'))} (min-size) "
        f"and {num(weighted.get('min_depth'))} (min-depth)."
    )
    return f"<p class='muted'>{esc(text)}</p>"


def _certified_text(facts: Any) -> str:
    """", bounds certified" when --certify re-proved every bound of both searches (and what not)."""
    if facts.size_certified is None and facts.depth_certified is None:
        return ""
    if facts.size_certified and facts.depth_certified:
        return ", every bound certified"
    missing = [name for name, ok in (("size", facts.size_certified), ("depth", facts.depth_certified)) if not ok]
    return f", {' and '.join(missing)} bounds not certified within the time limit"
