"""Reference data (the same for everyone, shipped with the code) may be kept by browsers and proxies for a day, and
answers 304 to its tag after that; the tag is the body's, so it changes with the data and with the language."""

import pytest
from rest_framework.test import APIClient

from common import etags

pytestmark = pytest.mark.django_db
ROUTES = [
    "/api/v1/reference/languages/",
    "/api/v1/reference/sectors/",
    "/api/v1/reference/job-families/",
    "/api/v1/reference/goals/",
    "/api/v1/reference/topics/",
    "/api/v1/reference/worker-roles/",
    "/api/v1/reference/decline-reasons/",
    "/api/v1/reference/end-reasons/",
    "/api/v1/reference/support-qualities/",
]


@pytest.mark.parametrize("path", ROUTES)
def test_reference_data_is_cacheable_and_answers_304(path: str) -> None:
    client = APIClient()
    first = client.get(path, HTTP_ACCEPT_LANGUAGE="de")
    assert first.status_code == 200 and first.json()
    assert first["Cache-Control"] == f"public, max-age={etags.REFERENCE_MAX_AGE}"
    assert "no-store" not in first["Cache-Control"] and not first.has_header("Pragma")
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in first["Vary"].split(",")}
    tag = first["ETag"]
    assert tag.startswith('"') and not tag.startswith("W/")
    again = client.get(path, HTTP_ACCEPT_LANGUAGE="de", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == tag
    assert again["Cache-Control"] == first["Cache-Control"]
    # another client gets the very same tag (it is the body's)
    assert APIClient().get(path, HTTP_ACCEPT_LANGUAGE="de")["ETag"] == tag


def test_each_language_has_its_own_body_and_tag() -> None:
    client = APIClient()
    german = client.get("/api/v1/reference/sectors/", HTTP_ACCEPT_LANGUAGE="de")
    arabic = client.get("/api/v1/reference/sectors/", HTTP_ACCEPT_LANGUAGE="ar", HTTP_IF_NONE_MATCH=german["ETag"])
    assert arabic.status_code == 200 and arabic.json() != german.json()
    assert arabic["ETag"] != german["ETag"]


def test_the_tag_follows_the_body() -> None:
    assert etags.tag_of([{"code": "a", "label": "A"}]) == etags.tag_of([{"label": "A", "code": "a"}])
    assert etags.tag_of([{"code": "a", "label": "A"}]) != etags.tag_of([{"code": "a", "label": "Ä"}])
    assert etags.tag_of([1], scope="reference:x:de") != etags.tag_of([1], scope="reference:x:fr")


def test_other_api_answers_are_still_never_stored() -> None:
    for path in ("/api/v1/programmes/", "/api/v1/reference/no-such-list/"):
        assert "no-store" in APIClient().get(path)["Cache-Control"]
