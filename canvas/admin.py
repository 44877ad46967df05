from django.contrib import admin

from canvas.forms import CanvasForm
from canvas.models import Canvas, Note
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


class CanvasAdminForm(VersionedAdminForm):
    """Value kinds are ticked from the known kinds, as in the app, not typed as JSON."""

    value_kinds = CanvasForm.declared_fields["value_kinds"]

    class Meta:
        model = Canvas
        fields = "__all__"

    def clean_value_kinds(self):
        """A list (cleared is empty, never null) of known kinds, each once."""
        return list(dict.fromkeys(self.cleaned_data.get("value_kinds") or []))


@admin.register(Canvas)
class CanvasAdmin(VersionedAdmin):
    form = CanvasAdminForm
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
    readonly_fields = ["area", "position", "version"]
    parent = "canvas"

    def has_add_permission(self, request):
        return False
