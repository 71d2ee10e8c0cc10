"""Figures of lesson 05: what each draws is read back from the matplotlib objects and compared with
SciPy's linkage, fcluster and dendrogram and with distances computed directly with NumPy/SciPy."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from scipy.cluster.hierarchy import dendrogram as scipy_dendrogram  # noqa: E402
from scipy.cluster.hierarchy import fcluster as scipy_fcluster  # noqa: E402
from scipy.cluster.hierarchy import linkage as scipy_linkage  # noqa: E402
from scipy.spatial.distance import cdist  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402

from course_lib.plotting import PALETTE  # noqa: E402
from course_lib.plotting import hierarchical as figures  # noqa: E402

METHODS = ("single", "complete", "average", "ward")
LINE = np.array([[1], [2], [3], [10], [11], [12], [6]], dtype=float)
SEVEN = np.array([[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5], [3.5, 4.5]])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def blobs(seed=0, n=40, k=3):
    return make_blobs(n_samples=n, centers=k, cluster_std=1.0, random_state=seed)[0]


def same_partition(a, b):
    """Whether two labellings group the points identically (whatever the numbers)."""
    pairs = set(zip(np.asarray(a).tolist(), np.asarray(b).tolist()))
    return len(pairs) == len(set(a)) == len(set(b))


def rgb_rows(collection):
    return np.asarray(collection.get_facecolors())[:, :3]


def test_every_public_name_is_reachable_from_the_package():
    import course_lib.plotting as plotting

    for name in figures.__all__:
        assert getattr(plotting, name) is getattr(figures, name)


# -- the clusters of a cut, numbered along the leaves ------------------------------------------------------

@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(3))
def test_leaf_ordered_clusters_are_scipys_clusters_numbered_left_to_right(method, seed):
    X = blobs(seed)
    Z = scipy_linkage(X, method)
    leaves = scipy_dendrogram(Z, no_plot=True)["leaves"]
    for height in np.quantile(Z[:, 2], [0.2, 0.6, 0.9, 0.97]):
        labels = figures.leaf_ordered_clusters(Z, height)
        assert same_partition(labels, scipy_fcluster(Z, height, criterion="distance"))
        first_seen = list(dict.fromkeys(labels[leaves].tolist()))
        assert first_seen == list(range(labels.max() + 1))


def test_dendrogram_leaves_and_cut_clusters_share_colours():
    X = blobs(4)
    Z = scipy_linkage(X, "ward")
    height = figures.dendrogram_cut_height(Z, 3)
    labels = figures.leaf_ordered_clusters(Z, height)
    ax = figures.plot_dendrogram(Z, cut_height=height)
    leaves = scipy_dendrogram(Z, no_plot=True)["leaves"]
    tick_colors = [to_rgb(t.get_color()) for t in ax.get_xticklabels()]
    assert tick_colors == [to_rgb(PALETTE[labels[leaf]]) for leaf in leaves]
    points = figures.plot_cut_clusters(X, Z, height)
    np.testing.assert_allclose(rgb_rows(points.collections[0]), [to_rgb(PALETTE[c]) for c in labels])


# -- points coloured by a cut ------------------------------------------------------------------------------

def test_cut_clusters_by_number_of_clusters_and_on_a_line():
    Z = scipy_linkage(LINE, "complete")
    ax = figures.plot_cut_clusters(LINE, Z, n_clusters=3, names=["1", "2", "3", "10", "11", "12", "6"])
    offsets = np.asarray(ax.collections[0].get_offsets())
    np.testing.assert_allclose(offsets, np.c_[LINE[:, 0], np.zeros(7)])
    labels = scipy_fcluster(Z, 3, criterion="maxclust")
    assert len(np.unique(rgb_rows(ax.collections[0]), axis=0)) == len(np.unique(labels)) == 3
    assert ax.get_title().endswith("3 clusters") and [t.get_text() for t in ax.texts][-1] == "6"
    assert ax.get_yticks().size == 0


def test_cut_clusters_check_their_arguments():
    Z = scipy_linkage(SEVEN, "single")
    with pytest.raises(ValueError, match="exactly one"):
        figures.plot_cut_clusters(SEVEN, Z)
    with pytest.raises(ValueError, match="exactly one"):
        figures.plot_cut_clusters(SEVEN, Z, 1.0, n_clusters=2)
    with pytest.raises(ValueError, match="describes 7 points"):
        figures.plot_cut_clusters(SEVEN[:5], Z, 1.0)


@pytest.mark.parametrize("draw", ["plot_dendrogram", "plot_cut_clusters", "leaf_ordered_clusters"])
@pytest.mark.parametrize("cut_height, error, words", [
    (-1, ValueError, r"cut_height must be >= 0, got -1\..*dendrogram_cut_height\(Z, k\)"),
    (-0.5, ValueError, "cut_height must be >= 0"),
    (float("nan"), ValueError, r"cut_height must be a number, got nan\..*dendrogram_cut_height"),
    ("a", TypeError, "cut_height must be a number, got 'a'"),
    ([1.0], TypeError, "cut_height must be a number"),
])
def test_a_bad_cut_height_is_refused_by_its_own_name(draw, cut_height, error, words):
    Z = scipy_linkage(SEVEN, "average")
    call = {"plot_dendrogram": lambda: figures.plot_dendrogram(Z, cut_height=cut_height),
            "plot_cut_clusters": lambda: figures.plot_cut_clusters(SEVEN, Z, cut_height),
            "leaf_ordered_clusters": lambda: figures.leaf_ordered_clusters(Z, cut_height)}[draw]
    with pytest.raises(error, match=words) as raised:
        call()
    assert not str(raised.value).startswith("t ")  # fcluster's name for it means nothing to the caller
    assert not plt.get_fignums()  # refused before anything is drawn


def test_a_cut_at_height_zero_or_of_numpy_type_is_accepted():
    Z = scipy_linkage(SEVEN, "average")
    assert len(set(figures.leaf_ordered_clusters(Z, 0))) == len(SEVEN)
    ax = figures.plot_dendrogram(Z, cut_height=np.float32(Z[-1, 2] + 1))
    assert "1 cluster" in ax.get_legend().get_texts()[0].get_text()


def test_dendrogram_panels_cut_each_tree_into_the_same_number_of_clusters():
    Zs = {m: scipy_linkage(LINE, m) for m in ("single", "complete")}
    axes = figures.plot_dendrogram_panels(Zs, n_clusters=2, labels=list("abcdefg"), sharey=True)
    assert [ax.get_title() for ax in axes] == ["single", "complete"]
    for ax, Z in zip(axes, Zs.values()):
        cut = ax.get_lines()[0].get_ydata()[0]
        assert len(np.unique(scipy_fcluster(Z, cut, criterion="distance"))) == 2
    assert axes[0].get_ylim() == axes[1].get_ylim()
    with pytest.raises(ValueError, match="linkages"):
        figures.plot_dendrogram_panels({})


# -- what the linkages measure -----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_linkage_definitions_show_the_four_distances(seed):
    rng = np.random.default_rng(seed)
    A, B = rng.normal(0, 1, (4, 2)), rng.normal(3, 1, (5, 2))
    axes = figures.plot_linkage_definitions(A, B)
    D = cdist(A, B)
    size_a, size_b = len(A), len(B)
    ward = np.sqrt(2 * size_a * size_b / (size_a + size_b) * np.sum((A.mean(0) - B.mean(0)) ** 2))
    for ax, value in zip(axes, (D.min(), D.max(), D.mean(), ward)):
        assert ax.get_title().endswith(f"d(A, B) = {value:.3f}")
    i, j = np.unravel_index(np.argmin(D), D.shape)
    np.testing.assert_allclose(np.column_stack(axes[0].lines[0].get_data()), [A[i], B[j]])
    i, j = np.unravel_index(np.argmax(D), D.shape)
    np.testing.assert_allclose(np.column_stack(axes[1].lines[0].get_data()), [A[i], B[j]])
    assert len(axes[2].lines) == size_a * size_b
    np.testing.assert_allclose(np.column_stack(axes[3].lines[0].get_data()), [A.mean(0), B.mean(0)])


def test_linkage_definitions_of_two_clusters_that_scipy_merges_last():
    """Two far-apart groups are the last merge of every linkage: the titles are SciPy's last heights."""
    A, B = SEVEN[:2], SEVEN[2:] + [6, 6]
    axes = figures.plot_linkage_definitions(A, B)
    for ax, method in zip(axes, METHODS):
        assert ax.get_title().endswith(f"{scipy_linkage(np.vstack([A, B]), method)[-1, 2]:.3f}")


# -- merging step by step ----------------------------------------------------------------------------------

@pytest.mark.parametrize("method", METHODS)
def test_merge_sequence_rings_the_cluster_each_scipy_merge_forms(method):
    Z = scipy_linkage(SEVEN, method)
    names = list("ABCDEFG")
    axes = figures.plot_merge_sequence(SEVEN, Z, names=names)
    assert len(axes) == 6
    members = {i: {i} for i in range(7)}
    for k, (ax, row) in enumerate(zip(axes, Z)):
        a, b = int(row[0]), int(row[1])
        members[7 + k] = members[a] | members[b]
        ringed = np.asarray(ax.collections[-1].get_offsets())
        assert {tuple(p) for p in ringed} == {tuple(SEVEN[i]) for i in members[7 + k]}
        assert ax.get_title().endswith(f"at height {row[2]:.3g}")
        for c in (a, b):
            assert "{" + ", ".join(names[i] for i in sorted(members[c])) + "}" in ax.get_title()


def test_merge_sequence_shows_chosen_steps_and_checks_them():
    Z = scipy_linkage(SEVEN, "ward")
    axes = figures.plot_merge_sequence(SEVEN, Z, steps=[1, 6])
    assert len(axes) == 2 and axes[1].get_title().startswith("merge 6:")
    with pytest.raises(ValueError, match="steps"):
        figures.plot_merge_sequence(SEVEN, Z, steps=[7])
    with pytest.raises(ValueError, match="2 columns"):
        figures.plot_merge_sequence(LINE, scipy_linkage(LINE, "ward"))
    with pytest.raises(ValueError, match="describes 7 points"):
        figures.plot_merge_sequence(SEVEN[:6], Z)


@pytest.mark.parametrize("seed", range(3))
def test_ward_merge_costs_add_up_to_the_wcss_of_each_level(seed):
    X = blobs(seed, n=12)
    Z = scipy_linkage(X, "ward")
    costs = Z[:, 2] ** 2 / 2
    wcss = []
    for k in range(1, len(Z) + 1):
        labels = scipy_fcluster(Z, len(X) - k, criterion="maxclust")
        wcss.append(sum(((X[labels == c] - X[labels == c].mean(0)) ** 2).sum() for c in np.unique(labels)))
    ax = figures.plot_ward_merge_costs(costs, wcss)
    np.testing.assert_allclose([bar.get_height() for bar in ax.patches], costs)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), np.r_[0, np.cumsum(costs)], rtol=1e-9)
    np.testing.assert_allclose(np.cumsum(costs), wcss, rtol=1e-9)
    with pytest.raises(ValueError, match="one value per merge"):
        figures.plot_ward_merge_costs(costs, wcss[:-1])


def test_hierarchical_cost_fits_slopes_to_time_and_memory():
    sizes = np.array([100, 200, 400, 800])
    axes = figures.plot_hierarchical_cost(sizes, 1e-6 * sizes**2, 8e-6 * sizes**2)
    assert axes[1].get_ylabel() == "megabytes" and axes[0].get_ylabel() == "seconds"
    for ax in axes:
        assert "(slope 2.00)" in ax.get_legend().get_texts()[0].get_text()
    with pytest.raises(ValueError, match="positive"):
        figures.plot_hierarchical_cost(sizes, -np.ones(4), np.ones(4))
