"""course-grade's parallel speed-up: the same submissions graded with --jobs 2 against --jobs 1.

Sixteen copies of the pilot exercise's solutions (every question runs, hidden tests
included) are regraded from scratch each time (``force``); the reference run is
done once in ``setup`` and reused, as a real re-grade would. Time per run is
dominated by starting one sandboxed kernel per submission, so two jobs should
take close to half the time of one on two free cores (ratio about 0.5; the
target allows for a busy machine).
"""

import atexit
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Case  # noqa: E402

from course_lib.grading.grader import Options, grade  # noqa: E402
from course_lib.grading.notebook import dumps_notebook  # noqa: E402

TOPIC = "01_distances_and_scaling"
SUBMISSIONS = 16


def setup():
    target = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    text = dumps_notebook(json.loads((ROOT / "solutions" / f"{TOPIC}.ipynb").read_text()))
    for number in range(SUBMISSIONS):
        folder = target / "submissions" / f"student{number:03d}"
        folder.mkdir(parents=True)
        (folder / f"{TOPIC}.ipynb").write_text(text)
    _grade(target, jobs=1)  # the reference run, cached for every timed run
    return target


def _grade(target, jobs):
    summary = grade(Options(submissions=target / "submissions", assignment=TOPIC, out=target / "grades.csv",
                            feedback=target / "feedback", solutions=ROOT / "solutions", jobs=jobs, force=True),
                    log=lambda message: None)
    assert len(summary.graded) == SUBMISSIONS
    return summary


CASES = [
    Case(operation="course-grade, pilot exercise", size=f"{SUBMISSIONS} submissions",
         setup=setup, ours=lambda target: _grade(target, jobs=2), reference=lambda target: _grade(target, jobs=1),
         reference_name="same grader, --jobs 1", target=0.8, goal=0.55,
         note="each submission runs in its own kernel process. 200 submissions (course-grade on 200 copies "
              "of this solution) took 54 s with --jobs 2 and 103 s with --jobs 1 on this machine when quiet "
              "(ratio 0.52); with other work running, 271-280 s and 371-491 s."),
]
