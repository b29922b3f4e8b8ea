"""Price grids, contracts (quote, then signed agreement) and invoice lines (seed 003: "Tarif :
contractualisé en fonction de la durée, du rythme et du nombre de bénéficiaires").

Moved out of groups (issue 11): the tables were renamed from `groups_*` to `contracts_*` by this
app's first migration, their content types relabelled so the audit trail follows them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel
from entrepairs.groups.models import SESSIONS_PER_YEAR

CENT = Decimal("0.01")
# A session lasts from half an hour to a working day; a quote is for at least one beneficiary.
SESSION_HOURS = (Decimal("0.5"), Decimal("12"))
HOURS_MESSAGE = _("A session lasts between half an hour and 12 hours.")
BENEFICIARIES = (1, 500)
BENEFICIARIES_MESSAGE = _("Between 1 and 500 beneficiaries.")


@deconstructible
class SessionsPerYearValidator(MinValueValidator):
    """The group's year holds 6 to 24 sessions (`groups.SESSIONS_PER_YEAR`): 0, a negative number
    or a number out of the range gets the one message naming the range, on the page as in the
    API. A MinValueValidator, so that the field adds no "greater than or equal to 0" of its own."""

    def __init__(self) -> None:
        super().__init__(SESSIONS_PER_YEAR[0])

    def __call__(self, value: Any) -> None:
        low, high = SESSIONS_PER_YEAR
        if value is not None and not low <= value <= high:
            raise ValidationError(
                gettext("Between %(low)s and %(high)s sessions a year.")
                % {"low": low, "high": high},
                code="sessions_per_year",
            )


def check_bands(
    bands: list[dict[str, Any]], *, label: str, value_key: str, most: Decimal | None = None
) -> list[dict]:
    """Bands `[{"from": 1, "to": 6, value_key: x}, ...]` must follow each other without gap or
    overlap, starting at 1 (the last one may be open: "to" null); values are not negative nor
    above `most` (a discount of more than 100 % would make a negative price)."""
    if not isinstance(bands, list) or not bands:
        raise ValidationError(gettext("%(label)s: at least one band is needed.") % {"label": label})
    clean: list[dict[str, Any]] = []
    for band in bands:
        try:
            low = int(band["from"])
            high = None if band.get("to") in (None, "") else int(band["to"])
            value = Decimal(str(band[value_key]))
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            raise ValidationError(
                gettext("%(label)s: each band needs from, to and %(value)s.")
                % {"label": label, "value": value_key}
            ) from exc
        if high is not None and high < low:
            raise ValidationError(
                gettext("%(label)s: band %(low)s–%(high)s ends before it starts.")
                % {"label": label, "low": low, "high": high}
            )
        if value < 0:
            raise ValidationError(
                gettext("%(label)s: values cannot be negative.") % {"label": label}
            )
        if most is not None and value > most:
            raise ValidationError(
                gettext("%(label)s: values cannot exceed %(most)s.")
                % {"label": label, "most": most}
            )
        if low < 1:
            raise ValidationError(gettext("%(label)s: bands start at 1.") % {"label": label})
        clean.append({"from": low, "to": high, value_key: str(value)})
    clean.sort(key=lambda b: b["from"])
    expected = 1
    for index, band in enumerate(clean):
        if band["from"] < expected:
            raise ValidationError(
                gettext("%(label)s: bands overlap at %(n)s.") % {"label": label, "n": band["from"]}
            )
        if band["from"] > expected:
            raise ValidationError(
                gettext("%(label)s: nothing covers %(low)s to %(high)s.")
                % {"label": label, "low": expected, "high": band["from"] - 1}
            )
        if band["to"] is None:
            if index != len(clean) - 1:
                raise ValidationError(
                    gettext("%(label)s: only the last band may be open-ended.") % {"label": label}
                )
            break
        expected = band["to"] + 1
    return clean


def _band_value(bands: list[dict], n: int, key: str) -> Decimal:
    for band in bands:
        if band["from"] <= n and (band["to"] is None or n <= band["to"]):
            return Decimal(band[key])
    raise ValidationError(gettext("The price grid does not cover %(n)s.") % {"n": n})


class PriceGrid(UUIDModel):
    """Price of one session hour by number of beneficiaries, with a discount by rhythm."""

    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="price_grids",
        verbose_name=_("provider"),
    )
    name = models.CharField(_("name"), max_length=200)
    # [{"from": 1, "to": 8, "hourly_rate": "95.00"}, {"from": 9, "to": null, ...}]
    beneficiary_bands = models.JSONField(_("hourly rate by number of beneficiaries"))
    # [{"from": 1, "to": 11, "discount_percent": "0"}, {"from": 12, "to": null, ...}]
    rhythm_bands = models.JSONField(_("discount by sessions a year"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("price grid")
        verbose_name_plural = _("price grids")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        try:
            self.beneficiary_bands = check_bands(
                self.beneficiary_bands, label=gettext("Beneficiaries"), value_key="hourly_rate"
            )
        except ValidationError as exc:
            errors["beneficiary_bands"] = exc.messages
        try:
            self.rhythm_bands = check_bands(
                self.rhythm_bands,
                label=gettext("Rhythm"),
                value_key="discount_percent",
                most=Decimal(100),
            )
        except ValidationError as exc:
            errors["rhythm_bands"] = exc.messages
        if errors:
            raise ValidationError(errors)

    def price_per_session(
        self, *, hours: Decimal, sessions_per_year: int, beneficiaries: int
    ) -> Decimal:
        rate = _band_value(self.beneficiary_bands, beneficiaries, "hourly_rate")
        discount = _band_value(self.rhythm_bands, sessions_per_year, "discount_percent")
        price = Decimal(hours) * rate * (Decimal(100) - discount) / Decimal(100)
        return price.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Terms:
    """What a contract says about sessions and price: the agreed terms once a side accepted the
    quote (`Contract.agreed_terms`), the quote's own fields before."""

    price_per_session: Decimal
    session_hours: Decimal
    sessions_per_year: int
    beneficiaries: int

    @property
    def yearly_total(self) -> Decimal:
        return self.price_per_session * self.sessions_per_year

    @property
    def yearly_hours(self) -> Decimal:
        return self.session_hours * self.sessions_per_year


class Contract(UUIDModel):
    class Status(models.TextChoices):
        QUOTE = "quote", _("Quote")
        SIGNED = "signed", _("Signed")
        ENDED = "ended", _("Ended")

    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="provided_contracts",
        verbose_name=_("provider"),
    )
    provider_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facilitator"),
    )
    client = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="client_contracts",
        verbose_name=_("client organisation"),
    )
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name=_("group"),
    )
    price_grid = models.ForeignKey(
        PriceGrid, on_delete=models.RESTRICT, related_name="contracts", verbose_name=_("price grid")
    )
    session_hours = models.DecimalField(
        _("session duration (hours)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("3.5"),
        validators=[
            MinValueValidator(SESSION_HOURS[0], HOURS_MESSAGE),
            MaxValueValidator(SESSION_HOURS[1], HOURS_MESSAGE),
        ],
    )
    sessions_per_year = models.PositiveSmallIntegerField(
        _("sessions a year"), validators=[SessionsPerYearValidator()]
    )
    beneficiaries = models.PositiveSmallIntegerField(
        _("beneficiaries"),
        validators=[
            MinValueValidator(BENEFICIARIES[0], BENEFICIARIES_MESSAGE),
            MaxValueValidator(BENEFICIARIES[1], BENEFICIARIES_MESSAGE),
        ],
    )
    price_per_session = models.DecimalField(
        _("price per session"), max_digits=10, decimal_places=2, default=Decimal(0)
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUOTE
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    # Given by `services.contract_save` from the provider's quote sequence (D-2026-0001).
    quote_number = models.CharField(_("quote number"), max_length=40, blank=True)
    # Every quote is issued with its validity date (`services.contract_save` gives 30 days when
    # none is typed): a quote without one could be accepted forever.
    quote_valid_until = models.DateField(
        _("quote valid until"),
        error_messages={
            "null": _("A quote has a validity date."),
            "blank": _("A quote has a validity date."),
        },
    )
    # Public clients (départements, hospitals) receive invoices through Chorus Pro, which needs
    # their commitment (order) number and service code.
    client_order_number = models.CharField(_("client's order number"), max_length=50, blank=True)
    client_service_code = models.CharField(_("client's service code"), max_length=50, blank=True)
    # The parties' legal identity (name, address, SIRET, NDA, certification) as it stood when the
    # first side accepted the quote (`services.contract_sign`): what both sides signed never
    # changes with the organisations' settings; empty while nobody has signed.
    provider_party = models.JSONField(default=dict, blank=True)
    client_party = models.JSONField(default=dict, blank=True)
    # The terms both sides agreed, frozen at the first acceptance (`services.contract_sign`):
    # price per session, duration, sessions a year, beneficiaries, yearly total and dates. The
    # agreement and the invoices read them (`terms`), the price is never computed again from the
    # grid, and the divergence warning compares the group with them. Empty while nobody signed.
    agreed_terms = models.JSONField(_("agreed terms"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return f"{self.provider} → {self.client}"

    @property
    def quote_date(self) -> Any:
        """The quote's own date: the day it was made, never after a side accepted it (an
        agreement recorded as signed earlier on paper was quoted by then)."""
        from django.utils import timezone

        dates = [timezone.localtime(self.created_at).date()] if self.created_at else []
        dates += [timezone.localtime(s.signed_at).date() for s in self.signatures.all()]
        return min(dates) if dates else timezone.localdate()

    @property
    def terms(self) -> Terms:
        """The agreed terms once a side accepted the quote, the quote's fields before."""
        agreed = self.agreed_terms
        if agreed:
            return Terms(
                price_per_session=Decimal(agreed["price_per_session"]),
                session_hours=Decimal(agreed["session_hours"]),
                sessions_per_year=int(agreed["sessions_per_year"]),
                beneficiaries=int(agreed["beneficiaries"]),
            )
        return Terms(
            price_per_session=self.price_per_session,
            session_hours=Decimal(self.session_hours),
            sessions_per_year=self.sessions_per_year,
            beneficiaries=self.beneficiaries,
        )

    @property
    def yearly_total(self) -> Decimal:
        return self.terms.yearly_total

    def clean(self) -> None:
        low, high = SESSIONS_PER_YEAR
        if (
            self.price_grid_id
            and self.provider_id
            and self.price_grid.provider_id != self.provider_id
        ):
            raise ValidationError({"price_grid": gettext("This price grid is another provider's.")})
        if (
            self.group is not None
            and self.client_id
            and self.client_id not in self.group.organisation_ids()
        ):
            raise ValidationError(
                {"group": gettext("This group does not gather the client's staff.")}
            )
        if self.agreed_terms:
            # Accepted: the price is the one agreed, whatever the grid became since.
            self.price_per_session = self.terms.price_per_session
        elif (
            self.price_grid_id
            and self.sessions_per_year is not None
            and low <= self.sessions_per_year <= high
            and self.beneficiaries
        ):
            self.price_per_session = self.price_grid.price_per_session(
                hours=Decimal(self.session_hours),
                sessions_per_year=self.sessions_per_year,
                beneficiaries=self.beneficiaries,
            )


class InvoiceLine(UUIDModel):
    """One line per session held under a contract; `invoiced_at` set when the invoice is issued."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="lines")
    session = models.OneToOneField(
        # An invoiced session cannot disappear, unless its contract goes with it.
        "groups.Session",
        on_delete=models.RESTRICT,
        related_name="invoice_line",
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    invoice = models.ForeignKey(
        "contracts.Invoice", on_delete=models.PROTECT, null=True, blank=True, related_name="lines"
    )
    invoice_number = models.CharField(_("invoice number"), max_length=40, blank=True)
    invoiced_at = models.DateTimeField(_("invoiced"), null=True, blank=True)

    class Meta:
        ordering = ["session__starts_at"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")

    def __str__(self) -> str:
        from django.utils.formats import number_format

        return f"{self.contract} — {number_format(self.amount, 2)} €"  # 354,20 € in French
