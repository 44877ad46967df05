"""The post forms a page renders, read back from its HTML: where each posts and what a
browser would send from it as it stands (its fields' current values)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", "date", "datetime-local"}


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, number, hidden, select, choice (radio/checkbox), submit
    values: list[str] = field(default_factory=list)  # what the browser would send as it stands
    options: list[str] = field(default_factory=list)  # a select's, a radio group's choices


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)
    only: list[str] | None = None  # an hx-params list: the fields this element posts

    def data(self) -> dict[str, list[str]]:
        """The fields as the browser would post them: every name, possibly with no value."""
        return {name: list(f.values) for name, f in self.fields.items()}


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.textarea: Field | None = None
        self.select: Field | None = None
        self.select_multiple = False
        self.option: tuple[str | None, bool] | None = None
        self.option_text = ""

    def _field(self, name, kind) -> Field:
        return self.form.fields.setdefault(name, Field(name, kind))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            action = attrs.get("hx-post") or attrs.get("action") or self.page_url
            self.form = Form(action) if method == "post" else None
            if self.form:
                self.forms.append(self.form)
            return
        if self.form is None:
            return
        if attrs.get("hx-post") and attrs["hx-post"] != self.form.action:
            # An element that posts the form's fields somewhere else (a rating, a note).
            params = attrs.get("hx-params", "*")
            only = None if params == "*" else [p.strip() for p in params.split(",") if p.strip()]
            if only and only[0].startswith("not "):
                only = None
            self.forms.append(Form(attrs["hx-post"], self.form.fields, only))
        name = attrs.get("name")
        if tag == "button" and name:
            f = self._field(name, "submit")
            f.values = f.values or [attrs.get("value") or ""]
        elif tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("button", "image", "reset", "file"):
                return
            if kind == "submit":
                f = self._field(name, "submit")
                f.values = f.values or [attrs.get("value") or ""]
                return
            value = attrs.get("value") or ""
            if kind in ("checkbox", "radio"):
                f = self._field(name, "choice")
                f.options.append(value or "on")
                if "checked" in attrs:
                    f.values.append(value or "on")
            else:
                f = self._field(name, "text" if kind in TEXT_TYPES else kind)
                f.values.append(value)
        elif tag == "textarea" and name:
            self.textarea = self._field(name, "textarea")
            self.textarea.values.append("")
        elif tag == "select" and name:
            self.select = self._field(name, "select")
            self.select_multiple = "multiple" in attrs
        elif tag == "option" and self.select is not None:
            self.option = (attrs.get("value"), "selected" in attrs)
            self.option_text = ""

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.values[-1] += data
        elif self.option is not None:
            self.option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "option" and self.option is not None:
            value, selected = self.option
            value = self.option_text.strip() if value is None else value
            self.select.options.append(value)
            if selected:
                self.select.values.append(value)
            self.option = None
        elif tag == "select" and self.select is not None:
            if not self.select.values and self.select.options and not self.select_multiple:
                self.select.values.append(self.select.options[0])
            self.select = None


def post_forms(html: str, page_url: str) -> list[Form]:
    """Every `<form method="post">` in the page at `page_url`, and every element inside one
    that posts it elsewhere (`hx-post`), in page order."""
    parser = _FormParser(page_url)
    parser.feed(html)
    for form in parser.forms:  # elements posting some of their form's fields (hx-params)
        if form.only is not None:
            form.fields = {name: form.fields[name] for name in form.only if name in form.fields}
    return parser.forms
