"""Figures for lesson 00 (start here): the map of the course."""

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from . import PALETTE, _axes, _light

__all__ = ["LEARNING_PATH", "plot_learning_path"]

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
