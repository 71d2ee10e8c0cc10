"""The course's figures: one colour-blind-safe palette and one style, so every
notebook looks the same and stays short.

The palette, the style and the basic cluster scatter live here; the figures of
each lesson live in one module per topic (``course_lib/plotting/<topic>.py``,
listing its public names in ``__all__``), all reachable from here, e.g.
``from course_lib.plotting import plot_dendrogram``. Functions draw on a
matplotlib ``Axes`` (created if not given) and return it, so a notebook cell
can restyle or annotate the result.
"""

from importlib import import_module

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb

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


TOPICS = ("kmeans", "evaluation", "dbscan", "hierarchical", "gmm", "comparison", "personas", "applications")


def _topic_modules():
    for topic in TOPICS:
        try:
            yield import_module(f"{__name__}.{topic}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{topic}":
                raise


def __getattr__(name):
    for module in _topic_modules():
        if name in getattr(module, "__all__", ()):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | {n for m in _topic_modules() for n in getattr(m, "__all__", ())})
