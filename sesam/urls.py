from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from sesam import signin, views

urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-ut/", signin.logout, name="logout"),
    path("oidc/authenticate/", signin.SignInView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", signin.CallbackView.as_view(), name="oidc_authentication_callback"),
    path("", views.start, name="start"),
    path("installning/", views.settings_view, name="settings"),
    path("mina-sidor/", views.my_page, name="my_page"),
    path("mina-sidor/uppgift/<slug:field>/", views.profile_field, name="profile_field"),
    path("tjanstestalle/", views.switch_service_location, name="switch_service_location"),
    path("meddelanden/", views.message_list, name="message_list"),
    path("meddelanden/<int:pk>/", views.message_detail, name="message_detail"),
    path("nyheter/", views.news_list, name="news_list"),
    path("nyheter/<int:pk>/", views.news_detail, name="news_detail"),
    path("hjalp/", views.help_page, name="help"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("", include("billing.urls")),
    path("", include("inventory.urls")),
    path("", include("recipients.urls")),
    path("", include("orders.urls")),
    path("", include("activities.urls")),
    path("", include("logreview.urls")),
    path("", include("safety.urls")),
    path("patient/", include("patients.urls")),  # BEY-15: the patients' own pages
    path("admin/login/", signin.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "sesam.errors.server_error"
