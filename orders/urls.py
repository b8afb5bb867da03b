from django.urls import path

from orders.views import detail, receiving, refill, search, trial
from orders.views import prescribing as views

app_name = "orders"

urlpatterns = [
    path("bestallning/ny/", views.new_order, name="new"),
    path("bestallning/individ/<int:pk>/", views.deliver_individual, name="deliver_individual"),
    path("bestallning/artiklar/", views.add_articles, name="add_articles"),
    path("bestallning/artiklar/<int:article_id>/", views.line_dialog, name="line_dialog"),
    path("bestallning/varukorg/", views.cart, name="cart"),
    path("bestallning/varukorg/rad/<int:line_id>/", views.cart_line, name="cart_line"),
    path("bestallning/varukorg/rad/<int:line_id>/ta-bort/", views.remove_line, name="remove_line"),
    path("bestallning/varukorg/rad/<int:line_id>/antal/", refill.refill_line, name="refill_line"),
    path("bestallning/varukorg/tom/", views.discard, name="discard"),
    path(
        "bestallning/varukorg/forslag/<int:article_id>/",
        views.add_suggestion,
        name="add_suggestion",
    ),
    path("bestallning/leverans/", views.delivery, name="delivery"),
    path("bestallning/skicka/", views.submit, name="submit"),
    path("bestallning/lagerpafyllnad/", refill.refill, name="refill"),
    path("bestallning/<str:number>/skickad/", views.sent, name="sent"),
    path(
        "bestallning/<str:number>/inkopsorder/",
        detail.create_purchase_orders,
        name="create_purchase_orders",
    ),
    path("bestallning/<str:number>/makulera/", detail.cancel, name="cancel"),
    path("bestallning/<str:number>/", detail.detail, name="detail"),
    path("inkopsorder/<str:number>/pdf/", detail.purchase_order_pdf, name="purchase_order_pdf"),
    path(
        "inkopsorder/<str:number>/skicka/", detail.send_purchase_order, name="send_purchase_order"
    ),
    path("sok/", search.search, name="search"),
    path("sok/export/", search.search_export, name="search_export"),
    path("prov/<int:device_pk>/forskriv/", trial.convert_trial, name="convert_trial"),
    path("kvittera/", receiving.receive, name="receive"),
]
