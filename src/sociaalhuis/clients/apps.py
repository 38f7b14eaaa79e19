from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "sociaalhuis.clients"
    verbose_name = _("Clients and households")

    def ready(self) -> None:
        from sociaalhuis.audit.models import register_object_label
        from sociaalhuis.audit.personal_data import register_personal_data
        from sociaalhuis.clients.merging import register_person_reference
        from sociaalhuis.clients.models import (
            Consent,
            ContactRestriction,
            Household,
            HouseholdMember,
            Identity,
            NameWord,
            Person,
            PersonMerge,
        )

        for model in (ContactRestriction, HouseholdMember, Consent):
            register_person_reference(model)
        register_personal_data(
            Person,
            Identity,
            NameWord,
            ContactRestriction,
            Household,
            HouseholdMember,
            PersonMerge,
            Consent,
        )
        register_object_label("clients.person", _("Person"))
        register_object_label("clients.household", _("Household"))
        register_object_label("clients.consent", _("Consent"))
