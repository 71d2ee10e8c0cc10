"""The course's interactive demos (ipywidgets), one module per topic.

Each demo is a function returning a widget to display in JupyterLab; the logic
behind it (what a slider position shows, what a Check button reports) lives in
plain Python that the tests drive without a browser. Every topic module lists
its public names in ``__all__``; they are all reachable from here, e.g.
``from course_lib.widgets import kmeans_stepper``.
"""

from importlib import import_module

TOPICS = ("kmeans", "dbscan", "hierarchical", "gmm", "handcheck")


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
