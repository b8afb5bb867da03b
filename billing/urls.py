from django.urls import path

from billing import views

app_name = "billing"

urlpatterns = [
    path("avgifter/", views.charges_to_invoice_view, name="charges_to_invoice"),  # BEY-10
]
