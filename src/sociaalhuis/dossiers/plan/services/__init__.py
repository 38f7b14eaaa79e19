"""Writes to the step plan, housing situation, rights check-list and consents of a dossier.

Every function checks that the actor may work in the dossier (care team), refuses
writes to a closed dossier, and records a timeline line and the access in the same
transaction. Records with a version field are saved with ``core.concurrency``: a
second editor gets ``EditConflictError`` and nothing is overwritten.

This package is the sub-domain's write API (callers write ``plan_services.step_add``);
the work lives in ``steps``, ``housing``, ``checklist`` and ``consents``, with the
shared checks in ``trail``.
"""

from sociaalhuis.dossiers.plan.services.checklist import (
    RightChange,
    RightsConflictError,
    rights_save,
)
from sociaalhuis.dossiers.plan.services.consents import (
    dossier_consent_record,
    dossier_consent_withdraw,
)
from sociaalhuis.dossiers.plan.services.housing import housing_record
from sociaalhuis.dossiers.plan.services.steps import (
    StepInput,
    goal_add,
    goal_edit,
    plan_create,
    plan_set_review,
    step_add,
    step_done,
    step_edit,
)

__all__ = [
    "EditConflictError",
    "RightChange",
    "RightsConflictError",
    "StepInput",
    "dossier_consent_record",
    "dossier_consent_withdraw",
    "goal_add",
    "goal_edit",
    "housing_record",
    "plan_create",
    "plan_set_review",
    "rights_save",
    "step_add",
    "step_done",
    "step_edit",
]
