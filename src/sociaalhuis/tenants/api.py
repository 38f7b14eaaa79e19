from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from sociaalhuis.tenants.models import LifeDomain, Neighbourhood

router = Router(tags=["municipality"])


class NeighbourhoodOut(Schema):
    id: int
    name: str
    is_attention_area: bool


class LifeDomainOut(Schema):
    id: int
    code: str
    name_nl: str
    name_fr: str
    name_en: str


@router.get("/neighbourhoods", response=list[NeighbourhoodOut], url_name="neighbourhood_list")
def neighbourhood_list(request: HttpRequest) -> list[Neighbourhood]:
    """Neighbourhoods of the active municipality."""
    return list(Neighbourhood.objects.all())


@router.get("/life-domains", response=list[LifeDomainOut], url_name="life_domain_list")
def life_domain_list(request: HttpRequest) -> list[LifeDomain]:
    """Life domains of the active municipality's social policy plan."""
    return list(LifeDomain.objects.all())
