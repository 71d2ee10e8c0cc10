"""``python -m course_lib.handcalc``: traces printed, answers files marked, bad input refused in one line.

Every test runs the real command in a subprocess, from a folder outside the repository.
"""
import json
import re
import subprocess
import sys

import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage as scipy_linkage
from scipy.stats import norm

from course_lib.handcalc import examples


def run(*args, cwd):
    result = subprocess.run([sys.executable, "-m", "course_lib.handcalc", *args], cwd=cwd, capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def folder(tmp_path):
    return tmp_path


def answers_file(folder, answers, name="answers.json"):
    path = folder / name
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return str(path)


TEXTBOOK = ["--points", "1,1 1.5,2 3,4 5,7 3.5,5 4.5,5 3.5,4.5", "--init", "1,1 5,7", "--names", "A B C D E F G"]


def test_kmeans_trace(folder):
    result = run("kmeans", *TEXTBOOK, cwd=folder)
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    assert out.count("Assignment step") == 3
    assert "tie (μ0 = μ1): lowest, μ0" in out and "moved from cluster 0" in out
    assert "(5.5, 7) / 3 = (1.8333, 2.3333)" in out
    assert "Final WCSS = 8.525" in out
    assert out == str(examples.textbook_kmeans.trace) + "\n"


def test_the_issue_example_runs(folder):
    result = run("kmeans", "--points", "1,1 1.5,2 3,4", "--init", "1,1 3,4", cwd=folder)
    assert result.returncode == 0 and "(2.5, 3) / 2 = (1.25, 1.5)" in result.stdout


def _independent_numbers():
    """The numbers the traces below must print, computed here with SciPy and by hand, to four decimals."""
    b = (np.sqrt(50) + 2 * np.sqrt(61)) / 3                                  # silhouette of (0, 0): a = 1
    ward = scipy_linkage(np.array([[1.0], [2], [3], [10], [11], [12], [6]]), "ward")
    x, means = np.array([0.0, 1, 2, 4, 5]), np.array([1.0, 4.0])
    weighted = 0.5 * norm.pdf(x[:, None], means, 1.0)
    gamma = weighted / weighted.sum(axis=1, keepdims=True)
    nk = gamma.sum(axis=0)
    new_means = gamma.T @ x / nk
    new_variances = (gamma * (x[:, None] - new_means) ** 2).sum(axis=0) / nk
    after = (nk / len(x) * norm.pdf(x[:, None], new_means, np.sqrt(new_variances))).sum(axis=1)
    return {"b": f"{b:.4f}", "s": f"{(b - 1) / b:.4f}", "last ward cost": f"{ward[-1, 2] ** 2 / 2:.4f}",
            "before": f"{np.log(weighted.sum(axis=1)).sum():.4f}", "after": f"{np.log(after).sum():.4f}",
            "gamma(x3, 0)": f"{gamma[2, 0]:.4f}"}


NUMBERS = _independent_numbers()


@pytest.mark.parametrize("args, expected", [
    (["silhouette", "--points", "0,0 1,0 0,1 5,5 6,5 5,6", "--labels", "0 0 0 1 1 1", "--index", "0"],
     [f"sqrt(50) = {np.sqrt(50):.4f}", f"({NUMBERS['b']} - 1) / {NUMBERS['b']} = {NUMBERS['s']}"]),
    (["dbscan", "--points", "0,0 1,0 0,1 5,5 1,1 10,10", "--eps", "2", "--min-samples", "3"],
     ["1 cluster(s); noise: P3, P5.", "starts cluster 0"]),
    (["linkage", "--points", "1 2 3 10 11 12 6", "--method", "complete"],
     ["Merge 6: 10 and 11 at height 11", "max(2, 1) = 2"]),
    (["linkage", "--points", "1 2 3 10 11 12 6", "--method", "ward"], ["merge cost ΔJ", NUMBERS["last ward cost"]]),
    (["em", "--points", "0 1 2 4 5", "--weights", "0.5 0.5", "--means", "1 4", "--variances", "1 1"],
     [f"{NUMBERS['before']} before the iteration, {NUMBERS['after']} after it", NUMBERS["gamma(x3, 0)"]]),
    (["scaling", "--table", "44,73000 27,47000 48,78000", "--columns", "Age Salary"],
     ["(44 - 27) / (48 - 27) = 17 / 21 = 0.8095"]),
    (["scaling", "--table", "1 3", "--method", "standard"], ["(1 - 2) / 1 = -1 / 1 = -1"]),
])
def test_each_command_prints_its_trace(folder, args, expected):
    result = run(*args, cwd=folder)
    assert result.returncode == 0, result.stderr
    for text in expected:
        assert text in result.stdout


def test_case_command_lists_and_prints_cases_with_errata(folder):
    listing = run("case", cwd=folder)
    assert listing.returncode == 0
    assert [line.split()[0] for line in listing.stdout.splitlines()] == list(examples.CASES)
    result = run("case", "age_salary_minmax", cwd=folder)
    assert result.returncode == 0
    assert "printed 0.380, correct 0.381" in result.stdout and "0.8095" in result.stdout


def test_check_all_right_exits_0(folder):
    path = answers_file(folder, {"step": 1, "assignment": [0, 0, 0, 1, 1, 1, 1],
                                 "new_centroids": [[1.83, 2.33], [4.13, 5.38]], "wcss": 12.21})
    result = run("kmeans", *TEXTBOOK, "--check", path, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("✓ right") == 12 and "✗" not in result.stdout


def test_check_some_wrong_exits_1_and_shows_the_working(folder):
    path = answers_file(folder, {"step": 3, "assignment": {"C": 0}, "wcss": "8.4", "decimals": 1})
    result = run("kmeans", *TEXTBOOK, "--check", path, cwd=folder)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "Score: 0 of 2 right (0%)." in lines
    wrong = [line for line in lines if line.startswith("✗ wrong  WCSS")]
    assert "you wrote 8.4; the answer is 8.525;" in wrong[0] and "0.3125 + 0.3125 = 0.625" in wrong[0]


def test_check_as_json_for_a_kmeans_iteration(folder):
    # Entries computed from NumPy values (int64 labels, numpy.bool_ marks) must still be written as JSON.
    path = answers_file(folder, {"assignment": [0, 0, 0, 1, 1, 1, 1], "wcss": 12.21,
                                 "new_centroids": [[1.83, 2.33], [4.13, 9.99]]})
    result = run("kmeans", *TEXTBOOK, "--check", path, "--json", cwd=folder)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["n_right"] == 11 and report["n_given"] == 12 and report["all_correct"] is False
    assert [e["name"] for e in report["entries"] if e["right"] is False] == ["new μ1: y"]


def test_check_as_json(folder):
    path = answers_file(folder, {"a": 1, "b": 7.56, "s": 0.87})
    result = run("silhouette", "--points", "0,0 1,0 0,1 5,5 6,5 5,6", "--labels", "0 0 0 1 1 1", "--index", "0",
                 "--check", path, "--json", cwd=folder)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["all_correct"] and report["score"] == 1.0
    assert [e["name"] for e in report["entries"]] == ["a(P0)", "b(P0)", "s(P0)"]


@pytest.mark.parametrize("args, answers, status", [
    (["dbscan", "--points", "0,0 1,0 0,1 5,5 1,1 10,10", "--eps", "2", "--min-samples", "3"],
     {"types": ["core", "core", "core", "noise", "core", "noise"], "labels": [0, 0, 0, -1, 0, -1]}, 0),
    (["linkage", "--points", "1 2 3 10 11 12 6"], {"merges": [[3, 4, 1], [0, 1, 1], ["2", "8", "1"]]}, 0),
    (["linkage", "--points", "1 2 3 10 11 12 6", "--method", "ward"], {"merges": [[0, 1, 0.5]]}, 1),
    (["em", "--points", "0 1 2 4 5", "--weights", "0.5 0.5", "--means", "1 4", "--variances", "1 1"],
     {"responsibilities": {"P2": [0.82, 0.18]}, "new_means": [0.95, 4.27]}, 0),
    (["scaling", "--table", "44,73000 27,47000 48,78000"], {"answers": [[0.81, 0.84], [0, 0], [1, None]]}, 0),
    (["case", "exercise_9_single_vs_complete"], {"method": "complete", "merges": [[0, 1, 1], [3, 4, 1]]}, 0),
])
def test_check_every_command(folder, args, answers, status):
    result = run(*args, "--check", answers_file(folder, answers), cwd=folder)
    assert result.returncode == status, result.stdout + result.stderr
    assert "Score:" in result.stdout


def test_help_documents_the_answers_file_and_its_example_works(folder):
    result = run("--help", cwd=folder)
    assert result.returncode == 0
    for words in ("--check FILE.json", "assignment", "merges", "responsibilities", "decimals", "exit status"):
        assert words in result.stdout
    example = re.search(r"^\s+(\{\"step\".*\})$", result.stdout, re.M).group(1)
    path = answers_file(folder, json.loads(example))
    checked = run("kmeans", "--points", "1,1 1.5,2 3,4", "--init", "1,1 3,4", "--check", path, cwd=folder)
    assert checked.returncode == 0, checked.stdout
    assert run("kmeans", "--help", cwd=folder).returncode == 0


@pytest.mark.parametrize("args, words", [
    (["kmeans", "--points", "1,1 1.5 3,4", "--init", "1,1 3,4"], "point 2 has 1 coordinate"),   # ragged
    (["kmeans", "--points", "1,1 1.5,2", "--init", "1,1 3,4 5,5"], "k > n"),
    (["kmeans", "--points", "1,1 one,2", "--init", "1,1"], "'one' is not a number"),
    (["kmeans", "--points", "1,1 2,2"], "required: --init"),
    (["kmeans", "--points", "", "--init", "1,1"], "no points"),
    (["kmeans", "--points", "1,1 2,2", "--init", "1,1,1"], "coordinate"),
    (["kmeans", "--points", "1,1 2,2", "--init", "1,1", "--names", "A"], "one name for each of the 2 points"),
    (["kmeans", "--points", "1,1 2,2", "--init", "1,1", "--max-iter", "x"], "invalid int"),
    ([], "required: COMMAND"),
    (["pca"], "invalid choice"),
    (["silhouette", "--points", "0 1 5", "--labels", "0 0 0", "--index", "0"], "two clusters"),
    (["silhouette", "--points", "0 1 5", "--labels", "0 0 1", "--index", "7"], "index"),
    (["dbscan", "--points", "0 1", "--eps", "-1", "--min-samples", "2"], "eps"),
    (["linkage", "--points", "1 2", "--method", "centroid"], "invalid choice"),
    (["linkage", "--points", "1"], "at least 2"),
    (["em", "--points", "0 1", "--weights", "0.5 0.6", "--means", "0 1", "--variances", "1 1"], "sum to 1"),
    (["em", "--points", "0 1", "--weights", "1", "--means", "0", "--variances", "0"], "variances"),
    (["case", "nope"], "Unknown case"),
    # ragged points and non-numbers, for every command that reads points
    (["silhouette", "--points", "0,0 1 5,5", "--labels", "0 0 1", "--index", "0"], "point 2 has 1 coordinate"),
    (["silhouette", "--points", "0,0 1,x 5,5", "--labels", "0 0 1", "--index", "0"], "'x' is not a number"),
    (["silhouette", "--points", "0 1 5", "--labels", "0 1", "--index", "0"], "but points has 3 sample"),
    (["dbscan", "--points", "0,0 1 5,5", "--eps", "1", "--min-samples", "2"], "point 2 has 1 coordinate"),
    (["dbscan", "--points", "0,0 1,1", "--eps", "one", "--min-samples", "2"], "invalid float value: 'one'"),
    (["linkage", "--points", "1,2 3 4,5"], "point 2 has 1 coordinate"),
    (["linkage", "--points", "1 two 3"], "'two' is not a number"),
    (["em", "--points", "0 1 x", "--weights", "0.5 0.5", "--means", "0 1", "--variances", "1 1"],
     "'x' is not a number"),
    (["em", "--points", "0,1 1,2", "--weights", "1", "--means", "0", "--variances", "1"], "one-dimensional"),
    (["em", "--points", "0 1", "--weights", "0.5 half", "--means", "0 1", "--variances", "1 1"],
     "--weights: 'half' is not a number"),
    (["scaling", "--table", "1,2 3"], "point 2 has 1 coordinate"),
    (["scaling", "--table", "1,2 3,b"], "'b' is not a number"),
    (["kmeans", "--points", "1,1 2,2", "--init", "1,1 3"], "--init: point 2 has 1 coordinate"),
    (["kmeans", "--points", "1,1 2,2", "--init", "1,1", "--json"], "give --check FILE.json as well"),
    (["scaling", "--table", "1,2 3,4", "--columns", "a b c"], "column_names must give one name for each of the 2"),
    # EM that breaks down: a point no component can explain, a component left with one point
    (["em", "--points", "0 100", "--weights", "0.5 0.5", "--means", "0 1", "--variances", "1e-4 1e-4"],
     "variance 0"),
    (["em", "--points", "0 100", "--weights", "0.5 0.5", "--means", "0 1", "--variances", "1e-320 1e-320"],
     "point P1 has density 0 under every component"),
    (["em", "--points", "0 0 5", "--weights", "0.5 0.5", "--means", "0 5", "--variances", "1e-4 1e-4"],
     "variance 0"),
])
def test_bad_input_is_one_line_and_status_2(folder, args, words):
    result = run(*args, cwd=folder)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m course_lib.handcalc") and words in lines[0], lines


@pytest.mark.parametrize("content, words", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "one JSON object"),
    ('{"wcss": 8.5, "colour": "red"}', "unknown key 'colour'"),
    ('{"assignment": [0, 1]}', "one answer per item"),
    ('{"step": 9, "wcss": 1}', "step must be between"),
])
def test_bad_answers_file_is_one_line_and_status_2(folder, content, words):
    path = folder / "answers.json"
    path.write_text(content, encoding="utf-8")
    result = run("kmeans", *TEXTBOOK, "--check", str(path), cwd=folder)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and words in lines[0], lines


def test_missing_answers_file(folder):
    result = run("kmeans", *TEXTBOOK, "--check", str(folder / "nowhere.json"), cwd=folder)
    assert result.returncode == 2 and "cannot read" in result.stderr and len(result.stderr.splitlines()) == 1
