r"""DBSCAN: clusters are dense regions, separated by sparse ones, and lonely points are noise.

Two numbers describe "dense": a radius ``eps`` and a count ``min_samples``.

1. **Neighbourhoods.** The eps-neighbourhood of a point is every point within
   distance ``eps`` of it, the point itself included:
   :math:`N_\varepsilon(p) = \{q : d(p, q) \le \varepsilon\}`.
2. **Core points.** A point is *core* when its neighbourhood holds at least
   ``min_samples`` points: :math:`|N_\varepsilon(p)| \ge \text{min\_samples}`.
3. **Clusters.** Two core points within ``eps`` of each other belong to the same
   cluster; following such links from core point to core point ("expanding" the
   cluster) reaches the whole cluster.
4. **Border and noise.** A point that is not core but lies within ``eps`` of a
   core point is a *border* point and joins that core point's cluster. Every other
   point is *noise* (label ``-1``).

The numbering follows scikit-learn exactly. Points are visited in index order and a
new cluster is expanded from each core point that no cluster has reached yet, so
cluster 0 is the one holding core point with the smallest index, cluster 1 the one
holding the smallest core point not in cluster 0, and so on. A border point within
``eps`` of core points of several clusters is reached first by the cluster expanded
first, so it takes the smallest of those cluster numbers.

``dbscan_textbook`` is the algorithm exactly as the lesson tells it (a full distance
matrix and a breadth-first ``expand_cluster``). ``DBSCAN`` computes the same labels
without an n-by-n matrix: its neighbour search compares each point only with the
points in the neighbouring cells of an eps-sized grid (few features) or works a block
of rows at a time (many features, cosine), and it finds the clusters as the connected
groups of core points with whole-array NumPy steps instead of a Python loop per point.
The tests prove the two equal each other and scikit-learn.
"""

from collections import deque
from itertools import product
from numbers import Integral, Real
from typing import NamedTuple

import numpy as np

from ._blocks import DEFAULT_BLOCK_BYTES
from ._validation import check_array, check_n_features, check_option, check_scalar
from .base import BaseEstimator, ClusterMixin
from .distances import pairwise_distance_blocks, pairwise_distances_textbook

METRICS = ("euclidean", "manhattan", "cosine")

# The grid compares each point with 3**d cells; beyond three features that is more
# work than it saves, and row blocks take over.
GRID_MAX_FEATURES = 3

# How many (point, neighbour) pairs are handled at once: 2 MB per temporary float
# array, whatever n is. Smaller blocks would add Python overhead, larger ones memory.
PAIRS_PER_BLOCK = 2 ** 18

# Cells are made this much wider than eps so that rounding in (x - min) / side can
# never put two points at distance <= eps two cells apart: the rounding error of
# (x - min) / side is about 1e-16 times the cell number, and grids have fewer than
# 1e8 cells per feature (see _grid_fits).
CELL_WIDENING = 1e-6


# ----------------------------------------------------------------------------------------
# Parameter checks
# ----------------------------------------------------------------------------------------

def _check_eps(eps):
    return float(check_scalar(eps, "eps", Real, min_val=0, include_min=False,
                              fix="eps is the neighbourhood radius, a positive distance; "
                                  "k_distance(X, min_samples) helps choose it."))


def _check_min_samples(min_samples):
    return int(check_scalar(min_samples, "min_samples", Integral, min_val=1,
                            fix="min_samples counts the point itself, so 1 is the smallest "
                                "(every point is then core); 2 x n_features is a common start."))


def _check_metric(metric):
    return check_option(metric, "metric", METRICS)


# ----------------------------------------------------------------------------------------
# The textbook algorithm: full distance matrix, breadth-first expansion
# ----------------------------------------------------------------------------------------

def neighbourhoods_textbook(X, eps, metric="euclidean"):
    r"""Every point's eps-neighbourhood read off the full distance matrix.

    :math:`N_\varepsilon(p) = \{q : d(p, q) \le \varepsilon\}`, the point itself included.
    Builds the n-by-n matrix, so it is for small data and for the tests.
    """
    distances = pairwise_distances_textbook(X, metric=metric)
    return [np.flatnonzero(row <= eps) for row in distances]


def expand_cluster(seed, cluster, neighbourhoods, is_core, labels):
    """Give ``cluster`` to every point reachable from core point ``seed``.

    Breadth-first: a queue holds the points to visit. Each unlabelled point taken
    from the queue joins the cluster; only core points pass their neighbours on, so
    border points join but the cluster does not grow through them.
    """
    queue = deque([seed])
    while queue:
        point = queue.popleft()
        if labels[point] != -1:
            continue
        labels[point] = cluster
        if is_core[point]:
            queue.extend(q for q in neighbourhoods[point] if labels[q] == -1)


def dbscan_textbook(X, eps=0.5, min_samples=5, metric="euclidean"):
    """DBSCAN exactly as the lesson tells it; returns ``(labels, is_core)``.

    Visit the points in index order; from each core point that has no cluster yet,
    expand a new cluster. O(n^2) memory: for small data and for the tests that prove
    ``DBSCAN`` (which never builds the matrix) gives the same labels.
    """
    X = check_array(X)
    eps, min_samples, metric = _check_eps(eps), _check_min_samples(min_samples), _check_metric(metric)
    neighbourhoods = neighbourhoods_textbook(X, eps, metric)
    is_core = find_core_points(np.array([len(members) for members in neighbourhoods]), min_samples)
    labels = np.full(len(X), -1, dtype=np.intp)
    cluster = 0
    for point in range(len(X)):
        if is_core[point] and labels[point] == -1:
            expand_cluster(point, cluster, neighbourhoods, is_core, labels)
            cluster += 1
    return labels, is_core


# ----------------------------------------------------------------------------------------
# Step 1: neighbourhoods, without an n-by-n matrix
# ----------------------------------------------------------------------------------------

class Neighbourhoods(NamedTuple):
    """Every point's eps-neighbourhood, stored flat in one array.

    Row ``r`` belongs to point ``owners[r]``; its neighbours are
    ``members[starts[r]:starts[r + 1]]``. Each row holds at least the point itself,
    so no row is empty. Rows may come in any order (the grid search lists them cell
    by cell); every later step works row by row and does not mind. ``members`` is
    int32 whenever the indices fit: the pairs are the bulk of DBSCAN's memory.
    """

    owners: np.ndarray
    starts: np.ndarray
    members: np.ndarray

    @property
    def sizes(self):
        """Number of points in each row's neighbourhood, :math:`|N_\\varepsilon(p)|`."""
        return np.diff(self.starts)

    def row_minimum(self, values):
        """For each row, the smallest of ``values`` over the row's neighbours.

        Works on about ``PAIRS_PER_BLOCK`` pairs at a time, so the gathered values
        never take as much memory as ``members`` itself.
        """
        result = np.empty(len(self.owners), dtype=values.dtype)
        for rows in _balanced_blocks(self.sizes, PAIRS_PER_BLOCK):
            first, last = self.starts[rows.start], self.starts[rows.stop]
            result[rows] = np.minimum.reduceat(values[self.members[first:last]],
                                               self.starts[rows] - first)
        return result


def _balanced_blocks(counts, budget):
    """Slices of consecutive items whose ``counts`` add up to about ``budget`` (at least one item each)."""
    cumulative = np.cumsum(counts)
    start = 0
    while start < len(counts):
        before = cumulative[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(cumulative, before + budget, side="right")))
        yield slice(start, stop)
        start = stop


def _index_type(n_points):
    """The smallest integer type that numbers ``n_points`` points (half the memory of int64)."""
    return np.int32 if n_points < 2 ** 31 else np.intp


def find_neighbourhoods(X, eps, metric="euclidean"):
    """Step 1: the eps-neighbourhood of every point of ``X`` (validated float array).

    With Euclidean or Manhattan distance and at most three features, the points are
    dropped into a grid of cells about ``eps`` wide: two points within ``eps`` of each
    other sit in the same or in adjacent cells, so each point is compared only with
    the points of its own and the adjacent cells (``grid_neighbourhoods``). Otherwise
    the distances are computed a block of rows at a time (``block_neighbourhoods``).
    Either way memory grows with the number of neighbour pairs, not with n^2.
    """
    if metric != "cosine" and X.shape[1] <= GRID_MAX_FEATURES and _grid_fits(X, eps):
        return grid_neighbourhoods(X, eps, metric)
    return block_neighbourhoods(X, eps, metric)


def within_eps(X, points, candidates, eps, metric):
    r"""Which pairs ``(points[i], candidates[i])`` are at distance <= ``eps``.

    Computed from the coordinate differences, one feature at a time, and for the
    Euclidean distance compared in squares, :math:`\sum_j (x_j - y_j)^2 \le
    \varepsilon^2`, which is the test scikit-learn's KD-tree makes. Exact differences
    (rather than the matrix-product shortcut) keep the boundary exact: on a grid of
    integers a pair at distance exactly ``eps`` is always a neighbour.
    """
    total = np.zeros(len(points))
    for column in X.T:
        difference = column[points] - column[candidates]
        total += difference * difference if metric == "euclidean" else np.abs(difference)
    return total <= (eps * eps if metric == "euclidean" else eps)


def _grid_fits(X, eps):
    """Whether a grid of eps-wide cells over ``X`` can be numbered with int64 keys."""
    cells_per_feature = np.floor(np.ptp(X, axis=0) / eps) + 3  # + a padding cell each side
    return bool(np.all(cells_per_feature < 1e8) and np.prod(cells_per_feature) < 2.0 ** 62)


def assign_to_cells(X, eps):
    r"""Number the grid cell of every point.

    Cell coordinates are :math:`\lfloor (x_j - \min_j) / \text{side} \rfloor + 1`
    (the + 1 leaves an empty padding cell below, so a neighbouring cell's number never
    wraps); the cell number reads the coordinates as digits with ``extents`` as bases.
    Returns each point's cell number and the key offsets of the 3**d adjacent cells.
    """
    side = eps * (1.0 + CELL_WIDENING)
    coordinates = np.floor((X - X.min(axis=0)) / side).astype(np.int64) + 1
    extents = coordinates.max(axis=0) + 2
    strides = np.cumprod(np.concatenate(([1], extents[:-1])))
    steps = np.array(list(product((-1, 0, 1), repeat=X.shape[1])), dtype=np.int64)
    return coordinates @ strides, steps @ strides


def grid_neighbourhoods(X, eps, metric):
    """Neighbourhoods by comparing each point with the points in adjacent grid cells.

    The points are sorted by cell so that every cell's points form one run
    ``[cell_start, cell_start + cell_size)``. For each point, its candidates are the
    runs of the 3**d cells around its own; the candidate pairs are generated and
    tested with whole-array operations, a block of points at a time so that about
    ``PAIRS_PER_BLOCK`` pairs are held at once.
    """
    index_type = _index_type(X.shape[0])
    cell_of_point, step_keys = assign_to_cells(X, eps)
    order = np.argsort(cell_of_point, kind="stable")
    sorted_X = np.asfortranarray(X[order])  # each feature contiguous: within_eps reads column by column
    cell_keys, cell_start, cell_size = np.unique(cell_of_point[order], return_index=True,
                                                 return_counts=True)

    # For every cell and every step to an adjacent cell: where that cell's run starts
    # and how long it is (0 when the adjacent cell is empty).
    adjacent_keys = cell_keys[:, None] + step_keys[None, :]
    position = np.minimum(np.searchsorted(cell_keys, adjacent_keys), len(cell_keys) - 1)
    occupied = cell_keys[position] == adjacent_keys
    run_start = cell_start[position]
    run_size = np.where(occupied, cell_size[position], 0)

    # The same, per point (in sorted order).
    cell_index = np.repeat(np.arange(len(cell_keys)), cell_size)
    point_run_start, point_run_size = run_start[cell_index], run_size[cell_index]
    candidates_per_point = point_run_size.sum(axis=1)

    members, sizes = [], []
    for block in _balanced_blocks(candidates_per_point, PAIRS_PER_BLOCK):
        points, candidates = _candidate_pairs(block, point_run_start[block], point_run_size[block],
                                              candidates_per_point[block])
        hit = within_eps(sorted_X, points, candidates, eps, metric)
        members.append(order[candidates[hit]].astype(index_type))
        sizes.append(np.bincount(points[hit] - block.start, minlength=block.stop - block.start))
    starts = np.concatenate(([0], np.cumsum(np.concatenate(sizes))))
    return Neighbourhoods(owners=order, starts=starts, members=np.concatenate(members))


def _candidate_pairs(block, run_start, run_size, candidates_per_point):
    """All (point, candidate) pairs of a block: each point against every point of each adjacent run.

    A run ``[s, s + k)`` contributes the candidates ``s, s + 1, ..., s + k - 1``; for all
    runs at once that is ``repeat(s - first, k) + arange(total)``, where ``first`` is the
    position at which the run's candidates begin in the flat list.
    """
    run_start, run_size = run_start.ravel(), run_size.ravel()
    first = np.cumsum(run_size) - run_size
    candidates = np.repeat(run_start - first, run_size) + np.arange(run_size.sum())
    points = np.repeat(np.arange(block.start, block.stop), candidates_per_point)
    return points, candidates


def block_neighbourhoods(X, eps, metric):
    """Neighbourhoods from the distance matrix computed a block of rows at a time.

    For the cosine distance each block's distances decide directly. For Euclidean
    and Manhattan distances the fast block distances (the matrix-product form for
    Euclidean) only shortlist the pairs, with a margin wider than their rounding
    error, and ``within_eps`` decides from exact differences.
    """
    if metric == "cosine":
        source, threshold = X, eps
    else:
        source = X - X.mean(axis=0)  # smaller norms, smaller matrix-product rounding error
        largest_square = float(np.max(np.einsum("ij,ij->i", source, source)))
        threshold = np.sqrt(eps * eps + 1e-13 * X.shape[1] * largest_square) * (1 + 1e-9)
    owners, members, sizes = [], [], []
    for rows, distances in pairwise_distance_blocks(source, metric=metric):
        points, candidates = np.nonzero(distances <= threshold)
        points += rows.start
        if metric != "cosine":
            hit = within_eps(X, points, candidates, eps, metric)
            points, candidates = points[hit], candidates[hit]
        owners.append(np.arange(rows.start, rows.stop))
        members.append(candidates.astype(_index_type(X.shape[0])))
        sizes.append(np.bincount(points - rows.start, minlength=rows.stop - rows.start))
    starts = np.concatenate(([0], np.cumsum(np.concatenate(sizes))))
    return Neighbourhoods(owners=np.concatenate(owners), starts=starts, members=np.concatenate(members))


# ----------------------------------------------------------------------------------------
# Steps 2-4: core points, clusters, border points
# ----------------------------------------------------------------------------------------

def find_core_points(neighbourhood_sizes, min_samples):
    r"""Step 2: a point is core when :math:`|N_\varepsilon(p)| \ge \text{min\_samples}` (itself included)."""
    return np.asarray(neighbourhood_sizes) >= min_samples


def connect_core_points(neighbourhoods, is_core):
    """Step 3: name each core point's cluster after the smallest core point index in it.

    Two core points are in one cluster when a chain of core points, each within
    ``eps`` of the next, joins them: the clusters are the connected components of
    the graph that links core points lying in each other's neighbourhood. This finds
    what ``expand_cluster`` finds, for all clusters at once instead of point by point.
    Each component is named after its smallest point index, found by repeated rounds of

    * *hooking*: every point looks at the names its linked points currently carry,
      and the group it belongs to takes the smallest of them;
    * *shortcutting*: every point replaces its name by its name's name until names
      stop changing, so whole groups merge at once.

    Names only ever decrease and always name a core point of the same component, so
    when no point sees a smaller name any more, each component carries the index of
    its first core point. Points that are not core keep their own index.
    """
    n_points = len(is_core)
    name = np.arange(n_points)
    core_rows = is_core[neighbourhoods.owners]
    core_points = neighbourhoods.owners[core_rows]
    while True:
        # n_points stands for "not a core point": it never wins a minimum.
        smallest_linked = neighbourhoods.row_minimum(np.where(is_core, name, n_points))[core_rows]
        if not np.any(smallest_linked < name[core_points]):
            return name
        np.minimum.at(name, name[core_points], smallest_linked)
        name[core_points] = np.minimum(name[core_points], smallest_linked)
        while True:
            shortcut = name[name]
            if np.array_equal(shortcut, name):
                break
            name = shortcut


def number_clusters(component, is_core):
    """Label core points 0, 1, 2, ... in order of each cluster's first core point; others -1.

    ``component`` names each core point's cluster by its smallest core index, so
    ranking those names gives scikit-learn's numbering.
    """
    labels = np.full(len(component), -1, dtype=np.intp)
    _, cluster = np.unique(component[is_core], return_inverse=True)
    labels[is_core] = cluster
    return labels


def attach_border_points(neighbourhoods, is_core, labels):
    """Step 4: a non-core point within ``eps`` of a core point joins its cluster (the smallest
    cluster number if several reach it); the rest stay noise (-1)."""
    n_points = len(labels)
    cluster_if_core = np.where(is_core, labels, n_points)  # n_points stands for "no cluster"
    smallest_cluster = neighbourhoods.row_minimum(cluster_if_core)
    owners = neighbourhoods.owners
    border = ~is_core[owners] & (smallest_cluster < n_points)
    labels = labels.copy()
    labels[owners[border]] = smallest_cluster[border]
    return labels


def point_types(is_core, labels):
    """'core', 'border' or 'noise' for each point, for tables and plots."""
    return np.where(is_core, "core", np.where(labels == -1, "noise", "border"))


# ----------------------------------------------------------------------------------------
# The estimator
# ----------------------------------------------------------------------------------------

class DBSCAN(ClusterMixin, BaseEstimator):
    r"""Density-based clustering: Density-Based Spatial Clustering of Applications with Noise.

    Parameters
    ----------
    eps : float, default=0.5
        Neighbourhood radius: points at distance ``<= eps`` are neighbours.
    min_samples : int, default=5
        Points (the point itself included) a neighbourhood needs for its centre to be
        a core point.
    metric : {'euclidean', 'manhattan', 'cosine'}, default='euclidean'
        How distance is measured (see ``course_lib.distances``).

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,)
        Cluster of each point, numbered from 0 in order of each cluster's first core
        point; ``-1`` for noise.
    core_sample_indices_ : ndarray of shape (n_core_samples,)
        Indices of the core points, in increasing order.
    components_ : ndarray of shape (n_core_samples, n_features)
        The core points themselves (a copy of ``X[core_sample_indices_]``).
    point_types_ : ndarray of str, shape (n_samples,)
        ``'core'``, ``'border'`` or ``'noise'`` for each point.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    With :math:`N_\varepsilon(p) = \{q : d(p, q) \le \varepsilon\}` (``p`` included):

    * ``p`` is core when :math:`|N_\varepsilon(p)| \ge \text{min\_samples}`;
    * core points ``p`` and ``q`` share a cluster when a chain of core points
      :math:`p = c_0, c_1, \dots, c_m = q` has :math:`d(c_{i-1}, c_i) \le \varepsilon`;
    * a non-core point within ``eps`` of some core point is a border point of that
      core point's cluster (of the smallest-numbered one if several), any other
      point is noise.

    The labels, numbering included, equal scikit-learn's ``DBSCAN`` with the same
    ``eps``, ``min_samples`` and ``metric``. The Euclidean test is made in squares,
    :math:`\sum_j (x_j - y_j)^2 \le \varepsilon^2`, from exact coordinate differences,
    as scikit-learn's KD-tree does, so distances exactly equal to ``eps`` count.

    At a distance equal to ``eps`` only up to rounding (decimal data such as 0.1 are not
    exact in binary) the answer depends on the arithmetic, and scikit-learn's own searches
    disagree: for ``X = [[0.1, 0.1], [0.4, 0.5], [0.7, 0.9]]``, ``eps=0.5``, ``min_samples=2``
    (both gaps are 0.5 on paper) brute force gives ``[0, 0, -1]``, ``kd_tree`` ``[-1, 0, 0]`` and
    ``ball_tree`` ``[0, 0, 0]``. This class makes the KD-tree's comparison and gives
    ``[-1, 0, 0]`` (:func:`dbscan_textbook`, comparing distances with ``eps``, gives ``[0, 0, 0]``);
    equality with scikit-learn, and with the textbook loop, is promised on data with no
    distance within rounding of ``eps``.
    :func:`course_lib.handcalc.dbscan_by_hand` counts such pairs as at ``eps``, as on paper.

    Time is about n times the average neighbourhood size for low-dimensional data
    (grid search), n^2 distance evaluations otherwise (every row against every row,
    a block of rows at a time). Memory grows with the total
    number of neighbour pairs (as scikit-learn's does), never with an n-by-n matrix.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0, 0], [1, 0], [0, 1], [5, 5], [1, 1], [10, 10]])
    >>> model = DBSCAN(eps=2, min_samples=3).fit(X)
    >>> model.labels_
    array([ 0,  0,  0, -1,  0, -1])
    >>> model.point_types_.tolist()
    ['core', 'core', 'core', 'noise', 'core', 'noise']
    """

    def __init__(self, eps=0.5, *, min_samples=5, metric="euclidean"):
        self.eps = eps
        self.min_samples = min_samples
        self.metric = metric

    def fit(self, X, y=None):
        """Find the clusters of ``X`` (array-like of shape (n_samples, n_features)); return ``self``."""
        eps, min_samples = _check_eps(self.eps), _check_min_samples(self.min_samples)
        metric = _check_metric(self.metric)
        X = check_array(X)
        check_n_features(self, X, reset=True)

        neighbourhoods = find_neighbourhoods(X, eps, metric)
        is_core = np.zeros(len(X), dtype=bool)
        is_core[neighbourhoods.owners] = find_core_points(neighbourhoods.sizes, min_samples)
        component = connect_core_points(neighbourhoods, is_core)
        labels = attach_border_points(neighbourhoods, is_core, number_clusters(component, is_core))

        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(is_core)
        self.components_ = X[self.core_sample_indices_].copy()
        self.point_types_ = point_types(is_core, labels)
        return self


# ----------------------------------------------------------------------------------------
# Choosing eps: the k-distance plot
# ----------------------------------------------------------------------------------------

def k_distance(X, k, *, metric="euclidean"):
    r"""Each point's distance to its k-th nearest neighbour, sorted increasingly.

    **The point itself counts as its own first neighbour** (distance 0), exactly as
    in DBSCAN's ``min_samples`` and as in scikit-learn's
    ``NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X)[0][:, -1]``. So
    ``k_distance(X, 1)`` is all zeros, and with ``k = min_samples`` a point is a core
    point exactly when its k-distance is at most ``eps``: plotted against rank, the
    curve's elbow (where it turns sharply upward) suggests an ``eps`` that makes
    the dense points core and leaves the outliers as noise.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    k : int
        Which neighbour, counting the point itself: ``1 <= k <= n_samples``.
    metric : {'euclidean', 'manhattan', 'cosine'}, default='euclidean'

    Returns
    -------
    ndarray of shape (n_samples,), sorted increasingly.

    Notes
    -----
    Distances are computed a block of rows at a time and only each row's k-th
    smallest is kept, so memory stays small for any n. For the Euclidean and
    Manhattan distances the k nearest found in the block are re-measured from exact
    coordinate differences, so duplicates give exactly 0, not a rounding residue.

    Example
    -------
    >>> k_distance([[0, 0], [1, 0], [0, 1], [5, 5]], 2)  # each point's nearest other point
    array([1.        , 1.        , 1.        , 6.40312424])
    """
    metric = _check_metric(metric)
    X = check_array(X)
    k = int(check_scalar(k, "k", Integral, min_val=1, max_val=X.shape[0],
                         fix=f"k counts the point itself, so it must lie between 1 and n_samples "
                             f"(here {X.shape[0]}); use k = min_samples."))
    source = X if metric == "cosine" else X - X.mean(axis=0)
    # The exact re-measuring below holds (rows, k, n_features) differences; for the Euclidean
    # distance the blocks are sized by n alone, so shrink them by n_features to match.
    block_bytes = DEFAULT_BLOCK_BYTES // X.shape[1] if metric == "euclidean" else DEFAULT_BLOCK_BYTES
    result = np.empty(X.shape[0])
    for rows, distances in pairwise_distance_blocks(source, metric=metric, block_bytes=block_bytes):
        nearest = np.argpartition(distances, k - 1, axis=1)[:, :k]  # the k nearest, in no order
        if metric == "cosine":
            nearest_distances = np.take_along_axis(distances, nearest, axis=1)
        else:
            differences = np.abs(X[rows][:, None, :] - X[nearest])
            nearest_distances = (np.sqrt((differences ** 2).sum(axis=2)) if metric == "euclidean"
                                 else differences.sum(axis=2))
        result[rows] = nearest_distances.max(axis=1)
    return np.sort(result)
