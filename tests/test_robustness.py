"""No request answers 500: every URL, fetched and posted with junk, as an editor.

Valid objects (from the demo organization) and missing ones (404) are both
tried, with plain and htmx requests. Whatever the input, the answer is a
page, a redirect, a validation error or a not-found, never a server error.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver, reverse

from customers.models import JourneyStage, Persona, Segment
from investment.models import InvestmentLine
from pulse.models import Comment, Pulse
from pulse.services import open_pulse
from scorecard.models import Question
from scorecard.services import start_or_resume_assessment
from sharing.services import create_share_link
from studio.demo import load_demo

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
            for headers in ({}, {"HX-Request": "true"}):
                response = client.get(url, headers=headers)
                assert response.status_code < 500, (name, "GET", missing, response.status_code)
                for data in JUNK_POSTS:
                    response = client.post(url, data, headers=headers)
                    assert response.status_code < 500, (name, data, missing, response.status_code)
                    tried += 1
    assert tried > 300
