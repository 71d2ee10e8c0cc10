"""Packages with one module per topic (``plotting``, ``widgets``) offer every topic
module's public names at package level, importing the topic modules on first use
(so ``import course_lib.plotting`` stays quick and a topic module may import the
package's shared helpers without a circular import)."""

from importlib import import_module


def topic_exports(package, topics, namespace):
    """Return the ``__getattr__`` and ``__dir__`` of ``package`` (whose globals are ``namespace``).

    A name the package does not define is looked up in the ``__all__`` of each
    module ``package.<topic>``, in the order of ``topics``.
    """
    def topic_modules():
        return [import_module(f"{package}.{topic}") for topic in topics]

    def __getattr__(name):
        for module in topic_modules():
            if name in module.__all__:
                return getattr(module, name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__():
        return sorted(set(namespace) | {name for module in topic_modules() for name in module.__all__})

    return __getattr__, __dir__
