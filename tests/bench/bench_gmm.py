"""Gaussian mixture (full covariances) against scikit-learn: the same start, the same number of EM iterations.

Both sides get the same weights_init, means_init and precisions_init and tol=0, so
each runs exactly EM_ITERATIONS iterations; the setup checks that (and that the
fitted parameters agree) before anything is timed.
"""

import warnings

import numpy as np
from run import Case

from course_lib.gmm import GaussianMixture

EM_ITERATIONS = 20
N_SAMPLES, N_FEATURES, N_COMPONENTS = 50_000, 5, 5


def _setup():
    rng = np.random.default_rng(0)
    centres = rng.normal(scale=4.0, size=(N_COMPONENTS, N_FEATURES))
    labels = rng.integers(0, N_COMPONENTS, size=N_SAMPLES)
    X = centres[labels] + rng.normal(size=(N_SAMPLES, N_FEATURES)) * rng.uniform(0.5, 1.5, size=N_FEATURES)
    start = {
        "weights_init": np.full(N_COMPONENTS, 1.0 / N_COMPONENTS),
        "means_init": X[rng.choice(N_SAMPLES, size=N_COMPONENTS, replace=False)],
        "precisions_init": np.repeat(np.eye(N_FEATURES)[None], N_COMPONENTS, axis=0),
    }
    inputs = {"X": X, "start": start}
    ours, theirs = _ours(inputs), _sklearn(inputs)
    assert ours.n_iter_ == theirs.n_iter_ == EM_ITERATIONS, (ours.n_iter_, theirs.n_iter_)
    assert abs(ours.lower_bound_ - theirs.lower_bound_) <= 1e-6 * abs(theirs.lower_bound_)
    assert np.allclose(ours.means_, theirs.means_, rtol=1e-6, atol=1e-6)
    return inputs


def _params(inputs):
    return dict(n_components=N_COMPONENTS, covariance_type="full", tol=0.0, max_iter=EM_ITERATIONS,
                **inputs["start"])


def _ours(inputs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")        # tol=0 never "converges": the warning is expected
        return GaussianMixture(**_params(inputs)).fit(inputs["X"])


def _sklearn(inputs):
    from sklearn.mixture import GaussianMixture as SklearnGaussianMixture
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return SklearnGaussianMixture(**_params(inputs)).fit(inputs["X"])


CASES = [
    Case(operation=f"GaussianMixture full, fixed start, {EM_ITERATIONS} EM iterations",
         size=f"n={N_SAMPLES:,} d={N_FEATURES} k={N_COMPONENTS}",
         setup=_setup, ours=_ours, reference=_sklearn, target=0.8),
]
