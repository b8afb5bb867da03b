from django.urls import path

from orders.views import prescribing as views
from sesam.views import coming_soon

app_name = "orders"

urlpatterns = [
    path("bestallning/ny/", views.new_order, name="new"),
    path("bestallning/individ/<int:pk>/", views.deliver_individual, name="deliver_individual"),
    path("bestallning/artiklar/", views.add_articles, name="add_articles"),
    path("bestallning/artiklar/<int:article_id>/", views.line_dialog, name="line_dialog"),
    path("bestallning/varukorg/", views.cart, name="cart"),
    path("bestallning/varukorg/rad/<int:line_id>/", views.cart_line, name="cart_line"),
    path("bestallning/varukorg/rad/<int:line_id>/ta-bort/", views.remove_line, name="remove_line"),
    path("bestallning/varukorg/tom/", views.discard, name="discard"),
    path("bestallning/leverans/", views.delivery, name="delivery"),
    path("bestallning/skicka/", views.submit, name="submit"),
    path("bestallning/lagerpafyllnad/", coming_soon, {"title": "Lagerpåfyllnad"}, name="refill"),
    path("bestallning/<str:number>/skickad/", views.sent, name="sent"),
    path("bestallning/<str:number>/", views.detail, name="detail"),
    path("sok/", coming_soon, {"title": "Sök"}, name="search"),
    path("kvittera/", coming_soon, {"title": "Kvittera direktleverans"}, name="receive"),
]
