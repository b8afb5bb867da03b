"""Admin pieces every app shares: what Hjälpmedel may not do by hand in Django admin, because
the services make and change those rows (they lock, check and record); and what every admin
gets from the site (`SesamAdminSite`), whoever wrote it: no lookup on a protected field
(REC-5) and an access-log row for every recipient a page shows (ACC-8)."""

from collections import deque

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP

RECIPIENT_MODEL = "recipients.recipient"

# REC-5 (REC-D102): fields that hold a recipient's address or phone, by model. Admin refuses
# every lookup, filter and search that reaches one of them, from any model. A test checks that
# every address-like field of a model that reaches a recipient is named here.
PROTECTED_FIELDS = {
    "recipients.recipient": {"street", "postal_code", "city", "phone"},
    "orders.order": {"delivery_address", "delivery_contact"},
    "activities.activity": {"address", "contact"},
    "activities.pickuporder": {"pickup_address", "contact"},
}


def _step(model, name):
    """The field or relation `name` of `model` as a lookup reads it; None for a lookup or
    transform (`startswith`, `year`)."""
    opts = model._meta
    if name == "pk":
        return opts.pk
    try:
        return opts.get_field(name)
    except FieldDoesNotExist:
        for relation in opts.related_objects:
            if relation.related_query_name() == name:
                return relation
    return None


def protected_field_in(model, lookup: str) -> str | None:
    """The protected field (`app.model.field`) that `lookup` (a path as in a queryset filter,
    e.g. `recipient__street__startswith`) reads, through any relation; None when it reads
    none."""
    for name in lookup.lstrip("-=^@").split(LOOKUP_SEP):
        field = _step(model, name)
        if field is None:
            return None
        label = model._meta.label_lower
        if field.name in PROTECTED_FIELDS.get(label, ()) and not field.is_relation:
            return f"{label}.{field.name}"
        if not field.is_relation:
            return None
        model = field.related_model
    return None


def recipient_paths_of(model, depth: int = 3) -> tuple[str, ...]:
    """The shortest path of foreign keys from `model` to a recipient (`""` for the recipient
    itself); none when no foreign key leads there."""
    seen, queue = {model}, deque([(model, "")])
    while queue:
        current, path = queue.popleft()
        if current._meta.label_lower == RECIPIENT_MODEL:
            return (path,)
        if path.count(LOOKUP_SEP) + 1 > depth:
            continue
        for field in current._meta.get_fields():
            if field.many_to_one or (field.one_to_one and field.concrete):
                target = field.related_model
                if target is not None and target not in seen:
                    seen.add(target)
                    queue.append((target, LOOKUP_SEP.join(filter(None, [path, field.name]))))
    return ()


class PatientDataAdminMixin:
    """What every admin of the site gets (SesamAdminSite.register mixes it in):

    - REC-5: a URL lookup (`?street__startswith=K`), list filter or search on a protected field
      — on the admin's model or through a relation — is refused (400, nothing listed);
    - ACC-8: its changelist (also a search by personnummer), change and history pages write one
      access-log row per recipient they show, in one insert. A row that belongs to a recipient
      (their order, device, charge) is recipient data: its list logs it too (ACC-D103).

    Where an admin's recipients are, declared on the admin class (read with getattr: the site
    puts this mixin first in the bases, so it defines none of them):
    `recipient_paths`, paths to a recipient (found from the model's foreign keys when not
    given; `()` for none); `personnummer_paths`, fields holding a recipient's personnummer as
    text (a history's from/to); `list_shows_recipients = False` when only the change page
    shows them; or a method `shown_recipients(pks) -> {recipient id: personnummer}`."""

    def lookup_allowed(self, lookup, value, request):
        if protected_field_in(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        return [field for field in fields if not protected_field_in(self.model, field)]

    # --- ACC-8 ---------------------------------------------------------------------------

    def recipients_by_paths(self, pks) -> dict[int, str]:
        """recipient id → personnummer of the recipients the rows `pks` name, by the admin's
        `recipient_paths` and `personnummer_paths`: one query per path."""
        rows = self.model._default_manager.filter(pk__in=list(pks))
        paths = getattr(self, "recipient_paths", None)
        if paths is None:
            paths = recipient_paths_of(self.model)
        found: dict[int, str] = {}
        for path in paths:
            prefix = f"{path}{LOOKUP_SEP}" if path else ""
            pairs = rows.values_list(f"{prefix}pk", f"{prefix}personnummer")
            found.update((pk, number) for pk, number in pairs if pk is not None)
        numbers = set()
        for path in getattr(self, "personnummer_paths", ()):
            numbers.update(rows.values_list(path, flat=True))
        if numbers:
            recipients = apps.get_model(RECIPIENT_MODEL)._default_manager
            found.update(
                recipients.filter(personnummer__in=numbers).values_list("pk", "personnummer")
            )
        return found

    def log_shown(self, request, pks, action: str) -> None:
        from sesam.services import log_accesses

        shown = getattr(self, "shown_recipients", self.recipients_by_paths)(pks)
        if shown:
            log_accesses(
                by=request.user,
                service_location=None,
                recipients=[_Shown(pk, number) for pk, number in shown.items()],
                action=action,
                admin=self.model._meta.label_lower,
            )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if (
            changelist is not None
            and response.status_code == 200
            and getattr(self, "list_shows_recipients", True)
        ):
            self.log_shown(request, [row.pk for row in changelist.result_list], "admin_list")
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # A POST that saves is logged by its service (e.g. admin_changed); a GET shows.
        if request.method == "GET" and response.status_code == 200:
            self.log_shown(request, [unquote(object_id)], "admin_view")
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self.log_shown(request, [unquote(object_id)], "admin_history")
        return response


class _Shown:
    """A recipient as the access log needs it (pk and personnummer) without loading the row."""

    __slots__ = ("pk", "personnummer")

    def __init__(self, pk, personnummer):
        self.pk, self.personnummer = pk, personnummer


class SesamAdminSite(admin.AdminSite):
    """The admin site: every ModelAdmin registered on it — the project's, Django's, a
    library's, and the ones written later — gets PatientDataAdminMixin."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, PatientDataAdminMixin):
            admin_class = type(
                admin_class.__name__,
                (PatientDataAdminMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        return super().register(model_or_iterable, admin_class, **options)

    def index(self, request, extra_context=None):
        response = super().index(request, extra_context)
        self._log_recent_actions(request)
        return response

    def _log_recent_actions(self, request) -> None:
        """ACC-8: the index's Recent actions name the objects the user changed (their text,
        e.g. a recipient's personnummer and name): logged as their admins log them."""
        from django.contrib.admin.models import LogEntry

        shown: dict[type, list[str]] = {}
        entries = LogEntry.objects.filter(user=request.user).select_related("content_type")
        for entry in entries[:10]:  # as many as the index shows (get_admin_log 10)
            model = entry.content_type.model_class() if entry.content_type_id else None
            if model in self._registry:
                shown.setdefault(model, []).append(entry.object_id)
        for model, ids in shown.items():
            self._registry[model].log_shown(request, ids, "admin_index")


class SesamAdminConfig(AdminConfig):
    """django.contrib.admin with SesamAdminSite as `admin.site` (INSTALLED_APPS)."""

    default_site = "sesam.lib.admin.SesamAdminSite"


class ServicesOnlyMixin:
    """Rows made through the services: admin neither adds nor deletes them (it may change
    the fields its form leaves editable, through a service in `save_model`)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(ServicesOnlyMixin):
    """A record (history, log, receipt): admin shows and searches it, never changes it."""

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyInlineMixin:
    """An inline of a record's rows (its lines, its history): shown, never added or removed."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False
