"""The k-means widgets of lesson 02, driven without a browser: move a slider, read what it shows.

What a student sees is checked against numbers computed independently (by hand for the
7-point example of seed 002, with NumPy from the points, or by scikit-learn).
"""

import re

import numpy as np
import pytest
from sklearn.cluster import KMeans as SkKMeans
from sklearn.cluster import kmeans_plusplus as sk_kmeans_plusplus
from sklearn.datasets import make_blobs

from course_lib.widgets import kmeans_plusplus_stepper, kmeans_stepper
from course_lib.widgets.kmeans import INIT_CHOICES, crowded_start, kmeans_frames, plusplus_frames, wcss_text

WCSS_PATTERN = re.compile(r"^WCSS\s*=\s*-?[\d.]+$")  # what tests/test_browser.py reads
SEVEN = np.array([[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5], [3.5, 4.5]])
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def blobs(seed=0, n=150, k=4, std=1.0):
    return make_blobs(n_samples=n, centers=k, cluster_std=std, random_state=seed)[0]


def png(widget):
    """The bytes of the picture a widget shows (ipywidgets keeps them as a memoryview)."""
    return bytes(widget.image.value)


def wcss_by_hand(X, centroids, labels):
    return float(((X - centroids[labels]) ** 2).sum())


# -- the frames behind the stepper ------------------------------------------------------------------------

def test_frames_of_the_seven_point_example():
    """Seed 002, example 1: start at A and D; C is 13 from both and joins the first cluster."""
    frames = kmeans_frames(SEVEN, 2, init=SEVEN[[0, 3]])
    assert len(frames) == 3
    np.testing.assert_array_equal(frames[0].centroids, SEVEN[[0, 3]])
    np.testing.assert_array_equal(frames[0].labels, [0, 0, 0, 1, 1, 1, 1])
    np.testing.assert_array_equal(frames[1].labels, [0, 0, 1, 1, 1, 1, 1])
    np.testing.assert_allclose(frames[1].centroids, [[5.5 / 3, 7 / 3], [16.5 / 4, 21.5 / 4]])
    np.testing.assert_allclose(frames[2].centroids, [[1.25, 1.5], [3.9, 5.1]])
    # 0 + 1.25 + 13 + 0 + 6.25 + 4.25 + 8.5 at the start; 0.625 + 7.9 at the end (the seed prints 8.4).
    assert [wcss_text(f.inertia) for f in (frames[0], frames[2])] == ["WCSS = 33.250", "WCSS = 8.525"]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("init", ["random", "k-means++"])
def test_frames_end_where_scikit_learn_ends(seed, init):
    X = blobs(seed)
    frames = kmeans_frames(X, 4, init=init, random_state=seed)
    reference = SkKMeans(4, init=frames[0].centroids, n_init=1, algorithm="lloyd").fit(X)
    np.testing.assert_array_equal(frames[-1].labels, reference.labels_)
    np.testing.assert_allclose(frames[-1].centroids, reference.cluster_centers_, rtol=1e-10, atol=1e-12)
    assert frames[-1].inertia == pytest.approx(reference.inertia_, rel=1e-10)


@pytest.mark.parametrize("seed", range(4))
def test_each_frame_is_an_assignment_to_its_centroids_and_wcss_never_rises(seed):
    X = blobs(seed, std=1.6)
    frames = kmeans_frames(X, 4, init="crowded corner", random_state=seed)
    for frame in frames:
        nearest = ((X[:, None, :] - frame.centroids[None]) ** 2).sum(axis=2).argmin(axis=1)
        np.testing.assert_array_equal(frame.labels, nearest)
        assert frame.inertia == pytest.approx(wcss_by_hand(X, frame.centroids, frame.labels), rel=1e-10)
    for before, after in zip(frames, frames[1:]):
        assert after.inertia <= before.inertia * (1 + 1e-12)
        labels_before = before.labels
        means = np.array([X[labels_before == j].mean(axis=0) for j in range(4)])
        np.testing.assert_allclose(after.centroids, means, rtol=1e-10, atol=1e-12)


def test_frames_add_the_final_state_when_the_run_stopped_on_tolerance():
    X = blobs(3, n=300, std=2.5)
    frames = kmeans_frames(X, 4, init="random", random_state=1)
    reference = SkKMeans(4, init=frames[0].centroids, n_init=1, algorithm="lloyd").fit(X)
    np.testing.assert_array_equal(frames[-1].labels, reference.labels_)
    # with a zero tolerance the run ends on unchanged labels: the last two frames share their labels
    from course_lib import KMeans
    strict = KMeans(4, init=frames[0].centroids, n_init=1, tol=0, keep_history=True).fit(X)
    np.testing.assert_array_equal(strict.history_[-1].labels, strict.history_[-2].labels)


def test_crowded_start_takes_the_points_nearest_the_lower_left_corner(rng):
    X = rng.normal(size=(40, 3))
    corner = X.min(axis=0)
    by_hand = X[np.argsort(((X - corner) ** 2).sum(axis=1), kind="stable")[:5]]
    np.testing.assert_array_equal(crowded_start(X, 5), by_hand)
    with pytest.raises(ValueError, match="n_clusters"):
        crowded_start(X, 41)
    with pytest.raises(ValueError, match="n_clusters"):
        crowded_start(X, 0)


@pytest.mark.parametrize("bad", ["kmeans++", "worst", ""])
def test_frames_name_the_allowed_starts(bad):
    with pytest.raises(ValueError, match="init"):
        kmeans_frames(SEVEN, 2, init=bad)


@pytest.mark.parametrize("value, text", [(8.525, "WCSS = 8.525"), (33.25, "WCSS = 33.250"), (0.0, "WCSS = 0.000"),
                                         (1234.56789, "WCSS = 1234.568")])
def test_wcss_text_has_three_decimals_and_matches_the_browser_test(value, text):
    assert wcss_text(value) == text
    assert WCSS_PATTERN.match(text)


# -- the k-means stepper ----------------------------------------------------------------------------------

def test_stepper_widgets_are_standard_ipywidgets():
    """Nothing to install in JupyterLab: every model is one of ipywidgets' own."""
    stepper = kmeans_stepper(SEVEN, 2, init=SEVEN[[0, 3]])
    assert stepper._model_module == "@jupyter-widgets/controls" and stepper._model_name == "VBoxModel"
    for part in (stepper.slider, stepper.init_choice, stepper.image, stepper.wcss, stepper.caption):
        assert part._model_module == "@jupyter-widgets/controls"
    assert stepper.slider.description == "iteration"
    assert stepper.get_state()["children"]  # serialisable, as JupyterLab needs


def test_stepper_on_the_seven_points_shows_each_iteration():
    stepper = kmeans_stepper(SEVEN, 2, init=SEVEN[[0, 3]], names=list("ABCDEFG"))
    assert list(stepper.init_choice.options) == [*INIT_CHOICES, "given"]
    assert stepper.init_choice.value == "given"
    assert (stepper.slider.min, stepper.slider.max, stepper.slider.value) == (0, 2, 0)
    shown = []
    for t in range(3):
        stepper.slider.value = t
        assert png(stepper).startswith(PNG_SIGNATURE)
        shown.append((png(stepper), stepper.wcss.value, stepper.caption.value))
    expected = ["WCSS = 33.250", f"WCSS = {wcss_by_hand(SEVEN, *_it1()):.3f}", "WCSS = 8.525"]
    assert [s[1] for s in shown] == expected
    assert len({s[0] for s in shown}) == 3, "every iteration must draw a different picture"
    assert "1 point changed" in shown[1][2] and "converged" in shown[2][2]
    stepper.slider.value = 1
    assert png(stepper) == shown[1][0], "the same iteration must draw the same picture"


def _it1():
    centroids = np.array([[5.5 / 3, 7 / 3], [16.5 / 4, 21.5 / 4]])
    return centroids, np.array([0, 0, 1, 1, 1, 1, 1])


@pytest.mark.parametrize("init", INIT_CHOICES)
def test_lesson_blobs_change_picture_and_wcss_between_iteration_0_and_1(init):
    """The browser test moves the slider from 0 to 1 in 02_kmeans and needs both to change."""
    stepper = kmeans_stepper(blobs(0), 4, init=init, random_state=0)
    before = png(stepper), stepper.wcss.value
    stepper.slider.value = 1
    after = png(stepper), stepper.wcss.value
    assert before[0] != after[0] and before[1] != after[1]
    assert all(WCSS_PATTERN.match(text) for text in (before[1], after[1]))


def test_changing_the_start_reruns_and_goes_back_to_iteration_0():
    X = blobs(0)
    stepper = kmeans_stepper(X, 4, init="random", random_state=0)
    stepper.slider.value = 2
    stepper.init_choice.value = "crowded corner"
    expected = kmeans_frames(X, 4, init="crowded corner", random_state=0)
    assert stepper.slider.value == 0 and stepper.slider.max == len(expected) - 1
    # history_ stores centroids in the data's coordinates after k-means worked on centred data: equal to rounding
    np.testing.assert_allclose(stepper.frames[0].centroids, crowded_start(X, 4), rtol=1e-12, atol=1e-12)
    assert stepper.wcss.value == wcss_text(expected[0].inertia)
    stepper.slider.value = stepper.slider.max
    assert stepper.wcss.value == wcss_text(expected[-1].inertia)


def test_stepper_refuses_what_it_cannot_draw(rng):
    with pytest.raises(ValueError, match="2 columns"):
        kmeans_stepper(rng.normal(size=(20, 3)), 2)
    with pytest.raises(ValueError, match="init"):
        kmeans_stepper(SEVEN, 2, init="best")
    with pytest.raises(ValueError, match="n_clusters"):
        kmeans_stepper(SEVEN, 8)


# -- k-means++ seeding ------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("n_local_trials", [1, None])
def test_plusplus_frames_pick_the_centres_scikit_learn_picks(seed, n_local_trials):
    X = blobs(seed, n=90, k=3)
    frames = plusplus_frames(X, 5, random_state=seed, n_local_trials=n_local_trials)
    _, indices = sk_kmeans_plusplus(X, 5, random_state=seed, n_local_trials=n_local_trials)
    assert [f.next_index for f in frames] == [*indices.tolist(), None]
    for j, frame in enumerate(frames):
        np.testing.assert_array_equal(frame.centers, X[indices[:j]])
        assert frame.chance.sum() == pytest.approx(1.0)


def test_plusplus_weights_are_squared_distances_to_the_nearest_centre(rng):
    X = rng.normal(size=(30, 2))
    frames = plusplus_frames(X, 4, random_state=3, n_local_trials=1)
    np.testing.assert_allclose(frames[0].chance, np.full(30, 1 / 30))
    for frame in frames[1:]:
        d2 = ((X[:, None, :] - frame.centers[None]) ** 2).sum(axis=2).min(axis=1)
        np.testing.assert_allclose(frame.d2, d2, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(frame.chance, d2 / d2.sum(), rtol=1e-10, atol=1e-15)
        chosen = [np.flatnonzero((X == c).all(axis=1))[0] for c in frame.centers]
        np.testing.assert_allclose(frame.d2[chosen], 0, atol=1e-12)  # chosen centres: (to rounding) no chance again


def test_plusplus_stepper_slider_walks_through_the_picks():
    X = blobs(1, n=60, k=3)
    stepper = kmeans_plusplus_stepper(X, 3, random_state=2, n_local_trials=1)
    assert stepper.slider.description == "centres" and (stepper.slider.min, stepper.slider.max) == (0, 3)
    assert stepper._model_name == "VBoxModel"
    seen = []
    for j in range(4):
        stepper.slider.value = j
        assert png(stepper).startswith(PNG_SIGNATURE)
        seen.append((png(stepper), stepper.caption.value))
    assert len({s[0] for s in seen}) == 4 and len({s[1] for s in seen}) == 4
    assert "same chance 1/60" in seen[0][1]
    first = stepper.frames[0].next_index
    assert f"#{first}" in seen[0][1]
    total = stepper.frames[3].d2.sum()
    assert f"{total:.3f}" in seen[3][1] and "All centres are chosen" in seen[3][1]


def test_plusplus_stepper_names_points_when_given_names():
    stepper = kmeans_plusplus_stepper(SEVEN, 2, random_state=0, names=list("ABCDEFG"))
    first = "ABCDEFG"[stepper.frames[0].next_index]
    assert f"point {first}." in stepper.caption.value


def test_plusplus_stepper_refuses_bad_input(rng):
    with pytest.raises(ValueError, match="2 columns"):
        kmeans_plusplus_stepper(rng.normal(size=(10, 3)), 2)
    with pytest.raises(ValueError, match="n_clusters"):
        kmeans_plusplus_stepper(SEVEN, 9)
    with pytest.raises(TypeError, match="random_state"):
        kmeans_plusplus_stepper(SEVEN, 2, random_state="zero")


@pytest.mark.parametrize("make", [lambda: kmeans_stepper(SEVEN, 2, init=SEVEN[[0, 3]]),
                                  lambda: kmeans_plusplus_stepper(SEVEN, 2, random_state=0)])
def test_pictures_are_shown_at_their_own_size(make):
    """JupyterLab would otherwise stretch the PNG to the cell's width and blur it."""
    stepper = make()
    width_in_png = int.from_bytes(png(stepper)[16:20], "big")  # the IHDR chunk starts with the width
    assert stepper.image.layout.width == f"{width_in_png}px"
