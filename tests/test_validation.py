"""The shared input checks: every bad input gets a clear ValueError/TypeError naming the parameter."""
import numpy as np
import pandas as pd
import pytest

from course_lib._validation import (NotFittedError, check_array, check_is_fitted, check_n_features,
                                    check_option, check_random_state, check_scalar)
from course_lib.base import BaseEstimator


def test_check_array_returns_contiguous_float64_for_lists_ints_and_frames():
    for data in ([[1, 2], [3, 4]], np.array([[1, 2], [3, 4]], dtype=np.int32),
                 pd.DataFrame({"a": [1, 3], "b": [2, 4]}), np.asfortranarray([[1.0, 2.0], [3.0, 4.0]])):
        out = check_array(data)
        assert out.dtype == np.float64 and out.flags.c_contiguous
        np.testing.assert_array_equal(out, [[1, 2], [3, 4]])


def test_numeric_strings_are_read_as_numbers():
    np.testing.assert_array_equal(check_array([["1", "2.5"]]), [[1.0, 2.5]])


@pytest.mark.parametrize("bad, error, words", [
    (None, TypeError, "got None"),
    ("1,2,3", TypeError, "string"),
    ([["a", 1.0], ["b", 2.0]], TypeError, "'a'"),
    (pd.DataFrame({"role": ["nurse", "doctor"], "age": [30, 40]}), TypeError, "OneHotEncoder"),
    (np.array([[1 + 2j]]), TypeError, "complex"),
    (np.zeros((0, 3)), ValueError, "empty"),
    (np.zeros((3, 0)), ValueError, "feature"),
    (np.array([1.0, 2.0, 3.0]), ValueError, "reshape(-1, 1)"),
    (np.zeros((2, 2, 2)), ValueError, "2-D"),
    ([[1.0, np.nan]], ValueError, "NaN (first at row 0, column 1)"),
    ([[1.0], [np.inf]], ValueError, "infinity (first at row 1, column 0)"),
    ([[1.0, 2.0], [3.0]], ValueError, "same length"),
])
def test_check_array_rejects_bad_input_with_a_helpful_message(bad, error, words):
    with pytest.raises(error, match=r"^X ") as info:
        check_array(bad)
    assert words in str(info.value)


def test_check_array_uses_the_given_name_and_minimum():
    with pytest.raises(ValueError, match="init has 1 sample"):
        check_array([[1.0, 2.0]], name="init", min_samples=2)


def test_check_scalar_types_and_ranges():
    assert check_scalar(3, "n_clusters", int, min_val=1) == 3
    with pytest.raises(TypeError, match="n_clusters must be an integer"):
        from numbers import Integral
        check_scalar(2.5, "n_clusters", Integral, min_val=1)
    with pytest.raises(TypeError, match="tol"):
        check_scalar(True, "tol", float)
    with pytest.raises(ValueError, match=r"tol must be >= 0, got -1.0. Use a small"):
        check_scalar(-1.0, "tol", float, min_val=0, fix="Use a small positive number.")
    with pytest.raises(ValueError, match="eps must be > 0"):
        check_scalar(0.0, "eps", float, min_val=0, include_min=False)
    with pytest.raises(TypeError, match=r"cut_height must be a number, got 'a' of type str\. Give a height"):
        from numbers import Real
        check_scalar("a", "cut_height", Real, min_val=0, fix="Give a height >= 0.")


def test_check_option_lists_the_choices():
    assert check_option("cosine", "metric", ("euclidean", "cosine")) == "cosine"
    with pytest.raises(ValueError, match="Unknown metric 'cityblock'. Choose one of: 'euclidean', 'cosine'"):
        check_option("cityblock", "metric", ("euclidean", "cosine"))


def test_random_state_is_reproducible_and_never_global():
    before = np.random.get_state()[1].copy()
    a, b = check_random_state(7), check_random_state(7)
    assert a.randint(1000) == b.randint(1000)
    rs = np.random.RandomState(1)
    assert check_random_state(rs) is rs
    check_random_state(None).rand()
    np.testing.assert_array_equal(np.random.get_state()[1], before)
    with pytest.raises(TypeError, match="random_state"):
        check_random_state("seed")
    with pytest.raises(ValueError, match="random_state"):
        check_random_state(-1)


class Toy(BaseEstimator):
    def __init__(self, n_clusters=2, *, tol=1e-4):
        self.n_clusters = n_clusters
        self.tol = tol


def test_not_fitted_and_feature_count_errors():
    toy = Toy()
    with pytest.raises(NotFittedError, match="This Toy instance is not fitted yet. Call 'fit'"):
        check_is_fitted(toy, "centers_", "predict")
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
    check_n_features(toy, np.zeros((2, 3)), reset=True)
    with pytest.raises(ValueError, match="X has 2 feature.*fitted with 3"):
        check_n_features(toy, np.zeros((2, 2)), reset=False)


def test_base_estimator_params_and_repr():
    toy = Toy(3)
    assert toy.get_params() == {"n_clusters": 3, "tol": 1e-4}
    assert repr(toy) == "Toy(n_clusters=3)"
    assert toy.set_params(tol=0.5).tol == 0.5
    with pytest.raises(ValueError, match="Unknown parameter 'k' for Toy"):
        toy.set_params(k=3)


def test_check_scalar_refuses_nan_which_would_pass_every_range_check():
    with pytest.raises(ValueError, match="eps must be a number, got nan. Use eps > 0"):
        check_scalar(float("nan"), "eps", float, min_val=0, include_min=False, fix="Use eps > 0.")


def test_repr_shows_numpy_scalars_as_values_and_arrays_by_shape():
    assert repr(Toy(np.int64(3))) == "Toy(n_clusters=np.int64(3))"
    assert repr(Toy(np.zeros((2, 2)))) == "Toy(n_clusters=<array (2, 2)>)"
