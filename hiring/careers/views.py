"""The public careers pages: anonymous, read-only, and served from the cache when warm.

Each page is built once per company careers generation and day (`hiring.caching`) and
kept as bytes; a warm page reads two cache keys and no database row.
"""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.http import require_safe

from hiring import caching
from hiring.caching import CareersPage
from hiring.exports import ExportError, export

from . import pages, selectors
from .feeds import CompanyFeed
from .sitemaps import company_sitemap_response

PAGE_SIZE = 25
FILTERS = ("family", "location", "policy")
# Browsers and shared caches keep a page but ask again each time (a 304 when unchanged):
# an archived posting must leave the board at once.
CACHE_CONTROL = "public, no-cache"


def careers_csp() -> dict:
    """Our strict policy, and stricter: these pages run no script at all. (The JSON-LD
    block is data, not script: browsers never run it, so no policy is needed for it.)"""
    return {**settings.SECURE_CSP, "script-src": [CSP.NONE]}


def _respond(request, page: CareersPage) -> HttpResponse:
    if page.status == 301:
        response = HttpResponsePermanentRedirect(page.location)
    elif page.etag and page.etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = page.etag
    else:
        response = HttpResponse(page.content, status=page.status, content_type=page.content_type)
        if page.etag:
            response["ETag"] = page.etag
    response["Cache-Control"] = CACHE_CONTROL
    response._csp_config = careers_csp()
    return response


def _served(request, key: str, build) -> HttpResponse:
    """The page cached under `key`, or `build(day)`'s, kept for the next visitor."""
    day = timezone.localdate()
    page = caching.careers_page_cached(key, day=day.isoformat())
    if page is None:
        page = build(day)
        caching.careers_page_keep(key, page)
    return _respond(request, page)


def _company(slug: str):
    company = selectors.board_company(slug=slug)
    if company is None:
        raise Http404("No careers page here.")
    return company


def _html(company, generation, day, content: bytes, status: int = 200) -> CareersPage:
    return CareersPage(
        company_id=company.pk,
        generation=generation,
        day=day.isoformat(),
        status=status,
        content_type="text/html; charset=utf-8",
        content=content,
    )


@require_safe
def board(request, company_slug):
    chosen = {name: request.GET.get(name, "").strip() for name in FILTERS}
    number = request.GET.get("page", "1").strip() or "1"
    if not number.isdigit() or len(number) > 6:
        raise Http404("No such page.")
    # Only the filters and the page name a page: other parameters (utm_...) share it.
    key = "|".join(["board", company_slug, *chosen.values(), number])

    def build(day):
        company = _company(company_slug)
        generation = caching.careers_generation(company.pk)
        filters = selectors.board_filters(company=company, today=day)
        if not filters.accepts(**chosen):
            raise Http404("No postings match this filter.")
        postings = selectors.postings_listed(company=company, today=day, **chosen)
        try:
            page = Paginator(postings, PAGE_SIZE, allow_empty_first_page=True).page(number)
        except InvalidPage:
            raise Http404("No such page.") from None
        brand = pages.brand_of(company)
        content = pages.board_page(
            brand=brand, generation=generation, page=page, filters=filters, chosen=chosen
        )
        return _html(company, generation, day, content)

    return _served(request, key, build)


@require_safe
def posting(request, company_slug, posting_slug):
    def build(day):
        company = _company(company_slug)
        generation = caching.careers_generation(company.pk)
        found = selectors.posting_find(company=company, slug=posting_slug, today=day)
        if found is None:
            raise Http404("No such posting.")
        if found.moved_to:
            return CareersPage(
                company.pk, generation, day.isoformat(), 301, "", b"", location=found.moved_to
            )
        brand = pages.brand_of(company)
        if found.gone:
            content = pages.gone_page(brand=brand, generation=generation, posting=found.posting)
            return _html(company, generation, day, content, status=410)
        content = pages.posting_page(brand=brand, generation=generation, posting=found.posting)
        return _html(company, generation, day, content)

    return _served(request, f"posting|{company_slug}|{posting_slug}", build)


@require_safe
def posting_pdf(request, company_slug, posting_slug):
    """The posting's PDF, shown in the browser; rendered once, then from the export cache."""
    company = _company(company_slug)
    found = selectors.posting_find(company=company, slug=posting_slug, today=timezone.localdate())
    if found is None or found.gone:
        raise Http404("No such posting.")
    if found.moved_to:
        return HttpResponsePermanentRedirect(
            reverse("careers:posting_pdf", args=[company.slug, found.posting.slug])
        )
    try:
        exported = export(found.posting, "pdf")
    except ExportError:
        raise Http404("This posting has no PDF.") from None
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'inline; filename="{exported.filename}"'
    response["Cache-Control"] = CACHE_CONTROL
    return response


@require_safe
def brand_css(request, company_slug):
    """The exports' screen stylesheet in the company's colours: no inline style needed."""

    def build(day):
        company = _company(company_slug)
        generation = caching.careers_generation(company.pk)
        content = pages.brand_css(brand=pages.brand_of(company))
        return CareersPage(company.pk, generation, day.isoformat(), 200, "text/css", content)

    return _served(request, f"css|{company_slug}", build)


@require_safe
def feed(request, company_slug):
    def build(day):
        company = _company(company_slug)
        generation = caching.careers_generation(company.pk)
        response = CompanyFeed()(request, company=company, today=day)
        return CareersPage(
            company.pk, generation, day.isoformat(), 200, response["Content-Type"], response.content
        )

    return _served(request, f"feed|{company_slug}", build)


@require_safe
def sitemap(request, company_slug):
    number = request.GET.get("p", "1")
    if not number.isdigit() or len(number) > 6:
        raise Http404("No such page.")

    def build(day):
        company = _company(company_slug)
        generation = caching.careers_generation(company.pk)
        response = company_sitemap_response(request, company=company, today=day)
        return CareersPage(
            company.pk, generation, day.isoformat(), 200, response["Content-Type"], response.content
        )

    return _served(request, f"sitemap|{company_slug}|{number}", build)


@require_safe
def robots_txt(request):
    """Crawl the careers pages, not the tools; each company's sitemap is named."""
    lines = ["User-agent: *", "Allow: /jobs/"]
    lines += [f"Disallow: {path}" for path in ("/admin/", "/review/", "/api/")]
    lines += [""] + [
        "Sitemap: " + selectors.public_url(reverse("careers:sitemap", args=[slug]))
        for slug in selectors.companies_on_boards().values_list("slug", flat=True)
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
