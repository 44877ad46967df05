"""Admin for segments, personas and journey stages.

An admin save counts as a change like any other: it bumps the record's version
(so someone with the record open in the app gets a conflict instead of quietly
overwriting it) and records who saved. Positions are only changed in the app,
which keeps each list numbered 0..n-1; a record added here goes to the end.
"""

from django import forms
from django.contrib import admin
from django.db import models

from canvas.areas import ValueKind
from canvas.ordering import next_position
from customers.models import JourneyStage, Persona, Segment

AUTHORED = ["version", "created_at", "created_by", "updated_at", "updated_by"]


def _save_as_change(obj, user) -> None:
    """Save an admin-edited record with a new version, or append a new one to its list."""
    obj.updated_by = user
    if obj.pk is None:
        obj.created_by = user
        obj.position = next_position(obj.siblings())
        obj.save()
        return
    obj.version = models.F("version") + 1
    obj.save()
    obj.refresh_from_db(fields=["version"])


class VersionedAdmin(admin.ModelAdmin):
    readonly_fields = ["position", *AUTHORED]

    def save_model(self, request, obj, form, change):
        _save_as_change(obj, request.user)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            _save_as_change(obj, request.user)
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


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


class SegmentAdminForm(forms.ModelForm):
    expected_value = forms.MultipleChoiceField(
        choices=ValueKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Value they expect",
    )

    class Meta:
        model = Segment
        fields = [
            "canvas",
            "name",
            "kind",
            "headcount",
            "expectations",
            "expected_value",
            "experience",
            "value_to_them",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["expected_value"] = self.instance.expected_kinds


@admin.register(Segment)
class SegmentAdmin(VersionedAdmin):
    form = SegmentAdminForm
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
class PersonaAdmin(VersionedAdmin):
    list_display = ["name", "role", "segment", "tech_access", "schedule", "location"]
    list_filter = ["tech_access", "schedule", "location", "segment__canvas__organization"]
    search_fields = ["name", "role", "description", "segment__name"]
    list_select_related = ["segment"]
    raw_id_fields = ["segment"]
    inlines = [JourneyStageInline]


@admin.register(JourneyStage)
class JourneyStageAdmin(VersionedAdmin):
    list_display = ["name", "persona", "position", "feeling", "touchpoint"]
    list_filter = ["feeling", "persona__segment__canvas__organization"]
    search_fields = ["name", "doing", "pain_points", "opportunities", "persona__name"]
    list_select_related = ["persona"]
    raw_id_fields = ["persona"]
