from django.urls import include, path

from devidp import views

urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", views.sign_in, name="login"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
