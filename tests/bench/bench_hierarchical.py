"""Ward linkage against SciPy: the whole tree of 5,000 points in 8 dimensions.

Both sides do the same work: all pairwise Euclidean distances, then the
nearest-neighbour chain with Lance-Williams updates. The setup checks that the two
trees are the same before anything is timed. Memory is O(n^2) on both sides (SciPy
holds the condensed distances and a working copy, 2 x 100 MB; course_lib one square
matrix, 200 MB).
"""

import numpy as np
from run import Case

from course_lib.hierarchical import linkage


def _setup():
    X = np.random.default_rng(0).normal(size=(5_000, 8))
    inputs = {"X": X}
    ours, theirs = _ours(inputs), _scipy(inputs)
    assert np.array_equal(ours[:, [0, 1, 3]], theirs[:, [0, 1, 3]])
    assert np.allclose(ours[:, 2], theirs[:, 2], rtol=0, atol=1e-10)
    return inputs


def _ours(inputs):
    return linkage(inputs["X"], method="ward")


def _scipy(inputs):
    from scipy.cluster.hierarchy import linkage as scipy_linkage
    return scipy_linkage(inputs["X"], method="ward")


CASES = [
    Case(operation="Ward linkage (hierarchical)", size="n=5,000, d=8", setup=_setup, ours=_ours,
         reference=_scipy, reference_name="SciPy", target=3.0, goal=2.0,
         note="course_lib's peak is one n x n float64 matrix (200 MB at n=5,000); SciPy's counted peak is its "
              "condensed matrix (100 MB), its working copy is made in C where tracemalloc does not see it."),
]
