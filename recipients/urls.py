from django.urls import path

from recipients import trial_views, views

app_name = "recipients"

urlpatterns = [
    path("mottagare/", views.lookup, name="lookup"),
    path("mottagare/prov/", trial_views.overdue_trials, name="overdue_trials"),
    path("mottagare/<int:pk>/", views.detail, name="detail"),
    path("mottagare/<int:pk>/hjalpmedel/<int:device_pk>/", views.device_panel, name="device"),
    path("mottagare/<int:pk>/hjalpmedel/export/", views.devices_export, name="devices_export"),
    path("mottagare/<int:pk>/uppgift/<slug:name>/", views.field, name="field"),
    path(
        "mottagare/<int:pk>/utprovning-avslutad/",
        views.fitting_completed,
        name="fitting_completed",
    ),
    path("mottagare/<int:pk>/lanforbindelse/", views.loan_agreement, name="loan_agreement"),
    path(
        "mottagare/<int:pk>/lanforbindelse.pdf",
        views.loan_agreement_pdf,
        name="loan_agreement_pdf",
    ),
    path("mottagare/<int:pk>/hjalpmedelslista.pdf", views.device_list_pdf, name="device_list_pdf"),
    path("mottagare/<int:pk>/retur/", views.return_devices, name="return"),
    path("mottagare/<int:pk>/retur/<str:number>/", views.return_done, name="return_done"),
    path(
        "mottagare/<int:pk>/retur/<str:number>/returkvitto.pdf",
        views.return_receipt_pdf,
        name="return_receipt_pdf",
    ),
]
