from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from sesam.lib.admin import ReadOnlyMixin
from sesam.models import (
    AccessLog,
    Document,
    Membership,
    Message,
    NewsItem,
    ProductArea,
    Profession,
    ServiceLocation,
    User,
)

admin.site.site_header = _("Sesam – administration (Hjälpmedel)")
admin.site.site_title = _("Sesam admin")
admin.site.index_title = _("Administration")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["service_location"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "full_name",
        "email",
        "is_prescriber",
        "is_orderer",
        "is_active",
        "last_login",
    ]
    list_filter = [
        "is_prescriber",
        "profession",
        "is_orderer",
        "is_active",
        "is_staff",
        "service_locations",
        "product_areas",
    ]
    search_fields = ["username", "full_name", "email", "prescriber_code"]
    ordering = ["username"]
    inlines = [MembershipInline]
    filter_horizontal = ["product_areas", "linked_prescribers", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personuppgifter"), {"fields": ["full_name", "email", "phone"]}),
        (
            _("Roller"),
            {
                "fields": [
                    "is_prescriber",
                    "prescriber_code",
                    "profession",
                    "is_orderer",
                    "linked_prescribers",
                    "product_areas",
                    "default_source",
                ]
            },
        ),
        (
            _("Behörighet"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Datum"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["username", "full_name", "password1", "password2"]},
        ),
    ]


@admin.register(Profession)
class ProfessionAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(ProductArea)
class ProductAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(ServiceLocation)
class ServiceLocationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "city", "is_private"]
    list_filter = ["is_private", "product_areas", "city"]
    search_fields = ["code", "name", "city"]
    filter_horizontal = ["product_areas"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "subject", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "user__username", "user__full_name"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["published_on", "title", "product_area"]
    list_filter = ["product_area"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_on"


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """ACC-8: searchable by recipient (personnummer) or user; never changed or deleted."""

    list_display = ["at", "user", "service_location", "personnummer", "action"]
    list_filter = ["action", "service_location"]
    search_fields = ["=personnummer", "user__username", "user__full_name"]
    list_select_related = ["user", "service_location"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AccessLog._meta.fields]


@admin.register(Document)
class DocumentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """DOC-4: the printed documents by number; never changed or deleted."""

    list_display = ["number", "kind", "at", "by", "service_location", "recipient_id"]
    list_filter = ["kind", "service_location"]
    search_fields = ["=number", "=recipient_id", "by__username", "by__full_name"]
    list_select_related = ["by", "service_location"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in Document._meta.fields]
