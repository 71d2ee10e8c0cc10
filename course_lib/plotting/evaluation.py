"""Figures for lesson 03, choosing K: the elbow, silhouette values and plots, the Davies-Bouldin and
Calinski-Harabasz curves, and how stable a clustering is across seeds and cohorts.

Every function draws what it is given (scores computed by :mod:`course_lib.metrics`,
labels from :class:`course_lib.KMeans`) on matplotlib Axes, made if not given, and
returns them, so a notebook cell is one call. Curves take a mapping ``{K: value}``,
so the K on the axis always matches the value next to it.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from ..metrics import check_labels
from . import NOISE_COLOR, PALETTE, _axes, cluster_colors

__all__ = [
    "plot_elbow", "plot_score_curve", "plot_k_selection",
    "plot_silhouette_point", "plot_silhouette_diagram", "plot_silhouette_diagrams",
    "plot_contingency", "plot_contingency_panels",
    "plot_stability", "plot_cohort_agreement",
]

# What each internal score rewards, for axis labels and for marking the best K.
SCORE_DIRECTIONS = ("higher", "lower")
HIGHLIGHT_COLOR = PALETTE[3]


def _curve(values, name):
    """``{K: value}`` as two float arrays sorted by K, or a clear error."""
    if not hasattr(values, "items") or len(values) == 0:
        raise ValueError(f"{name} must map each K to its value, e.g. {{2: 0.31, 3: 0.42}}; got {values!r}.")
    ks = np.array(sorted(values), dtype=float)
    if not np.all(ks == np.round(ks)) or ks.min() < 1:
        raise ValueError(f"the keys of {name} are numbers of clusters: whole numbers of at least 1, got {list(values)}.")
    ys = np.array([values[k] for k in sorted(values)], dtype=float)
    if not np.all(np.isfinite(ys)):
        raise ValueError(f"{name} holds NaN or infinity; every K needs a finite value.")
    return ks.astype(int), ys


def _mark(ax, k, value, text, ks, values, color=HIGHLIGHT_COLOR):
    """Ring the point (k, value), draw a dashed line through it and write ``text`` beside it,
    below the point when it is near the top of the curve and to its left at the last K."""
    ax.axvline(k, color=color, linestyle="--", linewidth=1.2, zorder=1)
    ax.scatter([k], [value], s=190, facecolor="none", edgecolor=color, linewidth=2.2, zorder=4)
    span = values.max() - values.min()
    near_top = span > 0 and (value - values.min()) / span > 0.7
    at_right = k == ks.max() and len(ks) > 1
    ax.annotate(text, (k, value), xytext=(-10 if at_right else 10, -18 if near_top else 10),
                textcoords="offset points", color=color, fontweight="bold", ha="right" if at_right else "left")


# --------------------------------------------------------------------------------------------------
# Curves against K
# --------------------------------------------------------------------------------------------------

def plot_elbow(inertia, *, elbow=None, candidates=None, relative=False, ax=None,
               title="Elbow: each extra cluster buys less"):
    """Within-cluster sum of squares (k-means inertia) against K.

    Parameters
    ----------
    inertia : dict {K: WCSS}
    elbow : int, optional
        The K to mark as the elbow (e.g. from :func:`course_lib.metrics.elbow_k`).
    candidates : (int, int), optional
        A range of K shaded as "where an eye might put the elbow", to show how
        ambiguous reading the bend by eye is.
    relative : bool, default=False
        Divide by the inertia of the smallest K, so curves of different data compare.
    """
    ks, values = _curve(inertia, "inertia")
    if relative:
        values = values / values[0]
    ax = _axes(ax)
    if candidates is not None:
        low, high = candidates
        ax.axvspan(low - 0.4, high + 0.4, color=PALETTE[5], alpha=0.15, zorder=0,
                   label=f"an eye could pick K = {low}..{high}")
    ax.plot(ks, values, marker="o", color=PALETTE[0], zorder=3)
    if elbow is not None:
        if elbow not in ks:
            raise ValueError(f"elbow={elbow} is not one of the K values plotted ({ks.tolist()}).")
        _mark(ax, elbow, values[ks.tolist().index(elbow)], f"elbow: K = {elbow}", ks, values)
    ax.set_xticks(ks)
    ax.set(xlabel="number of clusters K",
           ylabel="WCSS relative to K = %d" % ks[0] if relative else "WCSS (inertia)", title=title)
    if candidates is not None:
        ax.legend(loc="upper right")
    return ax


def plot_score_curve(scores, *, name, better="higher", ax=None, title=None, color=None, mark_best=True):
    """An internal score against K, with the best K marked.

    Parameters
    ----------
    scores : dict {K: score}
    name : str
        The score's name for the axis ("silhouette", "Davies-Bouldin", ...).
    better : {'higher', 'lower'}, default='higher'
        Which direction is better: the silhouette and Calinski-Harabasz reward high
        values, Davies-Bouldin low ones.
    """
    if better not in SCORE_DIRECTIONS:
        raise ValueError(f"better must be 'higher' or 'lower' (which values of {name} are better), got {better!r}.")
    ks, values = _curve(scores, name)
    ax = _axes(ax)
    ax.plot(ks, values, marker="o", color=color or PALETTE[0], zorder=3)
    if mark_best:
        best = int(np.argmax(values) if better == "higher" else np.argmin(values))
        _mark(ax, ks[best], values[best], f"best: K = {ks[best]}", ks, values)
    ax.set_xticks(ks)
    ax.set(xlabel="number of clusters K", ylabel=f"{name} ({better} is better)",
           title=title or f"{name} against K")
    return ax


def plot_k_selection(*, inertia, silhouette, davies_bouldin, calinski_harabasz, elbow=None, axes=None):
    """The four ways of choosing K side by side, each with its pick marked.

    ``inertia`` and the three scores are dicts {K: value}; ``elbow`` is the K the
    elbow rule chose.
    """
    if axes is None:
        _, axes = plt.subplots(1, 4, figsize=(17, 3.9))
    plot_elbow(inertia, elbow=elbow, ax=axes[0], title="Elbow (WCSS)")
    plot_score_curve(silhouette, name="silhouette", ax=axes[1], title="Silhouette", color=PALETTE[2])
    plot_score_curve(davies_bouldin, name="Davies-Bouldin", better="lower", ax=axes[2], title="Davies-Bouldin",
                     color=PALETTE[1])
    plot_score_curve(calinski_harabasz, name="Calinski-Harabasz", ax=axes[3], title="Calinski-Harabasz",
                     color=PALETTE[4])
    plt.tight_layout()
    return axes


# --------------------------------------------------------------------------------------------------
# Silhouette: one point, one clustering, several K
# --------------------------------------------------------------------------------------------------

def plot_silhouette_point(trace, *, ax=None, title=None):
    """The silhouette of one point drawn from its hand-calculation trace.

    Solid lines join the point to the other members of its cluster (their mean
    length is ``a``); dashed lines join it to the nearest other cluster (mean length
    ``b``). The title gives ``a``, ``b`` and ``s``.

    Parameters
    ----------
    trace : course_lib.handcalc.traces.SilhouetteTrace
        From :func:`course_lib.handcalc.silhouette_by_hand` (or a case's ``.trace``);
        the points must have two coordinates.
    """
    X = np.asarray(trace.points, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"plot_silhouette_point draws the plane: the trace's points need 2 coordinates, "
                         f"got shape {X.shape}.")
    labels = np.asarray(trace.labels)
    i = trace.index
    own = (labels == labels[i]) & (np.arange(len(X)) != i)
    nearest = labels == trace.nearest_cluster
    ax = _axes(ax, figsize=(5.6, 5.0))
    for j in np.flatnonzero(own):
        ax.plot(*np.c_[X[i], X[j]], color=PALETTE[0], linewidth=1.8, zorder=1)
    for j in np.flatnonzero(nearest):
        ax.plot(*np.c_[X[i], X[j]], color=PALETTE[1], linewidth=1.2, linestyle="--", zorder=1)
    codes, _ = check_labels(labels)
    ax.scatter(X[:, 0], X[:, 1], c=list(cluster_colors(codes)), s=80, edgecolor="black", linewidth=0.6, zorder=3)
    ax.scatter(*X[i], s=260, facecolor="none", edgecolor="black", linewidth=2, zorder=4)
    for point, name in zip(X, trace.names):
        ax.annotate(str(name), point, xytext=(6, -12), textcoords="offset points", fontsize=9)
    ax.plot([], [], color=PALETTE[0], linewidth=1.8, label=f"own cluster: a = {trace.a:.3f}")
    ax.plot([], [], color=PALETTE[1], linewidth=1.2, linestyle="--", label=f"nearest other cluster: b = {trace.b:.3f}")
    ax.legend(loc="lower right")
    ax.set_aspect("equal", adjustable="datalim")
    ax.set(xlabel="feature 1", ylabel="feature 2",
           title=title or f"Silhouette of {trace.names[i]}: s = (b - a) / max(a, b) = {trace.s:.3f}")
    return ax


def _right_edge(largest):
    """Right end of a silhouette axis: the next tenth above the largest value, at most 1."""
    return min(1.0, np.ceil((largest + 0.05) * 10) / 10)


def plot_silhouette_diagram(silhouette_values, labels, *, ax=None, title=None, highlight=False, gap=None):
    """A silhouette plot: every point's silhouette as a horizontal bar, sorted within its cluster.

    Clusters are stacked one above the other (cluster sizes show as heights), each
    in its colour; the dashed line is the mean silhouette. Bars left of 0 are
    points closer to another cluster than to their own.

    Parameters
    ----------
    silhouette_values : array-like of shape (n_samples,)
        From :func:`course_lib.metrics.silhouette_samples`.
    labels : array-like of shape (n_samples,)
    highlight : bool, default=False
        Draw a thick frame (the chosen K in a grid of diagrams).
    gap : int, optional
        Empty rows between clusters (default: 2 % of the points).
    """
    values = np.asarray(silhouette_values, dtype=float)
    codes, n_clusters = check_labels(labels, values.shape[0] if values.ndim == 1 else None,
                                     reference="silhouette_values")
    if values.ndim != 1 or not np.all(np.isfinite(values)) or np.any(np.abs(values) > 1 + 1e-12):
        raise ValueError("silhouette_values must be a 1-D array of finite values between -1 and 1 "
                         "(course_lib.metrics.silhouette_samples gives them).")
    gap = max(1, int(0.02 * len(values))) if gap is None else gap
    ax = _axes(ax, figsize=(5.0, 4.6))
    bottom = 0
    for cluster in range(n_clusters):
        members = np.sort(values[codes == cluster])
        rows = np.arange(bottom, bottom + len(members))
        ax.fill_betweenx(rows, 0, members, color=PALETTE[cluster % len(PALETTE)], linewidth=0, alpha=0.9)
        ax.text(-0.02, bottom + len(members) / 2, str(cluster), ha="right", va="center", fontsize=9)
        bottom += len(members) + gap
    mean = float(values.mean())
    ax.axvline(mean, color="black", linestyle="--", linewidth=1.2, label=f"mean = {mean:.3f}")
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_xlim(min(-0.1, values.min() - 0.05), _right_edge(values.max()))
    ax.set_ylim(-gap, bottom)
    ax.set_yticks([])
    ax.set(xlabel="silhouette s(i)", ylabel="points, grouped by cluster",
           title=title or f"K = {n_clusters}: mean silhouette {mean:.3f}")
    ax.legend(loc="upper right")
    if highlight:
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes, fill=False, edgecolor=HIGHLIGHT_COLOR,
                               linewidth=3.5, clip_on=False, zorder=5))
        ax.title.set_color(HIGHLIGHT_COLOR)
    return ax


def plot_silhouette_diagrams(silhouettes, labels, *, highlight=None, ncols=3, panel_size=(4.3, 3.7)):
    """Silhouette plots for several K on a grid, one :func:`plot_silhouette_diagram` each.

    Parameters
    ----------
    silhouettes : dict {K: silhouette values}
    labels : dict {K: labels}
        Same keys as ``silhouettes``.
    highlight : int, optional
        The K to frame (the one the lesson chooses).
    """
    if not hasattr(silhouettes, "items") or not silhouettes or set(silhouettes) != set(labels):
        raise ValueError("silhouettes and labels must be dicts with the same K as keys, e.g. {2: ..., 3: ...}.")
    if highlight is not None and highlight not in silhouettes:
        raise ValueError(f"highlight={highlight} is not one of the K given ({sorted(silhouettes)}).")
    ks = sorted(silhouettes)
    ncols = max(1, min(ncols, len(ks)))
    nrows = -(-len(ks) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows), squeeze=False)
    axes = axes.ravel()
    for ax in axes[len(ks):]:
        ax.set_visible(False)
    low = min(-0.1, min(float(np.min(silhouettes[k])) for k in ks) - 0.05)
    high = _right_edge(max(float(np.max(silhouettes[k])) for k in ks))
    for ax, k in zip(axes, ks):
        chosen = k == highlight
        mean = float(np.mean(silhouettes[k]))
        title = f"K = {k}: mean {mean:.3f}" + ("  (chosen)" if chosen else "")
        plot_silhouette_diagram(silhouettes[k], labels[k], ax=ax, title=title, highlight=chosen)
        ax.set_xlim(low, high)
    fig.tight_layout()
    return axes[:len(ks)]


# --------------------------------------------------------------------------------------------------
# Wrong K: clusters against the truth
# --------------------------------------------------------------------------------------------------

def plot_contingency(labels_true, labels_pred, *, ax=None, title=None, true_name="true group",
                     pred_name="cluster"):
    """Counts of points per (true group, cluster) as a heatmap with every count written in.

    A row spread over several columns is a group the clustering split; a column
    collecting several rows is a cluster that merged groups.
    """
    true_codes, _ = check_labels(labels_true, name="labels_true")
    pred_codes, _ = check_labels(labels_pred, len(true_codes), name="labels_pred", reference="labels_true")
    rows, columns = np.unique(np.asarray(labels_true)), np.unique(np.asarray(labels_pred))
    table = np.zeros((len(rows), len(columns)), dtype=int)
    np.add.at(table, (true_codes, pred_codes), 1)
    ax = _axes(ax, figsize=(0.7 * len(columns) + 3, 0.45 * len(rows) + 1.8))
    ax.imshow(table, cmap="Blues", aspect="auto")
    middle = table.max() / 2
    for r in range(table.shape[0]):
        for c in range(table.shape[1]):
            ax.text(c, r, str(table[r, c]), ha="center", va="center", fontsize=8,
                    color="white" if table[r, c] > middle else "black")
    ax.set_xticks(range(len(columns)), [str(c) for c in columns])
    ax.set_yticks(range(len(rows)), [str(r) for r in rows])
    ax.grid(False)
    ax.set(xlabel=pred_name, ylabel=true_name, title=title or f"{true_name} against {pred_name}")
    return ax


def plot_contingency_panels(labels_true, labels_by_k, *, titles=None, true_name="true group",
                            panel_size=(4.4, 3.4)):
    """One :func:`plot_contingency` per clustering, side by side (e.g. K too small, right, too large).

    ``labels_by_k`` is a dict {K: labels}; ``titles`` an optional dict {K: title}.
    """
    if not hasattr(labels_by_k, "items") or not labels_by_k:
        raise ValueError("labels_by_k must map each K to its labels, e.g. {3: labels3, 5: labels5}.")
    ks = list(labels_by_k)
    widths = [max(len(np.unique(np.asarray(labels_by_k[k]))), 2) + 2 for k in ks]
    fig, axes = plt.subplots(1, len(ks), figsize=(panel_size[0] * len(ks), panel_size[1]),
                             gridspec_kw={"width_ratios": widths}, squeeze=False)
    axes = axes[0]
    for i, (ax, k) in enumerate(zip(axes, ks)):
        plot_contingency(labels_true, labels_by_k[k], ax=ax, true_name=true_name if i == 0 else "",
                         title=(titles or {}).get(k, f"K = {k}"))
        if i:
            ax.set_yticklabels([])
    fig.tight_layout()
    return axes


# --------------------------------------------------------------------------------------------------
# Stability
# --------------------------------------------------------------------------------------------------

def _reference_line(ax, y, text):
    """A dashed horizontal line at ``y``, named just right of the axes (clear of bars and dots)."""
    ax.axhline(y, color="black", linestyle="--", linewidth=1)
    ax.text(1.01, y, text, transform=ax.get_yaxis_transform(), va="center", ha="left", fontsize=9)


def plot_stability(agreement, *, ax=None, threshold=None, highlight=None, ylabel="ARI between two runs",
                   title="Do runs with different seeds agree?"):
    """Agreement between pairs of runs for each K: one dot per pair, the mean as a bar.

    Parameters
    ----------
    agreement : dict {K: sequence of ARI values}
        For each K, the adjusted Rand index of every pair of runs compared.
    threshold : float, optional
        A reference line (e.g. 0.9: "these runs found the same clusters").
    highlight : int, optional
        The K to colour as chosen.
    """
    if not hasattr(agreement, "items") or not agreement:
        raise ValueError("agreement must map each K to the ARI values of its pairs of runs.")
    ax = _axes(ax)
    ks = sorted(agreement)
    for position, k in enumerate(ks):
        values = np.asarray(agreement[k], dtype=float).ravel()
        if values.size == 0 or not np.all(np.isfinite(values)):
            raise ValueError(f"agreement[{k}] must hold at least one finite ARI value.")
        color = HIGHLIGHT_COLOR if k == highlight else PALETTE[0]
        ax.bar(position, values.mean(), width=0.6, color=color, alpha=0.35, zorder=1)
        spread = np.linspace(-0.2, 0.2, values.size) if values.size > 1 else np.zeros(1)
        ax.scatter(position + spread, values, s=18, color=color, edgecolor="black", linewidth=0.3, zorder=3)
    if threshold is not None:
        _reference_line(ax, threshold, f"ARI = {threshold:g}")
    ax.set_xticks(range(len(ks)), [str(k) for k in ks])
    ax.set_ylim(min(0.0, min(float(np.min(agreement[k])) for k in ks)) - 0.02, 1.04)
    ax.set(xlabel="number of clusters K", ylabel=ylabel, title=title)
    return ax


def plot_cohort_agreement(agreement, *, ax=None, threshold=0.9, sizes=None,
                          title="Each cohort alone finds the same clusters"):
    """One bar per cohort: how well clustering that cohort alone agrees with clustering everyone.

    Parameters
    ----------
    agreement : dict {cohort: ARI}
    threshold : float, default=0.9
        Reference line for "the same clusters".
    sizes : dict {cohort: number of users}, optional
        Written under each bar.
    """
    if not hasattr(agreement, "items") or not agreement:
        raise ValueError("agreement must map each cohort to its ARI, e.g. {'2025-01': 0.96}.")
    cohorts = list(agreement)
    values = np.array([agreement[c] for c in cohorts], dtype=float)
    ax = _axes(ax)
    colors = [PALETTE[2] if v >= threshold else NOISE_COLOR for v in values]
    ax.bar(range(len(cohorts)), values, color=colors, width=0.6)
    for position, value in enumerate(values):
        ax.text(position, value + 0.01, f"{value:.3f}", ha="center", va="bottom", fontsize=9)
    _reference_line(ax, threshold, f"ARI = {threshold:g}")
    ticks = [f"{c}\n{sizes[c]} users" if sizes else str(c) for c in cohorts]
    ax.set_xticks(range(len(cohorts)), ticks)
    ax.set_ylim(min(0.0, values.min()), 1.08)
    ax.set(xlabel="sign-up cohort", ylabel="ARI: cohort alone vs everyone", title=title)
    return ax
