"""Preparing features before measuring distances: scaling and encoding.

Distances add up differences feature by feature, so a feature measured in large
units (a salary in euros) drowns one measured in small units (an age in years),
and a text column (a job title) cannot enter a distance at all. This module
holds the four tools lesson 01 uses to fix that:

* ``StandardScaler``: each feature to mean 0 and standard deviation 1;
* ``MinMaxScaler``: each feature onto a fixed range, ``[0, 1]`` by default;
* ``OneHotEncoder``: a categorical column becomes one 0/1 column per category;
* ``OrdinalEncoder``: a categorical column becomes one column of ranks.

The scalers follow scikit-learn's conventions exactly (population variance,
the same rule for constant columns), so their fitted attributes and outputs
equal scikit-learn's. The encoders are the one place in ``course_lib`` that
accepts text: lists of strings, object arrays and pandas DataFrames.
"""

from numbers import Integral, Number, Real

import numpy as np

from ._validation import check_array, check_is_fitted, check_n_features, check_option
from .base import BaseEstimator, TransformerMixin

EPS = np.finfo(np.float64).eps


def _check_flag(value, name):
    """Return ``value`` if it is a bool, else raise ``TypeError`` naming the parameter."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r} of type {type(value).__name__}.")
    return bool(value)


# --------------------------------------------------------------------------------------------------
# Standard scaling
# --------------------------------------------------------------------------------------------------

def column_means_and_variances(X):
    r"""Mean and population variance of every column, by the corrected two-pass formula.

    .. math::
        \mu_j = \frac{1}{n} \sum_i x_{ij}, \qquad
        \sigma_j^2 = \frac{1}{n}\Big(\sum_i (x_{ij} - \mu_j)^2
                     - \frac{1}{n}\big(\sum_i (x_{ij} - \mu_j)\big)^2\Big)

    The second term is zero in exact arithmetic; computed, it removes most of the
    rounding error left in :math:`\mu_j` (Chan, Golub and LeVeque, 1983). This is
    the formula scikit-learn uses, so the variances agree to the last digits.
    """
    n_samples = X.shape[0]
    means = X.sum(axis=0) / n_samples
    deviations = X - means
    correction = deviations.sum(axis=0)
    variances = ((deviations ** 2).sum(axis=0) - correction ** 2 / n_samples) / n_samples
    return means, variances


def is_constant_feature(variances, means, n_samples):
    r"""True for the columns whose variance is indistinguishable from rounding error.

    A column is treated as constant when

    .. math:: \sigma_j^2 \le n\,\varepsilon\,\sigma_j^2 + (n\,\mu_j\,\varepsilon)^2

    with :math:`\varepsilon` the float64 machine epsilon: the bound on the error
    of the two-pass variance. A column of one repeated value can come out with
    a variance of 1e-33 instead of 0; dividing by its square root would blow
    rounding noise up to values near 1. This is scikit-learn's rule.
    """
    upper_bound = n_samples * EPS * variances + (n_samples * means * EPS) ** 2
    return variances <= upper_bound


class StandardScaler(TransformerMixin, BaseEstimator):
    r"""Standardise features: subtract each column's mean, divide by its standard deviation.

    Parameters
    ----------
    with_mean : bool, default=True
        Subtract the mean of each feature.
    with_std : bool, default=True
        Divide by the standard deviation of each feature.

    Attributes
    ----------
    mean_ : ndarray of shape (n_features,) or None
        Column means (None when both ``with_mean`` and ``with_std`` are False).
    var_ : ndarray of shape (n_features,) or None
        Column population variances (``ddof=0``); None when ``with_std=False``.
    scale_ : ndarray of shape (n_features,) or None
        The divisor of each column: the standard deviation, or 1 for a constant
        column; None when ``with_std=False``.
    n_samples_seen_ : int
        Number of rows seen in ``fit``.
    n_features_in_ : int
        Number of columns seen in ``fit``.

    Notes
    -----
    Each value becomes a z-score

    .. math:: z_{ij} = \frac{x_{ij} - \mu_j}{\sigma_j}, \qquad
              \sigma_j = \sqrt{\tfrac{1}{n}\sum_i (x_{ij} - \mu_j)^2}

    (the population standard deviation, dividing by :math:`n`, as scikit-learn
    does). After scaling every feature has mean 0 and variance 1, so each
    contributes on the same footing to a Euclidean distance.

    A constant column has :math:`\sigma_j = 0`. Like scikit-learn, its scale is
    set to 1 (see :func:`is_constant_feature` for the exact test), so the column
    becomes zeros (up to the rounding of its mean, ~1e-17) instead of NaN.
    ``inverse_transform`` undoes the scaling: :math:`x = z\,\sigma_j + \mu_j`.

    Examples
    --------
    >>> import numpy as np
    >>> from course_lib.preprocessing import StandardScaler
    >>> X = np.array([[44, 73000], [27, 47000], [27, 53000], [38, 62000]])
    >>> scaler = StandardScaler().fit(X)
    >>> scaler.mean_.tolist()
    [34.0, 58750.0]
    >>> scaler.transform([[34, 58750]])
    array([[0., 0.]])
    """

    def __init__(self, *, with_mean=True, with_std=True):
        self.with_mean = with_mean
        self.with_std = with_std

    def fit(self, X, y=None):
        """Compute each feature's mean and standard deviation.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numbers only; at least one row.
        y : None
            Ignored; present for API consistency.

        Returns
        -------
        self : StandardScaler
        """
        with_mean = _check_flag(self.with_mean, "with_mean")
        with_std = _check_flag(self.with_std, "with_std")
        X = check_array(X, name="X")
        check_n_features(self, X, reset=True)
        n_samples = X.shape[0]
        self.n_samples_seen_ = n_samples
        if not (with_mean or with_std):
            self.mean_, self.var_, self.scale_ = None, None, None
            return self
        means, variances = column_means_and_variances(X)
        self.mean_ = means
        if with_std:
            self.var_ = variances
            scale = np.sqrt(variances)
            scale[is_constant_feature(variances, means, n_samples)] = 1.0
            self.scale_ = scale
        else:
            self.var_, self.scale_ = None, None
        return self

    def transform(self, X):
        """Standardise ``X`` with the means and scales learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self, "n_samples_seen_", method="transform")
        X = check_array(X, name="X")
        check_n_features(self, X, reset=False)
        if self.with_mean:
            X = X - self.mean_
        if self.with_std:
            X = X / self.scale_
        return X

    def inverse_transform(self, X):
        r"""Undo the scaling: :math:`x = z\,\sigma_j + \mu_j`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Standardised data.

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self, "n_samples_seen_", method="inverse_transform")
        X = check_array(X, name="X")
        check_n_features(self, X, reset=False)
        if self.with_std:
            X = X * self.scale_
        if self.with_mean:
            X = X + self.mean_
        return X


# --------------------------------------------------------------------------------------------------
# Min-max scaling
# --------------------------------------------------------------------------------------------------

def _check_feature_range(feature_range):
    """Return ``feature_range`` as two floats ``(low, high)`` with ``low < high``, or raise."""
    hint = "Pass two numbers (low, high) with low < high, e.g. feature_range=(0, 1) or (-1, 1)."
    if isinstance(feature_range, (str, bytes)) or not hasattr(feature_range, "__len__") \
            or len(feature_range) != 2:
        raise ValueError(f"feature_range must be a pair (low, high), got {feature_range!r}. {hint}")
    for bound in feature_range:
        if isinstance(bound, (bool, np.bool_)) or not isinstance(bound, Real):
            raise TypeError(f"feature_range must hold two numbers, got {feature_range!r}. {hint}")
    low, high = float(feature_range[0]), float(feature_range[1])
    if not (np.isfinite(low) and np.isfinite(high)):
        raise ValueError(f"feature_range must be finite, got {feature_range!r}. {hint}")
    if low >= high:
        raise ValueError(f"feature_range must have low < high, got {feature_range!r}. {hint}")
    return low, high


class MinMaxScaler(TransformerMixin, BaseEstimator):
    r"""Rescale each feature linearly so that its minimum and maximum land on a fixed range.

    Parameters
    ----------
    feature_range : tuple (low, high), default=(0, 1)
        The range the training data is mapped onto; ``low < high``.
    clip : bool, default=False
        Clip transformed values of new data to ``feature_range`` (new data can
        fall outside the training minimum and maximum).

    Attributes
    ----------
    data_min_, data_max_ : ndarray of shape (n_features,)
        Per-feature minimum and maximum of the training data.
    data_range_ : ndarray of shape (n_features,)
        ``data_max_ - data_min_``.
    scale_ : ndarray of shape (n_features,)
        ``(high - low) / data_range_`` (``high - low`` for a constant column).
    min_ : ndarray of shape (n_features,)
        ``low - data_min_ * scale_``.
    n_samples_seen_ : int
        Number of rows seen in ``fit``.
    n_features_in_ : int
        Number of columns seen in ``fit``.

    Notes
    -----
    With range :math:`[a, b]`, each value becomes

    .. math:: x'_{ij} = a + (b - a)\,\frac{x_{ij} - \min_j}{\max_j - \min_j}

    computed, as in scikit-learn, as :math:`x'_{ij} = x_{ij}\,s_j + m_j` with
    ``scale_`` :math:`s_j = (b - a)/(\max_j - \min_j)` and ``min_``
    :math:`m_j = a - \min_j s_j`. The inverse is :math:`x = (x' - m_j)/s_j`.

    A constant column (range below ``10 * eps``) would divide by zero; its range
    is replaced by 1, so its training values all map to :math:`a`.

    Examples
    --------
    The age column of the seed's employee table (lesson 01):

    >>> from course_lib.preprocessing import MinMaxScaler
    >>> ages = [[44], [27], [27], [38], [40], [35], [48]]
    >>> MinMaxScaler().fit_transform(ages).round(3).ravel()
    array([0.81 , 0.   , 0.   , 0.524, 0.619, 0.381, 1.   ])
    """

    def __init__(self, feature_range=(0, 1), *, clip=False):
        self.feature_range = feature_range
        self.clip = clip

    def fit(self, X, y=None):
        """Learn each feature's minimum and maximum.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numbers only; at least one row.
        y : None
            Ignored.

        Returns
        -------
        self : MinMaxScaler
        """
        low, high = _check_feature_range(self.feature_range)
        _check_flag(self.clip, "clip")
        X = check_array(X, name="X")
        check_n_features(self, X, reset=True)
        data_min, data_max = X.min(axis=0), X.max(axis=0)
        data_range = data_max - data_min
        divisor = data_range.copy()
        divisor[divisor < 10 * EPS] = 1.0  # constant column: nothing to stretch
        self.data_min_, self.data_max_, self.data_range_ = data_min, data_max, data_range
        self.scale_ = (high - low) / divisor
        self.min_ = low - data_min * self.scale_
        self.n_samples_seen_ = X.shape[0]
        return self

    def transform(self, X):
        """Map ``X`` onto ``feature_range`` with the minimum and maximum learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self, "scale_", method="transform")
        X = check_array(X, name="X")
        check_n_features(self, X, reset=False)
        X_scaled = X * self.scale_ + self.min_
        if self.clip:
            low, high = _check_feature_range(self.feature_range)
            np.clip(X_scaled, low, high, out=X_scaled)
        return X_scaled

    def inverse_transform(self, X):
        """Undo the scaling: ``x = (x' - min_) / scale_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Scaled data.

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self, "scale_", method="inverse_transform")
        X = check_array(X, name="X")
        check_n_features(self, X, reset=False)
        return (X - self.min_) / self.scale_


# --------------------------------------------------------------------------------------------------
# Categorical columns
# --------------------------------------------------------------------------------------------------

def _is_dataframe(X):
    return hasattr(X, "iloc") and getattr(X, "ndim", 0) == 2


def _is_missing(value):
    return value is None or type(value).__name__ in ("NAType", "NaTType") or \
        (isinstance(value, float) and value != value)


def categorical_columns(X, name="X"):
    """Split ``X`` into a list of 1-D columns, each keeping its own kind (text or numbers).

    A DataFrame is read column by column, so a text column and a number column
    stay what they are. A list of lists becomes an object array first, so
    ``[['doctor', 30]]`` keeps 30 as a number. Text columns are returned as object
    arrays, number columns as numeric arrays.

    Raises
    ------
    TypeError
        A column mixes text and numbers, or holds something that is neither.
    ValueError
        ``X`` is not 2-D, is empty, or has missing values (None, NaN) or infinity.
    """
    if X is None or isinstance(X, (str, bytes)):
        raise TypeError(f"{name} must be a table of categories (a list of rows, an array or a DataFrame), "
                        f"got {X!r}. For one column use [['a'], ['b'], ...].")
    if _is_dataframe(X):
        columns = [X.iloc[:, j].to_numpy() for j in range(X.shape[1])]
        n_samples = X.shape[0]
    else:
        try:
            table = np.asarray(X)
            if table.dtype.kind in "USO":
                table = np.asarray(X, dtype=object)  # keep numbers in mixed rows as numbers
        except ValueError:
            raise ValueError(f"{name} could not be read as a table: make every row the same length.") from None
        if table.ndim != 2:
            raise ValueError(f"{name} must be 2-D (one row per sample, one column per feature), got shape "
                             f"{table.shape}. For a single feature use [[value] for value in values] "
                             f"or np.reshape(values, (-1, 1)).")
        columns = [table[:, j] for j in range(table.shape[1])]
        n_samples = table.shape[0]
    if n_samples == 0 or not columns:
        raise ValueError(f"{name} is empty (shape ({n_samples}, {len(columns)})); at least one row and one "
                         "column are needed. Check that your data loaded.")
    return [_check_categorical_column(column, j, name) for j, column in enumerate(columns)]


def _check_categorical_column(column, j, name):
    """Return the column as a numeric array or an object array of one kind, or raise."""
    if column.dtype.kind in "biuf":
        if column.dtype.kind == "f" and not np.isfinite(column).all():
            raise ValueError(f"Column {j} of {name} holds NaN or infinity. Encoders need a category in every "
                             "cell: fill missing values first (e.g. with a 'missing' category).")
        return column
    column = column.astype(object)
    if any(_is_missing(value) for value in column):
        raise ValueError(f"Column {j} of {name} has missing values (None or NaN). Fill them first, for "
                         "example df[col].fillna('missing'), or drop those rows.")
    is_text = np.array([isinstance(value, str) for value in column])
    is_number = np.array([isinstance(value, Number) for value in column])
    if not (is_text | is_number).all():
        odd = column[~(is_text | is_number)][0]
        raise TypeError(f"Column {j} of {name} holds {odd!r} of type {type(odd).__name__}; categories must "
                        "be strings or numbers.")
    if is_text.any() and is_number.any():
        raise TypeError(f"Column {j} of {name} mixes text and numbers (e.g. {column[is_text][0]!r} and "
                        f"{column[is_number][0]!r}). Make the column one type, e.g. df[col].astype(str).")
    return column


def _check_explicit_categories(categories, columns):
    """Validate user-given ``categories`` (one list per column) and return them as arrays."""
    if isinstance(categories, (str, bytes)) or not hasattr(categories, "__len__"):
        raise ValueError(f"categories must be 'auto' or a list with one list of categories per column, "
                         f"got {categories!r}.")
    if len(categories) != len(columns):
        raise ValueError(f"categories has {len(categories)} list(s) but X has {len(columns)} column(s). "
                         "Give one list of categories per column, in column order.")
    checked = []
    for j, (given, column) in enumerate(zip(categories, columns)):
        if isinstance(given, (str, bytes)) or not hasattr(given, "__len__") or len(given) == 0:
            raise ValueError(f"categories[{j}] must be a non-empty list of the categories of column {j}, "
                             f"got {given!r}.")
        if column.dtype.kind == "O":
            values = np.array(list(given), dtype=object)
        else:
            values = np.asarray(given)
            if values.dtype.kind not in "biuf":
                raise TypeError(f"categories[{j}] holds text ({given!r}) but column {j} of X holds numbers. "
                                "Give numbers, or pass the column as text.")
        if len(set(values.tolist())) != len(values):
            raise ValueError(f"categories[{j}] lists a category more than once: {given!r}. List each once.")
        checked.append(values)
    return checked


def encode_column(column, categories):
    """Code of each value: its position in ``categories``, or -1 for a value not among them.

    Each distinct value is looked up once, so the cost is one ``np.unique`` plus
    one dictionary look-up per distinct value.
    """
    position = {category: code for code, category in enumerate(categories.tolist())}
    distinct, inverse = np.unique(column, return_inverse=True)
    distinct_codes = np.array([position.get(value, -1) for value in distinct.tolist()], dtype=np.intp)
    return distinct_codes[inverse.ravel()]


def _unknown_values(column, codes):
    return sorted(set(column[codes < 0].tolist()), key=str)


class _CategoricalEncoder(TransformerMixin, BaseEstimator):
    """What both encoders share: reading the table, learning and looking up categories."""

    def _fit_categories(self, X, unknown_is_error):
        """Read ``X``, set ``categories_``; with given categories, refuse values outside them if asked."""
        columns = categorical_columns(X)
        check_n_features(self, np.empty((0, len(columns))), reset=True)
        self._record_feature_names(X)
        if isinstance(self.categories, str):
            check_option(self.categories, "categories", ("auto",))
            self.categories_ = [np.unique(column) for column in columns]
        else:
            self.categories_ = _check_explicit_categories(self.categories, columns)
            if unknown_is_error:
                self._refuse_unknown(columns, self._encode(columns), "fit")

    def _encode(self, columns):
        return np.column_stack([encode_column(column, categories)
                                for column, categories in zip(columns, self.categories_)])

    def _refuse_unknown(self, columns, codes, stage):
        for j, column in enumerate(columns):
            if (codes[:, j] < 0).any():
                known = "given in categories" if stage == "fit" else "seen in fit"
                raise ValueError(
                    f"Found unknown categories {_unknown_values(column, codes[:, j])} in column {j} during "
                    f"{stage}; the categories {known} are {self.categories_[j].tolist()}. {self._unknown_hint}")

    def _record_feature_names(self, X):
        names = list(X.columns) if _is_dataframe(X) else None
        if names is not None and all(isinstance(n, str) for n in names):
            self.feature_names_in_ = np.array(names, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

    def _codes(self, X, method, unknown_is_error):
        """Check ``X`` against the fit and return the (n_samples, n_features) integer codes, -1 if unknown."""
        check_is_fitted(self, "categories_", method=method)
        columns = categorical_columns(X)
        check_n_features(self, np.empty((0, len(columns))), reset=False)
        if _is_dataframe(X) and hasattr(self, "feature_names_in_") \
                and list(X.columns) != list(self.feature_names_in_):
            raise ValueError(f"X has columns {list(X.columns)}, but {type(self).__name__} was fitted with "
                             f"{list(self.feature_names_in_)}. Pass the same columns in the same order.")
        codes = self._encode(columns)
        if unknown_is_error:
            self._refuse_unknown(columns, codes, method)
        return codes

    def _input_feature_names(self, input_features):
        check_is_fitted(self, "categories_", method="get_feature_names_out")
        if input_features is None:
            if hasattr(self, "feature_names_in_"):
                return list(self.feature_names_in_)
            return [f"x{j}" for j in range(self.n_features_in_)]
        input_features = [str(name) for name in input_features]
        if len(input_features) != self.n_features_in_:
            raise ValueError(f"input_features has {len(input_features)} name(s) but the encoder was fitted "
                             f"on {self.n_features_in_} column(s). Give one name per column.")
        if hasattr(self, "feature_names_in_") and input_features != list(self.feature_names_in_):
            raise ValueError(f"input_features {input_features} differ from the column names seen in fit "
                             f"{list(self.feature_names_in_)}. Leave input_features=None to use those.")
        return input_features


class OneHotEncoder(_CategoricalEncoder):
    r"""Encode each categorical column as one 0/1 column per category (dense output).

    Parameters
    ----------
    categories : 'auto' or list of lists, default='auto'
        ``'auto'``: the sorted distinct values of each column seen in ``fit``.
        A list: ``categories[j]`` lists the categories of column ``j``, in the
        order their output columns should appear.
    handle_unknown : {'error', 'ignore'}, default='error'
        What ``transform`` does with a category not seen in ``fit``: raise, or
        encode it as all zeros in that column's block.

    Attributes
    ----------
    categories_ : list of ndarray
        The categories of each column, in output order.
    n_features_in_ : int
        Number of input columns.
    feature_names_in_ : ndarray of str
        The column names, when ``fit`` was given a DataFrame with string names.

    Notes
    -----
    A column with categories :math:`c_1, \dots, c_m` becomes :math:`m` columns,

    .. math:: e_{ik} = \begin{cases} 1 & x_i = c_k \\ 0 & \text{otherwise} \end{cases}

    Every two different categories are then at the same Euclidean distance
    :math:`\sqrt 2`: one-hot encoding claims no order among them (use
    :class:`OrdinalEncoder` when there is one). The price is one new column
    per category. The output equals scikit-learn's ``OneHotEncoder`` with
    ``sparse_output=False``. Unlike scikit-learn, missing values are refused
    rather than treated as a category of their own.

    Examples
    --------
    >>> from course_lib.preprocessing import OneHotEncoder
    >>> roles = [['doctor'], ['nurse'], ['doctor'], ['pharmacist']]
    >>> encoder = OneHotEncoder().fit(roles)
    >>> encoder.transform(roles)
    array([[1., 0., 0.],
           [0., 1., 0.],
           [1., 0., 0.],
           [0., 0., 1.]])
    >>> encoder.get_feature_names_out().tolist()
    ['x0_doctor', 'x0_nurse', 'x0_pharmacist']
    """

    _unknown_hint = ("Add them to categories, or use handle_unknown='ignore' to encode them as all zeros.")

    def __init__(self, *, categories="auto", handle_unknown="error"):
        self.categories = categories
        self.handle_unknown = handle_unknown

    def fit(self, X, y=None):
        """Learn the categories of each column.

        Parameters
        ----------
        X : list of rows, array or DataFrame of shape (n_samples, n_features)
            Strings or numbers; each column one kind; no missing values.
        y : None
            Ignored.

        Returns
        -------
        self : OneHotEncoder
        """
        check_option(self.handle_unknown, "handle_unknown", ("error", "ignore"))
        self._fit_categories(X, unknown_is_error=self.handle_unknown == "error")
        return self

    def transform(self, X):
        """One 0/1 column per category, column blocks in input-column order.

        Parameters
        ----------
        X : list of rows, array or DataFrame of shape (n_samples, n_features)

        Returns
        -------
        X_onehot : ndarray of shape (n_samples, total number of categories)
        """
        codes = self._codes(X, "transform", unknown_is_error=self.handle_unknown == "error")
        block_sizes = [len(categories) for categories in self.categories_]
        block_starts = np.concatenate([[0], np.cumsum(block_sizes)[:-1]])
        encoded = np.zeros((codes.shape[0], sum(block_sizes)))
        for j, start in enumerate(block_starts):
            known = codes[:, j] >= 0
            encoded[np.flatnonzero(known), start + codes[known, j]] = 1.0
        return encoded

    def get_feature_names_out(self, input_features=None):
        """Names of the output columns, ``"<column>_<category>"``.

        Parameters
        ----------
        input_features : list of str, optional
            Names of the input columns; default: the DataFrame's column names
            seen in ``fit``, else ``x0, x1, ...``.

        Returns
        -------
        ndarray of str (object dtype)
        """
        names = self._input_feature_names(input_features)
        return np.array([f"{name}_{category}" for name, categories in zip(names, self.categories_)
                         for category in categories.tolist()], dtype=object)


class OrdinalEncoder(_CategoricalEncoder):
    r"""Encode each categorical column as one column of ranks 0, 1, 2, ...

    Parameters
    ----------
    categories : 'auto' or list of lists, default='auto'
        A list gives the categories of each column IN THEIR ORDER, which is the
        point of ordinal encoding: ``[['Bachelor', 'Master', 'PhD']]`` codes
        Bachelor 0, Master 1, PhD 2. ``'auto'`` uses the sorted distinct values
        (alphabetical for text), which is rarely a meaningful order.
    handle_unknown : {'error', 'use_encoded_value'}, default='error'
        What ``transform`` does with a category not seen in ``fit``: raise, or
        output ``unknown_value``.
    unknown_value : int or None, default=None
        The code for unknown categories; required (and only allowed) with
        ``handle_unknown='use_encoded_value'``. It must not be one of the codes
        of known categories; -1 is the usual choice.

    Attributes
    ----------
    categories_ : list of ndarray
        The categories of each column; category ``k`` has code ``k``.
    n_features_in_ : int
        Number of input columns.
    feature_names_in_ : ndarray of str
        The column names, when ``fit`` was given a DataFrame with string names.

    Notes
    -----
    With ordered categories :math:`c_0 < c_1 < \dots < c_{m-1}`, a value
    :math:`x_i = c_k` becomes the number :math:`k`. Distances then respect the
    order: a Bachelor is closer to a Master than to a PhD. The codes are
    equally spaced; if the steps are not equal in reality, choose the numbers
    yourself. Output (float64) equals scikit-learn's ``OrdinalEncoder``.
    Unlike scikit-learn, missing values are refused, ``unknown_value`` must be
    an integer (not NaN), and numeric categories may be listed in any order.

    Examples
    --------
    >>> from course_lib.preprocessing import OrdinalEncoder
    >>> encoder = OrdinalEncoder(categories=[['Bachelor', 'Master', 'PhD']])
    >>> encoder.fit_transform([['Bachelor'], ['PhD'], ['Master'], ['Bachelor']]).ravel()
    array([0., 2., 1., 0.])
    >>> encoder.inverse_transform([[1.0]])
    array([['Master']], dtype=object)
    """

    _unknown_hint = ("Add them to categories (in their place in the order), or use "
                     "handle_unknown='use_encoded_value' with unknown_value=-1.")

    def __init__(self, *, categories="auto", handle_unknown="error", unknown_value=None):
        self.categories = categories
        self.handle_unknown = handle_unknown
        self.unknown_value = unknown_value

    def _check_unknown_value(self):
        check_option(self.handle_unknown, "handle_unknown", ("error", "use_encoded_value"))
        if self.handle_unknown == "error":
            if self.unknown_value is not None:
                raise TypeError(f"unknown_value={self.unknown_value!r} is only used with handle_unknown="
                                "'use_encoded_value'. Set that too, or leave unknown_value=None.")
            return
        if isinstance(self.unknown_value, (bool, np.bool_)) or not isinstance(self.unknown_value, Integral):
            raise TypeError(f"unknown_value must be an integer such as -1 when handle_unknown="
                            f"'use_encoded_value', got {self.unknown_value!r}.")

    def fit(self, X, y=None):
        """Learn (or check) the categories of each column.

        Parameters
        ----------
        X : list of rows, array or DataFrame of shape (n_samples, n_features)
            Strings or numbers; each column one kind; no missing values.
        y : None
            Ignored.

        Returns
        -------
        self : OrdinalEncoder
        """
        self._check_unknown_value()
        self._fit_categories(X, unknown_is_error=self.handle_unknown == "error")
        if self.handle_unknown == "use_encoded_value":
            used = [j for j, categories in enumerate(self.categories_)
                    if 0 <= self.unknown_value < len(categories)]
            if used:
                raise ValueError(f"unknown_value={self.unknown_value} is already the code of a known category "
                                 f"in column {used[0]}. Use a code outside 0..n_categories-1, e.g. -1.")
        return self

    def transform(self, X):
        """Replace each category by its code (float64).

        Parameters
        ----------
        X : list of rows, array or DataFrame of shape (n_samples, n_features)

        Returns
        -------
        X_codes : ndarray of shape (n_samples, n_features)
        """
        codes = self._codes(X, "transform", unknown_is_error=self.handle_unknown == "error")
        encoded = codes.astype(np.float64)
        if self.handle_unknown == "use_encoded_value":
            encoded[codes < 0] = self.unknown_value
        return encoded

    def inverse_transform(self, X):
        """Turn codes back into categories (``unknown_value`` becomes None).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Codes as produced by ``transform``.

        Returns
        -------
        X_categories : ndarray of shape (n_samples, n_features)
            Object dtype when the columns mix kinds or unknowns are present.
        """
        check_is_fitted(self, "categories_", method="inverse_transform")
        codes = check_array(X, name="X")
        check_n_features(self, codes, reset=False)
        dtype = np.result_type(*[categories.dtype for categories in self.categories_])
        unknown = np.zeros(codes.shape, dtype=bool)
        if self.handle_unknown == "use_encoded_value":
            unknown = codes == self.unknown_value
        valid = (codes == np.round(codes)) & (codes >= 0)
        for j, categories in enumerate(self.categories_):
            valid[:, j] &= codes[:, j] < len(categories)
        bad = ~(valid | unknown)
        if bad.any():
            row, j = np.argwhere(bad)[0]
            raise ValueError(f"X[{row}, {j}] = {codes[row, j]!r} is not a code of column {j}: codes are the "
                             f"integers 0..{len(self.categories_[j]) - 1}. Pass the output of transform.")
        result = np.empty(codes.shape, dtype=object if unknown.any() else dtype)
        for j, categories in enumerate(self.categories_):
            known = ~unknown[:, j]
            result[known, j] = categories[codes[known, j].astype(np.intp)]
            if not known.all():
                result[~known, j] = None
        return result

    def get_feature_names_out(self, input_features=None):
        """Names of the output columns: the input column names (one code column per input column)."""
        return np.array(self._input_feature_names(input_features), dtype=object)
