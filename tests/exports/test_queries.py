"""Loading postings for export takes a fixed number of queries, whatever their size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hiring import exports
from hiring.exports import CANDIDATE, HIRING_MANAGER
from hiring.models import JobPosting
from roles.models import EmphasisLevel
from tests.factories import SkillFactory


def grow(posting, n):
    """Give a posting `n` more skills and responsibilities."""
    start = posting.skills.count() + posting.responsibilities.count() + 100
    for index, skill in enumerate(SkillFactory.create_batch(n, company=posting.company), start):
        posting.skills.create(skill=skill, emphasis=EmphasisLevel.MEDIUM, order=index)
        posting.responsibilities.create(text=f"Do thing {index}", order=index)


def test_it_loads_a_published_posting_in_one_query(published, django_assert_num_queries):
    # The posting with its company and published version; the snapshot has the rest.
    with django_assert_num_queries(1):
        exports.export(published, "markdown")
    with django_assert_num_queries(1):
        exports.export(published, "kit")


def test_it_loads_a_draft_in_the_same_queries_at_two_sizes(posting, django_assert_num_queries):
    # posting (+company, published version); posting_snapshot: the posting's row (+role,
    # level, people, rubric), skills, responsibilities, criteria, the rubric's interviewers,
    # and the company's pay statements (a pay-transparency law covers the posting's New York).
    with django_assert_num_queries(7):
        exports.export(posting, "markdown", draft=True)
    grow(posting, 30)
    with django_assert_num_queries(7):
        exports.export(posting, "markdown", draft=True)


def queries(call) -> int:
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)


def test_it_loads_the_packet_in_the_same_queries_at_two_sizes(posting):
    # Draft snapshot as above, plus the findings (posting_analysis, owned by selectors,
    # which caches the catalog: each size is measured warm).
    def packet():
        return exports.export(posting, "packet", draft=True)

    packet()
    small = queries(packet)
    grow(posting, 30)
    packet()
    assert queries(packet) == small


def test_it_loads_many_published_postings_in_one_query(
    published, make_posting, publish, django_assert_num_queries
):
    # Postings with their companies and published versions, in one query.
    with django_assert_num_queries(1):
        assert len(exports.documents_for(JobPosting.objects.all(), audience=CANDIDATE)) == 1
    for title in ("Data Scientist, Growth", "Data Scientist, Pricing", "Data Scientist, Risk"):
        publish(make_posting(title))
    with django_assert_num_queries(1):
        assert len(exports.documents_for(JobPosting.objects.all(), audience=CANDIDATE)) == 4


def test_it_loads_many_packets_with_one_batch_of_findings(published, make_posting, publish):
    def documents():
        return exports.documents_for(JobPosting.objects.all(), audience=HIRING_MANAGER)

    documents()
    one = queries(documents)
    for title in ("Data Scientist, Growth", "Data Scientist, Pricing"):
        publish(make_posting(title))
    documents()
    assert queries(documents) == one
