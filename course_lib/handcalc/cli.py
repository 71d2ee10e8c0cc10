"""``python -m course_lib.handcalc``: hand-calculation traces and checks without a notebook.

Prints every step of a calculation, or, with ``--check FILE.json``, marks your own
answers entry by entry. See ``python -m course_lib.handcalc --help``.
"""

import argparse
import json
import os
import sys

__all__ = ["main", "build_parser", "parse_points", "parse_one_dimensional", "parse_values"]

from .examples import CASES, Case, get_case
from .forms import ASKS

USAGE_EXAMPLES = """\
examples:
  python -m course_lib.handcalc kmeans --points "1,1 1.5,2 3,4 5,7" --init "1,1 5,7" --names "A B C D"
  python -m course_lib.handcalc silhouette --points "0,0 1,0 0,1 5,5 6,5 5,6" --labels "0 0 0 1 1 1" --index 0
  python -m course_lib.handcalc dbscan --points "0,0 1,0 0,1 5,5 1,1 10,10" --eps 2 --min-samples 3
  python -m course_lib.handcalc linkage --points "1 2 3 10 11 12 6" --method complete
  python -m course_lib.handcalc em --points "0 1 2 4 5" --weights "0.5 0.5" --means "1 4" --variances "1 1"
  python -m course_lib.handcalc scaling --table "44,73000 27,47000 48,78000" --columns "Age Salary"
  python -m course_lib.handcalc case textbook_kmeans
  python -m course_lib.handcalc kmeans --points "1,1 1.5,2 3,4" --init "1,1 3,4" --check answers.json

Points are separated by spaces, their coordinates by commas ("1,1 1.5,2" is two
points in 2-D; "1 2 3" is three points in 1-D). Names are separated by spaces or commas.

--check FILE.json marks your answers instead of printing the trace. The file holds
one JSON object whose keys are the answers you give (any subset), for example

  {"step": 1, "assignment": [0, 0, 1], "new_centroids": [[1.25, 1.5], [3, 4]], "wcss": 0.63}

Keys per command:
  kmeans      step (the iteration, default 1), assignment (each point's cluster, 0 = the first
              centroid of --init; a tie goes to the lowest), new_centroids, wcss (total, or a
              list with one value per cluster)
  silhouette  a, b, s
  dbscan      types ("core", "border" or "noise"), labels (clusters from 0, -1 for noise)
  linkage     merges: [[cluster, cluster, height], ...] in SciPy's numbering (points are
              clusters 0..n-1, merge k forms cluster n+k-1)
  em          responsibilities (one row per point), new_weights, new_means, new_variances
  scaling     answers: the scaled table, one list per row
  case        the keys of the case's kind; "method" picks the linkage of a case comparing two
Every command also takes "decimals" (default 2): a number is right when it is the exact
value correctly rounded to that many decimals, or to as many as you wrote if more.
null or "" leaves an entry out; a list of per-point answers may instead be an object keyed
by point name, e.g. "assignment": {"C": 0}.

exit status: 0 trace printed or every answer right, 1 some answer wrong, 2 bad input.
"""


PROG = "python -m course_lib.handcalc"


class CommandLineError(Exception):
    """Bad input on the command line or in the answers file: one line, exit status 2.

    ``prog`` says which command failed (the program and subcommand).
    """

    def __init__(self, message, prog=PROG):
        super().__init__(message)
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit status 2."""

    def error(self, message):
        raise CommandLineError(message, self.prog)


# --------------------------------------------------------------------------------------------------
# Reading numbers from the command line
# --------------------------------------------------------------------------------------------------

def _number(text, option):
    try:
        return float(text)
    except ValueError:
        raise CommandLineError(f"{option}: {text!r} is not a number") from None


def parse_points(text, option="--points"):
    """``"1,1 1.5,2"`` -> ``[[1.0, 1.0], [1.5, 2.0]]``; every point must have the same number of coordinates."""
    points = [[_number(value, option) for value in chunk.split(",")] for chunk in text.replace(";", " ").split()]
    if not points:
        raise CommandLineError(f"{option}: no points given (write e.g. \"1,1 1.5,2 3,4\")")
    for index, point in enumerate(points):
        if len(point) != len(points[0]):
            raise CommandLineError(f"{option}: point {index + 1} has {len(point)} coordinate(s) but the first has "
                                   f"{len(points[0])}; give every point the same number of coordinates")
    return points


def parse_one_dimensional(text, option="--points"):
    """``"0 1 2"`` -> ``[0.0, 1.0, 2.0]``: one number per point (``"0,1"`` would be one point in 2-D)."""
    points = parse_points(text, option)
    if len(points[0]) != 1:
        raise CommandLineError(f"{option}: one EM step by hand is for one-dimensional data, but the points have "
                               f"{len(points[0])} coordinates; give one number per point, e.g. \"0 1 2 4 5\"")
    return [point[0] for point in points]


def parse_values(text, option):
    """``"0.5 0.5"`` or ``"0.5,0.5"`` -> a list of numbers."""
    values = [_number(value, option) for value in text.replace(",", " ").split()]
    if not values:
        raise CommandLineError(f"{option}: no values given")
    return values


def parse_names(text):
    return None if text is None else text.replace(",", " ").split()


def parse_labels(text):
    labels = text.replace(",", " ").split()
    try:
        return [int(label) for label in labels]
    except ValueError:
        return labels  # any distinct labels name clusters


# --------------------------------------------------------------------------------------------------
# The commands
# --------------------------------------------------------------------------------------------------

def build_parser():
    parser = _Parser(prog=PROG,
                     description="Hand calculations step by step, and checks of your own answers.",
                     epilog=USAGE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=_Parser)

    def command(name, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text, epilog=USAGE_EXAMPLES,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.add_argument("--check", metavar="FILE.json", help="mark the answers in FILE.json (format below)")
        sub.add_argument("--json", action="store_true", help="with --check: print the report as JSON")
        return sub

    sub = command("kmeans", "k-means iterations: distances, assignment, centroid updates, WCSS")
    sub.add_argument("--points", required=True, help='points, e.g. "1,1 1.5,2 3,4"')
    sub.add_argument("--init", required=True, help='starting centroids, e.g. "1,1 3,4"')
    sub.add_argument("--names", help='point names, e.g. "A B C"')
    sub.add_argument("--max-iter", type=int, default=10, help="most iterations (default 10)")

    sub = command("silhouette", "the silhouette of one point: a, b and s with every distance")
    sub.add_argument("--points", required=True)
    sub.add_argument("--labels", required=True, help='cluster of each point, e.g. "0 0 1 1"')
    sub.add_argument("--index", required=True, type=int, help="the point (0 = the first)")
    sub.add_argument("--names")

    sub = command("dbscan", "DBSCAN: neighbourhoods, counts, core/border/noise and clusters in visiting order")
    sub.add_argument("--points", required=True)
    sub.add_argument("--eps", required=True, type=float)
    sub.add_argument("--min-samples", required=True, type=int, help="points a core point needs, itself included")
    sub.add_argument("--names")

    sub = command("linkage", "agglomerative clustering merge by merge")
    sub.add_argument("--points", required=True)
    sub.add_argument("--method", default="single", choices=("single", "complete", "average", "ward"))
    sub.add_argument("--names")

    sub = command("em", "one EM iteration for a 1-D Gaussian mixture")
    sub.add_argument("--points", required=True, help='values, e.g. "0 1 2 4 5"')
    sub.add_argument("--weights", required=True)
    sub.add_argument("--means", required=True)
    sub.add_argument("--variances", required=True)
    sub.add_argument("--names")

    sub = command("scaling", "min-max or standard scaling of a table, column by column")
    sub.add_argument("--table", required=True, help='rows, e.g. "44,73000 27,47000"')
    sub.add_argument("--method", default="minmax", choices=("minmax", "standard"))
    sub.add_argument("--rows", help="row names")
    sub.add_argument("--columns", help="column names")

    sub = command("case", "a worked example or exercise of the course by name")
    sub.add_argument("name", nargs="?", help="the case (omit to list them)")
    return parser


def case_from_arguments(args):
    """The problem given on the command line, as a (nameless) catalogue case."""
    if args.command == "case":
        return get_case(args.name) if args.name else None
    if args.command == "kmeans":
        kind, problem = "kmeans", {"points": parse_points(args.points), "init": parse_points(args.init, "--init"),
                                   "names": parse_names(args.names), "max_iter": args.max_iter}
    elif args.command == "silhouette":
        kind, problem = "silhouette", {"points": parse_points(args.points), "labels": parse_labels(args.labels),
                                       "index": args.index, "names": parse_names(args.names)}
    elif args.command == "dbscan":
        kind, problem = "dbscan", {"points": parse_points(args.points), "eps": args.eps,
                                   "min_samples": args.min_samples, "names": parse_names(args.names)}
    elif args.command == "linkage":
        kind, problem = "linkage", {"points": parse_points(args.points), "method": args.method,
                                    "names": parse_names(args.names)}
    elif args.command == "em":
        kind, problem = "em", {"points": parse_one_dimensional(args.points),
                               "weights": parse_values(args.weights, "--weights"),
                               "means": parse_values(args.means, "--means"),
                               "variances": parse_values(args.variances, "--variances"),
                               "names": parse_names(args.names)}
    else:
        kind, problem = args.method, {"table": parse_points(args.table, "--table"), "row_names": parse_names(args.rows),
                                      "column_names": parse_names(args.columns)}
    return Case("command line", title=f"{args.command} by hand", source="the command line", statement="",
                kind=kind, problem=problem)


def read_answers(path, kind):
    """The answers object of ``path``, with its keys checked against what ``kind`` asks for."""
    try:
        with open(path, encoding="utf-8") as file:
            answers = json.load(file)
    except OSError as exc:
        raise CommandLineError(f"--check: cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise CommandLineError(f"--check: {path} is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(answers, dict):
        raise CommandLineError(f"--check: {path} must hold one JSON object of answers, e.g. {{\"wcss\": 8.5}}")
    allowed = set(ASKS[kind]) | {"decimals"} | ({"step"} if kind == "kmeans" else set()) | (
        {"method"} if kind == "linkage" else set())
    if kind == "dbscan":
        allowed.discard("decimals")
    unknown = sorted(set(answers) - allowed)
    if unknown:
        raise CommandLineError(f"--check: unknown key {unknown[0]!r} in {path}; a {kind} check takes "
                               f"{', '.join(sorted(allowed))}")
    return answers


def run(argv):
    args = build_parser().parse_args(argv)
    try:
        return _run_command(args)
    except CommandLineError as exc:
        raise CommandLineError(str(exc), f"{PROG} {args.command}") from None
    except (ValueError, TypeError, KeyError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        raise CommandLineError(message, f"{PROG} {args.command}") from None


def _run_command(args):
    case = case_from_arguments(args)
    if case is None:  # "case" without a name: the catalogue
        for name, entry in CASES.items():
            print(f"{name:32} {entry.title} ({entry.source})")
        return 0
    if not args.check:
        if args.json:
            raise CommandLineError("--json formats the report of --check; give --check FILE.json as well, "
                                   "or leave out --json to print the trace")
        print(case if args.command == "case" else case.trace)
        return 0
    answers = read_answers(args.check, case.kind)
    report = case.check(**answers)
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else report)
    return 0 if report.all_correct else 1


def main(argv=None):
    """Run the command line; returns the exit status (0 done/all right, 1 some answer wrong, 2 bad input)."""
    try:
        sys.stdout.reconfigure(errors="replace")
    except AttributeError:  # a replaced stdout (e.g. under a test runner) may not support it
        pass
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except CommandLineError as exc:
        print(f"{exc.prog}: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader (e.g. "| head") stopped early: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
