from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontdeskConfig(AppConfig):
    name = "sociaalhuis.frontdesk"
    verbose_name = _("Front desk")

    def ready(self) -> None:
        from sociaalhuis.audit.models import register_object_label
        from sociaalhuis.clients.merging import register_person_reference
        from sociaalhuis.frontdesk.models import (
            Appointment,
            Callback,
            Contact,
            HelpQuestion,
            QueueEntry,
        )

        for model in (Contact, HelpQuestion, QueueEntry, Callback, Appointment):
            register_person_reference(model)
        register_object_label("frontdesk.contact", _("Contact"))
        register_object_label("frontdesk.helpquestion", _("Help question"))
        register_object_label("frontdesk.appointment", _("Appointment"))
        register_object_label("frontdesk.callback", _("Callback request"))
