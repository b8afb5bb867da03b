"""The rule map `docs/rules.md`: which rule ids the code and tests cite, and where.

`python -m tests.rulemap` rewrites the map's "where" part from the tree (each rule keeps its
line of words); `tests/test_rule_map.py` holds the map to the tree: every id cited is in the
map, every built rule is cited, and every file the map names cites its rule.
"""

import os
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "docs" / "rules.md"
AREAS = "ACC|REC|ART|ORD|SRC|RCV|ACT|PU|RET|IND|STK|HOME|BIL|DOC|BEY"
CITED = re.compile(rf"\b({AREAS})-(\d+)\b")
TEST_NAME = re.compile(rf"\btest_({AREAS.lower()})_(\d+)_")
SKIP_DIRS = {".git", ".venv", "node_modules", "__pycache__", "docs", "migrations", "vendor"}
# What the tree makes and .gitignore leaves out: collectstatic's copies, uploads, scratch.
SKIP_DIRS |= {"staticfiles", "media", "build", "tmp", "backups"}
SUFFIXES = (".py", ".html", ".txt", ".js", ".css", ".md", ".toml")
LINE = re.compile(r"^- \*\*([A-Z]+-\d+)\*\* (.*?)(?: — (?:code|tests): .*)?$")
NOT_BUILT = "## Not built yet"
SHOWN = 4


def citations() -> dict[str, Counter]:
    """Rule id → {file: times cited}, over the tree's source, templates and tests."""
    found: dict[str, Counter] = defaultdict(Counter)
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in files:
            if not name.endswith(SUFFIXES) or name == "README.md":
                continue
            path = Path(folder, name)
            rel = path.relative_to(ROOT).as_posix()
            text = path.read_text(encoding="utf-8", errors="ignore")
            for m in CITED.finditer(text):
                found[f"{m.group(1)}-{int(m.group(2))}"][rel] += 1
            for m in TEST_NAME.finditer(text):
                found[f"{m.group(1).upper()}-{int(m.group(2))}"][rel] += 1
    return found


def is_test(rel: str) -> bool:
    return rel.startswith("tests/") or "/tests/" in rel or rel.endswith("conftest.py")


def read_map() -> tuple[dict[str, str], set[str], dict[str, list[str]]]:
    """(id → words, ids not built yet, id → files the map names)."""
    words, not_built, named = {}, set(), {}
    built = True
    for line in MAP.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            built = line.strip() != NOT_BUILT
        m = LINE.match(line)
        if m:
            words[m.group(1)] = m.group(2)
            _, _, places = line.partition(" — ")
            named[m.group(1)] = re.findall(r"`([^`]+)`", places)
            if not built:
                not_built.add(m.group(1))
    return words, not_built, named


def where(files: Counter) -> str:
    parts = []
    for label, keep in (("code", lambda f: not is_test(f)), ("tests", is_test)):
        chosen = sorted((f for f in files if keep(f)), key=lambda f: (-files[f], f))
        if chosen:
            more = f" and {len(chosen) - SHOWN} more" if len(chosen) > SHOWN else ""
            parts.append(f"{label}: " + ", ".join(f"`{f}`" for f in chosen[:SHOWN]) + more)
    return "; ".join(parts)


def write_map() -> None:
    words, _, _ = read_map()
    cited = citations()
    key = lambda rid: (AREAS.split("|").index(rid.split("-")[0]), int(rid.split("-")[1]))  # noqa: E731
    head = MAP.read_text(encoding="utf-8").split("\n## ", 1)[0].rstrip()
    out, last_area = [head], None
    for rid in sorted((r for r in words if r in cited), key=key):
        area = rid.split("-")[0]
        if area != last_area:
            out += ["", f"## {area}", ""]
            last_area = area
        out.append(f"- **{rid}** {words[rid]} — {where(cited[rid])}")
    missing = sorted((r for r in words if r not in cited), key=key)
    if missing:
        out += ["", NOT_BUILT, ""]
        out += [f"- **{rid}** {words[rid]}" for rid in missing]
    MAP.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_map()
