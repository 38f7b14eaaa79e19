from django.urls import path

from sociaalhuis.dossiers.views import attachments, dossier, emergency, listing, notes

app_name = "dossiers"

urlpatterns = [
    path("", listing.dossier_list, name="list"),
    path("open/", listing.dossier_open, name="open"),
    path("<int:dossier_id>/", dossier.dossier_detail, name="detail"),
    path("<int:dossier_id>/edit/", dossier.dossier_edit, name="edit"),
    path("<int:dossier_id>/take-on/", dossier.dossier_take_on, name="take_on"),
    path("<int:dossier_id>/manager/", dossier.manager_change, name="manager"),
    path("<int:dossier_id>/team/", dossier.care_team, name="team"),
    path(
        "<int:dossier_id>/team/<int:member_id>/leave/",
        dossier.care_team_remove,
        name="team_remove",
    ),
    path("<int:dossier_id>/close/", dossier.dossier_close, name="close"),
    path("<int:dossier_id>/reopen/", dossier.dossier_reopen, name="reopen"),
    path("<int:dossier_id>/notes/", notes.notes, name="notes"),
    path("<int:dossier_id>/notes/<int:note_id>/", notes.note, name="note"),
    path("<int:dossier_id>/attachments/", attachments.attachments, name="attachments"),
    path(
        "<int:dossier_id>/attachments/<uuid:attachment_id>/",
        attachments.attachment_download,
        name="attachment_download",
    ),
    path("<int:dossier_id>/emergency-access/", emergency.break_glass, name="break_glass"),
]
