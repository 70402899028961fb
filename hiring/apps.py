from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "hiring"
    verbose_name = "Hiring"

    def ready(self):
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from roles.models import Emphasis, Level, RoleFamily, SalaryBand, Skill

        from .selectors import catalog_changed

        def changed(**kwargs):
            # Now for this process, and again once committed, so that no process keeps a
            # catalog built from rows another transaction was still writing.
            catalog_changed()
            transaction.on_commit(catalog_changed)

        for model in (Skill, Emphasis, Level, SalaryBand, RoleFamily):
            # weak=False: `changed` is a closure that nothing else keeps alive.
            post_save.connect(
                changed, sender=model, weak=False, dispatch_uid=f"catalog-save-{model}"
            )
            post_delete.connect(
                changed, sender=model, weak=False, dispatch_uid=f"catalog-delete-{model}"
            )
