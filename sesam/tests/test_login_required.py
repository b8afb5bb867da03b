"""quality.md: every view requires login except the login page and the accessibility
statement. Walks every URL pattern of the project (admin has its own login)."""

from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {"login", "accessibility"}
SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), entry.pattern.converters


def _sample_path(route, converters):
    import re

    def fill(match):
        name = match.group(2)
        kind = type(converters[name]).__name__.removesuffix("Converter").lower()
        return SAMPLE.get(kind, "1")

    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
    return "/" + path.lstrip("^").rstrip("$")


def test_every_url_requires_login(client, db):
    checked = 0
    for name, route, converters in _patterns():
        if name in PUBLIC or route.lstrip("^").startswith(("static/", "media/")):
            continue
        path = _sample_path(route, converters)
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, f"{name} {path} answered {response.status_code}"
            assert response.url.startswith("/logga-in/"), f"{name} {path} → {response.url}"
        checked += 1
    assert checked >= 10


def test_login_and_accessibility_statement_are_public(client, db):
    assert client.get("/logga-in/").status_code == 200
    assert "Tillgänglighetsredogörelse" in client.get("/tillganglighet/").text
