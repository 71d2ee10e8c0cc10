"""DBSCAN and k_distance: labels identical to scikit-learn's (numbering included), the fast
neighbour search equal to the textbook full-matrix version, exact boundaries, bounded memory,
and clear errors for bad input."""
import tracemalloc

import numpy as np
import pytest
from sklearn.cluster import DBSCAN as SkDBSCAN
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.neighbors import NearestNeighbors

from course_lib import dbscan as cl
from course_lib.dbscan import DBSCAN, dbscan_textbook, k_distance
from course_lib.handcalc import dbscan_by_hand

METRICS = ["euclidean", "manhattan", "cosine"]


# ----------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------

def _dataset(kind, seed):
    """A small named data set; all seeded."""
    rng = np.random.default_rng(seed)
    if kind == "blobs":
        return make_blobs(n_samples=300, centers=4, cluster_std=0.6, random_state=seed)[0]
    if kind == "blobs_with_noise":
        X = make_blobs(n_samples=270, centers=3, cluster_std=0.5, random_state=seed)[0]
        return np.vstack([X, rng.uniform(X.min(0) - 1, X.max(0) + 1, size=(30, 2))])
    if kind == "moons":
        return make_moons(n_samples=300, noise=0.06, random_state=seed)[0]
    if kind == "circles":
        return make_circles(n_samples=300, noise=0.04, factor=0.5, random_state=seed)[0]
    if kind == "anisotropic":
        X = make_blobs(n_samples=300, centers=3, random_state=seed)[0]
        return X @ np.array([[0.6, -0.64], [-0.4, 0.85]])
    if kind == "duplicates":
        X = make_blobs(n_samples=120, centers=3, cluster_std=0.4, random_state=seed)[0]
        return np.vstack([X, X[:60], X[:20]])  # pairs and triples of identical points
    if kind == "integer_grid":  # many distances exactly 1, sqrt(2), 2, ...
        return rng.integers(0, 12, size=(250, 2)).astype(float)
    if kind == "far_integer_grid":  # the same, far from the origin: x.y products lose the units digit
        return 1e8 + rng.integers(0, 12, size=(250, 2)).astype(float)
    if kind == "one_feature":
        return rng.normal(size=(200, 1))
    if kind == "three_features":
        return make_blobs(n_samples=300, n_features=3, centers=3, random_state=seed)[0]
    if kind == "integer_grid_3d":
        return rng.integers(0, 6, size=(250, 3)).astype(float)
    if kind == "five_features":
        return make_blobs(n_samples=300, n_features=5, centers=3, random_state=seed)[0]
    if kind == "integer_grid_5d":
        return rng.integers(0, 3, size=(250, 5)).astype(float)
    if kind == "twenty_features":
        return make_blobs(n_samples=200, n_features=20, centers=3, cluster_std=0.8, random_state=seed)[0]
    if kind == "constant_column":
        X = make_blobs(n_samples=200, n_features=3, centers=3, random_state=seed)[0]
        X[:, 1] = 4.0
        return X
    raise ValueError(kind)


DATASETS = ["blobs", "blobs_with_noise", "moons", "circles", "anisotropic", "duplicates", "integer_grid",
            "far_integer_grid", "one_feature", "three_features", "integer_grid_3d", "five_features",
            "integer_grid_5d", "twenty_features", "constant_column"]


def _eps_choices(X, metric, *, cosine_ties=True):
    """Radii from "almost everything is noise" to "one cluster", plus the integer distances.

    On integer data some cosine distances equal 0.5 or 0.1 exactly in theory (vectors at 60
    degrees); whether the computed value lands on or just above eps then depends on how the
    formula rounds. scikit-learn and DBSCAN compute it the same way (unit vectors, then a dot
    product) and agree; the textbook formula (dot product / norms) may round the other way, so
    comparisons with it use radii that are not such round numbers.
    """
    if metric == "cosine":
        return [0.002, 0.02, 0.1, 0.5] if cosine_ties else [0.0021, 0.0213, 0.1037, 0.4813]
    spread = np.ptp(X, axis=0).max()
    choices = [spread / 200, spread / 40, spread / 15, spread / 5]
    if np.all(X == np.round(X)):
        choices += [1.0, 2.0, np.sqrt(2.0)]
    return choices


def _assert_same_as_sklearn(X, eps, min_samples, metric):
    ours = DBSCAN(eps=eps, min_samples=min_samples, metric=metric).fit(X)
    ref = SkDBSCAN(eps=eps, min_samples=min_samples, metric=metric).fit(X)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_array_equal(ours.core_sample_indices_, ref.core_sample_indices_)
    np.testing.assert_array_equal(ours.components_, ref.components_)
    return ours, ref


# ----------------------------------------------------------------------------------------
# The hand example and hand-derived cases
# ----------------------------------------------------------------------------------------

HAND_X = np.array([[0, 0], [1, 0], [0, 1], [5, 5], [1, 1], [10, 10]])


def test_seed_002_exercise_10_by_hand():
    # eps=2, MinPts=3: the four points of the unit square are all within sqrt(2) of each
    # other (4 neighbours each, themselves included: core); (5, 5) and (10, 10) have only
    # themselves within 2 (noise).
    model = DBSCAN(eps=2, min_samples=3).fit(HAND_X)
    assert model.point_types_.tolist() == ["core", "core", "core", "noise", "core", "noise"]
    assert model.labels_.tolist() == [0, 0, 0, -1, 0, -1]
    assert model.core_sample_indices_.tolist() == [0, 1, 2, 4]
    np.testing.assert_array_equal(model.components_, HAND_X[[0, 1, 2, 4]])
    _assert_same_as_sklearn(HAND_X, 2, 3, "euclidean")


def test_distance_exactly_eps_counts_as_neighbour():
    # (0,0) - (1,0) - (2,0) with eps=1: the middle point has 3 neighbours (core), the ends 2 (border).
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]])
    for metric in ("euclidean", "manhattan"):
        model = DBSCAN(eps=1, min_samples=3, metric=metric).fit(X)
        assert model.point_types_.tolist() == ["border", "core", "border"]
        assert model.labels_.tolist() == [0, 0, 0]
    # just below the distance: nobody has 3 neighbours
    assert DBSCAN(eps=1 - 1e-12, min_samples=3).fit(X).labels_.tolist() == [-1, -1, -1]


def test_distance_equal_to_eps_only_up_to_rounding_is_decided_as_the_kd_tree_decides():
    """The example of DBSCAN's Notes: both gaps are 0.5 on paper, but in binary the squared gap of the first
    pair is 0.25000000000000006 > eps**2, of the second exactly 0.25; scikit-learn's three searches disagree."""
    X = np.array([[0.1, 0.1], [0.4, 0.5], [0.7, 0.9]])
    gaps = np.sum(np.diff(X, axis=0) ** 2, axis=1)
    assert gaps[0] > 0.5 ** 2 and gaps[1] == 0.5 ** 2
    sklearn_labels = {algorithm: SkDBSCAN(eps=0.5, min_samples=2, algorithm=algorithm).fit(X).labels_.tolist()
                      for algorithm in ("brute", "kd_tree", "ball_tree")}
    assert sklearn_labels == {"brute": [0, 0, -1], "kd_tree": [-1, 0, 0], "ball_tree": [0, 0, 0]}
    assert DBSCAN(eps=0.5, min_samples=2).fit(X).labels_.tolist() == sklearn_labels["kd_tree"]
    # The textbook loop compares the distances themselves with eps: sqrt(0.25000000000000006) == 0.5.
    assert dbscan_textbook(X, eps=0.5, min_samples=2)[0].tolist() == [0, 0, 0]
    assert dbscan_by_hand(X, 0.5, 2).labels.tolist() == [0, 0, 0]  # on paper both pairs are at eps


def test_manhattan_and_euclidean_differ_where_they_should():
    # (0,0) and (1,1): Euclidean sqrt(2) <= 1.5 but Manhattan 2 > 1.5.
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    assert DBSCAN(eps=1.5, min_samples=2).fit(X).labels_.tolist() == [0, 0]
    assert DBSCAN(eps=1.5, min_samples=2, metric="manhattan").fit(X).labels_.tolist() == [-1, -1]


def _two_groups_and_a_bridge(order):
    """Point 'b' at 0 lies within eps=1 of one core point of each group; it has only 3 neighbours
    (itself, -1.0, 1.0), so with min_samples=4 it is a border point reachable from both clusters."""
    points = {"b": 0.0, "L": [-1.0, -1.05, -1.1, -1.15], "R": [1.0, 1.05, 1.1, 1.15]}
    xs = []
    for name in order:
        xs += [points[name]] if name == "b" else points[name]
    return np.array(xs)[:, None]


@pytest.mark.parametrize("order, expected", [
    # clusters are numbered by their first core point; the bridge takes the smaller number
    (("b", "L", "R"), [0, 0, 0, 0, 0, 1, 1, 1, 1]),
    (("b", "R", "L"), [0, 0, 0, 0, 0, 1, 1, 1, 1]),
    (("L", "b", "R"), [0, 0, 0, 0, 0, 1, 1, 1, 1]),
    (("R", "L", "b"), [0, 0, 0, 0, 1, 1, 1, 1, 0]),
])
def test_border_point_reachable_from_two_clusters_takes_the_smaller_number(order, expected):
    X = _two_groups_and_a_bridge(order)
    model, _ = _assert_same_as_sklearn(X, 1.0, 4, "euclidean")
    assert model.labels_.tolist() == expected
    assert (model.point_types_ == "border").sum() == 1


def test_clusters_are_numbered_by_first_core_point_not_first_point():
    # Point 0 is a border point of the right-hand group, which is listed after the left-hand one.
    X = np.array([[1.9], [0.0], [0.1], [0.2], [1.0], [1.1], [1.2]])
    model, _ = _assert_same_as_sklearn(X, 0.75, 3, "euclidean")
    assert model.labels_.tolist() == [1, 0, 0, 0, 1, 1, 1]
    assert model.point_types_.tolist() == ["border"] + ["core"] * 6


# ----------------------------------------------------------------------------------------
# Equal to scikit-learn on many data sets
# ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", DATASETS)
@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("seed", [0, 1])
def test_labels_equal_sklearn(kind, metric, seed):
    X = _dataset(kind, seed)
    for eps in _eps_choices(X, metric):
        for min_samples in (1, 2, 5, 12):
            _assert_same_as_sklearn(X, eps, min_samples, metric)


@pytest.mark.parametrize("metric", METRICS)
def test_all_noise_and_all_one_cluster(metric):
    X = _dataset("blobs_with_noise", 3)
    # cosine distances lie in [0, 2]; two of these 300 directions differ by about 1e-9 at least
    tiny_eps, huge_eps = (1e-13, 2.0) if metric == "cosine" else (1e-9, 1e6)
    tiny = DBSCAN(eps=tiny_eps, min_samples=2, metric=metric).fit(X)
    assert np.all(tiny.labels_ == -1) and np.all(tiny.point_types_ == "noise")
    assert tiny.core_sample_indices_.shape == (0,) and tiny.components_.shape == (0, 2)
    huge = DBSCAN(eps=huge_eps, min_samples=5, metric=metric).fit(X)
    assert np.all(huge.labels_ == 0) and np.all(huge.point_types_ == "core")
    for eps in (tiny_eps, huge_eps):
        _assert_same_as_sklearn(X, eps, 5, metric)


@pytest.mark.parametrize("metric", METRICS)
def test_min_samples_one_makes_every_point_core(metric):
    X = _dataset("blobs_with_noise", 4)
    model, _ = _assert_same_as_sklearn(X, 0.3 if metric != "cosine" else 0.01, 1, metric)
    assert np.all(model.point_types_ == "core") and np.all(model.labels_ >= 0)


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("min_samples", [1, 2])
def test_single_sample(metric, min_samples):
    X = np.array([[1.0, 2.0]])
    model, _ = _assert_same_as_sklearn(X, 0.5, min_samples, metric)
    assert model.labels_.tolist() == ([0] if min_samples == 1 else [-1])


def test_all_points_identical():
    X = np.ones((30, 2))
    model, _ = _assert_same_as_sklearn(X, 0.1, 30, "euclidean")
    assert np.all(model.labels_ == 0)
    assert np.all(DBSCAN(eps=0.1, min_samples=31).fit(X).labels_ == -1)


def test_random_small_problems_equal_sklearn(rng):
    """Many tiny random problems where ties between clusters over border points are common."""
    for _ in range(150):
        n, d = int(rng.integers(2, 40)), int(rng.integers(1, 4))
        X = rng.integers(0, 7, size=(n, d)).astype(float)
        metric = METRICS[int(rng.integers(0, 2))]
        _assert_same_as_sklearn(X, float(rng.choice([1.0, 1.5, 2.0])), int(rng.integers(1, 6)), metric)


# ----------------------------------------------------------------------------------------
# The fast neighbour search equals the textbook one
# ----------------------------------------------------------------------------------------

def _as_sets(neighbourhoods, n):
    sets = [None] * n
    for row, owner in enumerate(neighbourhoods.owners):
        members = neighbourhoods.members[neighbourhoods.starts[row]:neighbourhoods.starts[row + 1]]
        assert len(set(members.tolist())) == len(members), "a neighbour listed twice"
        sets[owner] = set(members.tolist())
    assert all(s is not None for s in sets), "a point without a row"
    return sets


@pytest.mark.parametrize("kind", ["blobs_with_noise", "duplicates", "integer_grid", "far_integer_grid",
                                  "one_feature", "integer_grid_3d", "five_features", "integer_grid_5d"])
@pytest.mark.parametrize("metric", METRICS)
def test_neighbourhoods_equal_textbook(kind, metric):
    X = _dataset(kind, 5)
    for eps in _eps_choices(X, metric, cosine_ties=False):
        expected = [set(row.tolist()) for row in cl.neighbourhoods_textbook(X, eps, metric)]
        assert _as_sets(cl.find_neighbourhoods(X, eps, metric), len(X)) == expected
        assert _as_sets(cl.block_neighbourhoods(X, eps, metric), len(X)) == expected
        if metric != "cosine" and X.shape[1] <= 3:
            assert _as_sets(cl.grid_neighbourhoods(X, eps, metric), len(X)) == expected


def test_grid_works_in_small_blocks(monkeypatch):
    """With a tiny pair budget the grid search runs in many blocks and finds the same neighbours."""
    X = _dataset("integer_grid", 6)
    expected = [set(row.tolist()) for row in cl.neighbourhoods_textbook(X, 2.0)]
    monkeypatch.setattr(cl, "PAIRS_PER_BLOCK", 7)
    assert _as_sets(cl.grid_neighbourhoods(X, 2.0, "euclidean"), len(X)) == expected
    _assert_same_as_sklearn(X, 2.0, 5, "euclidean")


def test_tiny_eps_on_wide_data_falls_back_to_row_blocks():
    # 1e12 cells per feature do not fit a grid numbered by int64 keys.
    X = np.array([[0.0, 0.0], [1e-9, 0.0], [1e3, 1e3], [5.0, 5.0]])
    assert not cl._grid_fits(X, 1e-9)
    _assert_same_as_sklearn(X, 1e-9, 2, "euclidean")


@pytest.mark.parametrize("kind", ["blobs_with_noise", "moons", "duplicates", "integer_grid", "five_features"])
@pytest.mark.parametrize("metric", METRICS)
def test_estimator_equals_textbook(kind, metric):
    X = _dataset(kind, 7)
    for eps in _eps_choices(X, metric, cosine_ties=False):
        for min_samples in (1, 4, 10):
            labels, is_core = dbscan_textbook(X, eps, min_samples, metric)
            model = DBSCAN(eps=eps, min_samples=min_samples, metric=metric).fit(X)
            np.testing.assert_array_equal(model.labels_, labels)
            np.testing.assert_array_equal(model.core_sample_indices_, np.flatnonzero(is_core))


def test_connect_core_points_on_a_long_chain():
    """A chain whose indices run backwards and forwards needs several hooking rounds."""
    order = np.random.default_rng(8).permutation(400)
    X = np.zeros((400, 1))
    X[order, 0] = np.arange(400)  # consecutive points 1 apart, indices shuffled
    model, _ = _assert_same_as_sklearn(X, 1.0, 3, "euclidean")
    assert model.labels_.tolist() == [0] * 400


def test_point_types_follow_their_definitions():
    X = _dataset("blobs_with_noise", 9)
    eps, min_samples = 0.35, 6
    model = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    distances = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    within = distances <= eps
    core = within.sum(axis=1) >= min_samples
    border = ~core & (within[:, core].any(axis=1))
    expected = np.where(core, "core", np.where(border, "border", "noise"))
    np.testing.assert_array_equal(model.point_types_, expected)
    assert set(np.unique(model.point_types_)) == {"core", "border", "noise"}


# ----------------------------------------------------------------------------------------
# Estimator API
# ----------------------------------------------------------------------------------------

def test_api():
    X = _dataset("moons", 0)
    model = DBSCAN(eps=0.2, min_samples=4)
    assert model.get_params() == {"eps": 0.2, "min_samples": 4, "metric": "euclidean"}
    assert repr(model) == "DBSCAN(eps=0.2, min_samples=4)"
    assert model.fit(X) is model
    assert model.n_features_in_ == 2
    assert model.labels_.dtype == SkDBSCAN(eps=0.2, min_samples=4).fit(X).labels_.dtype
    np.testing.assert_array_equal(DBSCAN(eps=0.2, min_samples=4).fit_predict(X), model.labels_)
    assert model.components_ is not X and model.components_.flags.owndata
    with pytest.raises(TypeError):
        DBSCAN(0.2, 4)  # min_samples is keyword-only, as in scikit-learn


def test_accepts_lists_and_integers():
    assert DBSCAN(eps=2, min_samples=3).fit(HAND_X.tolist()).labels_.tolist() == [0, 0, 0, -1, 0, -1]
    assert DBSCAN(eps=np.float64(2), min_samples=np.int64(3)).fit(HAND_X).labels_.tolist()[:3] == [0, 0, 0]


# ----------------------------------------------------------------------------------------
# Memory: never an n-by-n matrix
# ----------------------------------------------------------------------------------------

def _peak_mb(func):
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_memory_50000_points_in_2d_stays_under_200_mb():
    # The data of the memory benchmark: five blobs and 5% uniform noise. A 50,000 x 50,000
    # matrix of float64 alone would take 19 GB.
    rs = np.random.RandomState(0)
    X = make_blobs(n_samples=47_500, centers=[[0, 0], [5, 0], [0, 5], [5, 5], [2.5, 2.5]],
                   cluster_std=0.5, random_state=0)[0]
    X = np.vstack([X, rs.uniform(-2, 7, size=(2_500, 2))])
    peak = _peak_mb(lambda: DBSCAN(eps=0.15, min_samples=50).fit(X))
    assert peak < 200, f"peak traced memory {peak:.0f} MB"


def test_row_blocks_never_hold_the_full_matrix():
    X = np.random.default_rng(10).normal(size=(6_000, 4))
    full_matrix_mb = 6_000 ** 2 * 8 / 2**20  # 275 MB
    peak = _peak_mb(lambda: DBSCAN(eps=0.05, min_samples=3, metric="cosine").fit(X))
    assert peak < full_matrix_mb / 4, f"peak traced memory {peak:.0f} MB"


# ----------------------------------------------------------------------------------------
# k_distance
# ----------------------------------------------------------------------------------------

def _sklearn_k_distance(X, k, metric):
    algorithm = "brute" if metric == "cosine" else "kd_tree"
    nn = NearestNeighbors(n_neighbors=k, metric=metric, algorithm=algorithm).fit(X)
    return np.sort(nn.kneighbors(X)[0][:, -1])


@pytest.mark.parametrize("kind", ["blobs_with_noise", "moons", "duplicates", "integer_grid",
                                  "far_integer_grid", "one_feature", "five_features", "twenty_features",
                                  "constant_column"])
@pytest.mark.parametrize("metric", METRICS)
def test_k_distance_equals_sklearn_nearest_neighbors(kind, metric):
    X = _dataset(kind, 11)
    n = len(X)
    for k in (1, 2, 5, 17, n - 1, n):
        ours = k_distance(X, k, metric=metric)
        assert np.all(np.diff(ours) >= 0)
        np.testing.assert_allclose(ours, _sklearn_k_distance(X, k, metric), rtol=1e-10, atol=1e-12)


def test_k_distance_counts_the_point_itself():
    assert k_distance(HAND_X, 1).tolist() == [0.0] * 6
    # second nearest, self included: the square's points have a neighbour at 1; (5,5) -> (1,1) is sqrt(32)
    np.testing.assert_allclose(k_distance(HAND_X, 2), sorted([1, 1, 1, 1, np.sqrt(32), np.sqrt(50)]))
    dup = np.array([[3.0, 4.0], [3.0, 4.0], [0.0, 0.0]])
    assert k_distance(dup, 2).tolist() == [0.0, 0.0, 5.0]


def test_k_distance_with_k_min_samples_counts_core_points():
    X = _dataset("blobs_with_noise", 12)
    for eps, min_samples in ((0.2, 4), (0.4, 8), (0.7, 15)):
        n_core = len(DBSCAN(eps=eps, min_samples=min_samples).fit(X).core_sample_indices_)
        assert np.sum(k_distance(X, min_samples) <= eps) == n_core


def test_k_distance_in_small_blocks_memory():
    X = np.random.default_rng(13).normal(size=(6_000, 3))
    peak = _peak_mb(lambda: k_distance(X, 10))
    assert peak < 6_000 ** 2 * 8 / 2**20 / 4


# ----------------------------------------------------------------------------------------
# Bad input
# ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("eps, error", [(0, ValueError), (-0.5, ValueError), (0.0, ValueError),
                                        ("0.5", TypeError), (None, TypeError), (True, TypeError)])
def test_bad_eps(eps, error):
    with pytest.raises(error, match="eps"):
        DBSCAN(eps=eps).fit(HAND_X)


def test_bad_eps_message_says_how_to_fix():
    with pytest.raises(ValueError, match=r"eps must be > 0, got 0\..*positive distance.*k_distance"):
        DBSCAN(eps=0).fit(HAND_X)


@pytest.mark.parametrize("min_samples, error", [(0, ValueError), (-3, ValueError), (2.5, TypeError),
                                                (3.0, TypeError), ("3", TypeError), (None, TypeError),
                                                (True, TypeError)])
def test_bad_min_samples(min_samples, error):
    with pytest.raises(error, match="min_samples must be"):
        DBSCAN(min_samples=min_samples).fit(HAND_X)


def test_bad_min_samples_message_says_how_to_fix():
    with pytest.raises(ValueError, match=r"min_samples must be >= 1, got 0\..*counts the point itself"):
        DBSCAN(min_samples=0).fit(HAND_X)
    with pytest.raises(TypeError, match=r"min_samples must be an integer, got 2\.5"):
        DBSCAN(min_samples=2.5).fit(HAND_X)


@pytest.mark.parametrize("metric", ["cityblock", "minkowski", "Euclidean", "", None, 2])
def test_unknown_metric(metric):
    with pytest.raises(ValueError, match="metric.*Choose one of: 'euclidean', 'manhattan', 'cosine'"):
        DBSCAN(metric=metric).fit(HAND_X)
    with pytest.raises(ValueError, match="metric.*Choose one of"):
        k_distance(HAND_X, 2, metric=metric)


BAD_X = [
    (np.array([[0.0, 1.0], [np.nan, 2.0]]), ValueError, "NaN.*row 1, column 0"),
    (np.array([[0.0, np.inf], [1.0, 2.0]]), ValueError, "infinity"),
    (np.empty((0, 2)), ValueError, "empty"),
    (np.array([1.0, 2.0, 3.0]), ValueError, "2-D.*reshape"),
    (np.zeros((3, 2, 2)), ValueError, "2-D"),
    ([["a", "b"], ["c", "d"]], TypeError, "numbers only"),
    ("1, 2, 3", TypeError, "string"),
    (None, TypeError, "None"),
    (np.empty((4, 0)), ValueError, "feature"),
]


@pytest.mark.parametrize("X, error, message", BAD_X)
def test_bad_X(X, error, message):
    with pytest.raises(error, match=message):
        DBSCAN().fit(X)
    with pytest.raises(error, match=message):
        DBSCAN().fit_predict(X)
    with pytest.raises(error, match=message):
        k_distance(X, 1)


@pytest.mark.parametrize("k, error, message", [
    (0, ValueError, r"k must be >= 1 and <= 6, got 0\..*counts the point itself"),
    (7, ValueError, r"k must be >= 1 and <= 6, got 7\..*min_samples"),
    (-1, ValueError, "k must be"),
    (2.0, TypeError, "k must be an integer"),
    ("3", TypeError, "k must be an integer"),
    (None, TypeError, "k must be an integer"),
])
def test_bad_k(k, error, message):
    with pytest.raises(error, match=message):
        k_distance(HAND_X, k)


def test_textbook_checks_its_parameters_too():
    with pytest.raises(ValueError, match="eps"):
        dbscan_textbook(HAND_X, eps=-1)
    with pytest.raises(ValueError, match="metric"):
        dbscan_textbook(HAND_X, metric="chebyshev")
