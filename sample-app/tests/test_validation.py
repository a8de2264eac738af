"""Invalid writes are refused with 400 and a message naming the field; nothing is queued."""

import pytest

from conftest import BOOKS, RUN, book_path, new_book, wait_for_book

INVALID = [
    ("title missing", {"author": "A", "year": 2000}, "title"),
    ("title empty", new_book("x", title="   "), "title"),
    ("title too long", new_book("x", title="t" * 201), "title"),
    ("title not a string", new_book("x", title=42), "title"),
    ("author missing", {"title": f"T {RUN}", "year": 2000}, "author"),
    ("author empty", new_book("x", author=""), "author"),
    ("author not a string", new_book("x", author=["A"]), "author"),
    ("year missing", {"title": f"T {RUN}", "author": "A"}, "year"),
    ("year a string", new_book("x", year="1999"), "year"),
    ("year a fraction", new_book("x", year=1999.5), "year"),
    ("year a boolean", new_book("x", year=True), "year"),
    ("year negative", new_book("x", year=-1), "year"),
    ("year too late", new_book("x", year=2101), "year"),
    ("isbn malformed", new_book("x", isbn="12-34"), "isbn"),
    ("unknown field", new_book("x", rating=5), "rating"),
]


@pytest.mark.parametrize("case,body,field", INVALID, ids=[c[0] for c in INVALID])
def test_invalid_book_is_400(api, editor_token, case, body, field):
    r = api.post(BOOKS, body, token=editor_token)
    assert r.status == 400, r
    assert r.json["field"] == field
    assert field in r.json["message"]


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", ""], ids=["not json", "array", "empty"])
def test_body_must_be_a_json_object(api, editor_token, raw):
    r = api.call("POST", BOOKS, raw_body=raw, token=editor_token)
    assert r.status == 400, r
    assert "JSON" in r.json["message"]


def test_invalid_update_is_400(api, editor_token):
    r = api.put(book_path("b-004"), new_book("x", year="soon"), token=editor_token)
    assert r.status == 400, r
    assert r.json["field"] == "year"


def test_limits_are_inclusive(api, editor_token):
    book = new_book("Edge", title=f"{RUN} " + "t" * 187, year=2100, isbn="978-0-441-17271-9")
    assert len(book["title"]) == 200
    r = api.post(BOOKS, book, token=editor_token)
    assert r.status == 202, r
    stored = wait_for_book(api, r.json["bookId"])
    assert (stored["title"], stored["year"], stored["isbn"]) == (book["title"], 2100, book["isbn"])
    assert api.delete(book_path(stored["id"]), token=editor_token).status == 202


def test_update_of_missing_book_is_404(api, editor_token):
    r = api.put(book_path(f"missing-{RUN}"), new_book("Missing"), token=editor_token)
    assert r.status == 404, r


def test_delete_of_missing_book_is_404(api, editor_token):
    r = api.delete(book_path(f"missing-{RUN}"), token=editor_token)
    assert r.status == 404, r
