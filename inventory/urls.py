from django.urls import path

from sesam.views import coming_soon

app_name = "inventory"

urlpatterns = [
    path("artiklar/", coming_soon, {"title": "Sök artikel"}, name="article_search"),
    path("artiklar/katalog/", coming_soon, {"title": "Sortimentskataloger"}, name="catalogue"),
    path(
        "artiklar/leverantorer/",
        coming_soon,
        {"title": "Kontaktuppgifter till leverantörer"},
        name="suppliers",
    ),
    path("lager/", coming_soon, {"title": "Lager"}, name="stock"),
    path("individ/", coming_soon, {"title": "Individ"}, name="individual_search"),
]
