"""The EM stepper of lesson 06, driven without a browser: move the slider, read what it shows.

Every frame is compared with scikit-learn's GaussianMixture stopped after the same number of
steps (``max_iter=t, tol=0``, same start), and the whole run with course_lib's own
GaussianMixture, whose log_likelihood_history_ the stepper must reproduce.
"""

import re
import warnings

import ipywidgets as widgets
import numpy as np
import pytest
from sklearn.datasets import make_blobs
from sklearn.exceptions import ConvergenceWarning as SkConvergenceWarning
from sklearn.mixture import GaussianMixture as SkGaussianMixture

from course_lib import GaussianMixture
from course_lib.widgets import em_stepper
from course_lib.widgets.gmm import EMFrame, em_frames, log_likelihood_text

LOG_LIKELIHOOD_PATTERN = re.compile(r"^log-likelihood = -?\d+\.\d{3}$")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")


def tilted(seed=0, n=200, k=3):
    X = make_blobs(n_samples=n, centers=k, cluster_std=[0.6, 1.0, 0.4, 0.8][:k], random_state=seed)[0]
    return X @ np.array([[0.8, -0.5], [0.3, 0.9]])


def sklearn_after(X, steps, **params):
    """scikit-learn's mixture after exactly ``steps`` EM iterations from the same start."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkConvergenceWarning)
        return SkGaussianMixture(max_iter=steps, tol=0, **params).fit(X)


def png(widget):
    return bytes(widget.image.value)


# -- the frames -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("init_params, seed", [("kmeans", 0), ("kmeans", 3), ("random", 1), ("k-means++", 2),
                                               ("random_from_data", 4)])
def test_each_frame_is_scikit_learn_stopped_after_that_many_steps(covariance_type, init_params, seed):
    X = tilted(seed)
    params = dict(n_components=3, covariance_type=covariance_type, init_params=init_params, random_state=seed)
    frames = em_frames(X, **params, max_steps=6, tol=0)
    assert [f.step for f in frames] == list(range(7))
    for t in range(1, 7):
        reference = sklearn_after(X, t, **params)
        np.testing.assert_allclose(frames[t].weights, reference.weights_, rtol=1e-6, atol=1e-10)
        np.testing.assert_allclose(frames[t].means, reference.means_, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(frames[t].covariances, reference.covariances_, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(frames[t].resp, reference.predict_proba(X), atol=1e-6)
        assert frames[t].log_likelihood == pytest.approx(reference.score(X), rel=1e-6)
        # scikit-learn's t-th lower bound is the log-likelihood of the parameters after t - 1 steps.
        assert frames[t - 1].log_likelihood == pytest.approx(reference.lower_bounds_[-1], rel=1e-6)
        assert frames[t].covariance_type == covariance_type


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("seed", range(4))
def test_the_run_stops_where_gaussian_mixture_stops(covariance_type, seed):
    X = tilted(seed, k=4)
    frames = em_frames(X, 4, covariance_type=covariance_type, random_state=seed)
    ours = GaussianMixture(4, covariance_type=covariance_type, random_state=seed).fit(X)
    reference = SkGaussianMixture(4, covariance_type=covariance_type, random_state=seed).fit(X)
    assert len(frames) == ours.n_iter_ + 1 == reference.n_iter_ + 1
    np.testing.assert_allclose([f.log_likelihood for f in frames], ours.log_likelihood_history_, rtol=1e-10)
    np.testing.assert_allclose([f.log_likelihood for f in frames[:-1]], reference.lower_bounds_, rtol=1e-6)
    np.testing.assert_allclose(frames[-1].means, reference.means_, rtol=1e-6, atol=1e-9)
    assert np.all(np.diff([f.log_likelihood for f in frames]) >= -1e-10)


def test_frames_are_named_tuples_and_max_steps_limits_the_run():
    X = tilted(1)
    assert len(em_frames(X, 3, max_steps=0)) == 1
    frames = em_frames(X, 3, init_params="random", max_steps=4, tol=0)
    assert len(frames) == 5 and isinstance(frames[0], EMFrame)
    np.testing.assert_allclose(frames[2].resp.sum(axis=1), 1.0)


@pytest.mark.parametrize("kwargs, words", [
    ({"n_components": 0}, "n_components"), ({"n_components": 500}, "n_components"),
    ({"covariance_type": "round"}, "covariance_type"), ({"init_params": "guess"}, "init_params"),
    ({"max_steps": -1}, "max_steps"), ({"tol": -1.0}, "tol"), ({"reg_covar": 0.0}, "reg_covar"),
])
def test_bad_settings_are_refused_by_name(kwargs, words):
    params = {"n_components": 3} | kwargs
    with pytest.raises(ValueError, match=words):
        em_frames(tilted(0), **params)


def test_bad_data_are_refused():
    with pytest.raises(ValueError, match="NaN|nan|finite"):
        em_frames([[0.0, 1.0], [np.nan, 2.0], [1.0, 1.0]], 2)


# -- the stepper ------------------------------------------------------------------------------------------

def test_log_likelihood_text_has_three_decimals():
    assert log_likelihood_text(-1.23449) == "log-likelihood = -1.234"
    assert log_likelihood_text(-0.5) == "log-likelihood = -0.500"
    assert LOG_LIKELIHOOD_PATTERN.match(log_likelihood_text(12.0))


@pytest.mark.parametrize("covariance_type", ["full", "spherical"])
def test_every_slider_position_shows_scikit_learns_log_likelihood(covariance_type):
    X = tilted(2)
    stepper = em_stepper(X, 3, covariance_type=covariance_type, random_state=0)
    assert isinstance(stepper.slider, widgets.IntSlider) and stepper.slider.description == "EM step"
    reference = SkGaussianMixture(3, covariance_type=covariance_type, random_state=0).fit(X)
    assert (stepper.slider.min, stepper.slider.max, stepper.slider.value) == (0, reference.n_iter_, 0)
    pictures = set()
    for t in range(stepper.slider.max + 1):
        stepper.slider.value = t
        text = stepper.log_likelihood.value
        assert LOG_LIKELIHOOD_PATTERN.match(text), text
        expected = reference.lower_bounds_[t] if t < reference.n_iter_ else reference.score(X)
        assert float(text.split("= ")[1]) == pytest.approx(expected, abs=6e-4)
        assert f"Step {t}" in stepper.caption.value or (t == 0 and "Start" in stepper.caption.value)
        assert png(stepper).startswith(PNG_SIGNATURE)
        pictures.add(png(stepper))
    assert len(pictures) == stepper.slider.max + 1
    assert "stopped" in stepper.caption.value


def test_stepper_is_deterministic_and_its_parts_are_shown():
    X = tilted(3)
    first, second = em_stepper(X, 3, random_state=5), em_stepper(X, 3, random_state=5)
    assert png(first) == png(second) and first.log_likelihood.value == second.log_likelihood.value
    assert all(part in first.children for part in (first.slider, first.image, first.log_likelihood, first.caption))


def test_stepper_needs_points_in_the_plane():
    with pytest.raises(ValueError, match="2 columns"):
        em_stepper(np.random.default_rng(0).normal(size=(30, 3)), 2)
