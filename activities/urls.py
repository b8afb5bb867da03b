from django.urls import path

from activities.views import activity, activity_search, pickup

app_name = "activities"

urlpatterns = [
    # Activities (ACT)
    path("mottagare/<int:pk>/aktivitet/", activity.start, name="start"),
    path("individ/<int:pk>/aktivitet/", activity.from_individual, name="from_individual"),
    path("aktivitet/utkast/<uuid:key>/artikel/", activity.devices, name="devices"),
    path("aktivitet/utkast/<uuid:key>/atgard/", activity.action, name="action"),
    path("aktivitet/utkast/<uuid:key>/adress/", activity.address, name="address"),
    path("sok/aktivitet/", activity_search.search, name="search"),
    path("aktivitet/<str:number>/skickad/", activity.sent, name="sent"),
    path("aktivitet/<str:number>/pdf/", activity.pdf_form, name="pdf_form"),
    path("aktivitet/<str:number>/aktivitet.pdf", activity.pdf, name="pdf"),
    path("aktivitet/<str:number>/aterrapportera/", activity.report_back, name="report_back"),
    path("aktivitet/<str:number>/bilaga/<int:pk>/", activity.attachment, name="attachment"),
    path("aktivitet/<str:number>/", activity.detail, name="detail"),
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
]
