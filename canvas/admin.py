from django.contrib import admin

from canvas.forms import CanvasForm
from canvas.models import Canvas, Note
from canvas.services import restore_canvas
from core.admin import VersionedAdmin, VersionedAdminForm


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


class CanvasAdminForm(VersionedAdminForm, CanvasForm):
    """The app's canvas form with the organization: value kinds are checkboxes, so only
    known kinds can be stored, and none ticked is an empty list."""

    class Meta(CanvasForm.Meta):
        fields = ["organization", *CanvasForm.Meta.fields]


class InTrashFilter(admin.SimpleListFilter):
    title = "trash"
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("no", "Not in the trash"), ("yes", "In the trash")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.trashed()
        if self.value() == "no":
            return queryset.live()
        return queryset


@admin.register(Canvas)
class CanvasAdmin(VersionedAdmin):
    """Every canvas, those in an organization's trash too. Deleting here is for good."""

    form = CanvasAdminForm
    list_display = ["title", "organization", "updated_at", "updated_by", "trashed_at"]
    list_filter = [InTrashFilter, "organization"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["organization", "updated_by"]
    autocomplete_fields = ["organization"]
    readonly_fields = [
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "version",
        "trashed_at",
        "trashed_by",
    ]
    inlines = [NoteInline]
    actions = ["restore_from_trash"]

    def get_queryset(self, request):
        return Canvas.everything.select_related("organization")

    @admin.action(description="Restore the selected canvases from the trash")
    def restore_from_trash(self, request, queryset):
        restored = [canvas for canvas in queryset.trashed() if restore_canvas(canvas=canvas)]
        self.message_user(request, f"Restored {len(restored)} canvas(es) from the trash.")


@admin.register(Note)
class NoteAdmin(VersionedAdmin):
    list_display = ["__str__", "canvas", "area", "position", "colour", "updated_at"]
    list_filter = ["area", "colour", "canvas__organization"]
    search_fields = ["text", "canvas__title"]
    list_select_related = ["canvas"]
    raw_id_fields = ["canvas"]
    readonly_fields = ["area", "position", "version"]
    parent = "canvas"

    def has_add_permission(self, request):
        return False
