"""Silhouette against scikit-learn at n=20,000, d=8: time and peak memory.

The data are five Gaussian blobs in 8-D with their true labels. scikit-learn's
``silhouette_score`` computes the distances in chunks of up to 1 GB (its default
working memory) and sums each row per cluster with ``np.bincount``; ours holds
one distance block of ``SILHOUETTE_BLOCK_BYTES`` at a time and sums the
cluster-sorted columns with ``np.add.reduceat``. The setup checks that both
sides give the same score before anything is timed.
"""

import numpy as np
from run import Case
from sklearn.metrics import silhouette_score as sklearn_silhouette_score

from course_lib.metrics import silhouette_score


def _silhouette_setup(n_samples=20_000, n_features=8, n_clusters=5):
    rng = np.random.default_rng(0)
    centres = rng.uniform(-6, 6, size=(n_clusters, n_features))
    labels = rng.integers(0, n_clusters, n_samples)
    X = centres[labels] + rng.normal(size=(n_samples, n_features))
    ours, theirs = silhouette_score(X, labels), sklearn_silhouette_score(X, labels)
    assert abs(ours - theirs) <= 1e-10 * abs(theirs), (ours, theirs)
    return X, labels


CASES = [
    Case(operation="silhouette_score", size="n=20,000, d=8, k=5", setup=_silhouette_setup,
         ours=lambda inputs: silhouette_score(*inputs),
         reference=lambda inputs: sklearn_silhouette_score(*inputs),
         target=0.7, memory_limit_mb=150,
         note="scikit-learn's peak is its default working memory (1 GiB) for chunked distances; course_lib "
              "sums each block of distances per cluster at once and keeps no n x n matrix."),
]
