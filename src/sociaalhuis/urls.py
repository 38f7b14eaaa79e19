from django.urls import include, path

from sociaalhuis.api.router import api
from sociaalhuis.core import views as core_views

urlpatterns = [
    path("", include("sociaalhuis.portal.urls")),
    path("language/", core_views.set_language, name="set_language"),
    path("account/", include("sociaalhuis.accounts.urls")),
    path("municipality/", include("sociaalhuis.tenants.urls")),
    path("audit/", include("sociaalhuis.audit.urls")),
    path("social-map/", include("sociaalhuis.directory.urls")),
    path("clients/", include("sociaalhuis.clients.urls")),
    path("desk/", include("sociaalhuis.frontdesk.urls")),
    path("appointments/", include("sociaalhuis.frontdesk.appointments.urls")),
    path("worklist/", include("sociaalhuis.frontdesk.worklists.urls")),
    path("casework/", include("sociaalhuis.frontdesk.configuration.urls")),
    path("referrals/", include("sociaalhuis.referrals.urls")),
    path("dossiers/", include("sociaalhuis.dossiers.urls")),
    path("dossiers/", include("sociaalhuis.dossiers.plan.urls")),
    path("api/v1/", api.urls),
    # Last: /<municipality>/ must not shadow the prefixes above.
    path("", include("sociaalhuis.portal.socialmap.urls")),
]

handler400 = "sociaalhuis.core.views.bad_request"
handler403 = "sociaalhuis.core.views.permission_denied"
handler404 = "sociaalhuis.core.views.page_not_found"
handler500 = "sociaalhuis.core.views.server_error"
