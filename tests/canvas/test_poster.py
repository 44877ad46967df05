"""The printed canvas ("Print canvas"): the board's shape on one A4 or A3 landscape sheet.

The fitting is pure Python (canvas/printing.py); the PDFs are measured with pypdf:
page count, the type sizes used and where the area headings sit.
"""

import io
from datetime import date

import pytest
from django.urls import reverse
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from canvas.areas import AREAS
from canvas.models import NoteColour
from canvas.printing import (
    PAPERS,
    note_height,
    poster_pdf_filename,
    poster_sheets,
    split_columns,
    text_lines,
)
from studio.demo import DEMO_NOTES
from studio.management.commands.bench_printouts import TYPICAL_NOTES
from tests.pdf_support import pdf_pages, pdf_text

NOTE_FACE = "Liberation-Sans-Narrow"
COLOURS = tuple(NoteColour.values)


def snapshot(per_area: int | dict[str, int], text=None) -> dict:
    counts = (
        per_area
        if isinstance(per_area, dict)
        else dict.fromkeys((area.key for area in AREAS), per_area)
    )
    return {
        "title": "Plan",
        "description": "What we promise and to whom.",
        "value_kinds": [{"key": "risk_reduction", "label": "Risk reduction"}],
        "areas": [
            {
                "key": area.key,
                "name": area.name,
                "notes": [
                    {"text": text or TYPICAL_NOTES[n % len(TYPICAL_NOTES)], "colour": "yellow"}
                    for n in range(counts.get(area.key, 0))
                ],
            }
            for area in AREAS
        ],
    }


def printed(sheets) -> dict[str, list[str]]:
    """Every area's notes over all sheets, in print order."""
    notes: dict[str, list[str]] = {}
    for sheet in sheets.sheets:
        for key, area in sheet.areas.items():
            notes.setdefault(key, []).extend(n["text"] for c in area.columns for n in c)
    return notes


# The fitting function -------------------------------------------------------------------


def test_text_lines_wraps_words_and_breaks_long_ones():
    assert text_lines("short", width_em=20) == 1
    assert 4 <= text_lines("word " * 20, width_em=10) <= 6
    assert text_lines("one\ntwo\nthree", width_em=40) == 3
    assert text_lines("x" * 400, width_em=10) >= 18  # no space: broken anywhere


def test_a_longer_note_or_a_bigger_type_is_taller():
    short = note_height("Short", size=9, width=150)
    assert note_height("Short " * 30, size=9, width=150) > short
    assert note_height("Short", size=12, width=150) > short


def test_columns_are_balanced_in_order():
    assert split_columns([10, 10, 10, 10], 2) == [2, 2]
    assert split_columns([30, 10, 10, 10], 2) == [1, 3]
    assert split_columns([], 3) == [0, 0, 0]


def test_a_few_notes_get_the_largest_type():
    for paper in PAPERS.values():
        sheets = poster_sheets(snapshot(3), paper=paper)
        assert sheets.size == paper.sizes[0]
        assert len(sheets.sheets) == 1


def test_120_typical_notes_fill_one_sheet_of_either_paper():
    a3 = poster_sheets(snapshot(20), paper=PAPERS["a3"])
    a4 = poster_sheets(snapshot(20), paper=PAPERS["a4"])
    assert len(a3.sheets) == len(a4.sheets) == 1
    assert a4.size >= 7 and a3.size >= 9
    assert a3.size > a4.size  # the A3 poster's notes are visibly larger
    assert a3.note_count == a4.note_count == 120
    for sheets in (a3, a4):
        assert all(len(notes) == 20 for notes in printed(sheets).values())


@pytest.mark.parametrize(
    "counts",
    [
        {"products_services": 35, "value_proposition": 17, "customer_segments": 17,
         "service_delivery": 17, "strategy_governance": 17, "investment_return": 17},
        {"value_proposition": 60, "products_services": 12, "customer_segments": 12,
         "service_delivery": 12, "strategy_governance": 12, "investment_return": 12},
        {"value_proposition": 25, "products_services": 25, "customer_segments": 25,
         "service_delivery": 25, "strategy_governance": 10, "investment_return": 10},
    ],
    ids=["busy-products", "busy-centre", "busy-right-column"],
)  # fmt: skip
def test_120_notes_spread_unevenly_still_fill_one_sheet(counts):
    """The columns widen where the notes are (within 7 to 14 thirtieths of the sheet), the
    value proposition staying in the centre."""
    assert sum(counts.values()) == 120
    for paper in PAPERS.values():
        sheets = poster_sheets(snapshot(counts), paper=paper)
        assert len(sheets.sheets) == 1, paper.key
        assert sheets.size >= paper.smallest
        assert all(len(notes) == counts[key] for key, notes in printed(sheets).items())
    left, centre, right = poster_sheets(snapshot(counts), paper=PAPERS["a4"]).split
    if counts["value_proposition"] == 60:
        assert centre > max(left, right)
    else:
        assert right > max(left, centre)  # products & services and customers are on the right


def test_an_even_canvas_keeps_equal_thirds():
    assert poster_sheets(snapshot(20), paper=PAPERS["a4"]).split == (10, 10, 10)
    assert poster_sheets(snapshot(3), paper=PAPERS["a3"]).split == (10, 10, 10)


def test_past_the_smallest_type_the_rest_continues_in_the_same_layout():
    sheets = poster_sheets(snapshot(28), paper=PAPERS["a4"])
    assert sheets.size == 7  # never smaller
    assert len(sheets.sheets) == 2
    for sheet in sheets.sheets:
        assert list(sheet.areas) == list(sheets.sheets[0].areas)  # every area on every sheet
    # Each note printed exactly once, in order; the second sheet numbers where it resumes.
    for key, notes in printed(sheets).items():
        assert notes == [TYPICAL_NOTES[n % len(TYPICAL_NOTES)] for n in range(28)], key
    second = sheets.sheets[1].areas["strategy_governance"]
    first = sheets.sheets[0].areas["strategy_governance"]
    assert second.first == first.count + 1
    assert second.last == 28


def test_a_busy_area_spreads_over_columns_not_sheets():
    sheets = poster_sheets(snapshot({"products_services": 40}), paper=PAPERS["a3"])
    assert len(sheets.sheets) == 1
    assert sheets.sheets[0].areas["products_services"].column_count >= 2


def test_each_paper_size_has_its_own_file_name():
    names = {
        poster_pdf_filename(
            organization_name="Acme Learning", title="Acme Academy", day=date(2026, 11, 22), paper=p
        )
        for p in PAPERS.values()
    }
    assert names == {
        "acme-learning-canvas-acme-academy-a4-2026-11-22.pdf",
        "acme-learning-canvas-acme-academy-a3-2026-11-22.pdf",
    }


# The PDF, measured ------------------------------------------------------------------------


def print_url(canvas, size=None):
    url = reverse(
        "canvas_pdf", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    )
    return url + (f"?size={size}" if size else "")


def runs(pdf: bytes):
    """Every run of text on every page: (page, text, size in pt, x, y from the top, font)."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):

        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                scale = cm[0]
                name = str(font.get("/BaseFont", "")) if font else ""
                found.append(
                    (
                        number,
                        text.strip(),
                        round(size * scale, 2),
                        tm[4] * scale,
                        tm[5] * scale,
                        name,
                    )
                )

        page.extract_text(visitor_text=visit)
    return found


def heading(found, name: str):
    return next(run for run in found if run[1].startswith(name.upper()))


def heading_width(text: str, size: float) -> float:
    """Width of an area heading (Noto Sans Bold, letter-spacing .04em), in points."""
    import subprocess

    path = subprocess.run(
        ["fc-match", "-f", "%{file}", "Noto Sans:bold"], capture_output=True, text=True
    ).stdout
    font = TTFont(path)
    cmap, metrics, units = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    return sum(metrics[cmap[ord(c)]][0] / units + 0.04 for c in text) * size


@pytest.fixture
def demo_canvas(make_canvas, owner):
    canvas = make_canvas("Acme Academy")
    for area, notes in DEMO_NOTES.items():
        for text, colour in notes:
            canvas.add_note(area=area, text=text, colour=colour, by=owner)
    return canvas


@pytest.fixture
def full_canvas(make_canvas, owner):
    canvas = make_canvas("Busy canvas")
    keys = [area.key for area in AREAS]
    for n in range(120):
        canvas.add_note(
            area=keys[n % 6], text=TYPICAL_NOTES[n % 5], colour=COLOURS[n % len(COLOURS)], by=owner
        )
    return canvas


def test_the_demo_canvas_prints_in_the_boards_shape(client_for, owner, demo_canvas):
    client = client_for(owner)
    a4 = client.get(print_url(demo_canvas))
    a3 = client.get(print_url(demo_canvas, "a3"))
    assert a4["Content-Disposition"] != a3["Content-Disposition"]
    assert "-a3-" in a3["Content-Disposition"] and "-a4-" in a4["Content-Disposition"]
    for response, paper in ((a4, PAPERS["a4"]), (a3, PAPERS["a3"])):
        pdf = response.content
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        width = float(reader.pages[0].mediabox.width)
        found = runs(pdf)
        note_sizes = {run[2] for run in found if NOTE_FACE in run[5]}
        assert note_sizes == {paper.sizes[0]}  # room to spare: the largest type
        value = heading(found, "Value proposition")
        strategy = heading(found, "Strategy & governance")
        products = heading(found, "Products & services")
        delivery = heading(found, "Service delivery model")
        invest = heading(found, "Investment & return")
        # Value proposition centred on the sheet; strategy left and products right of it.
        centre = value[3] + heading_width("VALUE PROPOSITION", value[2]) / 2
        assert abs(centre - width / 2) < 8
        assert strategy[3] < 0.1 * width and products[3] > 0.62 * width
        assert width / 3 < value[3] < width / 2
        assert strategy[4] == pytest.approx(value[4], abs=1) == pytest.approx(products[4], abs=1)
        assert delivery[3] == pytest.approx(strategy[3], abs=1) and delivery[4] > strategy[4]
        # Investment & return runs along the bottom, from the left edge.
        assert invest[4] > delivery[4] and invest[3] == pytest.approx(strategy[3], abs=1)
    a4_size = {run[2] for run in runs(a4.content) if NOTE_FACE in run[5]}
    a3_size = {run[2] for run in runs(a3.content) if NOTE_FACE in run[5]}
    assert min(a3_size) >= max(a4_size) + 3  # visibly larger on A3


def test_note_colours_are_printed(client_for, owner, demo_canvas):
    pdf = client_for(owner).get(print_url(demo_canvas)).content
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    # #fff4b8 (yellow) and #fadbe4 (pink) as PDF fill colours.
    assert "1 0.956863 0.721569 rg" in content
    assert "0.980392 0.858824 0.894118 rg" in content


def test_scores_and_the_investment_headline_print_in_their_areas(client_for, owner, demo_canvas):
    from investment.demo import load_investment_demo
    from scorecard.services import complete_assessment, start_or_resume_assessment
    from studio.sample import ANSWERS, answer_all

    load_investment_demo(demo_canvas, by=owner)
    assessment, _ = start_or_resume_assessment(canvas=demo_canvas, by=owner)
    answer_all(assessment, ANSWERS, by=owner, evidence=False)
    complete_assessment(assessment=assessment, by=owner)
    pdf = client_for(owner).get(print_url(demo_canvas)).content
    found = runs(pdf)
    invest = heading(found, "Investment & return")
    figures = [run for run in found if run[1].startswith("Investment $") or "ROI" in run[1]]
    assert figures and all(run[4] > invest[4] for run in figures)
    assert sum("of 100" in run[1] for run in found) == 6  # a score under every area's name


def test_120_notes_fill_one_sheet_and_more_continue_on_a4(client_for, owner, full_canvas):
    client = client_for(owner)
    a3 = client.get(print_url(full_canvas, "a3")).content
    a4 = client.get(print_url(full_canvas)).content
    assert len(pdf_pages(a3)) == len(pdf_pages(a4)) == 1
    a3_sizes = {run[2] for run in runs(a3) if NOTE_FACE in run[5]}
    a4_sizes = {run[2] for run in runs(a4) if NOTE_FACE in run[5]}
    assert min(a3_sizes) >= 9 and min(a4_sizes) >= 7
    assert min(a3_sizes) > max(a4_sizes)
    # Every note printed (words joined again where a line wrapped between them).
    assert " ".join(pdf_text(a4).split()).count("Quarterly learning council") == 24

    keys = [area.key for area in AREAS]
    for n in range(36):  # 156 notes: past what A4 holds at 7 pt
        full_canvas.add_note(area=keys[n % 6], text=TYPICAL_NOTES[n % 5], by=owner)
    pages = pdf_pages(client.get(print_url(full_canvas)).content)
    assert len(pages) == 2
    assert "CONTINUED FROM SHEET 1" in pages[1].upper() and "CONTINUED" not in pages[0].upper()
    for page in pages:  # the second sheet has every area, in the same place
        for area in AREAS:
            assert area.name.upper() in page.upper()
    printed_text = " ".join(" ".join(pages).split())  # words joined again across wrapped lines
    for index, note in enumerate(TYPICAL_NOTES):  # every note printed, once
        made = len(range(index, 120, 5)) + len(range(index, 36, 5))
        assert printed_text.count(note[:30]) == made, note
