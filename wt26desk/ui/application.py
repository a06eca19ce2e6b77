"""Start the Qt application: one QApplication, the theme, the main window."""

from __future__ import annotations

import argparse
import gc
import signal
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from wt26desk import APP_NAME, __version__
from wt26desk.assets import resource_path
from wt26desk.commands.context import Context
from wt26desk.errors import Wt26Error
from wt26desk.settings import Settings, save_settings
from wt26desk.ui.common.ops import Operations
from wt26desk.ui.common.theme import apply_theme, apply_zoom, base_font
from wt26desk.ui.main_window import AfterFirstPaint, MainWindow
from wt26desk.ui.vault.vault_controller import MISSING, UNLOCKED, VaultController

if TYPE_CHECKING:
    from wt26desk.content_library.library import Library


def make_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("wt26desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(QIcon(str(resource_path("icons/wt26desk-256.png"))))  # PNG: no SVG module
    return app


def load_content(ctx: Context) -> None:
    """The content library from its validated snapshot when the content is unchanged."""
    if ctx._library is not None:
        return
    from wt26desk.assets import content_dir, install_root
    from wt26desk.ui.library.content_snapshot import BUNDLED, load_with_snapshot

    try:
        ctx.paths.ensure()  # the snapshot lives in the user's own data folder (mode 700)
    except OSError:
        return  # a folder that cannot be written: load from the files, as before
    ctx._library = load_with_snapshot(
        content_dir(),
        ctx.pack_dirs,
        ctx.paths.data_dir / "cache",
        bundled=install_root() / BUNDLED,  # only the standalone bundle has one
    )


def build_main_window(app: QApplication, ctx: Context) -> MainWindow:
    def library() -> Library:
        load_content(ctx)
        return ctx.library

    system_font = base_font(app)

    def apply_view(settings: Settings) -> None:
        apply_theme(app, settings.theme)
        apply_zoom(app, system_font, settings.zoom_percent)

    def persist(settings: Settings) -> None:
        try:
            ctx.paths.ensure()
            save_settings(ctx.paths.settings_file, settings)
        except (Wt26Error, OSError) as exc:
            print(f"warning: settings not saved: {exc}", file=sys.stderr)

    apply_view(ctx.settings)
    vault = VaultController(ctx.paths.vault_dir, ctx.settings.idle_lock_minutes, Operations(app))
    window = MainWindow(
        library,  # loaded when first needed: the welcome and unlock pages show none of it
        ctx.settings,
        persist,
        apply_view,
        vault,
        calendar=ctx.calendar(),
        demo_vault_dir=ctx.paths.demo_vault_dir,
        organisation=ctx.organisation,
    )
    watch_for_idle(app, vault, window)
    # A bound method of the window: the connection ends when the window does.
    app.styleHints().colorSchemeChanged.connect(window.follow_system_scheme)
    return window


class ActivityFilter(QObject):
    """Any key press, click or scroll anywhere in the app counts as activity."""

    EVENTS = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, vault: VaultController, parent: QObject) -> None:
        super().__init__(parent)
        self._vault = vault

    def follow(self, state: str) -> None:
        """Watch only while a vault is open: idle time locks nothing else, and an
        application-wide filter costs a call for every event (thousands to build and
        paint the window the first time)."""
        app = QApplication.instance()
        if app is None:
            return
        app.removeEventFilter(self)
        if state == UNLOCKED:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.EVENTS:
            self._vault.touch()
        return False


def watch_for_idle(app: QApplication, vault: VaultController, window: MainWindow) -> None:
    """Lock after the idle time, and when the system suspends (where Qt reports it)."""
    activity = ActivityFilter(vault, window)
    vault.state_changed.connect(activity.follow)
    activity.follow(vault.state)
    window.destroyed.connect(lambda: app.removeEventFilter(activity))
    timer = QTimer(window)
    timer.setInterval(5_000)
    timer.timeout.connect(vault.check_idle)
    timer.start()
    app.applicationStateChanged.connect(window.lock_on_suspend)


def install_crash_handler(ctx: Context, window: MainWindow) -> None:
    """Uncaught errors: a report with no note text, and a calm message in the window."""
    from wt26desk.crash import install

    def tell(path: object) -> None:
        from PySide6.QtWidgets import QMessageBox  # only if it is ever needed

        where = f"A report (it holds no note text) was saved to {path}." if path else ""
        QMessageBox.critical(
            window,
            "wt26desk met a problem",
            "Something unexpected went wrong. Every saved note is safe in the vault and "
            f"drafts are saved as you type. {where} If it happens again, please send "
            "the report to your IT team.",
        )

    install(ctx.paths.data_dir / "crash-reports", tell)


def show_self_check(ctx: Context, window: MainWindow) -> list[str]:
    from wt26desk.self_check import self_check

    findings = [str(f) for f in self_check(ctx.paths, window.library)]
    findings += list(ctx.organisation.problems)
    window.show_startup_problems(findings)
    return findings


EXIT_INTERRUPTED = 130  # as a shell reports Ctrl+C


def stop_on_interrupt(app: QApplication, window: MainWindow) -> None:
    """Ctrl+C in the terminal closes the window as a click would (the vault locks, drafts
    are kept) and ends with exit 130, without a traceback. Qt's event loop runs no Python
    while it waits, so a timer lets Python see the signal."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return  # someone else (a test runner, an embedding app) handles it

    def interrupted(_signum: int, _frame: object) -> None:
        window.close()
        app.exit(EXIT_INTERRUPTED)

    signal.signal(signal.SIGINT, interrupted)
    wake = QTimer(window)
    wake.setInterval(200)
    wake.timeout.connect(lambda: None)
    wake.start()


OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def quiet_offscreen(app: QApplication) -> None:
    """Qt's offscreen platform says the same line for every window: not a problem, only
    noise for someone reading the output of `--smoke` on a server."""
    if app.platformName() != "offscreen":
        return
    previous = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message == OFFSCREEN_NOISE:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr, flush=True)

    previous = qInstallMessageHandler(handler)


def start_gui(args: argparse.Namespace, ctx: Context) -> int:
    app = make_application(sys.argv[:1])
    quiet_offscreen(app)
    window = build_main_window(app, ctx)
    # What start-up made (modules, the window) lives as long as the app: the cycle
    # collector need not walk it again at every full collection, nor at exit. It was
    # off while all that was made (app.run_gui): on again from here.
    gc.freeze()
    gc.enable()
    install_crash_handler(ctx, window)
    window.show()
    checked: list[list[str]] = []

    def check_once() -> list[str]:
        if not checked:
            checked.append(show_self_check(ctx, window))
        return checked[0]

    def smoke_finish() -> None:
        """Paint the window once, as a user would see it, say what was seen, then quit."""
        if window.vault.ops.busy:  # the demo vault is still opening: wait for it
            QTimer.singleShot(50, smoke_finish)
            return
        image = window.grab()
        findings = check_once()
        ok = not image.isNull() and window.isVisible() and len(window.library) > 0
        vault = "demo vault open" if window.vault.training else f"vault {window.vault.state}"
        check = "self-check ok" if not findings else f"self-check: {'; '.join(findings)}"
        print(
            f"smoke: window painted {image.width()}x{image.height()}, "
            f"{len(window.library)} items, {vault}, {check}",
            flush=True,
        )
        window.close()
        app.exit(0 if ok else 1)

    def after_first_paint() -> None:
        if args.smoke:  # when the window was first seen, for bench/run.py to time
            print(f"smoke: first paint at {time.time():.6f}", flush=True)
        check_once()
        if args.smoke:
            smoke_finish()

    # After the first paint: the check writes and syncs a probe file, and reads the
    # content's problems (the content loads then, unless the first page needed it).
    after_paint = AfterFirstPaint(window.statusBar(), after_first_paint)  # noqa: F841 (kept alive)
    if getattr(args, "demo", False) and window.vault.state == MISSING:
        window.start_demo()  # nothing set up yet: show what the app does with fictional data
    stop_on_interrupt(app, window)
    return app.exec()
