"""What contracts do when groups report something (groups never import contracts)."""

from typing import Any

from .identity import check_siret_kept
from .services import invoice_line_for


def invoice_held_session(sender: Any, *, session: Any, **kwargs: Any) -> None:
    """Seed 003: sessions are invoiced as they are held, under the group's signed contract."""
    invoice_line_for(session=session)


def keep_provider_siret(sender: Any, *, organisation: Any, **kwargs: Any) -> None:
    """A provider with live quotes or agreements keeps its SIRET (`identity.check_siret_kept`)."""
    check_siret_kept(organisation)
