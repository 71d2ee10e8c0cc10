"""Cluster metrics: equal to scikit-learn to 1e-10 on many labelings (singletons, gaps and negative values,
strings, two clusters, n - 1 clusters, duplicate points, constant columns); the blocked silhouette equals
the textbook one and never holds an n-by-n matrix; bad input is refused clearly."""
import doctest
import math
import tracemalloc

import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn.cluster import KMeans as SkKMeans

from course_lib import metrics as cm

RTOL = 1e-10
# Silhouette values lie in [-1, 1]; one near 0 is compared with an absolute floor far below any visible digit.
SILHOUETTE_ATOL = 1e-13

DATA_KINDS = ["normal", "duplicates", "constant_column", "integers", "offset"]
LABEL_KINDS = ["random", "two", "many", "n_minus_1", "singletons", "gaps_and_negative", "strings"]


def _data(rng, n, d, kind):
    X = rng.normal(size=(n, d)) * rng.uniform(0.1, 10)
    if kind == "duplicates":
        X[n // 2:] = X[: n - n // 2]
    elif kind == "constant_column":
        X[:, 0] = 1.7
    elif kind == "integers":
        X = rng.integers(-2, 3, size=(n, d)).astype(float)  # many ties and exact duplicates
    elif kind == "offset":
        X += 50.0
    return X


def _labels(rng, n, kind):
    """A labeling of n points with 2..n-1 distinct values, of the given kind."""
    if kind == "two":
        labels = np.r_[0, 1, rng.integers(0, 2, n - 2)]
    elif kind == "many":
        labels = rng.integers(0, max(2, n // 2), n)
    elif kind == "n_minus_1":
        labels = np.r_[0, np.arange(n - 1)]  # one pair, every other point alone
    elif kind == "singletons":
        labels = np.r_[rng.integers(0, 3, n - 3), 10, 11, 12]  # three clusters of one point
    elif kind == "gaps_and_negative":
        labels = rng.choice([-7, -1, 3, 100, 2**40], size=n)
    elif kind == "strings":
        labels = rng.choice(["gold", "silver", "bronze", "tin"], size=n)
    else:
        labels = rng.integers(0, int(rng.integers(2, 8)), n)
    distinct = len(np.unique(labels))
    if distinct == n:  # repair a draw that fell outside 2..n-1 clusters
        labels = labels.copy()
        labels[1] = labels[0]
    elif distinct == 1:
        labels = labels.copy()
        labels[-1] = "other" if labels.dtype.kind == "U" else labels[0] + 1
    return labels


def _cases():
    cases = []
    for seed in range(6):
        for data_kind in DATA_KINDS:
            for label_kind in LABEL_KINDS:
                cases.append((seed, data_kind, label_kind))
    return cases


def _case(seed, data_kind, label_kind):
    rng = np.random.default_rng(1000 * seed + 7 * DATA_KINDS.index(data_kind) + LABEL_KINDS.index(label_kind))
    n = int(rng.choice([3, 4, 7, 20, 61, 150]))
    d = int(rng.choice([1, 2, 3, 8]))
    X = _data(rng, n, d, data_kind)
    if label_kind == "strings" and n < 4:
        label_kind = "random"
    labels = _labels(rng, n, label_kind)
    assert 1 < len(np.unique(labels)) < n
    return X, labels


@pytest.mark.parametrize("seed, data_kind, label_kind", _cases())
def test_silhouette_equals_sklearn(seed, data_kind, label_kind):
    X, labels = _case(seed, data_kind, label_kind)
    expected = skm.silhouette_samples(X, labels)
    np.testing.assert_allclose(cm.silhouette_samples(X, labels), expected, rtol=RTOL, atol=SILHOUETTE_ATOL)
    assert cm.silhouette_score(X, labels) == pytest.approx(skm.silhouette_score(X, labels), rel=RTOL,
                                                           abs=SILHOUETTE_ATOL)


@pytest.mark.parametrize("metric", ["manhattan", "cosine", "minkowski"])
@pytest.mark.parametrize("seed, data_kind, label_kind", _cases()[::5])
def test_silhouette_other_metrics_equal_sklearn(metric, seed, data_kind, label_kind):
    X, labels = _case(seed, data_kind, label_kind)
    if metric == "cosine":
        X = X + 0.5  # no zero rows: scikit-learn's chunked cosine leaves d(x, x) = 1 for them
    np.testing.assert_allclose(cm.silhouette_samples(X, labels, metric=metric),
                               skm.silhouette_samples(X, labels, metric=metric), rtol=RTOL, atol=1e-12)


@pytest.mark.parametrize("seed, data_kind, label_kind", _cases())
def test_davies_bouldin_and_calinski_harabasz_equal_sklearn(seed, data_kind, label_kind):
    X, labels = _case(seed, data_kind, label_kind)
    assert cm.davies_bouldin_score(X, labels) == pytest.approx(skm.davies_bouldin_score(X, labels), rel=RTOL)
    assert cm.calinski_harabasz_score(X, labels) == pytest.approx(skm.calinski_harabasz_score(X, labels),
                                                                  rel=RTOL)


def test_davies_bouldin_and_calinski_harabasz_special_cases_equal_sklearn():
    # every cluster a single repeated point: spreads and within-dispersion are 0
    X = np.repeat([[0.0, 0.0], [4.0, 3.0]], 3, axis=0)
    labels = np.repeat([0, 1], 3)
    assert cm.davies_bouldin_score(X, labels) == skm.davies_bouldin_score(X, labels) == 0.0
    assert cm.calinski_harabasz_score(X, labels) == skm.calinski_harabasz_score(X, labels) == 1.0
    # two clusters with the same centre: their pair is skipped (M = 0 -> infinity)
    X = np.array([[-1.0], [1.0], [-2.0], [2.0], [10.0], [11.0]])
    labels = [0, 0, 1, 1, 2, 2]
    assert cm.davies_bouldin_score(X, labels) == pytest.approx(skm.davies_bouldin_score(X, labels), rel=RTOL)


@pytest.mark.parametrize("seed, data_kind, label_kind", _cases()[::3])
def test_blocked_silhouette_equals_the_textbook_formula(monkeypatch, seed, data_kind, label_kind):
    X, labels = _case(seed, data_kind, label_kind)
    if data_kind in ("duplicates", "offset"):
        # Exact duplicates far from the origin: the matrix-product distance (used by the blocked code and by
        # scikit-learn) between two copies is ~1e-8 * |x| instead of 0. The textbook version takes direct
        # differences, so compare on integer data, where the matrix-product form is exact.
        X = np.round(X * 4)
    textbook = cm.silhouette_samples_textbook(X, labels)
    for rows_per_block in (1, 3, len(X)):
        monkeypatch.setattr(cm, "SILHOUETTE_BLOCK_BYTES", 8 * len(X) * rows_per_block)
        np.testing.assert_allclose(cm.silhouette_samples(X, labels), textbook, rtol=RTOL, atol=SILHOUETTE_ATOL)


def test_textbook_silhouette_equals_sklearn_on_float_duplicates():
    rng = np.random.default_rng(5)
    X = _data(rng, 40, 3, "duplicates")
    labels = _labels(rng, 40, "random")
    np.testing.assert_allclose(cm.silhouette_samples_textbook(X, labels), skm.silhouette_samples(X, labels),
                               rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("block_mib", [0.5, 2])
def test_silhouette_memory_is_bounded_by_the_block_not_by_n_squared(monkeypatch, block_mib):
    n = 4000  # an n x n float64 matrix would be 128 MB
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 4))
    labels = rng.integers(0, 5, n)
    block_bytes = int(block_mib * 2**20)
    monkeypatch.setattr(cm, "SILHOUETTE_BLOCK_BYTES", block_bytes)
    tracemalloc.start()
    try:
        score = cm.silhouette_score(X, labels)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # at most three blocks alive at once (the previous block, the squared distances, their square roots)
    # plus O(n) bookkeeping: far below the n x n matrix
    assert peak < 3 * block_bytes + 1 * 2**20
    assert peak < n * n * 8 / 16
    assert score == pytest.approx(skm.silhouette_score(X, labels), rel=RTOL)


def test_silhouette_seed_002_example_2():
    # C1 = {(0,0), (1,0), (0,1)}, C2 = {(5,5), (6,5), (5,6)}; point (0,0): a = 1, b = (sqrt50 + 2 sqrt61)/3
    X = np.array([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]], dtype=float)
    s = cm.silhouette_samples(X, [1, 1, 1, 2, 2, 2])
    b = (math.sqrt(50) + 2 * math.sqrt(61)) / 3
    assert s[0] == pytest.approx((b - 1.0) / b, rel=1e-14)
    assert round(s[0], 3) == 0.868  # the seed's 0.868 is right


def test_silhouette_singletons_are_zero_and_a_b_rules():
    X = np.array([[0.0], [1.0], [5.0], [6.0], [20.0]])
    s = cm.silhouette_samples(X, [0, 0, 1, 1, 2])
    assert s[4] == 0.0
    assert s[0] == pytest.approx((5.5 - 1.0) / 5.5)  # b: cluster 1 (mean 5.5) is nearer than cluster 2 (20)
    # a point whose own cluster and nearest cluster are both at distance 0: s = 0, as in scikit-learn
    X = np.array([[0.0], [0.0], [0.0], [0.0], [5.0], [5.0]])
    labels = [0, 0, 1, 1, 2, 2]
    s = cm.silhouette_samples(X, labels)
    np.testing.assert_array_equal(s[:4], 0.0)
    np.testing.assert_array_equal(s, skm.silhouette_samples(X, labels))


@pytest.mark.parametrize("sample_size", [2, 10, 37, 60, 500])
@pytest.mark.parametrize("random_state", [0, 1, 12345])
def test_silhouette_score_sampling_draws_the_same_samples_as_sklearn(sample_size, random_state):
    rng = np.random.default_rng(random_state)
    X = rng.normal(size=(60, 3))
    labels = rng.integers(0, 3, 60)
    try:
        expected = skm.silhouette_score(X, labels, sample_size=sample_size, random_state=random_state)
    except ValueError:  # the draw has a single cluster: both must refuse
        with pytest.raises(ValueError, match="between 2 and"):
            cm.silhouette_score(X, labels, sample_size=sample_size, random_state=random_state)
        return
    ours = cm.silhouette_score(X, labels, sample_size=sample_size, random_state=random_state)
    assert ours == pytest.approx(expected, rel=RTOL, abs=SILHOUETTE_ATOL)
    state = np.random.RandomState(random_state)
    sampled_with_state = cm.silhouette_score(X, labels, sample_size=sample_size, random_state=state)
    assert sampled_with_state == pytest.approx(expected, rel=RTOL, abs=SILHOUETTE_ATOL)


# --------------------------------------------------------------------------------------------------
# Adjusted Rand index
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(40))
def test_adjusted_rand_equals_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.choice([1, 2, 3, 10, 57, 400]))
    true = rng.integers(0, int(rng.integers(1, 8)), n)
    kind = seed % 5
    if kind == 0:
        pred = rng.integers(0, int(rng.integers(1, 12)), n)  # unrelated
    elif kind == 1:
        pred = np.where(rng.random(n) < 0.2, rng.integers(0, 5, n), true) * 3 - 10  # noisy copy, other names
    elif kind == 2:
        pred = np.arange(n)  # all singletons
    elif kind == 3:
        pred = np.array(["a", "b", "c"])[true % 3]
    else:
        pred = np.zeros(n, dtype=int)  # one cluster
    assert cm.adjusted_rand_score(true, pred) == pytest.approx(skm.adjusted_rand_score(true, pred), rel=RTOL,
                                                                abs=1e-15)
    assert cm.adjusted_rand_score(pred, true) == pytest.approx(cm.adjusted_rand_score(true, pred), rel=1e-14,
                                                                abs=1e-15)


@pytest.mark.parametrize("true, pred, expected", [
    ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),          # renaming clusters changes nothing
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
    ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
    ([0, 0, 0, 0], [5, 5, 5, 5], 1.0),          # both one cluster: 0/0 -> 1, as scikit-learn
    ([0, 1, 2, 3], ["a", "b", "c", "d"], 1.0),  # both all singletons
    ([7], [3], 1.0),
])
def test_adjusted_rand_known_values(true, pred, expected):
    assert cm.adjusted_rand_score(true, pred) == expected == skm.adjusted_rand_score(true, pred)


def test_adjusted_rand_large_labels_do_not_overflow():
    rng = np.random.default_rng(1)
    true = rng.integers(0, 3, 200_000)
    pred = np.where(rng.random(200_000) < 0.1, 1 - true, true)
    assert cm.adjusted_rand_score(true, pred) == pytest.approx(skm.adjusted_rand_score(true, pred), rel=RTOL)



@pytest.mark.parametrize("seed", range(6))
def test_pairwise_adjusted_rand_scores_are_every_pair_in_order(seed):
    rng = np.random.default_rng(seed)
    n_runs, n = int(rng.integers(2, 6)), int(rng.integers(2, 40))
    runs = [rng.integers(0, int(rng.integers(1, 5)), n) for _ in range(n_runs)]
    expected = [skm.adjusted_rand_score(runs[i], runs[j]) for i in range(n_runs) for j in range(i + 1, n_runs)]
    np.testing.assert_allclose(cm.pairwise_adjusted_rand_scores(runs), expected, rtol=RTOL, atol=1e-15)
    assert cm.pairwise_adjusted_rand_scores(iter(runs)) == cm.pairwise_adjusted_rand_scores(runs)


@pytest.mark.parametrize("labelings", [[], [[0, 1, 1]]])
def test_pairwise_adjusted_rand_scores_needs_two_labelings(labelings):
    with pytest.raises(ValueError, match="labelings must hold at least two labelings.*two or more runs"):
        cm.pairwise_adjusted_rand_scores(labelings)

# --------------------------------------------------------------------------------------------------
# WCSS
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(12))
def test_wcss_with_centers_equals_sklearn_inertia(seed):
    rng = np.random.default_rng(seed)
    n, d, k = int(rng.integers(5, 200)), int(rng.integers(1, 6)), int(rng.integers(1, 5))
    X = _data(rng, n, d, DATA_KINDS[seed % len(DATA_KINDS)])
    init = X[rng.choice(n, k, replace=False)]
    model = SkKMeans(k, init=init, n_init=1, max_iter=int(rng.integers(1, 20))).fit(X)
    assert cm.wcss(X, model.labels_, model.cluster_centers_) == pytest.approx(model.inertia_, rel=RTOL)


@pytest.mark.parametrize("seed", range(12))
def test_wcss_with_cluster_means(seed):
    rng = np.random.default_rng(seed)
    X = _data(rng, 80, 3, DATA_KINDS[seed % len(DATA_KINDS)])
    labels = rng.choice([-4, 2, 9, 30], size=80)
    direct = sum(((X[labels == c] - X[labels == c].mean(axis=0)) ** 2).sum() for c in np.unique(labels))
    assert cm.wcss(X, labels) == pytest.approx(direct, rel=1e-12)
    # converged k-means: the centres are the means of their clusters, so both forms agree with inertia_
    model = SkKMeans(3, init=X[:3], n_init=1, max_iter=300, tol=0).fit(X)
    assert cm.wcss(X, model.labels_) == pytest.approx(model.inertia_, rel=1e-9)
    # one cluster is fine (the first point of an elbow plot): the total sum of squares
    assert cm.wcss(X, np.zeros(80)) == pytest.approx(((X - X.mean(axis=0)) ** 2).sum(), rel=1e-12)


def test_wcss_seed_002_seven_points():
    X = np.array([[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5], [3.5, 4.5]])
    labels = [0, 0, 1, 1, 1, 1, 1]
    # cluster {A, B}: mean (1.25, 1.5), 0.3125 each; cluster {C..G}: mean (3.9, 5.1)
    expected = 2 * 0.3125 + sum((x - 3.9) ** 2 + (y - 5.1) ** 2 for x, y in X[2:])
    assert cm.wcss(X, labels) == pytest.approx(expected, rel=1e-14)
    # 8.525; the seed prints 8.4 because its {A, B} terms (0.125 + 0.375) should be 0.3125 + 0.3125
    assert cm.wcss(X, labels) == pytest.approx(0.625 + 7.9, rel=1e-14)


def test_calinski_harabasz_within_dispersion_is_the_wcss():
    rng = np.random.default_rng(3)
    X, labels = rng.normal(size=(50, 2)), rng.integers(0, 4, 50)
    n, k = 50, 4
    total = ((X - X.mean(axis=0)) ** 2).sum()
    within = cm.wcss(X, labels)
    expected = (total - within) / (k - 1) / (within / (n - k))
    assert cm.calinski_harabasz_score(X, labels) == pytest.approx(expected, rel=1e-10)


# --------------------------------------------------------------------------------------------------
# The elbow rule
# --------------------------------------------------------------------------------------------------

def test_elbow_rules_on_a_curve_worked_by_hand():
    ks, curve = [1, 2, 3, 4, 5, 6], [100.0, 50.0, 30.0, 25.0, 22.0, 20.0]
    # drops G_2..G_6 = 50, 20, 5, 3, 2; ratios G_{K+1}/G_K for K = 2..5
    assert cm.elbow_ratios(ks, curve) == pytest.approx({2: 20 / 50, 3: 5 / 20, 4: 3 / 5, 5: 2 / 3}, rel=1e-15)
    assert cm.elbow_k(ks, curve) == 3
    # chord from (1, 100) to (6, 20): gaps below it 34, 38, 27, 14 at K = 2..5
    assert cm.elbow_k(ks, curve, method="chord") == 3


@pytest.mark.parametrize("true_k", [3, 4, 5])
def test_elbow_finds_the_number_of_blobs(true_k):
    rng = np.random.default_rng(true_k)
    centres = rng.uniform(-20, 20, size=(true_k, 2))
    X = centres[rng.integers(0, true_k, 300)] + rng.normal(size=(300, 2))
    ks = list(range(1, 10))
    inertias = [SkKMeans(k, n_init=3, random_state=0).fit(X).inertia_ for k in ks]
    assert cm.elbow_k(ks, inertias) == true_k
    # The chord rule (which often stops a K early on curves this sharp) equals the point of largest
    # perpendicular distance to the chord with both axes rescaled to [0, 1], as the docstring claims.
    k_scaled = (np.array(ks) - ks[0]) / (ks[-1] - ks[0])
    w_scaled = (np.array(inertias) - min(inertias)) / (max(inertias) - min(inertias))
    start, end = np.array([k_scaled[0], w_scaled[0]]), np.array([k_scaled[-1], w_scaled[-1]])
    direction = (end - start) / np.linalg.norm(end - start)
    offsets = np.column_stack([k_scaled, w_scaled]) - start
    perpendicular = offsets[:, 0] * direction[1] - offsets[:, 1] * direction[0]  # > 0 below the chord
    assert cm.elbow_k(ks, inertias, method="chord") == ks[int(np.argmax(perpendicular))]


def test_elbow_ratio_of_a_cluster_that_buys_nothing_is_infinite():
    ratios = cm.elbow_ratios([2, 3, 4, 5], [10.0, 10.0, 4.0, 3.0])
    assert ratios == {3: float("inf"), 4: pytest.approx(1 / 6)}
    assert cm.elbow_k([2, 3, 4, 5], [10.0, 10.0, 4.0, 3.0]) == 4


@pytest.mark.parametrize("ks, inertias, error, match", [
    ([1, 2], [5.0, 3.0], ValueError, "at least 3 consecutive"),
    ([1, 3, 5], [5.0, 3.0, 2.0], ValueError, "consecutive"),
    ([3, 2, 1], [5.0, 3.0, 2.0], ValueError, "increasing"),
    ([1, 2, 3], [5.0, 3.0], ValueError, "one WCSS per K"),
    ([1.0, 2.0, 3.0], [5.0, 3.0, 2.0], TypeError, "integers"),
    ([1, 2, 3], [5.0, np.nan, 2.0], ValueError, "NaN"),
    ([1, 2, 3], ["a", "b", "c"], TypeError, "numbers"),
    ([1, 2, 3, 4], [1.0, 2.0, 3.0, 4.0], ValueError, "never decreases"),
])
def test_elbow_refuses_bad_curves(ks, inertias, error, match):
    with pytest.raises(error, match=match):
        cm.elbow_k(ks, inertias)


def _curve_with_a_kink(kink, n_k=10, steep=100.0, flat=2.0):
    """WCSS for K = 1..n_k: big drops (slowly shrinking) up to K = kink, small ones after."""
    drops = [steep * 0.9 ** j for j in range(kink - 1)] + [flat * 0.9 ** j for j in range(n_k - kink)]
    return 1000.0 - np.cumsum([0.0] + drops)


def _ratio_rule_by_the_definition(ks, values):
    """G_K = W(K-1) - W(K); the elbow is the inner K with the smallest G_{K+1} / G_K (first on ties)."""
    gain = {ks[i]: values[i - 1] - values[i] for i in range(1, len(ks))}
    ratios = {k: gain[k + 1] / gain[k] for k in ks[1:-1]}
    return ratios, min(ratios, key=lambda k: (ratios[k], k))


def _chord_rule_by_geometry(ks, values):
    """The point farthest below the chord from the first to the last point, both axes scaled to [0, 1],
    measured as a perpendicular distance with a cross product."""
    x = (np.asarray(ks, float) - ks[0]) / (ks[-1] - ks[0])
    y = (np.asarray(values) - values[-1]) / (values[0] - values[-1])
    start, end = np.array([0.0, 1.0]), np.array([1.0, 0.0])
    direction = (end - start) / np.linalg.norm(end - start)
    relative = np.c_[x, y] - start
    below = -(direction[0] * relative[:, 1] - direction[1] * relative[:, 0])  # > 0 below the chord
    return int(ks[int(np.argmax(below))])


# The chord rule misses a kink close to the last K (it lies too near the chord's end), so it is tried on 2..7.
@pytest.mark.parametrize("kink, method", [(k, "ratio") for k in range(2, 10)] + [(k, "chord") for k in range(2, 8)])
def test_elbow_finds_a_sharp_kink(kink, method):
    assert cm.elbow_k(range(1, 11), _curve_with_a_kink(kink), method=method) == kink


@pytest.mark.parametrize("seed", range(40))
def test_elbow_rules_follow_their_definitions_on_random_curves(seed):
    rng = np.random.default_rng(seed)
    first = int(rng.integers(1, 4))
    ks = list(range(first, first + int(rng.integers(3, 15))))
    values = rng.uniform(1, 1e4) + np.cumsum(rng.exponential(rng.uniform(0.1, 100), len(ks)))[::-1]
    ratios, elbow = _ratio_rule_by_the_definition(ks, values)
    got = cm.elbow_ratios(ks, values)
    assert list(got) == list(ratios)
    np.testing.assert_allclose(list(got.values()), list(ratios.values()), rtol=1e-12)
    assert cm.elbow_k(ks, values) == elbow
    assert cm.elbow_k(ks, values, method="chord") == _chord_rule_by_geometry(ks, values)


def test_elbow_refuses_unknown_method():
    with pytest.raises(ValueError, match="Unknown method 'knee'.*'ratio', 'chord'"):
        cm.elbow_k([1, 2, 3], [3.0, 2.0, 1.5], method="knee")


def test_docstring_examples_run():
    assert doctest.testmod(cm, raise_on_error=False).failed == 0


# --------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------

CLUSTER_SCORES = [cm.silhouette_samples, cm.silhouette_score, cm.davies_bouldin_score,
                  cm.calinski_harabasz_score, cm.silhouette_samples_textbook]
GOOD_X = [[0.0, 1.0], [1.0, 1.0], [5.0, 5.0], [6.0, 5.0]]
GOOD_LABELS = [0, 0, 1, 1]


@pytest.mark.parametrize("score", CLUSTER_SCORES + [cm.wcss])
@pytest.mark.parametrize("X, error, words", [
    ([[0.0, np.nan], [1.0, 1.0], [5.0, 5.0], [6.0, 5.0]], ValueError, ["NaN", "impute"]),
    ([[0.0, np.inf], [1.0, 1.0], [5.0, 5.0], [6.0, 5.0]], ValueError, ["infinity"]),
    (np.empty((0, 2)), ValueError, ["empty"]),
    ([0.0, 1.0, 5.0, 6.0], ValueError, ["2-D", "reshape"]),
    ([["a", "b"]] * 4, TypeError, ["numbers"]),
])
def test_scores_refuse_bad_X(score, X, error, words):
    with pytest.raises(error) as info:
        score(X, GOOD_LABELS)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("score", CLUSTER_SCORES + [cm.wcss])
@pytest.mark.parametrize("labels, error, match", [
    ([0, 0, 1], ValueError, "3 label.*X has 4 sample.*one label per sample"),
    ([0, 0, 1, 1, 1], ValueError, "5 label.*4 sample"),
    ([[0, 0, 1, 1]], ValueError, "1-D.*np.ravel"),
    ([0.0, np.nan, 1.0, 1.0], ValueError, "NaN"),
    (np.array([0, "a", 1, "b"], dtype=object), TypeError, "cannot be compared"),
    (None, TypeError, "one cluster label per sample"),
])
def test_scores_refuse_bad_labels(score, labels, error, match):
    with pytest.raises(error, match=match):
        score(GOOD_X, labels)


@pytest.mark.parametrize("score", CLUSTER_SCORES)
@pytest.mark.parametrize("labels, count", [([3, 3, 3, 3], 1), ([0, 1, 2, 3], 4), (["a", "b", "c", "d"], 4)])
def test_scores_need_between_2_and_n_minus_1_clusters_as_sklearn(score, labels, count):
    with pytest.raises(ValueError, match=f"between 2 and n_samples - 1 = 3 clusters.*{count} distinct"):
        score(GOOD_X, labels)
    with pytest.raises(ValueError):  # scikit-learn refuses the same labelings
        skm.silhouette_score(GOOD_X, labels)


@pytest.mark.parametrize("score", [cm.silhouette_samples, cm.silhouette_score, cm.silhouette_samples_textbook])
def test_silhouette_refuses_unknown_metric(score):
    with pytest.raises(ValueError, match="Unknown metric 'hamming'.*'euclidean'"):
        score(GOOD_X, GOOD_LABELS, metric="hamming")


@pytest.mark.parametrize("sample_size, error", [(0, ValueError), (-3, ValueError), (2.5, TypeError),
                                                ("10", TypeError), (True, TypeError)])
def test_silhouette_score_refuses_bad_sample_size(sample_size, error):
    with pytest.raises(error, match="sample_size"):
        cm.silhouette_score(GOOD_X, GOOD_LABELS, sample_size=sample_size, random_state=0)


def test_silhouette_score_refuses_bad_random_state():
    with pytest.raises(TypeError, match="random_state"):
        cm.silhouette_score(GOOD_X, GOOD_LABELS, sample_size=3, random_state="seed")


@pytest.mark.parametrize("true, pred, error, match", [
    ([0, 1, 1], [0, 1], ValueError, "labels_pred has 2 label.*labels_true has 3"),
    ([], [], ValueError, "labels_true is empty"),
    ([[0, 1]], [[0, 1]], ValueError, "labels_true must be 1-D"),
    ([0, 1], [[0, 1]], ValueError, "labels_pred must be 1-D"),
    (None, [0, 1], TypeError, "labels_true"),
    ([0, np.nan], [0, 1], ValueError, "NaN"),
])
def test_adjusted_rand_refuses_bad_labels(true, pred, error, match):
    with pytest.raises(error, match=match):
        cm.adjusted_rand_score(true, pred)


@pytest.mark.parametrize("labels, centers, match", [
    ([0, 0, 1, 2], [[0.0, 0.0], [1.0, 1.0]], "integers from 0 to 1"),
    ([0, 0, 1, -1], [[0.0, 0.0], [1.0, 1.0]], "integers from 0 to 1"),
    ([0, 0, 1, 0.5], [[0.0, 0.0], [1.0, 1.0]], "integers"),
    (["a", "a", "b", "b"], [[0.0, 0.0], [1.0, 1.0]], "integers"),
    ([0, 0, 1, 1], [[0.0], [1.0]], "centers has 1 feature.*X has 2"),
    ([0, 0, 1, 1], [[0.0, np.nan], [1.0, 1.0]], "centers contains NaN"),
])
def test_wcss_refuses_labels_that_do_not_index_centers(labels, centers, match):
    with pytest.raises(ValueError, match=match):
        cm.wcss(GOOD_X, labels, centers)
