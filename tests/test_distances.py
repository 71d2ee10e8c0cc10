"""Distances: every function equals SciPy's/scikit-learn's, the blocked form equals the textbook form,
and bad input is refused clearly."""
import numpy as np
import pytest
from scipy.spatial import distance as sp
from sklearn.metrics import pairwise_distances as sk_pairwise

from course_lib import distances as cl

SHAPES = [(1, 1), (2, 3), (7, 2), (40, 5), (25, 1)]


def _data(rng, shape, kind):
    X = rng.normal(size=shape) * rng.uniform(0.1, 10)
    if kind == "duplicates":
        X[len(X) // 2:] = X[: len(X) - len(X) // 2]
    elif kind == "integers":
        X = rng.integers(-3, 4, size=shape).astype(float)
    elif kind == "constant_column":
        X[:, 0] = 2.5
    return X


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("kind", ["normal", "duplicates", "integers", "constant_column"])
def test_vector_functions_equal_scipy(rng, shape, kind):
    X = _data(rng, (max(2, shape[0]), shape[1]), kind)
    x, y = X[0], X[1]
    assert cl.euclidean(x, y) == pytest.approx(sp.euclidean(x, y), rel=1e-12, abs=1e-12)
    assert cl.manhattan(x, y) == pytest.approx(sp.cityblock(x, y), rel=1e-12, abs=1e-12)
    for p in (1, 1.5, 2, 3, 7.5):
        assert cl.minkowski(x, y, p=p) == pytest.approx(sp.minkowski(x, y, p=p), rel=1e-12, abs=1e-12)
    if np.any(x) and np.any(y):
        assert cl.cosine_distance(x, y) == pytest.approx(sp.cosine(x, y), rel=1e-10, abs=1e-12)
        assert cl.cosine_similarity(x, y) == pytest.approx(1 - sp.cosine(x, y), rel=1e-10, abs=1e-12)


def test_cosine_of_a_zero_vector_is_zero_similarity_as_in_sklearn():
    assert cl.cosine_similarity([0, 0], [1, 2]) == 0.0
    assert cl.cosine_distance([0, 0], [1, 2]) == 1.0
    np.testing.assert_allclose(cl.pairwise_distances([[0, 0], [1, 2]], metric="cosine"),
                               sk_pairwise([[0, 0], [1, 2]], metric="cosine"))


@pytest.mark.parametrize("metric, sk_metric, kwargs", [
    ("euclidean", "euclidean", {}), ("manhattan", "manhattan", {}), ("cosine", "cosine", {}),
    ("minkowski", "minkowski", {"p": 3}), ("minkowski", "minkowski", {"p": 1.5}),
])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("kind", ["normal", "duplicates", "integers", "constant_column"])
def test_pairwise_equals_sklearn_and_textbook(rng, metric, sk_metric, kwargs, shape, kind):
    X = _data(rng, shape, kind)
    Y = _data(rng, (3, shape[1]), "normal")
    for other in (None, Y):
        ours = cl.pairwise_distances(X, other, metric=metric, **kwargs)
        expected = sk_pairwise(X, other, metric=sk_metric, **kwargs)
        # The Euclidean matrix-product form (ours and scikit-learn's) leaves an error of about
        # sqrt(machine epsilon) * |x| on distances near zero, so its absolute tolerance scales with the data;
        # the other metrics are computed from the differences (or unit vectors) and need no such allowance.
        scale = max(1.0, np.abs(X).max(), np.abs(Y).max())
        atol = (1e-7 if metric == "euclidean" else 1e-12) * scale
        np.testing.assert_allclose(ours, expected, rtol=1e-10, atol=atol)
        np.testing.assert_allclose(ours, cl.pairwise_distances_textbook(X, other, metric=metric, **kwargs),
                                   rtol=1e-10, atol=atol)
    if X.shape[0] > 0:
        np.testing.assert_array_equal(np.diag(cl.pairwise_distances(X, metric=metric, **kwargs)), 0.0)


def test_blocks_cover_every_row_once_and_bound_the_block_size(rng):
    X = rng.normal(size=(1000, 4))
    seen = []
    for rows, D in cl.pairwise_distance_blocks(X, metric="manhattan", block_bytes=64 * 1024):
        assert D.nbytes <= 64 * 1024 * 4 or D.shape[0] == 1
        seen.append(rows)
    assert len(seen) > 10
    assert [r.start for r in seen] == sorted(r.start for r in seen)
    assert seen[0].start == 0 and seen[-1].stop == 1000
    assert all(a.stop == b.start for a, b in zip(seen, seen[1:]))
    np.testing.assert_allclose(cl.pairwise_distances(X, metric="manhattan", block_bytes=64 * 1024),
                               sp.cdist(X, X, "cityblock"), rtol=1e-12)


def test_aliases_match_sklearn_names(rng):
    X = rng.normal(size=(5, 2))
    np.testing.assert_allclose(cl.pairwise_distances(X, metric="cityblock"),
                               cl.pairwise_distances(X, metric="manhattan"))
    np.testing.assert_allclose(cl.pairwise_distances(X, metric="l2"), cl.pairwise_distances(X))


@pytest.mark.parametrize("call, error, words", [
    (lambda: cl.minkowski([0, 0], [1, 1], p=0.5), ValueError, "p must be >= 1"),
    (lambda: cl.pairwise_distances([[0, 0], [1, 1]], metric="minkowski", p=0.5), ValueError, "p must be >= 1"),
    (lambda: cl.minkowski([0, 0], [1, 1], p="2"), TypeError, "p must be a number"),
    (lambda: cl.minkowski([0, 0], [3, 4], p=np.inf), ValueError, "p must be a finite number >= 1.*np.abs"),
    (lambda: cl.pairwise_distances([[0, 0], [3, 4]], metric="minkowski", p=np.nan), ValueError,
     "p must be a number, got nan"),
    (lambda: cl.pairwise_distances([[0, 0], [3, 4]], [[1.0, 2.0], [3.0]]), ValueError, "Y could not be read"),
    (lambda: cl.pairwise_distances([[0, 0]], metric="chebyshev"), ValueError, "Unknown metric 'chebyshev'"),
    (lambda: cl.pairwise_distances([[0, 0]], [[1, 1, 1]]), ValueError, "same number of features"),
    (lambda: cl.pairwise_distances([[np.nan, 0]]), ValueError, "NaN"),
    (lambda: cl.pairwise_distances(np.zeros((0, 2))), ValueError, "empty"),
    (lambda: cl.pairwise_distances([1.0, 2.0]), ValueError, "2-D"),
    (lambda: cl.pairwise_distances([["a", "b"]]), TypeError, "numbers only"),
    (lambda: cl.euclidean([0, 0], [1, 1, 1]), ValueError, "same length.*one value per feature"),
    (lambda: cl.euclidean([0, np.inf], [1, 1]), ValueError, "infinity"),
])
def test_bad_input_is_refused_clearly(call, error, words):
    with pytest.raises(error, match=words):
        call()


@pytest.mark.parametrize("kind", ["normal", "duplicates", "integers", "constant_column"])
def test_distances_by_differences_are_exact_where_the_matrix_product_form_is_not(rng, kind):
    from scipy.spatial.distance import pdist, squareform
    X = _data(rng, (30, 4), kind) + 1e6  # far from the origin, where the matrix-product form loses digits
    D = cl.euclidean_distances_by_differences(X)
    expected = squareform(pdist(X))
    if kind == "integers":
        np.testing.assert_array_equal(D, expected)  # exactly representable: SciPy's bits
    else:
        np.testing.assert_allclose(D, expected, rtol=1e-15, atol=0)  # summation order: an ulp at most
    np.testing.assert_array_equal(D, D.T)
    np.testing.assert_array_equal(np.diag(D), 0.0)
    if kind == "duplicates":
        assert D[0, 15] == 0.0


def test_docstring_examples_hold():
    import doctest

    result = doctest.testmod(cl)
    assert result.attempted >= 1 and result.failed == 0
