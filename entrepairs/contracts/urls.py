"""Mounted under /groups/ (the addresses contracts had when they lived in groups)."""

from django.urls import path

from .views import contracts

app_name = "contracts"
urlpatterns = [
    path("contracts/", contracts.contract_list, name="list"),
    path("contracts/new/", contracts.contract_create, name="create"),
    path("contracts/<uuid:pk>/", contracts.contract_detail, name="detail"),
    path("contracts/<uuid:pk>/<str:kind>.pdf", contracts.contract_pdf, name="pdf"),
    path("contracts/<uuid:pk>/client-order/", contracts.contract_client_order, name="client_order"),
    path("contracts/<uuid:pk>/invoice/", contracts.contract_invoice, name="invoice"),
    path(
        "contracts/<uuid:pk>/invoices/<str:number>.pdf",
        contracts.invoice_pdf,
        name="invoice_pdf",
    ),
    path(
        "contracts/<uuid:pk>/invoices/<str:number>/credit/",
        contracts.invoice_credit,
        name="invoice_credit",
    ),
    path(
        "contracts/<uuid:pk>/invoices/<str:number>/delete/",
        contracts.invoice_delete,
        name="invoice_delete",
    ),
    path("price-grids/new/", contracts.price_grid_create, name="price_grid_create"),
]
