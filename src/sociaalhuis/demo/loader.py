"""Loads the demo data. Idempotent: running it twice changes nothing the second time."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.demo import casework, referrals, seeds, social_map
from sociaalhuis.directory.models import Organisation
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood


@dataclass(frozen=True)
class DemoLogin:
    email: str
    municipalities: str
    role: str


@dataclass
class LoadReport:
    created: int = 0
    logins: list[DemoLogin] | None = None


def _municipality(seed: seeds.MunicipalitySeed, report: LoadReport) -> Municipality:
    municipality, created = Municipality.objects.get_or_create(
        nis_code=seed.nis_code,
        defaults={"name": seed.name, "slug": seed.slug, "languages": list(seed.languages)},
    )
    report.created += int(created)
    with tenancy.for_municipality(municipality.pk):
        for name, attention in seed.neighbourhoods:
            _neighbourhood, created = Neighbourhood.objects.get_or_create(
                name=name, defaults={"is_attention_area": attention, "municipality": municipality}
            )
            report.created += int(created)
        for position, (code, name_nl, name_fr, name_en) in enumerate(seed.life_domains, start=1):
            _domain, created = LifeDomain.objects.get_or_create(
                code=code,
                defaults={
                    "name_nl": name_nl,
                    "name_fr": name_fr,
                    "name_en": name_en,
                    "position": position,
                    "municipality": municipality,
                },
            )
            report.created += int(created)
    return municipality


def _user(email: str, full_name: str, report: LoadReport) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, seeds.DEMO_PASSWORD, full_name=full_name)
        report.created += 1
    return user


def _membership(
    user: User,
    municipality: Municipality,
    role: str,
    organisation: Organisation | None,
    report: LoadReport,
) -> None:
    _obj, created = Membership.objects.get_or_create(
        user=user, municipality=municipality, role=role, defaults={"organisation": organisation}
    )
    report.created += int(created)


@transaction.atomic
def load() -> LoadReport:
    report = LoadReport(logins=[])
    municipalities = {seed.slug: _municipality(seed, report) for seed in seeds.MUNICIPALITIES}
    # The social map: organisations, services, locations, hours and capacity, from the
    # HSDS files in demo/data/.
    report.created += social_map.load(municipalities)
    assert report.logins is not None
    for slug, municipality in municipalities.items():
        for role in Role.values:
            local, first_name = seeds.DEMO_ROLE_LOGINS[role]
            email = f"{local}.{slug}@{seeds.DEMO_EMAIL_DOMAIN}"
            user = _user(email, f"{first_name} Demo {municipality.name}", report)
            organisation = None
            label = str(Role(role).label)
            if role == Role.PARTNER_WORKER:
                organisation = Organisation.objects.get(name=seeds.DEMO_PARTNER_ORGANISATION[slug])
                label = f"{label} ({organisation.name})"
            _membership(user, municipality, role, organisation, report)
            report.logins.append(DemoLogin(email, municipality.name, label))
    for slug, local, first_name, organisation_name in seeds.DEMO_EXTRA_PARTNER_LOGINS:
        municipality = municipalities[slug]
        email = f"{local}.{slug}@{seeds.DEMO_EMAIL_DOMAIN}"
        user = _user(email, f"{first_name} Demo {municipality.name}", report)
        organisation = Organisation.objects.get(name=organisation_name)
        _membership(user, municipality, Role.PARTNER_WORKER, organisation, report)
        label = f"{Role.PARTNER_WORKER.label} ({organisation.name})"
        report.logins.append(DemoLogin(email, municipality.name, label))
    # Someone who works for two municipalities, to show the municipality switch.
    regional = _user(f"regio@{seeds.DEMO_EMAIL_DOMAIN}", "Rania Demo Regio", report)
    for slug in ("harelbeke", "kortrijk"):
        _membership(regional, municipalities[slug], Role.SOCIAL_WORKER, None, report)
    report.logins.append(
        DemoLogin(regional.email, "Harelbeke, Kortrijk", str(Role.SOCIAL_WORKER.label))
    )
    # Cells, topics and streets everywhere; fictitious households with their casework
    # in Ronse.
    for municipality in municipalities.values():
        report.created += casework.load(municipality)
    # Referrals from that casework to colleagues, cells and partners, through the
    # referral services (after the casework they start from).
    report.created += referrals.load(municipalities)
    return report
