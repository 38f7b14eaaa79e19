from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "sociaalhuis.referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from sociaalhuis.audit.models import register_object_label
        from sociaalhuis.audit.personal_data import register_personal_data
        from sociaalhuis.clients.merging import register_person_reference
        from sociaalhuis.referrals import rules  # noqa: F401  (registers the object rules)
        from sociaalhuis.referrals.models import Referral, ReferralUpdate

        register_person_reference(Referral)
        register_personal_data(Referral, ReferralUpdate)
        register_object_label("referrals.referral", _("Referral"))

        from sociaalhuis.clients.sections import register_person_section
        from sociaalhuis.core.extensions import register_object_link, register_slot
        from sociaalhuis.referrals import extensions

        register_slot("dossier.aside", "referrals", extensions.dossier_panel, order=10)
        register_slot("question.actions", "referrals", extensions.question_action)
        register_slot("worklist.summary", "referrals", extensions.worklist_summary)
        register_person_section("referrals", extensions.person_section, order=40)
        register_object_link("referrals.referral", extensions.referral_url)

        # The middleware (accounts) lets partner systems in through the tokens kept here.
        from sociaalhuis.accounts.partner_access import register_partner_access
        from sociaalhuis.referrals.tokens.services import PARTNER_TOKEN_ACCESS

        register_partner_access(PARTNER_TOKEN_ACCESS)
