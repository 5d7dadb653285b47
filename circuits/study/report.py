"""The study's self-contained HTML report (one file: styles, figures and diagrams inline).

Sections: the main finding in words, the verdict table, the locally-minimal tier (where an optimum
was cut: references improved to local minima, with the trajectory plot), the mechanism figures, the methods (what
was computed and the pre-registered rule, with this implementation's departures from the spec), one
section per problem (synthesis bounds, every circuit set with its scores, diagrams of the
brute-force reference and of the highest-scoring minimal circuits with the analyzer's candidate,
aggregation and state wires highlighted) and the limitations.

Every drawn circuit is also embedded as JSON (``<script type="application/json"
class="circuit-data">``, with its problem's truth table) so a reader or a test can re-verify it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from circuits.study import plots, plots_share
from circuits.study.markup import anchor, esc, figure
from circuits.study.protocol import StudyRun
from circuits.study.report_evidence import evidence_paragraphs, share_table
from circuits.study.report_sections import local_table, problem_section, verdict_table
from circuits.study.report_text import LIMITATIONS, finding_paragraphs, methods_html
from circuits.study.results import TargetResult

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
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
         font-weight: 600; white-space: nowrap; }
.muted { color: #7f8c8d; }
.reasons { font-size: 12.5px; color: #5d6d7e; text-align: left; min-width: 340px; max-width: 460px; }
.table-box { max-width: 100%; overflow-x: auto; }
.figs { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.figs > * { flex: 0 1 auto; max-width: 100%; }
figure { margin: 6px 0 14px; }
figure img { max-width: 100%; height: auto; cursor: zoom-in; }
figcaption { font-size: 13px; color: #5d6d7e; max-width: 640px; }
.diagrams { display: flex; flex-wrap: wrap; gap: 14px; }
.diagram { border: 1px solid #e5e8e8; border-radius: 6px; padding: 8px; background: white; max-width: 100%;
           box-sizing: border-box; overflow: auto; }
.diagram svg { display: block; }
.diagram.wide { flex: 1 1 100%; }
.diagram .cap { font-size: 12.5px; color: #34495e; margin-bottom: 4px; max-width: 520px; }
.diagram.wide .cap { max-width: none; }
.hint { font-size: 12.5px; color: #5d6d7e; }
code { background: #f4f6f7; padding: 1px 4px; border-radius: 3px; font-size: 13px; }
nav.toc { font-size: 13.5px; column-count: 3; margin: 8px 0 0; }
nav.toc a { text-decoration: none; }
.problem { border-top: 1px solid #e5e8e8; margin-top: 30px; }
ul.tight li { margin: 2px 0; }
"""


#: A click on a diagram or a figure opens it alone in a new tab, where the browser zooms it freely.
#: Blob URLs, because browsers refuse to open data: URLs as a top-level page.
ZOOM_SCRIPT = """
<script>
function openAlone(blob) { window.open(URL.createObjectURL(blob), "_blank"); }
for (const svg of document.querySelectorAll(".diagram svg")) {
  svg.style.cursor = "zoom-in";
  svg.addEventListener("click", () => openAlone(new Blob([svg.outerHTML], {type: "image/svg+xml"})));
}
for (const img of document.querySelectorAll("figure img")) {
  img.addEventListener("click", () => fetch(img.src).then(r => r.blob()).then(openAlone));
}
</script>
"""


def build_html(run: StudyRun, command: str) -> str:
    """The whole report as one HTML string."""
    by_problem: dict[str, list[TargetResult]] = {}
    for t in run.targets:
        by_problem.setdefault(t.problem.name, []).append(t)
    figures = "".join(
        [
            figure(plots.size_vs_depth(run), "Each point is a problem in one basis: max S of its minimum-size circuits against max S of its minimum-depth circuits. Colour and marker: verdict.", "No problem had both optimal sets scored."),
            figure(plots.frontier(run), "S of the circuits of minimum size at each depth budget, from d_min to the depth of the deepest minimum-size circuit (informative problems when there are any, at most 12 lines).", "No problem had two or more frontier points with scored circuits."),
            figure(plots.families(run), "Scaling families (docs/problems.md): OC predicts S(min-size) falls as s_bf / s_min grows.", "No scaling family had two members with proven minima in this run."),
            figure(plots.null_n1(run), "Median S of the minimal circuits (0) and of N1 samples with 1–3 extra gates (informative problems when there are any, at most 12 lines).", "No problem had N1 samples."),
        ]
    )
    toc = "".join(f"<a href='#{anchor(name)}'>{esc(name)}</a><br>" for name in by_problem)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    finding = "".join(f"<p>{p}</p>" for p in evidence_paragraphs(run) + finding_paragraphs(run))
    share_figures = "".join(
        figure(plots_share.search_share(run, axis), caption, f"No pair had a measured {axis} population.")
        for axis, caption in (
            ("size", "Search share p against gates above s_min, per pair, with 95 % Wilson intervals (none where the whole set was scored)."),
            ("depth", "Search share p at the minimum depth and one level deeper (each at the smallest size listed and one gate more), per pair."),
        )
    )
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
minimal-depth circuits are not mesa-optimizers. Generated {when} by <code>{esc(command)}</code>. {esc(cost)}</p>
<h2 id="finding">Main finding</h2><div class="finding">{finding}
<p class="muted">Interpretation guard: S measures structural search over declared candidates at n ≤ 8; see Limitations.</p></div>
<h2 id="share">Search share by size and depth</h2>
<p>Each population is every circuit of the basis computing f at that size (and depth bound), up to isomorphism and
irredundant; listed completely up to 10,000 circuits (exact size), else sampled near-uniformly by hashing (size
estimated); up to {run.config.n1_limit} circuits drawn without replacement and scored. p is exact where every circuit
was scored.</p>{share_table(run)}<div class="figs">{share_figures}</div>
<h2 id="verdicts">Verdicts</h2>{verdict_table(run)}
{local_section(run)}
<h2 id="mechanisms">Mechanism tests</h2><p class="hint">Click a figure to open it alone and zoom in.</p><div class="figs">{figures}</div>
<h2 id="methods">Methods</h2>{methods_html(run)}
<h2 id="problems">Problems</h2><nav class="toc">{toc}</nav>
<p class="hint">Click a diagram or a figure to open it alone and zoom in.</p>
{''.join(problem_section(ts) for ts in by_problem.values())}
<h2 id="limitations">Limitations</h2>{LIMITATIONS}
</main>{ZOOM_SCRIPT}</body></html>
"""


def local_section(run: StudyRun) -> str:
    """The locally-minimal tier, when some informative pair was left unresolved by a cut optimum."""
    if not any(t.local for t in run.targets):
        return ""
    caption = (
        "S of every circuit along each improvement trajectory, from the reference (right) to its local minimum "
        "(left), under the size objective and under the depth objective."
    )
    return (
        "<h2 id='locally-minimal'>Locally minimal circuits (not proven minima)</h2>"
        "<p>Where an informative problem's minimum or its enumeration was cut by the time limit, each reference "
        "circuit was improved window by window (<code>circuits improve</code>) until no window within the limits "
        "below could be replaced by a smaller (size) or shallower (depth) equivalent. Every circuit on the way was "
        "verified against the truth table and scored like the optima. These circuits are local minima, not proven "
        "minima: they do not enter the verdicts above, and a local minimum's score says nothing about the proven "
        "optimum of the same function.</p>"
        f"{local_table(run)}{figure(plots.trajectories(run), caption, 'No trajectory had scored circuits.')}"
    )


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
