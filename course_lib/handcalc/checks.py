r"""Mark a student's hand-calculated numbers entry by entry.

Each checker takes the problem, computes the exact answers with the matching
trace (:mod:`course_lib.handcalc.traces`), and compares the answers given, any
subset of them: leave out a keyword, or put ``None`` (or ``NaN``, or ``""``) in
a place you did not work out, and that entry is simply not marked. The result is
a :class:`CheckReport`: per entry the value given, the exact value, right or
wrong, and for a wrong entry the working that leads to the exact value.

When is a number right?
-----------------------
A numeric answer :math:`s` is right when

.. math:: |s - \text{exact}| \le \tfrac12 \cdot 10^{-q}, \qquad
          q = \max(\text{decimals}, \text{decimals written in } s)

(capped at 9 decimals, plus :math:`10^{-9} \max(1, |\text{exact}|)` for floating-point rounding).
In words: the answer must be the exact value correctly rounded, to ``decimals``
places or to as many places as the answer shows, whichever is more. With
``decimals=2`` and the exact value 0.8678:

* 0.87 is right (two decimals, off by 0.0022, at most 0.005);
* 0.868 is right (three decimals, off by 0.0002, at most 0.0005);
* 0.8678 is right; so is 0.86784;
* 0.867 is wrong (three decimals written, off by 0.0008: truncated, not rounded);
* 0.9 is wrong (off by 0.032: too coarse for two decimals).

An exact value halfway between two roundings (8.525 to two decimals) accepts both
8.52 and 8.53. Numbers are compared as values, so trailing zeros carry no meaning
(0.380 is the number 0.38). Answers may be numbers or text: ``"0.87"``, ``"0,87"``
(decimal comma) and fractions such as ``"17/21"`` (compared at full precision) are
read. Cluster numbers and point types must match exactly.
"""

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from numbers import Integral, Real

import numpy as np

from .. import hierarchical as _hierarchical
from .._validation import check_option, check_scalar
from .render import Document, Table, axis_name, fmt, fmt_point
from .traces import (
    TIE_RTOL,
    dbscan_by_hand,
    em_step_by_hand,
    kmeans_by_hand,
    linkage_by_hand,
    minmax_by_hand,
    silhouette_by_hand,
    standardize_by_hand,
)

__all__ = [
    "check_kmeans_iteration", "check_silhouette", "check_dbscan_types", "check_linkage_merges",
    "check_em_step", "check_scaling", "CheckReport", "Entry", "is_right_number", "RIGHT", "WRONG",
]

# The marks a report shows; the browser tests look for exactly these.
RIGHT = "✓ right"
WRONG = "✗ wrong"

MAX_DECIMALS = 9
POINT_TYPES = ("core", "border", "noise")


# --------------------------------------------------------------------------------------------------
# Reading answers and the rounding rule
# --------------------------------------------------------------------------------------------------

class AnswerError(ValueError):
    """An answer that cannot be read as what the entry asks for (marked wrong, not raised to the user)."""


def _is_blank(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (float, np.floating)):
        return bool(np.isnan(value))
    return False


def read_number(value):
    """``(number, decimals written)`` from a number or text; fractions count as full precision.

    Raises :class:`AnswerError` for anything else (words, lists, booleans, NaN).
    """
    if isinstance(value, (bool, np.bool_)):
        raise AnswerError(f"{value!r} is not a number")
    if isinstance(value, (Integral, np.integer)):
        return float(value), 0
    if isinstance(value, (Real, np.floating)):
        if not math.isfinite(value):
            raise AnswerError(f"{value!r} is not a finite number")
        return float(value), _decimals_written(repr(float(value)))
    if not isinstance(value, str):
        raise AnswerError(f"{value!r} is not a number")
    text = value.strip().replace("−", "-").replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # decimal comma
    if text.count("/") == 1:
        numerator, denominator = (_parse_plain(part, value) for part in text.split("/"))
        if denominator == 0:
            raise AnswerError(f"{value!r} divides by zero")
        return numerator / denominator, MAX_DECIMALS
    return _parse_plain(text, value), _decimals_written(text)


def _parse_plain(text, original):
    try:
        number = float(text)
    except ValueError:
        raise AnswerError(f"could not read {original!r} as a number") from None
    if not math.isfinite(number):
        raise AnswerError(f"{original!r} is not a finite number")
    return number


def _decimals_written(text):
    """Decimal places of a number written as ``text``, trailing zeros not counted (0.380 -> 2)."""
    try:
        exponent = Decimal(text).normalize().as_tuple().exponent
    except InvalidOperation:
        return 0
    return max(0, -exponent) if isinstance(exponent, int) else 0


def is_right_number(answer, exact, decimals=2):
    """Whether ``answer`` is ``exact`` correctly rounded (see the module docstring for the rule).

    >>> [is_right_number(a, 0.8678) for a in (0.87, 0.868, "0.8678", 0.867, 0.9)]
    [True, True, True, False, False]
    """
    number, written = read_number(answer)
    places = min(max(decimals, written), MAX_DECIMALS)
    slack = 1e-9 * max(1.0, abs(exact))
    return abs(number - exact) <= 0.5 * 10.0 ** -places + slack


def read_integer(value):
    if isinstance(value, (bool, np.bool_)):
        raise AnswerError(f"{value!r} is not a whole number")
    try:
        number, _ = read_number(value)
    except AnswerError:
        raise AnswerError(f"could not read {value!r} as a whole number") from None
    if number != int(number):
        raise AnswerError(f"{value!r} is not a whole number")
    return int(number)


def read_pair(value):
    """Two cluster numbers from ``(3, 4)``, ``[3, 4]``, ``"3, 4"``, ``"3 4"`` or ``"(3,4)"``."""
    if isinstance(value, str):
        parts = value.replace("(", " ").replace(")", " ").replace("[", " ").replace("]", " ")
        parts = parts.replace(",", " ").replace("{", " ").replace("}", " ").replace("and", " ").split()
    elif isinstance(value, (list, tuple, np.ndarray)):
        parts = list(value)
    else:
        raise AnswerError(f"{value!r} is not a pair of cluster numbers")
    if len(parts) != 2:
        raise AnswerError(f"{value!r} is not a pair of cluster numbers (write two numbers, e.g. 3, 4)")
    return tuple(sorted(read_integer(p) for p in parts))


def read_choice(value, choices):
    if not isinstance(value, str) or value.strip().lower() not in choices:
        raise AnswerError(f"{value!r} is not one of {', '.join(choices)}")
    return value.strip().lower()


def _given_text(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (tuple, list, np.ndarray)):
        return "(" + ", ".join(_given_text(v) for v in value) + ")"
    return str(value)


# --------------------------------------------------------------------------------------------------
# Entries and the report
# --------------------------------------------------------------------------------------------------

@dataclass
class Entry:
    """One marked answer.

    Attributes
    ----------
    name : str
        What was asked, e.g. ``"C: cluster"``, ``"new μ0: x"``, ``"WCSS"``.
    given : object
        The answer as given.
    exact : object
        The exact value (a float, an int, a str or a pair of ints).
    right : bool
    working : str
        How the exact value follows from the problem.
    exact_text : str
        The exact value as shown in the report (typing it back is marked right).
    problem : str
        Why the answer could not be read, if it could not ("" otherwise).
    """

    name: str
    given: object
    exact: object
    right: bool
    working: str
    exact_text: str
    problem: str = ""

    def __post_init__(self):
        self.right = bool(self.right)  # comparisons with NumPy values give numpy.bool_, which JSON cannot write

    @property
    def given_text(self):
        return _given_text(self.given)

    def feedback(self):
        """The sentence shown for this entry (empty for a right one)."""
        if self.right:
            return ""
        said = self.problem if self.problem else f"you wrote {self.given_text}"
        return f"{said}; the answer is {self.exact_text}; working: {self.working}"

    def line(self):
        if self.right:
            return f"{RIGHT}  {self.name}: {self.given_text}"
        return f"{WRONG}  {self.name}: {self.feedback()}"


class CheckReport:
    """The marked answers of one check.

    Attributes
    ----------
    title : str
    entries : list of Entry
        One per answer given, in the order of the problem.
    decimals : int or None
        The rounding the numeric entries were marked with.

    ``report["WCSS"]`` is the entry of that name; ``len(report)`` the number of
    entries marked. In Jupyter the report shows as a table with a ✓ right / ✗ wrong
    mark per entry; ``str(report)`` gives one line per entry.
    """

    def __init__(self, title, entries, decimals=None):
        self.title, self.entries, self.decimals = title, list(entries), decimals

    @property
    def n_given(self):
        return len(self.entries)

    @property
    def n_right(self):
        return sum(entry.right for entry in self.entries)

    @property
    def score(self):
        """Fraction of the entries given that are right (0.0 when nothing was given)."""
        return self.n_right / self.n_given if self.entries else 0.0

    @property
    def all_correct(self):
        """True when at least one entry was given and every entry given is right."""
        return bool(self.entries) and all(entry.right for entry in self.entries)

    @property
    def wrong(self):
        return [entry for entry in self.entries if not entry.right]

    def __len__(self):
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def __getitem__(self, name):
        for entry in self.entries:
            if entry.name == name:
                return entry
        raise KeyError(f"no entry named {name!r}; entries: {', '.join(e.name for e in self.entries)}")

    def __repr__(self):
        return f"<CheckReport {self.title!r}: {self.n_right} of {self.n_given} right>"

    def summary(self):
        if not self.entries:
            return "No answers given: fill in at least one entry."
        return f"Score: {self.n_right} of {self.n_given} right ({round(100 * self.score)}%)."

    def rule(self):
        if self.decimals is None:
            return ""
        return (f"Numbers are right when they equal the exact value rounded to {self.decimals} decimals, or to "
                "as many decimals as you wrote if that is more.")

    def to_dict(self):
        """The report as plain data (for JSON): score, and per entry name, given, exact, right, working."""
        return {
            "title": self.title, "score": self.score, "all_correct": self.all_correct,
            "n_right": self.n_right, "n_given": self.n_given,
            "entries": [{"name": e.name, "given": e.given_text, "exact": e.exact_text, "right": e.right,
                         "working": e.working} for e in self.entries],
        }

    def document(self):
        doc = Document().heading(self.title)
        doc.text(self.summary())
        if self.entries:
            rows = [[RIGHT if e.right else WRONG, e.name, e.given_text, e.exact_text, e.feedback()]
                    for e in self.entries]
            doc.table(Table(["mark", "entry", "you wrote", "exact value", "working for a wrong entry"], rows,
                            cell_style=_report_cell_style))
        if self.rule():
            doc.text(self.rule())
        return doc

    def __str__(self):
        lines = [self.title, self.summary()] + [entry.line() for entry in self.entries]
        if self.rule():
            lines.append(self.rule())
        return "\n".join(lines)

    def _repr_html_(self):
        return self.document().to_html()


def _report_cell_style(column, text):
    """Marks in colour; the short columns never wrap."""
    if column == 0:
        return f" white-space:nowrap; font-weight:bold; color:{'#1a7f37' if text == RIGHT else '#cf222e'}"
    return " white-space:nowrap" if column < 4 else ""


def _exact_text(value, decimals):
    return fmt(value, max(4, (decimals or 0) + 2))


def _number_entry(name, given, exact, working, decimals):
    try:
        right = is_right_number(given, exact, decimals)
        problem = ""
    except AnswerError as exc:
        right, problem = False, str(exc)
    return Entry(name, given, float(exact), right, working, _exact_text(exact, decimals), problem)


def _integer_entry(name, given, exact, working):
    try:
        right, problem = read_integer(given) == exact, ""
    except AnswerError as exc:
        right, problem = False, str(exc)
    return Entry(name, given, int(exact), right, working, str(int(exact)), problem)


def _choice_entry(name, given, exact, working, choices):
    try:
        right, problem = read_choice(given, choices) == exact, ""
    except AnswerError as exc:
        right, problem = False, str(exc)
    return Entry(name, given, str(exact), right, working, str(exact), problem)


def _check_decimals(decimals):
    return int(check_scalar(decimals, "decimals", Integral, min_val=0, max_val=MAX_DECIMALS,
                            fix="It is the number of decimal places an answer is rounded to, e.g. 2."))


# --------------------------------------------------------------------------------------------------
# Answers laid out like the problem: one per point, one per cell
# --------------------------------------------------------------------------------------------------

def per_item(answer, names, what):
    """``{position: answer}`` for the items given, from a sequence (one per item) or a mapping.

    A mapping may be keyed by name (``{"C": 1}``) or by position (``{2: 1}``). Blank
    items (None, NaN, "") are left out.
    """
    if isinstance(answer, dict):
        given = {}
        for key, value in answer.items():
            position = _position(key, names, what)
            if not _is_blank(value):
                given[position] = value
        return given
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__"):
        raise TypeError(f"{what} must be a list with one answer per item ({len(names)}) or a dict "
                        f"{{name: answer}}, got {answer!r}.")
    values = list(answer)
    if len(values) != len(names):
        raise ValueError(f"{what} must have one answer per item: {len(names)} ({', '.join(names)}), "
                         f"got {len(values)}. Put None where you have no answer.")
    return {i: value for i, value in enumerate(values) if not _is_blank(value)}


def _position(key, names, what):
    if isinstance(key, str) and key in names:
        return names.index(key)
    if isinstance(key, (Integral, np.integer)) and not isinstance(key, bool) and 0 <= key < len(names):
        return int(key)
    if isinstance(key, str) and key.strip().lstrip("-").isdigit() and 0 <= int(key) < len(names):
        return int(key)
    raise ValueError(f"{what}: unknown item {key!r}; use one of {', '.join(names)} (or a position 0 to "
                     f"{len(names) - 1}).")


def per_cell(answer, row_names, n_columns, what):
    """``{(row, column): answer}`` from a table of answers (rows may be keyed by name)."""
    rows = per_item(answer, row_names, what)
    given = {}
    for i, row in rows.items():
        if n_columns == 1 and not isinstance(row, (list, tuple, np.ndarray, dict)):
            row = [row]
        for j, value in per_item(row, [str(c) for c in range(n_columns)], f"{what} row {row_names[i]}").items():
            given[i, j] = value
    return given


# --------------------------------------------------------------------------------------------------
# The checkers
# --------------------------------------------------------------------------------------------------

def check_kmeans_iteration(points, centroids, *, assignment=None, new_centroids=None, wcss=None, decimals=2,
                           names=None):
    r"""Mark one k-means iteration worked out from ``centroids``.

    Parameters
    ----------
    points : array-like of shape (n_samples, n_features)
    centroids : array-like of shape (n_clusters, n_features)
        The centroids at the start of the iteration.
    assignment : sequence of int or dict, optional
        Each point's cluster: the row of its nearest centroid in ``centroids``,
        counting from 0 (a tie goes to the lowest). A dict maps names to clusters.
    new_centroids : array-like of shape (n_clusters, n_features), optional
        The means of the new clusters.
    wcss : float or sequence of float, optional
        The within-cluster sum of squares after the update (points to their new
        centroid): the total, or one value per cluster.
    decimals : int, default=2
        Rounding accepted for numbers (see the module docstring).
    names : list of str, optional
        Names of the points (entries are called ``"A: cluster"`` and so on).

    Returns
    -------
    CheckReport
        Entries ``"<point>: cluster"``, ``"new μ<j>: x"`` (``y``, ``z``, or ``[f]`` beyond
        three features; no suffix in one dimension), ``"WCSS"`` or ``"WCSS cluster <j>"``.

    Example
    -------
    >>> report = check_kmeans_iteration([[1, 1], [1.5, 2], [3, 4]], [[1, 1], [3, 4]],
    ...                                 assignment=[0, 0, 1], wcss=0.63)
    >>> report.all_correct, report["WCSS"].exact
    (True, 0.625)
    """
    decimals = _check_decimals(decimals)
    trace = kmeans_by_hand(points, centroids, names=names, max_iter=1)
    it = trace.iterations[0]
    k, d = it.new_centroids.shape
    entries = []
    if assignment is not None:
        for i, value in sorted(per_item(assignment, trace.names, "assignment").items()):
            entries.append(_integer_entry(f"{trace.names[i]}: cluster", value, it.labels[i],
                                          trace.assignment_working(0, i)))
    if new_centroids is not None:
        centroid_names = [str(j) for j in range(k)]
        for (j, f), value in sorted(per_cell(new_centroids, centroid_names, d, "new_centroids").items()):
            entries.append(_number_entry(centroid_entry_name(j, f, d), value, it.new_centroids[j, f],
                                         trace.centroid_working(0, j, f), decimals))
    if wcss is not None:
        if isinstance(wcss, (list, tuple, np.ndarray, dict)):
            for j, value in sorted(per_item(wcss, [str(j) for j in range(k)], "wcss").items()):
                entries.append(_number_entry(f"WCSS cluster {j}", value, it.cluster_wcss[j],
                                             trace.cluster_wcss_working(0, j), decimals))
        elif not _is_blank(wcss):
            entries.append(_number_entry("WCSS", wcss, it.wcss, trace.wcss_working(0), decimals))
    start = ", ".join(f"μ{j} = {fmt_point(c)}" for j, c in enumerate(it.centroids))
    return CheckReport(f"k-means iteration from {start}", entries, decimals)


def centroid_entry_name(cluster, feature, n_features):
    if n_features == 1:
        return f"new μ{cluster}"
    return f"new μ{cluster}: {axis_name(feature, n_features)}"


def check_silhouette(points, labels, index, *, a=None, b=None, s=None, decimals=2, names=None):
    r"""Mark a(i), b(i) and s(i) for the point ``index``.

    Parameters
    ----------
    points : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
    index : int
    a, b, s : float, optional
        Mean distance to the own cluster's other points, smallest mean distance to
        another cluster, and the silhouette :math:`(b - a) / \max(a, b)`.
    decimals : int, default=2
    names : list of str, optional

    Returns
    -------
    CheckReport
        Entries ``"a(<point>)"``, ``"b(<point>)"``, ``"s(<point>)"``.

    Example
    -------
    >>> X = [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]]
    >>> check_silhouette(X, [0, 0, 0, 1, 1, 1], 0, a=1, b=7.56, s=0.868).all_correct
    True
    """
    decimals = _check_decimals(decimals)
    trace = silhouette_by_hand(points, labels, index, names=names)
    name = trace.names[trace.index]
    entries = []
    for symbol, given, exact, working in (("a", a, trace.a, trace.a_working()),
                                          ("b", b, trace.b, trace.b_working()),
                                          ("s", s, trace.s, trace.s_working())):
        if not _is_blank(given):
            entries.append(_number_entry(f"{symbol}({name})", given, exact, working, decimals))
    return CheckReport(f"Silhouette of {name}", entries, decimals)


def check_dbscan_types(points, eps, min_samples, *, types=None, labels=None, names=None):
    r"""Mark each point's DBSCAN type (core, border, noise) and cluster.

    Parameters
    ----------
    points : array-like of shape (n_samples, n_features)
    eps : float
    min_samples : int
        Counting the point itself.
    types : sequence of str or dict, optional
        'core', 'border' or 'noise' for each point (any case).
    labels : sequence of int or dict, optional
        Each point's cluster, numbered as scikit-learn does: clusters 0, 1, ... in the
        order points are visited (index order) and start them; -1 for noise.
    names : list of str, optional

    Returns
    -------
    CheckReport
        Entries ``"<point>: type"`` and ``"<point>: cluster"``.

    Example
    -------
    >>> X = [[0, 0], [1, 0], [0, 1], [5, 5], [1, 1], [10, 10]]
    >>> report = check_dbscan_types(X, 2, 3, types=["core", "core", "core", "border", "core", "noise"])
    >>> [entry.name for entry in report.wrong], report.wrong[0].exact
    (['P3: type'], 'noise')
    """
    trace = dbscan_by_hand(points, eps, min_samples, names=names)
    entries = []
    if types is not None:
        for i, value in sorted(per_item(types, trace.names, "types").items()):
            entries.append(_choice_entry(f"{trace.names[i]}: type", value, str(trace.types[i]),
                                         trace.type_working(i), POINT_TYPES))
    if labels is not None:
        for i, value in sorted(per_item(labels, trace.names, "labels").items()):
            entries.append(_integer_entry(f"{trace.names[i]}: cluster", value, trace.labels[i],
                                          trace.label_working(i)))
    return CheckReport(f"DBSCAN with eps = {fmt(trace.eps)}, min_samples = {trace.min_samples}", entries)


def check_linkage_merges(points, method, *, merges=None, decimals=2, names=None):
    r"""Mark the merges of agglomerative clustering, given as (cluster, cluster, height) rows.

    Parameters
    ----------
    points : array-like of shape (n_samples, n_features)
    method : {'single', 'complete', 'average', 'ward'}
    merges : sequence of rows, optional
        Row k is the k-th merge ``(cluster, cluster, height)`` in SciPy's numbering:
        points are clusters 0 .. n-1 and the cluster formed by row k is n + k. A row
        may also be ``("3, 4", height)``. Any part, or a whole row, may be None; rows
        may stop early. Ward heights are SciPy's, :math:`\sqrt{2\,\Delta J}`.
    decimals : int, default=2
    names : list of str, optional
        Names of the points, used in the working.

    Returns
    -------
    CheckReport
        Entries ``"merge <k>: clusters"`` and ``"merge <k>: height"`` (k from 1).

    Notes
    -----
    When several pairs are equally close, any of them is a right merge: each row is
    checked against the clusters that the rows before it (as given, where right)
    have formed. A wrong row is replaced by the exact merge before the next row is
    checked, so one mistake is marked once.

    Example
    -------
    >>> X = [[1], [2], [3], [10], [11], [12], [6]]
    >>> check_linkage_merges(X, "single", merges=[(0, 1, 1), (3, 4, 1)]).all_correct
    True
    """
    decimals = _check_decimals(decimals)
    trace = linkage_by_hand(points, method, names=names)
    rows = [] if merges is None else _merge_rows(merges, len(trace.points) - 1)
    entries = []
    state = _LinkageState(trace)
    for k, (pair, height) in enumerate(rows):
        closest, distance = state.closest_pairs()
        reference = state.reference_pair(k, closest)
        working = state.working(k, closest, distance)
        chosen = reference
        if pair is not None:
            entry = _pair_entry(f"merge {k + 1}: clusters", pair, closest, reference, working)
            entries.append(entry)
            if entry.right:
                chosen = read_pair(pair)
        if height is not None:
            entry = _number_entry(f"merge {k + 1}: height", height, distance, working, decimals)
            if not entry.right and method == "ward" and _is_merge_cost(height, distance, decimals):
                entry.working += "; you gave the merge cost ΔJ: SciPy's height is sqrt(2ΔJ)"
            entries.append(entry)
        state.merge(chosen)
    return CheckReport(f"{method.capitalize()} linkage merges", entries, decimals)


def _is_merge_cost(given, height, decimals):
    try:
        return is_right_number(given, height ** 2 / 2, decimals)
    except AnswerError:
        return False


def _merge_rows(merges, n_merges):
    if isinstance(merges, (str, bytes)) or not hasattr(merges, "__len__"):
        raise TypeError(f"merges must be a list of (cluster, cluster, height) rows, got {merges!r}.")
    rows = list(merges)
    if len(rows) > n_merges:
        raise ValueError(f"merges has {len(rows)} rows but {n_merges + 1} points merge {n_merges} times.")
    parsed = []
    for k, row in enumerate(rows):
        if row is None:
            parsed.append((None, None))
            continue
        row = row.replace(",", " ").split() if isinstance(row, str) else list(row)
        if len(row) == 3:  # (cluster, cluster, height)
            a, b, height = row
            pair = None if _is_blank(a) and _is_blank(b) else (a, b)
        elif len(row) == 2:  # ("cluster, cluster", height), as a form sends it
            pair, height = (None if _is_blank(row[0]) else row[0]), row[1]
        else:
            raise ValueError(f"merges row {k} must be (cluster, cluster, height), got {row!r}.")
        parsed.append((pair, None if _is_blank(height) else height))
    return parsed


def _pair_entry(name, given, closest, reference, working):
    try:
        pair, problem = read_pair(given), ""
    except AnswerError as exc:
        pair, problem = None, str(exc)
    right = pair is not None and pair in closest
    return Entry(name, given, reference, right, working, f"({reference[0]}, {reference[1]})", problem)


class _LinkageState:
    """The clusters formed so far while a student's merges are checked, with their distances.

    Starts from the points; after each row it merges the pair the student gave (when
    right) or the exact one, updating the distances with the library's Lance-Williams
    step, so that a student who broke a tie differently is judged on their own tree.
    """

    def __init__(self, trace):
        self.trace = trace
        n = len(trace.points)
        self.n = n
        self.ids = list(range(n))
        self.members = {i: [i] for i in range(n)}
        self.matrix = _hierarchical.distance_matrix(trace.points)
        self.same_as_reference = True

    def closest_pairs(self):
        m = len(self.ids)
        upper = self.matrix[np.triu_indices(m, 1)]
        smallest = float(upper.min())
        close = np.isclose(self.matrix, smallest, rtol=TIE_RTOL, atol=TIE_RTOL * max(1.0, smallest))
        pairs = [(self.ids[p], self.ids[q]) for p in range(m) for q in range(p + 1, m) if close[p, q]]
        return pairs, smallest

    def reference_pair(self, k, closest):
        if self.same_as_reference:
            a, b = self.trace.linkage_matrix[k, :2].astype(int)
            return (int(a), int(b))
        return min(closest)

    def working(self, k, closest, distance):
        current = ", ".join(f"{c} = {{{', '.join(self.trace.names[i] for i in self.members[c])}}}"
                            for c in self.ids)
        pairs = ", ".join(f"({a}, {b})" for a, b in closest)
        return (f"clusters before merge {k + 1}: {current}; closest pair(s) under {self.trace.method} linkage: "
                f"{pairs} at {fmt(distance)}")

    def merge(self, pair):
        a, b = pair
        k = len(self.members) - self.n
        reference = tuple(int(c) for c in self.trace.linkage_matrix[k, :2])
        if pair != reference:
            self.same_as_reference = False
        pa, pb = self.ids.index(a), self.ids.index(b)
        keep = [p for p in range(len(self.ids)) if p not in (pa, pb)]
        sizes = np.array([len(self.members[self.ids[p]]) for p in keep], dtype=float)
        new_distances = np.asarray(_hierarchical.lance_williams_update(
            self.matrix[pa, keep], self.matrix[pb, keep], self.matrix[pa, pb], len(self.members[a]),
            len(self.members[b]), sizes, self.trace.method), dtype=float)
        new_id = self.n + k
        self.members[new_id] = sorted(self.members[a] + self.members[b])
        m = len(keep)
        matrix = np.zeros((m + 1, m + 1))
        matrix[:m, :m] = self.matrix[np.ix_(keep, keep)]
        matrix[m, :m] = matrix[:m, m] = new_distances
        self.ids = [self.ids[p] for p in keep] + [new_id]
        self.matrix = matrix


def check_em_step(points, weights, means, variances, *, responsibilities=None, new_weights=None, new_means=None,
                  new_variances=None, decimals=2, names=None):
    r"""Mark one EM iteration of a one-dimensional Gaussian mixture.

    Parameters
    ----------
    points : array-like of shape (n_samples,)
    weights, means, variances : array-like of shape (n_components,)
        The parameters at the start of the iteration.
    responsibilities : array-like of shape (n_samples, n_components), optional
        :math:`\gamma_{ij}`; rows may be keyed by point name in a dict.
    new_weights, new_means, new_variances : array-like of shape (n_components,), optional
        The M-step's :math:`\pi_j`, :math:`\mu_j`, :math:`\sigma_j^2`.
    decimals : int, default=2
    names : list of str, optional

    Returns
    -------
    CheckReport
        Entries ``"γ(<point>, <j>)"``, ``"new π<j>"``, ``"new μ<j>"``, ``"new σ²<j>"``.

    Example
    -------
    >>> check_em_step([0, 1, 2, 4, 5], [0.5, 0.5], [1, 4], [1, 1], new_weights=[0.56, 0.44]).all_correct
    True
    """
    decimals = _check_decimals(decimals)
    trace = em_step_by_hand(points, weights, means, variances, names=names)
    k = len(trace.weights)
    components = [str(j) for j in range(k)]
    entries = []
    if responsibilities is not None:
        for (i, j), value in sorted(per_cell(responsibilities, trace.names, k, "responsibilities").items()):
            entries.append(_number_entry(f"γ({trace.names[i]}, {j})", value, trace.responsibilities[i, j],
                                         trace.responsibility_working(i, j), decimals))
    for parameter, given, symbol, exact, working in (
            ("new_weights", new_weights, "π", trace.new_weights, trace.weight_working),
            ("new_means", new_means, "μ", trace.new_means, trace.mean_working),
            ("new_variances", new_variances, "σ²", trace.new_variances, trace.variance_working)):
        if given is None:
            continue
        if k == 1 and not isinstance(given, (list, tuple, np.ndarray, dict)):
            given = [given]
        for j, value in sorted(per_item(given, components, parameter).items()):
            entries.append(_number_entry(f"new {symbol}{j}", value, exact[j], working(j), decimals))
    return CheckReport("One EM iteration", entries, decimals)


def check_scaling(table, method="minmax", *, answers, decimals=2, row_names=None, column_names=None):
    r"""Mark a scaled table, value by value.

    Parameters
    ----------
    table : array-like or DataFrame of shape (n_rows, n_columns)
        The original values.
    method : {'minmax', 'standard'}, default='minmax'
        Min-max scaling to [0, 1], or z-scores with the population standard deviation.
    answers : array-like of shape (n_rows, n_columns) or dict
        The scaled values; None (or NaN, "") where not answered. A dict maps row
        names to rows.
    decimals : int, default=2
    row_names, column_names : list of str, optional
        Default: a DataFrame's index and columns, else ``row 0``, ``column 0``, ...

    Returns
    -------
    CheckReport
        Entries ``"<row>, <column>"``, e.g. ``"employee 1, Age"``.

    Example
    -------
    >>> check_scaling([[44], [27], [48]], answers=[[0.81], [0], [1]]).all_correct  # 17/21 = 0.8095
    True
    """
    decimals = _check_decimals(decimals)
    check_option(method, "method", ("minmax", "standard"))
    by_hand = minmax_by_hand if method == "minmax" else standardize_by_hand
    trace = by_hand(table, row_names=row_names, column_names=column_names)
    entries = []
    for (i, j), value in sorted(per_cell(answers, trace.row_names, len(trace.column_names), "answers").items()):
        entries.append(_number_entry(f"{trace.row_names[i]}, {trace.column_names[j]}", value, trace.scaled[i, j],
                                     trace.value_working(i, j), decimals))
    title = "Min-max scaling" if method == "minmax" else "Standard scaling"
    return CheckReport(title, entries, decimals)
