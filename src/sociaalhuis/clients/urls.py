from django.urls import path

from sociaalhuis.clients import views

app_name = "clients"

# Only ids in these paths: a name or national register number never goes in a URL.
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.register, name="register"),
    path("<int:person_id>/", views.person, name="person"),
    path("<int:person_id>/number/", views.reveal_number, name="reveal_number"),
    path("<int:person_id>/edit/", views.edit, name="edit"),
    path("<int:person_id>/wishes/new/", views.restriction_add, name="restriction_add"),
    path("wishes/<int:restriction_id>/lift/", views.restriction_lift, name="restriction_lift"),
    path("<int:person_id>/merge/", views.merge_pick, name="merge_pick"),
    path("<int:person_id>/merge/<int:other_id>/", views.merge_compare, name="merge_compare"),
    path("merges/<int:merge_id>/", views.merge_result, name="merge_result"),
    path("households/new/", views.household_create, name="household_create"),
    path("households/<int:household_id>/", views.household, name="household"),
    path(
        "households/<int:household_id>/members/new/",
        views.household_member_add,
        name="household_member_add",
    ),
    path("households/members/<int:member_id>/leave/", views.member_leave, name="member_leave"),
]
