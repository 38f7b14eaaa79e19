from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontdeskConfig(AppConfig):
    name = "sociaalhuis.frontdesk"
    verbose_name = _("Front desk")

    def ready(self) -> None:
        from sociaalhuis.audit.models import register_object_label
        from sociaalhuis.audit.personal_data import register_personal_data
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
        from sociaalhuis.clients.sections import register_person_section
        from sociaalhuis.frontdesk.person_sections import (
            appointments_section,
            contacts_section,
        )

        register_person_section("contacts", contacts_section, order=10)
        register_person_section("appointments", appointments_section, order=20)
        register_personal_data(Contact, HelpQuestion, QueueEntry, Callback, Appointment)
        register_object_label("frontdesk.contact", _("Contact"))
        register_object_label("frontdesk.helpquestion", _("Help question"))
        register_object_label("frontdesk.appointment", _("Appointment"))
        register_object_label("frontdesk.callback", _("Callback request"))
