"""Admin for investment & return: each canvas's lines, filterable by organization and canvas."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from core.admin import VersionedAdmin, VersionedAdminForm
from investment.forms import InvestmentLineForm
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from investment.services import add_line, delete_line


class LineAdmin(VersionedAdmin):
    """What cost and return lines share: positions belong to the page's ordering, so
    a new line goes at the end, a deleted one closes the gap, and neither position
    nor canvas is typed in; every change is a new version."""

    ordering = ["canvas", "position"]
    raw_id_fields = ["canvas"]
    list_select_related = ["canvas"]
    search_fields = ["label", "canvas__title"]

    parent = "canvas"

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "position"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if obj else [name for name in fields if name != "position"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)  # records the change on the canvas
        else:
            add_line(line=obj, canvas=obj.canvas, by=request.user)

    def delete_model(self, request, obj):
        delete_line(line=obj, expected_version=obj.version, by=request.user)

    def delete_queryset(self, request, queryset):
        for line in queryset.select_related("canvas"):
            delete_line(line=line, expected_version=line.version, by=request.user)


class InvestmentLineAdminForm(VersionedAdminForm, InvestmentLineForm):
    """The page's cost-line form, with the canvas: the same checks, the same
    "As usual for the category / Direct / Hidden" choice."""

    class Meta(InvestmentLineForm.Meta):
        fields = ["canvas", *InvestmentLineForm.Meta.fields]


def _lines_link(model, canvas_id: int, count: int, noun: str):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return format_html('<a href="{}?canvas__id__exact={}">{} {}</a>', url, canvas_id, count, noun)


@admin.register(InvestmentSettings)
class InvestmentSettingsAdmin(VersionedAdmin):
    """A canvas's period and headcounts, with links to its cost and return lines."""

    list_display = [
        "canvas",
        "organization",
        "period_label",
        "period_is_year",
        "learners_reached",
        "employee_headcount",
        "ld_staff_headcount",
        "cost_lines",
        "return_lines",
    ]
    list_filter = ["canvas__organization", "period_is_year"]
    list_select_related = ["canvas__organization"]
    search_fields = ["canvas__title", "canvas__organization__name", "period_label"]
    raw_id_fields = ["canvas"]
    readonly_fields = ["version", "updated_at", "updated_by", "cost_lines", "return_lines"]

    parent = "canvas"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _costs=Count("canvas__investment_lines", distinct=True),
                _returns=Count("canvas__return_lines", distinct=True),
            )
        )

    @admin.display(description="Organization", ordering="canvas__organization__name")
    def organization(self, obj):
        return obj.canvas.organization

    @admin.display(description="Cost lines")
    def cost_lines(self, obj):
        count = getattr(obj, "_costs", None)
        if count is None:
            count = InvestmentLine.objects.filter(canvas_id=obj.canvas_id).count()
        return _lines_link(InvestmentLine, obj.canvas_id, count, "cost lines")

    @admin.display(description="Return lines")
    def return_lines(self, obj):
        count = getattr(obj, "_returns", None)
        if count is None:
            count = ReturnLine.objects.filter(canvas_id=obj.canvas_id).count()
        return _lines_link(ReturnLine, obj.canvas_id, count, "return lines")


@admin.register(InvestmentLine)
class InvestmentLineAdmin(LineAdmin):
    form = InvestmentLineAdminForm
    list_display = ["label", "canvas", "category", "hidden", "cost_display", "position"]
    list_filter = ["canvas__organization", "canvas", "category", "hidden"]
    readonly_fields = ["version", "created_at", "updated_at", "updated_by", "cost_display"]

    @admin.display(description="Cost")
    def cost_display(self, obj):
        return obj.cost


@admin.register(ReturnLine)
class ReturnLineAdmin(LineAdmin):
    list_display = ["label", "canvas", "kind", "amount", "confidence", "adjusted", "position"]
    list_filter = ["canvas__organization", "canvas", "kind"]
    readonly_fields = ["version", "created_at", "updated_at", "updated_by", "adjusted"]

    @admin.display(description="Confidence-adjusted")
    def adjusted(self, obj):
        return obj.adjusted_amount
