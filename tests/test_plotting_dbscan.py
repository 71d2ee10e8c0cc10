"""Figures of lesson 04: what each draws is read back from the matplotlib objects and compared with
scikit-learn's DBSCAN and NearestNeighbors and SciPy's distances on the same data."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.patches import Circle  # noqa: E402
from scipy.spatial.distance import cdist  # noqa: E402
from sklearn.cluster import DBSCAN as SkDBSCAN  # noqa: E402
from sklearn.datasets import make_blobs, make_moons  # noqa: E402
from sklearn.neighbors import NearestNeighbors  # noqa: E402

from course_lib import DBSCAN, k_distance  # noqa: E402
from course_lib.plotting import NOISE_COLOR  # noqa: E402
from course_lib.plotting import dbscan as figures  # noqa: E402

EXERCISE_10 = np.array([[0, 0], [1, 0], [0, 1], [5, 5], [1, 1], [10, 10]], dtype=float)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def moons(seed=0, n=200, noise=0.06, strays=12):
    X = make_moons(n_samples=n, noise=noise, random_state=seed)[0]
    return np.vstack([X, np.random.default_rng(seed).uniform([-1.5, -1], [2.5, 1.5], size=(strays, 2))])


def blobs(seed=0, n=150):
    return make_blobs(n_samples=n, centers=3, cluster_std=[0.4, 0.8, 1.5], random_state=seed)[0]


DATASETS = [("exercise 10", EXERCISE_10, 2.0, 3)] + \
    [(f"moons {s}", moons(s), eps, ms) for s, eps, ms in [(0, 0.2, 5), (1, 0.12, 3), (2, 0.3, 10)]] + \
    [(f"blobs {s}", blobs(s), eps, ms) for s, eps, ms in [(0, 0.5, 5), (3, 0.9, 8), (4, 0.3, 4)]]


def offsets(collection):
    return np.asarray(collection.get_offsets(), dtype=float).reshape(-1, 2)


def as_set(points):
    return {tuple(np.round(p, 12)) for p in np.asarray(points, dtype=float).reshape(-1, 2)}


def test_every_public_name_is_reachable_from_the_package():
    import course_lib.plotting as plotting

    for name in figures.__all__:
        assert getattr(plotting, name) is getattr(figures, name)


# -- dbscan_summary ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, X, eps, min_samples", DATASETS, ids=[d[0] for d in DATASETS])
def test_summary_counts_what_scikit_learn_finds(name, X, eps, min_samples):
    reference = SkDBSCAN(eps=eps, min_samples=min_samples).fit(X)
    n_clusters = len(set(reference.labels_) - {-1})
    n_noise = int(np.sum(reference.labels_ == -1))
    n_core = len(reference.core_sample_indices_)
    text = figures.dbscan_summary(reference.labels_, DBSCAN(eps, min_samples=min_samples).fit(X).point_types_)
    plural = "s" if n_clusters != 1 else ""
    assert text == (f"{n_clusters} cluster{plural}, {n_noise} noise "
                    f"({n_core} core, {len(X) - n_core - n_noise} border)")


def test_summary_without_types_and_for_all_noise():
    assert figures.dbscan_summary([-1, -1, -1]) == "0 clusters, 3 noise"
    assert figures.dbscan_summary([0, 0, -1]) == "1 cluster, 1 noise"


# -- plot_point_types -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, X, eps, min_samples", DATASETS, ids=[d[0] for d in DATASETS])
def test_point_types_draw_core_border_and_noise_where_scikit_learn_puts_them(name, X, eps, min_samples):
    reference = SkDBSCAN(eps=eps, min_samples=min_samples).fit(X)
    core = np.zeros(len(X), dtype=bool)
    core[reference.core_sample_indices_] = True
    noise = reference.labels_ == -1
    border = ~core & ~noise
    model = DBSCAN(eps, min_samples=min_samples).fit(X)
    ax = figures.plot_point_types(X, model.labels_, model.point_types_, eps=eps)
    drawn_core, drawn_border, drawn_noise = ax.collections[:3]
    assert as_set(offsets(drawn_core)) == as_set(X[core])
    assert as_set(offsets(drawn_border)) == as_set(X[border])
    assert as_set(offsets(drawn_noise)) == as_set(X[noise])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        f"core ({core.sum()})", f"border ({border.sum()})", f"noise ({noise.sum()})"]
    # every noise cross is grey; core points of one cluster share a colour, different clusters differ
    assert all(np.allclose(c, to_rgba(NOISE_COLOR)) for c in drawn_noise.get_facecolors()) or not noise.any()
    colours = [tuple(c) for c in drawn_core.get_facecolors()]
    by_cluster = {}
    for label, colour in zip(reference.labels_[core], colours):
        by_cluster.setdefault(label, set()).add(colour)
    assert all(len(c) == 1 for c in by_cluster.values())
    if len(by_cluster) <= 8:
        assert len({next(iter(c)) for c in by_cluster.values()}) == len(by_cluster)
    # one eps circle per core point, centred on it
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(circles) == core.sum()
    assert as_set([c.center for c in circles]) == as_set(X[core])
    assert all(c.radius == eps for c in circles)


def test_border_points_are_ringed_in_their_clusters_colour():
    X = np.vstack([EXERCISE_10, [[3, 1]]])
    model = DBSCAN(2, min_samples=3).fit(X)
    assert model.point_types_.tolist()[-1] == "border"
    ax = figures.plot_point_types(X, model.labels_, model.point_types_)
    core_colour = ax.collections[0].get_facecolors()[0]
    border = ax.collections[1]
    np.testing.assert_allclose(border.get_edgecolors()[0], core_colour)
    np.testing.assert_allclose(offsets(border), [[3, 1]])


def test_point_types_without_eps_draw_no_circles_and_title_defaults_to_the_summary():
    X = moons()
    model = DBSCAN(0.2, min_samples=5).fit(X)
    ax = figures.plot_point_types(X, model.labels_, model.point_types_)
    assert not [p for p in ax.patches if isinstance(p, Circle)]
    assert ax.get_title() == figures.dbscan_summary(model.labels_)


@pytest.mark.parametrize("labels, types, message", [
    ([0, 0, -1], ["core", "core"], "one entry per point"),
    ([0, 0, -1], ["core", "core", "outlier"], "'core', 'border' or 'noise'"),
    ([0, 0, 0], ["core", "core", "noise"], "disagree"),
])
def test_point_types_refuse_inconsistent_input(labels, types, message):
    with pytest.raises(ValueError, match=message):
        figures.plot_point_types(EXERCISE_10[:3], labels, types)


def test_figures_need_two_columns():
    X3 = np.zeros((4, 3))
    with pytest.raises(ValueError, match="exactly 2 columns"):
        figures.plot_point_types(X3, [0] * 4, ["core"] * 4)
    with pytest.raises(ValueError, match="exactly 2 columns"):
        figures.plot_eps_grid(X3, [1.0], [2])
    with pytest.raises(ValueError, match="exactly 2 columns"):
        figures.plot_eps_neighbourhoods(X3, 1.0, [0])


# -- plot_eps_neighbourhoods ------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_neighbourhoods_ring_every_point_within_eps(seed):
    X = moons(seed, n=60, strays=5)
    eps = [0.15, 0.2, 0.3, 0.5][seed]
    centers = np.random.default_rng(seed).choice(len(X), 3, replace=False)
    ax = figures.plot_eps_neighbourhoods(X, eps, centers)
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert [tuple(c.center) for c in circles] == [tuple(X[i]) for i in centers]
    assert all(c.radius == eps for c in circles)
    within = cdist(X[centers], X) <= eps
    rings = ax.collections[1::2]  # background, then (members, centre) per neighbourhood
    for i, ring in enumerate(rings):
        assert as_set(offsets(ring)) == as_set(X[within[i]])
    counts = [t.get_text() for t in ax.texts]
    assert counts == [f"#{c}: {n} in reach" for c, n in zip(centers, within.sum(axis=1))]


def test_neighbourhood_of_a_lonely_point_holds_only_itself():
    ax = figures.plot_eps_neighbourhoods(EXERCISE_10, 2, [5], names=list("ABCDEF"))
    assert ax.texts[0].get_text() == "F: 1 in reach"


@pytest.mark.parametrize("eps, centers, error, message", [
    (0, [0], ValueError, "eps"), (-1.0, [0], ValueError, "eps"), ("1", [0], TypeError, "eps"),
    (1.0, [6], ValueError, "centers"), (1.0, [], ValueError, "centers"), (1.0, [-1], ValueError, "centers"),
])
def test_neighbourhoods_refuse_bad_parameters(eps, centers, error, message):
    with pytest.raises(error, match=message):
        figures.plot_eps_neighbourhoods(EXERCISE_10, eps, centers)


# -- plot_eps_grid ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(3))
def test_grid_panels_report_what_scikit_learn_finds(seed):
    X = moons(seed)
    eps_values, min_samples_values = [0.05, 0.15, 0.3], [3, 10]
    axes = figures.plot_eps_grid(X, eps_values, min_samples_values)
    assert axes.shape == (2, 3)
    for r, ms in enumerate(min_samples_values):
        for c, eps in enumerate(eps_values):
            labels = SkDBSCAN(eps=eps, min_samples=ms).fit(X).labels_
            n_clusters, n_noise = len(set(labels) - {-1}), int(np.sum(labels == -1))
            title = axes[r, c].get_title()
            assert title.startswith(f"eps={eps:g}, min_samples={ms}\n")
            assert f"{n_clusters} cluster" in title and f"{n_noise} noise" in title


def test_grid_needs_values():
    with pytest.raises(ValueError, match="at least one"):
        figures.plot_eps_grid(moons(), [], [3])


# -- plot_k_distance --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, X, eps, k", DATASETS[1:], ids=[d[0] for d in DATASETS[1:]])
def test_k_distance_curve_is_the_sorted_distance_to_the_kth_neighbour(name, X, eps, k):
    expected = np.sort(NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X)[0][:, -1])
    ax = figures.plot_k_distance(k_distance(X, k), k, eps=eps)
    curve, line = ax.get_lines()
    np.testing.assert_allclose(curve.get_ydata(), expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(curve.get_xdata(), np.arange(1, len(X) + 1))
    assert line.get_ydata()[0] == eps
    above = int(np.sum(expected > eps))
    assert ax.get_legend().get_texts()[1].get_text().startswith(f"eps = {eps:g}: {above} point")
    assert ax.get_ylabel() == f"distance to neighbour number {k}"


def test_k_distance_sorts_unsorted_input_and_refuses_bad_input():
    ax = figures.plot_k_distance([0.3, 0.1, 0.2], 2)
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="1-D"):
        figures.plot_k_distance([0.1, -0.2], 2)
    with pytest.raises(ValueError):
        figures.plot_k_distance([0.1, np.nan], 2)
