"""course_lib.kmeans: the lesson's steps, the worked example of seed 002, and equality with
scikit-learn 1.9.1 (the oracle) for KMeans, kmeans_plusplus and MiniBatchKMeans."""

import warnings
from fractions import Fraction

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.cluster import MiniBatchKMeans as SklearnMiniBatchKMeans
from sklearn.cluster import kmeans_plusplus as sklearn_kmeans_plusplus
from sklearn.datasets import make_blobs

from course_lib import kmeans as km_module
from course_lib._validation import ConvergenceWarning, NotFittedError
from course_lib.kmeans import (
    KMeans,
    LloydIteration,
    MiniBatchKMeans,
    assign_to_nearest_centroid,
    compute_inertia,
    kmeans_plusplus,
    lloyd_textbook,
    squared_distances_textbook,
    squared_distances_to_centroids,
    update_centroids,
)

RTOL = 1e-10


@pytest.fixture(autouse=True, scope="module")
def _one_openmp_thread_for_scikit_learn():
    """scikit-learn's Cython loops use OpenMP threads, which spin-wait badly on a shared machine.
    One thread changes no result beyond summation order (and course_lib does not use OpenMP)."""
    from threadpoolctl import threadpool_limits
    with threadpool_limits(limits=1, user_api="openmp"):
        yield


def _close(ours, theirs, scale):
    """Equal to 1e-10 relative: relative to each value, or to the data's scale for values near 0."""
    assert_allclose(ours, theirs, rtol=RTOL, atol=RTOL * scale)


def _fit_sklearn(estimator, X):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-learn's ConvergenceWarning on duplicate points
        return estimator.fit(X)


def _fit_ours(estimator, X):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "fewer distinct clusters than n_clusters"
        return estimator.fit(X)


def _assert_same_kmeans(ours, theirs, X):
    scale = max(1.0, float(np.abs(X).max()))
    assert ours.labels_.dtype == theirs.labels_.dtype == np.int32
    assert_array_equal(ours.labels_, theirs.labels_)
    assert ours.n_iter_ == theirs.n_iter_
    _close(ours.cluster_centers_, theirs.cluster_centers_, scale)
    _close(ours.inertia_, theirs.inertia_, scale**2)


# --------------------------------------------------------------------------------------
# Seed 002, example 1: k-means by hand on seven points
# --------------------------------------------------------------------------------------

SEVEN = np.array([[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5], [3.5, 4.5]])  # A..G
A_AND_D = SEVEN[[0, 3]]


def test_seven_points_first_distance_table_matches_the_hand_calculation():
    # dist^2 to mu1 = A(1,1) and mu2 = D(5,7), row by row as worked on paper.
    expected = [[0, 52], [1.25, 37.25], [13, 13], [52, 0], [22.25, 6.25], [28.25, 4.25], [18.5, 8.5]]
    assert_allclose(squared_distances_to_centroids(SEVEN, A_AND_D), expected, rtol=0, atol=1e-12)


def test_seven_points_tie_of_point_c_goes_to_the_first_centroid():
    labels = assign_to_nearest_centroid(SEVEN, A_AND_D)
    assert_array_equal(labels, [0, 0, 0, 1, 1, 1, 1])  # C (index 2) is 13 from both and joins mu1
    first_record = KMeans(2, init=A_AND_D).fit(SEVEN).history_[0]
    assert first_record.labels[2] == 0


def test_seven_points_first_update_step():
    new = update_centroids(SEVEN, [0, 0, 0, 1, 1, 1, 1], A_AND_D)
    assert_allclose(new, [[5.5 / 3, 7 / 3], [4.125, 5.375]], rtol=1e-15)


def _wcss_exact(points, partition):
    """WCSS in exact rational arithmetic: squared distances of each cluster's points to their mean."""
    return _sse_exact(points, partition, _means_exact(points, partition))


def test_seven_points_final_partition_centroids_and_wcss():
    km = KMeans(n_clusters=2, init=A_AND_D).fit(SEVEN)
    assert_array_equal(km.labels_, [0, 0, 1, 1, 1, 1, 1])  # {A, B} and {C, D, E, F, G}
    assert_allclose(km.cluster_centers_, [[1.25, 1.5], [3.9, 5.1]], rtol=1e-14)
    assert km.n_iter_ == 3  # C moves in round 2; round 3 changes nothing

    exact = _wcss_exact(SEVEN, [[0, 1], [2, 3, 4, 5, 6]])
    assert _wcss_exact(SEVEN, [[0, 1]]) == Fraction(5, 8)  # the seed's 0.125 + 0.375 = 0.5 is wrong
    assert _wcss_exact(SEVEN, [[2, 3, 4, 5, 6]]) == Fraction(79, 10)
    assert exact == Fraction(8525, 1000)  # so the total is 8.525, not the seed's 8.4
    assert km.inertia_ == pytest.approx(float(exact), rel=1e-14)
    assert compute_inertia(SEVEN, km.labels_, km.cluster_centers_) == pytest.approx(8.525, rel=1e-14)


def test_seven_points_history_shows_each_round():
    km = KMeans(n_clusters=2, init=A_AND_D).fit(SEVEN)
    assert len(km.history_) == km.n_iter_ == 3
    assert all(isinstance(record, LloydIteration) for record in km.history_)
    assert_allclose(km.history_[0].centroids, A_AND_D, rtol=1e-15)
    assert_allclose(km.history_[1].centroids, [[5.5 / 3, 7 / 3], [4.125, 5.375]], rtol=1e-15)
    assert_array_equal(km.history_[1].labels, [0, 0, 1, 1, 1, 1, 1])
    # each record's inertia (its labels around its centroids), recomputed in exact arithmetic
    first, second = [[0, 1, 2], [3, 4, 5, 6]], [[0, 1], [2, 3, 4, 5, 6]]
    starts = [[Fraction(v) for v in SEVEN[0]], [Fraction(v) for v in SEVEN[3]]]
    assert km.history_[0].inertia == float(_sse_exact(SEVEN, first, starts)) == 33.25
    assert km.history_[1].inertia == pytest.approx(float(_sse_exact(SEVEN, second, _means_exact(SEVEN, first))),
                                                   rel=1e-14)
    assert km.history_[2].inertia == pytest.approx(float(_sse_exact(SEVEN, second, _means_exact(SEVEN, second))),
                                                   rel=1e-14)


def _means_exact(points, partition):
    return [[sum(Fraction(points[i][f]) for i in members) / len(members) for f in range(points.shape[1])]
            for members in partition]


def _sse_exact(points, partition, centroids):
    return sum((Fraction(v) - m) ** 2 for members, centroid in zip(partition, centroids) for i in members
               for v, m in zip(points[i], centroid))


def test_seven_points_equal_scikit_learn():
    ours = KMeans(2, init=A_AND_D).fit(SEVEN)
    theirs = SklearnKMeans(2, init=A_AND_D, n_init=1).fit(SEVEN)
    _assert_same_kmeans(ours, theirs, SEVEN)


# --------------------------------------------------------------------------------------
# Generated data sets
# --------------------------------------------------------------------------------------

def _dataset(kind, seed):
    """(X, k, init) for one kind of data set; init is an explicit array of starting centroids."""
    rng = np.random.default_rng(seed)
    if kind == "gaussian":
        n, d = int(rng.integers(10, 400)), int(rng.integers(1, 7))
        k = int(rng.integers(1, min(n, 12) + 1))
        X = rng.normal(size=(n, d)) * rng.uniform(0.1, 50) + rng.uniform(-100, 100, size=d)
    elif kind == "blobs":
        n, d, k = int(rng.integers(50, 600)), int(rng.integers(2, 6)), int(rng.integers(2, 8))
        X, _ = make_blobs(n, n_features=d, centers=k, cluster_std=rng.uniform(0.3, 3), random_state=seed)
    elif kind == "large":  # many row blocks
        n, d, k = 20_000, 3, 5
        X = rng.normal(size=(n, d))
    elif kind == "duplicates":  # repeated points, integer coordinates: exact ties
        base = rng.integers(-3, 4, size=(int(rng.integers(4, 12)), 2)).astype(float)
        X = base[rng.integers(0, len(base), size=int(rng.integers(20, 80)))]
        k = int(rng.integers(2, 5))
    elif kind == "constant_column":
        n = int(rng.integers(20, 200))
        X = np.column_stack([rng.normal(size=n), np.full(n, 7.5), rng.normal(size=n)])
        k = int(rng.integers(2, 6))
    elif kind == "singletons":  # far-away points that end as clusters of one
        core = rng.normal(size=(int(rng.integers(30, 100)), 2))
        X = np.vstack([core, [[40, 40], [-50, 10]]])
        k = 4
        return X, k, np.vstack([core[:2], X[-2:]])
    elif kind == "k_equals_n":
        n = int(rng.integers(1, 12))
        X = rng.normal(size=(n, 3))
        return X, n, X.copy()
    elif kind == "n_equals_1":
        X = rng.normal(size=(1, 4))
        return X, 1, X.copy()
    elif kind == "empty_cluster":  # one start far from all data: empty in round 1, relocated
        X = rng.normal(size=(int(rng.integers(20, 200)), 2))
        k = 3
        return X, k, np.vstack([X[:2], [[500.0, 500.0]]])
    elif kind == "two_empty_clusters":
        X = rng.normal(size=(int(rng.integers(20, 200)), 3))
        return X, 4, np.vstack([X[:2], [[300.0, 0, 0], [0, -300.0, 0]]])
    elif kind == "many_clusters":  # more than 53 clusters: the argmin path of the assignment
        X = rng.normal(size=(int(rng.integers(200, 400)), 2))
        k = int(rng.integers(54, 80))
    elif kind == "integer_grid":  # a symmetric grid with mean 0: distances and means exact, many ties
        side = np.arange(-3, 4, dtype=float)
        X = np.array([[a, b] for a in side for b in side])
        k = int(rng.integers(2, 6))
    else:
        raise ValueError(kind)
    init = X[rng.choice(len(X), size=k, replace=False)]
    return X, k, init


KINDS = ["gaussian", "blobs", "duplicates", "constant_column", "singletons", "k_equals_n", "n_equals_1",
         "empty_cluster", "two_empty_clusters", "integer_grid", "many_clusters"]
CASES = [(kind, seed) for kind in KINDS for seed in range(6)] + [("large", 0), ("large", 1)]


@pytest.mark.parametrize("kind, seed", CASES)
@pytest.mark.parametrize("tol", [1e-4, 0.0])
def test_kmeans_with_explicit_init_equals_scikit_learn(kind, seed, tol):
    X, k, init = _dataset(kind, seed)
    ours = _fit_ours(KMeans(k, init=init, tol=tol), X)
    theirs = _fit_sklearn(SklearnKMeans(n_clusters=k, init=init, n_init=1, tol=tol), X)
    _assert_same_kmeans(ours, theirs, X)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("max_iter, tol", [(1, 1e-4), (2, 0.0), (3, 1e-4), (300, 0.5)])
def test_kmeans_stopped_early_equals_scikit_learn(seed, max_iter, tol):
    # Stopped by max_iter or a coarse tol: the final extra assignment step must match too.
    X, k, init = _dataset("gaussian", 100 + seed)
    ours = _fit_ours(KMeans(k, init=init, max_iter=max_iter, tol=tol), X)
    theirs = _fit_sklearn(SklearnKMeans(n_clusters=k, init=init, n_init=1, max_iter=max_iter,
                                   tol=tol), X)
    _assert_same_kmeans(ours, theirs, X)


def test_empty_cluster_is_relocated_to_the_farthest_point():
    X = np.array([[0.0, 0], [1, 0], [0, 3], [10, 10]])
    # Centroid 2 has no point. The point farthest from its own centroid, (0, 3) at squared
    # distance 9, leaves cluster 0 and becomes cluster 2.
    new = update_centroids(X, [0, 0, 0, 1], [[0.0, 0], [10, 10], [100, 100]])
    assert_allclose(new, [[0.5, 0], [10, 10], [0, 3]])
    # Two empty clusters: the farthest point (10, 10) goes to the first, the next one to the second.
    new = update_centroids(X, [0, 0, 0, 0], [[0.0, 0], [50, 50], [100, 100]])
    assert_allclose(new, [[0.5, 0], [10, 10], [0, 3]])
    ours = KMeans(3, init=[[0.0, 0], [100, 100], [200, 200]]).fit(X)
    theirs = SklearnKMeans(3, init=np.array([[0.0, 0], [100, 100], [200, 200]]), n_init=1).fit(X)
    _assert_same_kmeans(ours, theirs, X)
    assert len(np.unique(ours.labels_)) == 3


def test_more_clusters_than_distinct_points_reproduces_scikit_learn_exactly():
    # Every point sits on its centroid, so nothing can be relocated; cluster 1 (below the
    # largest cluster, 2) receives that cluster's coordinate sum in scikit-learn 1.9.1.
    X = np.array([[0.0, 0], [0, 0], [4, 2], [4, 2], [4, 2]])
    with pytest.warns(ConvergenceWarning, match="distinct clusters"):
        ours = KMeans(5, init=X).fit(X)
    theirs = _fit_sklearn(SklearnKMeans(5, init=X, n_init=1), X)
    _assert_same_kmeans(ours, theirs, X)
    assert_allclose(ours.cluster_centers_[1], [7.2, 3.6])  # 3 * ((4, 2) - mean) + mean
    assert ours.inertia_ == 0.0


@pytest.mark.parametrize("max_iter", [1, 2, 300])
def test_relocation_that_empties_a_singleton_cluster_matches_scikit_learn(max_iter):
    # Round 1: (10, 0) is alone in cluster 0 and is the point farthest from its centroid, so it
    # moves to the empty cluster 2 and leaves cluster 0 empty; cluster 0 (below the largest,
    # cluster 1) then gets cluster 1's coordinate sum, as in scikit-learn 1.9.1.
    X = np.vstack([np.random.default_rng(0).normal(size=(30, 2)), [[10.0, 0]]])
    init = np.array([[19.0, 0], [0, 0], [-100, 100]])
    ours = _fit_ours(KMeans(3, init=init, max_iter=max_iter), X)
    _assert_same_kmeans(ours, _fit_sklearn(SklearnKMeans(3, init=init, n_init=1, max_iter=max_iter), X), X)
    round_1_sum = (X[:30] - X.mean(axis=0)).sum(axis=0) + X.mean(axis=0)
    assert_allclose(_fit_ours(KMeans(3, init=init, max_iter=1), X).cluster_centers_[0], round_1_sum, rtol=1e-12)
    inertias = [record.inertia for record in ours.history_]
    assert np.all(np.diff(inertias) <= 0)


# --------------------------------------------------------------------------------------
# Random starts: the same draws as scikit-learn
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_kmeans_with_random_state_is_identical_to_scikit_learn(seed, init):
    kind = ["gaussian", "blobs", "duplicates", "constant_column"][seed % 4]
    X, k, _ = _dataset(kind, seed)
    n_init = ["auto", 1, 3][seed % 3]
    ours = _fit_ours(KMeans(k, init=init, n_init=n_init, random_state=seed), X)
    theirs = _fit_sklearn(SklearnKMeans(n_clusters=k, init=init, n_init=n_init, random_state=seed), X)
    _assert_same_kmeans(ours, theirs, X)


@pytest.mark.parametrize("seed", range(3))
def test_best_of_ten_random_starts_is_the_same_run_as_scikit_learn(seed):
    X, _ = make_blobs(400, centers=6, cluster_std=2.5, random_state=seed)
    ours = KMeans(6, init="random", n_init=10, random_state=seed).fit(X)
    theirs = SklearnKMeans(6, init="random", n_init=10, random_state=seed).fit(X)
    _assert_same_kmeans(ours, theirs, X)
    assert ours.history_[-1].inertia >= ours.inertia_


def test_a_shared_random_state_advances_exactly_as_in_scikit_learn():
    # GaussianMixture(init_params='kmeans') calls KMeans(k, n_init=1, random_state=rs) with one
    # RandomState shared across calls: every call must consume the same draws.
    X, _ = make_blobs(300, centers=4, random_state=3)
    ours_rs, theirs_rs = np.random.RandomState(11), np.random.RandomState(11)
    for k in [2, 3, 4, 5]:
        for init in ["k-means++", "random"]:
            ours = KMeans(n_clusters=k, init=init, n_init=1, random_state=ours_rs).fit(X)
            theirs = SklearnKMeans(n_clusters=k, init=init, n_init=1, random_state=theirs_rs).fit(X)
            assert_array_equal(ours.labels_, theirs.labels_)
    assert ours_rs.random_sample() == theirs_rs.random_sample()


@pytest.mark.parametrize("seed", range(25))
def test_kmeans_plusplus_equals_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    n, d = int(rng.integers(2, 300)), int(rng.integers(1, 6))
    X = rng.normal(size=(n, d)) * 3 + rng.normal(size=d)
    if seed % 5 == 0:
        X[: n // 2] = X[0]  # many duplicates: zero D^2 mass on them
    k = int(rng.integers(1, min(n, 15) + 1))
    trials = [None, 1, 5][seed % 3]
    centers, indices = kmeans_plusplus(X, k, random_state=seed, n_local_trials=trials)
    sk_centers, sk_indices = sklearn_kmeans_plusplus(X, k, random_state=seed, n_local_trials=trials)
    assert_array_equal(indices, sk_indices)
    assert_array_equal(centers, sk_centers)
    assert_array_equal(X[indices], centers)


def test_kmeans_plusplus_sklearn_docstring_example():
    X = np.array([[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]])
    centers, indices = kmeans_plusplus(X, n_clusters=2, random_state=0)
    assert_array_equal(indices, [3, 2])
    assert_array_equal(centers, [[10, 2], [1, 0]])


def test_kmeans_plusplus_with_all_points_identical():
    X = np.ones((5, 2))
    centers, indices = kmeans_plusplus(X, 3, random_state=0)
    assert_array_equal(centers, np.ones((3, 2)))
    assert_array_equal(indices, sklearn_kmeans_plusplus(X, 3, random_state=0)[1])


# --------------------------------------------------------------------------------------
# The textbook version and the fast path
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, seed", [(kind, seed) for kind in ["gaussian", "blobs", "constant_column",
                                                                     "singletons", "empty_cluster"]
                                        for seed in range(5)])
@pytest.mark.parametrize("tol, max_iter", [(1e-4, 300), (0.0, 300), (0.0, 2)])
def test_textbook_lloyd_equals_the_fast_kmeans(kind, seed, tol, max_iter):
    X, k, init = _dataset(kind, seed)
    centroids, labels, inertia, n_iter = lloyd_textbook(X, init, max_iter=max_iter, tol=tol)
    fast = _fit_ours(KMeans(k, init=init, max_iter=max_iter, tol=tol), X)
    scale = max(1.0, float(np.abs(X).max()))
    assert_array_equal(labels, fast.labels_)
    assert n_iter == fast.n_iter_
    _close(centroids, fast.cluster_centers_, scale)
    _close(inertia, fast.inertia_, scale**2)


def test_textbook_lloyd_on_the_seven_points():
    centroids, labels, inertia, n_iter = lloyd_textbook(SEVEN, A_AND_D)
    assert_array_equal(labels, [0, 0, 1, 1, 1, 1, 1])
    assert_allclose(centroids, [[1.25, 1.5], [3.9, 5.1]], rtol=1e-14)
    assert inertia == pytest.approx(8.525, rel=1e-14) and n_iter == 3


# --------------------------------------------------------------------------------------
# The step functions
# --------------------------------------------------------------------------------------

def test_squared_distances_equal_the_broadcast_formula(rng):
    X, C = rng.normal(size=(50, 4)), rng.normal(size=(6, 4))
    expected = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    assert_allclose(squared_distances_to_centroids(X, C), expected, rtol=1e-10, atol=1e-12)


def test_textbook_squared_distances_equal_scipy_and_keep_exact_ties(rng):
    from scipy.spatial.distance import cdist
    X, C = rng.normal(size=(50, 4)), rng.normal(size=(6, 4))
    assert_allclose(squared_distances_textbook(X, C), cdist(X, C, "sqeuclidean"), rtol=1e-12, atol=1e-14)
    tie = squared_distances_textbook(np.array([[0.1, 0.3]]), np.array([[-0.4, 0.0], [0.6, 0.6]]))
    assert tie[0, 0] == tie[0, 1]  # 0.25 + 0.09 both ways, the same float operations


def test_assignment_is_the_argmin_and_ties_go_to_the_lowest_index(rng):
    X, C = rng.normal(size=(30_000, 3)), rng.normal(size=(7, 3))  # several row blocks
    expected = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    labels = assign_to_nearest_centroid(X, C)
    assert labels.dtype == np.int32
    assert_array_equal(labels, expected)
    # (0, 0) is 1 from all four centroids; (0, 1) is 1 from the 3rd and 4th (equal) ones
    ties = assign_to_nearest_centroid([[0, 0], [0, 1]], [[1, 0], [-1, 0], [0, 1], [0, 1]])
    assert_array_equal(ties, [0, 2])


@pytest.mark.parametrize("k", [1, 2, 3, 8, 17, 53, 54, 70])
def test_assignment_equals_argmin_with_ties_for_any_number_of_centroids(k):
    rng = np.random.default_rng(k)
    # Small integers: many exact ties between centroids, which must go to the lowest index.
    X = rng.integers(-3, 4, size=(5000, 2)).astype(float)
    C = rng.integers(-3, 4, size=(k, 2)).astype(float)
    distances = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    assert_array_equal(assign_to_nearest_centroid(X, C), distances.argmin(axis=1))
    assert (distances == distances.min(axis=1, keepdims=True)).sum(axis=1).max() > 1 or k == 1  # ties occurred


def test_update_centroids_are_the_cluster_means(rng):
    X = rng.normal(size=(40_000, 3))
    labels = rng.integers(0, 5, size=len(X))
    expected = np.array([X[labels == j].mean(axis=0) for j in range(5)])
    assert_allclose(update_centroids(X, labels, np.zeros((5, 3))), expected, rtol=1e-10, atol=1e-14)


def test_compute_inertia_is_the_sum_of_squared_distances(rng):
    X = rng.normal(size=(100, 3))
    labels = rng.integers(0, 4, size=100)
    C = rng.normal(size=(4, 3))
    assert compute_inertia(X, labels, C) == pytest.approx(sum(((x - C[j]) ** 2).sum() for x, j in zip(X, labels)),
                                                          rel=1e-12)


@pytest.mark.parametrize("labels, error, match", [
    ([0, 1], ValueError, "one entry per sample"),
    ([0, 1, 5], ValueError, "between 0 and n_clusters - 1"),
    ([0, -1, 1], ValueError, "between 0 and n_clusters - 1"),
    ([0.5, 1, 0], TypeError, "integer cluster indices"),
    (["a", "b", "c"], TypeError, "integer cluster indices"),
])
def test_step_functions_reject_bad_labels(labels, error, match):
    X = [[0.0, 0], [1, 1], [2, 2]]
    with pytest.raises(error, match=match):
        update_centroids(X, labels, [[0, 0], [1, 1]])
    with pytest.raises(error, match=match):
        compute_inertia(X, labels, [[0, 0], [1, 1]])


def test_step_functions_reject_centers_of_the_wrong_width():
    with pytest.raises(ValueError, match="centers has 3 feature"):
        assign_to_nearest_centroid([[0.0, 0]], [[0, 0, 0]])
    with pytest.raises(ValueError, match="X contains NaN"):
        squared_distances_to_centroids([[np.nan, 0]], [[0, 0]])


# --------------------------------------------------------------------------------------
# history_
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, seed", [(kind, seed) for kind in ["gaussian", "blobs", "duplicates", "singletons",
                                                                     "empty_cluster", "two_empty_clusters",
                                                                     "integer_grid"]
                                        for seed in range(6)])
def test_inertia_never_increases_along_the_history(kind, seed):
    X, k, init = _dataset(kind, seed)
    for estimator in [KMeans(k, init=init, tol=0.0), KMeans(k, random_state=seed, n_init=3, tol=0.0)]:
        fitted = _fit_ours(estimator, X)
        inertias = np.array([record.inertia for record in fitted.history_])
        slack = 1e-12 * max(1.0, inertias[0])  # rounding only
        assert np.all(np.diff(inertias) <= slack), inertias
        assert fitted.inertia_ <= inertias[-1] + slack
        assert len(fitted.history_) == fitted.n_iter_


def test_history_records_follow_one_another(rng):
    X, _ = make_blobs(300, centers=4, cluster_std=3.0, random_state=5)
    fitted = KMeans(4, init=X[:4], tol=0.0).fit(X)
    assert len(fitted.history_) > 2
    assert_allclose(fitted.history_[0].centroids, X[:4], rtol=1e-13, atol=1e-13)
    for before, after in zip(fitted.history_, fitted.history_[1:]):
        assert_allclose(after.centroids, update_centroids(X, before.labels, before.centroids), rtol=1e-10,
                        atol=1e-12)
        assert_array_equal(before.labels, assign_to_nearest_centroid(X, before.centroids))
        assert before.inertia == pytest.approx(compute_inertia(X, before.labels, before.centroids), rel=1e-10)
    assert_array_equal(fitted.history_[-1].labels, fitted.labels_)  # strict convergence: nothing changed


def test_history_is_switchable_and_auto_depends_on_the_number_of_samples(monkeypatch):
    X, _ = make_blobs(50, centers=2, random_state=0)
    assert KMeans(2, random_state=0, keep_history=False).fit(X).history_ is None
    assert len(KMeans(2, random_state=0, keep_history=True).fit(X).history_) >= 1
    assert KMeans(2, random_state=0).fit(X).history_ is not None
    monkeypatch.setattr(km_module, "HISTORY_AUTO_MAX_SAMPLES", 49)
    assert KMeans(2, random_state=0).fit(X).history_ is None
    assert KMeans(2, random_state=0, keep_history=True).fit(X).history_ is not None
    # recording or not never changes the result
    a = KMeans(2, random_state=0, keep_history=True).fit(X)
    b = KMeans(2, random_state=0, keep_history=False).fit(X)
    assert_array_equal(a.labels_, b.labels_)
    assert a.inertia_ == b.inertia_


# --------------------------------------------------------------------------------------
# The estimator API
# --------------------------------------------------------------------------------------

def test_predict_transform_score_equal_scikit_learn(rng):
    X, _ = make_blobs(500, centers=5, n_features=3, random_state=2)
    new = rng.normal(size=(80, 3)) * 5
    ours = KMeans(5, random_state=4).fit(X)
    theirs = SklearnKMeans(5, random_state=4).fit(X)
    _assert_same_kmeans(ours, theirs, X)
    assert_array_equal(ours.predict(new), theirs.predict(new))
    assert ours.predict(new).dtype == np.int32
    assert_allclose(ours.transform(new), theirs.transform(new), rtol=RTOL)
    assert ours.score(new) == pytest.approx(theirs.score(new), rel=RTOL)
    assert ours.score(X) == pytest.approx(-ours.inertia_, rel=1e-12)
    assert_array_equal(KMeans(5, random_state=4).fit_predict(X), ours.labels_)
    assert_allclose(KMeans(5, random_state=4).fit_transform(X), ours.transform(X))
    assert_array_equal(ours.predict(X), ours.labels_)
    assert ours.n_features_in_ == 3


def test_parameters_and_repr():
    km = KMeans(3, init="random", random_state=0)
    assert km.get_params()["n_clusters"] == 3
    assert km.set_params(n_init=4).n_init == 4
    assert repr(km) == "KMeans(n_clusters=3, init='random', n_init=4, random_state=0)"
    assert repr(MiniBatchKMeans(2, batch_size=10)) == "MiniBatchKMeans(n_clusters=2, batch_size=10)"


def test_input_is_not_modified_and_lists_are_accepted():
    X = SEVEN.copy()
    KMeans(2, init=A_AND_D).fit(X)
    assert_array_equal(X, SEVEN)
    assert_array_equal(KMeans(2, init=A_AND_D.tolist()).fit(SEVEN.tolist()).labels_, [0, 0, 1, 1, 1, 1, 1])


# --------------------------------------------------------------------------------------
# MiniBatchKMeans
# --------------------------------------------------------------------------------------

def _assert_same_minibatch(ours, theirs, X):
    scale = max(1.0, float(np.abs(X).max()))
    assert ours.n_steps_ == theirs.n_steps_ and ours.n_iter_ == theirs.n_iter_
    assert_array_equal(ours.labels_, theirs.labels_)
    _close(ours.cluster_centers_, theirs.cluster_centers_, scale)
    _close(ours.inertia_, theirs.inertia_, scale**2)


@pytest.mark.parametrize("seed", range(16))
@pytest.mark.parametrize("init", ["k-means++", "random", "array"])
def test_minibatch_follows_the_same_path_as_scikit_learn(seed, init):
    rng = np.random.default_rng(seed)
    n, d, k = int(rng.integers(30, 2000)), int(rng.integers(1, 6)), int(rng.integers(1, 9))
    X, _ = make_blobs(n, n_features=d, centers=k, random_state=seed)
    start = X[:k].copy() if init == "array" else init
    no_improvement = [10, 3, None][seed % 3]
    params = dict(n_clusters=k, init=start, random_state=seed, batch_size=[16, 64, 256, 1024][seed % 4],
                  max_iter=2 if no_improvement is None else [3, 10][seed % 2], tol=[0.0, 1e-3][(seed // 2) % 2],
                  max_no_improvement=no_improvement, reassignment_ratio=[0.01, 0.2][(seed // 3) % 2])
    ours = _fit_ours(MiniBatchKMeans(**params), X)
    theirs = _fit_sklearn(SklearnMiniBatchKMeans(**params), X)
    _assert_same_minibatch(ours, theirs, X)


def test_minibatch_without_labels_reports_the_smoothed_inertia():
    X, _ = make_blobs(2000, centers=3, random_state=0)
    params = dict(n_clusters=3, random_state=0, batch_size=100, compute_labels=False)
    ours, theirs = MiniBatchKMeans(**params).fit(X), SklearnMiniBatchKMeans(**params).fit(X)
    assert not hasattr(ours, "labels_")
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-10)


def test_minibatch_without_labels_after_a_single_batch_reports_that_batch():
    # One step (max_iter=1, batch_size=n): the smoothing skips the first batch, so scikit-learn 1.9.1 fails
    # here with a TypeError; we report that batch's inertia per sample times n. Every point lies at squared
    # distance 1 from its start centroid, so whichever rows the batch draws, that is 1 per sample.
    X = np.array([[0.0, 1], [0, -1], [10, 11], [10, 9]])
    start = [[0.0, 0], [10, 10]]
    model = MiniBatchKMeans(2, init=start, max_iter=1, batch_size=4, compute_labels=False, random_state=0)
    model.fit(X)
    assert model.n_steps_ == 1 and not hasattr(model, "labels_")
    assert model.inertia_ == pytest.approx(compute_inertia(X, [0, 0, 1, 1], start), rel=1e-12)
    assert model.inertia_ == pytest.approx(4.0, rel=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_minibatch_partial_fit_equals_scikit_learn(seed):
    X, _ = make_blobs(3000, centers=4, random_state=seed)
    ours = MiniBatchKMeans(4, random_state=seed, batch_size=100)
    theirs = SklearnMiniBatchKMeans(4, random_state=seed, batch_size=100)
    for start in range(0, len(X), 150):
        ours.partial_fit(X[start:start + 150])
        theirs.partial_fit(X[start:start + 150])
        assert_array_equal(ours.labels_, theirs.labels_)
    assert ours.n_steps_ == theirs.n_steps_ == 20
    _close(ours.cluster_centers_, theirs.cluster_centers_, np.abs(X).max())


def test_minibatch_centres_are_running_means_of_everything_they_absorbed(rng):
    X = rng.normal(size=(600, 2)) + np.repeat([[0, 0], [8, 8], [0, 8]], 200, axis=0)
    rng.shuffle(X)
    model = MiniBatchKMeans(3, init=[[0.0, 0], [8, 8], [0, 8]], reassignment_ratio=0.0, batch_size=50)
    absorbed = [[] for _ in range(3)]
    for start in range(0, len(X), 50):
        batch = X[start:start + 50]
        labels = model.predict(batch) if start else assign_to_nearest_centroid(batch, [[0.0, 0], [8, 8], [0, 8]])
        for j in range(3):
            absorbed[j].extend(batch[labels == j])
        model.partial_fit(batch)
        expected = np.array([np.mean(points, axis=0) for points in absorbed])
        assert_allclose(model.cluster_centers_, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_minibatch_inertia_within_five_percent_of_full_kmeans(seed):
    X, _ = make_blobs(20_000, centers=6, n_features=4, cluster_std=1.5, random_state=seed)
    full = KMeans(6, random_state=seed, n_init=3).fit(X).inertia_
    mini = MiniBatchKMeans(6, random_state=seed, batch_size=512).fit(X).inertia_
    assert mini <= 1.05 * full, (mini, full)


# --------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------

GOOD_X = np.arange(20, dtype=float).reshape(10, 2)


@pytest.mark.parametrize("X, error, match", [
    ([[1.0, np.nan], [2, 3]], ValueError, "NaN"),
    ([[1.0, np.inf], [2, 3]], ValueError, "infinity"),
    (np.empty((0, 2)), ValueError, "empty"),
    ([1.0, 2.0, 3.0], ValueError, "2-D"),
    ([["a", "b"], ["c", "d"]], TypeError, "numbers only"),
    (None, TypeError, "None"),
])
@pytest.mark.parametrize("fit", ["KMeans", "MiniBatchKMeans", "kmeans_plusplus", "partial_fit"])
def test_bad_X_is_rejected_with_a_clear_message(X, error, match, fit):
    with pytest.raises(error, match=match):
        if fit == "KMeans":
            KMeans(1).fit(X)
        elif fit == "MiniBatchKMeans":
            MiniBatchKMeans(1).fit(X)
        elif fit == "partial_fit":
            MiniBatchKMeans(1).partial_fit(X)
        else:
            kmeans_plusplus(X, 1)


@pytest.mark.parametrize("params, error, match", [
    (dict(n_clusters=0), ValueError, "n_clusters must be >= 1"),
    (dict(n_clusters=-2), ValueError, "n_clusters must be >= 1"),
    (dict(n_clusters=2.5), TypeError, "n_clusters must be an integer"),
    (dict(n_clusters=11), ValueError, "n_clusters=11 is larger than the number of samples"),
    (dict(init="kmeans++"), ValueError, "Unknown init 'kmeans\\+\\+'"),
    (dict(init=np.zeros((3, 2))), ValueError, "init has shape \\(3, 2\\).*shape \\(2, 2\\)"),
    (dict(init=np.zeros((2, 3))), ValueError, "init has shape \\(2, 3\\).*shape \\(2, 2\\)"),
    (dict(init=[[0.0, np.nan], [1, 1]]), ValueError, "init contains NaN"),
    (dict(init=lambda X, k, random_state: X[:k]), TypeError, "init must be"),
    (dict(tol=-1e-3), ValueError, "tol must be >= 0"),
    (dict(tol="small"), TypeError, "tol must be a number"),
    (dict(max_iter=0), ValueError, "max_iter must be >= 1"),
    (dict(max_iter=2.0), TypeError, "max_iter must be an integer"),
    (dict(n_init=0), ValueError, "n_init must be >= 1"),
    (dict(n_init="many"), ValueError, "Unknown n_init 'many'"),
    (dict(n_init=1.5), TypeError, "n_init must be an integer"),
    (dict(random_state="seed"), TypeError, "random_state must be"),
])
@pytest.mark.parametrize("estimator", [KMeans, MiniBatchKMeans])
def test_bad_parameters_are_rejected_with_a_clear_message(params, error, match, estimator):
    params = {"n_clusters": 2, **params}
    with pytest.raises(error, match=match):
        estimator(**params).fit(GOOD_X)


@pytest.mark.parametrize("params, error, match", [
    (dict(batch_size=0), ValueError, "batch_size must be >= 1"),
    (dict(batch_size=10.5), TypeError, "batch_size must be an integer"),
    (dict(batch_size="big"), TypeError, "batch_size must be an integer"),
    (dict(max_no_improvement=-1), ValueError, "max_no_improvement must be >= 0"),
    (dict(init_size=0), ValueError, "init_size must be >= 1"),
    (dict(reassignment_ratio=-0.1), ValueError, "reassignment_ratio must be >= 0 and <= 1"),
    (dict(reassignment_ratio=1.5), ValueError, "reassignment_ratio must be >= 0 and <= 1"),
    (dict(compute_labels="yes"), TypeError, "compute_labels must be True or False"),
])
def test_bad_minibatch_parameters_are_rejected(params, error, match):
    with pytest.raises(error, match=match):
        MiniBatchKMeans(2, **params).fit(GOOD_X)
    with pytest.raises(error, match=match):
        MiniBatchKMeans(2, **params).partial_fit(GOOD_X)


def test_bad_keep_history_and_n_local_trials():
    with pytest.raises(ValueError, match="Unknown keep_history 'yes'"):
        KMeans(2, keep_history="yes").fit(GOOD_X)
    with pytest.raises(TypeError, match="keep_history must be"):
        KMeans(2, keep_history=1).fit(GOOD_X)
    with pytest.raises(ValueError, match="n_local_trials must be >= 1"):
        kmeans_plusplus(GOOD_X, 2, n_local_trials=0)
    with pytest.raises(ValueError, match="n_clusters=11 is larger"):
        kmeans_plusplus(GOOD_X, 11)


@pytest.mark.parametrize("estimator", [KMeans(2), MiniBatchKMeans(2)])
@pytest.mark.parametrize("method", ["predict", "transform", "score"])
def test_use_before_fit_raises_not_fitted(estimator, method):
    with pytest.raises(NotFittedError, match=f"not fitted yet.*fit.*before calling '{method}'"):
        getattr(estimator, method)(GOOD_X)


@pytest.mark.parametrize("estimator", [KMeans(2, random_state=0), MiniBatchKMeans(2, random_state=0)])
@pytest.mark.parametrize("method", ["predict", "transform", "score"])
def test_wrong_number_of_features_after_fit(estimator, method):
    estimator.fit(GOOD_X)
    with pytest.raises(ValueError, match="X has 3 feature\\(s\\), but .* was fitted with 2"):
        getattr(estimator, method)(np.zeros((4, 3)))
    if isinstance(estimator, MiniBatchKMeans):
        with pytest.raises(ValueError, match="X has 3 feature"):
            estimator.partial_fit(np.zeros((4, 3)))


def test_explicit_init_with_several_runs_warns_and_runs_once():
    with pytest.warns(UserWarning, match="runs once instead of n_init=5"):
        km = KMeans(2, init=A_AND_D, n_init=5).fit(SEVEN)
    assert km.n_iter_ == 3


def test_fewer_distinct_points_than_clusters_warns():
    with pytest.warns(ConvergenceWarning, match="Only 2 distinct clusters"):
        KMeans(3, random_state=0).fit([[0.0, 0], [0, 0], [1, 1], [1, 1]])


def test_docstring_examples_hold():
    import doctest
    result = doctest.testmod(km_module)
    assert result.attempted >= 7 and result.failed == 0
