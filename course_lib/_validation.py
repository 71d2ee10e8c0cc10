"""Input checks shared by every estimator.

Each check either returns a clean value or raises ``ValueError``/``TypeError``
with a message that names the parameter and says how to fix it. Estimators call
these at the top of ``fit``/``predict`` so that the algorithm code below can
assume finite, two-dimensional float64 data.
"""

from numbers import Integral, Real

import numpy as np


class ConvergenceWarning(UserWarning):
    """An iterative fit stopped short of what it was asked for.

    For example EM reached ``max_iter`` before the log-likelihood settled, or
    k-means found fewer distinct clusters than ``n_clusters`` (duplicate points).
    The result is usable; the warning says it may not be the one you wanted.
    """


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict``/``transform`` is called before ``fit``.

    Subclasses both ``ValueError`` and ``AttributeError``, as scikit-learn's
    exception of the same name does, so either ``except`` clause catches it.
    """


def check_array(X, *, name="X", min_samples=1, min_features=1, ensure_2d=True):
    """Return ``X`` as a C-contiguous float64 array, or raise a clear error.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Numbers only: lists, NumPy arrays and pandas DataFrames are accepted.
    name : str, default="X"
        The parameter's name, used in error messages.
    min_samples, min_features : int, default=1
        Smallest accepted number of rows and columns.
    ensure_2d : bool, default=True
        When False, a 1-D array is accepted and returned 1-D.

    Returns
    -------
    ndarray of float64

    Raises
    ------
    TypeError
        ``X`` is None, or holds strings, objects, booleans mixed with text, or
        complex numbers.
    ValueError
        ``X`` has the wrong number of dimensions, too few rows or columns, or
        contains NaN or infinity.
    """
    if X is None:
        raise TypeError(f"{name} must be an array of numbers, got None. Pass your data as a 2-D array, "
                        "a list of lists or a pandas DataFrame.")
    if isinstance(X, (str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got a string {X!r}. "
                        "Parse the numbers first, e.g. np.array([[1.0, 2.0], [3.0, 4.0]]).")
    try:
        raw = np.asarray(X)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise ValueError(f"{name} could not be read as a rectangular array ({exc}). "
                         "Make every row the same length.") from None
    if raw.dtype.kind in "OUSV":
        try:
            raw = raw.astype(np.float64)
        except (ValueError, TypeError):
            example = _first_non_number(raw)
            raise TypeError(
                f"{name} must contain numbers only, but it holds {example!r} "
                f"(type {type(example).__name__}). Encode text columns first, for example with "
                "course_lib.preprocessing.OneHotEncoder or OrdinalEncoder, or drop them."
            ) from None
    if raw.dtype.kind == "c":
        raise TypeError(f"{name} holds complex numbers; clustering needs real numbers. "
                        "Use X.real, X.imag or np.abs(X) as features instead.")
    if raw.dtype.kind not in "biuf":
        raise TypeError(f"{name} must contain numbers, got dtype {raw.dtype}.")
    arr = np.ascontiguousarray(raw, dtype=np.float64)

    if ensure_2d:
        if arr.ndim == 1:
            raise ValueError(
                f"{name} must be 2-D with shape (n_samples, n_features), but a 1-D array of shape "
                f"{arr.shape} was given. Use {name}.reshape(-1, 1) if it is one feature, or "
                f"{name}.reshape(1, -1) if it is one sample."
            )
        if arr.ndim != 2:
            raise ValueError(f"{name} must be 2-D with shape (n_samples, n_features), got {arr.ndim} "
                             f"dimensions (shape {arr.shape}). Reshape it, e.g. {name}.reshape(len({name}), -1).")
        n_samples, n_features = arr.shape
        if n_samples < min_samples:
            what = "is empty (0 samples)" if n_samples == 0 else f"has {n_samples} sample(s)"
            raise ValueError(f"{name} {what}, but at least {min_samples} sample(s) are needed. "
                             "Check that your data loaded and was not filtered away.")
        if n_features < min_features:
            raise ValueError(f"{name} has {n_features} feature(s), but at least {min_features} are needed. "
                             "Check that you selected the feature columns.")
    elif arr.ndim != 1 or arr.size < min_samples:
        raise ValueError(f"{name} must be a 1-D array with at least {min_samples} value(s), "
                         f"got shape {arr.shape}.")

    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        value = arr[tuple(bad)]
        where = f"row {bad[0]}, column {bad[1]}" if arr.ndim == 2 else f"position {bad[0]}"
        raise ValueError(f"{name} contains {'NaN' if np.isnan(value) else 'infinity'} (first at {where}). "
                         "Remove or impute missing and infinite values before clustering.")
    return arr


def _first_non_number(arr):
    for value in arr.ravel():
        try:
            float(value)
        except (TypeError, ValueError):
            return value
    return arr.ravel()[0]


def check_scalar(value, name, target_type, *, min_val=None, max_val=None,
                 include_min=True, include_max=True, fix=""):
    """Check a hyper-parameter's type and range and return it.

    ``target_type`` is ``Integral`` or ``Real`` (or a tuple of types). Booleans are
    never accepted as numbers. ``fix`` is a hint appended to range errors.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, target_type):
        kind = {Integral: "an integer", Real: "a number"}.get(target_type, str(target_type))
        hint = f" {fix}" if fix else ""
        raise TypeError(f"{name} must be {kind}, got {value!r} of type {type(value).__name__}.{hint}")
    if value != value:  # NaN: every range comparison below would be False, so it would pass them all
        hint = f" {fix}" if fix else ""
        raise ValueError(f"{name} must be a number, got {value!r}.{hint}")
    low_bad = min_val is not None and (value < min_val if include_min else value <= min_val)
    high_bad = max_val is not None and (value > max_val if include_max else value >= max_val)
    if low_bad or high_bad:
        bounds = []
        if min_val is not None:
            bounds.append(f"{'>=' if include_min else '>'} {min_val}")
        if max_val is not None:
            bounds.append(f"{'<=' if include_max else '<'} {max_val}")
        hint = f" {fix}" if fix else ""
        raise ValueError(f"{name} must be {' and '.join(bounds)}, got {value!r}.{hint}")
    return value


def check_option(value, name, allowed):
    """Return ``value`` if it is one of ``allowed`` strings, else raise ``ValueError``."""
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"Unknown {name} {value!r}. Choose one of: {choices}.")
    return value


def check_random_state(seed):
    """Turn ``seed`` into a ``numpy.random.RandomState``.

    ``None`` gives a fresh generator seeded by the operating system (the global
    NumPy state is never read or changed); an int gives a reproducible one; an
    existing ``RandomState`` is returned as it is, so successive calls continue
    its sequence. ``RandomState`` (not ``Generator``) is used on purpose: it is
    what scikit-learn draws from, so the same seed gives the same draws.
    """
    if seed is None:
        return np.random.RandomState()
    if isinstance(seed, np.random.RandomState):
        return seed
    if isinstance(seed, (Integral, np.integer)) and not isinstance(seed, (bool, np.bool_)):
        if not 0 <= seed < 2**32:
            raise ValueError(f"random_state must be between 0 and 2**32 - 1, got {seed}.")
        return np.random.RandomState(int(seed))
    raise TypeError(f"random_state must be None, an int or a numpy.random.RandomState, got {seed!r}.")


def check_is_fitted(estimator, attributes, method="predict"):
    """Raise ``NotFittedError`` unless every name in ``attributes`` is set on ``estimator``."""
    if isinstance(attributes, str):
        attributes = [attributes]
    if not all(hasattr(estimator, attr) for attr in attributes):
        name = type(estimator).__name__
        raise NotFittedError(f"This {name} instance is not fitted yet. Call 'fit' with your data "
                             f"before calling '{method}'.")


def check_n_features(estimator, X, *, reset):
    """Record ``n_features_in_`` when fitting; check it matches afterwards."""
    n_features = X.shape[1]
    if reset:
        estimator.n_features_in_ = n_features
    elif n_features != estimator.n_features_in_:
        raise ValueError(f"X has {n_features} feature(s), but {type(estimator).__name__} was fitted "
                         f"with {estimator.n_features_in_}. Pass data with the same columns used in fit.")
