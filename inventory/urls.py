from django.urls import path

from inventory import views

app_name = "inventory"

urlpatterns = [
    path("artiklar/", views.article_search, name="article_search"),
    path("artiklar/export/", views.article_export, name="article_export"),
    path("artiklar/katalog/", views.catalogue, name="catalogue"),
    path("artiklar/katalog/<str:code>/", views.catalogue, name="catalogue_node"),
    path("artiklar/leverantorer/", views.suppliers, name="suppliers"),
    path("artikel/<str:number>/", views.article_detail, name="article_detail"),
    path("artikel/<str:number>/saldo/", views.article_balance, name="article_balance"),
    path("lager/", views.stock, name="stock"),
    path("lager/<str:number>/", views.stock_warehouse, name="stock_warehouse"),
    path("lager/<str:number>/rapport/", views.stock_report, name="stock_report"),
    path("lager/<str:number>/export/", views.stock_export, name="stock_export"),
    path("lager/<str:number>/hylletiketter.pdf", views.shelf_labels, name="shelf_labels"),
    path(
        "lager/<str:number>/bestallningspunkt/<str:article_number>/",
        views.reorder_level,
        name="reorder_level",
    ),
    path(
        "lager/<str:number>/bestallningspunkter.xlsx",
        views.reorder_levels_xlsx,
        name="reorder_levels_xlsx",
    ),
    path(
        "lager/<str:number>/bestallningspunkter/ladda-upp/",
        views.reorder_levels_upload,
        name="reorder_levels_upload",
    ),
    path("lager/<str:number>/inventering/", views.stocktakes, name="stocktakes"),
    path(
        "lager/<str:number>/inventering/<str:stocktake_number>/",
        views.stocktake,
        name="stocktake",
    ),
    path(
        "lager/<str:number>/inventering/<str:stocktake_number>/slutfor/",
        views.stocktake_finish,
        name="stocktake_finish",
    ),
    path(
        "lager/<str:number>/inventering/<str:stocktake_number>/underlag.pdf",
        views.stocktake_sheet_pdf,
        name="stocktake_sheet_pdf",
    ),
    path(
        "lager/<str:number>/inventering/<str:stocktake_number>/underlag.xlsx",
        views.stocktake_sheet_xlsx,
        name="stocktake_sheet_xlsx",
    ),
    path(
        "lager/<str:number>/inventering/<str:stocktake_number>/ladda-upp/",
        views.stocktake_upload,
        name="stocktake_upload",
    ),
    path("individ/", views.individual_search, name="individual_search"),
    path("individ/export/", views.individual_export, name="individual_export"),
    path("individ/<int:pk>/", views.individual_detail, name="individual_detail"),
    path("individ/<int:pk>/sip/", views.individual_sip, name="individual_sip"),
    path("individ/<int:pk>/etiketter.pdf", views.individual_labels, name="individual_labels"),
    path(
        "individ/<int:pk>/byt-nummer/",
        views.individual_change_number,
        name="individual_change_number",
    ),
    path(
        "individ/<int:pk>/retur-till-leverantor/",
        views.supplier_return,
        name="supplier_return",
    ),
    path(
        "individ/<int:pk>/retur-till-leverantor/<str:number>/",
        views.supplier_return_done,
        name="supplier_return_done",
    ),
    path(
        "individ/<int:pk>/retur-till-leverantor/<str:number>/retursedel.pdf",
        views.supplier_return_pdf,
        name="supplier_return_pdf",
    ),
]
