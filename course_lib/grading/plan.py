"""What runs in a student's kernel, in which order: the instructor's notebook with the student's answers.

The plan is built from the solutions notebook, never from the student's copy:

* set-up code, markdown and tests are the instructor's; a student who deletes
  or edits a test cell changes nothing;
* each answer cell is taken from the student's notebook by its nbgrader
  ``grade_id``. A deleted answer cell becomes the exercise stub (it raises
  ``NotImplementedError``, so its questions score 0 with a clear reason);
  reordered answer cells are put back in the instructor's order; of two cells
  with the same ``grade_id`` the first counts;
* code cells the student added (helpers, scratch work) run after the cell
  they follow in the student's notebook;
* phase 1 runs everything in notebook order with the *visible* part of each
  test cell; phase 2 runs the instructor's set-up cells again (so a student's
  later cell cannot have changed the data the tests use) and then the *hidden*
  parts, in order. No hidden test code reaches the kernel before every piece
  of student-written code has run once, and what phase 2 reports back is
  worded by the grader alone;
* a student's kernel never gets the library-computed expectations of the
  tests (``expected=lambda: ...``, see :func:`without_computed_expectations`):
  the grader compares with the reference run's values, so they are only
  needed there, and in a student's kernel code that rewrites the tests could
  use them;
* the instructor's cells (set-up and tests) are sent through
  :func:`course_lib.grading.sandbox.run_instructor_code` (:attr:`Unit.sent`),
  which runs them outside IPython's transformers and refuses to run them when
  the student's code changed that machinery.
"""

import ast
import json
from dataclasses import dataclass, field

from .notebook import CODE_STUB, replace_solution_regions

MAX_NOTEBOOK_BYTES = 20 * 2**20
CLEAR_RECORDS = '__import__("course_lib.grading.checks", fromlist=["take_records"]).take_records()\n'
RUN_INSTRUCTOR_CODE = ('__import__("course_lib.grading.sandbox", fromlist=["run_instructor_code"])'
                       '.run_instructor_code({!r})')
INSTRUCTOR_KINDS = ("setup", "visible", "hidden")


@dataclass
class Unit:
    kind: str            # 'setup', 'answer', 'extra', 'visible' or 'hidden'
    key: str             # grade_id (answers, tests), cell id (set-up) or 'extra-N'
    question: str | None  # the test cell this unit leads to (answers, extras) or belongs to (tests)
    code: str

    @property
    def test_key(self):
        return f"{self.kind}:{self.key}"

    @property
    def sent(self):
        """What the kernel is sent: a student's cell as it is, the instructor's through the sandbox's runner."""
        return RUN_INSTRUCTOR_CODE.format(self.code) if self.kind in INSTRUCTOR_KINDS else self.code


@dataclass
class Plan:
    units: list
    notes: list = field(default_factory=list)      # status tags about the notebook itself
    manual: dict = field(default_factory=dict)     # grade_id -> the student's written answer
    untouched: set = field(default_factory=set)    # answer cells still exactly as handed out
    missing: set = field(default_factory=set)      # answer cells deleted from the notebook


@dataclass
class SubmittedCell:
    cell_type: str
    grade_id: str | None
    source: str


class SubmissionError(ValueError):
    """The submitted file is not a notebook we can read; the message is a status tag."""


def read_submission(path):
    """The cells of an untrusted notebook file, keeping only what grading needs."""
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise SubmissionError("notebook too large")
    try:
        notebook = json.loads(path.read_bytes().decode("utf-8"))
        raw_cells = notebook["cells"]
        if not isinstance(raw_cells, list):
            raise TypeError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        raise SubmissionError("unreadable notebook") from None
    cells = []
    for raw in raw_cells:
        if not isinstance(raw, dict):
            continue
        source = raw.get("source", "")
        if isinstance(source, list):
            source = "".join(line for line in source if isinstance(line, str))
        if not isinstance(source, str):
            source = ""
        metadata = raw.get("metadata") if isinstance(raw.get("metadata"), dict) else {}
        nbgrader = metadata.get("nbgrader") if isinstance(metadata.get("nbgrader"), dict) else {}
        grade_id = nbgrader.get("grade_id") if isinstance(nbgrader.get("grade_id"), str) else None
        cell_type = raw.get("cell_type") if raw.get("cell_type") in ("code", "markdown", "raw") else "raw"
        cells.append(SubmittedCell(cell_type, grade_id, source))
    return cells


def _question_after(assignment):
    """grade_id or cell id of every instructor cell -> the grade_id of the next test cell (or None)."""
    following, upcoming = {}, None
    for cell in reversed(assignment.cells):
        if cell.role == "test":
            upcoming = cell.grade_id
        following[cell.grade_id or cell.cell_id] = upcoming
    return following


def reference_plan(assignment):
    """The instructor's own run: every answer cell with its solution in place."""
    return build_plan(assignment, None)


class _DropComputedExpectations(ast.NodeTransformer):
    def __init__(self):
        self.changed = False

    def visit_Call(self, node):
        self.generic_visit(node)
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name.startswith("check_"):
            kept = [k for k in node.keywords if not (k.arg == "expected" and isinstance(k.value, ast.Lambda))]
            self.changed |= len(kept) != len(node.keywords)
            node.keywords = kept
            if len(node.args) >= 3 and isinstance(node.args[2], ast.Lambda):
                del node.args[2]
                self.changed = True
        return node


def without_computed_expectations(code):
    """Test code without the ``expected=lambda: ...`` arguments of its checks (``code`` itself if it has none).

    Such an expectation is computed by a library in the reference run, to prove
    the solution right; in a student's kernel it is never evaluated, and the
    grader compares the student's values with the reference run's, so it is
    not sent there at all.
    """
    dropper = _DropComputedExpectations()
    tree = dropper.visit(ast.parse(code))
    return ast.unparse(tree) if dropper.changed else code


def build_plan(assignment, submitted):
    """Phase-1 then phase-2 units for a submission (``submitted=None``: the solutions themselves)."""
    following = _question_after(assignment)
    tests = (lambda code: code) if submitted is None else without_computed_expectations
    answers, extras, manual, notes = {}, {}, {}, []
    if submitted is not None:
        answers, extras, manual, notes = _match(assignment, submitted, following)
    units, hidden, untouched = [], [], set()
    first_answer = next((c.index for c in assignment.cells if c.role == "answer"), None)
    for cell in assignment.cells:
        if cell.index == first_answer:
            units += extras.get(None, [])
        anchor = cell.grade_id or cell.cell_id
        question = following.get(anchor)
        if cell.role == "answer":
            code = cell.source if submitted is None else answers.get(cell.grade_id, "\n".join(CODE_STUB))
            handed_out = replace_solution_regions(cell.source, CODE_STUB)
            if cell.grade_id in answers and code.strip() == handed_out.strip():
                untouched.add(cell.grade_id)
            units.append(Unit("answer", cell.grade_id, question, code))
        elif cell.role == "locked" and cell.cell_type == "code" and cell.source.strip():
            units.append(Unit("setup", anchor, question, cell.source))
            hidden.append(Unit("setup", anchor, question, cell.source))
        elif cell.role == "test":
            q = next(q for q in assignment.questions if q.grade_id == cell.grade_id)
            if q.visible.strip():
                units.append(Unit("visible", q.grade_id, q.grade_id, CLEAR_RECORDS + tests(q.visible)))
            if q.hidden.strip():
                hidden.append(Unit("hidden", q.grade_id, q.grade_id, CLEAR_RECORDS + tests(q.hidden)))
        units += extras.get(anchor, [])
    if first_answer is None:
        units = extras.get(None, []) + units
    missing = set() if submitted is None else {c.grade_id for c in assignment.cells
                                               if c.role == "answer" and c.grade_id not in answers}
    if not any(u.kind == "hidden" for u in hidden):
        hidden = []
    return Plan(units + hidden, notes, manual, untouched, missing)


def _match(assignment, submitted, following):
    answer_ids = [c.grade_id for c in assignment.cells if c.role == "answer"]
    manual_ids = {c.grade_id for c in assignment.cells if c.role == "manual"}
    known = {c.grade_id for c in assignment.cells if c.grade_id}
    answers, extras, manual, seen_order, duplicates = {}, {}, {}, [], []
    anchor, extra_count = None, 0
    for cell in submitted:
        if cell.grade_id in known:
            if cell.grade_id in answers or cell.grade_id in manual:
                duplicates.append(cell.grade_id)
            elif cell.grade_id in answer_ids and cell.cell_type == "code":
                answers[cell.grade_id] = cell.source
                seen_order.append(cell.grade_id)
            elif cell.grade_id in manual_ids and cell.cell_type == "markdown":
                manual[cell.grade_id] = cell.source
            anchor = cell.grade_id
        elif cell.cell_type == "code" and cell.source.strip():
            extra_count += 1
            question = following.get(anchor) if anchor else None
            extras.setdefault(anchor, []).append(Unit("extra", f"extra-{extra_count}", question, cell.source))
    notes = []
    missing = [g for g in answer_ids if g not in answers]
    if missing:
        notes.append("missing answer cells: " + ", ".join(missing))
    if seen_order != [g for g in answer_ids if g in answers]:
        notes.append("answer cells reordered (graded in the original order)")
    if duplicates:
        notes.append("duplicated cells (the first copy counts): " + ", ".join(sorted(set(duplicates))))
    return answers, extras, manual, notes
