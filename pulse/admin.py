from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from pulse.models import Answer, Comment, Pulse, PulseStatement, PulseStatementSet, Response

LOCKED_HELP = (
    "This set is published or a pulse has used it, so it can't change: old results must keep "
    "their wording. Use “Copy into a new draft version” to change the wording, then publish "
    "the draft."
)


def _locked(statement_set: PulseStatementSet | None) -> bool:
    """Only drafts nobody has used are editable."""
    return statement_set is not None and statement_set.pk is not None and statement_set.is_locked


class PulseStatementInline(admin.TabularInline):
    model = PulseStatement
    extra = 0
    max_num = 6
    fields = ["area", "text"]

    def has_add_permission(self, request, obj=None):
        return not _locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


@admin.register(PulseStatementSet)
class PulseStatementSetAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "status", "is_default", "pulse_count", "frozen"]
    list_filter = ["status", "is_default"]
    search_fields = ["name"]
    readonly_fields = ["status", "is_default", "published_at", "based_on", "created_at", "frozen"]
    inlines = [PulseStatementInline]
    actions = ["new_version", "publish"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_pulses=Count("pulses"))

    @admin.display(description="Pulses", ordering="_pulses")
    def pulse_count(self, obj):
        return getattr(obj, "_pulses", None)

    @admin.display(description="Frozen", boolean=True)
    def frozen(self, obj):
        if obj.pk is None:
            return False
        count = getattr(obj, "_pulses", None)
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
        for statement_set in queryset:
            draft = statement_set.new_version()
            url = reverse("admin:pulse_pulsestatementset_change", args=[draft.pk])
            self.message_user(
                request,
                format_html('Created <a href="{}">{}</a> as an editable draft.', url, draft),
                messages.SUCCESS,
            )

    @admin.action(description="Publish and make the default for new pulses")
    def publish(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Publish one set at a time.", messages.ERROR)
            return
        statement_set = queryset.get()
        try:
            statement_set.publish()
        except ValidationError as error:
            self.message_user(
                request,
                f"{statement_set} can't be published yet: " + " ".join(error.messages),
                messages.ERROR,
            )
            return
        self.message_user(
            request,
            f"{statement_set} is now the default. Pulses already opened keep their own set.",
            messages.SUCCESS,
        )


@admin.register(Pulse)
class PulseAdmin(admin.ModelAdmin):
    list_display = ["canvas", "created_at", "closes_on", "closed_at", "revoked_at", "responses"]
    list_filter = ["closes_on", "revoked_at"]
    list_select_related = ["canvas", "canvas__organization"]
    search_fields = ["canvas__title", "canvas__organization__name"]
    readonly_fields = ["canvas", "statement_set", "token", "created_by", "created_at"]
    fields = [
        "canvas",
        "statement_set",
        "token",
        "groups",
        "closes_on",
        "intro",
        "show_results_to_respondents",
        "closed_at",
        "revoked_at",
        "created_by",
        "created_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_responses=Count("responses"))

    @admin.display(description="Responses", ordering="_responses")
    def responses(self, obj):
        return getattr(obj, "_responses", None)

    def has_add_permission(self, request):
        return False  # pulses are opened from the canvas, which builds the link and the set


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AnswerInline(ReadOnlyInline):
    model = Answer
    fields = ["area", "score"]
    readonly_fields = fields


class CommentInline(ReadOnlyInline):
    model = Comment
    fields = ["text", "hidden"]
    readonly_fields = fields


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Responses are what people said: readable here, never changed or added. Deleting one
    (spam, say) is allowed, and deleting a pulse, canvas or organization takes its responses."""

    list_display = ["pk", "pulse", "group", "submitted_on"]
    list_filter = ["group", "submitted_on"]
    list_select_related = ["pulse", "pulse__canvas"]
    readonly_fields = ["pulse", "group", "submitted_on"]
    inlines = [AnswerInline, CommentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Comments can be hidden (or shown again) here; their words never change."""

    list_display = ["__str__", "pulse", "hidden"]
    list_filter = ["hidden"]
    list_select_related = ["pulse", "pulse__canvas"]
    readonly_fields = ["pulse", "response", "text"]
    fields = ["pulse", "response", "text", "hidden"]

    def has_add_permission(self, request):
        return False
