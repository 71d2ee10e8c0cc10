"""Hand calculations: every step of the course's algorithms on small data, and checks of a student's numbers.

* **Traces** (:mod:`.traces`): ``kmeans_by_hand``, ``silhouette_by_hand``,
  ``dbscan_by_hand``, ``linkage_by_hand``, ``em_step_by_hand``, ``minmax_by_hand``,
  ``standardize_by_hand``. Each shows every intermediate number as tables (in
  Jupyter) or aligned text (``print``), and keeps them as arrays.
* **Checkers** (:mod:`.checks`): ``check_kmeans_iteration``, ``check_silhouette``,
  ``check_dbscan_types``, ``check_linkage_merges``, ``check_em_step``,
  ``check_scaling``. Give any subset of your answers; the report marks each entry
  ✓ right or ✗ wrong, with the exact value and the working for a wrong one.
* **Worked examples** (:mod:`.examples`): every worked example and hand exercise
  of the sources, with the source's misprints noted (``case.erratum``).
* **Forms**: :func:`course_lib.widgets.hand_check` in a notebook;
  ``python -m course_lib.handcalc --help`` on the command line.

Every number comes from the library's own step functions and estimators; nothing
here computes an algorithm a second way.

>>> from course_lib.handcalc import check_silhouette
>>> X = [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]]
>>> report = check_silhouette(X, [0, 0, 0, 1, 1, 1], 0, a=1, s=0.87)
>>> report.all_correct, report.score
(True, 1.0)
"""

from . import examples
from .checks import (
    CheckReport,
    Entry,
    check_dbscan_types,
    check_em_step,
    check_kmeans_iteration,
    check_linkage_merges,
    check_scaling,
    check_silhouette,
    is_right_number,
)
from .traces import (
    compare_linkages_by_hand,
    dbscan_by_hand,
    em_step_by_hand,
    kmeans_by_hand,
    linkage_by_hand,
    minmax_by_hand,
    silhouette_by_hand,
    standardize_by_hand,
)

__all__ = [
    "kmeans_by_hand", "silhouette_by_hand", "dbscan_by_hand", "linkage_by_hand", "compare_linkages_by_hand",
    "em_step_by_hand", "minmax_by_hand", "standardize_by_hand",
    "check_kmeans_iteration", "check_silhouette", "check_dbscan_types", "check_linkage_merges", "check_em_step",
    "check_scaling", "CheckReport", "Entry", "is_right_number", "examples",
]
