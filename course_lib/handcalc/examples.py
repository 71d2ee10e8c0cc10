"""Every worked example and hand exercise of the course's sources, as named cases.

Each :class:`Case` holds its problem (the data, as the source gives it), a short
statement, its trace (every number worked out, by the library) and, where the
source prints numbers, those numbers: each printed number is compared with the
correct one, and the ones that differ become the case's errata, each saying what
the source printed, the correct value and why they differ.

>>> from course_lib.handcalc import examples
>>> round(examples.textbook_kmeans.trace.wcss, 6)
8.525
>>> print(examples.textbook_kmeans.erratum.splitlines()[0])
Seed 002 (textbook chapter 15), worked example 1 prints numbers that differ from the correct ones:

The catalogue (``CASES``, in course order):

========================================  =========================================================
case                                      source
========================================  =========================================================
``age_salary_minmax``                     seed 003, min-max scaling of the employee age/salary table
``age_salary_standard``                   the same table standardised (lesson 01)
``textbook_kmeans``                       seed 002, worked example 1: k-means on 7 points A..G
``exercise_6_kmeans``                     seed 002, exercise 6: two k-means iterations on 6 points
``textbook_silhouette``                   seed 002, worked example 2: silhouette of (0, 0)
``exercise_7_silhouette``                 seed 002, exercise 7: silhouette of (1, 0)
``exercise_10_dbscan``                    seed 002, exercise 10: core, border, noise (eps=2, MinPts=3)
``exercise_9_single_vs_complete``         seed 002, exercise 9: single vs complete linkage on {1,2,3,10,11,12,6}
``exercise_12_ward_merge_cost``           seed 002, exercise 12 / derivation 15.5: Ward's merge cost
``em_one_iteration``                      seed 002 section 6.2 / seed 000 appendix: one EM iteration, 1-D
========================================  =========================================================

``hand_check(examples.textbook_kmeans, step=1)`` (in :mod:`course_lib.widgets`) turns a case
into a form; ``case.check(...)`` marks answers directly.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from . import checks, traces
from .forms import build_form
from .render import fmt

__all__ = ["Case", "Printed", "Erratum", "CASES", "get_case"]


@dataclass(frozen=True)
class Printed:
    """A number as a source prints it, and where that number lives in the case's trace.

    Attributes
    ----------
    where : str
        What the number is, in the source's words ("iteration 2, d² from F to μ₁").
    text : str
        The number exactly as printed ("18.26").
    locate : callable
        ``locate(trace)`` returns the correct value.
    why : str
        For a number that differs from the correct one: why. Empty for a right one.
    """

    where: str
    text: str
    locate: object
    why: str = ""

    def correct_value(self, trace):
        return float(self.locate(trace))

    def agrees(self, trace):
        """Whether the printed number is the correct value rounded to the places it is printed with.

        Trailing zeros count here ("9.90" claims two decimals), unlike a student's answer.
        """
        places = len(self.text.split(".")[1]) if "." in self.text else 0
        return abs(float(self.text) - self.correct_value(trace)) <= 0.5 * 10.0 ** -places + 1e-9


@dataclass(frozen=True)
class Erratum:
    """A number the source prints wrongly."""

    where: str
    printed: str
    correct: float
    why: str

    @property
    def correct_text(self):
        """The correct value: exactly when it is a short decimal (0.3125), else rounded to the printed
        places (half up) with four decimals in parentheses: 31.81 (31.8056)."""
        shown = fmt(self.correct)
        if abs(float(shown) - self.correct) <= 1e-12 * max(1.0, abs(self.correct)):
            return shown
        places = len(self.printed.split(".")[1]) if "." in self.printed else 0
        rounded = str(Decimal(repr(self.correct)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
        return rounded if float(rounded) == float(shown) else f"{rounded} ({shown})"

    def __str__(self):
        return f"{self.where}: printed {self.printed}, correct {self.correct_text}. {self.why}"


def _letters_and_digits(text):
    return re.sub(r"[\W_]", "", text.lower())


class Case:
    """One worked example or exercise.

    Attributes
    ----------
    name : str
    title : str
    source : str
        Which seed and where in it.
    statement : str
        The task, in our words.
    kind : str
        'kmeans', 'silhouette', 'dbscan', 'linkage', 'em', 'minmax' or 'standard'.
    problem : dict
        The arguments of the trace function (``points``, ``init``, ``names``, ...).
    printed : tuple of Printed
        The numbers the source prints for it (empty for an exercise without answers).
    """

    def __init__(self, name, *, title, source, statement, kind, problem, printed=()):
        self.name, self.title, self.source, self.statement = name, title, source, statement
        self.kind, self.problem, self.printed = kind, problem, tuple(printed)

    def __repr__(self):
        return f"<Case {self.name}: {self.title}>"

    @cached_property
    def trace(self):
        """The full trace (computed once)."""
        problem = dict(self.problem)
        if self.kind == "linkage" and not isinstance(problem["method"], str):
            problem["methods"] = problem.pop("method")
            return traces.compare_linkages_by_hand(**problem)
        function = {"kmeans": traces.kmeans_by_hand, "silhouette": traces.silhouette_by_hand,
                    "dbscan": traces.dbscan_by_hand, "linkage": traces.linkage_by_hand,
                    "em": traces.em_step_by_hand, "minmax": traces.minmax_by_hand,
                    "standard": traces.standardize_by_hand}[self.kind]
        return function(**problem)

    @property
    def errata(self):
        """The printed numbers that differ from the correct ones."""
        return [Erratum(p.where, p.text, p.correct_value(self.trace), p.why)
                for p in self.printed if not p.agrees(self.trace)]

    @property
    def erratum(self):
        """A note listing the source's wrong numbers (what it printed, the correct value, why), or None."""
        errata = self.errata
        if not errata:
            return None
        lines = [f"{self.source} prints numbers that differ from the correct ones:"]
        lines += [f"- {erratum}" for erratum in errata]
        return "\n".join(lines)

    def form(self, *, step=None, ask=None, method=None, decimals=2):
        """The hand-check form for this case (see :func:`course_lib.handcalc.forms.build_form`)."""
        form = build_form(self.kind, self.problem, step=step, ask=ask, method=method, decimals=decimals)
        # "Silhouette of (1, 0)" needs no ": Silhouette of (1,0)" after it; "Two k-means iterations" does.
        if _letters_and_digits(form.title) not in _letters_and_digits(self.title):
            form.title = f"{self.title}: {form.title}"
        else:
            form.title = self.title
        return form

    def check(self, *, step=None, method=None, decimals=2, **answers):
        """Mark answers to this case with its checker.

        ``step`` chooses the k-means iteration (default 1); ``method`` the linkage when
        the case compares several. The answers are the checker's keywords, e.g.
        ``examples.textbook_kmeans.check(step=1, wcss=12.21)``.
        """
        p = self.problem
        if self.kind == "kmeans":
            step = 1 if step is None else step
            if not 1 <= step <= len(self.trace.iterations):
                raise ValueError(f"step must be between 1 and {len(self.trace.iterations)}, got {step}.")
            centroids = self.trace.iterations[step - 1].centroids
            return checks.check_kmeans_iteration(p["points"], centroids, names=p.get("names"), decimals=decimals,
                                                 **answers)
        if step is not None:
            raise ValueError("step applies to k-means cases only; linkage merges are checked all at once.")
        if self.kind == "silhouette":
            return checks.check_silhouette(p["points"], p["labels"], p["index"], names=p.get("names"),
                                           decimals=decimals, **answers)
        if self.kind == "dbscan":
            return checks.check_dbscan_types(p["points"], p["eps"], p["min_samples"], names=p.get("names"),
                                             **answers)
        if self.kind == "linkage":
            methods = (p["method"],) if isinstance(p["method"], str) else tuple(p["method"])
            method = methods[0] if method is None else method
            if method not in methods:
                raise ValueError(f"method must be one of {', '.join(methods)}, got {method!r}.")
            return checks.check_linkage_merges(p["points"], method, names=p.get("names"), decimals=decimals,
                                               **answers)
        if self.kind == "em":
            return checks.check_em_step(p["points"], p["weights"], p["means"], p["variances"],
                                        names=p.get("names"), decimals=decimals, **answers)
        return checks.check_scaling(p["table"], self.kind, row_names=p.get("row_names"),
                                    column_names=p.get("column_names"), decimals=decimals, **answers)

    def document(self):
        from .render import Document

        doc = Document().heading(f"{self.title} ({self.source})", level=2).text(self.statement)
        if self.erratum:
            doc.text(self.erratum)
        return doc.extend(self.trace.document())

    def __str__(self):
        return self.document().to_text()

    def _repr_html_(self):
        return self.document().to_html()


# --------------------------------------------------------------------------------------------------
# Lesson 01: scaling (seed 003)
# --------------------------------------------------------------------------------------------------

_EMPLOYEES = [[44, 73000], [27, 47000], [27, 53000], [38, 62000], [40, 57000], [35, 53000], [48, 78000]]
_EMPLOYEE_ROWS = [f"employee {i}" for i in range(1, 8)]
_TRUNCATED = "The source cut the digits after the third decimal instead of rounding."


def _scaled(i, j):
    return lambda trace: trace.scaled[i, j]


age_salary_minmax = Case(
    "age_salary_minmax",
    title="Min-max scaling of ages and salaries",
    source="Seed 003 (consulting talk), feature scaling",
    statement=("Seven employees with their age (years) and salary (euros). Scale each column to [0, 1] with "
               "(x - min) / (max - min), so that salary no longer dominates Euclidean distances."),
    kind="minmax",
    problem={"table": _EMPLOYEES, "row_names": _EMPLOYEE_ROWS, "column_names": ["Age", "Salary"]},
    printed=(
        Printed("employee 1, Age norm (17/21 = 0.80952)", "0.809", _scaled(0, 0), _TRUNCATED),
        Printed("employee 1, Salary norm (26/31 = 0.83871)", "0.838", _scaled(0, 1), _TRUNCATED),
        Printed("employee 2, Age norm", "0", _scaled(1, 0)),
        Printed("employee 2, Salary norm", "0", _scaled(1, 1)),
        Printed("employee 3, Age norm", "0", _scaled(2, 0)),
        Printed("employee 3, Salary norm (6/31 = 0.19355)", "0.193", _scaled(2, 1), _TRUNCATED),
        Printed("employee 4, Age norm (11/21 = 0.52381)", "0.523", _scaled(3, 0), _TRUNCATED),
        Printed("employee 4, Salary norm (15/31 = 0.48387)", "0.483", _scaled(3, 1), _TRUNCATED),
        Printed("employee 5, Age norm (13/21 = 0.61905)", "0.619", _scaled(4, 0)),
        Printed("employee 5, Salary norm (10/31 = 0.32258)", "0.322", _scaled(4, 1), _TRUNCATED),
        Printed("employee 6, Age norm (8/21 = 0.38095)", "0.380", _scaled(5, 0), _TRUNCATED),
        Printed("employee 6, Salary norm (6/31 = 0.19355)", "0.193", _scaled(5, 1), _TRUNCATED),
        Printed("employee 7, Age norm", "1", _scaled(6, 0)),
        Printed("employee 7, Salary norm", "1", _scaled(6, 1)),
    ),
)

age_salary_standard = Case(
    "age_salary_standard",
    title="Standard scaling of ages and salaries",
    source="Seed 003 (consulting talk), feature scaling: the same table standardised in lesson 01",
    statement=("The same seven employees. Standardise each column: subtract its mean and divide by its "
               "(population) standard deviation."),
    kind="standard",
    problem={"table": _EMPLOYEES, "row_names": _EMPLOYEE_ROWS, "column_names": ["Age", "Salary"]},
)


# --------------------------------------------------------------------------------------------------
# Lesson 02: k-means (seed 002)
# --------------------------------------------------------------------------------------------------

_SEVEN_POINTS = [[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5], [3.5, 4.5]]
_SEVEN_NAMES = list("ABCDEFG")
_INCONSISTENT_DISTANCES = ("It follows neither from the exact centroids (11/6, 7/3) and (4.125, 5.375) nor from "
                      "them rounded to two decimals, and no one pair of centroids gives all six printed values: "
                      "a slip in the source's arithmetic. No assignment changes.")


def _d2(iteration, point, centroid):
    return lambda trace: trace.iterations[iteration].squared_distances[point, centroid]


def _cluster_number(iteration, point):
    return lambda trace: trace.iterations[iteration].labels[point] + 1  # the source counts clusters from 1


def _centroid(iteration, cluster, feature):
    return lambda trace: trace.iterations[iteration].new_centroids[cluster, feature]


def _final_term(point):
    return lambda trace: trace.iterations[-1].point_wcss[point]


_ITERATION_1 = [("0", "52"), ("1.25", "37.25"), ("13", "13"), ("52", "0"), ("22.25", "6.25"), ("28.25", "4.25"),
                ("18.5", "8.5")]
_ITERATION_2 = [("2.47", "28.89"), ("0.22", "18.33"), ("4.15", "3.16"), ("31.78", "3.41"), ("9.90", "0.53"),
                ("18.26", "0.28"), ("7.47", "1.14")]
_ITERATION_2_WHY = {
    (0, 1): _INCONSISTENT_DISTANCES, (1, 1): _INCONSISTENT_DISTANCES, (2, 0): _INCONSISTENT_DISTANCES,
    (3, 0): _INCONSISTENT_DISTANCES, (4, 0): _INCONSISTENT_DISTANCES, (6, 1): _INCONSISTENT_DISTANCES,
    (5, 0): ("An arithmetic slip: (4.5 - 11/6)² + (5 - 7/3)² = 7.1111 + 7.1111 = 14.2222. F still joins C₂, "
             "whose distance 0.28 is far smaller."),
}
_WCSS_TERM_WHY = ("A and B each lie (0.25, 0.5) from μ₁ = (1.25, 1.5): (0.25)² + (0.5)² = 0.0625 + 0.25 = 0.3125, "
                  "not 0.125 and 0.375.")
_WCSS_TOTAL_WHY = "It carries the wrong cluster-1 terms: the correct sum is 0.625 + 7.9 = 8.525."


def _textbook_kmeans_printed():
    printed = []
    for iteration, table in ((0, _ITERATION_1), (1, _ITERATION_2)):
        for point, values in enumerate(table):
            for centroid, text in enumerate(values):
                why = _ITERATION_2_WHY.get((point, centroid), "") if iteration == 1 else ""
                printed.append(Printed(f"iteration {iteration + 1}, d² from {_SEVEN_NAMES[point]} to "
                                       f"μ{'₁₂'[centroid]}", text, _d2(iteration, point, centroid), why))
    for iteration, clusters in ((0, "1112222"), (1, "1122222")):
        printed += [Printed(f"iteration {iteration + 1}, cluster of {name} (C₁ or C₂)", c,
                            _cluster_number(iteration, point))
                    for point, (name, c) in enumerate(zip(_SEVEN_NAMES, clusters))]
    printed += [
        Printed("iteration 1 update, μ₁ x", "1.833", _centroid(0, 0, 0)),
        Printed("iteration 1 update, μ₁ y", "2.333", _centroid(0, 0, 1)),
        Printed("iteration 1 update, μ₂ x", "4.125", _centroid(0, 1, 0)),
        Printed("iteration 1 update, μ₂ y", "5.375", _centroid(0, 1, 1)),
        Printed("iteration 2 table header, μ₁ x", "1.83", _centroid(0, 0, 0)),
        Printed("iteration 2 table header, μ₁ y", "2.33", _centroid(0, 0, 1)),
        Printed("iteration 2 table header, μ₂ x", "4.13", _centroid(0, 1, 0)),
        Printed("iteration 2 table header, μ₂ y", "5.38", _centroid(0, 1, 1)),
        Printed("iteration 2 update, μ₁ x", "1.25", _centroid(1, 0, 0)),
        Printed("iteration 2 update, μ₁ y", "1.5", _centroid(1, 0, 1)),
        Printed("iteration 2 update, μ₂ x", "3.9", _centroid(1, 1, 0)),
        Printed("iteration 2 update, μ₂ y", "5.1", _centroid(1, 1, 1)),
        Printed("final WCSS, term of A", "0.125", _final_term(0), _WCSS_TERM_WHY),
        Printed("final WCSS, term of B", "0.375", _final_term(1), _WCSS_TERM_WHY),
        Printed("final WCSS, term of C", "2.02", _final_term(2)),
        Printed("final WCSS, term of D", "4.82", _final_term(3)),
        Printed("final WCSS, term of E", "0.17", _final_term(4)),
        Printed("final WCSS, term of F", "0.37", _final_term(5)),
        Printed("final WCSS, term of G", "0.52", _final_term(6)),
        Printed("final WCSS, cluster 1", "0.5", lambda t: t.iterations[-1].cluster_wcss[0], _WCSS_TERM_WHY),
        Printed("final WCSS, cluster 2", "7.9", lambda t: t.iterations[-1].cluster_wcss[1]),
        Printed("final WCSS", "8.4", lambda t: t.wcss, _WCSS_TOTAL_WHY),
        Printed("final inertia", "8.4", lambda t: t.wcss, _WCSS_TOTAL_WHY),
    ]
    return tuple(printed)


textbook_kmeans = Case(
    "textbook_kmeans",
    title="k-means by hand on seven points",
    source="Seed 002 (textbook chapter 15), worked example 1",
    statement=("Points A(1, 1), B(1.5, 2), C(3, 4), D(5, 7), E(3.5, 5), F(4.5, 5), G(3.5, 4.5); k = 2, starting "
               "from μ0 = A and μ1 = D (the source's μ₁ and μ₂, clusters C₁ and C₂). Run k-means until no point "
               "changes cluster and give the final WCSS."),
    kind="kmeans",
    problem={"points": _SEVEN_POINTS, "init": [[1, 1], [5, 7]], "names": _SEVEN_NAMES},
    printed=_textbook_kmeans_printed(),
)

exercise_6_kmeans = Case(
    "exercise_6_kmeans",
    title="Two k-means iterations",
    source="Seed 002 (textbook chapter 15), exercise 6",
    statement=("Points (0, 0), (1, 0), (0, 1), (10, 10), (11, 10), (10, 11), k = 2, starting centroids (0, 0) and "
               "(10, 10). Run two iterations and show each step."),
    kind="kmeans",
    problem={"points": [[0, 0], [1, 0], [0, 1], [10, 10], [11, 10], [10, 11]], "init": [[0, 0], [10, 10]],
             "names": ["P1", "P2", "P3", "P4", "P5", "P6"], "max_iter": 2},
)


# --------------------------------------------------------------------------------------------------
# Lesson 03: silhouette (seed 002)
# --------------------------------------------------------------------------------------------------

textbook_silhouette = Case(
    "textbook_silhouette",
    title="Silhouette of one point",
    source="Seed 002 (textbook chapter 15), worked example 2",
    statement=("Clusters C₁ = {(0, 0), (1, 0), (0, 1)} and C₂ = {(5, 5), (6, 5), (5, 6)}. Compute a, b and the "
               "silhouette s of the point (0, 0)."),
    kind="silhouette",
    problem={"points": [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]], "labels": [0, 0, 0, 1, 1, 1], "index": 0,
             "names": ["(0,0)", "(1,0)", "(0,1)", "(5,5)", "(6,5)", "(5,6)"]},
    printed=(
        Printed("distance from (0,0) to (1,0)", "1", lambda t: t.distances[1]),
        Printed("distance from (0,0) to (0,1)", "1", lambda t: t.distances[2]),
        Printed("a", "1.0", lambda t: t.a),
        Printed("distance to (5,5), √50", "7.07", lambda t: t.distances[3]),
        Printed("distance to (6,5), √61", "7.81", lambda t: t.distances[4]),
        Printed("distance to (5,6), √61", "7.81", lambda t: t.distances[5]),
        Printed("b", "7.56", lambda t: t.b),
        Printed("b - a", "6.56", lambda t: t.b - t.a),
        Printed("s", "0.868", lambda t: t.s),
        Printed("s, rounded", "0.87", lambda t: t.s),
    ),
)

exercise_7_silhouette = Case(
    "exercise_7_silhouette",
    title="Silhouette of (1, 0)",
    source="Seed 002 (textbook chapter 15), exercise 7",
    statement=("Cluster 1 = {(0, 0), (1, 0), (0, 1)}, cluster 2 = {(10, 10), (11, 10), (10, 11)}. Compute the "
               "silhouette of the point (1, 0)."),
    kind="silhouette",
    problem={"points": [[0, 0], [1, 0], [0, 1], [10, 10], [11, 10], [10, 11]], "labels": [1, 1, 1, 2, 2, 2],
             "index": 1, "names": ["(0,0)", "(1,0)", "(0,1)", "(10,10)", "(11,10)", "(10,11)"]},
)


# --------------------------------------------------------------------------------------------------
# Lesson 04: DBSCAN (seed 002)
# --------------------------------------------------------------------------------------------------

exercise_10_dbscan = Case(
    "exercise_10_dbscan",
    title="Core, border or noise",
    source="Seed 002 (textbook chapter 15), exercise 10",
    statement=("DBSCAN with eps = 2 and MinPts = 3 (the point itself counts) on (0, 0), (1, 0), (0, 1), (5, 5), "
               "(1, 1), (10, 10). Classify each point as core, border or noise."),
    kind="dbscan",
    problem={"points": [[0, 0], [1, 0], [0, 1], [5, 5], [1, 1], [10, 10]], "eps": 2, "min_samples": 3,
             "names": ["(0,0)", "(1,0)", "(0,1)", "(5,5)", "(1,1)", "(10,10)"]},
)


# --------------------------------------------------------------------------------------------------
# Lesson 05: hierarchical clustering (seed 002)
# --------------------------------------------------------------------------------------------------

_LINE_POINTS = [[1], [2], [3], [10], [11], [12], [6]]
_LINE_NAMES = ["1", "2", "3", "10", "11", "12", "6"]

exercise_9_single_vs_complete = Case(
    "exercise_9_single_vs_complete",
    title="Single versus complete linkage on a line",
    source="Seed 002 (textbook chapter 15), exercise 9",
    statement=("Cluster the numbers 1, 2, 3, 10, 11, 12, 6 (in this order: point 6 is the last) with single and "
               "with complete linkage. Compare the merge heights and the clusters each tree gives."),
    kind="linkage",
    problem={"points": _LINE_POINTS, "method": ("single", "complete"), "names": _LINE_NAMES},
)

exercise_12_ward_merge_cost = Case(
    "exercise_12_ward_merge_cost",
    title="Ward's merge cost, merge by merge",
    source="Seed 002 (textbook chapter 15), exercise 12 and derivation 15.5",
    statement=("Run Ward linkage on 1, 2, 3, 10, 11, 12, 6. At each merge compute the merge cost "
               "ΔJ = |A||B| / (|A| + |B|) · ||μA - μB||² and check that it is exactly how much the total "
               "within-cluster sum of squares rises; the dendrogram height is sqrt(2ΔJ)."),
    kind="linkage",
    problem={"points": _LINE_POINTS, "method": "ward", "names": _LINE_NAMES},
)


# --------------------------------------------------------------------------------------------------
# Lesson 06: Gaussian mixtures (seeds 002 and 000)
# --------------------------------------------------------------------------------------------------

em_one_iteration = Case(
    "em_one_iteration",
    title="One EM iteration by hand",
    source="Seed 002 (textbook chapter 15) section 6.2 and seed 000 appendix, EM updates",
    statement=("Five values 0, 1, 2, 4, 5 and two Gaussian components with weights 0.5 and 0.5, means 1 and 4, "
               "variances 1 and 1. Compute the responsibilities (E-step), then the new weights, means and "
               "variances (M-step), and compare the log-likelihood before and after."),
    kind="em",
    problem={"points": [0, 1, 2, 4, 5], "weights": [0.5, 0.5], "means": [1, 4], "variances": [1, 1],
             "names": ["x1", "x2", "x3", "x4", "x5"]},
)


CASES = {case.name: case for case in (
    age_salary_minmax, age_salary_standard, textbook_kmeans, exercise_6_kmeans, textbook_silhouette,
    exercise_7_silhouette, exercise_10_dbscan, exercise_9_single_vs_complete, exercise_12_ward_merge_cost,
    em_one_iteration,
)}


def get_case(name):
    """The case called ``name`` (see ``CASES``)."""
    try:
        return CASES[name]
    except KeyError:
        raise ValueError(f"Unknown case {name!r}. Cases: {', '.join(CASES)}.") from None

