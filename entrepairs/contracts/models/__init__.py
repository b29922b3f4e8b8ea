from .contract import CENT, Contract, InvoiceLine, PriceGrid, check_bands
from .documents import AgreementSignature, DocumentSequence, Invoice

__all__ = [
    "CENT",
    "AgreementSignature",
    "Contract",
    "DocumentSequence",
    "Invoice",
    "InvoiceLine",
    "PriceGrid",
    "check_bands",
]
