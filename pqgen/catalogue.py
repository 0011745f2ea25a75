"""The Dutch texts pqgen writes into the files it makes (answer, workbooks, annex, comments).

Everything inside a file pqgen writes is Dutch; terminal output and docs are English. The Dutch
texts live here, one name each, so that wording is changed in one place and reviewed as a whole.
Texts with slots are `str.format` patterns with named fields.
"""

from __future__ import annotations

# Placeholders: what a person still has to write, and why pqgen did not.
PLACEHOLDER_PREFIX = "TE VERVOLLEDIGEN"
PLACEHOLDER = "[" + PLACEHOLDER_PREFIX + ": {what}]"
# A placeholder anywhere in a text: what markup highlights and `pqgen check` counts.
PLACEHOLDER_PATTERN = r"\[" + PLACEHOLDER_PREFIX + r":[^\]]*\]"
NO_TEMPLATE = "geen sjabloon past bij deze vraag"
TEMPLATE_GAVE_NOTHING = "sjabloon {template} gaf geen tekst"
ANSWER_TO_SUBQUESTION = "antwoord op deelvraag {number}; {why}"

# The official layout's fixed words (see output/layout.py).
QUESTION_HEADING = "SCHRIFTELIJKE VRAAG"
ANSWER_HEADING = "ANTWOORD"
DRAFT_MARK = "ONTWERP"
DUE_DATE = "Uiterste antwoorddatum: {due}"
ANNEX_LINE = "Bijlage {number}: {name} (de cijfers en hun bronnen)"
FIGURE_CAPTION = "Figuur {number}: {caption}"

# The workbook a department fills in (figures/workbooks.py).
REQUEST_ROWS = "Vul één rij in per {per}, vanaf rij {row}."
REQUEST_ONE_ROW = "Vul één rij in: rij {row}."
REQUEST_HOW = (
    "Laat de kolomnamen in rij {row} staan. Getallen zonder scheidingsteken voor duizendtallen; "
    "percentages als getal van 0 tot 100; datums als jjjj-mm-dd."
)
REQUEST_OPTIONAL = " Mag leeg blijven: deze cijfers dienen ter vergelijking."
KEY_COLUMN = " (sleutel)"
OPTIONAL_COLUMN = " (mag leeg)"

# Parameters as a reviewer reads them (comments, workbooks, annex).
NO_PARAMETERS = "geen"
EMPTY_LIST = "(geen)"

# The file an answer is written to when no name is given.
ANSWER_FILE = "antwoord-{number}.docx"

# issue 8: parts, subject, measures, periods and flags (why a part is not answered from figures).
ANSWER_TO_PART = "antwoord op deelvraag {label}; {why}"
POLICY_ASK = "standpunt van de minister ('{ask}')"
TEMPLATE_NONE = "geen sjabloon gevraagd (template: none in de YAML van de vraag)"
OFF_SUBJECT = "sjabloon {template} heeft geen cijfers over het onderwerp van deze vraag"
WRONG_MEASURE = "gevraagd: {asked}; sjabloon {template} geeft enkel {gives}"
WRONG_RESOLUTION = (
    "gevraagd: {period}; sjabloon {template} geeft geen cijfers voor precies die periode"
)
UNCLEAR_PERIOD = "de periode '{phrase}' kan niet exact gelezen worden; geef ze exact op"
UNKNOWN_VALUE = "{word} '{value}' komt niet voor in de gegevens (het dichtst daarbij: {nearest})"
AMBIGUOUS_VALUE = (
    "de vraag noemt meer dan één waarde voor {word} ({values}); de cijfers gelden voor één"
)
MISSING_VALUE = (
    "{word} ontbreekt: de vraag noemt er geen; geef het in de YAML van de vraag onder "
    "'parameters: {name}: …'"
)
EMPTY_FIGURES = "controleer de cijfers: {figures}.sql gaf {period} geen cijfers of overal 0"
ROWS_OUTSIDE = (
    "controleer de cijfers: {figures}.sql gaf rijen buiten de gevraagde periode ({period})"
)
NO_QUERY = "de cijfers van sjabloon {template} komen uit query {query}, die hier niet bestaat"
NOT_NARROWED = (
    "de cijfers gelden enkel voor {word} {known} en kunnen niet beperkt worden tot '{value}'"
)
# The Dutch word for a parameter in the texts above; a parameter not listed keeps its own name.
PARAMETER_WORDS = {
    "department": "het departement",
    "line": "de lijn",
    "channel": "het kanaal",
    "topic": "het onderwerp",
    "threshold_seconds": "de norm (in seconden)",
}
OPEN_PERIOD = (
    "Deze cijfers gelden van {start} tot en met {end}, de laatste volledige maand voor de vraag."
)
OPEN_PERIOD_ASKED = "Deze cijfers gelden van {start} tot en met {end}, de datum van de vraag."


# issue 12: figure asks no template answers (request sheets and template-free answers).
NOT_AVAILABLE = "niet beschikbaar"
ASK_TOTAL = "Totaal"
ASK_HOW = (
    "Vul in de kolom '{column}' één waarde in per rij, vanaf rij {row}; de sleutels links staan "
    "al ingevuld. Getallen zonder scheidingsteken voor duizendtallen; bedragen in euro; "
    "percentages als getal van 0 tot 100. Kan een waarde niet gegeven worden, schrijf dan "
    "'niet beschikbaar' (een lege cel wordt nagevraagd)."
)
ASK_OPEN_KEYS = "Vul ook de kolom(men) {columns} in: één rij per waarde."
ASK_MUNICIPALITIES = (
    "De gemeenten zijn die van 1 januari 2025 (na de fusies); tel cijfers van gefuseerde "
    "gemeenten op bij de nieuwe gemeente."
)
ASK_INVALID = "verwacht een getal ({unit}) van 0 tot {high}, of 'niet beschikbaar'."
ASK_FILLED_BY = "Ingevuld door:"
ASK_INDEX_HOW = (
    "Vul per blad de gevraagde cijfers in en vul hierboven uw naam en dienst in. Verander geen "
    "kolomnamen of bladnamen."
)
ASK_HIGHEST = "Het hoogste cijfer was er in {key} ("
ASK_LOWEST = "), het laagste in {key} ("
ASK_FROM_TO = "). Van {first} tot {last} "
ASK_ROSE = "steeg het van"
ASK_FELL = "daalde het van"
ASK_SAME = "bleef het gelijk ("
ASK_SOURCE_COMMENT = (
    "Bron: {source}. Periode: {period}; per: {per}. Ingelezen {read}, {rows} rij{s}."
)
ASK_NO_TOTAL = (
    "{period} is het totaal niet beschikbaar: niet alle cijfers zijn ingevuld (zie de tabel)."
)
ASK_CONSTANT = "Per {dimension} ging het telkens om "
ASK_PART_YEAR = "{year} (tot en met {day})"
PART_YEAR_FROM = "{year} (vanaf {day})"
PART_YEAR_BETWEEN = "{year} ({first} tot en met {last})"
ASK_VALUE_HEADERS = {"aantal": "Aantal", "euro": "Bedrag", "percentage": "Percentage", "ton": "Ton"}


# issue 11: what `pqgen new-template` writes (compose/scaffold.py). {table}, {column}, {noun},
# {by} and {per} are filled in from its options; the Jinja in the template lines stays as it is.
SCAFFOLD_BY = {"year": "jaar", "month": "maand"}
SCAFFOLD_KEY = {"year": "het kalenderjaar", "month": "de eerste dag van de maand"}
SCAFFOLD_LABEL = {"year": "Jaar", "month": "Maand"}
SCAFFOLD_COUNT_LABEL = "Aantal"
SCAFFOLD_PER = " en per {column}"
SCAFFOLD_DESCRIPTION = "Het aantal {noun} per {by}{per} (uit de tabel {table})."
SCAFFOLD_RETURNS = "één rij per {by}{per} met {noun}:"
SCAFFOLD_PER_COLUMN = "de waarde van {column} in de tabel {table}"
SCAFFOLD_COUNT = "het aantal {noun}"
SCAFFOLD_TITLE = "Aantal {noun} per {by}{per}"
SCAFFOLD_TOTAL = "{{{{ period.in_words | capfirst }}}} telden we {{{{ {total} | number }}}} {noun}."
SCAFFOLD_TABLE_INTRO = "De tabel geeft het aantal per {by}{per}."

# A part that narrows the figures (a channel, a place, a group, a condition) a template cannot.
SPLIT_NOT_HANDLED = (
    "de vraag vraagt de cijfers '{words}'; sjabloon {template} geeft ze niet zo opgesplitst"
)
NARROWING_NOT_HANDLED = (
    "de vraag beperkt de cijfers tot '{words}'; sjabloon {template} kan zijn cijfers daartoe "
    "niet beperken"
)

# The reading of a part (planning/reading.py): words nothing accounts for, near misses, and
# what the reading asks that the route chosen does not give.
NOT_UNDERSTOOD = (
    "gevraagd: {words}; de cijfers maken dat onderscheid niet (of pqgen begrijpt het niet)"
)
NEAR_MISS = (
    "'{word}' komt niet voor in de gegevens; bedoelt u '{value}'? Bevestig het in de YAML van "
    "de vraag"
)
OTHER_OBJECT = "gevraagd: {asked}; sjabloon {template} geeft cijfers over {gives}"
OTHER_MEASURE = "gevraagd: {asked}; de cijfers geven dat niet"
NOT_SPLIT = "de cijfers zijn niet opgesplitst naar {dimension}"
FILTER_NOT_APPLIED = "gevraagd: enkel {values}; de cijfers maken geen onderscheid naar {dimension}"
FIXED_FILTER = "de cijfers gelden enkel voor {values}; de vraag beperkt zich daar niet toe"
EXCLUSION_NOT_APPLIED = "gevraagd: zonder {values}; de cijfers kunnen die niet weglaten"
UNRESOLVED_REFERENCE = "de vraag verwijst naar deelvraag {label}, die niet begrepen werd"
READING_WORDS = {
    "contacts": "contacten",
    "agents": "voorlichters",
    "fte": "voltijdse equivalenten",
    "trained agents": "opgeleide voorlichters",
    "trainings": "opleidingen",
    "waiting time": "wachttijden",
    "handling time": "gespreksduur",
    "service level": "het serviceniveau",
    "abandoned calls": "afgebroken oproepen",
    "satisfaction": "tevredenheid",
    "count": "een aantal",
    "average": "een gemiddelde",
    "median": "een mediaan",
    "minimum": "een minimum",
    "maximum": "een maximum",
    "share": "een aandeel",
    "change": "een evolutie",
    "topic": "onderwerp",
    "theme": "thema",
    "channel": "kanaal",
    "channel group": "soort kanaal",
    "line": "lijn",
    "month": "maand",
    "year": "jaar",
    "quarter": "kwartaal",
    "department": "departement",
    "day": "dag",
    "week": "week",
    "weekday": "dag van de week",
    "hour": "uur",
    "municipality": "gemeente",
    "province": "provincie",
    "region": "regio",
    "gender": "geslacht",
    "age": "leeftijd",
    "language": "taal",
    "nationality": "nationaliteit",
    "sector": "sector",
    "threshold_seconds": "norm (in seconden)",
}

# The measures a part asks and a template gives, as a placeholder names them.
MEASURES = {
    "average": "een gemiddelde",
    "range": "een minimum en maximum",
    "share": "een aandeel",
    "per_month": "per maand",
    "per_quarter": "per kwartaal",
    "per_year": "per jaar",
    "by_channel": "per kanaal",
    "as_of_date": "op een datum",
    "over_period": "over een periode",
    "count": "een aantal",
    "total": "een totaal",
}

# A period that had not begun when the question was asked: there are no figures for it yet.
FUTURE_PERIOD = "de periode {period} was nog niet begonnen toen de vraag gesteld werd"

# issue 11 (recurring questions, compose/recurring.py): an answer to a question that repeats an
# earlier one. {number} and {date} ("8 juni 2017") are the earlier question's; {period} is
# EARLIER_YEARS or EARLIER_DAYS. "MINE" when the same minister answered it, "OTHER" when not (or
# unknown).
EARLIER_MINE = "In mijn antwoord op vraag nr. {number} van {date} gaf ik de cijfers {period}."
EARLIER_OTHER = (
    "In het antwoord op vraag nr. {number} van {date} werden de cijfers {period} gegeven."
)
EARLIER_MINE_ONLY = "Ik verwijs ook naar mijn antwoord op vraag nr. {number} van {date}."
EARLIER_OTHER_ONLY = "Ik verwijs ook naar het antwoord op vraag nr. {number} van {date}."
EARLIER_YEARS = "voor {years}"
EARLIER_DAYS = "van {start} tot en met {end}"
EARLIER_ALSO = "Eerder kwam deze vraag ook aan bod in {questions}."
EARLIER_ALSO_ONE = "vraag nr. {number} van {date}"
# The change since the earlier answer: {what} and the unit come from the template's `compare:`.
CHANGE_NOW = "In {year} bedroeg {what} {value}."
CHANGE_MORE = "Dat is {change} meer dan in {year}, {which} ({value})."
CHANGE_LESS = "Dat is {change} minder dan in {year}, {which} ({value})."
CHANGE_SAME = "Dat is evenveel als in {year}, {which}."
CHANGE_ABOUT_SAME = "Dat is nagenoeg evenveel als in {year}, {which} ({value})."
CHANGE_POINTS = "{points} procentpunt"
CHANGE_WHICH_HERE = "het laatste jaar in dat antwoord"
CHANGE_WHICH_THERE = "het laatste jaar in het antwoord op vraag nr. {number}"
CHANGE_WHICH_HERE_ONE = "het jaar van dat antwoord"
CHANGE_WHICH_THERE_ONE = "het jaar van het antwoord op vraag nr. {number}"
CHANGE_MISSING = "verandering sinds het antwoord op vraag nr. {number} ({why})"
# Why a change cannot be stated, in the placeholder CHANGE_MISSING ({why}).
CHANGE_NO_SET = "de cijfers voor {period} zijn er niet"
CHANGE_NO_FIGURE = "geen cijfer voor {year} in {figures}"
CHANGE_EMPTY = "{column} is leeg voor {year}"
CHANGE_ROWS = "{rows} rijen voor {year}, en dat cijfer kan niet opgeteld worden"
CHANGE_OUTSIDE = "de cijfers {figures} hebben rijen buiten {period}"
CHANGE_ZERO = "{column} was 0 in {year}, dus er is geen relatieve verandering"
CHANGE_NOT_IN_DRAFT = "het ontwerp van vraag nr. {number} heeft geen {column} voor {year}"
CHANGE_DRAFT_DIFFERS = (
    "{column} voor {year} was {was} in het ontwerp van vraag nr. {number} en is nu {now}"
)
