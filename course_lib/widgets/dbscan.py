"""Lesson 04's interactive demo: DBSCAN with an ``eps`` and a ``min_samples`` slider.

:func:`dbscan_explorer` refits :class:`course_lib.DBSCAN` whenever a slider moves and
shows the result with the markers of :func:`course_lib.plotting.plot_point_types`
(core large, border small and ringed, noise grey crosses). Below the picture one line
reads ``clusters found: N`` and the next counts the noise, core and border points.

The picture is a PNG in an ``ipywidgets.Image``, so the widget needs nothing beyond
JupyterLab 4 and ipywidgets 8, and the tests drive it without a browser: set a
slider's ``value`` and read ``.clusters.value``, ``.counts.value`` and ``.image.value``.
"""

from numbers import Integral, Real

import ipywidgets as widgets
import numpy as np

from .._validation import check_array, check_scalar
from ..dbscan import DBSCAN
from ..plotting.dbscan import plot_point_types
from ..plotting import _bounds
from . import _nice_step, _png

__all__ = ["DBSCANState", "dbscan_state", "clusters_text", "counts_text", "DBSCANExplorer", "dbscan_explorer"]

# Sliders move in about this many steps across their range.
EPS_STEPS = 100


class DBSCANState:
    """What the explorer shows for one (eps, min_samples): the fitted model and its two text lines."""

    def __init__(self, model):
        self.model = model
        self.labels = model.labels_
        self.point_types = model.point_types_
        self.n_clusters = len(np.unique(self.labels[self.labels >= 0]))
        self.clusters = clusters_text(self.labels)
        self.counts = counts_text(self.point_types)


def dbscan_state(X, eps, min_samples):
    """Fit ``course_lib.DBSCAN(eps, min_samples=min_samples)`` on ``X``; return a :class:`DBSCANState`."""
    return DBSCANState(DBSCAN(eps, min_samples=min_samples).fit(X))


def clusters_text(labels):
    """``'clusters found: N'``, N the number of clusters (noise, label -1, is not a cluster)."""
    labels = np.asarray(labels)
    return f"clusters found: {len(np.unique(labels[labels >= 0]))}"


def counts_text(point_types):
    """``'noise points: 3 · core points: 40 · border points: 7'``."""
    types = np.asarray(point_types)
    return " · ".join(f"{kind} points: {int(np.sum(types == kind))}" for kind in ("noise", "core", "border"))


def _eps_range(eps, eps_range):
    if eps_range is None:
        eps_range = (eps / 5, eps * 3)
    low, high = (float(check_scalar(v, "eps_range", Real, min_val=0, include_min=False,
                                    fix="eps_range=(smallest, largest) radius, both positive."))
                 for v in eps_range)
    if not low < high:
        raise ValueError(f"eps_range must be (smallest, largest) with smallest < largest, got {eps_range}.")
    if not low <= eps <= high:
        raise ValueError(f"eps={eps} lies outside eps_range={eps_range}; widen the range or move eps.")
    return low, high


class DBSCANExplorer(widgets.VBox):
    """The DBSCAN explorer (see :func:`dbscan_explorer`); its parts are attributes the tests drive.

    Attributes
    ----------
    eps_slider : ipywidgets.FloatSlider
        Described "eps".
    min_samples_slider : ipywidgets.IntSlider
        Described "min_samples".
    image : ipywidgets.Image
        The picture (PNG bytes in ``image.value``).
    clusters : ipywidgets.Label
        ``"clusters found: N"``.
    counts : ipywidgets.Label
        Noise, core and border counts.
    state : DBSCANState
        The fit behind what is shown.
    """

    def __init__(self, X, eps=0.5, min_samples=5, *, eps_range=None, min_samples_range=(1, 30),
                 xlabel="feature 1", ylabel="feature 2", title=None):
        self._X = check_array(X, name="X")
        if self._X.shape[1] != 2:
            raise ValueError(f"The explorer draws the plane, so X needs exactly 2 columns, got {self._X.shape[1]}. "
                             "Reduce the data to 2 features (e.g. with PCA) first.")
        eps = float(check_scalar(eps, "eps", Real, min_val=0, include_min=False, fix="eps is a positive radius."))
        min_samples = int(check_scalar(min_samples, "min_samples", Integral, min_val=1,
                                       fix="min_samples counts the point itself, so 1 is the smallest."))
        low, high = _eps_range(eps, eps_range)
        smallest, largest = (int(check_scalar(v, "min_samples_range", Integral, min_val=1,
                                              fix="min_samples_range=(smallest, largest), whole numbers >= 1."))
                             for v in min_samples_range)
        if not smallest <= min_samples <= largest:
            raise ValueError(f"min_samples={min_samples} lies outside min_samples_range={min_samples_range}.")
        step = _nice_step(low, high, EPS_STEPS)
        self._xlabel, self._ylabel, self._title = xlabel, ylabel, title
        self._limits = _bounds(self._X, self._X, margin=0.05)
        self.eps_slider = widgets.FloatSlider(value=eps, min=low, max=high, step=step, description="eps",
                                              readout_format=f".{max(0, -int(np.floor(np.log10(step))))}f")
        self.min_samples_slider = widgets.IntSlider(value=min_samples, min=smallest, max=largest,
                                                    description="min_samples",
                                                    style={"description_width": "initial"})
        self.image = widgets.Image(format="png")
        self.clusters = widgets.Label()
        self.counts = widgets.Label()
        super().__init__([widgets.HBox([self.eps_slider, self.min_samples_slider]), self.image, self.clusters,
                          self.counts])
        self._show()
        self.eps_slider.observe(lambda _: self._show(), names="value")
        self.min_samples_slider.observe(lambda _: self._show(), names="value")

    def _show(self):
        eps, min_samples = self.eps_slider.value, self.min_samples_slider.value
        self.state = dbscan_state(self._X, eps, min_samples)
        title = self._title or "DBSCAN"
        low, high = self._limits

        def draw(ax):
            plot_point_types(self._X, self.state.labels, self.state.point_types, ax=ax, scale=0.6,
                             title=f"{title}: eps = {eps:g}, min_samples = {min_samples}",
                             xlabel=self._xlabel, ylabel=self._ylabel)
            ax.set_xlim(low[0], high[0])
            ax.set_ylim(low[1], high[1])

        self.image.value = _png(draw)
        self.clusters.value = self.state.clusters
        self.counts.value = self.state.counts


def dbscan_explorer(X, eps=0.5, min_samples=5, *, eps_range=None, min_samples_range=(1, 30),
                    xlabel="feature 1", ylabel="feature 2", title=None):
    """Move ``eps`` and ``min_samples`` and watch DBSCAN's clusters, border points and noise change.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    eps : float, default=0.5
        Starting radius.
    min_samples : int, default=5
        Starting density threshold (the point itself counts).
    eps_range : (float, float), optional
        The eps slider's ends; default ``(eps / 5, 3 * eps)``. The step is a round
        number giving about 100 positions.
    min_samples_range : (int, int), default=(1, 30)
    xlabel, ylabel, title : str

    Returns
    -------
    DBSCANExplorer
        A widget: display it (as the last value of a cell) in JupyterLab. Its
        ``clusters`` line reads ``clusters found: N``.
    """
    return DBSCANExplorer(X, eps, min_samples, eps_range=eps_range, min_samples_range=min_samples_range,
                          xlabel=xlabel, ylabel=ylabel, title=title)
