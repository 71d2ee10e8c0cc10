"""course_lib: the clustering course's from-scratch algorithms, in plain NumPy.

Every estimator follows scikit-learn's API (``fit``, ``predict``,
``fit_predict``, fitted attributes ending in ``_``), so switching between
``course_lib.KMeans`` and ``sklearn.cluster.KMeans`` is a one-line change, and
the test suite proves both give the same answers.

>>> import numpy as np
>>> from course_lib import KMeans
>>> X = np.array([[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5], [3.5, 4.5]])
>>> KMeans(n_clusters=2, init=X[[0, 3]], n_init=1).fit(X).labels_
array([0, 0, 1, 1, 1, 1, 1], dtype=int32)

The top-level names below are loaded on first use, so ``import course_lib`` is
quick and each algorithm module stays independent of the others.
"""

from importlib import import_module

__version__ = "1.0.0"

# public name -> module that defines it
_EXPORTS = {
    "euclidean": "distances", "manhattan": "distances", "minkowski": "distances",
    "cosine_similarity": "distances", "cosine_distance": "distances",
    "pairwise_distances": "distances",
    "StandardScaler": "preprocessing", "MinMaxScaler": "preprocessing",
    "OneHotEncoder": "preprocessing", "OrdinalEncoder": "preprocessing",
    "PCA": "decomposition",
    "KMeans": "kmeans", "MiniBatchKMeans": "kmeans", "kmeans_plusplus": "kmeans",
    "DBSCAN": "dbscan", "k_distance": "dbscan",
    "linkage": "hierarchical", "fcluster": "hierarchical", "merge_cost": "hierarchical",
    "AgglomerativeClustering": "hierarchical",
    "GaussianMixture": "gmm",
    "silhouette_samples": "metrics", "silhouette_score": "metrics",
    "davies_bouldin_score": "metrics", "calinski_harabasz_score": "metrics",
    "adjusted_rand_score": "metrics", "pairwise_adjusted_rand_scores": "metrics", "wcss": "metrics",
    "NotFittedError": "_validation", "ConvergenceWarning": "_validation",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'course_lib' has no attribute {name!r}")
    value = getattr(import_module(f"course_lib.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
