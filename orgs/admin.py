import dataclasses

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse

from core.admin import CheckedInputMixin, UserAdmin
from orgs.models import Membership, Organization
from orgs.services import (
    LastOwnerError,
    delete_users,
    keeping_an_owner,
    last_owner_message,
    remove_members,
    save_membership,
    would_lose_last_owner,
)


class KeepsAnOwnerAdmin(admin.ModelAdmin):
    """An admin whose deletes or saves could leave an organization without an owner: it
    refuses them with a message (orgs.services keeps the rule, under a lock) instead of
    asking to confirm something that can't be done, and never answers 500."""

    def lost_owners(self, objs) -> list[Organization]:
        """The organizations deleting `objs` would leave without an owner."""
        raise NotImplementedError

    def _refuse(self, request, error_or_organizations, to: str):
        message = (
            str(error_or_organizations)
            if isinstance(error_or_organizations, LastOwnerError)
            else last_owner_message(error_or_organizations)
        )
        self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(to)

    def _change_url(self, obj) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and (lost := self.lost_owners([obj])):
            return self._refuse(request, lost, self._change_url(obj))
        try:
            return super().delete_view(request, object_id, extra_context)
        except LastOwnerError as error:
            return self._refuse(request, error, request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except LastOwnerError as error:  # lost a race with another admin: nothing was saved
            return self._refuse(request, error, request.get_full_path())

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if "delete_selected" in actions:
            delete_selected = actions["delete_selected"].func

            def refusing_delete_selected(modeladmin, request, queryset):
                if lost := self.lost_owners(queryset):
                    self._refuse(request, lost, request.get_full_path())
                    return None
                try:
                    return delete_selected(modeladmin, request, queryset)
                except LastOwnerError as error:
                    self._refuse(request, error, request.get_full_path())
                    return None

            actions["delete_selected"] = dataclasses.replace(
                actions["delete_selected"], func=refusing_delete_selected
            )
        return actions


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    """The organization's members as the admin edits them: at least one stays an owner."""

    def clean(self):
        super().clean()
        organization = self.instance
        if organization.pk is None or any(self.errors):
            return
        had_owner = organization.memberships.filter(role=Membership.Role.OWNER).exists()
        owners_after = [
            form
            for form in self.forms
            if form.cleaned_data
            and not self._should_delete_form(form)
            and form.cleaned_data.get("role") == Membership.Role.OWNER
        ]
        if had_owner and not owners_after:
            raise forms.ValidationError(last_owner_message([organization]))


class MembershipInline(CheckedInputMixin, admin.TabularInline):
    model = Membership
    formset = MembershipInlineFormSet
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(CheckedInputMixin, KeepsAnOwnerAdmin):
    list_display = ["name", "slug", "currency", "member_count", "canvas_count", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def lost_owners(self, objs):
        return []  # deleting the organization takes its memberships with it

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _members=Count("memberships", distinct=True),
                _canvases=Count("canvases", distinct=True),
            )
        )

    def save_related(self, request, form, formsets, change):
        organization_ids = [form.instance.pk] if change else []
        with keeping_an_owner(organization_ids):
            super().save_related(request, form, formsets, change)

    @admin.display(description="Members", ordering="_members")
    def member_count(self, obj):
        return obj._members

    @admin.display(description="Canvases", ordering="_canvases")
    def canvas_count(self, obj):
        return obj._canvases


class MembershipAdminForm(forms.ModelForm):
    """A membership: the last owner of an organization can't be demoted or moved away."""

    class Meta:
        model = Membership
        fields = ["user", "organization", "role"]

    def clean(self):
        cleaned = super().clean()
        stored = Membership.objects.filter(pk=self.instance.pk).first()
        if stored is None or stored.role != Membership.Role.OWNER:
            return cleaned
        stays_owner = cleaned.get("role") == Membership.Role.OWNER and (
            cleaned.get("organization") == stored.organization
        )
        if not stays_owner and would_lose_last_owner(memberships=[stored]):
            self.add_error("role", last_owner_message([stored.organization]))
        return cleaned


@admin.register(Membership)
class MembershipAdmin(CheckedInputMixin, KeepsAnOwnerAdmin):
    form = MembershipAdminForm
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]

    def lost_owners(self, objs):
        return would_lose_last_owner(memberships=objs)

    def save_model(self, request, obj, form, change):
        save_membership(membership=obj)

    def delete_model(self, request, obj):
        remove_members(memberships=[obj])

    def delete_queryset(self, request, queryset):
        remove_members(memberships=queryset)


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class OrgUserAdmin(KeepsAnOwnerAdmin, UserAdmin):
    """Django's user admin, refusing to delete the last owner of an organization."""

    def lost_owners(self, objs):
        return would_lose_last_owner(users=objs)

    def delete_model(self, request, obj):
        delete_users(users=[obj])

    def delete_queryset(self, request, queryset):
        delete_users(users=queryset)
