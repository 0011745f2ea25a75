"""What the demo contact centre is made of: departments, topics, lines, channels, and the
published figures of question 639 that the default database reproduces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_ROWS = 1_000_000
FIRST_YEAR, LAST_YEAR = 2014, 2025
SEED = 639

WSE = "Departement Werk en Sociale Economie"
# Figures the default database reproduces (see the package docstring).
WSE_CONTACTS_2014_2016 = 69_871
EXCLUDED_TOPIC = "dienstencheques"
STAFF_RANGE_2014_2016 = (115, 125)
WSE_TRAINED_ON = dt.date(2017, 6, 8)
WSE_TRAINED = 36
SATISFIED_2016 = (8_707, 10_000)


@dataclass(frozen=True)
class Topic:
    department: str
    name: str
    weight: float
    available_from: dt.date = dt.date(FIRST_YEAR, 1, 1)


# Weights are relative volumes. Betaald educatief verlof came to the 1700 line in mid-2016 and the
# Vlaams zorgkrediet in September 2016, as the published answer says.
TOPICS = (
    Topic(WSE, "aanmoedigingspremie", 30),
    Topic(WSE, "ervaringsbewijs", 12),
    Topic(WSE, "opleidingscheques", 16),
    Topic(WSE, "loopbaancheques", 9),
    Topic(WSE, "arbeidskaart", 5),
    Topic(WSE, "betaald educatief verlof", 40, dt.date(2016, 7, 1)),
    Topic(WSE, "Vlaams zorgkrediet", 38, dt.date(2016, 9, 1)),
    Topic(WSE, EXCLUDED_TOPIC, 70),
    Topic("Departement Onderwijs en Vorming", "studietoelagen", 60),
    Topic("Departement Onderwijs en Vorming", "schoolpremie", 20),
    Topic("Departement Onderwijs en Vorming", "inschrijvingsrecht", 10),
    Topic("Agentschap Wonen-Vlaanderen", "huurpremie", 35),
    Topic("Agentschap Wonen-Vlaanderen", "renovatiepremie", 45),
    Topic("Agentschap Wonen-Vlaanderen", "sociale lening", 15),
    Topic("Vlaamse Belastingdienst", "registratiebelasting", 30),
    Topic("Vlaamse Belastingdienst", "erfbelasting", 25),
    Topic("Vlaamse Belastingdienst", "verkeersbelasting", 40),
    Topic("Departement Omgeving", "omgevingsvergunning", 25),
    Topic("Departement Omgeving", "energiepremies", 35),
    Topic("Departement Mobiliteit en Openbare Werken", "rijbewijs", 20),
    Topic("Departement Mobiliteit en Openbare Werken", "basisbereikbaarheid", 8),
)

THEMES = {
    "Werk en sociale economie": WSE,
    "Onderwijs": "Departement Onderwijs en Vorming",
    "Wonen": "Agentschap Wonen-Vlaanderen",
    "Belastingen": "Vlaamse Belastingdienst",
    "Omgeving": "Departement Omgeving",
    "Mobiliteit": "Departement Mobiliteit en Openbare Werken",
}

# Each department's share of contacts per line: the general 1700 line or its own sectoral line.
LINES = {
    WSE: {"1700": 1.0},
    "Departement Onderwijs en Vorming": {"1700": 0.6, "Onderwijslijn": 0.4},
    "Agentschap Wonen-Vlaanderen": {"1700": 0.5, "Woonlijn": 0.5},
    "Vlaamse Belastingdienst": {"1700": 0.3, "Belastinglijn": 0.7},
    "Departement Omgeving": {"1700": 0.7, "Energielijn": 0.3},
    "Departement Mobiliteit en Openbare Werken": {"1700": 1.0},
}

# The channels each line offers, with their share of its contacts in FIRST_YEAR and in
# LAST_YEAR (linear in between): the telephone gives way to the digital channels.
CHANNELS: dict[str, dict[str, tuple[float, float]]] = {
    "1700": {"telefoon": (0.74, 0.52), "e-mail": (0.16, 0.18), "chat": (0.05, 0.20),
             "webformulier": (0.05, 0.10)},
    "Woonlijn": {"telefoon": (0.70, 0.55), "e-mail": (0.22, 0.25), "webformulier": (0.08, 0.20)},
    "Onderwijslijn": {"telefoon": (0.62, 0.45), "e-mail": (0.25, 0.20), "chat": (0.08, 0.20),
                      "sociale media": (0.05, 0.15)},
    "Belastinglijn": {"telefoon": (0.72, 0.58), "e-mail": (0.18, 0.17),
                      "webformulier": (0.10, 0.25)},
    "Energielijn": {"telefoon": (0.80, 0.62), "e-mail": (0.18, 0.26), "chat": (0.02, 0.12)},
}  # fmt: skip
ALL_CHANNELS = ("telefoon", "e-mail", "chat", "webformulier", "sociale media")
# Channels on which a caller waits in a queue, is answered or hangs up (abandons).
LIVE_CHANNELS = ("telefoon", "chat")
# Median waiting time in seconds on each live channel, and median handling time per channel.
MEDIAN_WAIT = {"telefoon": 55.0, "chat": 25.0}
MEDIAN_HANDLING = {"telefoon": 260.0, "e-mail": 420.0, "chat": 480.0, "webformulier": 360.0,
                   "sociale media": 200.0}  # fmt: skip
# Longer queues in some years (2020: the corona measures), shorter with more staff later on.
WAIT_FACTOR = {2014: 1.0, 2015: 1.05, 2016: 1.1, 2017: 0.95, 2018: 0.9, 2019: 0.95, 2020: 1.9,
               2021: 1.4, 2022: 1.0, 2023: 0.9, 2024: 0.85, 2025: 0.8}  # fmt: skip

# Satisfied share per year on the 1700 line; 2016 is the published 87,07%.
SATISFACTION = {
    2014: 0.8512, 2015: 0.8634, 2016: 0.8707, 2017: 0.8791, 2018: 0.8846, 2019: 0.8820,
    2020: 0.8565, 2021: 0.8702, 2022: 0.8893, 2023: 0.8951, 2024: 0.9012, 2025: 0.8987,
}  # fmt: skip
# Survey answers per year on each line, and how much its satisfied share differs from 1700's.
SURVEY_LINES = {"1700": (10_000, 0.0), "Woonlijn": (2_000, -0.04)}
MORE_SURVEY_LINES = {"Onderwijslijn": (3_000, 0.02), "Belastinglijn": (2_500, -0.06),
                     "Energielijn": (1_500, -0.02)}  # fmt: skip
# How much more often a satisfied caller used each channel (1 = as often as an unsatisfied one).
SATISFIED_ODDS = {"telefoon": 1.0, "e-mail": 0.8, "chat": 1.2, "webformulier": 0.9,
                  "sociale media": 0.85}  # fmt: skip

# Part-time work: each agent's FTE (voltijdse equivalenten) and how common it is.
FTE_SHARES = {1.0: 0.6, 0.8: 0.25, 0.5: 0.15}
