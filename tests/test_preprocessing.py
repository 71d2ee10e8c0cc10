"""Preprocessing: the scalers and encoders equal scikit-learn's on many inputs, seed 003's min-max table
is reproduced, and bad input is refused with a message that names the parameter."""
import doctest
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from sklearn import preprocessing as skp

from course_lib import NotFittedError
from course_lib import preprocessing as cp

SHAPES = [(1, 1), (1, 3), (2, 1), (5, 1), (3, 7), (40, 5), (200, 3)]
KINDS = ["normal", "constant_column", "integers", "duplicates", "large_offset", "tiny_values"]


def _data(rng, shape, kind):
    X = rng.normal(size=shape) * rng.uniform(0.1, 10, size=shape[1]) + rng.normal(size=shape[1]) * 5
    if kind == "constant_column":
        X[:, 0] = 0.1  # 0.1 is not exact in binary: the computed variance is rounding noise, not 0
    elif kind == "integers":
        X = rng.integers(-3, 4, size=shape).astype(float)
    elif kind == "duplicates":
        X[len(X) // 2:] = X[: len(X) - len(X) // 2]
    elif kind == "large_offset":
        X = 1e8 + rng.normal(size=shape) * 1e-3  # a big mean: where the constant-column rule matters
    elif kind == "tiny_values":
        X = rng.normal(size=shape) * 1e-12
    return X


def _same(ours, theirs, rtol=1e-10):
    if theirs is None:
        assert ours is None
        return
    scale = np.max(np.abs(theirs)) if np.size(theirs) else 1.0
    np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=1e-14 * max(scale, 1e-300))


def test_docstring_examples_run():
    assert doctest.testmod(cp, raise_on_error=False).failed == 0


# --------------------------------------------------------------------------------------------------
# StandardScaler
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("with_mean, with_std", [(True, True), (False, True), (True, False), (False, False)])
def test_standard_scaler_equals_sklearn(rng, shape, kind, with_mean, with_std):
    X = _data(rng, shape, kind)
    X_new = _data(rng, (4, shape[1]), "normal")
    ours = cp.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    theirs = skp.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    for name in ["mean_", "var_", "scale_"]:
        _same(getattr(ours, name), getattr(theirs, name))
    if with_std:
        # the constant-column decision itself must be the same, not just close
        np.testing.assert_array_equal(ours.scale_ == 1.0, theirs.scale_ == 1.0)
    assert ours.n_samples_seen_ == theirs.n_samples_seen_ == shape[0]
    assert ours.n_features_in_ == theirs.n_features_in_
    for data in (X, X_new):
        _same(ours.transform(data), theirs.transform(data))
        _same(ours.inverse_transform(data), theirs.inverse_transform(data))
    _same(cp.StandardScaler(with_mean=with_mean, with_std=with_std).fit_transform(X), theirs.transform(X))


@pytest.mark.parametrize("n", [1, 2, 7, 1000])
def test_constant_column_becomes_zeros_with_scale_one(n):
    X = np.column_stack([np.full(n, 0.1), np.arange(n, dtype=float)])
    scaler = cp.StandardScaler().fit(X)
    assert scaler.scale_[0] == 1.0
    # 0.1 is not exact in binary, so its computed mean can be off by 1e-17: "zero" up to that rounding
    np.testing.assert_allclose(scaler.transform(X)[:, 0], 0.0, atol=1e-12)
    np.testing.assert_array_equal(scaler.transform(X), skp.StandardScaler().fit(X).transform(X))


def test_near_constant_rule_matches_sklearn_on_the_boundary(rng):
    # Columns whose true variance shrinks from clearly non-zero to pure rounding noise:
    # the constant/non-constant decision flips somewhere, at the same place as scikit-learn's.
    n = 50
    spreads = 10.0 ** -np.arange(0, 18)
    X = 1e3 + rng.normal(size=(n, 1)) * spreads[None, :]
    ours, theirs = cp.StandardScaler().fit(X), skp.StandardScaler().fit(X)
    flags = ours.scale_ == 1.0
    np.testing.assert_array_equal(flags, theirs.scale_ == 1.0)
    assert flags.any() and not flags.all()  # both outcomes occur, so the test can fail
    _same(ours.transform(X), theirs.transform(X))


def test_standard_scaler_gives_mean_zero_and_unit_variance(rng):
    X = _data(rng, (300, 4), "normal")
    Z = cp.StandardScaler().fit_transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Z.var(axis=0), 1, rtol=1e-12)
    np.testing.assert_allclose(cp.StandardScaler().fit(X).inverse_transform(Z), X, rtol=1e-12)


def test_column_means_and_variances_equal_numpy(rng):
    X = _data(rng, (100, 6), "normal")
    means, variances = cp.column_means_and_variances(X)
    np.testing.assert_allclose(means, X.mean(axis=0), rtol=1e-13)
    np.testing.assert_allclose(variances, X.var(axis=0), rtol=1e-12)


def test_standard_scaler_accepts_dataframes_and_lists(rng):
    X = _data(rng, (10, 3), "normal")
    expected = skp.StandardScaler().fit_transform(X)
    _same(cp.StandardScaler().fit_transform(pd.DataFrame(X, columns=list("abc"))), expected)
    _same(cp.StandardScaler().fit_transform(X.tolist()), expected)
    _same(cp.StandardScaler().fit_transform(X.astype(np.float32)),
          skp.StandardScaler().fit_transform(X.astype(np.float32).astype(np.float64)))


# --------------------------------------------------------------------------------------------------
# MinMaxScaler
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("feature_range", [(0, 1), (-1, 1), (-3.5, 10.25), (5, 6)])
@pytest.mark.parametrize("clip", [False, True])
def test_minmax_scaler_equals_sklearn(rng, shape, kind, feature_range, clip):
    X = _data(rng, shape, kind)
    X_new = _data(rng, (6, shape[1]), "normal") * 3  # falls outside the training range: clip matters
    ours = cp.MinMaxScaler(feature_range, clip=clip).fit(X)
    theirs = skp.MinMaxScaler(feature_range=feature_range, clip=clip).fit(X)
    for name in ["data_min_", "data_max_", "data_range_", "scale_", "min_"]:
        _same(getattr(ours, name), getattr(theirs, name))
    assert ours.n_samples_seen_ == theirs.n_samples_seen_ == shape[0]
    for data in (X, X_new):
        _same(ours.transform(data), theirs.transform(data))
        _same(ours.inverse_transform(data), theirs.inverse_transform(data))
    _same(cp.MinMaxScaler(feature_range, clip=clip).fit_transform(X), theirs.transform(X))


def test_minmax_constant_column_maps_to_the_lower_bound():
    X = np.array([[4.0, 1.0], [4.0, 2.0], [4.0, 3.0]])
    scaler = cp.MinMaxScaler(feature_range=(-1, 1)).fit(X)
    np.testing.assert_array_equal(scaler.transform(X), [[-1, -1], [-1, 0], [-1, 1]])
    assert scaler.data_range_[0] == 0 and scaler.scale_[0] == 2.0


def test_minmax_clip_keeps_new_data_in_range(rng):
    X = _data(rng, (30, 3), "normal")
    scaled = cp.MinMaxScaler(clip=True).fit(X).transform(X * 10)
    assert scaled.min() == 0.0 and scaled.max() == 1.0


# Seed 003: seven employees' age and salary, and the min-max table it prints.
SEED_003 = np.array([[44, 73000], [27, 47000], [27, 53000], [38, 62000], [40, 57000], [35, 53000], [48, 78000]])
SEED_003_PRINTED = np.array([[0.809, 0.838], [0, 0], [0, 0.193], [0.523, 0.483], [0.619, 0.322],
                             [0.380, 0.193], [1, 1]])


def test_seed_003_age_salary_table():
    scaled = cp.MinMaxScaler().fit_transform(SEED_003)
    exact = np.array([[float(Fraction(int(age) - 27, 48 - 27)),
                       float(Fraction(int(salary) - 47000, 78000 - 47000))] for age, salary in SEED_003])
    np.testing.assert_allclose(scaled, exact, rtol=1e-15, atol=1e-15)
    np.testing.assert_allclose(scaled, skp.MinMaxScaler().fit_transform(SEED_003), rtol=1e-15)
    # The seed's table cuts the digits after the third decimal instead of rounding:
    # truncation reproduces every printed entry; rounding differs in the last digit for eight of them
    # (e.g. age 44 -> 17/21 = 0.8095..., printed 0.809, rounded 0.810).
    np.testing.assert_array_equal(np.floor(scaled * 1000 + 1e-9) / 1000, SEED_003_PRINTED)
    assert (np.round(scaled, 3) != SEED_003_PRINTED).sum() == 8


# --------------------------------------------------------------------------------------------------
# Scalers: bad input
# --------------------------------------------------------------------------------------------------

SCALERS = [cp.StandardScaler, cp.MinMaxScaler]


@pytest.mark.parametrize("Scaler", SCALERS)
@pytest.mark.parametrize("X, error, words", [
    ([[1.0, np.nan], [2.0, 3.0]], ValueError, ["NaN", "impute"]),
    ([[1.0, np.inf], [2.0, 3.0]], ValueError, ["infinity"]),
    (np.empty((0, 3)), ValueError, ["empty"]),
    ([1.0, 2.0, 3.0], ValueError, ["2-D", "reshape"]),
    ([["a", "b"], ["c", "d"]], TypeError, ["numbers", "OneHotEncoder"]),
    (None, TypeError, ["None"]),
])
def test_scalers_refuse_bad_X(Scaler, X, error, words):
    with pytest.raises(error) as info:
        Scaler().fit(X)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("Scaler", SCALERS)
@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_scalers_before_fit_and_with_wrong_feature_count(Scaler, method):
    with pytest.raises(NotFittedError, match="not fitted yet.*fit"):
        getattr(Scaler(), method)([[1.0, 2.0]])
    scaler = Scaler().fit([[1.0, 2.0], [3.0, 5.0]])
    with pytest.raises(ValueError, match="3 feature.*fitted with 2.*same columns"):
        getattr(scaler, method)([[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="NaN"):
        getattr(scaler, method)([[1.0, np.nan]])


@pytest.mark.parametrize("feature_range, error, words", [
    ((1, 0), ValueError, ["low < high", "(0, 1)"]),
    ((2, 2), ValueError, ["low < high"]),
    ((0, 1, 2), ValueError, ["pair"]),
    (5, ValueError, ["pair"]),
    ("01", ValueError, ["pair"]),
    (("a", "b"), TypeError, ["two numbers"]),
    ((0, np.inf), ValueError, ["finite"]),
    ((False, True), TypeError, ["two numbers"]),
])
def test_minmax_refuses_bad_feature_range(feature_range, error, words):
    with pytest.raises(error) as info:
        cp.MinMaxScaler(feature_range=feature_range).fit([[1.0], [2.0]])
    assert "feature_range" in str(info.value)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("make", [lambda: cp.StandardScaler(with_mean="yes"),
                                  lambda: cp.StandardScaler(with_std=1), lambda: cp.MinMaxScaler(clip="no")])
def test_flags_must_be_booleans(make):
    with pytest.raises(TypeError, match="must be True or False"):
        make().fit([[1.0], [2.0]])


def test_scalers_follow_the_estimator_api():
    scaler = cp.MinMaxScaler((-1, 1), clip=True)
    assert scaler.get_params() == {"feature_range": (-1, 1), "clip": True}
    assert "clip=True" in repr(scaler)
    assert cp.StandardScaler().set_params(with_mean=False).with_mean is False
    with pytest.raises(TypeError):
        cp.MinMaxScaler((0, 1), True)  # clip is keyword-only, as in scikit-learn


# --------------------------------------------------------------------------------------------------
# Encoders
# --------------------------------------------------------------------------------------------------

WORDS = np.array(["doctor", "nurse", "pharmacist", "surgeon", "resident", "Zeta", "alpha", "é-accent"],
                 dtype=object)


def _categorical_frame(rng, n_rows, n_text, n_int, n_float):
    columns = {}
    for j in range(n_text):
        columns[f"text{j}"] = rng.choice(WORDS[: rng.integers(1, len(WORDS) + 1)], size=n_rows)
    for j in range(n_int):
        columns[f"int{j}"] = rng.integers(-2, 5, size=n_rows)
    for j in range(n_float):
        columns[f"float{j}"] = rng.choice([0.5, 1.5, 2.0, -1.25], size=n_rows)
    return pd.DataFrame(columns)


def _encoder_inputs(frame):
    """The same table in every accepted form: DataFrame, object array, list of rows, text-only arrays."""
    forms = {"dataframe": frame, "object_array": frame.to_numpy(dtype=object),
             "list_of_rows": frame.to_numpy(dtype=object).tolist()}
    text = [c for c in frame.columns if c.startswith("text")]
    if text:
        forms["unicode_array"] = frame[text].to_numpy(dtype=str)
        forms["text_list"] = frame[text].to_numpy(dtype=object).tolist()
    numbers = [c for c in frame.columns if not c.startswith("text")]
    if numbers:
        forms["numeric_array"] = frame[numbers].to_numpy()
    return forms


def _same_categories(ours, theirs):
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert a.tolist() == b.tolist()


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("handle_unknown", ["error", "ignore"])
def test_one_hot_encoder_equals_sklearn(seed, handle_unknown):
    rng = np.random.default_rng(seed)
    frame = _categorical_frame(rng, int(rng.integers(1, 40)), int(rng.integers(0, 3)), int(rng.integers(0, 2)),
                               int(rng.integers(0, 2)))
    if frame.shape[1] == 0:
        frame = _categorical_frame(rng, 5, 1, 0, 0)
    for form, X in _encoder_inputs(frame).items():
        ours = cp.OneHotEncoder(handle_unknown=handle_unknown).fit(X)
        theirs = skp.OneHotEncoder(sparse_output=False, handle_unknown=handle_unknown).fit(X)
        _same_categories(ours.categories_, theirs.categories_)
        np.testing.assert_array_equal(ours.transform(X), theirs.transform(X), err_msg=form)
        np.testing.assert_array_equal(cp.OneHotEncoder().fit_transform(X), theirs.transform(X))
        assert ours.get_feature_names_out().tolist() == theirs.get_feature_names_out().tolist()
        assert ours.transform(X).dtype == np.float64


@pytest.mark.parametrize("seed", range(8))
def test_one_hot_ignore_encodes_unknown_categories_as_zeros_like_sklearn(seed):
    rng = np.random.default_rng(seed)
    train = _categorical_frame(rng, 30, 2, 1, 1)
    test = _categorical_frame(rng, 15, 2, 1, 1)
    test.iloc[::3, 0] = "never-seen"
    test.iloc[1::4, 2] = 99
    ours = cp.OneHotEncoder(handle_unknown="ignore").fit(train)
    theirs = skp.OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(train)
    encoded = ours.transform(test)
    np.testing.assert_array_equal(encoded, theirs.transform(test))
    first_block = len(ours.categories_[0])
    assert (encoded[::3, :first_block] == 0).all()


@pytest.mark.parametrize("seed", range(8))
def test_one_hot_explicit_categories_equal_sklearn(seed):
    rng = np.random.default_rng(seed)
    X = rng.choice(["low", "mid", "high"], size=(20, 2)).astype(object)
    categories = [["mid", "low", "high", "extra"], ["high", "mid", "low"]]
    ours = cp.OneHotEncoder(categories=categories).fit(X)
    theirs = skp.OneHotEncoder(categories=categories, sparse_output=False).fit(X)
    _same_categories(ours.categories_, theirs.categories_)
    np.testing.assert_array_equal(ours.transform(X), theirs.transform(X))
    assert ours.transform(X)[:, 3].sum() == 0  # 'extra' is a category with no members: an all-zero column
    assert ours.get_feature_names_out(["level", "grade"]).tolist() == \
        theirs.get_feature_names_out(["level", "grade"]).tolist()


def test_one_hot_seed_003_roles():
    roles = [["Doctor"], ["Nurse"], ["Doctor"], ["Pharmacist"]]
    encoder = cp.OneHotEncoder().fit(roles)
    np.testing.assert_array_equal(encoder.transform(roles), [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]])
    # every two different roles are at the same distance: one-hot claims no order
    encoded = encoder.transform([["Doctor"], ["Nurse"], ["Pharmacist"]])
    distances = np.linalg.norm(encoded[:, None] - encoded[None], axis=2)
    np.testing.assert_allclose(distances[~np.eye(3, dtype=bool)], np.sqrt(2))


@pytest.mark.parametrize("seed", range(12))
def test_ordinal_encoder_auto_equals_sklearn(seed):
    rng = np.random.default_rng(seed)
    frame = _categorical_frame(rng, int(rng.integers(1, 40)), 1 + int(rng.integers(0, 2)),
                               int(rng.integers(0, 2)), int(rng.integers(0, 2)))
    for form, X in _encoder_inputs(frame).items():
        ours, theirs = cp.OrdinalEncoder().fit(X), skp.OrdinalEncoder().fit(X)
        _same_categories(ours.categories_, theirs.categories_)
        codes = ours.transform(X)
        np.testing.assert_array_equal(codes, theirs.transform(X), err_msg=form)
        np.testing.assert_array_equal(ours.inverse_transform(codes), theirs.inverse_transform(codes))
        assert ours.get_feature_names_out().tolist() == theirs.get_feature_names_out().tolist()


@pytest.mark.parametrize("seed", range(6))
def test_ordinal_encoder_explicit_order_equals_sklearn(seed):
    rng = np.random.default_rng(seed)
    order = [["Bachelor", "Master", "PhD"], ["never", "rarely", "often", "always"]]
    X = np.column_stack([rng.choice(order[0], 25), rng.choice(order[1], 25)]).astype(object)
    ours = cp.OrdinalEncoder(categories=order).fit(X)
    theirs = skp.OrdinalEncoder(categories=order).fit(X)
    codes = ours.transform(X)
    np.testing.assert_array_equal(codes, theirs.transform(X))
    np.testing.assert_array_equal(codes[:, 0], [order[0].index(v) for v in X[:, 0]])  # the given order, not A-Z
    np.testing.assert_array_equal(ours.inverse_transform(codes), X)


def test_ordinal_encoder_seed_003_education_ranks():
    education = [["Bachelors Degree"], ["Ph. D."], ["Masters Degree"], ["Bachelors Degree"]]
    encoder = cp.OrdinalEncoder(categories=[["Bachelors Degree", "Masters Degree", "Ph. D."]])
    np.testing.assert_array_equal(encoder.fit_transform(education).ravel(), [0, 2, 1, 0])


def test_ordinal_unknown_value_equals_sklearn():
    train = [["a", 1], ["b", 2], ["c", 1]]
    test = [["a", 3], ["z", 2], ["c", 1]]
    ours = cp.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(train)
    theirs = skp.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(train)
    codes = ours.transform(test)
    np.testing.assert_array_equal(codes, theirs.transform(test))
    back = ours.inverse_transform(codes)
    assert back.tolist() == theirs.inverse_transform(codes).tolist() == [["a", None], [None, 2], ["c", 1]]


def test_encoders_keep_the_kind_of_each_dataframe_column():
    frame = pd.DataFrame({"role": ["doctor", "nurse", "doctor"], "age": [30, 40, 30], "score": [1.5, 2.0, 1.5]})
    encoder = cp.OneHotEncoder().fit(frame)
    assert encoder.categories_[1].dtype.kind == "i" and encoder.categories_[2].dtype.kind == "f"
    assert encoder.get_feature_names_out().tolist() == ["role_doctor", "role_nurse", "age_30", "age_40",
                                                        "score_1.5", "score_2.0"]
    assert encoder.feature_names_in_.tolist() == ["role", "age", "score"]
    assert cp.OrdinalEncoder().fit(frame).inverse_transform([[1, 1, 0]]).tolist() == [["nurse", 40, 1.5]]


# --------------------------------------------------------------------------------------------------
# Encoders: bad input
# --------------------------------------------------------------------------------------------------

ENCODERS = [cp.OneHotEncoder, cp.OrdinalEncoder]


@pytest.mark.parametrize("Encoder", ENCODERS)
@pytest.mark.parametrize("X, error, words", [
    (["a", "b", "c"], ValueError, ["2-D", "reshape"]),
    ([], ValueError, ["2-D"]),
    (np.empty((0, 2), dtype=object), ValueError, ["empty"]),
    ([["a"], [None]], ValueError, ["missing", "fillna"]),
    ([["a"], [np.nan]], ValueError, ["missing"]),
    ([[1.0], [np.nan]], ValueError, ["NaN", "fill"]),
    (pd.DataFrame({"x": ["a", None]}), ValueError, ["missing"]),
    ([["a"], [1]], TypeError, ["mixes text and numbers", "astype(str)"]),
    ([[("a", 1)], [("b", 2)]], ValueError, ["2-D"]),
    ([["a"], [{"k": 1}]], TypeError, ["strings or numbers"]),
    ("abc", TypeError, ["table"]),
    (None, TypeError, ["table"]),
    ([["a", "b"], ["c"]], ValueError, ["same length"]),
])
def test_encoders_refuse_bad_X(Encoder, X, error, words):
    with pytest.raises(error) as info:
        Encoder().fit(X)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("Encoder, hint", [(cp.OneHotEncoder, "handle_unknown='ignore'"),
                                           (cp.OrdinalEncoder, "use_encoded_value")])
def test_unknown_category_at_transform_is_an_error_by_default(Encoder, hint):
    encoder = Encoder().fit([["doctor"], ["nurse"]])
    with pytest.raises(ValueError) as info:
        encoder.transform([["nurse"], ["surgeon"]])
    message = str(info.value)
    assert "unknown categories ['surgeon'] in column 0" in message and hint in message
    assert "['doctor', 'nurse']" in message


@pytest.mark.parametrize("Encoder", ENCODERS)
def test_unknown_category_in_fit_with_explicit_categories(Encoder):
    with pytest.raises(ValueError, match=r"unknown categories \['c'\] in column 0 during fit"):
        Encoder(categories=[["a", "b"]]).fit([["a"], ["c"]])


@pytest.mark.parametrize("Encoder", ENCODERS)
@pytest.mark.parametrize("categories, error, match", [
    ([["a", "b"], ["c"]], ValueError, "2 list.*1 column"),
    ([["a", "a", "b"]], ValueError, "more than once"),
    ([[]], ValueError, "non-empty"),
    (["ab"], ValueError, "non-empty list"),
    ("sorted", ValueError, "Unknown categories 'sorted'"),
    (42, ValueError, "'auto' or a list"),
])
def test_encoders_refuse_bad_categories(Encoder, categories, error, match):
    with pytest.raises(error, match=match):
        Encoder(categories=categories).fit([["a"], ["b"]])


@pytest.mark.parametrize("Encoder", ENCODERS)
def test_text_categories_for_a_number_column_are_refused(Encoder):
    with pytest.raises(TypeError, match="categories\\[0\\] holds text.*holds numbers"):
        Encoder(categories=[["1", "2"]]).fit([[1], [2]])


@pytest.mark.parametrize("Encoder", ENCODERS)
def test_encoders_before_fit_wrong_width_and_renamed_columns(Encoder):
    with pytest.raises(NotFittedError, match="not fitted yet"):
        Encoder().transform([["a"]])
    with pytest.raises(NotFittedError, match="not fitted yet"):
        Encoder().get_feature_names_out()
    encoder = Encoder().fit(pd.DataFrame({"role": ["a", "b"], "level": ["x", "y"]}))
    with pytest.raises(ValueError, match="3 feature.*fitted with 2"):
        encoder.transform([["a", "x", "z"]])
    with pytest.raises(ValueError, match="same columns in the same order"):
        encoder.transform(pd.DataFrame({"level": ["x"], "role": ["a"]}))
    with pytest.raises(ValueError, match="input_features has 1 name"):
        encoder.get_feature_names_out(["role"])


def test_bad_handle_unknown_and_unknown_value():
    with pytest.raises(ValueError, match="Unknown handle_unknown 'skip'.*'error', 'ignore'"):
        cp.OneHotEncoder(handle_unknown="skip").fit([["a"]])
    with pytest.raises(ValueError, match="Unknown handle_unknown"):
        cp.OrdinalEncoder(handle_unknown="ignore").fit([["a"]])
    with pytest.raises(TypeError, match="unknown_value must be an integer"):
        cp.OrdinalEncoder(handle_unknown="use_encoded_value").fit([["a"]])
    with pytest.raises(TypeError, match="unknown_value must be an integer"):
        cp.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan).fit([["a"]])
    with pytest.raises(TypeError, match="only used with handle_unknown='use_encoded_value'"):
        cp.OrdinalEncoder(unknown_value=-1).fit([["a"]])
    with pytest.raises(ValueError, match="already the code of a known category.*-1"):
        cp.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=1).fit([["a"], ["b"]])


@pytest.mark.parametrize("codes", [[[2.0]], [[-1.0]], [[0.5]]])
def test_ordinal_inverse_transform_refuses_codes_it_never_produces(codes):
    encoder = cp.OrdinalEncoder().fit([["a"], ["b"]])
    with pytest.raises(ValueError, match="not a code of column 0.*0..1"):
        encoder.inverse_transform(codes)
    with pytest.raises(ValueError, match="fitted with 1"):
        encoder.inverse_transform([[0.0, 1.0]])
