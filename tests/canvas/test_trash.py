"""A deleted canvas waits in its organization's trash: no page reaches it, owners restore it
or delete it for good, and the purge command clears what has waited too long."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from canvas.areas import AreaKey
from canvas.models import Canvas, Note
from canvas.services import purge_trash, restore_canvas, trash_canvas
from studio.services import duplicate_canvas
from tests.helpers import canvas_url


def trash_url(name, org, **kwargs):
    return reverse(name, kwargs={"org_slug": org.slug, **kwargs})


def in_trash(canvas, *, by, days_ago=0):
    trash_canvas(canvas=canvas, by=by)
    if days_ago:
        moved = timezone.now() - datetime.timedelta(days=days_ago)
        Canvas.everything.filter(pk=canvas.pk).update(trashed_at=moved)
    return Canvas.everything.get(pk=canvas.pk)


def test_model_lookups_leave_out_the_trash(owner, canvas, make_canvas):
    kept = make_canvas("Kept")
    in_trash(canvas, by=owner)
    assert list(Canvas.objects.all()) == [kept]
    assert list(Canvas.objects.for_user(owner)) == [kept]
    assert set(Canvas.everything.all()) == {canvas, kept}
    assert list(Canvas.everything.trashed()) == [canvas]
    assert Note.objects.create(canvas=canvas, area="value_proposition", text="x").canvas == canvas


def test_org_home_lists_live_canvases_and_links_the_trash_for_owners(
    owner, editor, canvas, make_canvas, client_for
):
    make_canvas("Kept")
    in_trash(canvas, by=owner)
    page = client_for(owner).get(trash_url("org_home", canvas.organization)).content.decode()
    assert "Kept" in page and canvas.title not in page
    assert trash_url("canvas_trash", canvas.organization) in page
    assert "Trash (1)" in page
    page = client_for(editor).get(trash_url("org_home", canvas.organization)).content.decode()
    assert trash_url("canvas_trash", canvas.organization) not in page


def test_delete_is_owner_only_and_keeps_everything(owner, editor, viewer, canvas, client_for):
    canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="Keep me", by=owner)
    url = canvas_url("canvas_delete", canvas)
    for user in (editor, viewer):
        assert client_for(user).post(url).status_code == 403
    assert Canvas.objects.filter(pk=canvas.pk).exists()
    response = client_for(owner).post(url, follow=True)
    assert "is in the trash" in response.content.decode()
    stored = Canvas.everything.get(pk=canvas.pk)
    assert stored.in_trash and stored.trashed_by == owner
    assert stored.notes.get().text == "Keep me"


def test_trash_page_is_for_owners_only(owner, editor, viewer, outsider, canvas, client_for):
    in_trash(canvas, by=owner, days_ago=3)
    url = trash_url("canvas_trash", canvas.organization)
    assert client_for(editor).get(url).status_code == 403
    assert client_for(viewer).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the login page
    page = client_for(owner).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert canvas.title in text
    purge_day = (timezone.now() + datetime.timedelta(days=27)).date()
    assert f"Goes for good on {purge_day.day} {purge_day:%B %Y}" in text


def test_trash_page_shows_only_this_organizations_trash(
    owner, canvas, make_canvas, other_org, client_for
):
    theirs = make_canvas("Their secret plan", organization=other_org)
    in_trash(theirs, by=owner)
    in_trash(canvas, by=owner)
    page = client_for(owner).get(trash_url("canvas_trash", canvas.organization)).content.decode()
    assert canvas.title in page and "Their secret plan" not in page


def test_trash_page_queries_do_not_grow_with_canvases(
    owner, make_canvas, client_for, django_assert_max_num_queries
):
    client = client_for(owner)
    url = trash_url("canvas_trash", owner.memberships.get().organization)
    for n in range(8):
        in_trash(make_canvas(f"Old {n}", notes_per_area=1), by=owner)
    with django_assert_max_num_queries(19):  # 16, indicators and their readings, share links
        assert client.get(url).status_code == 200


def test_owner_restores_a_canvas(owner, editor, canvas, client_for):
    canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="Back again", by=owner)
    in_trash(canvas, by=owner)
    url = trash_url("canvas_restore", canvas.organization, canvas_pk=canvas.pk)
    assert client_for(editor).post(url).status_code == 403
    assert client_for(owner).get(url).status_code == 405
    assert Canvas.everything.get(pk=canvas.pk).in_trash
    response = client_for(owner).post(url)
    assert response["Location"] == canvas_url("board", canvas)
    board = client_for(editor).get(canvas_url("board", canvas))
    assert "Back again" in board.content.decode()
    assert Canvas.objects.get(pk=canvas.pk).trashed_by is None


def test_a_live_canvas_cannot_be_restored_or_deleted_for_good(owner, canvas, client_for):
    client = client_for(owner)
    org = canvas.organization
    assert client.post(trash_url("canvas_restore", org, canvas_pk=canvas.pk)).status_code == 404
    url = trash_url("canvas_delete_for_good", org, canvas_pk=canvas.pk)
    assert client.post(url).status_code == 404
    assert Canvas.objects.filter(pk=canvas.pk).exists()


def test_owner_deletes_one_canvas_for_good_after_confirming(
    owner, editor, canvas, make_canvas, client_for
):
    other = in_trash(make_canvas("Other"), by=owner)
    canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="Gone soon", by=owner)
    in_trash(canvas, by=owner)
    url = trash_url("canvas_delete_for_good", canvas.organization, canvas_pk=canvas.pk)
    assert client_for(editor).get(url).status_code == 403
    assert client_for(editor).post(url).status_code == 403
    confirm = client_for(owner).get(url).content.decode()
    assert "1 note" in confirm and "can't be undone" in confirm
    response = client_for(owner).post(url, follow=True)
    assert "is deleted for good" in response.content.decode()
    assert not Canvas.everything.filter(pk=canvas.pk).exists()
    assert not Note.objects.filter(canvas_id=canvas.pk).exists()
    assert Canvas.everything.filter(pk=other.pk).exists()


def test_emptying_the_trash_deletes_what_the_confirmation_showed(
    owner, editor, canvas, make_canvas, other_org, client_for
):
    client = client_for(owner)
    url = trash_url("trash_empty", canvas.organization)
    shown = [in_trash(canvas, by=owner), in_trash(make_canvas("Second"), by=owner)]
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Delete 2 canvases for good" in confirm.content.decode()
    assert client_for(editor).post(url, {"canvas": [c.pk for c in shown]}).status_code == 403
    client = client_for(owner)
    late = in_trash(make_canvas("Deleted after the page opened"), by=owner)
    theirs = in_trash(make_canvas("Theirs", organization=other_org), by=owner)
    live = make_canvas("Live")
    posted = [*(c.pk for c in shown), theirs.pk, live.pk]
    response = client.post(url, {"canvas": posted}, follow=True)
    assert "2 canvases are deleted for good" in response.content.decode()
    assert set(Canvas.everything.values_list("pk", flat=True)) == {late.pk, theirs.pk, live.pk}


@pytest.mark.parametrize("junk", ["abc", "-1", "1e309", str(2**64), "1\x00"])
def test_emptying_with_garbled_ids_deletes_nothing(owner, canvas, client_for, junk):
    in_trash(canvas, by=owner)
    response = client_for(owner).post(
        trash_url("trash_empty", canvas.organization), {"canvas": [canvas.pk, junk]}, follow=True
    )
    assert "nothing was deleted" in response.content.decode()
    assert Canvas.everything.filter(pk=canvas.pk).exists()


def test_an_empty_trash_has_nothing_to_confirm(owner, org, client_for):
    response = client_for(owner).get(trash_url("trash_empty", org), follow=True)
    assert "The trash is already empty." in response.content.decode()


def test_a_canvas_in_the_trash_is_never_duplicated(owner, editor, canvas, client_for):
    in_trash(canvas, by=owner)
    assert client_for(editor).post(canvas_url("canvas_duplicate", canvas)).status_code == 404
    with pytest.raises(Canvas.DoesNotExist):
        duplicate_canvas(canvas=canvas, by=editor)
    assert Canvas.everything.count() == 1


def test_trashing_twice_or_restoring_a_live_canvas_changes_nothing(owner, canvas):
    assert trash_canvas(canvas=canvas, by=owner)
    first = Canvas.everything.get(pk=canvas.pk).trashed_at
    assert not trash_canvas(canvas=canvas, by=owner)
    assert Canvas.everything.get(pk=canvas.pk).trashed_at == first
    assert restore_canvas(canvas=canvas)
    assert not restore_canvas(canvas=canvas)


# The purge -----------------------------------------------------------------------------------


def test_purge_deletes_only_what_waited_past_its_time(owner, canvas, make_canvas, settings):
    settings.CANVAS_TRASH_DAYS = 30
    canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="old", by=owner)
    old = in_trash(canvas, by=owner, days_ago=31)
    recent = in_trash(make_canvas("Recent"), by=owner, days_ago=29)
    live = make_canvas("Live")
    live.touch(owner)
    Canvas.objects.filter(pk=live.pk).update(updated_at=timezone.now() - datetime.timedelta(99))
    assert purge_trash() == [old.title]
    assert set(Canvas.everything.values_list("pk", flat=True)) == {recent.pk, live.pk}
    assert not Note.objects.filter(canvas_id=old.pk).exists()


def test_purge_follows_the_setting(owner, canvas, settings):
    in_trash(canvas, by=owner, days_ago=8)
    settings.CANVAS_TRASH_DAYS = 10
    assert purge_trash() == []
    settings.CANVAS_TRASH_DAYS = 7
    assert purge_trash() == [canvas.title]


def test_purge_command_reports_and_dry_run_deletes_nothing(owner, canvas, make_canvas):
    in_trash(canvas, by=owner, days_ago=45)
    in_trash(make_canvas("Recent"), by=owner, days_ago=1)
    out = StringIO()
    call_command("purge_trash", "--dry-run", stdout=out)
    assert "Would delete “Acme Academy”" in out.getvalue()
    assert Canvas.everything.count() == 2
    out = StringIO()
    call_command("purge_trash", stdout=out)
    assert "Deleted “Acme Academy”" in out.getvalue()
    assert "Deleted 1 canvas in the trash for more than 30 days." in out.getvalue()
    assert list(Canvas.everything.values_list("title", flat=True)) == ["Recent"]


# The admin -----------------------------------------------------------------------------------


def test_admin_shows_canvases_in_the_trash_too_and_restores_them(
    admin_client, owner, canvas, make_canvas
):
    live = make_canvas("Live")
    in_trash(canvas, by=owner)
    changelist = reverse("admin:canvas_canvas_changelist")
    assert admin_client.get(changelist).context["cl"].result_count == 2
    assert list(admin_client.get(changelist + "?trash=yes").context["cl"].result_list) == [canvas]
    assert list(admin_client.get(changelist + "?trash=no").context["cl"].result_list) == [live]
    page = admin_client.get(reverse("admin:canvas_canvas_change", args=[canvas.pk]))
    assert page.status_code == 200
    response = admin_client.post(
        changelist, {"action": "restore_from_trash", "_selected_action": [canvas.pk, live.pk]}
    )
    assert response.status_code == 302
    assert set(Canvas.objects.values_list("pk", flat=True)) == {canvas.pk, live.pk}
