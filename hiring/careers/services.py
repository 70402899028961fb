"""Writes of the careers side: a posting's address and last day, given on publish, and the
sweep that archives the postings whose last day has passed."""

import re
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from hiring.models import JobPosting, PostingSlug

MAX_SLUG_LENGTH = 90


def _slug_base(title: str) -> str:
    return slugify(title)[:MAX_SLUG_LENGTH].strip("-") or "posting"


def _slug_free(posting: JobPosting, base: str) -> str:
    """`base`, or `base-2`, `base-3`... : the first that no other posting of the company
    has or had."""
    company = posting.company_id
    taken = set(
        JobPosting.objects.filter(company_id=company, slug__startswith=base)
        .exclude(pk=posting.pk)
        .values_list("slug", flat=True)
    )
    taken |= set(
        PostingSlug.objects.filter(company_id=company, slug__startswith=base)
        .exclude(posting=posting)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def posting_publish_page(*, posting: JobPosting) -> JobPosting:
    """Give a posting being published its address and its last day; the publish service
    calls it once the new version is the published one.

    The address comes from the published title and stays while the title does, whatever
    the drafts in between say; a new title gets a new address, and the old one is kept
    to redirect. A posting without a last day, or with one already past, stays up for its
    company's `posting_days`.
    """
    title = posting.published_version.snapshot.get("title") or posting.title
    base = _slug_base(title)
    if not (posting.slug and re.fullmatch(rf"{re.escape(base)}(-\d+)?", posting.slug)):
        slug = _slug_free(posting, base)
        if posting.slug:
            PostingSlug.objects.update_or_create(
                company_id=posting.company_id, slug=posting.slug, defaults={"posting": posting}
            )
        PostingSlug.objects.filter(company_id=posting.company_id, slug=slug).delete()
        posting.slug = slug
    today = timezone.localdate()
    if posting.valid_through is None or posting.valid_through < today:
        posting.valid_through = today + timedelta(days=posting.company.posting_days)
    posting.save(update_fields=["slug", "valid_through"])
    return posting


def postings_expire(*, today=None) -> list[JobPosting]:
    """Archive every published posting whose last day is before `today`, through the
    archive service: it leaves the careers page, the feed and the sitemap, and the
    `posting.archived` webhook goes out. Run hourly by the worker and by
    `manage.py expire_postings`."""
    from hiring.postings.workflow import posting_archive

    today = today or timezone.localdate()
    expired = JobPosting.objects.filter(
        status=JobPosting.Status.PUBLISHED, valid_through__lt=today
    ).order_by("pk")
    archived = []
    for posting in expired:
        archived.append(posting_archive(posting=posting, by=None, expired=True))
    return archived
