from django.contrib import admin

from inventory.models import Warehouse


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "kind", "service_location", "shows_balance"]
    list_filter = ["kind", "shows_balance"]
    search_fields = ["number", "name", "service_location__name"]
    autocomplete_fields = ["service_location"]
