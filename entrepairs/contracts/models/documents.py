"""The training body's documents around a contract: numbered quotes, the agreement's signatures,
invoices and credit notes, each numbered in an unbroken sequence of its organisation."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from entrepairs.core.models import UUIDModel

from .contract import Contract


class DocumentSequence(models.Model):
    """The last number given to one kind of document of an organisation. Numbers come from here
    only, under a row lock (`services.numbering.next_number`): never skipped, never reused."""

    class Kind(models.TextChoices):
        QUOTE = "quote", _("Quote")
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="unique_doc_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.kind} {self.last}"


class AgreementSignature(UUIDModel):
    """One side's acceptance of the training agreement: who, when, from which address."""

    class Side(models.TextChoices):
        PROVIDER = "provider", _("Provider")
        CLIENT = "client", _("Client organisation")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="signatures")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("signed by"), max_length=200)
    signed_at = models.DateTimeField(_("signed"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "side"], name="unique_agreement_side")
        ]
        verbose_name = _("agreement signature")
        verbose_name_plural = _("agreement signatures")

    def __str__(self) -> str:
        return f"{self.name} ({self.side})"


# The annotations `InvoiceQuerySet.with_remaining` adds (read by name: the type checker sees
# only model fields).
REMAINING_FIELDS = ("credited_sum", "remaining_excl_vat")


class InvoiceQuerySet(models.QuerySet["Invoice"]):
    def with_remaining(self) -> InvoiceQuerySet:
        """The one definition of what credit notes took back (`credited_sum`) and what is left
        to credit (`remaining_excl_vat`), excl. VAT; the model's methods and the lists of invoices
        still owed read it."""
        credited = (
            Invoice.objects.filter(credited=models.OuterRef("pk"))
            .order_by()
            .values("credited")
            .annotate(total=models.Sum("amount_excl_vat"))
            .values("total")
        )
        return self.annotate(
            credited_sum=Coalesce(models.Subquery(credited), models.Value(Decimal(0)))
        ).annotate(remaining_excl_vat=models.F("amount_excl_vat") - models.F("credited_sum"))

    def still_owed(self) -> InvoiceQuerySet:
        """Invoices (not credit notes) whose credit notes took back less than their amount."""
        return (
            self.filter(kind=Invoice.Kind.INVOICE)
            .with_remaining()
            .filter(models.Q(remaining_excl_vat__gt=0))
        )


class Invoice(UUIDModel):
    """An issued invoice or credit note. What it says about both parties is copied at issue
    (`seller`, `buyer`): a document once issued never changes with the organisations' settings."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INVOICE)
    number = models.CharField(_("number"), max_length=40)
    issued_on = models.DateField(_("date of issue"))
    due_on = models.DateField(_("payment due"))
    amount_excl_vat = models.DecimalField(_("amount excl. VAT"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    amount_incl_vat = models.DecimalField(_("amount incl. VAT"), max_digits=12, decimal_places=2)
    credited = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("invoice credited"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # A credit note that takes back all that remained of its invoice: a cancellation, which
    # releases the invoice's sessions (they are billable again); a partial one releases none.
    cancels = models.BooleanField(_("cancels the invoice"), default=False)
    # What the invoice billed, frozen at issue ({"session", "starts_at", "amount"} per session):
    # its document never changes, even once a cancellation releases its sessions.
    items = models.JSONField(default=list, blank=True)
    seller = models.JSONField(default=dict)
    buyer = models.JSONField(default=dict)
    order_number = models.CharField(_("order number"), max_length=50, blank=True)
    service_code = models.CharField(_("service code"), max_length=50, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["issued_on", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "number"], name="unique_invoice_number")
        ]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")

    def __str__(self) -> str:
        return self.number

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE

    def credited_total(self) -> Decimal:
        """Excl. VAT, what the credit notes of this invoice already took back."""
        return self._remaining_row()["credited_sum"]

    def remaining_to_credit(self) -> Decimal:
        """Excl. VAT, what a credit note may still take back of this invoice."""
        return self._remaining_row()["remaining_excl_vat"]

    def _remaining_row(self) -> dict[str, Decimal]:
        row = Invoice.objects.filter(pk=self.pk).with_remaining().values(*REMAINING_FIELDS).get()
        return {key: Decimal(value) for key, value in row.items()}
