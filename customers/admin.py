from django.contrib import admin

from customers.models import JourneyStage, Persona, Segment


class PersonaInline(admin.TabularInline):
    model = Persona
    extra = 0
    fields = ["position", "name", "role", "tech_access", "schedule", "location"]
    ordering = ["position"]
    show_change_link = True


class JourneyStageInline(admin.TabularInline):
    model = JourneyStage
    extra = 0
    fields = ["position", "name", "touchpoint", "feeling", "pain_points", "opportunities"]
    ordering = ["position"]


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
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
    readonly_fields = ["version", "created_at", "created_by", "updated_at", "updated_by"]
    inlines = [PersonaInline]


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "segment", "tech_access", "schedule", "location"]
    list_filter = ["tech_access", "schedule", "location", "segment__canvas__organization"]
    search_fields = ["name", "role", "description", "segment__name"]
    list_select_related = ["segment"]
    raw_id_fields = ["segment"]
    readonly_fields = ["version", "created_at", "created_by", "updated_at", "updated_by"]
    inlines = [JourneyStageInline]


@admin.register(JourneyStage)
class JourneyStageAdmin(admin.ModelAdmin):
    list_display = ["name", "persona", "position", "feeling", "touchpoint"]
    list_filter = ["feeling", "persona__segment__canvas__organization"]
    search_fields = ["name", "doing", "pain_points", "opportunities", "persona__name"]
    list_select_related = ["persona"]
    raw_id_fields = ["persona"]
    readonly_fields = ["version", "created_at", "created_by", "updated_at", "updated_by"]
