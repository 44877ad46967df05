from django.contrib import admin

from canvas.models import Canvas, Note
from canvas.ordering import close_gaps, ordering_lock


class VersionedAdmin(admin.ModelAdmin):
    """Admin edits of shared records take part in the version check.

    Saving a changed record (or a changed inline row) bumps its version, so a
    form a user opened before the admin's fix meets the usual edit conflict
    instead of silently overwriting it. Positions are kept by the ordering code,
    so list them in `readonly_fields` rather than editing them here.
    """

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for row in formset.forms:
            if row.instance.pk and row.has_changed() and hasattr(row.instance, "version"):
                row.instance.version += 1
        super().save_formset(request, form, formset, change)


class NoteInline(admin.TabularInline):
    """Fix a note's words or colour; adding, moving and deleting happen on the board,
    which keeps each area's positions dense."""

    model = Note
    extra = 0
    fields = ["area", "position", "text", "colour"]
    readonly_fields = ["area", "position"]
    ordering = ["area", "position"]
    can_delete = False

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
