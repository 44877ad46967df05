from django.contrib import admin

from canvas.concurrency import save_as_new_version
from canvas.models import Canvas, Note
from canvas.ordering import close_gaps, ordering_lock


class VersionedAdmin(admin.ModelAdmin):
    """Admin edits of shared records take part in the version check.

    Saving a change makes a new version (`save_as_new_version`), so a form a
    user opened before the admin's fix meets the usual edit conflict instead of
    silently overwriting it. Positions belong to the ordering code: list them in
    `readonly_fields` rather than editing them here.
    """

    def save_model(self, request, obj, form, change):
        if change:
            save_as_new_version(obj, by=request.user)
        else:
            super().save_model(request, obj, form, change)


class NoteInline(admin.TabularInline):
    """The canvas's notes at a glance; fix one on its own page (the pencil link).
    Adding, moving and deleting happen on the board, which keeps positions dense."""

    model = Note
    extra = 0
    fields = ["area", "position", "text", "colour"]
    readonly_fields = fields
    ordering = ["area", "position"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Canvas)
class CanvasAdmin(VersionedAdmin):
    list_display = ["title", "organization", "updated_at", "updated_by"]
    list_filter = ["organization"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["organization", "updated_by"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "version"]
    inlines = [NoteInline]


@admin.register(Note)
class NoteAdmin(VersionedAdmin):
    list_display = ["__str__", "canvas", "area", "position", "colour", "updated_at"]
    list_filter = ["area", "colour", "canvas__organization"]
    search_fields = ["text", "canvas__title"]
    list_select_related = ["canvas"]
    raw_id_fields = ["canvas"]
    readonly_fields = ["canvas", "area", "position", "version"]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        """Delete and close the gap, so the area's positions stay 0..n-1."""
        with ordering_lock(obj.canvas):
            obj.delete()
            close_gaps(obj.canvas.notes.filter(area=obj.area))

    def delete_queryset(self, request, queryset):
        for note in queryset.select_related("canvas"):
            self.delete_model(request, note)
