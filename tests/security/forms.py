"""The forms and query parameters of rendered pages, found with html.parser, so that the
garbage sweep covers every form a page offers (also the ones added after it was written)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name → values seen


class _Parser(HTMLParser):
    def __init__(self, url):
        super().__init__()
        self.url, self.forms, self.links, self._form = url, [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urljoin(self.url, attrs.get("action") or self.url)
            self._form = Form(attrs.get("method", "get").lower(), action.split("#")[0])
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            form = self._form
            if attrs.get("form") or form is None:
                return
            values = form.fields.setdefault(attrs["name"], [])
            if attrs.get("value") is not None:
                values.append(attrs["value"])
        elif tag == "option" and self._form is not None and self._form.fields:
            last = list(self._form.fields)[-1]
            if attrs.get("value") is not None:
                self._form.fields[last].append(attrs["value"])
        elif tag == "a" and (attrs.get("href") or "").startswith(("/", "?")):
            self.links.append(urljoin(self.url, attrs["href"]).split("#")[0])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def links_of(url: str, html: str) -> list[str]:
    """The page's links to pages of the portal."""
    parser = _Parser(url)
    parser.feed(html)
    return parser.links


def forms_of(url: str, html: str) -> list[Form]:
    """The page's <form>s, and each link with a query string as a GET form of its params."""
    parser = _Parser(url)
    parser.feed(html)
    forms = list(parser.forms)
    for link in parser.links:
        if "?" not in link:
            continue
        parts = urlsplit(link)
        params: dict[str, list[str]] = {}
        for name, value in parse_qsl(parts.query, keep_blank_values=True):
            params.setdefault(name, []).append(value)
        forms.append(Form("get", parts.path, params))
    return [form for form in forms if urlsplit(form.action).path.startswith("/")]
