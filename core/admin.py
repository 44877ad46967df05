"""The admin's side of the edit protocol (fixes made there are version-checked too), and
the admin's answer to junk input: a form error, never a server error."""

import math

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.live import change_of
from core.ordering import close_gaps, next_position, ordering_lock, rows_above
from core.versioning import save_as_new_version


class CheckedJSONField(forms.JSONField):
    """JSON the database can store: no NaN or Infinity (1e309 reads as Infinity), no NUL
    character or lone surrogate in text (PostgreSQL refuses both), and numbers Python can
    read. Django's own field lets these through to a DataError, or raises ValueError."""

    default_error_messages = {
        "invalid": "Enter valid JSON: finite numbers, and text without control characters.",
    }

    def to_python(self, value):
        try:
            converted = super().to_python(value)
        except ValueError as error:  # e.g. an integer of more than 4,300 digits
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not _storable(converted):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return converted

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except ValueError:  # the hidden initial value was tampered with
            return forms.fields.InvalidJSONInput(data)


def _storable(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return "\x00" not in value and not any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(item) for item in value)
    return True


def is_storable_key(field: models.Field, value) -> bool:
    """Whether `value` can be a value of `field` (a primary key) in the database: it reads
    as one, and a number fits the column (SQLite's driver raises OverflowError past 2**63)."""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class CheckedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete box that shows a posted value that is no id (abc, 1e309, 2**63)
    as no choice; Django's own looks it up and fails with ValueError or OverflowError.
    The field then says "Select a valid choice"."""

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        return super().optgroups(name, [v for v in value if is_storable_key(target, v)], attr)


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A many-to-many choice (a user's permissions) that refuses ids the database can't
    hold before it looks them up, where SQLite's driver would raise OverflowError."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        target = (
            self.queryset.model._meta.pk
            if key == "pk"
            else self.queryset.model._meta.get_field(key)
        )
        for item in value:
            if not isinstance(item, (list, tuple, set, dict)) and not is_storable_key(target, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


class CheckedInputMixin:
    """For every ModelAdmin and inline: junk typed or posted into a form is a form error.

    JSON fields refuse what the database would (`CheckedJSONField`), autocomplete
    boxes survive ids that aren't (`CheckedAutocompleteSelect`), and many-to-many
    choices refuse ids too big to look up (`CheckedModelMultipleChoiceField`).
    """

    formfield_overrides = {models.JSONField: {"form_class": CheckedJSONField}}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the admin opened, and refuses to save over a newer one."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_version")
        if self.instance.pk is not None and opened is not None and opened != self.instance.version:
            raise forms.ValidationError(
                "Someone changed this after you opened it, so nothing was saved. Copy what you "
                "typed, reload the page to see their change, then make yours again."
            )
        return cleaned


class VersionedAdmin(CheckedInputMixin, admin.ModelAdmin):
    """Admin fixes of shared records follow the app's rules.

    The form is checked against the version the admin opened (`VersionedAdminForm`),
    so an edit someone saved meanwhile is never overwritten by the admin either.
    A change is saved as a new version (`save_as_new_version`), so a form a user
    opened before the admin's fix meets the usual edit conflict instead of
    silently overwriting it. Positions belong to the ordering code: a record
    added here goes to the end of its list (its model's `siblings()`), a deleted
    one closes the gap, and `position` belongs in `readonly_fields`. Inline rows
    are saved the same way.
    """

    form = VersionedAdminForm
    parent = ""  # the foreign key naming the list a record sits in ("canvas", "segment"...)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.parent and self.parent not in fields:
            fields.append(self.parent)  # moving a record to another list would break positions
        return fields

    def list_lock(self, obj):
        """The same lock the app takes while positions in the record's list change."""
        return ordering_lock(getattr(obj, self.parent)) if self.parent else transaction.atomic()

    def save_model(self, request, obj, form, change):
        with self.list_lock(obj):
            save_from_admin(obj, by=request.user)
            record_on_canvas(obj, by=request.user, verb="edit" if change else "add")

    def save_formset(self, request, form, formset, change):
        with ordering_lock(formset.instance):  # inline rows are the parent's list
            for obj in formset.save(commit=False):
                save_from_admin(obj, by=request.user)
                record_on_canvas(obj, by=request.user, verb="edit")
            for obj in formset.deleted_objects:
                delete_from_admin(obj)
                record_on_canvas(obj, by=request.user, verb="delete")
            formset.save_m2m()

    def delete_model(self, request, obj):
        with self.list_lock(obj):
            pk = obj.pk
            delete_from_admin(obj)
            obj.pk = pk  # the change names the record it deleted
            record_on_canvas(obj, by=request.user, verb="delete")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


def record_on_canvas(obj, *, by, verb: str) -> None:
    """An admin's fix reaches open pages like any change: the row at the top of the
    record's lock chain (its canvas) records who changed it, and what (`touch`)."""
    top = ([*rows_above(obj), obj])[0]
    touch = getattr(top, "touch", None)
    if touch is not None:
        touch(by, change_of(obj, verb))


def save_from_admin(obj, *, by) -> None:
    """Save an admin's change as a new version, or a new record at the end of its list."""
    if obj.pk is not None:
        save_as_new_version(obj, by=by)
        return
    for field in ("created_by", "updated_by"):
        if hasattr(obj, f"{field}_id"):
            setattr(obj, field, by)
    if hasattr(obj, "siblings"):
        obj.position = next_position(obj.siblings())
    obj.save()


def delete_from_admin(obj) -> None:
    """Delete a record and close the gap it leaves in its list."""
    obj.delete()
    if hasattr(obj, "siblings"):
        close_gaps(obj.siblings())


# Django's own user and group admins, with the same checks.
class UserAdmin(CheckedInputMixin, auth_admin.UserAdmin):
    pass


class GroupAdmin(CheckedInputMixin, auth_admin.GroupAdmin):
    pass


for _model, _admin in ((get_user_model(), UserAdmin), (Group, GroupAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
