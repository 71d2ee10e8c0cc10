"""Hand-calculation traces, checkers and the catalogue of worked examples.

Every number a trace shows is compared with an independent computation made here, in
the test, with scikit-learn, SciPy or NumPy: the traces on many generated problems
(ties, duplicates, empty clusters, singletons, n = 1, k = n), and the catalogue's
cases one by one. The checkers are tested for the rounding rule, partial answers,
tie-breaking freedom, unreadable answers and bad problems; the catalogue for every
number the sources print (the wrong ones must be listed as errata, the right ones not).
"""
import re
import warnings
from collections import deque

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster as scipy_fcluster
from scipy.cluster.hierarchy import linkage as scipy_linkage
from scipy.spatial.distance import cdist
from scipy.stats import norm
from sklearn.cluster import DBSCAN as SkDBSCAN
from sklearn.cluster import KMeans as SkKMeans
from sklearn.metrics import silhouette_samples as sk_silhouette_samples
from sklearn.mixture import GaussianMixture as SkGaussianMixture
from sklearn.preprocessing import MinMaxScaler as SkMinMaxScaler
from sklearn.preprocessing import StandardScaler as SkStandardScaler

from course_lib.handcalc import (
    CheckReport,
    check_dbscan_types,
    check_em_step,
    check_kmeans_iteration,
    check_linkage_merges,
    check_scaling,
    check_silhouette,
    dbscan_by_hand,
    em_step_by_hand,
    examples,
    is_right_number,
    kmeans_by_hand,
    linkage_by_hand,
    minmax_by_hand,
    silhouette_by_hand,
    standardize_by_hand,
)
from course_lib.handcalc.checks import RIGHT, WRONG
from course_lib.handcalc.forms import ASKS, build_form

RTOL, ATOL = 1e-10, 1e-12

# The browser test reads a wrong line's exact value with this pattern (tests/test_browser.py).
ANSWER = re.compile(r"answer\s*(?:is\b|:|=)?\s*([^\s;,()]+)", re.I)


def close(actual, expected):
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float),
                               rtol=RTOL, atol=ATOL)


# --------------------------------------------------------------------------------------------------
# Independent oracles (NumPy, SciPy, scikit-learn), one per trace
# --------------------------------------------------------------------------------------------------

def verify_kmeans_trace(trace, X, init):
    """Every number of a k-means trace against NumPy; the end point against scikit-learn when it has no ties."""
    X, centroids = np.asarray(X, float), np.asarray(init, float)
    n, k = len(X), len(centroids)
    previous = None
    for number, it in enumerate(trace.iterations, start=1):
        assert it.number == number
        close(it.centroids, centroids)
        squared = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
        close(it.squared_distances, squared)
        smallest = squared.min(axis=1, keepdims=True)
        near = np.isclose(squared, smallest, rtol=1e-9, atol=1e-12 * max(1.0, float(smallest.max())))
        np.testing.assert_array_equal(it.nearest, near)
        for i in range(n):  # the lowest of the nearest (exact ties), else the unique nearest
            assert it.labels[i] == np.flatnonzero(near[i])[0]
        assigned = np.bincount(it.labels, minlength=k)
        np.testing.assert_array_equal(it.relocated, assigned == 0)
        # An empty cluster takes one of the points farthest from their own centroid (scikit-learn's rule).
        own = squared[np.arange(n), it.labels]
        moved = np.flatnonzero(it.members != it.labels)
        assert len(moved) <= np.count_nonzero(assigned == 0)
        for p in moved:
            assert it.relocated[it.members[p]] and own[p] >= np.sort(own)[-np.count_nonzero(assigned == 0)]
            close(it.new_centroids[it.members[p]], X[p])
        counts = np.bincount(it.members, minlength=k)
        np.testing.assert_array_equal(it.counts, counts)
        close(it.sums, np.array([X[it.members == j].sum(axis=0) for j in range(k)]))
        for j in np.flatnonzero(counts):
            close(it.new_centroids[j], X[it.members == j].mean(axis=0))
        np.testing.assert_array_equal(it.changed, np.zeros(n, bool) if previous is None else it.labels != previous)
        close(it.wcss_assigned, squared[np.arange(n), it.labels].sum())
        after = ((X - it.new_centroids[it.members]) ** 2).sum(axis=1)
        close(it.point_wcss, after)
        close(it.cluster_wcss, [after[it.members == j].sum() for j in range(k)])
        close(it.wcss, after.sum())
        previous, centroids = it.labels, it.new_centroids
    last = trace.iterations[-1]
    assert trace.converged == (len(trace.iterations) > 1
                               and np.array_equal(last.labels, trace.iterations[-2].labels))


def verify_kmeans_against_sklearn(trace, X, init):
    """Centroids after each iteration and the converged result equal scikit-learn's Lloyd from the same init."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for number, it in enumerate(trace.iterations, start=1):
            model = SkKMeans(len(init), init=np.asarray(init, float), n_init=1, max_iter=number, tol=0,
                             algorithm="lloyd").fit(X)
            close(it.new_centroids, model.cluster_centers_)
        if trace.converged:
            model = SkKMeans(len(init), init=np.asarray(init, float), n_init=1, tol=0, algorithm="lloyd").fit(X)
            np.testing.assert_array_equal(trace.labels, model.labels_)
            close(trace.wcss, model.inertia_)
            # scikit-learn also stops one round earlier when no centroid moved (tol=0): same result.
            assert model.n_iter_ in (len(trace.iterations) - 1, len(trace.iterations))


def verify_silhouette_trace(trace, X, labels, index):
    X, labels = np.asarray(X, float), np.asarray(labels)
    distances = cdist(X[index:index + 1], X)[0]
    close(trace.distances, distances)
    own = labels == labels[index]
    mates = own & (np.arange(len(X)) != index)
    a = distances[mates].mean() if mates.any() else 0.0
    means = {c: distances[labels == c].mean() for c in np.unique(labels) if c != labels[index]}
    b = min(means.values())
    close(trace.a, a)
    close(trace.b, b)
    assert trace.nearest_cluster == min(means, key=means.get)
    close(trace.s, sk_silhouette_samples(X, labels)[index])
    for position, cluster in enumerate(trace.clusters):
        close(trace.mean_distances[position], a if cluster == labels[index] else means[cluster])


def reference_visiting_order(neighbours, core):
    """The textbook loop: points in index order, breadth-first expansion from each new core point.

    Returns the order in which points are first met and the points first met as noise.
    """
    n = len(core)
    labels, order, seen, cluster, noise_first = [-1] * n, [], [False] * n, 0, []
    for p in range(n):
        if not seen[p]:
            seen[p] = True
            order.append(p)
            if not core[p]:
                noise_first.append(p)
        if core[p] and labels[p] == -1:
            queue = deque([p])
            while queue:
                q = queue.popleft()
                if labels[q] != -1:
                    continue
                labels[q] = cluster
                if not seen[q]:
                    seen[q] = True
                    order.append(q)
                if core[q]:
                    queue.extend(r for r in neighbours[q] if labels[r] == -1)
            cluster += 1
    return order, noise_first


def verify_dbscan_trace(trace, X, eps, min_samples):
    X = np.asarray(X, float)
    squared = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    close(trace.distances, cdist(X, X))
    neighbours = [np.flatnonzero(row <= eps * eps) for row in squared]
    for got, expected in zip(trace.neighbourhoods, neighbours):
        np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(trace.counts, [len(m) for m in neighbours])
    model = SkDBSCAN(eps=eps, min_samples=min_samples).fit(X)
    core = np.zeros(len(X), bool)
    core[model.core_sample_indices_] = True
    np.testing.assert_array_equal(trace.is_core, core)
    np.testing.assert_array_equal(trace.labels, model.labels_)
    types = np.where(core, "core", np.where(model.labels_ == -1, "noise", "border"))
    np.testing.assert_array_equal(trace.types, types)
    order, noise_first = reference_visiting_order(neighbours, core)
    assert trace.visit_order.tolist() == order
    assert np.flatnonzero(trace.noise_when_visited).tolist() == noise_first
    for i, via in enumerate(trace.reached_from):
        if via >= 0:
            assert core[via] and i in neighbours[via] and model.labels_[via] == model.labels_[i]


def _cluster_distance(X, A, B, method):
    if method == "ward":
        difference = X[A].mean(axis=0) - X[B].mean(axis=0)
        return np.sqrt(2 * len(A) * len(B) / (len(A) + len(B)) * difference @ difference)
    block = cdist(X[A], X[B])
    return {"single": block.min(), "complete": block.max(), "average": block.mean()}[method]


def verify_linkage_trace(trace, X, method):
    X = np.asarray(X, float)
    Z = scipy_linkage(X, method)
    close(trace.linkage_matrix, Z)
    n = len(X)
    members = {i: [i] for i in range(n)}
    current = list(range(n))
    total_ss = 0.0
    for k, step in enumerate(trace.steps):
        assert step.ids == current
        a, b = int(Z[k, 0]), int(Z[k, 1])
        assert step.pair == (a, b) and step.new_id == n + k
        matrix = np.array([[0.0 if p == q else _cluster_distance(X, members[p], members[q], method)
                            for q in current] for p in current])
        close(step.matrix, matrix)
        close(step.height, Z[k, 2])
        upper = matrix[np.triu_indices(len(current), 1)]
        close(upper.min(), Z[k, 2])  # the pair merged is a closest pair
        ties = [(current[p], current[q]) for p in range(len(current)) for q in range(p + 1, len(current))
                if np.isclose(matrix[p, q], upper.min(), rtol=1e-9, atol=1e-12)
                and (current[p], current[q]) != (a, b)]
        assert step.ties == ties
        merged = sorted(members[a] + members[b])
        remaining = [c for c in current if c not in (a, b)]
        assert step.remaining == remaining
        close(step.new_distances, [_cluster_distance(X, members[c], merged, method) for c in remaining])
        if method == "ward":
            difference = X[members[a]].mean(axis=0) - X[members[b]].mean(axis=0)
            cost = len(members[a]) * len(members[b]) / len(merged) * difference @ difference
            close(step.merge_cost, cost)
            close(step.merge_cost, Z[k, 2] ** 2 / 2)
            costs = np.array([[0.0 if p == q else _cluster_distance(X, members[p], members[q], "ward") ** 2 / 2
                               for q in current] for p in current])
            close(step.cost_matrix, costs)
            total_ss += cost
            partition = remaining + [n + k]
            members[n + k] = merged
            wcss = sum(((X[members[c]] - X[members[c]].mean(axis=0)) ** 2).sum() for c in partition)
            close(step.wcss_after, wcss)
            close(step.wcss_after, total_ss)  # each merge raises the WCSS by exactly its merge cost
        else:
            assert step.merge_cost is None and step.cost_matrix is None
        members[n + k] = merged
        current = remaining + [n + k]


def verify_em_trace(trace, x, weights, means, variances):
    x = np.asarray(x, float)
    weights, means, variances = (np.asarray(v, float) for v in (weights, means, variances))
    densities = norm.pdf(x[:, None], means[None, :], np.sqrt(variances)[None, :])
    close(trace.densities, densities)
    weighted = densities * weights
    close(trace.weighted, weighted)
    close(trace.mixture, weighted.sum(axis=1))
    gamma = weighted / weighted.sum(axis=1, keepdims=True)
    close(trace.responsibilities, gamma)
    nk = gamma.sum(axis=0)
    close(trace.soft_counts, nk)
    new_means = (gamma * x[:, None]).sum(axis=0) / nk
    close(trace.new_weights, nk / len(x))
    close(trace.new_means, new_means)
    close(trace.new_variances, (gamma * (x[:, None] - new_means) ** 2).sum(axis=0) / nk)
    close(trace.log_likelihood_before, np.log(weighted.sum(axis=1)).sum())
    after = (trace.new_weights * norm.pdf(x[:, None], new_means, np.sqrt(trace.new_variances))).sum(axis=1)
    close(trace.log_likelihood_after, np.log(after).sum())
    assert trace.log_likelihood_after >= trace.log_likelihood_before - 1e-12
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = SkGaussianMixture(len(weights), covariance_type="spherical", weights_init=weights,
                                  means_init=means[:, None], precisions_init=1 / variances, max_iter=1, tol=0,
                                  reg_covar=0, init_params="random", random_state=0).fit(x[:, None])
    close(trace.new_weights, model.weights_)
    close(trace.new_means, model.means_[:, 0])
    close(trace.new_variances, model.covariances_)
    np.testing.assert_allclose(trace.log_likelihood_before, model.lower_bound_ * len(x), rtol=1e-9)
    np.testing.assert_allclose(trace.log_likelihood_after, model.score(x[:, None]) * len(x), rtol=1e-9)


def verify_scaling_trace(trace, table, method):
    table = np.asarray(table, float)
    if method == "minmax":
        scaler = SkMinMaxScaler().fit(table)
        close(trace.statistics["min"], scaler.data_min_)
        close(trace.statistics["max"], scaler.data_max_)
        close(trace.statistics["range"], scaler.data_range_)
    else:
        scaler = SkStandardScaler().fit(table)
        close(trace.statistics["mean"], scaler.mean_)
        close(trace.statistics["variance"], scaler.var_)
        close(trace.statistics["std"], np.sqrt(scaler.var_))
        close(trace.statistics["std"], table.std(axis=0))
    close(trace.scaled, scaler.transform(table))


# --------------------------------------------------------------------------------------------------
# Traces on generated problems
# --------------------------------------------------------------------------------------------------

def _kmeans_problem(seed, ties):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 13))
    d = int(rng.integers(1, 4))
    k = int(rng.integers(1, min(n, 4) + 1))
    if ties:  # a coarse grid of half-integers: equal distances, duplicate points, empty clusters
        X = rng.integers(0, 7, size=(n, d)) / 2
        init = rng.integers(0, 7, size=(k, d)) / 2 if seed % 2 else X[rng.choice(n, k, replace=False)]
    else:
        X = rng.normal(size=(n, d)) * rng.uniform(0.5, 5)
        init = X[rng.choice(n, k, replace=False)]
    return X, init


@pytest.mark.parametrize("seed", range(40))
def test_kmeans_trace_on_tie_heavy_grids(seed):
    X, init = _kmeans_problem(seed, ties=True)
    verify_kmeans_trace(kmeans_by_hand(X, init), X, init)


@pytest.mark.parametrize("seed", range(20))
def test_kmeans_trace_equals_sklearn_lloyd(seed):
    X, init = _kmeans_problem(1000 + seed, ties=False)
    trace = kmeans_by_hand(X, init, max_iter=50)
    verify_kmeans_trace(trace, X, init)
    verify_kmeans_against_sklearn(trace, X, init)


@pytest.mark.parametrize("seed", range(6))
def test_kmeans_trace_empty_cluster_takes_the_farthest_point_as_sklearn(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(9, 2))
    init = np.vstack([X[:2], [[40.0, 40.0]]])  # the far centroid gets no point in iteration 1
    trace = kmeans_by_hand(X, init)
    assert trace.iterations[0].relocated.tolist() == [False, False, True]
    assert "empty: takes the point farthest from its centroid" in str(trace)
    verify_kmeans_trace(trace, X, init)
    verify_kmeans_against_sklearn(trace, X, init)


def test_kmeans_trace_edge_sizes():
    one = kmeans_by_hand([[2.0, 3.0]], [[0.0, 0.0]])
    assert one.labels.tolist() == [0] and one.wcss == 0 and one.converged
    X = np.array([[0.0], [1.0], [5.0]])
    every = kmeans_by_hand(X, X)  # k = n
    verify_kmeans_trace(every, X, X)
    assert every.wcss == 0 and len(every.iterations) == 2
    capped = kmeans_by_hand([[0.0], [1.0], [2.0], [10.0]], [[0.0], [1.0]], max_iter=1)
    assert not capped.converged and len(capped.iterations) == 1


def test_kmeans_trace_shows_the_tie_and_the_moves():
    trace = examples.textbook_kmeans.trace
    first, second = trace.iterations[:2]
    assert first.ties.tolist() == [2]  # C is 13 from both centroids
    assert second.changed.tolist() == [False, False, True, False, False, False, False]
    text = str(trace)
    assert "tie (μ0 = μ1): lowest, μ0" in text and "moved from cluster 0" in text
    assert "Final WCSS = 8.525" in text
    html = trace._repr_html_()
    assert html.count("<table") == 9 and "8.525" in html


@pytest.mark.parametrize("seed", range(25))
def test_silhouette_trace_equals_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 12))
    X = rng.integers(0, 6, size=(n, int(rng.integers(1, 4)))).astype(float)
    labels = rng.integers(0, int(rng.integers(2, 4)), size=n)
    labels[:2] = [0, 1]  # at least two clusters
    index = int(rng.integers(n))
    verify_silhouette_trace(silhouette_by_hand(X, labels, index), X, labels, index)


def test_dbscan_trace_tells_a_border_point_first_met_as_noise():
    trace = dbscan_by_hand([[0], [1], [2], [3], [10]], 1, 3, names=list("ABCDE"))
    assert trace.visit_order.tolist() == [0, 1, 2, 3, 4]
    assert trace.types.tolist() == ["border", "core", "core", "border", "noise"]
    assert trace.how_reached(0).startswith("not core and in no cluster yet: noise for now; later")
    assert trace.how_reached(3) == "in the neighbourhood of core point C: joins cluster 0 as a border point"
    assert "noise" in trace.how_reached(4)


def test_silhouette_of_a_point_alone_in_its_cluster_is_zero():
    X, labels = [[0.0], [1.0], [5.0]], [0, 0, 1]
    trace = silhouette_by_hand(X, labels, 2)
    verify_silhouette_trace(trace, X, labels, 2)
    assert trace.s == 0 and "alone" in trace.s_working()


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("eps", [1.0, 1.5, 2.0])
def test_dbscan_trace_equals_sklearn(seed, eps):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 14))
    X = rng.integers(0, 6, size=(n, 2)).astype(float)  # integer grid: distances exactly eps
    min_samples = int(rng.integers(1, 5))
    verify_dbscan_trace(dbscan_by_hand(X, eps, min_samples), X, eps, min_samples)


# Decimal hand data (0.1, 0.3, ...) are not exact in binary: a tie or a distance of exactly eps on
# paper can come out a few ulps off. The traces follow the paper. The oracle: the same problem in
# tenths, as integers, where every comparison is exact.

@pytest.mark.parametrize("seed", range(40))
def test_kmeans_trace_on_decimal_grids_follows_exact_arithmetic(seed):
    rng = np.random.default_rng(7000 + seed)
    n, d, k = int(rng.integers(3, 14)), int(rng.integers(1, 4)), int(rng.integers(2, 4))
    tenths, centroid_tenths = rng.integers(-4, 5, size=(n, d)), rng.integers(-4, 5, size=(k, d))
    X, init = tenths / 10, centroid_tenths / 10
    squared_hundredths = ((tenths[:, None, :] - centroid_tenths[None, :, :]) ** 2).sum(axis=2)
    expected = squared_hundredths.argmin(axis=1)  # argmin: the lowest index among exact ties
    tied = (squared_hundredths == squared_hundredths.min(axis=1, keepdims=True)).sum(axis=1) > 1
    first = kmeans_by_hand(X, init, max_iter=1).iterations[0]
    assert first.labels.tolist() == expected.tolist()
    assert first.ties.tolist() == np.flatnonzero(tied).tolist()
    assert np.allclose(first.squared_distances, squared_hundredths / 100, rtol=RTOL, atol=ATOL)
    assert check_kmeans_iteration(X, init, assignment=expected.tolist()).all_correct


def test_kmeans_decimal_tie_goes_to_the_lowest_centroid():
    X, init = [[0.1, 0.3], [-0.35, 0.05], [0.65, 0.65]], [[-0.4, 0.0], [0.6, 0.6]]
    first = kmeans_by_hand(X, init).iterations[0]
    assert first.ties.tolist() == [0] and first.labels.tolist() == [0, 0, 1]  # 0.34 = 0.34 on paper


@pytest.mark.parametrize("seed", range(40))
def test_dbscan_trace_on_decimal_grids_follows_exact_arithmetic(seed):
    rng = np.random.default_rng(8000 + seed)
    n, eps_tenths, min_samples = int(rng.integers(2, 14)), int(rng.integers(1, 5)), int(rng.integers(1, 5))
    tenths = rng.integers(0, 8, size=(n, 2))
    squared_hundredths = ((tenths[:, None, :] - tenths[None, :, :]) ** 2).sum(axis=2).astype(float)
    exact = SkDBSCAN(eps=eps_tenths ** 2, min_samples=min_samples, metric="precomputed").fit(squared_hundredths)
    trace = dbscan_by_hand(tenths / 10, eps_tenths / 10, min_samples)
    assert trace.labels.tolist() == exact.labels_.tolist()
    assert np.flatnonzero(trace.is_core).tolist() == exact.core_sample_indices_.tolist()
    assert trace.counts.tolist() == (squared_hundredths <= eps_tenths ** 2).sum(axis=1).tolist()
    on_paper = np.triu((squared_hundredths == eps_tenths ** 2) & (trace.distances > eps_tenths / 10))
    assert trace.boundary_pairs() == [(int(i), int(j)) for i, j in zip(*np.nonzero(on_paper))]
    assert ("= eps on paper" in str(trace)) == bool(on_paper.any())


def test_dbscan_pair_at_exactly_eps_on_paper_are_neighbours():
    trace = dbscan_by_hand([[0.7], [1.0], [1.3]], 0.3, 2)  # 1.3 - 1.0 is 0.30000000000000004 in binary
    assert trace.types.tolist() == ["core", "core", "core"] and trace.labels.tolist() == [0, 0, 0]
    assert trace.boundary_pairs() == [(0, 1), (1, 2)]
    assert check_dbscan_types([[0.7], [1.0], [1.3]], 0.3, 2, types=["core"] * 3).all_correct


@pytest.mark.parametrize("method", ["single", "complete", "average", "ward"])
@pytest.mark.parametrize("seed", range(12))
def test_linkage_trace_equals_scipy(method, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 10))
    X = rng.normal(size=(n, int(rng.integers(1, 4)))) * 3
    verify_linkage_trace(linkage_by_hand(X, method), X, method)


@pytest.mark.parametrize("method", ["single", "complete", "average", "ward"])
def test_linkage_trace_on_integer_points_with_ties(method):
    X = [[1], [2], [3], [10], [11], [12], [6]]
    verify_linkage_trace(linkage_by_hand(X, method), X, method)


@pytest.mark.parametrize("seed", range(15))
def test_em_trace_equals_sklearn(seed):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(2, 9)), int(rng.integers(1, 4))
    x = np.round(rng.normal(size=n) * 2, 1)
    weights = rng.dirichlet(np.ones(k))
    means = np.sort(rng.choice(x, k)) + rng.normal(size=k) * 0.1
    variances = rng.uniform(2, 6, size=k)  # wide enough that no component collapses onto one point
    verify_em_trace(em_step_by_hand(x, weights, means, variances), x, weights, means, variances)


@pytest.mark.parametrize("method", ["minmax", "standard"])
@pytest.mark.parametrize("seed", range(8))
def test_scaling_traces_equal_sklearn(method, seed):
    rng = np.random.default_rng(seed)
    table = rng.integers(0, 100, size=(int(rng.integers(1, 8)), int(rng.integers(1, 4)))).astype(float)
    table[:, 0] = 7.0 if seed % 3 == 0 else table[:, 0]  # a constant column now and then
    trace = (minmax_by_hand if method == "minmax" else standardize_by_hand)(table)
    verify_scaling_trace(trace, table, method)


def test_scaling_takes_names_from_a_dataframe():
    import pandas as pd

    frame = pd.DataFrame({"Age": [44, 27, 48], "Salary": [73000, 47000, 78000]}, index=["ann", "bo", "cy"])
    trace = minmax_by_hand(frame)
    assert trace.row_names == ["ann", "bo", "cy"] and trace.column_names == ["Age", "Salary"]
    assert "(44 - 27) / (48 - 27) = 17 / 21 = 0.8095" in str(trace)


# --------------------------------------------------------------------------------------------------
# Bad problems: clear errors
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, words", [
    (lambda: kmeans_by_hand([[1, 1], [2]], [[1, 1]]), ValueError, "rectangular"),
    (lambda: kmeans_by_hand([[1, 1], [2, 2]], [[1, 1], [2, 2], [3, 3]]), ValueError, "k > n"),
    (lambda: kmeans_by_hand([[1, 1], [2, 2]], [[1]]), ValueError, "coordinate"),
    (lambda: kmeans_by_hand([["a", 1]], [[1, 1]]), TypeError, "numbers"),
    (lambda: kmeans_by_hand([[1, np.nan]], [[1, 1]]), ValueError, "NaN"),
    (lambda: kmeans_by_hand([[1, 1]], [[1, 1]], max_iter=0), ValueError, "max_iter"),
    (lambda: kmeans_by_hand([[1, 1], [2, 2]], [[1, 1]], names=["A"]), ValueError, "one name for each of the 2 points"),
    (lambda: kmeans_by_hand([[1, 1], [2, 2]], [[1, 1]], names=["A", "A"]), ValueError, "distinct"),
    (lambda: silhouette_by_hand([[0], [1]], [0, 0], 0), ValueError, "two clusters"),
    (lambda: silhouette_by_hand([[0], [1]], [0, 1], 5), ValueError, "index"),
    (lambda: silhouette_by_hand([[0], [1]], [0, 1], 0.5), TypeError, "index"),
    (lambda: silhouette_by_hand([[0], [1]], [0, 1, 1], 0), ValueError, "label"),
    (lambda: dbscan_by_hand([[0], [1]], -1, 2), ValueError, "eps"),
    (lambda: dbscan_by_hand([[0], [1]], 1, 0), ValueError, "min_samples"),
    (lambda: linkage_by_hand([[0], [1]], "centroid"), ValueError, "method"),
    (lambda: linkage_by_hand([[0]], "single"), ValueError, "at least 2"),
    (lambda: em_step_by_hand([0, 1], [0.5, 0.6], [0, 1], [1, 1]), ValueError, "sum to 1"),
    (lambda: em_step_by_hand([0, 1], [0.5, 0.5], [0, 1], [1, 0]), ValueError, "variances"),
    (lambda: em_step_by_hand([0, 1], [0.5, 0.5], [0], [1, 1]), ValueError, "one entry per component"),
    (lambda: em_step_by_hand([[0, 1], [1, 2]], [1.0], [0], [1]), ValueError, "1-D"),
    (lambda: minmax_by_hand([1, 2, 3]), ValueError, "2-D"),
])
def test_bad_problems_raise_clear_errors(call, error, words):
    with pytest.raises(error, match=words):
        call()


# --------------------------------------------------------------------------------------------------
# The rounding rule
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, exact, decimals, right", [
    (0.87, 0.8678, 2, True), (0.868, 0.8678, 2, True), ("0.8678", 0.8678, 2, True), (0.86784, 0.867843, 2, True),
    (0.867, 0.8678, 2, False),  # truncated, not rounded
    (0.9, 0.8678, 2, False),    # too coarse
    (0.86, 0.8678, 2, False), (0.8678, 0.8678, 4, True), (0.868, 0.8678, 4, False),
    (8.52, 8.525, 2, True), (8.53, 8.525, 2, True), (8.5, 8.525, 2, False), (8.4, 8.525, 1, False),
    ("0.380", 0.380952, 2, True), ("0.381", 0.380952, 2, True), ("0.380", 0.380952, 3, False),
    ("0,87", 0.8678, 2, True), ("17/21", 17 / 21, 2, True), ("17/22", 17 / 21, 2, False),
    (13, 13.0, 2, True), ("13", 13.0, 2, True), (13.004, 13.0, 2, False), (13.0001, 13.0, 2, False),
    (-1.35, -1.3502, 2, True), ("−1.35", -1.3502, 2, True), (1, 0.6, 0, True), (0.1 + 0.2, 0.3, 2, True),
    (14.22, 14.2222, 2, True), (18.26, 14.2222, 2, False),
])
def test_rounding_rule(answer, exact, decimals, right):
    assert is_right_number(answer, exact, decimals) is right


@pytest.mark.parametrize("answer", ["abc", "", "1/0", [1, 2], True, float("nan"), "inf", "x"])
def test_unreadable_answers_are_marked_wrong_with_the_reason(answer):
    report = check_silhouette([[0], [1], [5]], [0, 0, 1], 0, a=answer)
    if answer == "" or answer != answer:  # a blank answer ("", NaN, None) is simply not marked
        assert len(report) == 0 and not report.all_correct and report.score == 0.0
        return
    entry = report["a(P0)"]
    assert not entry.right and entry.problem and "the answer is 1" in entry.feedback()


# --------------------------------------------------------------------------------------------------
# The checkers
# --------------------------------------------------------------------------------------------------

SEVEN = examples.textbook_kmeans.problem["points"]
SEVEN_NAMES = list("ABCDEFG")


def test_kmeans_checker_marks_each_entry():
    report = check_kmeans_iteration(SEVEN, [[1, 1], [5, 7]], names=SEVEN_NAMES,
                                    assignment=[0, 0, 1, 1, 1, 1, 1],                  # C is a tie: 0
                                    new_centroids=[[1.83, 2.33], [4.13, None]], wcss=12.21)
    assert isinstance(report, CheckReport)
    assert [e.name for e in report] == [f"{p}: cluster" for p in SEVEN_NAMES] + [
        "new μ0: x", "new μ0: y", "new μ1: x", "WCSS"]
    assert [e.name for e in report.wrong] == ["C: cluster"]
    assert report.score == pytest.approx(10 / 11) and not report.all_correct
    wrong = report["C: cluster"]
    assert wrong.exact == 0 and wrong.given == 1
    assert "d²(C, μ0) = (3 - 1)² + (4 - 1)² = 4 + 9 = 13" in wrong.working and "tie" in wrong.working
    first = np.array(SEVEN, float)[[0, 1, 2]], np.array(SEVEN, float)[3:]  # {A, B, C} and {D, E, F, G}
    close(report["WCSS"].exact, sum(((part - part.mean(axis=0)) ** 2).sum() for part in first))  # 293/24


def test_kmeans_checker_takes_dicts_per_cluster_wcss_and_one_dimension():
    report = check_kmeans_iteration([[0], [1], [10]], [[0], [10]], assignment={"P1": 0, 2: "1"},
                                    new_centroids=[0.5, 10], wcss=[0.5, "0"])
    assert [e.name for e in report] == ["P1: cluster", "P2: cluster", "new μ0", "new μ1", "WCSS cluster 0",
                                        "WCSS cluster 1"]
    assert report.all_correct and report.score == 1.0


def test_kmeans_checker_with_nothing_given():
    report = check_kmeans_iteration(SEVEN, [[1, 1], [5, 7]])
    assert len(report) == 0 and report.score == 0.0 and not report.all_correct
    assert "No answers" in str(report)


@pytest.mark.parametrize("call, error, words", [
    (lambda: check_kmeans_iteration(SEVEN, [[1, 1], [5, 7]], assignment=[0, 1]), ValueError,
     "one answer per item"),
    (lambda: check_kmeans_iteration(SEVEN, [[1, 1], [5, 7]], assignment={"Z": 0}), ValueError, "unknown item"),
    (lambda: check_kmeans_iteration(SEVEN, [[1, 1], [5, 7]], assignment="0011111"), TypeError, "list"),
    (lambda: check_kmeans_iteration(SEVEN, [[1, 1], [5, 7]], wcss=8, decimals=-1), ValueError, "decimals"),
    (lambda: check_kmeans_iteration(SEVEN, [[1, 1], [5, 7]], wcss=8, decimals=1.5), TypeError, "decimals"),
    (lambda: check_linkage_merges([[0], [1], [3]], "single", merges=[(0, 1, 1)] * 3), ValueError, "merge 2 times"),
    (lambda: check_linkage_merges([[0], [1], [3]], "single", merges=[(0, 1, 1, 2)]), ValueError, "row 0"),
    (lambda: check_scaling([[1, 2], [3, 4]], "robust", answers=[[0, 0], [1, 1]]), ValueError, "method"),
])
def test_checkers_reject_malformed_answer_layouts(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_silhouette_checker():
    X, labels = examples.textbook_silhouette.problem["points"], [0, 0, 0, 1, 1, 1]
    report = check_silhouette(X, labels, 0, a=1, b=7.56, s=0.87)
    assert report.all_correct and [e.name for e in report] == ["a(P0)", "b(P0)", "s(P0)"]
    report = check_silhouette(X, labels, 0, s=0.86)
    assert not report.all_correct and report["s(P0)"].exact_text == "0.8678"
    assert "(7.5639 - 1) / 7.5639 = 0.8678" in report["s(P0)"].working


def test_dbscan_checker():
    X = examples.exercise_10_dbscan.problem["points"]
    report = check_dbscan_types(X, 2, 3, types=["core", "Core", " CORE ", "border", "core", "noise"],
                                labels={"P3": -1, "P5": "-1", "P0": 0})
    assert [e.name for e in report.wrong] == ["P3: type"]
    assert "no core point within eps, so noise" in report["P3: type"].working
    assert report["P3: cluster"].right and report.score == pytest.approx(8 / 9)
    assert not check_dbscan_types(X, 2, 3, types=["centre"] + [None] * 5)["P0: type"].right


def test_linkage_checker_accepts_any_order_among_ties():
    X = [[1], [2], [3], [10], [11], [12], [6]]
    scipy_order = scipy_linkage(np.array(X, float), "single")[:, :3].tolist()
    assert check_linkage_merges(X, "single", merges=scipy_order).all_correct
    own_order = [(3, 4, 1), ("1 0", 1), (2, 8, 1), ("7, 5", "1.0"), (6, 9, 3), (10, 11, 4)]
    assert check_linkage_merges(X, "single", merges=own_order).all_correct


def test_linkage_checker_marks_a_wrong_merge_once():
    X = [[1], [2], [3], [10], [11], [12], [6]]
    merges = [(0, 1, 1), (0, 2, 1), (2, 7, 2), (5, 8, 2), (6, 9, 4), (10, 11, 11)]  # complete linkage
    report = check_linkage_merges(X, "complete", merges=merges)
    assert [e.name for e in report.wrong] == ["merge 2: clusters", "merge 5: height"]
    # merge 2's pair (0, 2) names a cluster already merged; the exact merge (3, 4) takes its place
    assert report["merge 2: clusters"].exact_text == "(3, 4)"
    assert "closest pair(s) under complete linkage: (3, 4), (4, 5) at 1" in report["merge 2: clusters"].working
    assert report["merge 5: height"].exact == 5


def test_linkage_checker_explains_a_ward_merge_cost_given_as_height():
    report = check_linkage_merges([[1], [2], [3], [10], [11], [12], [6]], "ward", merges=[None, None, (2, 7, 1.5)])
    assert report["merge 3: clusters"].right and not report["merge 3: height"].right
    assert "merge cost ΔJ" in report["merge 3: height"].working


def test_em_checker():
    case = examples.em_one_iteration
    trace = case.trace
    x = np.array([0.0, 1, 2, 4, 5])
    weighted = 0.5 * norm.pdf(x[:, None], [1.0, 4.0], 1.0)
    gamma = weighted / weighted.sum(axis=1, keepdims=True)
    new_means = np.round(gamma.T @ x / gamma.sum(axis=0), 4).tolist()  # [0.9479, 4.2747]
    direct = check_em_step(x, [0.5, 0.5], [1, 4], [1, 1], new_means=new_means, decimals=4)
    assert direct.all_correct and [e.name for e in direct] == ["new μ0", "new μ1"]
    report = case.check(responsibilities={"x3": [0.82, 0.18]}, new_weights=[0.56, 0.43], new_means=[0.95, None],
                        new_variances=[0.68, 0.77])
    assert [e.name for e in report] == ["γ(x3, 0)", "γ(x3, 1)", "new π0", "new π1", "new μ0", "new σ²0", "new σ²1"]
    assert [e.name for e in report.wrong] == ["new π1"]  # 0.4365 rounds to 0.44
    assert "N1 = Σ γ(·, 1)" in report["new π1"].working
    close(report["new π1"].exact, trace.new_weights[1])


def test_scaling_checker_on_the_seed_table_marks_truncated_values_wrong():
    case = examples.age_salary_minmax
    printed = [[0.809, 0.838], [0, 0], [0, 0.193], [0.523, 0.483], [0.619, 0.322], [0.380, 0.193], [1, 1]]
    report = case.check(answers=printed, decimals=3)
    assert sorted(e.name for e in report.wrong) == sorted([
        "employee 1, Age", "employee 1, Salary", "employee 3, Salary", "employee 4, Age", "employee 4, Salary",
        "employee 5, Salary", "employee 6, Age", "employee 6, Salary"])
    assert "(44 - 27) / (48 - 27) = 17 / 21 = 0.8095" in report["employee 1, Age"].working
    # Written with three decimals, a truncated value is wrong even at decimals=2; rounded to two, all are right.
    assert not case.check(answers=printed).all_correct
    assert case.check(answers=np.round(case.trace.scaled, 2)).all_correct


def test_standard_scaling_checker():
    report = check_scaling([[1, 10], [3, 30]], "standard", answers=[[-1, None], [1, 1]])
    assert report.all_correct and len(report) == 3


def test_report_renders_one_mark_per_entry_and_the_answer():
    report = check_kmeans_iteration(SEVEN, [[1, 1], [5, 7]], names=SEVEN_NAMES, assignment=[0, 0, 1, 1, 1, 1, 1],
                                    wcss="-999999")
    for text in (str(report), report._repr_html_()):
        assert text.count("✓") == 6 and text.count("✗") == 2  # C (a tie: 0) and the WCSS are wrong
        assert RIGHT in text and WRONG in text
    lines = [line for line in str(report).splitlines() if "WCSS" in line and WRONG in line]
    assert ANSWER.search(lines[0]).group(1) == "12.2083"
    assert report.to_dict()["n_right"] == 6


# --------------------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------------------

REQUIRED_CASES = ["textbook_kmeans", "textbook_silhouette", "exercise_6_kmeans", "exercise_7_silhouette",
                  "exercise_9_single_vs_complete", "exercise_10_dbscan", "age_salary_minmax",
                  "exercise_12_ward_merge_cost", "em_one_iteration"]


def test_catalogue_has_every_case():
    assert set(REQUIRED_CASES) <= set(examples.CASES)
    for name, case in examples.CASES.items():
        assert getattr(examples, name) is case and examples.get_case(name) is case and case.name == name
        assert case.source.startswith("Seed 00") and case.statement
    with pytest.raises(ValueError, match="Unknown case"):
        examples.get_case("nope")


def verify_case(case):
    p, trace = case.problem, case.trace
    if case.kind == "kmeans":
        verify_kmeans_trace(trace, p["points"], p["init"])
        verify_kmeans_against_sklearn(trace, np.asarray(p["points"], float), p["init"])
    elif case.kind == "silhouette":
        verify_silhouette_trace(trace, p["points"], p["labels"], p["index"])
    elif case.kind == "dbscan":
        verify_dbscan_trace(trace, p["points"], p["eps"], p["min_samples"])
    elif case.kind == "linkage":
        by_method = {p["method"]: trace} if isinstance(p["method"], str) else trace.traces
        for method, method_trace in by_method.items():
            verify_linkage_trace(method_trace, p["points"], method)
    elif case.kind == "em":
        verify_em_trace(trace, p["points"], p["weights"], p["means"], p["variances"])
    else:
        verify_scaling_trace(trace, p["table"], case.kind)


@pytest.mark.parametrize("name", list(examples.CASES))
def test_every_number_of_every_case_equals_an_independent_computation(name):
    case = examples.CASES[name]
    verify_case(case)
    assert str(case) and case._repr_html_().startswith('<div class="course-handcalc">')


@pytest.mark.parametrize("name", list(examples.CASES))
def test_printed_numbers_are_right_or_listed_as_errata(name):
    case = examples.CASES[name]
    for printed in case.printed:
        places = len(printed.text.split(".")[1]) if "." in printed.text else 0
        correct = printed.correct_value(case.trace)
        agrees = abs(float(printed.text) - correct) <= 0.5 * 10.0 ** -places + 1e-9
        assert printed.agrees(case.trace) == agrees
        assert bool(printed.why) == (not agrees), f"{printed.where}: why must be given exactly for a misprint"
    errata = case.errata
    assert [e.where for e in errata] == [p.where for p in case.printed if p.why]
    assert (case.erratum is None) == (not errata)
    for erratum in errata:
        assert erratum.printed in case.erratum and erratum.why in case.erratum


def test_textbook_kmeans_numbers_and_errata():
    case = examples.textbook_kmeans
    trace = case.trace
    assert len(trace.iterations) == 3 and trace.converged
    assert [it.labels.tolist() for it in trace.iterations] == [[0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 1, 1, 1],
                                                               [0, 0, 1, 1, 1, 1, 1]]
    close(trace.iterations[0].new_centroids, [[11 / 6, 7 / 3], [4.125, 5.375]])
    close(trace.centroids, [[1.25, 1.5], [3.9, 5.1]])
    close(trace.iterations[-1].point_wcss[:2], [0.3125, 0.3125])
    close(trace.wcss, 8.525)
    assert len(case.printed) == 14 + 14 + 14 + 12 + 11
    wrong = {e.where: e for e in case.errata}
    assert set(wrong) == {
        "iteration 2, d² from A to μ₂", "iteration 2, d² from B to μ₂", "iteration 2, d² from C to μ₁",
        "iteration 2, d² from D to μ₁", "iteration 2, d² from E to μ₁", "iteration 2, d² from F to μ₁",
        "iteration 2, d² from G to μ₂", "final WCSS, term of A", "final WCSS, term of B",
        "final WCSS, cluster 1", "final WCSS", "final inertia"}
    assert wrong["final WCSS"].printed == "8.4" and wrong["final WCSS"].correct_text == "8.525"
    assert wrong["iteration 2, d² from F to μ₁"].correct_text == "14.22 (14.2222)"
    assert "printed 0.125, correct 0.3125" in case.erratum


def test_textbook_iteration_2_distances_fit_no_pair_of_centroids():
    """The erratum says the six misprinted d² come from no centroids at all, rounded or not."""
    points = dict(zip("ABCDEFG", [(1, 1), (1.5, 2), (3, 4), (5, 7), (3.5, 5), (4.5, 5), (3.5, 4.5)]))
    printed = {0: {"C": 4.15, "D": 31.78, "E": 9.90}, 1: {"A": 28.89, "B": 18.33, "G": 1.14}}
    exact = [(11 / 6, 7 / 3), (4.125, 5.375)]
    for cluster, values in printed.items():
        for centre in (exact[cluster], np.round(exact[cluster], 2)):
            worst = max(abs(sum((np.subtract(points[p], centre)) ** 2) - v) for p, v in values.items())
            assert worst > 0.005, centre  # neither the exact nor the rounded centroid prints these
        grid = np.meshgrid(*(np.arange(c - 0.3, c + 0.3, 0.001) for c in exact[cluster]))
        worst = np.zeros_like(grid[0])
        for p, v in values.items():
            worst = np.maximum(worst, np.abs((points[p][0] - grid[0]) ** 2 + (points[p][1] - grid[1]) ** 2 - v))
        assert worst.min() > 0.005  # no centroid within 0.3 of the true one rounds to all three
    assert "no one pair of centroids gives all six printed values" in examples.textbook_kmeans.erratum


def test_age_salary_errata_are_the_truncated_values():
    case = examples.age_salary_minmax
    assert [(e.printed, e.correct_text) for e in case.errata] == [
        ("0.809", "0.810 (0.8095)"), ("0.838", "0.839 (0.8387)"), ("0.193", "0.194 (0.1935)"),
        ("0.523", "0.524 (0.5238)"), ("0.483", "0.484 (0.4839)"), ("0.322", "0.323 (0.3226)"),
        ("0.380", "0.381"), ("0.193", "0.194 (0.1935)")]
    assert all("instead of rounding" in e.why for e in case.errata)


def test_exercise_answers():
    six = examples.exercise_6_kmeans.trace
    assert len(six.iterations) == 2 and six.converged
    close(six.centroids, [[1 / 3, 1 / 3], [31 / 3, 31 / 3]])
    close(six.wcss, 8 / 3)
    seven = examples.exercise_7_silhouette.trace
    close(seven.a, (1 + np.sqrt(2)) / 2)
    close(seven.b, (np.sqrt(181) + np.sqrt(200) + np.sqrt(202)) / 3)
    close(seven.s, 1 - seven.a / seven.b)
    assert examples.exercise_10_dbscan.trace.types.tolist() == ["core", "core", "core", "noise", "core", "noise"]
    nine = examples.exercise_9_single_vs_complete.trace
    X = np.array(examples.exercise_9_single_vs_complete.problem["points"], float)
    for method in ("single", "complete"):
        Z = scipy_linkage(X, method)
        close(nine.traces[method].linkage_matrix, Z)
        for k in (2, 3):
            np.testing.assert_array_equal(nine.flat_clusters[method, k], scipy_fcluster(Z, k, "maxclust"))
    assert nine.clusters("single", 2) == [["10", "11", "12"], ["1", "2", "3", "6"]]
    ward = examples.exercise_12_ward_merge_cost.trace
    total = ((X - X.mean()) ** 2).sum()
    close(sum(step.merge_cost for step in ward.steps), total)  # the merge costs add up to the total WCSS
    em = examples.em_one_iteration.trace
    assert em.log_likelihood_after > em.log_likelihood_before


# --------------------------------------------------------------------------------------------------
# Forms (the logic behind the hand-check widget)
# --------------------------------------------------------------------------------------------------

def _wrong_text(label):
    return "-999999"


@pytest.mark.parametrize("name", list(examples.CASES))
def test_each_case_form_gives_back_its_own_answers_as_right(name):
    """The browser test's loop, without a browser: all wrong, then type back the first answer shown."""
    case = examples.CASES[name]
    form = case.form()
    assert form.labels and len(set(form.labels)) == len(form.labels)
    report = form.check({label: _wrong_text(label) for label in form.labels})
    assert report.n_given == len(form.labels) and report.n_right == 0
    for entry in report:  # each wrong line names its answer, and that answer is then marked right
        line = next(line for line in str(report).splitlines() if line.startswith(f"{WRONG}  {entry.name}:"))
        answer = ANSWER.search(line).group(1).rstrip(".")
        if entry.name.endswith("clusters"):
            answer = entry.exact_text  # a pair shows as "(a, b)"
        assert form.check({entry.name: answer})[entry.name].right, (entry.name, answer)


def test_form_steps_and_asks():
    form = examples.textbook_kmeans.form(step=2, ask="wcss")
    assert form.labels == ["WCSS"] and "Iteration 2" in form.statement and "(1.8333, 2.3333)" in form.statement
    assert form.check({"WCSS": "8.53"}).all_correct
    form = examples.exercise_9_single_vs_complete.form(method="complete", step=5)
    assert form.labels == ["merge 5: clusters", "merge 5: height"]
    assert form.check({"merge 5: clusters": "6, 9", "merge 5: height": "5"}).all_correct
    assert set(ASKS) >= {"kmeans", "silhouette", "dbscan", "linkage", "em", "minmax", "standard"}
    with pytest.raises(ValueError, match="step must be between 1 and 3"):
        examples.textbook_kmeans.form(step=4)
    with pytest.raises(ValueError, match="not something this problem asks for"):
        examples.textbook_kmeans.form(ask="types")
    with pytest.raises(ValueError, match="method must be one of"):
        examples.exercise_9_single_vs_complete.form(method="ward")
    with pytest.raises(ValueError, match="step applies"):
        examples.exercise_10_dbscan.form(step=1)
    with pytest.raises(KeyError, match="no box named"):
        examples.textbook_kmeans.form().check({"Q: cluster": "1"})
    with pytest.raises(ValueError, match="Unknown kind"):
        build_form("pca", {})


def test_case_check_steps():
    assert examples.textbook_kmeans.check(step=3, wcss=8.525).all_correct
    assert examples.exercise_9_single_vs_complete.check(method="complete", merges=[(0, 1, 1)]).all_correct
    with pytest.raises(ValueError, match="step must be between"):
        examples.textbook_kmeans.check(step=9, wcss=1)
    with pytest.raises(ValueError, match="step applies to k-means"):
        examples.em_one_iteration.check(step=1)


# --------------------------------------------------------------------------------------------------
# The issue's interface, item by item
# --------------------------------------------------------------------------------------------------

# Each trace function with a small problem, and the arrays its trace must expose for tests.
TRACES = {
    "kmeans_by_hand": (lambda: kmeans_by_hand(SEVEN, [[1, 1], [5, 7]]),
                       lambda t: [t.labels, t.centroids, t.init, t.points]
                       + [getattr(it, name) for it in t.iterations
                          for name in ("centroids", "squared_distances", "labels", "nearest", "members", "counts",
                                       "sums", "new_centroids", "point_wcss", "cluster_wcss")]),
    "silhouette_by_hand": (lambda: silhouette_by_hand([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]],
                                                      [0, 0, 0, 1, 1, 1], 0),
                           lambda t: [t.points, t.labels, t.distances, t.clusters, t.mean_distances]),
    "dbscan_by_hand": (lambda: dbscan_by_hand([[0, 0], [1, 0], [0, 1], [5, 5], [1, 1], [10, 10]], 2, 3),
                       lambda t: [t.points, t.distances, t.counts, t.is_core, t.types, t.labels, t.visit_order,
                                  t.reached_from] + list(t.neighbourhoods)),
    **{f"linkage_by_hand {method}": (lambda method=method: linkage_by_hand([[1], [2], [3], [10], [11], [12], [6]],
                                                                           method),
                                     lambda t: [t.points, t.linkage_matrix, t.merges]
                                     + [a for step in t.steps for a in (step.matrix, step.new_distances)])
       for method in ("single", "complete", "average", "ward")},
    "em_step_by_hand": (lambda: em_step_by_hand([0, 1, 2, 4, 5], [0.5, 0.5], [1, 4], [1, 1]),
                        lambda t: [t.points, t.weights, t.means, t.variances, t.densities, t.weighted, t.mixture,
                                   t.responsibilities, t.soft_counts, t.new_weights, t.new_means, t.new_variances]),
    "minmax_by_hand": (lambda: minmax_by_hand([[44, 73000], [27, 47000], [48, 78000]]),
                       lambda t: [t.table, t.scaled] + list(t.statistics.values())),
    "standardize_by_hand": (lambda: standardize_by_hand([[44, 73000], [27, 47000], [48, 78000]]),
                            lambda t: [t.table, t.scaled] + list(t.statistics.values())),
}


def _text_tables(text):
    """The tables of a trace's plain text: (header, rule, rows) for each block with a line of dashes."""
    tables = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        rules = [i for i, line in enumerate(lines) if re.fullmatch(r"-+(  -+)*", line)]
        if rules and rules[0] + 1 < len(lines):  # a rule with nothing below it underlines a heading
            i = rules[0]
            rows = [line for line in lines[i + 1:] if not line.startswith("(")]  # notes under a table
            tables.append((lines[i - 1], lines[i], rows))
    return tables


@pytest.mark.parametrize("name", list(TRACES))
def test_every_trace_renders_as_html_tables_and_aligned_text_and_exposes_arrays(name):
    make, arrays = TRACES[name]
    trace = make()
    html = trace._repr_html_()
    assert html.startswith('<div class="course-handcalc">') and html.count("<table") >= 1
    assert html.count("<table") == html.count("</table>")
    tables = _text_tables(str(trace))
    assert len(tables) == html.count("<table")
    for header, rule, rows in tables:
        # Aligned: every column starts where its rule starts, in the header and in every row.
        gaps = [m.start() for m in re.finditer(r"  ", rule)]
        for line in [header] + rows:
            assert all(len(line) <= gap or line[gap:gap + 2] == "  " for gap in gaps), (line, rule)
            assert len(line) <= len(rule)
    for value in arrays(trace):
        assert isinstance(value, np.ndarray), type(value)


ISSUE_SIGNATURES = {
    check_kmeans_iteration: "points, centroids, *, assignment=None, new_centroids=None, wcss=None, decimals=2",
    check_silhouette: "points, labels, index, *, a=None, b=None, s=None, decimals=2",
    check_dbscan_types: "points, eps, min_samples, *, types=None, labels=None",
    check_linkage_merges: "points, method, *, merges=None, decimals=2",
    check_em_step: ("points, weights, means, variances, *, responsibilities=None, new_weights=None, "
                    "new_means=None, new_variances=None, decimals=2"),
    check_scaling: "table, method='minmax', *, answers, decimals=2",
}


@pytest.mark.parametrize("checker", list(ISSUE_SIGNATURES), ids=lambda f: f.__name__)
def test_checker_signatures_are_the_issues(checker):
    import inspect

    namespace = {}
    exec(f"def expected({ISSUE_SIGNATURES[checker]}): pass", namespace)
    expected = inspect.signature(namespace["expected"]).parameters
    actual = inspect.signature(checker).parameters
    assert list(actual)[:len(expected)] == list(expected)
    for name, parameter in expected.items():
        assert (actual[name].kind, actual[name].default) == (parameter.kind, parameter.default), name
    extra = list(actual)[len(expected):]
    assert all(actual[name].kind == inspect.Parameter.KEYWORD_ONLY and actual[name].default is None
               for name in extra)  # only optional extras (names of points, rows, columns)


LINE = [[1], [2], [3], [10], [11], [12], [6]]

# A checker call with some right and some wrong entries, and how many of each.
MIXED_ANSWERS = {
    "kmeans": (lambda: check_kmeans_iteration(SEVEN, [[1, 1], [5, 7]], new_centroids=[[1.83, 2.33], [4.13, 9.99]],
                                              wcss=12.21), 4, 1),
    "silhouette": (lambda: check_silhouette([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]], [0, 0, 0, 1, 1, 1], 0,
                                            a=1, s=0.5), 1, 1),
    "dbscan": (lambda: check_dbscan_types([[0, 0], [1, 0], [0, 1], [5, 5], [1, 1], [10, 10]], 2, 3,
                                          types=["core", "core", "core", "border", "core", "noise"],
                                          labels=[0, 0, 0, -1, 0, 1]), 10, 2),
    "linkage": (lambda: check_linkage_merges(LINE, "single", merges=[(0, 1, 1), (3, 4, 7)]), 3, 1),
    "em": (lambda: check_em_step([0, 1, 2, 4, 5], [0.5, 0.5], [1, 4], [1, 1], new_weights=[0.56, 0.1]), 1, 1),
    "scaling": (lambda: check_scaling([[44], [27], [48]], answers=[[0.81], [0], [0.5]]), 2, 1),
}


@pytest.mark.parametrize("kind", list(MIXED_ANSWERS))
def test_every_report_has_all_correct_score_and_per_entry_values_marks_and_working(kind):
    make, n_right, n_wrong = MIXED_ANSWERS[kind]
    report = make()
    assert isinstance(report, CheckReport)
    assert report.all_correct is False
    assert report.score == pytest.approx(n_right / (n_right + n_wrong))
    assert (report.n_right, report.n_given, len(report.wrong)) == (n_right, n_right + n_wrong, n_wrong)
    for entry in report:
        assert isinstance(entry.right, bool) and entry.name and entry.exact is not None
        assert entry.given is not None  # the student's value, as given
        if not entry.right:
            assert entry.working and entry.exact_text in entry.feedback()
    text, html = str(report), report._repr_html_()
    assert "<table" in html
    for rendered in (text, html):
        assert rendered.count(RIGHT) == n_right and rendered.count(WRONG) == n_wrong
    data = report.to_dict()
    assert data["all_correct"] is False and data["score"] == report.score and len(data["entries"]) == len(report)
    assert [entry["right"] for entry in data["entries"]] == [entry.right for entry in report]


def test_catalogue_covers_every_hand_calculation_of_the_course_map():
    """COURSE_MAP, "Hand-calculation checks": each listed example is a case of the right kind on the right data."""
    cases = examples.CASES
    seven = cases["textbook_kmeans"]
    assert seven.kind == "kmeans" and seven.problem["points"] == [[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5],
                                                                  [4.5, 5], [3.5, 4.5]]
    assert seven.problem["init"] == [[1, 1], [5, 7]]
    assert cases["textbook_silhouette"].kind == cases["exercise_7_silhouette"].kind == "silhouette"
    assert cases["exercise_7_silhouette"].problem["points"][cases["exercise_7_silhouette"].problem["index"]] == [1, 0]
    assert cases["exercise_6_kmeans"].problem["max_iter"] == 2
    nine = cases["exercise_9_single_vs_complete"]
    assert nine.kind == "linkage" and set(nine.problem["method"]) == {"single", "complete"}
    assert sorted(x for (x,) in nine.problem["points"]) == [1, 2, 3, 6, 10, 11, 12]
    ten = cases["exercise_10_dbscan"]
    assert ten.kind == "dbscan" and (ten.problem["eps"], ten.problem["min_samples"]) == (2, 3)
    assert cases["age_salary_minmax"].kind == "minmax" and len(cases["age_salary_minmax"].problem["table"]) == 7
    assert cases["exercise_12_ward_merge_cost"].problem["method"] == "ward"
    assert cases["em_one_iteration"].kind == "em"
