"""Figures for lesson 02 (k-means step by step): one state of the algorithm, its iterations, its objective,
k-means++ seeding, and the spread of results over many starts.

Every function draws on matplotlib Axes (made if not given) and returns them, so a
notebook cell is one call. Nearest centroids come from :mod:`course_lib.kmeans`;
nothing here is a second copy of the maths.
"""

import matplotlib.pyplot as plt
import numpy as np

from .._validation import check_array
from ..kmeans import assign_to_nearest_centroid, squared_distances_to_centroids
from . import PALETTE, _axes, _bounds, _grid, _light, cluster_colors

__all__ = ["plot_kmeans_state", "plot_kmeans_iterations", "plot_wcss_by_iteration", "plot_objective_half_steps",
           "plot_plusplus_step", "plot_inertia_spread"]


def plot_kmeans_state(X, centroids, labels, *, ax=None, trail=None, changed=None, names=None, regions=True,
                      title=None, xlabel="feature 1", ylabel="feature 2", bounds=None):
    """One moment of k-means: points coloured by cluster, the centroids, and each centroid's region.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    centroids : array-like of shape (n_clusters, 2)
    labels : array-like of shape (n_samples,)
        The cluster of each point (normally its nearest centroid).
    trail : list of (n_clusters, 2) arrays, optional
        Earlier centroids, oldest first: each centroid's path is drawn up to now.
    changed : bool array of shape (n_samples,), optional
        Points that just changed cluster, drawn with a thick black ring.
    names : sequence of str, optional
        A name written next to each point (for small worked examples).
    regions : bool, default=True
        Shade the plane by nearest centroid (:func:`course_lib.kmeans.assign_to_nearest_centroid`
        on a grid): the boundaries the next assignment will use.
    bounds : ((xmin, ymin), (xmax, ymax)), optional
        Fixed limits (keep them equal across panels or slider positions).
    """
    X = check_array(X, name="X")
    centroids = check_array(centroids, name="centroids")
    labels = np.asarray(labels)
    if X.shape[1] != 2 or centroids.shape[1] != 2:
        raise ValueError(f"plot_kmeans_state draws the plane: X and centroids need 2 columns, got {X.shape[1]} "
                         f"and {centroids.shape[1]}. Reduce to 2 features (e.g. with PCA) first.")
    if labels.shape != (X.shape[0],):
        raise ValueError(f"labels must have one entry per point ({X.shape[0]}), got shape {labels.shape}.")
    ax = _axes(ax)
    low, high = bounds if bounds is not None else _bounds(X, centroids)
    if regions:
        xs, ys = np.linspace(low[0], high[0], 160), np.linspace(low[1], high[1], 160)
        grid = np.c_[np.repeat(xs[None], ys.size, axis=0).ravel(), np.repeat(ys, xs.size)]
        nearest = assign_to_nearest_centroid(grid, centroids).reshape(ys.size, xs.size)
        shades = np.array([_light(PALETTE[j % len(PALETTE)], 0.82) for j in range(centroids.shape[0])])
        ax.imshow(shades[nearest], extent=(low[0], high[0], low[1], high[1]), origin="lower", aspect="auto",
                  interpolation="nearest", zorder=0)
    colors = list(cluster_colors(labels))
    ax.scatter(X[:, 0], X[:, 1], c=colors, s=40 if names is not None else 22, edgecolor="white", linewidth=0.5,
               zorder=2)
    if changed is not None and np.any(changed):
        changed = np.asarray(changed, dtype=bool)
        ax.scatter(X[changed, 0], X[changed, 1], s=85, facecolor="none", edgecolor="black", linewidth=1.1,
                   zorder=3, label="changed cluster")
        ax.legend(loc="lower right")
    if trail:
        path = np.stack([check_array(c, name="trail[i]") for c in trail] + [centroids])
        for j in range(centroids.shape[0]):
            ax.plot(path[:, j, 0], path[:, j, 1], color="black", linewidth=1.0, marker=".", markersize=5,
                    zorder=3)
    center_colors = [PALETTE[j % len(PALETTE)] for j in range(centroids.shape[0])]
    ax.scatter(centroids[:, 0], centroids[:, 1], marker="X", s=220, c=center_colors, edgecolor="black",
               linewidth=1.3, zorder=4)
    if names is not None:
        for point, name in zip(X, names):
            ax.annotate(str(name), point, xytext=(5, 4), textcoords="offset points", fontsize=9, zorder=5)
    ax.set_xlim(low[0], high[0])
    ax.set_ylim(low[1], high[1])
    ax.grid(False)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if title:
        ax.set_title(title)
    return ax


def plot_kmeans_iterations(X, history, *, names=None, ncols=3, regions=True, panel_size=(3.6, 3.3),
                           xlabel="feature 1", ylabel="feature 2"):
    """A grid with one panel per k-means iteration, WCSS in each title, movers ringed.

    ``history`` is :attr:`course_lib.KMeans.history_` (or any list of records with
    ``centroids``, ``labels`` and ``inertia``): panel ``t`` shows the points
    assigned to the centroids of record ``t`` and the path the centroids took.
    """
    X = check_array(X, name="X")
    if not history:
        raise ValueError("history is empty: fit KMeans with keep_history=True and pass its history_.")
    _, axes = _grid(len(history), ncols, panel_size)
    bounds = _bounds(X, np.vstack([np.asarray(h.centroids) for h in history]))
    for t, (ax, record) in enumerate(zip(axes, history)):
        changed = None if t == 0 else np.asarray(record.labels) != np.asarray(history[t - 1].labels)
        plot_kmeans_state(X, record.centroids, record.labels, ax=ax, regions=regions, names=names,
                          trail=[h.centroids for h in history[:t]], changed=changed, bounds=bounds,
                          title=f"iteration {t}: WCSS = {record.inertia:.3f}", xlabel=xlabel, ylabel=ylabel)
    plt.tight_layout()
    return axes


def plot_wcss_by_iteration(inertias, *, ax=None, title="WCSS never goes up"):
    """WCSS after each iteration: one line, or one per run when given a dict {label: values}."""
    series = inertias if isinstance(inertias, dict) else {"WCSS": inertias}
    ax = _axes(ax)
    for i, (label, values) in enumerate(series.items()):
        values = check_array(values, name="inertias", ensure_2d=False)
        ax.plot(np.arange(values.size), values, marker="o", color=PALETTE[i % len(PALETTE)], label=label)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set(xlabel="iteration", ylabel="WCSS (within-cluster sum of squares)", title=title)
    if len(series) > 1:
        ax.legend()
    return ax


def plot_objective_half_steps(after_assignment, after_update, *, ax=None,
                              title="Each half-step can only lower the WCSS"):
    """The WCSS after every half-step of k-means: assign, update, assign, update, ...

    ``after_assignment[t]`` is the WCSS of iteration ``t + 1``'s assignment measured
    to the centroids it used, ``after_update[t]`` the same clusters measured to
    their new means (e.g. ``wcss_assigned`` and ``wcss`` of the iterations of
    :func:`course_lib.handcalc.kmeans_by_hand`). The line never rises.
    """
    after_assignment = check_array(after_assignment, name="after_assignment", ensure_2d=False)
    after_update = check_array(after_update, name="after_update", ensure_2d=False)
    if after_assignment.shape != after_update.shape:
        raise ValueError(f"give one value after each assignment and one after each update, got "
                         f"{after_assignment.size} and {after_update.size}.")
    values = np.ravel(np.c_[after_assignment, after_update])
    names = [f"{step} {t}" for t in range(1, after_assignment.size + 1) for step in ("assign", "update")]
    ax = _axes(ax, figsize=(max(5.0, 0.75 * values.size + 1.5), 3.8))
    ax.plot(np.arange(values.size), values, color="#777777", linewidth=1, zorder=1)
    kinds = [("after an assignment", PALETTE[0]), ("after an update", PALETTE[1])]
    for offset, (label, color) in enumerate(kinds):
        x = np.arange(offset, values.size, 2)
        ax.scatter(x, values[x], s=60, color=color, edgecolor="black", linewidth=0.5, zorder=2, label=label)
    for x, value in enumerate(values):
        ax.annotate(f"{value:.3f}", (x, value), xytext=(0, 7), textcoords="offset points", ha="center",
                    fontsize=8)
    ax.set_xticks(range(values.size), names, rotation=30)
    ax.set(ylabel="WCSS", title=title)
    ax.legend()
    return ax


def plot_plusplus_step(X, centers, *, next_index=None, ax=None, names=None, title=None, bounds=None,
                       xlabel="feature 1", ylabel="feature 2"):
    r"""One step of k-means++ seeding: every point sized and coloured by its chance :math:`D(x)^2 / \sum D^2`.

    :math:`D(x)^2` is the squared distance to the nearest centre chosen so far
    (:func:`course_lib.kmeans.squared_distances_to_centroids`); with no centre yet
    every point has the same chance. Chosen centres are numbered crosses; the
    point picked next (``next_index``) gets a ring.
    """
    X = check_array(X, name="X")
    centers = np.asarray(centers, dtype=float).reshape(-1, X.shape[1])
    if X.shape[1] != 2:
        raise ValueError(f"plot_plusplus_step draws the plane: X needs 2 columns, got {X.shape[1]}.")
    if next_index is not None and not 0 <= next_index < X.shape[0]:
        raise ValueError(f"next_index must be a row of X (0 to {X.shape[0] - 1}), got {next_index}.")
    if len(centers):
        d2 = squared_distances_to_centroids(X, centers).min(axis=1)
        chance = d2 / d2.sum() if d2.sum() > 0 else np.full(X.shape[0], 1 / X.shape[0])
    else:
        chance = np.full(X.shape[0], 1 / X.shape[0])
    ax = _axes(ax)
    sizes = 12 + 300 * chance / chance.max()
    points = ax.scatter(X[:, 0], X[:, 1], s=sizes, c=chance, cmap="viridis", vmin=0, edgecolor="black",
                        linewidth=0.3, zorder=2)
    ax.figure.colorbar(points, ax=ax, label="chance of being picked next")
    if len(centers):
        ax.scatter(centers[:, 0], centers[:, 1], marker="X", s=230, c=PALETTE[3], edgecolor="black",
                   linewidth=1.2, zorder=4, label="centres chosen")
        for number, center in enumerate(centers, start=1):
            ax.annotate(str(number), center, xytext=(7, 7), textcoords="offset points", fontweight="bold",
                        zorder=5)
    if next_index is not None:
        ax.scatter(*X[next_index], s=420, facecolor="none", edgecolor=PALETTE[1], linewidth=2.5, zorder=3,
                   label="picked next")
    if names is not None:
        for point, name in zip(X, names):
            ax.annotate(str(name), point, xytext=(5, -10), textcoords="offset points", fontsize=8)
    if bounds is not None:
        ax.set_xlim(bounds[0][0], bounds[1][0])
        ax.set_ylim(bounds[0][1], bounds[1][1])
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if len(centers) or next_index is not None:
        ax.legend(loc="best", markerscale=0.6)
    if title:
        ax.set_title(title)
    return ax


def plot_inertia_spread(results, *, ax=None, title="Final WCSS of many runs", rtol=1e-6):
    """Final WCSS of many runs per strategy, one dot per run; the best found is a dashed line.

    ``results`` maps a strategy name to the final WCSS of each of its runs. The
    label under each strategy says how many of its runs reached the best value
    (within ``rtol``): a run above the line stopped in a worse local minimum.
    """
    if not results:
        raise ValueError("results must map at least one strategy name to its runs' WCSS values.")
    values = {name: check_array(v, name=f"results[{name!r}]", ensure_2d=False) for name, v in results.items()}
    best = min(v.min() for v in values.values())
    ax = _axes(ax)
    ticks = []
    for i, (name, runs) in enumerate(values.items()):
        spread = np.linspace(-0.22, 0.22, runs.size) if runs.size > 1 else np.zeros(1)
        ax.scatter(i + spread, runs, s=26, color=PALETTE[i % len(PALETTE)], edgecolor="black", linewidth=0.3)
        at_best = int(np.sum(runs <= best * (1 + rtol)))
        ticks.append(f"{name}\n{at_best} of {runs.size} at the best")
    ax.axhline(best, color="black", linestyle="--", linewidth=1, label=f"best found = {best:.3f}")
    ax.set_xticks(range(len(ticks)), ticks)
    ax.set(ylabel="final WCSS", title=title)
    ax.legend(loc="upper right")
    return ax
