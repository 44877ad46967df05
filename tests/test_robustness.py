"""No request answers 500: every URL, fetched and posted with junk, as an editor.

Valid objects (from the demo organization) and missing ones (404) are both
tried, with plain and htmx requests. Whatever the input, the answer is a
page, a redirect, a validation error or a not-found, never a server error.
"""

import dataclasses
import json
import re
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import JSONField
from django.urls import URLResolver, get_resolver, resolve, reverse

from customers.models import JourneyStage, Persona, Segment
from indicators.models import Indicator
from investment.models import InvestmentLine
from pulse.models import Comment, Pulse
from pulse.services import open_pulse
from scorecard.models import Question
from scorecard.services import start_or_resume_assessment
from sharing.services import create_share_link
from studio.demo import load_demo
from tests.html_forms import Form, post_forms

pytestmark = pytest.mark.slow

JUNK_POSTS = [
    {},
    {
        "text": "x" * 5000,
        "title": "",
        "version": "-3",
        "position": "first",
        "direction": "sideways",
        "area": "nowhere",
        "colour": "ultraviolet",
        "value": "9",
        "done": "maybe",
        "amount": "-12,5e9",
        "hours": "NaN",
        "confidence": "250",
        "headcount": "-1",
        "feeling": "7",
        "kind": "aliens",
        "token": "forged:token",
        "key": "../../etc/passwd",
        "size": "A0",
    },
    {"text": "<script>alert(1)</script>", "version": "99999", "value": "", "position": "99999"},
]


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin"):
                continue
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif pattern.name:
            yield pattern.name, pattern.pattern.converters.keys() | _names(prefix)


def _names(prefix):
    return set(re.findall(r"<(?:\w+:)?(\w+)>", prefix))


@pytest.fixture
def demo(db):
    organization, canvas, _ = load_demo()
    editor = get_user_model().objects.get(username="eddie")
    assessment, _ = start_or_resume_assessment(canvas=canvas, by=editor)
    persona = Persona.objects.filter(segment__canvas=canvas).first()
    pulse = Pulse.objects.filter(canvas=canvas).first()  # the demo's, closed
    open_one = open_pulse(
        canvas=canvas, groups=["learners"], closes_on=organization.today(), by=editor
    )
    typed = Indicator.objects.filter(canvas=canvas, fills_from="").first()  # readings by hand
    return {
        "editor": editor,
        "valid": {
            "org_slug": organization.slug,
            "canvas_pk": canvas.pk,
            "note_pk": canvas.notes.first().pk,
            "pk": assessment.pk,
            "question_pk": Question.objects.filter(area__question_set=assessment.question_set)
            .first()
            .pk,
            "section": "costs",
            "line_pk": InvestmentLine.objects.filter(canvas=canvas).first().pk,
            "segment_pk": Segment.objects.filter(canvas=canvas).first().pk,
            "persona_pk": persona.pk,
            "stage_pk": JourneyStage.objects.filter(persona=persona).first().pk,
            # A password reset link's parts (accounts/urls.py); Django checks them itself.
            "uidb64": "MQ",
            "pulse_pk": pulse.pk,
            "comment_pk": Comment.objects.filter(pulse=pulse).first().pk,
            "token": open_one.token,
            "link_pk": create_share_link(canvas=canvas, by=editor, shows_presentation=True).pk,
            "number": 1,
            "indicator_pk": typed.pk,
            "reading_pk": typed.readings.first().pk,
        },
    }


def _kwargs(route_names, values, *, missing: bool):
    kwargs = {}
    for name in route_names:
        value = values[name]
        if missing and name not in ("org_slug", "section"):
            value = 987654
        kwargs[name] = value
    return kwargs


def test_no_url_answers_500_to_junk(demo, client):
    client.force_login(demo["editor"])
    routes = list(_routes(get_resolver().url_patterns))
    assert len(routes) > 40
    tried = 0
    for name, route_names in routes:
        if name in ("logout", "canvas_delete", "persona_delete"):
            continue  # destructive or session-ending; covered by their own tests
        # Valid objects, then missing ones; a route that names no object has one URL,
        # tried once.
        urls = {
            reverse(name, kwargs=_kwargs(route_names, demo["valid"], missing=missing)): missing
            for missing in (True, False)
        }
        for url, missing in sorted(urls.items(), key=lambda item: item[1]):
            # Each URL gets the GET and every junk post, plain and htmx taking turns, and
            # the other way round for the next URL: every request shape meets both.
            # A view that didn't read the first junk post's body (a page that only
            # answers GET, a missing object) can't tell the other junk posts apart.
            for index, data in enumerate([None, *JUNK_POSTS]):
                headers = HTMX_BOTH[(index + tried) % 2]
                if data is None:
                    response = client.get(url, headers=headers)
                else:
                    response = client.post(url, data, headers=headers)
                assert response.status_code < 500, (name, data, missing, headers)
                if data is not None and not _looked_at(response, "_post", "_body"):
                    break
            tried += 1
    assert tried > 80


def _looked_at(response, *parts: str) -> bool:
    """Whether the view (or a middleware) read any of these parts of the request: Django
    keeps `GET`, `_post` and `_body` on the request once they are first read."""
    return any(part in response.wsgi_request.__dict__ for part in parts)


# Hostile input. Each value goes alone into one field of a form that is otherwise valid as
# the page rendered it, so that it gets past the form to the code and database behind it.
NUL = "a\x00b"
LONG = "x" * 100_000
NUMBERS = [
    str(2**63),  # one past the largest 64-bit integer
    "-" + "9" * 50,  # a huge negative
    "9" * 25 + "." + "9" * 25,  # a 50-digit decimal
    "9" * 5000,  # more digits than Python's int() reads
    "1e309",  # past the largest float
    "NaN",
    "Infinity",
    "-0",
]
# Where the page offers whole numbers only (a select's or a radio group's ids and ratings,
# a hidden version or position), what could still get past int() to the database: too big
# either way, more digits than int() reads, a float's infinity, a signed zero. (NaN and
# the long decimal fail int() as any word does.)
WHOLE_NUMBERS = [str(2**63), "-" + "9" * 50, "9" * 5000, "1e309", "-0"]
INVALID_UTF8 = b"%FF%FE%ED%A0%80\xff\xfe\xed\xa0\x80\xc0\xaf"  # encoded, raw, lone surrogates
INVALID_UTF8_TEXT = INVALID_UTF8.decode("latin-1")  # as WSGI carries bytes in a str
NOT_POSTED = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew"}
QUERY_NAMES = ["area", "add", "close", "size", "undo", "next", "q", "p", "o", "e", "_popup"]
HTMX_BOTH = ({}, {"HX-Request": "true"})


JSON_VALUES = ["1e309", "[1e309]", '["a\\u0000b"]', '["\\ud800"]', "9" * 5000]
MANAGEMENT_FORM = re.compile(r"-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")


def _json_field_names() -> set[str]:
    return {
        field.name
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, JSONField)
    }


SOME_NUMBERS = ["", NUL, str(2**63), "9" * 25 + "." + "9" * 25, "1e309", "NaN"]


@dataclasses.dataclass
class Post:
    """One hostile post: `changes` on top of the form as rendered. A post that `narrows`
    puts one value into several fields that each decide alone what to do with it; where
    the form refuses the post, the fields that didn't say why get the value again,
    without the others (see `_send_narrowing`)."""

    changes: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    narrows: bool = False


def _plan(form: Form, *, admin: bool, seen: set[str]) -> dict[str, Post]:
    """The hostile posts worth making to a form, by label.

    Where the field's own code decides what happens to a value (numbers and ids, JSON,
    the app's text, 100,000 characters included, and choices), each value goes into all
    such fields at once, and on to each field that doesn't refuse it (`_send_narrowing`):
    so a value that one field accepts reaches the database, as if it had come alone. Where
    Django's stock fields decide (the admin's text and word choices, its hidden copies and
    formset counts), and for field names a form before has had (an edit form after its add
    form), one post puts each value into all such fields at once."""
    posts: dict[str, Post] = {}

    def alone(name, values):
        for value in values:
            posts.setdefault(f"each {value[:12]!r}", Post(narrows=True)).changes[name] = [value]

    def together(group, name, values):
        for value in values:
            posts.setdefault(f"every {group} {value[:12]!r}", Post()).changes[name] = [value]

    for name, field in _distinct_fields(form):
        base = name.rsplit("-", 1)[-1]
        words = not any(option.lstrip("-").isdigit() for option in (field.options or field.values))
        if name.startswith("initial-"):  # the admin's hidden copy of a field's first value
            together("initial value", name, [NUL, "9" * 5000, "1e309"])
        elif MANAGEMENT_FORM.search(name):
            # 2**63 makes Django build its most forms (2,000): a second of work, tried once.
            together("formset count", name, ["abc"] if "formsets" in seen else ["abc", str(2**63)])
            seen.add("formsets")
        elif admin and field.kind in ("text", "textarea") and base not in _json_field_names():
            together("text field", name, ["", NUL])
        elif admin and field.kind in ("select", "choice", "submit") and words:
            together("choice", name, ["", NUL])
        elif base in seen:
            together("field tried before", name, SOME_NUMBERS)
        elif field.kind in ("text", "textarea"):
            alone(name, ["", NUL, *JSON_VALUES, LONG] if admin else ["", NUL, LONG])
        elif field.kind in ("select", "choice", "submit") and words:
            alone(name, ["", NUL])
        elif field.kind in ("select", "choice", "hidden"):
            alone(name, ["", NUL, *WHOLE_NUMBERS])
        else:
            alone(name, ["", NUL, *NUMBERS])
        seen.add(base)
    return posts


class Attempts:
    """Sends requests, each rolled back afterwards so every form meets the same data, and
    records every server error (with the exception, when the view raised one)."""

    def __init__(self, client):
        self.client = client
        self.failures: list[str] = []
        self.count = 0

    def send(self, label, method, url, **kwargs):
        self.count += 1
        try:
            with transaction.atomic():
                response = getattr(self.client, method)(url, **kwargs)
                transaction.set_rollback(True)
        except Exception as error:  # the test client re-raises what the view raised
            self.failures.append(f"{label}: {type(error).__name__}: {str(error)[:200]}")
            return None
        if response.status_code >= 500:
            self.failures.append(f"{label}: answered {response.status_code}")
        return response

    def check(self):
        assert not self.failures, f"{len(self.failures)} of {self.count}:\n" + "\n".join(
            self.failures
        )


def _baseline(form: Form) -> dict[str, list[str]]:
    """The form as rendered, with empty fields filled so that it would save."""
    data = {}
    for name, field in form.fields.items():
        values = [value for value in field.values if value.strip()]
        if not values:
            if field.kind in ("select", "choice"):
                values = [option for option in field.options if option][:1]
            elif field.kind in ("text", "textarea"):
                values = ["Zz"]
            elif field.kind == "number":
                values = ["1"]
        data[name] = values or list(field.values)
    return data


def _distinct_fields(form: Form):
    """The form's fields, one per name pattern: rows of a list (note-3-text, note-4-text,
    inline rows) are alike, so the first stands for the rest. So are radio groups that
    offer the very same choices under a common prefix (a pulse's six area ratings)."""
    seen = set()
    for name, field in form.fields.items():
        pattern = re.sub(r"\d+", "#", name)
        if field.kind == "choice" and field.options and "_" in name:
            pattern = (name.split("_", 1)[0], tuple(field.options))
        if name not in NOT_POSTED and "__prefix__" not in name and pattern not in seen:
            seen.add(pattern)
            yield name, field


def _harvest(client, urls, skip=()) -> dict[str, Form]:
    """One form per URL name it posts to (the one with most fields), from the pages at
    `urls`. (The htmx fragments hold the same forms as the whole pages, or fewer fields.)"""
    forms: dict[str, Form] = {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in post_forms(response.content.decode(), url):
            route = resolve(form.action.split("?")[0]).url_name
            if route in skip:
                continue
            if route not in forms or len(form.fields) > len(forms[route].fields):
                forms[route] = form
    return forms


def _post_hostile_fields(
    attempts: Attempts, forms: dict[str, Form], variants, *, admin=False
) -> set[str]:
    """The hostile posts of `_plan`, plain and htmx taking turns, on top of each form as
    rendered. Answers the forms that save as rendered: only there does a hostile value
    meet just its own field's checks and go on to the database. (A form that refuses its
    baseline, like an admin add form that needs ids the page doesn't offer, still shows
    that its fields and page survive the values.)"""
    turn = 0
    accepted = set()
    seen: set[str] = set()

    def saved(response) -> bool:
        if admin:
            return response.status_code == 302
        return response.status_code < 400 and b'_error"' not in response.content

    # Small forms first: a field name is tried alone where a post costs least.
    for route, form in sorted(forms.items(), key=lambda item: (len(item[1].fields), item[0])):
        baseline = _baseline(form)
        response = attempts.send(f"{route} as rendered", "post", form.action, data=baseline)
        if response is not None and saved(response):
            accepted.add(route)
        for label, post in _plan(form, admin=admin, seen=seen).items():
            headers = variants[turn % len(variants)]
            turn += 1
            _send_narrowing(
                attempts,
                f"{route} {label} {headers}",
                form.action,
                baseline,
                post.changes,
                headers=headers,
                saved=saved,
                narrows=post.narrows and route in accepted,
            )
    return accepted


def _send_narrowing(attempts, label, url, baseline, changes, *, headers, saved, narrows):
    """Posts `changes` on top of `baseline`. If the form refuses them and `narrows`, the
    fields that said nothing about their value (no error next to them: Django's and our
    templates give it the id `id_<name>_error`) get their values again without the
    others, down to one field at a time where the form says nothing about any field. A
    server error is narrowed down to the field too, for the report."""
    pending = [changes]
    while pending:
        changes = pending.pop()
        response = attempts.send(
            f"{label} in {', '.join(changes)[:100]}",
            "post",
            url,
            data={**baseline, **changes},
            headers=headers,
        )
        if response is None or response.status_code >= 500:
            if len(changes) > 1:
                pending.extend({name: value} for name, value in changes.items())
            continue
        if not narrows or saved(response):
            continue
        silent = {
            name: value
            for name, value in changes.items()
            if f'id="id_{name}_error"'.encode() not in response.content
        }
        if 0 < len(silent) < len(changes):
            pending.append(silent)
        elif len(silent) == len(changes) > 1:
            pending.extend({name: value} for name, value in changes.items())


def _post_hostile_bodies(attempts: Attempts, forms: dict[str, Form], variants) -> None:
    """Every field long at once; every field twice; JSON where a form is expected; bytes
    that are not UTF-8 in the body and in the query string. Plain and htmx take turns."""
    turn = 0
    for route, form in sorted(forms.items()):
        baseline = _baseline(form)
        posted = [name for name in baseline if name not in NOT_POSTED]
        long = {**baseline, **{name: [LONG] for name in posted}}
        doubled = {**baseline, **{name: [*baseline[name], "Zz", "1"] for name in posted}}
        doubled_first = {**baseline, **{name: ["Zz", "1", *baseline[name]] for name in posted}}
        raw = b"&".join(
            name.encode() + b"=" + (INVALID_UTF8 if name in posted else b"") for name in baseline
        )
        as_json = json.dumps({name: values[:1] for name, values in baseline.items()})
        # Bytes that are not UTF-8 in the query string ride on the long fields' post.
        for label, kwargs in [
            (
                "every field long, query not utf-8",
                {"data": long, "QUERY_STRING": INVALID_UTF8_TEXT},
            ),
            ("every field twice", {"data": doubled}),
            ("every field twice, junk first", {"data": doubled_first}),
            ("json", {"data": as_json, "content_type": "application/json"}),
            ("not utf-8", {"data": raw, "content_type": "application/x-www-form-urlencoded"}),
        ]:
            headers = variants[turn % len(variants)]
            turn += 1
            attempts.send(
                f"{route} {label} {headers}", "post", form.action, headers=headers, **kwargs
            )


def _get_hostile_queries(attempts: Attempts, urls, variants) -> None:
    """Every query parameter a view reads (and a few it doesn't), hostile; plain and htmx
    take turns. A page that never looked at its query string (request.GET is read when
    first asked for) gets the first value only: the others could make no difference."""
    values = [INVALID_UTF8_TEXT, quote(NUL), "x" * 5000, str(2**63), "1e309"]
    turn = 0
    for url in urls:
        for value in values:
            query = "&".join(f"{name}={value}" for name in QUERY_NAMES)
            headers = variants[turn % len(variants)]
            turn += 1
            response = attempts.send(
                f"GET {url}?{query[:30]} {headers}", "get", url, QUERY_STRING=query, headers=headers
            )
            if response is not None and not _looked_at(response, "GET"):
                break


PDF_ROUTES = {
    "canvas_pdf",
    "scorecard_pdf",
    "scorecard_blank_pdf",
    "persona_card",
    "pulse_invitation",
    "share_pdf",
}


def _page_urls(demo, *, pdfs=True) -> list[str]:
    """Every route with the demo's objects filled in, and the board with an add form open;
    without the PDFs (which hold no forms and take a second each to render) if asked."""
    urls = [
        reverse(name, kwargs=_kwargs(route_names, demo["valid"], missing=False))
        for name, route_names in _routes(get_resolver().url_patterns)
        if name != "logout" and (pdfs or name not in PDF_ROUTES)
    ]
    board = reverse(
        "board",
        kwargs={"org_slug": demo["valid"]["org_slug"], "canvas_pk": demo["valid"]["canvas_pk"]},
    )
    return [*urls, f"{board}?add=value_proposition"]


SESSION_ROUTES = {"logout", "login"}  # they change who the client is; login has its own test


@pytest.fixture
def owner_forms(demo, client):
    client.force_login(get_user_model().objects.get(username="olivia"))
    forms = _harvest(client, _page_urls(demo, pdfs=False), skip=SESSION_ROUTES)
    assert len(forms) > 25, sorted(forms)
    return forms


def test_app_forms_refuse_hostile_input(owner_forms, client):
    """Every form the app renders: each hostile value in each field, then the hostile
    bodies; no 500. The values go in as htmx posts: a form's checks and the services behind
    it are the same for both; the plain answers (whole pages with the errors) meet the
    hostile bodies."""
    attempts = Attempts(client)
    accepted = _post_hostile_fields(attempts, owner_forms, ({"HX-Request": "true"},))
    _post_hostile_bodies(attempts, owner_forms, HTMX_BOTH)
    attempts.check()
    assert len(accepted) > 0.8 * len(owner_forms), sorted(set(owner_forms) - accepted)


def test_pages_refuse_hostile_query_strings(demo, client):
    client.force_login(get_user_model().objects.get(username="olivia"))
    attempts = Attempts(client)
    urls = _page_urls(demo, pdfs=False)
    _get_hostile_queries(attempts, urls, HTMX_BOTH)
    # The PDFs render for seconds; each gets the query values it might read, once.
    pdfs = [url for url in _page_urls(demo) if url not in urls]
    assert {resolve(url).url_name for url in pdfs} == PDF_ROUTES
    _get_hostile_queries(attempts, pdfs, ({},))
    attempts.check()


def test_login_refuses_hostile_values(db, client):
    forms = _harvest(client, [reverse("login")])
    assert set(forms) == {"login"}
    attempts = Attempts(client)
    _post_hostile_fields(attempts, forms, HTMX_BOTH)
    _post_hostile_bodies(attempts, forms, ({},))
    attempts.check()


@pytest.fixture
def admin_forms(demo, client):
    """Every add and change form of the admin, as a superuser sees them (with a draft
    question set, whose forms are editable)."""
    from django.contrib import admin

    from scorecard.models import QuestionSet

    superuser = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(superuser)
    QuestionSet.objects.filter(is_default=True).get().new_version()
    urls = []
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{info}_add"))
        record = model._default_manager.order_by("-pk").first()
        if record is not None:
            urls.append(reverse(f"{info}_change", args=[record.pk]))
    forms: dict[str, Form] = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            found = [form for form in post_forms(response.content.decode(), url) if form.fields]
            forms[url] = max(found, key=lambda form: len(form.fields))
    assert len(forms) > 20, sorted(forms)
    return forms


def test_admin_forms_refuse_hostile_input(admin_forms, client):
    """Every admin add and change form: each hostile value in each field, then the hostile
    bodies, and hostile query strings for every admin list; no 500."""
    attempts = Attempts(client)
    accepted = _post_hostile_fields(attempts, admin_forms, ({},), admin=True)
    _post_hostile_bodies(attempts, admin_forms, ({},))
    admin_lists = {re.sub(r"(add|\d+/change)/$", "", url) for url in admin_forms}
    _get_hostile_queries(attempts, sorted(admin_lists), ({},))
    attempts.check()
    # Change forms that can save (a read-only or locked record's page has no Save button).
    changes = {
        url
        for url, form in admin_forms.items()
        if url.endswith("/change/") and "_save" in form.fields
    }
    assert len(accepted & changes) > 0.8 * len(changes), sorted(changes - accepted)
