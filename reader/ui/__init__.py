"""The desktop UI (PySide6). The only package allowed to import Qt."""
from reader.ui import before_qt  # noqa: F401 - first: see reader/ui/before_qt.py

try:
    from reader.ui.pyside_fix import protect_singletons
except ImportError:  # PySide6 missing: only the Qt-free helpers (reader.render) are usable
    pass
else:
    protect_singletons()  # before other Qt calls: see reader/ui/pyside_fix.py
    from reader.ui.pyside_feature import spare_feature_checks

    spare_feature_checks(__path__)  # see reader/ui/pyside_feature.py
