from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "hiring"
    verbose_name = "Hiring"

    def ready(self):
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from roles.models import Emphasis, Level, RoleFamily, SalaryBand, Skill

        from .api.keys import api_key_forget
        from .models import ApiKey, BulkExport, Company, JobPosting
        from .selectors import catalog_changed, postings_changed

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

        def postings_changed_on_commit(company_id):
            # Now and again once committed, like the catalog: a list read between the two
            # is cached under the old token and never served again.
            postings_changed(company_id)
            transaction.on_commit(lambda: postings_changed(company_id))

        def posting_saved(instance, created, **kwargs):
            if created:
                postings_changed_on_commit(instance.company_id)

        def posting_deleted(instance, **kwargs):
            postings_changed_on_commit(instance.company_id)

        post_save.connect(posting_saved, sender=JobPosting, weak=False, dispatch_uid="posting-save")
        post_delete.connect(
            posting_deleted, sender=JobPosting, weak=False, dispatch_uid="posting-delete"
        )

        def api_keys_changed(prefixes):
            # Now, and again once committed: a request that read the old row in between
            # must not leave it cached.
            def forget():
                for prefix in prefixes:
                    api_key_forget(prefix=prefix)

            forget()
            transaction.on_commit(forget)

        def api_key_changed(instance, **kwargs):
            api_keys_changed([instance.prefix])

        def company_changed(instance, **kwargs):
            api_keys_changed(list(instance.api_keys.values_list("prefix", flat=True)))

        post_save.connect(api_key_changed, sender=ApiKey, weak=False, dispatch_uid="key-save")
        post_delete.connect(api_key_changed, sender=ApiKey, weak=False, dispatch_uid="key-delete")
        post_save.connect(company_changed, sender=Company, weak=False, dispatch_uid="company-save")

        def bulk_export_deleted(instance, **kwargs):
            # The ZIP goes with its job (admin, prune command, a deleted company), once the
            # delete is committed: a rolled-back delete keeps its file.
            if instance.file:
                name, storage = instance.file.name, instance.file.storage
                transaction.on_commit(lambda: storage.delete(name))

        post_delete.connect(
            bulk_export_deleted, sender=BulkExport, weak=False, dispatch_uid="bulk-export-delete"
        )
