"""What the catalog tells the apps built on it. `roles` never imports them: they listen."""

from django.dispatch import Signal

# Sent by `services.catalog_load` inside its transaction, with `result` (a LoadResult):
# what the load created, updated, removed, kept, and which shared rows it reworded.
catalog_loaded = Signal()
