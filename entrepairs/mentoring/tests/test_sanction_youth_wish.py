"""A youth's view that asks for another mentor is the youth's wish, never a sanction (a browser
story's legitimate closure was refused after the sixth pass's retraining: the model read « il
aimerait un autre mentor » as close to sanctions)."""

import pytest

from entrepairs.mentoring import punitive


@pytest.mark.parametrize(
    "text",
    [
        "Wassim est triste mais comprend ; il aimerait un autre mentor.",
        "Elle voudrait une autre marraine, plus disponible le week-end.",
        "Le jeune souhaite changer de parrain depuis la rentrée.",
    ],
)
def test_a_youth_asking_for_another_mentor_is_no_sanction(text: str) -> None:
    assert not punitive.read(text).is_sanction


def test_a_wish_does_not_clear_a_condition_on_conduct_named_as_a_sanction() -> None:
    text = "Il aimerait un autre mentor, mais pour le punir de ses insultes on suspend tout."
    assert punitive.read(text).is_sanction
