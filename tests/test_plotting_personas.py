"""Profile tables and persona figures of lesson 08. The tables are compared with the same quantities computed
another way (pandas group-bys, scikit-learn's scaler, k-means centroids, explicit loops); the figures are read
back from the matplotlib objects and compared with the numbers they were given."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.patches import Circle, Rectangle  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.preprocessing import StandardScaler as SklearnStandardScaler  # noqa: E402

from course_lib import KMeans  # noqa: E402
from course_lib.plotting import PALETTE  # noqa: E402
from course_lib.plotting import personas as figures  # noqa: E402

FEATURES = ["visits", "orders", "shares", "posts"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _users(seed=0, n=300, k=4):
    X, labels = make_blobs(n, centers=k, n_features=len(FEATURES), random_state=seed)
    return pd.DataFrame(np.abs(X) * 3, columns=FEATURES), labels


def _z_profile():
    return pd.DataFrame([[-1.1, -0.5, -0.7, -0.6], [1.3, 2.2, 0.1, 0.3], [0.5, -0.1, 1.7, 0.1],
                         [0.7, -0.1, 0.2, 2.0]], columns=FEATURES, index=[3, 0, 2, 1])


def test_every_public_name_is_reachable_from_the_package():
    import course_lib.plotting as plotting

    for name in figures.__all__:
        assert getattr(plotting, name) is getattr(figures, name)


# -- tables -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("statistic", ["mean", "median"])
def test_cluster_profile_equals_a_pandas_group_by(seed, statistic):
    X, labels = _users(seed)
    table = figures.cluster_profile(X, labels, statistic=statistic)
    expected = getattr(X.groupby(labels), statistic)()
    pd.testing.assert_frame_equal(table[FEATURES], expected, check_names=False)
    assert list(table["users"]) == list(np.bincount(labels))
    np.testing.assert_allclose(table["share"], np.bincount(labels) / len(X))


def test_cluster_profile_uses_the_names_in_their_order():
    X, labels = _users(1)
    names = {2: "two", 0: "zero", 3: "three", 1: "one"}
    table = figures.cluster_profile(X, labels, names=names)
    assert list(table.index) == ["two", "zero", "three", "one"]
    np.testing.assert_allclose(table.loc["two", FEATURES], X[labels == 2].mean())


def test_cluster_profile_checks_its_inputs():
    X, labels = _users()
    with pytest.raises(ValueError, match="statistic"):
        figures.cluster_profile(X, labels, statistic="mode")
    with pytest.raises(ValueError, match="no name for the cluster"):
        figures.cluster_profile(X, labels, names={0: "a", 1: "b"})
    with pytest.raises(ValueError, match="numeric features only"):
        figures.cluster_profile(X.assign(cohort="2025-01"), labels)
    with pytest.raises(ValueError, match="label"):
        figures.cluster_profile(X, labels[:10])
    with pytest.raises(ValueError, match="NaN"):
        figures.cluster_profile(X.where(X > 1), labels)
    with pytest.raises(ValueError, match="NaN"):
        figures.cluster_profile(X.where(X > 1).to_numpy(), labels)
    table = figures.cluster_profile(X.to_numpy(), labels)  # an array gets columns x0, x1, ...
    assert list(table.columns[:4]) == ["x0", "x1", "x2", "x3"]


@pytest.mark.parametrize("seed", range(4))
def test_standardized_profile_is_the_group_mean_of_scikit_learns_z_scores_and_the_kmeans_centroids(seed):
    X, _ = _users(seed, k=3)
    Z = SklearnStandardScaler().fit_transform(X)
    model = KMeans(n_clusters=3, n_init=5, random_state=seed).fit(Z)
    profile = figures.standardized_profile(X, model.labels_)
    expected = pd.DataFrame(Z, columns=FEATURES).groupby(model.labels_).mean()
    np.testing.assert_allclose(profile.to_numpy(), expected.to_numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(profile.to_numpy(), model.cluster_centers_, atol=1e-10)
    assert list(profile.columns) == FEATURES
    assert list(X.columns) == FEATURES  # the caller's frame is untouched


def test_name_clusters_lets_each_persona_claim_its_most_extreme_free_cluster():
    z = _z_profile()
    names = figures.name_clusters(z, {"Casual": ("visits", "lowest"), "Power": ("orders", "highest"),
                                      "Sharer": ("shares", "highest"), "Creator": ("posts", "highest")})
    assert names == {3: "Casual", 0: "Power", 2: "Sharer", 1: "Creator"}
    assert all(type(key) is int for key in names)
    # two personas wanting the same cluster: the second takes the best of the rest
    names = figures.name_clusters(z, {"Power": ("orders", "highest"), "Busy": ("visits", "highest")})
    assert names == {0: "Power", 1: "Busy"}


def test_name_clusters_checks_the_signatures():
    z = _z_profile()
    with pytest.raises(ValueError, match="at most one signature per cluster"):
        figures.name_clusters(z, {f"p{i}": ("visits", "highest") for i in range(5)})
    with pytest.raises(ValueError, match="not a column"):
        figures.name_clusters(z, {"p": ("age", "highest")})
    with pytest.raises(ValueError, match="'highest' or 'lowest'"):
        figures.name_clusters(z, {"p": ("visits", "most")})
    with pytest.raises(ValueError, match="must be \\(feature"):
        figures.name_clusters(z, {"p": "visits"})


@pytest.mark.parametrize("seed", range(4))
def test_variance_explained_is_one_minus_within_over_total(seed):
    X, labels = _users(seed)
    eta = figures.variance_explained_by(X, labels)
    for feature in FEATURES:
        x = X[feature].to_numpy()
        within = sum(((x[labels == g] - x[labels == g].mean()) ** 2).sum() for g in np.unique(labels))
        total = ((x - x.mean()) ** 2).sum()
        assert eta[feature] == pytest.approx(1 - within / total, rel=1e-12)


def test_variance_explained_is_0_for_groups_with_equal_means_and_1_for_constant_groups():
    X = pd.DataFrame({"a": [1.0, 3.0, 1.0, 3.0], "b": [5.0, 5.0, 9.0, 9.0]})
    eta = figures.variance_explained_by(X, ["x", "x", "y", "y"])
    assert eta["a"] == pytest.approx(0.0) and eta["b"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="constant feature"):
        figures.variance_explained_by(X.assign(c=1.0), [0, 0, 1, 1])


EVIDENCE = {
    ("orders", "high"): {"says": "I buy here.", "feels": ["confident", "impatient"]},
    ("visits", "high"): {"thinks": "Routine."},
    ("visits", "low"): {"says": "Just looking."},
    ("shares", "low"): {"thinks": "Nothing to show."},
}


def test_empathy_map_fills_does_from_the_numbers_and_the_rest_from_the_triggered_statements():
    z = pd.Series({"visits": 1.3, "orders": 2.2, "shares": -0.45, "posts": 0.3})
    typical = pd.Series({"visits": 11.0, "orders": 4.0, "shares": 1.0, "posts": 2.0})
    entries = figures.empathy_map(z, typical, EVIDENCE, threshold=0.4, describe={"orders": "{value:g} orders"})
    assert entries["does"] == [("4 orders", "z = +2.2"), ("visits: 11", "z = +1.3"), ("shares: 1", "z = -0.5")]
    assert entries["says"] == [("I buy here.", "orders z = +2.2")]
    assert entries["thinks"] == [("Routine.", "visits z = +1.3"), ("Nothing to show.", "shares z = -0.5")]
    assert entries["feels"] == [("confident", "orders z = +2.2"), ("impatient", "orders z = +2.2")]
    stricter = figures.empathy_map(z, typical, EVIDENCE, threshold=0.4, hypothesis_threshold=1.5,
                                   per_quadrant=1)
    assert stricter["thinks"] == [] and stricter["says"] == [("I buy here.", "orders z = +2.2")]
    assert len(stricter["does"]) == 1 and len(stricter["feels"]) == 1


def test_empathy_map_checks_the_evidence():
    z = pd.Series({"visits": 1.0})
    with pytest.raises(ValueError, match="'high' or 'low'"):
        figures.empathy_map(z, z, {("visits", "up"): {"says": "x"}})
    with pytest.raises(ValueError, match="not in the profile"):
        figures.empathy_map(z, z, {("age", "high"): {"says": "x"}})
    with pytest.raises(ValueError, match="quadrants"):
        figures.empathy_map(z, z, {("visits", "high"): {"does": "x"}})
    with pytest.raises(ValueError, match="hypothesis_threshold must be positive"):
        figures.empathy_map(z, z, {}, hypothesis_threshold=0)


def _reached():
    return pd.DataFrame([[1.0, 0.15, 0.08, 0.02], [1.0, 0.99, 0.7, 0.31], [1.0, 1.0, 1.0, 0.94]],
                        index=["Casual", "Shopper", "Power"], columns=["signed up", "back", "acted", "habit"])


def test_journey_pain_points_are_the_largest_drops():
    pain = figures.journey_pain_points(_reached())
    assert list(pain["from"]) == ["signed up", "acted", "acted"]
    assert list(pain["to"]) == ["back", "habit", "habit"]
    np.testing.assert_allclose(pain["lost"], [0.85, 0.39, 0.06])
    np.testing.assert_allclose(pain["kept"], [0.15, 0.31 / 0.7, 0.94])
    with pytest.raises(ValueError, match="between 0 and 1"):
        figures.journey_pain_points(_reached() * 100)
    with pytest.raises(ValueError, match="at least two stages"):
        figures.journey_pain_points(_reached()[["back"]])


# -- figures ------------------------------------------------------------------------------------------------

def test_profile_heatmap_writes_every_z_score_on_a_symmetric_scale():
    z = _z_profile()
    shares = pd.Series({3: 0.33, 0: 0.11, 2: 0.19, 1: 0.13})
    ax = figures.plot_profile_heatmap(z, shares=shares)
    texts = [t.get_text() for t in ax.texts]
    assert texts == [f"{v:+.1f}" for v in z.to_numpy().ravel()]
    low, high = ax.images[0].get_clim()
    assert low == -high == -2.2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["3 (33%)", "0 (11%)", "2 (19%)", "1 (13%)"]
    with pytest.raises(ValueError, match="finite"):
        figures.plot_profile_heatmap(z.astype(float).where(z > 0))


def test_profile_heatmap_says_what_one_unit_of_its_scale_is():
    default = figures.plot_profile_heatmap(_z_profile())
    assert default.figure.axes[-1].get_ylabel() == "z-score (standard deviations from the average user)"
    flowers = figures.plot_profile_heatmap(_z_profile(), colorbar_label="standard deviations from the average flower")
    assert flowers.figure.axes[-1].get_ylabel() == "standard deviations from the average flower"


def test_profile_radar_draws_a_closed_polygon_per_cluster():
    z = _z_profile()
    ax = figures.plot_profile_radar(z)
    lines = [line for line in ax.lines if line.get_label() in {str(i) for i in z.index}]
    assert len(lines) == len(z)
    for line, (_, row) in zip(lines, z.iterrows()):
        theta, r = line.get_data()
        np.testing.assert_allclose(r, np.append(row.to_numpy(), row.iloc[0]))
        np.testing.assert_allclose(theta[:-1], np.linspace(0, 2 * np.pi, 4, endpoint=False))
        assert theta[-1] == theta[0]
    with pytest.raises(ValueError, match="three features"):
        figures.plot_profile_radar(z[FEATURES[:2]])
    with pytest.raises(ValueError, match="polar"):
        figures.plot_profile_radar(z, ax=plt.subplots()[1])


def test_persona_shares_draws_each_source_and_says_what_it_adds_up_to():
    shares = pd.DataFrame({"slide": [0.35, 0.15, 0.20, 0.15, 0.25], "ours": [0.33, 0.11, 0.19, 0.13, 0.24]},
                          index=list("ABCDE"))
    ax = figures.plot_persona_shares(shares)
    heights = [p.get_height() for p in ax.patches]
    np.testing.assert_allclose(heights, 100 * np.concatenate([shares["slide"], shares["ours"]]))
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["slide (adds up to 110 %)", "ours (adds up to 100 %)"]
    with pytest.raises(ValueError, match="non-negative"):
        figures.plot_persona_shares(-shares)


def _card(name, share=0.2):
    return {"name": name, "share": share, "profile": _z_profile().iloc[0], "facts": ["a fact"],
            "opportunities": ["an idea"], "note": "small print"}


def test_persona_cards_draw_the_profile_and_write_the_texts():
    cards = [_card("Casual", 0.33), _card("Power", 0.11), _card("Sharer", 0.19)]
    axes = figures.plot_persona_cards(cards, ncols=2)
    assert len(axes) == 3
    for (bars_ax, text_ax), card in zip(axes, cards):
        widths = [p.get_width() for p in bars_ax.patches]
        np.testing.assert_allclose(widths, card["profile"].to_numpy())
        texts = " ".join(t.get_text() for t in text_ax.texts)
        assert "a fact" in texts and "an idea" in texts and "small print" in texts
        assert bars_ax.figure.get_suptitle() == f"{card['name']} · {card['share']:.0%} of users"
    assert len({id(bars.figure) for bars, _ in axes}) == 3  # one subfigure per card


def test_persona_cards_check_the_cards():
    with pytest.raises(ValueError, match="at least one"):
        figures.plot_persona_cards([])
    card = _card("Casual")
    del card["facts"]
    with pytest.raises(ValueError, match="misses \\['facts'\\]"):
        figures.plot_persona_cards([card])


def test_empathy_maps_write_every_entry_and_its_evidence_in_its_quadrant():
    entries = {"says": [("Hi", "a z = +1.0")], "thinks": [], "does": [("4 orders", "z = +2.2")],
               "feels": [("glad", "b z = +1.2"), ("busy", "c z = +0.9")]}
    axes = figures.plot_empathy_maps({"Power": entries, "Casual": entries}, colors=["#112233", "#445566"],
                                     subtitles={"Power": "from 367 users"})
    assert len(axes) == 2
    ax = axes[0]
    texts = {t.get_text(): t.get_position() for t in ax.texts}
    assert "“Hi”" in texts and "4 orders" in texts and "glad" in texts and "(nothing stands out)" in texts
    for quadrant, (qx, qy) in figures.QUADRANT_PLACES.items():
        label = next(t for t in texts if t.startswith(quadrant.upper()))
        assert qx <= texts[label][0] <= qx + 1 and qy <= texts[label][1] <= qy + 1
    x, y = texts["glad"]
    assert x > 1 and y < 1  # feels: lower right
    assert ax.get_title() == "Empathy map: Power\nfrom 367 users"
    assert sum(isinstance(p, Rectangle) for p in ax.patches) == 4
    centre = next(p for p in ax.patches if isinstance(p, Circle))
    assert np.allclose(centre.get_edgecolor()[:3], to_rgb("#112233"))
    with pytest.raises(ValueError, match="misses the quadrant"):
        figures.plot_empathy_maps({"P": {"says": []}})
    with pytest.raises(ValueError, match="one colour per persona"):
        figures.plot_empathy_maps({"P": entries}, colors=["red", "blue"])


def test_journey_map_draws_each_persona_and_rings_its_largest_drop():
    reached = _reached()
    ax = figures.plot_journey_map(reached, stage_notes={"back": "2 days"})
    lines = [line for line in ax.lines if line.get_label() in reached.index]
    for line, (_, row) in zip(lines, reached.iterrows()):
        np.testing.assert_allclose(line.get_ydata(), 100 * row.to_numpy())
    rings = np.array([c.get_offsets()[0] for c in ax.collections])
    np.testing.assert_allclose(rings, [[0.5, 57.5], [2.5, 50.5], [2.5, 97.0]])
    assert [t.get_text() for t in ax.texts] == ["−85 pts", "−39 pts", "−6 pts"]
    assert [t.get_text() for t in ax.get_xticklabels()][1] == "back\n2 days"


def test_segment_metrics_highlight_the_persona_each_metric_is_for():
    values = pd.DataFrame({"activation": [15.1, 100.0, 99.0], "conversion": [2.0, 23.0, 5.6]},
                          index=["Casual", "Power", "Shopper"])
    targets = {"activation": ("Casual", 60), "conversion": ("Shopper", 15)}
    axes = figures.plot_segment_metrics(values, targets, units={"activation": "% back"})
    for ax, metric in zip(axes, targets):
        np.testing.assert_allclose([p.get_height() for p in ax.patches], values[metric])
        persona, target = targets[metric]
        assert [line.get_ydata()[0] for line in ax.lines] == [target]
        widths = [p.get_linewidth() for p in ax.patches]
        assert widths.index(max(widths)) == list(values.index).index(persona)
        assert ax.get_title() == f"{metric}\nfor {persona}: below target"
    assert axes[0].get_ylabel() == "% back" and axes[1].get_ylabel() == "conversion"
    axes = figures.plot_segment_metrics(values, {"activation": ("Power", 80)})
    assert axes[0].get_title().endswith(": met")
    with pytest.raises(ValueError, match="no column"):
        figures.plot_segment_metrics(values, {"churn": ("Casual", 1)})
    with pytest.raises(ValueError, match="no row"):
        figures.plot_segment_metrics(values, {"activation": ("Nobody", 1)})


def test_persona_mix_stacks_each_groups_shares():
    mix = pd.DataFrame([[0.3, 0.5, 0.2], [0.25, 0.25, 0.5]], index=["Jan", "Feb"], columns=["A", "B", "C"])
    ax = figures.plot_persona_mix(mix)
    bars = ax.patches
    np.testing.assert_allclose([b.get_width() for b in bars], 100 * mix.to_numpy().T.ravel())
    np.testing.assert_allclose([b.get_x() for b in bars], [0, 0, 30, 25, 80, 50])
    ticks = dict(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()]))
    assert ticks == {1: "Jan", 0: "Feb"}  # first group on top
    assert [tuple(b.get_facecolor()[:3]) for b in bars[::2]] == [to_rgb(c) for c in PALETTE[:3]]
    with pytest.raises(ValueError, match="add up to 1"):
        figures.plot_persona_mix(mix * 2)


def test_variance_explained_draws_one_bar_per_feature_and_grouping():
    table = pd.DataFrame({"persona": [0.71, 0.81], "cohort": [0.002, 0.001]}, index=["visits", "orders"])
    ax = figures.plot_variance_explained(table)
    np.testing.assert_allclose([b.get_width() for b in ax.patches], 100 * table.to_numpy().T.ravel())
    assert ax.get_legend_handles_labels()[1] == ["persona", "cohort"]
    with pytest.raises(ValueError, match="between 0 and 1"):
        figures.plot_variance_explained(table * 100)
