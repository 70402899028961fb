"""The catalog's admin is not here: who may see and change which catalog rows depends on
companies and their people, which `roles` knows nothing of. `hiring.admin` registers it
(`hiring/tenancy/catalog_admin.py`)."""
