from django.contrib import admin

from canvas.models import Canvas, Note


class NoteInline(admin.TabularInline):
    model = Note
    extra = 0
    fields = ["area", "position", "text", "colour"]
    ordering = ["area", "position"]


@admin.register(Canvas)
class CanvasAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "updated_at", "updated_by"]
    list_filter = ["organization"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["organization", "updated_by"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "version"]
    inlines = [NoteInline]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "canvas", "area", "position", "colour", "updated_at"]
    list_filter = ["area", "colour", "canvas__organization"]
    search_fields = ["text", "canvas__title"]
    list_select_related = ["canvas"]
    raw_id_fields = ["canvas"]
    readonly_fields = ["version"]
