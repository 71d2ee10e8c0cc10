"""DBSCAN against scikit-learn: time at n=20,000 and memory at n=50,000, both in 2-D.

The data are five round blobs (std 0.5, centres 2.5 to 5 apart) plus 5% uniform
noise over the whole square. The chosen eps and min_samples find the five blobs
and call the scattered points noise. Each setup checks that both sides give
identical labels before anything is timed.

scikit-learn's peak memory column is too low to compare with ours: its KD-tree
stores each neighbourhood in memory obtained by C ``malloc``, which tracemalloc
does not see. The 200 MB ceiling applies to course_lib's side only.
"""

import numpy as np
from run import Case

from course_lib.dbscan import DBSCAN

CENTRES = [[0, 0], [5, 0], [0, 5], [5, 5], [2.5, 2.5]]


def blobs_with_noise(n_samples, seed=0):
    from sklearn.datasets import make_blobs
    rs = np.random.RandomState(seed)
    n_noise = n_samples // 20
    X = make_blobs(n_samples=n_samples - n_noise, centers=CENTRES, cluster_std=0.5, random_state=seed)[0]
    X = np.vstack([X, rs.uniform(-2, 7, size=(n_noise, 2))])
    return X[rs.permutation(n_samples)]


def _setup(n_samples, eps, min_samples):
    def setup():
        inputs = {"X": blobs_with_noise(n_samples), "eps": eps, "min_samples": min_samples}
        ours, theirs = _ours(inputs), _sklearn(inputs)
        assert np.array_equal(ours.labels_, theirs.labels_)
        assert np.array_equal(ours.core_sample_indices_, theirs.core_sample_indices_)
        assert ours.labels_.max() + 1 == len(CENTRES), ours.labels_.max() + 1
        return inputs
    return setup


def _ours(inputs):
    return DBSCAN(eps=inputs["eps"], min_samples=inputs["min_samples"]).fit(inputs["X"])


def _sklearn(inputs):
    from sklearn.cluster import DBSCAN as SklearnDBSCAN
    return SklearnDBSCAN(eps=inputs["eps"], min_samples=inputs["min_samples"]).fit(inputs["X"])


CASES = [
    Case(operation="DBSCAN fit (5 blobs + 5% noise, eps=0.15, min_samples=20)", size="n=20,000, d=2",
         setup=_setup(20_000, 0.15, 20), ours=_ours, reference=_sklearn, target=2.0, goal=1.5),
    Case(operation="DBSCAN fit, memory (5 blobs + 5% noise, eps=0.15, min_samples=50)", size="n=50,000, d=2",
         setup=_setup(50_000, 0.15, 50), ours=_ours, reference=_sklearn, memory_limit_mb=200,
         note="tracemalloc does not see scikit-learn's KD-tree and neighbourhood arrays (allocated in C), so "
              "its peak is understated; the 200 MB limit applies to course_lib's peak."),
]
