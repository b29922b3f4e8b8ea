"""The cues the no-sanction reader (punitive.py) looks for, by part of a sanction's structure.

Words are matched on the folded word or its spaCy lemma (prefixes end with "*"); phrases are
regular expressions on the folded text (lower case, no accents, straight apostrophes). Each list
names one part: the ACT on mentoring, the youth's CONDUCT that motivates it, the LEVER (the act
used to make the youth change), the CONDITION put on mentoring, and what DEFEATS a reading (the
match goes on, the youth asked for it, another cause is given, the sanction is someone else's or
is refused).
"""

import re

# (a) The act on mentoring: end, pause, suspend, withdraw, deprive, cancel, reduce, freeze.
ACT_WORDS = (
    "suspen* retir* retrait* priv* exclu* exclusion* arret* arreter stopp* stop stops stopped "
    "suppr* interromp* interrupt* annul* cess* clotur* clore clos perd* perdre lost lose loses "
    "interdi* fin pause paused pausing withdr* withh* revok* revoc* remov* cancel* terminat* "
    "ban banned ended ends end ending close* closur* closing expel* exclud* renvoy* gel* geler gele "
    "froze* freez* enlev* coup* couper reduit* reduire reduc* espac* ferm* veille sommeil "
    "cooling-off frein* cut cuts cutting reporte reportee reportes reportees reporter repouss* "
    "decommand* differe differee differes differees postpon* downgrad* "
    # ninth pass: adjourned, cut short, halved, broken off, unmatched
    "ajourn* ecourt* raccourc* halved rompu rompue rompre rompons dejumel*"
)
ACT_PHRASES = re.compile(
    r"plus (aucune? |de )(mentor|mentorat|sortie|rencontre|parrain|marraine|jumelage|seance|activite|benevole|visite|week-?ends?|rendez-vous|rdv)"
    r"|(ne|n') ?(permet|permettent|permettra) plus de (maintenir|poursuivre|continuer)"
    r"|plus possible de (maintenir|poursuivre|continuer)"
    r"|(ne|n') ?\w+ (plus|pas) (lui |leur )?(accorder|offrir|proposer|autoriser|permettre)"
    r"|cut back|put on hold|no longer (see|meet)|(mettre|mettons|mettent|met|mis) un terme"
    r"|(ne|n') ?(verra|reverra|sortira|ira|viendra) pas|stand-by|standby|off the table"
    r"|(ne|n') ?(verr\w*|reverr\w*|viendr\w*|aur\w*|sortir\w*|ir(a|ait|ont|aient)|retrouver\w*|organiser\w*) plus"
    r"|entre parentheses|en suspens\b|en (veille|stand-?by)|au frigo|mettre fin|met(tons|tent|s)? fin|pas de (mentor|sortie|parrain|marraine|benevole|rencontre)"
    r"|(ne|n') ?(peut|peux|pouvons|pourra) (pas|plus) (continuer|poursuivre)"
    r"|taken (away|off)|took (the|his|her|their) (mentor|mentoring) away|fini les (sorties|rencontres)"
    r"|not allowed|no longer allowed|on hold|on ice|no more (mentor|outing|meeting|visit)"
    r"|\bno (outings?|visits?|meetings?|sessions?|mentoring)\b"
    r"|no mentor\b|can(not|'t) (continue|go on)|won't (see|come)|will not (see|come)"
    r"|t(ook|ake|akes|aking) (it|them) away|off the (cards|table)|(mentoring|match|sessions?|outings?)('s| is| are) off\b"
    r"|\bno (contact|more contact)\b|plus question|plus le droit de"
    # eighth pass: a meeting downgraded (« transformée en simple appel », « ramenée de 3h à 1h »,
    # « on passe aux rencontres mensuelles »), told not to come, not allowed, put off sine die
    r"|(transform|chang|remplac|convert)\w* (en|par) (un |une )?(simple |petit )?(appel|coup de fil|visio|message|sms)"
    r"|(turned|changed|downgraded|reduced|replaced) (in)?to (a |an )?(simple |mere |short )?(phone |video )?(call|message|text)"
    r"|replaced (by|with) (a |an )?(simple |mere |short )?(phone |video )?(call|message|text)"
    r"|(ramene|limite|raccourci|reduit)\w* (de \w+ )?(a|au|aux) (\w+ )?(\d|une|un|mensuel|toutes|tous)"
    r"|(on passe|passage|passons|passent|passer|passe) (a|aux|en) (une |des )?(rencontres?|sorties?|seances?|rdv|visites?)"
    r" (mensuel|bimensuel|trimestriel|toutes les|tous les|une fois|par mois)"
    r"|au lieu d'(hebdomadaire|une fois par semaine|chaque semaine|tous les)|(monthly|fortnightly) instead of weekly"
    r"|(priee?s?|demande|dit|invitee?s?|told|asked) (\w+ )?(de ne (pas|plus)|not to) (venir|passer|come|visit)"
    r"|(ne|n') ?(pas|plus) (venir|passer|voir|revoir|sortir|rencontrer)\b"
    r"|(ne|n') ?(la |le |les |l')?(vienne|viennent|vient|venait|voie|voient|revoie|sorte|sortent|aille|prendr\w*|emmen\w*|recevr\w*) (plus|pas)"
    r"|(n'a|n'avait|n'aura|n'ont|n'auront|n'aurait) (pas|plus) (eu )?le droit|(pas|plus) eu le droit"
    r"|(was|were|is|are|wasn't|weren't|isn't|aren't) (not )?(allowed|permitted) to (go|see|meet|come)"
    r"|sine die|indefinitely|\bpas de \w+( \w+)? avec (le |la |l'|sa |son )(mentor|mentore|marraine|parrain|benevole)"
    r"|\bno \w+( \w+)? with (the |his |her |their )(mentor|volunteer)"
    # ninth pass: a plan that falls through or will not take place, a meeting cut short, the
    # rhythm changed, calls or video instead of meetings, contacts limited, a match not renewed
    r"|tomb\w* a l'eau|(n'aura|n'aurait|n'auront|n'auraient) (pas|plus) lieu|(n'a|n'ont) pas eu lieu|ne se fera (pas|plus)"
    r"|(won't|will not|did not|didn't|wouldn't) (happen|take place|go ahead)|called off|cut short"
    r"|remis\w* a plus tard|divise\w* par (deux|trois|quatre|2|3|4)|une (fois|semaine|sortie|rencontre) sur (deux|trois|2|3)"
    r"|(rythme|frequence|cadence) (des \w+ |de ses \w+ )?(passe|passera|passent|est ramene\w*|baisse|diminue)"
    r"|(appels?|messages?|sms|coups? de fil|visios?) remplac\w* (les|la|le|ses|sa|son) (rencontres?|sorties?|visites?|seances?|rdv)"
    r"|(passe\w*|bascul\w*) en visio|en visio (jusqu|tant qu)|(moved|switched) to (video|phone) (calls?|only)"
    r"|limit\w* (les|la|le|ses|sa|son) (contacts?|rencontres?|sorties?|visites?|appels?|echanges?)"
    r"|au strict minimum|(ne|n') ?\w+ qu'(une|un|1) (heure|demi-heure|seule|fois|petite)"
    r"|au lieu (de la|du|des|de sa|de son) (sortie|rencontre|visite|week-end|seance)"
    r"|\b(ne|n') ?(renouvel|reconduir|prolong)\w* (pas|plus)\b"
    r"|(ne pas|de ne pas|ne plus) (renouveler|reconduire|prolonger)|(won't|will not|not) be (renewed|extended)|not (to )?renew"
    r"|(meetings?|visits?|outings?|sessions?) (are |is )?off\b|(won't|will not) visit"
    # tenth pass: "the zoo trip with her mentor is off"
    r"|\b(trip|outing|visit|meeting|session|weekend|day out|activity)s?\b[^.]{0,40}\b(is|are|'s|was|were) (now |also )?off\b"
    # eleventh pass: « pour une heure seulement », "only for an hour"
    r"|(pour )?(une|1|une petite|une demi-)[ -]?heure seulement|only (for )?(an|one|half an) hour|limited to (an|one|half an) hour"
    r"|\b(il|elle) (ne )?(voit|verra|sort|ira|reverra) plus\b"
    # not taking part, not benefiting, struck from the diary (« ne participerait plus aux sorties »)
    r"|(ne|n') ?(participe|participera|participerait|profite|profitera|profiterait|beneficie\w*) (plus|pas)"
    r"|\bray\w* (la|les|le|sa|ses|son) (sortie|rencontre|visite|rdv|seance)"
    r"|(mentor|mentore|marraine|parrain|benevole)\w* (voulait|voudrait|proposait|propose|avait prevu|souhaitait|a propose)"
    r"[^.]{0,80}\b(a dit non|ont dit non|ont refuse|a refuse|refuse|n'a pas (autorise|accepte))"
    r"|(mentor|volunteer) (wanted|planned|offered|proposed)[^.]{0,80}\b(said no|refused|didn't allow|did not allow)"
)

# (b) The youth's conduct or schooling, cited as the motive.
CONDUCT_WORDS = (
    "comportement* conduite conduct* attitude* insolen* insult* bagarr* fight* violen* agress* "
    "aggress* vol vole volé stol* steal* theft fugu* menti mentir mensonge* lied lying "
    "regle* reglement* rule* rule-breaking couvre-feu curfew fum* smok* cannabis drogue* drug* "
    "stupefiant* degrad* vandal* frapp* hit hitting incident* absence* absent* absenteisme "
    "sech* skip* truan* retard* ecole* college* lycee* classe* class classes scolair* "
    "scolarit* school* bulletin* notes grades resultats devoirs homework attendance assidu* "
    "taches chambre chores excus* apolog* effort* renvoi* renvoy* behav* insolence misconduct "
    "disrespect* effronter* calme correctement sage insolent rude rudeness impoli* menace* "
    "threat* sworn discipline ingerable decouch* engagements disruptive outburst* swear* swore "
    "insultes actes gravite tranquille caught respectueu* irrespectueu* trash* damag* "
    "destroy* casse* injur* substance* alcool* alcohol* connerie* betise* ecart* derap* "
    "assault* breach* provocation* desobei* disobe* propos racis* abus* bully* bullied harcel* harass* "
    "stunt* smash* spat spit* punch* kick* shoplift* break-in burglar* robb* recidiv* voler volait "
    "volent interpell* sneak* mensonges bulletin "
    # ninth pass: chores, drugs and theft in slang, detentions
    "tache corvee* chore menage vaisselle weed shit joint joints beuh deal dealer dealait dealing "
    "trafic chourave chouraver chipe crach* defian* "
    # tenth pass: offences and drunkenness
    "recel delit* infraction* ivre ivres ivresse ebriete alcoolise* drunk* saoul* "
    # eleventh pass: brawls
    "rixe* altercation* echauffouree* embrouille*"
)
CONDUCT_PHRASES = re.compile(
    r"manqu\w* de respect|non[- ]respect|respect\w* (les |the )?(adulte|adult|educat|staff|personnel)|ne respecte\w* (pas|aucun|plus|rien)|fait le mur"
    r"|trop loin(?! (pour|de|du|d'|des))|too far(?! (for|from|away))|fait (une|des) betise|(les|des|ces|ses) faits (de|du|d')|vu les faits|betise|depasse les bornes|ce qu'(il|elle) a fait"
    r"|running (away|off)|run(s)? away|ran away|community service|refus\w* (de |d'|to )"
    r"|repon\w* (mal |insolemment )?(a|au|aux) (son |sa |ses |la |le |l'|un |une )?"
    r"(prof|educat|direct|enseign|adulte|personnel|surveill)"
    r"|talk\w* back|answer\w* back|respect\w* (les |le |the )?(regles|cadre|rules|house rules)"
    r"|(aller|va|vais|retourn\w*|rentr\w*|reprendr\w*|repris)( pas| plus)? en cours|(les|des|aux|ses|au) cours\b"
    r"|parl\w* mal\b|(n'est|n'etait|ne sont|ne va|ne vont|n'allait) (pas|plus|jamais) (\w+ )?(alle|allee|alles|venu|venue|presente?)\w*"
    r" (a|au|aux) (ses|son|sa|les|des)? ?(rendez|rdv|cours|stage|seance)|manqu\w* (ses|les|des) (rendez|rdv|cours)"
    r"|(got|gets|get) into (a )?(fight|trouble)|broke (the )?(rules|curfew)|n'importe quoi|out of trouble|break-in|broke in"
    # eighth pass: school reports and behaviour charts, money to give back, being caught at it
    r"|carnet de correspondance|mot dans (le|son) carnet|tableau de comportement|semaines? (verte|rouge|sans incident)"
    r"|heures de colle|conseil de discipline|avertissement|\b(son|sa|his|her) (exclusion|renvoi|mise a pied|suspension from school)"
    r"|(rendu|rendre|rende|rembours\w*|restitu\w*) (l'argent|les sous|ce qu'(il|elle) a pris|ce qu'(il|elle) doit)"
    r"|(pay|paid|pays|give|gave|gives) (back )?(the money|what (he|she) took)|pay(s)? (it )?back"
    r"|surpris\w* a \w+|pris\w* (la main dans le sac|sur le fait|en flagrant)|caught (\w+ing)|stay\w* out (late|all night)"
    # ninth pass: staying out, the phone or console instead of work, bad company, missed
    # appointments on purpose, a task not handed in, theft in slang
    r"|nuit dehors|dehors (toute la nuit|jusqu'a)|rentre\w* (a|vers) (\d+|une|deux|trois|quatre|cinq) ?(h|heures?)\b(?! (de|pour))"
    r"|out all night|came (home|back) at (\d|one|two|three|four)"
    r"|(sur|scotche\w* a|accroche\w* a|colle\w* a|accro a) (son|sa) (telephone|portable|tel|console|ecran|switch|play)\b"
    r"|au lieu (de|d') (reviser|travailler|faire ses devoirs|aller (en cours|au lit|se coucher|a l'ecole|au college|au lycee))"
    r"|on (his|her) phone (all|instead)|instead of (revising|studying|doing (his|her) homework|going to (school|class|bed))"
    r"|trai\w* (avec|dans) (la|les|une|sa|des|ses) (bande|potes|rue)|mauvaises? frequentations|wrong crowd|bad company"
    r"|fai\w* expres de|(rat|loup|zapp|sech)\w* (son|sa|ses|les|des) (rendez|rdv|cours|seance|stage)"
    r"|\b(il|elle|[a-z]\.?) (n'a|n'avait) (pas|toujours pas|jamais) (rendu|fait|respecte|tenu)\b"
    r"|\b(a|no|another|without a|\d+|two|three|four|several|after) detentions?\b"
    r"|ayant ete (viree?|exclue?|renvoyee?)\b|(a|avait) ete viree?\b|s'est fait (virer|exclure|renvoyer)\b|\b(il|elle|[a-z]+) se comport\w*"
    r"|malgre (l'|les |la |le |nos |des )(interdiction|avertissement|consigne|mise en garde)|despite (the |repeated )?(ban|warnings?)"
    r"|\b(a|avait|ont) (pique|chourave|chipe|barbote|fauche)\b|\bpris\w* a (revendre|voler|fumer|dealer|frapper)"
    # tenth pass: police custody, exclusions from class, not keeping to a timetable
    r"|garde a vue|in (police )?custody|(des|ses|les|aux|plusieurs|\d+|deux|trois) exclusions? (de cours|du college|du lycee|de l'ecole|de classe|temporaires?)"
    r"|respect\w* (son|sa|ses|les|le) (emploi du temps|horaires|planning|engagements)"
    # eleventh pass: lies in English (« lié » folds to "lie"), remarks in a school record
    r"|\b(his|her|their|more|many|several|repeated|constant|persistent|endless|told|tells|telling) lies?\b"
    r"|\b(remarques?|mots?|observations?|croix|points? rouges?)( \w+)? (dans|sur) (le|son|sa|ses) (carnet|cahier|fiche|tableau|agenda)"
    r"|passages? a l'acte"
)
# An act word on something else than mentoring (« elle a perdu sa carte de bus »).
ACT_ON_THINGS = re.compile(
    r"^ (sa |son |ses |his |her |their )(carte|portable|telephone|cles|papiers|pass|badge|sac|porte-monnaie|card|phone|keys|wallet)"
)
# Words that look like conduct but are not: « voler de ses propres ailes », « en cours » (ongoing).
NOT_CONDUCT = re.compile(
    r"vol\w* de (ses|leurs) propres ailes|annee scolaire|(voyage|sortie|sejour|vacances) scolaires?|school trip|school year|\ben cours\b|au long cours"
)

# The act used as a lever on the youth: these alone motivate the act (no conduct word needed).
LEVER_PHRASES = re.compile(
    r"pour (qu'(il|elle|ils)|que (le|la) jeune) (comprenne|reflechisse|realise|mesure|prenne)"
    r"|pour (lui|leur) faire comprendre|recadr\w*|servir? de lecon|servira de lecon"
    r"|ca (lui|leur) apprendra|seul levier|levier|reflechir a ses actes|mesure\w* la gravite"
    r"|mesure educative|reponse educative|coherence educative|marquer le coup|responsabilis\w*"
    r"|teach (him|her|them) a lesson|so (that )?(he|she|they) (learns?|understands?|realis|think)"
    r"|a titre (educatif|d'exemple)|pour l'exemple|(il|elle) doit (montrer|prouver|faire ses preuves)"
    r"|(needs?|has|have) to (show|prove)|must (show|prove)|send (him|her|them) a (clear )?message"
    r"|(il|elle|jeune) doit d'abord|(must|needs to|has to) first|reflect on (his|her|their) (actions|behaviou?r)"
    r"|il faut qu'(il|elle) |prendre ses responsabilites|take responsibility"
    r"|moyen de pression|leverage|prenne conscience|prendre conscience|make (him|her|them) (understand|realis|learn)"
    r"|(histoire|afin) qu'(il|elle) (reflechisse|comprenne)|must be earned|has to be earned"
    r"|cooling-off|cooling off|rappel au cadre|wake-up call|electrochoc|(needs?|doit|doivent) (to )?(learn|apprendre)|(gagner|regagner|meriter|merite)\w* (a nouveau )?(le droit|son|sa)"
    r"|\b(re)?gagn\w* (le droit a |a nouveau )?(son|sa|ses) (sortie|week|rencontre|mentor|parrain|marraine|journee|activite|voyage)"
    r"|\bpas de \w+, pas de (sortie|voyage|week|mentor|rencontre|parrain|marraine|activite)"
    r"|\bno \w+,? no (outing|trip|mentor|meeting|visit|weekend)"
    # eighth pass: a lesson given, a price paid, the carrot, proving oneself first
    r"|(donn|inflig|fair)\w* (une |la |sa )?lecon|pour (lui|leur) apprendre|(give|gave|giving|gives) (him|her|them) a lesson"
    r"|to teach (him|her|them)\b|\b(le|c'est le|un) prix (de|a payer)|pa(y|ie|ye)\w* (le prix|the price)|the price (of|for)"
    r"|\bla carotte\b|\bcarrot\b|fai(t|re) ses preuves|prove (himself|herself|themselves)"
    r"|\bdoi(t|vent) d'abord (montrer|prouver|faire|s'excuser|rendre|respecter|se|reparer|rembourser)"
    # ninth pass: to make him react, what he cares about, a warning, a strong signal, owning it
    r"|(le|la|les|lui|leur) (fera|ferait|fasse|faire|fait) (reagir|bouger|reflechir|comprendre)|make (him|her|them) (react|think)"
    r"|sai(t|s) (tres bien )?(ce qu'(il|elle) a a faire|pourquoi)|knows? (what (he|she) (has|needs) to do|why)\b"
    r"|doi(t|vent) (se \w+|\w+) d'abord|laiss\w* mariner|sent\w* le manque|feel the loss"
    r"|pour qu'\w+ (comprenne|reflechisse|realise|mesure|prenne|sente)|f(ai|a)\w* ses preuves"
    r"|(ce a quoi|auquel|a laquelle|auxquels) (il|elle) tien|(only|one) thing (he|she) cares about"
    r"|en guise d'avertissement|a titre d'avertissement|as a warning|signal (fort|clair)|(strong|clear) signal"
    r"|(doit|doivent|faut qu'(il|elle)) (assumer|en assumer)|assum\w* (ses|les) (actes|consequences|absences|betises)"
    r"|(has|have|needs?) to (own|face) (it|up|his|her|their)"
    # tenth pass: the deal announced beforehand, someone named must show by then
    r"|(c'etait|c'est|that was|that's) (le|the) (deal|contrat|marche)\b|(on|nous) (l'|lui|les|leur) (avait|avions) (prevenue?s?|avertie?s?)"
    r"|(si tu veux|tu veux|if you want|you want) (\w+ )?(voir|revoir|sortir avec|to see|see) (ton|ta|your) (parrain|marraine|mentor\w*)"
    r"|reflect on (his|her|their) (choices|conduct|actions|behaviou?r)|reflechir a (ses|son|sa) (actes|choix|comportement|attitude|conduite)"
    r"|(he|she|they) (was|were|had been) (warned|told)\b|d'ici la,? [^.]{0,30}\bdoi(t|vent) (montrer|prouver|faire|respecter|se)"
    r"|\b(?<!mentor )(?<!mentore )(?<!marraine )(?<!parrain )(?<!benevole )[a-z]+ doi(t|vent) (montrer|prouver|faire ses preuves) (qu|que|sa|son|ses)"
    r"|\b(get|gets|got|will get)s? (his|her|their) [^.]{0,30}(mentor|outing|meeting|visit|saturday|sunday|weekend)[^.]{0,20} back\b"
)

# Mentoring given back as a reward (« comme Théo s'est bien tenu, … qu'il reprenne les sorties »):
# good conduct and a resumption in one sentence.
GOOD_CONDUCT = re.compile(
    r"(s'est|s'etait|se sont) (bien|tres bien|parfaitement) (tenue?s?|comportee?s?|conduite?s?)|(a|avait) ete (sage|exemplaire|irreprochable)"
    r"|(has|had) (behaved|been good)|behaved (well|himself|herself)|(good|better) behaviou?r"
)
RESUMED = re.compile(
    r"\b(reprend\w*|reprenne\w*|reprise|retrouv\w*|redonn\w*|rend\w*|regagn\w*|de nouveau|a nouveau|resum\w*|restor\w*|back|again|accord\w*|allowed)\b"
)

# Texts that name the sanction (denials and others' sanctions are handled apart).
EXPLICIT_WORDS = (
    "sanction* puni* punition* punitif* punitive* penalit* penalis* penaliz* penalty* "
    "disciplinaire* disciplinary* punish* grounded privilege* consequence* deserve* "
    "merite* meriter recompense* reward* rewarded"
)
EXPLICIT_PHRASES = re.compile(
    r"a titre (de sanction|punitif)"
    r"|\bprivee?s? d(e|u) (son |sa |ses )?(mentor|mentorat|parrain|marraine|jumelage|sorties)"
    r"|privation d(e|u) (mentor|mentorat|parrainage|jumelage)|deprived of (his|her|their) mentor"
    r"|doit se meriter|earn\w* (\w+ ){0,5}back|as a penalty|actions have consequences"
    r"|perd\w* (le|son|sa|ses) droit|(sont|est) (\w+ )?a (gagner|meriter)|se (gagne|merite)nt?\b|(has|have|needs?|must) to earn|must earn"
    # tenth pass: « on ne peut pas récompenser un jeune qui … », "we can't reward him"
    r"|(ne|n') ?(peu\w*|pouv\w*|v\w+|doi\w*|sau\w*) (pas|plus) (le |la |les |l')?recompens\w*|(can't|cannot|won't|shouldn't|will not) reward"
    # eleventh pass: « pas lui faire de cadeaux », "no free pass"
    r"|(pas|plus|aucun) (lui |leur )?faire (de |des )?cadeaux?|no (more )?free pass(es)?|(let|letting) (him|her|them) off (the hook|lightly)"
)
# A third party's sanction that takes in the mentoring (« privée de sorties, y compris avec sa
# marraine », "grounded, and that includes her mentor visits"): ours too.
EXTENDS_TO_MENTORING = re.compile(
    r"(includ\w*|extends? to|applies to|covers?|y compris|s'appliqu\w* (aussi |egalement )?(a|aux)|s'etend\w* (a|aux)|inclu\w*|comprend\w*)"
    r" (\w+ ){0,3}(mentor\w*|volunteer|marraine|parrain|benevole|mentorat|jumelage|rencontres?|sorties?|visits?|outings?|meetings?)"
)

# (c) A condition on mentoring; it counts when it bears on the youth's conduct or effort.
CONDITION_PHRASES = re.compile(
    r"\btant qu|jusqu'a ce qu|jusqu'aux?\b|a condition (qu|de)|\bsi (il|elle|ils|elles)\b"
    r"|\bs'(il|ils)\b|\bque s'(il|ils)\b|\bque si\b|en attendant qu|le temps qu|avant (qu|une)"
    r"|conditionn|subordonn|quand (il|elle) (aura|sera)|\bdes qu|que lorsqu|qu'(apres|une fois)"
    r"|\blorsqu'(il|elle) aura|attend\w* qu'(il|elle)|wait\w* for (him|her|them) to"
    r"|depend\w* de (son|sa|ses)|depends? on (his|her|their)|qu'a (son|sa) |qu'au retour"
    r"|\bsi et seulement si|\b(uniquement|seulement) si\b|\bsi (ses|son|sa)\b|\bif (his|her)\b|sauf (s'|si)|reprend\w* (quand|lorsqu|le jour ou)|le jour ou (il|elle)"
    r"|\b(resume|resumes|restart\w*|start again|starts again) when\b"
    r"|\bwhen (he|she|they) (shows?|proves?|starts?|stops?|goes|attends?|behaves?|apologi\w*)\b"
    r"|\buntil\b|\bas long as\b|\bunless\b|\bonly if\b|\bonly (re)?start\w* when\b|\bon condition\b"
    r"|\bconditional on\b|\bcontingent (up)?on\b|\bdepend\w* on\b|\bif (he|she|they)\b|\bpending\b|\bonce (his|her|their|he|she)\b"
    r"|\bd'abord\b[^.]*\b(ensuite|puis|apres)\b|\bfirst\b[^.]*\bthen\b"
    r"|\bwhen (his|her|their)\b"
    r"|\bif (he|she|they) (doesn't|does not|don't|do not|won't)|\bwhile (he|she|they) keeps?\b"
    r"|\b(uniquement|seulement|que) (quand|lorsqu)|\b(uniquement|seulement) (les|des) (semaines|jours|mois|fois)"
    r"|\bonly (when|on weeks|in weeks|after)\b"
    # ninth pass: restored or back to normal when someone says the youth has changed
    r"|(de nouveau|a nouveau|retabli\w*|redeviendr\w*|redevenir|back to \w+)[^.]{0,50}\b(lorsqu|quand|des qu|une fois qu|when|once)"
    r"|\bapres (un|une|deux|trois|quatre|quelques|\d+) (jours?|semaines?|mois) sans\b|\bonce \w+ (has|have|is|shows|gets)\b"
    r"|\bque (sur|apres) (un |l'|le )?(avis|accord|feu vert|validation|bilan)|\bselon (comment|la facon dont|ce que)"
    # tenth pass: subject to a probation period
    r"|\bone more \w+( \w+)? and\b|\bencore une? (seule )?\w+ et\b|\bau (prochain|moindre) (incident|ecart|derapage|probleme)"
    r"|\ba la (prochaine|moindre) (betise|fugue|bagarre|insulte|absence|incartade)|\bnext time (he|she|they)\b|\bprochaine fois qu"
    r"|\bsoumise?s? a\b|periode (probatoire|de mise a l'epreuve)|mise a l'epreuve|probation(ary)? period|\bon probation\b|\bsubject to\b"
)
# A condition about the mentor or about what the youth wants is not a lever.
# An effort asked of the youth right after the condition (« sauf s'il accepte », "once he shows").
CONDITION_EFFORT = re.compile(
    r"^(e\b)?\W*(il |elle |he |she |they |le jeune |la jeune |[a-z]+ )?(n'|ne )?(a |ait |aura |has |ai |pas |not )?(pas |encore |not )?"
    r"(accept|agree|fait|montr|prouv|change|s'excus|excus|apologi|se calm|calm|s'engag|commit"
    r"|show|prove|behave|comport|respect|revien|retourn|travaill|work|improv|amelior|remont"
    r"|rattrap|catch|obei|obey|tien|keep|se remet\w* (au|a|en)\b|remet\w* (au|a|en)\b|se mett|reprenn|retrouv|redevien"
    r"|s'investi|s'impliqu|se repren|se reprend|clean\w* up|sort\w* (himself|herself) out|go back|goes back|get back|is back|'s back|obtien|obtenu|decroch|reussi"
    r"|valide|rend|rembours|repar|restitu|repa(y|id)|pa(y|id) back|give back|gives back|return|stop|demand\w* pardon)"
)
CONDITION_NOT_ON_YOUTH = re.compile(
    r"^\W*(le |la |the |sa |son |his |her )?(mentor|mentore|marraine|parrain|benevole)('s)?\b"
    r"|^\W*(il|elle|he|she|they) (le |la )?(souhaite|veut|voudra|wants?|wishes)"
)

# An act by the school or the home on the youth (« exclu du collège », "suspended from school").
ACT_BY_OTHERS = re.compile(
    r"^ (\w+ ){0,2}(du |de la |de l'|d'|de |from |at )(\w+ ){0,2}"
    r"(college|lycee|ecole|etablissement|school|class|classes|cours|internat|foyer|club|stage"
    r"|internship|formation|job|travail|apprentissage)"
)

# What defeats a plain act-plus-conduct reading.
GOES_ON = re.compile(
    r"(mentorat|jumelage|parrainage|rencontres?|sorties?|suivi|match|mentoring|meetings?|sessions?"
    r"|visits?) (\w+ ){0,2}continu\w*|maintenu|maintenons|maintient|se poursui\w*|poursuivre|garde son mentor"
    r"|a (bien |quand meme )?eu lieu|(still )?took place|malgre (son|sa|ses|les|cet|cette|ce|l'(?!avis|opposition|accord))|meme s'|\bdespite\b|even though|unaffected|\bgo(es)? on\b|went ahead|goes ahead|going ahead|as usual"
    r"|carry on|keeps? (his|her|their) mentor|a bien eu lieu|normalement|plus souvent|more often"
    r"|keep (meeting|seeing)|still (meet|see)|reste en place|stays in place|n'est pas touche"
    r"|ne (remet|remettent) (pas|nullement|aucunement) en (cause|question)"
    # eighth pass: « aucun impact sur le mentorat », « s'est tenue comme d'hab », « intouchable »
    r"|(aucun|aucune|sans|pas d'|pas de) (impact|effet|consequence|incidence|changement|repercussion)s? (sur|pour) (le|la|les|l'|son|sa|ses)"
    r"|(no|without any?|not any) (impact|effect|consequences?|change) (on|to|for) (the |his |her |their )?(mentor|match|outing|meeting|session)"
    r"|s'est (bien |quand meme )?tenue?s?|se (tient|tiendra|tiennent)|comme d'hab\w*|comme d'habitude|sortie faite|rencontres? (normales|habituelles|ordinaires)"
    r"|intouchable|untouchable|mais pas (de|du|avec|pour) (la |le |l'|sa |son |ses )?(marraine|parrain|mentor|mentore|benevole|mentorat|rdv|rencontre|sortie)"
    r"|pas (les|le|la|ses) (rdv|rendez-vous|rencontres?|sorties?|seances?) avec (le|la|sa|son) (mentor|mentore|marraine|parrain|benevole)"
    r"|not (the |his |her )?(meetings?|outings?|sessions?) with (the |his |her )?(mentor|volunteer)"
    # ninth pass: mentoring unaffected in more words (MENTORING_UNCHANGED)
    r"|on (ne|n') ?(y )?(change|touche) (rien|pas)|rien ne change|(reste|restent|demeure) (tel quel|telle quelle|inchange)\w*"
    r"|(ne sera|n'est|ne seront|ne sont|n'a|n'ont) pas (ete )?touche|(sans|aucune?) (changement|modification|repercussion)"
    r"|(stays?|remains?) (as it is|unchanged|the same)|no change (to|for|in)|(won't|will not) be (touched|affected)"
    # tenth pass: the meetings kept, a resumption whatever happened
    r"|\bkeep(ing|s)? (the |his |her |their )?(\w+ )?(meetings?|visits?|outings?|sessions?|match|mentoring)\b"
    r"|(gardons|on garde|garder) (les|le|la|ses|son|sa) (\w+ )?(rencontres?|sorties?|rdv|seances?|jumelage|mentorat)"
    r"|\b(voir|voit|verra|rencontrer) (\w+ )?davantage|more (time|sessions|meetings|visits) with|(sessions?|meetings?|visits?) (extended|increased)"
    r"|(rencontres?|seances?|sorties?) (prolongee|renforcee|augmentee)s?|\b(voit|verra|voyait|sees|meets) (\w+ ){0,2}(de toute facon|anyway|regardless)"
    r"|quoi qu'(il|elle) (se soit passe|ait fait)|whatever (happened|he did|she did|the reason)|reprise automatique|resumes? automatically"
)
# What the programme leaves untouched, said of mentoring (« on ne change rien », « aucune
# répercussion », « reste tel quel »): a sanction word or a lever elsewhere in the note (the
# school's, the home's, someone's wish) is then context, if no act on mentoring is decided.
MENTORING_UNCHANGED = re.compile(
    r"(n'est|ne sont|ne sera|ne seront) pas concerne\w*|aura lieu normalement|(will|shall) go ahead as (usual|normal|planned)|"
    r"on (ne|n') ?(y )?(change|touche) (rien|pas)|rien ne change|(reste|restent|demeure) (tel quel|telle quelle|inchange)\w*"
    r"|(ne sera|n'est|ne seront|ne sont|n'a|n'ont) pas (ete )?touche|(sans|aucune?) (changement|modification|repercussion)"
    r"|(stays?|remains?) (as it is|unchanged|the same)|no change (to|for|in)|(won't|will not) be (touched|affected)"
    r"|ne change rien|aucune? (impact|consequence|incidence) sur|unaffected|intouchable|(ne change|ne changent|ne changera) pas\b"
    r"|(n'entre|n'entrent|ne rentre) pas dans (la|sa|cette) (punition|sanction)|not part of (the|his|her) (punishment|sanction)"
)
# « malgré les avertissements », "despite warnings": the youth's conduct went on despite them;
# the match does not go on. « l'équipe maintient l'arrêt »: the stop is kept, not the match.
GOES_ON_NOT = re.compile(
    r"^(malgre|despite) (l'|la |les |des |nos |ses |plusieurs |de nombreux |repeated |several |our |many )*"
    r"(avertissement|rappel|mise|recadrage|consigne|interdiction|remarque|warning|reminder|caution)"
    r"|^(maintenu|maintenons|maintient)\w* (l'|la |le |les |sa |son )(arret|suspension|pause|fin|gel|coupure|sanction|retrait|interdiction|decision|annulation)"
    r"|^maintenue?s? sur le papier|^(maint\w*|gard\w*|kept|keep\w*) [^.,;]{0,30}\b(sur le papier|on paper)"
)
KEPT_ACT_BEFORE = re.compile(
    r"(arret|suspension|pause|gel|coupure|sanction|retrait|interdiction|privation|annulation)s? (\w+ ){0,2}$"
)
# « malgré la fugue, mais le foyer a maintenu l'annulation », « maintenue mais réduite »: what
# goes on is turned into an act on mentoring in the same sentence.
GOES_ON_TURNED = re.compile(
    r"^[^.]{0,80}\b(mais|but)\b[^.]{0,60}\b(annul|suspen|arret|supprim|cancel|stopp|interromp|reduit|reduc|espac|limit|cut|ecourt|raccourc|shorten"
    r"|maint\w* (l'|la |le )(annulation|suspension|arret))"
)
# « il continue à sécher », "he continues to skip": the conduct goes on, not the match.
GOES_ON_IS_CONDUCT = re.compile(r"\b(il|elle|he|she|qu'il|s'il) (\w+ ){0,2}$")
NEGATED_BEFORE = re.compile(r"(\bpas|\bplus|\bne|n'|\bnot|no longer|\bnever|\bwon't) (\w+ ){0,2}$")
YOUTH_WISH = re.compile(
    r"(le|la) jeune (a )?(souhaite|prefere|choisi|a choisi|demande|a demande)"
    r"|\b(il|elle) a (souhaite|choisi|demande|prefere)|a (la|sa) demande d(u|e la) jeune"
    r"|demande(e)? par (le|la) jeune|\b(il|elle|jeune) ne (souhaite|veut) plus|ne plus vouloir"
    r"|^\W*[a-z]+ ne (souhaite|veut|desire) plus (voir|rencontrer|continuer|poursuivre|de (mentor|parrain|marraine))"
    r"|\b(a|avait) (demande|souhaite|choisi|decide) (lui|elle)-meme|\bde (lui|elle)-meme\b|\b(asked|decided|chose) (himself|herself)"
    r"|\b(?!(equipe|service|foyer|fa|mecs|ase|coordination|direction)\b)[a-z]+ a (demande|souhaite|choisi) (a|de) (ne plus|arreter|faire une pause|changer)"
    r"|youth (asked|chose|wishes|wanted)|youth's (own )?request|at (his|her|their|the youth's) request"
    r"|\b(he|she|they) (asked|chose|decided) to|(his|her|their) own (request|choice|wish|decision)"
    r"|\b(il|elle|jeune) (aimerait|voudrait|souhaiterait|prefererait|veut|souhaite) (un autre|une autre"
    r"|changer de) (mentor|mentore|parrain|marraine|binome)"
    r"|\b(il|elle) a decide (de |d')(ne plus venir|arreter|mettre fin|faire une pause|stopper)|c'est (\w+|le jeune|la jeune) qui a (mis fin|arrete|demande|souhaite|choisi)"
    r"|\bpar \w+ (elle|lui)-meme|refus (du |de la |de l')(jeune|enfant|adolescente?)\b[^.]{0,40}? de (continuer|poursuivre|voir)"
    r"|(his|her|their) wish|no longer wants?|doesn't want|does not want|respect\w* (son|sa|her|his) (choix|souhait|wish|choice|decision)"
)
NOT_THE_CAUSE = re.compile(
    r"rien a voir|sans (aucun )?lien|aucun lien|no link|no connection|n'est pas lie(e|s|es)?\b|pas lie(e|s|es)?\b|aucune incidence|pas concerne"
    r"|n'y (est|sont) pour rien|not because\b|nothing to do|unrelated|not linked|not related|no bearing|has no effect"
    r"|(n'est|c'est) pas parce qu|not about (his|her|their|the youth)"
    r"|(n'est|c'est|ce n'est) (en aucun cas|nullement|aucunement|absolument pas|pas du tout) li(e|ee|es)\b"
)
# After a denied cause, the note turns to the youth's conduct (« …, mais à son comportement »).
TURNS_TO = re.compile(r"\bmais\b|\bbut\b|: c'est\b|\bc'est (son|sa|ses)\b|\bit's (his|her)\b")
REFUSED = re.compile(
    r"refuse\w* (la|sa|cette) demande|pas question|ne peut pas servir|ne doit pas servir"
    r"|jamais (une|de) (sanction|punition)|never (a|used as a) (sanction|punishment)"
    r"|refused (the|their|a)\b.{0,30}request|will not (suspend|stop|end|withdraw)"
    r"|on ne (retire|suspend|arrete) pas|nous ne (retirons|suspendons|arretons) pas"
    r"|nous (l'|les )?(avons|avions) refuse|we (refused|said no|declined|decided against)"
    r"|ce serait une (sanction|punition)|would be a (sanction|punishment)"
    # eighth pass: refused by the programme, answered no
    r"|\b(le programme|la coordination|la coordo|la coordinatrice|le coordinateur|l'association|le service|the programme"
    r"|the program|the coordinator|coordination) (a |ont |has |have )?(refuse|refused|declined|rejected|said no|dit non)"
    r"|\brefus (du|de la|de l') (programme|coordination|coordo|coordinat\w*|association|equipe|service)"
    r"|\b(answer|reply|response|reponse)( \w+){0,3} ?: ?(no|non)\b|\bcoordinat\w* (refused|declined|said no|a refuse|a dit non)"
    r"|\b(ne|n') ?(suspend|retir|arret|priv|suppr|interromp|coup|gel)\w* pas"
    r"|(proposition|demande|requete) (\w+ )?(rejetee|refusee|declinee|ecartee)"
    r"|(avons|a|ont) (dit|repondu|rappele) que non|(nous avons|l'equipe a) dit non"
    r"|decide\w* (de ne pas (suspendre|retirer|arreter|priver|annuler|sanctionner|punir|interrompre|supprimer|reduire|couper|geler|lier|conditionner)|against)"
    r"|refuse\w* de (suspendre|retirer|arreter|priver)"
    r"|(proposition|demande|idee|suggestion|requete|projet) (\w+ ){0,8}(n'a|n'ont) pas ete (retenue?|suivie?|appliquee?)"
    r"|(n'avons|n'a|n'ont) pas (applique|suivi|retenu|donne suite a) (cette|sa|leur|la|ces) (demande|proposition|idee)"
    r"|pas de (retrait|suspension|arret) du (mentorat|parrainage|jumelage) comme (sanction|punition)"
    # ninth pass: not accepted by the programme, nothing withdrawn, the rule recalled
    r"|\baucune? (suspension|retrait|annulation|reduction)( (n'a|n'est|ne sera|n'ont) (ete )?(decide|prononce|applique|retenu)\w*|\s*(\.|$))"
    r"|(pas|non) (accepte|retenu|valide)e?s? par (la|le|l') ?(coordination|coordo|coordinat\w*|programme|equipe|association|service|direction)"
    r"|\brien (n'est|n'a ete|ne sera|n'y est) (retire|suspendu|annule|supprime|reduit|change|modifie)"
    r"|rappel\w* (la|le) (regle|principe|cadre du programme|charte)|not accepted by (the )?(coordinat|programme|program|team)"
    r"|nothing (is|was|will be) (cancelled|canceled|withdrawn|removed|suspended|taken away)"
)
OTHER_CAUSE = re.compile(
    r"demenag\w* (de la|du|de sa|de son) (mentor|mentore|marraine|parrain|benevole)"
    r"|(du|au|a la|a l') (demenagement|depart|deces|maladie|hospitalisation) (de la|du) (mentor|mentore)"
    r"|a la demande d(u|e la) (mentor|mentore|marraine|parrain|benevole)|at the mentor's request"
    # eleventh pass: health (the youth's or the mentor's), an epidemic, civic service abroad or
    # elsewhere, a judge's order, a youth missing or out of reach
    r"|\b(grippe|angine|gastro|fievre|rhume|entorse|fracture|tonsillitis|flu|fever|sprain|covid|bronchite|varicelle|chickenpox)\b"
    r"|\b(broken|fractured) (arm|leg|wrist|ankle)|\bplatre\w*|\binpatient|\bhospitalis\w*|\bcamhs\b|\bpedopsychiatr\w*"
    r"|\baccident (de voiture|de la route|de scooter|de velo|domestique)|(car|road|bike) accident|se remet\w* (de son|de sa|d'une?)"
    r"|crise sanitaire|epidemie|\bconfinement|service civique|volontariat|civic service|gap year"
    r"|ordonnance (du|de la) (juge|tribunal)|en application (de cette|de la) decision|court order|expertise psychologique"
    r"|sur (les )?conseils? (de la|du|des|de sa|de son) (psy\w*|medecin|pedopsy\w*|therapeute|infirmi\w*)|on (the )?(gp|doctor|therapist|camhs)'?s? advice"
    r"|(est|etait) (actuellement |toujours |encore )?en fugue|(currently|still) missing|has gone missing|(is|was) missing"
    r"|aucun moyen de (le|la|les) (joindre|contacter)|no way (to|of) (reach|contact)"
    r"|(?<!apres l')(?<!jusqu'a l')(?<!avant l')\baudience\b|\b(train|rail|bus|transport|tube|metro|national|general|teachers'?|staff) strikes?\b|\bon strike\b|\bvacances (de noel|d'ete|de (la )?toussaint|d'hiver|de printemps|de fevrier|scolaires)"
    r"|\ben panne\b|\bbroke down\b|\bgreve\b|\bintemperie|retraite|\bretir(es|ed|ing)\b"
    r"|\b(structure|association) (n'a plus|ferme)|plus de coordinat\w*|\bcoordinat\w* (absent|parti|en conge)"
    r"|(mentor|mentore|marraine|parrain|benevole) a decide d'arreter|mentor decided to (stop|end)"
    r"|(mentor|mentore|marraine|parrain|benevole) (est|a ete) (enceinte|malade|hospitalise\w*|opere\w*)"
    # eighth pass: practical reasons (slots, work, transport, a school event) and the mentor sanctioned
    r"|faute de (pouvoir|creneau|temps|place|disponibilit|transport|vehicule|moyens|salle|benevole)|raisons? (pro|professionnelles?)\b"
    r"|emploi du temps|\bplanning\b|carte (de bus|de transport|navigo)|\b(bus|train|metro|rer) (rate|supprime|annule)"
    r"|journee d'integration|reunion de rentree|pre-?rentree|portes ouvertes|reunion (parents|de rentree)"
    r"|perdu (son|sa|ses) (telephone|portable|carte|pass|cles|papiers)|(pas|plus) (pu|arrive\w*) a (le|la|les) joindre"
    r"|injoignable|unreachable|could(n't| not) reach (him|her|them)|lost (his|her|their) (phone|card|pass|keys)"
    r"|(voyage|sortie|stage) (scolaire|d'observation)|no (slots?|free slot)|\btimetable\b|(bus|travel) (card|pass)|work reasons"
    r"|(^|[.;:!?(] )(le |la |notre |un |une |the |our )?(mentor|mentore|marraine|parrain|benevole|volunteer)\b (\w+ )?"
    r"(a ete |est |was |has been )?(suspendue?|exclue?|ecartee?|radiee?|renvoyee?|suspended|removed|dismissed|struck off)\b"
    # ninth pass: the mentor drops out, a new mentor is sought, too far for someone
    r"|(mentor|mentore|marraine|parrain|benevole|volunteer)\w* (a |s'est |has )?(decroche|lache|abandonne|desiste|dropped out|quit|gave up)"
    r"|cherch\w* (un autre|une autre|quelqu'un d'autre|un nouveau|une nouvelle)|looking for (a new|another) (mentor|volunteer)"
    r"|fin (immediate )?de son engagement|nouveau (jumelage|binome)|trop loin (pour|de|du)|too far (for|from)|passage de relais"
    r"|\badministrati\w*|\badopt(ion|e|ee|es|ees|ed|ing)?\b|(is|are) moving|\bmov(es|ed) (to|away|in|house)|demenag\w*|comme prevu|as planned|duree prevue|objectifs? atteints?|goals? reached|commun accord|mutual agreement"
    r"|(protection|signalement|safeguarding|honorabilite|background check|antecedents|casier|fijais)\b"
    r".{0,40}\b(mentor|mentore|marraine|parrain|benevole)"
    r"|(mentor|mentore|marraine|parrain|benevole)\b.{0,40}\b(protection|signalement|safeguarding"
    r"|honorabilite|background check|antecedents|casier|fijais)"
)
# An adoptive family is a cause when it decides or asks (« les parents adoptifs préfèrent clore »),
# not when it is only named (« il a insulté sa mère adoptive »: the youth's conduct is the reason).
ADOPTIVE_FAMILY_DECIDES = re.compile(
    r"\b(famille|parents?|mere|pere|family|mother|father)s? adopti(f|fs|ve|ves)\b"
    r"|\badoptive (family|parents?|mother|father)\b"
)
FAMILY_DECISION_AFTER = re.compile(
    r"^[^.;:!?]{0,40}\b(souhait\w*|prefer\w*|demand\w*|decid\w*|choisi\w*|veul\w*|veut|voudrai\w*"
    r"|informe\w*|want\w*|ask\w*|decided|chose|would like|informed|accord|agree\w*)"
)
# An other cause named only to be set aside (« ce n'est pas à cause du déménagement »).
OTHER_CAUSE_DENIED = re.compile(
    r"(\bpas|\bplus|\bnot|\bnullement|\baucunement|rien a voir avec|nothing to do with|sans (aucun )?"
    r"(lien|rapport) avec|pas lie\w* (a|au|aux)|unrelated to|not (due to|because of|linked to|related to))"
    r" (\w+ ){0,4}$"
)
# The youth's conduct given as the reason: a causal connector, then a conduct cue in its clause.
CAUSAL = re.compile(
    r"(parce qu'|\bcar\b|a cause d|en raison d|suite a|compte tenu d|\bvu (son|sa|ses|les|le|la)\b"
    r"|\bpour (son|sa|ses|avoir|mauvais\w*|cause d)\b|\bsanctionn\w* (son|sa|ses)\b|because\b|\bdue to\b"
    r"|\bfor (his|her|their|bad|poor)\b|\bafter (his|her|their|he|she|\w+'s)\b|\bgiven (his|her|their)\b"
    r"|\breponse (\w+ ){0,3}(a|aux) (son|sa|ses|la|le|les|l'|des)?|\bin response to (his|her|their)\b"
    r"|\ben reaction (a|aux) (son|sa|ses)\b|\bin reaction to (his|her|their)\b|\b\w+ ayant\b|\bhaving\b)"
)

# A sanction word named only as what the act is NOT tied to (« rien à voir avec la punition de
# Tristan », "nothing to do with his punishment").
DENIED_BEFORE = re.compile(
    r"(rien a voir|sans (aucun )?(lien|rapport)|aucun (lien|rapport)|nothing to do|unrelated|not linked|not related|no link"
    r"|no connection|independamment) (avec|with|to|de)( \w+){0,2} ?$"
)

# Another actor's sanction (the school, the foster home, the judge): it is context, not ours.
OTHER_ACTOR = re.compile(
    r"(par|au|a la|a l'|du|de la) (son |sa |ses |le |la |l')?(college|lycee|ecole|foyer|famille|"
    r"juge|police|etablissement|prof|professeur|internat|club|employeur|parents)"
    r"|\b(the )?(school|foster (home|family|parents)|care home|home|judge|court|police|teacher"
    r"|carers?|parents?|mum|mother|father|dad)\b"
    r".{0,20}\b(grounded|punished|sanctioned|suspended|excluded)"
    r"|(grounded|punished|sanctioned|suspended|excluded) (him|her|them)? ?(by|at|from) "
    r"(the |his |her )?(school|foster|home|care|college|teacher|court)"
)
# A sanction of the foster family or the home (« puni par sa FA », « le foyer l'a puni »): context
# only when the note also says mentoring is unaffected (UNAFFECTED or GOES_ON); when it says we
# follow it (« nous suivons », « pendant la durée de la punition »), it is ours too.
THIRD_PARTY = re.compile(
    r"\bpar (son |sa |ses |le |la |l'|les )?(fa|af|assistante? familiale?|famille d'accueil|educ\w*"
    r"|foyer|mecs|college|lycee|ecole|grands?-parents?|parents|mere|pere)\b"
    r"|\b(la fa|l'af|l'assistante? familiale?|la famille d'accueil|l'equipe du foyer|le foyer"
    r"|les educ\w*|l'educ\w*|la mecs|le college|l'ecole|le lycee|ses parents|sa mere|son pere)"
    r" (l'a |les |a |ont )(puni|prive|sanctionne|consigne|confisque)"
    r"|\b(l'|le |la |sa |son )?(educ\w*|fa|af|foyer|mecs|ase|referent\w*|college|mere|pere) (dit|a dit|affirme|explique) qu"
)
UNAFFECTED = re.compile(
    r"ne change rien|ne concerne pas (le|la) (mentorat|parrainage|jumelage|sortie|marraine|parrain)"
    r"|(n'est|ne sont|ne sera|ne seront) pas concerne\w*|ne concerne que|only (concerns|covers|applies to)"
    r"|comme prevu|does(n't| not) (change|affect)|unaffected|intouchable|aucune? (impact|consequence|incidence) sur"
)
# The conduct belongs to the mentor (« comportement du mentor », "the mentor's conduct").
MENTOR_OWNS = re.compile(
    r"(?<!avec )(?<!with )\b(du|de la|of the|the|about the|concernant (le|la)|le|la) (mentor|mentore|marraine|parrain|"
    r"benevole)('s)?\W+((?!(son|sa|ses|his|her|their|il|elle|he|she)\b)\w+\W+){0,4}$"
)
# A clause whose subject is the mentor and that does not name the youth.
MENTOR_SUBJECT = re.compile(
    r"^\W*(le|la|the|notre|our) (mentor|mentore|marraine|parrain|benevole)\b"
    r"((?!\b(il|elle|he|she|son|sa|ses|his|her|their|jeune|youth|lui|him|enfant|child)\b).)*$"
)
# A new subject after a comma (« …, Elias ayant été interpellé », « …, l'équipe voulant … »).
NEW_SUBJECT = re.compile(
    r",\s+(\S+\s+){0,2}\w+ant\b|, (il|elle|ils|elles|he|she|they)\b"
    r"|[,:;]\s+[a-z]+\.? (a|avait|est|etait|s'est|n'a|has|had|was)\b"  # « …, Sarah a passé … »
    # « le mentor passera en visio jusqu'à ce que les notes remontent »: the notes are not his
    r"|\b(jusqu'a ce qu|tant qu|lorsqu|des qu|parce qu|vu qu|until|unless|as long as|because|que|that)\w*\s+"
    r"(?!(le |la |the |son |sa |his |her )?(mentor|mentore|marraine|parrain|benevole|volunteer))"
)
# « recadré » said of an adult or of words (« la FA a été recadrée », « propos recadrés par la
# cheffe de service », « la coordinatrice a recadré : … »): not a lever on the youth.
ADULT_CALLED_TO_ORDER = re.compile(
    r"\b(fa|af|famille d'accueil|educ\w*|mentor|mentore|marraine|parrain|benevole|referent\w*|propos|equipe"
    r"|coordinat\w*|cheffe?|foyer|mecs)\b (\w+ ){0,3}$"
)
CALLED_TO_ORDER_BY = re.compile(
    r"^\w* ?(par (la|le|l') ?(coordinat|chef|cheffe|referent|programme|direct)|:)"
)
MENTOR_OWNED_AFTER = re.compile(
    r"^\W*(\w+ ){0,1}(du|de la|of the) (mentor|mentore|marraine|parrain)"
)

NEGATORS = {"pas", "jamais", "aucun", "aucune", "ni", "non", "not", "no", "never", "neither"}
NEGATORS |= {"nor", "n't", "nullement"}
# After the word only the second half of « ne … pas » negates (« sanction pour non-respect » does not).
NEGATORS_AFTER = {"pas", "jamais", "not", "n't", "nullement", "aucunement"}
BREAKS = {":", ";", ".", "!", "?", "—", "-", "(", ")", "mais", "but"}

# A reason given for the act whose words are not in the lists above: after a causal connector, or
# the youth as the subject of what happened (« Mehdi a été interpellé », "he keeps bullying").
# It counts as the youth's conduct unless it is one of the legitimate causes, a closed list.
REASON_GIVEN = re.compile(
    r"(parce qu'|\bcar\b|because\b|\bdue to\b|a cause d|en raison d|suite a|\bfollowing\b"
    r"|compte tenu d|\bvu (son|sa|ses|les|le|la)\b|\bgiven (his|her|their|the)\b|\bfor (his|her)\b"
    r"|\bpour (son|sa|ses)\b|\bafter (he|she|they|his|her)\b|\bapres (son|sa|ses|qu')"
    r"|\b(il|elle|he|she|they) (a|avait|has|had|s'est|keeps|kept|continue\w*|ne|n')\b"
    r"|\b(il|elle|he|she) (a|avait|has|had) (encore |again |de nouveau )?(ete|been)\b"
    r"|\b(il|elle) (est|etait) \w+e?e?s? (a|au|en|dans)\b"
    r"|(^|[.;:] )[A-Z][a-z]+ (a|avait|has|had|was) "
    r")"
)
LEGITIMATE_CAUSE = re.compile(
    r"\bneige|\bsnow|meteo|weather|tempete|storm|orage|canicule|heatwave|verglas|\bice\b|demenag|\bmov(e|es|ed|ing)\b|hopital|hospital|malad|\bill\b|illness|sick|sante|health"
    r"|bless|bequill|platre|crutch|opere|operation|surgery|accident|enceinte|pregnan|naissance|18 ans|majorite|turned 18"
    r"|of age|independent|examen|exam|permis|code de la route|concours|\bbac\b|brevet|\bcap\b|revision|vacances|holiday|conge"
    r"|leave\b|adopt|juge|court|placement|orient|financement|funding|administrati|enquete"
    r"|investigation|signalement|safeguarding|protection|background|honorabilite|securite|safety"
    r"|objectif|goal|autonome|prevu|planned|deces|decede|died|passed away|souhait|veut|voulu"
    r"|want|wish|demande|asked|request|choisi|chose|choice|accord|agree|rematch|nouveau mentor"
    r"|new mentor|\bpart (a|au|en|pour|vivre)\b|s'engage|armee|\barmy\b|emploi|\bjob\b|apprentissage|sejour|voyage|travel|trip|retrouv\w* (sa|son) famille"
    r"|deuil|bereave|grief|funeral|obseques|perdu (son|sa|ses) (pere|mere|parent|frere|soeur|grand)"
    r"|lost (his|her|their) (father|mother|parent|brother|sister|grand)"
    r"|\bplacee?s?\b|\bplaced\b|transfer|\bmute(e|s)?\b|vivre chez|\bliv(e|es|ing) with|retour (chez|en famille)|reunif|diplome|diploma|reussi"
    r"|\bpassed\b|travail|\bwork\b|famille d'accueil|foster|nouvelle famille|new family"
    r"|famille d'accueil (part|demenage)|covid|confinement|besoin|\bneed|stage|internship|le temps"
    r"|(^|[.;:,] )(le|la|the|sa|son|his|her|their|notre|our) (mentor|mentore|marraine|parrain|"
    r"benevole|volunteer)\w* |(trouv|felt|feel|find|found)\w* (that )?(le|la|sa|son|the|her|his) (mentor|marraine|parrain)|mismatch"
    r"|finds (the|her|his) mentor|s'entend|get on|got on"
)

# After a causal connector, an article names an event or the mentor's doing, not the youth's.
EVENT_AFTER = re.compile(
    r"^\W*(e\W+|')?(la|le|les|l'|une?|des|the|an?)\b(?! (jeune|youth|young|child|enfant)\b)|^u\b"
)
# A sanction someone asked for (« demandé qu'on … pour le punir », "asked us to stop … as a …").
ASKED = re.compile(
    r"(voul\w*|demand\w*|souhait\w*|evoqu\w*|envisag\w*|asked|wanted|suggested|requested)\b"
)

# A sanction corrected or abandoned afterwards (« erreur reconnue », « réduites à tort », « contraire
# à la charte », « clause retirée », « ne sont pas reconduites », "reversed", "reinstated"), or the
# principle stated (« on ne punit pas par le mentorat », « la sortie ne se mérite pas, elle est
# due »): the note records that mentoring is NOT withdrawn. Both clear a note only when nothing
# turns against them after (« mais », "but": a disclaimer does not hide a sanction).
CORRECTED = re.compile(
    r"erreur (reconnue|de notre part|corrigee)|\ba tort\b|contraire (a la charte|au principe|aux regles du programme|au cadre du programme)"
    r"|(clause|mention|condition|mesure|decision|sanction)\b[^.;!?]{0,60}? (a ete |ont ete )?(retiree|supprimee|annulee|levee)s?\b"
    r"|(ne sont|n'ont|n'est|n'a) pas (ete )?(reconduit|maintenu|appliquee?s? ici)\w*|^\W*correction\b"
    r"|(retabli|restaure)\w* (des(?! qu)|a partir|immediatement|aussitot|le \d|sans condition)"
    r"|\b(wrongly|by mistake|in error)\b|\b(reversed|overturned|reinstated|restored) (the |at once|immediately|from)"
    r"|was (a mistake|wrong|against the charter)"
)
PRINCIPLE = re.compile(
    r"\bon ne (punit|sanctionne|prive|retire) (pas|jamais)|ne (peut|doit|pourra) (jamais|pas|en aucun cas) (etre )?"
    r"(retire|suspendu|supprime|servir|utilise|conditionne)\w* (a titre de|comme|pour) (sanction|punition|punir|sanctionner)"
    r"|ne se (merite|gagne) (pas|jamais)|(elle|il|la sortie|le mentorat|le rdv|la rencontre) est due?\b"
    r"|(is|are) never (withdrawn|used|taken away) (as|to)|we (don't|do not|never) (punish|sanction)"
    r"|we (don't|do not|never) (take|withdraw|withhold|use|stop|cancel) (\w+ ){0,3}(as|to) (a )?(punish|sanction|penalt)"
    r"|(is|are) not (something )?(to be )?earned"
    # ninth pass: « mentorat ≠ punition » (respelled « n'est pas »), « ne le conditionne ni … ni »
    r"|(mentorat|parrainage|jumelage|marrainage|mentor|sortie|rencontre|mentoring)\w* (\w+ )?(n'est (ni|pas)|is not|isn't) (une? |a )?(recompense|punition|sanction|reward|punishment|monnaie)"
    r"|ne (le |la |les |l')?(conditionn|subordonn|li)\w* (ni|jamais|pas|en aucun cas) (a|au|aux|sur|a la)\b"
    r"|n'est conditionne\w* ni|(is|are) never (conditional|dependent) on|not conditional on (grades|behaviou?r|conduct)"
    # tenth pass: « aucune rencontre … ne peut être annulée, réduite ou conditionnée »
    r"|aucun\w* (rencontre|sortie|mentorat|jumelage|seance|rdv|mentor\w*)\b[^.]{0,40}\bne (peut|doit|pourra|saurait) (\w+ )?(etre )?"
    r"(annule|reduit|conditionne|subordonne|suspendu|retire|supprime|arrete|utilise|ecourt|raccourc|espace|limite|interromp)\w*"
    r"(,? (ou |et |ni )?(annule|reduit|conditionne|subordonne|suspendu|retire|supprime|arrete|utilise|lie|ecourt|raccourc|espace|limite|interromp)\w*)*"
    r"|(cannot|can't|must not|mustn't|may not|should never|must never|can never) be (conditioned|made conditional|conditional|withdrawn|used|cancelled|canceled|reduced|suspended|removed|taken away|stopped|withheld) (on|as|because|in response)"
    # eleventh pass: not among the possible sanctions, the charter's word, no clause about it
    r"|(ne fait|ne font|ne faisait|ne faisaient) pas partie des (sanctions|punitions|mesures)|not (one of|among|part of) the (sanctions|punishments|consequences)"
    r"|comme (le veut|le prevoit|l'exige|le dit|le rappelle) (la|notre) charte|(as|per) (the|our) (charter|policy) (requires|says)"
    r"|aucune clause (liee|concernant|sur|relative) (au|a la|le|la) (parrainage|mentorat|jumelage|marraine|parrain)"
    r"|(n'est|ce n'est) pas (autorise|permis|possible) (par|selon|dans) (la|le) (charte|cadre|programme|reglement)"
    r"|not allowed (by|under) the (charter|programme|program|policy)|mentoring (time )?is protected"
)
# A principle named only to be overridden in the same sentence (« malgré notre attachement au
# principe selon lequel … n'est pas une punition, nous avons dû … »).
OVERRIDDEN_BEFORE = re.compile(r"\b(malgre|despite|bien que|quoique|although|even though)\b")
TURNS_AFTER = re.compile(r"\bmais\b|\bbut\b|cependant|toutefois|neanmoins|however|\bpourtant\b")
# A question asked about an act (« Faut-il réduire … ? », "asked whether she should cancel"): the
# act is asked, not decided.
ASKED_WHETHER = re.compile(
    r"\b(demande|demandait|se demande|demandent|s'interroge|asked|asks|wondered|wonders|wondering)\w* (si|s'il|s'ils|whether|if)\b"
    r"|\bquestion (posee|ouverte|soulevee)|\bfaut-il\b|\bpeut-on\b|\bdoit-on\b|\bshould (we|i|she|he)\b"
)
# The youth's conduct before a consequence connector and the act after it (« bulletin
# catastrophique => plus de sorties », "skipped school again, so no outing").
CONSEQUENCE = re.compile(
    r"=>|->|→|\bdonc\b|\bdu coup\b|\bd'ou\b|\bresultat\b|\bconsequence\b|\bhence\b|\btherefore\b"
    r"|\bso\b|\bas a result\b|\bconsequently\b"
)
