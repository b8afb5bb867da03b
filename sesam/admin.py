from urllib.parse import urlsplit

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as LoginLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import Resolver404, resolve
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin as BaseTaskResultAdmin
from django_tasks_db.models import DBTaskResult, get_date_max

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
    search_fields = ["username", "full_name", "email", "prescriber_code", "=hsa_id"]
    ordering = ["username"]
    inlines = [MembershipInline]
    filter_horizontal = ["product_areas", "linked_prescribers", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personuppgifter"), {"fields": ["full_name", "email", "phone", "hsa_id"]}),
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
    list_display = ["code", "name", "city", "hsa_id", "is_private"]
    list_filter = ["is_private", "product_areas", "city"]
    search_fields = ["code", "name", "city", "=hsa_id"]
    filter_horizontal = ["product_areas"]


# The pages a message links to that belong to a recipient: view name → model (by `number`).
MESSAGE_LINKS = {
    "orders:detail": "orders.order",
    "activities:activity_detail": "activities.activity",
    "activities:pickup_detail": "activities.pickuporder",
}


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "subject", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "user__username", "user__full_name"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    list_shows_recipients = False  # the subject names the order or activity, not the person

    def shown_recipients(self, pks) -> dict[int, str]:
        """ACC-8: a message's text may name the recipient of the order, activity or pickup
        order it links to (HOME-5); that recipient is the one the page shows."""
        numbers: dict[str, set[str]] = {}
        for link in Message.objects.filter(pk__in=list(pks)).values_list("link", flat=True):
            try:
                match = resolve(urlsplit(link).path)
            except Resolver404:
                continue
            if match.view_name in MESSAGE_LINKS and "number" in match.kwargs:
                numbers.setdefault(MESSAGE_LINKS[match.view_name], set()).add(
                    match.kwargs["number"]
                )
        found: dict[int, str] = {}
        for label, wanted in numbers.items():
            rows = apps.get_model(label)._default_manager.filter(
                number__in=wanted, recipient__isnull=False
            )
            found.update(rows.values_list("recipient__pk", "recipient__personnummer"))
        return found


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["published_on", "title", "product_area"]
    list_filter = ["product_area"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_on"


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """ACC-8: searchable by recipient (personnummer) or user; never changed or deleted. Reading
    the log is the audit itself and writes no rows into it (ACC-D103)."""

    list_display = [
        "at",
        "user",
        "service_location",
        "personnummer",
        "action",
        "sign_in_method",
        "assignment",
    ]
    list_filter = ["action", "service_location", "sign_in_method"]
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


# --- The login audit (django-axes): shown and searched, never changed or deleted (ACC-D101) ---


class _LoginAudit(ReadOnlyMixin):
    actions = None  # neither delete_selected nor axes' "Clean up expired attempts"


for _model, _admin in [
    (AccessAttempt, axes_admin.AccessAttemptAdmin),
    (LoginLog, axes_admin.AccessLogAdmin),
    (AccessFailureLog, axes_admin.AccessFailureLogAdmin),
]:
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, type(_admin.__name__, (_LoginAudit, _admin), {}))


# --- Background tasks (django-tasks-db) in Swedish -------------------------------------------
# The package's admin is English; Hjälpmedel reads a failed task's error here (BEY-7, issue 19).
TASK_COLUMNS = {
    "id": _("id"),
    "status": _("status"),
    "task_path": _("uppgift"),
    "enqueued_at": _("köad"),
    "started_at": _("startad"),
    "finished_at": _("klar"),
    "run_after": _("körs tidigast"),
    "priority": _("prioritet"),
    "queue_name": _("kö"),
    "backend_name": _("lagring"),
    "worker_ids": _("arbetare"),
    "args_kwargs": _("argument"),
    "return_value": _("resultat"),
    "exception_class_path": _("fel (typ)"),
    "traceback": _("fel (spårning)"),
}


def _task_column(name, label):
    def column(self, obj):
        value = getattr(obj, name)
        if name == "status":
            return obj.get_status_display()
        if name == "traceback":
            return format_html("<pre>{}</pre>", value) if value else "–"
        if name == "run_after" and value == get_date_max():
            return "–"
        return value

    column.short_description = label
    column.__name__ = f"sv_{name}"
    return column


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(BaseTaskResultAdmin):
    list_display = ["sv_id", "sv_task_path", "sv_status", "sv_enqueued_at", "sv_finished_at"]

    def get_readonly_fields(self, request, obj=None):
        return [f"sv_{name}" for name in TASK_COLUMNS]

    vars().update({f"sv_{name}": _task_column(name, label) for name, label in TASK_COLUMNS.items()})
