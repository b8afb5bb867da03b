"""Hjälpmedel's administrators create recipients by hand (REC-4) and correct register data.
The address never appears in a list, a search or a protected recipient's form (REC-5)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from recipients import services
from recipients.forms import PersonnummerField
from recipients.models import Device, Recipient
from sesam.lib import personnummer
from sesam.lib.admin import ReadOnlyMixin

ADDRESS_FIELDS = ["street", "postal_code", "city"]


class RecipientAdminForm(forms.ModelForm):
    personnummer = PersonnummerField()

    class Meta:
        model = Recipient
        fields = [
            "personnummer",
            "first_name",
            "last_name",
            "street",
            "postal_code",
            "city",
            "protected_identity",
            "home_region",
            "phone",
            "payment_commitment",
            "is_active",
        ]


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    form = RecipientAdminForm
    view_on_site = False  # the portal page needs a service location; staff have none
    # Never the address: a list or a search by street would reveal protected people.
    list_display = [
        "personnummer",
        "last_name",
        "first_name",
        "is_active",
        "home_region",
        "protected_identity",
    ]
    list_filter = ["is_active", "protected_identity", ("home_region", admin.EmptyFieldListFilter)]
    search_fields = ["=personnummer", "first_name", "last_name"]
    ordering = ["last_name", "first_name"]
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        """A personnummer typed with a hyphen or spaces finds the recipient too."""
        if personnummer.is_valid(search_term):
            search_term = personnummer.normalise(search_term)
        return super().get_search_results(request, queryset, search_term)

    def get_fieldsets(self, request, obj=None):
        protected = obj is not None and obj.protected_identity
        register = ["personnummer", "first_name", "last_name"]
        if not protected:
            register += ADDRESS_FIELDS
        return [
            (
                _("Från folkbokföringen"),
                {
                    "fields": register + ["protected_identity", "home_region"],
                    "description": _(
                        "Adressen visas aldrig för mottagare med skyddad identitet – inte heller "
                        "här. Rätta den i så fall i folkbokföringsunderlaget (import_recipients)."
                    )
                    if protected
                    else None,
                },
            ),
            (_("Portalens uppgifter"), {"fields": ["phone", "payment_commitment", "is_active"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # The personnummer is the recipient's identity: created once, never changed.
        return ["personnummer"] if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = forms.ModelForm  # personnummer is read-only on change
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.record_admin_change(
            by=request.user, recipient=obj, created=not change, fields=form.changed_data
        )

    def has_delete_permission(self, request, obj=None):
        # A recipient with devices or orders must stay; the database protects them too.
        return False


@admin.register(Device)
class DeviceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: devices are created and moved by the order and return services."""

    list_display = [
        "article",
        "recipient_personnummer",
        "status",
        "quantity",
        "individual",
        "order_number",
        "delivered_on",
        "service_location",
    ]
    list_filter = ["status", "article__product_area", "service_location"]
    search_fields = [
        "=recipient__personnummer",
        "=order_number",
        "article__number",
        "individual__number",
    ]
    list_select_related = ["article", "recipient", "individual", "service_location"]
    date_hierarchy = "ordered_at"
    show_full_result_count = False

    @admin.display(description=_("mottagare"), ordering="recipient__personnummer")
    def recipient_personnummer(self, device):
        return device.recipient.personnummer
