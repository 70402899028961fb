"""The browsable API, for people trying the API signed in to rolekit."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "shows"),
    [
        ("/api/v1/", "/api/v1/postings/"),
        ("/api/v1/postings/", "ML Engineer"),
        ("/api/v1/postings/{id}/", "ML Engineer"),
        # Its PATCH form was built with the posting's serializer and failed on the rubric.
        ("/api/v1/postings/{id}/rubric/", "MLOps"),
        ("/api/v1/skills/", "docker-kubernetes"),
    ],
)
def test_it_renders_pages_for_a_signed_in_recruiter(client, recruiter, posting, path, shows):
    client.force_login(recruiter)

    response = client.get(path.format(id=posting.pk), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert shows in response.content.decode()
