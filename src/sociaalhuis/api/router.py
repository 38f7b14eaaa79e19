"""The JSON API: only the router, authentication and the OpenAPI document live here.

Each domain keeps its endpoints in its own ``api.py``; access to every operation is
decided by the authorization matrix (``accounts.authorization.ROUTES``) like any page.
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from sociaalhuis.accounts.api import router as accounts_router
from sociaalhuis.directory.api import router as hsds_router
from sociaalhuis.referrals.api import router as fhir_router
from sociaalhuis.tenants.api import router as tenants_router

api = NinjaAPI(
    title="Sociaal Huis API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_url=None,
    description="Read and write the Sociaal Huis of the active municipality. Every operation is "
    "authorised per role by the platform's authorization matrix.",
)
api.add_router("/account", accounts_router)
api.add_router("/municipality", tenants_router)
api.add_router("/hsds", hsds_router)
# FHIR R4 referrals: its router accepts a partner token (Bearer) as well as the session.
api.add_router("/fhir", fhir_router)
