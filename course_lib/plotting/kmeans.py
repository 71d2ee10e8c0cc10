"""Figures for the first lessons: the learning path (00), distances and scaling (01), k-means step by step (02).

Every function draws on matplotlib Axes (made if not given) and returns them, so a
notebook cell is one call. The numbers shown come from ``course_lib`` itself
(distances from :mod:`course_lib.distances`, nearest centroids from
:mod:`course_lib.kmeans`); nothing here is a second copy of the maths.
"""

from numbers import Real

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.ticker import MaxNLocator, NullLocator

from .._validation import check_array, check_scalar
from ..distances import cosine_similarity, euclidean, manhattan, pairwise_distances
from ..kmeans import assign_to_nearest_centroid, squared_distances_to_centroids
from . import PALETTE, _axes, _bounds, _grid, _light, cluster_colors, scatter_clusters

__all__ = [
    "LEARNING_PATH", "plot_learning_path",
    "plot_groupings_by_feature", "plot_distance_geometry", "plot_unit_circles", "plot_distance_heatmap",
    "plot_scaled_versions", "plot_cluster_panels",
    "plot_kmeans_state", "plot_kmeans_iterations", "plot_wcss_by_iteration", "plot_objective_half_steps",
    "plot_plusplus_step",
    "plot_inertia_spread", "plot_time_vs_size",
]

# (number, title, stage) of every lesson, in the order of COURSE_MAP.md.
LEARNING_PATH = (
    ("00", "Start here", "Foundations"),
    ("01", "Similarity and distance", "Foundations"),
    ("02", "k-means", "Algorithms"),
    ("03", "Choosing K", "Algorithms"),
    ("04", "DBSCAN", "Algorithms"),
    ("05", "Hierarchical", "Algorithms"),
    ("06", "GMM and EM", "Algorithms"),
    ("07", "Comparing algorithms", "From clusters to people"),
    ("08", "Clusters to personas", "From clusters to people"),
    ("09", "Spotify case study", "Projects"),
    ("10", "Mini-project: app users", "Projects"),
    ("11", "Colour quantization", "Projects"),
    ("12", "Document topics", "Projects"),
)


# --------------------------------------------------------------------------------------
# Lesson 00: the map of the course
# --------------------------------------------------------------------------------------

def plot_learning_path(path=LEARNING_PATH, *, here=None, ax=None):
    """The lessons as boxes in one column per stage, joined by arrows in the order to take them.

    Parameters
    ----------
    path : sequence of (number, title, stage)
        Lessons in order; consecutive lessons of the same stage share a column.
    here : str, optional
        Number of the lesson to mark "you are here" (a thicker, dark outline).
    ax : matplotlib Axes, optional
    """
    if not path:
        raise ValueError("path must list at least one lesson as (number, title, stage).")
    stages = list(dict.fromkeys(stage for _, _, stage in path))
    ax = _axes(ax, figsize=(12, 5.4))
    box_w, box_h, row_gap, column_gap = 2.75, 0.66, 0.95, 3.3
    positions, rows_used = [], {stage: 0 for stage in stages}
    for number, title, stage in path:
        column = stages.index(stage)
        x, y = column * column_gap, -rows_used[stage] * row_gap
        rows_used[stage] += 1
        positions.append((x, y))
        color = PALETTE[column % len(PALETTE)]
        mine = here is not None and number == here
        ax.add_patch(FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h, boxstyle="round,pad=0.04",
                                    facecolor=_light(color, 0.75), edgecolor="black" if mine else color,
                                    linewidth=2.6 if mine else 1.2))
        label = f"{number}  {title}" + ("\n(you are here)" if mine else "")
        ax.text(x, y, label, ha="center", va="center", fontsize=9, fontweight="bold" if mine else "normal")
    for (x0, y0), (x1, y1) in zip(positions, positions[1:]):
        start, end = ((x0, y0 - box_h / 2), (x1, y1 + box_h / 2)) if x0 == x1 else \
            ((x0 + box_w / 2, y0), (x1 - box_w / 2, y1))
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color="#444444",
                                     shrinkA=2, shrinkB=2, connectionstyle="arc3,rad=0.0"))
    for column, stage in enumerate(stages):
        ax.text(column * column_gap, 0.5, stage, ha="center", va="bottom", fontsize=11, fontweight="bold",
                color=PALETTE[column % len(PALETTE)])
    deepest = max(rows_used.values())
    ax.set_xlim(-box_w / 2 - 0.2, (len(stages) - 1) * column_gap + box_w / 2 + 0.2)
    ax.set_ylim(-(deepest - 1) * row_gap - box_h, 0.95)
    ax.set_axis_off()
    ax.set_title("The learning path: one notebook after the other")
    return ax


# --------------------------------------------------------------------------------------
# Lesson 01: similarity, distances, scaling
# --------------------------------------------------------------------------------------

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


def plot_cluster_panels(X, labels, *, centers=None, titles=None, xlabel="feature 1", ylabel="feature 2",
                        ncols=3, panel_size=(4.2, 3.6), names=None, s=25):
    """Several clusterings side by side, one :func:`~course_lib.plotting.scatter_clusters` panel each.

    Parameters
    ----------
    X : array of shape (n_samples, >=2), or a list of such arrays (one per panel)
        The first two columns are drawn.
    labels : list of label arrays, one per panel
    centers : list of (n_clusters, >=2) arrays or None, optional
    titles : list of str, optional
    xlabel, ylabel : str or list of str (one per panel)
    names : sequence of str, optional
        A name written next to each point (small tables).
    s : float, default=25
        Marker size.
    """
    n_panels = len(labels)
    if n_panels == 0:
        raise ValueError("labels must hold at least one label array (one per panel).")
    Xs = list(X) if isinstance(X, (list, tuple)) else [X] * n_panels
    centers = list(centers) if centers is not None else [None] * n_panels
    titles = list(titles) if titles is not None else [None] * n_panels
    xlabels = list(xlabel) if isinstance(xlabel, (list, tuple)) else [xlabel] * n_panels
    ylabels = list(ylabel) if isinstance(ylabel, (list, tuple)) else [ylabel] * n_panels
    if not all(len(v) == n_panels for v in (Xs, centers, titles, xlabels, ylabels)):
        raise ValueError(f"{n_panels} label arrays were given: X (when a list), centers, titles and axis labels "
                         "(when lists) need one entry per panel too.")
    _, axes = _grid(n_panels, ncols, panel_size)
    for ax, data, lab, cen, title, xl, yl in zip(axes, Xs, labels, centers, titles, xlabels, ylabels):
        data = check_array(data, name="X", min_features=2)
        if len(lab) != data.shape[0]:
            raise ValueError(f"a panel has {data.shape[0]} points but {len(lab)} labels.")
        scatter_clusters(data, lab, centers=None if cen is None else np.asarray(cen)[:, :2], ax=ax, title=title,
                         xlabel=xl, ylabel=yl, s=s)
        if names is not None:
            for point, name in zip(data, names):
                ax.annotate(str(name), point[:2], xytext=(5, 4), textcoords="offset points", fontsize=9)
    plt.tight_layout()
    return axes


# --------------------------------------------------------------------------------------
# Lesson 02: k-means step by step
# --------------------------------------------------------------------------------------

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


def plot_time_vs_size(series, *, ax=None, xlabel="number of points n", title="Time grows like n",
                      reference_slope=1.0):
    """Measured seconds against problem size on log-log axes, with each series' fitted slope.

    A straight line of slope 1 on log-log axes means time proportional to the
    size; the dashed reference line has slope ``reference_slope`` (``None``: no
    reference line).

    Parameters
    ----------
    series : dict {label: (sizes, seconds)}
    """
    if not series:
        raise ValueError("series must map at least one label to (sizes, seconds).")
    ax = _axes(ax)
    for i, (label, (sizes, seconds)) in enumerate(series.items()):
        sizes = check_array(sizes, name="sizes", ensure_2d=False)
        seconds = check_array(seconds, name="seconds", ensure_2d=False)
        if sizes.shape != seconds.shape or sizes.size < 2 or np.any(sizes <= 0) or np.any(seconds <= 0):
            raise ValueError(f"{label!r}: give as many positive sizes as positive timings, at least two.")
        slope = np.polyfit(np.log(sizes), np.log(seconds), 1)[0]
        ax.loglog(sizes, seconds, marker="o", color=PALETTE[i % len(PALETTE)],
                  label=f"{label} (slope {slope:.2f})")
    first_sizes, first_seconds = (np.asarray(v, dtype=float) for v in next(iter(series.values())))
    if reference_slope is not None:
        reference = first_seconds[0] * (first_sizes / first_sizes[0]) ** reference_slope
        ax.loglog(first_sizes, reference, color="#777777", linestyle="--",
                  label=f"slope {reference_slope:g} reference")
    ax.set_xticks(first_sizes, [f"{size:,.0f}" for size in first_sizes])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set(xlabel=xlabel, ylabel="seconds", title=title)
    ax.legend()
    return ax
