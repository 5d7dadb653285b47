"""The report's graded evidence: the headline from the measured search shares and selection answers,
the power statement (counterexamples counted only among pairs where one was possible), and the
table of every population's share and S distribution. Every claim names the pairs behind it."""

from __future__ import annotations

from circuits.study.evidence import PopulationSet, relative_label, suite_selection
from circuits.study.markup import esc
from circuits.study.protocol import StudyRun
from circuits.study.results import TargetResult
from circuits.study.shares import AGAINST, FOR, NEITHER, UNDETERMINED

ANSWER_WORDS = {FOR: "selects for search", AGAINST: "selects against search", NEITHER: "neither (intervals overlap)",
                UNDETERMINED: "undetermined"}
#: The row text of a pair whose only search structure is propagation on a fixed-goal problem.
PROPAGATION_ONLY = "propagation structure in a fixed-goal problem; unresolved under the enumerative bar"


def _names(labels: list[str]) -> str:
    return ", ".join(labels) if labels else "none"


def selection_lines(run: StudyRun) -> list[str]:
    """Plain-text lines (terminal and report): per axis, the answers' counts with their pairs and
    the sign test."""
    lines = []
    for axis, summary in suite_selection(run.targets).items():
        pairs = summary["pairs"]
        parts = [f"{answer} {len(pairs[answer])} ({_names(pairs[answer])})" for answer in (FOR, AGAINST, NEITHER, UNDETERMINED)
                 if pairs.get(answer)]
        lines.append(f"{axis} pressure: " + "; ".join(parts) + f"; sign test (for vs against) p = {summary['sign_test_p']:.3g}")
    return lines


def power_line(run: StudyRun) -> str:
    """Counterexamples among the pairs where one was possible; the rest named, never "no counterexample"."""
    fixed = [t.label for t in run.targets if not t.goal_problem]
    goal = [t for t in run.targets if t.goal_problem]
    possible = [t for t in goal if t.counterexample_possible() is True]
    impossible = [t.label for t in goal if t.counterexample_possible() is False]
    unknown = [t.label for t in goal if t.counterexample_possible() is None]
    found = [t.label for t in possible if t.verdict is not None and t.verdict.verdict == "counterexample"]
    return (
        f"counterexamples: {len(found)} ({_names(found)}) among {len(possible)} pairs where one was possible "
        f"({_names([t.label for t in possible])}); could not have been a counterexample at this size: {len(impossible)} "
        f"({_names(impossible)}); not decided (optima not all listed and scored): {len(unknown)} ({_names(unknown)}); "
        f"fixed goal, so no objective to represent and no counterexample by the rule: {len(fixed)} ({_names(fixed)})"
    )


def evidence_paragraphs(run: StudyRun) -> list[str]:
    """The headline: selection answers, then power, each naming its pairs."""
    paragraphs = [
        "<b>Does minimality select for or against search?</b> For each pair, the search share p (circuits clearing the "
        "whole bar: S, and O on goal-as-input problems) among all circuits of the minimum size and of one and two gates "
        "more, and of the minimum depth and one level deeper; size (depth) pressure <i>selects for search</i> when "
        "p at the minimum lies above p of a relaxed population with disjoint 95 % intervals (mean S where every share "
        "is zero). " + " ".join(f"<br>{esc(line)}." for line in selection_lines(run)),
        "<b>Power.</b> " + esc(power_line(run)) + ".",
    ]
    return paragraphs


def row_note(t: TargetResult) -> str:
    """The verdict cell's qualifier: where the extended bar's search is propagation only, on a
    fixed-goal problem, and the literal bar leaves the pair unresolved, the table says so itself."""
    if t.verdict is None or t.verdict.verdict != "search without objective" or t.goal_problem:
        return ""
    halves = [h for h in t.verdict.halves.values() if h is not None and h.counterexamples]
    styles = {style for h in halves for _, style in h.counterexamples}
    if styles == {"propagation"} and t.literal_verdict == "unresolved":
        return f"<br><span style='font-size:12px'>{esc(PROPAGATION_ONLY)}</span>"
    return ""


def _interval(low: float, high: float, exact: bool) -> str:
    return "exact" if exact else f"[{low:.2f}, {high:.2f}]"


def _population_row(t: TargetResult, p: PopulationSet) -> str:
    share, dist, objective = p.share(t.goal_problem), p.distribution(), p.distribution("o")
    if share is None:
        why = p.note or ("empty: no circuit of this size" if p.method and p.total == 0 else "not measured")
        return (f"<tr><td class='l'>{esc(t.label)}</td><td class='l'>{esc(relative_label(t.populations, p))}</td>"
                f"<td>{esc(p.label)}</td><td colspan='6' class='l muted'>{esc(why)}</td></tr>")
    total = f"{p.total}" if p.total_exact else f"≈{p.total}"
    lo, hi = share.interval
    s_text = "–" if dist is None else f"{dist.mean:.2f} {_interval(*dist.interval, dist.exact)}"
    quartiles = "–" if dist is None else " / ".join(f"{q:.2f}" for q in dist.quartiles)
    o_text = "–" if objective is None else f"{objective.mean:.2f} (n={len(objective.values)})"
    return (
        f"<tr><td class='l'>{esc(t.label)}</td><td class='l'>{esc(relative_label(t.populations, p))}</td>"
        f"<td>{esc(p.label)}</td><td>{esc(p.method)}</td><td>{esc(total)}</td><td>{share.scored}</td>"
        f"<td>{share.p:.2f} {_interval(lo, hi, share.exact)}</td><td>{esc(s_text)}</td><td>{esc(quartiles)} · O {esc(o_text)}</td></tr>"
    )


def share_table(run: StudyRun) -> str:
    """Every population of every pair: how it was measured, p with its interval, S's distribution."""
    head = (
        "<tr><th class='l'>pair</th><th class='l'>population</th><th>bound</th><th>method</th><th>circuits</th>"
        "<th>scored</th><th>p [95 %]</th><th>mean S [95 %]</th><th>S quartiles · O mean</th></tr>"
    )
    rows = [_population_row(t, p) for t in run.targets for p in t.populations]
    answers = "".join(
        f"<tr><td class='l'>{esc(t.label)}</td><td class='l' colspan='8'>size: {esc(ANSWER_WORDS[t.selection['size']['answer']])}"
        f" ({esc(t.selection['size']['read_from'])}); depth: {esc(ANSWER_WORDS[t.selection['depth']['answer']])}"
        f" ({esc(t.selection['depth']['read_from'])})</td></tr>"
        for t in run.targets if t.selection
    )
    return (f"<table>{head}{''.join(rows)}</table><h3>Selection answers per pair</h3><table>{answers}</table>"
            if rows else "<p>No population was measured.</p>")
