"""Admin for segments, personas and journey stages.

Saves go through canvas.admin.VersionedAdmin: a change is a new version (someone
with the record open in the app gets a conflict instead of quietly overwriting
it), a record added here goes to the end of its list and a deleted one closes
the gap, so each list stays numbered 0..n-1.
"""

from django.contrib import admin

from core.admin import VersionedAdmin, VersionedAdminForm
from customers.forms import ExpectedValueField, SegmentForm
from customers.models import JourneyStage, Persona, Segment

AUTHORED = ["version", "created_at", "created_by", "updated_at", "updated_by"]


class CustomerAdmin(VersionedAdmin):
    readonly_fields = ["position", *AUTHORED]


class PersonaInline(admin.TabularInline):
    model = Persona
    extra = 0
    fields = ["position", "name", "role", "tech_access", "schedule", "location"]
    readonly_fields = ["position"]
    ordering = ["position"]
    show_change_link = True


class JourneyStageInline(admin.TabularInline):
    model = JourneyStage
    extra = 0
    fields = ["position", "name", "touchpoint", "feeling", "pain_points", "opportunities"]
    readonly_fields = ["position"]
    ordering = ["position"]


class SegmentAdminForm(ExpectedValueField, VersionedAdminForm):
    class Meta:
        model = Segment
        fields = ["canvas", *SegmentForm.Meta.fields]


@admin.register(Segment)
class SegmentAdmin(CustomerAdmin):
    form = SegmentAdminForm
    parent = "canvas"
    list_display = [
        "name",
        "canvas",
        "kind",
        "headcount",
        "experience",
        "value_to_them",
        "position",
    ]
    list_filter = ["kind", "canvas__organization"]
    search_fields = ["name", "expectations", "canvas__title"]
    list_select_related = ["canvas"]
    raw_id_fields = ["canvas"]
    inlines = [PersonaInline]


@admin.register(Persona)
class PersonaAdmin(CustomerAdmin):
    parent = "segment"
    list_display = ["name", "role", "segment", "tech_access", "schedule", "location"]
    list_filter = ["tech_access", "schedule", "location", "segment__canvas__organization"]
    search_fields = ["name", "role", "description", "segment__name"]
    list_select_related = ["segment"]
    raw_id_fields = ["segment"]
    inlines = [JourneyStageInline]


@admin.register(JourneyStage)
class JourneyStageAdmin(CustomerAdmin):
    parent = "persona"
    list_display = ["name", "persona", "position", "feeling", "touchpoint"]
    list_filter = ["feeling", "persona__segment__canvas__organization"]
    search_fields = ["name", "doing", "pain_points", "opportunities", "persona__name"]
    list_select_related = ["persona"]
    raw_id_fields = ["persona"]
