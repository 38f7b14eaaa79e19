from django.urls import path

from sociaalhuis.frontdesk.configuration import views

app_name = "casework"

urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("cells/", views.cells, name="cells"),
    path("cells/new/", views.cell_create, name="cell_create"),
    path("cells/<int:cell_id>/", views.cell_edit, name="cell_edit"),
    path("topics/", views.topics, name="topics"),
    path("topics/new/", views.topic_create, name="topic_create"),
    path("topics/<int:topic_id>/", views.topic_edit, name="topic_edit"),
    path("rights/", views.rights, name="rights"),
    path("rights/new/", views.right_create, name="right_create"),
    path("rights/standard-list/", views.rights_load_default, name="rights_load_default"),
    path("rights/<int:right_id>/", views.right_edit, name="right_edit"),
    path("streets/", views.streets, name="streets"),
    path("streets/new/", views.street_create, name="street_create"),
    path("streets/<int:street_id>/", views.street_edit, name="street_edit"),
    path("streets/<int:street_id>/remove/", views.street_remove, name="street_remove"),
]
