"""Read a served page the way a browser does: the links on it and its POST forms with
their fields, so tests can follow every link and fill in every form."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # the input type, or "select", "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    chosen: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    def defaults(self) -> dict[str, list[str]]:
        """What the browser posts when the person changes nothing."""
        data: dict[str, list[str]] = {}
        for f in self.fields.values():
            if f.kind in ("checkbox", "radio", "select"):
                if f.chosen:
                    data[f.name] = list(f.chosen)
                elif f.kind == "select" and f.options and not f.multiple:
                    data[f.name] = [f.options[0]]
            elif f.kind not in ("file", "submit", "button", "reset", "image"):
                data[f.name] = [f.value]
        return data


class _Parser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: str | None = None
        self._textarea: Field | None = None

    def _field(self, name: str, kind: str) -> Field:
        assert self._form is not None
        return self._form.fields.setdefault(name, Field(name=name, kind=kind))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.page_url, a["href"]))
        elif tag == "form":
            if a.get("method", "get").lower() == "post":
                self._form = Form(action=urljoin(self.page_url, a.get("action") or self.page_url))
                self.forms.append(self._form)
        elif self._form is None or not a.get("name") and tag != "option":
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            f = self._field(a["name"], kind)
            if kind in ("checkbox", "radio"):
                f.options.append(a.get("value", "on"))
                if "checked" in a:
                    f.chosen.append(a.get("value", "on"))
            else:
                f.value = a.get("value", "")
        elif tag == "textarea":
            self._textarea = self._field(a["name"], "textarea")
        elif tag == "select":
            self._select = self._field(a["name"], "select")
            self._select.multiple = "multiple" in a
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = value
            if value is not None:
                self._select.options.append(value)
                if "selected" in a:
                    self._select.chosen.append(value)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def read_page(url: str, html: str) -> _Parser:
    parser = _Parser(url)
    parser.feed(html)
    return parser


def local_path(url: str) -> str | None:
    """The path and query of a link into this site; None for mail, phone or other sites."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
