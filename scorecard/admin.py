from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from scorecard.models import MAX_STATEMENTS, Assessment, Question, QuestionArea, QuestionSet

LOCKED_HELP = (
    "This set is published, so it can't change: assessments use it as it is, and old "
    "results must never change. Use the “Copy into a new draft version” action to change "
    "the wording, then publish the draft."
)


def _locked(question_set: QuestionSet | None) -> bool:
    """Only drafts nobody has used are editable; published (or used) sets are read-only."""
    if question_set is None or question_set.pk is None:
        return False
    return question_set.status == QuestionSet.Status.PUBLISHED or question_set.is_frozen


class QuestionAreaInline(admin.StackedInline):
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

    def has_add_permission(self, request, obj=None):
        return not _locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


@admin.register(QuestionSet)
class QuestionSetAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "status", "is_default", "assessment_count", "frozen"]
    list_filter = ["status", "is_default"]
    search_fields = ["name"]
    readonly_fields = ["status", "is_default", "published_at", "based_on", "created_at", "frozen"]
    inlines = [QuestionAreaInline]
    actions = ["new_version", "publish"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_assessments=Count("assessments"))

    @admin.display(description="Assessments", ordering="_assessments")
    def assessment_count(self, obj):
        return getattr(obj, "_assessments", None)

    @admin.display(description="Frozen", boolean=True)
    def frozen(self, obj):
        if obj.pk is None:
            return False
        count = getattr(obj, "_assessments", None)
        return bool(count) if count is not None else obj.is_frozen

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if _locked(obj):
            context["subtitle"] = LOCKED_HELP
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    @admin.action(description="Copy into a new draft version")
    def new_version(self, request, queryset):
        for question_set in queryset:
            draft = question_set.new_version()
            url = reverse("admin:scorecard_questionset_change", args=[draft.pk])
            self.message_user(
                request,
                format_html('Created <a href="{}">{}</a> as an editable draft.', url, draft),
                messages.SUCCESS,
            )

    @admin.action(description="Publish and make the default for new assessments")
    def publish(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Publish one set at a time.", messages.ERROR)
            return
        question_set = queryset.get()
        try:
            question_set.publish()
        except ValidationError as error:
            self.message_user(
                request,
                f"{question_set} can't be published yet: " + " ".join(error.messages),
                messages.ERROR,
            )
            return
        self.message_user(
            request,
            f"{question_set} is now the default. Assessments already taken keep their own set.",
            messages.SUCCESS,
        )


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    max_num = MAX_STATEMENTS
    fields = ["position", "text", "weight", "advice"]

    def has_add_permission(self, request, obj=None):
        return not _locked(obj and obj.question_set) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        locked = _locked(obj and obj.question_set)
        return not locked and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        locked = _locked(obj and obj.question_set)
        return not locked and super().has_delete_permission(request, obj)


@admin.register(QuestionArea)
class QuestionAreaAdmin(admin.ModelAdmin):
    """An area of a set with its statements (reached from the set's page)."""

    list_display = ["__str__", "question_set", "weight"]
    list_filter = ["question_set"]
    list_select_related = ["question_set"]
    inlines = [QuestionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        locked = _locked(obj and obj.question_set)
        return not locked and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        locked = _locked(obj and obj.question_set)
        return not locked and super().has_delete_permission(request, obj)


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
