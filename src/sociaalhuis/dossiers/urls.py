from django.urls import path

from sociaalhuis.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("open/", views.dossier_open, name="open"),
    path("<int:dossier_id>/", views.dossier_detail, name="detail"),
    path("<int:dossier_id>/edit/", views.dossier_edit, name="edit"),
    path("<int:dossier_id>/take-on/", views.dossier_take_on, name="take_on"),
    path("<int:dossier_id>/manager/", views.manager_change, name="manager"),
    path("<int:dossier_id>/team/", views.care_team, name="team"),
    path(
        "<int:dossier_id>/team/<int:member_id>/leave/",
        views.care_team_remove,
        name="team_remove",
    ),
    path("<int:dossier_id>/close/", views.dossier_close, name="close"),
    path("<int:dossier_id>/reopen/", views.dossier_reopen, name="reopen"),
    path("<int:dossier_id>/notes/", views.notes, name="notes"),
    path("<int:dossier_id>/notes/<int:note_id>/", views.note, name="note"),
    path("<int:dossier_id>/attachments/", views.attachments, name="attachments"),
    path(
        "<int:dossier_id>/attachments/<uuid:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<int:dossier_id>/emergency-access/", views.break_glass, name="break_glass"),
]
