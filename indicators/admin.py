"""Admin for indicators and their readings, filterable by organization and canvas.

Saves go through core.admin.VersionedAdmin: a change is a new version (someone with the
indicator open on the dashboard gets a conflict instead of quietly overwriting it), a new
indicator goes to the end of its canvas's list and a deleted one closes the gap.
"""

from django.contrib import admin

from core.admin import VersionedAdmin, VersionedAdminForm
from indicators import rules
from indicators.models import Indicator, Link, Reading

AUTHORED = ["version", "created_at", "updated_at", "updated_by"]


class IndicatorAdminForm(VersionedAdminForm):
    """The model's fields, with the dashboard's rule for thresholds."""

    class Meta:
        model = Indicator
        exclude = ["position"]

    def clean(self):
        cleaned = super().clean()
        errors = rules.threshold_errors(
            target=cleaned.get("target"),
            direction=cleaned.get("direction", ""),
            amber=cleaned.get("amber_threshold"),
            red=cleaned.get("red_threshold"),
        )
        for name, message in errors.items():
            if name in cleaned:
                self.add_error(name, message)
        return cleaned


class LinkInline(admin.TabularInline):
    """What the indicator drives; links are made on the dashboard, which keeps the chain
    free of loops, so here they can only be removed."""

    model = Link
    fk_name = "driver"
    fields = ["result", "created_at", "created_by"]
    readonly_fields = fields
    extra = 0
    verbose_name = "link to a result it drives"
    verbose_name_plural = "links to results it drives"

    def has_add_permission(self, request, obj=None):
        return False


class ReadingInline(admin.TabularInline):
    model = Reading
    fields = ["date", "value", "note", "automatic"]
    readonly_fields = ["automatic"]
    extra = 0
    ordering = ["-date"]


@admin.register(Indicator)
class IndicatorAdmin(VersionedAdmin):
    form = IndicatorAdminForm
    parent = "canvas"
    list_display = ["name", "canvas", "area", "kind", "measures", "fills_from", "archived_at"]
    list_filter = ["canvas__organization", "kind", "area", "measures", "fills_from"]
    search_fields = ["name", "owner_name", "canvas__title"]
    list_select_related = ["canvas"]
    raw_id_fields = ["canvas"]
    autocomplete_fields = ["owner"]
    # Archiving and bringing back happen on the dashboard, which keeps it to twelve.
    readonly_fields = ["archived_at", "position", *AUTHORED]
    inlines = [ReadingInline, LinkInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        obj.canvas.touch(request.user)


@admin.register(Reading)
class ReadingAdmin(VersionedAdmin):
    parent = "indicator"
    list_display = ["indicator", "date", "value", "automatic", "note"]
    list_filter = ["indicator__canvas__organization", "automatic"]
    search_fields = ["indicator__name", "note"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator"]
    readonly_fields = AUTHORED
    date_hierarchy = "date"
