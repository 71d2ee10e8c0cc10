"""Figures of lesson 03: what each draws is read back from the matplotlib objects and compared with
numbers computed independently (scikit-learn's KMeans and scores, SciPy's distances, pandas' crosstab)."""

import matplotlib

matplotlib.use("Agg")

import itertools  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from scipy.spatial.distance import cdist  # noqa: E402
from sklearn.cluster import KMeans as SkKMeans  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score, davies_bouldin_score,  # noqa: E402
                             silhouette_samples, silhouette_score)

from course_lib.handcalc import examples, silhouette_by_hand  # noqa: E402
from course_lib.plotting import PALETTE  # noqa: E402
from course_lib.plotting import evaluation as figures  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def blobs(seed, k=4, n=160, d=2):
    return make_blobs(n_samples=n, centers=k, n_features=d, cluster_std=1.0, random_state=seed)[0]


def scan(X, ks):
    """scikit-learn's k-means labels and inertia for every K (the independent reference)."""
    models = {k: SkKMeans(n_clusters=k, n_init=4, random_state=0).fit(X) for k in ks}
    return {k: m.labels_ for k, m in models.items()}, {k: float(m.inertia_) for k, m in models.items()}


def marked_k(ax):
    """The K a curve marks: the x of its ring (the last scatter) and of its dashed vertical line."""
    ring = np.asarray(ax.collections[-1].get_offsets())
    vertical = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(ring) == 1 and len(vertical) == 1
    assert vertical[0].get_xdata()[0] == ring[0, 0]
    return int(ring[0, 0]), float(ring[0, 1])


def test_every_public_name_is_reachable_from_the_package():
    import course_lib.plotting as plotting

    for name in figures.__all__:
        assert getattr(plotting, name) is getattr(figures, name)


# -- curves against K -------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_elbow_draws_scikit_learns_inertia_and_marks_the_given_k(seed):
    _, inertia = scan(blobs(seed), range(1, 8))
    ax = figures.plot_elbow(inertia, elbow=4)
    curve = ax.get_lines()[0]
    np.testing.assert_array_equal(curve.get_xdata(), np.arange(1, 8))
    np.testing.assert_allclose(curve.get_ydata(), [inertia[k] for k in range(1, 8)])
    assert marked_k(ax) == (4, pytest.approx(inertia[4]))
    assert "elbow: K = 4" in [t.get_text() for t in ax.texts]
    assert list(ax.get_xticks()) == list(range(1, 8))


def test_elbow_relative_divides_by_the_first_k_and_shades_the_candidates():
    _, inertia = scan(blobs(0), range(1, 7))
    ax = figures.plot_elbow(inertia, relative=True, candidates=(3, 5))
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [inertia[k] / inertia[1] for k in range(1, 7)])
    assert ax.get_ylabel() == "WCSS relative to K = 1"
    span = ax.patches[0]
    x_left, x_right = span.get_x(), span.get_x() + span.get_width()
    assert (x_left, x_right) == pytest.approx((2.6, 5.4))
    assert ax.get_legend().get_texts()[0].get_text() == "an eye could pick K = 3..5"


def test_elbow_draws_k_in_order_whatever_the_dict_order():
    ax = figures.plot_elbow({3: 10.0, 1: 30.0, 2: 16.0})
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), [30, 16, 10])


@pytest.mark.parametrize("inertia, kwargs, message", [
    ([10, 5, 2], {}, "map each K"),
    ({}, {}, "map each K"),
    ({1: 10.0, 2.5: 3.0}, {}, "whole numbers"),
    ({0: 10.0, 1: 3.0}, {}, "whole numbers"),
    ({1: 10.0, 2: np.nan}, {}, "NaN"),
    ({1: 10.0, 2: 3.0}, {"elbow": 5}, "not one of the K"),
])
def test_elbow_refuses_bad_input(inertia, kwargs, message):
    with pytest.raises(ValueError, match=message):
        figures.plot_elbow(inertia, **kwargs)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("score, better", [(silhouette_score, "higher"), (davies_bouldin_score, "lower"),
                                           (calinski_harabasz_score, "higher")])
def test_score_curve_marks_the_best_k_in_the_right_direction(seed, score, better):
    X = blobs(seed, k=3 + seed % 3)
    labels, _ = scan(X, range(2, 9))
    values = {k: score(X, labels[k]) for k in range(2, 9)}
    ax = figures.plot_score_curve(values, name=score.__name__, better=better)
    best = max(values, key=values.get) if better == "higher" else min(values, key=values.get)
    assert marked_k(ax) == (best, pytest.approx(values[best]))
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [values[k] for k in range(2, 9)])
    assert ax.get_ylabel() == f"{score.__name__} ({better} is better)"


def test_score_curve_without_mark_and_bad_direction():
    ax = figures.plot_score_curve({2: 0.5, 3: 0.6}, name="silhouette", mark_best=False)
    assert not ax.collections and len(ax.get_lines()) == 1
    with pytest.raises(ValueError, match="'higher' or 'lower'"):
        figures.plot_score_curve({2: 0.5}, name="silhouette", better="up")


def test_k_selection_shows_four_curves_each_marking_its_pick():
    X = blobs(1, k=4)
    labels, inertia = scan(X, range(1, 9))
    scores = {name: {k: f(X, labels[k]) for k in range(2, 9)}
              for name, f in [("silhouette", silhouette_score), ("davies_bouldin", davies_bouldin_score),
                              ("calinski_harabasz", calinski_harabasz_score)]}
    axes = figures.plot_k_selection(inertia=inertia, elbow=4, **scores)
    assert [ax.get_title() for ax in axes] == ["Elbow (WCSS)", "Silhouette", "Davies-Bouldin", "Calinski-Harabasz"]
    assert marked_k(axes[0])[0] == 4
    assert marked_k(axes[1])[0] == max(scores["silhouette"], key=scores["silhouette"].get)
    assert marked_k(axes[2])[0] == min(scores["davies_bouldin"], key=scores["davies_bouldin"].get)
    assert marked_k(axes[3])[0] == max(scores["calinski_harabasz"], key=scores["calinski_harabasz"].get)


# -- silhouette of one point ------------------------------------------------------------------------------

@pytest.mark.parametrize("case", [examples.textbook_silhouette, examples.exercise_7_silhouette],
                         ids=["example 2", "exercise 7"])
def test_silhouette_point_draws_a_and_b_as_lines_with_scipy_distances(case):
    trace = case.trace
    X, labels, i = np.asarray(trace.points, float), np.asarray(trace.labels), trace.index
    distances = cdist(X[i:i + 1], X)[0]
    own = (labels == labels[i]) & (np.arange(len(X)) != i)
    other = labels != labels[i]  # two clusters: the other one is the nearest
    a, b = distances[own].mean(), distances[other].mean()
    s = (b - a) / max(a, b)
    np.testing.assert_allclose(s, silhouette_samples(X, labels)[i], rtol=1e-12)
    ax = figures.plot_silhouette_point(trace)
    solid = [line for line in ax.get_lines() if line.get_linestyle() == "-" and len(line.get_xdata())]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--" and len(line.get_xdata())]
    lengths = lambda lines: sorted(float(np.hypot(*np.diff(np.c_[ln.get_xdata(), ln.get_ydata()], axis=0)[0]))
                                   for ln in lines)
    np.testing.assert_allclose(lengths(solid), np.sort(distances[own]))
    np.testing.assert_allclose(lengths(dashed), np.sort(distances[other]))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"own cluster: a = {a:.3f}", f"nearest other cluster: b = {b:.3f}"]
    assert ax.get_title().endswith(f"= {s:.3f}")


def test_silhouette_point_uses_the_nearest_of_several_clusters():
    X = [[0, 0], [1, 0], [4, 0], [5, 0], [20, 0], [21, 0]]
    trace = silhouette_by_hand(X, ["a", "a", "b", "b", "c", "c"], 1)
    ax = figures.plot_silhouette_point(trace)
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--" and len(line.get_xdata())]
    assert sorted(float(line.get_xdata()[1]) for line in dashed) == [4.0, 5.0]


def test_silhouette_point_needs_the_plane():
    trace = silhouette_by_hand([[0], [1], [5], [6]], [0, 0, 1, 1], 0)
    with pytest.raises(ValueError, match="2 coordinates"):
        figures.plot_silhouette_point(trace)


# -- silhouette plots -------------------------------------------------------------------------------------

def filled_bars(ax):
    """For each filled cluster region: the (x, y) vertices of its bars' outer edge."""
    regions = []
    for collection in ax.collections:
        vertices = np.vstack([p.vertices for p in collection.get_paths()])
        regions.append(vertices)
    return regions


@pytest.mark.parametrize("seed, k", [(0, 2), (1, 3), (2, 4), (3, 6)])
def test_silhouette_diagram_stacks_each_clusters_sorted_values(seed, k):
    X = blobs(seed, k=4, d=3)
    labels = SkKMeans(n_clusters=k, n_init=4, random_state=seed).fit_predict(X)
    values = silhouette_samples(X, labels)
    ax = figures.plot_silhouette_diagram(values, labels, gap=3)
    regions = filled_bars(ax)
    assert len(regions) == k
    bottom = 0
    for cluster, vertices in enumerate(regions):
        members = np.sort(values[labels == cluster])
        rows = np.arange(bottom, bottom + len(members))
        edge = {(round(x, 12), y) for x, y in vertices}
        assert {(round(x, 12), y) for x, y in zip(members, rows)} <= edge
        assert np.allclose(sorted({y for _, y in vertices}), rows)
        np.testing.assert_allclose(collection_colour(ax, cluster), to_rgba(PALETTE[cluster], 0.9))
        bottom += len(members) + 3
    mean_line = [line for line in ax.get_lines() if line.get_linestyle() == "--"][0]
    assert mean_line.get_xdata()[0] == pytest.approx(silhouette_score(X, labels), rel=1e-12)
    assert ax.get_title() == f"K = {k}: mean silhouette {silhouette_score(X, labels):.3f}"
    assert [t.get_text() for t in ax.texts] == [str(c) for c in range(k)]


def collection_colour(ax, index):
    return ax.collections[index].get_facecolor()[0]


def test_silhouette_diagram_highlight_draws_a_frame():
    X = blobs(0)
    labels = SkKMeans(n_clusters=4, n_init=2, random_state=0).fit_predict(X)
    plain = figures.plot_silhouette_diagram(silhouette_samples(X, labels), labels)
    framed = figures.plot_silhouette_diagram(silhouette_samples(X, labels), labels, highlight=True)
    assert not [p for p in plain.patches if isinstance(p, Rectangle) and p.get_linewidth() > 3]
    assert len([p for p in framed.patches if isinstance(p, Rectangle) and p.get_linewidth() > 3]) == 1


@pytest.mark.parametrize("values, labels, message", [
    ([0.5, 0.2, 1.5], [0, 0, 1], "between -1 and 1"),
    ([0.5, np.nan, 0.1], [0, 0, 1], "finite"),
    ([[0.5, 0.2]], [0, 1], "1-D"),
    ([0.5, 0.2, 0.1], [0, 1], "label"),
])
def test_silhouette_diagram_refuses_bad_input(values, labels, message):
    with pytest.raises(ValueError, match=message):
        figures.plot_silhouette_diagram(values, labels)


def test_silhouette_diagrams_one_panel_per_k_with_the_chosen_one_framed():
    X = blobs(2, k=5, n=200)
    labels, _ = scan(X, range(2, 8))
    silhouettes = {k: silhouette_samples(X, labels[k]) for k in labels}
    axes = figures.plot_silhouette_diagrams(silhouettes, labels, highlight=5)
    assert len(axes) == 6
    for ax, k in zip(axes, range(2, 8)):
        expected = f"K = {k}: mean {silhouette_score(X, labels[k]):.3f}" + ("  (chosen)" if k == 5 else "")
        assert ax.get_title() == expected
        assert len(ax.collections) == k
        framed = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_linewidth() > 3]
        assert len(framed) == (k == 5)
    lows = {ax.get_xlim()[0] for ax in axes}
    assert len(lows) == 1 and lows.pop() <= min(v.min() for v in silhouettes.values())


def test_silhouette_diagrams_hide_unused_panels_and_check_keys():
    X = blobs(0)
    labels, _ = scan(X, range(2, 6))
    silhouettes = {k: silhouette_samples(X, labels[k]) for k in labels}
    axes = figures.plot_silhouette_diagrams(silhouettes, labels, ncols=3)
    assert len(axes) == 4 and not axes[0].figure.axes[5].get_visible()
    with pytest.raises(ValueError, match="same K"):
        figures.plot_silhouette_diagrams(silhouettes, {2: labels[2]})
    with pytest.raises(ValueError, match="highlight"):
        figures.plot_silhouette_diagrams(silhouettes, labels, highlight=9)


# -- contingency ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(3))
def test_contingency_writes_pandas_crosstab_counts(seed):
    rng = np.random.default_rng(seed)
    truth = rng.choice(["Casual", "Explorer", "Loyalist"], size=90)
    clusters = rng.integers(0, 4, size=90)
    ax = figures.plot_contingency(truth, clusters, true_name="persona")
    table = pd.crosstab(truth, clusters)
    written = np.array([int(t.get_text()) for t in ax.texts]).reshape(table.shape)
    np.testing.assert_array_equal(written, table.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == list(table.index)
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(c) for c in table.columns]
    assert ax.get_ylabel() == "persona"


def test_contingency_panels_one_per_k():
    X = blobs(3, k=4)
    truth = SkKMeans(n_clusters=4, n_init=4, random_state=0).fit_predict(X)
    labels, _ = scan(X, [2, 4, 6])
    axes = figures.plot_contingency_panels(truth, labels, titles={4: "right"})
    assert [ax.get_title() for ax in axes] == ["K = 2", "right", "K = 6"]
    assert [len(ax.get_xticks()) for ax in axes] == [2, 4, 6]
    with pytest.raises(ValueError, match="map each K"):
        figures.plot_contingency_panels(truth, [labels[2]])
    with pytest.raises(ValueError, match="labels_pred has 3"):
        figures.plot_contingency(truth, [0, 1, 0])


# -- stability --------------------------------------------------------------------------------------------

def test_stability_shows_every_pair_and_its_mean():
    X = blobs(4, k=3)
    agreement = {}
    for k in (2, 3, 5):
        runs = [SkKMeans(n_clusters=k, n_init=1, random_state=s).fit_predict(X) for s in range(4)]
        agreement[k] = [adjusted_rand_score(a, b) for a, b in itertools.combinations(runs, 2)]
    ax = figures.plot_stability(agreement, threshold=0.9, highlight=3)
    bars = ax.patches
    np.testing.assert_allclose([b.get_height() for b in bars], [np.mean(agreement[k]) for k in (2, 3, 5)])
    dots = ax.collections
    for dots_k, k in zip(dots, (2, 3, 5)):
        np.testing.assert_allclose(np.asarray(dots_k.get_offsets())[:, 1], agreement[k])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2", "3", "5"]
    np.testing.assert_allclose(bars[1].get_facecolor()[:3], to_rgba(PALETTE[3])[:3])
    assert [t.get_text() for t in ax.texts] == ["ARI = 0.9"]
    assert [line.get_ydata()[0] for line in ax.get_lines()] == [0.9]
    with pytest.raises(ValueError, match="finite"):
        figures.plot_stability({2: []})


def test_cohort_agreement_bars_and_colours_follow_the_threshold():
    agreement = {"2025-01": 0.95, "2025-02": 0.80, "2025-03": 0.99}
    ax = figures.plot_cohort_agreement(agreement, sizes={"2025-01": 10, "2025-02": 20, "2025-03": 30})
    np.testing.assert_allclose([b.get_height() for b in ax.patches], [0.95, 0.80, 0.99])
    assert [t.get_text() for t in ax.texts] == ["0.950", "0.800", "0.990", "ARI = 0.9"]
    assert [line.get_ydata()[0] for line in ax.get_lines()] == [0.9]
    below = ax.patches[1].get_facecolor()
    assert tuple(below) != tuple(ax.patches[0].get_facecolor())
    assert ax.get_xticklabels()[1].get_text() == "2025-02\n20 users"
    with pytest.raises(ValueError, match="cohort"):
        figures.plot_cohort_agreement({})
