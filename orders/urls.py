from django.urls import path

from sesam.views import coming_soon

app_name = "orders"

urlpatterns = [
    path("bestallning/ny/", coming_soon, {"title": "Ny beställning"}, name="new"),
    path("bestallning/lagerpafyllnad/", coming_soon, {"title": "Lagerpåfyllnad"}, name="refill"),
    path("bestallning/varukorg/", coming_soon, {"title": "Varukorg"}, name="cart"),
    path("bestallning/<str:number>/", coming_soon, {"title": "Beställning"}, name="detail"),
    path("sok/", coming_soon, {"title": "Sök"}, name="search"),
    path("kvittera/", coming_soon, {"title": "Kvittera direktleverans"}, name="receive"),
]
