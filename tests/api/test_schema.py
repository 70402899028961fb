"""The published OpenAPI schema and the docs: complete, valid, and served without any CDN."""

import re

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

OPENAPI_JSON = "application/vnd.oai.openapi+json"
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def schema(anonymous):
    response = anonymous.get("/api/schema/", HTTP_ACCEPT=OPENAPI_JSON)
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_it_is_a_valid_openapi_3_schema(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert "Standard Webhooks" in schema["info"]["description"]


def test_it_describes_every_endpoint_of_the_issue(schema):
    wanted = {
        ("get", "/api/v1/role-families/"),
        ("get", "/api/v1/skills/"),
        ("get", "/api/v1/responsibilities/"),
        ("get", "/api/v1/levels/"),
        ("get", "/api/v1/salary-bands/"),
        ("get", "/api/v1/interview-questions/"),
        ("get", "/api/v1/postings/"),
        ("post", "/api/v1/postings/"),
        ("get", "/api/v1/postings/{id}/"),
        ("patch", "/api/v1/postings/{id}/"),
        ("post", "/api/v1/postings/{id}/submit/"),
        ("post", "/api/v1/postings/{id}/publish/"),
        ("post", "/api/v1/postings/{id}/revise/"),
        ("post", "/api/v1/postings/{id}/archive/"),
        ("get", "/api/v1/postings/{id}/versions/"),
        ("get", "/api/v1/postings/{id}/versions/diff/"),
        ("get", "/api/v1/postings/{id}/rubric/"),
        ("patch", "/api/v1/postings/{id}/rubric/"),
        ("post", "/api/v1/postings/{id}/rubric/approve/"),
        ("get", "/api/v1/postings/{id}/findings/"),
        ("post", "/api/v1/analyse/"),
        ("post", "/api/v1/postings/import/"),
        ("get", "/api/v1/postings/{id}/exports/{format}/"),
    }

    assert wanted <= {(method, path) for path, method, _ in operations(schema)}


def test_it_gives_every_operation_a_summary_an_example_and_its_errors(schema):
    for path, method, operation in operations(schema):
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), where
        assert operation["security"] == [{"apiKey": []}, {"session": []}], where
        responses = operation["responses"]
        contents = [*responses.values(), operation.get("requestBody", {})]
        assert any(
            media.get("examples") for body in contents for media in body.get("content", {}).values()
        ), f"{where} has no example"
        errors = {code for code in responses if code.startswith("4")}
        assert {"401", "403", "429"} <= errors, where
        if "{" in path:
            assert "404" in errors, where
        if method in ("post", "patch"):
            assert {"400", "413", "415"} <= errors, where
        for code in errors:
            media = responses[code]["content"]["application/json"]
            assert media["schema"] == {"$ref": "#/components/schemas/Error"}, (where, code)
            assert media["examples"], (where, code)


def test_it_documents_preconditions_and_idempotency(schema):
    update = schema["paths"]["/api/v1/postings/{id}/"]["patch"]
    create = schema["paths"]["/api/v1/postings/"]["post"]

    if_match = next(p for p in update["parameters"] if p["name"] == "If-Match")
    assert if_match["required"] is True
    assert {"412", "428"} <= set(update["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])
    imported = schema["paths"]["/api/v1/postings/import/"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in imported["parameters"])
    assert {"201", "400", "409", "422"} <= set(imported["responses"])


def free_text_query_parameters(schema):
    """Every query parameter whose schema is a string with no enum or format of its own."""
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", ()):
            value = parameter["schema"].get("items", parameter["schema"])
            free = value.get("type") == "string" and not {"enum", "format"} & set(value)
            if parameter["in"] == "query" and free:
                yield path, method, parameter["name"], value


def test_it_says_that_an_empty_query_parameter_is_refused(schema, api, posting):
    """The API answers `?role_family=` with 400 (an empty filter is a mistake more often than
    a wish for everything): the schema says so, so that no generated client sends one."""
    seen = set()
    for path, method, name, value in free_text_query_parameters(schema):
        seen.add(name)
        assert value.get("minLength") == 1, (method, path, name)
        if method == "get" and "{" not in path:
            response = api.get(f"{path}?{name}=")
            assert response.status_code == 400, (path, name)
            assert name in response.json()["fields"], (path, name)

    assert {"role_family", "level", "skill", "search", "region", "core_for", "cursor"} <= seen


def test_it_documents_the_statuses_its_headers_and_queries_can_bring(schema):
    """Derived from what an operation takes, so that no view can forget one."""
    for path, method, operation in operations(schema):
        where = f"{method.upper()} {path}"
        documented = set(operation["responses"])
        parameters = {(p["in"], p["name"].lower()): p for p in operation.get("parameters", ())}
        if ("header", "if-match") in parameters:
            assert {"400", "412"} <= documented, where  # malformed, stale
            if parameters["header", "if-match"].get("required"):
                assert "428" in documented, where
        if ("header", "idempotency-key") in parameters:
            assert {"409", "422"} <= documented, where  # key in use, key reused
        if any(place == "query" for place, _ in parameters):
            assert "400" in documented, where


@pytest.mark.parametrize(
    ("method", "path", "status", "why"),
    [
        ("get", "/api/v1/postings/{id}/versions/diff/", "400", "?from=0"),
        ("post", "/api/v1/bulk-exports/", "409", "an Idempotency-Key in use"),
        ("patch", "/api/v1/postings/{id}/", "412", "a stale If-Match"),
        ("patch", "/api/v1/postings/{id}/rubric/", "428", "no If-Match"),
        ("post", "/api/v1/postings/{id}/submit/", "412", "a stale If-Match"),
        ("get", "/api/v1/postings/{id}/exports/{format}/", "422", "a file over the limit"),
        ("get", "/api/v1/postings/", "429", "too many requests"),
    ],
)
def test_it_documents_the_statuses_the_review_named(schema, method, path, status, why):
    assert status in schema["paths"][path][method]["responses"], why


def test_it_answers_the_version_diff_it_documents_with_400(api, published):
    response = api.get(f"/api/v1/postings/{published.pk}/versions/diff/?from=0")

    assert response.status_code == 400
    assert "from" in response.json()["fields"]


def test_it_documents_the_export_content_types(schema):
    export = schema["paths"]["/api/v1/postings/{id}/exports/{format}/"]["get"]

    assert {"text/html", "application/pdf", "application/ld+json", "text/markdown"} <= set(
        export["responses"]["200"]["content"]
    )


@pytest.mark.parametrize("path", ["/api/docs/"])
def test_it_serves_the_docs_from_our_own_static_files(anonymous, path):
    response = anonymous.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls
    for url in urls:
        assert not url.startswith(("http:", "https:", "//")), url
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
    assert "cdn" not in html.lower()


def test_it_serves_the_swagger_ui_script_without_a_cdn(anonymous):
    page = anonymous.get("/api/docs/").content.decode()
    [script] = [u for u in re.findall(r'src="([^"]+)"', page) if "script" in u]

    response = anonymous.get(script)

    assert response.status_code == 200
    assert "/api/schema/" in response.content.decode()


def test_it_lists_the_iso_4217_codes_a_posting_currency_may_take(schema):
    components = schema["components"]["schemas"]
    for name in ("PostingCreateRequest", "PatchedPostingUpdateRequest"):
        (ref,) = components[name]["properties"]["salary_currency"]["allOf"]
        codes = components[ref["$ref"].rsplit("/", 1)[-1]]["enum"]
        assert {"USD", "EUR", "INR"} <= set(codes) and len(codes) > 150
        assert "ZZZ" not in codes and "usd" not in codes
