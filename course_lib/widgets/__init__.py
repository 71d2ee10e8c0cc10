"""The course's interactive demos (ipywidgets), one module per topic.

Each demo is a function returning a widget to display in JupyterLab; the logic
behind it (what a slider position shows, what a Check button reports) lives in
plain Python that the tests drive without a browser. Every topic module lists
its public names in ``__all__``; they are all reachable from here, e.g.
``from course_lib.widgets import kmeans_stepper``.
"""

import io

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from .._topics import topic_exports
from ..plotting import COURSE_STYLE

TOPICS = ("kmeans", "dbscan", "hierarchical", "gmm", "handcheck")

# Pictures are PNGs shown at their own size: FIGSIZE inches x DPI pixels.
FIGSIZE = (5.6, 4.3)
DPI = 100


def _png(draw, figsize=FIGSIZE):
    """Run ``draw(ax)`` on a fresh figure in the course style and return the PNG bytes."""
    with mpl.rc_context(COURSE_STYLE):
        figure = Figure(figsize=figsize)
        draw(figure.add_subplot())
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _image(figsize):
    """An empty picture widget shown at the PNG's own size (not stretched to the cell's width)."""
    return widgets.Image(format="png", layout=widgets.Layout(width=f"{round(figsize[0] * DPI)}px"))


def _nice_step(low, high, n_steps=100):
    """A round slider step (1, 2 or 5 times a power of ten) giving about ``n_steps`` positions."""
    raw = (high - low) / n_steps
    power = 10.0 ** np.floor(np.log10(raw))
    return float(min((m * power for m in (1, 2, 5, 10) if m * power >= raw), default=10 * power))


__getattr__, __dir__ = topic_exports(__name__, TOPICS, globals())
