from django.urls import path

from activities.views import pickup

app_name = "activities"

urlpatterns = [
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
