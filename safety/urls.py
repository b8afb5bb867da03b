from django.urls import path

from safety.views import deviation, recall, register

app_name = "safety"

urlpatterns = [
    # Återkallelse (BEY-5), staff with the permission only
    path("aterkallelse/", recall.recall_list, name="recall_list"),
    path("aterkallelse/ny/", recall.recall_new, name="recall_new"),
    path("aterkallelse/<str:recall_number>/", recall.recall_detail, name="recall_detail"),
    path("aterkallelse/<str:recall_number>/export/", recall.recall_export, name="recall_export"),
    path("aterkallelse/<str:recall_number>/brev.pdf", recall.recall_letters, name="recall_letters"),
    path("aterkallelse/<str:recall_number>/meddela/", recall.recall_notify, name="recall_notify"),
    path(
        "aterkallelse/<str:recall_number>/hav-sparr/", recall.recall_release, name="recall_release"
    ),
    path("aterkallelse/<str:recall_number>/avsluta/", recall.recall_close, name="recall_close"),
    # Avvikelse / reklamation (BEY-9), the report's unit only
    path("avvikelse/ny/", deviation.deviation_new, name="deviation_new"),
    path(
        "avvikelse/ny/orderrad/<int:order_line_id>/",
        deviation.deviation_from_order_line,
        name="deviation_from_order_line",
    ),
    path(
        "avvikelse/ny/kvittens/<int:receipt_id>/",
        deviation.deviation_from_receipt,
        name="deviation_from_receipt",
    ),
    path("sok/avvikelse/", deviation.deviation_search, name="deviation_search"),
    path("avvikelse/<str:deviation_number>/", deviation.deviation_detail, name="deviation_detail"),
    path(
        "avvikelse/<str:deviation_number>/ny-bilaga/",
        deviation.deviation_add_attachment,
        name="deviation_add_attachment",
    ),
    path(
        "avvikelse/<str:deviation_number>/bilaga/<int:pk>/",
        deviation.deviation_attachment,
        name="deviation_attachment",
    ),
    path(
        "avvikelse/<str:deviation_number>/lakemedelsverket.pdf",
        deviation.deviation_pdf,
        name="deviation_pdf",
    ),
    # Folkbokföringshändelser (BEY-14): the pickup orders a death proposes
    path("hamtorder-att-skapa/", register.proposal_list, name="proposal_list"),
    path("hamtorder-att-skapa/<int:pk>/klar/", register.proposal_done, name="proposal_done"),
]
