"""``hand_check``: type in your hand-calculated numbers, press Check, see which are right.

The form shows the task, one text box per answer, a **Check** button and, after a
click, the report: one line per filled box, marked "✓ right" or "✗ wrong", with the
exact value and the working for a wrong one. Empty boxes are not marked, so you can
check part of your work. Numbers are accepted when they are the exact value
correctly rounded to 2 decimals, or to more if you give more (see
:mod:`course_lib.handcalc.checks`).

Usage in a lesson::

    from course_lib.handcalc import examples
    from course_lib.widgets import hand_check

    hand_check(examples.textbook_kmeans, step=1)                 # a catalogued case, iteration 1
    hand_check("textbook_kmeans", step=2, ask="wcss")            # by name, only the WCSS box
    hand_check(examples.exercise_9_single_vs_complete, method="complete")
    hand_check(check_silhouette, points=X, labels=labels, index=0)   # any problem, through its checker

All the logic is the checker's (:mod:`course_lib.handcalc.checks`), reached through
:class:`course_lib.handcalc.forms.Form`; this module only draws it.
"""

import html

import ipywidgets as widgets

from ..handcalc import checks
from ..handcalc.examples import Case, get_case
from ..handcalc.forms import build_form

__all__ = ["hand_check", "HandCheck"]

CHECK_BUTTON = "Check"

# Which kind of problem each checker marks, and how its arguments map onto the form's problem.
_CHECKERS = {
    checks.check_kmeans_iteration: "kmeans",
    checks.check_silhouette: "silhouette",
    checks.check_dbscan_types: "dbscan",
    checks.check_linkage_merges: "linkage",
    checks.check_em_step: "em",
    checks.check_scaling: "scaling",
}


def hand_check(case_or_checker, *, step=None, ask=None, method=None, decimals=2, **problem):
    """A form that checks hand-calculated answers, entry by entry.

    Parameters
    ----------
    case_or_checker : Case, str or checker function
        A case of :mod:`course_lib.handcalc.examples` (or its name), or one of the
        ``check_*`` functions of :mod:`course_lib.handcalc.checks`, whose problem
        arguments are then passed as keywords (``points=...``, ``centroids=...``).
    step : int, optional
        k-means: which iteration to check (default 1). Linkage: which merge (default all).
    ask : str or sequence of str, optional
        Which answers to ask for, named as the checker's keywords: k-means
        ``'assignment'``, ``'new_centroids'``, ``'wcss'``; silhouette ``'a'``, ``'b'``,
        ``'s'``; DBSCAN ``'types'``, ``'labels'``; linkage ``'merges'``; EM
        ``'responsibilities'``, ``'new_weights'``, ``'new_means'``, ``'new_variances'``;
        scaling ``'answers'``. Default: all.
    method : str, optional
        For a case comparing linkages: which one to check. For ``check_scaling``:
        'minmax' (default) or 'standard'.
    decimals : int, default=2
        Rounding accepted for numbers.
    **problem
        With a checker: its problem arguments.

    Returns
    -------
    HandCheck
        An ipywidgets ``VBox``; ``.boxes`` maps each entry's name to its text box,
        ``.button`` is the Check button, ``.report`` the last report.

    Notes
    -----
    Text boxes are described by the entry names of the report ("A: cluster",
    "new μ0: x", "WCSS", "a((0,0))", "merge 1: height", ...). Marks read "✓ right" and
    "✗ wrong"; a wrong line ends with "the answer is <value>; working: ...".
    """
    if isinstance(case_or_checker, str):
        case_or_checker = get_case(case_or_checker)
    if isinstance(case_or_checker, Case):
        if problem:
            raise TypeError(f"hand_check got problem arguments ({', '.join(problem)}) with a case; the case "
                            "already holds its problem.")
        form = case_or_checker.form(step=step, ask=ask, method=method, decimals=decimals)
    elif callable(case_or_checker) and case_or_checker in _CHECKERS:
        kind, problem = _problem_for_checker(_CHECKERS[case_or_checker], problem, method)
        form = build_form(kind, problem, step=step, ask=ask, decimals=decimals)
    else:
        raise TypeError("hand_check needs a case from course_lib.handcalc.examples (or its name) or one of the "
                        f"check_* functions of course_lib.handcalc.checks, got {case_or_checker!r}.")
    return HandCheck(form)


def _problem_for_checker(kind, problem, method):
    problem = dict(problem)
    if kind == "kmeans" and "centroids" in problem:
        problem["init"] = problem.pop("centroids")
        problem["max_iter"] = 1
    if kind == "linkage" and method is not None:
        problem["method"] = method
    if kind == "scaling":
        kind = method or "minmax"
    elif method is not None and kind != "linkage":
        raise TypeError("method applies to linkage and scaling checks only.")
    return kind, problem


class HandCheck(widgets.VBox):
    """The hand-check form: statement, answer boxes, Check button, report.

    Attributes
    ----------
    form : course_lib.handcalc.forms.Form
    boxes : dict
        Entry name -> ``ipywidgets.Text``.
    button : ipywidgets.Button
    result : ipywidgets.HTML
        Where the report appears.
    report : CheckReport or None
        The report of the last check.
    """

    def __init__(self, form):
        self.form = form
        self.report = None
        statement = widgets.HTML(f"<b>{html.escape(form.title)}</b><br>{html.escape(form.statement)}")
        self.boxes = {field.label: widgets.Text(description=field.label, placeholder=field.placeholder,
                                                style={"description_width": "initial"},
                                                layout=widgets.Layout(width="auto"))
                      for field in form.fields}
        grid = widgets.GridBox(list(self.boxes.values()), layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(240px, 1fr))", grid_gap="4px 12px"))
        self.button = widgets.Button(description=CHECK_BUTTON, button_style="primary",
                                     tooltip="Mark the filled-in boxes")
        self.result = widgets.HTML()
        self.button.on_click(lambda _button: self.check())
        super().__init__([statement, grid, self.button, self.result])

    def values(self):
        return {label: box.value for label, box in self.boxes.items()}

    def check(self):
        """Mark what is typed in the boxes, show the report below the button, and return it."""
        self.report = self.form.check(self.values())
        self.result.value = self.report._repr_html_()
        return self.report
