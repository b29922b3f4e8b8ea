"""Price grids and contracts in the JSON API: the same rules, selectors and services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from entrepairs.core.api import RulesPermission
from entrepairs.core.views import require

from .. import pdf, selectors, services
from ..models import Contract, PriceGrid
from .serializers import ContractSerializer, PriceGridSerializer


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
        "sign": "change",
        "invoice": "change",
        "document": "view",
        "invoice_document": "view",
    }

    def get_queryset(self) -> Any:
        return (
            selectors.with_progress(selectors.contracts_visible_to(self.request.user))
            .select_related("provider", "client", "group", "price_grid")
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

    @extend_schema(request=None, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: Any = None) -> Response:
        contract = services.contract_sign(contract=self.get_object(), by=request.user)
        return Response(ContractSerializer(contract).data)

    @extend_schema(
        request=None, responses={200: OpenApiResponse(description="number, total, lines")}
    )
    @action(detail=True, methods=["post"])
    def invoice(self, request: Request, pk: Any = None) -> Response:
        number, total, count = services.contract_invoice(
            contract=self.get_object(), by=request.user
        )
        return Response({"number": number, "total": str(total), "lines": count})

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF")})
    @action(detail=True, methods=["get"], url_path=r"document/(?P<kind>(?:quote|contract))")
    def document(self, request: Request, pk: Any = None, kind: str = "quote") -> HttpResponse:
        contract = self.get_object()
        if kind == "contract" and contract.status == Contract.Status.QUOTE:
            raise DjangoValidationError("The contract exists once the quote is signed.")
        return pdf.response(pdf.contract_document(contract, quote=kind == "quote"), f"{kind}.pdf")

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF")})
    @action(detail=True, methods=["get"], url_path=r"invoices/(?P<number>[A-Za-z0-9-]+)")
    def invoice_document(self, request: Request, pk: Any = None, number: str = "") -> HttpResponse:
        """An issued invoice as a PDF (its number is on the contract's invoice lines)."""
        contract = self.get_object()
        lines = selectors.invoice_lines(contract, number)
        return pdf.response(
            pdf.invoice_document(contract, number=number, lines=lines), f"invoice-{number}.pdf"
        )
