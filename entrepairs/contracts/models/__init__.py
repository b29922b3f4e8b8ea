from .contract import CENT, Contract, InvoiceLine, PriceGrid, check_bands

__all__ = ["CENT", "Contract", "InvoiceLine", "PriceGrid", "check_bands"]
