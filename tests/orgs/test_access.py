"""Access rules on every URL of the skeleton, for each kind of user."""

import pytest
from django.urls import reverse

from canvas.models import Canvas, Note

# (name, method, kwargs-builder, {role: expected status}); "redirect" means 302.
READ = {"owner": 200, "editor": 200, "viewer": 200, "outsider": 404}
OWNER_ONLY_PAGE = {"owner": 200, "editor": 403, "viewer": 403, "outsider": 404}


def urls(org, canvas):
    slug = org.slug
    note = Note.objects.create(canvas=canvas, area="value_proposition", text="Faster", position=0)
    return [
        ("home", "get", {}, {"owner": 302, "editor": 302, "viewer": 302, "outsider": 302}),
        ("org_home", "get", {"org_slug": slug}, READ),
        (
            "note_detail",
            "get",
            {"org_slug": slug, "canvas_pk": canvas.pk, "note_pk": note.pk},
            # The note's own page, or a fragment for htmx.
            READ,
        ),
        ("board", "get", {"org_slug": slug, "canvas_pk": canvas.pk}, READ),
        ("board_live", "get", {"org_slug": slug, "canvas_pk": canvas.pk}, READ),
        ("org_settings", "get", {"org_slug": slug}, OWNER_ONLY_PAGE),
        ("canvas_delete", "get", {"org_slug": slug, "canvas_pk": canvas.pk}, OWNER_ONLY_PAGE),
        (
            "canvas_duplicate",
            "post",
            {"org_slug": slug, "canvas_pk": canvas.pk},
            {"owner": 302, "editor": 302, "viewer": 403, "outsider": 404},
        ),
        (
            "canvas_create",
            "post",
            {"org_slug": slug},
            {"owner": 302, "editor": 302, "viewer": 403, "outsider": 404},
        ),
        (
            "org_settings",
            "post",
            {"org_slug": slug},
            {"owner": 302, "editor": 403, "viewer": 403, "outsider": 404},
        ),
        # Last, since the owner's delete removes the canvas the other rows use.
        (
            "canvas_delete",
            "post",
            {"org_slug": slug, "canvas_pk": canvas.pk},
            {"owner": 302, "editor": 403, "viewer": 403, "outsider": 404},
        ),
    ]


POSTED = {
    "canvas_create": {"title": "Made in a test"},
    "org_settings": {"name": "Acme Learning", "currency": "EUR"},
}


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "outsider"])
def test_every_url_answers_each_role_as_expected(role, htmx, users, org, canvas, client_for):
    client = client_for(users[role])
    headers = {"HX-Request": "true"} if htmx else {}
    for name, method, kwargs, expected in urls(org, canvas):
        url = reverse(name, kwargs=kwargs)
        response = getattr(client, method)(url, POSTED.get(name, {}), headers=headers)
        status = expected[role]
        if isinstance(status, tuple):
            status = status[htmx]
        assert response.status_code == status, (name, role, response.status_code)
        if response.status_code in (403, 404) and htmx:
            assert response["HX-Retarget"] == "#messages", name
    assert Canvas.objects.filter(pk=canvas.pk).exists() == (role != "owner")


def test_anonymous_is_sent_to_login_everywhere(org, canvas, client):
    for name, method, kwargs, _ in urls(org, canvas):
        response = getattr(client, method)(reverse(name, kwargs=kwargs))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
        assert "HX-Request" in response["Vary"], name
    assert Canvas.objects.filter(pk=canvas.pk).exists()


def test_login_page_is_public(client):
    assert client.get(reverse("login")).status_code == 200


def test_viewer_sees_a_readable_403_message(viewer, org, canvas, client_for):
    response = client_for(viewer).post(
        reverse("canvas_duplicate", kwargs={"org_slug": org.slug, "canvas_pk": canvas.pk})
    )
    assert response.status_code == 403
    assert "can view Acme Learning" in response.content.decode()
    assert Canvas.objects.count() == 1


def test_htmx_403_goes_to_the_message_area(viewer, org, canvas, client_for):
    response = client_for(viewer).post(
        reverse("canvas_duplicate", kwargs={"org_slug": org.slug, "canvas_pk": canvas.pk}),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#messages"
    assert "HX-Request" in response["Vary"]
    assert "<html" not in response.content.decode()
    assert "Ask an owner" in response.content.decode()


def test_outsider_cannot_see_another_orgs_canvas_even_with_its_own_slug(
    outsider, other_org, canvas, client_for
):
    url = reverse("board", kwargs={"org_slug": other_org.slug, "canvas_pk": canvas.pk})
    assert client_for(outsider).get(url).status_code == 404


def test_expired_session_during_htmx_request_redirects_the_whole_page(org, canvas, client):
    board = reverse("board", kwargs={"org_slug": org.slug, "canvas_pk": canvas.pk})
    response = client.get(
        board, headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{board}"}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next={board.replace('/', '%2F')}"


def test_user_with_one_org_lands_in_it(editor, org, client_for):
    response = client_for(editor).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("org_home", kwargs={"org_slug": org.slug})


def test_user_with_several_orgs_picks_one(editor, other_org, client_for):
    from orgs.models import Membership

    Membership.objects.create(user=editor, organization=other_org, role="viewer")
    response = client_for(editor).get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Acme Learning" in body
    assert "Globex Academy" in body


def test_user_without_org_is_told_to_ask_an_admin(make_user, client_for):
    response = client_for(make_user("lonely")).get(reverse("home"))
    assert "Ask your platform admin" in response.content.decode()


def test_owner_renames_org_and_bad_currency_is_rejected(owner, org, client_for):
    client = client_for(owner)
    url = reverse("org_settings", kwargs={"org_slug": org.slug})
    response = client.post(url, {"name": "Acme Academy", "currency": "EURO"})
    assert response.status_code == 422
    assert "three-letter ISO code" in response.content.decode()
    org.refresh_from_db()
    assert org.name == "Acme Learning"
    response = client.post(url, {"name": "Acme Academy", "currency": "gbp"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.name, org.currency) == ("Acme Academy", "GBP")


def test_viewer_sees_no_edit_controls(viewer, org, canvas, client_for):
    body = (
        client_for(viewer).get(reverse("org_home", kwargs={"org_slug": org.slug})).content.decode()
    )
    assert "New canvas" not in body
    assert "Duplicate" not in body
    assert "Delete" not in body
    board = (
        client_for(viewer)
        .get(reverse("board", kwargs={"org_slug": org.slug, "canvas_pk": canvas.pk}))
        .content.decode()
    )
    assert "Duplicate" not in board
    assert "Delete" not in board


def test_htmx_404_is_a_message_even_with_debug_on(editor, org, client_for, settings):
    settings.DEBUG = True
    url = reverse("board", kwargs={"org_slug": org.slug, "canvas_pk": 999999})
    response = client_for(editor).get(url, headers={"HX-Request": "true"})
    assert response.status_code == 404
    assert response["HX-Retarget"] == "#messages"
    assert "<html" not in response.content.decode()
    assert "That page doesn&#x27;t exist" in response.content.decode()


def test_stale_csrf_token_on_htmx_post_is_a_message_not_a_page(editor, org, canvas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = reverse("canvas_duplicate", kwargs={"org_slug": org.slug, "canvas_pk": canvas.pk})
    response = client.post(url, headers={"HX-Request": "true", "X-CSRFToken": "stale" * 8})
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#messages"
    body = response.content.decode()
    assert "<html" not in body
    assert "reload the page" in body
    assert Canvas.objects.count() == 1
    plain = client.post(url)
    assert plain.status_code == 403
    assert "reload the page" in plain.content.decode()
    assert "<html" in plain.content.decode()
