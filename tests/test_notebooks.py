"""The lesson notebooks' shape (nbval, run by `make test` with the rest of the suite,
checks that their outputs reproduce). Every lesson must: exist for each row of the
course map, be executed with no errors, match its reviewable py:percent twin, open
with learning objectives, prove course_lib equals scikit-learn/SciPy in an assert,
show figures, offer the widgets its topic calls for, and close with a summary and
check-yourself questions whose answers hide behind <details>."""

import re
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

COURSE = ["00_start_here", "01_similarity_and_distance", "02_kmeans", "03_choosing_k", "04_dbscan",
          "05_hierarchical", "06_gmm_em", "07_comparing_algorithms", "08_clusters_to_personas",
          "09_spotify_case_study", "10_mini_project_app_users", "11_colour_quantization",
          "12_document_topics"]

# The interactive demos each lesson must use (all from course_lib.widgets).
WIDGETS = {
    "01_similarity_and_distance": ["hand_check"],
    "02_kmeans": ["kmeans_stepper", "kmeans_plusplus_stepper", "hand_check"],
    "03_choosing_k": ["hand_check"],
    "04_dbscan": ["dbscan_explorer", "hand_check"],
    "05_hierarchical": ["dendrogram_cutter", "hand_check"],
    "06_gmm_em": ["em_stepper", "hand_check"],
}

# Sections that introduce or close a lesson rather than teach a step, so need no figure of their own.
FRAMING_SECTIONS = re.compile(r"^(learning objectives|summary|check yourself|before you start|"
                              r"how to use|where next|next steps?|your turn|reference)", re.I)


def _notebook(name):
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def _present():
    return [name for name in COURSE if (NOTEBOOKS / f"{name}.ipynb").exists()]


def _code(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _has_figure(cell):
    return any("image/png" in out.get("data", {}) for out in cell.get("outputs", []))


def test_every_lesson_of_the_course_map_exists():
    missing = [name for name in COURSE if not (NOTEBOOKS / f"{name}.ipynb").exists()]
    assert not missing, f"notebooks not written yet: {missing}"
    extra = sorted({p.stem for p in NOTEBOOKS.glob("*.ipynb")} - set(COURSE))
    assert not extra, f"notebooks not in the course map: {extra}"


@pytest.mark.parametrize("name", _present())
def test_is_executed_in_order_without_errors(name):
    counts = [c.execution_count for c in _code(_notebook(name))]
    assert all(counts), f"{name}: unexecuted code cells (rebuild with tests/tools/build_notebooks.py)"
    assert counts == list(range(1, len(counts) + 1)), f"{name}: cells were not run top to bottom once"
    for cell in _code(_notebook(name)):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{name}: error output in cell {cell.source[:80]!r}"


@pytest.mark.parametrize("name", _present())
def test_matches_its_py_percent_twin(name):
    script = NOTEBOOKS / f"{name}.py"
    assert script.exists(), f"{name}.py (jupytext py:percent) is missing"
    from_script = jupytext.read(script)
    from_notebook = _notebook(name)
    pairs = list(zip(from_script.cells, from_notebook.cells))
    assert len(from_script.cells) == len(from_notebook.cells), f"{name}: cell count differs from {name}.py"
    rebuild = "rebuild with tests/tools/build_notebooks.py"
    for i, (a, b) in enumerate(pairs):
        assert a.cell_type == b.cell_type, \
            f"{name}: cell {i} is {a.cell_type} in .py but {b.cell_type} in .ipynb; {rebuild}"
        assert a.source.strip() == b.source.strip(), \
            f"{name}: cell {i} source differs between .py and .ipynb; {rebuild}"
        # Tags matter: nbval-ignore-output decides which outputs nbval compares.
        assert list(a.metadata.get("tags", [])) == list(b.metadata.get("tags", [])), \
            f"{name}: cell {i} tags differ between .py and .ipynb; {rebuild}"


@pytest.mark.parametrize("name", _present())
def test_structure(name):
    nb = _notebook(name)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert re.search(r"^#+\s*Learning objectives", markdown[0] + "\n" + markdown[1], re.M | re.I), \
        f"{name}: the first cells must state the learning objectives"
    text = "\n".join(markdown)
    assert re.search(r"^#+\s*Summary", text, re.M), f"{name}: no Summary section"
    assert re.search(r"^#+\s*Check yourself", text, re.M), f"{name}: no 'Check yourself' section"
    assert "<details>" in text.split("Check yourself", 1)[1], f"{name}: check-yourself answers not in <details>"
    oracle_asserts = [c for c in _code(nb) if re.search(r"^\s*assert\b", c.source, re.M)
                      and re.search(r"\b(sklearn|scipy)\b", c.source)]
    assert oracle_asserts, f"{name}: no assert cell comparing course_lib with scikit-learn/SciPy"
    assert any(_has_figure(c) for c in _code(nb)), f"{name}: no figure"


@pytest.mark.parametrize("name", [n for n in _present() if n != "00_start_here"])
def test_every_teaching_section_has_a_figure(name):
    section, has_figure, missing = None, False, []
    for cell in _notebook(name).cells:
        heading = re.match(r"^##\s+(.*)", cell.source) if cell.cell_type == "markdown" else None
        if heading:
            if section and not has_figure and not FRAMING_SECTIONS.match(section):
                missing.append(section)
            section, has_figure = heading.group(1).strip(), False
        elif cell.cell_type == "code":
            has_figure = has_figure or _has_figure(cell)
    if section and not has_figure and not FRAMING_SECTIONS.match(section):
        missing.append(section)
    assert not missing, f"{name}: sections without a figure: {missing}"


@pytest.mark.parametrize("name", [n for n in WIDGETS if n in _present()])
def test_uses_its_widgets(name):
    nb = _notebook(name)
    for widget in WIDGETS[name]:
        cells = [c for c in _code(nb) if re.search(rf"\b{widget}\(", c.source)]
        assert cells, f"{name}: does not use course_lib.widgets.{widget}"
        shown = any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                    for c in cells for o in c.outputs)
        assert shown, f"{name}: {widget} is called but no widget is displayed"


@pytest.mark.parametrize("name", _present())
def test_ignored_outputs_say_why(name):
    for cell in _code(_notebook(name)):
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            assert re.search(r"^#.*not compared", cell.source, re.M | re.I), \
                f"{name}: cell tagged nbval-ignore-output needs a comment saying why its output is " \
                f"not compared: {cell.source[:80]!r}"
