"""PCA: equal to scikit-learn's PCA(svd_solver='full') to 1e-10 on many shapes, with its sign convention;
bad input refused with a message that names the parameter."""
import doctest

import numpy as np
import pytest
from sklearn.decomposition import PCA as SkPCA
from sklearn.utils.extmath import svd_flip

from course_lib import NotFittedError
from course_lib import decomposition as cd
from course_lib.decomposition import PCA

SHAPES = [(2, 1), (2, 5), (3, 7), (8, 1), (10, 2), (50, 4), (30, 30), (200, 12), (12, 40)]
KINDS = ["normal", "constant_column", "duplicates", "integers", "offset"]


def _data(rng, shape, kind):
    n, d = shape
    # distinct column scales spread the singular values apart, so the components are well defined
    X = rng.normal(size=shape) * np.geomspace(10, 0.5, d) + rng.normal(size=d) * 3
    if kind == "constant_column" and d > 1:
        X[:, -1] = 2.5
    elif kind == "duplicates" and n > 2:
        X[n // 2:] = X[: n - n // 2]
    elif kind == "integers":
        X = rng.integers(-4, 5, size=shape).astype(float) * np.arange(1, d + 1)
    elif kind == "offset":
        X += 1e4
    return X


def _well_defined(singular_values):
    """Components whose singular value is non-zero and apart from its neighbours: unique up to sign.

    (A zero or repeated singular value leaves its singular vectors free to rotate, in any SVD.)
    """
    s = singular_values
    scale = max(s[0], 1e-300)
    gaps = np.abs(s[:, None] - s[None, :]) + np.eye(len(s)) * scale
    return (s > 1e-8 * scale) & (gaps.min(axis=1) > 1e-6 * scale)


def assert_pca_equal(ours, theirs, X, X_new):
    assert ours.n_components_ == theirs.n_components_
    assert ours.n_samples_ == theirs.n_samples_ and ours.n_features_in_ == theirs.n_features_in_
    top = theirs.singular_values_[0]
    np.testing.assert_allclose(ours.mean_, theirs.mean_, rtol=1e-10, atol=1e-12 * np.abs(X).max())
    np.testing.assert_allclose(ours.singular_values_, theirs.singular_values_, rtol=1e-10, atol=1e-12 * top)
    np.testing.assert_allclose(ours.explained_variance_, theirs.explained_variance_, rtol=1e-10,
                               atol=1e-12 * theirs.explained_variance_[0])
    np.testing.assert_allclose(ours.explained_variance_ratio_, theirs.explained_variance_ratio_, rtol=1e-10,
                               atol=1e-14)
    np.testing.assert_allclose(ours.noise_variance_, theirs.noise_variance_, rtol=1e-10,
                               atol=1e-12 * theirs.explained_variance_[0])

    full_spectrum = SkPCA(svd_solver="full").fit(X).singular_values_
    unique = _well_defined(full_spectrum)[: ours.n_components_]
    assert unique.any()
    np.testing.assert_allclose(ours.components_[unique], theirs.components_[unique], rtol=1e-10, atol=1e-10)
    # undetermined directions (zero or repeated variance): still orthonormal axes
    np.testing.assert_allclose(ours.components_ @ ours.components_.T, np.eye(ours.n_components_), atol=1e-10)

    scale = max(1.0, np.abs(X - X.mean(axis=0)).max())
    for data in (X, X_new):
        np.testing.assert_allclose(ours.transform(data)[:, unique], theirs.transform(data)[:, unique],
                                   rtol=1e-10, atol=1e-10 * scale)
    scores = theirs.transform(X_new)
    if unique.all():
        np.testing.assert_allclose(ours.inverse_transform(scores), theirs.inverse_transform(scores),
                                   rtol=1e-10, atol=1e-10 * scale)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n_components", [None, 1, "max", 0.5, 0.9, 0.999])
@pytest.mark.parametrize("whiten", [False, True])
def test_pca_equals_sklearn(rng, shape, kind, n_components, whiten):
    X = _data(rng, shape, kind)
    X_new = _data(rng, (5, shape[1]), "normal")
    k = min(shape) if n_components == "max" else n_components
    ours = PCA(k, whiten=whiten).fit(X)
    theirs = SkPCA(k, whiten=whiten, svd_solver="full").fit(X)
    assert_pca_equal(ours, theirs, X, X_new)

    unique = _well_defined(SkPCA(svd_solver="full").fit(X).singular_values_)[: ours.n_components_]
    scale = max(1.0, np.abs(X - X.mean(axis=0)).max())
    np.testing.assert_allclose(PCA(k, whiten=whiten).fit_transform(X)[:, unique],
                               SkPCA(k, whiten=whiten, svd_solver="full").fit_transform(X)[:, unique],
                               rtol=1e-10, atol=1e-10 * scale)


@pytest.mark.parametrize("seed", range(10))
def test_pca_equals_sklearn_default_solver_on_tall_data(seed):
    # scikit-learn's default solver on tall data eigendecomposes the covariance matrix instead of the SVD:
    # the same answer up to that method's rounding (relative to the largest variance).
    rng = np.random.default_rng(seed)
    X = _data(rng, (int(rng.integers(50, 400)), int(rng.integers(2, 6))), "normal")
    ours, theirs = PCA().fit(X), SkPCA().fit(X)
    np.testing.assert_allclose(ours.explained_variance_, theirs.explained_variance_, rtol=1e-8,
                               atol=1e-12 * theirs.explained_variance_[0])
    np.testing.assert_allclose(ours.components_, theirs.components_, atol=1e-7)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), atol=1e-7 * np.abs(X).max())


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999999])
@pytest.mark.parametrize("seed", range(4))
def test_fraction_of_variance_picks_the_same_number_of_components(fraction, seed):
    X = _data(np.random.default_rng(seed), (60, 9), "normal")
    ours, theirs = PCA(fraction).fit(X), SkPCA(fraction, svd_solver="full").fit(X)
    assert ours.n_components_ == theirs.n_components_
    assert ours.explained_variance_ratio_.sum() > fraction
    assert ours.n_components_ == 1 or ours.explained_variance_ratio_[:-1].sum() <= fraction


def test_fraction_reached_exactly_is_not_enough_as_in_sklearn():
    ratios = np.array([0.5, 0.25, 0.25])  # exact in binary
    assert cd.components_for_variance_fraction(ratios, 0.4999) == 1
    assert cd.components_for_variance_fraction(ratios, 0.5) == 2  # side='right': 0.5 is not "more than" 0.5
    assert cd.components_for_variance_fraction(ratios, 0.75) == 3
    X = _data(np.random.default_rng(0), (30, 4), "normal")
    computed = PCA().fit(X).explained_variance_ratio_
    for fraction in (computed[0], computed[:2].sum(), computed[:3].sum()):
        assert PCA(float(fraction)).fit(X).n_components_ == \
            SkPCA(float(fraction), svd_solver="full").fit(X).n_components_


@pytest.mark.parametrize("seed", range(20))
def test_flip_signs_is_sklearns_v_based_svd_flip(seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(int(rng.integers(2, 9)), int(rng.integers(2, 9))))
    U, S, Vt = np.linalg.svd(A, full_matrices=False)
    ours_U, ours_Vt = cd.flip_signs(U.copy(), Vt.copy())
    their_U, their_Vt = svd_flip(U.copy(), Vt.copy(), u_based_decision=False)
    np.testing.assert_array_equal(ours_U, their_U)
    np.testing.assert_array_equal(ours_Vt, their_Vt)
    largest = np.abs(ours_Vt).argmax(axis=1)
    assert (ours_Vt[np.arange(len(ours_Vt)), largest] > 0).all()
    np.testing.assert_allclose((ours_U * S) @ ours_Vt, A, atol=1e-12)


def test_sign_rule_is_v_based_not_u_based():
    # Find data where the two rules disagree, and check PCA follows the v-based one (scikit-learn's PCA).
    for seed in range(50):
        X = np.random.default_rng(seed).normal(size=(6, 3))
        U, _, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
        _, u_based = svd_flip(U.copy(), Vt.copy(), u_based_decision=True)
        _, v_based = svd_flip(U.copy(), Vt.copy(), u_based_decision=False)
        if not np.allclose(u_based, v_based):
            np.testing.assert_allclose(PCA().fit(X).components_, v_based, atol=1e-12)
            assert not np.allclose(PCA().fit(X).components_, u_based)
            return
    pytest.fail("no data set where the two sign rules differ")


@pytest.mark.parametrize("whiten", [False, True])
def test_keeping_every_component_reconstructs_the_data(rng, whiten):
    X = _data(rng, (40, 6), "normal")
    pca = PCA(whiten=whiten).fit(X)
    np.testing.assert_allclose(pca.inverse_transform(pca.transform(X)), X, rtol=1e-10, atol=1e-10)
    scores = pca.fit_transform(X)
    np.testing.assert_allclose(scores, pca.transform(X), rtol=1e-9, atol=1e-10)
    expected_variance = np.ones(6) if whiten else pca.explained_variance_
    np.testing.assert_allclose(scores.var(axis=0, ddof=1), expected_variance, rtol=1e-10)


def test_two_perfectly_correlated_features_give_one_component():
    # all the variance lies along (1, 1)/sqrt(2); the variance of (x1 + x2)/sqrt(2) is 2 var(x1)
    X = np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 4.0], [4.0, 5.0]])
    pca = PCA().fit(X)
    np.testing.assert_allclose(pca.components_[0], [np.sqrt(0.5), np.sqrt(0.5)], rtol=1e-12)
    np.testing.assert_allclose(pca.explained_variance_[0], 2 * np.var(X[:, 0], ddof=1), rtol=1e-12)
    np.testing.assert_allclose(pca.explained_variance_ratio_, [1.0, 0.0], atol=1e-12)


def test_docstring_examples_run():
    assert doctest.testmod(cd, raise_on_error=False).failed == 0


# --------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("X, error, words", [
    ([[1.0, np.nan], [2.0, 3.0]], ValueError, ["NaN"]),
    ([[1.0, -np.inf], [2.0, 3.0]], ValueError, ["infinity"]),
    (np.empty((0, 2)), ValueError, ["empty"]),
    ([1.0, 2.0, 3.0], ValueError, ["2-D", "reshape"]),
    ([["a", "b"], ["c", "d"]], TypeError, ["numbers"]),
    ([[1.0, 2.0]], ValueError, ["1 sample", "at least 2"]),
    ([[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]], ValueError, ["constant", "no variance"]),
])
def test_pca_refuses_bad_X(X, error, words):
    with pytest.raises(error) as info:
        PCA().fit(X)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("n_components, error, match", [
    (0, ValueError, r"n_components=0 must be between 1 and min\(n_samples, n_features\)=3"),
    (4, ValueError, r"n_components=4 must be between 1 and .*=3"),
    (-1, ValueError, "between 1 and"),
    (1.0, ValueError, "strictly between 0 and 1.*pass an int"),
    (1.5, ValueError, "strictly between 0 and 1"),
    (0.0, ValueError, "strictly between 0 and 1"),
    ("mle", TypeError, "n_components must be None, an int or a float"),
    (True, TypeError, "n_components must be"),
])
def test_pca_refuses_bad_n_components(n_components, error, match):
    X = np.random.default_rng(0).normal(size=(10, 3))
    with pytest.raises(error, match=match):
        PCA(n_components).fit(X)


def test_pca_before_fit_and_with_wrong_widths():
    with pytest.raises(NotFittedError, match="not fitted yet.*'transform'"):
        PCA().transform([[1.0, 2.0]])
    with pytest.raises(NotFittedError, match="inverse_transform"):
        PCA().inverse_transform([[1.0]])
    pca = PCA(2).fit(np.random.default_rng(0).normal(size=(10, 3)))
    with pytest.raises(ValueError, match="2 feature.*fitted with 3.*same columns"):
        pca.transform([[1.0, 2.0]])
    with pytest.raises(ValueError, match="3 column.*keeps 2 components"):
        pca.inverse_transform([[1.0, 2.0, 3.0]])
    with pytest.raises(TypeError, match="whiten must be True or False"):
        PCA(whiten="yes").fit([[1.0, 2.0], [3.0, 1.0]])


def test_pca_follows_the_estimator_api():
    pca = PCA(2, whiten=True)
    assert pca.get_params() == {"n_components": 2, "whiten": True}
    assert repr(pca) == "PCA(n_components=2, whiten=True)"
    with pytest.raises(TypeError):
        PCA(2, True)  # whiten is keyword-only, as in scikit-learn
