"""The export timing's stand-in analysis (no spaCy) finds real quotes with their speakers."""
from __future__ import annotations

from reader.bench.export_timing import marks_analyzer


def test_marks_analyzer_finds_quoted_words_and_the_name_after_them():
    text = ('Title\n\n"We will not back down on this," said Jane Doe, the minister.\n'
            "The so-called 'plan' was dropped. “Nobody asked us about any of it,” added Li Wei Chen.\n")
    (record,) = marks_analyzer([("a.txt", text, {"title": "T", "outlet": "BBC News"})])
    assert [(q.text, q.speaker) for q in record.quotes] == [
        ("We will not back down on this,", "Jane Doe"), ("Nobody asked us about any of it,", "Li Wei Chen")]
    assert all(text[q.start:q.end] == q.text for q in record.quotes)
    assert all(text[q.source_start:q.source_end] == q.speaker for q in record.quotes)
    assert (record.title, record.outlet) == ("T", "BBC News")
