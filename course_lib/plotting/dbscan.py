"""Figures for lesson 04, DBSCAN: eps-neighbourhoods, core/border/noise markers, the eps and
min_samples sensitivity grid, and the k-distance plot for choosing eps.

Markers follow one rule everywhere (also in :func:`course_lib.widgets.dbscan_explorer`):
core points are large filled circles, border points small circles ringed in their
cluster's colour, noise points grey crosses. Clusters are coloured with the course
palette. The labels and point types come from :class:`course_lib.DBSCAN` and the
k-distances from :func:`course_lib.k_distance`; nothing here clusters a second way.
"""

from numbers import Real

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from .._validation import check_array, check_scalar
from ..dbscan import DBSCAN, find_neighbourhoods
from . import NOISE_COLOR, PALETTE, _axes, cluster_colors

__all__ = [
    "POINT_TYPES", "dbscan_summary", "plot_eps_neighbourhoods", "plot_point_types", "plot_eps_grid",
    "plot_k_distance",
]

POINT_TYPES = ("core", "border", "noise")
MARKER_SIZES = {"core": 70, "border": 36, "noise": 40}


def dbscan_summary(labels, point_types=None):
    """``'2 clusters, 5 noise'`` (with core and border counts when the types are given).

    The cluster count leaves out noise (-1): it is what DBSCAN found.
    """
    labels = np.asarray(labels)
    n_clusters = len(np.unique(labels[labels >= 0]))
    text = f"{n_clusters} cluster{'s' if n_clusters != 1 else ''}, {int(np.sum(labels < 0))} noise"
    if point_types is not None:
        types = np.asarray(point_types)
        text += f" ({int(np.sum(types == 'core'))} core, {int(np.sum(types == 'border'))} border)"
    return text


def _plane(X, name="X"):
    X = check_array(X, name=name)
    if X.shape[1] != 2:
        raise ValueError(f"These figures draw the plane: {name} needs exactly 2 columns, got {X.shape[1]}. "
                         "Reduce the data to 2 features (e.g. with PCA) first.")
    return X


def plot_eps_neighbourhoods(X, eps, centers, *, names=None, ax=None, title=None, xlabel="feature 1",
                            ylabel="feature 2"):
    r"""The eps-neighbourhood of a few points: a circle of radius eps, its members ringed, the count written.

    :math:`N_\varepsilon(p) = \{q : d(p, q) \le \varepsilon\}` counts the point itself;
    the members come from DBSCAN's own neighbour search,
    :func:`course_lib.dbscan.find_neighbourhoods`.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    eps : float
    centers : sequence of int
        Rows of ``X`` whose neighbourhoods to draw.
    """
    X = _plane(X)
    centers = [int(c) for c in np.atleast_1d(centers)]
    if not centers or min(centers) < 0 or max(centers) >= len(X):
        raise ValueError(f"centers must list rows of X (0 to {len(X) - 1}), got {centers}.")
    eps = float(check_scalar(eps, "eps", Real, min_val=0, include_min=False, fix="eps is a radius."))
    found = find_neighbourhoods(X, eps)
    members = {int(owner): found.members[found.starts[row]:found.starts[row + 1]]
               for row, owner in enumerate(found.owners)}
    ax = _axes(ax, figsize=(5.8, 5.0))
    ax.scatter(X[:, 0], X[:, 1], s=30, color="#BBBBBB", edgecolor="black", linewidth=0.3, zorder=2)
    for i, center in enumerate(centers):
        color = PALETTE[i % len(PALETTE)]
        inside = members[center]
        ax.add_patch(Circle(X[center], eps, facecolor=color, alpha=0.12, edgecolor=color, linewidth=1.5, zorder=1))
        ax.scatter(X[inside, 0], X[inside, 1], s=70, facecolor="none", edgecolor=color, linewidth=1.5, zorder=3)
        ax.scatter(*X[center], s=70, color=color, edgecolor="black", zorder=4)
        label = names[center] if names is not None else f"#{center}"
        ax.annotate(f"{label}: {len(inside)} in reach", X[center], xytext=(8, 8), textcoords="offset points",
                    color=color, fontweight="bold", zorder=5)
    if names is not None:
        for point, name in zip(X, names):
            ax.annotate(str(name), point, xytext=(5, -11), textcoords="offset points", fontsize=8)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title or f"eps-neighbourhoods, eps = {eps:g}")
    return ax


def plot_point_types(X, labels, point_types, *, eps=None, names=None, ax=None, title=None, legend=True,
                     xlabel="feature 1", ylabel="feature 2", scale=1.0):
    """DBSCAN's result: core points large, border points small and ringed, noise as grey crosses.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    labels : array-like of shape (n_samples,)
        Cluster of each point, -1 for noise (``DBSCAN.labels_``).
    point_types : array-like of str, shape (n_samples,)
        'core', 'border' or 'noise' (``DBSCAN.point_types_``).
    eps : float, optional
        Draw a faint circle of this radius around every core point (for small data:
        a border point lies inside some core point's circle, noise inside none).
    names : sequence of str, optional
        Names written next to the points.
    scale : float, default=1.0
        Multiplies the marker sizes (smaller for panels of a grid).
    """
    X = _plane(X)
    labels = np.asarray(labels)
    types = np.asarray(point_types)
    if labels.shape != (len(X),) or types.shape != (len(X),):
        raise ValueError(f"labels and point_types need one entry per point ({len(X)}), got shapes "
                         f"{labels.shape} and {types.shape}.")
    unknown = set(types.tolist()) - set(POINT_TYPES)
    if unknown:
        raise ValueError(f"point_types must be 'core', 'border' or 'noise', got {sorted(unknown)}.")
    if np.any((types == "noise") != (labels < 0)):
        raise ValueError("labels and point_types disagree: noise points, and only they, have label -1.")
    ax = _axes(ax, figsize=(5.8, 4.6))
    colors = cluster_colors(labels)
    if eps is not None:
        for center in X[types == "core"]:
            ax.add_patch(Circle(center, eps, facecolor="none", edgecolor="#999999", linewidth=0.7,
                                linestyle=":", zorder=1))
    core, border, noise = (types == t for t in POINT_TYPES)
    counts = {t: int(np.sum(types == t)) for t in POINT_TYPES}
    ax.scatter(X[core, 0], X[core, 1], s=MARKER_SIZES["core"] * scale, c=list(colors[core]), edgecolor="black",
               linewidth=0.4, zorder=3, label=f"core ({counts['core']})")
    ax.scatter(X[border, 0], X[border, 1], s=MARKER_SIZES["border"] * scale, facecolor="white",
               edgecolor=list(colors[border]), linewidth=1.6, zorder=3, label=f"border ({counts['border']})")
    ax.scatter(X[noise, 0], X[noise, 1], s=MARKER_SIZES["noise"] * scale, marker="x", color=NOISE_COLOR,
               linewidth=1.5, zorder=3, label=f"noise ({counts['noise']})")
    if names is not None:
        for point, name in zip(X, names):
            ax.annotate(str(name), point, xytext=(6, 5), textcoords="offset points", fontsize=9, zorder=4)
    if eps is not None:
        ax.set_aspect("equal", adjustable="datalim")
    if legend:  # neutral markers: the colours belong to the clusters, the shapes to the types
        handles = [Line2D([], [], linestyle="", marker="o", markersize=8, color="#555555", markeredgecolor="black",
                          label=f"core ({counts['core']})"),
                   Line2D([], [], linestyle="", marker="o", markersize=6, markerfacecolor="white",
                          markeredgecolor="#555555", markeredgewidth=1.6, label=f"border ({counts['border']})"),
                   Line2D([], [], linestyle="", marker="x", markersize=7, color=NOISE_COLOR, markeredgewidth=1.5,
                          label=f"noise ({counts['noise']})")]
        ax.legend(handles=handles, loc="best", fontsize=8)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title or dbscan_summary(labels))
    return ax


def plot_eps_grid(X, eps_values, min_samples_values, *, panel_size=(3.3, 2.9), xlabel="feature 1",
                  ylabel="feature 2"):
    """DBSCAN for every (min_samples, eps) pair: one row per min_samples, one column per eps.

    Each panel is :func:`plot_point_types` of ``course_lib.DBSCAN(eps, min_samples=...)``
    with the number of clusters and noise points in its title.

    Returns
    -------
    ndarray of Axes, shape (len(min_samples_values), len(eps_values))
    """
    X = _plane(X)
    eps_values, min_samples_values = list(eps_values), list(min_samples_values)
    if not eps_values or not min_samples_values:
        raise ValueError("give at least one eps and one min_samples value.")
    nrows, ncols = len(min_samples_values), len(eps_values)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows), squeeze=False,
                             sharex=True, sharey=True)
    for r, min_samples in enumerate(min_samples_values):
        for c, eps in enumerate(eps_values):
            model = DBSCAN(eps, min_samples=min_samples).fit(X)
            ax = axes[r, c]
            plot_point_types(X, model.labels_, model.point_types_, ax=ax, legend=False, scale=0.35,
                             xlabel=xlabel if r == nrows - 1 else "", ylabel=ylabel if c == 0 else "",
                             title=f"eps={eps:g}, min_samples={min_samples}\n{dbscan_summary(model.labels_)}")
            ax.title.set_fontsize(9)
    fig.tight_layout()
    return axes


def plot_k_distance(k_distances, k, *, eps=None, ax=None, title=None):
    """The k-distance plot: every point's distance to its k-th nearest neighbour, sorted.

    Most points sit in dense regions and have small k-distances; the curve turns
    sharply upward where the sparse points (future noise) begin. An ``eps`` at the
    bend makes the dense points core. With ``eps`` given, a horizontal line marks
    it and the legend says how many points lie above it (they cannot be core).

    Parameters
    ----------
    k_distances : array-like of shape (n_samples,)
        From :func:`course_lib.k_distance` (sorted increasingly; sorted here if not).
    k : int
        The neighbour rank used (counting the point itself, as ``min_samples`` does).
    eps : float, optional
    """
    values = np.sort(check_array(k_distances, name="k_distances", ensure_2d=False))
    if values.ndim != 1 or np.any(values < 0):
        raise ValueError("k_distances must be a 1-D array of distances (course_lib.k_distance gives it).")
    ax = _axes(ax)
    ranks = np.arange(1, len(values) + 1)
    ax.plot(ranks, values, color=PALETTE[0], linewidth=2, label=f"distance to neighbour number {k}")
    if eps is not None:
        above = int(np.sum(values > eps))
        ax.axhline(eps, color=PALETTE[3], linestyle="--", linewidth=1.4,
                   label=f"eps = {eps:g}: {above} point{'s' if above != 1 else ''} above (not core)")
    ax.set(xlabel="points, sorted by k-distance", ylabel=f"distance to neighbour number {k}",
           title=title or f"k-distance plot (k = {k})")
    ax.legend(loc="upper left")
    return ax
