"""A sitemap per company (Django's sitemaps framework): every listed public posting, with
`lastmod` from its published version."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.urls import reverse

from . import selectors


class CompanySitemap(Sitemap):
    changefreq = "weekly"

    def __init__(self, *, company, today):
        self.company, self.today = company, today
        self.protocol = urlsplit(settings.ROLEKIT_PUBLIC_URL).scheme or "https"

    def get_domain(self, site=None):
        # The public address, whatever host the crawler asked for.
        return urlsplit(settings.ROLEKIT_PUBLIC_URL).netloc

    def items(self):
        return selectors.postings_for_sitemap(company=self.company, today=self.today)

    def location(self, posting):
        return reverse("careers:posting", args=[self.company.slug, posting.slug])

    def lastmod(self, posting):
        return posting.published_version.created_at


def company_sitemap_response(request, *, company, today):
    """The rendered sitemap.xml of `company`."""
    response = sitemap(request, sitemaps={"postings": CompanySitemap(company=company, today=today)})
    return response.render()
