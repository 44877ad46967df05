from django.contrib import admin

from sharing.models import ShareLink


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ("__str__", "canvas", "created_at", "expires_on", "last_used_at", "revoked_at")
    list_select_related = ("canvas",)
    readonly_fields = ("token", "created_at", "created_by", "last_used_at", "revoked_by")
    raw_id_fields = ("canvas", "assessment")
