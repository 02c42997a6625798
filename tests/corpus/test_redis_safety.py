"""The shared Redis index: never a duplicate of itself, nothing unpickled, URLs as written (issue 11: items 4, 14)."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import redis
from worksum.corpus import load
from worksum.corpus.build import BuildConfig, build
from worksum.corpus.index import IndexUnusable, RedisIndex, redacted, redis_client

from tests.conftest import redis_server
from tests.corpus.warcs import page_html, work_text, write_warc


def _pages(n: int, first: int = 0, host: str = "x.example") -> list[dict]:
    return [{"url": f"http://{host}/doc/{i}.html", "body": page_html(f"第{i}篇工作总结", work_text(i))}
            for i in range(first, first + n)]


def _cfg(url: str, **kw) -> BuildConfig:
    return BuildConfig(workers=1, progress=False, redis_url=url, **kw)


# ---- item 4 -------------------------------------------------------------------------------------------

def test_a_full_rebuild_of_the_same_inputs_with_redis_keeps_every_document(tmp_path, redis_url):
    warcs = str(write_warc(tmp_path / "w" / "a.warc.gz", _pages(5)))
    first = build([warcs], tmp_path / "a", _cfg(redis_url))
    again = build([warcs], tmp_path / "a", _cfg(redis_url, replace=True))
    assert first.kept == again.kept == 5 and len(load(tmp_path / "a")) == 5
    elsewhere = build([warcs], tmp_path / "b", _cfg(redis_url))  # a document is never a duplicate of itself
    assert elsewhere.kept == 5
    copies = str(write_warc(tmp_path / "w2" / "b.warc.gz", _pages(5, host="mirror.example")))
    mirror = build([copies], tmp_path / "m", _cfg(redis_url))  # other pages with the same texts still are
    assert mirror.kept == 0 and mirror.duplicates_of_released == 5


def test_an_updated_page_replaces_its_record_in_redis(tmp_path, redis_url):
    url = "http://x.example/doc/0.html"
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", [{"url": url, "body": page_html("总结", work_text(101))}]))],
          tmp_path / "c", _cfg(redis_url))
    report = build([str(write_warc(tmp_path / "w2" / "b.warc.gz",
                                   [{"url": url, "body": page_html("总结", work_text(102))}]))],
                   tmp_path / "c", _cfg(redis_url, incremental=True))
    assert report.updated == 1 and report.kept == 1 and len(load(tmp_path / "c")) == 1
    # the old text is gone from the index: a copy of it elsewhere is new, a copy of the new text is not
    old_copy = [{"url": "http://y.example/old.html", "body": page_html("总结", work_text(101))},
                {"url": "http://y.example/new.html", "body": page_html("总结", work_text(102))}]
    later = build([str(write_warc(tmp_path / "w3" / "c.warc.gz", old_copy))], tmp_path / "d", _cfg(redis_url))
    assert later.kept == 1 and later.duplicates_of_released == 1


# ---- item 14 ------------------------------------------------------------------------------------------

class _Planted:
    """What a hostile writer of the shared Redis plants: unpickling it creates a file."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_nothing_read_from_redis_is_unpickled(tmp_path, redis_url, monkeypatch, caplog):
    build([str(write_warc(tmp_path / "w1" / "a.warc.gz", _pages(5)))], tmp_path / "a", _cfg(redis_url))
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(_Planted(marker))
    db = redis.Redis.from_url(redis_url)
    for key in list(db.scan_iter()):
        kind = db.type(key)
        if kind == b"set":
            db.sadd(key, payload)
        elif kind == b"list":
            db.rpush(key, payload)
        elif kind == b"hash":
            field = next(iter(db.hkeys(key)))
            db.hset(key, field, payload)
            db.hset(key, payload, payload)

    def refuse(*args, **kwargs):
        raise AssertionError("something read from Redis was unpickled")

    monkeypatch.setattr(pickle, "loads", refuse)
    copies = str(write_warc(tmp_path / "w2" / "b.warc.gz", _pages(5, host="mirror.example")))
    report = build([copies], tmp_path / "b", _cfg(redis_url))
    assert not marker.exists()
    assert report.kept + report.duplicates == 5 and report.duplicates >= 4  # one record was spoiled, not more
    assert any("malformed record" in m for m in caplog.messages)
    assert all(v[:1] != b"\x80" for v in db.hvals("worksum:docs") if v != payload)


@pytest.fixture
def redis_with_password(tmp_path):
    with redis_server(tmp_path, "--requirepass", "s3cret-pw") as port:
        yield port


def test_a_redis_url_keeps_its_password_and_database(tmp_path, redis_with_password):
    port = redis_with_password
    url = f"redis://:s3cret-pw@127.0.0.1:{port}/5"
    report = build([str(write_warc(tmp_path / "w" / "a.warc.gz", _pages(3)))], tmp_path / "a", _cfg(url))
    assert report.kept == 3
    assert redis.Redis(port=port, password="s3cret-pw", db=5).hlen("worksum:docs") == 3
    assert redis.Redis(port=port, password="s3cret-pw", db=0).dbsize() == 0
    with pytest.raises(ConnectionError) as refused:
        RedisIndex(f"redis://:wrong-pw@127.0.0.1:{port}/5", 128, 32, 4)
    assert "wrong-pw" not in str(refused.value) and ":***@127.0.0.1" in str(refused.value)


def test_a_rediss_url_asks_for_tls_with_its_credentials():
    client = redis_client("rediss://user:pw@cache.internal:6380/2")
    kwargs = client.connection_pool.connection_kwargs
    assert client.connection_pool.connection_class is redis.SSLConnection
    assert (kwargs["username"], kwargs["password"], kwargs["db"], kwargs["port"]) == ("user", "pw", 2, 6380)
    assert redacted("rediss://user:pw@cache.internal:6380/2") == "rediss://user:***@cache.internal:6380/2"


# ---- opening keys in the shared index -------------------------------------------------------------------

def test_a_preview_built_elsewhere_is_found_through_the_redis_index(tmp_path, redis_url):
    from tests.corpus.test_index_segments import DOC, PREVIEW

    build([str(write_warc(tmp_path / "wa" / "a.warc.gz", [DOC, *_pages(2)]))], tmp_path / "a", _cfg(redis_url))
    db = redis_client(redis_url)
    assert db.keys("worksum:o:*")  # the documents' opening-key buckets
    report = build([str(write_warc(tmp_path / "wb" / "b.warc.gz", [PREVIEW]))], tmp_path / "b", _cfg(redis_url))
    assert report.kept == 0 and report.duplicates_of_released == 1


def test_a_redis_index_written_before_opening_keys_is_used_with_a_warning(tmp_path, redis_url, caplog):
    build([str(write_warc(tmp_path / "wa" / "a.warc.gz", _pages(2)))], tmp_path / "a", _cfg(redis_url))
    db = redis_client(redis_url)
    for name in db.keys("worksum:o:*"):  # as an earlier version left it: no opening keys, an older layout
        db.delete(name)
    db.set("worksum:layout", '{"bands": 32, "num_perm": 128, "rows": 4}')
    copies = build([str(write_warc(tmp_path / "wb" / "b.warc.gz", _pages(3, host="mirror.example")))],
                   tmp_path / "b", _cfg(redis_url))
    assert copies.kept == 1 and copies.duplicates_of_released == 2  # the bands still find copies
    assert any("recorded by an earlier version, without opening keys" in m for m in caplog.messages)
    assert b'"openings"' in db.get("worksum:layout")
    db.set("worksum:layout", '{"bands": 16, "num_perm": 128, "rows": 8}')  # other MinHash settings: refused
    with pytest.raises(IndexUnusable, match="use another namespace"):
        RedisIndex(redis_url, 128, 32, 4)
