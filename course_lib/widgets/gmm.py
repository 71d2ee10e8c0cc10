r"""Lesson 06's interactive demo: EM for a Gaussian mixture, one step at a time.

:func:`em_stepper` shows one EM run with an ``EM step`` slider (0 = the start). The
left picture draws every component as its ellipses (:func:`course_lib.plotting.plot_gmm_ellipses`)
and paints each point with its responsibilities; the right one is the log-likelihood
of every step of the run, with the step shown ringed. The line below reads ``log-likelihood = -1.234``:
the mean log-likelihood per point, :math:`\frac1n \sum_i \ln p(x_i)`, of the parameters shown.

The run is :func:`em_frames`: the start of :class:`course_lib.GaussianMixture`
(:func:`course_lib.gmm.initial_responsibilities`, then one M-step), then the library's
:func:`~course_lib.gmm.e_step` and :func:`~course_lib.gmm.m_step` in turn, stopping on
the same ``tol`` rule, so frame ``t`` holds exactly what ``GaussianMixture(max_iter=t)``
would fit and its log-likelihoods are ``log_likelihood_history_``. The picture is a PNG in an
``ipywidgets.Image``: nothing beyond JupyterLab 4 and ipywidgets 8 is needed, and the tests
move the slider and read ``.log_likelihood.value`` and ``.image.value`` without a browser.
"""

from numbers import Integral, Real
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np

from .._validation import check_array, check_option, check_random_state, check_scalar
from ..gmm import (COVARIANCE_TYPES, INIT_PARAMS, compute_precision_cholesky, e_step, estimate_gaussian_parameters,
                   initial_responsibilities, m_step)
from ..plotting.gmm import plot_gmm_ellipses, plot_log_likelihood_history
from ..plotting import _bounds
from . import _png

__all__ = ["EMFrame", "em_frames", "log_likelihood_text", "EMStepper", "em_stepper"]

FIGSIZE = (10.5, 4.2)


class EMFrame(NamedTuple):
    r"""The mixture after ``step`` EM steps, as :func:`em_frames` lists them.

    ``weights``, ``means``, ``covariances`` and ``precisions_cholesky`` are the
    parameters (shaped for ``covariance_type`` as in :class:`course_lib.GaussianMixture`);
    ``resp`` the responsibilities :math:`\gamma_{ij}` they give (the next E-step), and
    ``log_likelihood`` their mean log-likelihood per point.
    """

    step: int
    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray
    precisions_cholesky: np.ndarray
    covariance_type: str
    resp: np.ndarray
    log_likelihood: float


def em_frames(X, n_components, *, covariance_type="full", init_params="kmeans", random_state=0, reg_covar=1e-6,
              max_steps=50, tol=1e-3):
    r"""One EM run, one frame per step: frame 0 is the start, frame ``t`` the parameters after ``t`` steps.

    The start and the stopping rule are :class:`course_lib.GaussianMixture`'s: the first
    responsibilities from ``init_params`` (consuming ``random_state`` in the same way),
    one M-step to turn them into parameters (weights :math:`N_j / n`), then E-step and M-step in turn until the
    mean log-likelihood changes by less than ``tol`` between two E-steps, or
    ``max_steps`` steps. So the frames' ``log_likelihood`` values are
    ``GaussianMixture(..., max_iter=max_steps, tol=tol).log_likelihood_history_``, and the
    last frame holds the fitted parameters.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_components : int
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}, default='kmeans'
    random_state : int, RandomState or None, default=0
    reg_covar : float, default=1e-6
    max_steps : int, default=50
    tol : float, default=1e-3

    Returns
    -------
    list of EMFrame
    """
    X = check_array(X, name="X", min_samples=2)
    n_components = check_scalar(n_components, "n_components", Integral, min_val=1, max_val=X.shape[0],
                                fix="Use between 1 component and one per point.")
    covariance_type = check_option(covariance_type, "covariance_type", COVARIANCE_TYPES)
    check_option(init_params, "init_params", INIT_PARAMS)
    check_scalar(reg_covar, "reg_covar", Real, min_val=0, include_min=False)
    max_steps = check_scalar(max_steps, "max_steps", Integral, min_val=0)
    check_scalar(tol, "tol", Real, min_val=0)

    resp = initial_responsibilities(X, n_components, init_params, check_random_state(random_state))
    # The start is an M-step on these responsibilities, except that, as in GaussianMixture (and scikit-learn),
    # the weights are N_j / n: for the point-seed starts, whose rows are mostly 0, they do not sum to 1.
    nk, means, covariances = estimate_gaussian_parameters(X, resp, reg_covar, covariance_type)
    parameters = (nk / X.shape[0], means, covariances, compute_precision_cholesky(covariances, covariance_type))
    frames, previous, stop_after_next = [], -np.inf, False
    for step in range(max_steps + 1):
        log_likelihood, resp = e_step(X, parameters[0], parameters[1], parameters[3], covariance_type)
        current = float(np.mean(log_likelihood))
        frames.append(EMFrame(step, *parameters, covariance_type, resp, current))
        if stop_after_next or step == max_steps:
            break
        # GaussianMixture stops in the iteration whose E-step changed the log-likelihood by less than tol,
        # after that iteration's M-step: so one more frame, then stop.
        stop_after_next = abs(current - previous) < tol
        previous = current
        parameters = m_step(X, resp, reg_covar, covariance_type)
    return frames


def log_likelihood_text(value):
    """The stepper's line: ``'log-likelihood = -1.234'`` (mean per point, three decimals)."""
    return f"log-likelihood = {value:.3f}"


def _caption(frames, t):
    if t == 0:
        return ("Start: one M-step on the first assignment gives every component a weight, a mean and a "
                "covariance. Colours mix the components' colours in proportion to the responsibilities.")
    gain = frames[t].log_likelihood - frames[t - 1].log_likelihood
    text = (f"Step {t}: the E-step recomputed every point's responsibilities, the M-step refitted each "
            f"component to its weighted points; the log-likelihood rose by {gain:.4f}.")
    if t == len(frames) - 1:
        text += " EM has stopped: the last change was below the tolerance (or the step limit was reached)."
    return text


class EMStepper(widgets.VBox):
    """The EM stepper (see :func:`em_stepper`); its parts are attributes the tests drive.

    Attributes
    ----------
    slider : ipywidgets.IntSlider
        Described "EM step"; 0 shows the start.
    image : ipywidgets.Image
        Ellipses and responsibilities (left), the log-likelihood per step with this one ringed (right), PNG bytes.
    log_likelihood : ipywidgets.Label
        ``"log-likelihood = -1.234"`` for the step shown.
    caption : ipywidgets.HTML
        What the step did.
    frames : list of EMFrame
    """

    def __init__(self, X, n_components, *, covariance_type="full", random_state=0, init_params="kmeans",
                 max_steps=50, tol=1e-3, xlabel="feature 1", ylabel="feature 2"):
        X = check_array(X, name="X", min_samples=2)
        if X.shape[1] != 2:
            raise ValueError(f"The stepper draws the plane, so X needs exactly 2 columns, got {X.shape[1]}. "
                             "Reduce the data to 2 features (e.g. with PCA) first.")
        self._X, self._xlabel, self._ylabel = X, xlabel, ylabel
        self.frames = em_frames(X, n_components, covariance_type=covariance_type, init_params=init_params,
                                random_state=random_state, max_steps=max_steps, tol=tol)
        self._history = np.array([frame.log_likelihood for frame in self.frames])
        self._limits = _bounds(X, np.vstack([frame.means for frame in self.frames]), margin=0.1)
        self.slider = widgets.IntSlider(value=0, min=0, max=len(self.frames) - 1, description="EM step")
        self.image = widgets.Image(format="png")
        self.log_likelihood = widgets.Label()
        self.caption = widgets.HTML()
        super().__init__([self.slider, self.image, self.log_likelihood, self.caption])
        self._show()
        self.slider.observe(lambda _: self._show(), names="value")

    def _show(self):
        t = self.slider.value
        frame = self.frames[t]

        def draw(ax):
            grid = ax.figure.add_gridspec(1, 2, width_ratios=(1.25, 1))
            ax.set_subplotspec(grid[0])
            plot_gmm_ellipses(self._X, frame.means, frame.covariances, frame.covariance_type,
                              weights=frame.weights, resp=frame.resp, ax=ax, bounds=self._limits,
                              xlabel=self._xlabel, ylabel=self._ylabel,
                              title=f"'{frame.covariance_type}' mixture, EM step {t} of {len(self.frames) - 1}")
            plot_log_likelihood_history(self._history, ax=ax.figure.add_subplot(grid[1]), mark=t,
                                        title="Log-likelihood, this step ringed")

        self.image.value = _png(draw, figsize=FIGSIZE)
        self.log_likelihood.value = log_likelihood_text(frame.log_likelihood)
        self.caption.value = _caption(self.frames, t)


def em_stepper(X, n_components, covariance_type="full", random_state=0, *, init_params="kmeans", max_steps=50,
               tol=1e-3, xlabel="feature 1", ylabel="feature 2"):
    """Step through one EM run of a Gaussian mixture: ellipses, responsibilities and the log-likelihood.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    n_components : int
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
    random_state : int, default=0
        Seed of the start, so the same call always shows the same run.
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}, default='kmeans'
        How the start is made; 'random' starts far from the answer and takes more steps.
    max_steps, tol : int, float
        EM stops after ``max_steps`` steps or when the log-likelihood gains less than ``tol``.

    Returns
    -------
    EMStepper
        A widget: display it (as the last value of a cell) in JupyterLab. Its
        ``log_likelihood`` line reads ``log-likelihood = -1.234``.
    """
    return EMStepper(X, n_components, covariance_type=covariance_type, random_state=random_state,
                     init_params=init_params, max_steps=max_steps, tol=tol, xlabel=xlabel, ylabel=ylabel)
