"""Reading .txt, .md (front matter) and .html (trafilatura) into source documents."""
from __future__ import annotations

import hashlib

import pytest

from reader.sources import Skipped, discover, load_source
from reader.textio import UnreadableFile

PAGE = """<!doctype html><html><head><title>Dam talks stall - Riverside Gazette</title>
<meta name="author" content="Jane Roe"><meta property="og:site_name" content="Riverside Gazette">
<meta property="article:published_time" content="2023-05-04">
<link rel="canonical" href="https://gazette.example.org/news/dam-talks"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Dam talks stall</h1>
<p>“We are not moving an inch on the water quota,” said Maria Lopez, the delegation's head.</p>
<p>Negotiators from both provinces met for six hours on Tuesday without agreeing on a schedule
for the reservoir, according to officials who attended the closed session in the capital.</p>
<script>document.write('tracking')</script></article>
<footer>Copyright 2023 Riverside Gazette. All rights reserved.</footer></body></html>"""


def test_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Title line\n\nBody “quoted,” he said.\n".encode())
    doc = load_source(path)
    assert doc.format == "text" and doc.text.startswith("Title line")
    assert doc.sha == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not doc.warnings


def test_markdown_front_matter_gives_metadata(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: Dam talks stall\noutlet: Riverside Gazette\nauthor: [Jane Roe, Li Wei]\n"
                    "date: 2023-05-04\nurl: https://gazette.example.org/x\n---\n\n# Dam talks stall\n\n"
                    "“Not an inch,” said Maria Lopez.\n", encoding="utf-8")
    doc = load_source(path)
    assert doc.format == "markdown"
    assert doc.hints == {"title": "Dam talks stall", "outlet": "Riverside Gazette",
                         "author": "Jane Roe, Li Wei", "published": "2023-05-04",
                         "url": "https://gazette.example.org/x"}
    assert doc.text.lstrip().startswith("# Dam talks stall") and "title:" not in doc.text


@pytest.mark.parametrize("front, problem", [
    ("---\ntitle: [unclosed\n---\n", "not valid YAML"),
    ("---\ntitle: x\n", "not closed"),
    ("---\n- a\n- b\n---\n", "key: value"),
])
def test_malformed_front_matter_keeps_the_text_and_reports(tmp_path, front, problem):
    path = tmp_path / "bad.md"
    path.write_text(front + "\nThe article text survives.\n", encoding="utf-8")
    doc = load_source(path)
    assert "The article text survives." in doc.text
    assert any(problem in w for w in doc.warnings), doc.warnings


def test_saved_web_page_is_extracted(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = load_source(path)
    assert doc.format == "html"
    assert doc.hints["title"] == "Dam talks stall"
    assert doc.hints["author"] == "Jane Roe"
    assert doc.hints["outlet"] == "Riverside Gazette"
    assert doc.hints["published"] == "2023-05-04"
    assert doc.hint_sources == dict.fromkeys(doc.hints, "html-meta")
    assert "said Maria Lopez" in doc.text
    assert "tracking" not in doc.text and "Home" not in doc.text.split("\n")[0]
    assert path.read_text(encoding="utf-8") == PAGE  # the user's file is untouched


BLOG = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Riverbend Notes</title>
<meta property="og:site_name" content="Riverbend Notes"><meta property="og:title" content="Riverbend Notes">
</head><body><header><a class="site-title" href="/">Riverbend Notes</a><nav><a href="/">Home</a></nav></header>
<main><article class="post"><h1 class="entry-title">The council's flood plan leaves the east bank waiting</h1>
<p>The town council voted on Tuesday to fund the first phase of its flood defences, but the east bank,
where the water rose highest last winter, will have to wait another two years for its wall.</p>
<p>“We were promised this in the last election and the one before that,” said Maria Lopez, who runs
the bakery on Mill Street. “Every year the sandbags come out and every year we are told next year.”</p>
<p>The plan's first phase covers the west bank and the bridge approaches, where engineers say the risk to
roads and the school is greatest. Councillors said money for the east bank would depend on a grant.</p>
</article></main>
<aside class="sidebar"><h3>Archives</h3><ul><li><a href="/2022/01/">January 2022</a></li>
<li><a href="/2021/12/">December 2021</a></li><li><a href="/2021/11/">November 2021</a></li></ul></aside>
<footer>© Riverbend Notes</footer></body></html>"""


def test_a_saved_page_whose_only_date_is_an_archive_link_gets_no_date(tmp_path):
    from real_corpora import metadata_analyzer

    from reader.search.articles import load_article
    from reader.search.indexer import update_index
    from reader.search.store import open_index

    path = tmp_path / "blog.html"
    path.write_text(BLOG, encoding="utf-8")
    doc = load_source(path)
    assert "published" not in doc.hints
    assert doc.hints["title"] == "The council's flood plan leaves the east bank waiting"  # not the site's name
    assert doc.hints["outlet"] == "Riverbend Notes" and doc.hint_sources["outlet"] == "html-meta"
    update_index(tmp_path / "index", [path], analyzer=metadata_analyzer)
    art = load_article(open_index(tmp_path / "index"), str(path.resolve()))
    assert art.published == "" and "published" not in art.record.meta_sources
    assert art.title == "The council's flood plan leaves the east bank waiting"


def test_web_page_without_article_text_is_refused(tmp_path):
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><title>Login</title></head><body><form></form></body></html>", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="no article text"):
        load_source(path)


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_bad_files_are_refused_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=reason):
        load_source(path)


def test_undecodable_bytes_fall_back_to_cp1252_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Price rose to \u00a3400 \u2013 “a record,” she said.".encode("cp1252"))
    doc = load_source(path)
    assert "£400 – “a record,”" in doc.text
    assert any("Windows-1252" in w for w in doc.warnings)


def test_very_large_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (5 * 1024 * 1024 // 5 + 10))
    with pytest.raises(UnreadableFile, match="too large"):
        load_source(path)


def test_vanished_file(tmp_path):
    with pytest.raises(UnreadableFile, match="not found"):
        load_source(tmp_path / "gone.txt")


def test_discover_recurses_and_reports_unsupported(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ["a/one.txt", "a/b/two.md", "a/b/three.html", "a/notes.pdf", "a/.hidden.txt"]:
        (tmp_path / name).write_text("x")
    (tmp_path / "single.docx").write_text("x")
    found = list(discover([tmp_path / "a", tmp_path / "single.docx", tmp_path / "missing"]))
    files = sorted(p.name for p in found if not isinstance(p, Skipped))
    skipped = {s.path.name: s.reason for s in found if isinstance(s, Skipped)}
    assert files == ["one.txt", "three.html", "two.md"]
    assert "unsupported" in skipped["single.docx"] and "no such" in skipped["missing"]
