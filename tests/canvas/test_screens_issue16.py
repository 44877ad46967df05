"""Screens: the org home's "areas filled" strip and the guiding questions."""

import re

from django.urls import reverse

from canvas.areas import AREAS_BY_KEY

# The themes of ../shared/DOMAIN.md's table, each as words our questions must use.
THEMES = {
    "value_proposition": [
        "known for",
        "lower costs",
        "skills",
        "less risk",
        "easier",
        "expects",
        "paying for",
    ],
    "products_services": ["nobody else", "real need", "works", "coaching", "curated", "range"],
    "customer_segments": [
        "whom do we serve",
        "managers",
        "senior leaders",
        "want",
        "like to work with us",
        "valuable",
    ],
    "service_delivery": ["right people", "at our best", "tools", "partners", "curating"],
    "strategy_governance": ["vision", "executives", "steering", "measures", "hear about"],
    "investment_return": ["in total", "hidden", "get back", "finance"],
}


def test_guiding_questions_cover_every_theme_of_the_domain():
    for key, words in THEMES.items():
        questions = " ".join(AREAS_BY_KEY[key].questions).lower()
        assert len(AREAS_BY_KEY[key].questions) >= 4, key
        for word in words:
            assert word in questions, (key, word)


def test_the_board_shows_every_guiding_question(client_for, owner, canvas):
    html = (
        client_for(owner)
        .get(
            reverse("board", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk})
        )
        .content.decode()
    )
    assert "Are the right executives engaged, and do they help set our priorities?" in html


def test_the_areas_filled_strip_does_not_borrow_the_boards_area_classes(client_for, owner, canvas):
    html = (
        client_for(owner)
        .get(reverse("org_home", kwargs={"org_slug": canvas.organization.slug}))
        .content.decode()
    )
    cells = re.findall(r'<span class="(cell[^"]*)"', html)
    assert len(cells) == 6
    # The board's area-* classes place areas on its grid, draw thick rules and set a
    # minimum height: on the card they made a large dark block.
    assert not any(re.search(r"\barea-", cell) for cell in cells)
