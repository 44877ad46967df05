"""Question sets: the default set, the frozen-set rule, new versions and publishing; the snapshot
and the charts the results page draws."""

import importlib
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from canvas.areas import AREAS, AreaKey
from canvas.snapshot import snapshot_canvas
from scorecard import default_questions
from scorecard.charts import radar, trend
from scorecard.models import Assessment, Question, QuestionArea, QuestionSet
from scorecard.services import ensure_default_question_set, results_for, start_or_resume_assessment

default_set_migration = importlib.import_module("scorecard.migrations.0002_default_question_set")


@pytest.mark.django_db
def test_migration_creates_the_default_set_from_its_frozen_copy():
    QuestionSet.objects.all().delete()
    default_set_migration.create_default_set(apps, None)
    question_set = QuestionSet.objects.get()
    assert question_set.is_default
    assert question_set.status == QuestionSet.Status.PUBLISHED
    assert question_set.publication_problems() == []
    areas = list(question_set.areas.all())
    assert sorted(area.area for area in areas) == sorted(AreaKey.values)
    for area in areas:
        count = area.questions.count()
        assert 3 <= count <= 5
        assert area.advice_low
        assert area.advice_middle
        assert area.advice_high
        assert all(question.advice for question in area.questions.all())
    # running it again does nothing
    default_set_migration.create_default_set(apps, None)
    assert QuestionSet.objects.count() == 1


def test_the_migration_copy_matches_the_live_module_today():
    assert default_set_migration.AREAS == default_questions.DEFAULT_AREAS
    assert default_set_migration.SET_NAME == default_questions.DEFAULT_SET_NAME


@pytest.mark.django_db
def test_ensure_default_set_recreates_a_missing_set_once():
    QuestionSet.objects.all().delete()
    first = ensure_default_question_set()
    assert ensure_default_question_set() == first
    assert Question.objects.filter(area__question_set=first).count() == 24


def test_a_set_is_frozen_once_an_assessment_uses_it(question_set, canvas, editor):
    assert not question_set.is_frozen
    start_or_resume_assessment(canvas=canvas, by=editor)
    assert question_set.is_frozen


def test_new_version_copies_everything_into_a_draft(question_set):
    draft = question_set.new_version()
    assert (draft.version, draft.status, draft.is_default) == (2, "draft", False)
    assert draft.based_on == question_set
    original = list(
        Question.objects.filter(area__question_set=question_set)
        .order_by("area__area", "position")
        .values_list("area__area", "text", "weight", "advice", "position")
    )
    copied = list(
        Question.objects.filter(area__question_set=draft)
        .order_by("area__area", "position")
        .values_list("area__area", "text", "weight", "advice", "position")
    )
    assert copied == original
    area_fields = ("area", "weight", "advice_low", "advice_middle", "advice_high")
    original_areas = list(question_set.areas.order_by("area").values_list(*area_fields))
    copied_areas = list(draft.areas.order_by("area").values_list(*area_fields))
    assert copied_areas == original_areas
    assert len(copied_areas) == 6


def test_new_version_copies_changed_area_weights_and_advice(question_set):
    area = question_set.areas.get(area=AreaKey.STRATEGY_GOVERNANCE)
    QuestionArea.objects.filter(pk=area.pk).update(
        weight="2.50", advice_low="Low now", advice_middle="Middle now", advice_high="High now"
    )
    copy = question_set.new_version().areas.get(area=AreaKey.STRATEGY_GOVERNANCE)
    assert (copy.weight, copy.advice_low, copy.advice_middle, copy.advice_high) == (
        Decimal("2.50"),
        "Low now",
        "Middle now",
        "High now",
    )


def test_publishing_makes_the_default_and_old_assessments_keep_their_set(
    question_set, canvas, editor, take_assessment
):
    old = take_assessment(canvas, 4)
    draft = question_set.new_version()
    area = draft.areas.get(area=AreaKey.VALUE_PROPOSITION)
    area.questions.update(weight=2)
    draft.publish()
    question_set.refresh_from_db()
    assert QuestionSet.objects.default() == draft
    assert not question_set.is_default
    new, _ = start_or_resume_assessment(canvas=canvas, by=editor)
    assert new.question_set == draft
    old.refresh_from_db()
    assert old.question_set == question_set
    assert results_for(old).result.overall == 75


def test_publishing_an_incomplete_set_is_refused(question_set):
    draft = question_set.new_version()
    draft.areas.get(area=AreaKey.SERVICE_DELIVERY).delete()
    investment = draft.areas.get(area=AreaKey.INVESTMENT_RETURN)
    investment.questions.filter(
        pk__in=list(investment.questions.values_list("pk", flat=True)[:2])
    ).delete()
    with pytest.raises(ValidationError) as error:
        draft.publish()
    assert "Service delivery model is missing." in error.value.messages
    assert "Investment & return has 2 statements; it needs 3 to 5." in error.value.messages
    draft.refresh_from_db()
    assert not draft.is_default


def test_results_compare_areas_only_across_set_versions(
    question_set, canvas, editor, take_assessment, client_for
):
    take_assessment(canvas, 3)
    question_set.new_version().publish()
    second = take_assessment(canvas, 4)
    results = results_for(second)
    assert results.comparison is not None
    assert results.comparison.overall is None
    assert not results.comparison.same_questions
    body = (
        client_for(editor)
        .get(
            reverse(
                "scorecard_results",
                kwargs={
                    "org_slug": canvas.organization.slug,
                    "canvas_pk": canvas.pk,
                    "pk": second.pk,
                },
            )
        )
        .content.decode()
    )
    assert "only area scores are compared" in body
    assert 'class="overall-row"' not in body


# The admin -------------------------------------------------------------------------------------


def change_url(question_set):
    return reverse("admin:scorecard_questionset_change", args=[question_set.pk])


def test_admin_edits_a_draft_set(admin_client, question_set):
    draft = question_set.new_version()
    response = admin_client.get(change_url(draft))
    assert response.status_code == 200
    assert 'name="name"' in response.content.decode()
    area = draft.areas.get(area=AreaKey.VALUE_PROPOSITION)
    area_url = reverse("admin:scorecard_questionarea_change", args=[area.pk])
    page = admin_client.get(area_url).content.decode()
    # at most five statements per area
    assert 'name="questions-MAX_NUM_FORMS" value="5"' in page


def assert_read_only(admin_client, question_set):
    page = admin_client.get(change_url(question_set)).content.decode()
    assert 'name="name"' not in page
    assert "This set is published, so it can&#x27;t change" in page
    response = admin_client.post(change_url(question_set), {"name": "Renamed"})
    assert response.status_code == 403
    question_set.refresh_from_db()
    assert question_set.name == default_questions.DEFAULT_SET_NAME
    area = question_set.areas.first()
    area_url = reverse("admin:scorecard_questionarea_change", args=[area.pk])
    assert admin_client.post(area_url, {"weight": "3"}).status_code == 403
    area_delete_url = reverse("admin:scorecard_questionarea_delete", args=[area.pk])
    assert admin_client.post(area_delete_url, {"post": "yes"}).status_code == 403
    delete_url = reverse("admin:scorecard_questionset_delete", args=[question_set.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert QuestionSet.objects.filter(pk=question_set.pk).exists()
    assert question_set.publication_problems() == []


def test_admin_cannot_change_a_frozen_set(admin_client, question_set, canvas, editor):
    start_or_resume_assessment(canvas=canvas, by=editor)
    assert_read_only(admin_client, question_set)


def test_admin_cannot_change_a_published_set_nobody_used_yet(admin_client, question_set):
    assert not question_set.is_frozen
    assert_read_only(admin_client, question_set)


def test_admin_treats_the_migration_default_set_as_published(admin_client):
    QuestionSet.objects.all().delete()
    default_set_migration.create_default_set(apps, None)
    question_set = QuestionSet.objects.get()
    assert question_set.published_at is None  # as migration 0002 creates it
    assert_read_only(admin_client, question_set)


def test_admin_refuses_to_publish_a_draft_of_the_wrong_shape(admin_client, question_set):
    draft = question_set.new_version()
    draft.areas.get(area=AreaKey.SERVICE_DELIVERY).delete()
    changelist = reverse("admin:scorecard_questionset_changelist")
    response = admin_client.post(
        changelist, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "can&#x27;t be published yet: Service delivery model is missing." in (
        response.content.decode()
    )
    assert QuestionSet.objects.default() == question_set


def test_admin_actions_new_version_then_publish(admin_client, question_set, canvas, editor):
    start_or_resume_assessment(canvas=canvas, by=editor)
    changelist = reverse("admin:scorecard_questionset_changelist")
    response = admin_client.post(
        changelist, {"action": "new_version", "_selected_action": [question_set.pk]}, follow=True
    )
    assert "as an editable draft" in response.content.decode()
    draft = QuestionSet.objects.get(version=2)
    assert admin_client.get(change_url(draft)).status_code == 200
    assert 'name="name"' in admin_client.get(change_url(draft)).content.decode()
    response = admin_client.post(
        changelist, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "is now the default" in response.content.decode()
    assert QuestionSet.objects.default() == draft
    assert Assessment.objects.get().question_set == question_set


# The canvas snapshot ----------------------------------------------------------------------------


def test_snapshot_is_plain_data_in_canvas_order(canvas, owner, django_assert_num_queries):
    canvas.add_note(area=AreaKey.INVESTMENT_RETURN, text="Payroll", by=owner)
    canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="First", by=owner)
    canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="Second", colour="green", by=owner)
    with django_assert_num_queries(1):
        snapshot = snapshot_canvas(canvas)
    assert snapshot["title"] == "Acme Academy"
    assert snapshot["value_kinds"] == [{"key": "skills_development", "label": "Skills development"}]
    assert [area["key"] for area in snapshot["areas"]] == [area.key for area in AREAS]
    assert snapshot["areas"][0]["notes"] == [
        {"text": "First", "colour": "yellow"},
        {"text": "Second", "colour": "green"},
    ]
    assert snapshot["areas"][-1]["notes"] == [{"text": "Payroll", "colour": "yellow"}]
    assert json.loads(json.dumps(snapshot)) == snapshot


# Charts -------------------------------------------------------------------------------------


def test_radar_is_deterministic_and_starts_at_the_top():
    items = [
        (area.key, area.name, score)
        for area, score in zip(AREAS, [100, 50, None, 0, 75, 25], strict=True)
    ]
    first, second = radar(items), radar(items)
    assert first == second
    top = first.axes[0]
    assert (top.end_x, top.end_y, top.point_x, top.point_y) == ("260.0", "80.0", "260.0", "80.0")
    assert top.anchor == "middle"
    assert first.axes[1].anchor == "start"
    assert first.axes[5].anchor == "end"
    assert first.axes[2].point_x == "260.0"
    assert not first.axes[2].scored  # not scored: centre
    assert first.shape.split()[0] == "260.0,80.0"
    assert first.rings[-1][0] == 100
    assert all(line for axis in first.axes for line in axis.label_lines)
    assert first.axes[3].label_lines == ("Service", "delivery model")


def test_trend_spreads_points_and_skips_unscored():
    line = trend([("Jan", 20), ("Feb", None), ("Mar", 80)], width=100, height=50, pad=5)
    assert [(p.x, p.y, p.score) for p in line.points] == [("5.0", "37.0", 20), ("95.0", "13.0", 80)]
    assert line.line == "5.0,37.0 95.0,13.0"
    single = trend([("Jan", 50)], width=100, height=50, pad=5)
    assert single.points[0].x == "50.0"
    assert trend([]).points == ()


def test_question_area_orders_by_canvas_area(question_set):
    from scorecard.services import set_areas

    assert [area.area for area in set_areas(question_set)] == [area.key for area in AREAS]
    assert QuestionArea.objects.filter(question_set=question_set).count() == 6
