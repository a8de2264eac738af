"""Writes need a Cognito ID token (401 without one) of a member of `editors` (403 otherwise)."""

import pytest

from conftest import BOOKS, book_path, new_book

WRITES = [
    ("POST", BOOKS),
    ("PUT", book_path("b-004")),
    ("DELETE", book_path("b-004")),
]


@pytest.mark.parametrize("method,path", WRITES)
def test_anonymous_write_is_401(api, method, path):
    r = api.call(method, path, body=None if method == "DELETE" else new_book("Anonymous"))
    assert r.status == 401, r
    assert r.json == {"message": "Unauthorized"}


def test_bad_token_is_401(api):
    r = api.post(BOOKS, new_book("Bad token"), token="eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl")
    assert r.status == 401, r


@pytest.mark.parametrize("method,path", WRITES)
def test_reader_write_is_403(api, reader_token, method, path):
    r = api.call(
        method, path, body=None if method == "DELETE" else new_book("Reader"), token=reader_token
    )
    assert r.status == 403, r
    assert "editors" in r.json["message"]


def test_reads_are_public(api):
    assert api.get(book_path("b-001")).status == 200
    assert api.get(BOOKS, query={"limit": 1}).status == 200
    assert api.get(book_path("b-001") + "/history").status == 200
