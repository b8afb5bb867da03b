"""quality.md: the CSP has no unsafe-inline, so no template may carry an inline <script>
body, an inline event handler or a style= attribute (they would be blocked in the browser).
Scripts come from static files (<script src=…>); data for them goes in data-* attributes."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _templates():
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        if ".venv" not in path.parts and "pdf" not in path.parts:
            yield path


def test_no_template_has_inline_script_style_or_event_handler():
    found = []
    for path in _templates():
        text = path.read_text()
        for name, pattern in [
            ("inline <script>", INLINE_SCRIPT),
            ("style=", STYLE_ATTRIBUTE),
            ("on…= handler", EVENT_HANDLER),
        ]:
            found += [f"{path.relative_to(ROOT)}: {name}" for _ in pattern.findall(text)]
    assert not found, "\n".join(found)
    assert len(list(_templates())) > 20


def test_the_check_catches_an_inline_script_and_a_style_attribute():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/sesam.js" defer></script>')
    assert STYLE_ATTRIBUTE.search('<p class="x" style="color:red">')
    assert EVENT_HANDLER.search('<button onclick="go()">')
