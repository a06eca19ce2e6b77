"""PDF rendering and images need a QGuiApplication (fonts, painting), not widgets. The
command line gets an offscreen one; inside the app the existing QApplication serves."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication

_app: QGuiApplication | None = None


def ensure_gui_application() -> None:
    global _app
    if QGuiApplication.instance() is not None:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])
