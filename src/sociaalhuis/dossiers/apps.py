from django.apps import AppConfig
from django.db.models import Model
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "sociaalhuis.dossiers"
    verbose_name = _("Help dossiers")

    def ready(self) -> None:
        from sociaalhuis.audit.models import register_object_label
        from sociaalhuis.audit.personal_data import register_personal_data
        from sociaalhuis.clients.merging import register_person_reference
        from sociaalhuis.dossiers.models import Dossier

        register_person_reference(Dossier)
        from sociaalhuis.clients.sections import register_person_section
        from sociaalhuis.dossiers.person_sections import dossiers_section

        register_person_section("dossiers", dossiers_section, order=30)
        register_personal_data(*_personal_data_models())
        register_object_label("dossiers.dossier", _("Help dossier"))
        register_object_label("dossiers.journalnote", _("Journal note"))
        register_object_label("dossiers.attachment", _("Attachment"))


def _personal_data_models() -> tuple[type[Model], ...]:
    """Everything in a dossier is about its person, except the rights catalogue."""
    from sociaalhuis.dossiers import models

    return (
        models.Dossier,
        models.DossierLifeDomain,
        models.StatusChange,
        models.CareTeamMember,
        models.EmergencyAccess,
        models.TimelineEntry,
        models.JournalNote,
        models.JournalNoteVersion,
        models.Attachment,
        models.StepPlan,
        models.Goal,
        models.Step,
        models.HousingSituation,
        models.RightCheck,
        models.RightCheckChange,
    )
