"""The company's texts as a posting shows them: the posting's own where it has one, else
its company's; for pay, the company's statements for the laws that cover its places (the
same `laws_covering` the pay check asks, so one rule decides where a law applies)."""

from datetime import date

from django.utils import timezone

from hiring.rules.pay import laws_covering

from ..models import Company, JobPosting
from ..models.posting import text_lines

# A posting's own versions of its company's texts, blank for the company's.
OVERRIDE_FIELDS = ("about_company", "equal_opportunity", "accommodations_contact", "pay_statement")
# Snapshot key -> the company's field a blank posting field falls back to.
COMPANY_FALLBACKS = {
    "benefits": "benefits",
    "about_company": "about",
    "equal_opportunity": "equal_opportunity",
    "accommodations_contact": "accommodations_contact",
}


def company_pay_statements(*, company: Company) -> dict[str, str]:
    """Jurisdiction -> the company's statement; uses `company__pay_statements` when
    prefetched, so analysing many postings asks once for all their companies."""
    return {statement.jurisdiction: statement.text for statement in company.pay_statements.all()}


def own_text(value: str | None) -> str:
    """A posting's own version of a company text; "" (blank) means it shows its company's."""
    return value if value and value.strip() else ""


def company_pay_statement(
    *, company: Company, locations: str, remote_policy: str, today: date | None = None
) -> str:
    """The company's statements for the laws covering these places, one paragraph each
    (a statement two laws share is shown once); blank when none covers them or the company
    wrote none. Asks the database only when a law covers the places."""
    laws = laws_covering(text_lines(locations), remote_policy, today or timezone.localdate())
    if not laws:
        return ""
    statements = company_pay_statements(company=company)
    texts = [statements[law.jurisdiction].strip() for law in laws if law.jurisdiction in statements]
    return "\n\n".join(dict.fromkeys(text for text in texts if text))


def posting_texts(*, posting: JobPosting, values: dict, today: date | None = None) -> dict:
    """The texts a version of `posting` shows, from its field `values` (as typed): each
    blank one replaced by its company's."""
    company = posting.company

    def own(key: str) -> str:
        return own_text(values.get(key))

    texts = {key: own(key) or getattr(company, field) for key, field in COMPANY_FALLBACKS.items()}
    texts["pay_statement"] = own("pay_statement") or company_pay_statement(
        company=company,
        locations=values.get("locations") or "",
        remote_policy=values.get("remote_policy") or "",
        today=today,
    )
    return texts


def shown_texts(*, posting: JobPosting, today: date | None = None) -> dict:
    """`posting_texts` of a posting instance's current field values (as the change form
    or the database left them)."""
    names = (*COMPANY_FALLBACKS, "pay_statement", "locations", "remote_policy")
    return posting_texts(
        posting=posting, values={name: getattr(posting, name) for name in names}, today=today
    )


def company_texts_for(*, company: Company, posting: JobPosting | None = None) -> dict[str, str]:
    """What each blank text of a posting falls back to: the company's texts (benefits
    included), and for pay its statements for the places the posting names so far."""
    texts = {key: getattr(company, field) for key, field in COMPANY_FALLBACKS.items()}
    texts["pay_statement"] = (
        company_pay_statement(
            company=company, locations=posting.locations, remote_policy=posting.remote_policy
        )
        if posting is not None
        else ""
    )
    return texts
