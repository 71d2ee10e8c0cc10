"""`make exercises`: write the student notebooks in ``exercises/`` from ``solutions/``.

    python -m course_lib.grading.generate solutions exercises          # write
    python -m course_lib.grading.generate solutions exercises --check  # only compare, exit 1 on a difference

Every ``solutions/*.ipynb`` is checked (see :func:`~course_lib.grading.assignment.load_assignment`)
and turned into ``exercises/`` by :func:`~course_lib.grading.assignment.make_exercise`.
Exercise notebooks with no solutions notebook any more are deleted, so the folder
holds exactly what the generator produces. The output is byte-stable: generating
twice changes nothing. Never edit ``exercises/`` by hand; edit the solution and
run ``make exercises``.
"""

import argparse
import sys
from pathlib import Path

from .assignment import load_assignment, make_exercise
from .notebook import NotebookFormatError, dumps_notebook


def expected_exercises(solutions_dir):
    """``{file name: text}`` of every exercise notebook the solutions in ``solutions_dir`` produce."""
    texts = {}
    for path in sorted(Path(solutions_dir).glob("*.ipynb")):
        assignment = load_assignment(path)
        texts[path.name] = dumps_notebook(make_exercise(assignment.notebook))
    return texts


def differences(solutions_dir, exercises_dir):
    """Sorted list of human-readable differences between ``exercises_dir`` and what the generator produces."""
    expected = expected_exercises(solutions_dir)
    present = {p.name: p for p in Path(exercises_dir).glob("*.ipynb")}
    problems = [f"missing: {name}" for name in sorted(set(expected) - set(present))]
    problems += [f"not generated from a solution (delete it): {name}"
                 for name in sorted(set(present) - set(expected))]
    problems += [f"differs from its solution (run `make exercises`): {name}"
                 for name in sorted(set(expected) & set(present))
                 if present[name].read_text(encoding="utf-8") != expected[name]]
    return problems


def generate(solutions_dir, exercises_dir):
    """Write the exercises; return the names of the files written or deleted."""
    exercises_dir = Path(exercises_dir)
    exercises_dir.mkdir(parents=True, exist_ok=True)
    expected = expected_exercises(solutions_dir)
    changed = []
    for name, text in expected.items():
        target = exercises_dir / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(name)
    for stale in sorted(exercises_dir.glob("*.ipynb")):
        if stale.name not in expected:
            stale.unlink()
            changed.append(stale.name)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course_lib.grading.generate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("solutions", type=Path, help="folder of solutions notebooks")
    parser.add_argument("exercises", type=Path, help="folder to write the exercise notebooks into")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the folder differs")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = differences(args.solutions, args.exercises)
            for problem in problems:
                print(problem, file=sys.stderr)
            return 1 if problems else 0
        changed = generate(args.solutions, args.exercises)
    except NotebookFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{len(changed)} exercise notebook(s) written or removed in {args.exercises}"
          + (": " + ", ".join(changed) if changed else " (already up to date)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
