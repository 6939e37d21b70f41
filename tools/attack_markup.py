"""Re-run issue 24's markup attack on the window and count what Qt would read as markup.

A library whose title, outlet, byline, speaker, cue and entity are HTML (with
an ``<img>``: hovering such a title loaded /dev/zero and aborted the app) is
opened in the window; every label, widget tooltip and model tooltip is
checked the way Qt checks it (``Qt.mightBeRichText``), and counted as
"markup" when the text Qt would show differs from the text the article holds
or an image would be loaded. The image here names a missing file, so a run
against unfixed code counts instead of crashing.

    QT_QPA_PLATFORM=offscreen python tools/attack_markup.py --src CHECKOUT
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = r'''
import sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QLabel, QWidget
from reader.analysis.record import ArticleRecord, Entity, Quote
from reader.search.indexer import update_index
from reader.ui.app import create_window, make_application, _wait_until

IMG = '<img src="missing-image.png">'
TITLE, OUTLET, SPEAKER, ENTITY = f"Budget {IMG} vote", f"<i>Daily</i> {IMG}", f"<b>Jane</b> {IMG}", f"<u>Acme</u> {IMG}"
app = make_application()
root = Path(sys.argv[1])
corpus = root / "corpus"
corpus.mkdir(parents=True)
(corpus / "a.txt").write_text(TITLE + "\n\nThe council met. \u201cWe will vote,\u201d said Jane.\n", encoding="utf-8")

def analyzer(items):
    for key, text, _h in items:
        s = text.index("We will vote")
        yield ArticleRecord(file=key, title=TITLE, outlet=OUTLET, author=f"<s>Staff</s> {IMG}",
                            quotes=[Quote(start=s, end=s + 12, text="We will vote", kind="direct", speaker=SPEAKER,
                                          speaker_type="person", cue=f"<sup>said</sup> {IMG}", confidence=0.9)],
                            entities=[Entity(name=ENTITY, type="organisation", mentions=[(0, 6)])])

opts = {"analyzer": analyzer, "resolver": lambda r, s: (r.outlet, "unknown", [])}
update_index(root / "index", [corpus], **opts)
w = create_window(index_dir=root / "index", index_options=opts)
w.dialogs_enabled = False
w.show()
_wait_until(lambda: w.controller.ready and not w.controller.search_pending(), 30000)
w.library_view.selectRow(0)
_wait_until(lambda: False, 300)

def markup(text, fmt=Qt.TextFormat.AutoText):
    """None: not about the article; True: Qt reads the article's markup (or loads its image)."""
    rich = fmt == Qt.TextFormat.RichText or fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    image = False
    if rich:
        doc = QTextDocument()
        doc.setHtml(text)
        shown = doc.toPlainText()
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                image = image or it.fragment().charFormat().isImageFormat()
                it += 1
            block = block.next()
    else:
        shown = text
    if not any(w in shown for w in ("Budget", "Daily", "Jane", "Acme", "Staff", "said")):
        return None
    return image or "missing-image.png" not in shown


checked = bad = 0
def count(text, fmt=Qt.TextFormat.AutoText, where=""):
    global checked, bad
    verdict = markup(text, fmt) if text else None
    if verdict is not None:
        checked += 1
        bad += verdict
        if verdict:
            print("BAD", where, repr(text[:100]))

for label in w.findChildren(QLabel):
    count(label.text(), label.textFormat(), "label")
for widget in w.findChildren(QWidget):
    count(widget.toolTip(), where=f"tooltip of {type(widget).__name__}")
for model in (w.library_model, w.entities_panel.model, w.quotes_model):
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            count(model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or "", where=type(model).__name__)
doc = w.reading_view.browser.document()
from PySide6.QtGui import QTextCursor
cur = QTextCursor(doc)
cur.setPosition(doc.toPlainText().find("We will vote") + 2)
tip = cur.charFormat().toolTip()
try:
    from reader.ui.plain_text import tooltip
    tip = tooltip(tip)  # what the browser hands to QToolTip
except ImportError:
    pass
count(tip, where="quote tooltip in the reading view")
print(f"RESULT {bad} of {checked} labels and tooltips read as markup")
'''


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1])
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="parallax-markup-") as tmp:
        env = dict(os.environ, PYTHONPATH=str(args.src), PARALLAX_HOME=str(Path(tmp) / "home"),
                   QT_QPA_PLATFORM="offscreen")
        done = subprocess.run([sys.executable, "-c", PROBE, tmp], cwd=args.src, env=env, capture_output=True,
                              text=True, timeout=300)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULT")), None)
    print("\n".join(ln for ln in done.stdout.splitlines() if ln.startswith("BAD"))[:3000])
    print(line[7:] if line else f"the probe failed:\n{done.stderr[-2000:]}")
    return 0 if line else 1


if __name__ == "__main__":
    sys.exit(main())
