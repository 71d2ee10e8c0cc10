r"""Step-by-step traces of the course's algorithms on hand-sized data.

Each function runs one algorithm on a few points exactly as a student does it on
paper and keeps every intermediate number: the distance tables, the choices made
(ties included), the sums behind every mean, the updated matrices. The result is
an object that

* shows itself as tables in Jupyter (``_repr_html_``) and as aligned plain text
  (``str(trace)``, what ``python -m course_lib.handcalc`` prints);
* exposes the numbers as NumPy arrays, so the tests can compare each of them
  with scikit-learn, SciPy and NumPy.

The steps are the library's own (:func:`course_lib.kmeans.update_centroids`,
:func:`course_lib.hierarchical.lance_williams_update`, :func:`course_lib.gmm.e_step`,
:func:`course_lib.dbscan.expand_cluster`, ...) and estimators. What this module adds
is the bookkeeping (which point went where, and the arithmetic written out,
"(3 - 1)² + (4 - 1)² = 4 + 9 = 13", next to each number) and paper arithmetic:
distances come from the coordinate differences, and two numbers equal on paper are
equal here (``TIE_RTOL``), although decimals such as 0.1 are not exact in binary and the
computer's versions may differ in the last bit. That decides k-means ties (to the lowest
centroid) and DBSCAN pairs at distance exactly eps (neighbours).

==========================  =========================================================
function                    shows
==========================  =========================================================
:func:`kmeans_by_hand`      per iteration: squared distances, assignment (ties shown),
                            centroid updates with their sums, WCSS per cluster and total
:func:`silhouette_by_hand`  every distance in a(i) and b(i), then s(i)
:func:`dbscan_by_hand`      each point's eps-neighbourhood, count, type and cluster,
                            in the order the algorithm visits them
:func:`linkage_by_hand`     per merge: the cluster distance matrix, the pair merged,
                            its height (Ward: merge cost), the updated distances
:func:`em_step_by_hand`     one EM iteration in 1-D: densities, responsibilities, new
                            parameters, log-likelihood before and after
:func:`minmax_by_hand`      min-max scaling, column by column
:func:`standardize_by_hand` standard scaling (z-scores), column by column
==========================  =========================================================
"""

from dataclasses import dataclass
from numbers import Integral

import numpy as np

from .. import dbscan as _dbscan
from .. import gmm as _gmm
from .. import hierarchical as _hierarchical
from .. import kmeans as _kmeans
from .._validation import check_array, check_scalar
from ..distances import pairwise_distances_textbook
from ..preprocessing import MinMaxScaler, StandardScaler
from .render import Document, Table, axis_name, default_names, fmt, fmt_point, fmt_set

__all__ = [
    "kmeans_by_hand", "silhouette_by_hand", "dbscan_by_hand", "linkage_by_hand", "compare_linkages_by_hand",
    "em_step_by_hand", "minmax_by_hand", "standardize_by_hand", "LinkageComparison",
    "KMeansTrace", "KMeansIteration", "SilhouetteTrace", "DBSCANTrace", "LinkageTrace", "LinkageStep",
    "EMTrace", "ScalingTrace",
]

# Two computed distances closer than this (relative) are shown as a tie: hand-sized data
# give exact ties (13 and 13) that the matrix-product form may leave a few ulps apart.
TIE_RTOL = 1e-9


class Trace:
    """What every trace shares: rendering as text (``str``) and as HTML in Jupyter."""

    def document(self):
        """The trace as a :class:`~course_lib.handcalc.render.Document` of headings and tables."""
        raise NotImplementedError

    def __str__(self):
        return self.document().to_text()

    def _repr_html_(self):
        return self.document().to_html()


# --------------------------------------------------------------------------------------------------
# Shared input checks and working
# --------------------------------------------------------------------------------------------------

def check_names(names, n, what="points", parameter="names"):
    """``names`` as a list of ``n`` distinct strings (P0, P1, ... when None)."""
    if names is None:
        return default_names(n)
    if isinstance(names, str):
        names = names.split() if " " in names or "," in names else list(names)
        names = [name.strip(",") for name in names if name.strip(",")]
    names = [str(name) for name in names]
    if len(names) != n:
        raise ValueError(f"{parameter} must give one name for each of the {n} {what}, got {len(names)}.")
    if len(set(names)) != n:
        raise ValueError(f"{parameter} must be distinct, got {names}.")
    return names


def _signed(value):
    """A number as it appears after a minus sign: negative values in parentheses."""
    text = fmt(value)
    return f"({text})" if text.startswith("-") else text


def squared_distance_working(x, c):
    """``(3 - 1)² + (4 - 1)² = 4 + 9``: the terms of a squared Euclidean distance."""
    differences = [f"({fmt(a)} - {_signed(b)})²" for a, b in zip(x, c)]
    terms = [fmt((a - b) ** 2) for a, b in zip(x, c)]
    if len(terms) == 1:
        return differences[0]
    return " + ".join(differences) + " = " + " + ".join(terms)


def distance_working(x, y, distance):
    """``sqrt((0 - 5)² + (0 - 5)²) = sqrt(50) = 7.0711``."""
    squared = float(np.sum((np.asarray(x) - np.asarray(y)) ** 2))
    inside = " + ".join(f"({fmt(a)} - {_signed(b)})²" for a, b in zip(x, y))
    return f"sqrt({inside}) = sqrt({fmt(squared)}) = {fmt(distance)}"


def _check_points(points, min_samples=1):
    return check_array(points, name="points", min_samples=min_samples)


# --------------------------------------------------------------------------------------------------
# k-means
# --------------------------------------------------------------------------------------------------

@dataclass
class KMeansIteration:
    """One round of Lloyd's algorithm, every number kept.

    Attributes
    ----------
    number : int
        1 for the first iteration.
    centroids : ndarray (k, d)
        The centroids the points are assigned to in this round.
    squared_distances : ndarray (n, k)
        :math:`\\lVert x_i - \\mu_j \\rVert^2`.
    labels : ndarray (n,)
        Index of each point's nearest centroid (a tie goes to the lowest index).
    nearest : ndarray of bool (n, k)
        Every centroid at the smallest distance: more than one True in a row is a tie.
    changed : ndarray of bool (n,)
        Points whose cluster differs from the previous round (all False in round 1).
    members : ndarray (n,)
        Each point's cluster in the update: ``labels``, except that a cluster left
        empty takes the point farthest from its centroid (scikit-learn's rule).
    counts, sums : ndarray (k,), (k, d)
        Points per cluster in the update and the sum of their coordinates.
    new_centroids : ndarray (k, d)
        The means :math:`\\mu_j = \\text{sum}_j / \\text{count}_j`.
    relocated : ndarray of bool (k,)
        Clusters the assignment left empty.
    wcss_assigned : float
        WCSS of this assignment measured to ``centroids`` (before the update).
    point_wcss : ndarray (n,)
        Each point's squared distance to its new centroid (its cluster in ``members``).
    cluster_wcss : ndarray (k,)
        WCSS of each cluster around its new centroid.
    wcss : float
        Total WCSS after the update: :math:`\\sum_j \\sum_{x_i \\in C_j} \\lVert x_i - \\mu_j \\rVert^2`.
    """

    number: int
    centroids: np.ndarray
    squared_distances: np.ndarray
    labels: np.ndarray
    nearest: np.ndarray
    changed: np.ndarray
    members: np.ndarray
    counts: np.ndarray
    sums: np.ndarray
    new_centroids: np.ndarray
    relocated: np.ndarray
    wcss_assigned: float
    point_wcss: np.ndarray
    cluster_wcss: np.ndarray
    wcss: float

    @property
    def ties(self):
        """Indices of the points at equal smallest distance from two or more centroids."""
        return np.flatnonzero(self.nearest.sum(axis=1) > 1)


class KMeansTrace(Trace):
    """Lloyd's algorithm round by round; returned by :func:`kmeans_by_hand`.

    Attributes
    ----------
    points : ndarray (n, d)
    names : list of str
    init : ndarray (k, d)
    iterations : list of KMeansIteration
    converged : bool
        True when the last iteration's assignment equals the one before.
    """

    def __init__(self, points, names, init, iterations, converged):
        self.points, self.names, self.init = points, names, init
        self.iterations, self.converged = iterations, converged

    @property
    def labels(self):
        """The final assignment."""
        return self.iterations[-1].labels

    @property
    def centroids(self):
        """The final centroids (the means of the final clusters)."""
        return self.iterations[-1].new_centroids

    @property
    def wcss(self):
        """The final WCSS (scikit-learn's ``inertia_``)."""
        return self.iterations[-1].wcss

    def __repr__(self):
        state = "converged" if self.converged else "not converged"
        return f"<KMeansTrace: {len(self.iterations)} iteration(s), {state}, WCSS {fmt(self.wcss)}>"

    # -- working, one number at a time (used by the checkers) --------------------------------------

    def members(self, iteration, cluster):
        """Names of the points in ``cluster`` at the update of ``iteration`` (0 for the first)."""
        it = self.iterations[iteration]
        return [self.names[i] for i in np.flatnonzero(it.members == cluster)]

    def assignment_working(self, iteration, i):
        it = self.iterations[iteration]
        parts = [f"d²({self.names[i]}, μ{j}) = {squared_distance_working(self.points[i], c)} = "
                 f"{fmt(it.squared_distances[i, j])}" for j, c in enumerate(it.centroids)]
        nearest = np.flatnonzero(it.nearest[i])
        if len(nearest) > 1:
            choice = (f"tie between {', '.join(f'μ{j}' for j in nearest)}: the lowest-numbered, "
                      f"cluster {it.labels[i]}")
        else:
            choice = f"nearest is μ{it.labels[i]}, so cluster {it.labels[i]}"
        return "; ".join(parts) + f"; {choice}"

    def centroid_working(self, iteration, cluster, feature):
        it = self.iterations[iteration]
        d = self.points.shape[1]
        axis = axis_name(feature, d) if d > 1 else "μ"
        members = np.flatnonzero(it.members == cluster)
        if it.relocated[cluster]:
            taken = (f"it takes {self.names[members[0]]}, the point farthest from its centroid" if len(members)
                     else "every point sits on its centroid, so it takes the largest cluster's place")
            return (f"cluster {cluster} is empty after the assignment: {taken} (scikit-learn's rule), so "
                    f"{axis} = {fmt(it.new_centroids[cluster, feature])}")
        values = " + ".join(fmt(v) for v in self.points[members, feature])
        return (f"cluster {cluster} = {fmt_set(self.names[i] for i in members)}: {axis} = ({values}) / "
                f"{len(members)} = {fmt(it.sums[cluster, feature])} / {len(members)} = "
                f"{fmt(it.new_centroids[cluster, feature])}")

    def cluster_wcss_working(self, iteration, cluster):
        it = self.iterations[iteration]
        members = np.flatnonzero(it.members == cluster)
        terms = " + ".join(fmt(it.point_wcss[i]) for i in members) or "0"
        return (f"cluster {cluster}: squared distances of {fmt_set(self.names[i] for i in members)} to "
                f"μ{cluster} = {fmt_point(it.new_centroids[cluster])}: {terms} = {fmt(it.cluster_wcss[cluster])}")

    def wcss_working(self, iteration):
        it = self.iterations[iteration]
        per_cluster = "; ".join(self.cluster_wcss_working(iteration, j) for j in range(len(it.counts)))
        total = " + ".join(fmt(v) for v in it.cluster_wcss)
        return f"{per_cluster}; total {total} = {fmt(it.wcss)}"

    # -- rendering ----------------------------------------------------------------------------------

    def document(self):
        n, d = self.points.shape
        k = len(self.init)
        doc = Document().heading(f"k-means by hand: {n} points, {k} centroids", level=2)
        start = ", ".join(f"μ{j} = {fmt_point(c)}" for j, c in enumerate(self.init))
        doc.text(f"Start: {start}. Each iteration assigns every point to its nearest centroid (squared "
                 "Euclidean distance; a tie goes to the lowest-numbered centroid), then moves each centroid "
                 "to the mean of its points. The algorithm stops when no point changes cluster.")
        for index, it in enumerate(self.iterations):
            doc.extend(self._iteration_document(index, it))
        clusters = "; ".join(f"cluster {j} = {fmt_set(self.members(-1, j))}, μ{j} = "
                             f"{fmt_point(self.centroids[j])}" for j in range(k))
        if self.converged:
            ending = f"Converged after {len(self.iterations)} iteration(s)"
        else:
            ending = f"Stopped after {len(self.iterations)} iteration(s) (max_iter) before converging"
        doc.text(f"{ending}: {clusters}. Final WCSS = {fmt(self.wcss)}.")
        return doc

    def _iteration_document(self, index, it):
        k = len(it.centroids)
        doc = Document().heading(f"Iteration {it.number}")
        columns = ["point", "coordinates"] + [f"d² to μ{j} {fmt_point(c)}" for j, c in enumerate(it.centroids)]
        columns += ["cluster", "note"]
        rows = []
        for i, name in enumerate(self.names):
            notes = []
            nearest = np.flatnonzero(it.nearest[i])
            if len(nearest) > 1:
                tied = " = ".join(f"μ{j}" for j in nearest)
                notes.append(f"tie ({tied}): lowest, μ{it.labels[i]}")
            if it.changed[i]:
                notes.append(f"moved from cluster {self.iterations[index - 1].labels[i]}")
            rows.append([name, fmt_point(self.points[i])] + [fmt(v) for v in it.squared_distances[i]]
                        + [str(it.labels[i]), "; ".join(notes)])
        doc.table(Table(columns, rows, title="Assignment step"))

        rows = []
        for j in range(k):
            members = fmt_set(self.names[i] for i in np.flatnonzero(it.members == j))
            if it.relocated[j] and not it.counts[j]:
                rows.append([str(j), members, "0", "—",
                             f"{fmt_point(it.new_centroids[j])} (empty, and no point to take: the largest "
                             "cluster's place)"])
            elif it.relocated[j]:
                rows.append([str(j), members, "1", fmt_point(it.sums[j]), f"{fmt_point(it.new_centroids[j])} "
                             "(empty: takes the point farthest from its centroid)"])
            else:
                rows.append([str(j), members, str(it.counts[j]), fmt_point(it.sums[j]),
                             f"{fmt_point(it.sums[j])} / {it.counts[j]} = {fmt_point(it.new_centroids[j])}"])
        doc.table(Table(["cluster", "points", "count", "sum", "new centroid = sum / count"], rows,
                        title="Update step"))

        rows = []
        for j in range(k):
            members = np.flatnonzero(it.members == j)
            terms = " + ".join(fmt(it.point_wcss[i]) for i in members) or "0"
            rows.append([str(j), terms, fmt(it.cluster_wcss[j])])
        rows.append(["total", " + ".join(fmt(v) for v in it.cluster_wcss), fmt(it.wcss)])
        doc.table(Table(["cluster", "squared distances to the new centroid", "WCSS"], rows,
                        title="WCSS after the update",
                        notes=[f"(WCSS of this assignment measured to the old centroids: {fmt(it.wcss_assigned)}; "
                               "moving each centroid to its cluster's mean can only lower it.)"]))
        moved = [self.names[i] for i in np.flatnonzero(it.changed)]
        if index == 0:
            doc.text("First assignment.")
        elif moved:
            doc.text(f"Changed cluster: {', '.join(moved)}.")
        else:
            doc.text("No point changed cluster: the algorithm has converged.")
        return doc


def kmeans_by_hand(points, init, names=None, max_iter=10):
    r"""Run k-means from the centroids ``init``, keeping every number of every iteration.

    Parameters
    ----------
    points : array-like of shape (n_samples, n_features)
    init : array-like of shape (n_clusters, n_features)
        The starting centroids, one per row; ``n_clusters <= n_samples``.
    names : list of str, optional
        A name for each point (A, B, ...); default P0, P1, ...
    max_iter : int, default=10
        Most iterations to run.

    Returns
    -------
    KMeansTrace

    Notes
    -----
    Iteration :math:`t` assigns each point to its nearest centroid,
    :math:`\ell_i = \arg\min_j \lVert x_i - \mu_j \rVert^2`, a tie going to the lowest
    index as in :func:`course_lib.kmeans.assign_to_nearest_centroid`. The distances are
    computed from the coordinate differences, as on paper, and two that agree to
    ``TIE_RTOL`` count as a tie: hand data such as 0.1 and 0.3 are not exact in binary,
    so a tie a student finds exactly (0.34 and 0.34) may come out an ulp apart, and on
    paper it is still a tie. Then it moves each centroid to its cluster's mean
    (:func:`course_lib.kmeans.update_centroids`), and reports the WCSS
    (:func:`course_lib.kmeans.compute_inertia`). It stops after the first iteration
    whose assignment equals the previous one (that iteration's update leaves the
    centroids where they were), or after ``max_iter`` iterations.

    Example
    -------
    >>> trace = kmeans_by_hand([[1, 1], [1.5, 2], [3, 4], [5, 7]], [[1, 1], [5, 7]])
    >>> trace.labels, trace.wcss
    (array([0, 0, 0, 1]), 6.833333333333333)
    """
    X = _check_points(points)
    centroids = check_array(init, name="init")
    n, d = X.shape
    k = centroids.shape[0]
    if centroids.shape[1] != d:
        raise ValueError(f"init has {centroids.shape[1]} coordinate(s) per centroid but the points have {d}. "
                         "Give each starting centroid with the same number of coordinates as the points.")
    if k > n:
        raise ValueError(f"init has {k} centroids but there are only {n} points (k > n): each cluster needs "
                         "at least one point. Give at most as many centroids as points.")
    max_iter = check_scalar(max_iter, "max_iter", Integral, min_val=1, fix="Run at least one iteration.")
    names = check_names(names, n)

    start = centroids
    iterations, previous, converged = [], None, False
    for number in range(1, max_iter + 1):
        iteration = _kmeans_iteration(X, centroids, number, previous)
        iterations.append(iteration)
        if previous is not None and np.array_equal(iteration.labels, previous):
            converged = True
            break
        previous, centroids = iteration.labels, iteration.new_centroids
    return KMeansTrace(X, names, start, iterations, converged)


def _kmeans_iteration(X, centroids, number, previous_labels):
    n, k = X.shape[0], centroids.shape[0]
    squared = _kmeans.squared_distances_textbook(X, centroids)
    smallest = squared.min(axis=1, keepdims=True)
    nearest = np.isclose(squared, smallest, rtol=TIE_RTOL, atol=TIE_RTOL * max(1.0, float(smallest.max())))
    labels = np.argmax(nearest, axis=1).astype(np.intp)  # the first of the tied nearest: the lowest index
    new_centroids = _kmeans.update_centroids(X, labels, centroids)
    after = _labels_after_relocation(X, labels, squared, new_centroids)
    counts = np.bincount(after, minlength=k)
    sums = np.array([X[after == j].sum(axis=0) for j in range(k)])
    point_wcss = _kmeans.squared_distances_textbook(X, new_centroids)[np.arange(n), after]
    cluster_wcss = np.array([point_wcss[after == j].sum() for j in range(k)])
    changed = np.zeros(n, dtype=bool) if previous_labels is None else labels != previous_labels
    return KMeansIteration(
        number=number, centroids=centroids, squared_distances=squared, labels=labels, nearest=nearest,
        changed=changed, members=after, counts=counts, sums=sums, new_centroids=new_centroids,
        relocated=np.bincount(labels, minlength=k) == 0,
        wcss_assigned=_kmeans.compute_inertia(X, labels, centroids), point_wcss=point_wcss,
        cluster_wcss=cluster_wcss, wcss=_kmeans.compute_inertia(X, after, new_centroids))


def _labels_after_relocation(X, labels, squared, new_centroids):
    """Cluster of each point once the update has given each empty cluster a point.

    :func:`course_lib.kmeans.update_centroids` moves the point farthest from its own
    centroid into each empty cluster, which then sits exactly on that point; which point
    moved is read off the new centroid. Nothing moves when every point sits on its centroid.
    """
    after = labels.copy()
    empty = np.flatnonzero(np.bincount(labels, minlength=len(new_centroids)) == 0)
    if not len(empty) or squared[np.arange(len(X)), labels].max() == 0:
        return after
    for cluster in empty:
        candidates = np.flatnonzero((X == new_centroids[cluster]).all(axis=1) & (after == labels))
        if len(candidates):
            after[candidates[0]] = cluster
    return after


# --------------------------------------------------------------------------------------------------
# Silhouette of one point
# --------------------------------------------------------------------------------------------------

class SilhouetteTrace(Trace):
    """The silhouette of one point with every distance; returned by :func:`silhouette_by_hand`.

    Attributes
    ----------
    points : ndarray (n, d)
    labels : ndarray (n,)
        The labels as given.
    index : int
        The point whose silhouette is computed.
    names : list of str
    distances : ndarray (n,)
        Euclidean distance from the point to every point (0 to itself).
    clusters : ndarray
        The distinct labels, sorted.
    mean_distances : ndarray (n_clusters,)
        Mean distance to each cluster; for the point's own cluster, to its *other* members (that is a).
    a, b, s : float
    nearest_cluster : label of the cluster that gives b
    """

    def __init__(self, points, labels, index, names, distances, clusters, mean_distances, a, b, s,
                 nearest_cluster):
        self.points, self.labels, self.index, self.names = points, labels, index, names
        self.distances, self.clusters, self.mean_distances = distances, clusters, mean_distances
        self.a, self.b, self.s, self.nearest_cluster = a, b, s, nearest_cluster

    def __repr__(self):
        return f"<SilhouetteTrace of {self.names[self.index]}: a={fmt(self.a)}, b={fmt(self.b)}, s={fmt(self.s)}>"

    @property
    def own_cluster(self):
        return self.labels[self.index]

    def _mates(self, cluster):
        members = np.flatnonzero(self.labels == cluster)
        return members[members != self.index]

    def _mean_working(self, cluster):
        members = self._mates(cluster)
        if not len(members):
            return "no other point in the cluster"
        terms = " + ".join(fmt(self.distances[i]) for i in members)
        return f"({terms}) / {len(members)} = {fmt(self.mean_distances[self._position(cluster)])}"

    def _position(self, cluster):
        return int(np.flatnonzero(self.clusters == cluster)[0])

    def a_working(self):
        name = self.names[self.index]
        if not len(self._mates(self.own_cluster)):
            return f"{name} is alone in cluster {self.own_cluster}: a = 0 and s = 0 by convention"
        return (f"a({name}) = mean distance to the other points of cluster {self.own_cluster}: "
                f"{self._mean_working(self.own_cluster)}")

    def b_working(self):
        name = self.names[self.index]
        parts = [f"cluster {c}: {self._mean_working(c)}" for c in self.clusters if c != self.own_cluster]
        return (f"b({name}) = smallest mean distance to another cluster; " + "; ".join(parts)
                + f"; smallest: cluster {self.nearest_cluster}, b = {fmt(self.b)}")

    def s_working(self):
        name = self.names[self.index]
        if not len(self._mates(self.own_cluster)):
            return self.a_working()
        return (f"s({name}) = (b - a) / max(a, b) = ({fmt(self.b)} - {fmt(self.a)}) / "
                f"{fmt(max(self.a, self.b))} = {fmt(self.s)}")

    def document(self):
        name = self.names[self.index]
        doc = Document().heading(f"Silhouette of {name} = {fmt_point(self.points[self.index])} "
                                 f"(cluster {self.own_cluster})", level=2)
        rows = [[self.names[i], fmt_point(self.points[i]), str(self.labels[i]),
                 distance_working(self.points[self.index], self.points[i], self.distances[i])]
                for i in range(len(self.points)) if i != self.index]
        doc.table(Table(["point", "coordinates", "cluster", f"distance from {name}"], rows,
                        title=f"Distances from {name}"))
        doc.text(self.a_working())
        doc.text(self.b_working())
        doc.text(self.s_working())
        return doc


def silhouette_by_hand(points, labels, index, names=None):
    r"""The silhouette coefficient of point ``index``, with every distance in its sums.

    Parameters
    ----------
    points : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        The cluster of each point; at least two clusters.
    index : int
        Row of the point whose silhouette is wanted.
    names : list of str, optional

    Returns
    -------
    SilhouetteTrace

    Notes
    -----
    For point :math:`i` in cluster :math:`C_I`,

    .. math:: a(i) = \frac{1}{|C_I| - 1} \sum_{j \in C_I, j \ne i} d(i, j), \quad
              b(i) = \min_{J \ne I} \frac{1}{|C_J|} \sum_{j \in C_J} d(i, j), \quad
              s(i) = \frac{b(i) - a(i)}{\max(a(i), b(i))},

    with :math:`s(i) = 0` for a point alone in its cluster. Distances come from
    :func:`course_lib.distances.pairwise_distances_textbook`, :math:`s` from
    :func:`course_lib.metrics.silhouette_from_a_b`.

    Example
    -------
    >>> trace = silhouette_by_hand([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]], [0, 0, 0, 1, 1, 1], 0)
    >>> round(trace.s, 4)
    0.8678
    """
    from ..metrics import check_labels, silhouette_from_a_b

    X = _check_points(points, min_samples=2)
    n = X.shape[0]
    codes, n_clusters = check_labels(labels, n, reference="points")
    if n_clusters < 2:
        raise ValueError("labels must name at least two clusters: b(i) is the mean distance to the nearest "
                         "*other* cluster.")
    index = _check_index(index, n)
    names = check_names(names, n)
    given = np.asarray(labels)
    clusters = np.unique(given)
    distances = pairwise_distances_textbook(X[index:index + 1], X)[0]
    mean_distances = np.empty(len(clusters))
    for position, cluster in enumerate(clusters):
        members = np.flatnonzero(given == cluster)
        members = members[members != index]
        mean_distances[position] = distances[members].mean() if len(members) else 0.0
    own = int(codes[index])
    others = [p for p in range(len(clusters)) if p != own]
    nearest = others[int(np.argmin(mean_distances[others]))]
    a, b = float(mean_distances[own]), float(mean_distances[nearest])
    own_size = np.count_nonzero(codes == own)
    s = float(silhouette_from_a_b(np.array([a]), np.array([b]), np.array([own_size]))[0])
    return SilhouetteTrace(X, given, index, names, distances, clusters, mean_distances, a, b, s,
                           clusters[nearest])


def _check_index(index, n):
    if isinstance(index, (bool, np.bool_)) or not isinstance(index, (Integral, np.integer)):
        raise TypeError(f"index must be an integer row number, got {index!r}.")
    if not 0 <= index < n:
        raise ValueError(f"index must be between 0 and {n - 1} (a row of points), got {index}.")
    return int(index)


# --------------------------------------------------------------------------------------------------
# DBSCAN
# --------------------------------------------------------------------------------------------------

class _RecordingLabels:
    """A label array that remembers the order in which points receive a cluster.

    :func:`course_lib.dbscan.expand_cluster` reads and writes ``labels[point]``; handing
    it this object instead of an array lets the trace report the order of the
    library's own breadth-first expansion without re-implementing it.
    """

    def __init__(self, n):
        self.values = np.full(n, -1, dtype=np.intp)
        self.order = []

    def __getitem__(self, point):
        return self.values[point]

    def __setitem__(self, point, cluster):
        self.values[point] = cluster
        self.order.append(int(point))


class DBSCANTrace(Trace):
    """DBSCAN point by point; returned by :func:`dbscan_by_hand`.

    Attributes
    ----------
    points : ndarray (n, d)
    eps : float
    min_samples : int
    names : list of str
    distances : ndarray (n, n)
    neighbourhoods : list of ndarray
        Each point's eps-neighbourhood (indices, the point itself included).
    counts : ndarray (n,)
        :math:`|N_\\varepsilon(p)|`.
    is_core : ndarray of bool (n,)
    types : ndarray of str (n,)
        'core', 'border' or 'noise'.
    labels : ndarray (n,)
        Cluster numbers as scikit-learn gives them; -1 for noise.
    visit_order : ndarray (n,)
        The points in the order the algorithm first looks at them.
    reached_from : ndarray (n,)
        For a point a cluster's expansion reached, the core point whose neighbourhood
        brought it in; -1 for a cluster's first point and for noise.
    noise_when_visited : ndarray of bool (n,)
        Points that were not core and in no cluster yet when the loop came to them:
        marked noise then; a later cluster may still reach them as border points.
    """

    def __init__(self, points, eps, min_samples, names, distances, neighbourhoods, is_core, types, labels,
                 visit_order, reached_from, noise_when_visited):
        self.points, self.eps, self.min_samples, self.names = points, eps, min_samples, names
        self.distances, self.neighbourhoods = distances, neighbourhoods
        self.counts = np.array([len(members) for members in neighbourhoods])
        self.is_core, self.types, self.labels = is_core, types, labels
        self.visit_order, self.reached_from = visit_order, reached_from
        self.noise_when_visited = noise_when_visited

    def __repr__(self):
        n_clusters = len(set(self.labels.tolist()) - {-1})
        return f"<DBSCANTrace: eps={fmt(self.eps)}, min_samples={self.min_samples}, {n_clusters} cluster(s)>"

    def neighbourhood_names(self, i):
        return fmt_set(self.names[j] for j in self.neighbourhoods[i])

    def boundary_pairs(self):
        """Pairs (i, j), i < j, at distance eps on paper but a rounding error above it in floating point."""
        above = (self.distances > self.eps) & np.isclose(self.distances, self.eps, rtol=TIE_RTOL, atol=0)
        return [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(above)))]

    def type_working(self, i):
        count = self.counts[i]
        text = (f"N_eps({self.names[i]}) = {self.neighbourhood_names(i)}: {count} point(s) within "
                f"{fmt(self.eps)}, itself included; ")
        if self.is_core[i]:
            return text + f"{count} >= {self.min_samples}, so core"
        cores = [self.names[j] for j in self.neighbourhoods[i] if self.is_core[j]]
        text += f"{count} < {self.min_samples}, so not core; "
        if cores:
            return text + f"within eps of core point(s) {', '.join(cores)}, so border"
        return text + "no core point within eps, so noise"

    def label_working(self, i):
        if self.labels[i] == -1:
            return f"{self.names[i]} is noise: label -1"
        return self.how_reached(i)

    def how_reached(self, i):
        if self.labels[i] == -1:
            return "not core and no core point within eps: noise"
        if self.reached_from[i] == -1:
            return f"first core point of a new cluster: starts cluster {self.labels[i]}"
        via = self.names[self.reached_from[i]]
        role = "core point" if self.is_core[i] else "border point"
        joins = f"in the neighbourhood of core point {via}: joins cluster {self.labels[i]} as a {role}"
        if self.noise_when_visited[i]:
            return f"not core and in no cluster yet: noise for now; later, {joins}"
        return joins

    def document(self):
        n = len(self.points)
        doc = Document().heading(f"DBSCAN by hand: eps = {fmt(self.eps)}, min_samples = {self.min_samples}",
                                 level=2)
        doc.text(f"A point is core when at least {self.min_samples} points (itself included) lie within "
                 f"distance {fmt(self.eps)} of it; a non-core point within eps of a core point is a border "
                 "point; every other point is noise. Points are visited in index order; each unvisited core "
                 "point starts a new cluster, which grows through the neighbourhoods of its core points.")
        rows = [[self.names[i]] + [fmt(v) for v in self.distances[i]] for i in range(n)]
        notes = [f"(distances <= {fmt(self.eps)} are neighbours)"]
        for i, j in self.boundary_pairs():
            notes.append(f"({self.names[i]}-{self.names[j]}: {fmt(self.distances[i, j])} = eps on paper, so "
                         "neighbours here; in floating point it comes out a hair above eps, and "
                         "scikit-learn may leave the pair apart)")
        doc.table(Table(["distance"] + self.names, rows, title="Distances between the points", notes=notes))
        rows = []
        for step, i in enumerate(self.visit_order, start=1):
            rows.append([str(step), self.names[i], fmt_point(self.points[i]), self.neighbourhood_names(i),
                         str(self.counts[i]), str(self.types[i]), str(self.labels[i]), self.how_reached(i)])
        doc.table(Table(["step", "point", "coordinates", "eps-neighbourhood", "count", "type", "cluster",
                         "how"], rows, title="In visiting order"))
        n_clusters = len(set(self.labels.tolist()) - {-1})
        noise = [self.names[i] for i in np.flatnonzero(self.labels == -1)]
        doc.text(f"{n_clusters} cluster(s); noise: {', '.join(noise) if noise else 'none'}.")
        return doc


def dbscan_by_hand(points, eps, min_samples, names=None):
    r"""DBSCAN on a few points: each point's neighbourhood, count, type and cluster, in visiting order.

    Parameters
    ----------
    points : array-like of shape (n_samples, n_features)
    eps : float
        Neighbourhood radius (Euclidean): points at distance ``<= eps`` are neighbours.
    min_samples : int
        Points a neighbourhood needs (the point itself included) for its centre to be core.
    names : list of str, optional

    Returns
    -------
    DBSCANTrace

    Notes
    -----
    A distance that agrees with ``eps`` to ``TIE_RTOL`` counts as equal to it, so the
    pair are neighbours, as on paper: with 0.7 and 1.0 and ``eps=0.3`` the computer's
    1.0 - 0.7 is 0.30000000000000004, and scikit-learn's searches (and
    :class:`course_lib.dbscan.DBSCAN`) may then leave the pair apart. Such pairs are
    listed in the trace's notes.

    Neighbourhoods come from :func:`course_lib.dbscan.find_neighbourhoods`, core points
    from :func:`course_lib.dbscan.find_core_points`, labels and types from
    :class:`course_lib.dbscan.DBSCAN`. The visiting order is the one of
    :func:`course_lib.dbscan.expand_cluster` (breadth-first from each new core point),
    recorded while it runs.

    Example
    -------
    >>> trace = dbscan_by_hand([[0, 0], [1, 0], [0, 1], [5, 5], [1, 1], [10, 10]], eps=2, min_samples=3)
    >>> trace.types.tolist()
    ['core', 'core', 'core', 'noise', 'core', 'noise']
    """
    X = _check_points(points)
    eps = _dbscan._check_eps(eps)
    on_paper_eps = eps * (1 + TIE_RTOL)  # a distance equal to eps up to rounding is eps
    model = _dbscan.DBSCAN(on_paper_eps, min_samples=min_samples).fit(X)  # also validates min_samples
    n = X.shape[0]
    names = check_names(names, n)
    found = _dbscan.find_neighbourhoods(X, on_paper_eps, "euclidean")
    neighbourhoods = [None] * n
    for row, owner in enumerate(found.owners):
        neighbourhoods[owner] = np.sort(found.members[found.starts[row]:found.starts[row + 1]]).astype(np.intp)
    counts = np.array([len(members) for members in neighbourhoods])
    is_core = _dbscan.find_core_points(counts, int(min_samples))

    visit_order, reached_from, noise_when_visited = _dbscan_visiting_order(neighbourhoods, is_core)
    return DBSCANTrace(X, float(eps), int(min_samples), names, pairwise_distances_textbook(X), neighbourhoods,
                       is_core, model.point_types_, model.labels_, visit_order, reached_from, noise_when_visited)


def _dbscan_visiting_order(neighbourhoods, is_core):
    """Visit the points as the textbook loop does and note who brought each point into its cluster.

    Returns the visiting order, the core point that brought each point into its cluster
    (-1 for none), and which points the loop met as noise (not core, in no cluster yet).
    """
    n = len(neighbourhoods)
    labels = _RecordingLabels(n)
    order, seen = [], np.zeros(n, dtype=bool)
    reached_from = np.full(n, -1, dtype=np.intp)
    noise_when_visited = np.zeros(n, dtype=bool)
    cluster = 0
    for point in range(n):
        if not seen[point]:
            seen[point] = True
            order.append(point)
            noise_when_visited[point] = not is_core[point]
        if is_core[point] and labels[point] == -1:
            already = len(labels.order)
            _dbscan.expand_cluster(point, cluster, neighbourhoods, is_core, labels)
            joined = labels.order[already:]
            for position, member in enumerate(joined):
                if position:  # the first one is the seed, which starts the cluster
                    reached_from[member] = next(c for c in joined[:position]
                                                if is_core[c] and member in neighbourhoods[c])
                if not seen[member]:
                    seen[member] = True
                    order.append(member)
            cluster += 1
    return np.array(order, dtype=np.intp), reached_from, noise_when_visited


# --------------------------------------------------------------------------------------------------
# Agglomerative clustering
# --------------------------------------------------------------------------------------------------

@dataclass
class LinkageStep:
    """One merge of agglomerative clustering.

    Attributes
    ----------
    number : int
        1 for the first merge (row 0 of the linkage matrix).
    ids : list of int
        The clusters present before the merge, in SciPy's numbering (points 0..n-1,
        the cluster formed by merge k is n + k - 1).
    matrix : ndarray (m, m)
        Distances between those clusters (Ward: Ward heights).
    pair : tuple of int
        The two clusters merged (smaller number first).
    height : float
        The merge height (the linkage matrix's third column).
    ties : list of tuple
        Other pairs at the same smallest distance.
    new_id : int
    remaining : list of int
        The clusters not merged, in ``ids`` order.
    new_distances : ndarray
        Distance from each remaining cluster to the new one (Lance-Williams update).
    merge_cost : float or None
        Ward only: the increase of the within-cluster sum of squares, :math:`\\Delta J`.
    cost_matrix : ndarray or None
        Ward only: :math:`\\Delta J` for every pair of current clusters.
    wcss_after : float or None
        Ward only: WCSS of the partition after the merge.
    """

    number: int
    ids: list
    matrix: np.ndarray
    pair: tuple
    height: float
    ties: list
    new_id: int
    remaining: list
    new_distances: np.ndarray
    merge_cost: float = None
    cost_matrix: np.ndarray = None
    wcss_after: float = None


class LinkageTrace(Trace):
    """Agglomerative clustering merge by merge; returned by :func:`linkage_by_hand`.

    Attributes
    ----------
    points : ndarray (n, d)
    method : str
    names : list of str
    linkage_matrix : ndarray (n - 1, 4)
        SciPy's format, from :func:`course_lib.hierarchical.linkage`.
    steps : list of LinkageStep
    members : dict
        Cluster number -> indices of its points, for every cluster ever formed.
    """

    def __init__(self, points, method, names, linkage_matrix, steps, members):
        self.points, self.method, self.names = points, method, names
        self.linkage_matrix, self.steps, self.members = linkage_matrix, steps, members

    @property
    def merges(self):
        """The (cluster, cluster, height) rows, as :func:`check_linkage_merges` expects them."""
        return self.linkage_matrix[:, :3]

    def __repr__(self):
        return f"<LinkageTrace: {self.method} linkage, {len(self.points)} points>"

    def cluster_label(self, cluster):
        return f"{cluster} = {fmt_set(self.names[i] for i in self.members[cluster])}"

    def update_working(self, step, position):
        """How the distance from remaining cluster ``step.remaining[position]`` to the new cluster follows."""
        x, y = step.pair
        i = step.remaining[position]
        d_xi = step.matrix[step.ids.index(x), step.ids.index(i)]
        d_yi = step.matrix[step.ids.index(y), step.ids.index(i)]
        new = step.new_distances[position]
        nx, ny, ni = (len(self.members[c]) for c in (x, y, i))
        if self.method == "single":
            return f"min({fmt(d_xi)}, {fmt(d_yi)}) = {fmt(new)}"
        if self.method == "complete":
            return f"max({fmt(d_xi)}, {fmt(d_yi)}) = {fmt(new)}"
        if self.method == "average":
            return f"({nx}·{fmt(d_xi)} + {ny}·{fmt(d_yi)}) / {nx + ny} = {fmt(new)}"
        return (f"sqrt(({ni + nx}·{fmt(d_xi)}² + {ni + ny}·{fmt(d_yi)}² - {ni}·{fmt(step.height)}²) / "
                f"{ni + nx + ny}) = {fmt(new)}")

    def merge_working(self, step):
        """Why this pair merges at this height."""
        a, b = step.pair
        text = (f"merge {step.number}: the closest clusters are {self.cluster_label(a)} and "
                f"{self.cluster_label(b)}, at {fmt(step.height)}")
        if step.ties:
            others = ", ".join(f"({p}, {q})" for p, q in step.ties)
            text += f" (tied with {others}; SciPy merges ({a}, {b}) first)"
        if step.merge_cost is not None:
            text += "; " + self.cost_working(step)
        return text + f"; the new cluster is {step.new_id}"

    def cost_working(self, step):
        a, b = step.pair
        A, B = self.members[a], self.members[b]
        mean_a, mean_b = self.points[A].mean(axis=0), self.points[B].mean(axis=0)
        return (f"merge cost ΔJ = |A||B| / (|A| + |B|) · ||μA - μB||² = {len(A)}·{len(B)} / {len(A) + len(B)} · "
                f"{squared_distance_working(mean_a, mean_b)} = {fmt(step.merge_cost)}; height = sqrt(2ΔJ) = "
                f"{fmt(step.height)}")

    def document(self):
        n = len(self.points)
        doc = Document().heading(f"{self.method.capitalize()} linkage by hand: {n} points", level=2)
        rule = {
            "single": "the distance between two clusters is the smallest distance between their members",
            "complete": "the distance between two clusters is the largest distance between their members",
            "average": "the distance between two clusters is the mean distance between their members",
            "ward": ("two clusters are as far apart as merging them would raise the within-cluster sum of "
                     "squares: the merge cost ΔJ = |A||B|/(|A|+|B|)·||μA - μB||², drawn at height sqrt(2ΔJ)"),
        }[self.method]
        doc.text(f"Clusters are numbered as in SciPy: point i is cluster i, and merge k (counting from 1) "
                 f"forms cluster {n} + k - 1. With {self.method} linkage {rule}. Each step merges the closest "
                 "pair and works out the distances to the new cluster from the old ones (Lance-Williams).")
        for step in self.steps:
            a, b = step.pair
            doc.heading(f"Merge {step.number}: {a} and {b} at height {fmt(step.height)}")
            labels = [self.cluster_label(c) for c in step.ids]
            rows = [[label] + [fmt(v) if p != q else "0" for q, v in enumerate(row)]
                    for p, (label, row) in enumerate(zip(labels, step.matrix))]
            doc.table(Table(["cluster"] + [str(c) for c in step.ids], rows,
                            title="Distances between the current clusters"))
            if step.cost_matrix is not None:
                rows = [[label] + [fmt(v) if p != q else "0" for q, v in enumerate(row)]
                        for p, (label, row) in enumerate(zip(labels, step.cost_matrix))]
                doc.table(Table(["cluster"] + [str(c) for c in step.ids], rows,
                                title="Merge costs ΔJ (height = sqrt(2ΔJ))"))
            doc.text(self.merge_working(step) + ".")
            if step.wcss_after is not None:
                doc.text(f"Within-cluster sum of squares after the merge: {fmt(step.wcss_after)}.")
            if step.remaining:
                rows = [[self.cluster_label(i), self.update_working(step, p)]
                        for p, i in enumerate(step.remaining)]
                doc.table(Table(["cluster", f"distance to the new cluster {self.cluster_label(step.new_id)}"],
                                rows, title="Updated distances"))
        rows = [[str(k), str(int(r[0])), str(int(r[1])), fmt(r[2]), str(int(r[3]))]
                for k, r in enumerate(self.linkage_matrix)]
        doc.table(Table(["row", "cluster", "cluster", "height", "size"], rows,
                        title="The linkage matrix (SciPy's format)"))
        return doc


def linkage_by_hand(points, method="single", names=None):
    r"""Agglomerative clustering merge by merge: the matrix, the pair, the height, the update.

    Parameters
    ----------
    points : array-like of shape (n_samples, n_features)
        At least two points; Euclidean distances.
    method : {'single', 'complete', 'average', 'ward'}, default='single'
    names : list of str, optional

    Returns
    -------
    LinkageTrace

    Notes
    -----
    The merges, their order among ties and their heights are those of
    :func:`course_lib.hierarchical.linkage` (equal to SciPy's). Each step shows the
    current distance matrix, the pair merged and, for Ward, the merge cost
    :func:`course_lib.hierarchical.merge_cost`; the distances to the new cluster come
    from :func:`course_lib.hierarchical.lance_williams_update`.

    Example
    -------
    >>> trace = linkage_by_hand([[1], [2], [3], [10], [11], [12], [6]], "complete")
    >>> trace.merges[:, 2].tolist()
    [1.0, 1.0, 2.0, 2.0, 5.0, 11.0]
    """
    X = _check_points(points, min_samples=2)
    Z = _hierarchical.linkage(X, method)
    n = X.shape[0]
    names = check_names(names, n)
    members = {i: [i] for i in range(n)}
    ids = list(range(n))
    matrix = _hierarchical.distance_matrix(X)
    steps = []
    for k, (a, b, height, _) in enumerate(Z):
        a, b = int(a), int(b)
        pa, pb = ids.index(a), ids.index(b)
        remaining_positions = [p for p in range(len(ids)) if p not in (pa, pb)]
        remaining = [ids[p] for p in remaining_positions]
        sizes = np.array([len(members[c]) for c in remaining], dtype=float)
        new_distances = np.asarray(_hierarchical.lance_williams_update(
            matrix[pa, remaining_positions], matrix[pb, remaining_positions], matrix[pa, pb],
            len(members[a]), len(members[b]), sizes, method), dtype=float)
        step = LinkageStep(number=k + 1, ids=list(ids), matrix=matrix.copy(), pair=(a, b), height=float(height),
                           ties=_tied_pairs(matrix, ids, (a, b)), new_id=n + k, remaining=remaining,
                           new_distances=new_distances)
        if method == "ward":
            step.cost_matrix = _ward_cost_matrix(X, ids, members)
            step.merge_cost = _hierarchical.merge_cost(len(members[a]), len(members[b]),
                                                       X[members[a]].mean(axis=0), X[members[b]].mean(axis=0))
        members[n + k] = sorted(members[a] + members[b])
        ids = remaining + [n + k]
        matrix = _append_cluster(matrix[np.ix_(remaining_positions, remaining_positions)], new_distances)
        if method == "ward":
            step.wcss_after = _partition_wcss(X, [members[c] for c in ids])
        steps.append(step)
    return LinkageTrace(X, method, names, Z, steps, members)


def _tied_pairs(matrix, ids, merged):
    """Pairs other than ``merged`` at the matrix's smallest off-diagonal distance."""
    m = len(ids)
    upper = matrix[np.triu_indices(m, 1)]
    smallest = upper.min()
    close = np.isclose(matrix, smallest, rtol=TIE_RTOL, atol=TIE_RTOL * max(1.0, float(smallest)))
    return [(ids[p], ids[q]) for p in range(m) for q in range(p + 1, m)
            if close[p, q] and (ids[p], ids[q]) != merged]


def _append_cluster(matrix, new_distances):
    m = len(new_distances)
    grown = np.zeros((m + 1, m + 1))
    grown[:m, :m] = matrix
    grown[m, :m] = grown[:m, m] = new_distances
    return grown


def _ward_cost_matrix(X, ids, members):
    m = len(ids)
    costs = np.zeros((m, m))
    for p in range(m):
        for q in range(p + 1, m):
            A, B = members[ids[p]], members[ids[q]]
            costs[p, q] = costs[q, p] = _hierarchical.merge_cost(len(A), len(B), X[A].mean(axis=0),
                                                                  X[B].mean(axis=0))
    return costs


def _partition_wcss(X, clusters):
    labels = np.empty(len(X), dtype=np.intp)
    for j, members in enumerate(clusters):
        labels[members] = j
    means = np.array([X[members].mean(axis=0) for members in clusters])
    return _kmeans.compute_inertia(X, labels, means)


class LinkageComparison(Trace):
    """Several linkages on the same points, and the flat clusters each gives; returned by
    :func:`compare_linkages_by_hand`.

    Attributes
    ----------
    traces : dict
        Method -> :class:`LinkageTrace`.
    flat_clusters : dict
        ``(method, k)`` -> cluster number (from 1, SciPy's ``fcluster``) of each point.
    """

    def __init__(self, traces, flat_clusters):
        self.traces, self.flat_clusters = traces, flat_clusters

    def __repr__(self):
        return f"<LinkageComparison: {', '.join(self.traces)}>"

    def clusters(self, method, k):
        """The ``k`` flat clusters of ``method`` as lists of point names, in fcluster's numbering."""
        trace, labels = self.traces[method], self.flat_clusters[method, k]
        return [[trace.names[i] for i in np.flatnonzero(labels == c)] for c in np.unique(labels)]

    def document(self):
        doc = Document()
        for trace in self.traces.values():
            doc.extend(trace.document())
        rows = [[method, str(k), "  ".join(fmt_set(c) for c in self.clusters(method, k)),
                 ", ".join(fmt(h) for h in self.traces[method].linkage_matrix[:, 2])]
                for method, k in self.flat_clusters]
        doc.table(Table(["method", "clusters", "flat clusters (cutting the tree)", "merge heights"], rows,
                        title="Comparison"))
        return doc


def compare_linkages_by_hand(points, methods=("single", "complete"), names=None, n_clusters=(2, 3)):
    """Trace several linkages on the same points and cut each tree into ``n_clusters`` flat clusters.

    Parameters
    ----------
    points : array-like of shape (n_samples, n_features)
    methods : sequence of str, default=('single', 'complete')
    names : list of str, optional
    n_clusters : sequence of int, default=(2, 3)
        Numbers of flat clusters to show for each method (:func:`course_lib.hierarchical.fcluster`).

    Returns
    -------
    LinkageComparison
    """
    traces = {method: linkage_by_hand(points, method, names=names) for method in methods}
    flat = {(method, k): _hierarchical.fcluster(trace.linkage_matrix, k)
            for method, trace in traces.items() for k in n_clusters}
    return LinkageComparison(traces, flat)


# --------------------------------------------------------------------------------------------------
# One EM iteration for a one-dimensional Gaussian mixture
# --------------------------------------------------------------------------------------------------

@dataclass(repr=False)
class EMTrace(Trace):
    """One EM iteration in one dimension; returned by :func:`em_step_by_hand`.

    Attributes
    ----------
    points : ndarray (n,)
    names : list of str
    weights, means, variances : ndarray (k,)
        The parameters before the iteration.
    densities : ndarray (n, k)
        :math:`\\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)`.
    weighted : ndarray (n, k)
        :math:`\\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)`.
    mixture : ndarray (n,)
        :math:`p(x_i) = \\sum_j \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)`.
    responsibilities : ndarray (n, k)
        :math:`\\gamma_{ij}`.
    soft_counts : ndarray (k,)
        :math:`N_j = \\sum_i \\gamma_{ij}`.
    new_weights, new_means, new_variances : ndarray (k,)
    log_likelihood_before, log_likelihood_after : float
        :math:`\\ell = \\sum_i \\ln p(x_i)` under the old and the new parameters.
    """

    points: np.ndarray
    names: list
    weights: np.ndarray
    means: np.ndarray
    variances: np.ndarray
    densities: np.ndarray
    weighted: np.ndarray
    mixture: np.ndarray
    responsibilities: np.ndarray
    soft_counts: np.ndarray
    new_weights: np.ndarray
    new_means: np.ndarray
    new_variances: np.ndarray
    log_likelihood_before: float
    log_likelihood_after: float

    def __repr__(self):
        return (f"<EMTrace: {len(self.weights)} components, log-likelihood {fmt(self.log_likelihood_before)} -> "
                f"{fmt(self.log_likelihood_after)}>")

    def density_working(self, i, j):
        x, mu, var = self.points[i], self.means[j], self.variances[j]
        return (f"N({fmt(x)} | {fmt(mu)}, {fmt(var)}) = exp(-({fmt(x)} - {_signed(mu)})² / (2·{fmt(var)})) / "
                f"sqrt(2π·{fmt(var)}) = {fmt(self.densities[i, j], 6)}")

    def responsibility_working(self, i, j):
        k = len(self.weights)
        terms = " + ".join(fmt(self.weighted[i, c], 6) for c in range(k))
        return (f"γ({self.names[i]}, {j}) = π{j}·N{j} / Σ π·N = {fmt(self.weights[j])}·"
                f"{fmt(self.densities[i, j], 6)} / ({terms}) = {fmt(self.weighted[i, j], 6)} / "
                f"{fmt(self.mixture[i], 6)} = {fmt(self.responsibilities[i, j])}; "
                + self.density_working(i, j))

    def weight_working(self, j):
        gammas = " + ".join(fmt(g) for g in self.responsibilities[:, j])
        return (f"N{j} = Σ γ(·, {j}) = {gammas} = {fmt(self.soft_counts[j])}; new π{j} = N{j} / n = "
                f"{fmt(self.soft_counts[j])} / {len(self.points)} = {fmt(self.new_weights[j])}")

    def mean_working(self, j):
        terms = " + ".join(f"{fmt(g)}·{fmt(x)}" for g, x in zip(self.responsibilities[:, j], self.points))
        return (f"new μ{j} = Σ γ·x / N{j} = ({terms}) / {fmt(self.soft_counts[j])} = {fmt(self.new_means[j])}")

    def variance_working(self, j):
        terms = " + ".join(f"{fmt(g)}·({fmt(x)} - {_signed(self.new_means[j])})²"
                           for g, x in zip(self.responsibilities[:, j], self.points))
        return (f"new σ²{j} = Σ γ·(x - new μ{j})² / N{j} = ({terms}) / {fmt(self.soft_counts[j])} = "
                f"{fmt(self.new_variances[j])}")

    def document(self):
        k = len(self.weights)
        doc = Document().heading(f"One EM iteration by hand: {len(self.points)} points, {k} components", level=2)
        start = "; ".join(f"component {j}: π{j} = {fmt(self.weights[j])}, μ{j} = {fmt(self.means[j])}, "
                          f"σ²{j} = {fmt(self.variances[j])}" for j in range(k))
        doc.text(f"Start: {start}. Density N(x | μ, σ²) = exp(-(x - μ)² / (2σ²)) / sqrt(2πσ²).")
        columns = ["point", "x"] + [f"N(x | μ{j}, σ²{j})" for j in range(k)] + [f"π{j}·N{j}" for j in range(k)]
        columns += ["p(x) = Σ π·N", "ln p(x)"]
        rows = [[self.names[i], fmt(x)] + [fmt(v, 6) for v in self.densities[i]]
                + [fmt(v, 6) for v in self.weighted[i]] + [fmt(self.mixture[i], 6), fmt(np.log(self.mixture[i]))]
                for i, x in enumerate(self.points)]
        doc.table(Table(columns, rows, title="E-step: densities"))
        rows = [[self.names[i], fmt(x)] + [fmt(g) for g in self.responsibilities[i]]
                for i, x in enumerate(self.points)]
        doc.table(Table(["point", "x"] + [f"γ(·, {j}) = π{j}·N{j} / p(x)" for j in range(k)], rows,
                        title="E-step: responsibilities"))
        rows = [[str(j), fmt(self.soft_counts[j]), fmt(self.new_weights[j]), fmt(self.new_means[j]),
                 fmt(self.new_variances[j])] for j in range(k)]
        doc.table(Table(["component", "N = Σ γ", "new π = N / n", "new μ = Σ γx / N", "new σ² = Σ γ(x - μ)² / N"],
                        rows, title="M-step"))
        for j in range(k):
            doc.text(self.mean_working(j))
            doc.text(self.variance_working(j))
        doc.text(f"Log-likelihood ℓ = Σ ln p(x): {fmt(self.log_likelihood_before)} before the iteration, "
                 f"{fmt(self.log_likelihood_after)} after it (EM never lowers it).")
        return doc


def em_step_by_hand(points, weights, means, variances, names=None):
    r"""One EM iteration for a one-dimensional Gaussian mixture, every number shown.

    Parameters
    ----------
    points : array-like of shape (n_samples,) or (n_samples, 1)
    weights : array-like of shape (n_components,)
        Mixing weights :math:`\pi_j`: positive, summing to 1.
    means : array-like of shape (n_components,)
    variances : array-like of shape (n_components,)
        :math:`\sigma_j^2 > 0`.
    names : list of str, optional

    Returns
    -------
    EMTrace

    Notes
    -----
    E-step (:func:`course_lib.gmm.e_step`): :math:`\gamma_{ij} = \pi_j \mathcal{N}(x_i \mid \mu_j, \sigma_j^2)
    / \sum_l \pi_l \mathcal{N}(x_i \mid \mu_l, \sigma_l^2)`.
    M-step (:func:`course_lib.gmm.m_step`, no ``reg_covar``): :math:`N_j = \sum_i \gamma_{ij}`,
    :math:`\pi_j = N_j / n`, :math:`\mu_j = \sum_i \gamma_{ij} x_i / N_j`,
    :math:`\sigma_j^2 = \sum_i \gamma_{ij} (x_i - \mu_j)^2 / N_j` (with the new :math:`\mu_j`).
    The log-likelihood :math:`\ell = \sum_i \ln p(x_i)` is reported before and after.

    Example
    -------
    >>> trace = em_step_by_hand([0, 1, 2, 4, 5], [0.5, 0.5], [1, 4], [1, 1])
    >>> trace.log_likelihood_after > trace.log_likelihood_before
    True
    """
    x = _check_one_dimensional(points)
    weights = check_array(weights, name="weights", ensure_2d=False)
    means = check_array(means, name="means", ensure_2d=False)
    variances = check_array(variances, name="variances", ensure_2d=False)
    k = len(weights)
    if len(means) != k or len(variances) != k:
        raise ValueError(f"weights, means and variances must have one entry per component, got {len(weights)}, "
                         f"{len(means)} and {len(variances)}.")
    if np.any(weights <= 0) or not np.isclose(weights.sum(), 1.0, rtol=0, atol=1e-6):
        raise ValueError(f"weights must be positive and sum to 1, got {weights.tolist()} (sum "
                         f"{fmt(weights.sum(), 6)}).")
    if np.any(variances <= 0):
        raise ValueError(f"variances must be positive, got {variances.tolist()}.")
    names = check_names(names, len(x))
    X = x.reshape(-1, 1)
    precisions_cholesky = _gmm.compute_precision_cholesky(variances, "spherical")
    with np.errstate(all="ignore"):  # a density that underflows is reported below, in words
        densities = np.exp(_gmm.estimate_log_gaussian_prob(X, means.reshape(-1, 1), precisions_cholesky,
                                                           "spherical"))
        log_p_before, responsibilities = _gmm.e_step(X, weights, means.reshape(-1, 1), precisions_cholesky,
                                                     "spherical")
    if not np.all(np.isfinite(log_p_before)):
        far = names[int(np.flatnonzero(~np.isfinite(log_p_before))[0])]
        raise ValueError(f"point {far} has density 0 under every component (it is too many standard deviations "
                         "from every mean), so its responsibilities are 0/0. Give the components larger "
                         "variances or means nearer the points.")
    try:
        new_weights, new_means, new_variances, new_cholesky = _gmm.m_step(X, responsibilities, 0.0, "spherical")
    except ValueError as collapse:
        raise ValueError("after this E-step a component has variance 0 (it holds one point, or copies of one "
                         "point, alone), and a Gaussian with variance 0 has no density: EM breaks down here. "
                         "Start from variances or means that let each component share points.") from collapse
    log_p_after, _ = _gmm.e_step(X, new_weights, new_means, new_cholesky, "spherical")
    return EMTrace(points=x, names=names, weights=weights, means=means, variances=variances, densities=densities,
                   weighted=densities * weights, mixture=np.exp(log_p_before), responsibilities=responsibilities,
                   soft_counts=responsibilities.sum(axis=0), new_weights=new_weights, new_means=new_means[:, 0],
                   new_variances=new_variances, log_likelihood_before=float(log_p_before.sum()),
                   log_likelihood_after=float(log_p_after.sum()))


def _check_one_dimensional(points):
    values = np.asarray(points) if not isinstance(points, (str, bytes)) else points
    if np.ndim(values) == 2 and np.shape(values)[1] == 1:
        values = np.asarray(values)[:, 0]
    return check_array(values, name="points", ensure_2d=False, min_samples=1)


# --------------------------------------------------------------------------------------------------
# Scaling
# --------------------------------------------------------------------------------------------------

class ScalingTrace(Trace):
    """Min-max or standard scaling column by column; returned by :func:`minmax_by_hand` and
    :func:`standardize_by_hand`.

    Attributes
    ----------
    table : ndarray (n, d)
    method : {'minmax', 'standard'}
    row_names, column_names : list of str
    statistics : dict of ndarray (d,)
        minmax: ``min``, ``max``, ``range``; standard: ``mean``, ``variance``, ``std``.
    scaled : ndarray (n, d)
    """

    def __init__(self, table, method, row_names, column_names, statistics, scaled):
        self.table, self.method = table, method
        self.row_names, self.column_names = row_names, column_names
        self.statistics, self.scaled = statistics, scaled

    def __repr__(self):
        return f"<ScalingTrace: {self.method} scaling of a {self.table.shape[0]} x {self.table.shape[1]} table>"

    def value_working(self, i, j):
        x = self.table[i, j]
        if self.method == "minmax":
            low, width = self.statistics["min"][j], self.statistics["range"][j]
            if width == 0:
                return f"{self.column_names[j]} is constant: every value becomes 0"
            return (f"({fmt(x)} - {_signed(low)}) / ({fmt(self.statistics['max'][j])} - {_signed(low)}) = "
                    f"{fmt(x - low)} / {fmt(width)} = {fmt(self.scaled[i, j])}")
        mean, std = self.statistics["mean"][j], self.statistics["std"][j]
        if std == 0:
            return f"{self.column_names[j]} is constant: every value becomes 0"
        return (f"({fmt(x)} - {_signed(mean)}) / {fmt(std)} = {fmt(x - mean)} / {fmt(std)} = "
                f"{fmt(self.scaled[i, j])}")

    def document(self):
        title = "Min-max scaling" if self.method == "minmax" else "Standard scaling (z-scores)"
        doc = Document().heading(f"{title} by hand", level=2)
        if self.method == "minmax":
            doc.text("Each value becomes (x - min) / (max - min) of its column: the smallest value goes to 0, "
                     "the largest to 1.")
            rows = [[name, fmt(self.statistics["min"][j]), fmt(self.statistics["max"][j]),
                     fmt(self.statistics["range"][j])] for j, name in enumerate(self.column_names)]
            doc.table(Table(["column", "min", "max", "range"], rows, title="Column statistics"))
        else:
            doc.text("Each value becomes (x - mean) / std of its column, with the population standard deviation "
                     "(dividing by n, as scikit-learn does): every column gets mean 0 and standard deviation 1.")
            rows = [[name, fmt(self.statistics["mean"][j]), fmt(self.statistics["variance"][j]),
                     fmt(self.statistics["std"][j])] for j, name in enumerate(self.column_names)]
            doc.table(Table(["column", "mean", "variance", "std"], rows, title="Column statistics"))
        rows = [[self.row_names[i]] + [fmt(v) for v in self.table[i]] + [fmt(v) for v in self.scaled[i]]
                for i in range(len(self.table))]
        doc.table(Table(["row"] + self.column_names + [f"{c} scaled" for c in self.column_names], rows,
                        title="Scaled table"))
        rows = [[self.row_names[i]] + [self.value_working(i, j) for j in range(len(self.column_names))]
                for i in range(len(self.table))]
        doc.table(Table(["row"] + self.column_names, rows, title="Working"))
        return doc


def _scaling_input(table, row_names, column_names):
    if row_names is None and hasattr(table, "index") and hasattr(table, "columns"):
        row_names = [str(r) for r in table.index]
    if column_names is None and hasattr(table, "columns"):
        column_names = [str(c) for c in table.columns]
    X = check_array(table, name="table")
    n, d = X.shape
    row_names = check_names(row_names, n, "table rows", "row_names") if row_names is not None else [f"row {i}" for i in range(n)]
    if column_names is None:
        column_names = [f"column {j}" for j in range(d)]
    column_names = check_names(column_names, d, "table columns", "column_names")
    return X, row_names, column_names


def minmax_by_hand(table, row_names=None, column_names=None):
    r"""Min-max scaling of every column onto [0, 1], with the working for every value.

    Parameters
    ----------
    table : array-like or pandas DataFrame of shape (n_rows, n_columns)
        A DataFrame's index and columns name the rows and columns.
    row_names, column_names : list of str, optional

    Returns
    -------
    ScalingTrace

    Notes
    -----
    :math:`x' = (x - \min) / (\max - \min)` per column, by
    :class:`course_lib.preprocessing.MinMaxScaler` (a constant column becomes 0).

    Example
    -------
    >>> minmax_by_hand([[44], [27], [48]]).scaled.ravel().round(4)
    array([0.8095, 0.    , 1.    ])
    """
    X, row_names, column_names = _scaling_input(table, row_names, column_names)
    scaler = MinMaxScaler().fit(X)
    statistics = {"min": scaler.data_min_, "max": scaler.data_max_, "range": scaler.data_range_}
    return ScalingTrace(X, "minmax", row_names, column_names, statistics, scaler.transform(X))


def standardize_by_hand(table, row_names=None, column_names=None):
    r"""Standard scaling (z-scores) of every column, with the working for every value.

    Parameters
    ----------
    table : array-like or pandas DataFrame of shape (n_rows, n_columns)
    row_names, column_names : list of str, optional

    Returns
    -------
    ScalingTrace

    Notes
    -----
    :math:`z = (x - \bar x) / \sigma` per column with the population standard deviation
    :math:`\sigma = \sqrt{\frac1n \sum (x - \bar x)^2}`, by
    :class:`course_lib.preprocessing.StandardScaler` (a constant column becomes 0).

    Example
    -------
    >>> standardize_by_hand([[1], [3]]).scaled.ravel()
    array([-1.,  1.])
    """
    X, row_names, column_names = _scaling_input(table, row_names, column_names)
    scaler = StandardScaler().fit(X)
    statistics = {"mean": scaler.mean_, "variance": scaler.var_, "std": np.sqrt(scaler.var_)}
    return ScalingTrace(X, "standard", row_names, column_names, statistics, scaler.transform(X))
