from django.apps import AppConfig
from django.db.models.signals import post_delete


class HiringConfig(AppConfig):
    name = "hiring"
    verbose_name = "Hiring"

    def ready(self):
        from roles.signals import catalog_loaded

        from . import caching
        from .exports.jobs import bulk_export_deleted
        from .models import BulkExport
        from .postings.services import catalog_reloaded

        caching.connect()
        post_delete.connect(
            bulk_export_deleted, sender=BulkExport, dispatch_uid="bulk-export-delete"
        )
        catalog_loaded.connect(catalog_reloaded, dispatch_uid="catalog-reloaded")
