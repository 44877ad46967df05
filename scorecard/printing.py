"""The self-assessment's printed pieces that need scorecard alone: the blank form for
workshops and the PDFs' file names. The full report composes several apps and is
assembled in studio/printing.py."""

from dataclasses import dataclass
from datetime import date

from django.utils.text import slugify

from orgs.models import Organization
from scorecard.models import Answer, QuestionArea, QuestionSet
from scorecard.services import ensure_default_question_set, set_areas


def file_stem(organization: Organization) -> str:
    """The organization's name as file names start: "Acme Learning" -> "acme-learning"."""
    return slugify(organization.name) or organization.slug


def assessment_pdf_filename(organization: Organization, day: date, *, draft: bool = False) -> str:
    """`acme-learning-self-assessment-2026-11-22.pdf` (with `-draft` before the date for drafts)."""
    return (
        f"{file_stem(organization)}-self-assessment{'-draft' if draft else ''}-{day:%Y-%m-%d}.pdf"
    )


def blank_pdf_filename(organization: Organization) -> str:
    return f"{file_stem(organization)}-self-assessment-blank.pdf"


@dataclass(frozen=True)
class BlankForm:
    """The statements of a question set, for ticking boxes by hand in a workshop."""

    question_set: QuestionSet
    areas: tuple[QuestionArea, ...]
    scale: tuple[tuple[int, str], ...]

    @property
    def statement_count(self) -> int:
        return sum(len(area.questions.all()) for area in self.areas)


def blank_form() -> BlankForm:
    """The default question set as a blank form (three queries)."""
    question_set = ensure_default_question_set()
    return BlankForm(
        question_set=question_set,
        areas=tuple(set_areas(question_set)),
        scale=tuple(Answer.SCALE),
    )
