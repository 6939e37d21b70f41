"""The core must import and work with PySide6 unavailable (napari/Anki style)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BLOCK_QT = """
import sys, importlib.abc
class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
            raise ImportError("PySide6 is blocked in this test")
sys.meta_path.insert(0, BlockQt())
"""


def core_modules() -> list[str]:
    names = []
    for path in sorted((ROOT / "reader").rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        if "ui" in rel.parts or rel.name == "__main__":
            continue
        names.append(".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts))
    return names


def test_core_modules_import_without_pyside6():
    modules = core_modules()
    assert "reader.search.query" in modules and "reader.analysis.record" in modules
    code = BLOCK_QT + "import importlib\n" + "".join(
        f"importlib.import_module({m!r})\n" for m in modules) + (
        "assert not any(m.startswith('PySide6') for m in sys.modules)\nprint('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_blocker_really_blocks():
    """Guard against a blocker that silently lets Qt through."""
    code = BLOCK_QT + "import PySide6.QtCore\n"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode != 0 and "blocked" in out.stderr


def _imports_qt(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
            return True
    return False


def test_every_ui_module_draws_with_qt():
    """reader/ui/ holds only code that draws or wires Qt; Qt-free code belongs in the core."""
    ui = ROOT / "reader" / "ui"
    qt_free = [p.relative_to(ui).as_posix() for p in sorted(ui.rglob("*.py"))
               if p.name != "__init__.py" and not _imports_qt(p)]
    # these two prepare PySide6's import machinery before and as it loads
    assert qt_free == ["before_qt.py", "pyside_feature.py"], f"move these out of reader/ui/: {qt_free}"
