"""Figures for lesson 05 (hierarchical clustering).

* The tree: :func:`plot_dendrogram` (with a cut line and the clusters below it
  coloured), :func:`plot_dendrogram_panels` (several side by side), and
  :func:`plot_cut_clusters` (the points in the same colours, via :func:`leaf_ordered_clusters`).
* How it is built: :func:`plot_linkage_definitions` (what single, complete, average and
  Ward measure between two groups), :func:`plot_merge_sequence` (one panel per merge) and
  :func:`plot_ward_merge_costs` (each Ward merge adds its cost to the WCSS).
* What it costs: :func:`plot_hierarchical_cost` (measured time and memory against n).

Cluster distances come from :mod:`course_lib.hierarchical`; nothing here computes them a second way.
"""

from numbers import Integral, Real

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection

from .._validation import check_array, check_scalar
from ..distances import pairwise_distances
from ..hierarchical import METHODS, cluster_distance, dendrogram, fcluster
from . import PALETTE, _axes, _grid, plot_time_vs_size

__all__ = [
    "ABOVE_CUT_COLOR", "dendrogram_cut_height", "plot_dendrogram", "leaf_ordered_clusters", "plot_cut_clusters",
    "plot_dendrogram_panels", "plot_linkage_definitions", "plot_merge_sequence", "plot_ward_merge_costs",
    "plot_hierarchical_cost",
]

ABOVE_CUT_COLOR = "#595959"


def dendrogram_cut_height(Z, n_clusters):
    """A height at which cutting the tree of ``Z`` leaves ``n_clusters`` clusters: halfway between merges.

    After the lowest ``n - n_clusters`` merges the tree has ``n_clusters`` clusters, so
    the cut goes halfway between merge number ``n - n_clusters`` and the next one (below
    the first merge for ``n_clusters = n``, above the last for ``n_clusters = 1``). If
    those two merges have the same height no cut can separate them, and the cut,
    which includes merges at its height, leaves fewer clusters.
    """
    heights = np.sort(np.asarray(Z, dtype=float)[:, 2])
    n = len(heights) + 1
    check_scalar(n_clusters, "n_clusters", Integral, min_val=1, max_val=n,
                 fix=f"The tree has {n} leaves, so it can be cut into 1 to {n} clusters.")
    if n_clusters == n:
        return heights[0] / 2
    if n_clusters == 1:
        return heights[-1] + 0.05 * max(heights[-1], 1e-12)
    return (heights[n - n_clusters - 1] + heights[n - n_clusters]) / 2


def leaf_ordered_clusters(Z, cut_height):
    """The flat clusters below a cut, numbered 0, 1, ... from left to right along the dendrogram's leaves.

    The same clusters as ``fcluster(Z, cut_height, criterion='distance')`` (points joined by
    merges at height at most ``cut_height``), renumbered so that cluster ``c`` is the one
    :func:`plot_dendrogram` draws in ``PALETTE[c]``: neighbouring clusters in the tree get
    neighbouring colours, and a scatter of the points can use the same colours.
    """
    check_scalar(cut_height, "cut_height", Real, min_val=0,
                 fix="It is a height on the dendrogram's vertical axis; dendrogram_cut_height(Z, k) gives one "
                     "that leaves k clusters.")
    leaves = dendrogram(Z)["leaves"]
    flat = fcluster(Z, cut_height, criterion="distance")
    _, first_seen = np.unique(flat[leaves], return_index=True)
    order_of = {flat[leaves[i]]: rank for rank, i in enumerate(np.sort(first_seen))}
    return np.array([order_of[c] for c in flat], dtype=np.intp)


def plot_dendrogram(Z, *, ax=None, cut_height=None, n_clusters=None, labels=None, max_labels=60,
                    title=None, ylabel="merge height", linewidth=1.4):
    """Draw the merge tree of a linkage matrix, optionally with a cut line and the clusters below it coloured.

    Parameters
    ----------
    Z : array-like of shape (n_samples - 1, 4)
        A linkage matrix (:func:`course_lib.hierarchical.linkage`, or SciPy's).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made if not given.
    cut_height : float, optional
        Draw a dashed horizontal line at this height. Each cluster below it (points
        joined by merges at or below the line, as ``fcluster(Z, cut_height,
        criterion='distance')`` finds them) gets its own palette colour, from left
        to right; merges above the line are grey.
    n_clusters : int, optional
        Instead of ``cut_height``: cut where the tree has this many clusters
        (see :func:`dendrogram_cut_height`).
    labels : sequence of str, optional
        One name per point, written under its leaf (default: the point's index).
        Leaf names are left out when there are more than ``max_labels`` leaves.
    title, ylabel : str, optional
    linewidth : float, default=1.4

    Returns
    -------
    ax : matplotlib Axes
        Its first collection holds the U-shaped links, in the order of
        :func:`course_lib.hierarchical.dendrogram`.
    """
    if cut_height is not None and n_clusters is not None:
        raise ValueError("Give either cut_height or n_clusters, not both: n_clusters chooses the cut height.")
    layout = dendrogram(Z)
    Z = np.asarray(Z, dtype=float)
    n = len(Z) + 1
    if n_clusters is not None:
        cut_height = dendrogram_cut_height(Z, n_clusters)
    if labels is not None and len(labels) != n:
        raise ValueError(f"labels must have one name per point ({n}), got {len(labels)}.")

    leaf_colors = np.full(n, "black", dtype=object)
    link_colors = [PALETTE[0]] * (n - 1)
    if cut_height is not None:
        leaf_colors = np.array([PALETTE[c % len(PALETTE)] for c in leaf_ordered_clusters(Z, cut_height)],
                               dtype=object)
        a_point_below = np.arange(2 * n - 1)
        for k in range(n - 1):
            a_point_below[n + k] = a_point_below[int(Z[k, 0])]
        link_colors = [leaf_colors[a_point_below[n + k]] if Z[k, 2] <= cut_height else ABOVE_CUT_COLOR
                       for k in layout["merges"]]

    ax = _axes(ax)
    segments = np.stack([layout["icoord"], layout["dcoord"]], axis=-1)  # one 4-corner polyline per merge
    ax.add_collection(LineCollection(segments, colors=link_colors, linewidths=linewidth))
    top = max(Z[:, 2].max(), cut_height or 0.0) or 1.0
    ax.set_xlim(0, 10 * n)
    ax.set_ylim(0, 1.05 * top)
    ax.grid(False, axis="x")
    leaf_x = 5 + 10 * np.arange(n)
    if n <= max_labels:
        names = [str(labels[i]) if labels is not None else str(i) for i in layout["leaves"]]
        ax.set_xticks(leaf_x, names, rotation=90 if n > 20 else 0)
        for tick, point in zip(ax.get_xticklabels(), layout["leaves"]):
            tick.set_color(leaf_colors[point])
    else:
        ax.set_xticks([])
    if cut_height is not None:
        k = len(np.unique(fcluster(Z, cut_height, criterion="distance")))
        ax.axhline(cut_height, color="black", linestyle="--", linewidth=1.0,
                   label=f"cut at {cut_height:.3g}: {k} cluster{'s' if k != 1 else ''}")
        ax.legend(loc="upper right")
    ax.set(xlabel="points (leaves)", ylabel=ylabel)
    if title:
        ax.set_title(title)
    return ax


# --------------------------------------------------------------------------------------------------
# The clusters a cut gives, in the plane
# --------------------------------------------------------------------------------------------------

def _points_to_draw(X):
    """Validated points: 1 column drawn along a line, otherwise the first two columns."""
    X = check_array(X, name="X")
    if X.shape[1] == 1:
        return np.column_stack([X[:, 0], np.zeros(len(X))]), True
    return X[:, :2], False


def plot_cut_clusters(X, Z, cut_height=None, *, n_clusters=None, ax=None, names=None, title=None,
                      xlabel="feature 1", ylabel="feature 2", s=30):
    """The points coloured by the clusters that cutting the tree ``Z`` gives, in :func:`plot_dendrogram`'s colours.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The points ``Z`` was built from. One feature is drawn along a line; otherwise
        the first two columns.
    Z : array-like of shape (n_samples - 1, 4)
        Their linkage matrix.
    cut_height : float, optional
        Where to cut (``fcluster(Z, cut_height, criterion='distance')``).
    n_clusters : int, optional
        Instead: cut where the tree has this many clusters (:func:`dendrogram_cut_height`).
    names : sequence of str, optional
        A name written next to each point.
    """
    if (cut_height is None) == (n_clusters is None):
        raise ValueError("Give exactly one of cut_height and n_clusters.")
    points, on_a_line = _points_to_draw(X)
    Z = np.asarray(Z, dtype=float)
    if len(Z) + 1 != len(points):
        raise ValueError(f"Z describes {len(Z) + 1} points but X has {len(points)} rows: pass the points Z was built "
                         "from.")
    if n_clusters is not None:
        cut_height = dendrogram_cut_height(Z, n_clusters)
    labels = leaf_ordered_clusters(Z, cut_height)
    ax = _axes(ax)
    ax.scatter(points[:, 0], points[:, 1], c=[PALETTE[c % len(PALETTE)] for c in labels], s=s, edgecolor="white",
               linewidth=0.5, zorder=3)
    if names is not None:
        for point, name in zip(points, names):
            ax.annotate(str(name), point, xytext=(0, 8) if on_a_line else (5, 4), textcoords="offset points",
                        ha="center" if on_a_line else "left", fontsize=9)
    k = labels.max() + 1
    ax.set_title(title or f"Cut at {cut_height:.3g}: {k} cluster{'s' if k != 1 else ''}")
    if on_a_line:
        ax.set_yticks([])
        ax.set(xlabel=xlabel)
    else:
        ax.set(xlabel=xlabel, ylabel=ylabel)
    return ax


def plot_dendrogram_panels(linkages, *, n_clusters=None, labels=None, ncols=2, panel_size=(5.4, 3.6), sharey=False):
    """Several dendrograms side by side, ``{title: Z}``, each cut into ``n_clusters`` clusters if given."""
    if not linkages:
        raise ValueError("linkages must map a title to a linkage matrix, e.g. {'single': Z}.")
    _, axes = _grid(len(linkages), ncols, panel_size)
    for ax, (title, Z) in zip(axes, linkages.items()):
        plot_dendrogram(Z, ax=ax, n_clusters=n_clusters, labels=labels, title=title)
    if sharey:
        top = max(ax.get_ylim()[1] for ax in axes)
        for ax in axes:
            ax.set_ylim(0, top)
    plt.tight_layout()
    return axes


# --------------------------------------------------------------------------------------------------
# What each linkage measures
# --------------------------------------------------------------------------------------------------

def plot_linkage_definitions(A, B, *, axes=None, xlabel="feature 1", ylabel="feature 2"):
    r"""Two groups of points and, in four panels, what each linkage measures between them.

    single: the closest pair; complete: the farthest pair; average: every pair (its
    value is their mean); Ward: the two centroids, with the height
    :math:`\sqrt{2 \Delta J}` (:func:`course_lib.hierarchical.ward_height`). Each title
    gives the value from :func:`course_lib.hierarchical.cluster_distance`.
    """
    A = check_array(A, name="A", min_features=2)[:, :2]
    B = check_array(B, name="B", min_features=2)[:, :2]
    if axes is None:
        _, axes = plt.subplots(1, 4, figsize=(15, 3.6), sharex=True, sharey=True)
    D = pairwise_distances(A, B)
    closest = np.unravel_index(np.argmin(D), D.shape)
    farthest = np.unravel_index(np.argmax(D), D.shape)
    for ax, method in zip(axes, METHODS):
        value = cluster_distance(A, B, method)
        if method == "average":
            for a in A:
                for b in B:
                    ax.plot([a[0], b[0]], [a[1], b[1]], color="#777777", linewidth=0.7, alpha=0.6, zorder=1)
        elif method == "ward":
            mean_a, mean_b = A.mean(axis=0), B.mean(axis=0)
            ax.plot(*np.c_[mean_a, mean_b], color="black", linewidth=2, zorder=1)
            for mean, color in ((mean_a, PALETTE[0]), (mean_b, PALETTE[1])):
                ax.scatter(*mean, marker="X", s=170, color=color, edgecolor="black", zorder=4)
        else:
            i, j = closest if method == "single" else farthest
            ax.plot([A[i, 0], B[j, 0]], [A[i, 1], B[j, 1]], color="black", linewidth=2, zorder=1)
        ax.scatter(A[:, 0], A[:, 1], s=50, color=PALETTE[0], edgecolor="white", zorder=3, label="cluster A")
        ax.scatter(B[:, 0], B[:, 1], s=50, color=PALETTE[1], edgecolor="white", zorder=3, label="cluster B")
        what = {"single": "closest pair", "complete": "farthest pair", "average": "mean of all pairs",
                "ward": "sqrt(2ΔJ), from the centroids"}[method]
        ax.set_title(f"{method}: {what}\nd(A, B) = {value:.3f}", fontsize=11)
        ax.set(xlabel=xlabel)
    axes[0].set_ylabel(ylabel)
    axes[0].legend(loc="best")
    plt.tight_layout()
    return axes


# --------------------------------------------------------------------------------------------------
# Merging step by step
# --------------------------------------------------------------------------------------------------

def _clusters_after(Z, n, k):
    """{cluster number: member points} after the first ``k`` merges of ``Z`` (SciPy's numbering)."""
    members = {i: [i] for i in range(n)}
    for row in range(k):
        a, b = (int(c) for c in Z[row, :2])
        members[n + row] = members.pop(a) + members.pop(b)
    return members


def plot_merge_sequence(X, Z, *, names=None, steps=None, ncols=3, panel_size=(3.7, 3.3), xlabel="feature 1",
                        ylabel="feature 2"):
    """Agglomerative clustering as it happens: one panel per merge, in the plane.

    In panel k (after merge k) every cluster of two or more points has its own colour
    and a line from its centroid to each member; points still alone are grey; the
    cluster just formed is ringed. The title names the merge and its height.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    Z : array-like of shape (n_samples - 1, 4)
        The linkage matrix of ``X``.
    names : sequence of str, optional
        One name per point (default: its index).
    steps : sequence of int, optional
        Which merges to show (1 .. n_samples - 1); default all.
    """
    X = check_array(X, name="X")
    if X.shape[1] != 2:
        raise ValueError(f"plot_merge_sequence draws the plane: X needs 2 columns, got {X.shape[1]}.")
    Z = np.asarray(Z, dtype=float)
    n = len(X)
    if len(Z) != n - 1:
        raise ValueError(f"Z describes {len(Z) + 1} points but X has {n} rows: pass the points Z was built from.")
    names = [str(i) for i in range(n)] if names is None else [str(name) for name in names]
    steps = list(range(1, n)) if steps is None else [int(k) for k in steps]
    if any(not 1 <= k <= n - 1 for k in steps):
        raise ValueError(f"steps are merge numbers from 1 to {n - 1}, got {steps}.")
    _, axes = _grid(len(steps), ncols, panel_size)
    pad = 0.12 * np.maximum(np.ptp(X, axis=0), 1e-9)
    for ax, k in zip(axes, steps):
        members = _clusters_after(Z, n, k)
        ax.scatter(X[:, 0], X[:, 1], s=36, color="#9A9A9A", edgecolor="white", zorder=2)
        for cluster, points in members.items():
            if len(points) < 2:
                continue
            color = PALETTE[(cluster - n) % len(PALETTE)]
            centre = X[points].mean(axis=0)
            for p in points:
                ax.plot([centre[0], X[p, 0]], [centre[1], X[p, 1]], color=color, linewidth=1.0, zorder=1)
            ax.scatter(X[points, 0], X[points, 1], s=36, color=color, edgecolor="white", zorder=3)
        newest = members[n + k - 1]
        ax.scatter(X[newest, 0], X[newest, 1], s=150, facecolor="none", edgecolor="black", linewidth=1.6, zorder=4)
        for point, name in zip(X, names):
            ax.annotate(name, point, xytext=(4, 4), textcoords="offset points", fontsize=9, zorder=5)
        a, b = (int(c) for c in Z[k - 1, :2])
        joined = [", ".join(names[p] for p in sorted(_clusters_after(Z, n, k - 1)[c])) for c in (a, b)]
        ax.set_title(f"merge {k}: {{{joined[0]}}} + {{{joined[1]}}}\nat height {Z[k - 1, 2]:.3g}", fontsize=10)
        ax.set_xlim(X[:, 0].min() - pad[0], X[:, 0].max() + pad[0])
        ax.set_ylim(X[:, 1].min() - pad[1], X[:, 1].max() + pad[1])
        ax.set(xlabel=xlabel, ylabel=ylabel)
    plt.tight_layout()
    return axes


def plot_ward_merge_costs(merge_costs, wcss_after, *, ax=None, title="Ward: each merge adds its cost ΔJ to the WCSS"):
    r"""Ward's merge costs :math:`\Delta J` as bars and the within-cluster sum of squares after each merge as a line.

    The line climbs by exactly the bar below it: :math:`J` after merge k is the sum
    of the first k merge costs (it is 0 when every point is alone).
    """
    costs = check_array(merge_costs, name="merge_costs", ensure_2d=False)
    wcss = check_array(wcss_after, name="wcss_after", ensure_2d=False)
    if costs.shape != wcss.shape:
        raise ValueError(f"merge_costs and wcss_after need one value per merge, got {costs.size} and {wcss.size}.")
    ax = _axes(ax)
    merges = np.arange(1, costs.size + 1)
    ax.bar(merges, costs, color=PALETTE[1], label="merge cost ΔJ", zorder=2)
    ax.plot(np.r_[0, merges], np.r_[0.0, wcss], marker="o", color=PALETTE[0], label="WCSS after the merge", zorder=3)
    for k, cost in zip(merges, costs):
        ax.annotate(f"{cost:.3g}", (k, cost), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8)
    ax.set_xticks(np.r_[0, merges])
    ax.set(xlabel="merge", ylabel="sum of squares", title=title)
    ax.legend(loc="upper left")
    return ax


def plot_hierarchical_cost(sizes, seconds, megabytes, *, axes=None):
    """Measured time and memory of hierarchical clustering against n, on log-log axes with slope-2 references.

    ``seconds`` and ``megabytes`` are measured at each of ``sizes`` (e.g. with
    ``time.perf_counter`` and ``tracemalloc``); each panel is
    :func:`course_lib.plotting.plot_time_vs_size` with a dashed line of slope 2, the
    growth of the :math:`n^2` pairwise distances.
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    plot_time_vs_size({"linkage (Ward)": (sizes, seconds)}, ax=axes[0], reference_slope=2.0,
                      title="Time grows like n²")
    plot_time_vs_size({"peak memory": (sizes, megabytes)}, ax=axes[1], reference_slope=2.0,
                      title="Memory grows like n²")
    axes[1].set_ylabel("megabytes")
    plt.tight_layout()
    return axes
