from django.urls import include, path

from sociaalhuis.directory.views import locations, maintenance, organisations, review, search

app_name = "directory"
urlpatterns = [
    path("", search.search, name="search"),
    path("services/<int:service_id>/", search.service, name="service"),
    path("services/<int:service_id>/edit/", maintenance.service_edit, name="service_edit"),
    path(
        "services/<int:service_id>/capacity/", maintenance.service_capacity, name="service_capacity"
    ),
    path("services/<int:service_id>/verify/", maintenance.service_verify, name="service_verify"),
    path("services/<int:service_id>/history/", maintenance.service_history, name="service_history"),
    path("services/<int:service_id>/hours/", maintenance.service_hours, name="service_hours"),
    path("services/<int:service_id>/status/", maintenance.service_status, name="service_status"),
    path("hours/<int:schedule_id>/remove/", maintenance.schedule_remove, name="schedule_remove"),
    path("organisations/", organisations.organisations, name="organisations"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:organisation_id>/", organisations.organisation, name="organisation"),
    path(
        "organisations/<int:organisation_id>/edit/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<int:organisation_id>/services/new/",
        maintenance.service_create,
        name="service_create",
    ),
    path("locations/", locations.locations, name="locations"),
    path("locations/new/", locations.location_create, name="location_create"),
    path("locations/<int:location_id>/edit/", locations.location_edit, name="location_edit"),
    path("changes/", review.reviews, name="reviews"),
    path("changes/<int:revision_id>/", review.review, name="review"),
    path("to-verify/", review.worklist, name="worklist"),
    path("life-domains/", review.life_domains, name="life_domains"),
    path("exchange/", include("sociaalhuis.directory.hsds.urls")),
]
