"""The shared technique catalogue (seed 003: "changement de position, travail par groupe de pairs,
constellations familiales, analogie, jeux de rôle"; usual APP methods: GEASE, Balint)."""

from django.db import migrations

TECHNIQUES = [
    ("change-of-position", "Changement de position", "Explorer la situation depuis la place de chacun des acteurs."),
    ("peer-sub-groups", "Travail en sous-groupes de pairs", "Le groupe se divise pour travailler la problématique."),
    ("analogy", "Analogie", "Éclairer la situation par une situation analogue."),
    ("role-play", "Jeu de rôle", "Rejouer l'épisode pour en comprendre la dynamique."),
    ("constellations", "Constellations", "Représenter dans l'espace les acteurs et leurs liens."),
    ("gease", "GEASE", "Groupe d'entraînement à l'analyse de situations éducatives."),
    ("balint", "Balint", "Travail centré sur la relation entre le professionnel et la personne accompagnée."),
    ("case-study", "Étude de cas", "Analyse structurée de la situation et des hypothèses."),
    ("systemic", "Approche systémique", "Lecture des interactions entre les acteurs et les institutions."),
]


def seed(apps, schema_editor):
    Technique = apps.get_model("groups", "Technique")
    for slug, name, description in TECHNIQUES:
        if not Technique.objects.filter(organisation__isnull=True, slug=slug).exists():
            Technique.objects.create(slug=slug, name=name, description=description)


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
