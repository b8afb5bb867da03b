from django.urls import path

from safety.views import recall

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
]
