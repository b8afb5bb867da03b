from django.urls import path

from activities.models import PatientRequest
from patients import signin, views

app_name = "patients"

# BEY-15, mounted at /patient/ (patients.middleware.PREFIX): the patients' own session.
urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", views.sign_in, name="sign_in"),
    path("logga-ut/", signin.sign_out, name="sign_out"),
    path("oidc/authenticate/", signin.SignInView.as_view(), name="oidc_authenticate"),
    path("oidc/callback/", signin.CallbackView.as_view(), name="oidc_callback"),
    path("avgifter/", views.charges, name="charges"),
    path("vem-har-tittat/", views.access_log, name="access_log"),
    path("vem-har-tittat/loggutdrag.pdf", views.access_log_pdf, name="access_log_pdf"),
    path("arenden/", views.requests, name="requests"),
    path(
        "hjalpmedel/<int:device_pk>/anmal-fel/",
        views.request_device,
        {"kind": PatientRequest.Kind.REPAIR},
        name="report_fault",
    ),
    path(
        "hjalpmedel/<int:device_pk>/lamna-tillbaka/",
        views.request_device,
        {"kind": PatientRequest.Kind.RETURN},
        name="ask_return",
    ),
]
