"""A hand-check form without the widgets: which boxes to show, and how typed text becomes a check.

:func:`build_form` turns a problem (the arguments of a trace) into a :class:`Form`: a
short statement of the task and one :class:`Field` per answer box. ``form.check``
takes what was typed, box label -> text, and returns the checker's
:class:`~course_lib.handcalc.checks.CheckReport`, whose entry names are the box
labels. :func:`course_lib.widgets.hand_check` draws the form with ipywidgets; the
tests fill it in directly.
"""

from dataclasses import dataclass

from . import checks
from .render import axis_name, fmt, fmt_point
from .traces import check_names, kmeans_by_hand

__all__ = ["Field", "Form", "build_form", "ASKS", "KINDS"]

# What each kind of problem can ask for (the checker's keywords), in form order.
ASKS = {
    "kmeans": ("assignment", "new_centroids", "wcss"),
    "silhouette": ("a", "b", "s"),
    "dbscan": ("types", "labels"),
    "linkage": ("merges",),
    "em": ("responsibilities", "new_weights", "new_means", "new_variances"),
    "minmax": ("answers",),
    "standard": ("answers",),
}
KINDS = tuple(ASKS)


@dataclass
class Field:
    """One answer box.

    Attributes
    ----------
    label : str
        The box's description, and the name of its entry in the report.
    placeholder : str
        Grey hint shown in the empty box.
    group : str
        The checker keyword the answer belongs to (``"assignment"``, ``"wcss"``, ...).
    key : object
        Where in that keyword's answer it goes: None (a single value), a position,
        a (row, column) pair, or for merges (merge index, "pair" or "height").
    """

    label: str
    placeholder: str
    group: str
    key: object = None


class Form:
    """A statement, answer boxes, and the check behind them.

    Attributes
    ----------
    title : str
    statement : str
        The task in a sentence or two, with the data.
    fields : list of Field
    """

    def __init__(self, title, statement, fields, checker, arguments, decimals):
        self.title, self.statement, self.fields = title, statement, fields
        self._checker, self._arguments, self._decimals = checker, arguments, decimals

    @property
    def labels(self):
        return [field.label for field in self.fields]

    def answers(self, values):
        """The checker's keyword arguments from ``values`` (label -> typed text); blank boxes left out."""
        answers = {}
        for field in self.fields:
            value = values.get(field.label)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if field.group == "merges":
                k, part = field.key
                rows = answers.setdefault("merges", [])
                rows.extend([None, None] for _ in range(k + 1 - len(rows)))
                rows[k][0 if part == "pair" else 1] = value
            elif field.key is None:
                answers[field.group] = value
            elif isinstance(field.key, tuple):
                row, column = field.key
                answers.setdefault(field.group, {}).setdefault(row, {})[column] = value
            else:
                answers.setdefault(field.group, {})[field.key] = value
        if "merges" in answers:
            answers["merges"] = [None if row == [None, None] else row for row in answers["merges"]]
        return answers

    def check(self, values):
        """Mark ``values`` (box label -> text): the checker's report, one entry per filled box."""
        unknown = set(values) - set(self.labels)
        if unknown:
            raise KeyError(f"no box named {sorted(unknown)[0]!r}; boxes: {', '.join(self.labels)}")
        options = {} if self._decimals is None else {"decimals": self._decimals}
        return self._checker(**self._arguments, **self.answers(values), **options)


def _check_ask(kind, ask):
    allowed = ASKS[kind]
    if ask is None:
        return allowed
    ask = (ask,) if isinstance(ask, str) else tuple(ask)
    for group in ask:
        if group not in allowed:
            raise ValueError(f"ask={group!r} is not something this problem asks for; choose from "
                             f"{', '.join(allowed)}.")
    return ask


def build_form(kind, problem, *, step=None, ask=None, method=None, decimals=2):
    """The form for one problem.

    Parameters
    ----------
    kind : {'kmeans', 'silhouette', 'dbscan', 'linkage', 'em', 'minmax', 'standard'}
    problem : dict
        The trace function's arguments (``points``, ``init``, ``names``, ...).
    step : int, optional
        k-means: the iteration to check (default 1; its starting centroids are those
        the previous iterations reach). Linkage: the merge to check (default: all).
    ask : str or sequence of str, optional
        Which answers to ask for (see ``ASKS``); default all.
    method : str, optional
        Linkage problems comparing several methods: which one to check (default the first).
    decimals : int, default=2
        Rounding accepted for numbers.

    Returns
    -------
    Form
    """
    if kind not in ASKS:
        raise ValueError(f"Unknown kind {kind!r}. Choose one of: {', '.join(KINDS)}.")
    ask = _check_ask(kind, ask)
    builder = {"kmeans": _kmeans_form, "silhouette": _silhouette_form, "dbscan": _dbscan_form,
               "linkage": _linkage_form, "em": _em_form, "minmax": _scaling_form, "standard": _scaling_form}[kind]
    if kind not in ("kmeans", "linkage") and step is not None:
        raise ValueError(f"step applies to k-means iterations and linkage merges, not to a {kind} problem.")
    if kind != "linkage" and method is not None:
        raise ValueError("method applies to linkage problems only.")
    return builder(dict(problem), ask=ask, step=step, method=method, decimals=decimals, kind=kind)


def _points_text(points, names):
    return ", ".join(f"{name} = {fmt_point(p)}" for name, p in zip(names, points))


def _kmeans_form(problem, *, ask, step, decimals, **_):
    step = 1 if step is None else step
    trace = kmeans_by_hand(problem["points"], problem["init"], names=problem.get("names"),
                           max_iter=max(step, problem.get("max_iter", 10)))
    if not 1 <= step <= len(trace.iterations):
        raise ValueError(f"step must be between 1 and {len(trace.iterations)} (the iterations this problem "
                         f"runs), got {step}.")
    it = trace.iterations[step - 1]
    k, d = it.centroids.shape
    centroids = ", ".join(f"μ{j} = {fmt_point(c)}" for j, c in enumerate(it.centroids))
    choices = " or ".join(str(j) for j in range(k)) if k <= 3 else f"0 to {k - 1}"
    fields = []
    if "assignment" in ask:
        fields += [Field(f"{name}: cluster", choices, "assignment", i) for i, name in enumerate(trace.names)]
    if "new_centroids" in ask:
        fields += [Field(checks.centroid_entry_name(j, f, d), f"mean {axis_name(f, d) if d > 1 else ''}".strip(),
                         "new_centroids", (j, f)) for j in range(k) for f in range(d)]
    if "wcss" in ask:
        fields.append(Field("WCSS", "after the update", "wcss"))
    statement = (f"Iteration {step} of k-means on {_points_text(trace.points, trace.names)}, starting from "
                 f"{centroids}. Give each point's cluster ({choices}; a tie goes to the lower number), the new "
                 "centroids (the means of the clusters) and the WCSS after the update (the squared distances "
                 "of the points to their new centroids, summed).")
    arguments = {"points": trace.points, "centroids": it.centroids, "names": trace.names}
    return Form(f"k-means, iteration {step}", statement, fields, checks.check_kmeans_iteration, arguments,
                decimals)


def _silhouette_form(problem, *, ask, decimals, **_):
    names = check_names(problem.get("names"), len(problem["points"]))
    name = names[problem["index"]]
    fields = [Field(f"{symbol}({name})", hint, symbol) for symbol, hint in
              (("a", "mean distance, own cluster"), ("b", "nearest other cluster"), ("s", "(b - a) / max(a, b)"))
              if symbol in ask]
    statement = (f"Points {_points_text(problem['points'], names)} with clusters "
                 f"{', '.join(f'{n}: {c}' for n, c in zip(names, problem['labels']))}. Compute a({name}), "
                 f"b({name}) and the silhouette s({name}) with Euclidean distances.")
    arguments = {"points": problem["points"], "labels": problem["labels"], "index": problem["index"],
                 "names": names}
    return Form(f"Silhouette of {name}", statement, fields, checks.check_silhouette, arguments, decimals)


def _dbscan_form(problem, *, ask, **_):
    names = check_names(problem.get("names"), len(problem["points"]))
    fields = []
    if "types" in ask:
        fields += [Field(f"{name}: type", "core, border or noise", "types", i) for i, name in enumerate(names)]
    if "labels" in ask:
        fields += [Field(f"{name}: cluster", "0, 1, ... or -1 for noise", "labels", i)
                   for i, name in enumerate(names)]
    statement = (f"DBSCAN with eps = {fmt(problem['eps'])} and min_samples = {problem['min_samples']} (the point "
                 f"itself counts) on {_points_text(problem['points'], names)}. Classify each point as core, "
                 "border or noise and give its cluster (numbered from 0 in visiting order, -1 for noise).")
    arguments = {"points": problem["points"], "eps": problem["eps"], "min_samples": problem["min_samples"],
                 "names": names}
    return Form("DBSCAN point types", statement, fields, checks.check_dbscan_types, arguments, None)


def _linkage_form(problem, *, step, method, decimals, **_):
    methods = problem["method"]
    methods = (methods,) if isinstance(methods, str) else tuple(methods)
    method = methods[0] if method is None else method
    if method not in methods:
        raise ValueError(f"method must be one of this problem's methods: {', '.join(methods)}; got {method!r}.")
    n = len(problem["points"])
    names = check_names(problem.get("names"), n)
    merges = range(1, n) if step is None else [step]
    if step is not None and not 1 <= step <= n - 1:
        raise ValueError(f"step must be a merge between 1 and {n - 1}, got {step}.")
    fields = []
    for k in merges:
        fields.append(Field(f"merge {k}: clusters", "two cluster numbers, e.g. 0, 1", "merges", (k - 1, "pair")))
        fields.append(Field(f"merge {k}: height", "distance", "merges", (k - 1, "height")))
    which = "every merge" if step is None else f"merge {step} (the earlier ones as SciPy makes them)"
    statement = (f"{method.capitalize()} linkage on {_points_text(problem['points'], names)}. Points are clusters "
                 f"0 to {n - 1} (in that order) and merge k forms cluster {n} + k - 1, as in SciPy. Give {which}: "
                 "the two clusters and the height.")
    arguments = {"points": problem["points"], "method": method, "names": names}
    return Form(f"{method.capitalize()} linkage", statement, fields, checks.check_linkage_merges, arguments,
                decimals)


def _em_form(problem, *, ask, decimals, **_):
    names = check_names(problem.get("names"), len(problem["points"]))
    k = len(problem["weights"])
    fields = []
    if "responsibilities" in ask:
        fields += [Field(f"γ({name}, {j})", "between 0 and 1", "responsibilities", (i, j))
                   for i, name in enumerate(names) for j in range(k)]
    for group, symbol, hint in (("new_weights", "π", "N / n"), ("new_means", "μ", "Σ γx / N"),
                                ("new_variances", "σ²", "Σ γ(x - μ)² / N")):
        if group in ask:
            fields += [Field(f"new {symbol}{j}", hint, group, j) for j in range(k)]
    start = "; ".join(f"π{j} = {fmt(problem['weights'][j])}, μ{j} = {fmt(problem['means'][j])}, σ²{j} = "
                      f"{fmt(problem['variances'][j])}" for j in range(k))
    statement = (f"One EM iteration for a one-dimensional mixture of {k} Gaussians on "
                 f"{_points_text(problem['points'], names)}, starting from {start}. Give the responsibilities "
                 "(E-step) and the new weights, means and variances (M-step).")
    arguments = {key: problem[key] for key in ("points", "weights", "means", "variances")} | {"names": names}
    return Form("One EM iteration", statement, fields, checks.check_em_step, arguments, decimals)


def _scaling_form(problem, *, kind, decimals, **_):
    from .traces import minmax_by_hand, standardize_by_hand

    by_hand = minmax_by_hand if kind == "minmax" else standardize_by_hand
    trace = by_hand(problem["table"], row_names=problem.get("row_names"), column_names=problem.get("column_names"))
    fields = [Field(f"{row}, {column}", "scaled value", "answers", (i, j))
              for i, row in enumerate(trace.row_names) for j, column in enumerate(trace.column_names)]
    how = ("min-max scaling to [0, 1], (x - min) / (max - min)" if kind == "minmax"
           else "standard scaling, (x - mean) / std with the population std")
    statement = f"Scale every column of the table with {how}."
    arguments = {"table": trace.table, "method": kind, "row_names": trace.row_names,
                 "column_names": trace.column_names}
    title = "Min-max scaling" if kind == "minmax" else "Standard scaling"
    return Form(title, statement, fields, checks.check_scaling, arguments, decimals)
