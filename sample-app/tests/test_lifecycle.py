"""Writes end to end: API -> command queue -> projector -> books table -> stream -> history."""

from conftest import BOOKS, book_path, eventually, new_book, wait_for_book, wait_until_gone


def test_create_is_accepted_then_the_book_appears(api, editor_token):
    book = new_book("Create", isbn="0-441-17271-7")
    r = api.post(BOOKS, book, token=editor_token)
    assert r.status == 202, r
    assert set(r.json) == {"commandId", "bookId", "action"}
    assert r.json["action"] == "create"
    book_id = r.json["bookId"]
    stored = wait_for_book(api, book_id)
    assert {k: stored[k] for k in book} == book
    assert stored["version"] == 1
    # ... and through the author index (which DynamoDB updates asynchronously).
    def listed():
        return api.get(BOOKS, query={"author": book["author"]}).json["items"]

    eventually(lambda: book_id in [b["id"] for b in listed()], what="the book in the author index")
    assert api.delete(book_path(book_id), token=editor_token).status == 202


def test_update_replaces_the_book(api, editor_token, created_book):
    book_id = created_book["id"]
    change = new_book("Updated", year=1999)
    r = api.put(book_path(book_id), change, token=editor_token)
    assert r.status == 202, r
    assert (r.json["bookId"], r.json["action"]) == (book_id, "update")
    stored = wait_for_book(api, book_id, lambda b: b["title"] == change["title"], "the update")
    assert (stored["year"], stored["version"]) == (1999, 2)
    assert "isbn" not in stored


def test_delete_removes_the_book(api, editor_token, created_book):
    book_id = created_book["id"]
    r = api.delete(book_path(book_id), token=editor_token)
    assert r.status == 202, r
    assert (r.json["bookId"], r.json["action"]) == (book_id, "delete")
    wait_until_gone(api, book_id)


def test_history_records_every_change(api, editor_token, created_book):
    book_id = created_book["id"]
    first_title = created_book["title"]
    change = new_book("Renamed")
    assert api.put(book_path(book_id), change, token=editor_token).status == 202
    wait_for_book(api, book_id, lambda b: b["title"] == change["title"], "the update")
    assert api.delete(book_path(book_id), token=editor_token).status == 202

    def history():
        r = api.get(book_path(book_id) + "/history")
        assert r.status == 200, r
        return r.json["items"] if len(r.json["items"]) >= 3 else None

    entries = eventually(history, what="three history entries")
    assert [e["eventName"] for e in entries] == ["INSERT", "MODIFY", "REMOVE"]
    assert all(e["bookId"] == book_id for e in entries)
    assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)
    insert, modify, remove = entries
    assert insert["old"] == {} and insert["new"]["title"] == first_title
    assert modify["old"]["title"] == first_title and modify["new"]["title"] == change["title"]
    assert "title" in modify["changed"] and "author" not in modify["changed"]
    assert remove["old"]["title"] == change["title"] and remove["new"] == {}
    assert (insert["version"], modify["version"]) == (1, 2)
