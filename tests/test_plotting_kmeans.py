"""Figures of lessons 00-02: what each draws is read back from the matplotlib objects and compared with
numbers computed independently (SciPy distances, NumPy by hand, the seed's worked example)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402
from scipy.spatial.distance import cdist, cityblock, cosine, euclidean, minkowski  # noqa: E402

from course_lib import KMeans  # noqa: E402
from course_lib.plotting import PALETTE  # noqa: E402
import course_lib.plotting as figures  # noqa: E402
from course_lib.plotting import course, distances, kmeans  # noqa: E402

SEVEN = np.array([[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5], [3.5, 4.5]])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_every_public_name_is_reachable_from_the_package():
    for module in (course, distances, kmeans):
        for name in module.__all__:
            assert getattr(figures, name) is getattr(module, name)


# -- lesson 00 --------------------------------------------------------------------------------------------

def test_learning_path_draws_a_box_per_lesson_and_an_arrow_between_consecutive_ones():
    ax = figures.plot_learning_path(here="02")
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(boxes) == len(figures.LEARNING_PATH) == 13
    assert len(arrows) == 12
    texts = [t.get_text() for t in ax.texts]
    for number, title, stage in figures.LEARNING_PATH:
        assert any(t.startswith(f"{number}  {title}") for t in texts)
        assert stage in texts
    assert sum("you are here" in t for t in texts) == 1
    assert [b.get_linewidth() for b in boxes].count(max(b.get_linewidth() for b in boxes)) == 1


def test_learning_path_needs_lessons():
    with pytest.raises(ValueError, match="at least one lesson"):
        figures.plot_learning_path([])


# -- lesson 01 --------------------------------------------------------------------------------------------

def test_groupings_by_feature_places_every_person_on_that_feature_and_colours_by_cluster():
    X = np.array([[1, 25], [1, 28], [0, 32], [0, 35], [1, 4], [1, 5]], dtype=float)
    roles = ["doctor", "doctor", "nurse", "nurse", "pharmacist", "pharmacist"]
    labels = [np.array([0, 0, 1, 1, 0, 0]), np.array([0, 0, 0, 0, 1, 1])]
    axes = figures.plot_groupings_by_feature(X, labels, groups=roles,
                                             feature_names=["white coat", "patient hours"])
    assert len(axes) == 2
    for j, ax in enumerate(axes):
        xs = np.concatenate([c.get_offsets()[:, 0] for c in ax.collections])
        np.testing.assert_array_equal(np.sort(xs), np.sort(X[:, j]))
        colors = np.concatenate([c.get_facecolors()[:, :3] for c in ax.collections])
        expected = np.array([to_rgb(PALETTE[label]) for label in labels[j]])  # groups drawn in order of rows
        np.testing.assert_allclose(colors, expected)
        assert [t.get_text() for t in ax.get_yticklabels()] == ["doctor", "nurse", "pharmacist"]
        assert "2 clusters" in ax.get_title()


def test_groupings_by_feature_checks_lengths():
    X = np.ones((4, 2))
    with pytest.raises(ValueError, match="one label array and one name per feature"):
        figures.plot_groupings_by_feature(X, [np.zeros(4)], groups=list("aabb"), feature_names=["u", "v"])
    with pytest.raises(ValueError, match="groups"):
        figures.plot_groupings_by_feature(X, [np.zeros(4)] * 2, groups=list("aab"), feature_names=["u", "v"])


@pytest.mark.parametrize("a, b", [([1, 3], [4, 1]), ([2, 0.5], [0.5, 2]), ([3, 3], [6, 6.5])])
def test_distance_geometry_reports_scipys_three_measures(a, b):
    ax = figures.plot_distance_geometry(a, b)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"Euclidean = {euclidean(a, b):.3f}", f"Manhattan = {cityblock(a, b):.3f}",
                      f"cosine similarity = {1 - cosine(a, b):.3f}"]
    straight, staircase = ax.lines[0].get_xydata(), ax.lines[1].get_xydata()
    np.testing.assert_array_equal(straight, [a, b])
    assert np.abs(np.diff(staircase, axis=0)).sum() == pytest.approx(cityblock(a, b))


def test_distance_geometry_needs_two_points_in_the_plane():
    with pytest.raises(ValueError, match="points in the plane"):
        figures.plot_distance_geometry([1, 2, 3], [1, 2, 3])


@pytest.mark.parametrize("ps", [(1, 2), (1, 1.5, 2, 3, 6), (4.5,)])
def test_unit_circles_lie_at_minkowski_distance_one(ps):
    ax = figures.plot_unit_circles(ps)
    curves = ax.lines[:len(ps)]
    for p, line in zip(ps, curves):
        points = line.get_xydata()
        lengths = [minkowski(point, [0, 0], p) for point in points[::40]]
        np.testing.assert_allclose(lengths, 1.0, rtol=1e-12)
        assert line.get_label().startswith(f"p = {p:g}")
    assert ax.get_aspect() == 1.0


def test_unit_circles_refuse_p_below_one():
    with pytest.raises(ValueError, match="p must be >= 1"):
        figures.plot_unit_circles((0.5, 2))


def test_distance_heatmap_shows_the_matrix_and_writes_each_value():
    D = cdist(SEVEN, SEVEN)
    ax = figures.plot_distance_heatmap(D, names=list("ABCDEFG"), decimals=2)
    np.testing.assert_array_equal(ax.images[0].get_array(), D)
    written = [t.get_text() for t in ax.texts]
    assert written == [f"{d:.2f}" for d in D.ravel()]
    assert [t.get_text() for t in ax.get_xticklabels()] == list("ABCDEFG")


def test_distance_heatmap_stays_quiet_for_large_matrices_and_checks_names(rng):
    D = cdist(rng.normal(size=(20, 2)), rng.normal(size=(20, 2)))
    assert len(figures.plot_distance_heatmap(D).texts) == 0
    with pytest.raises(ValueError, match="one name per row"):
        figures.plot_distance_heatmap(D, names=list("abc"))


def test_scaled_versions_draw_each_table_with_equal_units():
    raw = np.array([[44, 73000], [27, 47000], [48, 78000]], dtype=float)
    scaled = (raw - raw.min(axis=0)) / (raw.max(axis=0) - raw.min(axis=0))
    axes = figures.plot_scaled_versions([raw, scaled], titles=["raw", "min-max"], feature_names=["age", "salary"],
                                        names=["1", "2", "7"])
    for ax, table in zip(axes, [raw, scaled]):
        np.testing.assert_array_equal(ax.collections[0].get_offsets(), table)
        assert ax.get_aspect() == 1.0
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("age", "salary")
    with pytest.raises(ValueError, match="one title per table"):
        figures.plot_scaled_versions([raw], titles=["a", "b"], feature_names=["age", "salary"])
    with pytest.raises(ValueError, match="two columns"):
        figures.plot_scaled_versions([raw, raw[:, :1]], titles=["a", "b"], feature_names=["age", "salary"])


def test_cluster_panels_draw_one_panel_per_labelling(rng):
    X = rng.normal(size=(30, 2))
    labels = [np.zeros(30, int), (X[:, 0] > 0).astype(int)]
    axes = figures.plot_cluster_panels(X, labels, titles=["one", "two"],
                                       centers=[None, np.array([[0, 0], [1, 1]])])
    assert [ax.get_title() for ax in axes] == ["one", "two"]
    np.testing.assert_allclose(axes[1].collections[0].get_facecolors()[:, :3],
                               [to_rgb(PALETTE[label]) for label in labels[1]])
    assert len(axes[1].collections) == 2  # points and centroids
    with pytest.raises(ValueError, match="one entry per panel"):
        figures.plot_cluster_panels(X, labels, titles=["only one"])
    with pytest.raises(ValueError, match="30 points but 29 labels"):
        figures.plot_cluster_panels(X, [np.zeros(29, int)])


# -- lesson 02 --------------------------------------------------------------------------------------------

def test_kmeans_state_shades_each_place_by_its_nearest_centroid(rng):
    X = rng.normal(size=(40, 2))
    centroids = np.array([[-1.0, 0.0], [1.0, 0.5], [0.0, -1.5]])
    labels = cdist(X, centroids, "sqeuclidean").argmin(axis=1)
    ax = figures.plot_kmeans_state(X, centroids, labels)
    image = ax.images[0]
    left, right, bottom, top = image.get_extent()
    shades = image.get_array()
    rows, cols = shades.shape[:2]
    for i, j in [(0, 0), (rows // 2, cols // 3), (rows - 1, cols - 1), (rows // 4, 3 * cols // 4)]:
        place = [left + (right - left) * j / (cols - 1), bottom + (top - bottom) * i / (rows - 1)]
        nearest = cdist([place], centroids).argmin()
        light = 0.18 * np.array(to_rgb(PALETTE[nearest])) + 0.82
        np.testing.assert_allclose(shades[i, j], light)
    points = ax.collections[0]
    np.testing.assert_array_equal(points.get_offsets(), X)
    np.testing.assert_allclose(points.get_facecolors()[:, :3], [to_rgb(PALETTE[label]) for label in labels])


def test_kmeans_state_rings_the_points_that_changed_and_draws_the_trail():
    labels = np.array([0, 0, 1, 1, 1, 1, 1])
    changed = np.array([False, False, True, False, False, False, False])
    ax = figures.plot_kmeans_state(SEVEN, [[1.25, 1.5], [3.9, 5.1]], labels, changed=changed,
                                   trail=[SEVEN[[0, 3]]], names=list("ABCDEFG"), regions=False)
    rings = [c for c in ax.collections if c.get_label() == "changed cluster"]
    np.testing.assert_array_equal(rings[0].get_offsets(), [[3, 4]])
    paths = [line.get_xydata() for line in ax.lines]
    np.testing.assert_array_equal(paths[0], [[1, 1], [1.25, 1.5]])
    np.testing.assert_array_equal(paths[1], [[5, 7], [3.9, 5.1]])
    assert [t.get_text() for t in ax.texts] == list("ABCDEFG")


def test_kmeans_state_refuses_what_it_cannot_draw(rng):
    with pytest.raises(ValueError, match="2 columns"):
        figures.plot_kmeans_state(rng.normal(size=(5, 3)), np.zeros((2, 3)), np.zeros(5, int))
    with pytest.raises(ValueError, match="one entry per point"):
        figures.plot_kmeans_state(SEVEN, SEVEN[:2], np.zeros(6, int))


def test_kmeans_iterations_of_the_worked_example():
    """Seed 002, example 1: three panels; C moves in iteration 1; the final WCSS is 8.525 (the seed prints 8.4)."""
    history = KMeans(2, init=SEVEN[[0, 3]], n_init=1, keep_history=True).fit(SEVEN).history_
    axes = figures.plot_kmeans_iterations(SEVEN, history, names=list("ABCDEFG"))
    assert [ax.get_title() for ax in axes] == ["iteration 0: WCSS = 33.250", "iteration 1: WCSS = 11.226",
                                               "iteration 2: WCSS = 8.525"]
    rings = [[c for c in ax.collections if c.get_label() == "changed cluster"] for ax in axes]
    assert rings[0] == [] and rings[2] == []
    np.testing.assert_array_equal(rings[1][0].get_offsets(), [[3, 4]])
    assert len({tuple(ax.get_xlim()) for ax in axes}) == 1, "panels share their limits"
    with pytest.raises(ValueError, match="history is empty"):
        figures.plot_kmeans_iterations(SEVEN, [])


def test_wcss_by_iteration_draws_each_series():
    ax = figures.plot_wcss_by_iteration({"random": [9.0, 5.0, 4.0], "k-means++": [6.0, 4.0]})
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), [9, 5, 4])
    np.testing.assert_array_equal(ax.lines[1].get_xdata(), [0, 1])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["random", "k-means++"]
    assert ax.get_xlabel() == "iteration"


def test_objective_half_steps_of_the_worked_example():
    """33.25 at the start; 12.208 = 6.8333 + 5.375 after the first update (by hand from seed 002's clusters)."""
    a = [33.25, 11.225694444444443, 8.525]
    u = [12.208333333333332, 8.525, 8.525]
    ax = figures.plot_objective_half_steps(a, u)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [33.25, 12.208333333333332, 11.225694444444443, 8.525,
                                                            8.525, 8.525])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["assign 1", "update 1", "assign 2", "update 2",
                                                            "assign 3", "update 3"]
    assert [t.get_text() for t in ax.texts][:2] == ["33.250", "12.208"]
    with pytest.raises(ValueError, match="one value after each assignment"):
        figures.plot_objective_half_steps([1.0, 2.0], [1.0])


def test_plusplus_step_colours_each_point_by_its_d2_chance(rng):
    X = rng.normal(size=(25, 2))
    centers = X[[3, 17]]
    ax = figures.plot_plusplus_step(X, centers, next_index=8)
    d2 = cdist(X, centers, "sqeuclidean").min(axis=1)
    points = ax.collections[0]
    np.testing.assert_allclose(points.get_array(), d2 / d2.sum(), rtol=1e-9, atol=1e-15)
    sizes = points.get_sizes()
    assert np.all(np.diff(sizes[np.argsort(d2)]) >= 0), "a likelier point is never drawn smaller"
    ring = [c for c in ax.collections if c.get_label() == "picked next"][0]
    np.testing.assert_array_equal(ring.get_offsets(), [X[8]])
    assert [t.get_text() for t in ax.texts] == ["1", "2"]


def test_plusplus_step_before_the_first_pick_is_uniform(rng):
    X = rng.normal(size=(10, 2))
    ax = figures.plot_plusplus_step(X, np.empty((0, 2)), next_index=4)
    np.testing.assert_allclose(ax.collections[0].get_array(), np.full(10, 0.1))
    with pytest.raises(ValueError, match="next_index"):
        figures.plot_plusplus_step(X, X[:1], next_index=10)


def test_inertia_spread_counts_the_runs_at_the_best():
    ax = figures.plot_inertia_spread({"random": [10.0, 12.5, 10.0, 30.0], "k-means++": [10.0, 10.0]})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["random\n2 of 4 at the best",
                                                            "k-means++\n2 of 2 at the best"]
    assert ax.lines[0].get_ydata()[0] == 10.0
    np.testing.assert_array_equal(ax.collections[0].get_offsets()[:, 1], [10.0, 12.5, 10.0, 30.0])
    with pytest.raises(ValueError, match="at least one strategy"):
        figures.plot_inertia_spread({})


def test_time_vs_size_reports_the_fitted_slope():
    sizes = np.array([1000, 2000, 4000, 8000])
    ax = figures.plot_time_vs_size({"linear": (sizes, 1e-6 * sizes), "quadratic": (sizes, 1e-9 * sizes ** 2)})
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["linear (slope 1.00)", "quadratic (slope 2.00)", "slope 1 reference"]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="positive"):
        figures.plot_time_vs_size({"bad": ([1, 2], [0.0, 1.0])})

