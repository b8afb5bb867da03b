"""Records made by the services (history, logs, receipts, balances) are read-only in admin,
even for a superuser: one mixin (sesam.lib.admin) says so for every app."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from inventory.models import IndividualEvent, StockBalance, StockMovement
from orders.models import PurchaseOrder, Receipt
from recipients.models import Device
from sesam.models import AccessLog


@pytest.mark.parametrize(
    "model",
    [AccessLog, StockBalance, StockMovement, IndividualEvent, Device, PurchaseOrder, Receipt],
)
def test_acc_9_service_records_cannot_be_added_changed_or_deleted_in_admin(staff, model):
    request = RequestFactory().get("/admin/")
    request.user = staff
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)
