"""How good is a clustering? Scores that need no ground truth, and one that does.

Internal scores judge a partition of ``X`` by its geometry alone (lesson 03):

* ``wcss``: within-cluster sum of squares, the k-means objective, and
  ``elbow_k`` / ``elbow_ratios``: a precise rule for the elbow of its curve over K;
* ``silhouette_samples`` / ``silhouette_score``: for each point, how much
  closer it is to its own cluster than to the next one (-1 to 1, higher is better);
* ``davies_bouldin_score``: average worst-case ratio of cluster spread to
  cluster separation (0 is best, lower is better);
* ``calinski_harabasz_score``: between-cluster over within-cluster dispersion,
  corrected for the number of clusters (higher is better).

An external score compares two labelings of the same points:

* ``adjusted_rand_score``: agreement on pairs of points, corrected for chance
  (1 identical, about 0 random, can be negative).

Labels may be any integers (negative, with gaps) or strings: only which points
share a label matters. Every score equals scikit-learn's to 1e-10 (the tests
prove it), and the silhouette never builds an n-by-n matrix: it works through
the distances a block of rows at a time.
"""

from numbers import Integral

import numpy as np

from ._validation import check_array, check_option, check_random_state, check_scalar
from .distances import pairwise_distance_blocks, pairwise_distances, pairwise_distances_textbook

# Size of one block of the distance matrix in the silhouette. At n = 20,000 a 32 MiB block is 209 rows,
# so about 100 blocks; up to three blocks are alive at once (the last one, and the squared distances and
# their square roots of the next), so the peak stays near 100 MB whatever n is. Measured on a busy 2-core
# machine (tests/bench/bench_metrics.py): 4-8 MiB blocks took 1.5-3 times as long, likely as every block
# is one call into the multi-threaded matrix product, which waits for its threads; 64-128 MiB were no faster.
SILHOUETTE_BLOCK_BYTES = 32 * 2**20


# --------------------------------------------------------------------------------------------------
# Labels and clusters
# --------------------------------------------------------------------------------------------------

def check_labels(labels, n_samples=None, *, name="labels", reference="X"):
    """Validate a labeling; return ``(codes, n_clusters)``.

    ``codes[i]`` is the position of point ``i``'s label among the sorted distinct
    labels, so any label values (-1, 7, 'gold') become 0, 1, 2, ... When
    ``n_samples`` is given, the labeling must have exactly that many entries
    (one per sample of ``reference``).
    """
    if labels is None or isinstance(labels, (str, bytes)):
        raise TypeError(f"{name} must be an array with one cluster label per sample, got {labels!r}.")
    try:
        labels = np.asarray(labels)
    except ValueError:  # ragged nested lists
        raise ValueError(f"{name} could not be read as a 1-D array of labels. Give one label per sample.") from None
    if labels.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one label per sample), got shape {labels.shape}. "
                         f"Use np.ravel({name}) if it is a column.")
    if n_samples is not None and labels.shape[0] != n_samples:
        raise ValueError(f"{name} has {labels.shape[0]} label(s) but {reference} has {n_samples} sample(s). "
                         f"Pass exactly one label per sample of {reference}, in the same order.")
    if labels.dtype.kind == "f" and not np.isfinite(labels).all():
        raise ValueError(f"{name} contains NaN or infinity. Every sample needs a cluster label.")
    try:
        distinct, codes = np.unique(labels, return_inverse=True)
    except TypeError:
        raise TypeError(f"{name} mixes values that cannot be compared (e.g. numbers and strings). "
                        "Use one type for all labels.") from None
    return codes.ravel(), len(distinct)


def _check_number_of_clusters(n_clusters, n_samples, score):
    """Scores that compare clusters need 2 <= n_clusters <= n_samples - 1 (scikit-learn's rule)."""
    if not 1 < n_clusters < n_samples:
        raise ValueError(
            f"{score} needs between 2 and n_samples - 1 = {n_samples - 1} clusters, but the labels have "
            f"{n_clusters} distinct value(s) for {n_samples} sample(s). With one cluster there is nothing "
            "to compare it with; with one cluster per sample no point has a cluster-mate. Check the labels.")


def group_by_cluster(codes, n_clusters):
    """Sort the points by cluster: return ``(order, starts, counts)``.

    ``order`` lists the points of cluster 0, then cluster 1, ... (each in its
    original order); cluster ``c`` occupies positions ``starts[c]`` to
    ``starts[c] + counts[c] - 1`` of that list.
    """
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes, minlength=n_clusters)
    starts = np.cumsum(counts) - counts
    return order, starts, counts


def split_by_cluster(X, codes, n_clusters):
    """The rows of ``X`` of each cluster, as a list of arrays (cluster 0 first)."""
    order, starts, _ = group_by_cluster(codes, n_clusters)
    return np.split(X[order], starts[1:])


# --------------------------------------------------------------------------------------------------
# Within-cluster sum of squares
# --------------------------------------------------------------------------------------------------

def wcss(X, labels, centers=None):
    r"""Within-cluster sum of squares (the k-means objective, scikit-learn's ``inertia_``).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Cluster of each sample. Without ``centers``: any label values. With
        ``centers``: integers indexing its rows (as ``KMeans.labels_`` index
        ``cluster_centers_``).
    centers : array-like of shape (n_centers, n_features), optional
        The centre of each cluster. Default: each cluster's mean.

    Returns
    -------
    float

    Notes
    -----
    .. math:: \mathrm{WCSS} = \sum_{k} \sum_{x_i \in C_k} \lVert x_i - \mu_k \rVert^2

    With the means as centres this is the smallest WCSS any choice of centres
    gives for these clusters; one cluster is allowed (the start of an elbow plot).

    Examples
    --------
    >>> from course_lib.metrics import wcss
    >>> wcss([[0.0], [2.0], [10.0], [12.0]], [0, 0, 1, 1])
    4.0
    """
    X = check_array(X, name="X")
    if centers is None:
        codes, n_clusters = check_labels(labels, X.shape[0])
        return float(sum(((members - members.mean(axis=0)) ** 2).sum()
                         for members in split_by_cluster(X, codes, n_clusters)))
    centers = check_array(centers, name="centers")
    if centers.shape[1] != X.shape[1]:
        raise ValueError(f"centers has {centers.shape[1]} feature(s) but X has {X.shape[1]}. "
                         "Give one centre per cluster with the same columns as X.")
    labels = _center_indices(labels, X.shape[0], len(centers))
    return float(((X - centers[labels]) ** 2).sum())


def _center_indices(labels, n_samples, n_centers):
    check_labels(labels, n_samples)
    labels = np.asarray(labels)
    whole = labels.dtype.kind in "iu" or (labels.dtype.kind == "f" and (labels == np.round(labels)).all())
    if not whole or labels.min() < 0 or labels.max() >= n_centers:
        raise ValueError(f"With centers given, labels must be integers from 0 to {n_centers - 1} (row numbers "
                         "of centers), e.g. KMeans labels_. Leave centers=None to use each cluster's mean.")
    return labels.astype(np.intp)


def _check_elbow_curve(ks, inertias):
    """Validate an elbow curve: at least 3 consecutive K values and one finite WCSS for each."""
    ks = np.asarray(ks)
    inertias = check_array(inertias, name="inertias", ensure_2d=False)
    if ks.ndim != 1 or ks.dtype.kind not in "iu":
        raise TypeError(f"ks must be a 1-D list of integers (the numbers of clusters), got {ks.tolist()!r}.")
    if len(ks) != len(inertias):
        raise ValueError(f"ks has {len(ks)} value(s) but inertias has {len(inertias)}. Give one WCSS per K.")
    if len(ks) < 3 or not (np.diff(ks) == 1).all():
        raise ValueError(f"ks must be at least 3 consecutive numbers of clusters in increasing order "
                         f"(e.g. 1, 2, ..., 10), got {ks.tolist()}.")
    return ks, inertias


def elbow_ratios(ks, inertias):
    r"""For each inner K, the drop bought by cluster K + 1 relative to the drop bought by cluster K.

    Parameters
    ----------
    ks : list of int
        Consecutive numbers of clusters, e.g. ``range(1, 11)``.
    inertias : list of float
        The WCSS (``inertia_``) of the clustering with each K.

    Returns
    -------
    dict
        ``{K: G(K+1) / G(K)}`` for every K except the first and the last, where
        :math:`G_K = W(K-1) - W(K)`. A K whose own cluster bought nothing
        (:math:`G_K \le 0`) gets infinity: it cannot be the elbow.

    Examples
    --------
    >>> from course_lib.metrics import elbow_ratios
    >>> elbow_ratios([1, 2, 3, 4], [100.0, 40.0, 30.0, 25.0])
    {2: 0.16666666666666666, 3: 0.5}
    """
    ks, inertias = _check_elbow_curve(ks, inertias)
    drops = inertias[:-1] - inertias[1:]  # drops[i] = G at K = ks[i + 1]
    ratios = {}
    for i, k in enumerate(ks[1:-1]):
        ratios[int(k)] = float(drops[i + 1] / drops[i]) if drops[i] > 0 else float("inf")
    return ratios


def elbow_k(ks, inertias, method="ratio"):
    r"""The elbow of a WCSS-versus-K curve, by a stated rule instead of by eye.

    Parameters
    ----------
    ks : list of int
        Consecutive numbers of clusters, at least 3 of them.
    inertias : list of float
        The WCSS of the clustering with each K.
    method : {'ratio', 'chord'}, default='ratio'
        ``'ratio'``: the K after which the next drop is smallest compared with
        the drop just before (:func:`elbow_ratios`). ``'chord'``: the K farthest
        below the straight line joining the first and last points of the curve.

    Returns
    -------
    int

    Notes
    -----
    With :math:`G_K = W(K-1) - W(K)`, the drop in WCSS bought by the K-th cluster,

    .. math:: K_{\text{ratio}} = \arg\min_K \frac{G_{K+1}}{G_K}

    .. math:: K_{\text{chord}} = \arg\max_K \big(L(K) - W(K)\big), \quad
              L(K) = W(K_1) + \frac{W(K_m) - W(K_1)}{K_m - K_1}\,(K - K_1)

    The chord rule's vertical gap is proportional to the perpendicular distance
    to the line, whatever the axes' scales, so the two give the same K. Ties go
    to the smaller K.

    Examples
    --------
    >>> from course_lib.metrics import elbow_k
    >>> curve = [100.0, 50.0, 30.0, 25.0, 22.0, 20.0]
    >>> elbow_k(range(1, 7), curve), elbow_k(range(1, 7), curve, method="chord")
    (3, 3)
    """
    check_option(method, "method", ("ratio", "chord"))
    ks, inertias = _check_elbow_curve(ks, inertias)
    if method == "ratio":
        ratios = elbow_ratios(ks, inertias)
        if not np.isfinite(list(ratios.values())).any():
            raise ValueError("The WCSS never decreases along ks, so the curve has no elbow. Check that the "
                             "inertias are in the same order as ks.")
        return min(ratios, key=ratios.get)
    chord = inertias[0] + (inertias[-1] - inertias[0]) / (ks[-1] - ks[0]) * (ks - ks[0])
    return int(ks[np.argmax(chord - inertias)])


# --------------------------------------------------------------------------------------------------
# Silhouette
# --------------------------------------------------------------------------------------------------

def silhouette_from_a_b(a, b, cluster_sizes):
    r""":math:`s = (b - a)/\max(a, b)`, with :math:`s = 0` for a point alone in its cluster.

    Also 0 when :math:`a = b = 0` (the point and its nearest cluster sit at the
    same place), as in scikit-learn.
    """
    larger = np.maximum(a, b)
    defined = (cluster_sizes > 1) & (larger > 0)
    s = np.zeros_like(a)
    s[defined] = (b[defined] - a[defined]) / larger[defined]
    return s


def silhouette_samples(X, labels, *, metric="euclidean"):
    r"""Silhouette coefficient of every sample.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Cluster of each sample: between 2 and ``n_samples - 1`` distinct values
        (integers of any value or strings).
    metric : {'euclidean', 'manhattan', 'cosine', 'minkowski'}, default='euclidean'
        The distance (see :mod:`course_lib.distances`).

    Returns
    -------
    ndarray of shape (n_samples,)
        Values between -1 and 1.

    Notes
    -----
    For a point :math:`i` in cluster :math:`C_I`:

    .. math::
        a(i) = \frac{1}{|C_I| - 1} \sum_{j \in C_I,\, j \ne i} d(i, j), \qquad
        b(i) = \min_{J \ne I} \frac{1}{|C_J|} \sum_{j \in C_J} d(i, j),

    .. math:: s(i) = \frac{b(i) - a(i)}{\max(a(i), b(i))}

    and :math:`s(i) = 0` when :math:`|C_I| = 1` (Rousseeuw, 1987).

    Both :math:`a` and :math:`b` need, for each point, the total distance to
    every cluster. The points are first sorted by cluster, so each cluster's
    columns of the distance matrix are adjacent; then, one block of rows at a
    time (``pairwise_distance_blocks``), ``np.add.reduceat`` sums each
    cluster's run of columns, turning a (rows x n) block into (rows x k) totals.
    Memory stays at a few blocks of ``SILHOUETTE_BLOCK_BYTES`` plus O(n), never
    n x n. (A one-hot (n x k) matrix product gives the same totals; the sorted
    sums were measured faster for every k and need no n x k matrix, which
    matters when k is large.) :func:`silhouette_samples_textbook` computes the
    formula point by point; the tests prove both equal each other and
    scikit-learn.

    Examples
    --------
    >>> from course_lib.metrics import silhouette_samples
    >>> X = [[0.0], [1.0], [5.0], [6.0]]
    >>> silhouette_samples(X, [0, 0, 1, 1]).round(4)
    array([0.8182, 0.7778, 0.7778, 0.8182])
    """
    X = check_array(X, name="X")
    n_samples = X.shape[0]
    codes, n_clusters = check_labels(labels, n_samples)
    _check_number_of_clusters(n_clusters, n_samples, "silhouette")
    order, starts, counts = group_by_cluster(codes, n_clusters)
    X_sorted, own = X[order], codes[order]

    a = np.empty(n_samples)
    b = np.empty(n_samples)
    for rows, distances in pairwise_distance_blocks(X_sorted, metric=metric,
                                                    block_bytes=SILHOUETTE_BLOCK_BYTES):
        a[rows], b[rows] = _own_and_nearest_cluster_distances(distances, own[rows], starts, counts)
    s_sorted = silhouette_from_a_b(a, b, counts[own])

    s = np.empty(n_samples)
    s[order] = s_sorted
    return s


def _own_and_nearest_cluster_distances(distances, own, starts, counts):
    """For a block of rows of the (cluster-sorted) distance matrix, return ``a`` and ``b``."""
    totals = np.add.reduceat(distances, starts, axis=1)  # (rows, k): sum of distances to each cluster
    rows = np.arange(len(own))
    a = totals[rows, own] / np.maximum(counts[own] - 1, 1)  # the point itself adds d(i, i) = 0
    means = totals / counts
    means[rows, own] = np.inf  # b looks only at the other clusters
    return a, means.min(axis=1)


def silhouette_samples_textbook(X, labels, *, metric="euclidean"):
    """The silhouette of every sample straight from the formula, one point at a time.

    Builds the full n x n distance matrix (``pairwise_distances_textbook``) and,
    for each point, averages its row over its own cluster and over each other
    cluster. For small data and for the tests that prove
    :func:`silhouette_samples` equal to it.
    """
    X = check_array(X, name="X")
    codes, n_clusters = check_labels(labels, X.shape[0])
    _check_number_of_clusters(n_clusters, X.shape[0], "silhouette")
    D = pairwise_distances_textbook(X, metric=metric)
    s = np.zeros(X.shape[0])
    for i, own in enumerate(codes):
        mates = (codes == own) & (np.arange(len(codes)) != i)
        if not mates.any():
            continue  # alone in its cluster: s(i) = 0
        a = D[i, mates].mean()
        b = min(D[i, codes == other].mean() for other in range(n_clusters) if other != own)
        if max(a, b) > 0:
            s[i] = (b - a) / max(a, b)
    return s


def silhouette_score(X, labels, *, metric="euclidean", sample_size=None, random_state=None):
    r"""Mean silhouette coefficient over all samples (or over a random sample of them).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Between 2 and ``n_samples - 1`` distinct values.
    metric : {'euclidean', 'manhattan', 'cosine', 'minkowski'}, default='euclidean'
    sample_size : int, optional
        Score only this many samples, drawn without replacement (the silhouette
        is then computed within the drawn samples only).
    random_state : int, RandomState or None
        Seed for the draw. The same seed draws the same samples as
        scikit-learn (``RandomState(seed).permutation(n)[:sample_size]``).

    Returns
    -------
    float

    Notes
    -----
    :math:`\bar s = \frac{1}{n} \sum_i s(i)` with :math:`s(i)` as in
    :func:`silhouette_samples`. Near 1: tight, well separated clusters; near 0:
    overlapping clusters; negative: many points closer to another cluster.

    Examples
    --------
    >>> from course_lib.metrics import silhouette_score
    >>> round(silhouette_score([[0.0], [1.0], [5.0], [6.0]], [0, 0, 1, 1]), 4)
    0.798
    """
    if sample_size is not None:
        X = check_array(X, name="X")
        check_labels(labels, X.shape[0])
        check_scalar(sample_size, "sample_size", Integral, min_val=1,
                     fix="It is the number of samples to score, e.g. sample_size=1000.")
        chosen = check_random_state(random_state).permutation(X.shape[0])[:sample_size]
        X, labels = X[chosen], np.asarray(labels)[chosen]
    return float(np.mean(silhouette_samples(X, labels, metric=metric)))


# --------------------------------------------------------------------------------------------------
# Davies-Bouldin and Calinski-Harabasz
# --------------------------------------------------------------------------------------------------

def davies_bouldin_score(X, labels):
    r"""Davies-Bouldin index: how much clusters spread compared with how far apart they are.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Between 2 and ``n_samples - 1`` distinct values.

    Returns
    -------
    float
        0 or more; lower is better.

    Notes
    -----
    With :math:`\mu_k` the mean of cluster :math:`k`,
    :math:`S_k = \frac{1}{|C_k|}\sum_{x \in C_k} \lVert x - \mu_k \rVert` its
    average distance to its centre, and :math:`M_{kl} = \lVert \mu_k - \mu_l \rVert`:

    .. math::
        R_{kl} = \frac{S_k + S_l}{M_{kl}}, \qquad
        DB = \frac{1}{K} \sum_k \max_{l \ne k} R_{kl}

    Each cluster is compared with its most similar neighbour. As in
    scikit-learn: two clusters with the same centre (:math:`M_{kl} = 0`) are
    skipped, and the score is 0 when every :math:`S_k` or every :math:`M_{kl}`
    is below 1e-8. Distances use the matrix-product form of
    :func:`course_lib.distances.pairwise_distances`, as scikit-learn's do.

    Examples
    --------
    >>> from course_lib.metrics import davies_bouldin_score
    >>> round(davies_bouldin_score([[0.0], [1.0], [5.0], [6.0]], [0, 0, 1, 1]), 4)
    0.2
    """
    X = check_array(X, name="X")
    codes, n_clusters = check_labels(labels, X.shape[0])
    _check_number_of_clusters(n_clusters, X.shape[0], "davies_bouldin_score")
    centroids = np.empty((n_clusters, X.shape[1]))
    spreads = np.empty(n_clusters)
    for k, members in enumerate(split_by_cluster(X, codes, n_clusters)):
        centroids[k] = members.mean(axis=0)
        spreads[k] = pairwise_distances(members, centroids[k:k + 1]).mean()  # S_k
    separations = pairwise_distances(centroids)  # M_kl
    if np.all(np.abs(spreads) <= 1e-8) or np.all(np.abs(separations) <= 1e-8):
        return 0.0
    separations[separations == 0] = np.inf  # the diagonal, and clusters sharing a centre
    similarity = (spreads[:, None] + spreads[None, :]) / separations  # R_kl
    return float(np.mean(similarity.max(axis=1)))


def calinski_harabasz_score(X, labels):
    r"""Calinski-Harabasz index (variance ratio criterion).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Between 2 and ``n_samples - 1`` distinct values.

    Returns
    -------
    float
        Higher is better.

    Notes
    -----
    With :math:`\mu` the overall mean and :math:`\mu_k` the cluster means,

    .. math::
        B = \sum_k |C_k|\,\lVert \mu_k - \mu \rVert^2, \qquad
        W = \sum_k \sum_{x \in C_k} \lVert x - \mu_k \rVert^2 \;(\text{the WCSS}),

    .. math:: CH = \frac{B / (K - 1)}{W / (n - K)}

    Between-cluster dispersion per degree of freedom over within-cluster
    dispersion per degree of freedom. As in scikit-learn, the score is 1 when
    :math:`W = 0`.

    Examples
    --------
    >>> from course_lib.metrics import calinski_harabasz_score
    >>> calinski_harabasz_score([[0.0], [1.0], [5.0], [6.0]], [0, 0, 1, 1])
    50.0
    """
    X = check_array(X, name="X")
    n_samples = X.shape[0]
    codes, n_clusters = check_labels(labels, n_samples)
    _check_number_of_clusters(n_clusters, n_samples, "calinski_harabasz_score")
    overall_mean = X.mean(axis=0)
    between, within = 0.0, 0.0
    for members in split_by_cluster(X, codes, n_clusters):
        cluster_mean = members.mean(axis=0)
        between += len(members) * ((cluster_mean - overall_mean) ** 2).sum()
        within += ((members - cluster_mean) ** 2).sum()
    if within == 0.0:
        return 1.0
    return float(between * (n_samples - n_clusters) / (within * (n_clusters - 1.0)))


# --------------------------------------------------------------------------------------------------
# Adjusted Rand index
# --------------------------------------------------------------------------------------------------

def _pairs(counts):
    r""":math:`\sum \binom{m}{2}` over the given counts, as an exact Python integer."""
    counts = counts.astype(object)
    return int((counts * (counts - 1) // 2).sum())


def adjusted_rand_score(labels_true, labels_pred):
    r"""Adjusted Rand index: agreement of two labelings on pairs of points, corrected for chance.

    Parameters
    ----------
    labels_true : array-like of shape (n_samples,)
        Reference labels (e.g. the hidden true personas).
    labels_pred : array-like of shape (n_samples,)
        Labels to evaluate (e.g. a clustering). Label values do not matter,
        only which points share one: the score is symmetric in the two.

    Returns
    -------
    float
        1 for identical partitions, about 0 for random ones, negative for
        worse-than-chance agreement.

    Notes
    -----
    Count, in the contingency table :math:`n_{ij}` (points with true label
    :math:`i` and predicted label :math:`j`, row sums :math:`a_i`, column sums
    :math:`b_j`), the pairs of points grouped together:

    .. math::
        \text{index} = \sum_{ij} \binom{n_{ij}}{2}, \quad
        A = \sum_i \binom{a_i}{2}, \quad B = \sum_j \binom{b_j}{2}, \quad
        E = \frac{A\,B}{\binom{n}{2}}

    .. math:: ARI = \frac{\text{index} - E}{\tfrac12 (A + B) - E}

    (Hubert and Arabie, 1985). It is computed in exact integer arithmetic until
    one final division, with numerator and denominator multiplied by
    :math:`2\binom{n}{2}`. When the two labelings agree on every pair
    (index = A = B) the score is 1, which also covers the 0/0 cases (both all in
    one cluster, or both all singletons), as in scikit-learn.

    Examples
    --------
    >>> from course_lib.metrics import adjusted_rand_score
    >>> adjusted_rand_score([0, 0, 1, 1], [5, 5, 2, 2])
    1.0
    >>> adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1])
    -0.5
    """
    true_codes, _ = check_labels(labels_true, name="labels_true")
    n_samples = len(true_codes)
    if n_samples == 0:
        raise ValueError("labels_true is empty. Pass one label per sample in each labeling.")
    pred_codes, n_pred = check_labels(labels_pred, n_samples, name="labels_pred", reference="labels_true")

    cell_counts = np.unique(true_codes.astype(np.int64) * n_pred + pred_codes, return_counts=True)[1]
    index = _pairs(cell_counts)
    together_true = _pairs(np.bincount(true_codes))  # A
    together_pred = _pairs(np.bincount(pred_codes))  # B
    if index == together_true == together_pred:
        return 1.0
    all_pairs = n_samples * (n_samples - 1) // 2
    numerator = 2 * (all_pairs * index - together_true * together_pred)
    denominator = all_pairs * (together_true + together_pred) - 2 * together_true * together_pred
    return numerator / denominator


def pairwise_adjusted_rand_scores(labelings):
    r"""Adjusted Rand index of every pair of labelings: how much repeated clusterings agree.

    Parameters
    ----------
    labelings : sequence of array-like, each of shape (n_samples,)
        Two or more labelings of the same points, e.g. k-means run with different seeds.

    Returns
    -------
    list of float
        :func:`adjusted_rand_score` of each pair :math:`(i, j)`, :math:`i < j`, in the
        order 0-1, 0-2, ..., 1-2, ...: :math:`m` labelings give :math:`m(m-1)/2` scores.

    Notes
    -----
    A clustering worth acting on does not change when only the random start changes:
    all scores near 1 mean every run found the same partition (cluster numbers do not
    matter); a low minimum means the seed, not the data, decides some of the clusters.

    Example
    -------
    >>> pairwise_adjusted_rand_scores([[0, 0, 1, 1], [1, 1, 0, 0], [0, 1, 0, 1]])
    [1.0, -0.5, -0.5]
    """
    labelings = list(labelings)
    if len(labelings) < 2:
        raise ValueError(f"labelings must hold at least two labelings to compare, got {len(labelings)}. "
                         "Pass the labels of two or more runs.")
    return [adjusted_rand_score(labelings[i], labelings[j])
            for i in range(len(labelings)) for j in range(i + 1, len(labelings))]
