"""Gaussian mixtures: equal to scikit-learn's GaussianMixture (same start -> same parameters, lower bound and
n_iter_), the fast steps equal the textbook formulas, the log-likelihood never decreases, collapse is a clear
error (never NaN), and every bad input is refused with a message that names the parameter."""
import doctest
import warnings
import zlib

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning as SklearnConvergenceWarning
from sklearn.mixture import GaussianMixture as SklearnGaussianMixture

from course_lib import gmm
from course_lib._validation import NotFittedError
from course_lib.gmm import ConvergenceWarning, GaussianMixture
from course_lib.kmeans import KMeans

COVARIANCE_TYPES = ["full", "tied", "diag", "spherical"]

# (kind, n, d, k): blobs of every size and shape, overlapping ones, 1-D data, awkward data.
DATASETS = [
    ("blobs", 200, 2, 3),
    ("blobs", 60, 4, 2),
    ("blobs", 500, 5, 5),
    ("overlapping", 300, 2, 4),
    ("overlapping", 150, 3, 3),
    ("anisotropic", 240, 2, 3),
    ("one_feature", 120, 1, 3),
    ("one_feature", 40, 1, 1),
    ("duplicates", 80, 3, 3),
    ("constant_column", 90, 3, 2),
    ("offset", 100, 2, 2),
    ("tiny", 6, 2, 2),
    ("k_is_n", 5, 2, 5),
]

# (tol, max_iter): convergence with the default, a tight tol, stopping early without converging, a single
# iteration, and a tol so loose that the second iteration stops. max_iter=0 is tested on its own.
STOPPING = [(1e-3, 100), (1e-8, 150), (0.0, 7), (1e-3, 1), (1e3, 50)]


def make_data(kind, n, d, k, seed):
    rng = np.random.default_rng(seed)
    if kind == "overlapping":
        centers = rng.normal(scale=1.0, size=(k, d))
    elif kind == "k_is_n":
        return rng.normal(scale=3.0, size=(n, d))
    else:
        centers = rng.normal(scale=6.0, size=(k, d))
    labels = np.arange(n) % k
    X = centers[labels] + rng.normal(size=(n, d)) * rng.uniform(0.3, 1.5, size=(k, d))[labels]
    if kind == "anisotropic":
        X = X @ np.array([[0.6, -0.6], [-0.4, 0.8]])
    elif kind == "duplicates":
        X[n // 2:] = X[: n - n // 2]
    elif kind == "constant_column":
        X[:, 0] = 3.0
    elif kind == "offset":
        X = X * 2.0 + 1000.0
    return X[rng.permutation(n)]


def make_start(X, k, covariance_type, seed):
    """A valid (weights, means, precisions) start: random weights, perturbed data points, scaled precisions."""
    rng = np.random.default_rng(seed)
    n, d = X.shape
    weights = rng.dirichlet(np.ones(k))
    means = X[rng.choice(n, size=k, replace=False)] + rng.normal(scale=0.1, size=(k, d))
    variances = X.var(axis=0) + 0.1
    scales = rng.uniform(0.5, 2.0, size=k)
    if covariance_type == "full":
        rotations = rng.normal(scale=0.2, size=(k, d, d))
        covariances = np.stack([np.diag(variances) * s + r @ r.T for s, r in zip(scales, rotations)])
        precisions = np.linalg.inv(covariances)
        precisions = (precisions + np.swapaxes(precisions, 1, 2)) / 2
    elif covariance_type == "tied":
        precisions = np.linalg.inv(np.diag(variances) + 0.05 * np.ones((d, d)))
        precisions = (precisions + precisions.T) / 2
    elif covariance_type == "diag":
        precisions = 1.0 / (variances[None, :] * scales[:, None])
    else:
        precisions = 1.0 / (variances.mean() * scales)
    return weights, means, precisions


# Absolute floors for entries near zero, per quantity; everything else is held to rtol=1e-6 entry by entry.
# Most quantities are of order 1 or larger, so their floor is 1e-6 (relative to 1). Variances can be as small
# as reg_covar (1e-6, on a constant column), so covariances_ get a floor of 1e-6 * reg_covar.
ABSOLUTE_FLOOR = {"covariances_": 1e-12}


def assert_close(ours, reference, rtol=1e-6, atol=None, what=""):
    """Element by element, |ours - reference| <= atol + rtol * |reference|, with atol = rtol unless given.

    The floor is absolute, never scaled by the largest entry, so a small entry next to large ones is held
    to its own precision."""
    ours, reference = np.asarray(ours, dtype=float), np.asarray(reference, dtype=float)
    assert ours.shape == reference.shape, what
    np.testing.assert_allclose(ours, reference, rtol=rtol, atol=rtol if atol is None else atol, err_msg=what)


def assert_same_fit(ours, reference, X):
    """Every fitted attribute and every method's output equal to scikit-learn's."""
    for name in ("weights_", "means_", "covariances_", "precisions_", "precisions_cholesky_"):
        assert_close(getattr(ours, name), getattr(reference, name), atol=ABSOLUTE_FLOOR.get(name), what=name)
    assert ours.n_iter_ == reference.n_iter_
    assert ours.converged_ == reference.converged_
    if reference.max_iter > 0:
        assert ours.lower_bound_ == pytest.approx(reference.lower_bound_, rel=1e-6, abs=1e-6)
    else:
        assert ours.lower_bound_ == reference.lower_bound_ == -np.inf
    assert_close(ours.lower_bounds_, reference.lower_bounds_, what="lower_bounds_")
    assert ours.n_features_in_ == reference.n_features_in_
    assert ours.bic(X) == pytest.approx(reference.bic(X), rel=1e-6, abs=1e-6)
    assert ours.aic(X) == pytest.approx(reference.aic(X), rel=1e-6, abs=1e-6)
    assert ours.score(X) == pytest.approx(reference.score(X), rel=1e-6, abs=1e-6)
    assert_close(ours.score_samples(X), reference.score_samples(X), what="score_samples")
    assert_close(ours.predict_proba(X), reference.predict_proba(X), what="predict_proba")
    np.testing.assert_array_equal(ours.predict(X), reference.predict(X))


def fit_both(X, **params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", SklearnConvergenceWarning)
        ours = GaussianMixture(**params).fit(X)
        reference = SklearnGaussianMixture(**params).fit(X)
    return ours, reference


# ------------------------------------------------------------------------------------------------
# Equality with scikit-learn
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("dataset", DATASETS, ids=lambda s: f"{s[0]}-n{s[1]}-d{s[2]}-k{s[3]}")
@pytest.mark.parametrize("tol, max_iter", STOPPING)
def test_same_start_gives_the_same_fit_as_sklearn(covariance_type, dataset, tol, max_iter):
    kind, n, d, k = dataset
    seed = zlib.crc32(f"{dataset} {covariance_type}".encode())
    X = make_data(kind, n, d, k, seed)
    weights, means, precisions = make_start(X, k, covariance_type, seed + 1)
    ours, reference = fit_both(X, n_components=k, covariance_type=covariance_type, tol=tol, max_iter=max_iter,
                               weights_init=weights, means_init=means, precisions_init=precisions)
    assert_same_fit(ours, reference, X)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_max_iter_zero_keeps_the_given_start(covariance_type):
    """scikit-learn 1.9.1 raises AttributeError (no covariances_) here, so the start itself is the oracle."""
    X = make_data("blobs", 100, 3, 3, 1)
    weights, means, precisions = make_start(X, 3, covariance_type, 2)
    model = GaussianMixture(3, covariance_type=covariance_type, weights_init=weights, means_init=means,
                            precisions_init=precisions, max_iter=0).fit(X)
    np.testing.assert_array_equal(model.weights_, weights)
    np.testing.assert_array_equal(model.means_, means)
    assert_close(model.precisions_, precisions, rtol=1e-10)
    covariances = np.linalg.inv(precisions) if covariance_type in ("full", "tied") else 1.0 / precisions
    assert_close(model.covariances_, covariances, rtol=1e-10)
    assert model.n_iter_ == 0 and not model.converged_ and model.lower_bound_ == -np.inf
    assert model.lower_bounds_ == [] and len(model.log_likelihood_history_) == 1


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("n_init", [1, 3])
def test_max_iter_zero_equals_sklearn_start(covariance_type, n_init):
    """With max_iter=0 both keep the last start (one M-step on the initial responsibilities)."""
    X = make_data("overlapping", 120, 2, 3, 4)
    _, means, _ = make_start(X, 3, covariance_type, 5)
    for params in ({}, {"means_init": means}):
        ours, reference = fit_both(X, n_components=3, covariance_type=covariance_type, max_iter=0,
                                   n_init=n_init, init_params="random", random_state=6, **params)
        assert_same_fit(ours, reference, X)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("given", ["weights", "means", "precisions", "weights+means", "means+precisions"])
def test_partial_start_uses_the_responsibilities_for_the_rest_as_sklearn(covariance_type, given):
    X = make_data("overlapping", 150, 2, 3, 7)
    weights, means, precisions = make_start(X, 3, covariance_type, 8)
    params = {"weights_init": weights, "means_init": means, "precisions_init": precisions}
    params = {key: value for key, value in params.items() if key.split("_")[0] in given.split("+")}
    ours, reference = fit_both(X, n_components=3, covariance_type=covariance_type, init_params="random",
                               random_state=3, **params)
    assert_same_fit(ours, reference, X)


INIT_SEEDS = [0, 1, 2, 42]
INIT_DATASETS = [("blobs", 200, 2, 3), ("overlapping", 120, 3, 4), ("one_feature", 90, 1, 2)]


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("init_params", ["random", "random_from_data", "kmeans", "k-means++"])
@pytest.mark.parametrize("seed", INIT_SEEDS)
@pytest.mark.parametrize("dataset", INIT_DATASETS, ids=lambda s: f"{s[0]}-d{s[2]}-k{s[3]}")
def test_every_start_draws_what_sklearn_draws(covariance_type, init_params, seed, dataset):
    """'random'/'random_from_data' draw from the RandomState directly; 'kmeans'/'k-means++' go through
    course_lib.kmeans (KMeans, kmeans_plusplus), which must draw what scikit-learn's KMeans draws."""
    X = make_data(*dataset, seed=seed + (200 if init_params in ("kmeans", "k-means++") else 100))
    ours, reference = fit_both(X, n_components=dataset[3], covariance_type=covariance_type,
                               init_params=init_params, random_state=seed)
    assert_same_fit(ours, reference, X)


def test_kmeans_start_is_course_lib_kmeans_labels():
    X = make_data("blobs", 150, 2, 3, 5)
    resp = gmm.initial_responsibilities(X, 3, "kmeans", random_state=11)
    labels = KMeans(n_clusters=3, n_init=1, random_state=11).fit(X).labels_
    np.testing.assert_array_equal(resp.argmax(axis=1), labels)
    np.testing.assert_array_equal(resp.sum(axis=1), 1.0)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("seed", [0, 5, 9])
def test_several_starts_keep_the_same_one_as_sklearn(covariance_type, seed):
    """n_init=4 consumes one RandomState across the starts; both keep the first strictly best one."""
    X = make_data("overlapping", 120, 2, 4, seed + 300)
    params = dict(n_components=4, covariance_type=covariance_type, init_params="random", tol=1e-4)
    ours, reference = fit_both(X, n_init=4, random_state=seed, **params)
    # The starts one by one, from one shared generator, as fit does internally.
    generator = np.random.RandomState(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SklearnConvergenceWarning)
        bounds = [SklearnGaussianMixture(n_init=1, random_state=generator, **params).fit(X).lower_bound_
                  for _ in range(4)]
    assert reference.lower_bound_ == max(bounds)
    best, runner_up = sorted(bounds)[-1], sorted(bounds)[-2]
    for name in ("weights_", "means_", "covariances_"):
        assert_close(getattr(ours, name), getattr(reference, name), atol=ABSOLUTE_FLOOR.get(name), what=name)
    assert ours.lower_bound_ == pytest.approx(reference.lower_bound_, rel=1e-6)
    # Starts that reach the same optimum would tie to rounding; these data and seeds have a clear winner.
    assert best - runner_up > 1e-9
    assert ours.n_iter_ == reference.n_iter_


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_fit_predict_equals_fit_then_predict_and_sklearn(covariance_type):
    X = make_data("overlapping", 200, 2, 3, 17)
    for max_iter, n_init in ((1, 1), (2, 3), (100, 2)):
        params = dict(n_components=3, covariance_type=covariance_type, max_iter=max_iter, n_init=n_init,
                      init_params="random", random_state=4)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            labels = GaussianMixture(**params).fit_predict(X)
            np.testing.assert_array_equal(labels, GaussianMixture(**params).fit(X).predict(X))
            np.testing.assert_array_equal(labels, SklearnGaussianMixture(**params).fit_predict(X))


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("seed", [0, 3])
def test_sample_draws_what_sklearn_draws(covariance_type, seed):
    X = make_data("blobs", 150, 3, 3, seed + 400)
    ours, reference = fit_both(X, n_components=3, covariance_type=covariance_type, init_params="random",
                               random_state=seed)
    for n_samples in (1, 7, 500):
        X_ours, y_ours = ours.sample(n_samples)
        X_ref, y_ref = reference.sample(n_samples)
        assert X_ours.shape == (n_samples, 3) and y_ours.dtype == np.int64
        np.testing.assert_array_equal(y_ours, y_ref)
        assert_close(X_ours, X_ref, what="sample")


def test_bic_and_aic_count_parameters_as_sklearn():
    """BIC - AIC = p (ln n - 2): recover scikit-learn's parameter count and compare with ours."""
    X = make_data("blobs", 100, 4, 3, 1)
    for covariance_type in COVARIANCE_TYPES:
        for k in (1, 3):
            reference = fit_both(X, n_components=k, covariance_type=covariance_type, init_params="random",
                                 random_state=0)[1]
            p = (reference.bic(X) - reference.aic(X)) / (np.log(len(X)) - 2)
            assert gmm.count_free_parameters(k, 4, covariance_type) == round(p)
    assert gmm.count_free_parameters(2, 3, "full") == 2 * 6 + 2 * 3 + 1


# ------------------------------------------------------------------------------------------------
# The steps: fast forms equal the textbook formulas
# ------------------------------------------------------------------------------------------------

def _as_full_covariances(covariances, covariance_type, k, d):
    if covariance_type == "full":
        return covariances
    if covariance_type == "tied":
        return np.broadcast_to(covariances, (k, d, d))
    if covariance_type == "diag":
        return np.stack([np.diag(c) for c in covariances])
    return np.stack([np.eye(d) * c for c in covariances])


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("n, d, k", [(50, 1, 2), (80, 3, 4), (3000, 5, 5)])
def test_log_density_equals_the_gaussian_formula(rng, covariance_type, n, d, k):
    X = rng.normal(scale=2.0, size=(n, d))
    resp = rng.dirichlet(np.ones(k), size=n)
    _, means, covariances = gmm.estimate_gaussian_parameters(X, resp, 1e-6, covariance_type)
    factors = gmm.compute_precision_cholesky(covariances, covariance_type)
    ours = gmm.estimate_log_gaussian_prob(X, means, factors, covariance_type)
    full = _as_full_covariances(covariances, covariance_type, k, d)
    expected = np.empty((n, k))
    for j in range(k):
        diff = X - means[j]
        quadratic = np.einsum("ni,ij,nj->n", diff, np.linalg.inv(full[j]), diff)
        expected[:, j] = -0.5 * (d * np.log(2 * np.pi) + np.linalg.slogdet(full[j])[1] + quadratic)
    np.testing.assert_allclose(ours, expected, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("n, d, k", [(6, 2, 2), (40, 3, 3), (200, 1, 4)])
def test_one_em_step_equals_the_textbook_iteration(rng, n, d, k):
    X = rng.normal(scale=2.0, size=(n, d))
    weights = rng.dirichlet(np.ones(k))
    means = X[rng.choice(n, size=k, replace=False)]
    covariances = np.stack([np.eye(d) * rng.uniform(0.5, 2) for _ in range(k)])
    resp_book, loglik_book, weights_book, means_book, cov_book = gmm.em_iteration_textbook(
        X, weights, means, covariances, reg_covar=1e-6)

    factors = gmm.compute_precision_cholesky(covariances, "full")
    log_likelihood, resp = gmm.e_step(X, weights, means, factors, "full")
    new_weights, new_means, new_covariances, _ = gmm.m_step(X, resp, 1e-6, "full")
    np.testing.assert_allclose(resp, resp_book, rtol=1e-9, atol=1e-12)
    assert log_likelihood.sum() == pytest.approx(loglik_book, rel=1e-10)
    np.testing.assert_allclose(new_weights, weights_book, rtol=1e-10)
    np.testing.assert_allclose(new_means, means_book, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(new_covariances, cov_book, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_m_step_covariances_follow_the_weighted_formulas(rng, covariance_type):
    n, d, k = 300, 3, 4
    X = rng.normal(size=(n, d)) * [1.0, 3.0, 0.5]
    resp = rng.dirichlet(np.ones(k), size=n)
    nk, means, covariances = gmm.estimate_gaussian_parameters(X, resp, 1e-3, covariance_type)
    scatter = np.stack([(resp[:, j, None] * (X - means[j])).T @ (X - means[j]) for j in range(k)])
    per_component = scatter / resp.sum(axis=0)[:, None, None]
    expected = {"full": per_component + 1e-3 * np.eye(d),
                "tied": scatter.sum(axis=0) / n + 1e-3 * np.eye(d),
                "diag": np.diagonal(per_component, axis1=1, axis2=2) + 1e-3,
                "spherical": np.diagonal(per_component, axis1=1, axis2=2).mean(axis=1) + 1e-3}[covariance_type]
    np.testing.assert_allclose(covariances, expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(nk, resp.sum(axis=0), rtol=1e-12)


@pytest.mark.parametrize("d", [1, 2, 5, 9])
def test_precision_cholesky_factors_invert_the_covariances(rng, d):
    A = rng.normal(size=(4, d, d))
    covariances = A @ np.swapaxes(A, 1, 2) + 0.5 * np.eye(d)
    factors = gmm.compute_precision_cholesky(covariances, "full")
    np.testing.assert_array_equal(factors, np.triu(factors))          # upper triangular, exactly
    assert np.all(np.diagonal(factors, axis1=1, axis2=2) > 0)
    precisions = gmm.precisions_from_cholesky(factors, "full")
    np.testing.assert_allclose(precisions, np.linalg.inv(covariances), rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(gmm.precision_cholesky_from_precisions(precisions, "full"), factors,
                               rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(gmm.covariances_from_cholesky(factors, "full"), covariances,
                               rtol=1e-8, atol=1e-10)
    L = np.linalg.cholesky(covariances)
    np.testing.assert_allclose(gmm.invert_lower_triangular(L), np.linalg.inv(L), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(gmm.log_det_precision_cholesky(factors, "full", d),
                               -0.5 * np.linalg.slogdet(covariances)[1], rtol=1e-10, atol=1e-12)


def test_log_sum_exp_survives_points_far_from_every_component():
    weighted = np.array([[-1000.0, -1001.0, -1e6], [0.0, np.log(3.0), -np.inf], [700.0, 710.0, 705.0]])
    log_norm, resp = gmm.normalise_log_probabilities(weighted)
    np.testing.assert_allclose(log_norm, [-1000 + np.log1p(np.exp(-1.0)), np.log(4.0),
                                          710 + np.log(np.exp(-10) + 1 + np.exp(-5))], rtol=1e-14)
    np.testing.assert_allclose(resp.sum(axis=1), 1.0, rtol=1e-14)
    np.testing.assert_allclose(resp[1], [0.25, 0.75, 0.0], rtol=1e-14)
    assert np.isfinite(resp).all()


def test_far_away_points_get_finite_scores_equal_to_sklearn():
    X = make_data("blobs", 200, 2, 3, 21)
    ours, reference = fit_both(X, n_components=3, init_params="random", random_state=0)
    far = np.array([[1e4, -1e4], [300.0, 300.0], [-50.0, 80.0]])
    assert np.isfinite(ours.score_samples(far)).all() and np.isfinite(ours.predict_proba(far)).all()
    assert_close(ours.score_samples(far), reference.score_samples(far), what="score_samples far")
    np.testing.assert_array_equal(ours.predict(far), reference.predict(far))


# ------------------------------------------------------------------------------------------------
# The log-likelihood history
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("dataset", DATASETS[:10], ids=lambda s: f"{s[0]}-n{s[1]}-d{s[2]}-k{s[3]}")
@pytest.mark.parametrize("init_params", ["random", "random_from_data"])
@pytest.mark.filterwarnings("ignore::course_lib.gmm.ConvergenceWarning")
def test_log_likelihood_never_decreases(covariance_type, dataset, init_params):
    kind, n, d, k = dataset
    X = make_data(kind, n, d, k, 500 + n)
    model = GaussianMixture(n_components=k, covariance_type=covariance_type, init_params=init_params,
                            tol=1e-10, max_iter=300, random_state=1).fit(X)
    history = model.log_likelihood_history_
    assert len(history) == model.n_iter_ + 1 >= 3
    # EM never lowers the likelihood in exact arithmetic. In floating point, once converged, a step can dip
    # by rounding: about 1e-9 when a constant column makes a precision 1e6 (scikit-learn dips there too).
    steps = np.diff(history)
    assert np.all(steps >= -1e-8 * np.maximum(1.0, np.abs(history[1:]))), steps.min()
    if k > 1:
        assert history[-1] > history[0]              # it really climbs (one component is optimal at once)
    np.testing.assert_array_equal(history[:-1], model.lower_bounds_)
    assert history[-1] == pytest.approx(model.score(X), rel=1e-12, abs=1e-12)
    assert model.lower_bound_ == history[-2]


def test_history_starts_at_the_starting_parameters():
    X = make_data("blobs", 100, 2, 2, 3)
    weights, means, precisions = make_start(X, 2, "full", 4)
    model = GaussianMixture(2, weights_init=weights, means_init=means, precisions_init=precisions,
                            max_iter=0).fit(X)
    assert model.n_iter_ == 0 and len(model.log_likelihood_history_) == 1
    start = GaussianMixture(2, weights_init=weights, means_init=means, precisions_init=precisions, max_iter=5,
                            tol=0)
    with pytest.warns(ConvergenceWarning, match="max_iter"):
        start.fit(X)
    assert start.log_likelihood_history_[0] == pytest.approx(model.log_likelihood_history_[0], rel=1e-12)
    assert model.log_likelihood_history_[0] == pytest.approx(model.score(X), rel=1e-12)


def test_tol_zero_runs_exactly_max_iter_and_warns():
    X = make_data("overlapping", 100, 2, 3, 8)
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        model = GaussianMixture(3, tol=0, max_iter=12, init_params="random", random_state=0).fit(X)
    assert model.n_iter_ == 12 and not model.converged_


# ------------------------------------------------------------------------------------------------
# Collapse: a clear error, never NaN
# ------------------------------------------------------------------------------------------------

def _with_collapsing_cluster(kind):
    blob = np.random.default_rng(0).normal(size=(30, 2))
    if kind == "duplicates":
        return np.vstack([blob, np.repeat([[10.0, 10.0]], 5, axis=0)]), [[0.0, 0.0], [10.0, 10.0]]
    return np.vstack([blob, [[50.0, 50.0]]]), [[0.0, 0.0], [50.0, 50.0]]


@pytest.mark.parametrize("kind", ["duplicates", "single_point"])
def test_a_collapsing_component_raises_a_clear_error(kind):
    X, means = _with_collapsing_cluster(kind)
    model = GaussianMixture(2, reg_covar=1e-300, means_init=means, init_params="random_from_data",
                            random_state=0)
    with pytest.raises(ValueError, match="reg_covar") as error:
        model.fit(X)
    assert "n_components" in str(error.value) and "scale" in str(error.value)
    # scikit-learn gives up on the same component (without any regularisation).
    with pytest.raises(ValueError, match="ill-defined empirical covariance"):
        SklearnGaussianMixture(2, reg_covar=0.0, means_init=means, init_params="random_from_data",
                               random_state=0).fit(X)
    # The default regularisation keeps the collapsed component positive definite.
    fitted = GaussianMixture(2, means_init=means, init_params="random_from_data", random_state=0).fit(X)
    assert np.isfinite(fitted.covariances_).all() and np.isfinite(fitted.lower_bound_)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("reg_covar", [1e-300, 1e-100, 1e-30, 1e-12, 1e-6])
@pytest.mark.parametrize("kind", ["duplicates", "single_point"])
def test_degenerate_data_never_gives_nan(covariance_type, reg_covar, kind):
    X, means = _with_collapsing_cluster(kind)
    model = GaussianMixture(2, covariance_type=covariance_type, reg_covar=reg_covar, means_init=means,
                            init_params="random_from_data", random_state=0)
    try:
        with np.errstate(over="ignore"):
            model.fit(X)
    except ValueError as error:
        assert "reg_covar" in str(error)
        return
    for name in ("weights_", "means_", "covariances_", "precisions_cholesky_", "log_likelihood_history_"):
        assert not np.isnan(getattr(model, name)).any(), name
    assert np.isfinite(model.lower_bound_)
    assert not np.isnan(model.predict_proba(X)).any()


@pytest.mark.filterwarnings("ignore:divide by zero encountered in log:RuntimeWarning:sklearn")
def test_zero_weight_component_is_handled_like_sklearn():
    X = make_data("blobs", 100, 2, 3, 2)
    _, means, precisions = make_start(X, 3, "full", 2)
    ours, reference = fit_both(X, n_components=3, weights_init=[0.5, 0.5, 0.0], means_init=means,
                               precisions_init=precisions)
    assert_same_fit(ours, reference, X)


# ------------------------------------------------------------------------------------------------
# API and bad input
# ------------------------------------------------------------------------------------------------

def test_parameters_are_stored_untouched_and_init_arrays_are_not_aliased():
    weights = np.array([0.5, 0.5])
    means = np.array([[0.0, 0.0], [5.0, 5.0]])
    model = GaussianMixture(2, weights_init=weights, means_init=means, max_iter=0)
    assert model.get_params()["weights_init"] is weights
    assert "n_components=2" in repr(model)
    model.fit(make_data("blobs", 40, 2, 2, 0))
    model.weights_[0] = 99.0
    model.means_[0, 0] = 99.0
    assert weights[0] == 0.5 and means[0, 0] == 0.0
    assert model.get_params()["weights_init"] is weights


def test_accepts_lists_and_int_data_and_module_doctest():
    X = [[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]]
    model = GaussianMixture(2, init_params="random_from_data", random_state=0).fit(X)
    assert sorted(model.predict(X).tolist()) == [0, 0, 0, 1, 1, 1]
    assert doctest.testmod(gmm).failed == 0


def test_course_lib_top_level_exports_the_estimator():
    import course_lib
    assert course_lib.GaussianMixture is GaussianMixture


X_GOOD = np.random.default_rng(0).normal(size=(20, 2))


@pytest.mark.parametrize("params, error, words", [
    ({"n_components": 0}, ValueError, "n_components must be >= 1"),
    ({"n_components": 21}, ValueError, "n_components=21 is larger than the number of samples"),
    ({"n_components": 2.5}, TypeError, "n_components must be an integer"),
    ({"covariance_type": "ful"}, ValueError, "covariance_type"),
    ({"init_params": "kmeans++"}, ValueError, "init_params"),
    ({"tol": -1e-3}, ValueError, "tol must be >= 0"),
    ({"tol": float("nan")}, ValueError, "tol"),
    ({"reg_covar": 0.0}, ValueError, "reg_covar must be > 0"),
    ({"reg_covar": -1e-6}, ValueError, "reg_covar must be > 0"),
    ({"reg_covar": float("inf")}, ValueError, "reg_covar must be a finite.*default 1e-6"),
    ({"max_iter": -1}, ValueError, "max_iter must be >= 0.*max_iter=0 to keep the starting parameters"),
    ({"n_init": 0}, ValueError, "n_init must be >= 1"),
    ({"random_state": "seed"}, TypeError, "random_state"),
    ({"n_components": 2, "weights_init": [0.5, 0.4]}, ValueError, "weights_init must sum to 1"),
    ({"n_components": 2, "weights_init": [1.5, -0.5]}, ValueError,
     r"weights_init must lie in \[0, 1\].*non-negative shares that sum to 1"),
    ({"n_components": 2, "weights_init": [1.0]}, ValueError, r"weights_init must have shape \(2,\)"),
    ({"n_components": 2, "weights_init": [0.5, np.nan]}, ValueError, "weights_init contains NaN"),
    ({"n_components": 2, "weights_init": ["a", "b"]}, TypeError, "weights_init must contain numbers"),
    ({"n_components": 2, "means_init": [[0, 0, 0], [1, 1, 1]]}, ValueError,
     r"means_init must have shape \(2, 2\)"),
    ({"n_components": 2, "means_init": [[0, 0], [1, np.inf]]}, ValueError, "means_init contains infinity"),
    ({"n_components": 2, "means_init": [[0, 0], [1]]}, ValueError, "means_init could not be read"),
    ({"n_components": 2, "precisions_init": np.ones((2, 2))}, ValueError,
     r"precisions_init must have shape \(2, 2, 2\)"),
    ({"n_components": 2, "precisions_init": np.stack([np.eye(2), -np.eye(2)])}, ValueError,
     "positive-definite"),
    ({"n_components": 2, "precisions_init": np.stack([np.eye(2), [[1, 0.5], [0, 1]]])}, ValueError,
     "symmetric"),
    ({"n_components": 2, "covariance_type": "tied", "precisions_init": [[1, 2], [2, 1]]}, ValueError,
     "positive-definite"),
    ({"n_components": 2, "covariance_type": "tied", "precisions_init": np.eye(3)}, ValueError,
     r"precisions_init must have shape \(2, 2\)"),
    ({"n_components": 2, "covariance_type": "diag", "precisions_init": [[1, 1], [1, 0]]}, ValueError,
     "precisions_init must be positive"),
    ({"n_components": 2, "covariance_type": "diag", "precisions_init": [1, 1]}, ValueError,
     r"precisions_init must have shape \(2, 2\)"),
    ({"n_components": 2, "covariance_type": "spherical", "precisions_init": [1, -1]}, ValueError,
     "precisions_init must be positive"),
    ({"n_components": 2, "covariance_type": "spherical", "precisions_init": [1, 1, 1]}, ValueError,
     r"precisions_init must have shape \(2,\)"),
])
def test_bad_parameters_are_refused_with_a_clear_message(params, error, words):
    with pytest.raises(error, match=words):
        GaussianMixture(**params).fit(X_GOOD)


@pytest.mark.parametrize("X, error, words", [
    (np.array([[1.0, np.nan], [2.0, 3.0]]), ValueError, "NaN"),
    (np.array([[1.0, np.inf], [2.0, 3.0]]), ValueError, "infinity"),
    (np.zeros((0, 2)), ValueError, "empty"),
    (np.arange(5.0), ValueError, "reshape"),
    (np.zeros((1, 2)), ValueError, "at least 2 sample"),
    ([["a", "b"], ["c", "d"]], TypeError, "numbers"),
    (None, TypeError, "None"),
])
def test_bad_data_is_refused_with_a_clear_message(X, error, words):
    with pytest.raises(error, match=words):
        GaussianMixture().fit(X)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "score", "score_samples", "bic", "aic"])
def test_using_the_model_before_fit_or_with_other_columns_is_refused(method):
    with pytest.raises(NotFittedError, match=f"Call 'fit'.*'{method}'"):
        getattr(GaussianMixture(), method)(X_GOOD)
    model = GaussianMixture(2, random_state=0, init_params="random").fit(X_GOOD)
    with pytest.raises(ValueError, match="X has 3 feature"):
        getattr(model, method)(np.ones((4, 3)))
    with pytest.raises(ValueError, match="NaN"):
        getattr(model, method)(np.array([[np.nan, 1.0]]))


@pytest.fixture(scope="module")
def fitted_model():
    return GaussianMixture(2, random_state=0, init_params="random").fit(X_GOOD)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "score", "score_samples", "bic", "aic"])
@pytest.mark.parametrize("X, words", [
    (np.array([[1.0, 2.0], [np.inf, 1.0]]), r"X contains infinity \(first at row 1, column 0\).*Remove or impute"),
    (np.array([[1.0, -np.inf]]), "X contains infinity.*Remove or impute"),
    (np.zeros((0, 2)), "X is empty.*at least 1 sample"),
    (np.array([1.0, 2.0]), r"X must be 2-D.*1-D.*X.reshape\(1, -1\) if it is one sample"),
], ids=["inf", "minus-inf", "empty", "1-D"])
def test_a_fitted_model_refuses_bad_data_with_a_clear_message(fitted_model, method, X, words):
    with pytest.raises(ValueError, match=words):
        getattr(fitted_model, method)(X)


def test_sample_needs_a_fit_and_at_least_one_sample():
    with pytest.raises(NotFittedError, match="sample"):
        GaussianMixture().sample(3)
    model = GaussianMixture(2, random_state=0, init_params="random").fit(X_GOOD)
    for bad in (0, -2):
        with pytest.raises(ValueError, match="n_samples must be >= 1"):
            model.sample(bad)
    with pytest.raises(TypeError, match="n_samples must be an integer"):
        model.sample(2.5)
