"""Peer engines for ``parallax bench --peers``: the same texts and queries in Tantivy.

Tantivy (the Rust engine behind several modern desktop and server search
tools; ``pip install parallax-reader[bench]``) indexes exactly the titles,
bodies and entity keys of the Whoosh index under test, with English stemming
like ours, and answers the same query mix with a top 10, a total and
snippets. Its index is cached beside the corpus between runs.

Recoll (the desktop peer; Xapian) is not installed by pip; the README says
how to add it for a manual run.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from reader.search import fields as F
from reader.search.documents import entity_key


def tantivy_available() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


class TantivyPeer:
    """A Tantivy index of the same documents, searched like the window searches."""

    def __init__(self, view, folder: Path) -> None:
        import tantivy

        self._tantivy = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("kind", stored=False, tokenizer_name="raw")
        builder.add_text_field("entity_key", stored=False, tokenizer_name="raw")
        self.schema = builder.build()
        stamp = folder / "parallax-peer.json"
        wanted = {"docs": view.doc_count(), "generation": view.generation}
        fresh = not (stamp.is_file() and json.loads(stamp.read_text()) == wanted)
        if fresh:
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(folder))
        if fresh:
            self._fill(view)
            stamp.write_text(json.dumps(wanted))
        self.index.reload()
        self.searcher = self.index.searcher()

    def _fill(self, view) -> None:
        writer = self.index.writer(heap_size=200_000_000, num_threads=1)
        columns = view.columns()
        for docnum in view.all_docnums():
            stored = view.stored(docnum)
            lines = (columns.get(F.ENTITY_LIST, docnum) or b"").decode("utf-8").split("\n")
            keys = [entity_key(*line.split(":", 1)) for line in lines if ":" in line]
            writer.add_document(self._tantivy.Document(
                title=stored.get(F.TITLE, ""), body=stored.get(F.BODY, ""),
                kind=(stored.get(F.KIND) or "").lower(), entity_key=keys or [""]))
        writer.commit()
        writer.wait_merging_threads()

    def search(self, text: str, entity_keys: tuple[str, ...] = (), limit: int = 10) -> int:
        """Top ``limit`` with snippets; returns the total count."""
        tv = self._tantivy
        parts = []
        if text.strip():
            parts.append((tv.Occur.Must, self.index.parse_query(text, ["title", "body"],
                                                               conjunction_by_default=True)))
        for key in entity_keys:
            parts.append((tv.Occur.Must, tv.Query.term_query(self.schema, "entity_key", key)))
        query = tv.Query.boolean_query(parts) if parts else tv.Query.all_query()
        result = self.searcher.search(query, limit, count=True)
        if text.strip():
            generator = tv.SnippetGenerator.create(self.searcher, query, self.schema, "body")
            for _score, address in result.hits:
                generator.snippet_from_doc(self.searcher.doc(address)).to_html()
        return result.count
