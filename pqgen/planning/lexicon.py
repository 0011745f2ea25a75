"""The words of a figure question that are not the data's own: question phrases, measures, the
objects a contact centre counts, their verbs, breakdowns, exclusions and references.

One module holds them all, so that what pqgen understands can be read in one place. Each entry
is a lemma (as `simplemma` gives it) or a written form; `reading` looks a word up by both. The
data's own words (lines, channels, departments, topics) are not here: they come from the
vocabulary the answer routes declare. General Dutch (articles, pronouns, auxiliaries) comes from
a stop-word list (`dutch_words`); the words of that list that change what is asked are in
`MEANINGFUL` and are never passed over.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _each(text: str, meaning: str) -> dict[str, str]:
    return dict.fromkeys(text.split(), meaning)


def _objects(text: str, name: str, **implied: str) -> dict[str, tuple[str, dict[str, str]]]:
    return dict.fromkeys(text.split(), (name, implied))


# Words that ask, or frame the ask, and add nothing to what is measured.
QUESTION = _words(
    """aantal alles bedragen bedroeg bezorgen cijfer cijfermatig cijfers concreet exact
    gegeven gegevens gelieve geven globaal graag hebben hoe hoeveel ik in_totaal kan kunnen
    laten lijst mededelen meedelen melden mij minister ook opgave overzicht precies
    samen tabel toelichten u uw verzoek wat welk welke weten worden zijn"""
)

# Measures: how a figure is computed. "hoeveel" asks a count.
MEASURES: dict[str, str] = {
    **_each("doorsnee gemiddeld gemiddelde gemiddeldes", "average"),
    **_each("mediaan mediane", "median"),
    **_each(
        "drukste grootste hoogste langste maximaal maximale maximum meeste piek topdrukte",
        "maximum",
    ),
    **_each("kleinste kortste laagste minimaal minimale minimum minste rustigste", "minimum"),
    **_each("% aandeel deel percentage procent procentueel verhouding", "share"),
    **_each(
        "afname daling evolueren evolutie gedaald gestegen stijging toename verandering "
        "veranderen verschil vergelijken vergelijking",
        "change",
    ),
    **_each("aantal aantallen hoeveel totaal totale", "count"),
}

# What is counted or measured, and the filter a word implies ("oproepen" are the telephone's).
OBJECTS: dict[str, tuple[str, dict[str, str]]] = {
    **_objects(
        "bericht berichten beller bellers contact contacten contactmoment "
        "contactmomenten contactname gebruiker gebruikers info informatie informatieaanvraag "
        "informatieaanvragen informatievraag informatievragen infovraag infovragen klant "
        "klanten oproeper oproepers vraag vragen",
        "contacts",
    ),
    **_objects(
        "belden bellen gebeld gesprek gesprekken oproep oproepen telefonisch telefonische "
        "telefoongesprek telefoongesprekken telefoontje telefoontjes",
        "contacts",
        channel="telefoon",
    ),
    **_objects(
        "chat chatgesprek chatgesprekken chats chatsessie chatsessies chatten chatter chatters",
        "contacts",
        channel="chat",
    ),
    **_objects(
        "e-mail e-mails mail mailden mailen mails mailtje mailtjes", "contacts", channel="e-mail"
    ),
    **_objects("webformulier webformulieren", "contacts", channel="webformulier"),
    **_objects(
        "agent agenten medewerker medewerkers operator operatoren personeel personeelsleden "
        "personeelslid telefonist telefonisten voorlichter voorlichters werknemer werknemers",
        "agents",
    ),
    **_objects("equivalent equivalenten fte voltijds voltijdse vte", "fte"),
    **_objects("getraind getrainde opgeleid opgeleide opleiden", "trained agents"),
    **_objects("opleiding opleidingen training trainingen", "trainings"),
    **_objects("gewacht wachten wachtrij wachttijd wachttijden wachtten", "waiting time"),
    **_objects("serviceniveau servicelevel", "service level"),
    **_objects(
        "afhandelingstijd behandeltijd behandelingstijd duur duurde duurden gespreksduur",
        "handling time",
    ),
    **_objects(
        "afbreken afgebroken afgehaakt afhaken haakte haakten haken ingehaakt inhaakten inhaken "
        "opgehangen",
        "abandoned calls",
    ),
    **_objects(
        "tevreden tevredenheid tevredenheidscijfer tevredenheidsenquête tevredenheidsenquêtes "
        "tevredenheidsmeting tevredenheidsscore",
        "satisfaction",
    ),
}
OBJECT_NAMES = frozenset(name for name, _ in OBJECTS.values())
# Objects that are about contacts: agents handle them, callers wait for them, are satisfied
# with them. Contact words beside these qualify them ("de personeelsleden die de vragen
# behandelen"), they are no second ask.
QUALIFIED_BY_CONTACTS = OBJECT_NAMES - {"contacts"}
# Words that say more of an object without narrowing it: agents are trained "specifiek" for
# "de thema's" of a department; the figures count exactly that.
QUALIFIERS: dict[str, frozenset[str]] = {
    "trained agents": _words("thema thema's themas specifiek speciaal"),
    "satisfaction": _words("burger burgers inwoner inwoners"),
}
# Objects that together are another: agents who "volgden een opleiding" are trained agents;
# "hoeveel opleidingen" alone counts trainings, which the data does not.
OBJECT_PAIRS = {
    frozenset(["agents", "trainings"]): "trained agents",
    frozenset(["trained agents", "trainings"]): "trained agents",
}
# What an object is when a filter of this dimension narrows it: the share of the calls
# answered "binnen de 30 seconden" is the service level.
DERIVED_OBJECTS = {("contacts", "threshold_seconds"): "service level"}

# Verbs (and their particles) of contacts coming in and being handled, of staff at work.
VERBS = _words(
    """afgehandeld afhandelen beantwoord beantwoordde beantwoordden beantwoorden bedragen
    behandeld behandelde behandelden behandelen bereiken bereikt beroep bestaan binnen
    binnengekomen binnenkomen binnenkomt binnenkwamen contacteren dienst doen gebeurden
    gebeuren gebruiken gebruikt gecontacteerd gedaan gekomen gekregen genoteerd geregistreerd
    gericht gesteld gestuurd geteld gevoerd gevolgd gevraagd had hadden handelen hanteren
    hebben heeft indienen informeren ingediend ingezet inlichten inzetten is komen kreeg kregen
    krijgen kwam kwamen nam namen nemen noteren ontvangen ontving ontvingen op_leiden
    opgenomen opgevraagd opnam opnamen opnemen opvragen registreren richten stellen
    sturen telde telden tellen terechtkomen terechtkunnen tewerkgesteld tewerkstellen verliep
    verliepen verlopen versturen verstuurd verwerken verwerkt voeren volgde volgden volgen
    vragen waren was werd werden werken werkten worden wordt zetten zijn vertegenwoordigen
    vertegenwoordigden vertegenwoordigt gaan ging gingen gaat verwerkte verwerkten"""
)

# The service a question is about, named without a value of its own: "het gratis nummer".
SUBJECT = _words(
    """callcenter contactcenter contactcentrum dienstverlening gratis infolijn infolijnen
    informatielijn lijn nummer service telefoonnummer vlaams vlaamse"""
)

# What the figures may be split by: the dimension each word names.
DIMENSIONS: dict[str, str] = {
    **_each("onderwerp onderwerpen topic", "topic"),
    **_each("thema thema's themas", "theme"),
    **_each("kanaal kanalen contactkanaal contactkanalen", "channel"),
    **_each("lijn lijnen infolijn infolijnen", "line"),
    **_each("maand maanden", "month"),
    **_each("jaar jaren kalenderjaar kalenderjaren", "year"),
    **_each("kwartaal kwartalen trimester trimesters", "quarter"),
    **_each(
        "administratie agentschap agentschappen beleidsdomein beleidsdomeinen bevoegdheid "
        "departement departementen entiteit entiteiten",
        "department",
    ),
    **_each("dag dagen werkdag werkdagen", "day"),
    **_each("week weken", "week"),
    **_each("weekdag weekdagen", "weekday"),
    **_each("uur uren tijdstip tijdstippen", "hour"),
    **_each("gemeente gemeenten gemeentes stad steden", "municipality"),
    **_each("provincie provincies", "province"),
    **_each("regio regio's", "region"),
    **_each("geslacht gender", "gender"),
    **_each(
        "leeftijd leeftijden leeftijdscategorie leeftijdscategorieën leeftijdsgroep "
        "leeftijdsgroepen",
        "age",
    ),
    **_each("taal talen", "language"),
    **_each("nationaliteit nationaliteiten", "nationality"),
    **_each("sector sectoren", "sector"),
}
# The plurals that, after "de" or "alle", ask the figures of each ("de lijnen van het
# contactcenter", "alle kanalen"): a breakdown, never the one value the title names.
PLURAL_DIMENSIONS = _words("lijnen infolijnen kanalen onderwerpen departementen")
# Words that split what follows: "per onderwerp", "opgesplitst naar kanaal".
SPLIT = _words(
    """elk elke ieder iedere naar op_splitsen opdelen opgedeeld opgesplitst opsplitsen
    opsplitsing per uitgesplitst uitsplitsen uitsplitsing verdeeld verdelen verdeling volgens"""
)
# Adverbs that split by a time grain.
SPLIT_ADVERBS = {
    **_each("jaarlijks jaarlijkse", "year"),
    **_each("maandelijks maandelijkse", "month"),
    **_each("dagelijks dagelijkse", "day"),
    **_each("wekelijks wekelijkse", "week"),
}

# Words that leave something out: "zonder de vragen over dienstencheques".
EXCLUDING = _words("behalve behoudens buiten exclusief niet uitgezonderd uitzondering zonder")
# After what they leave out: "de dienstencheques niet meegerekend".
EXCLUDED_AFTER = _words("meegerekend meegeteld")

# Words that refer to an earlier part: its figures, its period.
REFERRING = _words("daarbij daarin daaronder daarop daarvan ervan hierin hiervan waarvan")
REFERRING_DETERMINERS = _words("dat datzelfde deze dezelfde die diezelfde hetzelfde")
# Before what an earlier part named, these refer to it: "de vragen", "dit gratis nummer".
DEFINITE = _words("dat datzelfde de deze dezelfde die diezelfde dit het hetzelfde")

# Words of the stop-word list that change what is asked: they must be read by a construction
# (a period, an exclusion, a breakdown) or they make the part not fully read.
MEANINGFUL = _words(
    """achte afgelopen alleen ander andere anders anderszins behalve behoudens bijna binnen
    boven buiten derde dertig drie duizend eerder eerste eigen enkel gedurende geen geleden
    honderd laatst later meer meest meestal minder na nadat negen niemand niet niets noch nooit
    nu omstreeks onder ongeveer overige paar recent rond rondom sedert sinds sindsdien slechts
    sommige tegen thans tien tiende tijdens toen toenmaals toenmalig tot totdat tussen twee
    tweede uitgezonderd vanaf vanuit veel veertig verscheidene vier vierde vijf vijfde vijftig
    volgend voor vooraf vooralsnog voordat voorheen vroeg weinig zes zeven zonder
    aangaande betreffende inzake omtrent beide beiden beneden daarna hierna dikwijls eens eerst
    enige even heel hele inmiddels intussen ondertussen maar missen mits nog of ooit opnieuw pas
    tegenover tenzij vaak verder verschillende voordien wederom weer zelfs respectievelijk
    telkens nergens niks vooral overal ergens genoeg steeds"""
)
# Of those, the ones that concern time or order: harmless unless a number, a month or a unit of
# time follows ("voor de Woonlijn" is not "voor 2020").
TIME_PREPOSITIONS = _words(
    "binnen gedurende omstreeks rond sedert sinds tijdens tot tussen vanaf voor"
)
TIME_UNITS = _words(
    """dag dagen jaar jaren kwartaal maand maanden minuten minuut seconde seconden semester
    trimester uren uur week weken"""
)
# Relative adverbs the stop-word list lacks: "waarover info wordt gevraagd".
RELATIVE = _words("waaraan waarbij waardoor waarin waarmee waarop waarover waarvoor")
# Words that frame a period read ("tijdens het schooljaar 2023-2024", "over heel 2023").
PERIOD_PREPOSITIONS = _words("in tijdens gedurende over heel hele geheel gehele volledige")
# Pronouns that stand for what an earlier part asked about ("hoeveel waren dat", "hun
# wachttijd"): a part that uses one is read with that part.
PRONOUNS = _words("dat dit die deze ze zij hen hun")
# Prepositions that belong to the value after them: "binnen de minuut" is the norm.
GOVERNING = _words("binnen aangaande betreffende inzake omtrent")
# Before an object, these make it what other contacts are about ("vragen over de wachttijd"):
# no object of the figures, and nothing the data classifies contacts by.
ABOUT = _words("over aangaande betreffende inzake omtrent rond")
# A filter that applies to some objects only: the norm of seconds to the service level.
FILTER_OBJECTS = {"threshold_seconds": frozenset(["service level"])}

# After "hoe": a question phrase ("hoe lang moesten bellers wachten").
HOW = _words("groot hoog lang vaak veel")
# Determiners that may stand between a preposition and what it governs.
DETERMINERS = _words("alle dat de deze die dit een elk elke haar het hun zijn")
