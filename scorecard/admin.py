from django.contrib import admin
from django.utils.html import format_html, format_html_join

from core.wording_admin import LockedWithSetMixin, WordingSetAdmin
from scorecard.models import MAX_STATEMENTS, Assessment, Question, QuestionArea, QuestionSet


class QuestionAreaInline(LockedWithSetMixin, admin.StackedInline):
    model = QuestionArea
    extra = 0
    max_num = 6
    show_change_link = True
    fields = ["area", "weight", "advice_low", "advice_middle", "advice_high", "statements"]
    readonly_fields = ["statements"]

    @admin.display(description="Statements")
    def statements(self, area):
        if area.pk is None:
            return "Save first, then follow “Change” to add statements."
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li>{}</li>", ((q.text,) for q in area.questions.all())),
        )


@admin.register(QuestionSet)
class QuestionSetAdmin(WordingSetAdmin):
    used_by = "assessments"
    used_by_label = "Assessments"
    locked_help = (
        "This set is published, so it can't change: assessments use it as it is, and old "
        "results must never change. Use the “Copy into a new draft version” action to change "
        "the wording, then publish the draft."
    )
    published_note = "Assessments already taken keep their own set."
    inlines = [QuestionAreaInline]


class QuestionInline(LockedWithSetMixin, admin.TabularInline):
    model = Question
    extra = 0
    max_num = MAX_STATEMENTS
    fields = ["position", "text", "weight", "advice"]

    @staticmethod
    def set_of(area):
        return area and area.question_set


@admin.register(QuestionArea)
class QuestionAreaAdmin(LockedWithSetMixin, admin.ModelAdmin):
    """An area of a set with its statements (reached from the set's page)."""

    list_display = ["__str__", "question_set", "weight"]
    list_filter = ["question_set"]
    list_select_related = ["question_set"]
    inlines = [QuestionInline]

    @staticmethod
    def set_of(area):
        return area and area.question_set

    def has_add_permission(self, request):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["canvas", "question_set", "started_by", "started_at", "completed_at"]
    list_filter = ["completed_at", "question_set"]
    list_select_related = ["canvas", "question_set", "started_by"]
    search_fields = ["canvas__title", "canvas__organization__name"]
    readonly_fields = [
        "canvas",
        "question_set",
        "started_by",
        "started_at",
        "completed_by",
        "completed_at",
        "canvas_snapshot",
        "area_scores",
        "overall_score",
    ]

    def has_add_permission(self, request):
        return False
