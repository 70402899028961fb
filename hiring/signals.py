"""What saves and deletes tell the caches: the rules catalog's generation, a company's
postings generation, cached API keys; and a deleted bulk export's file. And what a
catalog reload tells the postings whose blocks it reworded.

Each cache is told now, for this process, and again once the transaction commits: a
request that read the old rows in between must not leave them cached.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from hiring.postings.services import posting_note_catalog_rewording
from hiring.selectors import catalog_changed, postings_changed
from roles.models import Emphasis, Level, Responsibility, RoleFamily, SalaryBand, Skill
from roles.signals import catalog_loaded

from .api.keys import api_key_forget
from .models import ApiKey, BulkExport, Company, JobPosting

CATALOG_MODELS = (Skill, Emphasis, Level, SalaryBand, RoleFamily, Responsibility)
# The rules read which skills a responsibility exercises and which families it is core for.
CATALOG_LINKS = (Responsibility.skills.through, Responsibility.core_for.through)


def now_and_once_committed(action) -> None:
    action()
    transaction.on_commit(action)


def catalog_row_changed(**kwargs):
    now_and_once_committed(catalog_changed)


def posting_saved(instance, created, **kwargs):
    if created:
        now_and_once_committed(lambda: postings_changed(instance.company_id))


def posting_deleted(instance, **kwargs):
    now_and_once_committed(lambda: postings_changed(instance.company_id))


def api_key_changed(instance, **kwargs):
    now_and_once_committed(lambda: api_key_forget(prefix=instance.prefix))


def company_changed(instance, **kwargs):
    prefixes = list(instance.api_keys.values_list("prefix", flat=True))

    def forget():
        for prefix in prefixes:
            api_key_forget(prefix=prefix)

    now_and_once_committed(forget)


def bulk_export_deleted(instance, **kwargs):
    # The ZIP goes with its job (admin, prune command, a deleted company), once the
    # delete is committed: a rolled-back delete keeps its file.
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))


def catalog_reloaded(result, **kwargs):
    if result.reworded:
        posting_note_catalog_rewording(reworded=result.reworded)


def connect() -> None:
    """Called once, from `HiringConfig.ready`."""
    for model in CATALOG_MODELS:
        post_save.connect(catalog_row_changed, sender=model, dispatch_uid=f"catalog-save-{model}")
        post_delete.connect(
            catalog_row_changed, sender=model, dispatch_uid=f"catalog-delete-{model}"
        )
    for link in CATALOG_LINKS:
        m2m_changed.connect(catalog_row_changed, sender=link, dispatch_uid=f"catalog-m2m-{link}")
    post_save.connect(posting_saved, sender=JobPosting, dispatch_uid="posting-save")
    post_delete.connect(posting_deleted, sender=JobPosting, dispatch_uid="posting-delete")
    post_save.connect(api_key_changed, sender=ApiKey, dispatch_uid="key-save")
    post_delete.connect(api_key_changed, sender=ApiKey, dispatch_uid="key-delete")
    post_save.connect(company_changed, sender=Company, dispatch_uid="company-save")
    post_delete.connect(bulk_export_deleted, sender=BulkExport, dispatch_uid="bulk-export-delete")
    catalog_loaded.connect(catalog_reloaded, dispatch_uid="catalog-reloaded")
