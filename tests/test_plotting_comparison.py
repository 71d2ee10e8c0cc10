"""Figures and helpers of lesson 07 (comparing algorithms): what each draws is read back from the matplotlib
objects and compared with values computed independently (scikit-learn's metrics, NumPy's polyfit, the input
data themselves)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402
from sklearn import metrics as sk  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402

from course_lib.plotting import NOISE_COLOR, PALETTE  # noqa: E402
from course_lib.plotting import comparison as figures  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_every_public_name_is_reachable_from_the_package():
    import course_lib.plotting as plotting

    for name in figures.__all__:
        assert getattr(plotting, name) is getattr(figures, name)


# -- clustering_scores --------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_scores_equal_scikit_learn_on_the_clustered_points(seed):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(30, 200)), int(rng.integers(2, 6))
    X, truth = make_blobs(n, centers=k, n_features=int(rng.integers(2, 5)), random_state=seed)
    labels = truth.copy()
    labels[rng.random(n) < 0.15] = -1  # some noise, as DBSCAN would leave
    scores = figures.clustering_scores(X, labels, truth)
    kept = labels != -1
    assert scores["clusters"] == len(np.unique(labels[kept]))
    assert scores["noise"] == pytest.approx(np.mean(~kept))
    assert scores["silhouette"] == pytest.approx(sk.silhouette_score(X[kept], labels[kept]), rel=1e-10)
    assert scores["davies_bouldin"] == pytest.approx(sk.davies_bouldin_score(X[kept], labels[kept]), rel=1e-10)
    assert scores["calinski_harabasz"] == pytest.approx(sk.calinski_harabasz_score(X[kept], labels[kept]),
                                                        rel=1e-10)
    assert scores["ARI"] == pytest.approx(sk.adjusted_rand_score(truth, labels), rel=1e-10, abs=1e-12)


def test_scores_are_nan_with_fewer_than_two_clusters_and_ari_counts_noise_as_a_group():
    X = np.arange(20, dtype=float).reshape(10, 2)
    labels = np.array([0] * 6 + [-1] * 4)
    truth = np.array([0] * 6 + [1] * 4)
    scores = figures.clustering_scores(X, labels, truth)
    assert scores["clusters"] == 1 and scores["noise"] == pytest.approx(0.4)
    assert all(np.isnan(scores[m]) for m in ("silhouette", "davies_bouldin", "calinski_harabasz"))
    assert scores["ARI"] == pytest.approx(1.0)  # the noise is exactly the second true group
    assert "ARI" not in figures.clustering_scores(X, labels)


def test_scores_check_the_labels():
    with pytest.raises(ValueError, match="label"):
        figures.clustering_scores(np.ones((5, 2)), [0, 1, 0])


# -- align_labels -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(5))
def test_align_labels_undoes_a_renumbering(seed):
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 5, 120)
    permutation = rng.permutation(5) + 10
    assert np.array_equal(figures.align_labels(permutation[truth], truth), truth)


def test_align_labels_keeps_noise_the_partition_and_numbers_extra_clusters_after_the_groups():
    truth = np.array([0, 0, 0, 1, 1, 1, 2, 2])
    found = np.array([7, 7, -1, 3, 3, 5, 9, 9])
    aligned = figures.align_labels(found, truth)
    assert aligned[2] == -1
    assert list(aligned[[0, 1, 3, 4, 6, 7]]) == [0, 0, 1, 1, 2, 2]
    assert aligned[5] == 3  # cluster 5 overlaps group 1, already taken by the larger cluster 3
    kept = found != -1
    assert sk.adjusted_rand_score(found[kept], aligned[kept]) == 1.0


def test_align_labels_checks_lengths():
    with pytest.raises(ValueError, match="reference"):
        figures.align_labels([0, 1, 1], [0, 1])


# -- the grid of panels -------------------------------------------------------------------------------------

def _grid_inputs():
    rng = np.random.default_rng(0)
    datasets = {"a": rng.normal(size=(30, 2)), "b": rng.normal(size=(40, 3))}
    labels = {name: {"one": rng.integers(0, 3, len(X)), "two": np.where(rng.random(len(X)) < 0.2, -1, 0)}
              for name, X in datasets.items()}
    return datasets, labels


def test_algorithm_grid_draws_every_dataset_with_every_clustering():
    datasets, labels = _grid_inputs()
    scores = {"a": {"one": 0.5, "two": 0.25}, "b": {"one": 1.0, "two": -0.125}}
    axes = figures.plot_algorithm_grid(datasets, labels, scores=scores)
    assert axes.shape == (2, 2)
    for r, name in enumerate(datasets):
        assert axes[r, 0].get_ylabel() == name
        for c, algorithm in enumerate(["one", "two"]):
            ax = axes[r, c]
            offsets = ax.collections[0].get_offsets()
            np.testing.assert_allclose(offsets, datasets[name][:, :2])
            expected = [to_rgb(NOISE_COLOR if lab < 0 else PALETTE[lab]) for lab in labels[name][algorithm]]
            np.testing.assert_allclose(ax.collections[0].get_facecolors()[:, :3], expected)
            assert [t.get_text() for t in ax.texts] == [f"ARI = {scores[name][algorithm]:.2f}"]
    assert [ax.get_title() for ax in axes[0]] == ["one", "two"]
    assert all(ax.get_title() == "" for ax in axes[1])


def test_algorithm_grid_checks_its_inputs():
    datasets, labels = _grid_inputs()
    with pytest.raises(ValueError, match="no entry"):
        figures.plot_algorithm_grid(datasets, {"a": labels["a"]})
    with pytest.raises(ValueError, match="same algorithms"):
        figures.plot_algorithm_grid(datasets, {"a": labels["a"], "b": {"one": labels["b"]["one"]}})
    bad = {"a": labels["a"], "b": {"one": labels["b"]["one"][:5], "two": labels["b"]["two"]}}
    with pytest.raises(ValueError, match="5 labels for 40 points"):
        figures.plot_algorithm_grid(datasets, bad)
    with pytest.raises(ValueError, match="at least one dataset"):
        figures.plot_algorithm_grid({}, {})


# -- the score heatmaps -------------------------------------------------------------------------------------

def _score_table():
    rows = [
        ("blobs", "k-means", 0.70, 0.45, 2758.2, 1.0),
        ("blobs", "DBSCAN", 0.60, 0.40, 3000.0, 0.9),
        ("moons", "k-means", 0.50, 0.80, 700.0, 0.48),
        ("moons", "DBSCAN", np.nan, np.nan, np.nan, 0.0),
    ]
    return pd.DataFrame(rows, columns=["dataset", "algorithm", "silhouette", "davies_bouldin",
                                       "calinski_harabasz", "ARI"]).set_index(["dataset", "algorithm"])


def test_score_heatmaps_write_every_value_and_bold_the_best_of_each_row_in_its_direction():
    table = _score_table()
    axes = figures.plot_score_heatmaps(table)
    assert [ax.get_title().split("\n")[0] for ax in axes] == [figures.METRICS[m][0] for m in figures.METRICS]
    for ax, metric in zip(axes, figures.METRICS):
        texts = {(round(t.get_position()[1]), round(t.get_position()[0])): t for t in ax.texts}
        assert len(texts) == 4
        for (i, j), text in texts.items():
            value = table[metric].to_numpy().reshape(2, 2)[i, j]
            digits = 0 if metric == "calinski_harabasz" else 2
            assert text.get_text() == ("–" if np.isnan(value) else f"{value:.{digits}f}")
        bold = {key for key, t in texts.items() if t.get_fontweight() == "bold"}
        row0 = table[metric].to_numpy()[:2]
        best0 = int(np.argmin(row0) if figures.METRICS[metric][1] == "lower" else np.argmax(row0))
        assert (0, best0) in bold
        assert ((1, 0) in bold) and ((1, 1) not in bold)  # the only finite value of the row is its best
    assert [t.get_text() for t in axes[0].get_yticklabels()] == ["blobs", "moons"]
    assert [t.get_text() for t in axes[0].get_xticklabels()] == ["k-means", "DBSCAN"]


def test_score_heatmaps_check_the_table():
    table = _score_table()
    with pytest.raises(ValueError, match="unknown score"):
        figures.plot_score_heatmaps(table, metrics=("accuracy",))
    with pytest.raises(ValueError, match="no column"):
        figures.plot_score_heatmaps(table[["ARI"]], metrics=("silhouette",))
    with pytest.raises(ValueError, match="indexed by"):
        figures.plot_score_heatmaps(table.reset_index())


# -- the decision tree --------------------------------------------------------------------------------------

def _count_nodes(node):
    if "algorithm" in node:
        return 0, 1
    q1, l1 = _count_nodes(node["yes"])
    q2, l2 = _count_nodes(node["no"])
    return q1 + q2 + 1, l1 + l2


def test_decision_tree_draws_a_box_per_node_two_answers_per_question_and_the_size_strip():
    ax = figures.plot_decision_tree()
    questions, leaves = _count_nodes(figures.DECISION_TREE)
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(boxes) == questions + leaves + len(figures.SIZE_GUIDE)
    assert len(arrows) == 2 * questions
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("yes") == texts.count("no") == questions
    for algorithm in ("k-means", "Gaussian mixture", "DBSCAN", "Hierarchical"):
        assert algorithm in texts
    for size, _ in figures.SIZE_GUIDE:
        assert any(t.startswith(size) for t in texts)
    assert len({round(b.get_linewidth(), 1) for b in boxes}) == 1 + 1  # tree boxes and strip boxes, none thick


def test_decision_tree_highlights_the_path_answered():
    ax = figures.plot_decision_tree(path=("no", "yes"), size_guide=None)
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    thick = [b for b in boxes if b.get_linewidth() > 2]
    assert len(boxes) == 7 and len(thick) == 3  # root, the noise question, DBSCAN
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert sum(a.get_linewidth() > 2 for a in arrows) == 2
    dbscan = next(t for t in ax.texts if t.get_text() == "DBSCAN")
    x, y = dbscan.get_position()
    assert any(b.contains_point(ax.transData.transform((x, y))) for b in thick)


def test_decision_tree_checks_the_tree_and_the_path():
    with pytest.raises(ValueError, match="'question', 'yes' and 'no'"):
        figures.plot_decision_tree({"question": "K?", "yes": {"algorithm": "k-means"}})
    with pytest.raises(ValueError, match="path"):
        figures.plot_decision_tree(path=("yes", "yes", "yes"))
    with pytest.raises(ValueError, match="path"):
        figures.plot_decision_tree(path=("maybe",))


# -- time against n -----------------------------------------------------------------------------------------

def test_time_vs_n_reports_each_fitted_slope_and_draws_slope_1_and_2_references():
    linear_n = np.array([1_000, 4_000, 16_000, 64_000])
    square_n = np.array([500, 1_000, 2_000, 4_000])
    series = {"linear": (linear_n, 2e-7 * linear_n), "square": (square_n, 1e-8 * square_n ** 2.0)}
    ax = figures.plot_time_vs_n(series)
    labels = ax.get_legend_handles_labels()[1]
    assert "linear (slope 1.00)" in labels and "square (slope 2.00)" in labels
    references = [line for line in ax.lines if line.get_linestyle() in ("--", ":")]
    assert len(references) == 2
    for line, slope in zip(references, (1, 2)):
        x, y = line.get_data()
        fitted = np.polyfit(np.log(x), np.log(y), 1)[0]
        assert fitted == pytest.approx(slope)
        assert x[0] == 500 and y[0] == pytest.approx(min(2e-7 * 1_000, 1e-8 * 500 ** 2))
    assert ax.get_xscale() == ax.get_yscale() == "log"
    ticks = list(ax.get_xticks())
    assert ticks == [500, 1_000, 2_000, 4_000, 16_000, 64_000]


def test_time_vs_n_drops_ticks_that_would_overlap():
    ax = figures.plot_time_vs_n({"a": ([400, 800, 1_600], [1, 2, 4]), "b": ([1_000, 4_000], [1, 4])})
    assert list(ax.get_xticks()) == [400, 800, 1_600, 4_000]


def test_time_vs_n_checks_its_inputs():
    with pytest.raises(ValueError, match="at least one label"):
        figures.plot_time_vs_n({})
    with pytest.raises(ValueError, match="reference_slopes"):
        figures.plot_time_vs_n({"a": ([1, 2], [1, 2])}, reference_slopes=())
    with pytest.raises(ValueError, match="positive"):
        figures.plot_time_vs_n({"a": ([1, 2], [1, 0])})


# -- mini-batch trade-off -----------------------------------------------------------------------------------

def test_minibatch_tradeoff_places_each_run_at_its_time_and_excess_inertia():
    runs = {"full": (0.7, 1000.0), "mini 256": (0.1, 1040.0), "mini 1024": (0.05, 990.0)}
    ax = figures.plot_minibatch_tradeoff(runs, reference="full")
    points = np.array([c.get_offsets()[0] for c in ax.collections])
    np.testing.assert_allclose(points[:, 0], [0.7, 0.1, 0.05])
    np.testing.assert_allclose(points[:, 1], [0.0, 4.0, -1.0])
    ax = figures.plot_minibatch_tradeoff(runs)  # default reference: the lowest inertia
    points = np.array([c.get_offsets()[0] for c in ax.collections])
    np.testing.assert_allclose(points[:, 1], 100 * (np.array([1000, 1040, 990]) / 990 - 1))
    assert ax.get_xscale() == "log"


def test_minibatch_tradeoff_checks_its_inputs():
    with pytest.raises(ValueError, match="at least one label"):
        figures.plot_minibatch_tradeoff({})
    with pytest.raises(ValueError, match="not one of the runs"):
        figures.plot_minibatch_tradeoff({"a": (1.0, 2.0)}, reference="b")
    with pytest.raises(ValueError, match="positive"):
        figures.plot_minibatch_tradeoff({"a": (0.0, 2.0)})
