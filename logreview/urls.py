from django.urls import path

from logreview import views

app_name = "logreview"

urlpatterns = [
    path("logggranskning/", views.search, name="search"),
    path("logggranskning/loggutdrag.pdf", views.extract_pdf, name="extract_pdf"),
    path("logggranskning/stickprov/", views.samples, name="samples"),
    path("logggranskning/stickprov/<int:pk>/", views.sample, name="sample"),
    path("logggranskning/stickprov/rad/<int:pk>/", views.mark, name="mark"),
]
