"""The French catalogue writes words about a person of unknown gender in the inclusive form the
rest of it uses: « inscrit·e », « inscrit·e·s », « Rencontré·e », « prévenu·e·s » (outside test of
issue 15: « inscrit » on a page listing women and men). The forms below were found
masculine-only and fixed; this keeps them from coming back. Each has its reason."""

from __future__ import annotations

import re
from pathlib import Path

import polib  # type: ignore[import-untyped]

CATALOGUE = Path(__file__).resolve().parents[2] / "locale/fr/LC_MESSAGES/django.po"

# A masculine-only form (not followed by the inclusive « · ») → why it is wrong.
MASCULINE_ONLY = {
    r"\b[Ii]nscrits?\b(?!·)": "a person enrolled or registered: « inscrit·e », « inscrit·e·s »",
    r"\b[Dd]ésinscrits?\b(?!·)": "a person unregistered: « désinscrit·e »",
    r"\b[Ii]nvités?\b(?!·)": "a person invited: « invité·e », « invité·e·s »",
    r"\b[Cc]onnectés?\b(?!·)": "a person signed in: « connecté·e »",
    r"\b[Jj]umelés?\b(?!·)": "a youth or a mentor matched: « jumelé·e »",
    r"\b[Rr]encontrés?\b(?!·)": "a person met: « rencontré·e »",
    r"\b[Cc]onvoqués?\b(?!·)": "a person summoned: « convoqué·e »",
    r"\b[Pp]résents?\b(?!·)": "a person who attended: « présent·e »",
    r"\b(?:prévenus|informés|accompagnés|retirés de)\b(?!·)": (
        "people told, supported or removed: « prévenu·e·s », « informé·e·s »"
    ),
    r"\w·es\b": "the catalogue's one inclusive plural is « ·e·s » (« participant·e·s »)",
    # Role nouns (issue 15: « tuteur expérimenté », « nouveaux tuteurs », « votre coordinateur »,
    # « un collègue en congé », « ce jeune »): whoever holds the role may be a woman or a man.
    r"\b(?:[Tt]uteur|[Cc]oordinateur|[Aa]nimateur|[Ff]acilitateur|[Aa]ccompagnateur)s?\b(?!·)": (
        "a role held by a man or a woman: « tuteur·rice », « coordinateur·rice·s »"
    ),
    r"\b(?:[Rr]emplaçant|[Rr]éférent|[Aa]rrivant|[Pp]articipant)s?\b(?!·)": (
        "a person covering, in charge, arriving or taking part: « remplaçant·e », « référent·e »"
    ),
    r"\b(?:[Ee]xpérimenté|[Aa]bonné)s?\b(?!·)": (
        "an experienced or subscribed person: « expérimenté·e », « abonné·e·s »"
    ),
    r"\b(?:[Nn]ouveaux|[Nn]ouveau|[Nn]ouvel)(?=\s+\w+·)": (
        "the adjective agrees too: « nouveaux·elles tuteur·rice·s », « nouvel·le arrivant·e »"
    ),
    r"(?<![\w·])(?:[Ll]e|[Dd]u|[Aa]u|[Cc]e|[Uu]n|[Aa]ucun)\s+(?:jeune|mentor|coach|collègue)\b"
    r"(?!\s+(?:majeur|âge|public))": (
        "an epicene noun with a masculine article: « le ou la jeune », « un·e mentor », "
        "« ce ou cette jeune », « du ou de la coach »"
    ),
}

# Words that look like one of these and are not about a person.
NOT_A_PERSON = [
    r"inscrire (?:vous )?inscrit\b",  # the verb: « s’y inscrire inscrit à la session »
    r"[Ss]es rôles sont retirés",
    r"a invité cette adresse",  # a verb before its object: no agreement
    # Both words written out (« coordinateur ou coordinatrice », « ma tutrice ou mon tuteur »).
    r"\w+eurs? (?:ou|et) (?:une |la |des )?\w+rices?\b",
    r"\w+rices? (?:ou|et) (?:mon |le |un )?\w+eurs?\b",
]


def _texts() -> list[tuple[str, str]]:
    po = polib.pofile(str(CATALOGUE))
    found = []
    for entry in po:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            for allowed in NOT_A_PERSON:
                text = re.sub(allowed, "", text)
            found.append((entry.msgid, text))
    return found


def test_no_masculine_only_word_about_a_person_in_the_french_catalogue() -> None:
    wrong = [
        f"{msgid!r}: « {match.group(0)} » — {reason}"
        for msgid, text in _texts()
        for pattern, reason in MASCULINE_ONLY.items()
        for match in re.finditer(pattern, text)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_inclusive_forms_are_there() -> None:
    """Positive control: the check reads the catalogue the pages use."""
    texts = dict(_texts())
    assert texts["Enrolled"] == "Inscrit·e·s"
    assert texts["You are enrolled."] == "Vous êtes inscrit·e."
    assert texts["joined"] == "inscrit·e le"
    assert texts["experienced tutor"] == "tuteur·rice expérimenté·e"
