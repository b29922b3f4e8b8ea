"""The demo's onboarding templates (educator, night watch, social worker): their tasks, kit,
competencies and supports, and the one function that writes and publishes one for an
organisation (ATN's three in the demo, one for the large organisation)."""

from typing import Any

from entrepairs.core.services import SYSTEM

SCALE = ["Découverte", "Avec aide", "Autonome", "Peut transmettre"]

# phase, title, owner, start day, due day, mandatory, day-one topic
COMMON_TASKS = [
    ("prepare", "Préparer le contrat et le dossier administratif", "hr", -14, -5, True, ""),
    (
        "prepare",
        "Créer les comptes informatiques et préparer l'ordinateur",
        "it",
        -10,
        -1,
        True,
        "",
    ),
    ("prepare", "Prévenir l'équipe de l'arrivée", "manager", -10, -3, True, ""),
    ("welcome", "Accueil du jour J et visite des lieux", "referent", 0, 0, True, "places"),
    ("welcome", "Tour de présentation aux collègues", "tutor", 0, 1, True, "people"),
    ("welcome", "Présenter les métiers du service", "tutor", 0, 2, True, "jobs"),
    ("welcome", "Histoire, projets et publics de l'institution", "manager", 0, 5, True, "culture"),
    ("welcome", "Règlement, sécurité et procédures", "referent", 0, 3, True, "rules"),
    ("welcome", "Lire le livret d'accueil", "newcomer", 0, 5, False, ""),
    ("accompany", "Point d'étape à une semaine", "tutor", 5, 7, True, ""),
    ("accompany", "Auto-évaluation sur la grille", "newcomer", 14, 21, True, ""),
    ("accompany", "Point d'étape à un mois", "tutor", 25, 30, True, ""),
    ("close", "Entretien de méta-communication", "tutor", 45, 60, True, ""),
    ("close", "Bilan de clôture", "manager", 50, 75, True, ""),
]
KIT = [
    ("computer", "Ordinateur portable", "it"),
    ("accounts", "Comptes messagerie et dossier usager", "it"),
    ("keys", "Clés et badge", "hr"),
    ("documents", "Livret d'accueil, organigramme, règlement", "hr"),
]
TEMPLATES: dict[str, dict[str, Any]] = {
    "educator": {
        "function": "Éducateur·rice spécialisé·e",
        "type": "integration",
        "objectives": "Intégrer chaque éducateur·rice dans le projet institutionnel : sens de "
        "l'accompagnement, bientraitance, travail en équipe pluridisciplinaire.",
        "organisational": "La coordinatrice pilote le projet ; le·la tuteur·rice (2 h par semaine) "
        "accompagne ; le·la chef·fe de service valide la fin de la période d'intégration.",
        "didactic": "Observation, doublons sur les temps forts (lever, repas, coucher), écrits "
        "professionnels relus par le tuteur.",
        "extra_kit": [("uniform", "Tenue pour les activités sportives", "manager")],
        "competencies": [
            ("knowledge", "Cadre légal de la protection de l'enfance"),
            ("knowledge", "Projet d'établissement et projets personnalisés"),
            ("know_how", "Conduire un temps collectif"),
            ("know_how", "Rédiger une note d'incident"),
            ("know_how", "Gérer une situation de crise"),
        ],
        "supports": [
            ("procedure", "Procédure de signalement", ""),
            ("document", "Projet d'établissement 2024-2028", ""),
            ("video", "Prévention des violences — module vidéo", "https://example.org/prevention"),
        ],
        "reminders": [
            (10, "Rappeler la procédure incendie"),
            (20, "Revoir la procédure de signalement"),
        ],
    },
    "night_watch": {
        "function": "Surveillant·e de nuit",
        "type": "insertion",
        "objectives": "Sécuriser les nuits des jeunes accueillis et permettre à une personne "
        "éloignée de l'emploi d'acquérir un métier.",
        "organisational": "Un·e surveillant·e expérimenté·e est tuteur·rice ; trois nuits en "
        "doublon avant la première nuit seul·e ; l'équipe de jour transmet chaque soir.",
        "didactic": "Doublons de nuit, rondes commentées, fiche réflexe par situation.",
        "extra_kit": [("uniform", "Lampe et tenue de nuit", "manager")],
        "competencies": [
            ("knowledge", "Consignes de sécurité incendie"),
            ("know_how", "Ronde de nuit"),
            ("know_how", "Transmissions écrites à l'équipe de jour"),
            ("know_how", "Apaiser un jeune en crise la nuit"),
        ],
        "supports": [
            ("procedure", "Fiches réflexes de nuit", ""),
            ("procedure", "Plan d'évacuation", ""),
        ],
        "reminders": [
            (3, "Rappeler le numéro d'astreinte"),
            (10, "Rappeler la procédure incendie"),
        ],
    },
    "social_worker": {
        "function": "Assistant·e de service social",
        "type": "integration",
        "objectives": "Permettre à l'assistant·e social·e d'exercer ses mesures en autonomie dans "
        "le cadre des partenariats de l'association.",
        "organisational": "Un·e référent·e présent·e le jour J ; un·e tuteur·rice formé·e ; la "
        "coordinatrice reçoit le retour sur le tutorat en fin de parcours.",
        "didactic": "Accompagnement sur les premières visites, relecture des rapports, rencontre "
        "des partenaires (ASE, juge, écoles).",
        "extra_kit": [],
        "competencies": [
            ("knowledge", "Dispositifs d'aide sociale du département"),
            ("knowledge", "Partenaires du territoire"),
            ("know_how", "Conduire une visite à domicile"),
            ("know_how", "Rédiger un rapport au juge"),
        ],
        "supports": [
            ("document", "Annuaire des partenaires", ""),
            ("link", "Guide des dispositifs", "https://example.org/guide"),
        ],
        "reminders": [(15, "Présenter les partenaires du territoire")],
    },
}
# key, template, day one relative to today, phase, tutor named, closed


def publish_demo_template(organisation: Any, spec: dict[str, Any], *, project_manager: Any) -> Any:
    """One of the demo's templates (TEMPLATES), written and published for an organisation."""
    from . import templating
    from .models import Competency, KitItem, Support, TemplateReminder, TemplateTask

    template = templating.template_create(
        by=SYSTEM,
        organisation=organisation,
        function=spec["function"],
        tutoring_type=spec["type"],
        project_manager=project_manager,
    )
    version = template.versions.get()
    version.objectives, version.organisational_frame, version.didactic_frame = (
        spec["objectives"],
        spec["organisational"],
        spec["didactic"],
    )
    version.scale = list(SCALE)
    templating.version_save_frames(version=version, by=SYSTEM)
    for phase, title, owner, start, due, mandatory, topic in COMMON_TASKS:
        TemplateTask.objects.create(
            version=version,
            phase=phase,
            title=title,
            owner_role=owner,
            start_day=start,
            due_day=due,
            mandatory=mandatory,
            topic=topic,
        )
    for kind, label, provider in KIT + spec["extra_kit"]:
        KitItem.objects.create(version=version, kind=kind, label=label, provider_role=provider)
    for kind, name in spec["competencies"]:
        Competency.objects.create(version=version, kind=kind, name=name)
    for kind, title, url in spec["supports"]:
        Support.objects.create(version=version, kind=kind, title=title, url=url)
    for day, message in spec["reminders"]:
        TemplateReminder.objects.create(version=version, day=day, message=message)
    return templating.version_publish(version=version, by=SYSTEM)
