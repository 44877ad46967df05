from django.contrib import admin
from django.db.models import Count

from core.admin import CheckedInputMixin
from orgs.models import Membership, Organization


class MembershipInline(CheckedInputMixin, admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(CheckedInputMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "currency", "member_count", "canvas_count", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _members=Count("memberships", distinct=True),
                _canvases=Count("canvases", distinct=True),
            )
        )

    @admin.display(description="Members", ordering="_members")
    def member_count(self, obj):
        return obj._members

    @admin.display(description="Canvases", ordering="_canvases")
    def canvas_count(self, obj):
        return obj._canvases


@admin.register(Membership)
class MembershipAdmin(CheckedInputMixin, admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]
