"""Every URL pattern of the project, from the resolver (admin has its own login and
permissions), so that the sweeps cover views added after they were written."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

KWARG = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str
    kwargs: dict[str, str]  # kwarg name → converter ("int", "str", "slug", …)

    def path(self, values: dict[str, object]) -> str:
        filled = KWARG.sub(lambda m: str(values[m.group(2)]), self.route)
        return "/" + filled.lstrip("^").rstrip("$")


def routes(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if route.lstrip("^").startswith(("static/", "media/")):
                continue
            kwargs = {m.group(2): m.group(1) or "str" for m in KWARG.finditer(route)}
            yield Route(f"{namespace}{entry.name}", route, kwargs)
