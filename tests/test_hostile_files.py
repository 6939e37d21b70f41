"""A fuzz set of hostile files: each is imported or refused with a reason,
the rest of the batch still lands, and the index stays consistent."""
from __future__ import annotations

from reader.search.articles import article_count, load_article
from reader.search.indexer import update_index
from reader.search.store import open_index

MB = 1024 * 1024


def hostile_files(folder):
    nested = "".join("> " * n + "- item\n" for n in range(1, 200)) + "Final line.\n"
    files = {
        "empty.txt": b"",
        "blank.txt": b"\n \n\t\n",
        "binary.txt": bytes(range(256)) * 20,
        "nul-bytes.txt": b"Title\n\nSome text\x00with NULs\x00inside.\n",
        "invalid-utf8.txt": b"Caf\xe9 owner \x93wins\x94 award\n\n\xff\xfe broken bytes\n",
        "one-line-1mb.txt": (b"word " * (MB // 5)),
        "quote-marks-1mb.txt": ("\u201c\"'\u2018\u201d\u2019" * (MB // 18)).encode("utf-8"),
        "nested.md": nested.encode("utf-8"),
        "mixed-endings.txt": b"Title\r\n\r\nFirst line\rsecond \"quoted,\" he said.\nThird\r\n",
        "not-really.html": b"<html><body>\x00\x01\x02</body></html>",
        "good.txt": "Good article\n\n\u201cIt works,\u201d said Maria Lopez.\n".encode("utf-8"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def test_fuzz_set_imports_or_refuses_each_file_with_a_reason(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = hostile_files(corpus)
    location = tmp_path / "index"
    report = update_index(location, [corpus])
    done = {p.name for p in report.added}
    skipped = {p.name: reason for p, reason in report.skipped}
    assert done | set(skipped) == set(files), "every file is accounted for"
    assert not done & set(skipped)
    assert "good.txt" in done
    for name in ("empty.txt", "blank.txt"):
        assert "empty" in skipped[name]
    for name in ("binary.txt", "nul-bytes.txt", "not-really.html"):
        assert "binary" in skipped[name]
    for name in ("invalid-utf8.txt", "one-line-1mb.txt", "quote-marks-1mb.txt", "nested.md",
                 "mixed-endings.txt"):
        assert name in done, skipped.get(name)
    for reason in skipped.values():
        assert reason and "Traceback" not in reason
    ix = open_index(location)
    assert article_count(ix) == len(done)
    for path in report.added:
        art = load_article(ix, str(path))
        for q in art.record.quotes:
            assert art.body[q.start:q.end] == q.text
    warnings = {p.name: w for p, w in report.warnings}
    assert "Windows-1252" in warnings["invalid-utf8.txt"]
