"""The contract every public estimator and function of course_lib keeps, checked across the library.

* Bad input (NaN, infinity, empty, 1-D, 3-D, text, None, ragged rows, a DataFrame with a text column,
  complex numbers) raises ``ValueError``/``TypeError`` whose message names the parameter; never an
  ``IndexError``, a ``ZeroDivisionError``, a ``LinAlgError``, a ``KeyError`` or a silent NaN.
* ``predict``/``transform`` before ``fit`` raise ``NotFittedError``; with a different number of features,
  a ``ValueError`` naming ``X``.
* scikit-learn's estimator API: ``__init__`` stores its arguments unchanged and checks nothing (bad values
  are refused by ``fit``, naming the parameter), ``get_params``/``set_params`` round-trip, ``fit`` returns
  ``self`` and sets only attributes ending in ``_`` (or private ones), ``fit_predict``/``fit_transform``
  equal ``fit`` followed by ``labels_``/``predict``/``transform``, an estimator fitted twice gives the
  second answer, and no input array is changed in place.
* Determinism: the same ``random_state`` gives identical results; NumPy's global random state is never
  read or changed; no module draws from it.
* Every module's docstring examples hold.

The family test files (``test_kmeans.py``, ...) prove the numbers equal scikit-learn's and SciPy's; this
file proves the promises that hold for all of them at once.
"""
import ast
import doctest
import importlib
import inspect
import pathlib
import re
import warnings

import numpy as np
import pandas as pd
import pytest

import course_lib
from course_lib import (
    DBSCAN,
    PCA,
    AgglomerativeClustering,
    GaussianMixture,
    KMeans,
    MinMaxScaler,
    MiniBatchKMeans,
    NotFittedError,
    StandardScaler,
    calinski_harabasz_score,
    davies_bouldin_score,
    fcluster,
    k_distance,
    kmeans_plusplus,
    linkage,
    pairwise_distances,
    silhouette_samples,
    silhouette_score,
    wcss,
)
from course_lib import handcalc
from course_lib.preprocessing import OneHotEncoder, OrdinalEncoder

FORBIDDEN = (IndexError, ZeroDivisionError, np.linalg.LinAlgError, KeyError)

# Blobs with a little noise: every estimator fits them without warnings.
X_GOOD = np.random.default_rng(0).normal(size=(24, 3)) + np.repeat([[0, 0, 0], [6, 6, 6], [0, 8, 0]], 8, axis=0)
X_OTHER = np.random.default_rng(1).normal(size=(30, 3)) * 2 + np.repeat([[5, 0, 0], [0, 0, 9]], 15, axis=0)
X_WIDE = np.random.default_rng(2).normal(size=(20, 5))
Z_GOOD = linkage(X_GOOD, "ward")
CATEGORIES = np.array([["a", "x"], ["b", "y"], ["a", "y"], ["c", "x"]], dtype=object)


# --------------------------------------------------------------------------------------------------
# Bad input: the common cases, for every entry point
# --------------------------------------------------------------------------------------------------

def _four_rows(values):
    return np.array(values, dtype=float).reshape(4, 2)


BAD_INPUTS = {
    "nan": (_four_rows([1, 2, np.nan, 4, 5, 6, 7, 8]), ValueError, "NaN"),
    "inf": (_four_rows([1, 2, 3, np.inf, 5, 6, 7, 8]), ValueError, "infinity"),
    "-inf": (_four_rows([1, 2, 3, -np.inf, 5, 6, 7, 8]), ValueError, "infinity"),
    "empty": (np.empty((0, 2)), ValueError, "empty"),
    "1-D": (np.arange(4.0), ValueError, "2-D"),
    "3-D": (np.zeros((4, 2, 2)), ValueError, "2-D"),
    "strings": ([["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]], TypeError, "numbers"),
    "None": (None, TypeError, "None"),
    "ragged": ([[1.0, 2.0], [3.0], [4.0, 5.0], [6.0, 7.0]], ValueError, "rectangular.*same length"),
    "text column": (pd.DataFrame({"age": [31.0, 45, 27, 52], "city": ["Oslo", "Rome", "Lima", "Pune"]}),
                    TypeError, "numbers only.*Oslo.*Encode"),
    "complex": (np.array([[1 + 2j, 0], [3, 4], [5, 6], [7, 8]]), TypeError, "complex"),
}


def _labels_for(X):
    """Four labels (two clusters) for the four-row bad inputs, none for an empty one."""
    return [0, 0, 1, 1] if hasattr(X, "__len__") and len(X) == 4 else []


# entry point -> (call with the bad value, the parameter name the message must mention)
ENTRY_POINTS = {
    "KMeans.fit": (lambda X: KMeans(2, n_init=1).fit(X), "X"),
    "MiniBatchKMeans.fit": (lambda X: MiniBatchKMeans(2).fit(X), "X"),
    "MiniBatchKMeans.partial_fit": (lambda X: MiniBatchKMeans(2).partial_fit(X), "X"),
    "kmeans_plusplus": (lambda X: kmeans_plusplus(X, 2), "X"),
    "DBSCAN.fit": (lambda X: DBSCAN().fit(X), "X"),
    "k_distance": (lambda X: k_distance(X, 1), "X"),
    "linkage": (lambda X: linkage(X, "average"), "X"),
    "AgglomerativeClustering.fit": (lambda X: AgglomerativeClustering(2).fit(X), "X"),
    "fcluster": (lambda Z: fcluster(Z, 2), "Z"),
    "GaussianMixture.fit": (lambda X: GaussianMixture(1).fit(X), "X"),
    "pairwise_distances(X)": (lambda X: pairwise_distances(X), "X"),
    "pairwise_distances(Y)": (lambda Y: pairwise_distances([[0.0, 0.0]], Y), "Y"),
    "StandardScaler.fit": (lambda X: StandardScaler().fit(X), "X"),
    "MinMaxScaler.fit": (lambda X: MinMaxScaler().fit(X), "X"),
    "PCA.fit": (lambda X: PCA(1).fit(X), "X"),
    "silhouette_samples": (lambda X: silhouette_samples(X, _labels_for(X)), "X"),
    "silhouette_score": (lambda X: silhouette_score(X, _labels_for(X)), "X"),
    "davies_bouldin_score": (lambda X: davies_bouldin_score(X, _labels_for(X)), "X"),
    "calinski_harabasz_score": (lambda X: calinski_harabasz_score(X, _labels_for(X)), "X"),
    "wcss": (lambda X: wcss(X, _labels_for(X)), "X"),
    "kmeans_by_hand": (lambda X: handcalc.kmeans_by_hand(X, [[0.0, 0.0]]), "points"),
    "silhouette_by_hand": (lambda X: handcalc.silhouette_by_hand(X, _labels_for(X), 0), "points"),
    "dbscan_by_hand": (lambda X: handcalc.dbscan_by_hand(X, 1.0, 2), "points"),
    "linkage_by_hand": (lambda X: handcalc.linkage_by_hand(X, "single"), "points"),
    "minmax_by_hand": (lambda X: handcalc.minmax_by_hand(X), "table"),
    "standardize_by_hand": (lambda X: handcalc.standardize_by_hand(X), "table"),
}


def _mentions(message, name):
    return re.search(rf"(?<![A-Za-z_]){re.escape(name)}(?![A-Za-z_])", message) is not None


BAD_CASES = [(entry, bad) for entry in ENTRY_POINTS for bad in BAD_INPUTS
             if not (entry == "pairwise_distances(Y)" and bad == "None")]  # Y=None means "Y = X"


@pytest.mark.parametrize("entry, bad", BAD_CASES)
def test_bad_input_is_refused_with_a_message_naming_the_parameter(entry, bad):
    call, parameter = ENTRY_POINTS[entry]
    value, error, words = BAD_INPUTS[bad]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning instead of the error would be a silent acceptance
        with pytest.raises((ValueError, TypeError)) as caught:
            call(value)
    assert not isinstance(caught.value, FORBIDDEN), repr(caught.value)
    assert isinstance(caught.value, error), repr(caught.value)
    message = str(caught.value)
    assert _mentions(message, parameter), message
    assert re.search(words, message), message


@pytest.mark.parametrize("score", [silhouette_samples, silhouette_score, davies_bouldin_score,
                                   calinski_harabasz_score, wcss], ids=lambda f: f.__name__)
def test_ragged_labels_are_refused_with_a_message_naming_labels(score):
    with pytest.raises(ValueError, match="labels"):
        score(X_GOOD[:4], [[0], [0, 1], [1], [1]])


# --------------------------------------------------------------------------------------------------
# Use before fit, and new data with another number of features
# --------------------------------------------------------------------------------------------------

def _fitted(estimator):
    data = CATEGORIES if isinstance(estimator, (OneHotEncoder, OrdinalEncoder)) else X_GOOD
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return estimator.fit(data)


# (estimator factory, methods that need a fitted model and take new data X)
FITTED_METHODS = [
    (lambda: KMeans(3, random_state=0), ["predict", "transform", "score"]),
    (lambda: MiniBatchKMeans(3, random_state=0, batch_size=8), ["predict", "transform", "score"]),
    (lambda: GaussianMixture(2, random_state=0), ["predict", "predict_proba", "score", "score_samples",
                                                  "bic", "aic"]),
    (lambda: StandardScaler(), ["transform", "inverse_transform"]),
    (lambda: MinMaxScaler(), ["transform", "inverse_transform"]),
    (lambda: PCA(2), ["transform"]),
    (lambda: OneHotEncoder(), ["transform"]),
    (lambda: OrdinalEncoder(), ["transform"]),
]
METHOD_CASES = [(make, method) for make, methods in FITTED_METHODS for method in methods]
METHOD_IDS = [f"{type(make()).__name__}.{method}" for make, method in METHOD_CASES]


@pytest.mark.parametrize("make, method", METHOD_CASES, ids=METHOD_IDS)
def test_use_before_fit_raises_not_fitted_error(make, method):
    with pytest.raises(NotFittedError, match=rf"not fitted yet.*'fit'.*'{method}'"):
        getattr(make(), method)(X_GOOD)
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)


def test_pca_inverse_transform_and_sample_before_fit_raise_not_fitted_error():
    with pytest.raises(NotFittedError, match="inverse_transform"):
        PCA(2).inverse_transform(np.zeros((3, 2)))
    with pytest.raises(NotFittedError, match="sample"):
        GaussianMixture(2).sample(3)


@pytest.mark.parametrize("make, method", METHOD_CASES, ids=METHOD_IDS)
def test_new_data_with_another_number_of_features_is_refused(make, method):
    model = _fitted(make())
    other = np.array([["a", "x", "p"]], dtype=object) if isinstance(model, (OneHotEncoder, OrdinalEncoder)) \
        else X_WIDE
    with pytest.raises(ValueError, match=r"X has (3|5) feature\(s\), but \w+ was fitted with (2|3)\. Pass"):
        getattr(model, method)(other)


def test_pca_inverse_transform_with_another_number_of_columns_is_refused():
    with pytest.raises(ValueError, match=r"X has 5 column\(s\), but this PCA keeps 2 components"):
        _fitted(PCA(2)).inverse_transform(X_WIDE)


# --------------------------------------------------------------------------------------------------
# scikit-learn's estimator API
# --------------------------------------------------------------------------------------------------

# Every public estimator, with non-default parameter values (stored as given, checked only by fit).
ESTIMATORS = {
    "KMeans": lambda: KMeans(3, init="random", n_init=2, max_iter=50, tol=1e-5, random_state=7),
    "MiniBatchKMeans": lambda: MiniBatchKMeans(3, batch_size=8, max_iter=5, random_state=7,
                                               reassignment_ratio=0.05),
    "DBSCAN": lambda: DBSCAN(2.5, min_samples=3, metric="manhattan"),
    "AgglomerativeClustering": lambda: AgglomerativeClustering(3, linkage="average", metric="manhattan"),
    "GaussianMixture": lambda: GaussianMixture(3, covariance_type="diag", n_init=2, init_params="random",
                                               random_state=7),
    "StandardScaler": lambda: StandardScaler(with_mean=False),
    "MinMaxScaler": lambda: MinMaxScaler(feature_range=(-1, 1)),
    "PCA": lambda: PCA(2, whiten=True),
    "OneHotEncoder": lambda: OneHotEncoder(handle_unknown="ignore"),
    "OrdinalEncoder": lambda: OrdinalEncoder(),
}
CLUSTERERS = ["KMeans", "MiniBatchKMeans", "DBSCAN", "AgglomerativeClustering", "GaussianMixture"]


def _data_for(estimator, which=0):
    if isinstance(estimator, (OneHotEncoder, OrdinalEncoder)):
        return CATEGORIES if which == 0 else CATEGORIES[::-1][:3]
    return X_GOOD if which == 0 else X_OTHER


def _fit(estimator, X):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return estimator.fit(X)


def _fitted_state(estimator):
    """The fitted attributes (public ones ending in '_'), as comparable values."""
    return {name: value for name, value in vars(estimator).items()
            if name.endswith("_") and not name.startswith("_")}


def _assert_same_state(a, b):
    assert a.keys() == b.keys()
    for name in a:
        x, y = a[name], b[name]
        if isinstance(x, list) and x and hasattr(x[0], "_fields"):  # KMeans.history_
            assert len(x) == len(y)
            for r, s in zip(x, y):
                for u, v in zip(r, s):
                    np.testing.assert_array_equal(u, v, err_msg=name)
        elif isinstance(x, list) and x and isinstance(x[0], np.ndarray):  # encoders' categories_
            assert len(x) == len(y) and all(np.array_equal(u, v) for u, v in zip(x, y)), name
        else:
            np.testing.assert_array_equal(np.asarray(x, dtype=object), np.asarray(y, dtype=object),
                                          err_msg=name)


@pytest.mark.parametrize("name", list(ESTIMATORS))
def test_init_only_stores_its_arguments_keyword_only_after_the_first(name):
    cls = type(ESTIMATORS[name]())
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert all(p.kind == p.KEYWORD_ONLY for p in parameters[1:]), name
    assert all(p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) for p in parameters)
    # Unusual objects are stored as they are (the very same object), and nothing else is set.
    sentinels = {p.name: object() for p in parameters}
    estimator = cls(**sentinels)
    assert vars(estimator).keys() == sentinels.keys()
    assert all(getattr(estimator, key) is value for key, value in sentinels.items())
    assert estimator.get_params() == sentinels


@pytest.mark.parametrize("name", list(ESTIMATORS))
def test_get_params_round_trips_and_set_params_returns_self(name):
    estimator = ESTIMATORS[name]()
    params = estimator.get_params()
    clone = type(estimator)(**params)
    assert clone.get_params() == params
    assert repr(clone) == repr(estimator)
    default = type(estimator)()
    assert default.set_params(**params) is default and default.get_params() == params
    with pytest.raises(ValueError, match="Unknown parameter 'colour'"):
        default.set_params(colour="red")


# Invalid values: accepted by __init__ without a word, refused by fit with the parameter's name.
INVALID_PARAMETERS = [
    ("KMeans", {"n_clusters": 0}, "n_clusters"), ("KMeans", {"n_clusters": 25}, "n_clusters"),
    ("KMeans", {"init": "kmeans++"}, "init"), ("KMeans", {"init": np.zeros((2, 3))}, "init"),
    ("KMeans", {"tol": -1.0}, "tol"), ("KMeans", {"max_iter": 0}, "max_iter"),
    ("KMeans", {"n_init": 0}, "n_init"),
    ("KMeans", {"random_state": "seven"}, "random_state"), ("KMeans", {"keep_history": "yes"}, "keep_history"),
    ("MiniBatchKMeans", {"batch_size": 0}, "batch_size"), ("MiniBatchKMeans", {"init_size": 0}, "init_size"),
    ("MiniBatchKMeans", {"reassignment_ratio": 2.0}, "reassignment_ratio"),
    ("MiniBatchKMeans", {"max_no_improvement": -1}, "max_no_improvement"),
    ("DBSCAN", {"eps": 0.0}, "eps"), ("DBSCAN", {"eps": -1.0}, "eps"),
    ("DBSCAN", {"min_samples": 0}, "min_samples"),
    ("DBSCAN", {"metric": "chebyshev"}, "metric"),
    ("AgglomerativeClustering", {"n_clusters": 0}, "n_clusters"),
    ("AgglomerativeClustering", {"n_clusters": 25}, "n_clusters"),
    ("AgglomerativeClustering", {"linkage": "centroid"}, "linkage"),
    ("AgglomerativeClustering", {"linkage": "ward", "metric": "manhattan"}, "metric"),
    ("AgglomerativeClustering", {"metric": "chebyshev"}, "metric"),
    ("AgglomerativeClustering", {"n_clusters": None, "distance_threshold": -1.0}, "distance_threshold"),
    ("GaussianMixture", {"n_components": 0}, "n_components"),
    ("GaussianMixture", {"n_components": 25}, "n_components"),
    ("GaussianMixture", {"covariance_type": "round"}, "covariance_type"),
    ("GaussianMixture", {"reg_covar": 0.0}, "reg_covar"),
    ("GaussianMixture", {"reg_covar": -1e-6}, "reg_covar"),
    ("GaussianMixture", {"tol": -1.0}, "tol"), ("GaussianMixture", {"tol": np.nan}, "tol"),
    ("GaussianMixture", {"init_params": "kmeans+"}, "init_params"),
    ("GaussianMixture", {"means_init": np.zeros((2, 3))}, "means_init"),
    ("StandardScaler", {"with_std": "yes"}, "with_std"),
    ("MinMaxScaler", {"feature_range": (1, 0)}, "feature_range"),
    ("MinMaxScaler", {"feature_range": (np.nan, 1)}, "feature_range"),
    ("PCA", {"n_components": 0}, "n_components"), ("PCA", {"n_components": 7}, "n_components"),
    ("PCA", {"n_components": np.nan}, "n_components"),
    ("OneHotEncoder", {"handle_unknown": "skip"}, "handle_unknown"),
]

# NaN passes course_lib._validation.check_scalar's range test (every comparison with NaN is False), so these
# are accepted today; see the audit report for the one-line fix in check_scalar. strict=True: once fixed,
# these pass and the marker must go.
NAN_PARAMETERS = [
    ("KMeans", {"tol": np.nan}, "tol"), ("MiniBatchKMeans", {"tol": np.nan}, "tol"),
    ("MiniBatchKMeans", {"reassignment_ratio": np.nan}, "reassignment_ratio"),
    ("DBSCAN", {"eps": np.nan}, "eps"),
    ("AgglomerativeClustering", {"n_clusters": None, "distance_threshold": np.nan}, "distance_threshold"),
]


def _assert_refused_only_by_fit(name, params, parameter):
    estimator = ESTIMATORS[name]().set_params(**params)  # no error: __init__/set_params only store
    assert all(estimator.get_params()[key] is value for key, value in params.items())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises((ValueError, TypeError)) as caught:
            estimator.fit(_data_for(estimator))
    assert not isinstance(caught.value, FORBIDDEN), repr(caught.value)
    assert _mentions(str(caught.value), parameter), str(caught.value)
    assert _fitted_state(estimator) == {}  # a refused fit leaves nothing that looks fitted
    type(estimator)(**estimator.get_params())  # the constructor does not check either


@pytest.mark.parametrize("params, parameter", [({"n_clusters": 0}, "n_clusters"),
                                               ({"batch_size": 0}, "batch_size"), ({"init": "kmeans++"}, "init")])
def test_partial_fit_refuses_invalid_parameters_and_keeps_no_state(params, parameter):
    model = MiniBatchKMeans(**{"n_clusters": 3, **params})
    with pytest.raises((ValueError, TypeError), match=parameter):
        model.partial_fit(X_GOOD)
    assert _fitted_state(model) == {}


@pytest.mark.parametrize("name, params, parameter", INVALID_PARAMETERS,
                         ids=[f"{n}-{'-'.join(p)}" for n, p, _ in INVALID_PARAMETERS])
def test_invalid_parameters_are_stored_by_init_and_refused_by_fit(name, params, parameter):
    _assert_refused_only_by_fit(name, params, parameter)


@pytest.mark.parametrize("name, params, parameter", NAN_PARAMETERS,
                         ids=[f"{n}-{'-'.join(p)}" for n, p, _ in NAN_PARAMETERS])
def test_nan_parameters_are_refused_by_fit(name, params, parameter):
    _assert_refused_only_by_fit(name, params, parameter)


def test_nan_cut_height_is_refused():
    with pytest.raises(ValueError, match="t must"):
        fcluster(Z_GOOD, np.nan, criterion="distance")


@pytest.mark.parametrize("name", list(ESTIMATORS))
def test_fit_returns_self_and_sets_only_attributes_ending_in_underscore(name):
    estimator = ESTIMATORS[name]()
    params_before = estimator.get_params()
    before = set(vars(estimator))
    assert _fit(estimator, _data_for(estimator)) is estimator
    added = set(vars(estimator)) - before
    public = {attribute for attribute in added if not attribute.startswith("_")}
    assert public and all(attribute.endswith("_") for attribute in public), sorted(public)
    assert "n_features_in_" in public
    after = estimator.get_params()
    assert after.keys() == params_before.keys()
    assert all(after[key] is params_before[key] for key in after)  # fit never rewrites a parameter


@pytest.mark.parametrize("name", CLUSTERERS)
def test_fit_predict_equals_fit_then_labels_and_predict(name):
    labels = _fit_predict(ESTIMATORS[name](), X_GOOD)
    fitted = _fit(ESTIMATORS[name](), X_GOOD)
    if name == "GaussianMixture":
        np.testing.assert_array_equal(labels, fitted.predict(X_GOOD))
        return
    np.testing.assert_array_equal(labels, fitted.labels_)
    if hasattr(fitted, "predict"):
        np.testing.assert_array_equal(labels, fitted.predict(X_GOOD))


def _fit_predict(estimator, X):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return estimator.fit_predict(X)


@pytest.mark.parametrize("name", ["KMeans", "MiniBatchKMeans", "StandardScaler", "MinMaxScaler", "PCA",
                                  "OneHotEncoder", "OrdinalEncoder"])
def test_fit_transform_equals_fit_then_transform(name):
    estimator = ESTIMATORS[name]()
    X = _data_for(estimator)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        shortcut = ESTIMATORS[name]().fit_transform(X)
    np.testing.assert_allclose(np.asarray(shortcut, dtype=float),
                               np.asarray(_fit(estimator, X).transform(X), dtype=float), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", list(ESTIMATORS))
def test_an_estimator_fitted_twice_gives_the_second_answer(name):
    reused = ESTIMATORS[name]()
    _fit(reused, _data_for(reused, 0))
    _fit(reused, _data_for(reused, 1))
    fresh = _fit(ESTIMATORS[name](), _data_for(reused, 1))
    _assert_same_state(_fitted_state(reused), _fitted_state(fresh))


@pytest.mark.parametrize("name", [name for name in ESTIMATORS if "Encoder" not in name])
def test_an_estimator_can_be_refitted_on_data_with_other_columns(name):
    model = _fit(ESTIMATORS[name](), X_GOOD)
    wide = np.hstack([X_OTHER, X_OTHER[:, :2] * 0.5])
    _fit(model, wide)
    assert model.n_features_in_ == 5
    _assert_same_state(_fitted_state(model), _fitted_state(_fit(ESTIMATORS[name](), wide)))


def _refit_that_fails(name):
    """(an estimator fitted on X_GOOD, parameters and data with which a refit fails after its checks)."""
    if name == "GaussianMixture":  # with no regularisation to speak of, a component collapses onto 5 copies
        model = GaussianMixture(2, init_params="random_from_data", random_state=0)
        blob = np.random.default_rng(0).normal(size=(30, 2))  # 2 features where the first fit had 3
        collapsing = np.vstack([blob, np.repeat([[10.0, 10.0]], 5, axis=0)])
        return _fit(model, X_GOOD), {"reg_covar": 1e-300, "means_init": [[0, 0], [10, 10]]}, collapsing
    model = AgglomerativeClustering(2, linkage="average", metric="precomputed")  # then a non-symmetric matrix
    return _fit(model, pairwise_distances(X_GOOD)), {}, np.array([[0.0, 1, 2], [1, 0, 3], [5, 3, 0]])


@pytest.mark.parametrize("name", ["GaussianMixture", "AgglomerativeClustering"])
def test_a_refit_that_fails_leaves_the_earlier_fit_as_it_was(name):
    model, params, bad = _refit_that_fails(name)
    before = _fitted_state(model)
    model.set_params(**params)
    with pytest.raises(ValueError):
        model.fit(bad)
    _assert_same_state(_fitted_state(model), before)


@pytest.mark.parametrize("name", list(ESTIMATORS))
def test_no_method_changes_its_input_in_place(name):
    estimator = ESTIMATORS[name]()
    X = _data_for(estimator).copy()
    original = X.copy()
    _fit(estimator, X)
    for method in ("predict", "predict_proba", "transform", "score", "score_samples", "fit_predict"):
        if hasattr(estimator, method):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = getattr(estimator, method)(X)
            np.testing.assert_array_equal(X, original, err_msg=method)
            if isinstance(result, np.ndarray) and result.shape == X.shape:
                assert not np.shares_memory(result, X), method
    if hasattr(estimator, "inverse_transform"):
        Xt = np.asarray(estimator.transform(X), dtype=float).copy()
        kept = Xt.copy()
        estimator.inverse_transform(Xt)
        np.testing.assert_array_equal(Xt, kept)


def test_arrays_given_as_parameters_are_not_changed_or_kept_as_the_same_object():
    init = X_GOOD[[0, 8, 16]].copy()
    kept = init.copy()
    model = KMeans(3, init=init).fit(X_GOOD)
    np.testing.assert_array_equal(init, kept)
    assert model.init is init and not np.shares_memory(model.cluster_centers_, init)
    means, weights, precisions = X_GOOD[[0, 8, 16]].copy(), np.full(3, 1 / 3), np.ones((3, 3))
    copies = means.copy(), weights.copy(), precisions.copy()
    mixture = GaussianMixture(3, covariance_type="diag", means_init=means, weights_init=weights,
                              precisions_init=precisions).fit(X_GOOD)
    for given, copy in zip((means, weights, precisions), copies):
        np.testing.assert_array_equal(given, copy)
    assert not np.shares_memory(mixture.means_, means) and not np.shares_memory(mixture.weights_, weights)
    mini = MiniBatchKMeans(3, init=init, batch_size=8, random_state=0).fit(X_GOOD)
    np.testing.assert_array_equal(init, kept)
    assert not np.shares_memory(mini.cluster_centers_, init)


@pytest.mark.parametrize("call", [
    lambda X: kmeans_plusplus(X, 3, random_state=0), lambda X: k_distance(X, 3), lambda X: linkage(X, "ward"),
    lambda X: pairwise_distances(X), lambda X: silhouette_samples(X, np.arange(len(X)) % 3),
    lambda X: wcss(X, np.arange(len(X)) % 3), lambda X: handcalc.kmeans_by_hand(X, X[:2]),
    lambda X: handcalc.linkage_by_hand(X[:6], "average"),
    lambda X: linkage(pairwise_distances(X), metric="precomputed"),
])
def test_functions_do_not_change_their_input(call):
    X = X_GOOD.copy()
    call(X)
    np.testing.assert_array_equal(X, X_GOOD)


# --------------------------------------------------------------------------------------------------
# Determinism
# --------------------------------------------------------------------------------------------------

RANDOM_PATHS = {
    "KMeans k-means++": lambda seed: KMeans(3, n_init=3, random_state=seed).fit(X_OTHER).cluster_centers_,
    "KMeans random": lambda seed: KMeans(3, init="random", random_state=seed).fit(X_OTHER).cluster_centers_,
    "kmeans_plusplus": lambda seed: kmeans_plusplus(X_OTHER, 3, random_state=seed)[1],
    "MiniBatchKMeans": lambda seed: MiniBatchKMeans(3, batch_size=8,
                                                    random_state=seed).fit(X_OTHER).cluster_centers_,
    "MiniBatchKMeans random": lambda seed: MiniBatchKMeans(3, init="random", batch_size=8,
                                                           random_state=seed).fit(X_OTHER).cluster_centers_,
    "GaussianMixture kmeans": lambda seed: GaussianMixture(2, random_state=seed).fit(X_OTHER).means_,
    "GaussianMixture k-means++": lambda seed: GaussianMixture(2, init_params="k-means++",
                                                              random_state=seed).fit(X_OTHER).means_,
    "GaussianMixture random": lambda seed: GaussianMixture(2, init_params="random", n_init=2,
                                                           random_state=seed).fit(X_OTHER).means_,
    "GaussianMixture random_from_data": lambda seed: GaussianMixture(2, init_params="random_from_data",
                                                                     random_state=seed).fit(X_OTHER).means_,
    "GaussianMixture.sample": lambda seed: GaussianMixture(2, random_state=seed).fit(X_OTHER).sample(20)[0],
    "silhouette_score sample": lambda seed: silhouette_score(X_OTHER, np.arange(30) % 2, sample_size=10,
                                                             random_state=seed),
}


@pytest.mark.parametrize("path", list(RANDOM_PATHS))
def test_the_same_random_state_gives_identical_results_and_never_touches_the_global_state(path):
    draw = RANDOM_PATHS[path]
    np.random.seed(12345)
    global_before = np.random.get_state()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first, second = draw(3), draw(3)
        from_generator = draw(np.random.RandomState(3))
    np.testing.assert_array_equal(first, second)
    if path != "GaussianMixture.sample":  # there fit has already advanced the shared RandomState (as sklearn)
        np.testing.assert_array_equal(first, from_generator)  # an int seed and RandomState(seed) agree
    global_after = np.random.get_state()
    assert global_before[0] == global_after[0]
    np.testing.assert_array_equal(global_before[1], global_after[1])
    assert global_before[2:] == global_after[2:]


def _numpy_random_calls(tree):
    """Calls like np.random.rand(...), numpy.random.seed(...), random.random() (the global generators)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            text = ast.unparse(node.func)
            if re.fullmatch(r"(np|numpy)\.random\.(?!RandomState$|default_rng$|Generator$)\w+", text):
                found.append(text)
            elif re.fullmatch(r"random\.\w+", text):
                found.append(text)
        if isinstance(node, ast.ImportFrom) and node.module in ("numpy.random", "random"):
            found.append(f"from {node.module} import ...")
        if isinstance(node, ast.Import) and any(alias.name == "random" for alias in node.names):
            found.append("import random")
    return found


def test_no_module_draws_from_a_global_random_generator():
    package = pathlib.Path(course_lib.__file__).parent
    offenders = {}
    for path in sorted(package.rglob("*.py")):
        calls = _numpy_random_calls(ast.parse(path.read_text(encoding="utf-8")))
        calls = [call for call in calls if call != "np.random.RandomState"]
        if calls:
            offenders[str(path.relative_to(package))] = calls
    assert offenders == {}


def test_a_seeded_estimator_is_independent_of_the_global_state():
    np.random.seed(0)
    first = KMeans(3, random_state=5).fit(X_OTHER).cluster_centers_
    np.random.seed(1)
    np.random.rand(10)
    second = KMeans(3, random_state=5).fit(X_OTHER).cluster_centers_
    np.testing.assert_array_equal(first, second)


# --------------------------------------------------------------------------------------------------
# Docstring examples and the documented sections
# --------------------------------------------------------------------------------------------------

MODULES = ["course_lib", "course_lib.distances", "course_lib.kmeans", "course_lib.dbscan",
           "course_lib.hierarchical", "course_lib.gmm", "course_lib.metrics", "course_lib.preprocessing",
           "course_lib.decomposition", "course_lib.handcalc", "course_lib.handcalc.traces",
           "course_lib.handcalc.checks", "course_lib.handcalc.examples"]


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("name", list(ESTIMATORS))
def test_every_estimator_documents_parameters_attributes_notes_and_an_example(name):
    doc = inspect.getdoc(type(ESTIMATORS[name]()))
    for section in ("Parameters", "Attributes", "Notes", "Examples?"):
        assert re.search(rf"^{section}\n-{{3,}}$", doc, re.M), f"{name}: no {section} section"
