from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sociaalhuis.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from sociaalhuis.core import rls

        # Row-level security must cover every tenant table, including tables that
        # later apps add; re-applying it after each migrate keeps that true without
        # anyone having to remember a migration operation.
        post_migrate.connect(rls.sync_after_migrate, sender=self, dispatch_uid="core-rls-sync")
