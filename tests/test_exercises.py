"""The exercise notebooks: generated exactly from the solutions, well formed, and graded as they should be.

For every ``solutions/NN_topic.ipynb``: ``exercises/`` holds exactly what the
generator makes of it; its cells carry nbgrader's metadata; its hidden tests
carry no answers (the grader takes expected values from the instructor's run,
and anything written in a hidden test is visible to a student's code while it
runs); every question has a hidden check on a value; and ``course-grade``
gives the solutions full marks and the untouched exercise zero. For the pilot
topic, plausible mistakes lose exactly the points they should, with messages
that say what was expected; in k-means, from-scratch answers that get their
right values from a library score nothing on the questions that say so.
"""

import ast
import csv
import json
import re
from pathlib import Path

import nbformat
import pytest

from course_lib.grading.assignment import load_assignment, make_exercise
from course_lib.grading.generate import differences
from course_lib.grading.grader import Options, grade
from course_lib.grading.notebook import dumps_notebook

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
TOPICS = sorted(p.stem for p in SOLUTIONS.glob("*.ipynb"))
VALUE_CHECKS = {"check_close", "check_equal", "check_choice", "check_text"}
NO_EXPECTED = {"check_choice", "check_text"}   # no library can compute these; the reference run's answer is the key


def test_there_are_topics():
    assert "01_distances_and_scaling" in TOPICS


def test_exercises_are_exactly_what_the_generator_makes():
    assert differences(SOLUTIONS, EXERCISES) == [], "run `make exercises`"


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_names_follow_the_course_order(topic):
    assert re.fullmatch(r"\d\d_[a-z0-9_]+", topic), "name topics NN_words, NN matching the lesson order"


@pytest.mark.parametrize("topic", TOPICS)
def test_nbgrader_metadata_on_every_cell(topic):
    notebook = json.loads((SOLUTIONS / f"{topic}.ipynb").read_text())
    nbformat.validate(nbformat.from_dict(notebook))
    for cell in notebook["cells"]:
        info = cell["metadata"]["nbgrader"]
        assert {"grade", "grade_id", "locked", "schema_version", "solution"} <= set(info), cell["id"]
        assert info["locked"] == (not info["solution"]), cell["id"]
        if info["grade"]:
            assert info["points"] > 0
    exercise = make_exercise(notebook)
    nbformat.validate(nbformat.from_dict(exercise))


def _hidden_calls(question):
    for node in ast.walk(ast.parse(question.hidden)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.startswith("check_"):
            yield node


@pytest.mark.parametrize("topic", TOPICS)
def test_hidden_tests_carry_no_answers(topic):
    assignment = load_assignment(SOLUTIONS / f"{topic}.ipynb")
    for question in assignment.questions:
        for call in _hidden_calls(question):
            name = call.func.id
            assert name != "check_that", f"{question.grade_id}: check_that (a bare True) is forgeable; check a value"
            expected = [k.value for k in call.keywords if k.arg == "expected"] + call.args[2:3]
            if name in NO_EXPECTED:
                assert not expected, f"{question.grade_id}: {name} must not carry the answer in a hidden test"
            for value in expected:
                assert isinstance(value, ast.Lambda), (
                    f"{question.grade_id}: a hidden expected value must be computed by a library inside a lambda")


@pytest.mark.parametrize("topic", TOPICS)
def test_every_question_has_a_hidden_value_check(topic):
    assignment = load_assignment(SOLUTIONS / f"{topic}.ipynb")
    for question in assignment.questions:
        assert any(call.func.id in VALUE_CHECKS for call in _hidden_calls(question)), question.grade_id


@pytest.mark.parametrize("topic", TOPICS)
def test_exercise_reveals_no_solution_or_hidden_test(topic):
    assignment = load_assignment(SOLUTIONS / f"{topic}.ipynb")
    text = (EXERCISES / f"{topic}.ipynb").read_text()
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    for question in assignment.questions:
        for line in question.hidden.splitlines():
            if len(line.strip()) > 25:
                assert line.strip() not in text, line


def _gradebook(path):
    with open(path, newline="") as file:
        return {row["student"]: row for row in csv.DictReader(file)}


def _grade(tmp_path, topic, notebooks):
    submissions = tmp_path / "submissions"
    for student, notebook in notebooks.items():
        (submissions / student).mkdir(parents=True)
        (submissions / student / f"{topic}.ipynb").write_text(dumps_notebook(notebook))
    grade(Options(submissions=submissions, assignment=topic, out=tmp_path / "grades.csv",
                  feedback=tmp_path / "feedback", solutions=SOLUTIONS, jobs=2, timeout=60),
          log=lambda message: None)
    return _gradebook(tmp_path / "grades.csv")


@pytest.mark.slow
@pytest.mark.parametrize("topic", TOPICS)
def test_solutions_score_full_marks_and_exercises_zero(tmp_path, topic):
    assignment = load_assignment(SOLUTIONS / f"{topic}.ipynb")
    exercise = json.loads((EXERCISES / f"{topic}.ipynb").read_text())
    rows = _grade(tmp_path, topic, {"solution": assignment.notebook, "exercise": exercise})
    for question in assignment.questions:
        assert float(rows["solution"][question.grade_id]) == question.points, question.grade_id
        assert float(rows["exercise"][question.grade_id]) == 0, question.grade_id
    assert float(rows["solution"]["total"]) == assignment.max_points
    assert rows["solution"]["status"] == "ok"
    assert float(rows["exercise"]["total"]) == 0
    assert rows["exercise"]["status"] == "not attempted"


# Plausible mistakes in the pilot, and the points each part must then earn.
PILOT_MISTAKES = {
    "hand_ages": "ages_scaled = list(ages / 48)",                        # divided by the maximum only
    "hand_salaries": "salaries_scaled = [0.838, 0, 0.193, 0.483, 0.322, 0.193, 1]",   # the slide's cut-off values
    "rounding": "employee_6_age_rounded = 0.380",                        # copied from the slide
    "neighbours": "nearest_raw, nearest_scaled = 6, 6",                  # ignored the scaling
    "dominance": 'dominant_feature = "Salary"\nrange_ratio = 31000 / 21',
    "standardise": "z_scores = (employees - employees.mean(axis=0)) / employees.std(axis=0, ddof=1)",
    "min_max_scale": ("def min_max_scale(X):\n    X -= X.min(axis=0)\n    spread = X.max(axis=0)\n"
                      "    spread[spread == 0] = 1\n    X /= spread\n    return X"),   # right values, but changes X
    "mcq_same_taste": 'same_taste = "c"',
    "mcq_clustering": 'clustering_vs_classification = "A"',
}
ROUNDED = {"hand_ages": "ages_scaled = [0.810, 0, 0, 0.524, 0.619, 0.381, 1]",
           "hand_salaries": "salaries_scaled = [0.839, 0, 0.194, 0.484, 0.323, 0.194, 1]"}
PILOT_POINTS = {"hand_ages_tests": 0, "hand_salaries_tests": 0, "rounding_tests": 0, "neighbour_raw_tests": 1,
                "neighbour_scaled_tests": 0, "dominant_feature_tests": 1, "range_ratio_tests": 1,
                "standardise_tests": 0, "min_max_small_tests": 1, "min_max_unseen_tests": 0,
                "min_max_constant_tests": 1, "mcq_same_taste_tests": 1, "mcq_clustering_tests": 0}
PILOT_REASONS = {
    "hand_ages_tests": ("the youngest at 0, the oldest at 1: employees 2 and 3 are the youngest (27), employee 7 "
                        "the oldest (48) (you gave [0.916667, 0.5625, 0.5625, 0.791667, 0.833333, 0.729167, 1])"),
    "hand_salaries_tests": "hidden check 'scaled salaries' failed",
    "rounding_tests": "hidden check 'employee 6's scaled age to three decimals' failed",
    "neighbour_scaled_tests": "hidden check 'nearest to employee 3 after min-max scaling' failed",
    "standardise_tests": "column standard deviations of z_scores: expected [1, 1], you returned [0.9258, 0.9258]",
    "min_max_unseen_tests": "hidden check 'min_max_scale leaves its input of shape (40, 5) unchanged' failed",
    "mcq_clustering_tests": "hidden check 'clustering versus classification' failed",
}


@pytest.mark.slow
def test_pilot_mistakes_lose_exactly_their_points_with_helpful_messages(tmp_path):
    topic = "01_distances_and_scaling"
    exercise = json.loads((EXERCISES / f"{topic}.ipynb").read_text())
    for cell in exercise["cells"]:
        grade_id = cell["metadata"]["nbgrader"]["grade_id"]
        if grade_id in PILOT_MISTAKES:
            cell["source"] = PILOT_MISTAKES[grade_id]
    rounded = load_assignment(SOLUTIONS / f"{topic}.ipynb").notebook
    for cell in rounded["cells"]:
        grade_id = cell["metadata"]["nbgrader"]["grade_id"]
        if grade_id in ROUNDED:
            cell["source"] = ROUNDED[grade_id]
    rows = _grade(tmp_path, topic, {"mistaken": exercise, "rounded": rounded})
    assert {q: float(rows["mistaken"][q]) for q in PILOT_POINTS} == PILOT_POINTS
    assert rows["rounded"]["total"] == "14", "values rounded to three decimals are right"
    feedback = (tmp_path / "feedback" / "mistaken.md").read_text().replace("\\", "")
    for question, reason in PILOT_REASONS.items():
        line = next(line for line in feedback.splitlines() if line.startswith(f"| {question} |"))
        assert reason in line, line


# From-scratch answers that take their (right) values from a library, directly or through a helper.
LIBRARY_ANSWERS = {
    "assign": ("def assign_to_nearest(X, centroids):\n"
               "    from sklearn.metrics import pairwise_distances_argmin\n"
               "    return pairwise_distances_argmin(X, centroids)"),
    "update": ("from scipy import ndimage\n\n\n"
               "def _column_means(X, labels, k):\n"
               "    return np.column_stack([ndimage.mean(X[:, d], labels, index=np.arange(k))\n"
               "                            for d in range(X.shape[1])])\n\n\n"
               "def update_centroids(X, labels, centroids):\n"
               "    X, labels = np.asarray(X, dtype=float), np.asarray(labels)\n"
               "    new = np.array(centroids, dtype=float)\n"
               "    filled = np.bincount(labels, minlength=len(new)) > 0\n"
               "    new[filled] = _column_means(X, labels, len(new))[filled]\n"
               "    return new"),
}
LIBRARY_REASONS = {
    "assign_tests": "assign_to_nearest uses no library: expected [], you returned ['sklearn.metrics']",
    "assign_ties_tests": "hidden check 'assign_to_nearest uses no library' failed",
    "update_tests": "update_centroids uses no library: expected [], you returned ['ndimage']",
    "update_empty_tests": "hidden check 'update_centroids uses no library' failed",
}


@pytest.mark.slow
def test_from_scratch_answers_that_call_a_library_score_nothing(tmp_path):
    topic = "02_kmeans"
    assignment = load_assignment(SOLUTIONS / f"{topic}.ipynb")
    notebook = assignment.notebook
    for cell in notebook["cells"]:
        if cell["metadata"]["nbgrader"]["grade_id"] in LIBRARY_ANSWERS:
            cell["source"] = LIBRARY_ANSWERS[cell["metadata"]["nbgrader"]["grade_id"]]
    row = _grade(tmp_path, topic, {"library": notebook})["library"]
    assert {q.grade_id: float(row[q.grade_id]) for q in assignment.questions} == {
        q.grade_id: 0.0 if q.grade_id in LIBRARY_REASONS else q.points for q in assignment.questions}
    assert row["status"] == "ok"
    feedback = (tmp_path / "feedback" / "library.md").read_text().replace("\\", "")
    for question, reason in LIBRARY_REASONS.items():
        line = next(line for line in feedback.splitlines() if line.startswith(f"| {question} |"))
        assert reason in line, line


@pytest.mark.slow
@pytest.mark.parametrize("topic", TOPICS)
def test_solutions_run_top_to_bottom_in_a_plain_kernel(topic):
    """As an instructor (or nbgrader) runs them: hidden tests in place, library-computed expectations checked."""
    from nbclient import NotebookClient
    notebook = nbformat.read(SOLUTIONS / f"{topic}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(SOLUTIONS)}}).execute()
    errors = [output for cell in notebook.cells for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert errors == []
