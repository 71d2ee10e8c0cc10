"""Lesson 05's interactive demo: cut a dendrogram with a slider and see the clusters it gives.

:func:`dendrogram_cutter` draws the merge tree with a dashed cut line
(:func:`course_lib.plotting.plot_dendrogram`) and, beside it, the points coloured by
the clusters below the line in the same colours (:func:`course_lib.plotting.plot_cut_clusters`).
Two linked sliders move the line: ``cut height`` (a height on the tree) and ``clusters``
(how many clusters you want; the line jumps halfway between the two merges that
bracket that number). The line below the picture reads ``clusters: N``.

The clusters are :func:`course_lib.hierarchical.fcluster` with ``criterion='distance'``
(SciPy's rule: merges at or below the line stay merged). The picture is a PNG in an
``ipywidgets.Image``, so the widget needs nothing beyond JupyterLab 4 and ipywidgets 8,
and the tests drive it without a browser: set a slider's ``value``, read ``.clusters.value``.
"""

from numbers import Integral, Real
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np

from .._validation import check_array, check_scalar
from ..hierarchical import check_linkage_matrix, linkage
from ..plotting.hierarchical import dendrogram_cut_height, leaf_ordered_clusters, plot_cut_clusters, plot_dendrogram
from . import _nice_step, _png

__all__ = ["CutState", "cut_state", "is_linkage_matrix", "clusters_text", "DendrogramCutter", "dendrogram_cutter"]

FIGSIZE = (11.0, 4.2)


class CutState(NamedTuple):
    """One position of the cut: its height, each point's cluster (numbered left to right along the
    dendrogram, as :func:`course_lib.plotting.leaf_ordered_clusters`) and how many clusters there are."""

    cut_height: float
    labels: np.ndarray
    n_clusters: int


def cut_state(Z, cut_height):
    """The clusters of cutting the tree ``Z`` at ``cut_height`` (merges at or below it stay merged)."""
    cut_height = float(check_scalar(cut_height, "cut_height", Real, min_val=0,
                                    fix="It is a height on the dendrogram's vertical axis."))
    labels = leaf_ordered_clusters(Z, cut_height)
    return CutState(cut_height, labels, int(labels.max()) + 1)


def clusters_text(n_clusters):
    """The cutter's line: ``'clusters: 3'``."""
    return f"clusters: {n_clusters}"


def is_linkage_matrix(A):
    """Whether ``A`` is a linkage matrix (SciPy's format, as :func:`course_lib.hierarchical.linkage` returns)
    rather than data: 4 columns naming each existing cluster once, non-negative heights, and cluster sizes
    that add up."""
    A = np.asarray(A)
    if A.ndim != 2 or A.shape[1] != 4 or not np.issubdtype(A.dtype, np.number):
        return False
    try:
        Z = check_linkage_matrix(A)
    except ValueError:
        return False
    n = len(Z) + 1
    sizes = np.ones(2 * n - 1)
    for k, (left, right) in enumerate(Z[:, :2].astype(np.intp)):
        sizes[n + k] = sizes[left] + sizes[right]
    return bool(np.array_equal(sizes[n:], Z[:, 3]))


class DendrogramCutter(widgets.VBox):
    """The dendrogram cutter (see :func:`dendrogram_cutter`); its parts are attributes the tests drive.

    Attributes
    ----------
    height_slider : ipywidgets.FloatSlider
        Described "cut height".
    clusters_slider : ipywidgets.IntSlider
        Described "clusters": moving it puts the cut where the tree has that many clusters.
    image : ipywidgets.Image
        The dendrogram with the cut line (and the coloured points, when they are known), PNG bytes.
    clusters : ipywidgets.Label
        ``"clusters: N"``.
    caption : ipywidgets.HTML
    Z : ndarray
        The linkage matrix shown.
    state : CutState
        The current cut.
    """

    def __init__(self, X_or_Z, method="ward", *, points=None, n_clusters=2, cut_height=None, names=None,
                 xlabel="feature 1", ylabel="feature 2", title=None):
        if is_linkage_matrix(X_or_Z):
            self.Z = check_array(X_or_Z, name="Z")
            self._points = None if points is None else check_array(points, name="points")
            self._method = None
        else:
            if points is not None:
                raise ValueError("points is for a linkage matrix given as the first argument; with data, the "
                                 "data are the points.")
            self._points = check_array(X_or_Z, name="X", min_samples=2)
            self.Z = linkage(self._points, method=method)
            self._method = method
        n = len(self.Z) + 1
        if self._points is not None and len(self._points) != n:
            raise ValueError(f"points has {len(self._points)} rows but the tree has {n} leaves.")
        if names is not None and len(names) != n:
            raise ValueError(f"names must have one entry per point ({n}), got {len(names)}.")
        self._names, self._xlabel, self._ylabel, self._title = names, xlabel, ylabel, title
        if cut_height is None:
            n_clusters = check_scalar(n_clusters, "n_clusters", Integral, min_val=1, max_val=n,
                                      fix=f"The tree has {n} leaves.")
            cut_height = dendrogram_cut_height(self.Z, n_clusters)
        cut_height = float(check_scalar(cut_height, "cut_height", Real, min_val=0,
                                        fix="It is a height on the dendrogram's vertical axis."))
        top = 1.05 * max(float(self.Z[:, 2].max()), cut_height, 1e-12)
        step = _nice_step(0.0, top)
        self.height_slider = widgets.FloatSlider(value=cut_height, min=0.0, max=top, step=step,
                                                 description="cut height", style={"description_width": "initial"},
                                                 readout_format=f".{max(0, -int(np.floor(np.log10(step))))}f")
        self.clusters_slider = widgets.IntSlider(value=1, min=1, max=n, description="clusters")
        self.image = widgets.Image(format="png")
        self.clusters = widgets.Label()
        self.caption = widgets.HTML()
        self._updating = False
        super().__init__([widgets.HBox([self.height_slider, self.clusters_slider]), self.image, self.clusters,
                          self.caption])
        self._show(self.height_slider.value)
        self.height_slider.observe(self._height_moved, names="value")
        self.clusters_slider.observe(self._clusters_moved, names="value")

    def _height_moved(self, change):
        if not self._updating:
            self._show(change["new"])

    def _clusters_moved(self, change):
        if self._updating:
            return
        wanted = change["new"]
        height = dendrogram_cut_height(self.Z, wanted)
        self._show(height, wanted=wanted)

    def _show(self, height, wanted=None):
        self.state = cut_state(self.Z, height)
        self._updating = True
        try:
            with self.height_slider.hold_trait_notifications(), self.clusters_slider.hold_trait_notifications():
                self.height_slider.value = self.state.cut_height
                self.clusters_slider.value = self.state.n_clusters
        finally:
            self._updating = False
        self.image.value = _png(self._draw, figsize=FIGSIZE if self._points is not None else (6.4, 4.2))
        self.clusters.value = clusters_text(self.state.n_clusters)
        self.caption.value = self._caption(wanted)

    def _draw(self, ax):
        title = self._title or (f"{self._method} linkage" if self._method else "dendrogram")
        if self._points is None:
            plot_dendrogram(self.Z, ax=ax, cut_height=self.state.cut_height, labels=self._names, title=title)
            return
        grid = ax.figure.add_gridspec(1, 2, width_ratios=(1.2, 1))
        ax.set_subplotspec(grid[0])
        plot_dendrogram(self.Z, ax=ax, cut_height=self.state.cut_height, labels=self._names, title=title)
        plot_cut_clusters(self._points, self.Z, self.state.cut_height, ax=ax.figure.add_subplot(grid[1]),
                          names=self._names if len(self.Z) < 40 else None, xlabel=self._xlabel, ylabel=self._ylabel)

    def _caption(self, wanted):
        height, k = self.state.cut_height, self.state.n_clusters
        text = (f"The dashed line at height {height:.3g} undoes every merge above it: the vertical lines it "
                f"crosses are the {k} cluster{'s' if k != 1 else ''}.")
        if wanted is not None and wanted != k:
            text += (f" No cut leaves exactly {wanted} clusters here: merges at the same height can only be "
                     "undone together.")
        return text


def dendrogram_cutter(X_or_Z, method="ward", *, points=None, n_clusters=2, cut_height=None, names=None,
                      xlabel="feature 1", ylabel="feature 2", title=None):
    """Cut a dendrogram with a slider: the tree, the cut line, and the points coloured by the clusters below it.

    Parameters
    ----------
    X_or_Z : array-like
        Data of shape (n_samples, n_features), clustered here with
        :func:`course_lib.hierarchical.linkage`, or a linkage matrix of shape
        (n_samples - 1, 4) built elsewhere (then pass ``points`` to see them coloured).
    method : {'single', 'complete', 'average', 'ward'}, default='ward'
        The linkage, when data are given.
    points : array-like of shape (n_samples, n_features), optional
        With a linkage matrix: the points it was built from. One feature is drawn
        along a line, otherwise the first two columns.
    n_clusters : int, default=2
        Where the cut starts (unless ``cut_height`` is given).
    cut_height : float, optional
        The starting height of the cut.
    names : sequence of str, optional
        Leaf labels (and point names, for fewer than 40 points).

    Returns
    -------
    DendrogramCutter
        A widget: display it (as the last value of a cell) in JupyterLab. Its sliders
        are described "cut height" and "clusters"; its ``clusters`` line reads ``clusters: N``.
    """
    return DendrogramCutter(X_or_Z, method, points=points, n_clusters=n_clusters, cut_height=cut_height, names=names,
                            xlabel=xlabel, ylabel=ylabel, title=title)
