r"""Gaussian mixtures fitted by expectation-maximisation (EM): soft clustering.

k-means gives every user exactly one segment. A Gaussian mixture says instead
"this user is 70% Explorer and 30% Casual": it models the data as ``k``
overlapping bell-shaped clouds and reports, for every point, the probability
that it came from each cloud.

The model
---------
A mixture of :math:`k` Gaussians has the density

.. math:: p(x) = \sum_{j=1}^{k} \pi_j \, \mathcal{N}(x \mid \mu_j, \Sigma_j),
          \qquad \pi_j \ge 0, \quad \sum_j \pi_j = 1,

with mixing weights :math:`\pi_j`, means :math:`\mu_j` and covariance matrices
:math:`\Sigma_j`. The fit maximises the mean log-likelihood of the data,

.. math:: \bar\ell(\theta) = \frac{1}{n} \sum_{i=1}^{n} \ln \sum_{j=1}^{k} \pi_j \, \mathcal{N}(x_i \mid \mu_j, \Sigma_j).

The logarithm of a sum has no closed-form maximum, so EM alternates two easy steps.

The steps, one function each
----------------------------
1. Start (:func:`initial_responsibilities`): a first soft assignment
   :math:`\gamma_{ij}` from k-means, k-means++, random numbers or random data
   points; one M-step turns it into starting parameters.
2. E-step (:func:`e_step`): with the parameters fixed, each point's
   responsibilities by Bayes' theorem,
   :math:`\gamma_{ij} = \pi_j \mathcal{N}(x_i \mid \mu_j, \Sigma_j) / \sum_l \pi_l \mathcal{N}(x_i \mid \mu_l, \Sigma_l)`.
   It works with logarithms (:func:`estimate_log_gaussian_prob`) and the
   log-sum-exp trick (:func:`normalise_log_probabilities`), so points far from
   every component neither underflow to 0/0 nor overflow.
3. M-step (:func:`m_step`): with the responsibilities fixed, the weighted
   maximum-likelihood parameters (:func:`estimate_gaussian_parameters`), with
   :math:`N_j = \sum_i \gamma_{ij}`:
   :math:`\pi_j = N_j / n`, :math:`\mu_j = \frac{1}{N_j} \sum_i \gamma_{ij} x_i`,
   :math:`\Sigma_j = \frac{1}{N_j} \sum_i \gamma_{ij} (x_i - \mu_j)(x_i - \mu_j)^\top + \epsilon I`,
   where :math:`\epsilon` is ``reg_covar``. Then the Cholesky factors of the
   precisions (:func:`compute_precision_cholesky`) that the next E-step uses.
4. Stop when the mean log-likelihood changes by less than ``tol``.

Each EM iteration can only raise :math:`\bar\ell` (EM maximises a lower bound that
touches :math:`\bar\ell` at the current parameters), which ``log_likelihood_history_``
lets students watch. :func:`em_iteration_textbook` performs one iteration with the
formulas exactly as written above (densities, an explicit inverse and determinant);
the tests prove the fast functions give the same numbers.

Covariance types
----------------
``'full'``: each component its own :math:`\Sigma_j` (any ellipse);
``'tied'``: one :math:`\Sigma` shared by all (same ellipse everywhere);
``'diag'``: each its own diagonal :math:`\Sigma_j` (axis-aligned ellipses);
``'spherical'``: each its own :math:`\sigma_j^2 I` (circles of different sizes).

Precision Cholesky factors
--------------------------
The E-step needs :math:`(x - \mu)^\top \Sigma^{-1} (x - \mu)` and
:math:`\ln|\Sigma|`. Both come cheaply and stably from the Cholesky factor
:math:`\Sigma = L L^\top` (:math:`L` lower triangular, positive diagonal): with
:math:`P = L^{-\top}` (upper triangular) the precision is :math:`\Sigma^{-1} = P P^\top`, so

.. math:: (x - \mu)^\top \Sigma^{-1} (x - \mu) = \| (x - \mu)^\top P \|^2, \qquad
          -\tfrac12 \ln|\Sigma| = \ln|P| = \sum_m \ln P_{mm}.

The mixture therefore stores :math:`P` (``precisions_cholesky_``), as scikit-learn
does. If a component collapses (onto one point, a line or duplicated points) its
covariance stops being positive definite, the Cholesky factorisation fails, and
``fit`` raises a ``ValueError`` that suggests a larger ``reg_covar``, fewer
components or scaled data, rather than returning NaN.
"""

import functools
import math
import warnings
from numbers import Integral, Real

import numpy as np

from ._blocks import block_rows, row_blocks
from ._validation import (ConvergenceWarning, check_array, check_is_fitted, check_n_features, check_option,
                          check_random_state, check_scalar)
from .base import BaseEstimator
from .kmeans import KMeans, kmeans_plusplus

COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")
INIT_PARAMS = ("kmeans", "k-means++", "random", "random_from_data")

COLLAPSE_MESSAGE = (
    "The Gaussian mixture cannot be fitted: a component's covariance is no longer positive definite "
    "(it has collapsed onto a single point, duplicated points or a line). Increase reg_covar "
    "(e.g. reg_covar=1e-3), use fewer components (n_components), or scale the features "
    "(e.g. with course_lib.preprocessing.StandardScaler)."
)


# Rows per block are chosen so that each (block x k x d) temporary takes about 1 MiB: small enough to stay
# in the CPU cache, which measured faster here than the shared 8 MiB default.
_BLOCK_BYTES = 2**20


# --------------------------------------------------------------------------------------------------
# Step 1: a first soft assignment
# --------------------------------------------------------------------------------------------------

def initial_responsibilities(X, n_components, init_params="kmeans", random_state=None):
    r"""A first responsibility matrix :math:`\gamma^{(0)}`, shape ``(n_samples, n_components)``.

    - ``'kmeans'``: one k-means run (``course_lib.kmeans.KMeans`` with ``n_init=1``);
      each point belongs wholly to its cluster (:math:`\gamma_{ij} \in \{0, 1\}`).
    - ``'k-means++'``: the k-means++ seeds only (``course_lib.kmeans.kmeans_plusplus``);
      each seed point belongs wholly to its own component, every other point to none.
    - ``'random'``: uniform random numbers, each row divided by its sum.
    - ``'random_from_data'``: ``n_components`` distinct data points, drawn at random,
      each wholly to its own component.

    ``random_state`` is turned into a ``RandomState`` and consumed in the same
    order as scikit-learn, so the same seed gives the same start.
    """
    check_option(init_params, "init_params", INIT_PARAMS)
    random_state = check_random_state(random_state)
    n_samples = X.shape[0]
    resp = np.zeros((n_samples, n_components))
    if init_params == "kmeans":
        labels = KMeans(n_clusters=n_components, n_init=1, random_state=random_state).fit(X).labels_
        resp[np.arange(n_samples), labels] = 1.0
    elif init_params == "k-means++":
        _, indices = kmeans_plusplus(X, n_components, random_state=random_state)
        resp[indices, np.arange(n_components)] = 1.0
    elif init_params == "random":
        resp = random_state.uniform(size=(n_samples, n_components))
        resp /= resp.sum(axis=1, keepdims=True)
    else:  # 'random_from_data'
        indices = random_state.choice(n_samples, size=n_components, replace=False)
        resp[indices, np.arange(n_components)] = 1.0
    return resp


# --------------------------------------------------------------------------------------------------
# M-step: weighted maximum-likelihood parameters
# --------------------------------------------------------------------------------------------------

def estimate_gaussian_parameters(X, resp, reg_covar, covariance_type):
    r"""The M-step's formulas: soft counts, means and covariances from the responsibilities.

    .. math:: N_j = \sum_i \gamma_{ij}, \qquad \mu_j = \frac{1}{N_j} \sum_i \gamma_{ij} x_i

    and the covariances of ``covariance_type`` (see the ``estimate_*_covariance*``
    functions), each with ``reg_covar`` added to its diagonal. Ten machine epsilons
    are added to every :math:`N_j` (as scikit-learn does) so that a component no
    point belongs to gets mean 0 and covariance ``reg_covar * I`` instead of 0/0.

    Returns
    -------
    nk : ndarray of shape (n_components,)
    means : ndarray of shape (n_components, n_features)
    covariances : ndarray, shape depending on ``covariance_type`` (see ``GaussianMixture``)
    """
    nk = _column_sum(resp) + 10 * np.finfo(np.float64).eps
    means = (resp.T @ X) / nk[:, None]
    estimate = {
        "full": estimate_full_covariances,
        "tied": estimate_tied_covariance,
        "diag": estimate_diag_covariances,
        "spherical": estimate_spherical_variances,
    }[covariance_type]
    return nk, means, estimate(X, resp, nk, means, reg_covar)


def estimate_full_covariances(X, resp, nk, means, reg_covar):
    r"""One covariance matrix per component, shape ``(n_components, n_features, n_features)``.

    .. math:: \Sigma_j = \frac{1}{N_j} \sum_i \gamma_{ij} (x_i - \mu_j)(x_i - \mu_j)^\top + \epsilon I

    All components at once, a block of rows at a time: the centred block is laid
    out as ``(k, d, block)`` (each component's differences, feature by feature),
    so one batched matrix product ``(weighted diff)^T-block @ diff-block`` adds
    every component's weighted scatter with contiguous operands.
    """
    n_samples, n_features = X.shape
    n_components = means.shape[0]
    X_by_feature = np.ascontiguousarray(X.T)                           # (d, n)
    resp_by_component = np.ascontiguousarray(resp.T)                   # (k, n)
    covariances = np.zeros((n_components, n_features, n_features))
    for rows in row_blocks(n_samples, block_rows(n_components * n_features, block_bytes=_BLOCK_BYTES)):
        diff = X_by_feature[None, :, rows] - means[:, :, None]         # (k, d, block): x_i - mu_j
        weighted = diff * resp_by_component[:, None, rows]             # gamma_ij (x_i - mu_j)
        covariances += weighted @ diff.transpose(0, 2, 1)
    covariances /= nk[:, None, None]
    covariances[:, np.arange(n_features), np.arange(n_features)] += reg_covar
    return covariances


def estimate_tied_covariance(X, resp, nk, means, reg_covar):
    r"""One covariance matrix shared by all components, shape ``(n_features, n_features)``.

    .. math:: \Sigma = \frac{1}{n} \sum_j \sum_i \gamma_{ij} (x_i - \mu_j)(x_i - \mu_j)^\top + \epsilon I
              = \frac{1}{n} \Big( \sum_i x_i x_i^\top - \sum_j N_j \mu_j \mu_j^\top \Big) + \epsilon I

    (expand the product and use :math:`\sum_j \gamma_{ij} = 1` and :math:`\sum_i \gamma_{ij} x_i = N_j \mu_j`).
    The code uses the right-hand form with :math:`\sum_j N_j` for :math:`n`, as scikit-learn does.
    The two agree whenever every row of the responsibilities sums to 1, as in every
    EM step; they differ for the point-seed starts ('k-means++',
    'random_from_data'), whose rows are mostly 0: there the right-hand form (the
    one kept, for equality with scikit-learn) measures the scatter of all points.
    """
    scatter = X.T @ X - (nk[:, None] * means).T @ means
    covariance = scatter / nk.sum()
    covariance[np.diag_indices_from(covariance)] += reg_covar
    return covariance


def estimate_diag_covariances(X, resp, nk, means, reg_covar):
    r"""One variance per component and feature, shape ``(n_components, n_features)``.

    .. math:: \sigma_{jm}^2 = \frac{1}{N_j} \sum_i \gamma_{ij} (x_{im} - \mu_{jm})^2 + \epsilon

    (the diagonal of the full covariance).
    """
    n_samples, n_features = X.shape
    n_components = means.shape[0]
    variances = np.zeros((n_components, n_features))
    for rows in row_blocks(n_samples, block_rows(n_components * n_features, block_bytes=_BLOCK_BYTES)):
        diff = X[rows, None, :] - means[None, :, :]                    # (block, k, d)
        variances += np.einsum("nk,nkd->kd", resp[rows], diff * diff)
    return variances / nk[:, None] + reg_covar


def estimate_spherical_variances(X, resp, nk, means, reg_covar):
    r"""One variance per component, shape ``(n_components,)``: the mean of its diagonal variances,

    .. math:: \sigma_j^2 = \frac{1}{d} \sum_m \sigma_{jm}^2.
    """
    return estimate_diag_covariances(X, resp, nk, means, reg_covar).mean(axis=1)


def invert_lower_triangular(L):
    r"""Inverse of lower-triangular matrices (one or a stack) by forward substitution.

    Row :math:`m` of :math:`Z = L^{-1}` follows from the rows above it:
    :math:`Z_{m\cdot} = (e_m - \sum_{c < m} L_{mc} Z_{c\cdot}) / L_{mm}`.
    The result is exactly lower triangular.
    """
    n_features = L.shape[-1]
    inverse = np.zeros_like(L)
    identity = np.eye(n_features)
    for m in range(n_features):
        above = L[..., m:m + 1, :m] @ inverse[..., :m, :]               # (..., 1, d)
        inverse[..., m, :] = (identity[m] - above[..., 0, :]) / L[..., m, m, None]
    return inverse


def compute_precision_cholesky(covariances, covariance_type):
    r"""Cholesky factors :math:`P` of the precisions, from the covariances.

    ``'full'``/``'tied'``: :math:`\Sigma = L L^\top` (Cholesky), then
    :math:`P = (L^{-1})^\top`, upper triangular, with :math:`\Sigma^{-1} = P P^\top`.
    ``'diag'``/``'spherical'``: :math:`P = 1 / \sqrt{\sigma^2}`, elementwise.

    Raises ``ValueError`` (see ``COLLAPSE_MESSAGE``) when a covariance is not
    positive definite: the sign of a collapsed component.
    """
    if not np.all(np.isfinite(covariances)):
        raise ValueError(COLLAPSE_MESSAGE)
    if covariance_type in ("full", "tied"):
        try:
            cov_cholesky = np.linalg.cholesky(covariances)
        except np.linalg.LinAlgError:
            raise ValueError(COLLAPSE_MESSAGE) from None
        return np.ascontiguousarray(np.swapaxes(invert_lower_triangular(cov_cholesky), -1, -2))
    if np.any(covariances <= 0.0):
        raise ValueError(COLLAPSE_MESSAGE)
    return 1.0 / np.sqrt(covariances)


def precision_cholesky_from_precisions(precisions, covariance_type):
    r"""The upper-triangular :math:`P` with :math:`\Lambda = P P^\top`, for given precisions :math:`\Lambda`.

    Cholesky gives a *lower* factor. Reversing the order of rows and columns
    (:math:`J`, the exchange matrix) turns one into the other: if
    :math:`J \Lambda J = L L^\top` then :math:`\Lambda = (J L J)(J L J)^\top` and
    :math:`J L J` is upper triangular. For ``'diag'``/``'spherical'``, :math:`P = \sqrt{\Lambda}`.
    """
    if covariance_type in ("full", "tied"):
        reverse = (..., slice(None, None, -1), slice(None, None, -1))
        try:
            return np.linalg.cholesky(precisions[reverse])[reverse]
        except np.linalg.LinAlgError:
            raise ValueError("precisions_init is not positive definite to working precision. "
                             "Pass well-conditioned precision matrices (inverse covariances).") from None
    return np.sqrt(precisions)


def precisions_from_cholesky(precisions_cholesky, covariance_type):
    r"""Precisions: :math:`\Lambda = P P^\top` ('full', 'tied') or :math:`P^2` ('diag', 'spherical')."""
    if covariance_type in ("full", "tied"):
        return precisions_cholesky @ np.swapaxes(precisions_cholesky, -1, -2)
    return precisions_cholesky ** 2


def covariances_from_cholesky(precisions_cholesky, covariance_type):
    r"""Covariances :math:`\Sigma = \Lambda^{-1} = P^{-\top} P^{-1}` from the precision factors."""
    if covariance_type in ("full", "tied"):
        inverse_transposed = invert_lower_triangular(np.swapaxes(precisions_cholesky, -1, -2))   # P^{-T}
        return inverse_transposed @ np.swapaxes(inverse_transposed, -1, -2)
    return 1.0 / precisions_cholesky ** 2


# --------------------------------------------------------------------------------------------------
# E-step: log-densities, then responsibilities by log-sum-exp
# --------------------------------------------------------------------------------------------------

def log_det_precision_cholesky(precisions_cholesky, covariance_type, n_features):
    r""":math:`\ln|P_j| = \sum_m \ln (P_j)_{mm} = -\tfrac12 \ln|\Sigma_j|`, one value per component
    (one value for ``'tied'``)."""
    if covariance_type in ("full", "tied"):
        return np.log(np.diagonal(precisions_cholesky, axis1=-2, axis2=-1)).sum(axis=-1)
    if covariance_type == "diag":
        return np.log(precisions_cholesky).sum(axis=1)
    return n_features * np.log(precisions_cholesky)


def squared_mahalanobis_distances(X, means, precisions_cholesky, covariance_type):
    r""":math:`D_{ij} = (x_i - \mu_j)^\top \Sigma_j^{-1} (x_i - \mu_j) = \|(x_i - \mu_j)^\top P_j\|^2`,
    shape ``(n_samples, n_components)``.

    ``'tied'`` is ``'full'`` with the same :math:`P` for every component and
    ``'spherical'`` is ``'diag'`` with equal entries, so two computations cover all four:

    - full: the :math:`k` matrices :math:`P_j` side by side make one
      ``(d, k*d)`` matrix, so ``X @ P_all`` projects every point for every
      component in a single matrix product; subtracting :math:`\mu_j^\top P_j`
      gives :math:`(x_i - \mu_j)^\top P_j`;
    - diag: :math:`(x_{im} - \mu_{jm}) P_{jm}`, elementwise.

    Rows are processed in blocks so the ``(block, k, d)`` temporary stays small.
    """
    n_samples, n_features = X.shape
    n_components = means.shape[0]
    if covariance_type == "tied":
        precisions_cholesky = np.broadcast_to(precisions_cholesky, (n_components, n_features, n_features))
    elif covariance_type == "spherical":
        precisions_cholesky = np.broadcast_to(precisions_cholesky[:, None], (n_components, n_features))

    distances = np.empty((n_samples, n_components))
    rows_per_block = block_rows(n_components * n_features, block_bytes=_BLOCK_BYTES)
    if covariance_type in ("full", "tied"):
        all_factors = np.ascontiguousarray(precisions_cholesky.transpose(1, 0, 2)).reshape(
            n_features, n_components * n_features)
        projected_means = np.einsum("kd,kde->ke", means, precisions_cholesky).reshape(-1)
        for rows in row_blocks(n_samples, rows_per_block):
            y = X[rows] @ all_factors
            y -= projected_means
            y = y.reshape(-1, n_components, n_features)
            distances[rows] = np.einsum("nke,nke->nk", y, y)
    else:
        for rows in row_blocks(n_samples, rows_per_block):
            y = (X[rows, None, :] - means[None, :, :]) * precisions_cholesky[None, :, :]
            distances[rows] = np.einsum("nkd,nkd->nk", y, y)
    return distances


def estimate_log_gaussian_prob(X, means, precisions_cholesky, covariance_type):
    r"""Log-density of every point under every component, shape ``(n_samples, n_components)``.

    .. math:: \ln \mathcal{N}(x_i \mid \mu_j, \Sigma_j)
              = -\tfrac12 \left( d \ln(2\pi) + D_{ij} \right) + \ln|P_j|

    with :math:`D_{ij}` the squared Mahalanobis distance
    (:func:`squared_mahalanobis_distances`) and :math:`\ln|P_j| = -\frac12 \ln|\Sigma_j|`.
    """
    n_features = X.shape[1]
    log_prob = squared_mahalanobis_distances(X, means, precisions_cholesky, covariance_type)
    log_prob *= -0.5
    log_prob += log_det_precision_cholesky(precisions_cholesky, covariance_type, n_features) \
        - 0.5 * n_features * math.log(2 * math.pi)
    return log_prob


def estimate_weighted_log_prob(X, weights, means, precisions_cholesky, covariance_type):
    r""":math:`\ln \pi_j + \ln \mathcal{N}(x_i \mid \mu_j, \Sigma_j)`, shape ``(n_samples, n_components)``."""
    # A weight of exactly 0 gives log 0 = -inf: that component never wins.
    with np.errstate(divide="ignore"):
        log_weights = np.log(weights)
    log_prob = estimate_log_gaussian_prob(X, means, precisions_cholesky, covariance_type)
    log_prob += log_weights
    return log_prob


def normalise_log_probabilities(weighted_log_prob):
    r"""Log-sum-exp: each row's :math:`\ln \sum_j e^{a_{ij}}`, and :math:`e^{a_{ij}} / \sum_l e^{a_{il}}`.

    .. math:: \ln \sum_j e^{a_{ij}} = m_i + \ln \sum_j e^{a_{ij} - m_i}, \qquad m_i = \max_j a_{ij}

    Shifting by the row maximum keeps the largest term at :math:`e^0 = 1`: nothing
    overflows, and the sum never underflows to 0 even when every :math:`a_{ij}` is
    around -1000 (a point far from every component).

    Returns
    -------
    log_norm : ndarray of shape (n_samples,)
        :math:`\ln p(x_i)` when the input is :func:`estimate_weighted_log_prob`.
    normalised : ndarray of shape (n_samples, n_components)
        The responsibilities :math:`\gamma_{ij}`; each row sums to 1.
    """
    row_max = _row_max(weighted_log_prob)[:, None]
    normalised = weighted_log_prob - row_max
    np.exp(normalised, out=normalised)
    row_sum = _row_sum(normalised)[:, None]
    normalised /= row_sum
    log_norm = (np.log(row_sum) + row_max)[:, 0]
    return log_norm, normalised


# NumPy reduces along a short last axis (k components) one row at a time, which is slow for
# (n_samples, k) arrays; these give the same numbers with k whole-column operations.

def _row_max(a):
    """``a.max(axis=1)``, as the elementwise maximum of the columns."""
    return functools.reduce(np.maximum, a.T)


def _row_sum(a):
    """``a.sum(axis=1)``."""
    return np.einsum("nk->n", a)


def _column_sum(a):
    """``a.sum(axis=0)``."""
    return np.einsum("nk->k", a)


def e_step(X, weights, means, precisions_cholesky, covariance_type):
    r"""E-step: responsibilities from Bayes' theorem, computed with logarithms.

    .. math:: \gamma_{ij} = \frac{\pi_j \mathcal{N}(x_i \mid \mu_j, \Sigma_j)}
                                 {\sum_l \pi_l \mathcal{N}(x_i \mid \mu_l, \Sigma_l)}

    Returns
    -------
    log_likelihood : ndarray of shape (n_samples,)
        :math:`\ln p(x_i) = \ln \sum_l \pi_l \mathcal{N}(x_i \mid \mu_l, \Sigma_l)` under the given parameters;
        its mean is the quantity EM increases.
    resp : ndarray of shape (n_samples, n_components)
        The responsibilities :math:`\gamma_{ij}`.
    """
    weighted = estimate_weighted_log_prob(X, weights, means, precisions_cholesky, covariance_type)
    return normalise_log_probabilities(weighted)


def m_step(X, resp, reg_covar, covariance_type):
    r"""M-step: the parameters that maximise the expected complete-data log-likelihood.

    :math:`\pi_j = N_j / n`, :math:`\mu_j`, :math:`\Sigma_j` from
    :func:`estimate_gaussian_parameters`, then :math:`P_j` from
    :func:`compute_precision_cholesky`.

    Returns
    -------
    weights, means, covariances, precisions_cholesky
    """
    nk, means, covariances = estimate_gaussian_parameters(X, resp, reg_covar, covariance_type)
    weights = nk / nk.sum()
    return weights, means, covariances, compute_precision_cholesky(covariances, covariance_type)


# --------------------------------------------------------------------------------------------------
# The same iteration, exactly as on paper (for small examples and the tests)
# --------------------------------------------------------------------------------------------------

def em_iteration_textbook(X, weights, means, covariances, reg_covar=0.0):
    r"""One EM iteration with full covariances, written as the formulas read.

    E-step with the densities themselves (an explicit inverse and determinant per
    component), M-step with one weighted sum per component. Fine for hand-sized
    examples; on real data the densities can underflow, which is why
    :func:`e_step` works with logarithms. The tests prove both give the same numbers.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    weights : ndarray of shape (n_components,)
    means : ndarray of shape (n_components, n_features)
    covariances : ndarray of shape (n_components, n_features, n_features)
    reg_covar : float, default=0.0
        Added to the diagonal of the new covariances.

    Returns
    -------
    resp : ndarray of shape (n_samples, n_components)
        :math:`\gamma_{ij}` under the given parameters.
    log_likelihood : float
        :math:`\ell = \sum_i \ln \sum_j \pi_j \mathcal{N}(x_i \mid \mu_j, \Sigma_j)` under the given
        parameters (a sum; ``GaussianMixture`` reports the mean :math:`\ell / n`).
    new_weights, new_means, new_covariances : ndarray
        :math:`\pi_j = N_j / n`, :math:`\mu_j = \sum_i \gamma_{ij} x_i / N_j`,
        :math:`\Sigma_j = \sum_i \gamma_{ij} (x_i - \mu_j)(x_i - \mu_j)^\top / N_j + \epsilon I`.
    """
    X = np.asarray(X, dtype=float)
    n_samples, n_features = X.shape
    n_components = len(weights)
    weighted_density = np.empty((n_samples, n_components))
    for j in range(n_components):
        diff = X - means[j]
        inverse = np.linalg.inv(covariances[j])
        normaliser = 1.0 / np.sqrt((2 * np.pi) ** n_features * np.linalg.det(covariances[j]))
        quadratic = np.sum(diff @ inverse * diff, axis=1)
        weighted_density[:, j] = weights[j] * normaliser * np.exp(-0.5 * quadratic)
    mixture_density = weighted_density.sum(axis=1)
    resp = weighted_density / mixture_density[:, None]
    log_likelihood = float(np.sum(np.log(mixture_density)))

    nk = resp.sum(axis=0)
    new_weights = nk / n_samples
    new_means = np.empty((n_components, n_features))
    new_covariances = np.empty((n_components, n_features, n_features))
    for j in range(n_components):
        new_means[j] = (resp[:, j, None] * X).sum(axis=0) / nk[j]
        diff = X - new_means[j]
        new_covariances[j] = (resp[:, j, None] * diff).T @ diff / nk[j] + reg_covar * np.eye(n_features)
    return resp, log_likelihood, new_weights, new_means, new_covariances


def count_free_parameters(n_components, n_features, covariance_type):
    r"""Number of free parameters, as BIC and AIC count them.

    :math:`k d` means, :math:`k - 1` weights (they sum to 1), and covariances:
    ``'full'`` :math:`k \, d(d+1)/2`, ``'tied'`` :math:`d(d+1)/2`, ``'diag'`` :math:`k d`,
    ``'spherical'`` :math:`k`.
    """
    covariance_parameters = {
        "full": n_components * n_features * (n_features + 1) // 2,
        "tied": n_features * (n_features + 1) // 2,
        "diag": n_components * n_features,
        "spherical": n_components,
    }[covariance_type]
    return covariance_parameters + n_components * n_features + n_components - 1


# --------------------------------------------------------------------------------------------------
# The estimator
# --------------------------------------------------------------------------------------------------

class GaussianMixture(BaseEstimator):
    r"""Gaussian mixture model fitted by expectation-maximisation, with scikit-learn's API.

    Parameters
    ----------
    n_components : int, default=1
        Number of Gaussian components :math:`k`; between 1 and ``n_samples``.
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
        Shape of the components: own full matrix, one shared full matrix, own
        diagonal matrix, or own single variance.
    tol : float, default=1e-3
        Stop when the mean log-likelihood changes by less than this between two
        iterations. ``tol=0`` always runs ``max_iter`` iterations.
    reg_covar : float, default=1e-6
        Added to the diagonal of every covariance (> 0): keeps each one positive definite.
    max_iter : int, default=100
        Most EM iterations per start; 0 keeps the starting parameters.
    n_init : int, default=1
        Number of starts; the one with the highest final lower bound is kept.
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}, default='kmeans'
        How the first responsibilities are made (:func:`initial_responsibilities`).
    weights_init : array-like of shape (n_components,), default=None
        Starting weights (non-negative, summing to 1).
    means_init : array-like of shape (n_components, n_features), default=None
        Starting means.
    precisions_init : array-like, default=None
        Starting precisions (inverse covariances), positive definite, of shape
        ``(n_components, n_features, n_features)`` for 'full',
        ``(n_features, n_features)`` for 'tied', ``(n_components, n_features)`` for
        'diag' and ``(n_components,)`` for 'spherical'.
    random_state : None, int or numpy.random.RandomState, default=None
        Seeds the start and :meth:`sample`; an int gives the same draws as scikit-learn.

    Attributes
    ----------
    weights_ : ndarray of shape (n_components,)
        Mixing weights :math:`\pi_j`.
    means_ : ndarray of shape (n_components, n_features)
        Component means :math:`\mu_j`.
    covariances_ : ndarray
        Covariances :math:`\Sigma_j`, shaped as ``precisions_init``.
    precisions_ : ndarray
        Precisions :math:`\Sigma_j^{-1}`, same shape.
    precisions_cholesky_ : ndarray
        Upper-triangular :math:`P_j` with :math:`\Sigma_j^{-1} = P_j P_j^\top` (or
        :math:`1/\sigma` for 'diag'/'spherical'), same shape.
    converged_ : bool
        Whether the kept start reached ``tol`` within ``max_iter`` iterations.
    n_iter_ : int
        EM iterations of the kept start.
    lower_bound_ : float
        Mean log-likelihood computed in the last iteration's E-step, i.e. of the
        parameters that iteration started from (scikit-learn's definition);
        ``-inf`` when ``max_iter=0``.
    lower_bounds_ : list of float
        The value computed in each iteration's E-step (length ``n_iter_``), as in scikit-learn.
    log_likelihood_history_ : ndarray of shape (n_iter_ + 1,)
        Mean log-likelihood of the training data at the start (entry 0) and after
        every EM step (entry t after t steps); never decreases. The last entry
        equals ``score(X)`` on the training data.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    **Model and objective.** :math:`p(x) = \sum_j \pi_j \mathcal{N}(x \mid \mu_j, \Sigma_j)` with
    :math:`\ln \mathcal{N}(x \mid \mu, \Sigma) = -\frac12 [d \ln 2\pi + \ln|\Sigma| + (x-\mu)^\top \Sigma^{-1} (x-\mu)]`.
    EM maximises the mean log-likelihood :math:`\bar\ell = \frac1n \sum_i \ln p(x_i)`.

    **E-step** (:func:`e_step`). :math:`\gamma_{ij} = \pi_j \mathcal{N}(x_i \mid \mu_j, \Sigma_j) / p(x_i)`,
    computed as :math:`\exp(a_{ij} - \ln \sum_l e^{a_{il}})` with
    :math:`a_{ij} = \ln \pi_j + \ln \mathcal{N}(x_i \mid \mu_j, \Sigma_j)` and the log-sum-exp trick.

    **M-step** (:func:`m_step`). With :math:`N_j = \sum_i \gamma_{ij}`:
    :math:`\pi_j = N_j/n`, :math:`\mu_j = \frac{1}{N_j}\sum_i \gamma_{ij} x_i`,
    :math:`\Sigma_j = \frac{1}{N_j}\sum_i \gamma_{ij}(x_i-\mu_j)(x_i-\mu_j)^\top + \epsilon I`
    (tied: the :math:`N_j`-weighted average of these, computed as
    :math:`(\sum_i x_i x_i^\top - \sum_j N_j \mu_j \mu_j^\top)/n + \epsilon I`; diag: their diagonals;
    spherical: the mean of the diagonal). Setting the derivative of
    :math:`Q = \sum_i \sum_j \gamma_{ij} \ln[\pi_j \mathcal{N}(x_i \mid \mu_j, \Sigma_j)]`
    to zero gives each formula; for the weights a Lagrange multiplier enforces :math:`\sum_j \pi_j = 1`.

    **Precision Cholesky factors.** With :math:`\Sigma_j = L_j L_j^\top` and
    :math:`P_j = L_j^{-\top}`: :math:`(x-\mu_j)^\top \Sigma_j^{-1} (x-\mu_j) = \|(x-\mu_j)^\top P_j\|^2` and
    :math:`\ln|\Sigma_j| = -2 \sum_m \ln (P_j)_{mm}`. No covariance matrix is inverted as a whole:
    only its triangular Cholesky factor, by forward substitution (:func:`invert_lower_triangular`).

    **The order of the loop** follows scikit-learn exactly, so that given the
    same start both give the same numbers and the same ``n_iter_``: iteration
    :math:`t` runs the E-step on the current parameters (which yields their
    mean log-likelihood :math:`\bar\ell_{t-1}`, the "lower bound") and then the
    M-step; it stops as soon as :math:`|\bar\ell_{t-1} - \bar\ell_{t-2}| < \text{tol}`
    (never in iteration 1). The starting parameters come from one M-step on the
    initial responsibilities; there the weights are :math:`N_j/n` and any of
    ``weights_init``, ``means_init``, ``precisions_init`` given replaces its
    part (the covariances still use the means from the responsibilities, as in
    scikit-learn). After the kept start is chosen, a final E-step gives
    ``log_likelihood_history_[-1]`` and the labels of :meth:`fit_predict`, so
    ``fit_predict(X)`` always equals ``fit(X).predict(X)``.

    **BIC and AIC.** :math:`\text{BIC} = -2 n \bar\ell + p \ln n`, :math:`\text{AIC} = -2 n \bar\ell + 2p`,
    with :math:`p` from :func:`count_free_parameters`; lower is better.

    A collapsing component (all its weight on one point, duplicated points or a
    line) makes its covariance singular; ``fit`` then raises a ``ValueError``
    suggesting a larger ``reg_covar``, fewer components or scaled data.

    Examples
    --------
    >>> import numpy as np
    >>> from course_lib.gmm import GaussianMixture
    >>> X = np.array([[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]])
    >>> gm = GaussianMixture(n_components=2, init_params="random_from_data", random_state=0).fit(X)
    >>> gm.means_
    array([[10.,  2.],
           [ 1.,  2.]])
    >>> gm.predict([[0, 0], [12, 3]])
    array([1, 0])
    """

    def __init__(self, n_components=1, *, covariance_type="full", tol=1e-3, reg_covar=1e-6, max_iter=100,
                 n_init=1, init_params="kmeans", weights_init=None, means_init=None, precisions_init=None,
                 random_state=None):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.random_state = random_state

    # ---- fitting -------------------------------------------------------------------------------

    def fit(self, X, y=None):
        """Fit the mixture to ``X`` by EM and return ``self``."""
        self._fit(X)
        return self

    def fit_predict(self, X, y=None):
        """Fit to ``X`` and return each sample's most likely component (equal to ``fit(X).predict(X)``)."""
        return self._fit(X).argmax(axis=1)

    def _fit(self, X):
        """Run every start, keep the best, finish with one E-step; return its responsibilities.

        The fitted attributes are set together at the end, so a fit that fails (a collapsing
        component) leaves an earlier fit as it was.
        """
        X = check_array(X, min_samples=2)
        starts = self._check_parameters(X)
        random_state = check_random_state(self.random_state)

        best = None
        for _ in range(self.n_init):
            run = self._run_em(X, self._initial_parameters(X, random_state, *starts))
            # As scikit-learn: the first start, then any strictly better one; with max_iter=0 the last.
            if best is None or self.max_iter == 0 or run["lower_bound"] > best["lower_bound"]:
                best = run
        weights, means, covariances, precisions_cholesky = best["parameters"]
        log_likelihood, resp = e_step(X, weights, means, precisions_cholesky, self.covariance_type)
        final_log_likelihood = _mean_log_likelihood(log_likelihood)

        check_n_features(self, X, reset=True)
        self.weights_, self.means_, self.covariances_ = weights, means, covariances
        self.precisions_cholesky_ = precisions_cholesky
        self.precisions_ = precisions_from_cholesky(precisions_cholesky, self.covariance_type)
        self.converged_ = best["converged"]
        self.n_iter_ = best["n_iter"]
        self.lower_bound_ = best["lower_bound"]
        self.lower_bounds_ = best["lower_bounds"]
        self.log_likelihood_history_ = np.array(self.lower_bounds_ + [final_log_likelihood])
        if not self.converged_ and self.max_iter > 0:
            warnings.warn(f"EM did not converge within max_iter={self.max_iter} iterations (tol={self.tol}). "
                          "Increase max_iter or tol, try another start (n_init, random_state), "
                          "or check for degenerate data.", ConvergenceWarning, stacklevel=3)
        return resp

    def _initial_parameters(self, X, random_state, weights_init, means_init, precisions_init):
        """Starting (weights, means, covariances, precisions_cholesky): one M-step on the first
        responsibilities, with any given part replacing the computed one."""
        covariance_type = self.covariance_type
        weights = means = covariances = None
        if weights_init is None or means_init is None or precisions_init is None:
            resp = initial_responsibilities(X, self.n_components, self.init_params, random_state)
            nk, means, covariances = estimate_gaussian_parameters(X, resp, self.reg_covar, covariance_type)
            weights = nk / X.shape[0]
        if weights_init is not None:
            weights = weights_init.copy()
        if means_init is not None:
            means = means_init.copy()
        if precisions_init is None:
            precisions_cholesky = compute_precision_cholesky(covariances, covariance_type)
        else:
            precisions_cholesky = precision_cholesky_from_precisions(precisions_init, covariance_type)
            covariances = covariances_from_cholesky(precisions_cholesky, covariance_type)
        return weights, means, covariances, precisions_cholesky

    def _run_em(self, X, parameters):
        """EM from ``parameters`` until the lower bound settles or ``max_iter`` iterations."""
        lower_bound, lower_bounds, converged, n_iter = -np.inf, [], False, 0
        for n_iter in range(1, self.max_iter + 1):
            previous = lower_bound
            weights, means, _, precisions_cholesky = parameters
            log_likelihood, resp = e_step(X, weights, means, precisions_cholesky, self.covariance_type)
            lower_bound = _mean_log_likelihood(log_likelihood)
            parameters = m_step(X, resp, self.reg_covar, self.covariance_type)
            lower_bounds.append(lower_bound)
            if abs(lower_bound - previous) < self.tol:
                converged = True
                break
        return {"parameters": parameters, "lower_bound": lower_bound, "lower_bounds": lower_bounds,
                "converged": converged, "n_iter": n_iter}

    # ---- parameter checks ----------------------------------------------------------------------

    def _check_parameters(self, X):
        """Check the hyper-parameters against ``X``; return the validated starting weights, means, precisions."""
        n_samples, n_features = X.shape
        k = check_scalar(self.n_components, "n_components", Integral, min_val=1,
                         fix="A mixture needs at least one component.")
        if k > n_samples:
            raise ValueError(f"n_components={k} is larger than the number of samples ({n_samples}). "
                             "Use at most one component per sample, or pass more data.")
        covariance_type = check_option(self.covariance_type, "covariance_type", COVARIANCE_TYPES)
        check_option(self.init_params, "init_params", INIT_PARAMS)
        check_scalar(self.tol, "tol", Real, min_val=0, fix="Use tol=0 to run exactly max_iter iterations.")
        check_scalar(self.reg_covar, "reg_covar", Real, min_val=0, include_min=False,
                     fix="A small positive value such as the default 1e-6 keeps every covariance "
                         "positive definite.")
        if not math.isfinite(self.reg_covar):
            raise ValueError(f"reg_covar must be a finite number > 0, got {self.reg_covar!r}. "
                             "Use a small positive value such as the default 1e-6.")
        check_scalar(self.max_iter, "max_iter", Integral, min_val=0,
                     fix="Use max_iter=0 to keep the starting parameters, or more for EM iterations.")
        check_scalar(self.n_init, "n_init", Integral, min_val=1, fix="Use n_init=1 for a single start.")

        weights = means = precisions = None
        if self.weights_init is not None:
            weights = _check_init_array(self.weights_init, "weights_init", (k,), "one weight per component")
            if np.any(weights < 0) or np.any(weights > 1):
                raise ValueError(f"weights_init must lie in [0, 1], got values from {weights.min():.5g} "
                                 f"to {weights.max():.5g}. Each weight is a component's share of the data: "
                                 "pass non-negative shares that sum to 1, e.g. counts / counts.sum().")
            if abs(1.0 - weights.sum()) > 1e-8:
                raise ValueError(f"weights_init must sum to 1, got sum {weights.sum():.10g}. "
                                 "Divide them by their sum: weights_init / weights_init.sum().")
        if self.means_init is not None:
            means = _check_init_array(self.means_init, "means_init", (k, n_features),
                                      "one row of n_features values per component")
        if self.precisions_init is not None:
            precisions = _check_precisions_init(self.precisions_init, covariance_type, k, n_features)
        return weights, means, precisions

    # ---- using the fitted model ----------------------------------------------------------------

    def _check_input(self, X, method):
        check_is_fitted(self, "precisions_cholesky_", method=method)
        X = check_array(X)
        check_n_features(self, X, reset=False)
        return X

    def _weighted_log_prob(self, X, method):
        X = self._check_input(X, method)
        return estimate_weighted_log_prob(X, self.weights_, self.means_, self.precisions_cholesky_,
                                          self.covariance_type)

    def predict(self, X):
        """The most likely component of each sample, :math:`\\arg\\max_j \\gamma_{ij}`."""
        return self._weighted_log_prob(X, "predict").argmax(axis=1)

    def predict_proba(self, X):
        """Responsibilities :math:`\\gamma_{ij}`, shape ``(n_samples, n_components)``; rows sum to 1."""
        return normalise_log_probabilities(self._weighted_log_prob(X, "predict_proba"))[1]

    def score_samples(self, X):
        """Log-likelihood :math:`\\ln p(x_i)` of each sample under the fitted mixture."""
        return normalise_log_probabilities(self._weighted_log_prob(X, "score_samples"))[0]

    def score(self, X, y=None):
        """Mean log-likelihood :math:`\\frac1n \\sum_i \\ln p(x_i)` of ``X``."""
        return float(np.mean(normalise_log_probabilities(self._weighted_log_prob(X, "score"))[0]))

    def bic(self, X):
        """Bayesian information criterion :math:`-2 n \\bar\\ell + p \\ln n` on ``X`` (lower is better)."""
        n_samples = self._check_input(X, "bic").shape[0]
        return -2 * self.score(X) * n_samples + self._n_parameters() * math.log(n_samples)

    def aic(self, X):
        """Akaike information criterion :math:`-2 n \\bar\\ell + 2 p` on ``X`` (lower is better)."""
        n_samples = self._check_input(X, "aic").shape[0]
        return -2 * self.score(X) * n_samples + 2 * self._n_parameters()

    def _n_parameters(self):
        return count_free_parameters(self.n_components, self.n_features_in_, self.covariance_type)

    def sample(self, n_samples=1):
        """Draw ``n_samples`` points from the fitted mixture.

        The number per component is multinomial with the weights; each component's
        points are Gaussian with its mean and covariance. Draws come from
        ``random_state`` in scikit-learn's order, so an int seed gives its samples.

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
            Grouped by component (component 0's points first).
        y : ndarray of shape (n_samples,)
            The component of each point.
        """
        check_is_fitted(self, "precisions_cholesky_", method="sample")
        check_scalar(n_samples, "n_samples", Integral, min_val=1, fix="Ask for at least one sample.")
        rng = check_random_state(self.random_state)
        counts = rng.multinomial(n_samples, self.weights_)
        n_features = self.means_.shape[1]
        if self.covariance_type == "full":
            parts = [rng.multivariate_normal(mean, covariance, int(count))
                     for mean, covariance, count in zip(self.means_, self.covariances_, counts)]
        elif self.covariance_type == "tied":
            parts = [rng.multivariate_normal(mean, self.covariances_, int(count))
                     for mean, count in zip(self.means_, counts)]
        else:
            parts = [mean + rng.standard_normal(size=(count, n_features)) * np.sqrt(variance)
                     for mean, variance, count in zip(self.means_, self.covariances_, counts)]
        labels = np.repeat(np.arange(self.n_components, dtype=np.int64), counts)
        return np.vstack(parts), labels


def _mean_log_likelihood(log_likelihood):
    """Mean of the per-sample log-likelihoods; a non-finite value means a component collapsed."""
    mean = float(np.mean(log_likelihood))
    if not math.isfinite(mean):
        raise ValueError(COLLAPSE_MESSAGE)
    return mean


def _check_init_array(value, name, shape, meaning):
    """``value`` as a finite float array of exactly ``shape``, or a clear error."""
    try:
        given = np.shape(value)
    except ValueError:
        raise ValueError(f"{name} could not be read as a rectangular array. Make every row the same length.") \
            from None
    if given != shape:
        raise ValueError(f"{name} must have shape {shape} ({meaning}), got shape {given}.")
    array = np.asarray(value)
    if array.ndim == 1:
        return check_array(array, name=name, ensure_2d=False).copy()
    return check_array(array.reshape(shape[0], -1), name=name).reshape(shape).copy()


def _check_precisions_init(value, covariance_type, n_components, n_features):
    """Validate ``precisions_init``: its shape for ``covariance_type``, finite, and positive definite."""
    shape, meaning = {
        "full": ((n_components, n_features, n_features), "one n_features x n_features matrix per component"),
        "tied": ((n_features, n_features), "one n_features x n_features matrix shared by all components"),
        "diag": ((n_components, n_features), "one precision per feature for each component"),
        "spherical": ((n_components,), "one precision per component"),
    }[covariance_type]
    precisions = _check_init_array(value, "precisions_init", shape, meaning)
    if covariance_type in ("full", "tied"):
        matrices = precisions.reshape(-1, n_features, n_features)
        symmetric = np.allclose(matrices, np.swapaxes(matrices, 1, 2), rtol=1e-5, atol=1e-8)
        if not symmetric or np.any(np.linalg.eigvalsh(matrices) <= 0):
            raise ValueError(f"precisions_init must hold symmetric, positive-definite matrices for "
                             f"covariance_type={covariance_type!r}. Precisions are inverse covariances: "
                             "pass np.linalg.inv(covariance) of valid covariance matrices.")
    elif np.any(precisions <= 0):
        raise ValueError(f"precisions_init must be positive for covariance_type={covariance_type!r} "
                         "(each is 1 / variance).")
    return precisions
