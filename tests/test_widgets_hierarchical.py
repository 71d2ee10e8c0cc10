"""The dendrogram cutter of lesson 05, driven without a browser: move a slider, read what it shows.

What a student reads ("clusters: N") and the clusters behind the picture are compared with
SciPy's fcluster on SciPy's own linkage of the same data.
"""

import re

import ipywidgets as widgets
import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster as scipy_fcluster
from scipy.cluster.hierarchy import linkage as scipy_linkage
from sklearn.datasets import make_blobs

from course_lib.hierarchical import linkage
from course_lib.widgets import dendrogram_cutter
from course_lib.widgets.hierarchical import clusters_text, cut_state, is_linkage_matrix

CLUSTERS_PATTERN = re.compile(r"^clusters: \d+$")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LINE = [[1], [2], [3], [10], [11], [12], [6]]
METHODS = ("single", "complete", "average", "ward")


def blobs(seed=0, n=30, k=3):
    return make_blobs(n_samples=n, centers=k, cluster_std=0.9, random_state=seed)[0]


def same_partition(a, b):
    pairs = set(zip(np.asarray(a).tolist(), np.asarray(b).tolist()))
    return len(pairs) == len(set(a)) == len(set(b))


def shown(cutter):
    assert CLUSTERS_PATTERN.match(cutter.clusters.value), cutter.clusters.value
    return int(cutter.clusters.value.split(": ")[1])


def png(widget):
    return bytes(widget.image.value)


# -- the logic --------------------------------------------------------------------------------------------

def test_clusters_text():
    assert clusters_text(3) == "clusters: 3"


@pytest.mark.parametrize("method", METHODS)
def test_cut_state_is_scipys_flat_clustering(method):
    X = blobs(1)
    Z = scipy_linkage(X, method)
    for height in [0.0, *np.quantile(Z[:, 2], [0.3, 0.8, 0.95]), Z[-1, 2] * 1.01]:
        state = cut_state(Z, height)
        reference = scipy_fcluster(Z, height, criterion="distance")
        assert same_partition(state.labels, reference)
        assert state.n_clusters == len(np.unique(reference)) and state.cut_height == height


def test_cut_state_refuses_a_negative_height():
    with pytest.raises(ValueError, match="cut_height"):
        cut_state(scipy_linkage(LINE, "single"), -1.0)


@pytest.mark.parametrize("method", METHODS)
def test_linkage_matrices_are_told_apart_from_data(method):
    X = blobs(2, n=12)
    assert is_linkage_matrix(linkage(X, method)) and is_linkage_matrix(scipy_linkage(X, method))
    assert not is_linkage_matrix(np.random.default_rng(0).normal(size=(11, 4)))
    assert not is_linkage_matrix(np.abs(np.round(np.random.default_rng(1).normal(size=(5, 4)) * 3)))
    assert not is_linkage_matrix(X) and not is_linkage_matrix("data")
    wrong_sizes = scipy_linkage(X, method)
    wrong_sizes[:, 3] += 1
    assert not is_linkage_matrix(wrong_sizes)


# -- the widget -------------------------------------------------------------------------------------------

def test_sliders_are_described_and_start_at_the_asked_number_of_clusters():
    cutter = dendrogram_cutter(blobs(0), "ward", n_clusters=3)
    assert isinstance(cutter.height_slider, widgets.FloatSlider)
    assert cutter.height_slider.description == "cut height"
    assert isinstance(cutter.clusters_slider, widgets.IntSlider) and cutter.clusters_slider.description == "clusters"
    assert shown(cutter) == 3 == cutter.clusters_slider.value
    assert (cutter.clusters_slider.min, cutter.clusters_slider.max) == (1, 30)
    assert cutter.height_slider.max >= cutter.Z[-1, 2]
    assert png(cutter).startswith(PNG_SIGNATURE)
    assert all(part in cutter.children for part in (cutter.image, cutter.clusters, cutter.caption))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(2))
def test_every_height_shows_the_clusters_scipy_finds(method, seed):
    X = blobs(seed, n=25, k=4)
    cutter = dendrogram_cutter(X, method)
    Z = scipy_linkage(X, method)
    rng = np.random.default_rng(seed)
    pictures = {png(cutter)}
    for height in rng.uniform(0, cutter.height_slider.max, 4):
        cutter.height_slider.value = float(height)
        reference = scipy_fcluster(Z, height, criterion="distance")
        assert shown(cutter) == len(np.unique(reference)) == cutter.clusters_slider.value
        assert same_partition(cutter.state.labels, reference)
        pictures.add(png(cutter))
    assert len(pictures) > 1


@pytest.mark.parametrize("method", METHODS)
def test_the_clusters_slider_moves_the_cut_to_that_many_clusters(method):
    X = blobs(5, n=20)
    cutter = dendrogram_cutter(X, method)
    Z = scipy_linkage(X, method)
    for k in (1, 2, 4, 7, 20):
        cutter.clusters_slider.value = k
        reference = scipy_fcluster(Z, k, criterion="maxclust")
        assert shown(cutter) == k == len(np.unique(reference))
        assert same_partition(cutter.state.labels, reference)
        # The line sits strictly between the merge that leaves k clusters and the one that leaves k - 1.
        heights = np.sort(Z[:, 2])
        assert np.sum(heights <= cutter.height_slider.value) == 20 - k


def test_tied_merges_cannot_be_split_and_the_caption_says_so():
    """Single linkage on exercise 9's line: four merges at height 1, so 4, 5 or 6 clusters cannot be cut."""
    cutter = dendrogram_cutter(LINE, "single", names=["1", "2", "3", "10", "11", "12", "6"])
    Z = scipy_linkage(LINE, "single")
    cutter.clusters_slider.value = 5
    assert shown(cutter) == len(np.unique(scipy_fcluster(Z, 5, criterion="maxclust"))) == 3
    assert cutter.clusters_slider.value == 3
    assert "No cut leaves exactly 5 clusters" in cutter.caption.value
    cutter.clusters_slider.value = 2
    assert shown(cutter) == 2 and "No cut" not in cutter.caption.value


def test_a_linkage_matrix_with_or_without_its_points():
    X = blobs(3, n=15)
    Z = scipy_linkage(X, "average")
    alone = dendrogram_cutter(Z, cut_height=float(Z[-3, 2]) + 1e-9)
    with_points = dendrogram_cutter(Z, points=X, cut_height=float(Z[-3, 2]) + 1e-9)
    assert shown(alone) == shown(with_points) == 3
    assert png(alone) != png(with_points)
    assert np.array_equal(alone.Z, Z)


@pytest.mark.parametrize("args, kwargs, words", [
    ((blobs(0),), {"points": blobs(0)}, "points"),
    ((scipy_linkage(blobs(0), "ward"),), {"points": blobs(0)[:10]}, "leaves"),
    ((blobs(0),), {"names": ["a", "b"]}, "names"),
    ((blobs(0),), {"n_clusters": 0}, "n_clusters"),
    ((blobs(0),), {"n_clusters": 31}, "n_clusters"),
    ((blobs(0),), {"cut_height": -2.0}, "cut_height"),
    ((blobs(0), "centroid"), {}, "method"),
    ((blobs(0), "ward"), {}, None),
])
def test_bad_arguments_are_refused_by_name(args, kwargs, words):
    if words is None:
        assert shown(dendrogram_cutter(*args, **kwargs)) == 2
        return
    with pytest.raises(ValueError, match=words):
        dendrogram_cutter(*args, **kwargs)
