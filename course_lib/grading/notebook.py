"""Reading and writing exercise notebooks in nbgrader's conventions.

A solutions notebook marks its cells with nbgrader metadata,
``cell.metadata.nbgrader = {grade_id, points, solution, grade, locked, schema_version}``,
and marks regions inside cell sources with comment lines:

* ``### BEGIN SOLUTION`` / ``### END SOLUTION`` inside an *answer* cell: the
  instructor's answer, replaced by a stub in the student's copy;
* ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS`` inside a *test* cell:
  tests the student never sees.

The cell roles, from the metadata flags:

========  ========  =========  ==========================================
solution  grade     cell type  role
========  ========  =========  ==========================================
True      False     code       ``answer``: the student writes code here
False     True      code       ``test``: worth ``points``, graded automatically
True      True      markdown   ``manual``: a written answer an instructor grades
False     False     any        ``locked``: instructor text or set-up code
========  ========  =========  ==========================================

Notebooks are written as sorted, indented JSON with a final newline, so the same
content always gives the same bytes.
"""

import json
from pathlib import Path

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
MARKDOWN_STUB = ("YOUR ANSWER HERE",)


class NotebookFormatError(ValueError):
    """A solutions notebook breaks the conventions above; the message names the cell and the fix."""


def read_notebook(path):
    """The notebook at ``path`` as a plain dict (JSON), without validation."""
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def dumps_notebook(notebook):
    """Byte-stable text of a notebook: keys sorted, one-space indent (as nbformat writes), final newline."""
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def write_notebook(notebook, path):
    Path(path).write_text(dumps_notebook(notebook), encoding="utf-8")


def source_of(cell):
    """A cell's source as one string (nbformat allows a string or a list of lines)."""
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(str(line) for line in source)
    return source if isinstance(source, str) else ""


def nbgrader_of(cell):
    metadata = cell.get("metadata")
    info = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return info if isinstance(info, dict) else {}


def grade_id_of(cell):
    grade_id = nbgrader_of(cell).get("grade_id")
    return grade_id if isinstance(grade_id, str) and grade_id else None


def role_of(cell):
    """``'answer'``, ``'test'``, ``'manual'`` or ``'locked'`` (see the module docstring)."""
    info = nbgrader_of(cell)
    solution, grade = bool(info.get("solution")), bool(info.get("grade"))
    code = cell.get("cell_type") == "code"
    if solution and not grade:
        return "answer"
    if grade and not solution and code:
        return "test"
    if solution and grade and not code:
        return "manual"
    if solution and grade:
        raise NotebookFormatError(
            f"cell {grade_id_of(cell)!r} is an 'autograded answer' (a code cell with solution and grade "
            "set); course-grade grades code through test cells only: set grade=false here and add a "
            "test cell after it.")
    if info.get("task"):
        raise NotebookFormatError(f"cell {grade_id_of(cell)!r} is an nbgrader 'task' cell, which course-grade "
                                  "does not grade; make it a manually graded markdown answer instead.")
    return "locked"


def _regions(lines, begin, end, where):
    """Yield ``(start, stop)`` line indexes of each marked region, markers included."""
    start = None
    for index, line in enumerate(lines):
        marker = line.strip()
        if marker == begin:
            if start is not None:
                raise NotebookFormatError(f"{where}: {begin!r} opened twice without {end!r} between.")
            start = index
        elif marker == end:
            if start is None:
                raise NotebookFormatError(f"{where}: {end!r} without a {begin!r} before it.")
            yield start, index + 1
            start = None
    if start is not None:
        raise NotebookFormatError(f"{where}: {begin!r} is never closed; add {end!r}.")


def has_marker(source, begin):
    return any(line.strip() == begin for line in source.splitlines())


def replace_solution_regions(source, stub, where="cell"):
    """Replace each solution region by ``stub`` lines, indented like the region's BEGIN line.

    As in nbgrader, a solution cell without markers is replaced entirely.
    """
    lines = source.splitlines()
    regions = list(_regions(lines, BEGIN_SOLUTION, END_SOLUTION, where))
    if not regions:
        return "\n".join(stub)
    out, previous = [], 0
    for start, stop in regions:
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        out += lines[previous:start] + [indent + line for line in stub]
        previous = stop
    return "\n".join(out + lines[previous:])


def split_hidden_tests(source, where="cell"):
    """``(visible, hidden)``: the source without its hidden regions, and the hidden regions' code.

    The hidden code keeps every hidden region's lines in order (markers dropped);
    both parts are empty strings when there is nothing in them.
    """
    lines = source.splitlines()
    visible, hidden, previous = [], [], 0
    for start, stop in _regions(lines, BEGIN_HIDDEN, END_HIDDEN, where):
        visible += lines[previous:start]
        hidden += lines[start + 1: stop - 1]
        previous = stop
    visible += lines[previous:]
    return "\n".join(visible).strip("\n"), "\n".join(hidden).strip("\n")


def to_source_lines(text):
    """nbformat's list-of-lines form of a source string (each line keeps its newline but the last)."""
    return text.splitlines(keepends=True)
