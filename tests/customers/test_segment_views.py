import pytest

from customers.forms import SegmentEditForm
from customers.models import Persona, Segment, SegmentKind
from tests.helpers import HX, assert_htmx_partial, canvas_url


def segment_data(prefix="new", **overrides):
    data = {
        "name": "Line managers",
        "kind": "line_managers",
        "headcount": "380",
        "expectations": "Teams productive sooner",
        "expected_value": ["risk_reduction"],
        "experience": "3",
        "value_to_them": "",
    }
    data.update(overrides)
    return {f"{prefix}-{key}": value for key, value in data.items()}


# The list ---------------------------------------------------------------------------------


def test_list_shows_segments_personas_and_the_alignment_warning(
    viewer, canvas, make_segment, make_persona, client_for
):
    segment = make_segment(
        "Line managers",
        kind=SegmentKind.LINE_MANAGERS,
        headcount=380,
        expected_value=["risk_reduction"],
        experience=2,
    )
    make_persona("Priya <b>Shah</b>", on=segment)
    response = client_for(viewer).get(canvas_url("segment_list", canvas))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Line managers expect risk reduction; the canvas does not offer it." in body
    assert "380 people" in body
    assert "Priya &lt;b&gt;Shah&lt;/b&gt;" in body
    assert 'aria-label="2 of 5"' in body
    assert "Add segment" not in body
    assert "Edit<span" not in body  # viewers only read


def test_list_htmx_renders_the_segments_region(viewer, canvas, client_for):
    response = client_for(viewer).get(canvas_url("segment_list", canvas), headers=HX)
    assert_htmx_partial(response, "customers/segments.html#segments")
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_list_query_count_is_constant(
    count, editor, canvas, make_segment, make_persona, client_for, django_assert_num_queries
):
    for n in range(count):
        segment = make_segment(f"Segment {n}", expected_value=["cost_savings"])
        make_persona(f"Persona {n}", on=segment)
        make_persona(f"Persona {n}b", on=segment)
    client = client_for(editor)
    client.get(
        canvas_url("segment_list", canvas)
    )  # open once: the first request after logging in writes the session
    # session, user, membership, canvas, segments, personas; investment & return's
    # cost per learner: settings, cost lines, return lines, learner headcount
    with django_assert_num_queries(10):
        response = client.get(canvas_url("segment_list", canvas))
    # The `segment` fixture behind make_persona adds one more.
    assert response.content.decode().count('class="segment-card"') == count + 1


# Adding -----------------------------------------------------------------------------------


def test_editor_adds_a_segment_plain_post_redirects(editor, canvas, client_for):
    response = client_for(editor).post(canvas_url("segment_create", canvas), segment_data())
    assert response.status_code == 302
    assert response["Location"] == canvas_url("segment_list", canvas)
    segment = Segment.objects.get()
    assert (segment.name, segment.kind, segment.headcount, segment.expected_value) == (
        "Line managers",
        "line_managers",
        380,
        ["risk_reduction"],
    )
    assert segment.experience == 3
    assert segment.value_to_them is None
    assert segment.created_by == editor
    assert segment.canvas == canvas


def test_add_with_htmx_returns_the_whole_region(editor, canvas, client_for):
    response = client_for(editor).post(
        canvas_url("segment_create", canvas), segment_data(), headers=HX
    )
    assert_htmx_partial(response, "customers/segments.html#segments")
    assert response["HX-Retarget"] == "#segments"
    assert "Line managers expect risk reduction" in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_invalid_segment_answers_422_with_errors_next_to_the_fields(
    htmx, editor, canvas, client_for
):
    data = segment_data(name="  ", headcount="-4", expectations="kept words", experience="9")
    response = client_for(editor).post(
        canvas_url("segment_create", canvas), data, headers=HX if htmx else {}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Give the segment a name." in body
    assert "kept words" in body
    assert body.count('class="field has-error"') == 3  # name, headcount, experience
    if htmx:
        assert_htmx_partial(response, "customers/segments.html#add_form", status=422)
    assert not Segment.objects.exists()


def test_unknown_value_kind_is_rejected(editor, canvas, client_for):
    data = segment_data(expected_value=["world_peace"])
    assert client_for(editor).post(canvas_url("segment_create", canvas), data).status_code == 422


# Editing ----------------------------------------------------------------------------------


def test_edit_form_in_place_with_htmx_and_as_a_page(editor, canvas, segment, client_for):
    client = client_for(editor)
    edit = canvas_url("segment_edit", canvas, segment_pk=segment.pk)
    response = client.get(edit, headers=HX)
    assert_htmx_partial(response, "customers/segments.html#segment_form")
    assert f'name="s{segment.pk}-version" value="1"' in response.content.decode()
    page = client.get(edit)
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    assert "Save segment" in page.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_edit_saves_and_bumps_the_version(htmx, editor, canvas, segment, client_for):
    data = segment_data(prefix=f"s{segment.pk}", version="1", name="Store staff")
    response = client_for(editor).post(
        canvas_url("segment_edit", canvas, segment_pk=segment.pk), data, headers=HX if htmx else {}
    )
    segment.refresh_from_db()
    assert (segment.name, segment.version, segment.updated_by) == ("Store staff", 2, editor)
    if htmx:
        assert_htmx_partial(response, "customers/segments.html#segments")
        assert response["HX-Retarget"] == "#segments"
    else:
        assert response.status_code == 302


@pytest.mark.parametrize("htmx", [False, True])
def test_stale_edit_answers_409_with_both_versions_and_keeps_my_text(
    htmx, owner, editor, canvas, segment, client_for
):
    Segment.objects.filter(pk=segment.pk).update(name="Their name", version=2, updated_by=owner)
    data = segment_data(prefix=f"s{segment.pk}", version="1", name="My name")
    response = client_for(editor).post(
        canvas_url("segment_edit", canvas, segment_pk=segment.pk), data, headers=HX if htmx else {}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Owner saved a change while you were editing" in body
    assert "Their name" in body
    assert 'value="My name"' in body
    assert f'name="s{segment.pk}-version" value="2"' in body  # rebased: saving again keeps mine
    segment.refresh_from_db()
    assert segment.name == "Their name"
    if htmx:
        assert_htmx_partial(response, "customers/segments.html#segment_form", status=409)


def test_a_stale_edit_that_matches_what_was_saved_counts_as_saved(
    owner, editor, canvas, segment, client_for
):
    data = segment_data(prefix=f"s{segment.pk}", version="1", name="Same words", value_to_them="3")
    form = SegmentEditForm(data, instance=segment, prefix=f"s{segment.pk}")
    assert form.is_valid()
    # Someone else saved exactly what this editor is about to save.
    Segment.objects.filter(pk=segment.pk).update(**form.changes(), version=2, updated_by=owner)
    response = client_for(editor).post(
        canvas_url("segment_edit", canvas, segment_pk=segment.pk), data, headers=HX
    )
    assert_htmx_partial(response, "customers/segments.html#segments")
    assert "saved a change while you were editing" not in response.content.decode()


def test_editing_a_segment_someone_removed_keeps_the_text_and_offers_to_add_it_back(
    editor, canvas, segment, client_for
):
    client = client_for(editor)
    pk = segment.pk
    segment.delete()
    data = segment_data(
        prefix=f"s{pk}", version="1", name="Rescued", expectations="My careful words"
    )
    response = client.post(canvas_url("segment_edit", canvas, segment_pk=pk), data, headers=HX)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone removed this segment while you were editing it" in body
    assert "My careful words" in body
    assert 'value="Rescued"' in body
    assert canvas_url("segment_create", canvas) in body
    assert_htmx_partial(response, "customers/segments.html#segment_form", status=409)
    # The plain page says the same, with the whole list around it.
    page = client.post(canvas_url("segment_edit", canvas, segment_pk=pk), data)
    assert page.status_code == 409
    assert "My careful words" in page.content.decode()
    # Opening the edit form of a removed segment explains instead of a bare 404.
    gone = client.get(canvas_url("segment_edit", canvas, segment_pk=pk), headers=HX)
    assert gone.status_code == 200
    assert "removed by someone else" in gone.content.decode()


# Reordering and removing ----------------------------------------------------------------


def test_move_reorders_plain_and_htmx(editor, canvas, make_segment, client_for):
    a, b, c = (make_segment(n) for n in "ABC")
    client = client_for(editor)
    response = client.post(
        canvas_url("segment_move", canvas, segment_pk=c.pk), {"position": "0", "version": "1"}
    )
    assert response.status_code == 302
    assert list(canvas.segments.order_by("position").values_list("name", flat=True)) == list("CAB")
    response = client.post(
        canvas_url("segment_move", canvas, segment_pk=c.pk),
        {"position": "2", "version": "1"},
        headers=HX,
    )
    assert_htmx_partial(response, "customers/segments.html#segments")
    assert list(canvas.segments.order_by("position").values_list("name", flat=True)) == list("ABC")
    bad = client.post(
        canvas_url("segment_move", canvas, segment_pk=c.pk), {"position": "x"}, headers=HX
    )
    assert bad.status_code == 422


def test_remove_asks_first_without_javascript_then_removes(
    editor, canvas, segment, persona, client_for
):
    client = client_for(editor)
    delete = canvas_url("segment_delete", canvas, segment_pk=segment.pk)
    confirm = client.get(delete).content.decode()
    assert "Amira Haddad (3 stages)" in confirm
    assert "you can undo it" in confirm
    assert client.post(delete, {"version": "1"}).status_code == 302
    assert not Segment.objects.exists()
    assert not Persona.objects.exists()


def test_remove_with_htmx_returns_the_region(editor, canvas, segment, client_for):
    response = client_for(editor).post(
        canvas_url("segment_delete", canvas, segment_pk=segment.pk), {"version": "1"}, headers=HX
    )
    assert_htmx_partial(response, "customers/segments.html#segments")
    assert not Segment.objects.exists()


# Access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [("owner", 200, 302), ("editor", 200, 302), ("viewer", 200, 403), ("outsider", 404, 404)],
)
def test_access_rules(role, read, write, users, canvas, segment, client_for):
    client = client_for(users[role])
    assert client.get(canvas_url("segment_list", canvas)).status_code == read
    posts = [
        (canvas_url("segment_create", canvas), segment_data()),
        (
            canvas_url("segment_edit", canvas, segment_pk=segment.pk),
            segment_data(f"s{segment.pk}", version="1"),
        ),
        (canvas_url("segment_move", canvas, segment_pk=segment.pk), {"position": "0"}),
    ]
    for target, data in posts:
        assert client.post(target, data).status_code == write
    gets = [
        canvas_url("segment_edit", canvas, segment_pk=segment.pk),
        canvas_url("segment_delete", canvas, segment_pk=segment.pk),
    ]
    for target in gets:
        assert client.get(target).status_code == (200 if write == 302 else write)
    assert (
        client.post(canvas_url("segment_delete", canvas, segment_pk=segment.pk)).status_code
        == write
    )


def test_anonymous_is_sent_to_log_in(canvas, segment, client_for):
    client = client_for(None)
    response = client.get(canvas_url("segment_list", canvas))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert (
        client.post(canvas_url("segment_delete", canvas, segment_pk=segment.pk)).status_code == 302
    )
    assert Segment.objects.exists()


def test_viewer_htmx_change_gets_a_readable_message(viewer, canvas, segment, client_for):
    response = client_for(viewer).post(
        canvas_url("segment_move", canvas, segment_pk=segment.pk), {"position": "0"}, headers=HX
    )
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#messages"


def test_another_canvas_segment_is_a_404(editor, canvas, make_canvas, make_segment, client_for):
    other = make_segment("Elsewhere", on=make_canvas())
    response = client_for(editor).post(canvas_url("segment_delete", canvas, segment_pk=other.pk))
    assert response.status_code == 302  # treated as already gone on this canvas
    assert Segment.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_a_failed_add_it_back_shows_its_errors_in_place(htmx, editor, canvas, client_for):
    data = segment_data(name=" ", expectations="My careful words") | {"restore": "1"}
    response = client_for(editor).post(
        canvas_url("segment_create", canvas), data, headers=HX if htmx else {}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Give the segment a name." in body
    assert "My careful words" in body
    assert "Someone removed this segment while you were editing it" in body
    assert body.count('id="segment-restored"') == 1
    assert 'name="restore" value="1"' in body  # saving again is still an "add it back"
    if htmx:
        assert_htmx_partial(response, "customers/segments.html#segment_form", status=422)
        assert 'id="segment-add-form"' not in body
    else:  # the page's own add form stays empty
        assert body.count('id="segment-add-form"') == 1
        assert body.count("My careful words") == 1
        # Each form's labels point at its own fields.
        assert body.count('id="id_new-name"') == 1
        assert body.count('id="restored_new-name"') == 1
    assert not Segment.objects.exists()


def test_add_it_back_saves_a_new_segment(editor, canvas, client_for):
    data = segment_data(name="Rescued") | {"restore": "1"}
    response = client_for(editor).post(canvas_url("segment_create", canvas), data, headers=HX)
    assert_htmx_partial(response, "customers/segments.html#segments")
    assert response["HX-Retarget"] == "#segments"
    assert Segment.objects.get().name == "Rescued"


@pytest.mark.parametrize("version", ["", "x", "0"])
@pytest.mark.parametrize("htmx", [False, True])
def test_a_garbled_version_is_explained_at_the_top_of_the_form(
    htmx, version, editor, canvas, segment, client_for
):
    data = segment_data(prefix=f"s{segment.pk}", version=version, name="Kept name")
    response = client_for(editor).post(
        canvas_url("segment_edit", canvas, segment_pk=segment.pk), data, headers=HX if htmx else {}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert '<p class="form-error">This form was incomplete, so nothing was saved.' in body
    assert 'value="Kept name"' in body
    segment.refresh_from_db()
    assert (segment.name, segment.version) == ("Store associates", 1)
