from django.urls import path

from sociaalhuis.dossiers.plan import views as plan_views

app_name = "dossierplan"

urlpatterns = [
    path("<int:dossier_id>/plan/", plan_views.plan, name="plan"),
    path("<int:dossier_id>/plan/create/", plan_views.plan_create, name="plan_create"),
    path("<int:dossier_id>/plan/review/", plan_views.plan_review, name="plan_review"),
    path("<int:dossier_id>/plan/late/", plan_views.late, name="late"),
    path("<int:dossier_id>/plan/goals/add/", plan_views.goal_add, name="goal_add"),
    path("<int:dossier_id>/plan/goals/<int:goal_id>/", plan_views.goal_edit, name="goal_edit"),
    path(
        "<int:dossier_id>/plan/goals/<int:goal_id>/steps/add/",
        plan_views.step_add,
        name="step_add",
    ),
    path("<int:dossier_id>/plan/steps/<int:step_id>/", plan_views.step_edit, name="step_edit"),
    path("<int:dossier_id>/plan/steps/<int:step_id>/done/", plan_views.step_done, name="step_done"),
    path("<int:dossier_id>/housing/", plan_views.housing, name="housing"),
    path("<int:dossier_id>/rights/", plan_views.rights, name="rights"),
    path("<int:dossier_id>/consents/", plan_views.consents, name="consents"),
    path(
        "<int:dossier_id>/consents/<int:consent_id>/withdraw/",
        plan_views.consent_withdraw,
        name="consent_withdraw",
    ),
]
