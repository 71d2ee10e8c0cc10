"""Figures for lesson 07, comparing algorithms: the same data clustered by every algorithm, the
scores side by side, the decision tree for choosing, measured time against n, and mini-batch
k-means against full k-means.

The scores come from :mod:`course_lib.metrics` (:func:`clustering_scores` only decides which
points each score sees), the clusterings from the course's estimators, the scatter panels
from :func:`course_lib.plotting.scatter_clusters` and the log-log timing axes from
:func:`course_lib.plotting.plot_time_vs_size`; nothing here is a second copy of the maths.
"""

import textwrap

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.ticker import FuncFormatter

from .._validation import check_array
from ..metrics import (adjusted_rand_score, calinski_harabasz_score, check_labels, davies_bouldin_score,
                       silhouette_score)
from . import PALETTE, _light, plot_time_vs_size, scatter_clusters

__all__ = [
    "METRICS", "DECISION_TREE", "SIZE_GUIDE",
    "clustering_scores", "align_labels",
    "plot_algorithm_grid", "plot_score_heatmaps", "plot_decision_tree", "plot_time_vs_n",
    "plot_minibatch_tradeoff",
]

# name -> (title, which direction is better)
METRICS = {
    "silhouette": ("Silhouette", "higher"),
    "davies_bouldin": ("Davies-Bouldin", "lower"),
    "calinski_harabasz": ("Calinski-Harabasz", "higher"),
    "ARI": ("ARI against the truth", "higher"),
}

# The choice as a tree of yes/no questions (after the textbook's figure 15.9). A question is a dict
# with "question", "yes" and "no"; a leaf is a dict with "algorithm" and "why".
DECISION_TREE = {
    "question": "Do you know how many clusters you want?",
    "yes": {
        "question": "Are the clusters roughly round and of similar spread?",
        "yes": {"algorithm": "k-means", "why": "fast and simple; mini-batch k-means beyond ~100k points"},
        "no": {"algorithm": "Gaussian mixture", "why": "stretched or overlapping clusters; soft membership"},
    },
    "no": {
        "question": "Are there outliers or noise to leave out?",
        "yes": {"algorithm": "DBSCAN", "why": "any shape, finds K itself, marks noise; one density only"},
        "no": {"algorithm": "Hierarchical", "why": "dendrogram: cut where the gap is; small data (n² memory)"},
    },
}

# What stays practical as the data grow (seed 000's guidelines by data size).
SIZE_GUIDE = (
    ("up to 10k points", "any algorithm"),
    ("10k to 100k", "k-means, DBSCAN"),
    ("100k to 1M", "mini-batch k-means"),
    ("more than 1M", "sample, k-means, then assign the rest"),
)


# --------------------------------------------------------------------------------------------------
# Scores of one clustering
# --------------------------------------------------------------------------------------------------

def clustering_scores(X, labels, labels_true=None):
    """The three internal scores and (when the truth is given) the ARI of one clustering.

    DBSCAN's noise (label -1) belongs to no cluster, so the internal scores
    (silhouette, Davies-Bouldin, Calinski-Harabasz) are computed on the clustered
    points only; they are NaN when fewer than two clusters remain. The ARI
    compares all points with the truth, noise counted as one more group, so
    leaving points out is not free.

    Returns
    -------
    dict with ``clusters`` (number found, noise excluded), ``noise`` (fraction of
    points labelled -1), ``silhouette``, ``davies_bouldin``, ``calinski_harabasz``
    and, when ``labels_true`` is given, ``ARI``.
    """
    X = check_array(X, name="X")
    check_labels(labels, X.shape[0])
    labels = np.asarray(labels)
    clustered = labels != -1
    n_clusters = len(np.unique(labels[clustered]))
    scores = {"clusters": n_clusters, "noise": float(np.mean(~clustered))}
    scorable = 2 <= n_clusters < int(clustered.sum())
    for name, score in (("silhouette", silhouette_score), ("davies_bouldin", davies_bouldin_score),
                        ("calinski_harabasz", calinski_harabasz_score)):
        scores[name] = float(score(X[clustered], labels[clustered])) if scorable else float("nan")
    if labels_true is not None:
        scores["ARI"] = float(adjusted_rand_score(labels_true, labels))
    return scores


def align_labels(labels, reference):
    """Renumber clusters so that each takes the number of the reference group it overlaps most.

    Only for drawing: the same group gets the same colour in every panel. Pairs
    (cluster, group) are matched greedily, largest overlap first, each used once;
    clusters left over get numbers after the largest reference label. Noise (-1)
    stays -1. Which points share a cluster never changes.
    """
    labels, reference = np.asarray(labels), np.asarray(reference)
    check_labels(labels, reference.shape[0], reference="reference")
    clusters = np.unique(labels[labels != -1])
    groups = np.unique(reference)
    overlap = np.array([[np.sum((labels == c) & (reference == g)) for g in groups] for c in clusters])
    mapping = {}
    used_groups = set()
    for flat in np.argsort(-overlap, axis=None, kind="stable"):
        c, g = np.unravel_index(flat, overlap.shape)
        if overlap[c, g] == 0:
            break
        if clusters[c] in mapping or g in used_groups:
            continue
        mapping[clusters[c]] = int(g)
        used_groups.add(g)
    next_free = len(groups)
    for c in clusters:
        if c not in mapping:
            mapping[c], next_free = next_free, next_free + 1
    aligned = np.full(labels.shape, -1, dtype=int)
    for c, new in mapping.items():
        aligned[labels == c] = new
    return aligned


# --------------------------------------------------------------------------------------------------
# Every algorithm on every dataset
# --------------------------------------------------------------------------------------------------

def plot_algorithm_grid(datasets, labels, *, scores=None, score_name="ARI", panel_size=(2.5, 2.3), s=6):
    """One scatter panel per (dataset, algorithm): datasets in rows, algorithms in columns.

    Parameters
    ----------
    datasets : dict {dataset name: X}
        The first two columns of each X are drawn.
    labels : dict {dataset name: {algorithm name: labels}}
        The algorithms (columns) are those of the first dataset, in its order.
    scores : dict {dataset name: {algorithm name: float}}, optional
        Written in the corner of each panel as ``score_name = value``.
    """
    if not datasets:
        raise ValueError("datasets must map at least one dataset name to its points.")
    rows = list(datasets)
    missing = [name for name in rows if name not in labels]
    if missing:
        raise ValueError(f"labels has no entry for the dataset(s) {missing}; "
                         "give {dataset: {algorithm: labels}}.")
    columns = list(labels[rows[0]])
    for name in rows:
        if list(labels[name]) != columns:
            raise ValueError(f"every dataset needs labels for the same algorithms {columns}; "
                             f"{name!r} has {list(labels[name])}.")
    fig, axes = plt.subplots(len(rows), len(columns), squeeze=False,
                             figsize=(panel_size[0] * len(columns), panel_size[1] * len(rows)))
    for r, name in enumerate(rows):
        X = check_array(datasets[name], name=f"datasets[{name!r}]", min_features=2)
        for c, algorithm in enumerate(columns):
            ax = axes[r, c]
            found = labels[name][algorithm]
            if len(found) != X.shape[0]:
                raise ValueError(f"labels[{name!r}][{algorithm!r}] has {len(found)} labels "
                                 f"for {X.shape[0]} points.")
            scatter_clusters(X, found, ax=ax, s=s, xlabel="", ylabel="")
            ax.set_xticks([])
            ax.set_yticks([])
            if r == 0:
                ax.set_title(algorithm, fontsize=11)
            if c == 0:
                ax.set_ylabel(name, fontsize=11, fontweight="bold")
            if scores is not None:
                value = scores[name][algorithm]
                ax.text(0.97, 0.04, f"{score_name} = {value:.2f}", transform=ax.transAxes, ha="right",
                        va="bottom", fontsize=9, bbox={"facecolor": "white", "alpha": 0.8, "linewidth": 0})
    fig.tight_layout()
    return axes


def _row_ranks(values, better):
    """Each row scaled to 0 (worst) .. 1 (best) for colouring; NaN stays NaN; a constant row is 1."""
    shade = np.full(values.shape, np.nan)
    for i, row in enumerate(values):
        finite = np.isfinite(row)
        if not finite.any():
            continue
        low, high = row[finite].min(), row[finite].max()
        scaled = np.ones(row.shape) if high == low else (row - low) / (high - low)
        shade[i, finite] = (scaled if better == "higher" else 1 - scaled)[finite]
    return shade


def plot_score_heatmaps(table, *, metrics=("silhouette", "davies_bouldin", "calinski_harabasz", "ARI"),
                        decimals=None, panel_size=(3.9, 2.9)):
    """One heatmap per score: datasets in rows, algorithms in columns, every value written in.

    Within each row the colour goes from light (worst on that dataset) to dark
    (best), taking each score's direction into account, and the best value is
    bold: a score only ranks clusterings of the same data. NaN (e.g. DBSCAN
    found one cluster) shows as a dash.

    Parameters
    ----------
    table : pandas DataFrame
        Indexed by (dataset, algorithm), with one column per score (names as in
        :data:`METRICS`), e.g. built from :func:`clustering_scores`.
    metrics : sequence of str
        The columns to draw, one panel each.
    decimals : dict {metric: int}, optional
        Digits written per score (default 2, 0 for Calinski-Harabasz).
    """
    unknown = [m for m in metrics if m not in METRICS]
    if unknown:
        raise ValueError(f"unknown score(s) {unknown}; choose from {list(METRICS)}.")
    absent = [m for m in metrics if m not in table.columns]
    if absent:
        raise ValueError(f"table has no column {absent}; its columns are {list(table.columns)}.")
    if table.index.nlevels != 2:
        raise ValueError("table must be indexed by (dataset, algorithm), e.g. DataFrame(rows).set_index("
                         "['dataset', 'algorithm']).")
    datasets = list(dict.fromkeys(table.index.get_level_values(0)))
    algorithms = list(dict.fromkeys(table.index.get_level_values(1)))
    digits = {"calinski_harabasz": 0}
    digits.update(decimals or {})
    fig, axes = plt.subplots(1, len(metrics), squeeze=False,
                             figsize=(panel_size[0] * len(metrics), panel_size[1]))
    for ax, metric in zip(axes[0], metrics):
        title, better = METRICS[metric]
        values = np.array([[table.loc[(d, a), metric] if (d, a) in table.index else np.nan for a in algorithms]
                           for d in datasets], dtype=float)
        shade = _row_ranks(values, better)
        ax.imshow(np.nan_to_num(shade, nan=0.0), cmap="Blues", vmin=-0.15, vmax=1.25, aspect="auto")
        for i in range(len(datasets)):
            for j in range(len(algorithms)):
                best = np.isfinite(shade[i, j]) and shade[i, j] == np.nanmax(shade[i])
                text = "–" if not np.isfinite(values[i, j]) else f"{values[i, j]:.{digits.get(metric, 2)}f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=8,
                        fontweight="bold" if best else "normal",
                        color="white" if np.isfinite(shade[i, j]) and shade[i, j] > 0.6 else "black")
        ax.set_xticks(range(len(algorithms)), algorithms, rotation=40, ha="right")
        ax.set_yticks(range(len(datasets)), datasets if ax is axes[0, 0] else [""] * len(datasets))
        ax.grid(False)
        ax.set_title(f"{title}\n({better} is better)", fontsize=10)
    fig.tight_layout()
    return axes[0]


# --------------------------------------------------------------------------------------------------
# Choosing: the decision tree
# --------------------------------------------------------------------------------------------------

def _tree_leaves(node):
    return [node] if "algorithm" in node else _tree_leaves(node["yes"]) + _tree_leaves(node["no"])


def _check_tree(node, depth=0):
    if not isinstance(node, dict):
        raise ValueError(f"a tree node must be a dict, got {node!r}.")
    if "algorithm" in node:
        return
    if not {"question", "yes", "no"} <= set(node):
        raise ValueError("a question node needs the keys 'question', 'yes' and 'no'; a leaf needs "
                         f"'algorithm' (and optionally 'why'); got keys {sorted(node)}.")
    _check_tree(node["yes"], depth + 1)
    _check_tree(node["no"], depth + 1)


def _layout(node, depth, leaves, positions):
    """x of a leaf: its order among the leaves; x of a question: the middle of its children."""
    if "algorithm" in node:
        x = float(leaves.index(node))
    else:
        yes = _layout(node["yes"], depth + 1, leaves, positions)
        x = (yes + _layout(node["no"], depth + 1, leaves, positions)) / 2
    positions.append((node, x, depth))
    return x


def plot_decision_tree(tree=DECISION_TREE, *, path=None, size_guide=SIZE_GUIDE, ax=None):
    """The yes/no questions that lead to an algorithm, drawn as a tree, with the size guide below.

    Parameters
    ----------
    tree : dict, default=DECISION_TREE
        Question nodes ``{"question", "yes", "no"}`` and leaves ``{"algorithm", "why"}``.
    path : sequence of "yes"/"no", optional
        Answers to follow from the root; those arrows and the leaf reached are drawn thick.
    size_guide : sequence of (size range, advice), optional
        Drawn as a strip of boxes under the tree; None leaves it out.
    """
    _check_tree(tree)
    leaves = _tree_leaves(tree)
    positions = []
    _layout(tree, 0, leaves, positions)
    depth = max(d for _, _, d in positions)
    highlighted = [tree]
    for answer in path or ():
        node = highlighted[-1]
        if "algorithm" in node or answer not in ("yes", "no"):
            raise ValueError("path must be a sequence of 'yes'/'no' answers that ends at or before a leaf; "
                             f"got {path!r}.")
        highlighted.append(node[answer])
    ax = ax if ax is not None else plt.subplots(figsize=(2.9 * len(leaves) + 0.6, 2.0 * depth + 3.2))[1]
    x_gap, y_gap, box_w, box_h = 2.9, 2.0, 2.6, 1.0
    where = {id(node): (x * x_gap, -d * y_gap) for node, x, d in positions}
    for node, x, d in positions:
        cx, cy = where[id(node)]
        on_path = any(node is h for h in highlighted)
        if "algorithm" in node:
            color = PALETTE[leaves.index(node) % len(PALETTE)]
            face, edge = _light(color, 0.72), color
        else:
            face, edge = "white", "#555555"
        ax.add_patch(FancyBboxPatch((cx - box_w / 2, cy - box_h / 2), box_w, box_h, boxstyle="round,pad=0.06",
                                    facecolor=face, edgecolor="black" if on_path and path else edge,
                                    linewidth=2.6 if on_path and path else 1.2))
        if "algorithm" in node:
            ax.text(cx, cy + 0.27, node["algorithm"], ha="center", va="center", fontsize=10, fontweight="bold")
            ax.text(cx, cy - 0.13, textwrap.fill(node.get("why", ""), 30), ha="center", va="center", fontsize=8,
                    linespacing=1.2)
        else:
            ax.text(cx, cy, textwrap.fill(node["question"], 26), ha="center", va="center", fontsize=8.5,
                    linespacing=1.25)
        if "algorithm" not in node:
            for answer in ("yes", "no"):
                child = node[answer]
                tx, ty = where[id(child)]
                on = bool(path) and on_path and any(child is h for h in highlighted)
                ax.add_patch(FancyArrowPatch((cx, cy - box_h / 2 - 0.06), (tx, ty + box_h / 2 + 0.06),
                                             arrowstyle="-|>", mutation_scale=13,
                                             color="black" if on else "#777777", linewidth=2.4 if on else 1.2))
                ax.text((cx + tx) / 2, (cy + ty) / 2, answer, ha="center", va="center", fontsize=9,
                        fontweight="bold", color=PALETTE[2] if answer == "yes" else PALETTE[3],
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
    bottom = -depth * y_gap - box_h / 2 - 0.2
    if size_guide:
        width = (len(leaves) - 1) * x_gap + box_w
        step = width / len(size_guide)
        strip_y = bottom - 1.05
        ax.text(-box_w / 2, strip_y + 0.78, "How many points? What stays practical:", fontsize=9,
                fontweight="bold")
        for i, (size, advice) in enumerate(size_guide):
            left = -box_w / 2 + i * step
            lightness = 0.25 + 0.6 * (1 - i / max(len(size_guide) - 1, 1))  # darker as the data grow
            ax.add_patch(FancyBboxPatch((left + 0.06, strip_y - 0.36), step - 0.12, 0.8,
                                        boxstyle="round,pad=0.03", facecolor=_light(PALETTE[5], lightness),
                                        edgecolor=PALETTE[5], linewidth=1))
            ax.text(left + step / 2, strip_y + 0.04, f"{size}\n{textwrap.fill(advice, 24)}", ha="center",
                    va="center", fontsize=8)
        bottom = strip_y - 0.5
    ax.set_xlim(-box_w / 2 - 0.15, (len(leaves) - 1) * x_gap + box_w / 2 + 0.15)
    ax.set_ylim(bottom, box_h / 2 + 0.2)
    ax.set_axis_off()
    ax.set_title("Which algorithm? Answer the questions from the top")
    return ax


# --------------------------------------------------------------------------------------------------
# Cost: time against n, mini-batch against full k-means
# --------------------------------------------------------------------------------------------------

REFERENCE_STYLES = ("--", ":", "-.")


def plot_time_vs_n(series, *, reference_slopes=(1, 2), ax=None, title="Measured time against n (log-log)"):
    """Measured seconds of several algorithms against n on log-log axes, with reference slopes.

    Each series is drawn by :func:`course_lib.plotting.plot_time_vs_size`, which
    writes its fitted slope in the legend: slope 1 means time proportional to n,
    slope 2 proportional to n². The dashed (slope 1) and dotted (slope 2)
    reference lines start from the smallest n and its fastest time.

    Parameters
    ----------
    series : dict {label: (sizes, seconds)}
        The series may be measured at different sizes.
    reference_slopes : sequence of float, default=(1, 2)
    """
    if not series:
        raise ValueError("series must map at least one label to (sizes, seconds).")
    if not reference_slopes:
        raise ValueError("reference_slopes needs at least one slope, e.g. (1, 2).")
    # No reference from plot_time_vs_size (it anchors at the first series): these start at the lower left.
    ax = plot_time_vs_size(series, ax=ax, title=title, reference_slope=None)
    sizes = np.unique(np.concatenate([np.asarray(s, dtype=float) for s, _ in series.values()]))
    fastest = min(float(np.min(t)) for _, t in series.values())
    for slope, style in zip(reference_slopes, REFERENCE_STYLES):
        power = {1: "", 2: "²"}.get(slope, f"^{slope:g}")
        ax.loglog(sizes, fastest * (sizes / sizes[0]) ** slope, color="#777777", linestyle=style, linewidth=1.2,
                  label=f"slope {slope:g}: time ∝ n{power}")
    ticks = [sizes[0]]
    for size in sizes[1:]:
        if size >= 1.5 * ticks[-1]:  # closer ticks would print on top of each other
            ticks.append(size)
    ax.set_xticks(ticks, [f"{size:,.0f}" for size in ticks])
    ax.set_ylim(fastest / 2, max(float(np.max(t)) for _, t in series.values()) * 2)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    return ax


def _plain_number(value, _position=None):
    """0.05 rather than 5 x 10^-2 on a log axis."""
    return f"{value:g}"


def _plain_number_at_2_and_5(value, _position=None):
    """Label the minor ticks 2 and 5 of each decade (0.02, 0.05, 0.2, ...), leave the others blank."""
    mantissa = value / 10 ** np.floor(np.log10(value))
    return f"{value:g}" if np.isclose(mantissa, 2) or np.isclose(mantissa, 5) else ""


def plot_minibatch_tradeoff(runs, *, reference=None, ax=None,
                            title="Mini-batch and full k-means: time against inertia"):
    """Each run as a point: seconds across, inertia relative to the best run up.

    Parameters
    ----------
    runs : dict {label: (seconds, inertia)}
    reference : str, optional
        The run to compare with (default: the one with the lowest inertia); its
        inertia is 0 % on the vertical axis.
    """
    if not runs:
        raise ValueError("runs must map at least one label to (seconds, inertia).")
    labels = list(runs)
    seconds = np.array([runs[label][0] for label in labels], dtype=float)
    inertia = np.array([runs[label][1] for label in labels], dtype=float)
    if np.any(seconds <= 0) or np.any(inertia <= 0) or not np.all(np.isfinite(seconds + inertia)):
        raise ValueError("every run needs a positive time and a positive inertia.")
    if reference is not None and reference not in runs:
        raise ValueError(f"reference {reference!r} is not one of the runs {labels}.")
    base = runs[reference][1] if reference is not None else inertia.min()
    excess = 100 * (inertia / base - 1)
    ax = ax if ax is not None else plt.subplots(figsize=(7, 4.2))[1]
    for i, label in enumerate(labels):
        ax.scatter(seconds[i], excess[i], s=80, color=PALETTE[i % len(PALETTE)], edgecolor="black", zorder=3,
                   label=f"{label}: {seconds[i]:.2f} s, +{excess[i]:.1f} %")
    ax.axhline(0, color="#777777", linewidth=1, linestyle="--")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(_plain_number))
    ax.xaxis.set_minor_formatter(FuncFormatter(_plain_number_at_2_and_5))
    ax.set(xlabel="seconds (log scale)", ylabel="inertia above the best run (%)", title=title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    return ax
