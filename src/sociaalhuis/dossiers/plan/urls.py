from django.urls import path

from sociaalhuis.dossiers.plan.views import checklist, consents, housing, steps

app_name = "dossierplan"

urlpatterns = [
    path("<int:dossier_id>/plan/", steps.plan, name="plan"),
    path("<int:dossier_id>/plan/create/", steps.plan_create, name="plan_create"),
    path("<int:dossier_id>/plan/review/", steps.plan_review, name="plan_review"),
    path("<int:dossier_id>/plan/late/", steps.late, name="late"),
    path("<int:dossier_id>/plan/goals/add/", steps.goal_add, name="goal_add"),
    path("<int:dossier_id>/plan/goals/<int:goal_id>/", steps.goal_edit, name="goal_edit"),
    path(
        "<int:dossier_id>/plan/goals/<int:goal_id>/steps/add/",
        steps.step_add,
        name="step_add",
    ),
    path("<int:dossier_id>/plan/steps/<int:step_id>/", steps.step_edit, name="step_edit"),
    path("<int:dossier_id>/plan/steps/<int:step_id>/done/", steps.step_done, name="step_done"),
    path("<int:dossier_id>/housing/", housing.housing, name="housing"),
    path("<int:dossier_id>/rights/", checklist.rights, name="rights"),
    path("<int:dossier_id>/consents/", consents.consents, name="consents"),
    path(
        "<int:dossier_id>/consents/<int:consent_id>/withdraw/",
        consents.consent_withdraw,
        name="consent_withdraw",
    ),
]
