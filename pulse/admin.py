from django import forms
from django.contrib import admin
from django.db.models import Count

from core.admin import CheckedInputMixin
from core.wording_admin import LockedWithSetMixin, WordingSetAdmin
from pulse.forms import PulseOpenForm
from pulse.models import Answer, Comment, Pulse, PulseStatement, PulseStatementSet, Response


class PulseStatementInline(LockedWithSetMixin, admin.TabularInline):
    model = PulseStatement
    extra = 0
    max_num = 6
    fields = ["area", "text"]


@admin.register(PulseStatementSet)
class PulseStatementSetAdmin(WordingSetAdmin):
    used_by = "pulses"
    used_by_label = "Pulses"
    locked_help = (
        "This set is published or a pulse has used it, so it can't change: old results must "
        "keep their wording. Use “Copy into a new draft version” to change the wording, then "
        "publish the draft."
    )
    published_note = "Pulses already opened keep their own set."
    inlines = [PulseStatementInline]


class PulseAdminForm(forms.ModelForm):
    """The groups are ticked from the known groups, as when opening a pulse, not typed as
    JSON; none ticked is an error by the field."""

    groups = PulseOpenForm.base_fields["groups"]

    class Meta:
        model = Pulse
        fields = ["groups", "closes_on", "intro", "show_results_to_respondents"]


@admin.register(Pulse)
class PulseAdmin(CheckedInputMixin, admin.ModelAdmin):
    form = PulseAdminForm
    list_display = ["canvas", "created_at", "closes_on", "closed_at", "revoked_at", "responses"]
    list_filter = ["closes_on", "revoked_at"]
    list_select_related = ["canvas", "canvas__organization"]
    search_fields = ["canvas__title", "canvas__organization__name"]
    # Closing and revoking happen on the canvas's pulse page, which says what they mean.
    readonly_fields = [
        "canvas",
        "statement_set",
        "token",
        "closed_at",
        "revoked_at",
        "created_by",
        "created_at",
    ]
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
