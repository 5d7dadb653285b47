"""`circuits study` end to end on tiny problems: the JSON contract, the report (parsed, every circuit
re-verified, opened in headless Chromium), verdicts recomputed by the rule, a user problem file,
the result cache on a rerun, and user errors."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from circuits.circuit import Circuit
from circuits.problems.suite import get_problem
from circuits.study.verdicts import VERDICTS, OptimumSet, Scored, Standing, judge
from circuits.truthtable import TruthTable
from cli import cli

#: A user's problem: three 3-input conjunctions over 5 inputs, f = b·d·(a ∨ c ∨ e). Its minimum b2
#: size is 4: f depends on all 5 inputs, so it needs at least 4 two-input gates, and
#: AND, AND, OR, OR suffice. Brute force needs 8, so the problem is informative.
USER_PROBLEM = {
    "name": "and3-user",
    "description": "some 3-input conjunctions over 5 inputs",
    "inputs": ["a", "b", "c", "d", "e"],
    "mode": "exists",
    "candidates": [
        {"name": "123", "verifier": "0xc000c000"},
        {"name": "134", "verifier": "0xcc000000"},
        {"name": "013", "verifier": "0x88008800"},
    ],
    "uniform": True,
}

STUDY_ARGS = ["--problems", "path3,layer2x1", "--basis", "b2", "--jobs", "1", "--timeout", "30"]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One quick study (two suite problems and a user file), run once for the module's tests."""
    folder = tmp_path_factory.mktemp("study")
    problem_file = folder / "and3-user.json"
    problem_file.write_text(json.dumps(USER_PROBLEM))
    args = [*STUDY_ARGS, "--problem-file", str(problem_file), "--db", str(folder / "db.sqlite")]
    result = invoke("study", *args, "--out", str(folder / "out"), "--json")
    assert result.exit_code == 0, result.output
    return {"folder": folder, "args": args, "doc": json.loads(result.stdout), "stderr": result.stderr}


def test_json_contract(study: dict[str, Any]) -> None:
    doc = study["doc"]
    rows = {(p["name"], p["basis"]): p for p in doc["problems"]}
    assert set(rows) == {("path3", "b2"), ("layer2x1", "b2"), ("and3-user", "b2")}
    for row in rows.values():
        assert {"name", "basis", "s_bf", "s_min", "d_min", "minimal_circuits", "complete",
                "max_score_min_size", "max_score_min_depth", "verdict"} <= set(row)
        assert row["verdict"] in VERDICTS
    assert Path(doc["report"]).is_file() and Path(doc["data"]).is_file()
    # path3 and layer2x1 are degenerate by the validity checks (fewer than 3 non-trivial candidates).
    assert rows[("path3", "b2")]["verdict"] == "degenerate"
    assert rows[("layer2x1", "b2")]["verdict"] == "degenerate"
    # No pair is both informative and cut, so the locally-minimal tier is empty.
    assert doc["locally_minimal"] == [] and doc["jobs"]["local improvement"]["jobs"] == 0
    # The suite's selection answers: every pair counted once per axis, with the sign test.
    for axis in ("size", "depth"):
        assert sum(doc["selection"][axis]["counts"].values()) == 3
        assert 0.0 <= doc["selection"][axis]["sign_test_p"] <= 1.0
    # The progress display names the stages and the problems (plain lines: stderr is not a terminal).
    assert "synthesis:" in study["stderr"] and "analysis:" in study["stderr"] and "and3-user/b2" in study["stderr"]


def test_user_problem_is_studied(study: dict[str, Any]) -> None:
    row = next(p for p in study["doc"]["problems"] if p["name"] == "and3-user")
    assert row["s_min"] == 4 and row["s_bf"] == 8
    assert row["informative"] is True
    assert row["complete"] is True and row["minimal_circuits"] >= 1
    # All optima proven and enumerated: a deciding verdict, unless a control scores as search.
    assert row["verdict"] in ("supports", "no power", "search without objective", "non-identifiable")
    assert row["identifiable"] is not None
    target = next(t for t in json.loads(Path(study["doc"]["data"]).read_text())["targets"] if t["name"] == "and3-user")
    n3 = target["sets"]["n3"]  # informative, so the study drew random functions of matched complexity
    assert n3["count"] == 5 and all("analysis" in c for c in n3["circuits"])
    assert set(target["mechanisms"]["nulls"]["samples"]) == {"N1 s_min+1", "N1 s_min+2", "N1 s_min+3", "N3 random functions"}
    assert set(target["n4"]["p_null"]) == {"123", "134", "013"}
    # The search share: the optima are the whole minimum-size population (exact share); the larger
    # sizes of this 4-input function are listed completely and scored; each axis has an answer.
    shares = row["search_share"]
    first = shares[0]
    assert first["axis"] == "size" and first["method"] == "listed" and first["share"]["exact"]
    assert first["total"] == row["minimal_circuits"] and first["scored"] == first["total"]
    larger = [p for p in shares if p["axis"] == "size" and p["size"] > row["s_min"]]
    assert [p["size"] for p in larger] == [row["s_min"] + k for k in (1, 2, 3)]
    for p in larger:
        assert p["method"] is not None or p["note"], p
        if p["share"] is not None:
            assert p["share"]["low"] <= p["share"]["p"] <= p["share"]["high"] and p["scored"] <= 100
    assert {row["selection"][axis]["answer"] for axis in ("size", "depth")} <= {"for", "against", "neither", "undetermined"}
    assert row["counterexample_possible"] in (True, False)
    # The brute force computes every verifier and ORs them: the analyzer's roles are highlighted.
    highlight = target["references"]["brute_force"]["analysis"]["highlight"]
    assert len(highlight["candidate verifier (CC)"]) == 3 and highlight["union/selection tree (AG)"]


def _optimum(data: dict[str, Any], objective: str) -> OptimumSet:
    scores = tuple(Scored.from_analysis(c["analysis"]) for c in data["circuits"])
    return OptimumSet(objective, data["proven"], data["complete"], scores)


def _standing(target: dict[str, Any]) -> Standing:
    """The standing recomputed from the stored controls' scores (identifiable unless one reaches 0.8)."""
    controls = [c["analysis"]["score"] for c in target["controls"].values()]
    failing = tuple(target["identifiability_reasons"])
    assert bool(failing) == any(score >= 0.8 for score in controls)
    return Standing(target["standing"], tuple(target["informative_reasons"]), not failing, failing)


def test_verdicts_follow_the_rule(study: dict[str, Any]) -> None:
    data = json.loads(Path(study["doc"]["data"]).read_text())
    for target in data["targets"]:
        sets = target["sets"]
        power = {half: p["status"] for half, p in target["power_detail"].items()}
        goal = bool(target["problem"].get("goal_inputs"))
        args = (_standing(target), _optimum(sets["min_size"], "size"), _optimum(sets["min_depth"], "depth"))
        expected = judge(*args, goal_problem=goal, power=power)
        assert target["verdict"] == expected.verdict, target["name"]
        literal = judge(*args, propagation=False, goal_problem=goal, power=power)
        assert target["verdict_enumerative_only"] == literal.verdict, target["name"]
        for circuit in sets["min_size"]["circuits"] + sets["min_depth"]["circuits"]:
            assert circuit["size"] == (sets["min_size"]["size"] if circuit in sets["min_size"]["circuits"] else sets["min_depth"]["size"])


class _ReportParser(HTMLParser):
    """Collects section ids and the embedded circuit documents."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.circuits: list[dict[str, Any]] = []
        self._in_data = False
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        self.svgs += tag == "svg"
        self._in_data = tag == "script" and attributes.get("class") == "circuit-data"

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.circuits.append(json.loads(data))

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False


def test_report_parses_and_every_circuit_verifies(study: dict[str, Any]) -> None:
    parser = _ReportParser()
    parser.feed(Path(study["doc"]["report"]).read_text(encoding="utf-8"))
    parser.close()
    assert {"finding", "verdicts", "mechanisms", "methods", "problems", "limitations"} <= parser.ids
    assert parser.svgs >= 3  # diagrams are inline SVG
    assert len(parser.circuits) >= 6  # per problem: brute force + at least one minimal circuit
    names = {c["problem"] for c in parser.circuits}
    assert names == {"path3", "layer2x1", "and3-user"}
    for item in parser.circuits:
        spec = TruthTable.from_bits(item["inputs"], [int(h, 16) for h in item["outputs"]])
        Circuit.from_dict(item["circuit"]).verify(spec)
        if item["problem"] != "and3-user":  # the embedded table is the suite problem's own
            assert spec == get_problem(item["problem"]).truth_table()


def test_rerun_recomputes_nothing(study: dict[str, Any]) -> None:
    first = study["doc"]
    result = invoke("study", *study["args"], "--out", str(study["folder"] / "again"), "--json")
    assert result.exit_code == 0, result.output
    again = json.loads(result.stdout)
    assert first["computed"] > 0
    assert again["computed"] == 0
    assert again["reused"] == first["computed"] + first["reused"]
    assert [p["verdict"] for p in again["problems"]] == [p["verdict"] for p in first["problems"]]


def test_text_summary(study: dict[str, Any]) -> None:
    result = invoke("study", *study["args"], "--out", str(study["folder"] / "text"))
    assert result.exit_code == 0, result.output
    for word in ("problem", "s_min", "verdict", "and3-user", "degenerate", "report:"):
        assert word in result.stdout


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (Debian package `chromium`)")
def test_report_opens_in_headless_chromium(study: dict[str, Any], tmp_path: Path) -> None:
    report = Path(study["doc"]["report"]).resolve()
    shot = tmp_path / "report.png"
    base = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}",
    ]
    taken = subprocess.run(
        [*base, f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = subprocess.run([*base, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Main finding" in dom.stdout and "Limitations" in dom.stdout and "<svg" in dom.stdout
    # The click-to-open script ran: every diagram was marked zoomable in the live page.
    assert re.search(r'<svg[^>]*style="cursor: zoom-in;?"', dom.stdout)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--problems", "nosuch"], "unknown problem"),
        (["--problems", "path3", "--basis", "b3"], "unknown basis"),
        (["--problems", "path3", "--timeout", "0"], "--timeout must be a positive finite number"),
        (["--problems", "path3", "--jobs", "0"], "--jobs must be at least 1"),
        (["--problems", ","], "names no problem"),
        (["--problems", "path3", "--scheduler", "nowhere"], "--scheduler 'nowhere'"),
    ],
)
def test_user_errors(args: list[str], message: str, tmp_path: Path) -> None:
    result = invoke("study", *args, "--db", str(tmp_path / "db.sqlite"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1


def test_contradictory_problem_file_is_refused(tmp_path: Path) -> None:
    bad = dict(USER_PROBLEM, outputs=["0x00000001"])  # not the OR of the verifiers
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    result = invoke("study", "--problem-file", str(path), "--db", str(tmp_path / "db"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "OR of the verifiers" in result.stderr


def test_two_problems_with_one_name_are_refused(tmp_path: Path) -> None:
    clash = dict(USER_PROBLEM, name="path3")
    path = tmp_path / "clash.json"
    path.write_text(json.dumps(clash))
    result = invoke("study", "--problems", "path3", "--problem-file", str(path), "--db", str(tmp_path / "db"))
    assert result.exit_code == 2 and "named 'path3'" in result.stderr


#: Measures the laid-out report in the browser and writes the numbers into <body data-layout>.
LAYOUT_PROBE = """
<script>
(() => {
  const main = document.querySelector("main");
  const box = main.getBoundingClientRect(), style = getComputedStyle(main);
  const right = box.right - parseFloat(style.paddingRight) + 1;
  const boxed = [...document.querySelectorAll("main .table-box, main .diagram, main figure, main .figs")]
    .concat([...document.querySelectorAll("main table")].filter(t => !t.closest(".table-box")));
  const overflowing = boxed.filter(e => e.getBoundingClientRect().right > right).map(e => e.tagName + "." + e.className);
  const rects = [...document.querySelectorAll(".figs > *, .diagrams > *")].map(e => e.getBoundingClientRect());
  let overlaps = 0;
  rects.forEach((a, i) => rects.slice(i + 1).forEach(b => {
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps++;
  }));
  const why = [...document.querySelectorAll("table.verdicts td.reasons")].map(e => e.getBoundingClientRect().width);
  const rows = [...document.querySelectorAll("table.verdicts tr")].map(e => e.getBoundingClientRect().height);
  const diagrams = [...document.querySelectorAll(".diagram svg")].map(e => e.getBoundingClientRect().height);
  document.body.setAttribute("data-layout", JSON.stringify({
    overflowing, overlaps, why: Math.min(...why), tallest_row: Math.max(...rows), tallest_diagram: Math.max(0, ...diagrams),
  }));
})();
</script>
"""
#: A "why" as long as PATH4's (about 600 characters): the row that used to be 40 lines tall at 1000 px.
LONG_REASON = "; ".join(["the decoy percentile is below the pre-registered threshold for this basis"] * 8)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (Debian package `chromium`)")
@pytest.mark.parametrize("width", [1400, 1000])
def test_report_layout_holds_at_1400_and_1000_px(study: dict[str, Any], tmp_path: Path, width: int) -> None:
    """In headless Chromium at both widths: the verdict table (with a PATH4-long "why") stays in its
    box with a readable "why" column, nothing spills out of the page's box, figures and diagrams do
    not overlap, and no diagram is taller than the report's maximum (plus its box)."""
    from circuits.study.report_sections import MAX_DIAGRAM_HEIGHT_PX

    html = Path(study["doc"]["report"]).read_text(encoding="utf-8")
    html = re.sub(r"(<td class='reasons'>)[^<]*", lambda m: m.group(1) + LONG_REASON, html, count=1)
    page = tmp_path / "report.html"
    page.write_text(html.replace("</body>", LAYOUT_PROBE + "</body>"), encoding="utf-8")
    base = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}", f"--window-size={width},1600",
    ]
    shot = tmp_path / f"report-{width}.png"
    taken = subprocess.run([*base, f"--screenshot={shot}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", taken.stderr[-2000:]
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'data-layout="([^"]*)"', dom.stdout)
    assert found is not None, "the layout probe did not run"
    layout = json.loads(found.group(1).replace("&quot;", '"'))
    assert layout["overflowing"] == [], layout
    assert layout["overlaps"] == 0, layout
    assert layout["why"] >= 200, layout
    assert layout["tallest_row"] <= 260, layout
    assert layout["tallest_diagram"] <= MAX_DIAGRAM_HEIGHT_PX + 1, layout
