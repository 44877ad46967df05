"""The investment services: every write is version-checked where it edits, touches the
canvas in the same transaction, and a deleted line comes back exactly as it was."""

import time
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core import signing

from canvas.models import Canvas
from core.undo import UndoError
from core.versioning import Outcome
from investment.forms import InvestmentSettingsForm
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from investment.services import (
    LINE_UNDO,
    add_line,
    delete_line,
    edit_line,
    read_line_undo,
    restore_line,
    save_settings,
)
from tests.helpers import HX, canvas_url

DAY = 24 * 60 * 60


@pytest.fixture
def cost(canvas, owner):
    return add_line(
        line=InvestmentLine(category="travel", label="Site visits", amount=D("900")),
        canvas=canvas,
        by=owner,
    )


@pytest.fixture
def benefit(canvas, owner):
    return add_line(
        line=ReturnLine(kind="productivity", label="Faster onboarding", amount=D("3000")),
        canvas=canvas,
        by=owner,
    )


def failing_touch(monkeypatch):
    def touch(self, user, change=None):
        raise RuntimeError("the canvas could not be touched")

    monkeypatch.setattr(Canvas, "touch", touch)


def test_lines_know_their_siblings(cost, benefit, canvas, make_canvas, owner):
    other = make_canvas(title="Other")
    add_line(line=InvestmentLine(category="travel", label="T", amount=1), canvas=other, by=owner)
    assert list(cost.siblings()) == [cost]
    assert list(benefit.siblings()) == [benefit]


def test_edit_line_saves_and_touches_the_canvas(cost, canvas, editor):
    result = edit_line(line=cost, expected_version=1, changes={"label": "Trips"}, by=editor)
    assert result.outcome is Outcome.SAVED
    cost.refresh_from_db()
    assert (cost.label, cost.version, cost.updated_by) == ("Trips", 2, editor)
    canvas.refresh_from_db()
    assert canvas.updated_by == editor


def test_edit_line_is_undone_when_the_canvas_cannot_be_touched(cost, editor, monkeypatch):
    failing_touch(monkeypatch)
    with pytest.raises(RuntimeError):
        edit_line(line=cost, expected_version=1, changes={"label": "Trips"}, by=editor)
    cost.refresh_from_db()
    assert (cost.label, cost.version) == ("Site visits", 1)


def test_a_stale_edit_returns_the_stored_line_and_leaves_the_canvas(cost, canvas, owner, editor):
    edit_line(line=cost, expected_version=1, changes={"label": "Owner's"}, by=owner)
    result = edit_line(line=cost, expected_version=1, changes={"label": "Editor's"}, by=editor)
    assert result.outcome is Outcome.CONFLICT
    assert (result.record.label, result.record.version) == ("Owner's", 2)
    assert result.record.updated_by == owner
    canvas.refresh_from_db()
    assert canvas.updated_by == owner


def test_editing_a_deleted_line_is_gone(cost, editor):
    InvestmentLine.objects.all().delete()
    result = edit_line(line=cost, expected_version=1, changes={"label": "Trips"}, by=editor)
    assert result.outcome is Outcome.GONE
    assert result.record is None


def test_first_settings_save_stores_them(canvas, editor):
    result = save_settings(
        canvas=canvas, expected_version=1, changes={"period_label": "FY27"}, by=editor
    )
    assert result.outcome is Outcome.SAVED
    settings = InvestmentSettings.objects.get(canvas=canvas)
    assert (settings.period_label, settings.version, settings.updated_by) == ("FY27", 2, editor)
    canvas.refresh_from_db()
    assert canvas.updated_by == editor


def test_stale_settings_save_returns_the_stored_settings(canvas, owner, editor):
    save_settings(canvas=canvas, expected_version=1, changes={"period_label": "FY27"}, by=owner)
    result = save_settings(
        canvas=canvas, expected_version=1, changes={"period_label": "FY28"}, by=editor
    )
    assert result.outcome is Outcome.CONFLICT
    assert (result.record.period_label, result.record.updated_by) == ("FY27", owner)


def test_settings_save_is_undone_when_the_canvas_cannot_be_touched(canvas, editor, monkeypatch):
    failing_touch(monkeypatch)
    with pytest.raises(RuntimeError):
        save_settings(canvas=canvas, expected_version=1, changes={"period_label": "X"}, by=editor)
    assert not InvestmentSettings.objects.exists()


def test_a_new_canvas_settings_form_carries_its_version(canvas, editor, client_for):
    """Settings are stored on their first save; their form starts from version 1 all the same."""
    form = InvestmentSettingsForm(instance=InvestmentSettings(canvas=canvas))
    assert 'name="version" value="1"' in str(form["version"])
    client = client_for(editor)
    assert 'name="version" value="1"' in client.get(canvas_url("investment", canvas)).text
    response = client.post(
        canvas_url("investment_settings", canvas),
        {"version": "1", "period_label": "FY27"},
        headers=HX,
    )
    assert response.status_code == 200
    assert InvestmentSettings.objects.get().period_label == "FY27"


def test_restore_brings_the_line_back_exactly(cost, benefit, canvas, owner, editor):
    edit_line(line=cost, expected_version=1, changes={"label": "Trips"}, by=owner)
    cost.refresh_from_db()
    born = cost.created_at
    token = delete_line(line=cost, expected_version=cost.version, by=editor).undo_token
    assert not InvestmentLine.objects.exists()
    line = restore_line(deleted=read_line_undo(token, canvas=canvas), canvas=canvas, by=editor)
    line.refresh_from_db()
    assert (line.pk, line.label, line.amount, line.version) == (cost.pk, "Trips", D("900"), 2)
    assert line.created_at == born
    assert line.updated_by == editor
    canvas.refresh_from_db()
    assert canvas.updated_by == editor
    with pytest.raises(UndoError, match="already back"):
        restore_line(deleted=read_line_undo(token, canvas=canvas), canvas=canvas, by=editor)


def test_restore_is_undone_when_the_canvas_cannot_be_touched(cost, canvas, editor, monkeypatch):
    token = delete_line(line=cost, expected_version=cost.version, by=editor).undo_token
    failing_touch(monkeypatch)
    with pytest.raises(RuntimeError):
        restore_line(deleted=read_line_undo(token, canvas=canvas), canvas=canvas, by=editor)
    assert not InvestmentLine.objects.exists()


def test_an_undo_lasts_a_day(cost, canvas, editor, monkeypatch):
    assert LINE_UNDO.valid_seconds == DAY
    assert LINE_UNDO.offer_seconds == 10
    token = delete_line(line=cost, expected_version=cost.version, by=editor).undo_token
    now = time.time()
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: now + DAY - 60))
    assert read_line_undo(token, canvas=canvas).label == "Site visits"
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: now + DAY + 60))
    with pytest.raises(UndoError, match="too late"):
        read_line_undo(token, canvas=canvas)


def test_an_undo_token_is_for_its_canvas_only(cost, make_canvas, editor):
    token = delete_line(line=cost, expected_version=cost.version, by=editor).undo_token
    with pytest.raises(UndoError, match="isn't valid"):
        read_line_undo(token, canvas=make_canvas(title="Other"))
