"""Price grids and contracts in the JSON API: the same rules, selectors and services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from entrepairs.core.api import RulesPermission
from entrepairs.core.http import client_address
from entrepairs.core.views import require

from .. import pdf, selectors, services
from ..models import Contract, Invoice, PriceGrid
from .serializers import (
    ContractSerializer,
    CreditNoteRequestSerializer,
    InvoiceSerializer,
    PriceGridSerializer,
)


class PriceGridViewSet(viewsets.ModelViewSet):
    serializer_class = PriceGridSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"

    def get_queryset(self) -> Any:
        return selectors.price_grids_for(self.request.user).order_by("name", "id")

    def perform_create(self, serializer: Any) -> None:
        require(
            self.request.user,
            "contracts.manage_business",
            PriceGrid(provider=serializer.validated_data["provider"]),
        )
        serializer.instance = services.price_grid_save(
            grid=PriceGrid(**serializer.validated_data), by=self.request.user
        )

    def perform_update(self, serializer: Any) -> None:
        grid = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(grid, key, value)
        services.price_grid_save(grid=grid, by=self.request.user)

    def perform_destroy(self, instance: PriceGrid) -> None:
        services.price_grid_delete(grid=instance, by=self.request.user)


class ContractViewSet(viewsets.ModelViewSet):
    serializer_class = ContractSerializer
    permission_classes = [RulesPermission]
    lookup_value_converter = "uuid"
    filterset_fields = ["status", "group", "client", "provider"]
    permission_action = {
        # The service decides which side signs (provider or client), 403 for anyone else.
        "sign": "view",
        "invoice": "change",
        "credit": "change",
        "document": "view",
        "invoice_document": "view",
    }

    def get_queryset(self) -> Any:
        return (
            selectors.with_progress(selectors.contracts_visible_to(self.request.user))
            .select_related("provider", "client", "group", "price_grid")
            .prefetch_related(
                "signatures",
                Prefetch("invoices", queryset=Invoice.objects.select_related("credited")),
            )
            .order_by("-created_at", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        contract = Contract(**serializer.validated_data)
        require(self.request.user, "contracts.add_contract", contract)
        serializer.instance = services.contract_save(contract=contract, by=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        contract = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(contract, key, value)
        services.contract_save(contract=contract, by=self.request.user)

    def perform_destroy(self, instance: Contract) -> None:
        services.contract_delete(contract=instance, by=self.request.user)

    def _fresh(self, contract: Contract) -> Any:
        """The contract as the list reads it (annotations and prefetches), after a write."""
        return ContractSerializer(self.get_queryset().get(pk=contract.pk)).data

    @extend_schema(request=None, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: Any = None) -> Response:
        """The caller accepts the quote for their side (the provider's coordinators or the
        facilitator named; the client's coordinators): name, time and IP address recorded. Both
        sides signed: the contract is signed. A quote past its validity date is refused."""
        contract = services.contract_sign(
            contract=self.get_object(), by=request.user, ip_address=client_address(request)
        )
        return Response(self._fresh(contract))

    @extend_schema(
        request=None, responses={200: OpenApiResponse(description="number, total, lines")}
    )
    @action(detail=True, methods=["post"])
    def invoice(self, request: Request, pk: Any = None) -> Response:
        number, total, count = services.contract_invoice(
            contract=self.get_object(), by=request.user
        )
        return Response({"number": number, "total": str(total), "lines": count})

    @extend_schema(request=CreditNoteRequestSerializer, responses={201: InvoiceSerializer})
    @action(detail=True, methods=["post"])
    def credit(self, request: Request, pk: Any = None) -> Response:
        """A credit note on one of the contract's invoices (never more than what remains)."""
        contract = self.get_object()
        data = CreditNoteRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        number = data.validated_data["invoice"]
        invoice = selectors.find_invoice(contract, number)
        if invoice is None:
            raise DjangoValidationError(
                {
                    "invoice": _("This contract has no invoice numbered %(number)s.")
                    % {"number": number}
                }
            )
        note = services.invoice_credit(
            invoice=invoice,
            by=request.user,
            amount=data.validated_data.get("amount"),
            reason=data.validated_data.get("reason", ""),
        )
        return Response(InvoiceSerializer(note).data, status=201)

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF")})
    @action(detail=True, methods=["get"], url_path=r"document/(?P<kind>(?:quote|contract))")
    def document(self, request: Request, pk: Any = None, kind: str = "quote") -> HttpResponse:
        """The quote, or the training agreement once a side has accepted it."""
        contract = self.get_object()
        if kind == "quote":
            return pdf.response(pdf.quote_document(contract), "quote.pdf")
        signatures = selectors.contract_signatures(contract)
        if contract.status == Contract.Status.QUOTE and not signatures:
            raise DjangoValidationError(
                _("The agreement exists once a side has accepted the quote.")
            )
        return pdf.response(pdf.agreement_document(contract, signatures), "agreement.pdf")

    @extend_schema(
        methods=["GET"],
        responses={(200, "application/pdf"): OpenApiResponse(description="PDF")},
    )
    @extend_schema(
        methods=["DELETE"],
        responses={400: OpenApiResponse(description="An invoice is never deleted.")},
    )
    @action(detail=True, methods=["get", "delete"], url_path=r"invoices/(?P<number>[A-Za-z0-9-]+)")
    def invoice_document(self, request: Request, pk: Any = None, number: str = "") -> HttpResponse:
        """An invoice or credit note as a Factur-X PDF (PDF/A-3 with its CII XML embedded).
        DELETE is always refused (400): an invoice is never deleted, a credit note cancels it."""
        invoice = selectors.get_invoice(self.get_object(), number)
        if request.method == "DELETE":
            services.invoice_delete(invoice=invoice, by=request.user)
        return pdf.response(pdf.invoice_document(invoice), f"{number}.pdf")
