"""The shared technique catalogue (seed 003). Migration 0002 seeds it; `ensure_catalogue` restores
it where a database was emptied without migrations (a test flush, a demo reset)."""

from .models import Technique

TECHNIQUES = [
    (
        "change-of-position",
        "Changement de position",
        "Explorer la situation depuis la place de chacun des acteurs.",
    ),
    (
        "peer-sub-groups",
        "Travail en sous-groupes de pairs",
        "Le groupe se divise pour travailler la problématique.",
    ),
    ("analogy", "Analogie", "Éclairer la situation par une situation analogue."),
    ("role-play", "Jeu de rôle", "Rejouer l'épisode pour en comprendre la dynamique."),
    ("constellations", "Constellations", "Représenter dans l'espace les acteurs et leurs liens."),
    ("gease", "GEASE", "Groupe d'entraînement à l'analyse de situations éducatives."),
    (
        "balint",
        "Balint",
        "Travail centré sur la relation entre le professionnel et la personne accompagnée.",
    ),
    ("case-study", "Étude de cas", "Analyse structurée de la situation et des hypothèses."),
    (
        "systemic",
        "Approche systémique",
        "Lecture des interactions entre les acteurs et les institutions.",
    ),
]


def ensure_catalogue() -> None:
    existing = set(
        Technique.objects.filter(organisation__isnull=True).values_list("slug", flat=True)
    )
    Technique.objects.bulk_create(
        Technique(slug=slug, name=name, description=description)
        for slug, name, description in TECHNIQUES
        if slug not in existing
    )
