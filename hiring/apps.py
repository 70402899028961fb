from django.apps import AppConfig
from django.db.models.signals import post_delete


class HiringConfig(AppConfig):
    name = "hiring"
    verbose_name = "Hiring"

    def ready(self):
        from roles.signals import catalog_loaded

        from . import caching, services
        from .exports.jobs import bulk_export_deleted
        from .models import BulkExport

        caching.connect()
        post_delete.connect(
            bulk_export_deleted, sender=BulkExport, dispatch_uid="bulk-export-delete"
        )
        catalog_loaded.connect(services.catalog_reloaded, dispatch_uid="catalog-reloaded")
