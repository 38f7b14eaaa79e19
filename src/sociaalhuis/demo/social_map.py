"""The demo social map, from the seed documents (shared/seeds/).

* 000: the services of Ronse's ten covenant organisations, their target groups and
  the attention neighbourhoods they work in;
* 001 and 003: the Sociaal Huis of Ronse: a reception (onthaal, one-stop desk) and
  service cells (financial aid, housing, childcare, employment, legal aid), with
  room for partners' office days (zitdagen);
* 002: Harelbeke's community work with the Huis van Welzijn: the social grocery,
  the sewing workshop, Ontmoetingshuis GS9, the holiday offer for families;
* 004: Kortrijk's Sociaal Huis, De Koepel, the winter night shelter.

What the seeds do not say (addresses, hours, capacity, scores, prices) is made up
to be plausible and is marked as an example where a citizen would read it. No phone
numbers or e-mail addresses are invented.

Idempotent: services, locations and schedules have stable identifiers
(``uuid5(NAMESPACE, ...)``) and are brought back to what this module says; a
service's content is written with ``apply_snapshot`` only when it differs, so a
second run writes nothing. Capacity history is created once per service.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from sociaalhuis.core import tenancy
from sociaalhuis.directory.content import TEXT_FIELDS, Snapshot, apply_snapshot, snapshot_of
from sociaalhuis.directory.models import (
    Capacity,
    CapacityUpdate,
    LifeDomainTerm,
    Location,
    Organisation,
    PublicationStatus,
    Schedule,
    ScheduleException,
    Service,
    ServiceNeighbourhood,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.models.services import FIVE_BS
from sociaalhuis.directory.search import index_services
from sociaalhuis.directory.services import check_schedule
from sociaalhuis.directory.taxonomies import ensure_taxonomies
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood

NAMESPACE = uuid.UUID("0b7c4f3e-2d6a-5e1b-9c8d-5a0c1e7f3b42")
EXAMPLE = "voorbeeld"
EXAMPLE_ADDRESS = (
    "Voorbeeldadres voor de demo: het adres en de uren van deze locatie zijn verzonnen."
)
VERIFIED_BY = "sociale-kaart@demo.sociaalhuis.example"

MON, TUE, WED, THU, FRI, SAT = 1, 2, 3, 4, 5, 6


def stable_uuid(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def service_uuid(organisation: str, code: str) -> uuid.UUID:
    return stable_uuid(f"{organisation}/{code}")


# --- Shapes --------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A weekly (or monthly) slot. ``location``: a location key, default the first."""

    weekday: int
    opens: str
    closes: str
    week_of_month: int | None = None
    by_appointment: bool = False
    notes: str = ""
    location: str = ""
    winter_only: bool = False  # valid from 1 November to 31 March


@dataclass(frozen=True)
class Closure:
    """A ``ScheduleException``: ``holiday`` is a key of ``holidays()``."""

    holiday: str
    opens: str = ""  # open with different hours that day, else closed
    closes: str = ""


@dataclass(frozen=True)
class LocationSeed:
    key: str
    name: str
    postal_code: str
    city: str
    street_address: str = ""
    organisation: str = ""
    social_house_of: str = ""  # municipality slug
    latitude: str | None = None
    longitude: str | None = None
    wheelchair_accessible: bool | None = None
    accessibility_description: str = ""
    transportation: str = ""
    description: str = EXAMPLE_ADDRESS
    hours: tuple[Slot, ...] = ()
    closures: tuple[Closure, ...] = ()


@dataclass(frozen=True)
class ServiceSeed:
    organisation: str
    code: str
    municipalities: tuple[str, ...]  # slugs; the first is where neighbourhoods are
    texts: dict[str, dict[str, str]]
    locations: tuple[str, ...]
    rubrics: tuple[str, ...]
    target_groups: tuple[str, ...]
    languages: tuple[str, ...] = ("nl",)
    is_free: bool = True
    minimum_age: int | None = None
    maximum_age: int | None = None
    hours: tuple[Slot, ...] = ()  # opening hours of the service
    office_days: tuple[Slot, ...] = ()  # zitdagen; ``location`` is a Sociaal Huis
    closures: tuple[Closure, ...] = ()
    neighbourhoods: tuple[str, ...] = ()
    capacity: str = Capacity.OPEN
    waiting_days: int | None = None
    capacity_note: str = ""
    verified_days_ago: int = 30
    scores: tuple[int, int, int, int, int] = (4, 4, 4, 4, 4)  # the five B's
    remarks: tuple[str, str, str, str, str] = ("", "", "", "", "")

    @property
    def uuid(self) -> uuid.UUID:
        return service_uuid(self.organisation, self.code)


@dataclass(frozen=True)
class SocialHouseSeed:
    slug: str
    city: str
    organisation: str
    alternate_name: str
    description: str
    location: LocationSeed
    life_domains: dict[str, tuple[str, ...]] = field(default_factory=dict)


def text(
    name: str,
    description: str,
    *,
    eligibility: str = "",
    fees: str = "",
    apply: str = "",
    documents: tuple[str, ...] = (),
    keywords: str = "",
    alternate_name: str = "",
    interpretation: str = "",
) -> dict[str, str]:
    return {
        "name": name,
        "alternate_name": alternate_name,
        "description": description,
        "eligibility_description": eligibility,
        "fees_description": fees,
        "application_process": apply,
        "required_documents": "\n".join(documents),
        "interpretation_services": interpretation,
        "keywords": keywords,
    }


def holidays(today: date) -> dict[str, tuple[date, str]]:
    """The next occurrence of a few closing days, counted from ``today``."""

    def next_on(month: int, day: int) -> date:
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)

    return {
        "wapenstilstand": (next_on(11, 11), "Wapenstilstand (feestdag)"),
        "kerstavond": (next_on(12, 24), "Kerstavond: korter open"),
        "kerstmis": (next_on(12, 25), "Kerstmis (feestdag)"),
        "nieuwjaar": (next_on(1, 1), "Nieuwjaar (feestdag)"),
        "vlaamse-feestdag": (next_on(7, 11), "Feestdag van de Vlaamse Gemeenschap"),
    }


# --- The Sociaal Huis of each municipality -----------------------------------

_FEASTS = (Closure("wapenstilstand"), Closure("kerstmis"), Closure("nieuwjaar"))


def _weekdays(opens: str, closes: str) -> tuple[Slot, ...]:
    return tuple(Slot(day, opens, closes) for day in (MON, TUE, WED, THU, FRI))


SOCIAL_HOUSES = (
    SocialHouseSeed(
        slug="ronse",
        city="Ronse",
        organisation="Sociaal Huis Ronse",
        alternate_name="OCMW Ronse",
        description=(
            "Het Sociaal Huis van stad en OCMW Ronse: een onthaal en één loket voor alle "
            "vragen over welzijn, met diensten per thema en zitdagen van partners."
        ),
        location=LocationSeed(
            key="sociaal-huis-ronse",
            name="Sociaal Huis Ronse (Hospice Canfijn)",
            street_address="Grote Markt 12",
            postal_code="9600",
            city="Ronse",
            social_house_of="ronse",
            latitude="50.746600",
            longitude="3.600400",
            wheelchair_accessible=True,
            accessibility_description=(
                "Ingang zonder trappen, lift naar de eerste verdieping, aangepast toilet."
            ),
            transportation="Bushalte Grote Markt op 100 meter; station op 10 minuten te voet.",
            hours=(
                *_weekdays("08:30", "12:00"),
                Slot(MON, "13:30", "16:00"),
                Slot(WED, "13:30", "16:00"),
                Slot(THU, "13:30", "18:30", notes="Avondopening op donderdag"),
            ),
            closures=(*_FEASTS, Closure("kerstavond", "08:30", "12:00")),
        ),
        life_domains={
            "algemeen-welzijnswerk": (
                "algemeen-welzijn",
                "financien",
                "juridische-hulp",
                "armoede-basisvoorzieningen",
                "mobiliteit",
            ),
            "zorg-gezondheid": ("gezondheid-zorg",),
            "huisvesting": ("wonen",),
            "onderwijs": ("onderwijs-vorming",),
            "kinderopvang-opvoeding": ("gezin-opvoeding",),
            "tewerkstelling-opleiding": ("werk",),
            "sociale-cohesie": ("vrije-tijd-ontmoeting", "migratie-integratie"),
        },
    ),
    SocialHouseSeed(
        slug="harelbeke",
        city="Harelbeke",
        organisation="Sociaal Huis Harelbeke",
        alternate_name="Huis van Welzijn (OCMW Harelbeke)",
        description=(
            "Het Huis van Welzijn van stad en OCMW Harelbeke: onthaal, sociale dienst en "
            "de diensten per thema; werkt samen met Samenlevingsopbouw in de centrumwijk."
        ),
        location=LocationSeed(
            key="sociaal-huis-harelbeke",
            name="Huis van Welzijn Harelbeke (Sociaal Huis)",
            street_address="Eikenlaan 2",
            postal_code="8530",
            city="Harelbeke",
            social_house_of="harelbeke",
            latitude="50.856600",
            longitude="3.312700",
            wheelchair_accessible=True,
            transportation="Bushalte op 200 meter; fietsenstalling aan de ingang.",
            hours=(
                *_weekdays("08:30", "12:00"),
                Slot(TUE, "13:30", "16:30"),
                Slot(THU, "13:30", "16:30"),
            ),
            closures=_FEASTS,
        ),
        life_domains={
            "wonen": ("wonen",),
            "maatschappelijke-dienstverlening": (
                "algemeen-welzijn",
                "financien",
                "juridische-hulp",
                "armoede-basisvoorzieningen",
                "gezondheid-zorg",
                "gezin-opvoeding",
                "vrije-tijd-ontmoeting",
                "mobiliteit",
                "migratie-integratie",
            ),
            "arbeid": ("werk", "onderwijs-vorming"),
        },
    ),
    SocialHouseSeed(
        slug="kortrijk",
        city="Kortrijk",
        organisation="Sociaal Huis Kortrijk",
        alternate_name="OCMW Kortrijk",
        description=(
            "Het Sociaal Huis van stad en OCMW Kortrijk (sinds 2007): onthaal, informatie "
            "op maat, ondersteunde doorverwijzing en de sociale diensten van het OCMW."
        ),
        location=LocationSeed(
            key="sociaal-huis-kortrijk",
            name="Sociaal Huis Kortrijk (Buda)",
            street_address="Budastraat 27",
            postal_code="8500",
            city="Kortrijk",
            social_house_of="kortrijk",
            latitude="50.830200",
            longitude="3.266300",
            wheelchair_accessible=True,
            transportation="Bussen naar de Grote Markt, 5 minuten te voet; station op 15 minuten.",
            hours=(
                *_weekdays("08:30", "12:30"),
                Slot(MON, "13:30", "16:30"),
                Slot(WED, "13:30", "16:30"),
                Slot(THU, "13:30", "19:00", notes="Avondopening op donderdag"),
            ),
            closures=_FEASTS,
        ),
        life_domains={
            "hulp-dienstverlening": (
                "algemeen-welzijn",
                "financien",
                "juridische-hulp",
                "armoede-basisvoorzieningen",
                "werk",
                "mobiliteit",
                "migratie-integratie",
                "vrije-tijd-ontmoeting",
            ),
            "gezin": ("gezin-opvoeding", "onderwijs-vorming"),
            "gezondheid": ("gezondheid-zorg",),
            "wonen": ("wonen",),
        },
    ),
)


# --- Other places --------------------------------------------------------------

CAW = "CAW Oost-Vlaanderen vzw"
SAAMO = "SAAMO Oost-Vlaanderen vzw"
WIEGWIJS = "Wiegwijs vzw"
LIGO = "LIGO Zuid-Oost-Vlaanderen vzw"
GRIJKOORT = "Grijkoort Begeleid Werk vzw"
AUXILIOR = "Auxilior vzw"
UILENSPEL = "Uilenspel vzw"
GLORIEUX = "Kinderopvang Glorieux"
HUURDERSBOND = "Huurdersbond Oost-Vlaanderen vzw"
VROLIJKE_KRING = "De Vrolijke Kring vzw"
SAMENLEVINGSOPBOUW = "Samenlevingsopbouw West-Vlaanderen vzw"
SH_RONSE, SH_HARELBEKE, SH_KORTRIJK = (house.location.key for house in SOCIAL_HOUSES)

_NO_ADDRESS = "Het precieze adres staat niet in de brondocumenten: vraag het aan het Sociaal Huis."

LOCATIONS = (
    *(house.location for house in SOCIAL_HOUSES),
    LocationSeed(
        "caw-ronse",
        "CAW Oost-Vlaanderen, onthaal Ronse",
        "9600",
        "Ronse",
        street_address="Stationsstraat 30",
        organisation=CAW,
        wheelchair_accessible=True,
    ),
    LocationSeed(
        "kaboes",
        "Sociaal Kruidenier Kaboes",
        "9600",
        "Ronse",
        street_address="Wijnstraat 45",
        organisation=GRIJKOORT,
        wheelchair_accessible=True,
    ),
    LocationSeed(
        "pepermolen",
        "Sociaal Restaurant De Pepermolen",
        "9600",
        "Ronse",
        street_address="Oswald Ponettestraat 8",
        organisation=GRIJKOORT,
        wheelchair_accessible=True,
    ),
    LocationSeed(
        "auxilior",
        "Kledingwinkel Auxilior",
        "9600",
        "Ronse",
        street_address="Zonnestraat 20",
        organisation=AUXILIOR,
        wheelchair_accessible=False,
        accessibility_description="Twee treden aan de ingang; de winkel is op het gelijkvloers.",
    ),
    LocationSeed(
        "uilenspel",
        "Uilenspel, werking Ronse",
        "9600",
        "Ronse",
        street_address="Peperstraat 5",
        organisation=UILENSPEL,
    ),
    LocationSeed(
        "glorieux",
        "Kinderopvang Glorieux",
        "9600",
        "Ronse",
        street_address="Glorieuxlaan 30",
        organisation=GLORIEUX,
        wheelchair_accessible=True,
    ),
    LocationSeed(
        "vrolijke-kring",
        "De Vrolijke Kring",
        "9600",
        "Ronse",
        street_address="Kaatsspelplein 3",
        organisation=VROLIJKE_KRING,
    ),
    LocationSeed("botaniek", "Botaniek (Prinskouter)", "9600", "Ronse", description=_NO_ADDRESS),
    LocationSeed(
        "ldc-ninovestraat",
        "Lokaal dienstencentrum (Ninovestraat)",
        "9600",
        "Ronse",
        street_address="Ninovestraat",
        wheelchair_accessible=True,
        description=_NO_ADDRESS,
    ),
    LocationSeed(
        "buurtlokaal-scheldekouter",
        "Buurtlokaal Scheldekouter (SAAMO en woonmaatschappij)",
        "9600",
        "Ronse",
        organisation=SAAMO,
        description=_NO_ADDRESS,
    ),
    LocationSeed(
        "kruidenier-harelbeke",
        "Sociale kruidenier Harelbeke",
        "8530",
        "Harelbeke",
        street_address="Marktstraat 40",
        wheelchair_accessible=True,
    ),
    LocationSeed(
        "gs9",
        "Ontmoetingshuis GS9",
        "8530",
        "Harelbeke",
        organisation=SAMENLEVINGSOPBOUW,
        description=_NO_ADDRESS,
    ),
    LocationSeed(
        "boterpotstraat",
        "Experimenteerruimte Boterpotstraat",
        "8530",
        "Harelbeke",
        street_address="Boterpotstraat",
        organisation=SAMENLEVINGSOPBOUW,
        description=_NO_ADDRESS,
    ),
    LocationSeed(
        "nachtopvang-kortrijk",
        "Winternachtopvang Kortrijk",
        "8500",
        "Kortrijk",
        street_address="Doorniksestraat 60",
        wheelchair_accessible=True,
    ),
)


# --- The cells of each Sociaal Huis (001, 003 ch. 5) ---------------------------

_CELL_NL: dict[str, dict[str, str]] = {
    "onthaal": text(
        "Onthaal van het Sociaal Huis",
        "Met elke vraag over welzijn kunt u terecht bij het onthaal van het Sociaal Huis "
        "{city}. Wij luisteren naar uw vraag, geven u informatie en helpen u meteen "
        "verder, of wij brengen u bij de juiste collega of organisatie. U hoeft dus niet "
        "zelf te zoeken bij welke dienst u moet zijn.",
        eligibility="Voor alle inwoners van {city}, wie u ook bent.",
        fees="Gratis.",
        apply="Kom langs tijdens de openingsuren; u hoeft geen afspraak te maken. Een "
        "gesprek in een aparte ruimte kan altijd. Kunt u niet naar het Sociaal Huis komen, "
        "dan komen we op huisbezoek.",
        documents=("Uw identiteitskaart", "Brieven of papieren over uw vraag"),
        keywords="onthaal, loket, vraag, hulp, informatie, sociale dienst, OCMW, "
        "maatschappelijk werker, rechten, premies, tegemoetkoming, huisbezoek",
    ),
    "financiele-hulp": text(
        "Financiële hulp, budgetbegeleiding en schuldbemiddeling",
        "Komt u niet rond met uw inkomen of heeft u schulden? De cel financiële hulp van "
        "het Sociaal Huis bekijkt samen met u uw situatie. Wij helpen u met een leefloon of "
        "financiële steun als u niet genoeg inkomen heeft, met budgetbegeleiding (samen uw "
        "geld beheren en uw rekeningen op tijd betalen) en met schuldbemiddeling: wij "
        "spreken met uw schuldeisers af hoe u uw schulden kunt afbetalen. Als het nodig "
        "is, helpen we u een collectieve schuldenregeling aan te vragen.",
        eligibility="Voor inwoners van {city} die niet genoeg inkomen hebben, of die hun "
        "rekeningen of schulden niet meer kunnen betalen.",
        fees="Gratis.",
        apply="Kom langs tijdens de openingsuren van het Sociaal Huis of maak een "
        "afspraak. Een maatschappelijk werker praat met u en bekijkt wat u nodig heeft.",
        documents=(
            "Uw identiteitskaart",
            "Bewijzen van uw inkomen (loonbrief, uitkering, pensioen)",
            "Uw huurcontract",
            "Rekeningen, aanmaningen en brieven van schuldeisers of deurwaarders",
            "Rekeninguittreksels van de laatste drie maanden",
        ),
        keywords="schulden, schuld, schuldhulp, schuldbemiddeling, budgetbegeleiding, "
        "budgetbeheer, leefloon, geen geld, rekeningen niet betalen, deurwaarder, "
        "aanmaning, collectieve schuldenregeling, financiële steun",
    ),
    "wonen": text(
        "Hulp bij wonen: huurachterstal, een woning zoeken, sociale huisvesting",
        "De huisvestingscel van het Sociaal Huis helpt u als u een betaalbare woning "
        "zoekt, als u de huur niet meer kunt betalen (huurachterstal), of als u een opzeg "
        "of een brief van het vredegerecht over uithuiszetting krijgt. Wij helpen u een "
        "sociale woning, een huurpremie of een huurwaarborg aan te vragen, en we zoeken "
        "samen met u en de verhuurder naar een oplossing.",
        eligibility="Voor huurders en inwoners van {city} met een vraag over wonen. Voor "
        "een sociale woning gelden inkomensvoorwaarden; wij rekenen ze voor u na.",
        fees="Gratis.",
        apply="Kom langs tijdens de openingsuren of maak een afspraak. Heeft u een "
        "dagvaarding of een vonnis over uithuiszetting gekregen? Kom dan meteen: hoe "
        "vroeger, hoe meer we kunnen doen.",
        documents=(
            "Uw identiteitskaart",
            "Uw huurcontract",
            "Brieven van de verhuurder, de opzeg of de dagvaarding",
            "Bewijzen van uw inkomen",
            "Bewijzen van betaalde huur",
        ),
        keywords="huurachterstal, huurschuld, huur niet betalen, uithuiszetting, opzeg, "
        "vredegerecht, sociale woning, sociale huisvesting, huurpremie, huurwaarborg, "
        "woning zoeken, wonen",
    ),
    "kinderopvang": text(
        "Kinderopvang zoeken en dringende opvang",
        "Zoekt u opvang voor uw baby, peuter of schoolkind? Het Sociaal Huis helpt u "
        "zoeken in het aanbod van kinderopvang in {city}, ook voor schoolvrije dagen en "
        "vakanties. Heeft u dringend opvang nodig, bijvoorbeeld omdat u plots werk of een "
        "opleiding vindt, of door een crisis in het gezin? Dan zoeken wij met u een "
        "dringende opvangplaats.",
        eligibility="Voor ouders en opvoeders uit {city} met kinderen van 0 tot 12 jaar.",
        fees="Onze hulp is gratis. De opvang zelf kost geld: voor baby's en peuters "
        "betaalt u volgens uw inkomen (inkomenstarief); met een laag inkomen is het "
        "tarief lager.",
        apply="Kom langs of maak een afspraak. Voor dringende opvang: kom zo snel "
        "mogelijk, liefst 's morgens.",
        documents=(
            "Uw identiteitskaart",
            "De kids-ID of de geboortedatum van uw kind",
            "Bewijs van werk of opleiding (voor dringende opvang)",
            "Bewijs van uw inkomen (voor het tarief)",
        ),
        keywords="kinderopvang, opvang, crèche, kinderdagverblijf, onthaalouder, baby, "
        "peuter, buitenschoolse opvang, dringende opvang, noodopvang, opvang vakantie",
    ),
    "werk": text(
        "Werk zoeken en activering",
        "Wilt u werken, maar lukt het niet om werk te vinden? De cel werk van het Sociaal "
        "Huis zoekt met u naar een opleiding, een stage of een job die bij u past. Wij "
        "werken samen met VDAB en met sociale-economiebedrijven. Krijgt u een leefloon, "
        "dan maken we samen een traject naar werk.",
        eligibility="Voor werkzoekenden uit {city}, ook als u (nog) niet goed Nederlands "
        "spreekt of lang niet gewerkt heeft.",
        fees="Gratis.",
        apply="Maak een afspraak aan het onthaal of via uw maatschappelijk werker.",
        documents=(
            "Uw identiteitskaart",
            "Uw cv, als u er een heeft",
            "Diploma's of getuigschriften",
        ),
        keywords="werk, job, werk zoeken, werkloos, werkzoekende, VDAB, opleiding, "
        "solliciteren, sociale economie, artikel 60, activering, tewerkstelling",
    ),
    "juridische-hulp": text(
        "Juridische eerstelijnshulp",
        "Heeft u een brief gekregen die u niet begrijpt, of een vraag over uw rechten "
        "(huur, werk, familie, schulden, consumentenzaken)? In het Sociaal Huis geven we u "
        "een eerste juridische uitleg. We zeggen u welke stappen u kunt zetten en sturen "
        "u, als het nodig is, door naar een advocaat via het Bureau voor Juridische "
        "Bijstand (pro-Deoadvocaat).",
        eligibility="Voor alle inwoners van {city}.",
        fees="Het gesprek is gratis. Een pro-Deoadvocaat is gratis of goedkoper als uw "
        "inkomen laag is.",
        apply="Maak een afspraak aan het onthaal. Breng alle brieven mee.",
        documents=(
            "Uw identiteitskaart",
            "Alle brieven, contracten en vonnissen over uw vraag",
            "Bewijzen van uw inkomen (voor een pro-Deoadvocaat)",
        ),
        keywords="juridisch advies, rechtshulp, advocaat, pro deo, rechten, brief "
        "begrijpen, vonnis, dagvaarding, deurwaarder, consumentenrecht",
    ),
}

_CELL_FR: dict[str, dict[str, str]] = {
    "onthaal": text(
        "Accueil du Sociaal Huis",
        "Pour toute question sociale, adressez-vous à l'accueil du Sociaal Huis de "
        "{city}. Nous écoutons votre question, nous vous informons et nous vous aidons "
        "tout de suite, ou nous vous conduisons vers le bon collègue ou la bonne "
        "organisation. Vous ne devez donc pas chercher vous-même le bon service. Ronse "
        "est une commune à facilités : nous pouvons vous répondre en français.",
        eligibility="Pour tous les habitants de {city}, qui que vous soyez.",
        fees="Gratuit.",
        apply="Passez pendant les heures d'ouverture, sans rendez-vous. Un entretien dans "
        "un local séparé est toujours possible. Si vous ne pouvez pas vous déplacer, nous "
        "venons chez vous.",
        documents=("Votre carte d'identité", "Les lettres ou documents concernant votre question"),
        keywords="accueil, guichet, question, aide, information, service social, CPAS, "
        "assistant social, droits, primes, intervention, visite à domicile",
    ),
    "financiele-hulp": text(
        "Aide financière, guidance budgétaire et médiation de dettes",
        "Vous n'arrivez pas à boucler vos fins de mois ou vous avez des dettes ? La "
        "cellule d'aide financière du Sociaal Huis examine votre situation avec vous. "
        "Nous vous aidons avec un revenu d'intégration ou une aide financière si vos "
        "revenus ne suffisent pas, avec une guidance budgétaire (gérer votre argent "
        "ensemble et payer vos factures à temps) et avec une médiation de dettes : nous "
        "convenons avec vos créanciers d'un plan de remboursement. Si nécessaire, nous "
        "vous aidons à demander un règlement collectif de dettes.",
        eligibility="Pour les habitants de {city} dont les revenus ne suffisent pas, ou qui "
        "ne peuvent plus payer leurs factures ou leurs dettes.",
        fees="Gratuit.",
        apply="Passez pendant les heures d'ouverture du Sociaal Huis ou prenez "
        "rendez-vous. Un assistant social parle avec vous de ce dont vous avez besoin.",
        documents=(
            "Votre carte d'identité",
            "Les preuves de vos revenus (fiche de paie, allocation, pension)",
            "Votre contrat de bail",
            "Factures, rappels et lettres de créanciers ou d'huissiers",
            "Les extraits de compte des trois derniers mois",
        ),
        keywords="dettes, endettement, médiation de dettes, guidance budgétaire, revenu "
        "d'intégration, CPAS, factures impayées, huissier, règlement collectif de dettes, "
        "aide financière, pas d'argent",
    ),
    "wonen": text(
        "Aide au logement : loyer impayé, chercher un logement, logement social",
        "La cellule logement du Sociaal Huis vous aide si vous cherchez un logement "
        "abordable, si vous ne pouvez plus payer votre loyer (arriérés de loyer) ou si "
        "vous recevez un préavis ou une lettre de la justice de paix concernant une "
        "expulsion. Nous vous aidons à demander un logement social, une prime au loyer ou "
        "une garantie locative, et nous cherchons une solution avec vous et le "
        "propriétaire.",
        eligibility="Pour les locataires et les habitants de {city} qui ont une question "
        "de logement. Un logement social est soumis à des conditions de revenus ; nous les "
        "vérifions pour vous.",
        fees="Gratuit.",
        apply="Passez pendant les heures d'ouverture ou prenez rendez-vous. Vous avez reçu "
        "une citation ou un jugement d'expulsion ? Venez tout de suite : plus tôt vous "
        "venez, plus nous pouvons agir.",
        documents=(
            "Votre carte d'identité",
            "Votre contrat de bail",
            "Les lettres du propriétaire, le préavis ou la citation",
            "Les preuves de vos revenus",
            "Les preuves de paiement du loyer",
        ),
        keywords="loyer impayé, arriérés de loyer, dette de loyer, expulsion, préavis, "
        "justice de paix, logement social, prime au loyer, garantie locative, chercher un "
        "logement",
    ),
    "kinderopvang": text(
        "Trouver une garde d'enfants et accueil d'urgence",
        "Vous cherchez une garde pour votre bébé, votre bambin ou votre enfant en âge "
        "scolaire ? Le Sociaal Huis vous aide à chercher dans l'offre de garde d'enfants "
        "à {city}, aussi pour les congés scolaires. Vous avez besoin d'une garde "
        "d'urgence, par exemple parce que vous trouvez soudain un travail ou une "
        "formation, ou à cause d'une crise familiale ? Nous cherchons avec vous une place "
        "d'urgence.",
        eligibility="Pour les parents et éducateurs de {city} avec des enfants de 0 à 12 ans.",
        fees="Notre aide est gratuite. La garde elle-même est payante : pour les bébés et "
        "les bambins, vous payez selon vos revenus ; avec de faibles revenus, le tarif "
        "est réduit.",
        apply="Passez ou prenez rendez-vous. Pour une garde d'urgence : venez le plus vite "
        "possible, de préférence le matin.",
        documents=(
            "Votre carte d'identité",
            "La Kids-ID ou la date de naissance de votre enfant",
            "Une preuve de travail ou de formation (pour l'accueil d'urgence)",
            "Une preuve de vos revenus (pour le tarif)",
        ),
        keywords="garde d'enfants, crèche, milieu d'accueil, accueillante, bébé, garderie, "
        "accueil extrascolaire, accueil d'urgence, garde pendant les vacances",
    ),
    "werk": text(
        "Trouver un emploi et activation",
        "Vous voulez travailler mais vous ne trouvez pas d'emploi ? La cellule emploi du "
        "Sociaal Huis cherche avec vous une formation, un stage ou un emploi qui vous "
        "convient. Nous travaillons avec le VDAB et les entreprises d'économie sociale. "
        "Si vous recevez un revenu d'intégration, nous construisons ensemble un parcours "
        "vers l'emploi.",
        eligibility="Pour les demandeurs d'emploi de {city}, même si vous ne parlez pas "
        "(encore) bien le néerlandais ou si vous n'avez plus travaillé depuis longtemps.",
        fees="Gratuit.",
        apply="Prenez rendez-vous à l'accueil ou par votre assistant social.",
        documents=(
            "Votre carte d'identité",
            "Votre CV, si vous en avez un",
            "Diplômes ou certificats",
        ),
        keywords="emploi, travail, chercher un emploi, chômage, demandeur d'emploi, VDAB, "
        "formation, postuler, économie sociale, article 60, activation",
    ),
    "juridische-hulp": text(
        "Aide juridique de première ligne",
        "Vous avez reçu une lettre que vous ne comprenez pas, ou vous avez une question "
        "sur vos droits (logement, travail, famille, dettes, consommation) ? Au Sociaal "
        "Huis, nous vous donnons une première explication juridique. Nous vous disons "
        "quelles démarches faire et, si nécessaire, nous vous orientons vers un avocat "
        "via le bureau d'aide juridique (avocat pro deo).",
        eligibility="Pour tous les habitants de {city}.",
        fees="L'entretien est gratuit. Un avocat pro deo est gratuit ou moins cher si vos "
        "revenus sont faibles.",
        apply="Prenez rendez-vous à l'accueil. Apportez toutes vos lettres.",
        documents=(
            "Votre carte d'identité",
            "Toutes les lettres, contrats et jugements concernant votre question",
            "Les preuves de vos revenus (pour un avocat pro deo)",
        ),
        keywords="avis juridique, aide juridique, avocat, pro deo, droits, comprendre une "
        "lettre, jugement, citation, huissier, droit de la consommation",
    ),
}

_CELL_EN: dict[str, dict[str, str]] = {
    "onthaal": text(
        "Sociaal Huis welcome desk",
        "Come to the welcome desk of the Sociaal Huis {city} with any question about "
        "welfare. We listen, give you information and help you straight away, or take you "
        "to the right colleague or organisation.",
        eligibility="For everyone who lives in {city}.",
        fees="Free.",
        apply="Drop in during opening hours; no appointment needed.",
        documents=("Your identity card", "Letters or papers about your question"),
        keywords="welcome desk, help, information, social services, benefits, rights",
    ),
    "financiele-hulp": text(
        "Financial help, budget support and debt mediation",
        "Can't make ends meet, or in debt? We help with a minimum income or financial "
        "support, with managing your budget and with debt mediation: we agree a "
        "repayment plan with the people you owe money to.",
        eligibility="For residents of {city} without enough income, or who can no longer "
        "pay their bills or debts.",
        fees="Free.",
        apply="Drop in during opening hours or make an appointment.",
        documents=(
            "Your identity card",
            "Proof of income",
            "Bills, reminders and letters from creditors or bailiffs",
        ),
        keywords="debt, debts, money problems, bills, bailiff, budget, minimum income",
    ),
}

# Per municipality: a sentence added to a cell's Dutch description (from the seeds).
_CELL_EXTRA: dict[str, dict[str, str]] = {
    "ronse": {
        "kinderopvang": " In Ronse zijn er 6 plaatsen voor dringende kinderopvang bij "
        "Kinderopvang Glorieux (sociaal convenant met de stad).",
        "wonen": " Voor juridisch advies over huren houdt de Huurdersbond zitdag in het "
        "Sociaal Huis; bij een dreigende uithuiszetting werken we samen met het CAW.",
    },
    "harelbeke": {
        "onthaal": " In de centrumwijk kunt u ook terecht bij de buurtopbouwwerker van "
        "Samenlevingsopbouw in Ontmoetingshuis GS9.",
    },
    "kortrijk": {
        "financiele-hulp": " Het OCMW Kortrijk werkt niet met wachtlijsten voor "
        "schuldbemiddeling en stemt af met het CAW.",
        "kinderopvang": " Wij werken samen met het Centrum voor Kinderopvang De Koepel, "
        "dat plaatsen voorbehoudt voor gezinnen die dringend opvang nodig hebben.",
        "werk": " U kunt ook terecht in de werkwinkel, waar VDAB, OCMW en PWA samenwerken.",
        "juridische-hulp": " De dienst rechtshulp werkt nauw samen met het justitiehuis en "
        "helpt ook mensen in een collectieve schuldenregeling.",
    },
}

_CELL_TERMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "onthaal": (("algemeen-welzijn",), ("iedereen",)),
    "financiele-hulp": (
        ("financien", "armoede-basisvoorzieningen"),
        ("mensen-met-schulden", "mensen-in-armoede"),
    ),
    "wonen": (("wonen",), ("huurders", "dak-en-thuislozen")),
    "kinderopvang": (
        ("gezin-opvoeding",),
        ("gezinnen-met-kinderen", "eenoudergezinnen", "aanstaande-en-jonge-ouders"),
    ),
    "werk": (("werk",), ("werkzoekenden",)),
    "juridische-hulp": (("juridische-hulp",), ("iedereen",)),
}

# Capacity, verification age and the five B's per municipality and cell.
_CELL_STATE: dict[tuple[str, str], dict[str, Any]] = {
    ("ronse", "kinderopvang"): {
        "capacity": Capacity.LIMITED,
        "waiting_days": 10,
        "capacity_note": "Dringende plaatsen bij Glorieux bijna volzet.",
        "scores": (4, 4, 2, 4, 3),
        "remarks": ("", "", "Tekort aan opvang op schoolvrije dagen (003, 3.5).", "", ""),
    },
    ("ronse", "juridische-hulp"): {
        "capacity": Capacity.LIMITED,
        "waiting_days": 14,
        "scores": (4, 4, 2, 3, 5),
        "remarks": ("", "", "Eerstelijnsrechtshulp is ontoereikend (003, 3.1.3).", "", ""),
    },
    ("kortrijk", "juridische-hulp"): {"verified_days_ago": 500},
    ("kortrijk", "kinderopvang"): {
        "capacity": Capacity.FULL,
        "waiting_days": 60,
        "capacity_note": "Wachtlijst bij De Koepel; dringende vragen gaan voor.",
    },
    ("harelbeke", "werk"): {"capacity": Capacity.LIMITED, "waiting_days": 21},
}


def _cells(house: SocialHouseSeed) -> list[ServiceSeed]:
    mornings = tuple(slot for slot in house.location.hours if slot.opens < "12:00")
    afternoons = tuple(
        Slot(slot.weekday, slot.opens, slot.closes, by_appointment=True, notes="Op afspraak")
        for slot in house.location.hours
        if slot.opens >= "12:00"
    )
    french = house.slug == "ronse"
    seeds: list[ServiceSeed] = []
    for code, dutch in _CELL_NL.items():
        texts = {"nl": _fill(dutch, house.city, _CELL_EXTRA.get(house.slug, {}).get(code, ""))}
        if french:
            texts["fr"] = _fill(_CELL_FR[code], house.city)
        if french and code in _CELL_EN:
            texts["en"] = _fill(_CELL_EN[code], house.city)
        rubrics, target_groups = _CELL_TERMS[code]
        state = _CELL_STATE.get((house.slug, code), {})
        seeds.append(
            ServiceSeed(
                organisation=house.organisation,
                code=code,
                municipalities=(house.slug,),
                texts=texts,
                locations=(house.location.key,),
                rubrics=rubrics,
                target_groups=target_groups,
                languages=tuple(texts),
                maximum_age=12 if code == "kinderopvang" else None,
                hours=house.location.hours if code == "onthaal" else mornings + afternoons,
                closures=(),
                **{
                    "verified_days_ago": 20 + 7 * len(seeds),
                    "scores": (5, 4, 4, 4, 5),
                    **state,
                },
            )
        )
    return seeds


def _fill(values: dict[str, str], city: str, extra: str = "") -> dict[str, str]:
    filled = {name: value.replace("{city}", city) for name, value in values.items()}
    filled["description"] += extra
    return filled


# --- Ronse: the services of the ten covenant organisations (000) ---------------

ATTENTION_NEIGHBOURHOODS = ("Prinskouter", "Ninovestraat", "Marijve", "Scheldekouter", "Stookt")

RONSE_PARTNERS = (
    ServiceSeed(
        organisation=SAAMO,
        code="buurtopbouwwerk",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Buurtopbouwwerk en pleinmakers in Prinskouter en Scheldekouter",
                "Woont u in Prinskouter of Scheldekouter? De buurtopbouwwerkers van SAAMO "
                "organiseren samen met bewoners ontmoeting, buurtactiviteiten en acties om de "
                "buurt en de pleinen aangenamer te maken. Pleinmakers, zelf bewoners van de "
                "buurt, zijn er regelmatig: spreek hen aan met uw ideeën of vragen, zij "
                "brengen u in contact met de juiste dienst.",
                eligibility="Voor alle bewoners van Prinskouter en Scheldekouter, in het "
                "bijzonder wie het moeilijk heeft.",
                fees="Gratis.",
                apply="U hoeft niet in te schrijven. Spreek een pleinmaker of buurtopbouwwerker "
                "aan in de buurt, of kom langs in het buurtlokaal.",
                keywords="buurtwerk, buurtopbouwwerk, pleinmakers, buurt, wijk, ontmoeting, "
                "activiteiten, buren, sociale woning, samenlevingsopbouw",
            ),
            "fr": text(
                "Travail de quartier et « pleinmakers » à Prinskouter et Scheldekouter",
                "Vous habitez Prinskouter ou Scheldekouter ? Les travailleurs de quartier de "
                "SAAMO organisent avec les habitants des rencontres, des activités et des "
                "actions pour rendre le quartier et les places plus agréables. Des "
                "« pleinmakers », eux-mêmes habitants du quartier, y sont souvent présents : "
                "parlez-leur de vos idées ou de vos questions, ils vous mettent en contact "
                "avec le bon service.",
                eligibility="Pour tous les habitants de Prinskouter et Scheldekouter, en "
                "particulier les personnes en difficulté.",
                fees="Gratuit.",
                apply="Pas d'inscription. Adressez-vous à un pleinmaker ou à un travailleur "
                "de quartier, ou passez au local de quartier.",
                keywords="travail de quartier, quartier, rencontre, activités, voisins, "
                "logement social, cohésion sociale",
            ),
        },
        locations=("buurtlokaal-scheldekouter",),
        rubrics=("vrije-tijd-ontmoeting",),
        target_groups=("iedereen", "mensen-in-armoede"),
        languages=("nl", "fr"),
        hours=(Slot(TUE, "13:30", "16:30"), Slot(FRI, "09:00", "12:00")),
        neighbourhoods=("Prinskouter", "Scheldekouter"),
        scores=(5, 4, 4, 4, 5),
        remarks=("In de buurt zelf.", "", "", "", ""),
    ),
    ServiceSeed(
        organisation=WIEGWIJS,
        code="spel-en-ontmoeting",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Spel en ontmoeting voor ouders met een kind jonger dan 3 jaar",
                "Elke week is er een spel- en ontmoetingsmoment voor ouders, grootouders en "
                "opvoeders met een kindje jonger dan 3 jaar. Uw kind speelt met andere "
                "kinderen, u ontmoet andere ouders en u kunt praten over opvoeding. Het "
                "moment wisselt van buurt: Prinskouter (Botaniek), Ninovestraat (lokaal "
                "dienstencentrum) en Scheldekouter (lokalen van SAAMO en de woonmaatschappij).",
                eligibility="Voor (groot)ouders en opvoeders met minstens één kind jonger dan "
                "3 jaar, in het bijzonder gezinnen in een kwetsbare situatie.",
                fees="Gratis.",
                apply="U mag gewoon binnenlopen met uw kind. Wilt u eerst meer weten, vraag "
                "het aan het onthaal van het Sociaal Huis.",
                keywords="spelen, speelmoment, baby, peuter, ontmoeting, ouders, opvoeding, "
                "mama, papa, oma, opa",
            ),
            "fr": text(
                "Jeux et rencontres pour les parents d'un enfant de moins de 3 ans",
                "Chaque semaine, un moment de jeu et de rencontre est organisé pour les "
                "parents, grands-parents et éducateurs d'un enfant de moins de 3 ans. Votre "
                "enfant joue avec d'autres enfants, vous rencontrez d'autres parents et vous "
                "pouvez parler d'éducation. Le lieu change : Prinskouter (Botaniek), "
                "Ninovestraat (centre de services local) et Scheldekouter (locaux de SAAMO et "
                "de la société de logement).",
                eligibility="Pour les (grands-)parents et éducateurs d'au moins un enfant de "
                "moins de 3 ans, en particulier les familles en situation de vulnérabilité.",
                fees="Gratuit.",
                apply="Venez simplement avec votre enfant. Pour plus d'informations, "
                "adressez-vous à l'accueil du Sociaal Huis.",
                keywords="jouer, bébé, bambin, rencontre, parents, éducation, parentalité",
            ),
        },
        locations=("botaniek", "ldc-ninovestraat", "buurtlokaal-scheldekouter"),
        rubrics=("gezin-opvoeding", "vrije-tijd-ontmoeting"),
        target_groups=("aanstaande-en-jonge-ouders",),
        languages=("nl", "fr"),
        maximum_age=3,
        hours=(
            Slot(TUE, "09:30", "11:30", week_of_month=1, location="botaniek"),
            Slot(TUE, "09:30", "11:30", week_of_month=2, location="ldc-ninovestraat"),
            Slot(TUE, "09:30", "11:30", week_of_month=3, location="buurtlokaal-scheldekouter"),
            Slot(TUE, "09:30", "11:30", week_of_month=4, location="botaniek"),
        ),
        neighbourhoods=("Prinskouter", "Ninovestraat", "Scheldekouter"),
        scores=(5, 5, 4, 4, 5),
    ),
    ServiceSeed(
        organisation=CAW,
        code="onthaal",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Onthaal CAW: met elke vraag over welzijn",
                "Zit u met een vraag of een probleem en weet u niet waar u terecht kunt? Bij "
                "het Centrum Algemeen Welzijnswerk (CAW) kunt u anoniem en gratis praten met "
                "een hulpverlener: over relaties, geweld, geldzorgen, wonen, verslaving, "
                "verblijf, of gewoon als het even niet meer gaat. Het CAW houdt elke "
                "donderdagvoormiddag zitdag in het Sociaal Huis Ronse.",
                eligibility="Voor iedereen vanaf 12 jaar, ook als u niet in Ronse woont.",
                fees="Gratis.",
                apply="Kom langs op de zitdag in het Sociaal Huis (donderdag van 9 tot 12 uur) "
                "of tijdens de openingsuren van het CAW. Een afspraak is niet nodig.",
                keywords="algemeen welzijnswerk, welzijn, praten, problemen, relatie, "
                "scheiding, geweld, thuisloos, dakloos, slachtoffer, verslaving, luisterend "
                "oor, crisis",
            ),
            "fr": text(
                "Accueil du CAW : pour toute question de bien-être",
                "Vous avez une question ou un problème et vous ne savez pas à qui vous "
                "adresser ? Au Centre d'aide sociale générale (CAW), vous pouvez parler "
                "gratuitement et anonymement avec un intervenant : relations, violence, "
                "soucis d'argent, logement, dépendance, séjour, ou simplement quand ça ne va "
                "plus. Le CAW tient une permanence chaque jeudi matin au Sociaal Huis de Ronse.",
                eligibility="Pour toute personne à partir de 12 ans, même si vous n'habitez "
                "pas à Ronse.",
                fees="Gratuit.",
                apply="Passez à la permanence au Sociaal Huis (jeudi de 9 à 12 heures) ou "
                "pendant les heures d'ouverture du CAW. Pas besoin de rendez-vous.",
                keywords="aide sociale, parler, problèmes, couple, séparation, violence, "
                "sans-abri, victime, dépendance, écoute, crise",
            ),
            "en": text(
                "CAW welcome desk: any question about your well-being",
                "Have a question or a problem and don't know where to go? At the Centre for "
                "General Welfare Work (CAW) you can talk to a counsellor for free and "
                "anonymously: about relationships, violence, money worries, housing, "
                "addiction, residence, or when things simply get too much. The CAW holds "
                "office hours every Thursday morning at the Sociaal Huis in Ronse.",
                eligibility="For anyone aged 12 or over.",
                fees="Free.",
                apply="Drop in during the office hours at the Sociaal Huis (Thursday 9 am to "
                "12 noon) or during the CAW's opening hours. No appointment needed.",
                keywords="welfare, talk, relationship, violence, homeless, victim, addiction, "
                "crisis",
            ),
        },
        locations=("caw-ronse", SH_RONSE),
        rubrics=("algemeen-welzijn",),
        target_groups=("iedereen", "dak-en-thuislozen"),
        languages=("nl", "fr", "en"),
        minimum_age=12,
        hours=(
            Slot(MON, "09:00", "12:00"),
            Slot(TUE, "09:00", "12:00"),
            Slot(WED, "13:30", "17:00"),
            Slot(FRI, "09:00", "12:00"),
        ),
        office_days=(Slot(THU, "09:00", "12:00", location=SH_RONSE),),
        closures=(Closure("kerstmis"),),
        scores=(4, 4, 4, 4, 5),
    ),
    ServiceSeed(
        organisation=CAW,
        code="preventie-uithuiszetting",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Preventie van uithuiszetting: woonbegeleiding bij huurachterstal",
                "Heeft u een huurachterstal, een opzeg of een dagvaarding voor het "
                "vredegerecht gekregen? Dan dreigt u uw woning te verliezen. Het CAW helpt u, "
                "samen met het OCMW, om de uithuiszetting te voorkomen: we bekijken uw "
                "huurschuld, spreken met de verhuurder of de woonmaatschappij, maken een "
                "afbetalingsplan en begeleiden u tot uw woonsituatie weer stabiel is. Lukt "
                "dat niet, dan zoeken we mee naar een andere woning, zodat u niet op straat "
                "komt te staan.",
                eligibility="Voor huurders in Ronse, op de private huurmarkt of in een sociale "
                "woning, die hun woning dreigen te verliezen. Het OCMW krijgt bericht van elke "
                "vordering tot uithuiszetting en kan u naar het CAW doorverwijzen; u kunt ook "
                "zelf komen.",
                fees="Gratis.",
                apply="Kom naar het onthaal van het Sociaal Huis of maak een afspraak voor de "
                "zitdag van het CAW (maandagnamiddag, op afspraak). Kom zo snel mogelijk: ook "
                "vóór de zitting bij de vrederechter kan nog veel.",
                documents=(
                    "Uw identiteitskaart",
                    "Uw huurcontract",
                    "De opzeg, de dagvaarding of het vonnis",
                    "Een overzicht van de betaalde en onbetaalde huur",
                    "Bewijzen van uw inkomen",
                ),
                keywords="huurachterstal, huurschuld, uithuiszetting, uitzetting, opzeg, "
                "dagvaarding, vredegerecht, vrederechter, huur niet betalen, woning verliezen, "
                "dakloos, woonbegeleiding",
            ),
            "fr": text(
                "Prévention des expulsions : accompagnement en cas de loyer impayé",
                "Vous avez des arriérés de loyer, un préavis ou une citation devant la justice "
                "de paix ? Vous risquez de perdre votre logement. Le CAW vous aide, avec le "
                "CPAS (OCMW), à éviter l'expulsion : nous examinons votre dette de loyer, nous "
                "parlons avec le propriétaire ou la société de logement, nous établissons un "
                "plan de remboursement et nous vous accompagnons jusqu'à ce que votre "
                "logement soit stable. Si ce n'est pas possible, nous cherchons avec vous un "
                "autre logement pour que vous ne vous retrouviez pas à la rue.",
                eligibility="Pour les locataires à Ronse, sur le marché privé ou dans un "
                "logement social, qui risquent de perdre leur logement.",
                fees="Gratuit.",
                apply="Adressez-vous à l'accueil du Sociaal Huis ou prenez rendez-vous pour la "
                "permanence du CAW (lundi après-midi, sur rendez-vous). Venez le plus tôt "
                "possible : même avant l'audience chez le juge de paix, beaucoup est possible.",
                documents=(
                    "Votre carte d'identité",
                    "Votre contrat de bail",
                    "Le préavis, la citation ou le jugement",
                    "Un aperçu des loyers payés et impayés",
                    "Les preuves de vos revenus",
                ),
                keywords="expulsion, loyer impayé, arriérés de loyer, dette de loyer, préavis, "
                "justice de paix, juge de paix, perdre son logement, sans-abri, "
                "accompagnement au logement",
            ),
            "en": text(
                "Preventing eviction: support with rent arrears",
                "Behind with the rent, or received a notice to quit or a summons to the "
                "justice of the peace? The CAW and the OCMW help you keep your home: we look "
                "at your rent arrears, talk to the landlord, agree a repayment plan and "
                "support you until your housing is stable again.",
                eligibility="Tenants in Ronse at risk of losing their home.",
                fees="Free.",
                apply="Ask at the Sociaal Huis welcome desk or book the CAW office hours "
                "(Monday afternoon, by appointment). Come as early as you can.",
                keywords="eviction, rent arrears, notice to quit, landlord, homeless",
            ),
        },
        locations=(SH_RONSE, "caw-ronse"),
        rubrics=("wonen",),
        target_groups=("huurders", "dak-en-thuislozen", "mensen-met-schulden"),
        languages=("nl", "fr", "en"),
        hours=(Slot(TUE, "09:00", "12:00", by_appointment=True, location="caw-ronse"),),
        office_days=(Slot(MON, "13:30", "16:00", by_appointment=True, location=SH_RONSE),),
        scores=(4, 4, 4, 3, 5),
        remarks=("", "", "", "Brieven van het vredegerecht zijn moeilijk; wij lezen mee.", ""),
    ),
    ServiceSeed(
        organisation=CAW,
        code="buddyproject",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Buddyproject voor (aanstaande) ouders met een kindje tot 3 jaar",
                "Bent u zwanger of heeft u een kindje tot 3 jaar, en staat u er wat alleen "
                "voor? Een buddy, een vrijwilliger die door het CAW wordt gekozen, opgeleid "
                "en begeleid, gaat met u op pad. De buddy volgt het stappenplan dat u met de "
                "medewerker van het Sociaal Huis maakte na een gesprek over uw rechten: de "
                "buddy gaat mee naar diensten, helpt u het aanbod voor jonge kinderen te leren "
                "kennen (zoals spel en ontmoeting) en helpt u uw rechten op te nemen, zoals "
                "het Groeipakket of de verhoogde tegemoetkoming.",
                eligibility="Voor aanstaande ouders en gezinnen met minstens één kind van 0 "
                "tot 3 jaar in Prinskouter, Ninovestraat, Marijve, Scheldekouter en Stookt. "
                "Woont u elders in Ronse, vraag het toch: als er plaats is, kan het ook.",
                fees="Gratis.",
                apply="Vraag het aan het onthaal van het Sociaal Huis. Een medewerker komt bij "
                "u langs om samen uw rechten te verkennen en een stappenplan te maken; daarna "
                "zoekt de buddycoach een buddy die bij u past.",
                documents=(
                    "Uw identiteitskaart",
                    "Het boekje van Kind en Gezin of de geboortedatum van uw kind",
                ),
                keywords="buddy, vrijwilliger, zwanger, baby, jonge ouders, alleen, eenzaam, "
                "netwerk, stappenplan, Groeipakket, rechten, Kind en Gezin",
            ),
            "fr": text(
                "Projet buddy pour les (futurs) parents d'un enfant de moins de 3 ans",
                "Vous êtes enceinte ou vous avez un enfant de moins de 3 ans et vous vous "
                "sentez un peu seul(e) ? Un buddy, un bénévole choisi, formé et suivi par le "
                "CAW, vous accompagne. Il suit le plan par étapes établi avec le collaborateur "
                "du Sociaal Huis après un entretien sur vos droits : il vous accompagne dans "
                "les services, vous fait découvrir l'offre pour les jeunes enfants et vous "
                "aide à faire valoir vos droits, comme le Groeipakket (allocations "
                "familiales) ou l'intervention majorée.",
                eligibility="Pour les futurs parents et les familles avec au moins un enfant "
                "de 0 à 3 ans à Prinskouter, Ninovestraat, Marijve, Scheldekouter et Stookt.",
                fees="Gratuit.",
                apply="Demandez à l'accueil du Sociaal Huis. Un collaborateur vient chez vous "
                "pour examiner vos droits et établir un plan par étapes ; ensuite, le coach "
                "cherche un buddy qui vous convient.",
                documents=(
                    "Votre carte d'identité",
                    "Le carnet de Kind en Gezin ou la date de naissance de votre enfant",
                ),
                keywords="buddy, bénévole, enceinte, bébé, jeunes parents, isolement, réseau, "
                "droits, allocations familiales",
            ),
        },
        locations=(SH_RONSE,),
        rubrics=("gezin-opvoeding", "algemeen-welzijn"),
        target_groups=("aanstaande-en-jonge-ouders", "eenoudergezinnen"),
        languages=("nl", "fr"),
        hours=(
            Slot(TUE, "09:00", "12:00", by_appointment=True),
            Slot(THU, "13:30", "16:00", by_appointment=True),
        ),
        neighbourhoods=ATTENTION_NEIGHBOURHOODS,
        capacity=Capacity.LIMITED,
        waiting_days=21,
        capacity_note="Nog twee buddy's vrij; nieuwe vrijwilligers in opleiding.",
        scores=(5, 4, 3, 4, 5),
    ),
    ServiceSeed(
        organisation=LIGO,
        code="digipunt",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Digipunt: hulp met uw computer, smartphone en online formulieren",
                "Lukt het niet om iets online te regelen, zoals itsme, uw bankzaken, een "
                "afspraak of een formulier van de stad? In het Digipunt helpt een medewerker "
                "van LIGO u stap voor stap. U kunt er ook een computer gebruiken en korte "
                "opleidingen volgen om zelf beter met uw smartphone of computer te werken.",
                eligibility="Voor alle inwoners van Ronse, in het bijzonder wie weinig "
                "ervaring heeft met computers of internet.",
                fees="Gratis. Voor een opleiding vragen we soms een kleine bijdrage; vraag "
                "naar de korting als u het financieel moeilijk heeft.",
                apply="Kom langs op de zitdag in het Sociaal Huis (woensdagnamiddag). Breng "
                "uw toestel mee.",
                documents=(
                    "Uw smartphone, tablet of laptop, als u er een heeft",
                    "Uw identiteitskaart en pincode (voor itsme of de eID)",
                    "Uw wachtwoorden, als u ze heeft",
                ),
                keywords="computer, internet, smartphone, gsm, itsme, online, e-mail, digitaal, "
                "formulier invullen, wachtwoord, eID, digitale kloof, laptop, opleiding",
            ),
            "fr": text(
                "Digipunt : aide avec votre ordinateur, smartphone et formulaires en ligne",
                "Vous n'arrivez pas à faire quelque chose en ligne, comme itsme, vos "
                "opérations bancaires, un rendez-vous ou un formulaire de la ville ? Au "
                "Digipunt, un collaborateur de LIGO vous aide pas à pas. Vous pouvez aussi y "
                "utiliser un ordinateur et suivre de courtes formations.",
                eligibility="Pour tous les habitants de Ronse, en particulier ceux qui ont peu "
                "d'expérience avec l'informatique ou internet.",
                fees="Gratuit. Une petite participation est parfois demandée pour une "
                "formation ; demandez la réduction si vous avez des difficultés financières.",
                apply="Passez à la permanence au Sociaal Huis (mercredi après-midi). Apportez "
                "votre appareil.",
                documents=(
                    "Votre smartphone, tablette ou ordinateur portable, si vous en avez un",
                    "Votre carte d'identité et son code PIN (pour itsme ou l'eID)",
                ),
                keywords="ordinateur, internet, smartphone, itsme, en ligne, e-mail, "
                "numérique, formulaire, mot de passe, fracture numérique",
            ),
        },
        locations=(SH_RONSE,),
        rubrics=("onderwijs-vorming",),
        target_groups=("iedereen", "ouderen"),
        languages=("nl", "fr"),
        office_days=(Slot(WED, "13:30", "16:00", location=SH_RONSE),),
        verified_days_ago=420,
        scores=(4, 4, 3, 4, 4),
    ),
    ServiceSeed(
        organisation=GRIJKOORT,
        code="sociaal-kruidenier-kaboes",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Sociaal Kruidenier Kaboes",
                "In de sociale kruidenier Kaboes koopt u voeding en basisproducten (zoals "
                "onderhouds- en verzorgingsproducten) van goede kwaliteit tegen een lage "
                "prijs. Het is ook een plek om even te verpozen en andere mensen te ontmoeten. "
                "Wie de stap naar werk wil zetten, kan er een werktraject volgen.",
                eligibility="Voor inwoners van Ronse met een laag inkomen. Het Sociaal Huis of "
                "een andere sociale dienst geeft u een klantenkaart voor een bepaalde tijd.",
                fees="U betaalt de producten, tegen een sterk verlaagde prijs.",
                apply="Vraag een klantenkaart aan bij het onthaal van het Sociaal Huis of bij "
                "uw maatschappelijk werker. Met de kaart kunt u winkelen tijdens de "
                "openingsuren.",
                documents=("Uw klantenkaart van de sociale kruidenier", "Uw identiteitskaart"),
                keywords="voedsel, eten, voeding, goedkoop, boodschappen, winkel, sociale "
                "kruidenier, voedselhulp, voedselbank, geen geld voor eten",
            ),
            "fr": text(
                "Épicerie sociale Kaboes",
                "À l'épicerie sociale Kaboes, vous achetez de l'alimentation et des produits "
                "de base (entretien, hygiène) de bonne qualité à bas prix. C'est aussi un lieu "
                "pour faire une pause et rencontrer d'autres personnes. Ceux qui veulent se "
                "(re)mettre au travail peuvent y suivre un parcours.",
                eligibility="Pour les habitants de Ronse à faibles revenus. Le Sociaal Huis ou "
                "un autre service social vous donne une carte client pour une durée "
                "déterminée.",
                fees="Vous payez les produits, à prix fortement réduit.",
                apply="Demandez une carte client à l'accueil du Sociaal Huis ou à votre "
                "assistant social.",
                documents=("Votre carte client de l'épicerie sociale", "Votre carte d'identité"),
                keywords="nourriture, alimentation, courses, épicerie sociale, aide "
                "alimentaire, colis alimentaire, pas cher",
            ),
        },
        locations=("kaboes",),
        rubrics=("armoede-basisvoorzieningen",),
        target_groups=("mensen-in-armoede", "gezinnen-met-kinderen"),
        languages=("nl", "fr"),
        is_free=False,
        hours=(
            Slot(TUE, "13:30", "17:00"),
            Slot(THU, "13:30", "17:00"),
            Slot(SAT, "09:00", "12:00"),
        ),
        closures=(Closure("kerstmis"), Closure("nieuwjaar")),
        scores=(4, 4, 4, 5, 4),
        remarks=("", "", "", "", "Alleen met een klantenkaart; prijzen sterk verlaagd."),
    ),
    ServiceSeed(
        organisation=GRIJKOORT,
        code="sociaal-restaurant-de-pepermolen",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Sociaal Restaurant De Pepermolen",
                "In sociaal restaurant De Pepermolen eet u 's middags een warme, volwaardige "
                "maaltijd (soep, hoofdgerecht en dessert) tegen een lage prijs, samen met "
                "anderen. Het restaurant is ook een opleidings- en werkplek voor mensen die "
                "de stap naar werk zetten.",
                eligibility="Iedereen is welkom. Met een laag inkomen betaalt u het verlaagde "
                "tarief.",
                fees="Een maaltijd kost 9 euro, of 4,50 euro met een kaart van het Sociaal "
                "Huis (voorbeeldprijzen).",
                apply="U hoeft niet te reserveren. Voor het verlaagde tarief vraagt u een kaart "
                "aan bij het Sociaal Huis.",
                documents=("De kaart voor het verlaagde tarief, als u er een heeft",),
                keywords="warme maaltijd, eten, middagmaal, restaurant, goedkoop eten, soep, "
                "samen eten, eenzaam",
            ),
            "fr": text(
                "Restaurant social De Pepermolen",
                "Au restaurant social De Pepermolen, vous mangez à midi un repas chaud et "
                "complet (potage, plat et dessert) à petit prix, avec d'autres personnes. Le "
                "restaurant est aussi un lieu de formation et de travail pour les personnes "
                "qui se (re)mettent au travail.",
                eligibility="Tout le monde est le bienvenu. Avec de faibles revenus, vous payez "
                "le tarif réduit.",
                fees="Un repas coûte 9 euros, ou 4,50 euros avec une carte du Sociaal Huis "
                "(prix d'exemple).",
                apply="Pas besoin de réserver. Pour le tarif réduit, demandez une carte au "
                "Sociaal Huis.",
                documents=("La carte pour le tarif réduit, si vous en avez une",),
                keywords="repas chaud, manger, midi, restaurant social, pas cher, potage, solitude",
            ),
        },
        locations=("pepermolen",),
        rubrics=("armoede-basisvoorzieningen", "vrije-tijd-ontmoeting"),
        target_groups=("mensen-in-armoede", "ouderen", "iedereen"),
        languages=("nl", "fr"),
        is_free=False,
        hours=tuple(Slot(day, "11:30", "13:30") for day in (MON, TUE, WED, THU, FRI)),
        closures=(Closure("kerstmis"), Closure("vlaamse-feestdag")),
        scores=(4, 5, 5, 5, 4),
    ),
    ServiceSeed(
        organisation=GRIJKOORT,
        code="activering",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Activering en werk op maat bij Grijkoort",
                "Bent u al lang zonder werk, of is een gewone job (nog) te zwaar? Bij "
                "Grijkoort Begeleid Werk werkt u in een begeleide omgeving, bijvoorbeeld in "
                "de sociale kruidenier of het sociaal restaurant, en leert u stap voor stap "
                "wat u nodig heeft om aan de slag te gaan. Een begeleider volgt u op, zodat de "
                "afstand tot een gewone job kleiner wordt.",
                eligibility="Voor werkzoekenden en mensen met een leefloon uit Ronse voor wie "
                "gewoon werk nog te ver af staat.",
                fees="Gratis.",
                apply="Vraag het aan uw maatschappelijk werker van het Sociaal Huis of aan uw "
                "VDAB-bemiddelaar; zij melden u aan.",
                documents=("Uw identiteitskaart", "Uw cv, als u er een heeft"),
                keywords="werk, begeleid werk, activering, arbeidszorg, werkervaring, sociale "
                "economie, opleiding, job, werkloos",
            ),
            "fr": text(
                "Activation et travail sur mesure chez Grijkoort",
                "Vous êtes sans emploi depuis longtemps, ou un emploi ordinaire est (encore) "
                "trop lourd ? Chez Grijkoort Begeleid Werk, vous travaillez dans un cadre "
                "accompagné, par exemple à l'épicerie sociale ou au restaurant social, et vous "
                "apprenez pas à pas ce qu'il faut pour trouver un emploi.",
                eligibility="Pour les demandeurs d'emploi et les bénéficiaires du revenu "
                "d'intégration à Ronse pour qui un emploi ordinaire est encore loin.",
                fees="Gratuit.",
                apply="Demandez à votre assistant social du Sociaal Huis ou à votre conseiller "
                "VDAB ; ils vous inscrivent.",
                documents=("Votre carte d'identité", "Votre CV, si vous en avez un"),
                keywords="travail, emploi, activation, expérience professionnelle, économie "
                "sociale, formation, chômage",
            ),
        },
        locations=("kaboes", "pepermolen"),
        rubrics=("werk",),
        target_groups=("werkzoekenden", "mensen-in-armoede"),
        languages=("nl", "fr"),
        hours=tuple(Slot(day, "08:30", "12:00", by_appointment=True) for day in (MON, TUE, THU)),
        capacity=Capacity.LIMITED,
        waiting_days=30,
        scores=(4, 4, 3, 4, 5),
    ),
    ServiceSeed(
        organisation=AUXILIOR,
        code="kledingwinkel",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Kledingwinkel Auxilior: tweedehandskleding aan lage prijzen",
                "In de winkel van Auxilior vindt u goede tweedehandskleding voor volwassenen "
                "en kinderen tegen lage prijzen. Iedereen mag er kopen, maar de winkel is er "
                "vooral voor gezinnen die het financieel moeilijk hebben.",
                eligibility="Voor iedereen; vooral voor kwetsbare gezinnen die in armoede leven.",
                fees="U betaalt een lage prijs per stuk.",
                apply="U kunt gewoon binnenlopen tijdens de openingsuren.",
                keywords="kleding, kleren, tweedehands, goedkoop, kinderkleding, schoenen, "
                "jas, winterjas, materiële hulp",
            ),
            "fr": text(
                "Magasin de vêtements Auxilior : seconde main à petits prix",
                "Dans le magasin d'Auxilior, vous trouvez de bons vêtements de seconde main "
                "pour adultes et enfants à petits prix. Tout le monde peut y acheter, mais le "
                "magasin s'adresse surtout aux familles en difficulté financière.",
                eligibility="Pour tous ; surtout pour les familles vulnérables qui vivent dans "
                "la pauvreté.",
                fees="Vous payez un petit prix par pièce.",
                apply="Entrez simplement pendant les heures d'ouverture.",
                keywords="vêtements, habits, seconde main, pas cher, vêtements d'enfants, "
                "chaussures, manteau",
            ),
        },
        locations=("auxilior",),
        rubrics=("armoede-basisvoorzieningen",),
        target_groups=("gezinnen-met-kinderen", "mensen-in-armoede"),
        languages=("nl", "fr"),
        is_free=False,
        hours=(Slot(WED, "13:30", "17:00"), Slot(SAT, "09:30", "12:00")),
        verified_days_ago=400,
        scores=(3, 4, 3, 5, 5),
        remarks=("Twee treden aan de ingang.", "", "Twee halve dagen per week.", "", ""),
    ),
    ServiceSeed(
        organisation=UILENSPEL,
        code="studieondersteuning",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Uilenspel: gratis hulp bij schoolwerk voor kinderen",
                "Heeft uw kind het moeilijk op school? Een begeleider van Uilenspel komt "
                "elke week bij u thuis om met uw kind te lezen, te rekenen en te spelen, en om "
                "u als ouder te tonen hoe u uw kind kunt helpen. Uilenspel let vooral op de "
                "grote stappen: van de kleuterklas naar het eerste leerjaar, en van de lagere "
                "naar de middelbare school.",
                eligibility="Voor kinderen uit de 3de kleuterklas, het 1ste en 2de leerjaar, en "
                "kinderen die naar het secundair gaan, uit gezinnen die het moeilijk hebben. "
                "In heel Ronse.",
                fees="Gratis.",
                apply="Vraag het aan de school van uw kind, aan het Sociaal Huis of "
                "rechtstreeks aan Uilenspel. Er is een wachtlijst.",
                keywords="huiswerkbegeleiding, huiswerk, studiebegeleiding, school, "
                "leerachterstand, lezen, rekenen, bijles, kleuterklas, eerste leerjaar, "
                "secundair",
            ),
            "fr": text(
                "Uilenspel : aide gratuite aux devoirs pour les enfants",
                "Votre enfant a des difficultés à l'école ? Un accompagnateur d'Uilenspel "
                "vient chaque semaine chez vous pour lire, calculer et jouer avec votre "
                "enfant, et pour vous montrer comment l'aider. Uilenspel est attentif aux "
                "grandes étapes : de la maternelle à la première primaire, et du primaire au "
                "secondaire.",
                eligibility="Pour les enfants de 3e maternelle, de 1re et 2e primaire, et ceux "
                "qui passent au secondaire, issus de familles en difficulté. Dans tout Ronse.",
                fees="Gratuit.",
                apply="Demandez à l'école de votre enfant, au Sociaal Huis ou directement à "
                "Uilenspel. Il y a une liste d'attente.",
                keywords="aide aux devoirs, devoirs, école, retard scolaire, lecture, calcul, "
                "cours particuliers, école de devoirs",
            ),
        },
        locations=("uilenspel",),
        rubrics=("onderwijs-vorming", "gezin-opvoeding"),
        target_groups=("kinderen", "gezinnen-met-kinderen", "nieuwkomers"),
        languages=("nl", "fr"),
        minimum_age=5,
        maximum_age=13,
        hours=(Slot(WED, "13:30", "17:00", notes="Begeleiding aan huis na afspraak"),),
        capacity=Capacity.FULL,
        waiting_days=45,
        capacity_note="Wachtlijst tot na de herfstvakantie.",
        scores=(5, 4, 2, 4, 5),
        remarks=("Aan huis.", "", "Wachtlijst.", "", ""),
    ),
    ServiceSeed(
        organisation=GLORIEUX,
        code="dringende-kinderopvang",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Dringende kinderopvang (6 plaatsen)",
                "Heeft u onverwacht en snel opvang nodig voor uw baby of peuter, bijvoorbeeld "
                "omdat u werk of een opleiding kunt beginnen, of door een crisis in uw gezin? "
                "Kinderopvang Glorieux houdt 6 plaatsen vrij voor dringende kinderopvang. Zo "
                "kan uw kind meestal binnen enkele dagen terecht, tot u een vaste plaats heeft.",
                eligibility="Voor gezinnen uit Ronse met een kind van 0 tot 3 jaar die dringend "
                "opvang nodig hebben. Het Sociaal Huis bekijkt met u of uw vraag dringend is.",
                fees="U betaalt volgens uw inkomen (inkomenstarief); met een laag inkomen is "
                "dat een verlaagd tarief.",
                apply="Vraag dringende opvang aan via de cel kinderopvang van het Sociaal Huis; "
                "zij nemen contact op met de opvang.",
                documents=(
                    "Uw identiteitskaart",
                    "De kids-ID of de geboortedatum van uw kind",
                    "Bewijs van werk, opleiding of de reden waarom het dringend is",
                    "Bewijs van uw inkomen",
                ),
                keywords="kinderopvang, dringende opvang, noodopvang, crèche, baby, peuter, "
                "opvang, kinderdagverblijf, snel opvang",
            ),
            "fr": text(
                "Garde d'enfants d'urgence (6 places)",
                "Vous avez besoin rapidement et de manière imprévue d'une garde d'enfants pour "
                "votre bébé ou votre bambin, par exemple parce que vous commencez un travail "
                "ou une formation, ou à cause d'une crise familiale ? La crèche Glorieux "
                "réserve 6 places pour l'accueil d'urgence. Votre enfant peut en général y "
                "aller en quelques jours, en attendant une place fixe.",
                eligibility="Pour les familles de Ronse avec un enfant de 0 à 3 ans qui ont "
                "besoin d'une garde d'urgence.",
                fees="Vous payez selon vos revenus ; avec de faibles revenus, le tarif est réduit.",
                apply="Demandez une place d'urgence via la cellule garde d'enfants du Sociaal "
                "Huis ; elle contacte la crèche.",
                documents=(
                    "Votre carte d'identité",
                    "La Kids-ID ou la date de naissance de votre enfant",
                    "Une preuve de travail, de formation ou de l'urgence",
                    "Une preuve de vos revenus",
                ),
                keywords="garde d'enfants, crèche, accueil d'urgence, bébé, bambin, garderie, "
                "milieu d'accueil",
            ),
        },
        locations=("glorieux",),
        rubrics=("gezin-opvoeding",),
        target_groups=("aanstaande-en-jonge-ouders", "gezinnen-met-kinderen", "eenoudergezinnen"),
        languages=("nl", "fr"),
        is_free=False,
        maximum_age=3,
        hours=tuple(Slot(day, "07:00", "18:30") for day in (MON, TUE, WED, THU, FRI)),
        capacity=Capacity.LIMITED,
        waiting_days=3,
        capacity_note="4 van de 6 dringende plaatsen bezet.",
        scores=(4, 4, 3, 4, 3),
    ),
    ServiceSeed(
        organisation=HUURDERSBOND,
        code="adviespunt-huurders",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Adviespunt huurders: juridisch advies over huren",
                "Heeft u een vraag of een probleem met uw huurwoning? De Huurdersbond geeft u "
                "gratis juridisch advies over uw rechten en plichten als huurder: "
                "huurachterstal, een opzeg, de huurwaarborg, herstellingen en gebreken, de "
                "huurprijs en de indexering, een conflict met de verhuurder of een dreigende "
                "uithuiszetting. Voor private huurders en voor huurders van een sociale "
                "woning. Het adviespunt houdt zitdag in het Sociaal Huis Ronse.",
                alternate_name="Huurdersbond",
                eligibility="Voor alle huurders in Ronse, in een private of een sociale "
                "woning. Ook medewerkers van het OCMW en de Dienst Wonen kunnen er hun "
                "huurvragen stellen.",
                fees="Het advies in het Sociaal Huis is gratis (sociaal convenant met de stad).",
                apply="Kom langs op de zitdag op de tweede dinsdag van de maand, van 9 tot 12 "
                "uur, in het Sociaal Huis. U hoeft geen afspraak te maken. Breng uw papieren "
                "mee.",
                documents=(
                    "Uw huurcontract",
                    "De plaatsbeschrijving",
                    "Brieven van of aan de verhuurder (zoals een opzeg)",
                    "Bewijzen van betaalde huur en van de huurwaarborg",
                    "Foto's van gebreken in de woning",
                ),
                keywords="huurachterstal, huurschuld, uithuiszetting, opzeg, huurcontract, "
                "huurwaarborg, waarborg, verhuurder, huisbaas, herstellingen, vochtige woning, "
                "huurprijs, indexering, huurdersrechten, huurder",
            ),
            "fr": text(
                "Point conseil locataires : avis juridique sur la location",
                "Vous avez une question ou un problème avec votre logement loué ? La "
                "Huurdersbond (union des locataires) vous donne un avis juridique gratuit sur "
                "vos droits et obligations de locataire : loyer impayé, préavis, garantie "
                "locative, réparations et défauts, loyer et indexation, conflit avec le "
                "propriétaire ou menace d'expulsion. Pour les locataires privés et sociaux. Le "
                "point conseil tient une permanence au Sociaal Huis de Ronse.",
                alternate_name="Huurdersbond (union des locataires)",
                eligibility="Pour tous les locataires à Ronse, dans un logement privé ou social.",
                fees="L'avis au Sociaal Huis est gratuit (convention sociale avec la ville).",
                apply="Passez à la permanence le deuxième mardi du mois, de 9 à 12 heures, au "
                "Sociaal Huis. Sans rendez-vous. Apportez vos documents.",
                documents=(
                    "Votre contrat de bail",
                    "L'état des lieux",
                    "Les lettres du ou au propriétaire (comme un préavis)",
                    "Les preuves de paiement du loyer et de la garantie locative",
                    "Des photos des défauts du logement",
                ),
                keywords="loyer impayé, arriérés de loyer, expulsion, préavis, bail, garantie "
                "locative, propriétaire, réparations, humidité, loyer, indexation, droits des "
                "locataires, locataire",
            ),
            "en": text(
                "Tenants' advice point: legal advice on renting",
                "Free legal advice on your rights and duties as a tenant: rent arrears, a "
                "notice to quit, the rental deposit, repairs, rent and indexation, a dispute "
                "with your landlord or a threatened eviction. Office hours at the Sociaal Huis "
                "in Ronse on the second Tuesday of the month, 9 am to 12 noon.",
                eligibility="All tenants in Ronse, in private or social housing.",
                fees="Free.",
                apply="Drop in during the office hours; bring your papers.",
                keywords="tenant, rent arrears, eviction, deposit, landlord, repairs",
            ),
        },
        locations=(SH_RONSE,),
        rubrics=("wonen", "juridische-hulp"),
        target_groups=("huurders",),
        languages=("nl", "fr", "en"),
        office_days=(Slot(TUE, "09:00", "12:00", week_of_month=2, location=SH_RONSE),),
        scores=(4, 4, 3, 4, 5),
        remarks=("", "", "Eén voormiddag per maand.", "", ""),
    ),
    ServiceSeed(
        organisation=VROLIJKE_KRING,
        code="vrijwilligerswerk-werkt",
        municipalities=("ronse",),
        texts={
            "nl": text(
                "Vrijwilligerswerk werkt!: een traject op maat",
                "Zit u al lang thuis en wilt u opnieuw iets zinvols doen? In het project "
                "'Vrijwilligerswerk werkt!' stippelt een begeleider van De Vrolijke Kring "
                "samen met u een traject op maat uit: vrijwilligerswerk, een opleiding of een "
                "werkplek die bij u past, met u zelf aan het stuur. Een van de werkplekken is "
                "een klusjesdienst: u helpt heel kwetsbare gezinnen met kleine klussen in hun "
                "woning.",
                eligibility="Voor inwoners van Ronse in een heel kwetsbare situatie, ver van de "
                "arbeidsmarkt. Gezinnen met kleine woonproblemen kunnen via het Sociaal Huis "
                "een klus aanvragen.",
                fees="Gratis.",
                apply="Vraag het aan uw maatschappelijk werker, of kom naar de zitdag van De "
                "Vrolijke Kring in het Sociaal Huis (eerste vrijdag van de maand, op afspraak).",
                keywords="vrijwilligerswerk, activering, traject, opleiding, werkervaring, "
                "klusjes, klusjesdienst, herstellingen woning, zinvol, dagbesteding",
            ),
            "fr": text(
                "« Vrijwilligerswerk werkt! » : un parcours sur mesure",
                "Vous êtes à la maison depuis longtemps et vous voulez à nouveau faire quelque "
                "chose d'utile ? Dans le projet « Vrijwilligerswerk werkt! » (le bénévolat, ça "
                "marche), un accompagnateur de De Vrolijke Kring construit avec vous un "
                "parcours sur mesure : bénévolat, formation ou poste de travail, et c'est vous "
                "qui tenez le volant. L'un des postes est un service de petits travaux pour "
                "des familles très vulnérables.",
                eligibility="Pour les habitants de Ronse en situation très vulnérable, "
                "éloignés du marché du travail.",
                fees="Gratuit.",
                apply="Demandez à votre assistant social, ou passez à la permanence de De "
                "Vrolijke Kring au Sociaal Huis (premier vendredi du mois, sur rendez-vous).",
                keywords="bénévolat, activation, parcours, formation, expérience, petits "
                "travaux, réparations",
            ),
        },
        locations=("vrolijke-kring", SH_RONSE),
        rubrics=("werk", "wonen"),
        target_groups=("werkzoekenden", "mensen-in-armoede"),
        languages=("nl", "fr"),
        hours=tuple(
            Slot(day, "09:00", "12:00", by_appointment=True, location="vrolijke-kring")
            for day in (MON, TUE, THU)
        ),
        office_days=(
            Slot(FRI, "09:00", "11:30", week_of_month=1, by_appointment=True, location=SH_RONSE),
        ),
        verified_days_ago=390,
        scores=(4, 4, 4, 4, 5),
    ),
)


# --- Harelbeke: community work with the Huis van Welzijn (002) -----------------

HARELBEKE_OFFER = (
    ServiceSeed(
        organisation="Sociaal Huis Harelbeke",
        code="sociale-kruidenier",
        municipalities=("harelbeke",),
        texts={
            "nl": text(
                "Sociale kruidenier Harelbeke",
                "In de sociale kruidenier koopt u voeding en basisproducten tegen een lage "
                "prijs. Elke maand komen er ongeveer 120 gezinnen. Het is meer dan een winkel: "
                "er is een onthaal met een luisterend oor, we helpen u met uw vragen en zoeken "
                "samen informatie op. Bezoekers en vrijwilligers denken mee over de werking en "
                "werken samen aan projecten, zoals de moestuin GS9 en de buurttuin Goudberg.",
                eligibility="Voor inwoners van Harelbeke met een laag inkomen, met een "
                "doorverwijzing van de sociale dienst van het Huis van Welzijn.",
                fees="U betaalt de producten, tegen een sterk verlaagde prijs.",
                apply="Vraag een kaart voor de sociale kruidenier aan bij de sociale dienst in "
                "het Huis van Welzijn.",
                documents=("Uw kaart van de sociale kruidenier", "Uw identiteitskaart"),
                keywords="voedsel, eten, voeding, goedkoop, boodschappen, sociale kruidenier, "
                "voedselhulp, voedselbank, moestuin, geen geld voor eten",
            ),
            "en": text(
                "Social grocery Harelbeke",
                "Food and basic products at a low price, for about 120 families a month. "
                "There is also a welcome desk where someone listens and helps you with your "
                "questions.",
                eligibility="Residents of Harelbeke on a low income, referred by the social "
                "service of the Huis van Welzijn.",
                fees="You pay for the products, at a much reduced price.",
                apply="Ask for a card at the social service in the Huis van Welzijn.",
                keywords="food, groceries, cheap, food bank",
            ),
        },
        locations=("kruidenier-harelbeke",),
        rubrics=("armoede-basisvoorzieningen",),
        target_groups=("mensen-in-armoede", "gezinnen-met-kinderen", "eenoudergezinnen"),
        languages=("nl", "en"),
        is_free=False,
        hours=(Slot(TUE, "13:30", "17:00"), Slot(FRI, "09:00", "12:00")),
        closures=(Closure("kerstmis"),),
        capacity=Capacity.LIMITED,
        waiting_days=7,
        capacity_note="Ongeveer 120 gezinnen per maand; nieuwe kaarten na een week.",
        scores=(4, 4, 3, 5, 4),
    ),
    ServiceSeed(
        organisation=SAMENLEVINGSOPBOUW,
        code="naaiatelier-harelbeke",
        municipalities=("harelbeke",),
        texts={
            "nl": text(
                "Naaiatelier",
                "Leer naaien, herstel uw kleren en ontmoet andere mensen uit de buurt. In het "
                "naaiatelier komen ongeveer 70 deelnemers uit 11 landen samen. U oefent er "
                "ook Nederlands, hoort wat er in de buurt te doen is en krijgt hulp om de weg "
                "te vinden naar diensten. Met de milieudienst is er een Repair Café, en met de "
                "sociale dienst van het OCMW worden herstellingen gedaan.",
                eligibility="Voor iedereen uit Harelbeke, in het bijzonder wie weinig mensen "
                "kent of Nederlands wil oefenen. U hoeft niet te kunnen naaien.",
                fees="Gratis. Stof en naaigerief zijn er.",
                apply="Kom gewoon langs op dinsdagnamiddag in Ontmoetingshuis GS9.",
                keywords="naaien, naaiatelier, kleding herstellen, repair café, ontmoeting, "
                "Nederlands oefenen, eenzaam, nieuwkomers",
            ),
        },
        locations=("gs9",),
        rubrics=("vrije-tijd-ontmoeting", "migratie-integratie"),
        target_groups=("nieuwkomers", "iedereen"),
        hours=(Slot(TUE, "13:30", "16:00"),),
        neighbourhoods=("Centrum",),
        scores=(4, 5, 4, 4, 5),
    ),
    ServiceSeed(
        organisation=SAMENLEVINGSOPBOUW,
        code="ontmoetingshuis-gs9",
        municipalities=("harelbeke",),
        texts={
            "nl": text(
                "Ontmoetingshuis GS9",
                "In Ontmoetingshuis GS9 in de centrumwijk kunt u binnenlopen voor een babbel, "
                "een activiteit of een vraag. Diensten en organisaties komen er naar u toe met "
                "informatie over huisvesting, gezondheid, opvoeding en vrije tijd. Een "
                "focusgroep van bewoners komt vier keer per jaar samen om te vertellen wat er "
                "leeft in de buurt.",
                eligibility="Voor alle bewoners van de centrumwijk van Harelbeke, in het "
                "bijzonder eenoudergezinnen, alleenstaanden, bewoners van vreemde herkomst en "
                "kwetsbare huurders en eigenaars.",
                fees="Gratis.",
                apply="Loop binnen tijdens de openingsuren. Het programma staat in de "
                "nieuwsbrief en op Facebook.",
                keywords="ontmoeting, buurthuis, buurt, babbel, activiteiten, informatie, "
                "huisvesting, gezondheid, opvoeding, vrije tijd, centrum",
            ),
        },
        locations=("gs9",),
        rubrics=("vrije-tijd-ontmoeting", "algemeen-welzijn"),
        target_groups=("iedereen", "eenoudergezinnen", "nieuwkomers"),
        hours=(
            Slot(MON, "13:30", "16:30"),
            Slot(WED, "09:00", "12:00"),
            Slot(THU, "13:30", "16:30"),
        ),
        neighbourhoods=("Centrum",),
        scores=(5, 4, 4, 4, 5),
    ),
    ServiceSeed(
        organisation=SAMENLEVINGSOPBOUW,
        code="vakantieaanbod-gezinnen",
        municipalities=("harelbeke",),
        texts={
            "nl": text(
                "Vakantieaanbod voor gezinnen",
                "Tijdens de schoolvakanties kunt u met uw kinderen terecht in de "
                "experimenteerruimte in de Boterpotstraat om te spelen, te knutselen en op "
                "uitstap te gaan. Zo leert u ook het aanbod van de jeugddienst, de sportdienst "
                "en de UiTPAS kennen, zodat uw kinderen daarna makkelijker meedoen. Iedereen is "
                "welkom: het is geen aanbod 'voor arme gezinnen'. In 2018 deden 31 gezinnen met "
                "70 kinderen mee.",
                eligibility="Voor gezinnen met kinderen uit Harelbeke, in het bijzonder wie "
                "weinig kan doen tijdens de vakantie.",
                fees="Gratis.",
                apply="Kom langs tijdens de vakantie. Voor uitstappen schrijft u vooraf in bij "
                "de buurtopbouwwerker.",
                keywords="vakantie, zomervakantie, kinderen, spelen, knutselen, uitstap, "
                "jeugddienst, sportdienst, UiTPAS, gezinnen, vrije tijd",
            ),
        },
        locations=("boterpotstraat",),
        rubrics=("vrije-tijd-ontmoeting", "gezin-opvoeding"),
        target_groups=("gezinnen-met-kinderen", "kinderen", "nieuwkomers"),
        hours=(
            Slot(MON, "13:30", "16:30", notes="Alleen tijdens de schoolvakanties"),
            Slot(WED, "13:30", "16:30", notes="Alleen tijdens de schoolvakanties"),
        ),
        neighbourhoods=("Centrum",),
        capacity=Capacity.FULL,
        waiting_days=14,
        capacity_note="Uitstappen deze vakantie volzet; de namiddagen blijven vrij.",
        scores=(4, 4, 3, 4, 5),
    ),
    ServiceSeed(
        organisation=SAMENLEVINGSOPBOUW,
        code="buurtopbouwwerk-centrum-harelbeke",
        municipalities=("harelbeke",),
        texts={
            "nl": text(
                "Buurtopbouwwerk Centrum Harelbeke",
                "De buurtopbouwwerker van Samenlevingsopbouw is er voor de bewoners van de "
                "centrumwijk. Ze komt bij u thuis (ongeveer 60 huisbezoeken per jaar), luistert "
                "naar wat er leeft en helpt u de weg te vinden naar diensten, vrije tijd, werk, "
                "inkomen en vervoer. Wat bewoners vertellen, brengt ze naar de stad en het OCMW, "
                "zodat de hulp- en dienstverlening beter wordt. Kwetsbare huurders en eigenaars "
                "krijgt u wegwijs in premies en in het rollend fonds voor noodkopers.",
                eligibility="Voor bewoners van de centrumwijk van Harelbeke in een kwetsbare "
                "situatie.",
                fees="Gratis.",
                apply="Spreek de buurtopbouwwerker aan in Ontmoetingshuis GS9, of kom naar haar "
                "zitdag in het Huis van Welzijn (dinsdagnamiddag).",
                keywords="buurtwerk, buurtopbouwwerk, huisbezoek, samenlevingsopbouw, wegwijs, "
                "rechten, buurt, centrum, premies, noodkopers",
            ),
        },
        locations=("gs9", SH_HARELBEKE),
        rubrics=("algemeen-welzijn", "vrije-tijd-ontmoeting", "wonen"),
        target_groups=("mensen-in-armoede", "eenoudergezinnen", "nieuwkomers", "huurders"),
        office_days=(Slot(TUE, "13:30", "16:00", location=SH_HARELBEKE),),
        neighbourhoods=("Centrum",),
        scores=(5, 4, 4, 4, 5),
    ),
)

# --- Kortrijk (004) -------------------------------------------------------------

KORTRIJK_OFFER = (
    ServiceSeed(
        organisation="Sociaal Huis Kortrijk",
        code="winternachtopvang",
        # Regional: the night shelter takes people from the whole Kortrijk region.
        municipalities=("kortrijk", "harelbeke"),
        texts={
            "nl": text(
                "Winternachtopvang",
                "Heeft u in de winter geen plek om te slapen? In de winternachtopvang krijgt u "
                "een bed, een douche en een warm drankje voor de nacht. Stad, OCMW, provincie "
                "en het CAW werken er samen. Overdag helpen het Sociaal Huis en het CAW u "
                "verder op zoek naar een oplossing.",
                eligibility="Voor dak- en thuisloze mensen uit de regio Kortrijk, van 1 november "
                "tot 31 maart.",
                fees="Gratis.",
                apply="Kom 's avonds langs tussen 20 en 23 uur. Met vragen kunt u overdag "
                "terecht bij het onthaal van het Sociaal Huis.",
                keywords="daklozen, dakloos, slapen, nachtopvang, winteropvang, bed, douche, "
                "thuisloos, koude, straat",
            ),
            "fr": text(
                "Accueil de nuit hivernal",
                "Vous n'avez pas d'endroit où dormir en hiver ? L'accueil de nuit vous offre un "
                "lit, une douche et une boisson chaude pour la nuit.",
                eligibility="Pour les personnes sans abri de la région de Courtrai, du 1er "
                "novembre au 31 mars.",
                fees="Gratuit.",
                apply="Présentez-vous le soir entre 20 et 23 heures.",
                keywords="sans-abri, dormir, accueil de nuit, abri de nuit, lit, douche, froid",
            ),
            "en": text(
                "Winter night shelter",
                "No place to sleep in winter? The night shelter offers a bed, a shower and a "
                "hot drink for the night.",
                eligibility="For homeless people from the Kortrijk region, 1 November to 31 March.",
                fees="Free.",
                apply="Come in the evening between 8 and 11 pm.",
                keywords="homeless, night shelter, sleep, bed, shower, cold",
            ),
        },
        locations=("nachtopvang-kortrijk",),
        rubrics=("wonen", "armoede-basisvoorzieningen"),
        target_groups=("dak-en-thuislozen",),
        languages=("nl", "fr", "en"),
        hours=tuple(
            Slot(day, "20:00", "23:00", notes="Van 1 november tot 31 maart", winter_only=True)
            for day in (MON, TUE, WED, THU, FRI, SAT, 7)
        ),
        capacity=Capacity.LIMITED,
        capacity_note="Plaatsen worden elke avond verdeeld; bij vrieskou extra bedden.",
        scores=(4, 3, 3, 4, 5),
    ),
)


def all_services() -> list[ServiceSeed]:
    services: list[ServiceSeed] = []
    for house in SOCIAL_HOUSES:
        services.extend(_cells(house))
    return [*services, *RONSE_PARTNERS, *HARELBEKE_OFFER, *KORTRIJK_OFFER]


# --- Loading -----------------------------------------------------------------------


def load(municipalities: dict[str, Municipality], today: date | None = None) -> int:
    """Create or update the demo social map; returns the number of rows created."""
    today = today or timezone.localdate()
    created, _updated = ensure_taxonomies()
    terms = {
        (term.taxonomy.code, term.code): term
        for term in TaxonomyTerm.objects.select_related("taxonomy")
    }
    organisations, count = _organisations(municipalities)
    created += count
    locations: dict[str, Location] = {}
    for location_seed in LOCATIONS:
        location, was_created = _location(location_seed, organisations, municipalities)
        locations[location_seed.key] = location
        created += int(was_created)
    closing_days = holidays(today)
    for location_seed in LOCATIONS:
        location = locations[location_seed.key]
        owner = {"location_id": location.pk}
        key = f"location/{location_seed.key}"
        for index, slot in enumerate(location_seed.hours):
            created += _schedule(
                f"{key}/{index}", slot, Schedule.Kind.OPENING_HOURS, today, location, None
            )
        for closure in location_seed.closures:
            created += _closure(f"{key}/{closure.holiday}", closure, owner, closing_days)
    for position, seed in enumerate(all_services()):
        service, was_created = _service(seed, organisations, terms, locations, municipalities)
        created += int(was_created)
        created += _hours(seed, service, locations, closing_days, today)
        created += _capacity(seed, service, position)
        _verification(seed, service, today)
        created += _neighbourhoods(seed, service, municipalities)
    created += _life_domains(municipalities, terms)
    return created


def _organisations(
    municipalities: dict[str, Municipality],
) -> tuple[dict[str, Organisation], int]:
    created = 0
    for house in SOCIAL_HOUSES:
        organisation, was_created = Organisation.objects.get_or_create(
            name=house.organisation,
            defaults={"alternate_name": house.alternate_name, "description": house.description},
        )
        created += int(was_created)
        municipality = municipalities[house.slug]
        if not organisation.municipalities.filter(pk=municipality.pk).exists():
            organisation.municipalities.add(municipality)
    names = {seed.organisation for seed in all_services()}
    organisations = {org.name: org for org in Organisation.objects.filter(name__in=names)}
    missing = names - set(organisations)
    if missing:
        raise LookupError(f"The demo loader did not create: {', '.join(sorted(missing))}")
    return organisations, created


def _upsert(
    model: Any, lookup: dict[str, Any], values: dict[str, Any], **on_create: Any
) -> tuple[Any, bool]:
    """Find by ``lookup``, bring ``values`` up to date, save only when something changed."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if obj is None:
        obj = model(**lookup, **on_create)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if created or changed:
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
    return obj, created


def _location(
    seed: LocationSeed,
    organisations: dict[str, Organisation],
    municipalities: dict[str, Municipality],
) -> tuple[Location, bool]:
    owner = seed.organisation
    house_of = municipalities[seed.social_house_of] if seed.social_house_of else None
    if house_of is not None:
        owner = next(h.organisation for h in SOCIAL_HOUSES if h.slug == seed.social_house_of)
    owner_id = (
        organisations[owner].pk
        if owner in organisations
        else Organisation.objects.filter(name=owner).values_list("pk", flat=True).first()
    )
    values = {
        "organisation_id": owner_id,
        "name": seed.name,
        "description": seed.description,
        "street_address": seed.street_address,
        "postal_code": seed.postal_code,
        "city": seed.city,
        "latitude": Decimal(seed.latitude) if seed.latitude else None,
        "longitude": Decimal(seed.longitude) if seed.longitude else None,
        "wheelchair_accessible": seed.wheelchair_accessible,
        "accessibility_description": seed.accessibility_description,
        "transportation": seed.transportation,
    }
    marker = stable_uuid(f"location/{seed.key}")
    if house_of is not None:
        # A Sociaal Huis may exist already (one per municipality): take it over.
        return _upsert(Location, {"social_house_of_id": house_of.pk}, values, uuid=marker)
    return _upsert(Location, {"uuid": marker}, values)


def _service(
    seed: ServiceSeed,
    organisations: dict[str, Organisation],
    terms: dict[tuple[str, str], TaxonomyTerm],
    locations: dict[str, Location],
    municipalities: dict[str, Municipality],
) -> tuple[Service, bool]:
    organisation = organisations[seed.organisation]
    data: Snapshot = {
        "organisation": str(organisation.uuid),
        "url": "",
        "email": "",
        "phone": "",
        "languages": list(seed.languages),
        "minimum_age": seed.minimum_age,
        "maximum_age": seed.maximum_age,
        "is_free": seed.is_free,
    }
    for (name, _dutch), score, remark in zip(FIVE_BS, seed.scores, seed.remarks, strict=True):
        data[f"{name}_score"] = score
        data[f"{name}_remark"] = remark
    data["municipalities"] = sorted(municipalities[slug].nis_code for slug in seed.municipalities)
    data["terms"] = sorted(
        [str(terms[(Taxonomy.RUBRICS, code)].uuid) for code in seed.rubrics]
        + [str(terms[(Taxonomy.TARGET_GROUPS, code)].uuid) for code in seed.target_groups]
    )
    data["locations"] = sorted(str(locations[key].uuid) for key in seed.locations)
    data["texts"] = {
        language: {name: values.get(name, "") for name in TEXT_FIELDS}
        for language, values in seed.texts.items()
    }
    service = Service.objects.filter(uuid=seed.uuid).first()
    created = service is None
    if service is None:
        service = Service(
            uuid=seed.uuid, organisation=organisation, status=PublicationStatus.PUBLISHED
        )
        apply_snapshot(service, data)
    elif snapshot_of(service) != data:
        apply_snapshot(service, data)
    if service.status != PublicationStatus.PUBLISHED:
        Service.objects.filter(pk=service.pk).update(status=PublicationStatus.PUBLISHED)
        service.status = PublicationStatus.PUBLISHED
        index_services([service.pk])
    return service, created


def _schedule(
    key: str, slot: Slot, kind: str, today: date, location: Location, service: Service | None
) -> int:
    valid_from = valid_to = None
    if slot.winter_only:
        start_year = today.year if today.month >= 4 else today.year - 1
        valid_from, valid_to = date(start_year, 11, 1), date(start_year + 1, 3, 31)
    notes = slot.notes
    if kind == Schedule.Kind.OFFICE_HOURS:
        notes = f"Zitdag in het Sociaal Huis ({EXAMPLE})"
    elif service is not None:  # a service's own hours are made up too
        notes = f"{notes} ({EXAMPLE})" if notes else EXAMPLE.capitalize()
    values = {
        "kind": kind,
        "weekday": slot.weekday,
        "week_of_month": slot.week_of_month,
        "opens_at": _time(slot.opens),
        "closes_at": _time(slot.closes),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "by_appointment": slot.by_appointment,
        "notes": notes,
        "service_id": service.pk if service is not None else None,
        "location_id": location.pk,
    }
    schedule = Schedule.objects.filter(uuid=stable_uuid(key)).first()
    created = schedule is None
    if schedule is None:
        schedule = Schedule(uuid=stable_uuid(key))
    changed = [name for name, value in values.items() if getattr(schedule, name) != value]
    if created or changed:
        for name in changed:
            setattr(schedule, name, values[name])
        schedule.service, schedule.location = service, location  # no refetching
        check_schedule(schedule)  # the same rules as the maintenance screens
        schedule.save()
    return int(created)


def _closure(
    key: str, closure: Closure, owner: dict[str, Any], closing_days: dict[str, tuple[date, str]]
) -> int:
    day, reason = closing_days[closure.holiday]
    values = {
        "date": day,
        "closed": not closure.opens,
        "opens_at": _time(closure.opens) if closure.opens else None,
        "closes_at": _time(closure.closes) if closure.closes else None,
        "reason": reason,
        **owner,
    }
    _obj, created = _upsert(ScheduleException, {"uuid": stable_uuid(key)}, values)
    return int(created)


def _hours(
    seed: ServiceSeed,
    service: Service,
    locations: dict[str, Location],
    closing_days: dict[str, tuple[date, str]],
    today: date,
) -> int:
    created = 0
    key = str(service.uuid)
    for index, slot in enumerate(seed.hours):
        location = locations[slot.location or seed.locations[0]]
        created += _schedule(
            f"{key}/opening/{index}", slot, Schedule.Kind.OPENING_HOURS, today, location, service
        )
    for index, slot in enumerate(seed.office_days):
        location = locations[slot.location]
        created += _schedule(
            f"{key}/office/{index}", slot, Schedule.Kind.OFFICE_HOURS, today, location, service
        )
    for closure in seed.closures:
        created += _closure(
            f"{key}/{closure.holiday}", closure, {"service_id": service.pk}, closing_days
        )
    return created


def _capacity(seed: ServiceSeed, service: Service, position: int) -> int:
    """A short history of capacity confirmations, written once per service."""
    if CapacityUpdate.objects.filter(service=service).exists():
        return 0
    now = timezone.now()
    latest_at = now - timedelta(days=2 + position % 12, hours=position % 7)
    waiting_days = None if seed.capacity == Capacity.OPEN else seed.waiting_days
    CapacityUpdate.objects.bulk_create(
        [
            CapacityUpdate(
                service=service,
                capacity=Capacity.OPEN,
                note=f"Eerste bevestiging ({EXAMPLE})",
                confirmed_at=now - timedelta(days=120 + position),
            ),
            CapacityUpdate(
                service=service,
                capacity=seed.capacity,
                waiting_days=waiting_days,
                note=seed.capacity_note or EXAMPLE.capitalize(),
                confirmed_at=latest_at,
            ),
        ]
    )
    Service.objects.filter(pk=service.pk).update(
        capacity=seed.capacity, waiting_days=waiting_days, capacity_confirmed_at=latest_at
    )
    return 2


def _verification(seed: ServiceSeed, service: Service, today: date) -> None:
    verified_on = today - timedelta(days=seed.verified_days_ago)
    Service.objects.filter(pk=service.pk).exclude(
        last_verified_on=verified_on, verified_by_email=VERIFIED_BY
    ).update(last_verified_on=verified_on, verified_by_email=VERIFIED_BY)


def _neighbourhoods(
    seed: ServiceSeed, service: Service, municipalities: dict[str, Municipality]
) -> int:
    if not seed.neighbourhoods:
        return 0
    created = 0
    municipality = municipalities[seed.municipalities[0]]
    with tenancy.for_municipality(municipality.pk):
        for name in seed.neighbourhoods:
            neighbourhood = Neighbourhood.objects.get(name=name)
            _link, was_created = ServiceNeighbourhood.objects.get_or_create(
                service=service,
                neighbourhood=neighbourhood,
                defaults={"municipality": municipality},
            )
            created += int(was_created)
    return created


def _life_domains(
    municipalities: dict[str, Municipality], terms: dict[tuple[str, str], TaxonomyTerm]
) -> int:
    """Each municipality's life domains cover rubrics of the shared map."""
    created = 0
    for house in SOCIAL_HOUSES:
        municipality = municipalities[house.slug]
        with tenancy.for_municipality(municipality.pk):
            domains = {domain.code: domain for domain in LifeDomain.objects.all()}
            for code, rubric_codes in house.life_domains.items():
                if code not in domains:
                    continue
                for rubric in rubric_codes:
                    _link, was_created = LifeDomainTerm.objects.get_or_create(
                        life_domain=domains[code],
                        term=terms[(Taxonomy.RUBRICS, rubric)],
                        defaults={"municipality": municipality},
                    )
                    created += int(was_created)
    return created


def _time(value: str) -> time:
    return datetime.strptime(value, "%H:%M").time()  # a time of day, no zone
