"""The course as students see it: JupyterLab in a real headless Chromium.

Starts the JupyterLab that ``make lab`` runs (``.venv``'s ``jupyter lab``, no extra
install) on a free loopback port with throw-away settings, drives it with Playwright in
the system Chromium (never a downloaded one), and checks what a student would see:
notebooks run with Run > Run All Cells, no error dialog, no traceback, no widget
showing "Error displaying widget" or stuck on "Loading widget...", and widgets that
respond: a slider that redraws a plot and its text, a slider that changes a reported
number, a hand-check form that marks answers right and wrong.

The harness is proven on fixture notebooks in ``tests/browser/fixtures/`` (built from
their py:percent twins with ``tests/tools/build_notebooks.py``, like the lessons); the
same checks then run on the lessons, skipped only while a lesson is not written yet.

Screenshots of every state go to ``test-artifacts/browser/<test name>/`` (not committed).
With no Chromium the tests report skipped with the reason; set COURSE_REQUIRE_BROWSER=1
(CI) to make that a failure instead. Run alone with ``make test-browser``.
"""

import base64
import hashlib
import os
import re
import shutil
import time
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make install)")
from playwright.sync_api import expect  # noqa: E402

from browser.harness import (RIGHT, ROOT, WRONG, BrowserUnavailable, LabServer, Notebook,  # noqa: E402
                             NotebookError, artifacts_dir, launch_chromium, new_context)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FIXTURES = Path(__file__).parent / "browser" / "fixtures"
NOTEBOOKS = ROOT / "notebooks"

# What the lessons must show for the checks below (the docstring of each check says how it is used):
# - 02_kmeans: a code cell whose output holds an IntSlider described "iteration" (not at its maximum
#   when the cell has run), an image, and a text "WCSS = <number>"; ArrowRight on the slider changes both.
# - 04_dbscan: a code cell whose output holds a slider described "eps" and a text "clusters found: <n>";
#   the slider's minimum gives a different n from its start value, and its maximum a different n again.
# - 02_kmeans: a hand-check form (course_lib.widgets.hand_check): two or more Text boxes, a "Check" button,
#   a report with one "✓" or "✗" per entry, a wrong entry's line naming its label and "the answer is <value>",
#   and <value> typed back in marked right.
# - every notebook in notebooks/: Run > Run All Cells finishes with no error, dialog or broken widget.
KMEANS = NOTEBOOKS / "02_kmeans.ipynb"
KMEANS_SLIDER = "iteration"
WCSS_TEXT = r"WCSS\s*[=:]\s*-?[\d.,]+(e[-+]?\d+)?"
DBSCAN = NOTEBOOKS / "04_dbscan.ipynb"
DBSCAN_SLIDER = "eps"
CLUSTERS_TEXT = r"clusters found:\s*\d+"
HAND_CHECK_BUTTON = "Check"  # the first form with this button in 02_kmeans is the one tested

# A wrong line of a hand-check report names the answer: "... the answer is 8.5", "answer: 8.5".
ANSWER = re.compile(r"answer\s*(?:is\b|:|=)?\s*([^\s;,()]+)", re.I)
SURELY_WRONG = "-999999"


# -- fixtures ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    """A context (fresh profile) in the system Chromium under Playwright, or a skip saying why there is none."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = launch_chromium(playwright, tmp_path_factory.mktemp("chromium-home"))
    except BrowserUnavailable as exc:
        playwright.stop()
        if os.environ.get("COURSE_REQUIRE_BROWSER"):
            pytest.fail(f"COURSE_REQUIRE_BROWSER is set but {exc}")
        pytest.skip(f"no browser to test in: {exc}")
    context = new_context(browser)
    yield context
    context.close()
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def lab_server(browser_context):
    """JupyterLab as `make lab` starts it, serving the repository; stopped (with its kernels) at the end."""
    with LabServer(ROOT) as server:
        yield server


@pytest.fixture
def open_notebook(browser_context, lab_server, request, capsys):
    """Open notebooks (path relative to the repository) in JupyterLab; close them and their kernels after."""
    opened = []

    def open_(path):
        folder = opened[0].artifacts if opened else artifacts_dir(request.node.name)
        notebook = Notebook(browser_context, lab_server, ROOT / path, folder)
        opened.append(notebook)
        return notebook

    yield open_
    for notebook in opened:
        notebook.close()
    for notebook in opened:
        notebook.assert_not_saved()
    if opened:
        with capsys.disabled():
            print(f"\n    screenshots: {opened[0].artifacts.relative_to(ROOT)}/")


def lesson(path):
    """Skip, saying so, while a lesson notebook is not written yet; never skip once it exists."""
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} not written yet")
    return path


# -- the checks, shared by fixtures and lessons ------------------------------------------------------------

def check_opens_clean(notebook):
    """Run > Run All Cells finishes, then nothing is broken on screen."""
    notebook.screenshot("opened")
    notebook.run_all()
    notebook.assert_clean()
    notebook.screenshot("ran")
    notebook.screenshot_widget_cells()


def check_slider_redraws_plot_and_text(notebook, slider, text):
    """Moving the slider one step right (keyboard) redraws the cell's image and changes its ``text`` line."""
    cell = notebook.cell_with_slider(slider)
    before_text, before_image = cell.search(text), cell.image()
    start = cell.slider(slider).value
    cell.screenshot(f"{slider}-{start}")
    moved = cell.slider(slider).press("ArrowRight")
    assert moved != start, f"the {slider} slider did not move from {start} with ArrowRight"
    after_text = cell.wait_for_text_change(text, before_text)
    after_image = cell.wait_for_image_change(before_image)
    cell.screenshot(f"{slider}-{moved}")
    notebook.assert_clean()
    return (before_text, after_text), (before_image, after_image)


def check_slider_changes_number(notebook, slider, text):
    """Moving the slider to its minimum (Home), then its maximum (End), changes the reported number each time."""
    cell = notebook.cell_with_slider(slider)
    reports = [cell.search(text)]
    cell.screenshot(f"{slider}-{cell.slider(slider).value}")
    for key in ("Home", "End"):
        value = cell.slider(slider).press(key)
        reports.append(cell.wait_for_text_change(text, reports[-1]))
        cell.screenshot(f"{slider}-{value}")
    notebook.assert_clean()
    return reports


def check_hand_check_form(notebook, button=HAND_CHECK_BUTTON):
    """Every box wrong: every entry marked wrong. Then the first box as the report's answer: one right.

    The form's own report supplies the right answer (its "answer is ..." for the first
    entry), so the check needs no knowledge of the example; that the answer itself is
    correct is the hand-calculation tests' job.
    """
    cell = notebook.cell_with_button(button)
    boxes = cell.text_boxes()
    count = boxes.count()
    assert count >= 2, f"the hand-check form has {count} text box(es); the check needs two or more"
    first_label = cell.locator.locator(".widget-text .widget-label").first.inner_text().strip()
    for index in range(count):
        boxes.nth(index).fill(SURELY_WRONG)
        boxes.nth(index).press("Enter")
    cell.button(button).click()
    all_wrong = cell.wait_for_marks(right=0, wrong=count)
    cell.screenshot("all-wrong")
    lines = [line for line in all_wrong.splitlines() if first_label in line and WRONG in line]
    answer = ANSWER.search(lines[0]) if lines else None
    assert answer, f"no '{WRONG} {first_label} ... answer is <value>' line in the report:\n{all_wrong}"
    value = answer.group(1).rstrip(".")
    boxes.first.fill(value)
    boxes.first.press("Enter")
    cell.button(button).click()
    report = cell.wait_for_marks(right=1, wrong=count - 1)
    cell.screenshot("one-right")
    notebook.assert_clean()
    return value, report


# -- the harness on fixture notebooks ----------------------------------------------------------------------

def test_fixture_slider_redraws_plot_and_text(open_notebook):
    notebook = open_notebook(FIXTURES / "slider_plot.ipynb")
    check_opens_clean(notebook)
    (text_0, text_1), (image_0, image_1) = check_slider_redraws_plot_and_text(notebook, "iteration", WCSS_TEXT)
    # The fixture's own numbers, computed independently of the browser.
    expected = _fixture_wcss()
    assert [text_0, text_1] == [f"WCSS = {expected[0]:.3f}", f"WCSS = {expected[1]:.3f}"]
    assert image_0 != image_1
    # The digest is of the picture's bytes: the PNG the page shows, as the kernel sent it.
    src = notebook.cell_with_slider("iteration").outputs.locator("img").first.get_attribute("src")
    assert src.startswith("data:image/png;base64,")
    assert image_1 == hashlib.sha256(base64.b64decode(src.split(",", 1)[1])).hexdigest()
    # A typed value reaches the kernel too: the last iteration, and back to the first.
    cell = notebook.cell_with_slider("iteration")
    assert cell.slider("iteration").set(5) == "5"
    assert cell.wait_for_text_change(WCSS_TEXT, text_1) == f"WCSS = {expected[5]:.3f}"
    cell.screenshot("iteration-5-typed")
    assert cell.slider("iteration").press("Home") == "0"
    assert cell.wait_for_text_change(WCSS_TEXT, f"WCSS = {expected[5]:.3f}") == text_0


def _fixture_wcss():
    """WCSS per iteration of the slider_plot fixture, by scikit-learn's KMeans (one Lloyd step per iteration)."""
    import numpy as np
    from sklearn.cluster import KMeans

    points = np.random.default_rng(7).normal(size=(60, 2)) + np.repeat([[0, 0], [4, 4], [0, 5]], 20, axis=0)
    centres, wcss = points[:3].copy(), []
    for _ in range(6):
        squared = ((points[:, None, :] - centres[None]) ** 2).sum(axis=2)
        wcss.append(squared.min(axis=1).sum())
        centres = KMeans(3, init=centres, n_init=1, max_iter=1, algorithm="lloyd").fit(points).cluster_centers_
    return wcss


def test_fixture_slider_changes_reported_number(open_notebook):
    notebook = open_notebook(FIXTURES / "slider_count.ipynb")
    check_opens_clean(notebook)
    reports = check_slider_changes_number(notebook, "eps", CLUSTERS_TEXT)
    # eps 0.5 joins each of the three groups (the stray point is too small a group); the minimum 0.05
    # joins nothing, so no group reaches min_samples=2; the maximum 4.0 joins everything.
    assert reports == ["clusters found: 3", "clusters found: 0", "clusters found: 1"]
    # The other slider of the same cell is live too: back to eps 0.05, then min_samples 1 counts singletons.
    cell = notebook.cell_with_slider("min_samples")
    assert cell.slider("eps").press("Home") == "0.05"
    assert cell.wait_for_text_change(CLUSTERS_TEXT, reports[-1]) == "clusters found: 0"
    assert cell.slider("min_samples").press("ArrowLeft") == "1"
    assert cell.wait_for_text_change(CLUSTERS_TEXT, "clusters found: 0") == "clusters found: 12"
    cell.screenshot("min_samples-1")


def test_fixture_hand_check_form_marks_answers(open_notebook):
    notebook = open_notebook(FIXTURES / "hand_check_form.ipynb")
    check_opens_clean(notebook)
    value, report = check_hand_check_form(notebook)
    assert value == "5"
    cell = notebook.cell_with_button("Check")
    assert cell.text_box("d(x1, c1)").input_value() == "5" and cell.text_box("WCSS").input_value() == "-999999"
    assert f"{RIGHT} d(x1, c1)" in report and f"{WRONG} WCSS" in report


def test_harness_catches_broken_widget_and_failing_cell(open_notebook):
    """A check that cannot fail proves nothing: show the harness failing where it must."""
    notebook = open_notebook(FIXTURES / "broken_widget.ipynb")
    with pytest.raises(NotebookError, match="ZeroDivisionError"):
        notebook.run_all()
    with pytest.raises(NotebookError, match="1 widget.s. failed to render .*course-no-such-module") as failure:
        notebook.assert_clean()
    assert "ZeroDivisionError" in str(failure.value)
    with pytest.raises(NotebookError, match="no cell shows"):
        notebook.cell_with_slider("iteration", timeout=1000)


def test_harness_catches_error_dialog(open_notebook, request):
    """A paired notebook whose py:percent twin is older and differs (jupytext refuses to load it) opens
    with JupyterLab's error dialog instead of cells; the harness says so. Made in test-artifacts/."""
    folder = artifacts_dir(request.node.name + "-files")
    notebook, script = folder / "stale_pair.ipynb", folder / "stale_pair.py"
    shutil.copy(FIXTURES / "hand_check_form.ipynb", notebook)
    script.write_text((FIXTURES / "hand_check_form.py").read_text().replace("Check", "Verify"))
    an_hour_ago = time.time() - 3600
    os.utime(script, (an_hour_ago, an_hour_ago))
    with pytest.raises(NotebookError, match="shows a dialog; dialog open: File Load Error for stale_pair"):
        open_notebook(notebook.relative_to(ROOT))


def test_harness_catches_a_saved_notebook(browser_context, lab_server, request):
    """Autosave is off, so running a lesson never rewrites it; a deliberate save is caught. On a copy."""
    folder = artifacts_dir(request.node.name)
    for suffix in (".ipynb", ".py"):
        shutil.copy((FIXTURES / "slider_count").with_suffix(suffix), folder / f"copy{suffix}")
    notebook = Notebook(browser_context, lab_server, folder / "copy.ipynb", folder)
    try:
        notebook.menu("Edit", "Clear Outputs of All Cells")
        expect(notebook.page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(1)  # changed, not saved
        notebook.assert_not_saved()
        before = (folder / "copy.ipynb").read_bytes()
        notebook.menu("File", "Save Notebook")
        expect(notebook.page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0)  # saved
        assert (folder / "copy.ipynb").read_bytes() != before
        with pytest.raises(NotebookError, match=r"JupyterLab saved .*/copy\.ipynb during the test"):
            notebook.assert_not_saved()
    finally:
        notebook.close()


def test_lab_is_the_pinned_jupyterlab_with_the_test_settings(lab_server):
    """The README's `make lab` path: this environment's jupyter, serving the JupyterLab pyproject pins;
    and the test's own settings in force (never autosave over a lesson, never ask about news)."""
    import json
    import sys
    import tomllib
    import urllib.request

    from browser.harness import JUPYTER

    assert JUPYTER == Path(sys.prefix) / "bin" / "jupyter" and JUPYTER.exists()
    pins = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["course"]
    pinned = next(pin.split("==")[1] for pin in pins if pin.startswith("jupyterlab=="))
    with urllib.request.urlopen(f"{lab_server.url}/lab", timeout=30) as response:
        page = response.read().decode()
    config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert json.loads(config.group(1))["appVersion"] == pinned
    for plugin, key, value in [("docmanager-extension:plugin", "autosave", False),
                               ("apputils-extension:notification", "fetchNews", "false"),
                               ("apputils-extension:notification", "checkForUpdates", False),
                               ("notebook-extension:tracker", "windowingMode", "none")]:
        url = f"{lab_server.url}/lab/api/settings/@jupyterlab/{plugin}"
        with urllib.request.urlopen(url, timeout=30) as answer:
            assert json.loads(answer.read())["settings"][key] == value, (plugin, key)


def test_lab_server_leaves_nothing_running():
    """The server fixture's stop ends the server and its kernels, and removes its temporary folder."""
    import psutil

    server = LabServer(ROOT).start()
    try:
        kernel = server.api("kernels", method="POST")
        family = psutil.Process(server.process.pid).children(recursive=True)
        assert kernel["id"] and family, "a kernel should be running under the server"
        home = server.home
    finally:
        server.stop()
    assert not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in family)
    assert not home.exists()


# -- the lessons -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kmeans_lesson(browser_context, lab_server):
    """02_kmeans opened and run once, shared by its two tests below (each screenshots to its own folder)."""
    notebook = Notebook(browser_context, lab_server, lesson(KMEANS), artifacts_dir("test_kmeans_lesson_opens"))
    try:
        check_opens_clean(notebook)
        yield notebook
    finally:
        notebook.close()
    notebook.assert_not_saved()


@pytest.fixture
def kmeans(kmeans_lesson, request):
    kmeans_lesson.artifacts = artifacts_dir(request.node.name)
    return kmeans_lesson


def test_kmeans_iteration_slider_redraws_plot_and_wcss(kmeans):
    check_slider_redraws_plot_and_text(kmeans, KMEANS_SLIDER, WCSS_TEXT)


def test_hand_check_form_marks_one_wrong_and_one_right(kmeans):
    check_hand_check_form(kmeans)


def test_dbscan_eps_changes_number_of_clusters(open_notebook):
    notebook = open_notebook(lesson(DBSCAN))
    check_opens_clean(notebook)
    check_slider_changes_number(notebook, DBSCAN_SLIDER, CLUSTERS_TEXT)


# Notebooks with a test of their own above make the same checks there.
OWN_TESTS = {KMEANS.name, DBSCAN.name}
LESSONS = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb") if p.name not in OWN_TESTS)


@pytest.mark.parametrize("name", LESSONS or [pytest.param("none", marks=pytest.mark.skip(
    reason="no lesson notebooks in notebooks/ yet"))])
def test_lesson_opens_with_no_error_and_no_broken_widget(open_notebook, name):
    check_opens_clean(open_notebook(NOTEBOOKS / name))
