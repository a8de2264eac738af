"""Reads: the seeded books of fixtures/books.yaml, pages, the author index, errors."""

from conftest import BOOKS, RUN, SEEDED, book_path

LE_GUIN = "Ursula K. Le Guin"


def test_get_one_book(api):
    r = api.get(book_path("b-004"))
    assert r.status == 200, r
    assert r.headers.get("Content-Type", "").startswith("application/json")
    book = r.json
    assert book["id"] == "b-004"
    assert {k: book[k] for k in ("title", "author", "year")} == SEEDED["b-004"]
    assert book["isbn"] == "9780441172719"
    assert "lastSeq" not in book and "lastCommandId" not in book


def test_missing_book_is_404(api):
    r = api.get(book_path(f"no-such-book-{RUN}"))
    assert r.status == 404, r
    assert "not found" in r.json["message"].lower()


def test_list_first_page(api):
    r = api.get(BOOKS)
    assert r.status == 200, r
    assert isinstance(r.json["items"], list)
    assert 1 <= len(r.json["items"]) <= 20
    assert all({"id", "title", "author", "year"} <= set(b) for b in r.json["items"])


def test_pages_cover_every_book_once(api):
    seen = []
    token = None
    for _ in range(1000):
        query = {"limit": 2}
        if token:
            query["next"] = token
        r = api.get(BOOKS, query=query)
        assert r.status == 200, r
        assert len(r.json["items"]) <= 2
        seen += [b["id"] for b in r.json["items"]]
        token = r.json.get("next")
        if not token:
            break
    assert not token, "more than 1000 pages"
    assert len(seen) == len(set(seen)), "a book was listed twice"
    assert set(SEEDED) <= set(seen)


def test_author_filter(api):
    r = api.get(BOOKS, query={"author": LE_GUIN})
    assert r.status == 200, r
    items = r.json["items"]
    expected = sorted((b["title"], i) for i, b in SEEDED.items() if b["author"] == LE_GUIN)
    # The by-author index is sorted by title.
    assert [(b["title"], b["id"]) for b in items] == expected
    assert r.json["next"] is None


def test_author_filter_pages(api):
    titles = []
    token = None
    for _ in range(10):
        query = {"author": LE_GUIN, "limit": 1}
        if token:
            query["next"] = token
        r = api.get(BOOKS, query=query)
        assert r.status == 200, r
        assert len(r.json["items"]) <= 1
        titles += [b["title"] for b in r.json["items"]]
        token = r.json["next"]
        if not token:
            break
    assert titles == sorted(b["title"] for b in SEEDED.values() if b["author"] == LE_GUIN)


def test_unknown_author_is_an_empty_list(api):
    r = api.get(BOOKS, query={"author": f"Nobody {RUN}"})
    assert r.status == 200, r
    assert r.json == {"items": [], "next": None}


def test_bad_limit_is_400(api):
    for limit in ("0", "101", "ten"):
        r = api.get(BOOKS, query={"limit": limit})
        assert r.status == 400, (limit, r)
        assert r.json["field"] == "limit"
        assert "limit" in r.json["message"]


def test_bad_page_token_is_400(api):
    r = api.get(BOOKS, query={"next": "not-a-token"})
    assert r.status == 400, r
    assert r.json["field"] == "next"


def test_history_of_unknown_book_is_empty(api):
    r = api.get(book_path(f"no-such-book-{RUN}") + "/history")
    assert r.status == 200, r
    assert r.json == {"items": [], "next": None}


def test_unknown_route_is_403(api):
    # API Gateway's answer for a path no resource matches.
    r = api.get("/v1/catalog/authors")
    assert r.status == 403, r
    assert r.json == {"message": "Missing Authentication Token"}
