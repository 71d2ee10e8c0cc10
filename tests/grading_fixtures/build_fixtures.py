"""Write the grader's fixtures: a tiny assignment and one submission per hostile or broken case.

    python tests/grading_fixtures/build_fixtures.py

``solutions/tiny.ipynb`` is a three-question assignment (1 + 2 + 1 points and a
manually graded sentence); ``submissions/<case>/tiny.ipynb`` are students' copies,
each made from the generated exercise with its answer cells replaced. Markers
like ``@@FEEDBACK_DIR@@`` or ``@@STATE_DIR@@`` (the grader's state folder) are
filled in by tests/test_grading.py with the real paths of the run, as a student
who knew them would write. The notebooks are
committed; tests/test_grading.py checks they equal what this script writes.
"""

import copy
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cell(kind, source, grade_id, *, solution=False, grade=False, points=None):
    nbgrader = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
                "solution": solution}
    if points is not None:
        nbgrader["points"] = points
    made = {"cell_type": kind, "id": grade_id, "metadata": {"nbgrader": nbgrader}, "source": source}
    if kind == "code":
        made.update(outputs=[], execution_count=None)
    return made


SOLUTION = {
    "nbformat": 4, "nbformat_minor": 5,
    "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                 "language_info": {"name": "python"}},
    "cells": [
        cell("markdown", "# A tiny assignment\n\nThree small questions for the grader's tests.", "intro"),
        cell("code", "import numpy as np\nfrom course_lib.grading.checks import (check_choice, check_close, "
             "check_from_scratch,\n                                         check_that)", "setup"),
        cell("code", "def square(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION", "square",
             solution=True),
        cell("code", 'check_close("square(3)", square(3), expected=9)\n### BEGIN HIDDEN TESTS\n'
             'check_close("square of unseen numbers", square(np.arange(-3.0, 4.0)),\n'
             '            expected=lambda: np.power(np.arange(-3.0, 4.0), 2))\n### END HIDDEN TESTS',
             "square_tests", grade=True, points=1),
        cell("code", "def mean_of(values):\n    ### BEGIN SOLUTION\n    return sum(values) / len(values)\n"
             "    ### END SOLUTION", "mean_of", solution=True),
        cell("code", 'check_close("mean_of([1, 2, 3])", mean_of([1, 2, 3]), expected=2.0)\n'
             '### BEGIN HIDDEN TESTS\ncheck_close("mean of unseen values", mean_of([2.5, -1.0, 7.25, 0.0]))\n'
             'check_from_scratch("mean_of uses no library", mean_of)\n'
             '### END HIDDEN TESTS', "mean_tests", grade=True, points=2),
        cell("markdown", "Which letter comes second in the alphabet? Set `answer` to one letter.", "choice_text"),
        cell("code", '### BEGIN SOLUTION\nanswer = "B"\n### END SOLUTION', "choice", solution=True),
        cell("code", 'check_that("one letter", isinstance(answer, str) and len(answer.strip()) == 1, '
             'hint="answer must be one letter, like \'A\'")\n### BEGIN HIDDEN TESTS\n'
             'check_choice("the second letter", answer)\n### END HIDDEN TESTS', "choice_tests", grade=True,
             points=1),
        cell("markdown", "In one sentence, why square numbers?\n\n### BEGIN SOLUTION\nBecause tests need "
             "something to check.\n### END SOLUTION", "explain", solution=True, grade=True, points=1),
    ],
}

CORRECT = {
    "square": "def square(x):\n    return x * x",
    "mean_of": "def mean_of(values):\n    return sum(values) / len(values)",
    "choice": 'answer = "B"',
    "explain": "Squares are easy to test.",
}

TAMPER = """import numpy as np
import numpy.testing
import course_lib.grading.checks as checks
np.allclose = lambda *args, **kwargs: True
np.isclose = lambda *args, **kwargs: True
numpy.testing.assert_allclose = lambda *args, **kwargs: None
for name in ("check_close", "check_equal", "check_choice", "check_that"):
    setattr(checks, name, lambda *args, **kwargs: None)
    globals()[name] = getattr(checks, name)
def square(x):
    return x
"""

FORGE = """import course_lib.grading.checks as checks
_original = checks._check
def _forged(kind, label, actual, expected, options):
    # record the expected value in place of my own whenever the test shows it
    fake = expected if expected is not None and not callable(expected) else 0.0
    return _original(kind, label, fake, None, options)
checks._check = _forged
def square(x):
    return x + 1
"""

# Rewrites the tests before they run: each check gets its expected value (the literal, or what the
# expected=lambda computes) in place of my (wrong) answer.
REWRITE_TESTS_AST = """import ast

class GiveEveryCheckItsExpectedValue(ast.NodeTransformer):
    def visit_Call(self, node):
        self.generic_visit(node)
        if getattr(node.func, "id", "") in ("check_close", "check_equal") and len(node.args) >= 2:
            for keyword in node.keywords:
                if keyword.arg == "expected":
                    value = keyword.value
                    node.args[1] = ast.Call(value, [], []) if isinstance(value, ast.Lambda) else value
        return node

get_ipython().ast_transformers.append(GiveEveryCheckItsExpectedValue())

def square(x):
    return x + 1
"""

# An answer that calls SciPy, and renames it out of the from-scratch check before the tests run.
REWRITE_TESTS_INPUT = """import re
from scipy.stats import tmean

def mean_of(values):
    return float(tmean(values))

def _plain(values):
    return 0.0

def rename_in_checks(lines):
    return [re.sub(r"check_from_scratch\\((.*), mean_of\\)", r"check_from_scratch(\\1, _plain)", line)
            for line in lines]

get_ipython().input_transformers_post.append(rename_in_checks)
"""

WRITE_OUTPUT = """def square(x):
    return x * x

import os
attempts = {
    "feedback": "@@FEEDBACK_DIR@@/correct.md",
    "saved result": "@@STATE_DIR@@/results/tiny/correct.json",
    "reference values": "@@STATE_DIR@@/reference-tiny.json",
    "gradebook": "@@OUT_CSV@@",
    "another submission": "@@SUBMISSIONS_DIR@@/correct/tiny.ipynb",
    "outside": "/tmp/course-grade-was-here.txt",
}
for what, path in attempts.items():
    try:
        with open(path, "w") as handle:
            handle.write("all marks to me")
    except Exception as exc:
        print(what, type(exc).__name__)
for folder in ("@@FEEDBACK_DIR@@", "@@STATE_DIR@@", "@@SUBMISSIONS_DIR@@/correct"):
    try:
        import shutil
        shutil.rmtree(folder)
    except Exception as exc:
        print(folder, type(exc).__name__)
"""

READ_HIDDEN = """import os, re, pathlib
import course_lib
stolen = None
candidates = [
    "@@SOLUTIONS_DIR@@/tiny.ipynb",
    str(pathlib.Path(course_lib.__file__).parents[1] / "tests" / "grading_fixtures" / "solutions" / "tiny.ipynb"),
    "/proc/1/cwd/@@SOLUTIONS_DIR@@/tiny.ipynb",
    "/proc/%d/root@@SOLUTIONS_DIR@@/tiny.ipynb" % os.getppid(),
    "../../../../../../@@SOLUTIONS_DIR@@/tiny.ipynb",
]
for candidate in candidates:
    try:
        found = re.search(r'answer = \\\\"(\\w)\\\\"', pathlib.Path(candidate).read_text())
        stolen = stolen or (found and found.group(1))
    except Exception:
        pass
for command in ("cat @@SOLUTIONS_DIR@@/tiny.ipynb", "ls @@SUBMISSIONS_DIR@@"):
    try:
        os.system(command)
    except Exception:
        pass
try:
    os.listdir("@@SOLUTIONS_DIR@@")
except Exception:
    pass
try:
    os.symlink("@@SOLUTIONS_DIR@@/tiny.ipynb", "link.ipynb")
except Exception:
    pass
answer = stolen or "A"
"""

# Honest work that must not trip the sandbox: matplotlib's font list (built with fc-list, a process) and
# scikit-learn counting cores (lscpu) or starting workers for n_jobs=-1.
PLOTS_A_FIGURE = """import matplotlib
import matplotlib.pyplot as plt
import numpy as np
figure, axes = plt.subplots(figsize=(4, 3))
axes.plot(np.arange(-3, 4), np.arange(-3, 4) ** 2, marker="o", label="x squared")
axes.set_title("Squares")
axes.set_xlabel("x")
axes.legend()
figure.savefig("squares.png", dpi=50)
plt.show()
assert matplotlib.get_backend().lower() == "agg", matplotlib.get_backend()
with open("squares.png", "rb") as drawn:
    assert drawn.read(8) == b"\\x89PNG\\r\\n\\x1a\\n"
def square(x):
    return x * x
"""

USES_SCIKIT_LEARN = """import numpy as np
from sklearn.cluster import KMeans, SpectralClustering
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import cross_val_score
points = np.random.default_rng(0).normal(size=(40, 2)) + np.repeat([[0, 0], [6, 6]], 20, axis=0)
KMeans(n_clusters=2, n_init=2, random_state=0).fit(points)
GaussianMixture(n_components=2, random_state=0).fit(points)
SpectralClustering(n_clusters=2, random_state=0).fit(points)
cross_val_score(KMeans(n_clusters=2, n_init=1, random_state=0), points, cv=2, n_jobs=-1)
def mean_of(values):
    return sum(values) / len(values)
"""

CASES = {
    "correct": {},
    "partial": {"mean_of": "def mean_of(values):\n    return sum(values)", "choice": 'answer = "C"'},
    "empty": None,
    "syntax_error": {"square": "def square(x)\n    return x * x"},
    "exception": {"mean_of": 'raise ValueError("I give up")\ndef mean_of(values):\n    return 0'},
    "infinite_loop": {"mean_of": "while True:\n    pass"},
    "unstoppable_loop": {"choice": "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n"
                                   "    except KeyboardInterrupt:\n        pass"},
    "memory_bomb": {"square": "blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 2**20))"},
    "sys_exit": {"square": "import sys\ndef square(x):\n    return x * x\nsys.exit('bye')"},
    "os_exit": {"mean_of": "import os\ndef mean_of(values):\n    return sum(values) / len(values)\nos._exit(0)"},
    "kill_kernel": {"choice": 'import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\nos.abort()\nanswer = "B"'},
    "print_megabytes": {"square": 'print("x" * 20_000_000)\ndef square(x):\n    return x * x'},
    "tamper_numpy": {"square": TAMPER, "mean_of": "def mean_of(values):\n    return 0", "choice": 'answer = "A"'},
    "forge_records": {"square": FORGE, "mean_of": "def mean_of(values):\n    return 2.0", "choice": 'answer = "D"'},
    "write_output": {"square": WRITE_OUTPUT},
    "read_hidden": {"choice": READ_HIDDEN},
    "warning": {"square": 'import sys, warnings\nwarnings.warn("squares can overflow")\n'
                          'print("a note on stderr", file=sys.stderr)\ndef square(x):\n    return x * x'},
    "plots_a_figure": {"square": PLOTS_A_FIGURE},
    "uses_scikit_learn": {"mean_of": USES_SCIKIT_LEARN},
    "rewrite_tests_ast": {"square": REWRITE_TESTS_AST},
    "rewrite_tests_input": {"mean_of": REWRITE_TESTS_INPUT},
}


def exercise():
    from course_lib.grading.assignment import make_exercise
    return make_exercise(SOLUTION)


def submission(answers):
    notebook = exercise()
    if answers is None:
        return notebook
    chosen = {**CORRECT, **answers}
    for made in notebook["cells"]:
        grade_id = made["metadata"]["nbgrader"]["grade_id"]
        if grade_id in chosen:
            made["source"] = chosen[grade_id]
    return notebook


def reordered():
    """Answer cells shuffled, test cells deleted, a helper cell added after the set-up."""
    notebook = submission({"mean_of": "def mean_of(values):\n    return sum(values) / count(values)"})
    by_id = {c["metadata"]["nbgrader"]["grade_id"]: c for c in notebook["cells"]}
    helper = {"cell_type": "code", "id": "my-helper", "metadata": {}, "outputs": [], "execution_count": None,
              "source": "def count(values):\n    return len(values)"}
    order = ["intro", "setup", "choice", "mean_of", "square", "choice_text", "explain"]
    notebook["cells"] = [by_id[g] for g in order[:2]] + [helper] + [by_id[g] for g in order[2:]]
    return notebook


def deleted_answer():
    """The mean_of answer cell deleted; the square tests edited away (and square wrong)."""
    notebook = submission({"square": "def square(x):\n    return 2 * x"})
    cells = []
    for made in notebook["cells"]:
        grade_id = made["metadata"]["nbgrader"]["grade_id"]
        if grade_id == "mean_of":
            continue
        if grade_id == "square_tests":
            made["source"] = "pass  # no tests here"
        cells.append(made)
    notebook["cells"] = cells
    return notebook


def metadata_forgery():
    """The student gives a test 100 points and adds a 'bonus' test cell that always passes."""
    notebook = submission({})
    for made in notebook["cells"]:
        if made["metadata"]["nbgrader"]["grade_id"] == "square_tests":
            made["metadata"]["nbgrader"]["points"] = 100
    bonus = copy.deepcopy(notebook["cells"][3])
    bonus.update(id="bonus", source="pass")
    bonus["metadata"]["nbgrader"].update(grade_id="bonus", points=50)
    notebook["cells"].append(bonus)
    return notebook


def dumps(notebook):
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def all_files():
    """{relative path: text} of every fixture file."""
    files = {"solutions/tiny.ipynb": dumps(SOLUTION)}
    notebooks = {name: submission(answers) for name, answers in CASES.items()}
    notebooks.update(reordered=reordered(), deleted_answer=deleted_answer(), metadata_forgery=metadata_forgery())
    for name, notebook in notebooks.items():
        files[f"submissions/{name}/tiny.ipynb"] = dumps(notebook)
    files["submissions/unreadable/tiny.ipynb"] = '{"cells": [this is not JSON\n'
    files["submissions/no_notebook/notes.txt"] = "I forgot to attach my notebook.\n"
    return files


def main():
    for relative, text in all_files().items():
        target = HERE / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(all_files())} fixture files under {HERE}")


if __name__ == "__main__":
    main()
