"""The exercise machinery: generator, checks, plans, reports, and course-grade against hostile submissions.

The kernel tests grade every fixture of tests/grading_fixtures in one run (two
jobs) and check each one's scores, status and feedback; then a re-run (nothing
regraded, identical files), an interrupted run that resumes, and the audit hook
on its own (``--isolation hook``).
"""

import ast
import csv
import fcntl
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from course_lib.grading import checks
from course_lib.grading.assignment import load_assignment, make_exercise
from course_lib.grading.checks import compare, decode, encode
from course_lib.grading.generate import differences, generate
from course_lib.grading.grader import GradingError, Options, grade, safe_name
from course_lib.grading.notebook import (NotebookFormatError, dumps_notebook, replace_solution_regions,
                                         split_hidden_tests)
from course_lib.grading.plan import (SubmissionError, SubmittedCell, build_plan, read_submission, reference_plan,
                                     without_computed_expectations)
from course_lib.grading.report import (feedback, gradebook, markdown_escape, one_line, readable_name,
                                       spreadsheet_safe)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "grading_fixtures"
TINY = FIXTURES / "solutions" / "tiny.ipynb"
PYTHON = sys.executable


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_fixtures", FIXTURES / "build_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()


# --- notebook conventions --------------------------------------------------------------------------

def test_solution_region_becomes_an_indented_stub():
    source = "def f(x):\n    ### BEGIN SOLUTION\n    return x + 1\n    ### END SOLUTION\n\nf(1)"
    assert replace_solution_regions(source, ("# YOUR CODE HERE", "raise NotImplementedError()")) == (
        "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n\nf(1)")


def test_solution_cell_without_markers_is_replaced_whole():
    assert replace_solution_regions("answer = 3", ("YOUR ANSWER HERE",)) == "YOUR ANSWER HERE"


@pytest.mark.parametrize("source", ["### BEGIN SOLUTION\nx = 1", "x = 1\n### END SOLUTION",
                                    "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION"])
def test_unbalanced_solution_markers_are_refused(source):
    with pytest.raises(NotebookFormatError, match="SOLUTION"):
        replace_solution_regions(source, ("stub",))


def test_hidden_regions_split_from_the_visible_part():
    visible, hidden = split_hidden_tests("a = 1\n### BEGIN HIDDEN TESTS\nb = 2\n### END HIDDEN TESTS\nc = 3\n"
                                         "### BEGIN HIDDEN TESTS\nd = 4\n### END HIDDEN TESTS")
    assert visible == "a = 1\nc = 3"
    assert hidden == "b = 2\nd = 4"


def _tiny():
    return json.loads(TINY.read_text())


def _cell(notebook, grade_id):
    return next(c for c in notebook["cells"] if c["metadata"]["nbgrader"]["grade_id"] == grade_id)


def test_tiny_assignment_is_read_into_questions():
    assignment = load_assignment(TINY)
    assert [(q.grade_id, q.points, q.answers) for q in assignment.questions] == [
        ("square_tests", 1.0, ["square"]), ("mean_tests", 2.0, ["mean_of"]), ("choice_tests", 1.0, ["choice"])]
    assert assignment.manual == ["explain"]
    assert assignment.max_points == 4
    assert "np.arange(-3.0, 4.0)" in assignment.questions[0].hidden
    assert "np.arange" not in assignment.questions[0].visible


@pytest.mark.parametrize("break_it, message", [
    (lambda nb: _cell(nb, "square").pop("id"), "unique 'id'"),
    (lambda nb: _cell(nb, "mean_of")["metadata"]["nbgrader"].update(grade_id="square"), "used twice"),
    (lambda nb: _cell(nb, "square_tests")["metadata"]["nbgrader"].pop("points"), "points"),
    (lambda nb: _cell(nb, "square_tests")["metadata"]["nbgrader"].update(points=0), "points"),
    (lambda nb: _cell(nb, "setup").update(source="### BEGIN HIDDEN TESTS\nx = 1\n### END HIDDEN TESTS"),
     "hidden-test markers belong in test cells"),
    (lambda nb: _cell(nb, "setup").update(source="### BEGIN SOLUTION\nx = 1\n### END SOLUTION"),
     "solution markers belong in answer cells"),
    (lambda nb: _cell(nb, "square")["metadata"]["nbgrader"].update(grade=True, points=1), "autograded answer"),
    (lambda nb: _cell(nb, "square_tests").update(
        source="if True:\n### BEGIN HIDDEN TESTS\n    x = 1\n### END HIDDEN TESTS"), "whole top-level statements"),
    (lambda nb: nb.update(cells=[c for c in nb["cells"] if not c["metadata"]["nbgrader"]["grade"]]), "no test cells"),
])
def test_malformed_solutions_are_refused_with_a_named_fix(tmp_path, break_it, message):
    notebook = _tiny()
    break_it(notebook)
    path = tmp_path / "broken.ipynb"
    path.write_text(json.dumps(notebook))
    with pytest.raises(NotebookFormatError, match=message):
        load_assignment(path)


def test_exercise_has_stubs_no_hidden_tests_and_no_outputs():
    solution = _tiny()
    _cell(solution, "square").update(outputs=[{"output_type": "stream", "name": "stdout", "text": "9"}],
                                     execution_count=3)
    exercise = make_exercise(solution)
    text = dumps_notebook(exercise)
    for secret in ("return x * x", "sum(values) / len(values)", 'answer = "B"', "HIDDEN", "np.arange(-3.0, 4.0)",
                   "something to check", "BEGIN SOLUTION"):
        assert secret not in text
    assert "".join(_cell(exercise, "square")["source"]) == (
        "def square(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()")
    assert "".join(_cell(exercise, "choice")["source"]) == "# YOUR CODE HERE\nraise NotImplementedError()"
    assert "".join(_cell(exercise, "explain")["source"]).endswith("YOUR ANSWER HERE")
    assert "".join(_cell(exercise, "square_tests")["source"]) == 'check_close("square(3)", square(3), expected=9)'
    assert all(c.get("outputs", []) == [] and c.get("execution_count") is None
               for c in exercise["cells"] if c["cell_type"] == "code")
    assert [c["metadata"] for c in exercise["cells"]] == [c["metadata"] for c in solution["cells"]]
    assert solution["cells"][2]["execution_count"] == 3, "make_exercise must not change its input"


def test_generator_writes_byte_stable_exercises_and_detects_drift(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    shutil.copy(TINY, solutions / "tiny.ipynb")
    assert generate(solutions, exercises) == ["tiny.ipynb"]
    first = (exercises / "tiny.ipynb").read_bytes()
    assert generate(solutions, exercises) == []
    assert (exercises / "tiny.ipynb").read_bytes() == first
    assert differences(solutions, exercises) == []
    (exercises / "tiny.ipynb").write_bytes(first.replace(b"YOUR CODE HERE", b"my edit"))
    (exercises / "stale.ipynb").write_text("{}")
    assert differences(solutions, exercises) == ["not generated from a solution (delete it): stale.ipynb",
                                                 "differs from its solution (run `make exercises`): tiny.ipynb"]
    (solutions / "other.ipynb").write_bytes(TINY.read_bytes())
    assert "missing: other.ipynb" in differences(solutions, exercises)
    generate(solutions, exercises)
    assert sorted(p.name for p in exercises.iterdir()) == ["other.ipynb", "tiny.ipynb"]
    assert (exercises / "tiny.ipynb").read_bytes() == first


def test_generator_command_line(tmp_path):
    solutions = tmp_path / "solutions"
    solutions.mkdir()
    shutil.copy(TINY, solutions / "tiny.ipynb")
    run = [PYTHON, "-m", "course_lib.grading.generate", str(solutions), str(tmp_path / "exercises")]
    assert subprocess.run(run + ["--check"], capture_output=True).returncode == 1
    assert subprocess.run(run, capture_output=True).returncode == 0
    assert subprocess.run(run + ["--check"], capture_output=True).returncode == 0


def test_fixtures_are_what_the_builder_writes():
    for relative, text in builder.all_files().items():
        assert (FIXTURES / relative).read_text(encoding="utf-8") == text, f"run {FIXTURES}/build_fixtures.py"


# --- checks ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, expected, actual, options", [
    ("close", [0.5, 1.0], np.array([0.5, 1.0 + 1e-9]), {"rtol": 1e-7, "atol": 0}),
    ("close", 9, 9.0, {}),
    ("close", [[1, np.nan]], [[1.0, float("nan")]], {}),
    ("close", 0.381, 8 / 21, {"atol": 5e-4, "rtol": 0}),
    ("equal", [1, 0, 1], np.array([1, 0, 1]), {}),
    ("equal", "salary", "salary", {}),
    ("choice", "B", " b ", {}),
    ("choice", "A, C", ["c", "a"], {}),
    ("choice", "AC", "C,A", {}),
    ("text", "salary", "Salary.", {}),
    ("text", "min-max scaling", "  Min-Max   scaling ", {}),
    ("true", True, True, {}),
])
def test_compare_accepts_right_answers(kind, expected, actual, options):
    assert compare(kind, expected, actual, options) is None


@pytest.mark.parametrize("kind, expected, actual, words", [
    ("close", [0.5, 1.0], [0.5, 1.1], ["expected [0.5, 1]", "you returned [0.5, 1.1]", "index 1"]),
    ("close", [0.5, 1.0], [0.5, 1.0, 2.0], ["expected 2 numbers", "you returned 3 numbers"]),
    ("close", 2.0, 6.0, ["expected 2, you returned 6"]),
    ("close", [1.0], None, ["None", "return"]),
    ("close", [1.0], "one", ["str"]),
    ("close", 1.0, ..., ["not filled in"]),
    ("equal", [1, 2], [2, 1], ["expected [1, 2], you returned [2, 1]"]),
    ("equal", 1, True, ["expected 1"]),
    ("choice", "B", "C", ["C is not the right choice", "the answer is B"]),
    ("choice", "B", "cosine", ["expected letters"]),
    ("choice", "B", 2, ["expected letters"]),
    ("text", "salary", "age", ["expected 'salary', you returned 'age'"]),
    ("text", "salary", 3, ["short text"]),
    ("true", True, False, ["must be one letter"]),
])
def test_compare_explains_wrong_answers(kind, expected, actual, words):
    options = {"hint": "must be one letter"} if kind == "true" else {}
    message = compare(kind, expected, actual, options)
    assert message is not None
    for word in words:
        assert word in message


def test_hidden_wording_reveals_no_expected_value():
    assert "0.5" not in compare("close", [0.5], [0.7], {}, reveal=False)
    assert "B" not in compare("choice", "B", "C", {}, reveal=False)


def test_a_value_that_cannot_be_compared_is_a_wrong_answer_not_a_crash():
    class Weird:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no")

        def __eq__(self, other):
            raise RuntimeError("no")
    assert compare("close", [1.0], Weird(), {}) is not None
    assert compare("equal", [1.0], Weird(), {}) is not None


@pytest.mark.parametrize("value", [
    None, True, 3, -2**60, 2.5, float("nan"), float("inf"), "text", [1, [2.5, "x"]], (1, 2),
    np.arange(6.0).reshape(2, 3), np.array([True, False]), np.arange(4, dtype=np.int32), np.float32(1.5),
    np.array([np.nan, -np.inf]), {"a": 1}, {1, 2}, np.array(["a", "b"]),
])
def test_encoding_round_trips_values_exactly(value):
    decoded = decode(json.loads(json.dumps(encode(value))))
    if isinstance(value, np.ndarray) and value.dtype.kind in "bifu":
        np.testing.assert_array_equal(decoded, value)
    elif isinstance(value, float) and np.isnan(value):
        assert np.isnan(decoded)
    elif isinstance(value, tuple):
        assert decoded == list(value)
    elif isinstance(value, np.ndarray):
        assert list(decoded) == list(value)
    elif isinstance(value, set):
        assert decoded == frozenset(value)
    else:
        assert decoded == value


def test_encoding_a_dataframe_uses_its_values():
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    np.testing.assert_array_equal(decode(encode(frame)), frame.to_numpy())


def test_huge_or_unknown_values_are_recorded_as_unsupported():
    assert isinstance(decode(encode(np.zeros(checks.MAX_ELEMENTS + 1))), checks.Unsupported)
    assert isinstance(decode(encode(object())), checks.Unsupported)


@pytest.mark.parametrize("forged", [
    {"__ndarray__": "!!", "dtype": "<f8", "shape": [1]}, {"__ndarray__": "AAAAAAAA8D8=", "dtype": "<f8", "shape": [2]},
    {"__ndarray__": "AAAAAAAA8D8=", "dtype": "object", "shape": [1]}, {"__float__": "nope"}, {"__set__": [[1]]},
    {"__dict__": [[[1], 2]]}, {"x": 1}, {"__list_array__": 3, "shape": []},
    json.loads("[" * 60 + "]" * 60),
])
def test_decoding_forged_records_never_crashes(forged):
    value = decode(forged)
    assert compare("close", [1.0], value, {}) is not None


def test_checks_in_a_notebook_raise_helpful_messages(monkeypatch):
    monkeypatch.delenv(checks.MODE_ENV, raising=False)
    checks.check_close("fine", [1.0, 2.0], expected=[1.0, 2.0])
    checks.check_close("no expected value: nothing to compare", [5.0])
    with pytest.raises(AssertionError, match=r"scaled ages: expected 7 numbers .* you returned 6 numbers"):
        checks.check_close("scaled ages", np.zeros(6), expected=np.zeros(7))
    with pytest.raises(AssertionError, match="vs scikit-learn: expected"):
        checks.check_close("vs scikit-learn", [1.0], expected=lambda: [2.0])
    with pytest.raises(AssertionError, match="one letter"):
        checks.check_that("format", False, hint="one letter")
    assert checks.take_records() == []


class _NoRepr:
    def __repr__(self):
        raise RuntimeError("no")


@pytest.mark.parametrize("value, gave", [
    ([0.5, 1], "[0.5, 1]"), (np.array([0.25, 1.0]), "[0.25, 1]"), ("cosine", "'cosine'"),
    (None, "None (is a `return` missing?)"), (list(range(1000)), repr(list(range(1000)))[:77] + "..."),
    (list(np.array([44, 27]) / 48), "[0.916667, 0.5625]"), ((np.int64(2), np.int64(1)), "(2, 1)"),
    ((np.float64(0.5),), "(0.5,)"),
    (_NoRepr(), "a _NoRepr"),
])
def test_check_that_says_what_the_student_gave(monkeypatch, value, gave):
    monkeypatch.delenv(checks.MODE_ENV, raising=False)
    with pytest.raises(AssertionError) as failure:
        checks.check_that("seven values", False, hint="one per employee", value=value)
    assert str(failure.value) == f"seven values: one per employee (you gave {gave})"
    checks.check_that("seven values", True, hint="one per employee", value=value)


def test_the_graders_check_that_message_uses_the_students_value_and_hides_hidden_ones():
    from course_lib.grading.grader import _compare_records
    from course_lib.grading.plan import Unit
    reference = [{"label": "one letter", "kind": "true", "value": True, "options": {"hint": "A to D", "gave": "'B'"},
                  "shown": True}]
    mine = {"records": [{"label": "one letter", "kind": "true", "value": False,
                         "options": {"hint": "forged", "gave": "'cosine'"}}]}
    visible, hidden = Unit("visible", "q", "q", ""), Unit("hidden", "q", "q", "")
    assert _compare_records(visible, reference, mine) == "one letter: A to D (you gave 'cosine')"
    assert _compare_records(hidden, reference, mine) == "hidden check 'one letter' failed"
    mine["records"][0]["options"] = {"gave": ["not", "text"]}
    assert _compare_records(visible, reference, mine) == "one letter: A to D"


def test_checks_under_the_grader_record_and_never_evaluate_hidden_expectations(monkeypatch):
    monkeypatch.setenv(checks.MODE_ENV, "student")
    checks.take_records()
    evaluated = []
    checks.check_close("lazy", [1.0], expected=lambda: evaluated.append(1) or [1.0])
    checks.check_choice("letter", "b")
    records = checks.take_records()
    assert evaluated == []
    assert [(r["label"], r["kind"], r["shown"]) for r in records] == [("lazy", "close", False),
                                                                     ("letter", "choice", False)]
    monkeypatch.setenv(checks.MODE_ENV, "reference")
    checks.check_close("lazy", [1.0], expected=lambda: evaluated.append(1) or [1.0])
    assert evaluated == [1]
    assert checks.take_records()[0]["options"] == {"rtol": 1e-7, "atol": 0.0}


def test_mismatch_in_an_array_names_its_index_as_plain_numbers():
    wanted = np.zeros((2, 3))
    given = wanted.copy()
    given[1, 2] = 0.5
    message = compare("close", wanted, given, {})
    assert "largest difference at index (1, 2): expected 0, got 0.5" in message
    assert "int64" not in message


# --- from scratch: which library names a student's function uses ---------------------------------------

def _notebook(source):
    """Run ``source`` as a notebook cell runs (in module ``__main__``); return its namespace."""
    namespace = {"__name__": "__main__"}
    exec(source, namespace)
    return namespace


@pytest.mark.parametrize("source, expected", [
    ("import numpy as np\ndef f(X):\n    return np.mean(X, axis=0)", []),
    ("import numpy as np\ndef f(X, depth=0):\n    return X if depth else f(X, depth + 1)", []),
    ("from sklearn.cluster import KMeans\ndef f(X):\n    return KMeans(2).fit(X)", ["KMeans"]),
    ("import scipy.spatial.distance as ssd\ndef f(X):\n    return ssd.cdist(X, X)", ["ssd"]),
    ("from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\n"
     "def f(X):\n    return scaler.fit_transform(X)", ["scaler"]),
    ("def f(X):\n    import scipy.spatial\n    return X", ["scipy.spatial"]),
    ("def f(X):\n    from sklearn.metrics import pairwise_distances\n    return pairwise_distances(X)",
     ["sklearn.metrics"]),
    ("from scipy.special import logsumexp\ndef f(X):\n    return [logsumexp(row) for row in X]", ["logsumexp"]),
    ("from course_lib import KMeans\ndef helper(X):\n    return KMeans(2).fit(X)\n"
     "def f(X):\n    return helper(X)", ["KMeans"]),
    ("from sklearn.cluster import KMeans\nclass Model:\n    def fit(self, X):\n        return KMeans(2).fit(X)\n"
     "def f(X):\n    return Model().fit(X)", ["KMeans"]),
    ("from scipy.spatial.distance import cdist\nclass Tools:\n    @staticmethod\n    def gaps(X):\n"
     "        return cdist(X, X)\ndef f(X):\n    return Tools.gaps(X)", ["cdist"]),
    ("from sklearn.cluster import KMeans\nclass Model:\n    def run(self, X):\n        return KMeans(2).fit(X)\n"
     "model = Model()\ndef f(X):\n    return model.run(X)", ["KMeans"]),
    ("from sklearn.cluster import KMeans\ndef f(X, engine=KMeans):\n    return engine(2).fit(X)", ["KMeans"]),
    ("def make():\n    from sklearn import cluster\n    def f(X):\n        return cluster.KMeans(2).fit(X)\n"
     "    return f\nf = make()", ["sklearn.cluster"]),
    ("def f(X):\n    return __import__('sk' + 'learn')", ["__import__"]),
    ("def f(X):\n    return globals()['K' + 'Means']", ["globals"]),
    ("import importlib\ndef f(X):\n    return importlib.import_module('scipy')", ["import_module"]),
    ("class Odd:\n    def __getattribute__(self, name):\n        raise RuntimeError(name)\nodd = Odd()\n"
     "def f(X):\n    return odd", []),
    # A limit the docstring states: a library object passed in as an argument is not seen.
    ("def f(X, model):\n    return model.fit(X)", []),
])
def test_library_calls_finds_library_names_directly_or_through_your_code(source, expected):
    assert checks.library_calls(_notebook(source)["f"]) == expected


def test_library_calls_sees_a_class_of_yours_built_on_a_library_class():
    f = _notebook("from sklearn.cluster import KMeans\nclass Mine(KMeans):\n    pass\n"
                  "def f(X):\n    return Mine(2).fit(X)")["f"]
    assert "KMeans" in checks.library_calls(f)   # with what scikit-learn adds to its subclasses


def test_library_calls_takes_the_packages_to_look_for():
    f = _notebook("import numpy as np\ndef f(X):\n    return np.mean(X)")["f"]
    assert checks.library_calls(f, packages=("numpy",)) == ["np"]
    g = _notebook("from sklearn.cluster import KMeans\ndef g(X):\n    return KMeans(2).fit(X)")["g"]
    assert checks.library_calls(g, packages=("scipy",)) == []


def test_check_from_scratch_in_a_notebook_names_what_to_remove(monkeypatch):
    monkeypatch.delenv(checks.MODE_ENV, raising=False)
    checks.check_from_scratch("plain uses no library", _notebook("def f(X):\n    return X * 2")["f"])
    uses = _notebook("from sklearn.cluster import KMeans\ndef f(X):\n    return KMeans(2).fit(X)")["f"]
    with pytest.raises(AssertionError, match=r"^f uses no library: it uses KMeans; write it with plain Python "
                                             r"and NumPy only$"):
        checks.check_from_scratch("f uses no library", uses)


def test_check_from_scratch_under_the_grader_records_and_leaves_the_verdict_to_it(monkeypatch):
    uses = _notebook("from sklearn.cluster import KMeans\ndef f(X):\n    return KMeans(2).fit(X)")["f"]
    monkeypatch.setenv(checks.MODE_ENV, "student")
    checks.take_records()
    checks.check_from_scratch("f uses no library", uses)   # a student's kernel does not judge
    [record] = checks.take_records()
    assert (record["label"], record["kind"], decode(record["value"]), record["shown"]) == (
        "f uses no library", "equal", ["KMeans"], True)
    assert compare("equal", [], decode(record["value"]), {}) == "expected [], you returned ['KMeans']"
    monkeypatch.setenv(checks.MODE_ENV, "reference")
    with pytest.raises(AssertionError, match="it uses KMeans"):   # a solution that breaks its own rule
        checks.check_from_scratch("f uses no library", uses)
    checks.take_records()


# --- plans -------------------------------------------------------------------------------------------

def _submitted(notebook):
    return [SubmittedCell(c["cell_type"], c.get("metadata", {}).get("nbgrader", {}).get("grade_id"),
                          "".join(c["source"]) if isinstance(c["source"], list) else c["source"])
            for c in notebook["cells"]]


def test_reference_plan_runs_solutions_then_hidden_tests_last():
    plan = reference_plan(load_assignment(TINY))
    kinds = [u.kind for u in plan.units]
    assert kinds == ["setup", "answer", "visible", "answer", "visible", "answer", "visible",
                     "setup", "hidden", "hidden", "hidden"]
    assert "return x * x" in plan.units[1].code
    phase_one = "".join(u.code for u in plan.units[:7])
    assert "unseen" not in phase_one and "check_choice(" not in phase_one.replace("import check_choice", "")


def test_student_plan_takes_answers_by_grade_id_and_everything_else_from_the_solutions():
    assignment = load_assignment(TINY)
    notebook = builder.reordered()
    plan = build_plan(assignment, _submitted(notebook))
    assert [u.key for u in plan.units if u.kind == "answer"] == ["square", "mean_of", "choice"]
    assert [u.kind for u in plan.units][:3] == ["setup", "extra", "answer"], "the helper runs after set-up"
    assert "count(values)" in next(u.code for u in plan.units if u.key == "mean_of")
    assert plan.notes == ["answer cells reordered (graded in the original order)"]
    tests = [u for u in plan.units if u.kind in ("visible", "hidden")]
    reference = [u for u in reference_plan(assignment).units if u.kind in ("visible", "hidden")]
    assert [ast.dump(ast.parse(u.code)) for u in tests] == [
        ast.dump(ast.parse(without_computed_expectations(u.code))) for u in reference]


def test_a_students_kernel_gets_no_library_computed_expectations():
    assignment = load_assignment(TINY)
    reference = "".join(u.code for u in reference_plan(assignment).units)
    student = "".join(u.sent for u in build_plan(assignment, _submitted(make_exercise(_tiny()))).units)
    assert "expected=lambda: np.power(np.arange(-3.0, 4.0), 2)" in reference
    assert "lambda" not in student and "np.power" not in student
    assert "expected=9" in student, "a literal expected value is public: the student's kernel compares it"


@pytest.mark.parametrize("code, kept", [
    ('check_close("a", f(X), expected=lambda: g(X), atol=1e-3)', "check_close('a', f(X), atol=0.001)"),
    ('check_close("a", f(X), lambda: g(X))', "check_close('a', f(X))"),
    ('checks.check_equal("a", f(X), expected=lambda: [])', "checks.check_equal('a', f(X))"),
    ('check_close("a", f(X), expected=[1, 2])\nx = lambda: 3', 'check_close("a", f(X), expected=[1, 2])\nx = lambda: 3'),
])
def test_computed_expectations_are_removed_and_nothing_else(code, kept):
    assert without_computed_expectations(code) == kept


def test_instructor_cells_go_through_the_sandbox_runner_and_student_cells_do_not():
    plan = build_plan(load_assignment(TINY), _submitted(builder.submission({})))
    for unit in plan.units:
        if unit.kind == "answer":
            assert unit.sent == unit.code
        else:
            assert unit.sent.startswith('__import__("course_lib.grading.sandbox"') and repr(unit.code) in unit.sent


MACHINERY_PROBE = """
import builtins, sys
from IPython.core.interactiveshell import InteractiveShell
from course_lib.grading import sandbox

class Kernel:
    def execute_request(self):
        pass

    def do_execute(self):
        pass

shell = InteractiveShell.instance()
kernel = Kernel()
kernel.shell = shell
sandbox.note_machinery(shell, kernel)
shell.user_ns["value"] = 2
sandbox.run_instructor_code("doubled = value * 2")
assert shell.user_ns["doubled"] == 4
changes = {
    "IPython.ast_transformers": lambda: shell.ast_transformers.append(object()),
    "IPython.input_transformers_post": lambda: shell.input_transformers_post.append(lambda lines: lines),
    "IPython.input_transformers_cleanup": lambda: shell.input_transformers_cleanup.insert(0, lambda lines: lines),
    "IPython.line_transforms": lambda: shell.input_transformer_manager.line_transforms.append(lambda lines: lines),
    "IPython.events": lambda: shell.events.register("post_execute", lambda: None),
    "IPython.run_cell": lambda: setattr(shell, "run_cell", lambda *args, **kwargs: None),
    "IPython.transform_cell": lambda: setattr(InteractiveShell, "transform_cell", lambda self, cell: cell),
    "ipykernel.do_execute": lambda: setattr(kernel, "do_execute", lambda *args: None),
    "builtins.exec": lambda: setattr(builtins, "exec", lambda *args, **kwargs: None),
    "sys.settrace": lambda: sys.settrace(lambda *args: None),
}
original_exec = builtins.exec
for name, change in changes.items():
    change()
    assert sandbox.machinery_changes() == [name], (name, sandbox.machinery_changes())
    try:
        sandbox.run_instructor_code("ran = True")
    except sandbox.TamperingError as error:
        assert name in str(error)
    else:
        raise AssertionError(f"the tests ran after {name} changed")
    assert "ran" not in shell.user_ns
    sys.settrace(None)
    builtins.exec = original_exec
    sandbox.note_machinery(shell, kernel)   # start again from this state for the next change
import matplotlib.pyplot
matplotlib.pyplot.figure()   # registers pyplot's redraw callback, as in an honest notebook that plots
assert matplotlib.pyplot._draw_all_if_interactive in shell.events.callbacks["post_execute"]
assert sandbox.machinery_changes() == [], sandbox.machinery_changes()
print("probed", len(changes))
"""


def test_each_change_to_the_machinery_that_runs_a_cell_is_seen_and_stops_the_tests(tmp_path):
    environment = {**os.environ, "IPYTHONDIR": str(tmp_path), "MPLBACKEND": "Agg"}
    run = subprocess.run([PYTHON, "-c", MACHINERY_PROBE], capture_output=True, text=True, env=environment,
                         cwd=tmp_path, timeout=120)
    assert run.returncode == 0 and "probed 10" in run.stdout, run.stderr


def test_deleted_and_duplicated_answer_cells():
    assignment = load_assignment(TINY)
    cells = _submitted(builder.deleted_answer())
    cells.append(SubmittedCell("code", "square", "def square(x):\n    return 0"))
    plan = build_plan(assignment, cells)
    assert plan.missing == {"mean_of"}
    assert "raise NotImplementedError()" in next(u.code for u in plan.units if u.key == "mean_of")
    assert "return 2 * x" in next(u.code for u in plan.units if u.key == "square"), "the first copy counts"
    assert plan.notes == ["missing answer cells: mean_of", "duplicated cells (the first copy counts): square"]


def test_untouched_exercise_is_recognised():
    assignment = load_assignment(TINY)
    plan = build_plan(assignment, _submitted(make_exercise(_tiny())))
    assert plan.untouched == {"square", "mean_of", "choice"}
    assert plan.manual == {"explain": "In one sentence, why square numbers?\n\nYOUR ANSWER HERE"}


@pytest.mark.parametrize("content, tag", [(b"not json", "unreadable notebook"), (b'{"cells": 3}', "unreadable notebook"),
                                          (b"\xff\xfe", "unreadable notebook"), (b"[]", "unreadable notebook")])
def test_unreadable_submissions(tmp_path, content, tag):
    path = tmp_path / "x.ipynb"
    path.write_bytes(content)
    with pytest.raises(SubmissionError, match=tag):
        read_submission(path)


def test_odd_cells_in_a_submission_are_tolerated(tmp_path):
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps({"cells": [3, {"cell_type": "code", "source": ["a = ", 1, "2"]},
                                          {"cell_type": "weird", "metadata": {"nbgrader": {"grade_id": ["x"]}}}]}))
    cells = read_submission(path)
    assert [(c.cell_type, c.grade_id, c.source) for c in cells] == [("code", None, "a = 2"), ("raw", None, "")]


# --- reports ------------------------------------------------------------------------------------------

def test_gradebook_and_feedback_text():
    assignment = load_assignment(TINY)
    result = {"student": "=cmd|calc", "total": 1.5, "status": ["ok"], "notes": ["graded x.ipynb"],
              "manual": {"explain": "Because <b>|"},
              "questions": {"square_tests": {"points": 1.0, "max": 1.0, "reason": ""},
                            "mean_tests": {"points": 0.5, "max": 2.0, "reason": "x | `y` <script>"},
                            "choice_tests": {"points": 0.0, "max": 1.0, "reason": "not attempted"}}}
    rows = list(csv.reader(gradebook(assignment, [result]).splitlines()))
    assert rows == [["student", "square_tests", "mean_tests", "choice_tests", "explain", "total", "status"],
                    ["'=cmd|calc", "1", "0.5", "0", "", "1.5", "ok"]]
    text = feedback(assignment, result)
    assert "| mean\\_tests | 0.5 / 2 | x \\| \\`y\\` &lt;script&gt; |" in text
    assert "<" not in text.replace("&lt;", "")
    assert "Score: **1.5 / 4**" in text


def test_text_helpers():
    assert one_line("a\n\x1b[31mred\x1b[0m\tb" + "x" * 300, limit=20) == "a red b" + "x" * 10 + "..."
    assert markdown_escape("[link](x) *b*") == "\\[link\\](x) \\*b\\*"
    assert spreadsheet_safe("+1") == "'+1" and spreadsheet_safe("alice") == "alice"
    assert safe_name("alice") == "alice" and safe_name("../x y").startswith("_x_y-")
    latin1 = os.fsdecode(b"\xe9lodie")
    assert safe_name(latin1).startswith("_lodie-") and safe_name(latin1) != safe_name(os.fsdecode(b"\xe8lodie"))
    assert readable_name(latin1) == "\\xe9lodie" and readable_name("élodie") == "élodie"


# --- course-grade on the fixtures ----------------------------------------------------------------------

#  case: ({question: points}, status must contain each of these (a tuple: any one of them); ["ok"]: exactly ok)
EXPECTED = {
    "correct": ((1, 2, 1), ["ok"]),
    "partial": ((1, 0, 0), ["ok"]),
    "empty": ((0, 0, 0), ["not attempted"]),
    "syntax_error": ((0, 2, 1), ["syntax error: square"]),
    "exception": ((1, 0, 1), ["error: mean_of"]),
    "infinite_loop": ((1, 0, 1), ["timeout: mean_of"]),
    "unstoppable_loop": ((1, 2, 0), ["timeout: choice", "kernel restarted 1x"]),
    "memory_bomb": ((0, 2, 1), [("memory limit: square", "timeout: square")]),
    "sys_exit": ((1, 2, 1), ["exit called: square"]),
    "os_exit": ((1, 0, 1), ["kernel died: mean_of", "kernel restarted 1x"]),
    "kill_kernel": ((1, 2, 0), ["kernel died: choice"]),
    "print_megabytes": ((1, 2, 1), ["printed 19 MB (not kept)"]),
    "tamper_numpy": ((0, 0, 0), ["tampering: checks.check_choice, checks.check_close, checks.check_equal, "
                                 "checks.check_that, numpy.allclose, numpy.isclose, numpy.testing.assert_allclose "
                                 "replaced"]),
    "forge_records": ((0, 0, 0), ["tampering: checks._check replaced"]),
    "write_output": ((1, 2, 1), ["refused: wrote outside its folder"]),
    "read_hidden": ((1, 2, 0), ["read a protected file", "started a process", "created a symlink"]),
    "warning": ((1, 2, 1), ["ok"]),
    "plots_a_figure": ((1, 2, 1), ["ok"]),
    "uses_scikit_learn": ((1, 2, 1), ["ok"]),
    # Without the runner these would earn 4 (wrong squares, and SciPy in a from-scratch mean).
    "rewrite_tests_ast": ((0, 0, 0), ["tampering: IPython.ast_transformers changed"]),
    "rewrite_tests_input": ((0, 0, 0), ["tampering: IPython.input_transformers_post changed"]),
    "reordered": ((1, 2, 1), ["answer cells reordered (graded in the original order)"]),
    "deleted_answer": ((0, 0, 1), ["missing answer cells: mean_of"]),
    "metadata_forgery": ((1, 2, 1), ["ok"]),
    "unreadable": ((0, 0, 0), ["unreadable notebook"]),
    "no_notebook": ((0, 0, 0), ["no notebook"]),
    "symlinked": ((0, 0, 0), ["no notebook"]),
}

# A one-line reason each lost question shows in the feedback file.
REASONS = {
    ("partial", "mean_tests"): "mean_of([1, 2, 3]): expected 2, you returned 6",
    ("partial", "choice_tests"): "hidden check 'the second letter' failed",
    ("empty", "square_tests"): "not attempted",
    ("syntax_error", "square_tests"): "syntax error in your answer cell 'square'",
    ("exception", "mean_tests"): "your answer cell 'mean_of' raised ValueError: I give up",
    ("infinite_loop", "mean_tests"): "your answer cell 'mean_of' ran longer than 10 s and was stopped",
    ("unstoppable_loop", "choice_tests"): "your answer cell 'choice' ran longer than 10 s and was stopped",
    ("os_exit", "mean_tests"): "your answer cell 'mean_of' stopped the kernel",
    ("kill_kernel", "choice_tests"): "your answer cell 'choice' stopped the kernel",
    ("tamper_numpy", "square_tests"): "check 'square(3)' did not run",
    ("forge_records", "square_tests"): "hidden check 'square of unseen numbers' failed",
    ("read_hidden", "choice_tests"): "hidden check 'the second letter' failed",
    ("deleted_answer", "mean_tests"): "answer cell 'mean_of' is missing from the notebook",
    ("rewrite_tests_ast", "square_tests"): "tampering: your code changed how the tests run",
    ("rewrite_tests_input", "mean_tests"): "tampering: your code changed how the tests run",
    ("deleted_answer", "square_tests"): "square(3): expected 9, you returned 6",
}


def _stage(target, names=None):
    """Copy fixture submissions to ``target/submissions`` with the run's real paths filled in."""
    paths = {"@@FEEDBACK_DIR@@": target / "feedback", "@@STATE_DIR@@": target / "grades.state",
             "@@SUBMISSIONS_DIR@@": target / "submissions",
             "@@OUT_CSV@@": target / "grades.csv", "@@SOLUTIONS_DIR@@": TINY.parent}
    for folder in sorted((FIXTURES / "submissions").iterdir()):
        if names is not None and folder.name not in names:
            continue
        shutil.copytree(folder, target / "submissions" / folder.name)
        for file in (target / "submissions" / folder.name).iterdir():
            text = file.read_text(encoding="utf-8")
            for marker, path in paths.items():
                text = text.replace(marker, str(path))
            file.write_text(text, encoding="utf-8")
    if names is None or "symlinked" in names:
        linked = target / "submissions" / "symlinked"
        linked.mkdir()
        (linked / "tiny.ipynb").symlink_to(TINY)
        (linked / "data.csv").symlink_to(TINY)
    return target


def _options(target, **overrides):
    settings = dict(submissions=target / "submissions", assignment="tiny", out=target / "grades.csv",
                    feedback=target / "feedback", solutions=TINY.parent, jobs=2, timeout=10, memory_mb=768)
    settings.update(overrides)
    return Options(**settings)


def _rows(path):
    with open(path, newline="") as file:
        return {row["student"]: row for row in csv.DictReader(file)}


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory):
    """One grading run of every fixture; under pytest-xdist the workers share it (the first one runs it)."""
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run_id is None:
        target = _stage(tmp_path_factory.mktemp("fixture-run"))
        return target, grade(_options(target), log=lambda message: None).graded
    target = tmp_path_factory.getbasetemp().parent / f"grading-fixtures-{run_id}"
    target.mkdir(exist_ok=True)
    with open(target / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "graded.json").exists():
            _stage(target)
            graded = grade(_options(target), log=lambda message: None).graded
            (target / "graded.json").write_text(json.dumps(graded))
        fcntl.flock(lock, fcntl.LOCK_UN)
    return target, json.loads((target / "graded.json").read_text())


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_fixture_is_graded_as_it_deserves(fixture_run, case):
    target, _ = fixture_run
    row = _rows(target / "grades.csv")[case]
    points, must_say = EXPECTED[case]
    assert [float(row[q]) for q in ("square_tests", "mean_tests", "choice_tests")] == list(points)
    assert float(row["total"]) == sum(points)
    assert row["explain"] == "", "manually graded questions are left for the instructor"
    for words in must_say:
        options = words if isinstance(words, tuple) else (words,)
        assert any(option in row["status"] for option in options), row["status"]
    if must_say == ["ok"]:
        assert row["status"] == "ok", "nothing unusual happened, so nothing may be reported"
    assert "grader error" not in row["status"]
    text = (target / "feedback" / f"{case}.md").read_text()
    assert f"Score: **{sum(points):g} / 4**" in text
    for (name, question), reason in REASONS.items():
        if name == case:
            start = f"| {markdown_escape(question)} |"
            line = next(line for line in text.splitlines() if line.startswith(start))
            assert markdown_escape(reason) in line, line


@pytest.mark.slow
def test_no_hidden_test_code_or_solution_reaches_feedback_or_gradebook(fixture_run):
    target, _ = fixture_run
    assignment = load_assignment(TINY)
    secrets = ["np.arange(-3.0, 4.0)", "[2.5, -1.0, 7.25, 0.0]", "check_choice(\"the second letter\", answer)",
               "return x * x\n", "something to check"]
    assert all(q.hidden for q in assignment.questions)
    for path in [target / "grades.csv", *(target / "feedback").glob("*.md")]:
        text = path.read_text()
        for secret in secrets:
            assert secret not in text, (path.name, secret)


@pytest.mark.slow
def test_hostile_writes_changed_nothing_of_anyone_else(fixture_run):
    target, _ = fixture_run
    assert _rows(target / "grades.csv")["correct"]["total"] == "4"
    assert "Score: **4 / 4**" in (target / "feedback" / "correct.md").read_text()
    submitted = (target / "submissions" / "correct" / "tiny.ipynb").read_text()
    assert submitted == (FIXTURES / "submissions" / "correct" / "tiny.ipynb").read_text()
    assert not Path("/tmp/course-grade-was-here.txt").exists()
    result = json.loads((target / "grades.state" / "results" / "tiny" / "correct.json").read_text())
    assert result["result"]["total"] == 4
    assert (target / "grades.state" / "reference-tiny.json").exists()
    leftovers = [p.name for p in target.iterdir() if p.name.startswith(".grades.csv")]
    assert leftovers == [], "the gradebook is written through a temporary file and renamed"


@pytest.mark.slow
def test_the_feedback_folder_holds_only_the_feedback_handed_out(fixture_run):
    """The grader's state (every hidden expected value, the results) stays out of what students get."""
    target, _ = fixture_run
    students = _rows(target / "grades.csv")
    assert sorted(p.name for p in (target / "feedback").iterdir()) == sorted(f"{safe_name(s)}.md" for s in students)
    reference = json.loads((target / "grades.state" / "reference-tiny.json").read_text())
    assert "hidden:mean_tests" in reference["records"]


def _orphan_kernels():
    """Sandboxed kernels whose sandbox is gone (their run is over, so they should be too)."""
    orphans = []
    for entry in Path("/proc").iterdir():
        try:
            words = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if "course_lib.grading.sandbox" in words and "-f" in words:
            connection_file = Path(words[words.index("-f") + 1])
            if not connection_file.parent.exists():
                orphans.append((entry.name, str(connection_file)))
    return orphans


@pytest.mark.slow
def test_no_kernel_outlives_its_run(fixture_run):
    deadline = time.monotonic() + 10
    while _orphan_kernels() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _orphan_kernels() == []


@pytest.mark.slow
def test_a_rerun_regrades_nothing_and_writes_the_same_bytes(fixture_run):
    target, graded = fixture_run
    files = {p: p.read_bytes() for p in [target / "grades.csv", *(target / "feedback").glob("*.md")]}
    again = grade(_options(target), log=lambda message: None)
    assert again.graded == []
    assert sorted(again.reused) == sorted(graded)
    assert {p: p.read_bytes() for p in files} == files


@pytest.mark.slow
def test_audit_hook_alone_still_protects(tmp_path):
    target = _stage(tmp_path, ["correct", "read_hidden", "write_output", "tamper_numpy"])
    summary = grade(_options(target, isolation="hook"), log=lambda message: None)
    assert summary.isolation == "audit hook"
    rows = _rows(target / "grades.csv")
    assert {name: row["total"] for name, row in rows.items()} == {"correct": "4", "read_hidden": "3",
                                                                 "tamper_numpy": "0", "write_output": "4"}
    assert "read a protected file" in rows["read_hidden"]["status"]
    assert "wrote outside its folder" in rows["write_output"]["status"]
    assert (target / "submissions" / "correct" / "tiny.ipynb").read_text() == (
        FIXTURES / "submissions" / "correct" / "tiny.ipynb").read_text()


@pytest.mark.slow
def test_an_interrupted_run_resumes_without_regrading(tmp_path):
    submissions = tmp_path / "submissions"
    for name in ("ann", "bob", "cat", "dan"):
        shutil.copytree(FIXTURES / "submissions" / "correct", submissions / name)
    command = [PYTHON, "-m", "course_lib.grading", str(submissions), "--assignment", "tiny", "--out",
               str(tmp_path / "grades.csv"), "--feedback", str(tmp_path / "feedback"), "--solutions",
               str(TINY.parent), "--jobs", "1", "--timeout", "20"]
    results = tmp_path / "grades.state" / "results" / "tiny"
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not (results.exists() and any(results.glob("*.json"))) and time.monotonic() < deadline:
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 130, errors
    assert "run the same command again to resume" in errors
    assert not (tmp_path / "grades.csv").exists()
    deadline = time.monotonic() + 10
    while _orphan_kernels() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _orphan_kernels() == [], "an interrupted run stops its kernels"
    done = {p.name: p.stat().st_mtime_ns for p in results.glob("*.json")}
    assert 1 <= len(done) < 4
    finished = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr
    assert f"reused {len(done)} saved result(s)" in finished.stderr
    assert {p.name: p.stat().st_mtime_ns for p in results.glob("*.json") if p.name in done} == done
    assert sorted(p.name for p in results.iterdir()) == ["ann.json", "bob.json", "cat.json", "dan.json"]
    assert [row["total"] for row in _rows(tmp_path / "grades.csv").values()] == ["4"] * 4
    assert sorted(p.name for p in (tmp_path / "feedback").iterdir()) == ["ann.md", "bob.md", "cat.md", "dan.md"]


@pytest.mark.slow
def test_names_that_are_not_utf8_are_graded_like_any_other(tmp_path):
    """A Latin-1 folder name and a file named with a byte that is not UTF-8 cost nothing, now or on a re-run."""
    submissions = os.fsencode(tmp_path / "submissions")
    for name in (b"\xe9lodie", b"bob"):
        os.makedirs(submissions + b"/" + name)
        shutil.copy(FIXTURES / "submissions" / "correct" / "tiny.ipynb", submissions + b"/" + name + b"/tiny.ipynb")
    with open(submissions + b"/bob/\xffnotes.txt", "wb") as notes:
        notes.write(b"my notes")
    summary = grade(_options(tmp_path), log=lambda message: None)
    assert sorted(summary.graded) == sorted(["bob", os.fsdecode(b"\xe9lodie")])
    rows = _rows(tmp_path / "grades.csv")
    assert {name: (row["total"], row["status"]) for name, row in rows.items()} == {
        "\\xe9lodie": ("4", "ok"), "bob": ("4", "ok")}
    [elodie] = [p for p in (tmp_path / "feedback").iterdir() if p.name != "bob.md"]
    assert "Student: \\\\xe9lodie" in elodie.read_text()
    again = grade(_options(tmp_path), log=lambda message: None)
    assert again.graded == [] and len(again.reused) == 2


def test_an_error_in_the_grader_costs_only_that_student(monkeypatch, tmp_path):
    from course_lib.grading import grader
    for name in ("ann", "bob", "cat"):
        shutil.copytree(FIXTURES / "submissions" / "correct", tmp_path / "submissions" / name)
    monkeypatch.setattr(grader, "run_reference", lambda *args: {"records": {}, "isolation": "none"})
    listing = grader.submission_files

    def files_of(folder):
        if folder.name == "cat":
            raise UnicodeEncodeError("utf-8", "\udcff", 0, 1, "surrogates not allowed")
        return listing(folder)

    def graded(assignment, student, *args):
        if student == "bob":
            raise RuntimeError("a bug in the grader")
        result = grader.empty_result(assignment, student, ["looked at"])
        result.update(status=[], total=4.0)
        return result
    monkeypatch.setattr(grader, "submission_files", files_of)
    monkeypatch.setattr(grader, "grade_student", graded)
    messages = []
    grade(_options(tmp_path), log=messages.append)
    rows = _rows(tmp_path / "grades.csv")
    assert {name: (row["total"], row["status"]) for name, row in rows.items()} == {
        "ann": ("4", "ok"), "bob": ("0", "grader error: RuntimeError"), "cat": ("0", "grader error: UnicodeEncodeError")}
    assert any("'bob': grader error: RuntimeError: a bug in the grader" in m for m in messages)
    assert "| square\\_tests | 0 / 1 | grader error: RuntimeError |" in (tmp_path / "feedback" / "bob.md").read_text()
    saved = sorted(p.name for p in (tmp_path / "grades.state" / "results" / "tiny").iterdir())
    assert saved == ["ann.json"], "a grader error is not saved: the next run tries that student again"


def test_state_lives_beside_the_gradebook_and_never_in_the_feedback_folder(tmp_path):
    options = _options(tmp_path)
    assert options.state == tmp_path / "grades.state"
    assert _options(tmp_path, state=tmp_path / "elsewhere").state == tmp_path / "elsewhere"
    (tmp_path / "submissions").mkdir()
    for inside in (tmp_path / "feedback", tmp_path / "feedback" / "state"):
        with pytest.raises(GradingError, match="handed out to students"):
            grade(_options(tmp_path, state=inside), log=lambda message: None)


def test_jobs_default_to_the_cores_this_process_may_use(tmp_path):
    assert _options(tmp_path, jobs=None).jobs == len(os.sched_getaffinity(0))


def test_kernels_fall_back_to_the_audit_hook_when_namespaces_fail(monkeypatch, tmp_path, capsys):
    from course_lib.grading import grader, kernel
    started = []

    def fake_start(self):
        started.append(self.settings.isolation)
        if self.settings.isolation == "auto":
            raise kernel.KernelStartError("mount: Operation not permitted")
        return self
    monkeypatch.setattr(kernel.SandboxKernel, "start", fake_start)
    runner = grader.Runner(_options(tmp_path), tmp_path / "run")
    assert runner.start_kernel(tmp_path / "run" / "x", "student").settings.isolation == "hook"
    assert started == ["auto", "hook"]
    assert "isolating with the audit hook alone" in capsys.readouterr().err
    runner.settings.isolation = "namespaces"
    monkeypatch.setattr(kernel.SandboxKernel, "start", lambda self: (_ for _ in ()).throw(
        kernel.KernelStartError("refused")))
    with pytest.raises(kernel.KernelStartError):
        runner.start_kernel(tmp_path / "run" / "y", "student")


def test_each_kernel_start_gets_a_fresh_home_with_the_runs_font_list(tmp_path):
    """After a restart the grader writes kernel.json, kernel.log and the font list into a new home,
    never through links a dead kernel left in the old one."""
    from course_lib.grading.kernel import SandboxKernel, SandboxSettings
    fonts, outside, root = tmp_path / "fonts", tmp_path / "outside", tmp_path / "sandbox"
    for folder in (fonts, outside, root):
        folder.mkdir()
    (fonts / "fontlist-v1.json").write_text('{"ttflist": []}')
    (root / "home").symlink_to(outside)
    kernel = SandboxKernel(root, SandboxSettings(hide=[], read=[], matplotlib_cache=str(fonts)), "student")
    kernel._make_fresh_home()
    kernel._copy_matplotlib_cache()
    assert list(outside.iterdir()) == []
    assert (root / "home").is_dir() and not (root / "home").is_symlink()
    copied = root / "home" / ".matplotlib" / "fontlist-v1.json"
    assert copied.read_text() == '{"ttflist": []}' and copied.stat().st_mode & 0o777 == 0o444


def test_command_line_errors_are_reported_not_raised(tmp_path):
    run = subprocess.run([PYTHON, "-m", "course_lib.grading", str(tmp_path), "--assignment", "nope", "--out",
                          str(tmp_path / "g.csv"), "--feedback", str(tmp_path / "f"), "--solutions",
                          str(TINY.parent)], capture_output=True, text=True)
    assert run.returncode == 2 and "no solutions notebook" in run.stderr
    run = subprocess.run([PYTHON, "-m", "course_lib.grading", str(tmp_path), "--assignment", "tiny", "--out",
                          "g.csv", "--feedback", "f", "--timeout", "0"], capture_output=True, text=True)
    assert run.returncode == 2 and "--timeout must be > 0" in run.stderr
    run = subprocess.run([PYTHON, "-m", "course_lib.grading", str(tmp_path), "--assignment", "tiny", "--out",
                          str(tmp_path / "g.csv"), "--feedback", str(tmp_path / "f"), "--state",
                          str(tmp_path / "f" / "state"), "--solutions", str(TINY.parent)],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "handed out to students" in run.stderr
