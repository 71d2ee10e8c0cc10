"""The course's figures: one colour-blind-safe palette and one style, so every
notebook looks the same and stays short.

The palette, the style and the basic cluster scatter live here; the figures of
each lesson live in one module per topic (``course_lib/plotting/<topic>.py``,
listing its public names in ``__all__``), all reachable from here, e.g.
``from course_lib.plotting import plot_dendrogram``. Functions draw on a
matplotlib ``Axes`` (created if not given) and return it, so a notebook cell
can restyle or annotate the result.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.ticker import NullLocator

from .._topics import topic_exports
from .._validation import check_array

# Okabe & Ito (2008): distinguishable with every common form of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
NOISE_COLOR = "#9A9A9A"

COURSE_STYLE = {
    "figure.figsize": (6.4, 4.2),
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.25,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "legend.frameon": False,
    "image.cmap": "viridis",
}


def use_course_style():
    """Apply the course style to every later matplotlib figure."""
    mpl.rcParams.update(COURSE_STYLE)


def cluster_colors(labels):
    """One colour per label: the palette in label order, grey for noise (-1)."""
    labels = np.asarray(labels)
    colors = np.empty(labels.shape, dtype=object)
    colors[labels < 0] = NOISE_COLOR
    for label in np.unique(labels[labels >= 0]):
        colors[labels == label] = PALETTE[int(label) % len(PALETTE)]
    return colors


def _axes(ax, figsize=None):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _grid(n_panels, ncols, panel_size):
    """A figure with ``n_panels`` axes in rows of ``ncols`` (unused cells hidden): ``(fig, axes)``."""
    ncols = max(1, min(ncols, n_panels))
    nrows = -(-n_panels // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows),
                             squeeze=False)
    for ax in axes.ravel()[n_panels:]:
        ax.set_visible(False)
    return fig, axes.ravel()[:n_panels]


def _light(color, amount=0.8):
    """``color`` mixed with white (``amount`` of white), for backgrounds."""
    return tuple((1 - amount) * np.array(to_rgb(color)) + amount)


def _bounds(X, centroids, margin=0.08):
    """Axis limits ``(low, high)`` that show the first two columns of ``X`` and the centroids, padded."""
    both = np.vstack([X[:, :2], centroids[:, :2]])
    low, high = both.min(axis=0), both.max(axis=0)
    pad = margin * np.maximum(high - low, 1e-9)
    return low - pad, high + pad


def scatter_clusters(X, labels, *, centers=None, ax=None, title=None, xlabel="feature 1",
                     ylabel="feature 2", s=25):
    """Scatter the first two columns of ``X`` coloured by cluster; centres as crosses."""
    X = np.asarray(X, dtype=float)
    ax = _axes(ax)
    ax.scatter(X[:, 0], X[:, 1], c=list(cluster_colors(labels)), s=s, edgecolor="white", linewidth=0.4)
    if centers is not None:
        centers = np.asarray(centers, dtype=float)
        ax.scatter(centers[:, 0], centers[:, 1], marker="X", s=180, c="black", edgecolor="white",
                   linewidth=1.2, label="centroids")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if title:
        ax.set_title(title)
    return ax


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


TOPICS = ("course", "distances", "kmeans", "evaluation", "dbscan", "hierarchical", "gmm", "comparison",
          "personas", "applications")

__getattr__, __dir__ = topic_exports(__name__, TOPICS, globals())
