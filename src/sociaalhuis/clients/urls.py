from django.urls import path

from sociaalhuis.clients.views import households, merge, person, registration, search

app_name = "clients"

# Only ids in these paths: a name or national register number never goes in a URL.
urlpatterns = [
    path("", search.search, name="search"),
    path("new/", registration.register, name="register"),
    path("<int:person_id>/", person.person, name="person"),
    path("<int:person_id>/number/", person.reveal_number, name="reveal_number"),
    path("<int:person_id>/edit/", registration.edit, name="edit"),
    path("<int:person_id>/wishes/new/", person.restriction_add, name="restriction_add"),
    path("wishes/<int:restriction_id>/lift/", person.restriction_lift, name="restriction_lift"),
    path("<int:person_id>/merge/", merge.merge_pick, name="merge_pick"),
    path("<int:person_id>/merge/<int:other_id>/", merge.merge_compare, name="merge_compare"),
    path("merges/<int:merge_id>/", merge.merge_result, name="merge_result"),
    path("households/new/", households.household_create, name="household_create"),
    path("households/<int:household_id>/", households.household, name="household"),
    path(
        "households/<int:household_id>/members/new/",
        households.household_member_add,
        name="household_member_add",
    ),
    path("households/members/<int:member_id>/leave/", households.member_leave, name="member_leave"),
]
