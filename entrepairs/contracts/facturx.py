"""Factur-X (the French e-invoicing format): the invoice's data as Cross Industry Invoice XML,
BASIC profile, embedded in the invoice's PDF, which becomes a PDF/A-3 (the `factur-x` library).

BASIC carries the parties, one line per session held, the VAT breakdown and the totals: what
the PDF says, and what the library's shipped XSD checks (`check`)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from lxml import etree

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
LEVEL = "basic"
GUIDELINE = "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic"
INVOICE, CREDIT_NOTE = "380", "381"


def _el(parent: Any, tag: str, text: Any = None, **attrs: str) -> Any:
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}", attrs)
    if text is not None:
        element.text = str(text)
    return element


def _date(parent: Any, tag: str, value: Any, kind: str = "udt") -> None:
    _el(_el(parent, tag), f"{kind}:DateTimeString", f"{value:%Y%m%d}", format="102")


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


# "59000 Lille", "75008 PARIS CEDEX 08": a French postcode then the town.
POSTCODE_CITY = re.compile(r"^(?P<postcode>\d{5})\s+(?P<city>\S.*)$")


def split_address(address: str) -> tuple[str, list[str], str]:
    """(postcode, street lines, city) of a French address typed on lines, or on one line with
    commas ("1 rue du Test, 59000 Lille"): the XML gives postcode and city their own fields."""
    parts = [p.strip() for p in re.split(r"[\n,]", address) if p.strip()]
    for index in range(len(parts) - 1, -1, -1):
        found = POSTCODE_CITY.match(parts[index])
        if found:
            rest = parts[:index] + parts[index + 1 :]
            return found["postcode"], rest, found["city"]
    return "", parts, ""


def _party(parent: Any, tag: str, data: dict[str, Any]) -> None:
    party = _el(parent, tag)
    _el(party, "ram:Name", data["name"])
    if data.get("siret"):
        # French legal registration: SIREN (the SIRET's first nine digits), scheme 0002.
        _el(
            _el(party, "ram:SpecifiedLegalOrganization"),
            "ram:ID",
            data["siret"][:9],
            schemeID="0002",
        )
    address = _el(party, "ram:PostalTradeAddress")
    postcode, lines, city = split_address(data.get("address") or "")
    if postcode:
        _el(address, "ram:PostcodeCode", postcode)
    for tag_name, line in zip(("ram:LineOne", "ram:LineTwo", "ram:LineThree"), lines, strict=False):
        _el(address, tag_name, line)
    if city:
        _el(address, "ram:CityName", city)
    _el(address, "ram:CountryID", "FR")
    if data.get("vat_number"):
        _el(_el(party, "ram:SpecifiedTaxRegistration"), "ram:ID", data["vat_number"], schemeID="VA")


def _tax(parent: Any, invoice: Any, exemption: str, basis: Decimal | None = None) -> None:
    exempt = invoice.vat_rate == 0
    tax = _el(parent, "ram:ApplicableTradeTax")
    if basis is not None:
        _el(tax, "ram:CalculatedAmount", _money(invoice.vat_amount))
    _el(tax, "ram:TypeCode", "VAT")
    if basis is not None and exempt:
        _el(tax, "ram:ExemptionReason", exemption)
    if basis is not None:
        _el(tax, "ram:BasisAmount", _money(basis))
    _el(tax, "ram:CategoryCode", "E" if exempt else "S")
    _el(tax, "ram:RateApplicablePercent", _money(invoice.vat_rate))


def invoice_xml(invoice: Any, lines: list[tuple[str, Decimal]], exemption: str) -> bytes:
    """`lines`: (name, amount excl. VAT) of each line; a credit note carries one line."""
    root = etree.Element(f"{{{NS['rsm']}}}CrossIndustryInvoice", nsmap=NS)
    context = _el(root, "rsm:ExchangedDocumentContext")
    _el(_el(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", GUIDELINE)
    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", invoice.number)
    _el(document, "ram:TypeCode", CREDIT_NOTE if invoice.is_credit_note else INVOICE)
    _date(document, "ram:IssueDateTime", invoice.issued_on)
    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for index, (name, amount) in enumerate(lines, start=1):
        item = _el(transaction, "ram:IncludedSupplyChainTradeLineItem")
        _el(_el(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", index)
        _el(_el(item, "ram:SpecifiedTradeProduct"), "ram:Name", name)
        price = _el(_el(item, "ram:SpecifiedLineTradeAgreement"), "ram:NetPriceProductTradePrice")
        _el(price, "ram:ChargeAmount", _money(amount))
        _el(_el(item, "ram:SpecifiedLineTradeDelivery"), "ram:BilledQuantity", "1", unitCode="C62")
        settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
        _tax(settlement, invoice, exemption)
        summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
        _el(summation, "ram:LineTotalAmount", _money(amount))
    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    if invoice.service_code:
        _el(agreement, "ram:BuyerReference", invoice.service_code)
    _party(agreement, "ram:SellerTradeParty", invoice.seller)
    _party(agreement, "ram:BuyerTradeParty", invoice.buyer)
    if invoice.order_number:
        _el(
            _el(agreement, "ram:BuyerOrderReferencedDocument"),
            "ram:IssuerAssignedID",
            invoice.order_number,
        )
    _el(transaction, "ram:ApplicableHeaderTradeDelivery")
    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:InvoiceCurrencyCode", "EUR")
    _tax(settlement, invoice, exemption, basis=invoice.amount_excl_vat)
    terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
    _date(terms, "ram:DueDateDateTime", invoice.due_on)
    totals = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(totals, "ram:LineTotalAmount", _money(invoice.amount_excl_vat))
    _el(totals, "ram:TaxBasisTotalAmount", _money(invoice.amount_excl_vat))
    _el(totals, "ram:TaxTotalAmount", _money(invoice.vat_amount), currencyID="EUR")
    _el(totals, "ram:GrandTotalAmount", _money(invoice.amount_incl_vat))
    _el(totals, "ram:DuePayableAmount", _money(invoice.amount_incl_vat))
    if invoice.credited_id:
        credited = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(credited, "ram:IssuerAssignedID", invoice.credited.number)
        _date(credited, "ram:FormattedIssueDateTime", invoice.credited.issued_on, kind="qdt")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def check(xml: bytes) -> bool:
    """True when the XML validates against the library's XSD of the profile (raises otherwise)."""
    from facturx import xml_check_xsd

    return bool(xml_check_xsd(xml, flavor="factur-x", level=LEVEL))


def embed(pdf: bytes, xml: bytes, *, title: str) -> bytes:
    """The PDF as Factur-X: PDF/A-3B with the XML attached as factur-x.xml. The fonts are
    embedded when the PDF is built (`core.pdfa`); the sRGB output intent is added here, and
    factur-x keeps it (it clones the whole PDF before adding the XML and the XMP metadata)."""
    from facturx import generate_from_binary

    from entrepairs.core.pdfa import with_output_intent

    return bytes(
        generate_from_binary(
            with_output_intent(pdf),
            xml,
            flavor="factur-x",
            level=LEVEL,
            check_xsd=True,
            pdf_metadata={"author": "Entrepairs", "title": title, "subject": title, "keywords": ""},
            lang="fr-FR",
            xmp_compression=False,  # its PDF/A-3 identification readable as is
        )
    )


def extract(pdf: bytes) -> bytes:
    """The Factur-X XML embedded in a PDF (for tests and for whoever re-reads a download)."""
    from facturx import get_xml_from_pdf

    _filename, xml = get_xml_from_pdf(pdf, check_xsd=False)
    return bytes(xml)
