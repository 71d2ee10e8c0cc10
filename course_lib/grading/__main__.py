"""``course-grade``: grade a folder of submitted exercise notebooks.

    course-grade SUBMISSIONS_DIR --assignment NAME --out grades.csv --feedback DIR [--jobs N] [--timeout SECONDS]

SUBMISSIONS_DIR holds one folder per student, each with the student's copy of
``NAME.ipynb`` (and any files it needs). The tests come from
``solutions/NAME.ipynb`` (``--solutions`` to look elsewhere). Writes
``grades.csv`` (one row per student: a column per question, the total and a
status) and one Markdown feedback file per student in the feedback folder
(nothing else: it can be handed out as it is). The grader's own state (the
reference run's values and every result) goes to the state folder, by default
``grades.state/`` beside ``grades.csv``: keep it to yourself. Re-running the
same command reuses every result already computed, so an interrupted run
resumes where it stopped.
"""

import argparse
import sys

from .grader import GradingError, Options, grade
from .notebook import NotebookFormatError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="course-grade", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions", metavar="SUBMISSIONS_DIR", help="one folder per student")
    parser.add_argument("--assignment", required=True, metavar="NAME",
                        help="the exercise's name, e.g. 01_distances_and_scaling")
    parser.add_argument("--out", required=True, metavar="CSV", help="the gradebook to write, e.g. grades.csv")
    parser.add_argument("--feedback", required=True, metavar="DIR", help="folder for the feedback files")
    parser.add_argument("--state", default=None, metavar="DIR",
                        help="the grader's saved results, not for students (default: OUT's name + .state, "
                             "e.g. grades.state beside grades.csv)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="submissions graded at once (default: the CPU cores this process may use)")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                        help="longest a single cell may run (default 30)")
    parser.add_argument("--memory-mb", type=int, default=2048, metavar="MB",
                        help="address-space limit of each student's kernel (default 2048)")
    parser.add_argument("--solutions", default=None, metavar="DIR",
                        help="folder with NAME.ipynb (default: ./solutions, else the course's)")
    parser.add_argument("--isolation", choices=("auto", "namespaces", "hook"), default="auto",
                        help="auto: Linux namespaces when allowed, else the audit hook alone (default auto)")
    parser.add_argument("--allow-read", action="append", default=[], metavar="PATH",
                        help="an extra folder student code may read (repeatable)")
    parser.add_argument("--force", action="store_true", help="regrade every submission, ignoring saved results")
    args = parser.parse_args(argv)
    if args.timeout <= 0 or (args.jobs is not None and args.jobs < 1) or args.memory_mb < 256:
        parser.error("--timeout must be > 0, --jobs >= 1 and --memory-mb >= 256")
    options = Options(submissions=args.submissions, assignment=args.assignment, out=args.out,
                      feedback=args.feedback, solutions=args.solutions, jobs=args.jobs, timeout=args.timeout,
                      memory_mb=args.memory_mb, isolation=args.isolation, allow_read=args.allow_read,
                      force=args.force, state=args.state)
    try:
        summary = grade(options)
    except (GradingError, NotebookFormatError) as exc:
        print(f"course-grade: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("course-grade: interrupted; results so far are saved, run the same command again to resume",
              file=sys.stderr)
        return 130
    print(f"graded {len(summary.graded)}, reused {len(summary.reused)} saved result(s) in "
          f"{summary.seconds:.1f} s; wrote {options.out} and feedback in {options.feedback}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
