"""Each part of a sanction's structure, read in several phrasings (French and English), and each
defeater that keeps a legitimate note legitimate. Development examples: written for the reader,
never taken from the held-out corpora."""

import pytest

from entrepairs.mentoring.punitive import read, rules_reading

# Per-text examples of a text rule, corpus-like: run once, on PostgreSQL (DECISIONS.md; bin/test).
# No database is read.
pytestmark = pytest.mark.once


def kinds(text: str) -> list[str]:
    return [f.kind for f in read(text).findings]


@pytest.mark.parametrize(
    "text",
    [
        "Jumelage gelé après sa bagarre avec un éducateur.",
        "On coupe les rencontres avec la marraine : elle a encore découché.",
        "Nous mettons un terme au parrainage vu ses vols répétés.",
        "Mentoring cut back to once a month due to his attitude.",
        "Match put on ice after he trashed the common room.",
    ],
)
def test_an_act_on_mentoring_for_the_youths_conduct(text):
    assert "stop_for_conduct" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Le mentorat est arrêté pour qu'il comprenne que voler est grave.",
        "Pause du jumelage : ça lui apprendra.",
        "C'est le seul moyen de pression qu'il nous reste, nous suspendons le mentorat.",
        "Meetings stopped to teach him a lesson.",
        "Cooling-off period for the match.",
    ],
)
def test_mentoring_used_as_a_lever(text):
    assert "lever" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Le jumelage reprendra quand il aura retrouvé le chemin du lycée.",
        "Pas de sorties avec le parrain le temps qu'il redevienne respectueux.",
        "Le mentorat restera suspendu sauf s'il accepte de voir la psychologue.",
        "Mentoring will resume once he is back in school full time.",
        "No mentor visits as long as she keeps breaking curfew.",
    ],
)
def test_a_condition_on_the_youth(text):
    assert "condition" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Mesure disciplinaire : plus de mentor ce mois-ci.",
        "Sortie avec la mentore annulée à titre de sanction.",
        "He has to earn his mentor back.",
        "She's grounded, no mentor this weekend.",
    ],
)
def test_a_named_sanction(text):
    assert "explicit" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Ce n'est pas une sanction, mais vu ses insultes on arrête le mentorat.",
        "It's not a punishment, but given his fights we are ending the match.",
    ],
)
def test_a_disclaimer_does_not_hide_the_conduct_behind_the_act(text):
    assert read(text).is_sanction


@pytest.mark.parametrize(
    "text",
    [
        # negation and another cause
        "Ce n'est pas une sanction : la mentore part travailler au Québec.",
        "Aucun lien avec sa scolarité difficile : le parrain arrête pour raisons de santé.",
        "Unrelated to his behaviour: the mentor moved abroad.",
        # the match goes on
        "Exclu du collège trois jours ; le mentorat continue.",
        "He was suspended from school; they keep meeting every week.",
        # the youth's own wish after a conflict
        "Elle a demandé une pause après une dispute avec sa mentore.",
        "He chose to end the match after a rough term at school.",
        # someone else's sanction, or a sanction refused
        "Il a été puni par sa famille d'accueil ; le jumelage n'est pas touché.",
        "Nous avons refusé la demande du foyer de suspendre le mentorat pour le punir.",
        "The care home asked us to stop the visits as a punishment; we said no.",
        # conditions about the mentor or the youth's health
        "Pause tant que la mentore est en congé maternité.",
        "Paused until the mentor comes back from leave.",
        "Pause tant que le jeune est hospitalisé.",
        # the mentor's own conduct, safeguarding, administrative closure
        "Le mentor a été exclu du programme pour non-respect de la charte.",
        "Safeguarding concern about the mentor's conduct; match suspended pending review.",
        "Fugue en cours : pause administrative, reprise dès son retour s'il le souhaite.",
        # adoption, move, exams, holidays
        "Adoption prononcée : la famille et l'enfant souhaitent garder la marraine.",
        "Placement à 300 km décidé par le juge : fin du jumelage.",
        "Pause pendant les révisions du bac, à la demande de la jeune.",
        "Paused for the summer holidays.",
    ],
)
def test_a_legitimate_note_stays_legitimate(text):
    assert not read(text).is_sanction, read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Le jumelage est suspendu : Mehdi a été interpellé samedi.",
        "Mentoring stopped; he keeps bullying younger kids.",
        "Fin du parrainage parce qu'il a triché au contrôle.",
    ],
)
def test_a_reason_in_unlisted_words_is_the_youths_doing(text):
    assert "stop_for_conduct" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Fin du jumelage parce qu'il a trouvé un apprentissage à Nantes.",
        "Pause because she is in hospital.",
        "Clôture : le bénévole change de région.",
        "Ended because the youth felt the mentor was too pushy.",
        "Clôture du jumelage car il part vivre chez sa grand-mère.",
        "Fin car il a été placé dans un autre foyer.",
        "Match closed because he has a new foster family far away.",
        "Il a perdu son père, pause le temps du deuil.",
    ],
)
def test_a_reason_that_is_a_legitimate_cause_passes(text):
    assert not read(text).is_sanction, read(text).findings


def test_the_school_excluding_the_youth_is_not_an_act_on_mentoring():
    reading = read("Exclu du lycée pour bagarre ; la mentore vient le voir plus souvent.")
    assert not reading.is_sanction, reading.findings


def test_a_lever_names_its_phrase_in_the_explanation():
    reading = read("On suspend le mentorat pour qu'il comprenne.")
    assert reading.findings[0].phrase == "pour qu'il comprenne"


def test_the_explanation_quotes_the_note_as_written_accents_included():
    reading = read("À titre éducatif, les sorties avec la mentore sont supprimées.")
    assert reading.findings[0].phrase == "À titre éducatif"
    assert "as a lever" in reading.explanation()


# Eighth pass: the classes held-out 7 showed (docs/benchmarks.md), each in phrasings written for
# these tests (other verbs, tenses, word orders, English). The rules alone must read them: the
# learned model is not there to hide a class the rules miss.


@pytest.mark.parametrize(
    "text",
    [
        # an agency or a service imposing it, against the programme's advice
        "Social services have put the mentoring on hold because of her truancy, against our advice.",
        "Les sorties sont gelées par l'AEMO en réaction à ses retards répétés, malgré l'avis du programme.",
        "Le service gardien impose l'arrêt des rencontres après sa fugue, malgré l'opposition de la coordination.",
        # asked not to come
        "On a demandé au parrain de ne plus venir tant qu'elle sèche le lycée.",
        "Le bénévole est prié de ne pas passer ce samedi : Inès a insulté l'éducatrice.",
        "The mentor was told not to come this week because he skipped school again.",
        # a meeting downgraded
        "La sortie cinéma est remplacée par un simple coup de fil, vu son attitude au foyer.",
        "Visites ramenées à une par mois après ses insultes au collège.",
        "The weekly outing was turned into a short phone call after her outburst at school.",
        # not allowed
        "Yanis n'aura pas le droit de voir son mentor ce week-end, il a encore fugué.",
        "Noah s'est vu interdire la sortie au zoo avec son parrain, il avait frappé un camarade.",
        "She wasn't allowed to go to the match with her mentor after lying to staff.",
        # a lesson given
        "La marraine annule la piscine pour lui infliger une leçon après ses mensonges.",
        "We cancelled Saturday's outing to give him a lesson about stealing.",
        # arrows and consequence connectors
        "Trois absences injustifiées -> pas de rencontre avec la marraine ce mois-ci.",
        "Il a encore volé à la supérette, du coup plus de sorties avec son parrain.",
        "Skipped class all week, so no outing with the mentor on Sunday.",
        "Retards à répétition => séance avec la mentore annulée.",
        # conditions on repaying, apologising, behaviour charts
        "Plus de rencontres avec le bénévole tant que Malik n'aura pas remboursé l'argent pris au foyer.",
        "Outings with the mentor are off until he pays back the money he took.",
        "Les sorties reprendront seulement quand Léo aura une semaine sans avertissement.",
        # a price, a carrot, proving oneself first
        "Rencontre reportée : c'est le prix à payer pour son insolence.",
        "Le week-end avec la marraine servira de carotte : rien tant qu'il n'a pas de bonnes notes.",
    ],
)
def test_eighth_pass_sanctions_the_rules_read(text):
    assert rules_reading(text).is_sanction, text


@pytest.mark.parametrize(
    "text",
    [
        # a sanction proposed, then corrected, abandoned or refused
        "L'éducateur voulait annuler la sortie pour le punir ; la coordinatrice a refusé.",
        "Suspension du parrainage en avril après une bagarre : décision prise à tort, levée depuis.",
        "Condition « pas de sortie si mauvaises notes » supprimée du projet après discussion avec nous.",
        "Meetings were wrongly suspended last month after his fight; reinstated from Monday.",
        "Les restrictions de sorties décidées par l'ancien foyer ne sont pas reconduites chez nous.",
        # questions
        "Peut-on suspendre le mentorat s'il continue à sécher ?",
        "La FA demande si on doit arrêter les rencontres vu ses absences. Réponse : non.",
        "Should we cancel the outing since he was rude to his teacher? Answer: no.",
        # a sanction elsewhere that leaves mentoring untouched
        "Le foyer lui a retiré sa console pour une semaine après la bagarre. Aucun effet sur le jumelage.",
        "Consigné par la FA ce samedi, mais pas de la sortie avec son parrain : celle-ci est intouchable.",
        "He was grounded by his carers after the fight; no impact on the mentoring.",
        # the principle stated
        "L'éducatrice voulait priver Jade de la sortie après ses insultes : on ne punit pas par le mentorat.",
        "La rencontre ne se gagne pas : elle est due, quelle que soit sa conduite.",
        # practical reasons
        "Rencontre décalée faute de créneau commun, la marraine a des horaires de nuit.",
        "Sortie annulée : il a perdu son téléphone et on n'arrivait pas à le joindre pour l'heure.",
        "Pause de deux semaines pour raisons professionnelles du parrain.",
        "We never take mentoring away as a punishment; the outing goes ahead as planned.",
        "Should the outings stop because of his absences? We asked the coordinator, who said no.",
    ],
)
def test_eighth_pass_legitimate_notes_the_rules_clear(text):
    reading = rules_reading(text)
    assert not reading.is_sanction, (text, reading.findings)


def test_a_principle_followed_by_a_but_is_still_a_sanction():
    """A disclaimer does not hide the act: « on ne punit pas par le mentorat, mais … on arrête »."""
    text = "On ne punit pas par le mentorat, mais vu ses insultes on arrête les sorties."
    assert rules_reading(text).is_sanction


# Ninth pass: the classes held-out 8 showed (docs/benchmarks.md), each in phrasings written for
# these tests (other verbs, tenses, word orders, English). The rules alone must read them.


@pytest.mark.parametrize(
    "text",
    [
        # the reason in a second sentence
        "Elle a volé le portable d'une éducatrice. Nous avons convenu que la rencontre de mercredi n'aurait pas lieu.",
        "La sortie au musée est remise à plus tard. Il a craché sur un surveillant lundi.",
        "The Sunday visit won't happen. He lied to the staff about where he spent the night.",
        # the conduct went on despite warnings: the match does not go on
        "Suspension des rencontres, Lina ayant encore découché malgré les mises en garde de l'équipe.",
        "Mentoring stopped: he kept skipping school despite repeated warnings.",
        # a plan that falls through, a meeting cut short or adjourned, the rhythm changed
        "Le week-end à la mer avec sa marraine tombe à l'eau : il a fugué jeudi.",
        "Séance avec le mentor écourtée à vingt minutes, elle avait insulté la cuisinière.",
        "Le parrainage est ajourné après ses vols au supermarché.",
        "Le rythme des rencontres passe d'une par semaine à une par mois, vu ses absences en cours.",
        "Outings with his mentor halved after three detentions.",
        # calls or video instead of meetings, contacts limited
        "Des messages remplaceront les sorties avec la bénévole jusqu'à ce qu'il respecte le couvre-feu.",
        "La marraine passera en visio tant que le bulletin ne s'améliore pas.",
        "Meetings cut short and moved to video calls until her grades go up.",
        "Sa marraine ne la verra qu'une semaine sur deux, en guise d'avertissement après ses retards.",
        # restored when, earned back if
        "Le parrainage sera rétabli dès que Tom aura rendu le vélo qu'il a pris.",
        "Les sorties redeviendront hebdomadaires lorsque l'éducatrice jugera son attitude correcte.",
        "She gets her weekend with her mentor back if she has no detention this month.",
        # the team keeps the stop; the youth has to own it
        "La coordinatrice maintient la suspension : il doit assumer ses insultes.",
        "The team is keeping the pause in place: he has to own his truancy.",
        # conduct in words the lists lacked: chores, the phone, staying out, slang, bad company
        "Pas de sortie avec le parrain ce dimanche : il n'a pas fait sa corvée de vaisselle de la semaine.",
        "La bénévole ne viendra pas mardi, Sarah a passé la soirée scotchée à son portable au lieu d'aller au lit.",
        "Rencontre annulée, il est rentré à trois heures du matin.",
        "No meeting with the mentor this week: he stayed out all night again.",
        "Joint retrouvé dans son sac => plus de rencontres avec la mentore pour l'instant.",
        "Il a chouravé un scooter. Pas de marraine samedi.",
        "Plus de bénévole tant qu'elle traîne avec les mêmes mauvaises fréquentations.",
        "la maraine viendra pa dimanche, il a encor insulter le prof",
        # the act first, the reason after the arrow
        "Plus de sorties mentor => il a piqué de l'argent dans le sac de l'éducatrice.",
        "Mentor visits off => caught shoplifting again.",
        # levers: what he cares about, making him react, a strong signal
        "On arrête les rencontres, c'est ce à quoi il tient le plus, ça le fera réagir.",
        "Rencontres réduites, il faut envoyer un signal fort après la bagarre.",
        # the mentor's plan refused by an agency because of the youth's conduct
        "Le parrain voulait l'emmener au stade, le foyer a refusé : il avait fugué la veille.",
        "The mentor wanted to take her to the cinema; the care team said no: she had sworn at a carer.",
        # a match not renewed
        "Nous ne renouvellerons pas le jumelage en septembre, vu son absentéisme.",
        "The match won't be renewed in June because of his behaviour at school.",
    ],
)
def test_ninth_pass_sanctions_the_rules_read(text):
    assert rules_reading(text).is_sanction, text


@pytest.mark.parametrize(
    "text",
    [
        # a proposal not accepted, nothing withdrawn, the rule recalled
        "La FA proposait de supprimer la sortie pour le punir ; pas accepté par le programme, la sortie a lieu.",
        "L'éducateur voulait « suspendre » le parrain à cause des notes ; la coordination rappelle le principe, rien n'est suspendu.",
        "The carers asked us to cancel outings after his fight; not accepted by the coordinator, nothing is cancelled.",
        # mentoring unaffected, in new words, beside a sanction word or a lever of others
        "Sanction du collège après la bagarre (deux jours d'exclusion). Pour le parrainage, rien ne change.",
        "Punie par le foyer pour ses retards ; côté marrainage, aucune répercussion.",
        "Réponse éducative décidée par l'équipe (travail d'intérêt collectif). Le mentorat reste inchangé.",
        "Les retards seront discutés en synthèse ; le jumelage ne sera pas touché.",
        "He was given a detention for swearing; the mentoring stays as it is.",
        "Grounded by his foster carers; no change to his mentor visits.",
        "Le foyer l'a privé de console pour ses insultes ; pour les sorties avec la marraine, on n'y touche pas.",
        # the principle with symbols, or neither … nor
        "Rappel : sortie mentor ≠ récompense et ≠ sanction.",
        "Le parrainage n'est conditionné ni aux résultats scolaires ni à la conduite.",
        "Mentoring ≠ punishment: it is never conditional on grades or behaviour.",
        # the mentor drops out; a new mentor is sought
        "La marraine a lâché : quatre rendez-vous oubliés sans un mot. On présente nos excuses au jeune et on lui cherche un autre parrain.",
        "The volunteer dropped out after missing three meetings; we are looking for a new mentor for her.",
        "Le bénévole a tenu des propos déplacés envers la jeune : fin de son engagement, nouveau jumelage en cours.",
        # a youth found after running away, seen again
        "Retrouvée après dix jours de fugue, elle est rentrée au foyer. La marraine la revoit jeudi.",
        # too far for someone: a distance, not the youth going too far
        "Mutation de la famille d'accueil dans le Jura, trop loin pour le parrain : clôture avec passage de relais.",
        # a meeting that did not take place for a practical reason; « week-end » holds no "end"
        "La sortie avec le parrain n'a pas eu lieu : grève des bus, il avait pourtant fait des efforts.",
        "Puni par sa FA ce week-end pour ses retards ; la sortie avec la mentore n'entre pas dans la punition.",
    ],
)
def test_ninth_pass_legitimate_notes_the_rules_clear(text):
    reading = rules_reading(text)
    assert not reading.is_sanction, (text, reading.findings)


@pytest.mark.parametrize(
    "text",
    [
        # a principle named only to be overridden is not a refusal
        "Malgré notre principe selon lequel le mentorat n'est pas une punition, nous arrêtons les sorties : il a encore volé.",
        # « aucune répercussion » then a turn
        "Côté jumelage, aucune répercussion pour l'instant, mais s'il recommence à fuguer on suspend.",
        # a duration is not a condition, but a future resumption after good conduct is one
        "Le mentorat reprendra après trois semaines de bonne conduite.",
    ],
)
def test_ninth_pass_defeaters_do_not_hide_a_sanction(text):
    assert rules_reading(text).is_sanction, text


# Ninth pass, the same classes met again in the misses of the earlier held-out corpora (read as
# classes; docs/benchmarks.md says which figures that exposure touches).


@pytest.mark.parametrize(
    "text",
    [
        # implicit conditions: he knows what to do, why; depending on how he behaves
        "Sorties en pause. Il sait très bien ce qu'il a à faire.",
        "No outing with her mentor this month; she knows why.",
        "On en reparlera à la Toussaint, selon comment elle se comporte d'ici là.",
        "Reprise du parrainage après deux semaines sans insulte.",
        "Visits will restart once Jordan has apologised to his carer.",
        "Les sorties ne reprendront que sur avis favorable de la FA quant à sa conduite.",
        "Nous conditionnons les sorties à l'assiduité en cours.",
        # levers: to make him feel the loss, let him stew, calm down first, what gets him to react
        "Le parrain la laisse mariner deux semaines après ses mensonges.",
        "Pause d'un mois pour que Nael sente le manque et se remette au travail.",
        "Jumelage en stand-by, elle doit se calmer d'abord.",
        "On supprime les visites, c'est ce qui le fait bouger.",
        # acts in other words: broken off, unmatched, not taking part, struck from the diary
        "Après l'agression du surveillant, le binôme est rompu.",
        "Nous l'avons déjumelée pour ses insultes répétées à la FA.",
        "Vu ses vols, Tom ne participera plus aux sorties avec son parrain ce mois-ci.",
        "L'éduc a rayé la rencontre avec la marraine, il avait séché toute la semaine.",
        "il verra plus sa marraine, il s'est fait virer du club de boxe",
        # conduct despite a ban; a denied cause that turns to the conduct
        "Tant qu'il fréquente ce groupe malgré l'interdiction du juge, pas de parrain.",
        "Pause du jumelage, sans rapport avec le parrain : c'est son attitude au collège qui pose problème.",
        "The match is paused. Nothing to do with the mentor, but with his behaviour at home.",
        # « maintenu sur le papier »
        "Le jumelage est maintenu sur le papier, mais plus aucune rencontre depuis sa fugue.",
    ],
)
def test_ninth_pass_sanctions_in_earlier_classes(text):
    assert rules_reading(text).is_sanction, text


@pytest.mark.parametrize(
    "text",
    [
        "Puni par sa FA (plus de tablette) pour ses retards ; le parrainage, lui, ne change pas.",
        "Aucune suspension : le programme ne se mêle pas des sanctions du foyer.",
        "La cheffe de service a évoqué l'idée de priver Rayan de sa marraine « pour qu'il comprenne » ; refusé, le mentorat se poursuit.",
        "Elle a décidé d'arrêter le mentorat, elle veut se consacrer à son BTS.",
        "C'est Lucas qui a mis fin au jumelage : il dit ne plus en avoir besoin.",
        "Pause demandée par Maya elle-même pendant ses examens.",
        "Clôture après le refus du jeune, répété plusieurs fois, de continuer à voir sa marraine.",
        "Il a été exclu du lycée deux jours. Sa marraine l'a aidé à écrire sa lettre d'excuses.",
    ],
)
def test_ninth_pass_legitimate_notes_in_earlier_classes(text):
    reading = rules_reading(text)
    assert not reading.is_sanction, (text, reading.findings)


# Tenth pass: the classes of held-out 9's misses and false alarms, in new phrasings.


@pytest.mark.parametrize(
    "text",
    [
        # an offence or drunkenness as the reason, in words no list knew
        "Rencontres espacées : Théo a passé la nuit en garde à vue pour un vol à l'étalage.",
        "Motif : retour au foyer ivre samedi soir. Les sorties avec la marraine sont réduites.",
        "Outings with his mentor halved after he came back drunk twice.",
        # not rewarding the youth
        "Pas de sortie au cinéma avec le parrain : on ne va pas le récompenser après ce qu'il a fait au foyer.",
        "We can't reward that kind of behaviour, so Saturday's visit with her mentor is cancelled.",
        # a third party's sanction that takes in the mentoring
        "La FA l'a privée de sorties pour quinze jours, y compris celles avec sa marraine.",
        "His carers grounded him for the weekend, and that covers the mentor outing too.",
        # "is off" for a plan with the mentor
        "After the fight at school, the cinema trip with his mentor is off.",
        # the deal announced beforehand; someone named who must show by then
        "Plus de week-end avec le parrain : on l'avait prévenu après ses deux fugues.",
        "Sortie annulée, elle avait encore séché ; c'était le deal.",
        "Pas de rencontre ce mois-ci. D'ici là, Inès doit prouver qu'elle va en cours.",
        # kept on paper only, exclusions from class
        "On garde le binôme sur le papier, mais pas de rencontre tant que durent ses exclusions de cours.",
        # subject to a probation period
        "Reprise des sorties soumise à une période probatoire d'un mois sans incident au foyer.",
        "Mentoring continues on probation: one more fight and the match ends.",
        # a hearing named as a time, not a cause
        "Jumelage suspendu, il a frappé un éducateur. On verra après l'audience.",
    ],
)
def test_tenth_pass_sanctions_the_rules_read(text):
    assert rules_reading(text).is_sanction, text


@pytest.mark.parametrize(
    "text",
    [
        # a strike
        "Meeting with the mentor cancelled because of the rail strike.",
        "Rencontre annulée : grève des transports, le parrain ne pouvait pas venir.",
        # a conditioning proposed and refused, or answered no
        "The unit manager suggested stopping visits until she behaves. The coordinator declined: mentoring cannot be made conditional on conduct.",
        "Demande du foyer : peut-on espacer les rencontres pour le faire réfléchir ? Réponse du programme : non.",
        # behaviour cited as the reason for more support
        "She has been getting into fights at school, which is why we are keeping her fortnightly meetings and adding a call.",
        # a missing youth, resumption whatever happened
        "Disparue depuis mardi (fugue déclarée). Jumelage en pause technique, reprise automatique dès son retour, quoi qu'elle ait fait.",
        # the principle listing what may not be done
        "Rappel aux équipes : aucune sortie avec un parrain ne peut être supprimée, écourtée ou conditionnée à cause du comportement d'un jeune.",
    ],
)
def test_tenth_pass_legitimate_notes_the_rules_clear(text):
    reading = rules_reading(text)
    assert not reading.is_sanction, (text, reading.findings)


# Eleventh pass: the classes of held-out 10's misses and false alarms, in new phrasings.


@pytest.mark.parametrize(
    "text",
    [
        # mentoring given back as a reward for good conduct
        "Puisque Enzo a été sage toute la semaine, il retrouve sa sortie du samedi avec sa marraine.",
        "She has behaved well since March, so outings with her mentor are allowed again.",
        # mentoring granted only in weeks without remarks in a school record
        "Rencontre avec le parrain seulement les semaines sans observation dans son cahier de liaison.",
        # a judge's report quoting the service's sanction, « en réponse aux »
        "Rapport au juge : le jumelage a été interrompu par l'équipe en réponse aux violences de Sofiane.",
        # « pas de cadeaux »
        "Après sa fugue, la cheffe de service ne veut plus lui faire de cadeaux : sorties avec la mentore suspendues.",
        # kept despite the mentor's wish, then the cancellation kept
        "Le parrain voulait maintenir la sortie malgré ses insultes, mais l'éducatrice a maintenu l'annulation.",
        # someone told the mentor the youth did not deserve it
        "Le bénévole a appris par la FA que Yanis « ne mérite pas » la sortie prévue dimanche.",
        # a condition said to the youth in dialogue
        "Je lui ai dit : « si tu veux revoir ta marraine, tu arrêtes de fuguer. »",
        # maintained but shortened for a brawl
        "Visite maintenue mais écourtée, Lina s'étant battue à la cantine (altercation avec une autre jeune).",
        # time to reflect on her choices
        "Contact with his mentor will resume after he has had time to reflect on his conduct at the unit.",
        # an hour only, for an exclusion
        "La sortie du mois se fera au foyer pour une heure seulement : il s'est fait renvoyer du stage.",
        # repeated lies in English
        "Because of his constant lies to staff, visits with his mentor are cut to once a month.",
    ],
)
def test_eleventh_pass_sanctions_the_rules_read(text):
    assert rules_reading(text).is_sanction, text


@pytest.mark.parametrize(
    "text",
    [
        # health: the youth's or the mentor's
        "La marraine a la grippe, elle reporte la rencontre avec Lou à la semaine prochaine.",
        "No meeting this week: Ayo has the flu. We will rebook when she is better.",
        "Rencontres espacées le temps que Nour se remette de son accident de scooter.",
        "Match on hold on the doctor's advice while he is an inpatient.",
        # an epidemic, civic service, a judge's order
        "Épidémie de gastro à la MECS : visites suspendues une semaine, y compris celles des parrains.",
        "Pause du mentorat : Samir part faire un service civique à Lyon, il reprendra à son retour.",
        "Ordonnance du juge : contacts avec les tiers suspendus le temps d'une expertise ; le parrainage est suspendu en application de cette décision.",
        # a youth missing and out of reach
        "Rencontres en attente : Maëlle est toujours en fugue et nous n'avons aucun moyen de la joindre.",
        # the home's sanction, the time with the mentor not concerned
        "Léna est privée de sortie samedi (retour tardif). Comme le prévoit la charte, sa rencontre avec son parrain n'est pas concernée.",
        # not tied in any way, nothing to do with the punishment
        "Sur les conseils de la psychologue, les visites sont espacées un temps. Ce n'est en aucun cas lié à son comportement.",
        "Outing cancelled, the pool is closed. Nothing to do with his punishment at home, which only concerns his phone.",
        # the principle: not among the sanctions, the charter, protected time
        "Rappel au jeune de ses horaires ; les rencontres avec sa marraine ne font pas partie des sanctions possibles.",
        "Mentoring time is protected: it cannot be taken away as a consequence or offered as a reward.",
        "Supprimer la sortie avec le parrain aurait été tentant, mais ce n'est pas autorisé par la charte du programme.",
        # more support after misconduct, seen anyway
        "Après son exclusion temporaire, sa marraine a proposé de la voir davantage. Accord du service.",
        "He kept breaking curfew; he asked for more time with his mentor, and the sessions were extended.",
    ],
)
def test_eleventh_pass_legitimate_notes_the_rules_clear(text):
    reading = rules_reading(text)
    assert not reading.is_sanction, (text, reading.findings)
