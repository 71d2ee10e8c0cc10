"""What every course_lib estimator shares with scikit-learn's: parameters stored
in ``__init__`` and nothing else, ``get_params``/``set_params``, a readable
``repr``, and the ``fit_predict``/``fit_transform`` shortcuts."""

import inspect

import numpy as np


class BaseEstimator:
    """Parameter handling for estimators whose ``__init__`` only stores its arguments."""

    @classmethod
    def _param_names(cls):
        signature = inspect.signature(cls.__init__)
        return [p.name for p in signature.parameters.values()
                if p.name != "self" and p.kind != p.VAR_KEYWORD]

    def get_params(self, deep=True):
        """Return the constructor parameters as a dict."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set constructor parameters; unknown names raise ``ValueError``."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"Unknown parameter {name!r} for {type(self).__name__}. "
                                 f"Valid parameters: {', '.join(valid)}.")
            setattr(self, name, value)
        return self

    def __repr__(self):
        defaults = {p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()}
        changed = []
        for name, value in self.get_params().items():
            default = defaults.get(name, inspect.Parameter.empty)
            if default is inspect.Parameter.empty or not _same(value, default):
                changed.append(f"{name}=<array {value.shape}>" if _is_array(value) else f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"


def _is_array(value):
    """A NumPy array of one or more dimensions (NumPy scalars such as np.int64(2) are not)."""
    return isinstance(value, np.ndarray) and value.ndim > 0


def _same(a, b):
    if _is_array(a) or _is_array(b):
        return a is b
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return a is b


class ClusterMixin:
    """``fit_predict`` for clusterers that set ``labels_`` in ``fit``."""

    def fit_predict(self, X, y=None):
        """Fit to ``X`` and return the cluster label of each sample (``labels_``)."""
        return self.fit(X).labels_


class TransformerMixin:
    """``fit_transform`` for transformers."""

    def fit_transform(self, X, y=None):
        """Fit to ``X``, then return ``transform(X)``."""
        return self.fit(X).transform(X)
