from django.urls import path

from activities.views import activity, activity_search, patient_requests, pickup

app_name = "activities"

urlpatterns = [
    # Activities (ACT)
    path("mottagare/<int:pk>/aktivitet/", activity.activity_start, name="activity_start"),
    path(
        "individ/<int:pk>/aktivitet/",
        activity.activity_from_individual,
        name="activity_from_individual",
    ),
    path(
        "aktivitet/utkast/<uuid:key>/artikel/", activity.activity_devices, name="activity_devices"
    ),
    path("aktivitet/utkast/<uuid:key>/atgard/", activity.activity_action, name="activity_action"),
    path("aktivitet/utkast/<uuid:key>/adress/", activity.activity_address, name="activity_address"),
    path("sok/aktivitet/", activity_search.activity_search, name="activity_search"),
    path("aktivitet/<str:number>/skickad/", activity.activity_sent, name="activity_sent"),
    path("aktivitet/<str:number>/pdf/", activity.activity_pdf_form, name="activity_pdf_form"),
    path("aktivitet/<str:number>/aktivitet.pdf", activity.activity_pdf, name="activity_pdf"),
    path(
        "aktivitet/<str:number>/aterrapportera/",
        activity.activity_report_back,
        name="activity_report_back",
    ),
    path(
        "aktivitet/<str:number>/bilaga/<int:pk>/",
        activity.activity_attachment,
        name="activity_attachment",
    ),
    path("aktivitet/<str:number>/", activity.activity_detail, name="activity_detail"),
    # Hämtorder (PU)
    path("mottagare/<int:pk>/hamtorder/", pickup.pickup_start, name="pickup_start"),
    path("hamtorder/utkast/<uuid:key>/orsak/", pickup.pickup_reason, name="pickup_reason"),
    path("hamtorder/utkast/<uuid:key>/artikel/", pickup.pickup_devices, name="pickup_devices"),
    path("hamtorder/utkast/<uuid:key>/adress/", pickup.pickup_address, name="pickup_address"),
    path("hamtorder/<str:number>/", pickup.pickup_detail, name="pickup_detail"),
    path("hamtorder/<str:number>/skapad/", pickup.pickup_created, name="pickup_created"),
    path("hamtorder/<str:number>/utskrift.pdf", pickup.pickup_slip, name="pickup_slip"),
    path("hamtorder/<str:number>/makulera/", pickup.pickup_cancel, name="pickup_cancel"),
    path("sok/hamtorder/", pickup.pickup_search, name="pickup_search"),
    # Förfrågningar från patienter (BEY-15)
    path("patientforfragningar/", patient_requests.request_list, name="patient_requests"),
    path(
        "patientforfragningar/<int:pk>/aktivitet/",
        patient_requests.request_activity,
        name="patient_request_activity",
    ),
    path(
        "patientforfragningar/<int:pk>/hamtorder/",
        patient_requests.request_pickup,
        name="patient_request_pickup",
    ),
    path(
        "patientforfragningar/<int:pk>/avboj/",
        patient_requests.request_decline,
        name="patient_request_decline",
    ),
]
