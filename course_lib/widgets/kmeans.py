r"""Lesson 02's interactive demos: k-means one iteration at a time, k-means++ one centre at a time.

* :func:`kmeans_stepper`: an ``iteration`` slider (0 = the starting centroids)
  and a choice of start; the picture shows the clusters of that iteration and
  the line below it the objective, ``WCSS = 12.345``. The iterations are the
  records of :attr:`course_lib.KMeans.history_`.
* :func:`kmeans_plusplus_stepper`: a ``centres`` slider through the k-means++
  seeding of :func:`course_lib.kmeans_plusplus`; every point is drawn as large
  as its chance :math:`D(x)^2/\sum_y D(y)^2` of being picked next.

The widgets show their pictures as PNG images (an ``ipywidgets.Image``), so they
need nothing beyond JupyterLab 4 and ipywidgets 8, and everything they show can
be read back in plain Python: the tests move the sliders and compare the images
and texts without a browser. The pictures come from :mod:`course_lib.plotting.kmeans`.
"""

from typing import NamedTuple, Optional

import ipywidgets as widgets
import numpy as np

from .._validation import check_array, check_option, check_random_state
from ..kmeans import KMeans, LloydIteration, kmeans_plusplus, squared_distances_to_centroids
from ..plotting import _bounds
from ..plotting.kmeans import plot_kmeans_state, plot_plusplus_step
from . import FIGSIZE, _image, _png

__all__ = [
    "INIT_CHOICES", "crowded_start", "kmeans_frames", "wcss_text", "PlusPlusFrame", "plusplus_frames",
    "KMeansStepper", "KMeansPlusPlusStepper", "kmeans_stepper", "kmeans_plusplus_stepper",
]

# The starts the stepper offers (plus "given" when you pass your own centroids).
INIT_CHOICES = ("k-means++", "random", "crowded corner")
PLUSPLUS_FIGSIZE = (6.2, 4.3)


def crowded_start(X, n_clusters):
    """A deliberately poor start: the ``n_clusters`` points nearest the lower-left corner of the data.

    The corner is the smallest value of every feature; the centroids begin
    bunched together there, so k-means needs many iterations to spread them out
    and may stop in a poor local minimum.
    """
    X = check_array(X, name="X")
    if not 1 <= n_clusters <= X.shape[0]:
        raise ValueError(f"n_clusters must be between 1 and the number of points ({X.shape[0]}), got "
                         f"{n_clusters}.")
    to_corner = squared_distances_to_centroids(X, X.min(axis=0, keepdims=True))[:, 0]
    return X[np.argsort(to_corner, kind="stable")[:n_clusters]]


def kmeans_frames(X, n_clusters, *, init="k-means++", random_state=0):
    """Every iteration of one k-means run, as :class:`course_lib.kmeans.LloydIteration` records.

    Frame 0 holds the starting centroids with each point assigned to its nearest
    one; frame ``t`` the centroids after ``t`` updates. These are the records of
    ``KMeans(n_init=1, keep_history=True).history_``; if the run stopped on the
    tolerance rather than on unchanged labels, the final centroids (``labels_``,
    ``inertia_``) are added as one last frame.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    init : 'k-means++', 'random', 'crowded corner' or array of shape (n_clusters, n_features)
    random_state : int, RandomState or None
    """
    X = check_array(X, name="X")
    if isinstance(init, str):
        check_option(init, "init", INIT_CHOICES)
        if init == "crowded corner":
            init = crowded_start(X, n_clusters)
    model = KMeans(n_clusters, init=init, n_init=1, random_state=random_state, keep_history=True).fit(X)
    frames = list(model.history_)
    last = frames[-1]
    if not (np.array_equal(last.labels, model.labels_)
            and np.array_equal(last.centroids, model.cluster_centers_)):
        frames.append(LloydIteration(model.cluster_centers_, model.labels_, model.inertia_))
    return frames


def wcss_text(inertia):
    """The stepper's objective line: ``'WCSS = 12.345'`` (three decimals)."""
    return f"WCSS = {inertia:.3f}"


def _frame_caption(frames, t):
    n_clusters = len(frames[t].centroids)
    if t == 0:
        return (f"Start: {n_clusters} centroids are placed and every point joins its nearest one "
                "(the shading shows each centroid's region).")
    moved = int(np.sum(frames[t].labels != frames[t - 1].labels))
    if moved == 0:
        return (f"Iteration {t}: the centroids moved to their clusters' means and no point changed "
                "cluster: k-means has converged.")
    return (f"Iteration {t}: the centroids moved to their clusters' means (line: their path), and "
            f"{moved} point{'s' if moved != 1 else ''} changed cluster (ringed).")


class KMeansStepper(widgets.VBox):
    """The k-means stepper (see :func:`kmeans_stepper`); its parts are attributes the tests can drive.

    Attributes
    ----------
    init_choice : ipywidgets.Dropdown
        The start ('k-means++', 'random', 'crowded corner', or 'given').
    slider : ipywidgets.IntSlider
        Described "iteration"; 0 shows the starting centroids.
    image : ipywidgets.Image
        The picture of the current iteration (PNG bytes in ``image.value``).
    wcss : ipywidgets.Label
        ``"WCSS = 12.345"`` for the current iteration.
    caption : ipywidgets.HTML
        What happened in this iteration.
    frames : list of LloydIteration
        The run being shown (see :func:`kmeans_frames`).
    """

    def __init__(self, X, n_clusters=3, *, init="k-means++", random_state=0, names=None, xlabel="feature 1",
                 ylabel="feature 2"):
        self._X = check_array(X, name="X", min_features=2)
        if self._X.shape[1] != 2:
            raise ValueError(f"The stepper draws the plane, so X needs exactly 2 columns, got {self._X.shape[1]}. "
                             "Reduce the data to 2 features (e.g. with PCA) first.")
        self._n_clusters = n_clusters
        self._random_state = random_state
        self._names, self._xlabel, self._ylabel = names, xlabel, ylabel
        options = list(INIT_CHOICES)
        if isinstance(init, str):
            check_option(init, "init", INIT_CHOICES)
            self._given = None
        else:
            self._given = check_array(init, name="init")
            options.append("given")
            init = "given"
        self.init_choice = widgets.Dropdown(options=options, value=init, description="start")
        self.slider = widgets.IntSlider(value=0, min=0, max=0, description="iteration")
        self.image = _image(FIGSIZE)
        self.wcss = widgets.Label()
        self.caption = widgets.HTML()
        self.frames = []
        super().__init__([widgets.HBox([self.init_choice, self.slider]), self.image, self.wcss, self.caption])
        self._run()
        self.slider.observe(lambda _: self._show(), names="value")
        self.init_choice.observe(lambda _: self._run(), names="value")

    def _run(self):
        choice = self.init_choice.value
        init = self._given if choice == "given" else choice
        self.frames = kmeans_frames(self._X, self._n_clusters, init=init, random_state=self._random_state)
        self._limits = _bounds(self._X, np.vstack([f.centroids for f in self.frames]))
        with self.slider.hold_trait_notifications():
            self.slider.value = 0
            self.slider.max = len(self.frames) - 1
        self._show()

    def _show(self):
        t = self.slider.value
        frame = self.frames[t]
        changed = None if t == 0 else frame.labels != self.frames[t - 1].labels
        title = f"{self.init_choice.value} start, iteration {t} of {len(self.frames) - 1}"
        self.image.value = _png(lambda ax: plot_kmeans_state(
            self._X, frame.centroids, frame.labels, ax=ax, trail=[f.centroids for f in self.frames[:t]],
            changed=changed, names=self._names, bounds=self._limits, title=title, xlabel=self._xlabel,
            ylabel=self._ylabel))
        self.wcss.value = wcss_text(frame.inertia)
        self.caption.value = _frame_caption(self.frames, t)


def kmeans_stepper(X, n_clusters=3, *, init="k-means++", random_state=0, names=None, xlabel="feature 1",
                   ylabel="feature 2"):
    """Step through one k-means run with a slider: clusters, centroids, their paths and the WCSS.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    n_clusters : int, default=3
    init : 'k-means++', 'random', 'crowded corner' or array of shape (n_clusters, 2), default='k-means++'
        The start shown first; the drop-down switches between the starts (an
        array adds the choice "given").
    random_state : int, default=0
        Seed of the random starts, so the same choice always shows the same run.
    names : sequence of str, optional
        Names written next to the points (small worked examples).

    Returns
    -------
    KMeansStepper
        A widget: display it (it is the last value of a cell) in JupyterLab.
    """
    return KMeansStepper(X, n_clusters, init=init, random_state=random_state, names=names, xlabel=xlabel,
                         ylabel=ylabel)


class PlusPlusFrame(NamedTuple):
    r"""One step of k-means++ seeding, as :func:`plusplus_frames` lists them.

    ``centers`` are the centres chosen so far (shape (j, n_features)),
    ``d2`` each point's squared distance to the nearest of them (:math:`D(x)^2`;
    all ones before the first pick), ``chance`` = ``d2 / d2.sum()``, and
    ``next_index`` the row of ``X`` picked next (None after the last pick).
    """

    centers: np.ndarray
    d2: np.ndarray
    chance: np.ndarray
    next_index: Optional[int]


def plusplus_frames(X, n_clusters, *, random_state=0, n_local_trials=None):
    r"""The k-means++ seeding of :func:`course_lib.kmeans_plusplus`, one frame per centre chosen (0 to k).

    The picks are those of ``kmeans_plusplus(X, n_clusters, ...)``; each frame
    adds the :math:`D(x)^2` values (by :func:`course_lib.kmeans.squared_distances_to_centroids`)
    that made the next pick likely. ``n_local_trials=1`` is the original
    algorithm, one :math:`D^2` draw per centre; the default (as scikit-learn) draws
    a few candidates and keeps the one that lowers :math:`\sum D^2` most.
    """
    X = check_array(X, name="X")
    _, indices = kmeans_plusplus(X, n_clusters, random_state=random_state, n_local_trials=n_local_trials)
    frames = []
    for j in range(n_clusters + 1):
        centers = X[indices[:j]]
        d2 = squared_distances_to_centroids(X, centers).min(axis=1) if j else np.ones(X.shape[0])
        total = d2.sum()
        chance = d2 / total if total > 0 else np.full(X.shape[0], 1 / X.shape[0])
        frames.append(PlusPlusFrame(centers, d2, chance, int(indices[j]) if j < n_clusters else None))
    return frames


def _plusplus_caption(frames, j, names):
    frame = frames[j]
    name = (lambda i: names[i]) if names is not None else (lambda i: f"#{i}")
    if j == 0:
        return (f"No centre yet: every point has the same chance 1/{len(frame.d2)}. "
                f"The first pick is point {name(frame.next_index)}.")
    text = f"{j} centre{'s' if j != 1 else ''} chosen; the sum of D(x)² is {frame.d2.sum():.3f}. "
    if frame.next_index is None:
        return text + "All centres are chosen: this sum is the WCSS of the starting centroids."
    return (text + f"Next pick: point {name(frame.next_index)}, which had chance "
            f"{frame.chance[frame.next_index]:.3f} in one D² draw.")


class KMeansPlusPlusStepper(widgets.VBox):
    """The k-means++ stepper (see :func:`kmeans_plusplus_stepper`); its parts are attributes.

    Attributes
    ----------
    slider : ipywidgets.IntSlider
        Described "centres": how many centres are chosen so far (0 to k).
    image : ipywidgets.Image
    caption : ipywidgets.HTML
    frames : list of PlusPlusFrame
    """

    def __init__(self, X, n_clusters, *, random_state=0, n_local_trials=None, names=None, xlabel="feature 1",
                 ylabel="feature 2"):
        self._X = check_array(X, name="X")
        if self._X.shape[1] != 2:
            raise ValueError(f"The stepper draws the plane, so X needs exactly 2 columns, got {self._X.shape[1]}.")
        check_random_state(random_state)
        self._names, self._xlabel, self._ylabel = names, xlabel, ylabel
        self.frames = plusplus_frames(self._X, n_clusters, random_state=random_state,
                                      n_local_trials=n_local_trials)
        self._limits = _bounds(self._X, self._X)
        self.slider = widgets.IntSlider(value=0, min=0, max=n_clusters, description="centres")
        self.image = _image(PLUSPLUS_FIGSIZE)
        self.caption = widgets.HTML()
        super().__init__([self.slider, self.image, self.caption])
        self._show()
        self.slider.observe(lambda _: self._show(), names="value")

    def _show(self):
        j = self.slider.value
        frame = self.frames[j]
        title = f"k-means++: {j} of {len(self.frames) - 1} centres chosen"
        self.image.value = _png(lambda ax: plot_plusplus_step(
            self._X, frame.centers, next_index=frame.next_index, ax=ax, names=self._names, title=title,
            bounds=self._limits, xlabel=self._xlabel, ylabel=self._ylabel), figsize=PLUSPLUS_FIGSIZE)
        self.caption.value = _plusplus_caption(self.frames, j, self._names)


def kmeans_plusplus_stepper(X, n_clusters, *, random_state=0, n_local_trials=None, names=None,
                            xlabel="feature 1", ylabel="feature 2"):
    r"""Step through k-means++ seeding: chosen centres, and every point's chance :math:`D(x)^2/\sum D^2`.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    n_clusters : int
    random_state : int, default=0
    n_local_trials : int or None, default=None
        1 for the original algorithm; None for scikit-learn's greedy variant.
    names : sequence of str, optional

    Returns
    -------
    KMeansPlusPlusStepper
    """
    return KMeansPlusPlusStepper(X, n_clusters, random_state=random_state, n_local_trials=n_local_trials,
                                 names=names, xlabel=xlabel, ylabel=ylabel)
