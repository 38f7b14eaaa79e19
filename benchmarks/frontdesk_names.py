"""Names and places for a synthetic large Flemish city (every one of them fictitious
as a combination; the lists are common Belgian names and invented street names).

Family names are weighted by listing common ones more than once, so the look-up
benchmark meets both crowded prefixes ("pe" of Peeters) and rare ones.
"""

from __future__ import annotations

# fmt: off

FAMILY_FLEMISH: tuple[str, ...] = (
    "Peeters", "Peeters", "Peeters", "Janssens", "Janssens", "Maes", "Maes", "Jacobs",
    "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "De Smet",
    "Vermeulen", "Van Damme", "Van den Broeck", "De Backer", "Verstraete", "Pauwels",
    "Hermans", "Aerts", "Michiels", "Smets", "Desmet", "Vandamme", "Declercq", "Verhaegen",
    "Coppens", "Van de Velde", "Vandenberghe", "De Clercq", "Martens", "Segers", "Lemmens",
    "Dierickx", "Baert", "Vanhove", "Bogaert", "Moens", "Cools", "Stevens", "D'Hondt",
    "Van Acker", "De Wilde", "Verbeke", "Vandevelde", "Geerts", "Timmermans",
)
FAMILY_FRENCH: tuple[str, ...] = (
    "Dubois", "Dubois", "Lambert", "Dupont", "Dupont", "Lefèvre", "Leclercq", "Lemaire",
    "Fontaine", "François", "Renard", "Gérard", "Mathieu", "Collard", "Hubert", "Masson",
    "Laurent", "Simon", "Denis", "Noël", "Dumont", "Piérard", "Lecomte", "Bodart",
)
FAMILY_OTHER: tuple[str, ...] = (
    "El Amrani", "Benali", "Yilmaz", "Öztürk", "Kaya", "Demir", "Kowalski", "Nowak",
    "Popescu", "Ionescu", "Diallo", "Bah", "Haddad", "Mohammadi", "Ahmadi", "Ivanova",
    "Petrov", "Nguyen", "Da Silva", "Ferreira", "Rossi", "García", "Mukendi", "Kabila",
    "Bouzidi", "El Idrissi", "Şahin", "Hussein", "Tesfaye", "Novák",
)

# (given name, gender): "woman" or "man".
GIVEN_FLEMISH: tuple[tuple[str, str], ...] = (
    ("Jan", "man"), ("Luc", "man"), ("Marc", "man"), ("Wim", "man"), ("Pieter", "man"),
    ("Bart", "man"), ("Koen", "man"), ("Jef", "man"), ("Lars", "man"), ("Arne", "man"),
    ("Wout", "man"), ("Sander", "man"), ("Jonas", "man"), ("Lucas", "man"), ("Noah", "man"),
    ("Maria", "woman"), ("An", "woman"), ("Els", "woman"), ("Lieve", "woman"),
    ("Griet", "woman"), ("Sofie", "woman"), ("Katrien", "woman"), ("Lotte", "woman"),
    ("Fien", "woman"), ("Marie", "woman"), ("Emma", "woman"), ("Lies", "woman"),
    ("Hilde", "woman"), ("Annelies", "woman"), ("Nele", "woman"),
)
GIVEN_FRENCH: tuple[tuple[str, str], ...] = (
    ("Jean", "man"), ("Michel", "man"), ("Philippe", "man"), ("François", "man"),
    ("Théo", "man"), ("Louis", "man"), ("Noé", "man"), ("André", "man"),
    ("Marie", "woman"), ("Chloé", "woman"), ("Hélène", "woman"), ("Céline", "woman"),
    ("Élise", "woman"), ("Nathalie", "woman"), ("Léa", "woman"), ("Françoise", "woman"),
)
GIVEN_OTHER: tuple[tuple[str, str], ...] = (
    ("Mohamed", "man"), ("Mohammed", "man"), ("Ahmed", "man"), ("Youssef", "man"),
    ("Mehmet", "man"), ("Emre", "man"), ("Piotr", "man"), ("Andrei", "man"),
    ("Mamadou", "man"), ("Ali", "man"), ("Oleksandr", "man"), ("Tuan", "man"),
    ("Fatima", "woman"), ("Aïcha", "woman"), ("Yasmina", "woman"), ("Elif", "woman"),
    ("Ayşe", "woman"), ("Anna", "woman"), ("Ioana", "woman"), ("Aminata", "woman"),
    ("Olena", "woman"), ("Mariam", "woman"), ("Zeynep", "woman"), ("Linh", "woman"),
)

# (share, family names, given names, preferred languages to pick from)
ORIGINS: tuple[tuple[float, tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]], ...] = (
    (0.68, FAMILY_FLEMISH, GIVEN_FLEMISH, ("nl",)),
    (0.14, FAMILY_FRENCH, GIVEN_FRENCH, ("fr", "fr", "nl")),
    (0.18, FAMILY_OTHER, GIVEN_OTHER, ("nl", "fr", "en", "other")),
)
OTHER_LANGUAGES: tuple[str, ...] = ("Arabisch", "Turks", "Pools", "Roemeens", "Oekraïens")

NEIGHBOURHOODS: tuple[str, ...] = (
    "Centrum", "Stationswijk", "Sint-Amandus", "Muide", "Ledeberg", "Brugse Poort",
    "Rabot", "Sluizeken", "Dampoort", "Heirnis", "Nieuw Gent", "Watersportbaan",
    "Bloemekenswijk", "Wondelgem", "Oostakker", "Sint-Denijs", "Mariakerke", "Drongen",
    "Zwijnaarde", "Gentbrugge", "Moscou", "Kouter", "Macharius", "Elisabethbegijnhof",
)
ATTENTION_NEIGHBOURHOODS: frozenset[str] = frozenset(
    {"Muide", "Ledeberg", "Brugse Poort", "Rabot", "Sluizeken", "Dampoort", "Nieuw Gent"}
)
STREET_STEMS: tuple[str, ...] = (
    "Kerk", "Molen", "Beek", "Linden", "School", "Stations", "Kapel", "Bloemen", "Meersen",
    "Kouter", "Vlas", "Brouwers", "Leie", "Schelde", "Wilgen", "Eiken", "Berken", "Akker",
    "Vijver", "Zwanen", "Lieve", "Hof", "Koren", "Smeden", "Vissers", "Wevers", "Rozen",
    "Populier", "Kastanje", "Hazel",
)
STREET_ENDINGS: tuple[str, ...] = ("straat", "laan", "weg", "dreef", "plein", "kaai")

CITY = ("Grootstad", "grootstad", "44999")  # name, slug, NIS code (not a real one)
POSTCODES: tuple[str, ...] = ("9000", "9030", "9031", "9032", "9040", "9041", "9042", "9050")

LIFE_DOMAINS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("huisvesting", "Huisvesting", ("huurachterstal", "sociale-woning", "uithuiszetting",
                                    "woningkwaliteit")),
    ("financien", "Financiën", ("schulden", "budgetbegeleiding", "leefloon", "premies")),
    ("energie", "Energie", ("energiefactuur", "budgetmeter", "sociaal-tarief", "isolatie")),
    ("werk", "Werk", ("werk-zoeken", "opleiding", "artikel-60", "werkloosheid")),
    ("gezondheid", "Gezondheid", ("dokter", "ziekenfonds", "medicatie", "geestelijke-zorg")),
    ("gezin", "Gezin en opvoeding", ("kinderopvang", "opvoeding", "scheiding", "groeipakket")),
    ("onderwijs", "Onderwijs", ("schoolkosten", "inschrijving", "studietoelage", "huiswerk")),
    ("mobiliteit", "Mobiliteit", ("vervoer", "rijbewijs", "parkeerkaart", "fiets")),
    ("zorg", "Zorg en welzijn", ("thuiszorg", "mantelzorg", "maaltijden", "eenzaamheid")),
    ("administratie", "Administratie", ("documenten", "verblijf", "belastingen", "post")),
)
CELLS: tuple[tuple[str, str, str], ...] = (
    ("financiele-hulp", "Financiële hulp", "financien"),
    ("wonen", "Cel wonen", "huisvesting"),
    ("energie", "Energiecel", "energie"),
    ("activering", "Activering", "werk"),
    ("gezin", "Gezinsondersteuning", "gezin"),
    ("ouderen", "Ouderenzorg", "zorg"),
    ("onthaal-plus", "Onthaal plus", "administratie"),
    ("gezondheid", "Gezondheid", "gezondheid"),
)
RIGHTS: tuple[tuple[str, str], ...] = (
    ("verhoogde-tegemoetkoming", "Verhoogde tegemoetkoming"),
    ("sociaal-tarief", "Sociaal tarief energie"),
    ("schooltoeslag", "Schooltoeslag"),
    ("huurpremie", "Vlaamse huurpremie"),
    ("leefloon", "Leefloon"),
    ("stookoliepremie", "Verwarmingstoelage"),
    ("vrijetijdspas", "Vrijetijdspas"),
    ("maximumfactuur", "Maximumfactuur"),
)
# fmt: on
