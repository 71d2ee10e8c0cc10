"""Drive the course in JupyterLab, in a real headless Chromium, as a student would.

``LabServer`` starts ``.venv``'s ``jupyter lab`` (the one ``make lab`` runs, no extra
install) on a free loopback port with throw-away config, data, runtime and workspace
folders, and stops it and every process it started, pass or fail. ``launch_chromium``
starts the system Chromium through Playwright (``executable_path``; Playwright never
downloads a browser). ``Notebook`` opens one notebook in a fresh browser context, runs
every cell through the Run menu, waits until the kernel is idle, checks that no error
dialog, error output or broken widget is showing, and hands out the code ``Cell`` that
holds a widget, so a test can move a slider, type in a box, press a button and wait
for a text or an image to change. Every wait is Playwright's own (``expect`` and
``wait_for_function``), never a sleep.
"""

import contextlib
import ctypes
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
JUPYTER = Path(sys.prefix) / "bin" / "jupyter"

# Without the background-networking flags Chromium keeps trying to reach Google's
# hosts, and this closed network refuses every attempt.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-dev-shm-usage"]

# JupyterLab settings for the test's private settings folder: never save over the
# notebook under test (autosave would write executed outputs into the committed file),
# never ask about or fetch news, never check for updates; and lay out every cell
# (windowing "none"): JupyterLab's default skips the layout of cells out of view, whose
# sizes then jump as they scroll in, so screenshots of a cell caught a neighbour.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"checkForUpdates": False, "fetchNews": "false", "doNotDisturbMode": True},
}

# The notebook on show (one per browser page).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# The marks a hand-check report puts on each entry.
RIGHT, WRONG = "\u2713", "\u2717"  # check mark, ballot x

# What a broken widget shows in place of itself: JupyterLab's widget renderer writes the
# first two texts when a model is missing or never arrives; ipywidgets 8 draws its error
# view (a broken-page icon, "Click to show javascript error.") when a view fails to build.
WIDGET_FAILURES = ("Error displaying widget", "Loading widget...")
WIDGET_ERROR_VIEW = ".jupyter-widgets-error-widget"

# An error output, as IPython prints it: a traceback, or (SyntaxError) just the error line.
# Warnings also go to stderr but read "path:line: SomeWarning: ...".
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\w*(Error|Exception)(: |$)", re.M)

# Run-all can take as long as the slowest lesson (under 60 s on 2 cores) plus headroom
# for the browser and a busy machine.
RUN_ALL_TIMEOUT_MS = 240_000
CHANGE_TIMEOUT_MS = 30_000
SETTLE_TIMEOUT_MS = 20_000
OPEN_TIMEOUT_MS = 90_000


class BrowserUnavailable(RuntimeError):
    """No Chromium could be started; the browser tests report skipped with this reason."""


class NotebookError(AssertionError):
    """The notebook, as shown in JupyterLab, is not in the state a student should see."""


def find_chromium():
    """The system Chromium: $COURSE_CHROMIUM, else ``chromium`` (Debian) or ``chromium-browser`` on PATH."""
    explicit = os.environ.get("COURSE_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium(playwright, home):
    """Start the system Chromium headless, or raise ``BrowserUnavailable`` saying why not.

    ``home`` (a temporary folder) receives what Chromium keeps outside its profile (crash
    reports, caches), which would otherwise land in the user's ~/.config and ~/.cache.
    """
    executable = find_chromium()
    if executable is None:
        raise BrowserUnavailable("no Chromium found (install Debian's `chromium` package, as .ci/run does, "
                                 "or set COURSE_CHROMIUM=/path/to/chromium)")
    try:
        # A non-persistent launch gives Chromium a new empty profile (user-data dir) every time.
        env = dict(os.environ, XDG_CONFIG_HOME=str(Path(home) / "config"),
                   XDG_CACHE_HOME=str(Path(home) / "cache"))
        return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS, env=env,
                                          timeout=60_000)
    except PlaywrightError as exc:
        raise BrowserUnavailable(f"{executable} did not start: {str(exc).splitlines()[0]}") from exc


def new_context(browser):
    """A browser context (cookies, cache, storage) for a test session: one per run, shared by its pages,
    so JupyterLab's scripts load from cache after the first notebook; each notebook still gets its own page
    and its own JupyterLab workspace."""
    return browser.new_context(viewport={"width": 1400, "height": 1000})


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent():
    """In the child, before exec: get SIGTERM if the test process dies, so no server outlives a killed run."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class LabServer:
    """``jupyter lab`` from this environment, serving ``root`` on a free loopback port.

    Everything it writes (config, user settings, workspaces, runtime files, its log)
    goes to a temporary folder removed by ``stop``; nothing asks for a token or opens
    a browser. Use as a context manager, or call ``start`` and ``stop``.
    """

    def __init__(self, root=ROOT):
        self.root = Path(root)
        self.port = None
        self.process = None
        self.home = None
        self.log_path = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def start(self, timeout=120):
        self.home = Path(tempfile.mkdtemp(prefix="course-lab-"))
        config = self.home / "config"
        for name, values in LAB_SETTINGS.items():
            path = config / "lab" / "user-settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config), JUPYTER_DATA_DIR=str(self.home / "data"),
                   JUPYTER_RUNTIME_DIR=str(self.home / "runtime"), IPYTHONDIR=str(self.home / "ipython"),
                   JUPYTER_PLATFORM_DIRS="0", PYDEVD_DISABLE_FILE_VALIDATION="1")
        env.pop("JUPYTER_PATH", None)
        self.port = free_port()
        command = [str(JUPYTER), "lab", "--no-browser", f"--ServerApp.root_dir={self.root}",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   "--ServerApp.allow_root=True", "--IdentityProvider.token=",
                   "--ServerApp.disable_check_xsrf=True", "--ServerApp.terminals_enabled=False",
                   f"--LabApp.user_settings_dir={config / 'lab' / 'user-settings'}",
                   f"--LabApp.workspaces_dir={config / 'lab' / 'workspaces'}",
                   "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                   # Safety nets should this process be killed before its finalizer runs.
                   "--ServerApp.shutdown_no_activity_timeout=900", "--MappingKernelManager.cull_idle_timeout=900",
                   "--MappingKernelManager.cull_interval=60"]
        self.log_path = self.home / "jupyter-lab.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL, start_new_session=True,
                                             preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        try:
            self._wait_until_answering(timeout)
        except BaseException:
            self.stop(keep_log=True)
            raise
        return self

    def _wait_until_answering(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with code {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"jupyter lab did not answer on {self.url} within {timeout} s:\n"
                                   f"{self.log_tail()}")
            time.sleep(0.2)  # polling a starting server over HTTP: there is no page to wait on yet

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def api(self, path, method="GET"):
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def saves_of(self, path):
        """The server's log lines for saves of ``path`` (relative to the served root) through JupyterLab."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return [line for line in text.splitlines() if f"Saving file at /{path}" in line]

    def shut_down_kernels(self):
        """End every kernel session (a test's notebook is done; free its memory for the next)."""
        for session in self.api("sessions"):
            with contextlib.suppress(urllib.error.URLError):
                self.api(f"sessions/{session['id']}", method="DELETE")

    def stop(self, keep_log=False):
        """Stop the server and every process it started (kernels run in sessions of their own)."""
        if self.process is not None:
            try:
                family = psutil.Process(self.process.pid).children(recursive=True)
            except psutil.Error:
                family = []
            if self.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGTERM)  # the server shuts its kernels down
                try:
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait(timeout=15)
            for child in family:
                with contextlib.suppress(psutil.Error):
                    child.kill()
            psutil.wait_procs(family, timeout=10)
            self.process = None
        if self.home is not None and not keep_log:
            shutil.rmtree(self.home, ignore_errors=True)


def artifacts_dir(test_name):
    """A fresh folder for one test's screenshots: test-artifacts/browser/<test name>/."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", test_name).strip("_")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _label(name):
    """Matches a widget label that is ``name``, optionally followed by a colon or more words."""
    return re.compile(rf"^\s*{re.escape(name)}(\s|:|$)", re.I)


class Cell:
    """One code cell of an open notebook, with its outputs and the widgets in them."""

    def __init__(self, notebook, locator):
        self.notebook = notebook
        self.locator = locator
        self.outputs = locator.locator(".jp-OutputArea").first

    def slider(self, name):
        """The ipywidgets slider (Int or Float) whose description is ``name``."""
        return Slider(self, self.locator.locator(".widget-slider").filter(
            has=self.notebook.page.locator(".widget-label", has_text=_label(name))).first)

    def text_box(self, name):
        """The input of the Text/FloatText/IntText widget whose description is ``name``."""
        box = self.locator.locator(".widget-text").filter(
            has=self.notebook.page.locator(".widget-label", has_text=_label(name))).first
        return box.locator("input")

    def text_boxes(self):
        return self.locator.locator(".widget-text input")

    def button(self, name):
        return self.locator.locator("button.jupyter-button").filter(has_text=_label(name)).first

    def text(self):
        return self.outputs.inner_text()

    def search(self, pattern):
        """The first match of ``pattern`` (a regex, same syntax in Python and JS) in the cell's output text."""
        match = re.search(pattern, self.text())
        if match is None:
            raise NotebookError(f"no text matching /{pattern}/ in the output of this cell:\n{self.text()[:2000]}")
        return match.group(0)

    def wait_for_text_change(self, pattern, old, timeout=CHANGE_TIMEOUT_MS):
        """Wait until the output text matching ``pattern`` exists and differs from ``old``; return it."""
        try:
            handle = self.notebook.page.wait_for_function(
                """([node, pattern, old]) => {
                       const match = node.innerText.match(new RegExp(pattern));
                       return match && match[0] !== old ? match[0] : null;
                   }""", arg=[self.outputs.element_handle(), pattern, old], timeout=timeout)
        except PlaywrightError as exc:
            raise NotebookError(f"the text /{pattern}/ stayed {old!r} for {timeout / 1000:.0f} s; "
                                f"output now:\n{self.text()[:2000]}") from exc
        self.notebook.wait_until_idle()
        return handle.json_value()

    def wait_for_marks(self, right, wrong, timeout=CHANGE_TIMEOUT_MS):
        """Wait until the output shows exactly ``right`` right and ``wrong`` wrong marks; return its text."""
        try:
            handle = self.notebook.page.wait_for_function(
                """([node, right, wrong, marks]) => {
                       const text = node.innerText;
                       const count = (mark) => text.split(mark).length - 1;
                       return count(marks[0]) === right && count(marks[1]) === wrong ? text : null;
                   }""", arg=[self.outputs.element_handle(), right, wrong, [RIGHT, WRONG]], timeout=timeout)
        except PlaywrightError as exc:
            raise NotebookError(f"expected {right} {RIGHT} and {wrong} {WRONG} within {timeout / 1000:.0f} s; "
                                f"output now:\n{self.text()[:2000]}") from exc
        self.notebook.wait_until_idle()
        return handle.json_value()

    def image(self):
        """A SHA-256 of the bytes of the cell's first output image.

        Matplotlib output arrives as a data URL, an ``ipywidgets.Image`` as a blob URL
        that is new on every redraw even when the picture is not; the page fetches
        whichever it is, so "changed" means the picture's bytes changed.
        """
        expect(self.outputs.locator("img").first).to_be_attached(timeout=SETTLE_TIMEOUT_MS)
        return self._image_digest(None, SETTLE_TIMEOUT_MS)

    def wait_for_image_change(self, old, timeout=CHANGE_TIMEOUT_MS):
        """Wait until the first output image's bytes differ from the digest ``old``; return the new digest."""
        try:
            digest = self._image_digest(old, timeout)
        except PlaywrightError as exc:
            raise NotebookError(f"the output image did not change within {timeout / 1000:.0f} s") from exc
        self.notebook.wait_until_idle()
        return digest

    def _image_digest(self, old, timeout):
        return self.notebook.page.wait_for_function(
            """async ([node, old]) => {
                   const image = node.querySelector('img');
                   if (!image || !image.src) return null;
                   try {
                       const bytes = await (await fetch(image.src)).arrayBuffer();
                       const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
                       const hex = Array.from(digest, b => b.toString(16).padStart(2, '0')).join('');
                       return hex !== old ? hex : null;
                   } catch (error) {
                       return null;  // a blob URL revoked by a redraw in between: look again
                   }
               }""", arg=[self.outputs.element_handle(), old], timeout=timeout, polling=100).json_value()

    def screenshot(self, name):
        """Screenshot of this cell (scrolled into view) as <artifacts>/<n>-<name>.png."""
        return self.notebook.screenshot(name, self.locator)


class Slider:
    """An ipywidgets 8 slider: a noUiSlider handle (keyboard) and an editable readout (typed value)."""

    def __init__(self, cell, locator):
        self.cell = cell
        self.locator = locator
        self.handle = locator.locator(".noUi-handle").first
        self.readout = locator.locator(".widget-readout").first

    @property
    def value(self):
        expect(self.readout).to_be_visible(timeout=SETTLE_TIMEOUT_MS)
        return self.readout.inner_text().strip()

    def press(self, key, times=1):
        """Move with the keyboard, as a student can: ArrowRight/ArrowLeft one step, PageUp/PageDown, Home/End."""
        for _ in range(times):
            self.handle.press(key)
        return self.value

    def set(self, value):
        """Type ``value`` into the readout and press Enter, as a student can; return the readout shown."""
        self.readout.click()
        self.readout.press("Control+A")
        self.readout.press_sequentially(str(value))
        self.readout.press("Enter")
        return self.value


class Notebook:
    """One notebook open in JupyterLab in a page (a browser tab) and a JupyterLab workspace of its own."""

    _opened = 0

    def __init__(self, context, server, path, artifacts):
        Notebook._opened += 1
        self.server = server
        self.path = Path(path)
        self.artifacts = artifacts
        self.shots = 0
        self.rel = self.path.resolve().relative_to(server.root).as_posix()
        self.problems = []  # page errors and browser dialogs, reported on failure
        self.page = context.new_page()
        self.page.set_default_timeout(SETTLE_TIMEOUT_MS)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._browser_dialog)
        self.console = []
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        try:
            self._open(OPEN_TIMEOUT_MS)
        except BaseException:
            self.screenshot("open-failed")
            self.page.close()
            raise

    def _open(self, timeout):
        """Load JupyterLab on this notebook in a workspace of its own (no layout of an earlier test
        is restored) and wait until its cells show and its kernel is idle, or a dialog says why not."""
        self.page.goto(f"{self.server.url}/lab/workspaces/course-test-{Notebook._opened}/tree/{self.rel}",
                       wait_until="domcontentloaded", timeout=timeout)
        self.panel = self.page.locator(PANEL).first
        self.wait_until_idle(timeout=timeout)
        if not self.panel.locator(".jp-Cell").count():
            raise NotebookError(f"{self.path}: JupyterLab shows no cell")

    def _browser_dialog(self, dialog):
        self.problems.append(f"browser {dialog.type} dialog: {dialog.message}")
        dialog.dismiss()

    # -- state ------------------------------------------------------------------------------------------

    def kernel_status(self):
        indicator = self.panel.locator(".jp-Notebook-ExecutionIndicator")
        return indicator.first.get_attribute("data-status") if indicator.count() else None

    def wait_until_idle(self, timeout=SETTLE_TIMEOUT_MS):
        """Wait until the notebook has a kernel ("No Kernel" is reported idle too) and it is idle;
        fail at once if JupyterLab shows a dialog instead (a load error, a kernel choice...)."""
        try:
            state = self.page.wait_for_function(
                """(panel) => {
                       if (document.querySelector('.jp-Dialog')) return 'dialog';
                       const node = document.querySelector(panel);
                       const kernel = node?.querySelector('.jp-Toolbar-kernelName')?.textContent.trim();
                       const status = node?.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
                       return kernel && kernel !== 'No Kernel' && status === 'idle' ? 'idle' : null;
                   }""", arg=PANEL, timeout=timeout, polling=100).json_value()
        except PlaywrightError as exc:
            raise NotebookError(f"{self.path}: kernel not idle after {timeout / 1000:.0f} s "
                                f"(status {self.kernel_status()!r})") from exc
        if state == "dialog":
            raise NotebookError(f"{self.path}: JupyterLab shows a dialog{self._dialog_text()}")

    def _dialog_text(self):
        dialogs = self.page.locator(".jp-Dialog")
        if dialogs.count():
            return "; dialog open: " + " | ".join(t.strip() for t in dialogs.all_inner_texts())
        return ""

    # -- actions ----------------------------------------------------------------------------------------

    def menu(self, menu, item):
        """Click ``item`` in the menu bar's ``menu`` (e.g. Run > Run All Cells)."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(menu)}$")).click()
        self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).click()

    def run_all(self, timeout=RUN_ALL_TIMEOUT_MS):
        """Clear outputs, Run > Run All Cells, and wait until every code cell ran and the kernel is idle.

        Clearing first makes "every cell has a fresh execution count" mean "this run
        finished"; a cell that raises stops the run, which is reported with its error.
        """
        self.menu("Edit", "Clear Outputs of All Cells")
        expect(self.panel.locator(".jp-CodeCell .jp-InputPrompt", has_text=re.compile(r"\d"))).to_have_count(0)
        self.menu("Run", "Run All Cells")
        try:
            state = self.page.wait_for_function(
                """(panel) => {
                       const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                           .map(p => p.textContent.trim());
                       const status = panel.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
                       if (prompts.some(p => p.includes('*')) || status !== 'idle') return null;
                       if (prompts.every(p => /\\d/.test(p))) return 'done';
                       return panel.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]')
                           ? 'error' : null;
                   }""", arg=self.panel.element_handle(), timeout=timeout, polling=250).json_value()
        except PlaywrightError as exc:
            self.screenshot("run-all-timeout")
            raise NotebookError(f"{self.path}: Run All Cells did not finish within {timeout / 1000:.0f} s "
                                f"(kernel {self.kernel_status()!r}){self._dialog_text()}") from exc
        if state == "error":
            self.screenshot("run-all-error")
            raise NotebookError(f"{self.path}: a cell raised during Run All Cells:\n{self.error_outputs()}")

    # -- checks -----------------------------------------------------------------------------------------

    def error_outputs(self):
        """The tracebacks shown (stderr outputs that are errors, not warnings), last 1500 characters of each."""
        stderr = self.panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        return "\n".join(text[-1500:] for text in stderr.all_inner_texts() if TRACEBACK.search(text))

    def assert_clean(self):
        """No error dialog, no traceback in an output, no widget showing an error or stuck loading.

        A widget view renders a moment after its cell finished, so "Loading widget..."
        is given a few seconds to go away before it counts as stuck.
        """
        found = []
        for failure in WIDGET_FAILURES:
            shown = self.panel.locator(".jp-OutputArea-output", has_text=failure)
            patience = SETTLE_TIMEOUT_MS if failure.startswith("Loading") else 2000
            try:
                expect(shown).to_have_count(0, timeout=patience)
            except AssertionError:
                found.append(f"{shown.count()} output(s) showing {failure!r}: "
                             + " | ".join(t.strip()[:300] for t in shown.all_inner_texts()))
        broken = self.panel.locator(WIDGET_ERROR_VIEW)
        if broken.count():
            broken.first.click()  # the error view reveals its message when clicked
            message = [line for line in broken.first.inner_text().splitlines()
                       if line.strip() and not line.startswith(("[Open Browser Console", "Click to show"))]
            found.append(f"{broken.count()} widget(s) failed to render (ipywidgets error view): "
                         + " ".join(message)[:500])
        dialog = self._dialog_text()
        if dialog:
            found.append(dialog.lstrip("; "))
        errors = self.error_outputs()
        if errors:
            found.append(f"error output:\n{errors}")
        found.extend(self.problems)
        if found:
            self.screenshot("not-clean")
            raise NotebookError(f"{self.path} in JupyterLab:\n- " + "\n- ".join(found))

    # -- finding cells ----------------------------------------------------------------------------------

    def cell_with(self, selector, has_text=None, timeout=SETTLE_TIMEOUT_MS):
        """The first code cell whose outputs contain an element matching ``selector`` (and ``has_text``)."""
        inner = self.page.locator(selector, has_text=has_text) if has_text else self.page.locator(selector)
        cell = self.panel.locator(".jp-CodeCell").filter(has=inner).first
        try:
            expect(cell).to_be_attached(timeout=timeout)
        except AssertionError as exc:
            what = f"{selector} with text {has_text!r}" if has_text else selector
            raise NotebookError(f"{self.path}: no cell shows {what}") from exc
        cell.scroll_into_view_if_needed()
        return Cell(self, cell)

    def cell_with_slider(self, name, timeout=SETTLE_TIMEOUT_MS):
        return self.cell_with(".widget-slider .widget-label", has_text=_label(name), timeout=timeout)

    def cell_with_button(self, name, timeout=SETTLE_TIMEOUT_MS):
        return self.cell_with("button.jupyter-button", has_text=_label(name), timeout=timeout)

    # -- evidence ---------------------------------------------------------------------------------------

    def screenshot(self, name, locator=None):
        self.shots += 1
        path = self.artifacts / f"{self.shots:02d}-{self.path.stem}-{name}.png"
        with contextlib.suppress(PlaywrightError):
            (locator or self.page).screenshot(path=path)
        return path

    def screenshot_widget_cells(self, limit=12):
        """One screenshot per code cell that shows a widget (scrolled into view), as run."""
        widget = self.page.locator(".jp-OutputArea-output .jupyter-widgets")
        cells = self.panel.locator(".jp-CodeCell").filter(has=widget)
        return [self.screenshot(f"widget-cell-{index + 1}", cells.nth(index))
                for index in range(min(cells.count(), limit))]

    def assert_not_saved(self):
        """Nothing the test did was saved over the notebook (jupytext would rewrite its twin too): the
        server logged no save of it. (The server's log, not the file's bytes, so that someone rebuilding
        the notebook meanwhile is not taken for JupyterLab.)"""
        saves = self.server.saves_of(self.rel)
        if saves:
            raise NotebookError(f"JupyterLab saved {self.rel} during the test:\n" + "\n".join(saves))

    def close(self):
        self.screenshot("final")
        with contextlib.suppress(Exception):
            (self.artifacts / f"{self.path.stem}-console.log").write_text("\n".join(self.console + self.problems))
        with contextlib.suppress(Exception):
            self.page.close()
        with contextlib.suppress(Exception):
            self.server.shut_down_kernels()
