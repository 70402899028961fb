"""An Atom feed of each company's newest postings (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from hiring.exports import markup

from . import selectors

FEED_SIZE = 50


class CompanyFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *, company, today):
        # One feed object per request (see views.feed), so keeping the company is safe.
        self.company = company
        return company, today

    def title(self, obj):
        return f"Jobs at {obj[0].name}"

    def subtitle(self, obj):
        return f"New postings on the careers page of {obj[0].name}."

    def link(self, obj):
        return selectors.public_url(reverse("careers:board", args=[obj[0].slug]))

    def feed_url(self, obj):
        return selectors.public_url(reverse("careers:feed", args=[obj[0].slug]))

    def items(self, obj):
        company, today = obj
        return selectors.postings_listed(company=company, today=today)[:FEED_SIZE]

    def item_title(self, posting):
        return markup.plain_text(posting.published_version.snapshot.get("title")) or posting.title

    def item_description(self, posting):
        return markup.to_plain(posting.published_version.snapshot.get("summary"))

    def item_link(self, posting):
        return selectors.posting_url(company_slug=self.company.slug, posting_slug=posting.slug)

    def item_guid(self, posting):
        return self.item_link(posting)

    def item_pubdate(self, posting):
        return posting.published_version.created_at

    def item_updateddate(self, posting):
        return posting.published_version.created_at
