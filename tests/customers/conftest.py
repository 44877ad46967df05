"""Customer fixtures: segments, personas and journey stages on the shared `canvas`."""

import pytest

from customers.models import Persona, SegmentKind
from customers.services import add_persona, add_segment, add_stage


@pytest.fixture
def make_segment(canvas, owner):
    def make(name="Store associates", kind=SegmentKind.LEARNERS, on=None, **fields):
        return add_segment(canvas=on or canvas, by=owner, name=name, kind=kind, **fields)

    return make


@pytest.fixture
def segment(make_segment):
    return make_segment(headcount=1200, expected_value=["skills_development"])


@pytest.fixture
def make_persona(segment, owner):
    def make(name="Amira Haddad", on=None, stages=(), **fields) -> Persona:
        persona = add_persona(segment=on or segment, by=owner, name=name, **fields)
        for n, feeling in enumerate(stages):
            add_stage(persona=persona, by=owner, name=f"Stage {n}", feeling=feeling)
        return persona

    return make


@pytest.fixture
def persona(make_persona):
    return make_persona(role="Store associate", stages=(1, -2, 2))
