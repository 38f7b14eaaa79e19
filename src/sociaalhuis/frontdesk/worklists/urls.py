from django.urls import path

from sociaalhuis.frontdesk.worklists import views

app_name = "worklist"

urlpatterns = [
    path("", views.summary, name="summary"),
    path("callbacks/", views.callbacks, name="callbacks"),
    path("callbacks/sent/", views.sent, name="sent"),
    path("questions/", views.questions, name="questions"),
    path(
        "questions/<int:question_id>/take-on/",
        views.question_take_on_view,
        name="question_take_on",
    ),
    path("appointments/", views.appointments, name="appointments"),
    path("steps/", views.steps, name="steps"),
    path("dossiers/", views.dossiers, name="dossiers"),
    path("dossiers/without-manager/", views.unmanaged, name="unmanaged"),
]
