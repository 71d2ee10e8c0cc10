"""Principal component analysis: the few directions along which users differ most.

A user described by ten behaviour features is a point in ten dimensions; PCA
finds new axes (the principal components) ordered by how much of the spread
of the data lies along each, so the first two or three axes make a faithful
picture and a cheaper input for clustering (lessons 09 and 10).

``PCA`` follows scikit-learn's ``PCA(svd_solver='full')`` step for step, with
the same sign convention, so its attributes and outputs equal scikit-learn's.
"""

from numbers import Integral, Real

import numpy as np

from ._validation import check_array, check_is_fitted, check_n_features
from .base import BaseEstimator, TransformerMixin


def center(X):
    r"""Subtract each column's mean: :math:`X_c = X - \mathbf{1}\mu^\top`. Returns ``(X_c, mu)``."""
    mean = X.mean(axis=0)
    return X - mean, mean


def flip_signs(U, Vt):
    """Make the largest-magnitude entry of every row of ``Vt`` positive (and flip ``U``'s columns to match).

    A singular vector is only defined up to its sign: :math:`u\\,s\\,v^\\top =
    (-u)\\,s\\,(-v)^\\top`. Which sign LAPACK returns is an accident of the
    computation, so the result is made deterministic by a rule. This is
    scikit-learn's ``svd_flip(U, Vt, u_based_decision=False)``, the rule its
    PCA uses: the decision is based on the components (rows of ``Vt``), so it
    does not depend on the samples. Ties go to the first largest entry.
    """
    largest = np.argmax(np.abs(Vt), axis=1)
    signs = np.sign(Vt[np.arange(Vt.shape[0]), largest])
    return U * signs, Vt * signs[:, None]


def explained_variances(singular_values, n_samples):
    r"""Variance of the data along each component: :math:`\lambda_k = s_k^2 / (n - 1)`."""
    return singular_values ** 2 / (n_samples - 1)


def components_for_variance_fraction(explained_variance_ratio, fraction):
    r"""Smallest :math:`k` whose first :math:`k` components explain MORE than ``fraction`` of the variance.

    :math:`k = \min\{k : \sum_{j \le k} r_j > f\}`, found as
    ``searchsorted(cumsum(r), f, side='right') + 1``, as scikit-learn does
    (``side='right'``: reaching the fraction exactly is not enough).
    """
    cumulative = np.cumsum(explained_variance_ratio)
    return min(int(np.searchsorted(cumulative, fraction, side="right")) + 1, len(explained_variance_ratio))


class PCA(TransformerMixin, BaseEstimator):
    r"""Principal component analysis by the singular value decomposition of the centred data.

    Parameters
    ----------
    n_components : int, float or None, default=None
        How many components to keep:

        * ``None``: all of them, ``min(n_samples, n_features)``;
        * an int ``k`` with ``1 <= k <= min(n_samples, n_features)``;
        * a float ``f`` with ``0 < f < 1``: the fewest components that together
          explain more than the fraction ``f`` of the variance.
    whiten : bool, default=False
        Divide each projected coordinate by its standard deviation, so every
        kept component has variance 1 (useful before k-means when you want the
        components to weigh equally).

    Attributes
    ----------
    components_ : ndarray of shape (n_components_, n_features)
        The principal axes, unit vectors, in order of decreasing variance.
    explained_variance_ : ndarray of shape (n_components_,)
        Variance along each axis, :math:`s_k^2/(n-1)`.
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        Fraction of the total variance along each axis.
    singular_values_ : ndarray of shape (n_components_,)
        The singular values :math:`s_k` of the centred data.
    mean_ : ndarray of shape (n_features,)
        Column means of the training data.
    n_components_ : int
        Number of components kept.
    noise_variance_ : float
        Mean variance of the discarded components (0 when none is discarded):
        the noise level of the probabilistic PCA model.
    n_samples_ : int
        Number of training rows.
    n_features_in_ : int
        Number of training columns.

    Notes
    -----
    Centre the data, :math:`X_c = X - \mathbf 1 \mu^\top`, and decompose it

    .. math:: X_c = U\,S\,V^\top

    (thin SVD; :math:`S` diagonal with :math:`s_1 \ge s_2 \ge \dots \ge 0`).
    The rows of :math:`V^\top` are the principal axes; the sample covariance
    :math:`\frac{1}{n-1} X_c^\top X_c = V \frac{S^2}{n-1} V^\top`, so the
    variance along axis :math:`k` is :math:`\lambda_k = s_k^2/(n-1)` and its
    share is :math:`\lambda_k / \sum_j \lambda_j`.

    Projecting onto the first :math:`q` axes gives the scores
    :math:`T = X_c V_q = U_q S_q` (``transform``; ``fit_transform`` uses the
    right-hand form, no second product needed). With ``whiten=True`` the scores
    are divided by :math:`\sqrt{\lambda_k}`. ``inverse_transform`` maps scores
    back: :math:`\hat X = T V_q^\top + \mathbf 1 \mu^\top` (times
    :math:`\sqrt{\lambda_k}` first when whitened); with all components it
    recovers :math:`X`.

    Signs follow :func:`flip_signs`, scikit-learn's rule for PCA, so results
    equal ``sklearn.decomposition.PCA(svd_solver='full')``. (scikit-learn's
    default ``svd_solver='auto'`` may use the covariance matrix or a randomized
    method instead; those agree with the full SVD only up to their own
    rounding.) Unlike scikit-learn, at least 2 samples and some non-zero
    variance are required, and ``n_components=0`` or ``'mle'`` are not offered.

    Examples
    --------
    >>> import numpy as np
    >>> from course_lib.decomposition import PCA
    >>> X = np.array([[2.0, 1.0], [4.0, 3.0], [6.0, 5.0], [8.0, 7.5]])
    >>> pca = PCA(n_components=1).fit(X)
    >>> pca.explained_variance_ratio_.round(4)
    array([0.9992])
    >>> pca.transform(X).round(3).ravel()
    array([-4.331, -1.505,  1.322,  4.515])
    """

    def __init__(self, n_components=None, *, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    def _check_n_components(self, n_samples, n_features):
        most = min(n_samples, n_features)
        value = self.n_components
        if value is None:
            return most
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
            raise TypeError(f"n_components must be None, an int or a float between 0 and 1, got {value!r}.")
        if isinstance(value, Integral):
            if not 1 <= value <= most:
                raise ValueError(f"n_components={value} must be between 1 and min(n_samples, n_features)="
                                 f"{most}. Ask for at most {most} components, or a float in (0, 1) for a "
                                 "fraction of the variance.")
            return int(value)
        if not 0 < value < 1:
            raise ValueError(f"n_components={value!r}: a float n_components is a fraction of the variance "
                             "and must be strictly between 0 and 1 (e.g. 0.9). For a number of components "
                             "pass an int.")
        return float(value)

    def fit(self, X, y=None):
        """Find the principal axes of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numbers only; at least 2 rows.
        y : None
            Ignored.

        Returns
        -------
        self : PCA
        """
        self._fit(X)
        return self

    def _fit(self, X):
        """Fit and return ``(U, S)`` of the centred data, for ``fit_transform``."""
        if not isinstance(self.whiten, (bool, np.bool_)):
            raise TypeError(f"whiten must be True or False, got {self.whiten!r}.")
        X = check_array(X, name="X", min_samples=2)
        n_samples, n_features = X.shape
        n_components = self._check_n_components(n_samples, n_features)

        X_centered, mean = center(X)
        U, S, Vt = np.linalg.svd(X_centered, full_matrices=False)
        U, Vt = flip_signs(U, Vt)
        variances = explained_variances(S, n_samples)
        total = variances.sum()
        if total == 0:
            raise ValueError("Every column of X is constant, so there is no variance for PCA to explain. "
                             "Check that the right columns were selected.")
        ratios = variances / total
        if isinstance(n_components, float):
            n_components = components_for_variance_fraction(ratios, n_components)

        check_n_features(self, X, reset=True)
        self.mean_ = mean
        self.n_samples_ = n_samples
        self.n_components_ = n_components
        self.components_ = Vt[:n_components].copy()
        self.explained_variance_ = variances[:n_components].copy()
        self.explained_variance_ratio_ = ratios[:n_components].copy()
        self.singular_values_ = S[:n_components].copy()
        self.noise_variance_ = float(variances[n_components:].mean()) if n_components < len(S) else 0.0
        return U[:, :n_components], S[:n_components]

    def fit_transform(self, X, y=None):
        """Fit, then return the scores of ``X``: :math:`U_q S_q` (or :math:`U_q\\sqrt{n-1}` when whitened).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_)
        """
        U, S = self._fit(X)
        if self.whiten:
            return U * np.sqrt(self.n_samples_ - 1)
        return U * S

    def transform(self, X):
        r"""Project ``X`` onto the principal axes: :math:`T = (X - \mu)\,V_q`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_)
        """
        check_is_fitted(self, "components_", method="transform")
        X = check_array(X, name="X")
        check_n_features(self, X, reset=False)
        scores = (X - self.mean_) @ self.components_.T
        if self.whiten:
            scores /= self._whitening_scale()
        return scores

    def inverse_transform(self, X):
        r"""Map scores back to the original features: :math:`\hat X = T V_q^\top + \mu`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_components_)
            Scores, as returned by ``transform``.

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
            Exactly the data when every component was kept; otherwise its
            best approximation in the kept components.
        """
        check_is_fitted(self, "components_", method="inverse_transform")
        scores = check_array(X, name="X")
        if scores.shape[1] != self.n_components_:
            raise ValueError(f"X has {scores.shape[1]} column(s), but this PCA keeps {self.n_components_} "
                             "components. Pass scores from transform (one column per component).")
        components = self.components_
        if self.whiten:
            components = np.sqrt(self.explained_variance_)[:, None] * components
        return scores @ components + self.mean_

    def _whitening_scale(self):
        # A component with (numerically) zero variance would divide by zero; scikit-learn clips at eps.
        return np.maximum(np.sqrt(self.explained_variance_), np.finfo(np.float64).eps)
