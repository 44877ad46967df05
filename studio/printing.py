"""The self-assessment report on paper: what each page of the PDF shows.

The results come from `scorecard.services.results_for` and the money from
`investment.services.load_investment`, exactly as on screen, so paper
and page never disagree. Everything here is plain data for the templates in
templates/pdf/; core/pdf.py turns them into PDFs.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from canvas.models import Canvas
from canvas.printing import PAPERS, PosterSheets, poster_sheets
from canvas.snapshot import snapshot_canvas
from investment.figures import Figures
from investment.services import InvestmentData, investment_from_record, load_investment
from orgs.models import Organization
from pulse.results import PulseReport, pulse_record, pulse_report
from scorecard.models import Assessment, AssessmentMessage
from scorecard.printing import assessment_pdf_filename
from scorecard.services import AssessmentResults, ChecklistItem, message_for, results_for
from studio.assessments import INVESTMENT_KEY, PULSE_KEY
from studio.panels import figure_lines

SUMMARY_ACTIONS = 3


@dataclass(frozen=True)
class AssessmentPrintout:
    """Everything the self-assessment PDF prints, page 1 first."""

    organization: Organization
    canvas: Canvas
    assessment: Assessment
    results: AssessmentResults
    investment: InvestmentData  # as stored at completion; the canvas's figures now for a draft
    sheets: PosterSheets  # the canvas as assessed (as it stands, for a draft), A4 landscape
    snapshot_is_current_canvas: bool  # a draft has no snapshot yet: it prints the canvas as it is
    figures_date: date  # the day `investment` is from: completion, or today
    figures_stored: bool  # `investment` is as stored at completion (else it is today's)
    today_figures: Figures  # the canvas's investment & return now
    pulse: PulseReport | None  # the stakeholder pulse stored at completion (live for a draft)
    message: AssessmentMessage  # the owner's headline and ask (empty until written)

    @property
    def figures_changed(self) -> bool:
        """Investment & return changed since the assessment stored them."""
        return self.figures_stored and self.investment.figures != self.today_figures

    @property
    def figures_heading(self) -> str:
        when = f"{self.figures_date:%-d %b %Y}"
        if self.figures_stored:
            return f"Investment & return when assessed ({when})"
        return f"Investment & return today ({when})"

    @property
    def is_draft(self) -> bool:
        return not self.assessment.is_complete

    @property
    def printed_date(self) -> date:
        """The date the printout is about: completion, or the start of a draft."""
        moment = self.assessment.completed_at or self.assessment.started_at
        return timezone.localtime(moment).date()

    @property
    def top_actions(self) -> tuple[ChecklistItem, ...]:
        return self.results.checklist[:SUMMARY_ACTIONS]

    @property
    def weakest(self):
        """The weakest link page 1 gives advice for (the first, when areas tie)."""
        weakest = self.results.result.weakest
        return weakest[0] if weakest else None

    @property
    def single_weakest(self) -> bool:
        """False when three or more areas share the lowest score: no one weakest link."""
        return self.results.result.single_weakest

    @property
    def is_strong(self) -> bool:
        return self.results.result.is_strong

    @property
    def weakest_label(self) -> str:
        """How the lowest area(s) are named, in words that fit the band and the ties."""
        return self.results.result.weakest_label.lower()

    @property
    def weakest_heading(self) -> str:
        return self.results.result.weakest_heading

    @property
    def low_confidence_areas(self) -> tuple:
        """Scored areas with fewer than half their statements rated 1 to 5."""
        return tuple(row for row in self.results.areas if row.score.low_confidence)

    @property
    def tied_weakest(self) -> tuple:
        """Other areas level with the weakest link: page 1 names them."""
        return self.results.result.weakest[1:]

    @property
    def area_summary(self) -> tuple[tuple, ...]:
        """(area row, change since last time or None) for page 1's table of areas."""
        comparison = self.results.comparison
        changes = {item.key: item.change for item in comparison.areas} if comparison else {}
        return tuple((row, changes.get(row.key)) for row in self.results.areas)

    @property
    def has_unscored_area(self) -> bool:
        return any(not row.score.scored for row in self.results.areas)

    @property
    def currency(self) -> str:
        return self.organization.currency

    @property
    def filename(self) -> str:
        return assessment_pdf_filename(self.organization, self.printed_date, draft=self.is_draft)


def assessment_printout(
    *, assessment: Assessment, organization: Organization
) -> AssessmentPrintout:
    """The printout of one assessment (complete, or a draft marked as such).

    Constant queries: the results (see `results_for`), the investment lines and
    settings, and, for a draft only, the canvas's notes and the latest closed pulse's
    figures (a completed assessment stored those). Investment & return print as stored
    at completion, with a line when today's figures differ; a draft, or an assessment
    completed before assessments kept them, prints today's, labelled with today's date.
    """
    results = results_for(assessment)
    snapshot = results.snapshot
    is_current = snapshot is None
    if is_current:
        snapshot = snapshot_canvas(assessment.canvas)
        record = pulse_record(assessment.canvas, before=timezone.now())
    else:
        record = snapshot.get(PULSE_KEY)
    today = load_investment(assessment.canvas)
    stored = snapshot.get(INVESTMENT_KEY)
    investment = investment_from_record(stored) if stored else today
    as_of = timezone.localtime(assessment.completed_at).date() if stored else timezone.localdate()
    report = pulse_report(
        record,
        team_scores={row.key: row.score.display for row in results.areas},
        team_overall=results.result.overall_display,
    )
    return AssessmentPrintout(
        organization=organization,
        canvas=assessment.canvas,
        assessment=assessment,
        results=results,
        investment=investment,
        sheets=poster_sheets(
            snapshot,
            paper=PAPERS["a4"],
            figures=figure_lines(
                scores={row.key: row.score.display for row in results.areas},
                day=timezone.localtime(assessment.completed_at or assessment.started_at),
                money=investment.figures,
                currency=organization.currency,
            ),
        ),
        snapshot_is_current_canvas=is_current,
        figures_date=as_of,
        figures_stored=bool(stored),
        today_figures=today.figures,
        pulse=report,
        message=message_for(assessment),
    )
