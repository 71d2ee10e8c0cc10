"""Distances and similarities: how "alike" two users are, as a number.

Two kinds of function live here:

* one pair of vectors at a time (``euclidean(x, y)``, ``manhattan``,
  ``minkowski``, ``cosine_similarity``, ``cosine_distance``): the formulas as
  you would write them on paper;
* every row of ``X`` against every row of ``Y`` (``pairwise_distances``,
  ``pairwise_distance_blocks``, ``squared_euclidean_distances``): the same
  numbers for whole data sets, computed a block of rows at a time so that the
  temporary arrays stay small however many rows there are.

``pairwise_distances_textbook`` computes the same matrix the obvious way (one
broadcast difference per pair); the tests prove the fast versions equal it.
``euclidean_distances_by_differences`` is the exact middle way that SciPy uses,
for the algorithms whose result hinges on exact ties.
"""

from numbers import Real

import numpy as np

from ._blocks import DEFAULT_BLOCK_BYTES, block_rows, row_blocks
from ._validation import check_array, check_option, check_scalar

METRICS = ("euclidean", "manhattan", "minkowski", "cosine")


def _pair(x, y):
    x = check_array(x, name="x", ensure_2d=False)
    y = check_array(y, name="y", ensure_2d=False)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.shape[0]} and {y.shape[0]}. "
                         "Give two points with one value per feature each.")
    return x, y


def euclidean(x, y):
    r"""Straight-line distance :math:`d(x, y) = \sqrt{\sum_j (x_j - y_j)^2}`."""
    x, y = _pair(x, y)
    return float(np.sqrt(np.sum((x - y) ** 2)))


def manhattan(x, y):
    r"""City-block distance :math:`d(x, y) = \sum_j |x_j - y_j|`: blocks walked along a street grid."""
    x, y = _pair(x, y)
    return float(np.sum(np.abs(x - y)))


def minkowski(x, y, p=2):
    r"""Minkowski distance :math:`d_p(x, y) = (\sum_j |x_j - y_j|^p)^{1/p}`.

    ``p=1`` is Manhattan, ``p=2`` Euclidean; as ``p`` grows it approaches the
    largest single coordinate difference. ``p`` must be at least 1: below 1 the
    triangle inequality fails and the result is not a distance.
    """
    x, y = _pair(x, y)
    p = _check_p(p)
    return float(np.sum(np.abs(x - y) ** p) ** (1.0 / p))


def cosine_similarity(x, y):
    r"""Cosine of the angle between two vectors, :math:`\frac{x \cdot y}{\|x\|\,\|y\|}`.

    1 means the same direction, 0 at right angles, -1 opposite. It ignores
    length: a user who does everything twice as often as another points the
    same way. As in scikit-learn, a zero vector has similarity 0 with anything.
    """
    x, y = _pair(x, y)
    norms = np.linalg.norm(x) * np.linalg.norm(y)
    return 0.0 if norms == 0 else float(np.dot(x, y) / norms)


def cosine_distance(x, y):
    r"""Cosine distance :math:`1 - \cos(x, y)`, between 0 (same direction) and 2 (opposite)."""
    return 1.0 - cosine_similarity(x, y)


def _check_p(p):
    """``p`` as a float: a finite number of at least 1 (p = inf, the largest difference, is not offered)."""
    p = float(check_scalar(p, "p", Real, min_val=1,
                           fix="Minkowski distances need p >= 1 (p=1 Manhattan, p=2 Euclidean)."))
    if not np.isfinite(p):
        raise ValueError(f"p must be a finite number >= 1, got {p}. Use p=1 (Manhattan), p=2 (Euclidean) or "
                         "another finite p; for p = infinity (the largest coordinate difference) use "
                         "np.abs(x - y).max().")
    return p


def squared_euclidean_distances(X, Y, *, Y_norm_squared=None):
    r"""Squared Euclidean distances between the rows of ``X`` and ``Y`` by one matrix product.

    .. math:: \|x - y\|^2 = \|x\|^2 - 2\,x \cdot y + \|y\|^2

    One ``X @ Y.T`` does the work of all the differences at once, which is what
    makes k-means fast. Rounding can leave tiny negative values where the true
    distance is zero; they are clipped to 0. ``X`` and ``Y`` must already be
    validated float arrays; pass ``Y_norm_squared`` to reuse it across calls.
    """
    if Y_norm_squared is None:
        Y_norm_squared = np.einsum("ij,ij->i", Y, Y)
    # Scaling the small X by -2 before the product (exact: a power of two) saves a pass over the big result.
    distances = (-2.0 * X) @ Y.T
    distances += np.einsum("ij,ij->i", X, X)[:, None]
    distances += Y_norm_squared[None, :]
    np.maximum(distances, 0.0, out=distances)
    return distances


def euclidean_distances_by_differences(X):
    r"""Euclidean distance matrix within ``X`` from the coordinate differences, one row at a time.

    .. math:: D_{ij} = \sqrt{\textstyle\sum_f (x_{if} - x_{jf})^2}

    This is the formula SciPy's ``pdist`` uses (the same bits on integer data,
    within an ulp otherwise). It is slower than the
    matrix-product form of :func:`pairwise_distances`, which subtracts numbers
    the size of :math:`\lVert x\rVert^2`: for two points much closer to each
    other than to the origin most digits cancel, so duplicates come out about
    :math:`10^{-8}\lVert x\rVert` apart instead of 0, and two copies of the same
    distance can differ in the last digit. Algorithms decided by exact ties
    (which of several equally close pairs merges first in hierarchical
    clustering) need this exact form. The result is exactly symmetric with a
    zero diagonal; ``X`` must be a validated float array.
    """
    n = len(X)
    D = np.zeros((n, n))
    for i in range(n - 1):
        difference = X[i + 1:] - X[i]
        D[i, i + 1:] = np.sqrt(np.einsum("ij,ij->i", difference, difference))
        D[i + 1:, i] = D[i, i + 1:]
    return D


def _distance_block(X_block, Y, metric, p, Y_extra):
    """Distances from a block of rows to every row of ``Y``."""
    if metric == "euclidean":
        D = squared_euclidean_distances(X_block, Y, Y_norm_squared=Y_extra)
        return np.sqrt(D, out=D)
    if metric == "cosine":
        # Y_extra holds Y's rows scaled to unit length (zero rows stay zero).
        similarity = _unit_rows(X_block) @ Y_extra.T
        return np.clip(1.0 - similarity, 0.0, 2.0)
    differences = np.abs(X_block[:, None, :] - Y[None, :, :])
    if metric == "manhattan" or p == 1:
        return differences.sum(axis=2)
    return (differences ** p).sum(axis=2) ** (1.0 / p)


def _unit_rows(A):
    norms = np.linalg.norm(A, axis=1)
    norms[norms == 0] = 1.0
    return A / norms[:, None]


def pairwise_distance_blocks(X, Y=None, metric="euclidean", *, p=2, block_bytes=DEFAULT_BLOCK_BYTES):
    """Yield ``(rows, D)``: the distances from ``X[rows]`` to every row of ``Y``, block by block.

    Consumers that reduce each block right away (a silhouette sum, the k-th
    nearest neighbour) never hold the full n-by-m matrix. With ``Y=None`` the
    distances are within ``X`` and each point's distance to itself is exactly 0.

    Parameters
    ----------
    X : array-like of shape (n_samples_X, n_features)
    Y : array-like of shape (n_samples_Y, n_features), default=None
    metric : {'euclidean', 'manhattan', 'minkowski', 'cosine'}, default='euclidean'
    p : float, default=2
        The Minkowski power (used only by ``metric='minkowski'``), at least 1.
    block_bytes : int
        Rough size of each block's temporary arrays.
    """
    X, Y, metric, p, same = _validate_pair(X, Y, metric, p)
    if metric == "euclidean":
        Y_extra = np.einsum("ij,ij->i", Y, Y)
    elif metric == "cosine":
        Y_extra = _unit_rows(Y)
    else:
        Y_extra = None
    # Manhattan/Minkowski hold a (rows, m, d) difference array; the matrix-product metrics only (rows, m).
    width = Y.shape[0] * (1 if metric in ("euclidean", "cosine") else Y.shape[1])
    for rows in row_blocks(X.shape[0], block_rows(width, block_bytes=block_bytes)):
        D = _distance_block(X[rows], Y, metric, p, Y_extra)
        if same:
            local = np.arange(rows.stop - rows.start)
            D[local, local + rows.start] = 0.0
        yield rows, D


def _validate_pair(X, Y, metric, p):
    metric = check_option(metric, "metric", METRICS + ("cityblock", "l1", "l2"))
    metric = {"cityblock": "manhattan", "l1": "manhattan", "l2": "euclidean"}.get(metric, metric)
    p = _check_p(p) if metric == "minkowski" else 2.0
    X = check_array(X, name="X")
    same = Y is None
    Y = X if same else check_array(Y, name="Y")
    if Y.shape[1] != X.shape[1]:
        raise ValueError(f"X and Y must have the same number of features, got {X.shape[1]} and "
                         f"{Y.shape[1]}. Select the same columns in both.")
    return X, Y, metric, p, same


def pairwise_distances(X, Y=None, metric="euclidean", *, p=2, block_bytes=DEFAULT_BLOCK_BYTES):
    r"""Distance matrix ``D[i, j] = d(X[i], Y[j])`` (``Y=None`` means ``Y = X``).

    Parameters
    ----------
    X : array-like of shape (n_samples_X, n_features)
    Y : array-like of shape (n_samples_Y, n_features), default=None
        None compares ``X`` with itself.
    metric : {'euclidean', 'manhattan', 'minkowski', 'cosine'}, default='euclidean'
        Also scikit-learn's aliases 'cityblock', 'l1' (Manhattan) and 'l2' (Euclidean).
    p : float, default=2
        The Minkowski power (used only by ``metric='minkowski'``), a finite number of at least 1.
    block_bytes : int
        Rough size of the temporary arrays of one block of rows.

    Returns
    -------
    D : ndarray of shape (n_samples_X, n_samples_Y)

    Notes
    -----
    Same metrics and conventions as scikit-learn's ``pairwise_distances``:
    Euclidean by the matrix-product form
    :math:`\sqrt{\lVert x\rVert^2 - 2\,x\cdot y + \lVert y\rVert^2}` (see
    ``squared_euclidean_distances``), cosine as :math:`1 - \cos(x, y)` with zero
    rows treated as similarity 0, and an exact 0 on the diagonal when ``Y`` is
    None. Only the result is ``n_X`` by ``n_Y``; the temporaries used to compute
    it, a block of rows at a time (:func:`pairwise_distance_blocks`), are bounded
    by ``block_bytes``. :func:`pairwise_distances_textbook` is the plain version
    the tests compare it with.

    Example
    -------
    >>> pairwise_distances([[0, 0], [3, 4]], metric="manhattan")
    array([[0., 7.],
           [7., 0.]])
    """
    X_checked, Y_checked, *_ = _validate_pair(X, Y, metric, p)
    D = np.empty((X_checked.shape[0], Y_checked.shape[0]))
    for rows, block in pairwise_distance_blocks(X_checked, None if Y is None else Y_checked, metric, p=p,
                                                block_bytes=block_bytes):
        D[rows] = block
    return D


def pairwise_distances_textbook(X, Y=None, metric="euclidean", *, p=2):
    """The same matrix as ``pairwise_distances``, the obvious way: every pair's difference at once.

    Builds an (n, m, d) array, so it is for small data and for the tests that
    prove the blocked, matrix-product version gives the same numbers.
    """
    X, Y, metric, p, same = _validate_pair(X, Y, metric, p)
    if metric == "cosine":
        dots = np.einsum("id,jd->ij", X, Y)
        norms = np.linalg.norm(X, axis=1)[:, None] * np.linalg.norm(Y, axis=1)[None, :]
        similarity = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
        D = 1.0 - similarity
    else:
        differences = np.abs(X[:, None, :] - Y[None, :, :])
        power = {"euclidean": 2.0, "manhattan": 1.0}.get(metric, p)
        D = (differences ** power).sum(axis=2) ** (1.0 / power)
    if same:
        np.fill_diagonal(D, 0.0)  # a point is at distance 0 from itself, zero vector or not
    return D
