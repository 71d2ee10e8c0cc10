"""Figures for lesson 01 (similarity and distance): what a distance measures, and how scaling changes it.

The numbers shown come from :mod:`course_lib.distances`; nothing here is a
second copy of the maths.
"""

from numbers import Real

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from .._validation import check_array, check_scalar
from ..distances import cosine_similarity, euclidean, manhattan, pairwise_distances
from . import PALETTE, _axes, cluster_colors

__all__ = ["plot_groupings_by_feature", "plot_distance_geometry", "plot_unit_circles", "plot_distance_heatmap",
           "plot_scaled_versions"]


def plot_groupings_by_feature(X, labels_by_feature, *, groups, feature_names, axes=None):
    """Where each person sits on one feature at a time, coloured by the clusters found from that feature alone.

    One panel per column of ``X``: the column's value across, one row per group
    (e.g. job) down, so the reader sees which groups end up together when only
    that feature counts.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels_by_feature : sequence of n_features label arrays
        ``labels_by_feature[j]``: the clusters found from column ``j`` alone.
    groups : sequence of str, length n_samples
        Each row's group (shown as the panel's rows and by marker shape).
    feature_names : sequence of str, length n_features
    axes : sequence of Axes, optional
    """
    X = check_array(X, name="X")
    groups = np.asarray(groups, dtype=object)
    n_samples, n_features = X.shape
    if len(labels_by_feature) != n_features or len(feature_names) != n_features:
        raise ValueError(f"X has {n_features} feature(s): give one label array and one name per feature, got "
                         f"{len(labels_by_feature)} label arrays and {len(feature_names)} names.")
    if groups.shape != (n_samples,):
        raise ValueError(f"groups must name the group of each of the {n_samples} rows, got {groups.shape[0]}.")
    if axes is None:
        _, axes = plt.subplots(1, n_features, figsize=(5.2 * n_features, 3.2), squeeze=False)
        axes = axes[0]
    names = list(dict.fromkeys(groups))
    markers = ["o", "s", "^", "D", "v", "P"]
    for j, ax in enumerate(axes):
        labels = np.asarray(labels_by_feature[j])
        colors = cluster_colors(labels)
        for row, name in enumerate(names):
            members = np.flatnonzero(groups == name)
            offsets = np.linspace(-0.18, 0.18, len(members)) if len(members) > 1 else np.zeros(1)
            ax.scatter(X[members, j], row + offsets, c=list(colors[members]), marker=markers[row % len(markers)],
                       s=70, edgecolor="black", linewidth=0.5)
        ax.set_yticks(range(len(names)), names)
        ax.set_ylim(len(names) - 0.5, -0.5)
        ax.set_xlabel(feature_names[j])
        ax.margins(x=0.12)
        n_found = len(np.unique(labels))
        ax.set_title(f"grouped by {feature_names[j]}\n{n_found} clusters")
    return axes


def plot_distance_geometry(a, b, *, names=("user A", "user B"), ax=None):
    """Two points and three ways to measure them: the straight line, the city-block path, the angle.

    The lengths printed in the legend are computed by :func:`course_lib.distances.euclidean`,
    :func:`~course_lib.distances.manhattan` and
    :func:`~course_lib.distances.cosine_similarity`.
    """
    a = check_array(a, name="a", ensure_2d=False)
    b = check_array(b, name="b", ensure_2d=False)
    if a.shape != (2,) or b.shape != (2,):
        raise ValueError(f"a and b must be points in the plane (two numbers each), got shapes {a.shape} and "
                         f"{b.shape}.")
    ax = _axes(ax, figsize=(5.6, 5.0))
    ax.plot(*np.c_[a, b], color=PALETTE[0], linewidth=2.4, label=f"Euclidean = {euclidean(a, b):.3f}")
    corner = np.array([b[0], a[1]])
    ax.plot(*np.c_[a, corner, b], color=PALETTE[1], linewidth=2.4, linestyle="--",
            label=f"Manhattan = {manhattan(a, b):.3f}")
    for point in (a, b):
        ax.plot([0, point[0]], [0, point[1]], color=PALETTE[2], linewidth=1.2, linestyle=":")
    angles = np.arctan2([a[1], b[1]], [a[0], b[0]])
    radius = 0.3 * min(np.linalg.norm(a), np.linalg.norm(b))
    arc = np.linspace(angles.min(), angles.max(), 50)
    ax.plot(radius * np.cos(arc), radius * np.sin(arc), color=PALETTE[2], linewidth=2.0,
            label=f"cosine similarity = {cosine_similarity(a, b):.3f}")
    ax.scatter(*np.c_[a, b], s=90, c=[PALETTE[3], PALETTE[4]], zorder=3, edgecolor="black")
    for point, name in zip((a, b), names):
        ax.annotate(f"{name} {tuple(float(v) for v in point)}", point, xytext=(6, 6),
                    textcoords="offset points")
    ax.scatter([0], [0], c="black", s=20)
    corners = np.vstack([a, b, np.zeros(2)])
    low, high = corners.min(axis=0), corners.max(axis=0)
    span = max(high - low)
    ax.set_xlim(low[0] - 0.1 * span, high[0] + 0.45 * span)
    ax.set_ylim(low[1] - 0.1 * span, high[1] + 0.2 * span)
    ax.set_aspect("equal")
    ax.set(xlabel="feature 1", ylabel="feature 2", title="One pair of points, three measures")
    ax.legend(loc="lower right")
    return ax


def plot_unit_circles(ps=(1, 1.5, 2, 3, 6), *, ax=None, n_directions=721):
    r"""The "unit circle" of the Minkowski distance for several ``p``: all points at distance 1 from the origin.

    For each direction :math:`u`, the point :math:`u / d_p(u, 0)` lies at distance 1,
    with :math:`d_p` from :func:`course_lib.distances.pairwise_distances`
    (``metric='minkowski'``). ``p=1`` gives a diamond, ``p=2`` the round circle,
    and growing ``p`` approaches the square of the largest-coordinate distance.
    """
    ps = [check_scalar(p, "p", Real, min_val=1, fix="Minkowski distances need p >= 1.") for p in ps]
    if not ps:
        raise ValueError("ps must list at least one power p >= 1.")
    ax = _axes(ax, figsize=(5.4, 5.2))
    angle = np.linspace(0, 2 * np.pi, n_directions)
    directions = np.c_[np.cos(angle), np.sin(angle)]
    origin = np.zeros((1, 2))
    special = {1: " (Manhattan)", 2: " (Euclidean)"}
    for i, p in enumerate(ps):
        lengths = pairwise_distances(directions, origin, metric="minkowski", p=p)[:, 0]
        boundary = directions / lengths[:, None]
        ax.plot(boundary[:, 0], boundary[:, 1], color=PALETTE[i % len(PALETTE)], linewidth=2,
                label=f"p = {p:g}{special.get(p, '')}")
    ax.plot([1, -1, -1, 1, 1], [1, 1, -1, -1, 1], color="#777777", linestyle="--", linewidth=1,
            label="p → ∞ (largest difference)")
    ax.set_aspect("equal")
    ax.set(xlabel="difference in feature 1", ylabel="difference in feature 2",
           title="Points at distance 1 from the centre")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_distance_heatmap(D, *, names=None, ax=None, title="Pairwise distances", decimals=2, label="distance"):
    """A distance matrix as a heatmap, each cell written out when the matrix is small (12 rows or fewer)."""
    D = check_array(D, name="D")
    n_rows, n_cols = D.shape
    if names is not None and len(names) != n_rows:
        raise ValueError(f"names must give one name per row ({n_rows}), got {len(names)}.")
    ax = _axes(ax, figsize=(0.55 * n_cols + 2.6, 0.5 * n_rows + 1.6))
    image = ax.imshow(D, cmap="viridis")
    ax.figure.colorbar(image, ax=ax, label=label, shrink=0.85)
    if n_rows <= 12 and n_cols <= 12:
        middle = (D.max() + D.min()) / 2
        for i in range(n_rows):
            for j in range(n_cols):
                ax.text(j, i, f"{D[i, j]:.{decimals}f}", ha="center", va="center", fontsize=8,
                        color="white" if D[i, j] < middle else "black")
    if names is not None:
        ax.set_yticks(range(n_rows), names)
        if n_rows == n_cols:
            ax.set_xticks(range(n_cols), names, rotation=45, ha="right")
    ax.grid(False)
    ax.set_title(title)
    return ax


def plot_scaled_versions(tables, *, titles, feature_names, names=None, equal_aspect=True, axes=None):
    """The same small table several times (raw, scaled one way, another way), side by side.

    With ``equal_aspect`` one unit is as long across as up, as a distance sees it:
    in the raw table a salary unit and an age unit count the same, so the ages'
    small range hardly moves the points.

    Parameters
    ----------
    tables : sequence of arrays of shape (n_samples, 2)
    titles : sequence of str
    feature_names : (str, str)
        Names of the two columns (the axes).
    names : sequence of str, optional
        Each row's name, written next to its point.
    """
    tables = [check_array(t, name="tables[i]") for t in tables]
    if len(titles) != len(tables):
        raise ValueError(f"give one title per table: {len(tables)} tables, {len(titles)} titles.")
    if any(t.shape != tables[0].shape or t.shape[1] != 2 for t in tables):
        raise ValueError("every table must have the same rows and exactly two columns (one per axis).")
    if axes is None:
        _, axes = plt.subplots(1, len(tables), figsize=(4.3 * len(tables), 4.0), squeeze=False)
        axes = axes[0]
    for ax, table, title in zip(axes, tables, titles):
        ax.scatter(table[:, 0], table[:, 1], s=60, c=PALETTE[0], edgecolor="black", linewidth=0.5, zorder=3)
        if names is not None:
            for point, name in zip(table, names):
                ax.annotate(str(name), point, xytext=(4, 4), textcoords="offset points", fontsize=8)
        if equal_aspect:
            ax.set_aspect("equal", adjustable="datalim")
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.set(xlabel=feature_names[0], ylabel=feature_names[1], title=title)
    return axes
