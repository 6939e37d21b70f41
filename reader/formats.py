"""Text, Markdown and saved web pages, turned into source documents.

Text and Markdown: a leading YAML front-matter block (``reader.front_matter``)
gives metadata and is cut from the text that analysis and the reader see.
Web pages: trafilatura, a maintained extractor, finds the article body and
its metadata; the extracted text is what gets stored in the index (the page
itself is never changed). Dates come from the page's own metadata (htmldate's
original-date rules without its extensive search, which would take an
archive link or a copyright year for the publication date).
"""
from __future__ import annotations

from pathlib import Path

from reader.sources import SourceDocument
from reader.textio import DecodedText, UnreadableFile


class FormatUnavailable(UnreadableFile):
    """A format library is missing or broken: no file of that kind can be read here."""


def text_source(path: Path, decoded: DecodedText, sha: str, markdown: bool) -> SourceDocument:
    from reader.front_matter import split_front_matter

    fm = split_front_matter(decoded.text, strict=markdown)
    body = decoded.text[fm.body_start:]
    if not body.strip():
        raise UnreadableFile("no article text after the front matter")
    return SourceDocument(path, body, sha, "markdown" if markdown else "text", dict(fm.fields),
                          list(decoded.warnings) + fm.warnings,
                          dict.fromkeys(fm.fields, "front-matter"))


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _headline(html_text: str, sitename: str) -> str:
    """The page's one ``<h1>`` that is not the site's name, when the title tag only names the site."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html_text)
    except Exception:  # noqa: BLE001 - lxml raises several kinds on broken pages
        return ""
    heads = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    heads = [h for h in heads if h and not _same_name(h, sitename)]
    return heads[0] if len(heads) == 1 else ""


def html_source(path: Path, decoded: DecodedText, sha: str) -> SourceDocument:
    from reader.front_matter import check_fields

    try:
        import trafilatura
    except Exception as exc:  # noqa: BLE001 - e.g. justext needing lxml_html_clean
        raise FormatUnavailable(f"cannot read HTML: {type(exc).__name__}: {exc}") from None
    try:
        doc = trafilatura.bare_extraction(
            decoded.text, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except ImportError as exc:
        raise FormatUnavailable(f"cannot read HTML: {type(exc).__name__}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - trafilatura wraps lxml, which raises on some broken pages
        raise UnreadableFile(f"the web page could not be parsed ({type(exc).__name__})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise UnreadableFile("no article text found in the web page")
    found = {"title": getattr(doc, "title", None) or "", "author": getattr(doc, "author", None) or "",
             "published": getattr(doc, "date", None) or "", "url": getattr(doc, "url", None) or "",
             "outlet": getattr(doc, "sitename", None) or ""}
    sources = dict.fromkeys(found, "html-meta")
    if found["title"] and found["outlet"] and _same_name(found["title"], found["outlet"]):
        found["title"] = _headline(decoded.text, found["outlet"])  # a title tag naming only the site
    hostname = getattr(doc, "hostname", None) or ""
    if found["outlet"] and hostname and found["outlet"].lower() in hostname.lower():
        sources["outlet"] = "url"  # trafilatura fell back to the address's domain
    hints, problems = check_fields(found, "page metadata")
    hint_sources = {key: sources[key] for key in hints}
    warnings = list(decoded.warnings) + problems
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    title = hints.get("title", "")
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return SourceDocument(path, "\n\n".join(paragraphs) + "\n", sha, "html", hints, warnings, hint_sources)
