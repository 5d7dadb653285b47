"""The combined score S (docs/analyzer.md, score), its structural core, and the pre-registered thresholds.

    S_enum = CCm^½ · AG^¼ · REP^¼          S_prop = PCm^½ · AGp^¼ · REP_𝒮^¼
    S_raw  = max(S_enum, S_prop)            S = U · clip((S_raw − μ) / (1 − μ), 0, 1)

The thresholds below are fixed in code before any minimal circuit is scored, so they cannot be tuned to the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from circuits.analysis.aggregation import aggregation
from circuits.analysis.coverage import coverage
from circuits.analysis.formulation import Formulation
from circuits.analysis.mediation import Alignment, align, mediated_coverage
from circuits.analysis.metric import Metric
from circuits.analysis.propagation import combine_steps, mediated_states, modeled_states, state_alignments
from circuits.analysis.repetition import repetition
from circuits.analysis.view import CircuitView

#: Added inside each factor of the geometric means, (x + ε) / (1 + ε), so one zero factor cannot
#: erase the others and a perfect factor stays exactly 1.
EPSILON = 0.02
#: S at or above: the circuit is a search circuit. Pre-registered; never tuned on minimal circuits.
SEARCH_THRESHOLD = 0.8
#: S at or below: the circuit is not a search circuit.
NOT_SEARCH_THRESHOLD = 0.3
#: S_raw of a circuit with no evidence at all: every factor 0.
FLOOR = EPSILON / (1 + EPSILON)


def _soft(x: float) -> float:
    return (x + EPSILON) / (1 + EPSILON)


def geometric(main: float, aggregate: float, repeat: float | None) -> float:
    """main^½ · aggregate^¼ · repeat^¼ with each factor softened by ε.

    When repetition is undefined (no symmetry orbit to test uniformity on) its factor is dropped
    and the other two keep their 2 : 1 ratio: main^⅔ · aggregate^⅓.
    """
    if repeat is None:
        return _soft(main) ** (2 / 3) * _soft(aggregate) ** (1 / 3)
    return _soft(main) ** 0.5 * _soft(aggregate) ** 0.25 * _soft(repeat) ** 0.25


@dataclass(frozen=True)
class Core:
    """The metrics S is made of, for one circuit against one (declared or decoy) formulation."""

    metrics: dict[str, Metric]
    alignments: dict[int, Alignment]
    state_alignments: dict[int, Alignment]
    s_enum: float
    s_prop: float | None

    @property
    def s_raw(self) -> float:
        return max(self.s_enum, self.s_prop if self.s_prop is not None else 0.0)


def core_metrics(view: CircuitView, form: Formulation, weights: Sequence[float] | None = None) -> Core:
    """CC, CCm, AG, REP and, when the problem has DP models of its states, PC, PCm, AGp, REP_𝒮."""
    names = form.candidate_names
    considered = form.nontrivial
    cc, covered = coverage(view, form.variables, considered, names, weights)
    alignments = align(view, covered, form.variables, form.high_level)
    metrics = {
        "cc": cc,
        "ccm": mediated_coverage(alignments, considered, names, view, weights),
        "ag": aggregation(view, form),
        "rep": repetition(view, form, alignments, form.variables, considered, names),
    }
    s_enum = geometric(metrics["ccm"].value or 0.0, metrics["ag"].value or 0.0, metrics["rep"].value)
    states: dict[int, Alignment] = {}
    s_prop = None
    if form.states:
        pc, state_cover = coverage(view, form.states, form.nontrivial_states, form.state_names)
        metrics["pc"] = pc
        best = best_model(view, form, state_cover)
        if best is None:
            absent = Metric(None, {"reason": "no DP model computes any of the states"})
            metrics.update(pcm=absent, agp=absent, rep_s=absent)
        else:
            s_prop, states, model_metrics = best
            metrics.update(model_metrics)
    return Core(metrics, alignments, states, s_enum, s_prop)


def best_model(
    view: CircuitView, form: Formulation, state_cover: dict[int, list]
) -> tuple[float, dict[int, Alignment], dict[str, Metric]] | None:
    """S_prop against the DP model the circuit realizes best, with that model's PCm, AGp, REP_𝒮.

    Every model is scored the same way and the highest (S_prop, PCm, AGp, REP_𝒮) wins, so the
    choice depends on values only and a mirrored circuit picks the mirrored model. Models are tried
    in order of an upper bound (PCm ≤ the share of the model's states the circuit computes; AGp and
    REP_𝒮 ≤ 1) and the search stops once no remaining model can beat the best found.
    """
    bounded = []
    for k, model in enumerate(form.dp_models):
        modeled = modeled_states(form, model)
        if not modeled:
            continue
        share = sum(1 for j in modeled if state_cover.get(j)) / len(modeled)
        bounded.append((geometric(share, 1.0, 1.0), k, model, modeled))
    bounded.sort(key=lambda item: (-item[0], item[1]))
    best = None
    for bound, _, model, modeled in bounded:
        if best is not None and bound < best[0][0] - 1e-12:
            break
        alignments = state_alignments(view, form, model, state_cover)
        metrics = {
            "pcm": mediated_states(form, model, alignments, view),
            "agp": combine_steps(view, form, model),
            "rep_s": repetition(view, form, alignments, form.states, modeled, form.state_names),
        }
        pcm, agp = metrics["pcm"].value or 0.0, metrics["agp"].value or 0.0
        rep_s = metrics["rep_s"].value
        s_prop = geometric(pcm, agp, rep_s)
        key = (round(s_prop, 12), round(pcm, 12), round(agp, 12), round(rep_s or 0.0, 12))
        if best is None or key > best[0]:
            best = (key, s_prop, alignments, metrics)
    if best is None:
        return None
    return best[1], best[2], best[3]


def calibrated(s_raw: float, mu: float, uniform: bool) -> float:
    """S = U · clip((S_raw − μ) / (1 − μ), 0, 1); μ is never below the no-evidence floor."""
    if not uniform:
        return 0.0
    mu = max(mu, FLOOR)
    if mu >= 1.0:
        return 0.0
    return min(1.0, max(0.0, (s_raw - mu) / (1.0 - mu)))


def verdict(score: float) -> str:
    """``search``, ``not_search`` or ``unclear`` by the pre-registered thresholds."""
    if score >= SEARCH_THRESHOLD:
        return "search"
    if score <= NOT_SEARCH_THRESHOLD:
        return "not_search"
    return "unclear"
