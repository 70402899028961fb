"""The API's cache key for a page of the postings list (the rows and their JSON come
from `hiring.postings.selectors`)."""

import hashlib

from django.db.models import Max

from hiring.models import JobPosting
from hiring.selectors import catalog_generation, postings_generation


def posting_list_cache_key(*, company, request) -> str:
    """A cache key that changes whenever the company's list could: a posting saved
    (`updated_at`), added or removed (the postings generation), or the catalog edited
    (skill names are in the rows). One indexed query, no count of the postings."""
    latest = JobPosting.objects.filter(company=company).aggregate(latest=Max("updated_at"))
    parts = [
        str(company.pk),
        request.get_host(),
        request.get_full_path(),
        str(latest["latest"]),
        postings_generation(company.pk),
        catalog_generation(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"rolekit:api:postings:{digest}"
