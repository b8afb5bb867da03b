from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from sesam import views
from sesam.forms import LoginForm

urlpatterns = [
    path(
        "logga-in/",
        login_not_required(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
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
    path("", include("inventory.urls")),
    path("", include("recipients.urls")),
    path("", include("orders.urls")),
    path("", include("activities.urls")),
    path("", include("safety.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "sesam.errors.server_error"
