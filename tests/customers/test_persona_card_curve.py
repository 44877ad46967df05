"""The persona card's journey curve: 12 stages wrap onto rows, the moment marker
leaves its label clear."""

import io

from pypdf import PdfReader

from customers.curve import MOMENT_RING, curve_rows, emotion_curve
from tests.customers.test_persona_views import canvas_url

TWELVE = (1, 0, -1, 2, 1, -2, 0, 1, 2, -1, 1, 2)


def test_twelve_stages_wrap_onto_two_rows_that_line_up():
    rows = curve_rows(emotion_curve(TWELVE))
    assert [len(row.points) for row in rows] == [6, 6]
    assert [p.x for p in rows[0].points] == [p.x for p in rows[1].points]
    assert [p.index for row in rows for p in row.points] == list(range(12))
    # The whole journey's moments (falls of 3, at stages 6 and 10) are kept.
    assert [p.index for row in rows for p in row.points if p.is_moment] == [5, 9]
    assert rows[1].width == rows[0].width


def test_the_moment_label_sits_below_the_ring_and_inside_the_chart():
    curve = emotion_curve(TWELVE)
    moment = next(p for p in curve.points if p.is_moment)
    text_top = moment.label_below_y - 11  # an 11-unit line of text
    assert text_top >= moment.y + MOMENT_RING + 2  # clear of the ring and its stroke
    assert moment.label_below_y <= curve.height


def test_a_twelve_stage_card_stays_legible(viewer, canvas, make_persona, client_for):
    persona = make_persona(stages=TWELVE)
    pdf = client_for(viewer).get(canvas_url("persona_card", canvas, persona_pk=persona.pk)).content
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Stage 1" in text and "Stage 12" in text
    sizes = []

    def visit(chunk, cm, tm, font, size):
        if chunk.strip().startswith("Stage") and chunk.strip()[6:].strip().isdigit():
            sizes.append(size * abs(cm[0]) * abs(tm[0]))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 6  # the curve's labels print at 6 pt or more
