"""Hierarchical clustering: linkage equals SciPy's (merges, order, numbering, heights), the fast algorithms
equal the textbook loop, fcluster and the dendrogram layout equal SciPy's, AgglomerativeClustering equals
scikit-learn's, and bad input is refused clearly."""
import zlib

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from scipy.cluster import hierarchy as sch  # noqa: E402
from scipy.spatial.distance import cdist, pdist, squareform  # noqa: E402
from sklearn.cluster import AgglomerativeClustering as SkAgglomerative  # noqa: E402

from course_lib import hierarchical as hc  # noqa: E402
from course_lib.plotting import ABOVE_CUT_COLOR, PALETTE, dendrogram_cut_height, plot_dendrogram  # noqa: E402

# (method, our metric, SciPy's name for it)
METHOD_METRICS = [("ward", "euclidean", "euclidean")] + [
    (method, metric, {"manhattan": "cityblock"}.get(metric, metric))
    for method in ("single", "complete", "average") for metric in ("euclidean", "manhattan", "cosine")
]
SIZES = [2, 3, 7, 30, 90]

# Seed 002, exercise 9: the points 1, 2, 3, 10, 11, 12, 6 on a line.
EXERCISE_9 = np.array([[1.0], [2.0], [3.0], [10.0], [11.0], [12.0], [6.0]])


def _tie_free(rng, n, d, kind="normal"):
    """Continuous data: no two pairwise distances are equal."""
    X = rng.normal(size=(n, d)) * rng.uniform(0.1, 20) + rng.uniform(-30, 30, size=d)
    if kind == "constant_column" and d > 1:
        X[:, 0] = 2.5
    elif kind == "collinear":
        X = np.outer(rng.normal(size=n), rng.normal(size=d)) + rng.normal(size=d)
    elif kind == "far_from_origin":
        X = X * 1e-3 + 1e3
    return X


def _tied(rng, n, d, kind):
    """Data with many equal distances."""
    if kind == "integers":
        return rng.integers(0, 4, size=(n, d)).astype(float)
    if kind == "duplicates":
        X = rng.normal(size=(n, d)) * 5
        X[n // 2:] = X[: n - n // 2]
        return X[rng.permutation(n)]
    if kind == "integer_line":  # equally spaced collinear points
        return np.outer(rng.permutation(n), rng.integers(1, 3, size=d)).astype(float)
    raise ValueError(kind)


def _assert_same_linkage(ours, expected, rtol=0, atol=1e-10):
    """Same merges in the same order with the same names and sizes; heights within rtol and atol."""
    assert ours.shape == expected.shape
    np.testing.assert_array_equal(ours[:, [0, 1, 3]], expected[:, [0, 1, 3]])
    np.testing.assert_allclose(ours[:, 2], expected[:, 2], rtol=rtol, atol=atol)


def _assert_same_partitions_at_every_level(ours, expected):
    n = len(ours) + 1
    for k in range(1, n + 1):
        np.testing.assert_array_equal(hc.fcluster(ours, k), sch.fcluster(expected, k, criterion="maxclust"),
                                      err_msg=f"k={k}")


# ---------------------------------------------------------------------------------------------------
# linkage against SciPy
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, metric, scipy_metric", METHOD_METRICS)
@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("d", [1, 3])
@pytest.mark.parametrize("kind", ["normal", "constant_column", "collinear", "far_from_origin"])
def test_linkage_equals_scipy_on_tie_free_data(rng, method, metric, scipy_metric, n, d, kind):
    if metric == "cosine":
        # In one dimension cosine distances are only 0 or 2, and far from the origin all points point the same
        # way (every cosine distance is rounding noise): both are nothing but ties.
        d, kind = max(d, 2), "normal" if kind == "far_from_origin" else kind
    X = _tie_free(rng, n, d, kind)
    _assert_same_linkage(hc.linkage(X, method, metric), sch.linkage(X, method, scipy_metric))


@pytest.mark.parametrize("method, metric, scipy_metric", METHOD_METRICS)
def test_linkage_equals_scipy_on_many_random_datasets(method, metric, scipy_metric):
    rng = np.random.default_rng(zlib.crc32(f"{method} {metric}".encode()))  # the same data on every run
    for _ in range(40):
        n, d = int(rng.integers(2, 70)), int(rng.integers(2, 9))
        X = rng.normal(size=(n, d)) * rng.uniform(0.01, 100, size=d)
        _assert_same_linkage(hc.linkage(X, method, metric), sch.linkage(X, method, scipy_metric),
                             rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("method", ["single", "complete", "average", "ward"])
def test_linkage_equals_scipy_on_a_larger_set(rng, method):
    X = np.vstack([rng.normal(center, 1.0, size=(150, 4)) for center in (0, 3, 8)])
    _assert_same_linkage(hc.linkage(X, method), sch.linkage(X, method))


@pytest.mark.parametrize("method, metric, scipy_metric", [m for m in METHOD_METRICS if m[1] != "cosine"])
@pytest.mark.parametrize("n", [2, 5, 12, 40, 80])
@pytest.mark.parametrize("kind", ["integers", "duplicates", "integer_line"])
def test_tied_data_gives_scipy_partitions_at_every_level(rng, method, metric, scipy_metric, n, kind):
    X = _tied(rng, n, 2, kind)
    ours, expected = hc.linkage(X, method, metric), sch.linkage(X, method, scipy_metric)
    np.testing.assert_allclose(ours[:, 2], expected[:, 2], rtol=0, atol=1e-10)
    _assert_same_partitions_at_every_level(ours, expected)


@pytest.mark.parametrize("method, metric, scipy_metric", [m for m in METHOD_METRICS if m[1] != "cosine"])
@pytest.mark.parametrize("kind", ["integers", "duplicates", "integer_line"])
def test_tied_data_gives_scipys_exact_matrix_because_tie_breaking_follows_scipy(rng, method, metric,
                                                                               scipy_metric, kind):
    # Stronger than the partitions: the tie-breaking rules are SciPy's, so the very same tree comes out.
    for n in (6, 25, 60):
        X = _tied(rng, n, 3, kind)
        _assert_same_linkage(hc.linkage(X, method, metric), sch.linkage(X, method, scipy_metric))


@pytest.mark.parametrize("method", ["single", "complete", "average", "ward"])
def test_exercise_9_partitions_equal_scipy(method):
    _assert_same_partitions_at_every_level(hc.linkage(EXERCISE_9, method), sch.linkage(EXERCISE_9, method))


def test_exercise_9_single_versus_complete_by_hand():
    # Worked by hand. Single linkage: the four gaps of 1 first, then 6 joins {1, 2, 3} at |6 - 3| = 3 and the
    # two groups meet at |10 - 6| = 4 (chaining through 6). Complete linkage: {1,2} and {10,11} at 1, then
    # 3 and 12 join them at 2, 6 joins {1, 2, 3} at |6 - 1| = 5 (its distance to {10, 11, 12} would be 6), and
    # the last merge is at |12 - 1| = 11.
    single, complete = hc.linkage(EXERCISE_9, "single"), hc.linkage(EXERCISE_9, "complete")
    np.testing.assert_array_equal(single[:, 2], [1, 1, 1, 1, 3, 4])
    np.testing.assert_array_equal(complete[:, 2], [1, 1, 2, 2, 5, 11])
    for Z in (single, complete):
        np.testing.assert_array_equal(hc.fcluster(Z, 2), [2, 2, 2, 1, 1, 1, 2])
        np.testing.assert_array_equal(hc.fcluster(Z, 3), [2, 2, 2, 1, 1, 1, 3])
    # Cut at height 2.5: single linkage has {1,2,3}, {10,11,12}, {6}; complete linkage too.
    np.testing.assert_array_equal(hc.fcluster(single, 2.5, criterion="distance"), [2, 2, 2, 1, 1, 1, 3])
    # Cut at 3.5: single linkage has already pulled 6 in; complete linkage has not.
    np.testing.assert_array_equal(hc.fcluster(single, 3.5, criterion="distance"), [2, 2, 2, 1, 1, 1, 2])
    np.testing.assert_array_equal(hc.fcluster(complete, 3.5, criterion="distance"), [2, 2, 2, 1, 1, 1, 3])


def test_two_points():
    Z = hc.linkage([[0.0, 0.0], [3.0, 4.0]], "ward")
    np.testing.assert_array_equal(Z, [[0, 1, 5, 2]])
    np.testing.assert_array_equal(hc.fcluster(Z, 1), [1, 1])
    np.testing.assert_array_equal(hc.fcluster(Z, 2), [1, 2])


@pytest.mark.parametrize("method", ["single", "complete", "average"])
@pytest.mark.parametrize("kind", ["normal", "integers"])
def test_precomputed_condensed_and_square_equal_scipy(rng, method, kind):
    X = _tie_free(rng, 25, 3) if kind == "normal" else _tied(rng, 25, 3, "integers")
    condensed = pdist(X, "cityblock")
    expected = sch.linkage(condensed, method)
    _assert_same_linkage(hc.linkage(condensed, method, "precomputed"), expected)
    _assert_same_linkage(hc.linkage(squareform(condensed), method, "precomputed"), expected)
    _assert_same_linkage(hc.linkage(condensed.tolist(), method, "precomputed"), expected)


def test_precomputed_square_matrix_symmetric_up_to_rounding_uses_its_upper_triangle(rng):
    D = squareform(pdist(_tie_free(rng, 20, 2)))
    noisy = D.copy()
    noisy[np.tril_indices(20, -1)] *= 1 + 1e-12
    _assert_same_linkage(hc.linkage(noisy, "average", "precomputed"), sch.linkage(squareform(D), "average"))


def test_linkage_does_not_change_its_input(rng):
    X = _tie_free(rng, 15, 2)
    D = squareform(pdist(X))
    X_copy, D_copy = X.copy(), D.copy()
    hc.linkage(X, "ward")
    hc.linkage(D, "complete", "precomputed")
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(D, D_copy)


def test_duplicates_merge_at_exactly_zero(rng):
    X = rng.normal(size=(10, 3)) * 100 + 1000  # far from the origin, where the matrix-product form loses digits
    X = np.vstack([X, X[:4]])
    for method in ("single", "complete", "average", "ward"):
        Z = hc.linkage(X, method)
        assert np.count_nonzero(Z[:, 2] == 0.0) == 4


def test_distance_matrix_is_symmetric_with_zero_diagonal_and_equals_scipy(rng):
    X = np.vstack([_tie_free(rng, 40, 5), _tie_free(rng, 3, 5)])
    for metric, scipy_metric in [("euclidean", "euclidean"), ("manhattan", "cityblock"), ("cosine", "cosine")]:
        D = hc.distance_matrix(X, metric)
        np.testing.assert_array_equal(D, D.T)
        np.testing.assert_array_equal(np.diag(D), 0.0)
        np.testing.assert_allclose(D, squareform(pdist(X, scipy_metric)), rtol=1e-12, atol=1e-13)


# ---------------------------------------------------------------------------------------------------
# The fast algorithms against the textbook loop and the definitions
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, metric, scipy_metric", METHOD_METRICS)
@pytest.mark.parametrize("n", [2, 3, 9, 24])
def test_textbook_loop_equals_fast_linkage(rng, method, metric, scipy_metric, n):
    for _ in range(3):
        X = _tie_free(rng, n, 3)
        _assert_same_linkage(hc.linkage_textbook(X, method, metric), hc.linkage(X, method, metric))


def test_textbook_loop_equals_fast_linkage_on_precomputed_distances(rng):
    D = pdist(_tie_free(rng, 15, 2), "cityblock")
    for method in ("single", "complete", "average"):
        _assert_same_linkage(hc.linkage_textbook(D, method, "precomputed"), hc.linkage(D, method, "precomputed"))


@pytest.mark.parametrize("method", ["single", "complete", "average", "ward"])
def test_lance_williams_update_equals_the_definition(rng, method):
    for _ in range(20):
        sizes = rng.integers(1, 6, size=3)
        I, A, B = (rng.normal(size=(s, 3)) + rng.normal(size=3) * 3 for s in sizes)
        d = lambda P, Q: hc.cluster_distance(P, Q, method)  # noqa: E731
        updated = hc.lance_williams_update(d(I, A), d(I, B), d(A, B), len(A), len(B), len(I), method)
        assert updated == pytest.approx(d(I, np.vstack([A, B])), rel=1e-12)


def test_lance_williams_update_works_on_whole_rows(rng):
    d_xi, d_yi = rng.uniform(1, 5, size=(2, 6))
    sizes = rng.integers(1, 5, size=6)
    rows = hc.lance_williams_update(d_xi, d_yi, 0.5, 2, 3, sizes, "ward")
    one_by_one = [hc.lance_williams_update(a, b, 0.5, 2, 3, s, "ward") for a, b, s in zip(d_xi, d_yi, sizes)]
    np.testing.assert_array_equal(rows, one_by_one)


def _wcss(points):
    return float(((points - points.mean(axis=0)) ** 2).sum())


def test_merge_cost_is_the_increase_in_within_cluster_sum_of_squares(rng):
    for _ in range(30):
        A = rng.normal(size=(int(rng.integers(1, 8)), 4))
        B = rng.normal(size=(int(rng.integers(1, 8)), 4)) + 2
        increase = _wcss(np.vstack([A, B])) - _wcss(A) - _wcss(B)
        assert hc.merge_cost(len(A), len(B), A.mean(axis=0), B.mean(axis=0)) == pytest.approx(increase, rel=1e-10)
        assert hc.ward_height(len(A), len(B), A.mean(axis=0), B.mean(axis=0)) == pytest.approx(
            np.sqrt(2 * increase), rel=1e-10)


def test_ward_height_of_two_points_is_their_distance_and_matches_scipy(rng):
    a, b = rng.normal(size=(2, 5))
    assert hc.ward_height(1, 1, a, b) == pytest.approx(np.linalg.norm(a - b), rel=1e-14)
    # the last Ward merge of SciPy's tree joins its two top clusters: its height is sqrt(2 * Delta J)
    X = _tie_free(rng, 30, 3)
    Z = sch.linkage(X, "ward")
    left, right = (sch.to_tree(Z).get_left().pre_order(), sch.to_tree(Z).get_right().pre_order())
    expected = hc.ward_height(len(left), len(right), X[left].mean(axis=0), X[right].mean(axis=0))
    assert Z[-1, 2] == pytest.approx(expected, rel=1e-12)


def test_ward_hand_example():
    # {0, 2} has centroid 1 and WCSS 2; adding {4} gives centroid 2 and WCSS 4 + 0 + 4 = 8: an increase of 6.
    assert hc.merge_cost(2, 1, [1.0], [4.0]) == 6.0
    assert hc.ward_height(2, 1, [1.0], [4.0]) == pytest.approx(np.sqrt(12.0))


@pytest.mark.parametrize("metric, scipy_metric", [("euclidean", "euclidean"), ("manhattan", "cityblock"),
                                                  ("cosine", "cosine")])
def test_cluster_distance_equals_its_definition(rng, metric, scipy_metric):
    A, B = rng.normal(size=(4, 3)), rng.normal(size=(6, 3)) + 1
    between = cdist(A, B, scipy_metric)
    assert hc.cluster_distance(A, B, "single", metric) == pytest.approx(between.min(), rel=1e-12)
    assert hc.cluster_distance(A, B, "complete", metric) == pytest.approx(between.max(), rel=1e-12)
    assert hc.cluster_distance(A, B, "average", metric) == pytest.approx(between.mean(), rel=1e-12)


def test_nearest_neighbour_chain_and_spanning_tree_find_the_same_merges_as_scipy_before_sorting(rng):
    X = _tie_free(rng, 30, 2)
    for method in ("complete", "average", "ward"):
        merges = hc.nearest_neighbour_chain(hc.distance_matrix(X), method)
        _assert_same_linkage(hc.linkage_matrix_from_merges(merges, 30), sch.linkage(X, method))
    merges = hc.minimum_spanning_tree(hc.distance_matrix(X))
    # the spanning tree's total length is the sum of the single-linkage heights
    assert merges[:, 2].sum() == pytest.approx(sch.linkage(X, "single")[:, 2].sum(), rel=1e-12)


# ---------------------------------------------------------------------------------------------------
# fcluster
# ---------------------------------------------------------------------------------------------------

def _cut_heights(Z):
    heights = np.unique(Z[:, 2])
    return np.concatenate([[0.0], heights, (heights[:-1] + heights[1:]) / 2, [heights[-1] * 2 + 1]])


@pytest.mark.parametrize("method", ["single", "complete", "average", "ward"])
@pytest.mark.parametrize("data", ["normal", "integers", "duplicates", "exercise_9"])
def test_fcluster_labels_equal_scipy(rng, method, data):
    for n in (2, 3, 10, 45):
        if data == "exercise_9":
            X = EXERCISE_9
        elif data == "normal":
            X = _tie_free(rng, n, 2)
        else:
            X = _tied(rng, n, 2, data)
        Z = sch.linkage(X, method)  # SciPy's own matrix, so the test is about fcluster alone
        n = len(X)
        for k in range(1, n + 1):
            np.testing.assert_array_equal(hc.fcluster(Z, k, criterion="maxclust"),
                                          sch.fcluster(Z, k, criterion="maxclust"), err_msg=f"k={k}")
        for t in _cut_heights(Z):
            np.testing.assert_array_equal(hc.fcluster(Z, t, criterion="distance"),
                                          sch.fcluster(Z, t, criterion="distance"), err_msg=f"t={t}")


def test_fcluster_returns_int32_numbered_from_one(rng):
    labels = hc.fcluster(hc.linkage(_tie_free(rng, 12, 2), "average"), 4)
    assert labels.dtype == np.int32
    assert sorted(set(labels)) == [1, 2, 3, 4]


def test_fcluster_on_a_deep_chain_does_not_recurse():
    X = np.cumsum(1.1 ** np.arange(3000))[:, None]  # single linkage adds one point at a time: depth 2999
    Z = hc.linkage(X, "single")
    np.testing.assert_array_equal(hc.fcluster(Z, 3), sch.fcluster(Z, 3, criterion="maxclust"))
    # (SciPy's dendrogram() itself recurses and fails at this depth; leaves_list gives the same leaf order)
    np.testing.assert_array_equal(hc.dendrogram(Z)["leaves"], sch.leaves_list(Z))


# ---------------------------------------------------------------------------------------------------
# dendrogram layout and drawing
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["single", "complete", "average", "ward"])
@pytest.mark.parametrize("data", ["normal", "integers", "exercise_9"])
def test_dendrogram_layout_equals_scipy(rng, method, data):
    for n in (2, 3, 8, 40):
        X = EXERCISE_9 if data == "exercise_9" else (
            _tie_free(rng, n, 2) if data == "normal" else _tied(rng, n, 2, "integers"))
        Z = hc.linkage(X, method)
        ours, expected = hc.dendrogram(Z), sch.dendrogram(Z, no_plot=True)
        np.testing.assert_array_equal(ours["leaves"], expected["leaves"])
        np.testing.assert_allclose(ours["icoord"], expected["icoord"], rtol=1e-14)
        np.testing.assert_allclose(ours["dcoord"], expected["dcoord"], rtol=1e-14)
        # each U is drawn at its merge's height
        np.testing.assert_array_equal(ours["dcoord"][:, 1], Z[ours["merges"], 2])


@pytest.fixture
def close_figures():
    yield
    plt.close("all")


def test_plot_dendrogram_draws_the_layout_with_the_cut_and_coloured_clusters(close_figures):
    Z = hc.linkage(EXERCISE_9, "complete")
    ax = plot_dendrogram(Z, cut_height=3.5, labels=[str(int(v)) for v in EXERCISE_9[:, 0]])
    layout = hc.dendrogram(Z)
    links = ax.collections[0]
    assert isinstance(links, LineCollection)
    np.testing.assert_allclose(np.array(links.get_segments()),
                               np.stack([layout["icoord"], layout["dcoord"]], axis=-1))
    # Below 3.5 the clusters are {10, 11, 12} (leftmost, first colour), {6} (a single point) and {1, 2, 3}.
    colors = [matplotlib.colors.to_hex(c) for c in links.get_colors()]
    heights = layout["dcoord"][:, 1]
    assert [c for c, h in zip(colors, heights) if h > 3.5] == [ABOVE_CUT_COLOR.lower()] * 2
    below = {c for c, h in zip(colors, heights) if h <= 3.5}
    assert below == {PALETTE[0].lower(), PALETTE[2].lower()}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["12", "10", "11", "6", "3", "1", "2"]
    assert [matplotlib.colors.to_hex(t.get_color()) for t in ax.get_xticklabels()] == [
        PALETTE[0].lower()] * 3 + [PALETTE[1].lower()] + [PALETTE[2].lower()] * 3
    cut_lines = [line for line in ax.get_lines() if np.allclose(line.get_ydata(), 3.5)]
    assert len(cut_lines) == 1
    assert "3 clusters" in ax.get_legend().get_texts()[0].get_text()


def test_plot_dendrogram_cut_by_number_of_clusters(rng, close_figures):
    X = np.vstack([rng.normal(center, 0.3, size=(30, 2)) for center in (0, 5, 10, 15)])
    Z = hc.linkage(X, "ward")
    for k in (1, 2, 4, 120):
        height = dendrogram_cut_height(Z, k)
        assert len(np.unique(hc.fcluster(Z, height, criterion="distance"))) == k
    ax = plot_dendrogram(Z, n_clusters=4)
    assert "4 clusters" in ax.get_legend().get_texts()[0].get_text()
    assert len(ax.get_xticklabels()) == 0  # too many leaves to name
    assert len(ax.collections[0].get_segments()) == len(X) - 1


def test_plot_dendrogram_without_a_cut_and_bad_arguments(close_figures):
    Z = hc.linkage(EXERCISE_9, "single")
    ax = plot_dendrogram(Z)
    assert ax.get_legend() is None
    assert {matplotlib.colors.to_hex(c) for c in ax.collections[0].get_colors()} == {PALETTE[0].lower()}
    with pytest.raises(ValueError, match="either cut_height or n_clusters"):
        plot_dendrogram(Z, cut_height=1.0, n_clusters=2)
    with pytest.raises(ValueError, match="one name per point"):
        plot_dendrogram(Z, labels=["a", "b"])
    with pytest.raises(ValueError, match="n_clusters"):
        dendrogram_cut_height(Z, 8)


# ---------------------------------------------------------------------------------------------------
# AgglomerativeClustering against scikit-learn
# ---------------------------------------------------------------------------------------------------

def _assert_same_estimator(ours, theirs):
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    np.testing.assert_array_equal(ours.children_, theirs.children_)
    assert ours.n_clusters_ == theirs.n_clusters_
    assert ours.n_leaves_ == theirs.n_leaves_


# Cosine distances of parallel vectors are rounding noise that differs between libraries, so cosine is
# compared on tie-free data only.
@pytest.mark.parametrize("linkage, metric, data", [
    (linkage, metric, data) for linkage, metric, _ in METHOD_METRICS for data in ("normal", "integers", "duplicates")
    if metric != "cosine" or data == "normal"
])
def test_agglomerative_labels_equal_sklearn(rng, linkage, metric, data):
    for n in (2, 3, 11, 50):
        X = _tie_free(rng, n, 3) if data == "normal" else _tied(rng, n, 3, data)
        for k in sorted({1, 2, min(4, n), n}):
            ours = hc.AgglomerativeClustering(k, linkage=linkage, metric=metric).fit(X)
            theirs = SkAgglomerative(k, linkage=linkage, metric=metric, compute_distances=True).fit(X)
            _assert_same_estimator(ours, theirs)
            np.testing.assert_allclose(ours.distances_, theirs.distances_, rtol=0, atol=1e-10)


@pytest.mark.parametrize("linkage, metric, _", METHOD_METRICS)
def test_agglomerative_distance_threshold_equals_sklearn(rng, linkage, metric, _):
    X = _tie_free(rng, 40, 2)
    heights = np.sort(hc.AgglomerativeClustering(None, linkage=linkage, metric=metric,
                                                 distance_threshold=0.0).fit(X).distances_)
    for threshold in np.concatenate([[0.0], (heights[:-1] + heights[1:]) / 2, [heights[-1] + 1]]):
        ours = hc.AgglomerativeClustering(None, linkage=linkage, metric=metric,
                                          distance_threshold=threshold).fit(X)
        theirs = SkAgglomerative(None, linkage=linkage, metric=metric, distance_threshold=threshold).fit(X)
        _assert_same_estimator(ours, theirs)
        np.testing.assert_allclose(ours.distances_, theirs.distances_, rtol=0, atol=1e-10)


@pytest.mark.parametrize("linkage", ["single", "complete", "average"])
def test_agglomerative_precomputed_equals_sklearn(rng, linkage):
    D = squareform(pdist(_tie_free(rng, 30, 3), "cityblock"))
    for k in (1, 3, 30):
        ours = hc.AgglomerativeClustering(k, linkage=linkage, metric="precomputed").fit(D)
        theirs = SkAgglomerative(k, linkage=linkage, metric="precomputed").fit(D)
        _assert_same_estimator(ours, theirs)


def test_agglomerative_exercise_9_and_api():
    model = hc.AgglomerativeClustering(n_clusters=2, linkage="single")
    assert model.fit(EXERCISE_9) is model
    np.testing.assert_array_equal(model.labels_, [0, 0, 0, 1, 1, 1, 0])
    np.testing.assert_array_equal(model.fit_predict(EXERCISE_9), model.labels_)
    assert model.n_features_in_ == 1 and model.n_leaves_ == 7 and model.n_clusters_ == 2
    assert model.get_params() == {"n_clusters": 2, "linkage": "single", "metric": "euclidean",
                                  "distance_threshold": None}
    assert repr(model) == "AgglomerativeClustering(linkage='single')"


def test_agglomerative_fit_predict_matches_fit_labels(rng):
    X = _tie_free(rng, 25, 2)
    model = hc.AgglomerativeClustering(3)
    np.testing.assert_array_equal(model.fit_predict(X), hc.AgglomerativeClustering(3).fit(X).labels_)


# ---------------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------------

GOOD = np.array([[0.0, 1.0], [2.0, 3.0], [5.0, 1.0], [4.0, 4.0]])


@pytest.mark.parametrize("call, error, message", [
    (lambda: hc.linkage(GOOD, "centroid"), ValueError, "Unknown method 'centroid'.*'ward'"),
    (lambda: hc.linkage(GOOD, "average", "chebyshev"), ValueError, "Unknown metric 'chebyshev'.*'manhattan'"),
    (lambda: hc.linkage(GOOD, "ward", "manhattan"), ValueError, "method='ward' needs metric='euclidean'"),
    (lambda: hc.linkage(GOOD, "ward", "cosine"), ValueError, "method='ward' needs metric='euclidean'"),
    (lambda: hc.linkage(pdist(GOOD), "ward", "precomputed"), ValueError, "method='ward' needs metric='euclidean'"),
    (lambda: hc.linkage(np.ones((3, 4)), "single", "precomputed"), ValueError, "square"),
    (lambda: hc.linkage([[0, 1, 2], [1, 0, 3], [5, 3, 0]], "single", "precomputed"), ValueError,
     r"symmetric.*X\[0, 2\] = 2 and X\[2, 0\] = 5"),
    (lambda: hc.linkage([[1, 1], [1, 0]], "single", "precomputed"), ValueError, r"diagonal.*X\[0, 0\] = 1"),
    (lambda: hc.linkage([[0, -1], [-1, 0]], "single", "precomputed"), ValueError, "non-negative"),
    (lambda: hc.linkage([1.0, 2.0], "single", "precomputed"), ValueError, r"length n \* \(n - 1\) / 2.*length 2"),
    (lambda: hc.linkage([-1.0], "single", "precomputed"), ValueError, "non-negative"),
    (lambda: hc.linkage([[np.nan, 1.0], [2.0, 3.0]]), ValueError, "NaN"),
    (lambda: hc.linkage([[np.inf, 1.0], [2.0, 3.0]]), ValueError, "infinity"),
    (lambda: hc.linkage([[0.0, np.inf], [np.inf, 0.0]], "single", "precomputed"), ValueError, "infinity"),
    (lambda: hc.linkage(np.empty((0, 2))), ValueError, "empty"),
    (lambda: hc.linkage([], "single", "precomputed"), ValueError, "at least 1 value"),
    (lambda: hc.linkage([1.0, 2.0, 3.0]), ValueError, "1-D.*metric='precomputed'"),
    (lambda: hc.linkage(np.ones((2, 2, 2))), ValueError, "2-D"),
    (lambda: hc.linkage([[1.0, 2.0], [3.0]]), ValueError, "X could not be read as a rectangular array.*same length"),
    (lambda: hc.linkage([[0.0, 1.0], [1.0]], "single", "precomputed"), ValueError,
     "X could not be read as a rectangular array"),
    (lambda: hc.linkage([[1.0, 2.0]]), ValueError, "1 sample.*at least 2"),
    (lambda: hc.linkage([[0.0]], "single", "precomputed"), ValueError, "at least 2"),
    (lambda: hc.linkage([["a", "b"], ["c", "d"]]), TypeError, "numbers only"),
    (lambda: hc.linkage([[0.0, 0.0], [1.0, 2.0]], "average", "cosine"), ValueError, "row of zeros.*row 0"),
    (lambda: hc.linkage_textbook(GOOD, "median"), ValueError, "Unknown method"),
    (lambda: hc.fcluster(hc.linkage(GOOD), 0), ValueError, "t must be >= 1 and <= 4.*number of clusters"),
    (lambda: hc.fcluster(hc.linkage(GOOD), 5), ValueError, "t must be >= 1 and <= 4"),
    (lambda: hc.fcluster(hc.linkage(GOOD), 2.5), TypeError, "t must be an integer"),
    (lambda: hc.fcluster(hc.linkage(GOOD), -1.0, criterion="distance"), ValueError, "t must be >= 0"),
    (lambda: hc.fcluster(hc.linkage(GOOD), 2, criterion="inconsistent"), ValueError,
     "Unknown criterion 'inconsistent'.*'maxclust', 'distance'"),
    (lambda: hc.fcluster(np.ones((3, 3)), 2), ValueError, r"shape \(n_samples - 1, 4\)"),
    (lambda: hc.fcluster([[0, 0, 1, 2]], 1), ValueError, "not a valid linkage matrix"),
    (lambda: hc.fcluster([[0, 5, 1, 2]], 1), ValueError, "not a valid linkage matrix"),
    (lambda: hc.fcluster([[0, 1, -1, 2]], 1), ValueError,
     "non-negative, but row 0 has height -1.*Pass the matrix linkage.. returns"),
    (lambda: hc.dendrogram([[0.5, 1, 1, 2]]), ValueError, "not a valid linkage matrix"),
    (lambda: hc.merge_cost(0, 1, [0.0], [1.0]), ValueError, r"size_a must be >= 1.*Pass \|A\|"),
    (lambda: hc.merge_cost(1, -2, [0.0], [1.0]), ValueError, r"size_b must be >= 1.*Pass \|B\|"),
    (lambda: hc.merge_cost(1, 1, [0.0], [1.0, 2.0]), ValueError,
     r"same number of features, got 1 and 2.*X\[members_a\].mean\(axis=0\)"),
    (lambda: hc.cluster_distance([[0.0]], [[1.0, 2.0]]), ValueError,
     r"points_a and points_b must have the same number of features, got 1 and 2.*X\[members_a\]"),
    (lambda: hc.cluster_distance([[0.0]], [[1.0]], "ward", "manhattan"), ValueError, "needs metric='euclidean'"),
    (lambda: hc.lance_williams_update(1.0, 2.0, 0.5, 1, 1, 1, "median"), ValueError, "Unknown method"),
])
def test_bad_input_is_refused_with_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("params, X, error, message", [
    ({"n_clusters": 5}, GOOD, ValueError, "n_clusters=5 is more than the 4 samples.*between 1 and 4"),
    ({"n_clusters": 0}, GOOD, ValueError, "n_clusters must be >= 1.*at least one cluster"),
    ({"n_clusters": 2.0}, GOOD, TypeError, "n_clusters must be an integer"),
    ({"n_clusters": 2, "distance_threshold": 1.0}, GOOD, ValueError,
     "exactly one of n_clusters and distance_threshold.*n_clusters=None"),
    ({"n_clusters": None}, GOOD, ValueError, "exactly one of n_clusters and distance_threshold"),
    ({"n_clusters": None, "distance_threshold": -1.0}, GOOD, ValueError, "distance_threshold must be >= 0"),
    ({"linkage": "centroid"}, GOOD, ValueError, "Unknown linkage 'centroid'"),
    ({"metric": "chebyshev", "linkage": "average"}, GOOD, ValueError, "Unknown metric 'chebyshev'"),
    ({"metric": "manhattan"}, GOOD, ValueError, "linkage='ward' needs metric='euclidean'.*use linkage='average'"),
    ({"metric": "precomputed"}, squareform(pdist(GOOD)), ValueError, "linkage='ward' needs metric='euclidean'"),
    ({"metric": "precomputed", "linkage": "average"}, np.ones((4, 3)), ValueError, "square"),
    ({}, [[1.0, np.nan], [0.0, 1.0]], ValueError, "NaN"),
    ({}, [[1.0, 2.0], [0.0, np.inf]], ValueError, r"X contains infinity \(first at row 1, column 1\).*Remove"),
    ({"metric": "precomputed", "linkage": "average"}, [[0.0, np.inf], [np.inf, 0.0]], ValueError, "infinity"),
    ({"metric": "precomputed", "linkage": "complete"}, [[0, 1, 2], [1, 0, 3], [5, 3, 0]], ValueError,
     r"symmetric.*X\[0, 2\] = 2 and X\[2, 0\] = 5.*pass \(X \+ X.T\) / 2"),
    ({"metric": "precomputed", "linkage": "single"}, [[0, 1, 2], [1, 0, 3], [5, 3, 0]], ValueError, "symmetric"),
    ({"metric": "precomputed", "linkage": "average"}, [[1, 1], [1, 0]], ValueError, "diagonal"),
    ({"metric": "precomputed", "linkage": "average"}, pdist(GOOD), ValueError,
     r"square \(n, n\) distance matrix, but a 1-D array of length 6.*squareform\(X\)"),
    ({}, [1.0, 2.0, 3.0], ValueError, "1-D"),
    ({}, [[1.0, 2.0]], ValueError, "at least 2"),
    ({}, np.empty((0, 3)), ValueError, "empty"),
    ({}, [[1.0, 2.0], [3.0]], ValueError, "X could not be read as a rectangular array"),
])
def test_agglomerative_bad_input(params, X, error, message):
    with pytest.raises(error, match=message):
        hc.AgglomerativeClustering(**params).fit(X)


def test_agglomerative_refuses_a_condensed_vector_with_advice_that_works():
    """linkage takes SciPy's condensed vector; the estimator, like scikit-learn's, takes the square matrix.
    Its message must not suggest reshape(-1, 1), and the squareform it suggests gives linkage's tree."""
    condensed = pdist(GOOD)
    model = hc.AgglomerativeClustering(2, linkage="average", metric="precomputed")
    with pytest.raises(ValueError, match="squareform") as error:
        model.fit(condensed)
    assert "reshape" not in str(error.value) and not hasattr(model, "labels_")
    with pytest.raises(ValueError, match="must be a square .n, n. distance matrix, got shape") as error:
        model.fit(np.ones((4, 3)))
    assert "condensed" not in str(error.value)  # the estimator does not accept one, so does not offer it
    model.fit(squareform(condensed))
    np.testing.assert_array_equal(model.children_, hc.linkage(condensed, "average", "precomputed")[:, :2])
    np.testing.assert_array_equal(model.labels_, SkAgglomerative(2, linkage="average", metric="precomputed")
                                  .fit(squareform(condensed)).labels_)


@pytest.mark.parametrize("method", ["single", "complete", "average", "ward"])
def test_linkage_needs_one_matrix_of_pairwise_distances_and_no_more(method):
    """The module docstring's claim: O(n^2) memory, one n x n matrix of distances (and the textbook loop's
    members lists aside, nothing else of that size)."""
    import tracemalloc

    n = 1200
    X = np.random.default_rng(3).normal(size=(n, 4))
    one_matrix = n * n * 8
    tracemalloc.start()
    try:
        hc.linkage(X, method)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert 0.9 * one_matrix < peak < 1.5 * one_matrix, peak / one_matrix


def test_docstring_examples_are_right():
    import doctest

    result = doctest.testmod(hc)
    assert result.attempted >= 8 and result.failed == 0
