from django.urls import path

from activities.views import activity, activity_search

app_name = "activities"

urlpatterns = [
    # Activities (ACT)
    path("mottagare/<int:pk>/aktivitet/", activity.start, name="start"),
    path("individ/<int:pk>/aktivitet/", activity.from_individual, name="from_individual"),
    path("aktivitet/utkast/<uuid:key>/artikel/", activity.devices, name="devices"),
    path("aktivitet/utkast/<uuid:key>/atgard/", activity.action, name="action"),
    path("aktivitet/utkast/<uuid:key>/adress/", activity.address, name="address"),
    path("aktivitet/sok/", activity_search.search, name="search"),
    path("aktivitet/<str:number>/skickad/", activity.sent, name="sent"),
    path("aktivitet/<str:number>/pdf/", activity.pdf_form, name="pdf_form"),
    path("aktivitet/<str:number>/aktivitet.pdf", activity.pdf, name="pdf"),
    path("aktivitet/<str:number>/aterrapportera/", activity.report_back, name="report_back"),
    path("aktivitet/<str:number>/bilaga/<int:pk>/", activity.attachment, name="attachment"),
    path("aktivitet/<str:number>/", activity.detail, name="detail"),
]
