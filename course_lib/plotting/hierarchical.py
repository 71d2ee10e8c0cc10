"""Dendrograms for lesson 05 (hierarchical clustering): the tree, a cut line, and the clusters below it coloured."""

from numbers import Integral

import numpy as np
from matplotlib.collections import LineCollection

from .._validation import check_scalar
from ..hierarchical import dendrogram, fcluster
from . import PALETTE, _axes

__all__ = ["ABOVE_CUT_COLOR", "dendrogram_cut_height", "plot_dendrogram"]

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
        flat = fcluster(Z, cut_height, criterion="distance")
        # Colour clusters left to right along the leaves, so neighbouring clusters get neighbouring colours.
        _, first_seen = np.unique(flat[layout["leaves"]], return_index=True)
        order_of = {flat[layout["leaves"][i]]: rank for rank, i in enumerate(np.sort(first_seen))}
        leaf_colors = np.array([PALETTE[order_of[c] % len(PALETTE)] for c in flat], dtype=object)
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
