r"""Figures for lesson 06 (Gaussian mixtures and EM): ellipses, soft memberships, the log-likelihood per step.

* :func:`plot_gmm_ellipses`: the data and each component drawn as the ellipses
  :math:`(x - \mu_j)^\top \Sigma_j^{-1} (x - \mu_j) = r^2` for :math:`r = 1, 2`, for any
  ``covariance_type`` (:func:`full_covariances` turns each type into full matrices);
  :func:`plot_covariance_types` puts the four types side by side, :func:`plot_em_iterations`
  several EM steps.
* :func:`plot_log_likelihood_history`: the mean log-likelihood after every EM step
  (``GaussianMixture.log_likelihood_history_``), which never goes down.
* :func:`plot_soft_membership` (and :func:`plot_soft_membership_panels`): each point
  painted with its components' colours mixed in proportion to its responsibilities,
  uncertain points ringed; :func:`plot_membership_bars`: a few points' memberships as bars.
* :func:`plot_mixture_1d` and :func:`plot_em_step_1d`: a one-dimensional mixture, its
  weighted components, their sum and the responsibilities, before and after one EM step.
* :func:`plot_information_criteria`: BIC and AIC against K.

Densities and responsibilities come from :mod:`course_lib.gmm` (``estimate_log_gaussian_prob``,
``e_step``); nothing here computes the mixture a second way.
"""

from numbers import Integral

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import Ellipse

from .._validation import check_array, check_option, check_scalar
from ..gmm import (COVARIANCE_TYPES, compute_precision_cholesky, count_free_parameters, e_step,
                   estimate_log_gaussian_prob)
from . import PALETTE, _axes, _bounds, _grid, cluster_colors
from .evaluation import plot_score_curve

__all__ = [
    "full_covariances", "ellipse_geometry", "responsibility_colors", "uncertain_points",
    "plot_gmm_ellipses", "plot_covariance_types", "plot_em_iterations", "plot_log_likelihood_history",
    "plot_soft_membership", "plot_soft_membership_panels", "plot_membership_bars",
    "plot_mixture_1d", "plot_em_step_1d", "plot_information_criteria",
]

# Ellipses are drawn at these Mahalanobis radii. In the plane a Gaussian puts 1 - exp(-r²/2) of its mass
# inside radius r: 39 % inside r = 1, 86 % inside r = 2.
ELLIPSE_RADII = (1.0, 2.0)
# A point is "uncertain" when no component has at least this responsibility for it.
UNCERTAIN_BELOW = 0.9


# --------------------------------------------------------------------------------------------------
# Geometry and colours
# --------------------------------------------------------------------------------------------------

def full_covariances(covariances, covariance_type, n_components, n_features=2):
    r"""Every component's covariance as a full matrix, shape ``(n_components, n_features, n_features)``.

    ``'full'`` is returned as is; ``'tied'`` (one matrix) is repeated for every component;
    ``'diag'`` rows become diagonal matrices; ``'spherical'`` variances :math:`\sigma_j^2`
    become :math:`\sigma_j^2 I` with ``n_features`` rows (the only type that does not
    carry the number of features itself; the default 2 is the plane these figures draw).
    """
    covariance_type = check_option(covariance_type, "covariance_type", COVARIANCE_TYPES)
    covariances = np.asarray(covariances, dtype=float)
    expected = {"full": 3, "tied": 2, "diag": 2, "spherical": 1}[covariance_type]
    if covariances.ndim != expected or (covariance_type != "tied" and covariances.shape[0] != n_components):
        raise ValueError(f"covariances of shape {covariances.shape} do not fit covariance_type="
                         f"{covariance_type!r} with {n_components} components: pass the model's covariances_ "
                         "together with its own covariance_type.")
    if covariance_type == "full":
        return covariances.copy()
    if covariance_type == "tied":
        return np.repeat(covariances[None], n_components, axis=0)
    if covariance_type == "diag":
        return np.stack([np.diag(row) for row in covariances])
    return covariances[:, None, None] * np.eye(n_features)


def ellipse_geometry(covariance, radius=1.0):
    r"""Width, height and angle (degrees) of the ellipse :math:`x^\top \Sigma^{-1} x = r^2` of a 2 x 2 covariance.

    The axes point along the eigenvectors of :math:`\Sigma`; their half-lengths are
    :math:`r \sqrt{\lambda}` for its eigenvalues :math:`\lambda`. The width is along the
    largest eigenvalue, and the angle, in :math:`[0, 180)`, is that axis's direction.
    """
    covariance = check_array(covariance, name="covariance")
    if covariance.shape != (2, 2):
        raise ValueError(f"covariance must be a 2 x 2 matrix (an ellipse lives in the plane), got shape "
                         f"{covariance.shape}.")
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    if eigenvalues[0] < 0:
        raise ValueError("covariance must be positive semi-definite; this one has a negative eigenvalue.")
    major = eigenvectors[:, 1]
    angle = float(np.degrees(np.arctan2(major[1], major[0])) % 180.0)
    width, height = 2.0 * radius * np.sqrt(eigenvalues[::-1])
    return float(width), float(height), angle


def responsibility_colors(resp, palette=PALETTE):
    r"""One RGB colour per point: the components' palette colours mixed in proportion to :math:`\gamma_{ij}`.

    A point that belongs wholly to component j gets exactly ``palette[j]``; a point
    shared 50/50 gets the average of the two colours.
    """
    resp = check_array(resp, name="resp")
    rgb = np.array([to_rgb(palette[j % len(palette)]) for j in range(resp.shape[1])])
    return np.clip(resp @ rgb, 0.0, 1.0)


def uncertain_points(resp, threshold=UNCERTAIN_BELOW):
    """Boolean mask of the points whose largest responsibility is below ``threshold``."""
    resp = check_array(resp, name="resp")
    return resp.max(axis=1) < threshold


def _plane(X):
    X = check_array(X, name="X")
    if X.shape[1] != 2:
        raise ValueError(f"These figures draw the plane: X needs exactly 2 columns, got {X.shape[1]}. Reduce the "
                         "data to 2 features (e.g. with PCA) first.")
    return X


def _model_parts(model):
    """(weights, means, covariances, covariance_type) of a fitted mixture (course_lib's or scikit-learn's)."""
    try:
        return model.weights_, model.means_, model.covariances_, model.covariance_type
    except AttributeError:
        raise ValueError("Pass a fitted GaussianMixture (course_lib's or scikit-learn's): it needs weights_, "
                         "means_, covariances_ and covariance_type.") from None


# --------------------------------------------------------------------------------------------------
# Ellipses
# --------------------------------------------------------------------------------------------------

def plot_gmm_ellipses(X, means, covariances, covariance_type="full", *, weights=None, resp=None, labels=None,
                      ax=None, title=None, xlabel="feature 1", ylabel="feature 2", bounds=None, s=18):
    r"""The data and each Gaussian component as ellipses at Mahalanobis radius 1 and 2.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    means : array-like of shape (n_components, 2)
    covariances : array-like
        As the model stores them for ``covariance_type`` (see :func:`full_covariances`).
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
    weights : array-like of shape (n_components,), optional
        Written next to each mean as :math:`\pi_j`.
    resp : array-like of shape (n_samples, n_components), optional
        Colour the points by their responsibilities (:func:`responsibility_colors`).
    labels : array-like of shape (n_samples,), optional
        Otherwise colour them by a hard label; grey if neither is given.
    bounds : ((xmin, ymin), (xmax, ymax)), optional
        Fixed limits, to keep several panels or slider positions comparable.

    Returns
    -------
    ax : matplotlib Axes
        Its patches are the ellipses, component by component, radius 1 then 2.
    """
    X = _plane(X)
    means = check_array(means, name="means")
    n_components = means.shape[0]
    if means.shape[1] != 2:
        raise ValueError(f"means must have 2 columns like X, got {means.shape[1]}.")
    matrices = full_covariances(covariances, covariance_type, n_components)
    ax = _axes(ax)
    if resp is not None:
        resp = check_array(resp, name="resp")
        if resp.shape != (X.shape[0], n_components):
            raise ValueError(f"resp must have shape (n_samples, n_components) = {(X.shape[0], n_components)}, "
                             f"got {resp.shape}.")
        colors = responsibility_colors(resp)
    elif labels is not None:
        colors = list(cluster_colors(labels))
    else:
        colors = "#7F7F7F"
    ax.scatter(X[:, 0], X[:, 1], c=colors, s=s, edgecolor="white", linewidth=0.4, zorder=2)
    for j, (mean, covariance) in enumerate(zip(means, matrices)):
        color = PALETTE[j % len(PALETTE)]
        for radius in ELLIPSE_RADII:
            width, height, angle = ellipse_geometry(covariance, radius)
            ax.add_patch(Ellipse(mean, width, height, angle=angle, facecolor=color, alpha=0.12 if radius == 1 else 1,
                                 edgecolor=color, fill=radius == 1, linewidth=2.0 if radius == 2 else 1.0,
                                 linestyle="-" if radius == 2 else "--", zorder=3))
        ax.scatter([mean[0]], [mean[1]], marker="X", s=160, color=color, edgecolor="black", linewidth=1.1, zorder=4)
        if weights is not None:
            ax.annotate(f"π = {weights[j]:.2f}", mean, xytext=(10, 9), textcoords="offset points", fontsize=9,
                        fontweight="bold", color="black", zorder=5,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    low, high = bounds if bounds is not None else _bounds(X, means, margin=0.1)
    ax.set_xlim(low[0], high[0])
    ax.set_ylim(low[1], high[1])
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if title:
        ax.set_title(title)
    return ax


def plot_covariance_types(X, models, *, ncols=2, panel_size=(4.6, 3.9), xlabel="feature 1", ylabel="feature 2"):
    """The same data fitted with different covariance types: one :func:`plot_gmm_ellipses` panel per model.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    models : dict {title: fitted GaussianMixture}
        course_lib's or scikit-learn's; each panel is coloured by the model's
        responsibilities and titled with its number of free parameters and its BIC on ``X``.
    """
    X = _plane(X)
    if not models:
        raise ValueError("models must map a title to a fitted GaussianMixture, e.g. {'full': model}.")
    parts = {name: _model_parts(model) for name, model in models.items()}
    _, axes = _grid(len(models), ncols, panel_size)
    bounds = _bounds(X, np.vstack([means for _, means, _, _ in parts.values()]), margin=0.1)
    for ax, (name, model) in zip(axes, models.items()):
        weights, means, covariances, covariance_type = parts[name]
        p = count_free_parameters(len(weights), X.shape[1], covariance_type)
        plot_gmm_ellipses(X, means, covariances, covariance_type, resp=model.predict_proba(X), ax=ax,
                          bounds=bounds, xlabel=xlabel, ylabel=ylabel,
                          title=f"{name}: {p} parameters, BIC = {model.bic(X):.1f}")
    plt.tight_layout()
    return axes


def plot_em_iterations(X, frames, steps=None, *, ncols=3, panel_size=(3.8, 3.4), xlabel="feature 1",
                       ylabel="feature 2"):
    """Several EM steps side by side: ellipses of the parameters, points coloured by responsibilities.

    ``frames`` are records with ``step``, ``weights``, ``means``, ``covariances``,
    ``covariance_type``, ``resp`` and ``log_likelihood`` (as
    :func:`course_lib.widgets.gmm.em_frames` makes them); ``steps`` chooses which
    (default: all). Every panel has the same limits.
    """
    X = _plane(X)
    frames = list(frames)
    if not frames:
        raise ValueError("frames is empty: make them with course_lib.widgets.gmm.em_frames(X, n_components).")
    steps = range(len(frames)) if steps is None else list(steps)
    chosen = []
    for step in steps:
        if not 0 <= step < len(frames):
            raise ValueError(f"step {step} is not one of the frames 0..{len(frames) - 1}.")
        chosen.append(frames[step])
    _, axes = _grid(len(chosen), ncols, panel_size)
    bounds = _bounds(X, np.vstack([f.means for f in frames]), margin=0.1)
    for ax, frame in zip(axes, chosen):
        plot_gmm_ellipses(X, frame.means, frame.covariances, frame.covariance_type, resp=frame.resp, ax=ax,
                          bounds=bounds, xlabel=xlabel, ylabel=ylabel,
                          title=f"step {frame.step}: log-lik. = {frame.log_likelihood:.3f}")
    plt.tight_layout()
    return axes


# --------------------------------------------------------------------------------------------------
# The log-likelihood per step
# --------------------------------------------------------------------------------------------------

def plot_log_likelihood_history(history, *, ax=None, mark=None, title="The log-likelihood rises at every EM step"):
    """Mean log-likelihood per point after each EM step (step 0: the start).

    Parameters
    ----------
    history : array-like, or dict {label: array-like}
        ``GaussianMixture.log_likelihood_history_`` (one run or several).
    mark : int, optional
        A step to ring (the EM stepper marks the step shown).
    """
    series = history if isinstance(history, dict) else {"log-likelihood": history}
    ax = _axes(ax)
    for i, (label, values) in enumerate(series.items()):
        values = check_array(values, name="history", ensure_2d=False)
        color = PALETTE[i % len(PALETTE)]
        ax.plot(np.arange(values.size), values, marker="o", markersize=4, color=color, label=label)
        if mark is not None:
            step = int(check_scalar(mark, "mark", Integral, min_val=0, max_val=values.size - 1))
            ax.scatter([step], [values[step]], s=160, facecolor="none", edgecolor=PALETTE[3], linewidth=2.2,
                       zorder=4)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set(xlabel="EM step", ylabel="mean log-likelihood per point", title=title)
    if len(series) > 1:
        ax.legend(loc="lower right")
    return ax


# --------------------------------------------------------------------------------------------------
# Soft membership
# --------------------------------------------------------------------------------------------------

def plot_soft_membership(X, resp, *, means=None, threshold=UNCERTAIN_BELOW, highlight=None, names=None, ax=None,
                         title=None, xlabel="feature 1", ylabel="feature 2", s=22, legend=True):
    """Points painted by their responsibilities; those no component claims with ``threshold`` or more are ringed.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    resp : array-like of shape (n_samples, n_components)
    means : array-like of shape (n_components, 2), optional
        Drawn as crosses in the components' colours.
    threshold : float, default=0.9
    highlight : sequence of int, optional
        Points to mark with a square and a name (e.g. the ones :func:`plot_membership_bars` shows).
    names : sequence of str, optional
        Names of the highlighted points (default "#i").
    legend : bool, default=True
        Say in a legend how many points are ringed (otherwise the ring count is left to the title).
    """
    X = _plane(X)
    resp = check_array(resp, name="resp")
    if resp.shape[0] != X.shape[0]:
        raise ValueError(f"resp must have one row per point ({X.shape[0]}), got {resp.shape[0]}.")
    ax = _axes(ax)
    ax.scatter(X[:, 0], X[:, 1], c=responsibility_colors(resp), s=s, edgecolor="white", linewidth=0.4, zorder=2)
    unsure = uncertain_points(resp, threshold)
    ax.scatter(X[unsure, 0], X[unsure, 1], s=3.2 * s, facecolor="none", edgecolor="black", linewidth=1.0, zorder=3,
               label=f"uncertain: no component ≥ {threshold:.0%} ({int(unsure.sum())} points)")
    if means is not None:
        means = check_array(means, name="means")
        ax.scatter(means[:, 0], means[:, 1], marker="X", s=160, c=[PALETTE[j % len(PALETTE)] for j in
                   range(len(means))], edgecolor="black", linewidth=1.1, zorder=4)
    if highlight is not None:
        highlight = list(highlight)
        names = list(names) if names is not None else [f"#{i}" for i in highlight]
        ax.scatter(X[highlight, 0], X[highlight, 1], marker="s", s=90, facecolor="none", edgecolor=PALETTE[3],
                   linewidth=2.0, zorder=5)
        for i, name in zip(highlight, names):
            ax.annotate(name, X[i], xytext=(7, -12), textcoords="offset points", fontsize=9, fontweight="bold",
                        zorder=6)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if legend:
        ax.legend(loc="best", fontsize=9)
    if title:
        ax.set_title(title)
    return ax


def plot_soft_membership_panels(X, resps, *, titles=None, means=None, threshold=UNCERTAIN_BELOW, ncols=4,
                                panel_size=(3.6, 3.3), xlabel="feature 1", ylabel="feature 2"):
    """Several :func:`plot_soft_membership` panels side by side (same points, different responsibilities).

    Each title ends with the number of ringed (uncertain) points."""
    resps = list(resps)
    if not resps:
        raise ValueError("resps must hold at least one responsibility matrix.")
    titles = list(titles) if titles is not None else [None] * len(resps)
    if len(titles) != len(resps):
        raise ValueError(f"{len(resps)} panels need {len(resps)} titles, got {len(titles)}.")
    _, axes = _grid(len(resps), ncols, panel_size)
    for ax, resp, title in zip(axes, resps, titles):
        count = f"{int(uncertain_points(resp, threshold).sum())} uncertain"
        plot_soft_membership(X, resp, means=means, threshold=threshold, ax=ax, xlabel=xlabel, ylabel=ylabel,
                             title=f"{title}: {count}" if title else count, legend=False)
    plt.tight_layout()
    return axes


def plot_membership_bars(resp, indices, *, names=None, component_names=None, ax=None,
                         title="How much each point belongs to each component"):
    """Chosen points' responsibilities as stacked horizontal bars (each bar sums to 100 %)."""
    resp = check_array(resp, name="resp")
    indices = [int(i) for i in indices]
    if not indices:
        raise ValueError("indices must choose at least one point.")
    names = list(names) if names is not None else [f"#{i}" for i in indices]
    k = resp.shape[1]
    component_names = list(component_names) if component_names is not None else [f"component {j}" for j in range(k)]
    if len(names) != len(indices) or len(component_names) != k:
        raise ValueError("names needs one entry per chosen point and component_names one per component.")
    ax = _axes(ax)
    rows = np.arange(len(indices))[::-1]
    left = np.zeros(len(indices))
    for j in range(k):
        share = resp[indices, j]
        ax.barh(rows, share, left=left, color=PALETTE[j % len(PALETTE)], edgecolor="white",
                label=component_names[j])
        for row, start, value in zip(rows, left, share):
            if value >= 0.1:
                ax.text(start + value / 2, row, f"{value:.0%}", ha="center", va="center", color="white",
                        fontweight="bold", fontsize=9)
        left += share
    ax.set_yticks(rows, names)
    ax.set_xlim(0, 1)
    ax.grid(False, axis="y")
    ax.set(xlabel="responsibility γ (share of the point)", title=title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=min(k, 4))
    return ax


# --------------------------------------------------------------------------------------------------
# One dimension: the mixture density, and one EM step
# --------------------------------------------------------------------------------------------------

def _one_dimensional_parameters(weights, means, variances):
    weights = check_array(weights, name="weights", ensure_2d=False)
    means = check_array(means, name="means", ensure_2d=False)
    variances = check_array(variances, name="variances", ensure_2d=False)
    if not len(weights) == len(means) == len(variances):
        raise ValueError("weights, means and variances need one entry per component.")
    if np.any(variances <= 0):
        raise ValueError("variances must be positive.")
    return weights, means, variances


def plot_mixture_1d(x, weights, means, variances, *, ax=None, responsibilities=False, grid=None, title=None,
                    xlabel="x", bins=20):
    r"""A one-dimensional mixture: each weighted component :math:`\pi_j \mathcal{N}(x \mid \mu_j, \sigma_j^2)`
    dashed, their sum :math:`p(x)` solid, and the data as a histogram (or ticks, for a few points).

    With ``responsibilities=True`` a second panel below shows :math:`\gamma_j(x)`, the
    share of each component at every :math:`x` (the curves sum to 1), and ``ax`` must
    be a pair of Axes or None.

    Returns
    -------
    ax, or (ax_density, ax_responsibilities)
    """
    weights, means, variances = _one_dimensional_parameters(weights, means, variances)
    x = None if x is None else check_array(x, name="x", ensure_2d=False)
    if grid is None:
        spread = 3.5 * np.sqrt(variances)
        low = min((means - spread).min(), x.min() if x is not None else np.inf)
        high = max((means + spread).max(), x.max() if x is not None else -np.inf)
        grid = np.linspace(low, high, 400)
    grid = check_array(grid, name="grid", ensure_2d=False)
    precisions_cholesky = compute_precision_cholesky(variances, "spherical")
    component = np.exp(estimate_log_gaussian_prob(grid[:, None], means[:, None], precisions_cholesky, "spherical"))
    if responsibilities:
        if ax is None:
            _, ax = plt.subplots(2, 1, figsize=(6.4, 5.2), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
        density_ax, share_ax = ax
    else:
        density_ax = _axes(ax)
    if x is not None and x.size > 12:
        density_ax.hist(x, bins=bins, density=True, color="#D9D9D9", edgecolor="white", label="data")
    for j in range(len(weights)):
        density_ax.plot(grid, weights[j] * component[:, j], linestyle="--", color=PALETTE[j % len(PALETTE)],
                        label=f"π{j}·N(x | μ{j}={means[j]:.2f}, σ²{j}={variances[j]:.2f})")
    density_ax.plot(grid, component @ weights, color="black", linewidth=2, label="mixture p(x)")
    if x is not None and x.size <= 12:
        density_ax.plot(x, np.zeros_like(x), "|", color="black", markersize=18, markeredgewidth=2, label="data")
    density_ax.set(ylabel="density", title=title)
    density_ax.legend(loc="upper right", fontsize=8)
    if not responsibilities:
        density_ax.set_xlabel(xlabel)
        return density_ax
    _, resp = e_step(grid[:, None], weights, means[:, None], precisions_cholesky, "spherical")
    for j in range(len(weights)):
        share_ax.plot(grid, resp[:, j], color=PALETTE[j % len(PALETTE)], linewidth=2, label=f"γ{j}(x)")
    share_ax.axhline(0.5, color="#777777", linestyle=":", linewidth=1)
    share_ax.set(xlabel=xlabel, ylabel="responsibility", ylim=(-0.03, 1.03))
    share_ax.legend(loc="center right", fontsize=8)
    return density_ax, share_ax


def plot_em_step_1d(trace, *, axes=None):
    """One EM iteration in one dimension (a :func:`course_lib.handcalc.em_step_by_hand` trace): the mixture
    before and after, side by side, with the log-likelihood of each in the titles."""
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 4.0), sharey=True)
    span = trace.points.max() - trace.points.min()
    spread = 3 * np.sqrt(max(trace.variances.max(), trace.new_variances.max()))
    grid = np.linspace(trace.points.min() - max(spread, 0.2 * span), trace.points.max() + max(spread, 0.2 * span),
                       400)
    plot_mixture_1d(trace.points, trace.weights, trace.means, trace.variances, ax=axes[0], grid=grid,
                    title=f"before: ℓ = Σ ln p(x) = {trace.log_likelihood_before:.3f}")
    plot_mixture_1d(trace.points, trace.new_weights, trace.new_means, trace.new_variances, ax=axes[1], grid=grid,
                    title=f"after one EM step: ℓ = {trace.log_likelihood_after:.3f}")
    plt.tight_layout()
    return axes


# --------------------------------------------------------------------------------------------------
# Choosing K
# --------------------------------------------------------------------------------------------------

def plot_information_criteria(bic, aic=None, *, ax=None, title="BIC and AIC against K (lower is better)"):
    """BIC (and AIC) of mixtures with K components, each curve's lowest K ringed.

    ``bic`` and ``aic`` map K to the criterion, as ``{K: model.bic(X)}``.
    """
    ax = _axes(ax)
    for name, values, color in (("BIC", bic, PALETTE[0]), ("AIC", aic, PALETTE[1])):
        if values is None:
            continue
        first = len(ax.lines)
        plot_score_curve(values, name=name, better="lower", ax=ax, color=color, mark_best=False)
        best = min(values, key=values.get)
        ax.lines[first].set_label(f"{name} (lowest at K = {best}, ringed)")
        ax.scatter([best], [values[best]], s=190, facecolor="none", edgecolor=color, linewidth=2.2, zorder=4)
    ax.set(ylabel="information criterion (lower is better)", title=title)
    ax.legend(loc="upper right")
    return ax
