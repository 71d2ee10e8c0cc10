"""The DBSCAN explorer of lesson 04, driven without a browser: move a slider, read what it shows.

What a student reads is compared with scikit-learn's DBSCAN on the same data, and the
slider ends the browser test uses (Home, End) are checked to change the cluster count
on the lesson's own data.
"""

import re

import ipywidgets as widgets
import numpy as np
import pytest
from sklearn.cluster import DBSCAN as SkDBSCAN
from sklearn.datasets import make_blobs, make_moons

from course_lib.widgets import dbscan_explorer
from course_lib.widgets.dbscan import _nice_step, clusters_text, counts_text, dbscan_state

CLUSTERS_PATTERN = re.compile(r"clusters found:\s*\d+")  # what tests/test_browser.py reads
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def lesson_moons():
    """The data of 04_dbscan's explorer: 300 moon points and 15 strays."""
    X = make_moons(n_samples=300, noise=0.05, random_state=0)[0]
    strays = np.random.default_rng(0).uniform([-1.5, -1.0], [2.5, 1.5], size=(15, 2))
    return np.vstack([X, strays])


def reference(X, eps, min_samples):
    labels = SkDBSCAN(eps=eps, min_samples=min_samples).fit(X).labels_
    return len(set(labels) - {-1}), int(np.sum(labels == -1))


def shown_clusters(explorer):
    match = CLUSTERS_PATTERN.fullmatch(explorer.clusters.value)
    assert match, explorer.clusters.value
    return int(explorer.clusters.value.split(":")[1])


def png(explorer):
    return bytes(explorer.image.value)


def test_sliders_are_described_as_the_browser_test_expects():
    explorer = dbscan_explorer(lesson_moons(), eps=0.2, min_samples=5, eps_range=(0.05, 0.6))
    assert isinstance(explorer.eps_slider, widgets.FloatSlider) and explorer.eps_slider.description == "eps"
    assert isinstance(explorer.min_samples_slider, widgets.IntSlider)
    assert explorer.min_samples_slider.description == "min_samples"
    assert (explorer.eps_slider.min, explorer.eps_slider.max, explorer.eps_slider.value) == (0.05, 0.6, 0.2)
    assert explorer.eps_slider.step == 0.01
    assert png(explorer).startswith(PNG_SIGNATURE)
    assert explorer.clusters in explorer.children and explorer.counts in explorer.children


def test_lesson_explorer_changes_cluster_count_at_both_ends_of_the_eps_slider():
    """The browser test presses Home, then End, and needs the number to change each time."""
    X = lesson_moons()
    explorer = dbscan_explorer(X, eps=0.2, min_samples=5, eps_range=(0.05, 0.6))
    seen = [shown_clusters(explorer)]
    for value in (explorer.eps_slider.min, explorer.eps_slider.max):
        explorer.eps_slider.value = value
        seen.append(shown_clusters(explorer))
        assert seen[-1] == reference(X, value, 5)[0]
    assert seen[0] == 2
    assert seen[0] != seen[1] and seen[1] != seen[2], seen


@pytest.mark.parametrize("seed", range(5))
def test_every_slider_position_shows_what_scikit_learn_finds(seed):
    X = make_blobs(n_samples=120, centers=3, cluster_std=[0.3, 0.7, 1.2], random_state=seed)[0]
    explorer = dbscan_explorer(X, eps=0.6, min_samples=5, eps_range=(0.1, 1.5), min_samples_range=(2, 15))
    rng = np.random.default_rng(seed)
    pictures = {png(explorer)}
    for _ in range(4):
        eps = float(rng.choice(np.arange(0.1, 1.5, explorer.eps_slider.step)).round(10))
        min_samples = int(rng.integers(2, 16))
        explorer.eps_slider.value, explorer.min_samples_slider.value = eps, min_samples
        eps, min_samples = explorer.eps_slider.value, explorer.min_samples_slider.value
        n_clusters, n_noise = reference(X, eps, min_samples)
        assert explorer.clusters.value == f"clusters found: {n_clusters}"
        assert explorer.counts.value.startswith(f"noise points: {n_noise} · core points: ")
        pictures.add(png(explorer))
    assert len(pictures) > 1


def test_min_samples_slider_refits():
    X = lesson_moons()
    explorer = dbscan_explorer(X, eps=0.1, min_samples=3, eps_range=(0.05, 0.6))
    before = explorer.clusters.value
    explorer.min_samples_slider.value = 10
    assert explorer.clusters.value == f"clusters found: {reference(X, 0.1, 10)[0]}" != before


def test_state_counts_every_point_type_once():
    X = np.array([[0, 0], [1, 0], [0, 1], [5, 5], [1, 1], [10, 10], [3, 1]], dtype=float)
    state = dbscan_state(X, 2, 3)
    assert state.n_clusters == 1
    assert state.clusters == "clusters found: 1"
    assert state.counts == "noise points: 2 · core points: 4 · border points: 1"
    np.testing.assert_array_equal(state.labels, SkDBSCAN(eps=2, min_samples=3).fit(X).labels_)


def test_texts_for_all_noise_and_for_many_clusters():
    assert clusters_text([-1, -1]) == "clusters found: 0"
    assert clusters_text([0, 1, 2, 2, -1]) == "clusters found: 3"
    assert counts_text(["noise", "noise"]) == "noise points: 2 · core points: 0 · border points: 0"


@pytest.mark.parametrize("low, high, step", [(0.05, 0.6, 0.01), (0.1, 1.5, 0.02), (1, 30, 0.5), (0.001, 0.02, 0.0002),
                                             (2, 12, 0.1)])
def test_eps_step_is_round_and_gives_about_a_hundred_positions(low, high, step):
    assert _nice_step(low, high) == pytest.approx(step)
    assert 50 <= (high - low) / _nice_step(low, high) <= 100


def test_default_eps_range_surrounds_eps():
    explorer = dbscan_explorer(lesson_moons(), eps=0.3, min_samples=5)
    assert explorer.eps_slider.min == pytest.approx(0.06) and explorer.eps_slider.max == pytest.approx(0.9)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"eps": 0}, ValueError, "eps"),
    ({"eps": "0.2"}, TypeError, "eps"),
    ({"min_samples": 0}, ValueError, "min_samples"),
    ({"min_samples": 2.5}, TypeError, "min_samples"),
    ({"eps": 0.9, "eps_range": (0.1, 0.5)}, ValueError, "outside eps_range"),
    ({"eps_range": (0.5, 0.1)}, ValueError, "smallest < largest"),
    ({"eps_range": (0, 0.5)}, ValueError, "eps_range"),
    ({"min_samples": 40}, ValueError, "outside min_samples_range"),
    ({"min_samples_range": (0, 10)}, ValueError, "min_samples_range"),
])
def test_bad_parameters_are_refused_with_the_parameter_named(kwargs, error, message):
    arguments = {"eps": 0.2, "min_samples": 5, **kwargs}
    with pytest.raises(error, match=message):
        dbscan_explorer(lesson_moons(), **arguments)


def test_data_must_be_a_plane():
    with pytest.raises(ValueError, match="exactly 2 columns"):
        dbscan_explorer(np.zeros((10, 3)))
    with pytest.raises(ValueError):
        dbscan_explorer([[0.0, np.nan], [1.0, 1.0]])
