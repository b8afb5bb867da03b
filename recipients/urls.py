from django.urls import path

from sesam.views import coming_soon

app_name = "recipients"

urlpatterns = [
    path("mottagare/", coming_soon, {"title": "Mottagare"}, name="lookup"),
]
