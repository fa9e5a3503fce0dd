"""The OpenAPI 3 document lists every endpoint, says which need the session, and the docs page
beside it loads its script from our own origin."""

from __future__ import annotations

import re

import pytest

PARAMETER = re.compile(r"<(?:[a-z_]+:)?([a-z_]+)>")


@pytest.fixture
def spec(anonymous):
    response = anonymous.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json


def _api_routes(app):
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or rule.rule in {"/api/openapi.json", "/api/docs"}:
            continue
        path = PARAMETER.sub(r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            yield method.lower(), path


def test_the_document_is_openapi_3(spec):
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"]


def test_every_api_endpoint_is_in_the_document(app, spec):
    missing = [(m, p) for m, p in _api_routes(app) if m not in spec["paths"].get(p, {})]
    assert missing == []


def test_every_operation_has_a_summary_and_a_success_response(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            assert operation.get("summary"), (method, path)
            assert any(code.startswith("2") for code in operation["responses"]), (method, path)


@pytest.mark.parametrize(("method", "path", "codes"), [
    ("get", "/api/me", {"401"}),
    ("post", "/api/me/logs", {"401", "403", "413", "422"}),
    ("get", "/api/clients", {"401", "403"}),
    ("get", "/api/clients/{client_id}/trends", {"401", "403", "404", "422"}),
    ("put", "/api/clients/{client_id}/program", {"401", "403", "404", "422"}),
    ("post", "/api/invites", {"401", "403", "422"}),
    ("post", "/api/invites/{token}/accept", {"404", "409", "410", "422"}),
    ("get", "/api/health", {"503"}),
    ("post", "/api/auth/register", {"403", "409", "422"}),
    ("post", "/api/auth/reset/{token}", {"404", "410", "422"}),
    ("delete", "/api/invites/{invite_id}", {"401", "403", "404"}),
    ("post", "/api/invites/{invite_id}/renew", {"401", "403", "404", "409"}),
    ("get", "/api/clients/{client_id}/access-log", {"401", "403", "404"}),
    ("get", "/api/me/access-log", {"401", "403"}),
    ("get", "/api/clients/{client_id}/flags", {"401", "403", "404", "422"}),
    ("post", "/api/clients/{client_id}/flags/{flag_id}/acknowledge",
     {"401", "403", "404", "409", "422"}),
    ("get", "/api/clients/{client_id}/watch-thresholds", {"401", "403", "404"}),
    ("put", "/api/clients/{client_id}/watch-thresholds", {"401", "403", "404", "422"}),
    ("get", "/api/me/safety", {"401", "403"}),
    ("get", "/api/me/program", {"401", "403", "404"}),
])
def test_operations_document_the_errors_they_can_answer(spec, method, path, codes):
    assert codes <= set(spec["paths"][path][method]["responses"])


def test_operations_that_need_sign_in_declare_the_session_scheme(spec):
    assert spec["components"]["securitySchemes"]["session"]["in"] == "cookie"
    assert spec["paths"]["/api/me/logs"]["post"]["security"] == [{"session": []}]
    assert "security" not in spec["paths"]["/api/auth/login"]["post"]
    assert "security" not in spec["paths"]["/api/health"]["get"]


def test_the_docs_page_is_html_that_loads_our_own_script(anonymous):
    with anonymous.get("/api/docs") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/html"
        page = response.get_data(as_text=True)
    assert 'src="/js/docs.js"' in page
    assert 'href="/css/docs.css"' in page
    assert "<script>" not in page and "style=" not in page
