"""The admin of a versioned wording set (the self-assessment's question sets, the pulse's
statement sets): drafts are edited in place; once published or used by anyone a set is
read-only, because old results must keep their wording. "Copy into a new draft version"
and "Publish" are how the wording changes.

A set model offers `is_locked`, `new_version()` and `publish()`; the admin names the
reverse relation that counts its uses (`used_by`).
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from core.admin import CheckedInputMixin


def set_locked(wording_set) -> bool:
    """Only drafts nobody has used are editable; published or used sets are read-only."""
    return wording_set is not None and wording_set.pk is not None and wording_set.is_locked


class LockedWithSetMixin:
    """For inlines and admins of a set's parts: read-only once the set is locked.
    `set_of(obj)` finds the set from the object the admin page is about."""

    @staticmethod
    def set_of(obj):
        return obj

    def has_add_permission(self, request, obj=None):
        return not set_locked(self.set_of(obj)) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not set_locked(self.set_of(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not set_locked(self.set_of(obj)) and super().has_delete_permission(request, obj)


class WordingSetAdmin(CheckedInputMixin, admin.ModelAdmin):
    """A versioned set's list, its lock, and its two actions."""

    used_by = ""  # the reverse relation counting uses: "assessments", "pulses"
    used_by_label = ""  # its column heading: "Assessments"
    locked_help = ""  # the subtitle of a locked set's page
    published_note = ""  # after publishing: who keeps their own set

    list_display = ["name", "version", "status", "is_default", "use_count", "frozen"]
    list_filter = ["status", "is_default"]
    search_fields = ["name"]
    readonly_fields = ["status", "is_default", "published_at", "based_on", "created_at", "frozen"]
    actions = ["new_version", "publish"]

    def __init_subclass__(cls, **kwargs):
        """The uses column, headed by the subclass's `used_by_label`."""
        super().__init_subclass__(**kwargs)

        @admin.display(description=cls.used_by_label, ordering="_uses")
        def use_count(self, obj):
            return getattr(obj, "_uses", None)

        cls.use_count = use_count

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_uses=Count(self.used_by))

    @admin.display(description="Frozen", boolean=True)
    def frozen(self, obj):
        if obj.pk is None:
            return False
        count = getattr(obj, "_uses", None)
        return bool(count) if count is not None else obj.is_frozen

    def has_change_permission(self, request, obj=None):
        return not set_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not set_locked(obj) and super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if set_locked(obj):
            context["subtitle"] = self.locked_help
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    @admin.action(description="Copy into a new draft version")
    def new_version(self, request, queryset):
        opts = self.model._meta
        for wording_set in queryset:
            draft = wording_set.new_version()
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[draft.pk])
            self.message_user(
                request,
                format_html('Created <a href="{}">{}</a> as an editable draft.', url, draft),
                messages.SUCCESS,
            )

    @admin.action(description="Publish and make the default")
    def publish(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Publish one set at a time.", messages.ERROR)
            return
        wording_set = queryset.get()
        try:
            wording_set.publish()
        except ValidationError as error:
            self.message_user(
                request,
                f"{wording_set} can't be published yet: " + " ".join(error.messages),
                messages.ERROR,
            )
            return
        self.message_user(
            request, f"{wording_set} is now the default. {self.published_note}", messages.SUCCESS
        )
