"""The repository is self-contained: every document it names is in it.

No tracked file (code, docs, tests, output strings) names the two design documents that live outside
the repository, every repository path a tracked file mentions exists, and every link in the README
and docs/ resolves, anchors included.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Documents outside the repository that earlier versions referred readers to (spelled in two
#: pieces so that this file does not name them itself).
OUTSIDE_DOCUMENTS = ("DESIGN" + ".md", "ANALYZER" + ".md")
#: Top-level folders whose paths are checked wherever they are mentioned.
TRACKED_ROOTS = ("circuits", "sat_encoding", "tests", "benchmarks", "docs", "examples", ".ci")
PATH_MENTION = re.compile(r"(?<![\w./~-])((?:%s)/[\w./-]*[\w/])" % "|".join(re.escape(r) for r in TRACKED_ROOTS))
MARKDOWN_NAME = re.compile(r"(?<![\w./-])([\w-]+\.md)\b")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def tracked_files() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / line for line in listed.splitlines() if (ROOT / line).is_file()]


def text_files() -> list[tuple[Path, str]]:
    found = []
    for path in tracked_files():
        try:
            found.append((path, path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue
    return found


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_no_file_names_the_outside_documents() -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{text[: text.index(name)].count(chr(10)) + 1} names {name}"
        for path, text in text_files()
        for name in OUTSIDE_DOCUMENTS
        if name in text
    ]
    assert not hits, "\n".join(hits)


def test_every_mentioned_repository_path_exists() -> None:
    names = {p.name for p in tracked_files()}
    missing = []
    for path, text in text_files():
        for match in PATH_MENTION.finditer(text):
            mention = match.group(1).rstrip("/.")
            if not (ROOT / mention).exists():
                missing.append(f"{path.relative_to(ROOT)}: {mention}")
        for match in MARKDOWN_NAME.finditer(text):
            if match.group(1) not in names:
                missing.append(f"{path.relative_to(ROOT)}: {match.group(1)}")
    assert not missing, "mentioned but not in the repository:\n" + "\n".join(sorted(set(missing)))


def slug(heading: str) -> str:
    """The anchor a Markdown renderer gives a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    inside = False
    found = set()
    for line in lines:
        if line.startswith("```"):
            inside = not inside
        elif not inside and line.startswith("#"):
            found.add(slug(line.lstrip("#")))
    return found


@pytest.mark.parametrize("document", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_resolves(document: Path) -> None:
    broken = []
    for match in LINK.finditer(document.read_text(encoding="utf-8")):
        target = match.group(1)
        assert not re.match(r"[a-z]+:", target), f"{document.name} links outside the repository: {target}"
        file_part, _, anchor = target.partition("#")
        linked = (document.parent / file_part).resolve() if file_part else document
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and anchor not in anchors(linked):
            broken.append(f"{target}: no heading with that anchor in {linked.name}")
    assert not broken, f"{document.name}:\n" + "\n".join(broken)


def test_the_readme_links_every_document() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{path.name})" in readme, f"the README does not link docs/{path.name}"


def test_the_slug_rule() -> None:
    assert slug(" M4 propagation: PC, PCm, AGp, and VA") == "m4-propagation-pc-pcm-agp-and-va"
    assert slug("`circuits solve`") == "circuits-solve"
    assert slug("Circuits that count as the same") == "circuits-that-count-as-the-same"
