from django.urls import include, path

from sociaalhuis.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("services/<int:service_id>/", views.service, name="service"),
    path("services/<int:service_id>/edit/", views.service_edit, name="service_edit"),
    path("services/<int:service_id>/capacity/", views.service_capacity, name="service_capacity"),
    path("services/<int:service_id>/verify/", views.service_verify, name="service_verify"),
    path("services/<int:service_id>/history/", views.service_history, name="service_history"),
    path("services/<int:service_id>/hours/", views.service_hours, name="service_hours"),
    path("services/<int:service_id>/status/", views.service_status, name="service_status"),
    path("hours/<int:schedule_id>/remove/", views.schedule_remove, name="schedule_remove"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:organisation_id>/", views.organisation, name="organisation"),
    path(
        "organisations/<int:organisation_id>/edit/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<int:organisation_id>/services/new/",
        views.service_create,
        name="service_create",
    ),
    path("locations/", views.locations, name="locations"),
    path("locations/new/", views.location_create, name="location_create"),
    path("locations/<int:location_id>/edit/", views.location_edit, name="location_edit"),
    path("changes/", views.reviews, name="reviews"),
    path("changes/<int:revision_id>/", views.review, name="review"),
    path("to-verify/", views.worklist, name="worklist"),
    path("life-domains/", views.life_domains, name="life_domains"),
    path("exchange/", include("sociaalhuis.directory.hsds.urls")),
]
