"""One assignment, read from its solutions notebook: its questions, and the student version.

:func:`load_assignment` checks a solutions notebook against the conventions of
:mod:`course_lib.grading.notebook` and returns an :class:`Assignment`, the
instructor's single source of truth for both the generator (which makes the
student copy with :func:`make_exercise`) and the grader (which takes every test,
visible and hidden, from here and never from a student's notebook).

A *question* is one test cell: it is worth its ``points``, all or nothing, and
its answer cells are the answer cells since the previous test cell (for test
cells in a row, those of the first). A task in parts gets one test cell per
part, so each part earns its own points: that is how partial credit works.
"""

import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .notebook import (BEGIN_HIDDEN, BEGIN_SOLUTION, CODE_STUB, MARKDOWN_STUB, NotebookFormatError, grade_id_of,
                       has_marker, nbgrader_of, read_notebook, replace_solution_regions, role_of, source_of,
                       split_hidden_tests, to_source_lines)


@dataclass
class Cell:
    index: int
    cell_id: str
    grade_id: str | None
    role: str            # 'answer', 'test', 'manual' or 'locked'
    cell_type: str       # 'code', 'markdown' or 'raw'
    source: str


@dataclass
class Question:
    grade_id: str
    points: float
    visible: str         # the test cell's code without its hidden regions
    hidden: str          # the hidden regions' code ('' when there are none)
    answers: list = field(default_factory=list)   # grade_ids of the answer cells it checks


@dataclass
class Assignment:
    name: str
    path: Path
    notebook: dict
    cells: list
    questions: list
    manual: list         # grade_ids of manually graded answers
    fingerprint: str     # sha256 of the solutions notebook's bytes

    @property
    def max_points(self):
        return sum(q.points for q in self.questions)

    def cell(self, grade_id):
        return next(c for c in self.cells if c.grade_id == grade_id)


def _points(cell, where):
    points = nbgrader_of(cell).get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not points > 0:
        raise NotebookFormatError(f"{where}: a test cell needs nbgrader 'points' > 0, got {points!r}.")
    return float(points)


def _check_compiles(code, where):
    try:
        compile(code, where, "exec")
    except SyntaxError as exc:
        raise NotebookFormatError(f"{where}: {exc.msg} (line {exc.lineno}); the visible part and the hidden "
                                  "regions of a test cell must each be whole top-level statements.") from None


def load_assignment(path):
    """Read and check the solutions notebook at ``path``; raise :class:`NotebookFormatError` if it is malformed."""
    path = Path(path)
    raw = path.read_bytes()
    notebook = read_notebook(path)
    if notebook.get("nbformat") != 4:
        raise NotebookFormatError(f"{path}: nbformat 4 notebooks only, got {notebook.get('nbformat')!r}.")
    cells, questions, manual, pending, seen_ids, seen_grade_ids = [], [], [], [], set(), set()
    for index, raw_cell in enumerate(notebook.get("cells", [])):
        where = f"{path.name} cell {index}"
        cell_id = raw_cell.get("id")
        if not isinstance(cell_id, str) or not cell_id or cell_id in seen_ids:
            raise NotebookFormatError(f"{where}: every cell needs a unique 'id' (nbformat 4.5) so that the "
                                      f"generated exercise is byte-stable; got {cell_id!r}.")
        seen_ids.add(cell_id)
        role = role_of(raw_cell)
        grade_id = grade_id_of(raw_cell)
        source = source_of(raw_cell)
        if role != "locked" and grade_id is None:
            raise NotebookFormatError(f"{where}: a {role} cell needs an nbgrader grade_id.")
        if grade_id is not None:
            if grade_id in seen_grade_ids:
                raise NotebookFormatError(f"{where}: grade_id {grade_id!r} is used twice.")
            seen_grade_ids.add(grade_id)
        if role not in ("answer", "manual") and has_marker(source, BEGIN_SOLUTION):
            raise NotebookFormatError(f"{where}: solution markers belong in answer cells "
                                      "(nbgrader solution=true).")
        if role != "test" and has_marker(source, BEGIN_HIDDEN):
            raise NotebookFormatError(f"{where}: hidden-test markers belong in test cells (nbgrader grade=true).")
        if role in ("answer", "manual"):
            replace_solution_regions(source, CODE_STUB, where)   # checks the markers are balanced
        cell = Cell(index, cell_id, grade_id, role, raw_cell.get("cell_type", "code"), source)
        cells.append(cell)
        if role == "answer":
            pending.append(grade_id)
        elif role == "manual":
            manual.append(grade_id)
        elif role == "test":
            visible, hidden = split_hidden_tests(source, where)
            _check_compiles(visible, f"{where} (visible tests)")
            _check_compiles(hidden, f"{where} (hidden tests)")
            # A test cell right after another one (a task in parts) checks the same answer cells.
            answers = pending or (list(questions[-1].answers) if questions else [])
            questions.append(Question(grade_id, _points(raw_cell, where), visible, hidden, answers))
            pending = []
    if not questions:
        raise NotebookFormatError(f"{path}: no test cells (nbgrader grade=true with points), nothing to grade.")
    return Assignment(path.stem, path, notebook, cells, questions, manual, hashlib.sha256(raw).hexdigest())


def make_exercise(notebook):
    """The student copy of a solutions notebook (a new dict; the input is not changed).

    Solution regions become a stub (code: ``raise NotImplementedError()``;
    markdown: ``YOUR ANSWER HERE``), hidden test regions disappear, outputs and
    execution counts are cleared. Metadata, including nbgrader's, is kept, so
    the exercise is also a valid nbgrader release.
    """
    exercise = copy.deepcopy(notebook)
    for index, cell in enumerate(exercise.get("cells", [])):
        where = f"cell {index}"
        role = role_of(cell)
        source = source_of(cell)
        if role in ("answer", "manual"):
            stub = CODE_STUB if cell.get("cell_type") == "code" else MARKDOWN_STUB
            source = replace_solution_regions(source, stub, where)
        elif role == "test":
            visible, _ = split_hidden_tests(source, where)
            source = visible
        cell["source"] = to_source_lines(source)
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    return exercise
