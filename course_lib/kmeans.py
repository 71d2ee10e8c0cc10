r"""k-means: group users around k "typical users" (centroids).

The algorithm of lesson 02, one function per step:

1. **Initialise** k centroids: given by you, ``k`` random data points, or
   k-means++ (:func:`kmeans_plusplus`), which spreads them out.
2. **Assign** every point to its nearest centroid
   (:func:`assign_to_nearest_centroid`, built on
   :func:`squared_distances_to_centroids`).
3. **Update** every centroid to the mean of the points assigned to it
   (:func:`update_centroids`).
4. **Repeat** 2 and 3 until the assignments stop changing or the centroids
   barely move.

Each round can only lower the objective, the within-cluster sum of squares
(WCSS, "inertia", :func:`compute_inertia`)

.. math:: J(C, \mu) = \sum_{j=1}^{k} \sum_{x_i \in C_j} \lVert x_i - \mu_j \rVert^2 ,

because step 2 picks the best cluster for fixed centroids and step 3 the best
centroids (the means) for fixed clusters. With finitely many partitions it must
stop, at a local minimum; several starts (``n_init``) guard against bad ones.

:func:`lloyd_textbook` is the same algorithm written the obvious way (one
broadcast difference per point and centroid, a loop over clusters); the tests
prove the fast estimators give the same answers. :class:`KMeans` runs the whole
algorithm, and :class:`MiniBatchKMeans` is the variant for very large data that
updates running means from small random batches.

Everything follows scikit-learn 1.9.1's conventions, so that results are
identical (see the Notes of :class:`KMeans`).
"""

import warnings
from numbers import Integral, Real
from typing import NamedTuple

import numpy as np

from ._blocks import block_rows, row_blocks
from ._validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_random_state,
    check_scalar,
)
from .base import BaseEstimator, ClusterMixin, TransformerMixin
from .distances import squared_euclidean_distances

__all__ = [
    "squared_distances_to_centroids", "assign_to_nearest_centroid", "update_centroids", "compute_inertia",
    "kmeans_plusplus", "lloyd_textbook", "LloydIteration", "KMeans", "MiniBatchKMeans",
]

# Rows per block are chosen so that one block of X and its (rows x k) temporaries
# (distances, one-hot memberships) stay near a core's caches: the work per row is
# tiny, so reading memory, not arithmetic, sets the speed. 1 MiB measured fastest
# here (2-core AMD EPYC: 15% faster than 512 KiB, and fewer Python-level steps).
_CACHE_BLOCK_BYTES = 2**20

# KMeans(keep_history="auto") records the history only up to this many samples:
# each record holds a copy of the labels (4 bytes per sample).
HISTORY_AUTO_MAX_SAMPLES = 100_000


# --------------------------------------------------------------------------------------
# The steps
# --------------------------------------------------------------------------------------

def squared_distances_to_centroids(X, centers):
    r"""Squared Euclidean distance from every point to every centroid.

    .. math:: D_{ij} = \lVert x_i - \mu_j \rVert^2 = \sum_f (x_{if} - \mu_{jf})^2

    computed as :math:`\lVert x_i\rVert^2 - 2\,x_i\cdot\mu_j + \lVert\mu_j\rVert^2`
    with one matrix product (see
    :func:`course_lib.distances.squared_euclidean_distances`).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centers : array-like of shape (n_clusters, n_features)

    Returns
    -------
    ndarray of shape (n_samples, n_clusters)

    Example
    -------
    >>> squared_distances_to_centroids([[3, 4]], [[1, 1], [5, 7]])
    array([[13., 13.]])
    """
    X, centers = _check_points_and_centers(X, centers)
    return squared_euclidean_distances(X, centers)


def squared_distances_textbook(X, centers):
    r""":math:`D_{ij} = \sum_f (x_{if} - \mu_{jf})^2`, from every coordinate difference (an n x k x d array).

    The board's formula (the one :func:`lloyd_textbook` writes out inline, so its
    printed source shows it), for small data: exact wherever the differences are
    (equal distances on hand data stay equal), where
    :func:`squared_distances_to_centroids` may leave them an ulp apart. Used by the
    hand-calculation traces. ``X`` and ``centers`` must be validated float arrays.
    """
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


def assign_to_nearest_centroid(X, centers):
    r"""Step 2: the index of each point's nearest centroid.

    .. math:: \ell_i = \arg\min_j \lVert x_i - \mu_j \rVert^2
                     = \arg\min_j \left(\lVert \mu_j \rVert^2 - 2\, x_i \cdot \mu_j\right)

    The term :math:`\lVert x_i \rVert^2` is the same for every centroid, so it is
    dropped: what is left is one matrix product per block of rows plus the
    centroids' squared norms. A tie goes to the **lowest** centroid index (as in
    scikit-learn and in the lesson's worked example, where point C is 13 from
    both centroids and joins the first).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centers : array-like of shape (n_clusters, n_features)

    Returns
    -------
    labels : ndarray of int32, shape (n_samples,)

    Example
    -------
    >>> assign_to_nearest_centroid([[1, 1], [3, 4], [5, 7]], [[1, 1], [5, 7]])
    array([0, 0, 1], dtype=int32)
    """
    X, centers = _check_points_and_centers(X, centers)
    return _nearest_centroid_labels(X, centers)


def update_centroids(X, labels, centers):
    r"""Step 3: move each centroid to the mean of its points.

    .. math:: \mu_j = \frac{1}{|C_j|} \sum_{x_i \in C_j} x_i

    A cluster with no points has no mean. As in scikit-learn, each empty
    cluster is given the point that lies farthest from its own current centroid
    (that point leaves its old cluster's mean); the farthest point goes to the
    first empty cluster. This is why ``centers`` (the centroids the labels were
    computed from) is needed. A cluster still empty after that (no point lies
    away from its centroid, as with more clusters than distinct points, or the
    moved point was its cluster's only member) is placed where the largest
    cluster is; see :class:`KMeans` Notes for one scikit-learn detail we
    reproduce there.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of int, shape (n_samples,)
        Cluster index of each point, from 0 to ``n_clusters - 1``.
    centers : array-like of shape (n_clusters, n_features)
        The centroids ``labels`` were assigned to.

    Returns
    -------
    new_centers : ndarray of shape (n_clusters, n_features)

    Example
    -------
    >>> X = [[1, 1], [1.5, 2], [3, 4], [5, 7]]
    >>> update_centroids(X, [0, 0, 1, 1], [[1, 1], [5, 7]])
    array([[1.25, 1.5 ],
           [4.  , 5.5 ]])
    """
    X, centers = _check_points_and_centers(X, centers)
    labels = _check_labels(labels, X.shape[0], centers.shape[0])
    sums, counts = _sum_and_count_per_cluster(X, labels, centers.shape[0])
    return _centroids_from_sums(X, labels, centers, sums, counts)


def compute_inertia(X, labels, centers):
    r"""The objective: within-cluster sum of squares (WCSS, "inertia").

    .. math:: J = \sum_i \lVert x_i - \mu_{\ell_i} \rVert^2

    Computed from the differences themselves (not the matrix-product form), a
    block of rows at a time, so it is exact to rounding.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of int, shape (n_samples,)
    centers : array-like of shape (n_clusters, n_features)

    Returns
    -------
    float

    Example
    -------
    >>> compute_inertia([[1, 1], [1.5, 2]], [0, 0], [[1.25, 1.5]])
    0.625
    """
    X, centers = _check_points_and_centers(X, centers)
    labels = _check_labels(labels, X.shape[0], centers.shape[0])
    return _inertia(X, labels, centers)


def _nearest_centroid_labels(X, centers):
    """``assign_to_nearest_centroid`` without the input checks (the estimators' fast path)."""
    return _assign_in_blocks(X, centers, sum_members=False)


def _assign_in_blocks(X, centers, *, sum_members):
    r"""Step 2 in one pass over ``X``, a cache-sized block of rows at a time.

    Per block, one matrix product gives the scores
    :math:`\lVert\mu_j\rVert^2 - 2\,\mu_j \cdot x_i` as a (k x rows) array, whose
    column minima name the nearest centroids (:func:`_nearest_rows`). With
    ``sum_members=True`` it also adds up each cluster's points while the block
    is still in the cache, :math:`S_j = \sum_{\ell_i = j} x_i`, as the 0/1
    membership matrix times the block, and returns ``(labels, sums, counts)``
    for step 3 (see :func:`_centroids_from_sums`); otherwise just the labels.
    """
    n_samples, n_features = X.shape
    n_clusters = centers.shape[0]
    minus_two_centers = -2.0 * centers  # exact: scaling by a power of two loses nothing
    centers_squared_norms = np.einsum("ij,ij->i", centers, centers)[:, None]
    labels = np.empty(n_samples, dtype=np.int32)
    sums = np.zeros((n_clusters, n_features))
    rows_per_block = block_rows(n_clusters + n_features, block_bytes=_CACHE_BLOCK_BYTES)
    for rows in row_blocks(n_samples, rows_per_block):
        block = X[rows]
        scores = minus_two_centers @ block.T
        scores += centers_squared_norms
        labels[rows], membership = _nearest_rows(scores)
        if sum_members:
            sums += membership @ block
    if not sum_members:
        return labels
    return labels, sums, np.bincount(labels, minlength=n_clusters).astype(np.float64)


def _nearest_rows(scores):
    r"""For each column of ``scores`` (k x m): the lowest row holding its minimum, and a 0/1 matrix marking it.

    The same labels as ``scores.argmin(axis=0)``, without argmin's per-column
    loop of unpredictable comparisons, which dominates k-means' time when k is
    small. Every row ``j`` that attains the column's minimum contributes
    :math:`2^{k-1-j}`, so the largest power of two in the column's total marks
    the lowest such row, and ``frexp`` reads it off: a total
    :math:`t = m\,2^e` with :math:`\tfrac12 \le m < 1` gives :math:`j = k - e`, and
    :math:`m = \tfrac12` exactly when the row was the only one (no tie). The
    totals are exact in float64 while :math:`k \le 53`; beyond that, argmin.
    """
    n_rows = scores.shape[0]
    row_ids = np.arange(n_rows)[:, None]
    if n_rows > 53:
        labels = scores.argmin(axis=0)
        return labels, (labels == row_ids).astype(np.float64)
    attains_minimum = (scores == np.minimum.reduce(scores, axis=0)).astype(np.float64)
    mantissa, exponent = np.frexp(2.0 ** (n_rows - 1 - row_ids[:, 0]) @ attains_minimum)
    labels = n_rows - exponent
    if (mantissa == 0.5).all():
        return labels, attains_minimum
    return labels, (labels == row_ids).astype(np.float64)  # a tie: keep only the lowest row's mark


def _sum_and_count_per_cluster(X, labels, n_clusters):
    r"""Per cluster, :math:`\sum_{x_i \in C_j} x_i` and :math:`|C_j|`, without a Python loop over points.

    Each block of rows is summed by one matrix product: a (k x rows) 0/1
    membership matrix times the (rows x d) block.
    """
    n_samples, n_features = X.shape
    sums = np.zeros((n_clusters, n_features))
    cluster_ids = np.arange(n_clusters)[:, None]
    rows_per_block = block_rows(n_clusters + n_features, block_bytes=_CACHE_BLOCK_BYTES)
    for rows in row_blocks(n_samples, rows_per_block):
        membership = (labels[rows] == cluster_ids).astype(np.float64)
        sums += membership @ X[rows]
    counts = np.bincount(labels, minlength=n_clusters).astype(np.float64)
    return sums, counts


def _centroids_from_sums(X, labels, centers, sums, counts):
    """Step 3 from the clusters' sums and counts: relocate empty clusters, then divide."""
    if (counts == 0).any():
        _give_empty_clusters_far_points(X, labels, centers, sums, counts)
    return _divide_sums_by_counts(sums, counts)


def _give_empty_clusters_far_points(X, labels, centers, sums, counts):
    """Relocate empty clusters (scikit-learn's rule), updating ``sums`` and ``counts`` in place.

    The points farthest from their own centroid are moved, one per empty
    cluster: each leaves its old cluster's sum and becomes the new cluster's
    only member. The labels are left as they are; the next assignment step
    recomputes them. Nothing moves when every point sits on its centroid.
    """
    empty = np.flatnonzero(counts == 0)
    distance_to_own_centroid = ((X - centers[labels]) ** 2).sum(axis=1)
    if distance_to_own_centroid.max() == 0:
        return
    # The n_empty largest distances, in the order scikit-learn takes them (NumPy's
    # argpartition, read from the end), so that ties between equally far points agree.
    farthest = np.argpartition(distance_to_own_centroid, -len(empty))[:-len(empty) - 1:-1]
    for cluster, point in zip(empty, farthest):
        old_cluster = labels[point]
        sums[old_cluster] -= X[point]
        counts[old_cluster] -= 1
        sums[cluster] = X[point]
        counts[cluster] = 1


def _divide_sums_by_counts(sums, counts):
    """Means from sums; a cluster still empty takes the largest cluster's place.

    Multiplying by ``1 / count`` (rather than dividing) matches scikit-learn's
    rounding. The empty-cluster rule reproduces scikit-learn 1.9.1 exactly,
    including one quirk: it fills empty clusters in index order, so an empty
    cluster whose index is *below* the largest cluster's copies that cluster's
    coordinate *sum* (not yet divided by its count). A cluster is still empty
    here only when no point could be moved (every point sits on its centroid)
    or when the point moved away was its cluster's only member; see
    :class:`KMeans` Notes.
    """
    means = sums.copy()
    filled = counts > 0
    means[filled] *= (1.0 / counts[filled])[:, None]
    largest = np.argmax(counts)
    for cluster in np.flatnonzero(~filled):
        means[cluster] = means[largest] if largest < cluster else sums[largest]
    return means


def _inertia(X, labels, centers):
    """``compute_inertia`` without the input checks."""
    total = 0.0
    rows_per_block = block_rows(2 * X.shape[1], block_bytes=_CACHE_BLOCK_BYTES)
    for rows in row_blocks(X.shape[0], rows_per_block):
        differences = X[rows] - centers[labels[rows]]
        total += float(np.einsum("ij,ij->", differences, differences))
    return total


def _check_points_and_centers(X, centers):
    X = check_array(X, name="X")
    centers = check_array(centers, name="centers")
    if centers.shape[1] != X.shape[1]:
        raise ValueError(f"centers has {centers.shape[1]} feature(s) but X has {X.shape[1]}. "
                         "Give one centroid per row with the same columns as X.")
    return X, centers


def _check_labels(labels, n_samples, n_clusters):
    values = np.asarray(labels)
    if values.ndim != 1 or values.shape[0] != n_samples:
        raise ValueError(f"labels must be a 1-D array with one entry per sample ({n_samples}), "
                         f"got shape {values.shape}. Pass one cluster index per row of X.")
    if values.dtype.kind not in "iu":
        if values.dtype.kind != "f" or not np.all(np.mod(values, 1) == 0):
            raise TypeError(f"labels must be integer cluster indices, got dtype {values.dtype}. "
                            "Pass whole numbers 0, 1, ..., k-1 (e.g. labels.astype(int)).")
    if values.size and (values.min() < 0 or values.max() >= n_clusters):
        raise ValueError(f"labels must lie between 0 and n_clusters - 1 = {n_clusters - 1}, got values from "
                         f"{values.min()} to {values.max()}. Number clusters 0, 1, ..., k-1.")
    return values.astype(np.intp)


# --------------------------------------------------------------------------------------
# Initialisation
# --------------------------------------------------------------------------------------

def kmeans_plusplus(X, n_clusters, *, random_state=None, n_local_trials=None):
    r"""Choose ``n_clusters`` spread-out starting centroids from the rows of ``X`` (k-means++).

    1. The first centroid is a data point chosen uniformly at random.
    2. Every next centroid is drawn with probability proportional to
       :math:`D(x)^2`, the squared distance from :math:`x` to its nearest centroid
       so far (far-away points are likely, points already covered are not).

    This is the *greedy* variant used by scikit-learn: at each step
    ``n_local_trials`` candidates are drawn by :math:`D^2` sampling and the one
    that lowers the total :math:`\sum_x D(x)^2` the most is kept. With
    ``n_local_trials=1`` it is the original algorithm of Arthur and
    Vassilvitskii (2007), whose expected cost is within
    :math:`8(\ln k + 2)` of the optimal WCSS.

    The random draws are the same, in the same order, as scikit-learn's
    ``sklearn.cluster.kmeans_plusplus``, so the same seed gives the same
    centers and indices.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
        Number of centroids, between 1 and ``n_samples``.
    random_state : int, RandomState or None, default=None
    n_local_trials : int or None, default=None
        Candidates per step; ``None`` means ``2 + int(log(n_clusters))``.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of shape (n_clusters,)
        Row of ``X`` each centroid was taken from: ``X[indices] == centers``.

    Example
    -------
    >>> X = [[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]]
    >>> centers, indices = kmeans_plusplus(X, 2, random_state=0)
    >>> indices
    array([3, 2])
    """
    X = check_array(X, name="X")
    n_clusters = _check_n_clusters(n_clusters, X.shape[0])
    if n_local_trials is not None:
        check_scalar(n_local_trials, "n_local_trials", Integral, min_val=1,
                     fix="Use None for the default 2 + log(k), or 1 for the original k-means++.")
    random_state = check_random_state(random_state)
    return _kmeans_plusplus(X, n_clusters, np.einsum("ij,ij->i", X, X), random_state, n_local_trials)


def _kmeans_plusplus(X, n_clusters, squared_norms, random_state, n_local_trials=None):
    """k-means++ on validated data; ``squared_norms`` are the rows' squared norms."""
    n_samples = X.shape[0]
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    # Every point weighs the same. The potentials below are written as products with
    # these weights (not sums) because that is how scikit-learn computes them, and
    # the candidates drawn depend on the last bits of the running totals.
    weights = np.ones(n_samples)
    indices = np.full(n_clusters, -1, dtype=int)

    indices[0] = random_state.choice(n_samples, p=weights / weights.sum())
    closest_squared = squared_euclidean_distances(X[indices[:1]], X, Y_norm_squared=squared_norms)
    potential = closest_squared @ weights  # sum over points of D(x)^2

    for c in range(1, n_clusters):
        candidates = _draw_d2_candidates(closest_squared, potential, n_local_trials, random_state)
        best, closest_squared, potential = _best_candidate(X, candidates, closest_squared, squared_norms,
                                                           weights)
        indices[c] = best
    return X[indices], indices


def _draw_d2_candidates(closest_squared, potential, n_trials, random_state):
    r"""Draw ``n_trials`` point indices with probability :math:`D(x)^2 / \sum_y D(y)^2`.

    A uniform number on [0, total) is located in the running sum of the
    :math:`D^2` values: a point owns a stretch as long as its :math:`D^2`.
    """
    targets = random_state.uniform(size=n_trials) * potential
    candidates = np.searchsorted(np.cumsum(closest_squared), targets)
    return np.minimum(candidates, closest_squared.size - 1)  # rounding can land one past the end


def _best_candidate(X, candidates, closest_squared, squared_norms, weights):
    """Of the candidates, the one whose addition leaves the smallest total D^2."""
    to_candidates = squared_euclidean_distances(X[candidates], X, Y_norm_squared=squared_norms)
    np.minimum(closest_squared, to_candidates, out=to_candidates)  # D^2 if this candidate were added
    potentials = to_candidates @ weights.reshape(-1, 1)
    best = np.argmin(potentials)
    return candidates[best], to_candidates[best], potentials[best]


def _random_rows(n_samples, n_clusters, random_state):
    """``n_clusters`` distinct rows drawn uniformly (the draw scikit-learn makes for init='random')."""
    return random_state.choice(n_samples, size=n_clusters, replace=False, p=np.ones(n_samples) / n_samples)


def _relative_tolerance(X, tol):
    r"""Turn ``tol`` into an absolute threshold: ``tol`` times the mean feature variance."""
    return 0.0 if tol == 0 else float(np.mean(np.var(X, axis=0)) * tol)


def _check_n_clusters(n_clusters, n_samples):
    check_scalar(n_clusters, "n_clusters", Integral, min_val=1, fix="Ask for at least one cluster.")
    if n_clusters > n_samples:
        raise ValueError(f"n_clusters={n_clusters} is larger than the number of samples ({n_samples}): "
                         "each cluster needs at least one point. Use fewer clusters or more data.")
    return int(n_clusters)


# --------------------------------------------------------------------------------------
# Lloyd's algorithm
# --------------------------------------------------------------------------------------

class LloydIteration(NamedTuple):
    """One round of Lloyd's algorithm, as kept in ``KMeans.history_``.

    ``centroids`` are the centroids the points were assigned to in this round,
    ``labels`` that assignment, and ``inertia`` the WCSS of the two together.
    The next record's centroids are the means of this record's clusters.
    """

    centroids: np.ndarray
    labels: np.ndarray
    inertia: float


def _run_lloyd(X, initial_centers, *, max_iter, tol, keep_history, offset):
    """One k-means run from ``initial_centers`` (rows of validated, centred data).

    Returns ``(labels, inertia, centers, n_iter, history)``. ``tol`` is absolute.
    ``offset`` (the mean that was subtracted from the data) is added back to
    the centroids stored in the history.
    """
    centers = initial_centers
    labels_before = None
    history = [] if keep_history else None
    converged_strictly = False
    for iteration in range(1, max_iter + 1):
        # Step 2, and the per-cluster sums step 3 needs, in one pass over the data.
        labels, sums, counts = _assign_in_blocks(X, centers, sum_members=True)
        if keep_history:
            history.append(LloydIteration(centers + offset, labels, _inertia(X, labels, centers)))
        new_centers = _centroids_from_sums(X, labels, centers, sums, counts)
        shift = float(np.sum((new_centers - centers) ** 2))
        centers = new_centers
        if labels_before is not None and np.array_equal(labels, labels_before):
            converged_strictly = True
            break
        if shift <= tol:
            break
        labels_before = labels
    if not converged_strictly:
        # The centroids moved after the last assignment: assign once more so that
        # the labels belong to the returned centroids (predict(X) == labels_).
        labels = _nearest_centroid_labels(X, centers)
    return labels, _inertia(X, labels, centers), centers, iteration, history


def lloyd_textbook(X, initial_centroids, *, max_iter=300, tol=1e-4):
    r"""Lloyd's algorithm the way it is written on the board. For small data and for the tests.

    Every distance is an explicit difference (an n x k x d array), every mean
    a loop over clusters, and the data are used as given (not centred). The
    stopping rules are :class:`KMeans`'s: stop when no label changes, else when
    the total squared centroid movement is at most ``tol`` times the mean
    feature variance, else after ``max_iter`` rounds; then assign once more to
    the final centroids. An empty cluster takes the point farthest from its own
    centroid. The tests prove :class:`KMeans` with the same ``init`` gives the
    same labels, iterations, centroids and inertia (to rounding). Two rare
    cases are left out to keep it short, where :class:`KMeans` follows
    scikit-learn's exact rules: several clusters empty at once with equally
    far points, and a cluster that stays empty after relocation.

    Returns
    -------
    centroids : ndarray of shape (n_clusters, n_features)
    labels : ndarray of shape (n_samples,)
    inertia : float
    n_iter : int
    """
    X = check_array(X, name="X")
    centroids = check_array(initial_centroids, name="initial_centroids").copy()
    n_clusters = centroids.shape[0]
    threshold = tol * np.mean(np.var(X, axis=0))
    labels_before = None
    converged_strictly = False
    for n_iter in range(1, max_iter + 1):
        distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
        labels = distances.argmin(axis=1)
        members = labels.copy()
        farthest_first = np.argsort(-distances[np.arange(len(X)), labels], kind="stable")
        for cluster in range(n_clusters):
            if not np.any(members == cluster):
                members[farthest_first[0]] = cluster
                farthest_first = farthest_first[1:]
        new_centroids = np.array([X[members == j].mean(axis=0) for j in range(n_clusters)])
        shift = ((new_centroids - centroids) ** 2).sum()
        centroids = new_centroids
        if labels_before is not None and (labels == labels_before).all():
            converged_strictly = True
            break
        if shift <= threshold:
            break
        labels_before = labels
    if not converged_strictly:
        labels = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    inertia = ((X - centroids[labels]) ** 2).sum()
    return centroids, labels, float(inertia), n_iter


# --------------------------------------------------------------------------------------
# Estimators
# --------------------------------------------------------------------------------------

class _CentroidModel(ClusterMixin, TransformerMixin, BaseEstimator):
    """What KMeans and MiniBatchKMeans share once fitted: predict, transform, score."""

    def predict(self, X):
        """Index of the nearest centroid for each row of ``X`` (ties to the lowest index).

        Returns
        -------
        labels : ndarray of int32, shape (n_samples,)
        """
        X = self._check_new_data(X, "predict")
        return _nearest_centroid_labels(X, self.cluster_centers_)

    def transform(self, X):
        r"""Euclidean distance from each row of ``X`` to each centroid, shape (n_samples, n_clusters)."""
        X = self._check_new_data(X, "transform")
        return np.sqrt(squared_euclidean_distances(X, self.cluster_centers_))

    def score(self, X, y=None):
        """Minus the WCSS of ``X`` around the fitted centroids (higher is better, as in scikit-learn)."""
        X = self._check_new_data(X, "score")
        return -_inertia(X, _nearest_centroid_labels(X, self.cluster_centers_), self.cluster_centers_)

    def _check_new_data(self, X, method):
        check_is_fitted(self, "cluster_centers_", method)
        X = check_array(X, name="X")
        check_n_features(self, X, reset=False)
        return X

    def _check_common_params(self, X):
        """Validate the parameters both estimators share; return (n_clusters, init, n_init)."""
        n_clusters = _check_n_clusters(self.n_clusters, X.shape[0])
        check_scalar(self.max_iter, "max_iter", Integral, min_val=1, fix="Allow at least one iteration.")
        check_scalar(self.tol, "tol", Real, min_val=0,
                     fix="Use 0 to stop only when the labels stop changing, or a small positive number.")
        init = self.init
        if isinstance(init, str):
            check_option(init, "init", ("k-means++", "random"))
        elif callable(init) or init is None:
            raise TypeError("init must be 'k-means++', 'random' or an array of shape (n_clusters, n_features), "
                            f"got {init!r}.")
        else:
            init = check_array(init, name="init")
            if init.shape != (n_clusters, X.shape[1]):
                raise ValueError(f"init has shape {init.shape}, but n_clusters={n_clusters} and X has "
                                 f"{X.shape[1]} feature(s). Pass one starting centroid per row: an array of "
                                 f"shape ({n_clusters}, {X.shape[1]}).")
        n_init = self.n_init
        if isinstance(n_init, str):
            check_option(n_init, "n_init", ("auto",))
            n_init = self._random_restarts if isinstance(init, str) and init == "random" else 1
        else:
            check_scalar(n_init, "n_init", Integral, min_val=1, fix="Use 'auto' or a number of runs >= 1.")
        if not isinstance(init, str) and n_init != 1:
            warnings.warn(f"An explicit init array gives one starting point, so {type(self).__name__} runs once "
                          f"instead of n_init={n_init}.", UserWarning, stacklevel=3)
            n_init = 1
        return n_clusters, init, int(n_init)


class KMeans(_CentroidModel):
    r"""k-means clustering by Lloyd's algorithm, with k-means++ starts and restarts.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters k, between 1 and the number of samples.
    init : {'k-means++', 'random'} or array of shape (n_clusters, n_features), default='k-means++'
        How the starting centroids are chosen: greedy k-means++ (see
        :func:`kmeans_plusplus`), ``n_clusters`` distinct data points drawn
        uniformly, or the given centroids.
    n_init : 'auto' or int, default='auto'
        Number of runs from different starts; the run with the lowest inertia
        is kept. 'auto' means 10 for ``init='random'`` and 1 otherwise. With an
        explicit ``init`` array there is only one run (a warning says so).
    max_iter : int, default=300
        Most rounds (assign + update) per run.
    tol : float, default=1e-4
        Stop when the squared distance moved by all centroids together in one
        round is at most ``tol`` times the mean variance of the features.
    random_state : int, RandomState or None, default=None
        Seed of the starting centroids. Pass an int for repeatable results.
    keep_history : {'auto', True, False}, default='auto'
        Record every round of the best run in ``history_``. Each record holds a
        copy of the labels (4 bytes per sample) and costs one extra pass over
        the data for its inertia, so 'auto' records only when there are at most
        ``HISTORY_AUTO_MAX_SAMPLES`` (100,000) samples: 100,000 samples x 300
        rounds would already be 120 MB. Use True to force it (small data,
        lessons, widgets) and False to skip it.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        The centroids after the last update.
    labels_ : ndarray of int32, shape (n_samples,)
        Each sample's cluster: its nearest centroid in ``cluster_centers_``.
    inertia_ : float
        WCSS of ``labels_`` around ``cluster_centers_``.
    n_iter_ : int
        Rounds run by the best run.
    n_features_in_ : int
        Number of features seen in ``fit``.
    history_ : list of LloydIteration, or None
        One record per round of the best run: ``centroids`` (the ones points
        were assigned to, in the data's coordinates), ``labels`` and
        ``inertia``. The inertia never increases from one record to the next,
        and ``inertia_`` is at most the last one. None when ``keep_history``
        turned recording off.

    Notes
    -----
    Lloyd's algorithm alternates the assignment
    :math:`\ell_i = \arg\min_j \lVert x_i - \mu_j\rVert^2` and the update
    :math:`\mu_j = \frac{1}{|C_j|}\sum_{\ell_i = j} x_i`; each step lowers (never
    raises) the WCSS :math:`\sum_i \lVert x_i - \mu_{\ell_i}\rVert^2`. A round
    costs :math:`O(nkd)`.

    The conventions are scikit-learn 1.9.1's, so that with the same ``init``
    (or the same ``random_state``) the results are identical:

    * **Centring.** The mean of X is subtracted before the runs and added back
      to the centroids at the end; distances and inertia are computed on the
      centred data. It makes the matrix-product distances more accurate, and it
      decides how near-exact ties round, so we do the same.
    * **Ties** go to the lowest centroid index.
    * **Stopping.** A run stops as soon as a round leaves every label
      unchanged ("strict convergence"); otherwise when the total squared
      centroid shift :math:`\sum_j \lVert \mu_j^{new} - \mu_j \rVert^2` is at most
      ``tol * mean(var(X, axis=0))``; otherwise after ``max_iter`` rounds. If it
      did not stop strictly, the points are assigned once more to the final
      centroids, so ``labels_`` agrees with ``predict(X)``.
    * **Empty clusters** get the points farthest from their own centroids (see
      :func:`update_centroids`); the labels are left for the next round to
      recompute. A cluster still empty after that (every point sits exactly on
      its centroid, as with more clusters than distinct points, or the moved
      point was its cluster's only member) is put at the largest cluster's
      place. scikit-learn 1.9.1 fills these in index order, so an empty
      cluster numbered *below* the largest one receives the largest cluster's
      coordinate *sum* rather than its mean (a point that may lie far from the
      data). We reproduce that quirk to stay identical; the tests pin it.
    * **Restarts.** All runs draw from one ``RandomState``, one after the
      other; a later run replaces the best so far only if its inertia is
      strictly lower and its partition is not the same one relabelled.
    * **Random draws** (k-means++ candidates, ``init='random'`` rows) are
      scikit-learn's, in the same order, so a shared ``RandomState`` object
      advances exactly as it would there.

    The fast path computes distances with one matrix product per cache-sized
    block of rows and the cluster sums with a 0/1 membership matrix product;
    :func:`lloyd_textbook` is the plain version the tests compare it with.

    Example
    -------
    >>> X = [[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5], [3.5, 4.5]]
    >>> km = KMeans(n_clusters=2, init=[[1, 1], [5, 7]]).fit(X)
    >>> km.labels_
    array([0, 0, 1, 1, 1, 1, 1], dtype=int32)
    >>> round(km.inertia_, 3), km.n_iter_
    (8.525, 3)
    """

    _random_restarts = 10

    def __init__(self, n_clusters=8, *, init="k-means++", n_init="auto", max_iter=300, tol=1e-4,
                 random_state=None, keep_history="auto"):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.keep_history = keep_history

    def fit(self, X, y=None):
        """Run k-means on ``X`` (array-like of shape (n_samples, n_features)); return ``self``."""
        X = check_array(X, name="X")
        n_clusters, init, n_init = self._check_common_params(X)
        keep_history = self._resolve_keep_history(X.shape[0])
        random_state = check_random_state(self.random_state)
        tol = _relative_tolerance(X, self.tol)

        mean = X.mean(axis=0)
        X_centred = X - mean
        if isinstance(init, np.ndarray):
            init = init - mean
        elif init == "k-means++":
            squared_norms = np.einsum("ij,ij->i", X_centred, X_centred)

        best = None
        for _ in range(n_init):
            if isinstance(init, np.ndarray):
                start = init
            elif init == "k-means++":
                start, _ = _kmeans_plusplus(X_centred, n_clusters, squared_norms, random_state)
            else:
                start = X_centred[_random_rows(X.shape[0], n_clusters, random_state)]
            run = _run_lloyd(X_centred, start, max_iter=self.max_iter, tol=tol, keep_history=keep_history,
                             offset=mean)
            if best is None or (run[1] < best[1] and not _same_partition(run[0], best[0], n_clusters)):
                best = run

        labels, inertia, centers, n_iter, history = best
        n_distinct = np.count_nonzero(np.bincount(labels, minlength=n_clusters))
        if n_distinct < n_clusters:
            warnings.warn(f"Only {n_distinct} distinct clusters were found, fewer than "
                          f"n_clusters={n_clusters}. X may have fewer distinct points than that, or the run "
                          "stopped (max_iter, tol) before an emptied cluster was filled again.",
                          ConvergenceWarning, stacklevel=2)
        check_n_features(self, X, reset=True)
        self.cluster_centers_ = centers + mean
        self.labels_ = labels
        self.inertia_ = inertia
        self.n_iter_ = n_iter
        self.history_ = history
        return self

    def _resolve_keep_history(self, n_samples):
        if isinstance(self.keep_history, str):
            check_option(self.keep_history, "keep_history", ("auto",))
            return n_samples <= HISTORY_AUTO_MAX_SAMPLES
        if not isinstance(self.keep_history, (bool, np.bool_)):
            raise TypeError(f"keep_history must be 'auto', True or False, got {self.keep_history!r}.")
        return bool(self.keep_history)


def _same_partition(labels_a, labels_b, n_clusters):
    """True when ``labels_b`` is a function of ``labels_a`` (the same clusters, maybe renumbered)."""
    image = np.full(n_clusters, -1, dtype=np.int64)
    image[labels_a] = labels_b
    return bool(np.array_equal(image[labels_a], labels_b))


# --------------------------------------------------------------------------------------
# Mini-batch k-means
# --------------------------------------------------------------------------------------

def _running_mean_update(centers, counts, batch_sums, batch_counts):
    r"""Fold one batch into each centroid's running mean; update ``counts`` in place.

    A centroid that has absorbed :math:`n_j` points so far and receives the
    batch points :math:`B_j` (sum ``batch_sums[j]``, count ``batch_counts[j]``)
    moves to the mean of all of them:

    .. math:: \mu_j \leftarrow \frac{n_j \mu_j + \sum_{x \in B_j} x}{n_j + |B_j|}, \qquad
              n_j \leftarrow n_j + |B_j|

    so each point's pull shrinks like :math:`1/n_j` (a per-centre learning rate).
    Centroids that receive no point stay where they are.
    """
    received = batch_counts > 0
    new_counts = counts[received] + batch_counts[received]
    new_centers = centers.copy()
    new_centers[received] = ((centers[received] * counts[received][:, None] + batch_sums[received])
                             * (1.0 / new_counts)[:, None])
    counts[received] = new_counts
    return new_centers


def _reassign_small_clusters(X_batch, centers, counts, ratio, random_state):
    """Move centroids that have absorbed very few points onto random batch points (in place).

    A centroid whose count is below ``ratio`` times the largest count is
    probably stranded; it restarts at a batch point drawn uniformly (at most
    half the batch size of them at once), and its count is raised to the
    smallest remaining count so that it is not reassigned again at once.
    This is scikit-learn's rule, with its random draws.
    """
    stranded = counts < ratio * counts.max()
    if stranded.sum() > 0.5 * X_batch.shape[0]:
        stranded[np.argsort(counts)[int(0.5 * X_batch.shape[0]):]] = False
    n_stranded = int(stranded.sum())
    if n_stranded:
        new_rows = random_state.choice(X_batch.shape[0], replace=False, size=n_stranded)
        centers[stranded] = X_batch[new_rows]
        counts[stranded] = np.min(counts[~stranded])


class _InertiaEarlyStopping:
    """MiniBatchKMeans's stopping rule, as in scikit-learn.

    The batch inertia (per sample) is smoothed by an exponentially weighted
    average with weight ``alpha = 2 * batch_size / (n_samples + 1)``; the run
    stops when that average has not reached a new minimum for
    ``max_no_improvement`` batches in a row, or (if ``tol > 0``) when the
    centroids moved less than ``tol`` in one batch. The first batch is ignored:
    its inertia measures the initial centroids.
    """

    def __init__(self, batch_size, n_samples, max_no_improvement, tol):
        self.batch_size = batch_size
        self.alpha = min(batch_size * 2.0 / (n_samples + 1), 1.0)
        self.max_no_improvement = max_no_improvement
        self.tol = tol
        self.latest_batch_inertia = None
        self.smoothed_inertia = None
        self.best_smoothed_inertia = None
        self.batches_without_improvement = 0

    @property
    def inertia_per_sample(self):
        """The smoothed batch inertia per sample; after one batch only (which it skips), that batch's."""
        return self.latest_batch_inertia if self.smoothed_inertia is None else self.smoothed_inertia

    def should_stop(self, step, batch_inertia, squared_shift):
        batch_inertia /= self.batch_size
        self.latest_batch_inertia = batch_inertia
        if step == 0:
            return False
        if self.smoothed_inertia is None:
            self.smoothed_inertia = batch_inertia
        else:
            self.smoothed_inertia = self.smoothed_inertia * (1 - self.alpha) + batch_inertia * self.alpha
        if self.tol > 0.0 and squared_shift <= self.tol:
            return True
        if self.best_smoothed_inertia is None or self.smoothed_inertia < self.best_smoothed_inertia:
            self.batches_without_improvement = 0
            self.best_smoothed_inertia = self.smoothed_inertia
        else:
            self.batches_without_improvement += 1
        return (self.max_no_improvement is not None
                and self.batches_without_improvement >= self.max_no_improvement)


class MiniBatchKMeans(_CentroidModel):
    r"""k-means on random mini-batches with running-mean updates (for large data).

    Each step draws ``batch_size`` rows at random (with replacement), assigns
    them to their nearest centroids and moves every centroid to the running
    mean of all the points it has absorbed so far (see Notes). Much cheaper per
    step than a full Lloyd round, at a small cost in inertia.

    Parameters
    ----------
    n_clusters : int, default=8
    init : {'k-means++', 'random'} or array of shape (n_clusters, n_features), default='k-means++'
        Computed on a random subset of ``init_size`` rows.
    max_iter : int, default=100
        Passes over the data: at most ``max_iter * n_samples // batch_size`` steps.
    batch_size : int, default=1024
        Rows per mini-batch (capped at the number of samples).
    compute_labels : bool, default=True
        After fitting, assign every sample and compute the exact inertia.
    random_state : int, RandomState or None, default=None
    tol : float, default=0.0
        Stop when one step moves the centroids (total squared distance) by at
        most ``tol`` times the mean feature variance. 0 turns this off.
    max_no_improvement : int or None, default=10
        Stop after this many steps without a new minimum of the smoothed batch
        inertia; None turns this off.
    init_size : int or None, default=None
        Rows used to choose the starting centroids; None means
        ``3 * batch_size`` (at least ``3 * n_clusters``).
    n_init : 'auto' or int, default='auto'
        Number of starts tried (each scored on one held-out random subset);
        only the best is run. 'auto' means 3 for ``init='random'``, else 1.
    reassignment_ratio : float, default=0.01
        Centroids whose count falls below this fraction of the largest count
        are moved to random batch points (checked about every
        ``10 * n_clusters`` samples, and whenever a centroid has count 0).
        Between 0 (never) and 1.

    Attributes
    ----------
    cluster_centers_, labels_, inertia_, n_features_in_
        As in :class:`KMeans` (``labels_``/``inertia_`` need
        ``compute_labels=True``; otherwise ``inertia_`` is the smoothed batch
        inertia times ``n_samples``, or, when the run had a single batch, that
        batch's inertia per sample times ``n_samples``: scikit-learn 1.9.1
        fails with a ``TypeError`` there).
    n_iter_ : int
        Passes over the data, ``ceil(n_steps_ * batch_size / n_samples)``.
    n_steps_ : int
        Mini-batches processed.

    Notes
    -----
    The update (Sculley, 2010) gives centroid :math:`j`, after it has absorbed
    :math:`n_j` points, the position
    :math:`\mu_j \leftarrow (n_j\mu_j + \sum_{x\in B_j} x) / (n_j + |B_j|)`: the
    exact mean of everything it has seen, with a learning rate that falls as
    :math:`1/n_j`. Batches are drawn with replacement.

    The random draws (validation subset, init subsets, batches, reassignments)
    and the stopping rule are scikit-learn 1.9.1's, so a run with the same
    ``random_state`` follows the same path. Unlike :class:`KMeans`, the data are
    not centred. The batches are drawn as scikit-learn's ``choice(..., p=uniform)``
    draws them, but with the cumulative distribution computed once rather than
    at every step.

    Example
    -------
    >>> X = [[1, 2], [1, 4], [1, 0], [4, 2], [4, 0], [4, 4], [4, 5], [0, 1], [2, 2], [3, 2], [5, 5], [1, -1]]
    >>> mbk = MiniBatchKMeans(n_clusters=2, batch_size=6, max_iter=10, random_state=0).fit(X)
    >>> mbk.predict([[0, 0], [4, 4]])
    array([1, 0], dtype=int32)
    """

    _random_restarts = 3

    def __init__(self, n_clusters=8, *, init="k-means++", max_iter=100, batch_size=1024, compute_labels=True,
                 random_state=None, tol=0.0, max_no_improvement=10, init_size=None, n_init="auto",
                 reassignment_ratio=0.01):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.compute_labels = compute_labels
        self.random_state = random_state
        self.tol = tol
        self.max_no_improvement = max_no_improvement
        self.init_size = init_size
        self.n_init = n_init
        self.reassignment_ratio = reassignment_ratio

    def fit(self, X, y=None):
        """Fit the centroids on random mini-batches of ``X``; return ``self``."""
        X = check_array(X, name="X")
        n_samples = X.shape[0]
        n_clusters, init, n_init = self._check_params(X)
        random_state = check_random_state(self.random_state)
        tol = _relative_tolerance(X, self.tol)

        held_out = X[random_state.randint(0, n_samples, self._init_size)]
        best_inertia = None
        for _ in range(n_init):
            candidate = self._initial_centroids(X, n_clusters, init, random_state)
            held_out_inertia = _inertia(held_out, _nearest_centroid_labels(held_out, candidate), candidate)
            if best_inertia is None or held_out_inertia < best_inertia:
                centers, best_inertia = candidate, held_out_inertia

        self._counts = np.zeros(n_clusters)
        self._n_since_last_reassign = 0
        stopping = _InertiaEarlyStopping(self._batch_size, n_samples, self.max_no_improvement, tol)
        # scikit-learn draws each batch with choice(n, batch_size, p=uniform); that draw is
        # random_sample() located in the cumulative distribution, computed here once.
        cumulative = np.cumsum(np.ones(n_samples) / n_samples)
        cumulative /= cumulative[-1]
        n_steps = (self.max_iter * n_samples) // self._batch_size
        for step in range(n_steps):
            batch = X[cumulative.searchsorted(random_state.random_sample(self._batch_size), side="right")]
            new_centers, batch_inertia = self._step(batch, centers, random_state)
            squared_shift = float(np.sum((new_centers - centers) ** 2)) if tol > 0 else 0.0
            centers = new_centers
            if stopping.should_stop(step, batch_inertia, squared_shift):
                break

        check_n_features(self, X, reset=True)
        self.cluster_centers_ = centers
        self.n_steps_ = step + 1
        self.n_iter_ = int(np.ceil(self.n_steps_ * self._batch_size / n_samples))
        if self.compute_labels:
            self.labels_ = _nearest_centroid_labels(X, centers)
            self.inertia_ = _inertia(X, self.labels_, centers)
        else:
            self.inertia_ = stopping.inertia_per_sample * n_samples
        return self

    def partial_fit(self, X, y=None):
        """Update the centroids with one mini-batch ``X`` (the first call also initialises them)."""
        first_call = not hasattr(self, "cluster_centers_")
        X = check_array(X, name="X")
        if first_call:
            n_clusters, init, _ = self._check_params(X)
        if not hasattr(self, "_random_state"):
            self._random_state = check_random_state(self.random_state)
        check_n_features(self, X, reset=first_call)  # after the checks: bad parameters leave no fitted state
        if first_call:
            self.cluster_centers_ = self._initial_centroids(X, n_clusters, init, self._random_state)
            self._counts = np.zeros(n_clusters)
            self._n_since_last_reassign = 0
        self.cluster_centers_, _ = self._step(X, self.cluster_centers_, self._random_state)
        if self.compute_labels:
            self.labels_ = _nearest_centroid_labels(X, self.cluster_centers_)
            self.inertia_ = _inertia(X, self.labels_, self.cluster_centers_)
        self.n_steps_ = getattr(self, "n_steps_", 0) + 1
        return self

    def _step(self, batch, centers, random_state):
        """Assign one batch, fold it into the running means, maybe reassign; return (centers, batch inertia)."""
        reassign = self._reassignment_due()
        labels, batch_sums, batch_counts = _assign_in_blocks(batch, centers, sum_members=True)
        batch_inertia = _inertia(batch, labels, centers)
        new_centers = _running_mean_update(centers, self._counts, batch_sums, batch_counts)
        if reassign and self.reassignment_ratio > 0:
            _reassign_small_clusters(batch, new_centers, self._counts, self.reassignment_ratio, random_state)
        return new_centers, batch_inertia

    def _reassignment_due(self):
        """Every ``10 * n_clusters`` samples, or at once while some centroid has absorbed nothing."""
        self._n_since_last_reassign += self._batch_size
        if (self._counts == 0).any() or self._n_since_last_reassign >= 10 * self.n_clusters:
            self._n_since_last_reassign = 0
            return True
        return False

    def _check_params(self, X):
        n_clusters, init, n_init = self._check_common_params(X)
        check_scalar(self.batch_size, "batch_size", Integral, min_val=1, fix="Use a batch of at least one row.")
        if self.max_no_improvement is not None:
            check_scalar(self.max_no_improvement, "max_no_improvement", Integral, min_val=0,
                         fix="Use None to turn this stopping rule off.")
        if self.init_size is not None:
            check_scalar(self.init_size, "init_size", Integral, min_val=1, fix="Use None for 3 * batch_size.")
        # Above 1 even the largest cluster would count as stranded (scikit-learn then fails mid-fit).
        check_scalar(self.reassignment_ratio, "reassignment_ratio", Real, min_val=0, max_val=1,
                     fix="Use 0 to turn reassignment off, or a small fraction such as 0.01.")
        if not isinstance(self.compute_labels, (bool, np.bool_)):
            raise TypeError(f"compute_labels must be True or False, got {self.compute_labels!r}.")
        self._batch_size = min(int(self.batch_size), X.shape[0])
        init_size = self.init_size
        if init_size is None:
            init_size = 3 * self._batch_size
            if init_size < n_clusters:
                init_size = 3 * n_clusters
        elif init_size < n_clusters:
            warnings.warn(f"init_size={init_size} is smaller than n_clusters={n_clusters}; using "
                          f"3 * n_clusters = {3 * n_clusters} rows instead.", UserWarning, stacklevel=3)
            init_size = 3 * n_clusters
        self._init_size = min(init_size, X.shape[0])
        return n_clusters, init, n_init

    def _initial_centroids(self, X, n_clusters, init, random_state):
        """Starting centroids chosen from a random subset of ``init_size`` rows (all rows if fewer)."""
        if self._init_size < X.shape[0]:
            X = X[random_state.randint(0, X.shape[0], self._init_size)]
        if isinstance(init, np.ndarray):
            return init.copy()
        if init == "k-means++":
            return _kmeans_plusplus(X, n_clusters, np.einsum("ij,ij->i", X, X), random_state)[0]
        return X[_random_rows(X.shape[0], n_clusters, random_state)]
