from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "sociaalhuis.referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from sociaalhuis.audit.models import register_object_label
        from sociaalhuis.clients.merging import register_person_reference
        from sociaalhuis.referrals import rules  # noqa: F401  (registers the object rules)
        from sociaalhuis.referrals.models import Referral

        register_person_reference(Referral)
        register_object_label("referrals.referral", _("Referral"))
