r"""Agglomerative (hierarchical) clustering: start with every user alone, merge the two closest groups, repeat.

The algorithm of lesson 05:

1. Every point is a cluster of its own.
2. Find the two clusters that are closest under the chosen **linkage**
   (:func:`cluster_distance`):

   * single:   :math:`d(A, B) = \min_{a \in A, b \in B} d(a, b)`   (nearest members; can "chain")
   * complete: :math:`d(A, B) = \max_{a \in A, b \in B} d(a, b)`   (farthest members; compact clusters)
   * average:  :math:`d(A, B) = \frac{1}{|A||B|} \sum_{a \in A} \sum_{b \in B} d(a, b)`
   * Ward:     the increase of the within-cluster sum of squares (:func:`merge_cost`), reported
     as the height :math:`\sqrt{2\,\Delta J}` (:func:`ward_height`).

3. Merge them and write the merge down: which two clusters, at what height, how many points.
4. Repeat until one cluster is left. The n - 1 merges form the tree drawn as a
   **dendrogram**; cutting it at a height (or at k clusters) gives a flat clustering
   (:func:`fcluster`).

:func:`linkage_textbook` is exactly that loop, with cluster distances computed
from their definitions: simple, and :math:`O(n^3)` or worse. :func:`linkage` gives
the same merges in :math:`O(n^2)` time:

* after a merge, distances to the new cluster follow from the old ones by the
  **Lance-Williams** formulas (:func:`lance_williams_update`), so members are
  never revisited;
* complete, average and Ward use the **nearest-neighbour chain**
  (:func:`nearest_neighbour_chain`): follow nearest neighbours until two clusters
  are each other's nearest neighbour, and merge those;
* single linkage is the **minimum spanning tree** (:func:`minimum_spanning_tree`):
  its edges, shortest first, are the single-linkage merges.

Both produce the merges in their own order; :func:`linkage_matrix_from_merges`
sorts them by height and numbers the clusters as SciPy does, so the result is
SciPy's linkage matrix. Either way the algorithm needs every pairwise distance:
:math:`O(n^2)` memory (200 MB of float64 for 5,000 points), which is what limits
hierarchical clustering to moderate data sizes.

Conventions are SciPy 1.17.1's (:func:`linkage`, :func:`fcluster`,
:func:`dendrogram`) and scikit-learn 1.9.1's (:class:`AgglomerativeClustering`).
"""

import heapq
from numbers import Integral, Real

import numpy as np

from ._validation import check_array, check_n_features, check_option, check_scalar
from .base import BaseEstimator, ClusterMixin
from .distances import euclidean_distances_by_differences, pairwise_distances

__all__ = [
    "merge_cost", "ward_height", "cluster_distance", "lance_williams_update", "distance_matrix",
    "nearest_neighbour_chain", "minimum_spanning_tree", "linkage_matrix_from_merges", "linkage",
    "linkage_textbook", "check_linkage_matrix", "fcluster", "dendrogram", "AgglomerativeClustering",
]

METHODS = ("single", "complete", "average", "ward")
METRICS = ("euclidean", "manhattan", "cosine", "precomputed")
CRITERIA = ("maxclust", "distance")

# single, complete and average linkage reduce the |A| x |B| block of point distances to one number.
_BLOCK_REDUCTIONS = {"single": np.min, "complete": np.max, "average": np.mean}


# --------------------------------------------------------------------------------------------------
# Ward's merge cost
# --------------------------------------------------------------------------------------------------

def merge_cost(size_a, size_b, centroid_a, centroid_b):
    r"""Ward's merge cost: how much merging clusters A and B raises the within-cluster sum of squares.

    .. math:: \Delta J(A, B) = \frac{|A|\,|B|}{|A| + |B|}\, \lVert \mu_A - \mu_B \rVert^2

    Parameters
    ----------
    size_a, size_b : int
        Number of points in each cluster, at least 1.
    centroid_a, centroid_b : array-like of shape (n_features,)
        The clusters' means :math:`\mu_A, \mu_B`.

    Returns
    -------
    float

    Notes
    -----
    Write :math:`J(C) = \sum_{x \in C} \lVert x - \mu_C \rVert^2` and :math:`m = \mu_{A \cup B}
    = (|A|\mu_A + |B|\mu_B) / (|A| + |B|)`. For any point set and any vector :math:`v`,
    :math:`\sum_{x \in A} \lVert x - v \rVert^2 = J(A) + |A|\,\lVert \mu_A - v \rVert^2`
    (expand the square; the cross term vanishes because :math:`\sum_{x \in A} (x - \mu_A) = 0`). With
    :math:`v = m`,

    .. math:: J(A \cup B) = J(A) + |A|\,\lVert \mu_A - m \rVert^2 + J(B) + |B|\,\lVert \mu_B - m \rVert^2 .

    Since :math:`\mu_A - m = \frac{|B|}{|A|+|B|}(\mu_A - \mu_B)` and
    :math:`\mu_B - m = -\frac{|A|}{|A|+|B|}(\mu_A - \mu_B)`, the increase is

    .. math:: \Delta J = \frac{|A||B|^2 + |B||A|^2}{(|A|+|B|)^2}\lVert \mu_A - \mu_B \rVert^2
              = \frac{|A||B|}{|A|+|B|}\lVert \mu_A - \mu_B \rVert^2 .

    Far-apart centroids cost more, and so do big clusters: Ward prefers to merge
    small, close groups, which is why its clusters come out compact and similar in size.

    Examples
    --------
    >>> merge_cost(1, 1, [1.0, 1.0], [1.5, 2.0])  # two points: half their squared distance
    0.625
    >>> merge_cost(2, 1, [1.0], [4.0])            # {0, 2} and {4}: J goes from 2 to 8
    6.0
    """
    size_a = check_scalar(size_a, "size_a", Integral, min_val=1,
                          fix="Pass |A|, the number of points in cluster A (1 or more).")
    size_b = check_scalar(size_b, "size_b", Integral, min_val=1,
                          fix="Pass |B|, the number of points in cluster B (1 or more).")
    centroid_a = check_array(centroid_a, name="centroid_a", ensure_2d=False)
    centroid_b = check_array(centroid_b, name="centroid_b", ensure_2d=False)
    if centroid_a.shape != centroid_b.shape:
        raise ValueError(f"centroid_a and centroid_b must have the same number of features, got "
                         f"{centroid_a.shape[0]} and {centroid_b.shape[0]}. Pass the clusters' means over "
                         "the same columns, e.g. X[members_a].mean(axis=0) and X[members_b].mean(axis=0).")
    difference = centroid_a - centroid_b
    return float(size_a * size_b / (size_a + size_b) * (difference @ difference))


def ward_height(size_a, size_b, centroid_a, centroid_b):
    r"""The height SciPy and scikit-learn draw for a Ward merge: :math:`\sqrt{2\,\Delta J(A, B)}`.

    .. math:: h(A, B) = \sqrt{\frac{2\,|A|\,|B|}{|A| + |B|}}\; \lVert \mu_A - \mu_B \rVert

    Why :math:`\sqrt{2\Delta J}` and not :math:`\Delta J`: for two single points
    :math:`\Delta J = \tfrac12 \lVert a - b \rVert^2`, so :math:`\sqrt{2\Delta J} = \lVert a - b \rVert`,
    the ordinary distance. The height is therefore on the same scale as the other
    linkages (it starts from the Euclidean distances), and it is exactly the quantity
    the Lance-Williams recurrence for Ward (:func:`lance_williams_update`) produces
    when started from Euclidean distances: that recurrence holds for
    :math:`c\,\frac{|A||B|}{|A|+|B|}\lVert \mu_A - \mu_B \rVert^2` with any constant :math:`c`,
    and squared Euclidean distances between single points fix :math:`c = 2`. Merge
    order is unchanged, since :math:`\sqrt{2x}` grows with :math:`x`.

    >>> ward_height(1, 1, [0.0, 0.0], [3.0, 4.0])
    5.0
    """
    return float(np.sqrt(2.0 * merge_cost(size_a, size_b, centroid_a, centroid_b)))


def cluster_distance(points_a, points_b, method="single", metric="euclidean"):
    r"""Distance between two clusters of points, from the linkage's definition.

    single, complete and average take the minimum, maximum and mean of the
    :math:`|A| \times |B|` distances between members; Ward returns
    :func:`ward_height` (Euclidean only). Useful for checking a hand calculation
    step; :func:`linkage` never recomputes these from the points.

    Parameters
    ----------
    points_a, points_b : array-like of shape (size_a, n_features), (size_b, n_features)
    method : {'single', 'complete', 'average', 'ward'}, default='single'
    metric : {'euclidean', 'manhattan', 'cosine'}, default='euclidean'

    Examples
    --------
    >>> A, B = [[1.0], [2.0], [3.0]], [[6.0]]
    >>> [cluster_distance(A, B, m) for m in ("single", "complete", "average")]
    [3.0, 5.0, 4.0]
    """
    method = check_option(method, "method", METHODS)
    metric = check_option(metric, "metric", METRICS[:-1])
    _check_ward_metric(method, metric)
    A = check_array(points_a, name="points_a")
    B = check_array(points_b, name="points_b")
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"points_a and points_b must have the same number of features, got {A.shape[1]} "
                         f"and {B.shape[1]}. Pass the rows of both clusters with the same columns, e.g. "
                         "X[members_a] and X[members_b].")
    if method == "ward":
        return ward_height(len(A), len(B), A.mean(axis=0), B.mean(axis=0))
    return float(_BLOCK_REDUCTIONS[method](pairwise_distances(A, B, metric=metric)))


# --------------------------------------------------------------------------------------------------
# Lance-Williams: distances to a merged cluster from distances to its two parts
# --------------------------------------------------------------------------------------------------

def lance_williams_update(d_xi, d_yi, d_xy, size_x, size_y, size_i, method):
    r"""Distance from cluster i to the merged cluster :math:`x \cup y`, without looking at any point.

    Lance and Williams (1967) showed that for these linkages

    .. math:: d(i, x \cup y) = \alpha_x\, d(i, x) + \alpha_y\, d(i, y) + \beta\, d(x, y)
              + \gamma\, \lvert d(i, x) - d(i, y) \rvert

    with coefficients that depend only on the cluster sizes :math:`n_x, n_y, n_i`:

    * single:   :math:`\alpha_x = \alpha_y = \tfrac12,\ \beta = 0,\ \gamma = -\tfrac12`
    * complete: :math:`\alpha_x = \alpha_y = \tfrac12,\ \beta = 0,\ \gamma = +\tfrac12`
    * average:  :math:`\alpha_x = \frac{n_x}{n_x + n_y},\ \alpha_y = \frac{n_y}{n_x + n_y},\ \beta = \gamma = 0`
    * ward:     :math:`\alpha_x = \frac{n_i + n_x}{n_{ixy}},\ \alpha_y = \frac{n_i + n_y}{n_{ixy}},\
      \beta = -\frac{n_i}{n_{ixy}},\ \gamma = 0`

    where :math:`n_{ixy} = n_i + n_x + n_y` and, for Ward only, every :math:`d` in the
    formula is squared (Ward heights, see :func:`ward_height`). So single is the
    smaller of the two distances, complete the larger, average the size-weighted
    mean, and Ward

    .. math:: d(i, x \cup y) = \sqrt{\frac{(n_i + n_x)\, d(i,x)^2 + (n_i + n_y)\, d(i,y)^2
              - n_i\, d(x,y)^2}{n_i + n_x + n_y}} .

    The arithmetic follows SciPy's order of operations, so ties are broken the same way.

    Parameters
    ----------
    d_xi, d_yi : float or ndarray
        Distances from cluster(s) i to x and to y.
    d_xy : float
        Distance between x and y (the height of their merge).
    size_x, size_y : int
        Sizes of x and y.
    size_i : int or ndarray
        Size(s) of cluster(s) i (broadcast with ``d_xi``).
    method : {'single', 'complete', 'average', 'ward'}

    Examples
    --------
    Points 1, 2 and 6 on a line; merge x = {1} and y = {2} (distance 1):

    >>> lance_williams_update(5.0, 4.0, 1.0, 1, 1, 1, "average")  # mean of |6-1| and |6-2|
    4.5
    >>> round(float(lance_williams_update(5.0, 4.0, 1.0, 1, 1, 1, "ward")), 6)  # sqrt(2 * 2/3 * 4.5^2)
    5.196152
    """
    method = check_option(method, "method", METHODS)
    if method == "single":
        return np.minimum(d_xi, d_yi)
    if method == "complete":
        return np.maximum(d_xi, d_yi)
    if method == "average":
        return (size_x * d_xi + size_y * d_yi) / (size_x + size_y)
    t = 1.0 / (size_x + size_y + size_i)
    return np.sqrt((size_i + size_x) * t * d_xi * d_xi + (size_i + size_y) * t * d_yi * d_yi
                   - size_i * t * d_xy * d_xy)


# --------------------------------------------------------------------------------------------------
# Input: points or a precomputed distance matrix -> a square matrix of pairwise distances
# --------------------------------------------------------------------------------------------------

def _check_ward_metric(method, metric, name="method"):
    """Ward needs Euclidean distances; ``name`` is what the caller calls the linkage ('method' or 'linkage')."""
    if method == "ward" and metric != "euclidean":
        raise ValueError(
            f"{name}='ward' needs metric='euclidean' (got metric={metric!r}): Ward's merge cost is a sum of "
            "squared Euclidean distances to centroids, so it needs the points themselves. Pass the data with "
            f"metric='euclidean', or use {name}='average', 'complete' or 'single' with other distances."
        )


def _number_of_dimensions(X):
    """``np.ndim(X)``; for a ragged nested list, check_array's clear error (naming X) instead of NumPy's."""
    try:
        return np.ndim(X)
    except ValueError:
        check_array(X, name="X")  # raises: "X could not be read as a rectangular array ..."
        raise


def _validate_input(X, method, metric):
    """Check the options and the data; return (method, metric, validated points or distances)."""
    method = check_option(method, "method", METHODS)
    metric = check_option(metric, "metric", METRICS)
    _check_ward_metric(method, metric)
    if metric == "precomputed":
        return method, metric, _validate_precomputed(X)
    if _number_of_dimensions(X) == 1:
        raise ValueError(
            f"X must be 2-D with shape (n_samples, n_features), but a 1-D array of length {np.shape(X)[0]} was "
            "given. If it is a condensed distance matrix (as SciPy's pdist returns), pass metric='precomputed'; "
            "if it is one feature, use X.reshape(-1, 1)."
        )
    X = check_array(X, name="X", min_samples=2)
    if metric == "cosine":
        zero_rows = np.flatnonzero(~X.any(axis=1))
        if zero_rows.size:
            raise ValueError(
                f"X has a row of zeros (row {zero_rows[0]}); the cosine distance of a zero vector is undefined. "
                "Remove those rows or use metric='euclidean' or 'manhattan'."
            )
    return method, metric, X


def _validate_precomputed(D, *, accept_condensed=True):
    """A condensed vector (if ``accept_condensed``) or a square matrix of distances -> validated array."""
    if _number_of_dimensions(D) == 1:
        if not accept_condensed:
            raise ValueError(
                f"With metric='precomputed', X must be the square (n, n) distance matrix, but a 1-D array of "
                f"length {np.shape(D)[0]} was given. If it is a condensed distance vector (as SciPy's pdist "
                "returns), pass scipy.spatial.distance.squareform(X); linkage(X, method, 'precomputed') "
                "accepts the condensed vector as it is."
            )
        D = check_array(D, name="X", ensure_2d=False, min_samples=1)
        _n_from_condensed_length(len(D))
    else:
        D = check_array(D, name="X", min_samples=2)
        n = D.shape[0]
        if D.shape[1] != n:
            accepted = ("a square (n, n) distance matrix or a condensed vector" if accept_condensed
                        else "a square (n, n) distance matrix")
            raise ValueError(
                f"With metric='precomputed', X must be {accepted}, got shape {D.shape}. Pass all pairwise "
                "distances, e.g. pairwise_distances(points)."
            )
        scale = max(1.0, float(np.abs(D).max()))
        if not np.allclose(D, D.T, rtol=1e-7, atol=1e-7 * scale):  # allows rounding, not a wrong matrix
            i, j = np.unravel_index(np.argmax(np.abs(D - D.T)), D.shape)
            raise ValueError(
                f"With metric='precomputed', X must be symmetric, but X[{i}, {j}] = {D[i, j]:g} and "
                f"X[{j}, {i}] = {D[j, i]:g}. A distance matrix has d(a, b) = d(b, a); if yours is one up to "
                "rounding, pass (X + X.T) / 2."
            )
        if np.any(np.abs(np.diag(D)) > 1e-7 * scale):
            i = int(np.argmax(np.abs(np.diag(D))))
            raise ValueError(
                f"With metric='precomputed', the diagonal of X must be zero (every point is at distance 0 from "
                f"itself), but X[{i}, {i}] = {D[i, i]:g}. Check that X holds distances, not similarities."
            )
    if np.any(D < 0):
        raise ValueError(
            f"With metric='precomputed', X must hold non-negative distances, but its smallest entry is "
            f"{D.min():g}. Check that X holds distances, not similarities or differences."
        )
    return D


def _n_from_condensed_length(m):
    """n such that n (n - 1) / 2 == m, or a ValueError."""
    n = int(round((1 + np.sqrt(1 + 8 * m)) / 2))
    if n * (n - 1) // 2 != m:
        raise ValueError(
            f"With metric='precomputed', a 1-D X must be a condensed distance matrix of length n * (n - 1) / 2 "
            f"(1, 3, 6, 10, ...), but it has length {m}. Use SciPy's pdist or the upper triangle of the square "
            "matrix, or pass the square (n, n) matrix instead."
        )
    return n


def distance_matrix(X, metric="euclidean"):
    r"""The square matrix of pairwise distances the algorithms start from, one value per pair.

    Parameters
    ----------
    X : ndarray
        Validated points of shape (n_samples, n_features), or, with ``metric='precomputed'``, a
        validated condensed vector or square matrix of distances.
    metric : {'euclidean', 'manhattan', 'cosine', 'precomputed'}

    Returns
    -------
    D : ndarray of shape (n_samples, n_samples)
        A new array (the input is never changed), exactly symmetric, zero diagonal.

    Notes
    -----
    Manhattan and cosine distances come from :func:`course_lib.distances.pairwise_distances`.
    Euclidean distances are computed by the plain formula :math:`\sqrt{\sum_j (x_j - y_j)^2}`, as
    SciPy's ``pdist`` does, and not by the faster matrix-product form
    :math:`\lVert x\rVert^2 - 2\,x\cdot y + \lVert y\rVert^2` that ``pairwise_distances`` uses. That form
    subtracts numbers of the size of :math:`\lVert x \rVert^2`, so for two points much closer to each
    other than to the origin most digits cancel (identical points come out about
    :math:`10^{-8}\lVert x \rVert` apart instead of 0), and equal distances, for example to two copies of
    the same point, can come out unequal in the last digit. A tree is very sensitive to both: which of
    several equally close pairs merges first is decided by exact equality, so only the plain formula
    reproduces SciPy's tree on data with ties (integer data, duplicate points).

    As in SciPy, each pair has one distance: the upper triangle (``D[i, j]`` with
    ``i < j``) is copied onto the lower one, so a precomputed matrix that is
    symmetric only up to rounding cannot make ``D[i, j]`` and ``D[j, i]`` disagree.
    """
    if metric == "precomputed":
        D = _square_from_precomputed(X)
    elif metric == "euclidean":
        D = euclidean_distances_by_differences(X)
    else:
        D = pairwise_distances(X, metric=metric)
    _copy_upper_triangle_to_lower(D)
    np.fill_diagonal(D, 0.0)
    return D


def _square_from_precomputed(D):
    if D.ndim == 2:
        return D.copy()
    n = _n_from_condensed_length(len(D))
    square = np.zeros((n, n))
    start = 0
    for i in range(n - 1):  # row i of the condensed vector holds d(i, i+1), ..., d(i, n-1)
        square[i, i + 1:] = D[start:start + n - 1 - i]
        start += n - 1 - i
    return square


def _copy_upper_triangle_to_lower(D):
    for i in range(1, len(D)):
        D[i, :i] = D[:i, i]


# --------------------------------------------------------------------------------------------------
# The fast algorithms: each returns the merges (cluster slot x, cluster slot y, height) in the order found
# --------------------------------------------------------------------------------------------------

def nearest_neighbour_chain(D, method):
    r"""Complete, average or Ward linkage by the nearest-neighbour chain, in :math:`O(n^2)` time.

    Start a chain at any cluster and keep stepping to the current end's nearest
    neighbour. Distances along the chain can only shrink, so the chain ends at two
    clusters that are each other's nearest neighbour ("reciprocal nearest
    neighbours"). Merge those, drop them from the chain, and carry on from what is
    left of it. For these linkages merging a reciprocal pair never brings another
    cluster closer than before (the *reducibility* property, which follows from the
    Lance-Williams formulas), so the rest of the chain stays valid and every merge
    is one the textbook loop would also make, only possibly in a different order.

    Parameters
    ----------
    D : ndarray of shape (n, n)
        Symmetric pairwise distances (see :func:`distance_matrix`). Used as the
        working memory and overwritten: pass a copy if you need it afterwards.
    method : {'complete', 'average', 'ward'}

    Returns
    -------
    merges : ndarray of shape (n - 1, 3)
        Rows ``(x, y, height)`` in the order found. Clusters are known by *slots*:
        slot ``i`` starts as point ``i``; when x < y merge, the new cluster takes slot
        y and slot x is emptied (SciPy's convention). :func:`linkage_matrix_from_merges`
        turns this into a linkage matrix.

    Notes
    -----
    Ties are broken as in SciPy: a chain starts at the lowest-numbered remaining
    cluster, the previous cluster in the chain is kept as the nearest neighbour unless
    another one is strictly closer, and otherwise the lowest-numbered closest
    cluster is taken.
    """
    method = check_option(method, "method", ("complete", "average", "ward"))
    n = len(D)
    np.fill_diagonal(D, np.inf)  # a cluster is never its own nearest neighbour
    size = np.ones(n)            # points per slot; 0 once the slot is emptied
    # +inf for emptied slots, added to a row before searching it. Row and column x of an emptied slot are
    # left as they are: this saves rewriting a column (a slow, strided write) at every merge.
    emptied = np.zeros(n)
    merges = np.empty((n - 1, 3))
    chain = []
    for k in range(n - 1):
        if not chain:
            chain.append(int(np.flatnonzero(size)[0]))
        x, y = _follow_chain_to_reciprocal_pair(D, emptied, chain)
        x, y = min(x, y), max(x, y)
        height = D[x, y]
        merges[k] = x, y, height
        new_distances = lance_williams_update(D[x], D[y], height, size[x], size[y], size, method)
        size[y] += size[x]
        size[x] = 0
        emptied[x] = np.inf
        D[y, :] = new_distances
        D[:, y] = new_distances
        D[y, y] = np.inf
    return merges


def _follow_chain_to_reciprocal_pair(D, emptied, chain):
    """Extend ``chain`` by nearest neighbours until its last two clusters are mutual; pop and return them."""
    while True:
        x = chain[-1]
        distances = D[x] + emptied
        y = int(np.argmin(distances))  # the lowest-numbered closest cluster
        if len(chain) > 1 and distances[chain[-2]] <= distances[y]:
            previous = chain[-2]
            del chain[-2:]
            return x, previous
        chain.append(y)


def minimum_spanning_tree(D):
    r"""Single linkage by Prim's minimum spanning tree, in :math:`O(n^2)` time.

    Grow a tree from point 0: repeatedly add the outside point closest to any point
    already in the tree. Gower and Ross (1969): the single-linkage merges are
    exactly the tree's edges taken from shortest to longest, because the closest
    pair of clusters under single linkage is joined by the shortest edge between them.

    Parameters
    ----------
    D : ndarray of shape (n, n)
        Symmetric pairwise distances (not modified).

    Returns
    -------
    merges : ndarray of shape (n - 1, 3)
        The tree's edges ``(point in the tree, point added, length)``, in the order
        they were added; :func:`linkage_matrix_from_merges` sorts them.

    Notes
    -----
    As in SciPy, among equally close outside points the lowest-numbered one is added first.
    """
    n = len(D)
    in_tree = np.zeros(n, dtype=bool)
    distance_to_tree = np.full(n, np.inf)
    nearest_in_tree = np.zeros(n, dtype=np.intp)
    merges = np.empty((n - 1, 3))
    newest = 0
    for k in range(n - 1):
        in_tree[newest] = True
        closer = (D[newest] < distance_to_tree) & ~in_tree
        distance_to_tree[closer] = D[newest, closer]
        nearest_in_tree[closer] = newest
        newest = int(np.argmin(distance_to_tree))  # points in the tree sit at inf
        merges[k] = nearest_in_tree[newest], newest, distance_to_tree[newest]
        distance_to_tree[newest] = np.inf
    return merges


def linkage_matrix_from_merges(merges, n_samples, *, smaller_first=True):
    """Sort merges by height and number the clusters as SciPy does: the linkage matrix.

    Row k of the result merges clusters ``Z[k, 0] < Z[k, 1]`` at height ``Z[k, 2]`` into
    a cluster of ``Z[k, 3]`` points, which from then on is called ``n_samples + k``;
    clusters ``0 .. n_samples - 1`` are the single points. Equal heights keep the
    order in which the algorithm found them (a stable sort), as SciPy does. The
    current name of the cluster holding a point or slot is tracked with a
    union-find structure.

    Parameters
    ----------
    merges : ndarray of shape (n_samples - 1, 3)
        ``(a, b, height)`` rows, where a and b are any point or slot inside the two clusters.
    n_samples : int
    smaller_first : bool, default=True
        Put the smaller cluster name first, as SciPy does. False keeps each merge's
        (a, b) orientation, as scikit-learn's own single-linkage tree does.

    Returns
    -------
    Z : ndarray of shape (n_samples - 1, 4)
    """
    merges = merges[np.argsort(merges[:, 2], kind="stable")]
    parent = np.arange(2 * n_samples - 1)   # parent[c] == c: c is the current name of its cluster
    size = np.ones(2 * n_samples - 1)
    Z = np.empty((n_samples - 1, 4))
    for k, (a, b, height) in enumerate(merges):
        name_a, name_b = _current_name(parent, int(a)), _current_name(parent, int(b))
        new = n_samples + k
        size[new] = size[name_a] + size[name_b]
        if smaller_first and name_a > name_b:
            name_a, name_b = name_b, name_a
        Z[k] = name_a, name_b, height, size[new]
        parent[name_a] = parent[name_b] = new
    return Z


def _current_name(parent, node):
    root = node
    while parent[root] != root:
        root = parent[root]
    while parent[node] != root:  # point the whole path straight at the root for next time
        parent[node], node = root, parent[node]
    return root


# --------------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------------

def linkage(X, method="single", metric="euclidean"):
    r"""Agglomerative clustering: the full merge tree as SciPy's linkage matrix.

    Parameters
    ----------
    X : array-like
        Points of shape (n_samples, n_features), or with ``metric='precomputed'``
        distances: a condensed vector (the upper triangle row by row, as SciPy's
        ``pdist`` returns) or a square (n_samples, n_samples) matrix.
    method : {'single', 'complete', 'average', 'ward'}, default='single'
        How the distance between two clusters is measured (see the module docstring).
    metric : {'euclidean', 'manhattan', 'cosine', 'precomputed'}, default='euclidean'
        Distance between points. Ward needs 'euclidean' and the points themselves.

    Returns
    -------
    Z : ndarray of shape (n_samples - 1, 4)
        Row k: the two clusters merged (``Z[k, 0] < Z[k, 1]``), the merge height, and
        the size of the new cluster, which is called ``n_samples + k`` afterwards.
        Heights never decrease down the rows.

    Notes
    -----
    Single linkage uses :func:`minimum_spanning_tree`; the others use
    :func:`nearest_neighbour_chain` with :func:`lance_williams_update`. Both are
    :math:`O(n^2)` time and memory; :func:`linkage_textbook` is the :math:`O(n^3)` loop.
    The result equals ``scipy.cluster.hierarchy.linkage(X, method, metric)`` (with
    SciPy's metric name 'cityblock' for 'manhattan'): same merges, same order, same
    numbering, heights to rounding. When distances tie, SciPy's tie-breaking is
    followed, so the trees agree as long as the distances themselves come out
    identical (they do for integer data). Ward heights are :math:`\sqrt{2\Delta J}`
    (:func:`ward_height`).

    Examples
    --------
    Seed 002, exercise 9: single linkage on the points 1, 2, 3, 10, 11, 12, 6.

    >>> Z = linkage([[1], [2], [3], [10], [11], [12], [6]], method="single")
    >>> Z[:, 2]
    array([1., 1., 1., 1., 3., 4.])
    >>> Z[-1]   # the last merge: {10, 11, 12} (cluster 10) and {1, 2, 3, 6} (cluster 11), 7 points
    array([10., 11.,  4.,  7.])
    """
    method, metric, X = _validate_input(X, method, metric)
    D = distance_matrix(X, metric)
    if method == "single":
        merges = minimum_spanning_tree(D)
    else:
        merges = nearest_neighbour_chain(D, method)
    return linkage_matrix_from_merges(merges, len(D))


def linkage_textbook(X, method="single", metric="euclidean"):
    r"""The same tree as :func:`linkage`, computed the obvious way (for teaching and testing).

    Keep a list of clusters; at every step compute the distance between every pair
    from its definition (:func:`cluster_distance`'s rules on the members' distances,
    or Ward's :func:`ward_height` from the members' means), merge the closest pair
    (the first one found on ties), and record it. Each step costs :math:`O(n^2)`
    pair evaluations over all members, so use it on a few dozen points only.

    Parameters and return value are as for :func:`linkage`.
    """
    method, metric, X = _validate_input(X, method, metric)
    D = distance_matrix(X, metric)
    n = len(D)
    members = {i: [i] for i in range(n)}  # cluster name -> its points
    Z = np.empty((n - 1, 4))
    for k in range(n - 1):
        names = sorted(members)
        best = (np.inf, None, None)
        for position, a in enumerate(names):
            for b in names[position + 1:]:
                if method == "ward":
                    A, B = members[a], members[b]
                    distance = ward_height(len(A), len(B), X[A].mean(axis=0), X[B].mean(axis=0))
                else:
                    distance = _BLOCK_REDUCTIONS[method](D[np.ix_(members[a], members[b])])
                if distance < best[0]:
                    best = (distance, a, b)
        distance, a, b = best
        Z[k] = a, b, distance, len(members[a]) + len(members[b])
        members[n + k] = members.pop(a) + members.pop(b)
    return Z


# --------------------------------------------------------------------------------------------------
# Reading the tree: flat clusters and the dendrogram layout
# --------------------------------------------------------------------------------------------------

def check_linkage_matrix(Z):
    """Return ``Z`` as a float array if it is a valid SciPy-style linkage matrix, else raise ``ValueError``.

    Valid: shape (n - 1, 4), each row merging two existing clusters (leaves 0 .. n-1, or a
    cluster formed by an earlier row), each cluster used once, heights never negative.
    """
    Z = check_array(Z, name="Z")
    n = Z.shape[0] + 1
    if Z.shape[1] != 4:
        raise ValueError(f"Z must be a linkage matrix of shape (n_samples - 1, 4), as linkage() returns, got "
                         f"shape {Z.shape}.")
    children = Z[:, :2]
    newest_allowed = n + np.arange(n - 1)[:, None]  # row k may only use clusters formed before it
    if (np.any(children != np.floor(children)) or np.any(children < 0) or np.any(children >= newest_allowed)
            or len(np.unique(children)) != children.size):
        raise ValueError("Z is not a valid linkage matrix: its first two columns must name each existing cluster "
                         "once (row k may use clusters 0 .. n_samples + k - 1). Pass the matrix linkage() returns.")
    if np.any(Z[:, 2] < 0):
        row = int(np.argmax(Z[:, 2] < 0))
        raise ValueError(f"Z is not a valid linkage matrix: merge heights (column 2) must be non-negative, "
                         f"but row {row} has height {Z[row, 2]:g}. Pass the matrix linkage() returns; its "
                         "heights are distances, never negative.")
    return Z


def _highest_merge_below(Z, n):
    """For every merge, the highest merge height in its subtree (its own height for linkage() output)."""
    highest = Z[:, 2].copy()
    for k, (left, right) in enumerate(Z[:, :2].astype(np.intp)):
        for child in (left, right):
            if child >= n:
                highest[k] = max(highest[k], highest[child - n])
    return highest


def fcluster(Z, t, criterion="maxclust"):
    r"""Cut the tree into flat clusters: at most ``t`` clusters, or at height ``t``.

    Parameters
    ----------
    Z : array-like of shape (n_samples - 1, 4)
        A linkage matrix, as :func:`linkage` returns.
    t : int or float
        With ``criterion='maxclust'``, the number of clusters wanted (1 to n_samples);
        with ``criterion='distance'``, the cut height (at least 0).
    criterion : {'maxclust', 'distance'}, default='maxclust'
        'distance': points end up together when they are joined by merges at
        height at most ``t``. 'maxclust': the lowest such cut that leaves at most
        ``t`` clusters (fewer if merges at the same height cannot be split).

    Returns
    -------
    labels : ndarray of shape (n_samples,), dtype int32
        Cluster numbers 1, 2, ..., as SciPy numbers them.

    Notes
    -----
    Same labels as ``scipy.cluster.hierarchy.fcluster`` (whose default criterion,
    'inconsistent', is not offered here). Clusters are numbered in the order a
    depth-first walk from the root meets them, left branch (``Z[k, 0]``) first: a
    merge at or below the cut gets the next number when the walk enters it, while a
    point that is a cluster on its own gets its number when the walk has finished
    both branches of the merge just above it.

    Examples
    --------
    >>> Z = linkage([[1], [2], [3], [10], [11], [12], [6]], method="complete")
    >>> fcluster(Z, 2)
    array([2, 2, 2, 1, 1, 1, 2], dtype=int32)
    >>> fcluster(Z, 3, criterion="distance")
    array([2, 2, 2, 1, 1, 1, 3], dtype=int32)
    """
    Z = check_linkage_matrix(Z)
    criterion = check_option(criterion, "criterion", CRITERIA)
    n = len(Z) + 1
    highest = _highest_merge_below(Z, n)
    if criterion == "distance":
        cut = check_scalar(t, "t", Real, min_val=0, fix="t is a height on the dendrogram's vertical axis.")
    else:
        check_scalar(t, "t", Integral, min_val=1, max_val=n,
                     fix=f"With criterion='maxclust', t is a number of clusters between 1 and n_samples={n}.")
        if t == n:
            return np.arange(1, n + 1, dtype=np.int32)
        cut = _lowest_cut_with_at_most(highest, n, t)
    return _number_clusters_below_cut(Z, highest, cut, n)


def _lowest_cut_with_at_most(highest, n, n_clusters):
    """The lowest merge height at which cutting leaves at most ``n_clusters`` clusters."""
    heights = np.sort(highest)
    # Cutting at height h undoes no merge at or below h: n minus that many merges remain as clusters.
    clusters_left = n - np.searchsorted(heights, heights, side="right")
    return heights[np.argmax(clusters_left <= n_clusters)]


def _number_clusters_below_cut(Z, highest, cut, n):
    labels = np.zeros(n, dtype=np.int32)
    count = 0
    # Depth-first walk with an explicit stack (the tree can be n levels deep):
    # (node, number of the cluster we are inside, or 0, whether its branches are done)
    stack = [(2 * n - 2, 0, False)]
    while stack:
        node, inside, branches_done = stack.pop()
        left, right = (int(c) for c in Z[node - n, :2])
        if not branches_done:
            if not inside and highest[node - n] <= cut:
                count += 1
                inside = count
            stack.append((node, inside, True))
            stack.extend((child, inside, False) for child in (right, left) if child >= n)  # left on top
            continue
        for point in (left, right):
            if point < n:
                if not inside:
                    count += 1
                labels[point] = inside or count
    return labels


def dendrogram(Z):
    r"""Where to draw the dendrogram: the order of the leaves and one upside-down U per merge.

    Leaves are placed left to right in the order of a depth-first walk that visits
    the left cluster ``Z[k, 0]`` first, at x = 5, 15, 25, ...; a merge is drawn as a
    U whose legs stand on its two clusters (at their heights) and whose bar is at the
    merge height, and the merged cluster sits at the middle of the bar.

    Parameters
    ----------
    Z : array-like of shape (n_samples - 1, 4)
        A linkage matrix, as :func:`linkage` returns.

    Returns
    -------
    dict with
        ``'leaves'`` : ndarray of shape (n_samples,), the points from left to right;
        ``'icoord'``, ``'dcoord'`` : ndarrays of shape (n_samples - 1, 4), the x and y
        of the four corners of each U (left leg bottom, left top, right top, right leg bottom);
        ``'merges'`` : ndarray of shape (n_samples - 1,), the row of ``Z`` each U draws.

    Notes
    -----
    Same layout as ``scipy.cluster.hierarchy.dendrogram(Z, no_plot=True)``: its
    ``leaves``, ``icoord`` and ``dcoord`` in the same order (a U is listed after
    everything below it, left branch first). Draw it with
    :func:`course_lib.plotting.plot_dendrogram`.

    Examples
    --------
    >>> Z = linkage([[1], [2], [3], [10], [11], [12], [6]], method="single")
    >>> dendrogram(Z)["leaves"]
    array([5, 3, 4, 6, 2, 0, 1])
    """
    Z = check_linkage_matrix(Z)
    n = len(Z) + 1
    leaves, merges = [], []
    stack = [(2 * n - 2, False)]
    while stack:  # depth-first, left branch first; a merge is recorded after both its branches
        node, branches_done = stack.pop()
        if node < n:
            leaves.append(node)
        elif branches_done:
            merges.append(node - n)
        else:
            left, right = (int(c) for c in Z[node - n, :2])
            stack.extend([(node, True), (right, False), (left, False)])
    x = np.empty(2 * n - 1)
    height = np.zeros(2 * n - 1)
    x[leaves] = 5.0 + 10.0 * np.arange(n)
    icoord = np.empty((n - 1, 4))
    dcoord = np.empty((n - 1, 4))
    for i, k in enumerate(merges):
        left, right = (int(c) for c in Z[k, :2])
        x[n + k] = (x[left] + x[right]) / 2
        height[n + k] = Z[k, 2]
        icoord[i] = x[left], x[left], x[right], x[right]
        dcoord[i] = height[left], Z[k, 2], Z[k, 2], height[right]
    return {"leaves": np.array(leaves), "icoord": icoord, "dcoord": dcoord, "merges": np.array(merges)}


# --------------------------------------------------------------------------------------------------
# The estimator
# --------------------------------------------------------------------------------------------------

class AgglomerativeClustering(ClusterMixin, BaseEstimator):
    r"""Agglomerative clustering with scikit-learn's interface: build the tree, cut it into clusters.

    Parameters
    ----------
    n_clusters : int or None, default=2
        Number of clusters to cut the tree into. Must be None when
        ``distance_threshold`` is given.
    linkage : {'ward', 'complete', 'average', 'single'}, default='ward'
        How the distance between two clusters is measured (see :func:`linkage`).
    metric : {'euclidean', 'manhattan', 'cosine', 'precomputed'}, default='euclidean'
        Distance between points; 'precomputed' means ``X`` is the square (n_samples, n_samples)
        distance matrix. As in scikit-learn, a condensed vector is refused: expand it with
        ``scipy.spatial.distance.squareform`` (:func:`linkage` accepts it as it is).
        Ward needs 'euclidean'.
    distance_threshold : float or None, default=None
        Cut the tree at this height instead: merges with height at or above it are
        undone. Requires ``n_clusters=None``.

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,)
        Cluster of every point, numbered 0 .. n_clusters_ - 1 as scikit-learn numbers them.
    n_clusters_ : int
        Number of clusters found.
    children_ : ndarray of shape (n_samples - 1, 2)
        The two clusters merged at each step; ``i < n_samples`` is point i, and
        ``n_samples + k`` is the cluster formed at step k.
    distances_ : ndarray of shape (n_samples - 1,)
        The merge heights (scikit-learn sets this only with ``distance_threshold``
        or ``compute_distances=True``; here it is always set).
    n_leaves_ : int
        Number of points (leaves of the tree).
    n_connected_components_ : int
        Always 1 (no connectivity constraints).
    n_features_in_ : int
        Number of columns of ``X`` seen in ``fit``.

    Notes
    -----
    The tree is :func:`linkage`'s (so ``children_`` and ``distances_`` equal
    ``Z[:, :2]`` and ``Z[:, 2]``), except that for single linkage with Euclidean or
    Manhattan distances scikit-learn writes each pair of children as (cluster already in
    the spanning tree, cluster of the point added) instead of smaller name first, and
    so does this class. To cut into k clusters, scikit-learn starts from the
    root and k - 1 times splits the most recently formed cluster still present (the
    highest merge) into its two parts; the clusters are then numbered in the order in
    which they sit in its heap of cluster names. With ``distance_threshold``,
    k = 1 + (number of merges with height >= the threshold). The same rule is
    followed here, so labels are identical, numbering included.

    Examples
    --------
    >>> X = [[1], [2], [3], [10], [11], [12], [6]]
    >>> AgglomerativeClustering(n_clusters=2, linkage="single").fit_predict(X)
    array([0, 0, 0, 1, 1, 1, 0])
    """

    def __init__(self, n_clusters=2, *, linkage="ward", metric="euclidean", distance_threshold=None):
        self.n_clusters = n_clusters
        self.linkage = linkage
        self.metric = metric
        self.distance_threshold = distance_threshold

    def _check_params(self):
        if (self.n_clusters is None) == (self.distance_threshold is None):
            raise ValueError(
                "Set exactly one of n_clusters and distance_threshold, and the other to None: got "
                f"n_clusters={self.n_clusters!r} and distance_threshold={self.distance_threshold!r}. "
                "To cut at a height, pass n_clusters=None, distance_threshold=<height>."
            )
        if self.n_clusters is not None:
            check_scalar(self.n_clusters, "n_clusters", Integral, min_val=1, fix="Ask for at least one cluster.")
        else:
            check_scalar(self.distance_threshold, "distance_threshold", Real, min_val=0,
                         fix="It is a height on the dendrogram.")

    def fit(self, X, y=None):
        """Build the merge tree of ``X`` and cut it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), or (n_samples, n_samples) with
            ``metric='precomputed'``
        y : ignored

        Returns
        -------
        self
        """
        self._check_params()
        linkage_name = check_option(self.linkage, "linkage", METHODS)
        metric = check_option(self.metric, "metric", METRICS)
        _check_ward_metric(linkage_name, metric, name="linkage")
        if metric == "precomputed":  # as scikit-learn: the square matrix, one row per sample
            X = _validate_precomputed(X, accept_condensed=False)
        else:
            X = check_array(X, name="X", min_samples=2)
        n = len(X)
        if self.n_clusters is not None and self.n_clusters > n:
            raise ValueError(f"n_clusters={self.n_clusters} is more than the {n} samples in X. "
                             f"Choose n_clusters between 1 and {n}.")
        if linkage_name == "single" and metric in ("euclidean", "manhattan"):
            # scikit-learn builds this tree itself, from the same spanning tree as SciPy, but writes each
            # merge as (cluster already in the tree, cluster of the point added) rather than smaller name
            # first. The orientation decides the numbering of the clusters, so follow it.
            Z = linkage_matrix_from_merges(minimum_spanning_tree(distance_matrix(X, metric)), n,
                                           smaller_first=False)
        else:
            Z = linkage(X, method=linkage_name, metric=metric)
        check_n_features(self, X, reset=True)  # with the other fitted attributes: a failed fit changes none
        self.children_ = Z[:, :2].astype(np.intp)
        self.distances_ = Z[:, 2].copy()
        self.n_leaves_ = n
        self.n_connected_components_ = 1
        if self.distance_threshold is not None:
            self.n_clusters_ = int(np.count_nonzero(self.distances_ >= self.distance_threshold)) + 1
        else:
            self.n_clusters_ = int(self.n_clusters)
        self.labels_ = _cut_into_clusters(self.children_, self.n_clusters_, n)
        return self


def _cut_into_clusters(children, n_clusters, n_leaves):
    """scikit-learn's cut: undo the newest merge n_clusters - 1 times; number clusters by heap position."""
    # Cluster names are kept negated in a min-heap, so heap[0] is the newest cluster still present.
    heap = [-(2 * n_leaves - 2)]
    for _ in range(n_clusters - 1):
        left, right = children[-heap[0] - n_leaves]
        heapq.heappush(heap, -left)
        heapq.heappushpop(heap, -right)  # adds right and removes the cluster just split (the smallest entry)
    labels = np.zeros(n_leaves, dtype=np.intp)
    for label, negated_name in enumerate(heap):
        labels[_points_in(-negated_name, children, n_leaves)] = label
    return labels


def _points_in(cluster, children, n_leaves):
    """The points (leaves) inside a cluster of the tree."""
    points, stack = [], [cluster]
    while stack:
        node = stack.pop()
        if node < n_leaves:
            points.append(node)
        else:
            stack.extend(children[node - n_leaves])
    return np.array(points, dtype=np.intp)
