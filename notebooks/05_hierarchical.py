# %% [markdown]
# # 05 · Hierarchical clustering
#
# k-means asks for K before it starts. Agglomerative clustering answers a different question: in which
# order do the users group together? It builds the whole family tree of groupings at once, and you choose
# K afterwards by cutting the tree.
#
# ## Learning objectives
#
# By the end you can ...
#
# - run agglomerative clustering by hand: find the closest pair of clusters, merge, update the distances;
# - state single, complete, average and Ward linkage as formulas and as one Lance-Williams update;
# - derive Ward's merge cost and explain why SciPy draws a Ward merge at height $\sqrt{2\,\Delta J}$;
# - read a dendrogram and cut it into flat clusters, by height or by number of clusters;
# - recognise the chaining failure of single linkage and fix it with complete, average or Ward linkage;
# - explain, with a measurement, why hierarchical clustering is limited to a few tens of thousands of points.

# %%
import inspect
import time
import tracemalloc

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster as scipy_fcluster
from scipy.cluster.hierarchy import linkage as scipy_linkage
from sklearn.cluster import AgglomerativeClustering as SklearnAgglomerativeClustering
from sklearn.datasets import make_blobs

from course_lib import AgglomerativeClustering, adjusted_rand_score, fcluster, linkage
from course_lib.handcalc import examples, linkage_by_hand
from course_lib.hierarchical import cluster_distance, lance_williams_update, merge_cost
from course_lib.plotting import (plot_cluster_panels, plot_cut_clusters, plot_dendrogram, plot_dendrogram_panels,
                                 plot_hierarchical_cost, plot_linkage_definitions, plot_merge_sequence,
                                 plot_ward_merge_costs, use_course_style)
from course_lib.widgets import dendrogram_cutter, hand_check

use_course_style()

# %% [markdown]
# ## Merging step by step
#
# Agglomerative ("gathering") clustering works bottom up:
#
# 1. Every point starts as a cluster of its own.
# 2. Find the two clusters that are closest to each other.
# 3. Merge them, and write down which two merged and how far apart they were: the **height** of the merge.
# 4. Repeat until one cluster holds everything. $n$ points need $n - 1$ merges.
#
# Step 2 needs a distance between *clusters*, not just between points. The simplest choice is
# **single linkage**: two clusters are as close as their two closest members. Here it is on the seven
# points A to G of lesson 02's worked example, done by hand. Clusters are numbered as SciPy numbers them:
# point $i$ is cluster $i$, and merge $k$ creates cluster $n + k - 1$ (here 7, 8, ...).

# %%
seven = np.array([[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5], [3.5, 4.5]])
seven_names = list("ABCDEFG")
seven_trace = linkage_by_hand(seven, "single", names=seven_names)
print(seven_trace)

# %% [markdown]
# Each step shrinks the matrix by one row and column: the two merged clusters disappear and one new row
# appears, whose distances follow from the two old rows (for single linkage, the smaller of the two). The
# last table is the **linkage matrix**, the format SciPy and `course_lib` return: one row per merge with
# the two clusters, the height and the size of the new cluster. The same six merges in the plane:

# %%
plot_merge_sequence(seven, seven_trace.linkage_matrix, names=seven_names, ncols=3)
plt.show()

# %% [markdown]
# Every merge is final. Once two clusters are joined they stay joined, even if a later, bigger picture
# would have grouped their points differently: the method is greedy and has no undo. What it gives in
# return is the whole hierarchy at once, from seven singletons to one group, without choosing K first.

# %% [markdown]
# ## Four ways to measure the distance between clusters
#
# The rule in step 2 is called the **linkage**. With $d(a, b)$ the distance between two points and
# $\mu_A$ the mean (centroid) of cluster $A$:
#
# $$
# \begin{aligned}
# \text{single:}\quad & d(A, B) = \min_{a \in A,\, b \in B} d(a, b) \\
# \text{complete:}\quad & d(A, B) = \max_{a \in A,\, b \in B} d(a, b) \\
# \text{average:}\quad & d(A, B) = \frac{1}{|A|\,|B|} \sum_{a \in A} \sum_{b \in B} d(a, b) \\
# \text{Ward:}\quad & \Delta J(A, B) = \frac{|A|\,|B|}{|A| + |B|}\, \lVert \mu_A - \mu_B \rVert^2
#   \quad \text{(drawn at height } \sqrt{2\,\Delta J}\text{)}
# \end{aligned}
# $$
#
# Ward is different in kind: it asks how much the within-cluster sum of squares (the k-means objective)
# would grow if $A$ and $B$ were merged, and merges the pair for which it grows least. Below, the four
# definitions on the same two clusters, {A, B, C} and {D, E, F, G}:

# %%
plot_linkage_definitions(seven[:3], seven[3:])
plt.show()

# %% [markdown]
# Computing these from the members at every step would be slow: a cluster of 1,000 points has a million
# pair distances to every other cluster. Lance and Williams (1967) noticed that all four rules can update
# the distance from any cluster $i$ to a freshly merged cluster $x \cup y$ from three numbers that are
# already in the matrix:
#
# $$d(i, x \cup y) = \alpha_x\, d(i, x) + \alpha_y\, d(i, y) + \beta\, d(x, y) + \gamma\, \lvert d(i, x) - d(i, y) \rvert$$
#
# | linkage | $\alpha_x$ | $\alpha_y$ | $\beta$ | $\gamma$ |
# |---|---|---|---|---|
# | single | $\tfrac12$ | $\tfrac12$ | 0 | $-\tfrac12$ |
# | complete | $\tfrac12$ | $\tfrac12$ | 0 | $+\tfrac12$ |
# | average | $\frac{n_x}{n_x + n_y}$ | $\frac{n_y}{n_x + n_y}$ | 0 | 0 |
# | Ward (on squared heights) | $\frac{n_i + n_x}{n_i + n_x + n_y}$ | $\frac{n_i + n_y}{n_i + n_x + n_y}$ | $\frac{-n_i}{n_i + n_x + n_y}$ | 0 |
#
# With $\gamma = \mp\frac12$ the formula is just the minimum or the maximum of the two distances. In the
# library that table is one short function:

# %%
print(inspect.getsource(lance_williams_update))

# %% [markdown]
# The update agrees with the definition. Merge $x = \{A, B\}$ and $y = \{C\}$, and compare the distance from
# $i = \{D, E, F, G\}$ to $x \cup y$ both ways, for every linkage:

# %%
A_B, C, rest = seven[:2], seven[2:3], seven[3:]
for method in ("single", "complete", "average", "ward"):
    updated = lance_williams_update(cluster_distance(rest, A_B, method), cluster_distance(rest, C, method),
                                    cluster_distance(A_B, C, method), 2, 1, 4, method)
    direct = cluster_distance(rest, seven[:3], method)
    print(f"{method:>8}: Lance-Williams {float(updated):.6f}   from the members {direct:.6f}")
    assert np.isclose(updated, direct, rtol=1e-12)

# %% [markdown]
# `course_lib.linkage` uses these updates (with a nearest-neighbour chain, and a minimum spanning tree for
# single linkage) and returns SciPy's linkage matrix. On 20 random data sets and all four linkages it is
# the same matrix SciPy computes: the same merges in the same order, heights equal to rounding.

# %%
rng = np.random.default_rng(0)
for trial in range(20):
    X_trial = rng.normal(size=(int(rng.integers(5, 60)), int(rng.integers(1, 5))))
    for method in ("single", "complete", "average", "ward"):
        ours, theirs = linkage(X_trial, method=method), scipy_linkage(X_trial, method=method)
        assert np.array_equal(ours[:, [0, 1, 3]], theirs[:, [0, 1, 3]]), (trial, method)
        assert np.allclose(ours[:, 2], theirs[:, 2], rtol=1e-10, atol=1e-12), (trial, method)
print("linkage equals scipy.cluster.hierarchy.linkage on 20 data sets x 4 methods")

# %% [markdown]
# ## Ward's merge cost
#
# Exercise 12 of the textbook chapter (seed 002) asks where Ward's formula comes from. Write
# $J(C) = \sum_{x \in C} \lVert x - \mu_C \rVert^2$ for the sum of squares of one cluster. For any vector
# $v$, expanding the square gives
#
# $$\sum_{x \in A} \lVert x - v \rVert^2 = J(A) + |A|\, \lVert \mu_A - v \rVert^2,$$
#
# because the cross term $2 (\mu_A - v)^\top \sum_{x \in A} (x - \mu_A)$ is zero. Take $v = m$, the mean
# of $A \cup B$, which is $m = (|A| \mu_A + |B| \mu_B) / (|A| + |B|)$. Then
# $\mu_A - m = \frac{|B|}{|A| + |B|}(\mu_A - \mu_B)$ and $\mu_B - m = -\frac{|A|}{|A| + |B|}(\mu_A - \mu_B)$, so
#
# $$\Delta J = J(A \cup B) - J(A) - J(B) = |A|\,\lVert \mu_A - m \rVert^2 + |B|\,\lVert \mu_B - m \rVert^2
# = \frac{|A|\,|B|}{|A| + |B|}\, \lVert \mu_A - \mu_B \rVert^2 .$$
#
# Distant centroids cost a lot, and so do large clusters: the factor $\frac{|A||B|}{|A|+|B|}$ grows with
# both sizes. Ward therefore prefers merging small, nearby groups, and its clusters come out compact and
# of similar size, like k-means clusters. Because each merge adds exactly $\Delta J$, the total WCSS after
# merge $k$ is the sum of the first $k$ merge costs. Check it on the numbers 1, 2, 3, 10, 11, 12, 6:

# %%
ward_trace = examples.exercise_12_ward_merge_cost.trace


def members(cluster):
    return "{" + ", ".join(ward_trace.names[i] for i in ward_trace.members[cluster]) + "}"


ward_table = pd.DataFrame({
    "merge": [f"{members(a)} + {members(b)}" for a, b in (s.pair for s in ward_trace.steps)],
    "ΔJ": [s.merge_cost for s in ward_trace.steps],
    "WCSS after": [s.wcss_after for s in ward_trace.steps],
    "height": [s.height for s in ward_trace.steps],
    "sqrt(2 ΔJ)": [np.sqrt(2 * s.merge_cost) for s in ward_trace.steps],
})
ward_table.round(4)

# %%
plot_ward_merge_costs(ward_table["ΔJ"], ward_table["WCSS after"])
plt.show()

# %% [markdown]
# **Why $\sqrt{2\,\Delta J}$?** SciPy and scikit-learn draw a Ward merge not at $\Delta J$ but at
# $\sqrt{2\,\Delta J}$. For two single points $a$ and $b$ the cost is
# $\Delta J = \frac{1 \cdot 1}{2}\lVert a - b \rVert^2$, so $\sqrt{2\,\Delta J} = \lVert a - b \rVert$: the
# first merges sit at ordinary distances, on the same scale as the other linkages. It is also exactly the
# quantity the Lance-Williams update for Ward produces when it starts from Euclidean distances. Taking a
# square root does not change which merge is cheapest, so the tree is the same either way. The heights in
# the table are the merge costs turned into SciPy's heights, merge for merge:

# %%
ward_heights = scipy_linkage(np.array([1, 2, 3, 10, 11, 12, 6.0])[:, None], method="ward")[:, 2]
assert np.allclose(ward_heights, np.sqrt(2 * ward_table["ΔJ"]), rtol=1e-12)
assert np.allclose(ward_trace.linkage_matrix[:, 2], ward_heights, rtol=1e-12)
assert np.isclose(ward_table["WCSS after"].iloc[-1], np.var([1, 2, 3, 10, 11, 12, 6]) * 7)
print(f"merge cost of {{1, 2, 3}} + {{6}}: {merge_cost(3, 1, [2.0], [6.0]):.1f} = 3·1/4 · (2 - 6)²")

# %% [markdown]
# ## Reading a dendrogram
#
# The **dendrogram** draws the linkage matrix as a tree. Each point is a leaf at the bottom; each merge is
# an upside-down U whose legs stand on the two clusters it joins and whose bar sits at the merge height.
# To get flat clusters, draw a horizontal line: every merge above it is undone, and each vertical line it
# crosses is one cluster. Where the tree has a long vertical stretch with no merges, a cut anywhere along
# it gives the same clusters: that is a sign of well-separated groups.
#
# The textbook chapter (seed 002) draws a dendrogram of seven points A to G as a sketch: A and B merge at
# 2, C joins them at 4 and D at 6; E and F merge at 2 and G joins them at 3; everything merges at 8. Here
# is that tree, cut at three heights:

# %%
sketch = np.array([[0, 1, 2, 2], [4, 5, 2, 2], [8, 6, 3, 3], [7, 2, 4, 3], [10, 3, 6, 4], [11, 9, 8, 7]],
                  dtype=float)
fig, axes = plt.subplots(1, 3, figsize=(15, 3.8), sharey=True)
for ax, height in zip(axes, (3.5, 5, 7)):
    plot_dendrogram(sketch, ax=ax, cut_height=height, labels=list("ABCDEFG"), title=f"Cut at height {height}")
plt.show()

# %%
for height in (3.5, 5, 7):
    labels = fcluster(sketch, height, criterion="distance")
    assert np.array_equal(labels, scipy_fcluster(sketch, height, criterion="distance"))
    groups = ["{" + ", ".join(np.array(list("ABCDEFG"))[labels == c]) + "}" for c in np.unique(labels)]
    print(f"cut at {height}: {len(groups)} clusters  " + "  ".join(groups))

# %% [markdown]
# The source's own reading of this sketch differs: it says a cut at 5 gives two clusters, {A, B, C, D} and
# {E, F, G}, and a cut at 3 gives {A, B}, {C, D}, {E, F, G}. In the tree it draws, D joins only at height 6
# and C never merges with D alone, so a cut at 5 leaves three clusters ({A, B, C}, {D}, {E, F, G}), the two
# clusters it names need a cut between 6 and 8, and just above 3 there are four.
#
# The horizontal order of the leaves carries little meaning: each U could be flipped without changing the
# tree. Two leaves drawn side by side may be far apart; how far is read from the height of the U that
# finally joins them.

# %% [markdown]
# ## Single linkage chains
#
# Single linkage trusts the single closest pair. That is its strength (it can follow long, curved shapes)
# and its weakness: a thin line of points between two groups, a **bridge**, makes them close. Below, two
# groups of app users with a few in-between users. We ask every linkage for two clusters.

# %%
rng = np.random.default_rng(0)
bridge_x = np.linspace(1.6, 4.4, 9)
bridged = np.vstack([rng.normal([0, 0], 0.6, (60, 2)), rng.normal([6, 0], 0.6, (60, 2)),
                     np.c_[bridge_x, rng.normal(0, 0.08, 9)]])
bridged_truth = np.r_[np.zeros(60), np.ones(60), bridge_x > 3].astype(int)
methods = ("single", "complete", "average", "ward")
bridged_labels = {m: AgglomerativeClustering(n_clusters=2, linkage=m).fit_predict(bridged) for m in methods}
for method, labels in bridged_labels.items():
    print(f"{method:>8}: cluster sizes {np.bincount(labels).tolist()}, "
          f"ARI with the two groups = {adjusted_rand_score(bridged_truth, labels):.3f}")

# %%
plot_cluster_panels(bridged, list(bridged_labels.values()), ncols=4, panel_size=(4.0, 3.3),
                    titles=[f"{m} linkage, 2 clusters" for m in methods])
plt.show()

# %% [markdown]
# Single linkage fails completely: the bridge points are each within about 0.35 of the next, closer than
# some points inside the groups are to their nearest neighbour, so the chain merges both groups long before
# the loneliest point at the groups' edge joins. Its two clusters are "everyone" and "one outlier". The
# dendrograms show why: single linkage's tree has no long vertical stretch to cut through, Ward's has one.

# %%
plot_dendrogram_panels({"single linkage": linkage(bridged, "single"), "Ward linkage": linkage(bridged, "ward")},
                       n_clusters=2)
plt.show()

# %% [markdown]
# Complete, average and Ward linkage all look at more than one pair, so a bridge cannot pull two groups
# together: they share the bridge out between the groups and find both (ARI 0.94; the only disagreements
# with our "truth" are bridge points, whose group is a matter of taste). Use single linkage only when you want chains, such as
# following a curved shape, and remove outliers first.
#
# `course_lib.AgglomerativeClustering` gives the same labels as scikit-learn, numbering included:

# %%
for method in methods:
    sk_labels = SklearnAgglomerativeClustering(n_clusters=2, linkage=method).fit_predict(bridged)
    assert np.array_equal(bridged_labels[method], sk_labels), method

# %% [markdown]
# ## Exercise 9 by hand: single versus complete on a line
#
# Exercise 9 of the textbook chapter: cluster the numbers 1, 2, 3, 10, 11, 12, 6 with single and with
# complete linkage (in this order, so the point 6 is point number 6, the last). Try it on paper first:
# at each step find the closest pair of clusters, merge them, and update the distances (single: the
# smaller of the two old distances; complete: the larger). The answers, merge by merge:

# %%
exercise_9 = examples.exercise_9_single_vs_complete.trace
pd.DataFrame({method: [f"{int(a)} + {int(b)} at {h:g}" for a, b, h, _ in trace.linkage_matrix]
              for method, trace in exercise_9.traces.items()}, index=[f"merge {k}" for k in range(1, 7)])

# %%
plot_dendrogram_panels({f"{m} linkage": t.linkage_matrix for m, t in exercise_9.traces.items()},
                       labels=["1", "2", "3", "10", "11", "12", "6"], n_clusters=3, sharey=True)
plt.show()

# %% [markdown]
# Both trees give the same flat clusters, {1, 2, 3}, {6}, {10, 11, 12} at three clusters and
# {1, 2, 3, 6}, {10, 11, 12} at two, but at different heights. Single linkage lets 6 join {1, 2, 3} at 3,
# its distance to the nearest member 3; complete linkage waits until 5, its distance to the farthest member
# 1. The last merge is at 4 for single linkage (the gap from 6 to 10) and at 11 for complete linkage
# (from 1 to 12). The full working of every step is in `print(exercise_9)`.
#
# Check your single-linkage merges here: for each merge type the two cluster numbers (points are 0 to 6
# in the order above; merge $k$ creates cluster $6 + k$) and the height.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
hand_check(examples.exercise_9_single_vs_complete, method="single")

# %% [markdown]
# And the complete-linkage merges:

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
hand_check(examples.exercise_9_single_vs_complete, method="complete")

# %% [markdown]
# ## From the tree to flat clusters
#
# Two ways to cut, both in `fcluster` (SciPy's names) and in `AgglomerativeClustering` (scikit-learn's):
#
# - **at a height** $t$: `fcluster(Z, t, criterion="distance")`, or `AgglomerativeClustering(n_clusters=None,
#   distance_threshold=t)`: points stay together when a chain of merges at height at most $t$ joins them;
# - **into $K$ clusters**: `fcluster(Z, K, criterion="maxclust")`, or `AgglomerativeClustering(n_clusters=K)`:
#   undo the $K - 1$ highest merges.
#
# Thirty app users in three groups, Ward linkage, cut into three clusters:

# %%
users, users_group = make_blobs(n_samples=30, centers=3, cluster_std=0.9, random_state=4)
users_tree = linkage(users, "ward")
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
plot_dendrogram(users_tree, ax=left, n_clusters=3, title="Ward linkage of 30 users")
plot_cut_clusters(users, users_tree, n_clusters=3, ax=right)
plt.show()

# %%
ward_users = AgglomerativeClustering(n_clusters=3, linkage="ward").fit(users)
sk_ward_users = SklearnAgglomerativeClustering(n_clusters=3, linkage="ward").fit(users)
assert np.array_equal(ward_users.labels_, sk_ward_users.labels_)
assert np.array_equal(ward_users.children_, sk_ward_users.children_)
assert np.array_equal(fcluster(users_tree, 3), scipy_fcluster(scipy_linkage(users, "ward"), 3, "maxclust"))
by_height = AgglomerativeClustering(n_clusters=None, distance_threshold=6.0, linkage="ward").fit(users)
sk_by_height = SklearnAgglomerativeClustering(n_clusters=None, distance_threshold=6.0, linkage="ward").fit(users)
assert np.array_equal(by_height.labels_, sk_by_height.labels_)
print(f"cut at height 6: {by_height.n_clusters_} clusters; "
      f"ARI with the true groups: {adjusted_rand_score(users_group, ward_users.labels_):.3f}")

# %% [markdown]
# ## Time and memory: why hierarchical clustering stays small
#
# Every linkage needs the distance between every pair of clusters, at least at the start: $n(n-1)/2$
# numbers. `course_lib.linkage` keeps them in an $n \times n$ matrix of 8-byte floats (SciPy keeps the
# condensed half). Memory therefore grows like $n^2$, and so does time, since every distance is computed
# and every merge scans a row. What that means in practice:

# %%
sizes_table = pd.DataFrame({"points n": [1_000, 10_000, 50_000, 100_000, 1_000_000]})
sizes_table["half matrix, GB"] = sizes_table["points n"] * (sizes_table["points n"] - 1) / 2 * 8 / 1e9
sizes_table["full matrix, GB"] = sizes_table["points n"] ** 2 * 8 / 1e9
sizes_table.round(3)

# %% [markdown]
# 10,000 users need 0.4 GB (SciPy's half matrix) or 0.8 GB (the full one), 50,000 already need 10 to 20 GB,
# and a million users would need 4 to 8 TB. That is the practical limit of roughly 10,000 to 50,000 points
# the textbook mentions; k-means needs memory only for the data and the centroids. Measured on this machine
# from 1,000 to 6,000 points (Ward linkage; the time and the peak memory, from Python's `tracemalloc`, in
# separate runs, because tracing every allocation slows the run down; each time is the best of three):

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: timings (and so the figure's numbers) differ from run to run.
measured_sizes = np.array([1000, 2000, 3000, 4000, 6000])
seconds, megabytes = [], []
for n in measured_sizes:
    X_n = np.random.default_rng(0).normal(size=(n, 2))
    best = np.inf
    for _ in range(3):  # the best of three runs: the least disturbed by other work on the machine
        start = time.perf_counter()
        linkage(X_n, "ward")
        best = min(best, time.perf_counter() - start)
    seconds.append(best)
    tracemalloc.start()
    linkage(X_n, "ward")
    megabytes.append(tracemalloc.get_traced_memory()[1] / 1e6)
    tracemalloc.stop()
measured = pd.DataFrame({"n": measured_sizes, "seconds": seconds, "peak MB": megabytes,
                         "8 n² bytes, MB": 8 * measured_sizes**2 / 1e6})
print(measured.round(3).to_string(index=False))
time_axes, memory_axes = plot_hierarchical_cost(measured_sizes, seconds, megabytes)
time_axes.set_title("Time: n² work plus a cost per merge")
plt.show()

# %% [markdown]
# Memory sits on the slope-2 line: the peak is almost exactly the $8 n^2$ bytes of the distance matrix
# (288 MB at 6,000 points). Time climbs more gently at these sizes: its fitted slope in the legend comes out
# below 2 (between 1.5 and 1.9 in our runs; the machine is shared, so yours will differ). The reason is the
# mix of two costs. Each of the $n - 1$ merges scans a row of the matrix, work proportional to $n$, so
# $n^2$ in all; but each merge also pays a fixed amount of Python bookkeeping, which adds up only like $n$.
# At a few thousand points that fixed part is still a good share of the time, which pulls the slope towards
# 1; the $n^2$ part takes over as $n$ grows. Long before the time hurts, the memory does. For larger data,
# cluster a sample hierarchically and assign the rest to the nearest cluster, or use k-means (or mini-batch
# k-means).

# %% [markdown]
# ## Your turn: the dendrogram cutter
#
# Drag the **cut height** slider and watch the points change colour as merges are undone, or set the
# number of **clusters** and let the line find its place. Where can you move the line a long way without
# changing the answer? Try `method="single"` on the bridged data (`dendrogram_cutter(bridged, "single")`)
# and look for a height that gives two sensible groups. If the widget shows only text, run the cell.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
dendrogram_cutter(users, "ward", n_clusters=3)

# %% [markdown]
# ## Summary
#
# - Agglomerative clustering starts from single points and repeatedly merges the two closest clusters; the
#   $n - 1$ merges and their heights are the linkage matrix, drawn as a dendrogram.
# - The linkage decides what "closest" means: single (nearest members), complete (farthest members),
#   average (mean of all pairs), Ward (least growth of the within-cluster sum of squares). All four update
#   their distances by the Lance-Williams formula.
# - Ward's merge cost is $\Delta J = \frac{|A||B|}{|A|+|B|}\lVert \mu_A - \mu_B \rVert^2$; SciPy and
#   scikit-learn draw it at $\sqrt{2\,\Delta J}$, which equals the plain distance for two single points.
# - Cutting the tree at a height, or into $K$ clusters, gives flat clusters; a long stretch without merges
#   marks a natural cut.
# - Single linkage chains along bridges of points; complete, average and Ward do not.
# - It needs all pairwise distances: memory grows like $n^2$ (and the time's $n^2$ part takes over as $n$
#   grows), which limits it to tens of thousands of points.

# %% [markdown]
# ## Check yourself
#
# 1. Clusters $A = \{0, 2\}$ and $B = \{5\}$ lie on a line. What are their single, complete, average and
#    Ward distances (Ward as $\Delta J$ and as the height)?
#
# <details><summary>Answer</summary>
#
# Single $\min(5, 3) = 3$; complete $\max(5, 3) = 5$; average $(5 + 3)/2 = 4$. Ward:
# $\Delta J = \frac{2 \cdot 1}{3} (1 - 5)^2 = 32/3 \approx 10.67$, drawn at $\sqrt{2 \cdot 32/3} \approx 4.62$.
#
# </details>
#
# 2. Why does Ward's merge cost grow with the sizes of the clusters, even when their centroids stay the same
#    distance apart?
#
# <details><summary>Answer</summary>
#
# Merging moves every point's centroid to the common mean. The more points move, the more squared
# distances grow: the factor $\frac{|A||B|}{|A|+|B|}$ counts that. So Ward merges small groups first and
# produces clusters of similar size.
#
# </details>
#
# 3. A dendrogram's last merge is at height 12 and the one before at 3. How many clusters do you read off,
#    and where would you cut?
#
# <details><summary>Answer</summary>
#
# Two: any cut between 3 and 12 undoes only the last merge. The long stretch from 3 to 12 says the two
# groups are far apart compared with anything inside them.
#
# </details>
#
# 4. Two customer groups are joined by a thin trail of in-between customers. Which linkage would you avoid,
#    and what would you see in its two-cluster result?
#
# <details><summary>Answer</summary>
#
# Single linkage: it merges along the trail, so its two clusters are nearly everybody and one isolated
# customer. Complete, average or Ward split the trail and find the two groups.
#
# </details>
#
# 5. You have 200,000 users. Why not run Ward linkage on all of them, and what could you do instead?
#
# <details><summary>Answer</summary>
#
# The pairwise distances alone need $8 \cdot 200{,}000^2 / 2$ bytes, 160 GB, and the time grows like
# $n^2$ as well. Cluster a random sample of a few thousand users hierarchically and assign everyone else
# to the nearest cluster centre, or use k-means or mini-batch k-means on everyone.
#
# </details>
