# %% [markdown]
# # 07 · Comparing algorithms
#
# You now know four ways to cluster. Put them side by side on the same data and each one wins somewhere
# and fails somewhere else. This lesson turns that into a choice you can defend: which algorithm, how to
# score it, what it costs, and the classic mistakes to avoid.
#
# ## Learning objectives
#
# By the end you can ...
#
# - run k-means, DBSCAN, agglomerative clustering (Ward and single linkage) and a Gaussian mixture on the same
#   data and read one table of silhouette, Davies-Bouldin, Calinski-Harabasz and ARI;
# - explain why an internal score can prefer the wrong clustering, and when the ARI is available at all;
# - choose an algorithm with a short decision tree and the data size;
# - state each algorithm's cost in time and memory and check it with a log-log plot of measured time;
# - use mini-batch k-means on 200,000 points and say what it trades for its speed;
# - recognise five pitfalls (no scaling, outliers, wrong K, round-cluster assumption, no stability check) and
#   fix each.

# %%
import time
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import sklearn.cluster
import sklearn.metrics
import sklearn.mixture
from sklearn.datasets import make_blobs, make_moons
from threadpoolctl import threadpool_limits

import course_lib

from course_lib import (DBSCAN, AgglomerativeClustering, GaussianMixture, KMeans, MiniBatchKMeans, StandardScaler,
                        adjusted_rand_score, silhouette_score)
from course_lib.plotting import (align_labels, clustering_scores, plot_algorithm_grid, plot_cluster_panels,
                                 plot_decision_tree, plot_minibatch_tradeoff, plot_score_curve,
                                 plot_score_heatmaps, plot_stability, plot_time_vs_n, use_course_style)

# Numerical libraries use one thread each: on a busy machine their threads would only wait for one another,
# and every timing below then measures one core doing the work.
threadpool_limits(limits=1)
use_course_style()

# %% [markdown]
# ## Four datasets, five clusterings
#
# The algorithms come from different families (seed 003 names them by what a cluster *is*):
#
# | family | a cluster is ... | algorithm here |
# |---|---|---|
# | centroid | the points nearest to one centre | k-means |
# | distribution | the points one Gaussian component most likely produced | Gaussian mixture (GMM) |
# | density | a crowded region, bounded by sparse space | DBSCAN |
# | connectivity | a branch of the tree of merges | agglomerative, Ward and single linkage |
#
# (A fifth family, neural models, first learns a low-dimensional embedding and then clusters it with one of
# these; it is beyond this course.)
#
# Four small datasets of 500 points, each built to favour a different idea: round **blobs**, two
# interleaved **moons**, **anisotropic** (stretched) blobs, and blobs of **varied density**. They come from
# scikit-learn's generators with fixed seeds, so the true groups are known. Every dataset is standardized
# first, and every algorithm gets one setting for all four, as you would use it without knowing the answer:
# the true number of groups $K$ where an algorithm needs it, and `eps = 0.25`, `min_samples = 10` for DBSCAN.

# %%
def make_datasets(n=500, seed=170):
    blobs, blob_truth = make_blobs(n_samples=n, centers=3, random_state=seed)
    moons, moon_truth = make_moons(n_samples=n, noise=0.05, random_state=seed)
    stretched = blobs @ np.array([[0.6, -0.6], [-0.4, 0.8]])
    varied, varied_truth = make_blobs(n_samples=n, cluster_std=[1.0, 2.5, 0.5], random_state=seed)
    raw = {"blobs": (blobs, blob_truth), "moons": (moons, moon_truth),
           "anisotropic": (stretched, blob_truth), "varied density": (varied, varied_truth)}
    return {name: (StandardScaler().fit_transform(X), truth) for name, (X, truth) in raw.items()}


def make_algorithms(k, library=course_lib):
    """The five clusterings; `library` is any module with scikit-learn's class names."""
    return {
        "k-means": library.KMeans(n_clusters=k, n_init=10, random_state=0),
        "DBSCAN": library.DBSCAN(eps=0.25, min_samples=10),
        "Ward": library.AgglomerativeClustering(n_clusters=k, linkage="ward"),
        "single linkage": library.AgglomerativeClustering(n_clusters=k, linkage="single"),
        "GMM (full)": library.GaussianMixture(n_components=k, covariance_type="full", random_state=0),
    }


data = make_datasets()
found = {}
for name, (X, truth) in data.items():
    k = len(np.unique(truth))
    found[name] = {algorithm: model.fit_predict(X) for algorithm, model in make_algorithms(k).items()}

# %% [markdown]
# Each panel shows one algorithm (column) on one dataset (row). Colours are matched to the true groups as
# far as possible, grey points are DBSCAN's noise, and the corner gives the ARI against the truth
# (1 = the true groups exactly, 0 = no better than chance).

# %%
scores, coloured, ari = {}, {}, {}
for name, (X, truth) in data.items():
    scores[name] = {algorithm: clustering_scores(X, labels, truth) for algorithm, labels in found[name].items()}
    coloured[name] = {algorithm: align_labels(labels, truth) for algorithm, labels in found[name].items()}
    ari[name] = {algorithm: s["ARI"] for algorithm, s in scores[name].items()}
plot_algorithm_grid({name: X for name, (X, _) in data.items()}, coloured, scores=ari)
plt.show()

# %% [markdown]
# Read it column by column:
#
# - **k-means** and **Ward** are perfect on round blobs, cut the moons straight through and slice the
#   stretched blobs across their long axis: both look for compact, round groups.
# - **DBSCAN** follows the moons exactly and the stretched blobs too, but with one `eps` it cannot suit a
#   dense and a sparse group at once: on varied density it labels much of the sparse group noise.
# - **Single linkage** follows the moons too, but on the other three it chains from group to group through
#   the points in between, merges them, and spends its remaining clusters on a few stragglers.
# - The **GMM** with full covariances fits stretched and unequal groups, because each component has its own
#   ellipse, but it cannot bend around a moon.

# %% [markdown]
# ## One table of scores
#
# The truth is a luxury of teaching data. On real users you only have internal scores (lesson 03):
#
# $$ s(i) = \frac{b(i) - a(i)}{\max\{a(i), b(i)\}}, \qquad
#    \mathrm{DB} = \frac{1}{K}\sum_{j} \max_{l \ne j}
#    \frac{\sigma_j + \sigma_l}{\lVert \mu_j - \mu_l \rVert}, \qquad
#    \mathrm{CH} = \frac{\operatorname{tr}(B_K)/(K-1)}{\operatorname{tr}(W_K)/(n-K)} $$
#
# (silhouette: higher is better; Davies-Bouldin: lower is better; Calinski-Harabasz: higher is better).
# DBSCAN's noise points belong to no cluster, so the internal scores are computed on its clustered points;
# the ARI counts noise as one more group, so discarding points is not free. All scores come from
# `course_lib.metrics`.

# %%
table = pd.DataFrame([{"dataset": name, "algorithm": algorithm, **s}
                      for name, by_algorithm in scores.items() for algorithm, s in by_algorithm.items()])
table = table.set_index(["dataset", "algorithm"])
table.round({"noise": 3, "silhouette": 3, "davies_bouldin": 3, "calinski_harabasz": 1, "ARI": 3})

# %%
plot_score_heatmaps(table)
plt.show()

# %% [markdown]
# Each row is coloured from worst (light) to best (dark) on that dataset, best in bold. Compare the first
# panel with the last. On the **moons**, the silhouette ranks k-means (0.50) above DBSCAN and single linkage
# (0.38), which are the only two that found the moons (ARI 1). The same happens on the stretched blobs. On
# varied density DBSCAN looks best on all three internal scores, because it threw the hardest points out as
# noise; only the ARI charges it for them.
# Internal scores reward compact, well-separated, round groups; they are blind to shape. Davies-Bouldin and
# Calinski-Harabasz share the bias because they too are built from centroids and spreads. So: use internal
# scores to compare settings *of one algorithm* (K, eps), look at the clusters, and never let a single
# number pick the family for you.

# %% [markdown]
# ### Checking against scikit-learn
#
# Every one of the 20 clusterings, and every score, is recomputed with scikit-learn on the same data and
# the same settings (the same `random_state` means the same k-means++ and EM starts). Because `course_lib`
# uses scikit-learn's class and parameter names, the same `make_algorithms` builds both: only the library
# changes. Labels must be identical and scores equal to $10^{-10}$.

# %%
scikit_learn = SimpleNamespace(KMeans=sklearn.cluster.KMeans, DBSCAN=sklearn.cluster.DBSCAN,
                               AgglomerativeClustering=sklearn.cluster.AgglomerativeClustering,
                               GaussianMixture=sklearn.mixture.GaussianMixture)
for name, (X, truth) in data.items():
    for algorithm, model in make_algorithms(len(np.unique(truth)), library=scikit_learn).items():
        theirs = model.fit_predict(X)
        assert np.array_equal(found[name][algorithm], theirs), (name, algorithm)
        clustered = theirs != -1
        ours, kept, kept_labels = scores[name][algorithm], X[clustered], theirs[clustered]
        if ours["clusters"] >= 2:
            assert np.isclose(ours["silhouette"], sklearn.metrics.silhouette_score(kept, kept_labels), rtol=1e-10)
            assert np.isclose(ours["davies_bouldin"], sklearn.metrics.davies_bouldin_score(kept, kept_labels),
                              rtol=1e-10)
            assert np.isclose(ours["calinski_harabasz"],
                              sklearn.metrics.calinski_harabasz_score(kept, kept_labels), rtol=1e-10)
        assert np.isclose(ours["ARI"], sklearn.metrics.adjusted_rand_score(truth, theirs), rtol=1e-10, atol=1e-12)
print("20 clusterings and their scores: identical to scikit-learn")

# %% [markdown]
# ## Choosing: the selection guide and a decision tree
#
# What each algorithm is good at, and what it costs you (seed 000's selection guide, with seed 003's notes):
#
# | algorithm | strengths | weaknesses | use it for |
# |---|---|---|---|
# | k-means | fast, scales to millions, simple to explain | needs K; round, similar-sized clusters; pulled by outliers; depends on the start | well-separated, compact segments |
# | DBSCAN | finds K itself, any shape, labels noise | `eps`/`min_samples` to tune; one density for all clusters; no centres to describe clusters | odd shapes with noise |
# | hierarchical | the dendrogram shows every K at once; easy to explain | $O(n^2)$ memory, slow; a merge is never undone; single linkage chains | small data, nested groups |
# | Gaussian mixture | soft membership; stretched, overlapping clusters | slower; assumes Gaussian shapes; can collapse without regularisation | overlapping, elliptical segments |
# | mean shift (not in this course) | finds K itself, robust, seeks the densest modes | very slow; the bandwidth to tune; memory | mode seeking, e.g. in images |
#
# The first question to ask is whether you know how many clusters you want. The tree below (after the
# textbook's figure) turns the guide into three yes/no questions; the strip under it is seed 000's advice
# by data size. The thick path is the moons: K unknown in practice, noise present, so DBSCAN.

# %%
plot_decision_tree(path=("no", "yes"))
plt.show()

# %% [markdown]
# The tree is a starting point, not a verdict: above, the GMM was the only algorithm to recover the
# stretched blobs, although you would answer "yes, I know K". Try two candidates and look at the clusters.

# %% [markdown]
# ## What it costs: time against n
#
# With $n$ points, $d$ features, $k$ clusters, $i$ iterations and mini-batches of $b$ points:
#
# | algorithm | time | memory |
# |---|---|---|
# | k-means (Lloyd) | $O(n\,k\,d\,i)$ | $O((n + k)\,d)$ |
# | mini-batch k-means | $O(b\,k\,d)$ per step, and $O(n\,k\,d)$ once to label every point | $O((n + k)\,d)$, or $O((b + k)\,d)$ streaming |
# | DBSCAN with a grid or tree index | $O(n \log n + \text{neighbour pairs})$; $O(n^2)$ when `eps` covers much of the data | $O(n + \text{neighbour pairs})$ |
# | hierarchical (Lance-Williams, NN-chain or spanning tree) | $O(n^2)$ distance updates ($O(n^3)$ for the textbook loop) | $O(n^2)$ |
# | Gaussian mixture, full covariances | $O(n\,k\,d^2\,i)$, plus $O(k\,d^3)$ per step | $O(n\,k + k\,d^2)$ |
#
# Two of seed 000's figures differ from this. Its summary table gives the GMM time as $O(nk^2)$; but each
# EM step evaluates every point under every component once, at $O(d^2)$ each, which is $O(nkd^2)$ per step,
# linear in $k$, as its own appendix says. Its appendix gives mini-batch k-means $O(kdi)$, leaving out the
# batch size: each step assigns $b$ points, so a step costs $O(bkd)$.
#
# On log-log axes, $t = c\,n^p$ becomes a straight line of slope $p$: $\log t = \log c + p \log n$. We time
# one fit of each algorithm on growing samples of the same 2-D data (5 groups, standardized). The
# hierarchical methods stop at 8,000 points: their distance matrix alone grows with $n^2$ (our full matrix
# is 512 MB at 8,000). For DBSCAN we shrink `eps` like $1/\sqrt{n}$, so that a typical neighbourhood keeps
# about the same number of points; with a fixed `eps` the neighbourhoods grow with $n$ and so does the time
# per point. scikit-learn's Ward is timed alongside ours: its code is compiled, so it is faster.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: timings differ on every run and machine.
def seconds(fit, X, repeats):
    best = np.inf
    for _ in range(repeats):
        tic = time.perf_counter()
        fit(X)
        best = min(best, time.perf_counter() - tic)
    return best


pool, _ = make_blobs(n_samples=64_000, centers=5, cluster_std=1.5, random_state=0)
pool = StandardScaler().fit_transform(pool)
large, small = [1_000, 4_000, 16_000, 64_000], [1_000, 2_000, 4_000, 8_000]
timed = {
    "k-means": (large, 3, lambda X: KMeans(n_clusters=5, n_init=1, random_state=0).fit(X)),
    "mini-batch k-means": (large, 3, lambda X: MiniBatchKMeans(n_clusters=5, random_state=0).fit(X)),
    "DBSCAN": (large, 3, lambda X: DBSCAN(eps=0.2 * np.sqrt(1_000 / len(X)), min_samples=10).fit(X)),
    "GMM (full)": (large, 3, lambda X: GaussianMixture(n_components=5, random_state=0).fit(X)),
    "Ward": (small, 1, lambda X: AgglomerativeClustering(n_clusters=5, linkage="ward").fit(X)),
    "single linkage": (small, 1, lambda X: AgglomerativeClustering(n_clusters=5, linkage="single").fit(X)),
    "scikit-learn Ward": (small, 1, lambda X: sklearn.cluster.AgglomerativeClustering(n_clusters=5).fit(X)),
}
measured = {}
for name, (sizes, repeats, fit) in timed.items():
    fit(pool[:sizes[0]])  # warm-up: the first call pays for loading code and memory
    measured[name] = (sizes, [seconds(fit, pool[:n], repeats) for n in sizes])
plot_time_vs_n(measured)
plt.show()
for name in ("Ward", "scikit-learn Ward"):
    at_largest = measured[name][1][-1]
    print(f"{name}: {at_largest:.2f} s at {small[-1]:,} points; growing like n², 100,000 points would take "
          f"about {at_largest * (100_000 / small[-1]) ** 2 / 60:.0f} minutes")

# %% [markdown]
# The legend gives each fitted slope (yours will differ a little: the machine is shared). k-means, DBSCAN
# (with its neighbourhoods kept small) and the GMM climb at slopes near 1: ten times the users, roughly ten
# times the time. Mini-batch k-means climbs more slowly: its steps do not depend on $n$, only the final
# labelling does. The hierarchical methods climb more steeply. scikit-learn's Ward, compiled, spends nearly
# all its time on the $n^2$ distance work, and its slope comes out at 2 or a little above. Ours is Python
# around NumPy: each of the $n - 1$ merges also pays a fixed cost of bookkeeping, a part that grows only like
# $n$, so at these sizes our slopes usually come out lower than scikit-learn's, single linkage's lowest (its
# steps do the least work each).
#
# Growing like $n^2$, 100,000 users take $(100{,}000 / 8{,}000)^2 \approx 156$ times as long as 8,000: minutes
# (the estimate is printed under the figure), not hours. What rules hierarchical clustering out is
# memory: $n(n-1)/2$ distances of 8 bytes are 40 GB at 100,000 users (80 GB as our full $n \times n$ matrix).
# This is the measured version of seed 000's rule of thumb: up to about 10,000 points anything works; beyond
# 100,000, use k-means or its mini-batch variant.

# %% [markdown]
# ## Mini-batch k-means on 200,000 points
#
# Full k-means reads all $n$ points in every iteration. Mini-batch k-means (Sculley, 2010) draws a random
# batch $B$ of $b$ points, assigns them to their nearest centroids, and moves each centroid $\mu_j$ to the
# running mean of every point it has absorbed so far ($n_j$ of them before this batch):
#
# $$ \mu_j \leftarrow \frac{n_j\,\mu_j + \sum_{x \in B_j} x}{n_j + |B_j|}, \qquad n_j \leftarrow n_j + |B_j|. $$
#
# Each point's pull shrinks like $1/n_j$, so the centroids settle down. It stops when the smoothed batch
# inertia has not improved for 10 batches. The centroids end near, not at, a k-means fixed point.
#
# Our test: 200,000 users described by three features that form one continuous, elongated cloud, as real
# behaviour often does, cut into 8 segments. Full k-means and mini-batch k-means with three batch sizes each
# get one k-means++ start.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: timings differ on every run and machine.
big = np.random.default_rng(0).normal(size=(200_000, 3)) * [3.0, 2.0, 1.0]
runs, runtime = {}, {}
candidates = {"full k-means": KMeans(n_clusters=8, n_init=1, random_state=0)}
for batch_size in (256, 1024, 4096):
    candidates[f"mini-batch, b = {batch_size}"] = MiniBatchKMeans(n_clusters=8, batch_size=batch_size,
                                                                  random_state=0)
for name, model in candidates.items():
    tic = time.perf_counter()
    runs[name] = model.fit(big)
    runtime[name] = time.perf_counter() - tic
plot_minibatch_tradeoff({name: (runtime[name], run.inertia_) for name, run in runs.items()},
                        reference="full k-means")
plt.show()

# %%
full = runs["full k-means"]
for name, run in runs.items():
    passes = run.n_iter_ if name == "full k-means" else run.n_steps_ * run.batch_size / len(big)
    print(f"{name:>22}: inertia {run.inertia_:12,.0f} ({run.inertia_ / full.inertia_ - 1:+.2%}), "
          f"points read {passes:5.1f} x n")

# %% [markdown]
# Full k-means needed 41 passes over the data. With batches of 256 and 1,024 points, mini-batch k-means
# stopped after reading about a tenth of the data, in a fraction of the time (mostly the final labelling of
# all 200,000 points), and ended 1.5 to 4 % above full k-means' inertia: slightly worse centroids, not a
# failure. With batches of 4,096 it took 128 steps (2.6 passes) before its smoothed batch inertia stopped
# improving, and on our machine it was no faster than full k-means: the batch size is a setting to tune
# too. On 10 million users, 41 passes against a fraction of one is the difference between hours and
# minutes. Our mini-batch k-means follows exactly the path of scikit-learn's, given the same `random_state`
# (it draws the same batches):

# %%
theirs = sklearn.cluster.MiniBatchKMeans(n_clusters=8, batch_size=1024, random_state=0).fit(big)
ours = runs["mini-batch, b = 1024"]
assert ours.n_steps_ == theirs.n_steps_
assert np.allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-10, atol=1e-8)
assert np.array_equal(ours.labels_, theirs.labels_)
assert np.isclose(ours.inertia_, theirs.inertia_, rtol=1e-10)
print(f"same {ours.n_steps_} steps, same centroids and labels as scikit-learn")

# %% [markdown]
# ## Pitfalls and their fixes
#
# Five mistakes from seed 000, each shown on a small dataset: the failure first, then the fix.
#
# ### 1. Not scaling the features
#
# Two features in different units: monthly spend in euros (spread over thousands) and sessions per week
# (0 to 20). The two groups differ only in sessions, but Euclidean distance is dominated by the euros.

# %%
rng = np.random.default_rng(0)
heavy = np.repeat([0, 1], 200)
users = np.column_stack([rng.normal(2_000, 600, 400), np.where(heavy, 12, 3) + rng.normal(0, 1.5, 400)])
raw_labels = KMeans(n_clusters=2, n_init=10, random_state=0).fit_predict(users)
scaled_users = StandardScaler().fit_transform(users)
scaled_labels = KMeans(n_clusters=2, n_init=10, random_state=0).fit_predict(scaled_users)
print(f"ARI without scaling: {adjusted_rand_score(heavy, raw_labels):.3f}, "
      f"after StandardScaler: {adjusted_rand_score(heavy, scaled_labels):.3f}")

# %%
plot_cluster_panels([users, scaled_users], [raw_labels, scaled_labels], ncols=2,
                    titles=["raw: k-means cuts along the euros", "standardized: it finds the two groups"],
                    xlabel=["spend (EUR / month)", "spend (z-score)"],
                    ylabel=["sessions / week", "sessions (z-score)"])
plt.show()

# %% [markdown]
# **Fix:** standardize (or min-max scale) before any distance-based method, so each feature gets a say.
#
# ### 2. Ignoring outliers
#
# Three groups of users and six extreme accounts far away (bots, or the top 1 % of seed 001). k-means must
# give every point to some centroid, and one centroid is sacrificed to the outliers.

# %%
groups, group = make_blobs(n_samples=300, centers=[[0, 0], [4, 0], [2, 3.5]], cluster_std=0.6, random_state=1)
extremes = np.array([[14, 12], [15, 13], [13.5, 14], [16, 12.5], [14.5, 15], [15.5, 14]])
with_outliers = np.vstack([groups, extremes])
pulled = KMeans(n_clusters=3, n_init=10, random_state=0).fit(with_outliers)
noise = DBSCAN(eps=0.6, min_samples=5).fit_predict(with_outliers) == -1
cleaned = KMeans(n_clusters=3, n_init=10, random_state=0).fit(with_outliers[~noise])
ordinary_kept = ~noise[:300]  # the ordinary users DBSCAN kept come first among the points kept
print(f"DBSCAN noise: {noise.sum()} points, of them {noise[300:].sum()} of the 6 outliers")
print(f"ARI on the ordinary users: with outliers {adjusted_rand_score(group, pulled.labels_[:300]):.3f}, "
      f"outliers set aside {adjusted_rand_score(group[ordinary_kept], cleaned.labels_[:ordinary_kept.sum()]):.3f}")

# %%
plot_cluster_panels([with_outliers, with_outliers[~noise]], [pulled.labels_, cleaned.labels_],
                    centers=[pulled.cluster_centers_, cleaned.cluster_centers_], ncols=2,
                    titles=["one centroid goes to 6 outliers", "outliers set aside by DBSCAN first"])
plt.show()

# %% [markdown]
# **Fix:** find outliers before clustering (DBSCAN's noise, a percentile filter as in seed 001, or an
# isolation forest), set them aside, and describe them separately: they are often your most interesting users.
#
# ### 3. The wrong K
#
# Too few clusters merge different users; too many split one kind of user into arbitrary pieces. Both runs
# "converge" without complaint.

# %%
four, _ = make_blobs(n_samples=400, centers=[[0, 0], [5, 0], [0, 5], [5.5, 5.5]], cluster_std=0.9, random_state=4)
silhouettes = {k: silhouette_score(four, KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(four))
               for k in range(2, 9)}
plot_cluster_panels(four, [KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(four) for k in (2, 4, 7)],
                    ncols=3, panel_size=(3.6, 3.2),
                    titles=[f"K = {k}: silhouette {silhouettes[k]:.3f}" for k in (2, 4, 7)])
plt.show()
plot_score_curve(silhouettes, name="silhouette", title="The silhouette peaks at the true K = 4")
plt.show()

# %% [markdown]
# **Fix:** never trust one criterion. Combine the elbow, the silhouette (and Davies-Bouldin) with what the
# clusters mean for the product (lesson 03).
#
# ### 4. Assuming round clusters
#
# k-means' boundaries are straight lines halfway between centroids, so it prefers round clusters of similar
# spread. The stretched blobs from the top of the lesson show the cost.

# %%
stretched, stretched_truth = data["anisotropic"]
round_guess = found["anisotropic"]["k-means"]
elliptical = found["anisotropic"]["GMM (full)"]
print(f"ARI k-means: {adjusted_rand_score(stretched_truth, round_guess):.3f}, "
      f"GMM with full covariances: {adjusted_rand_score(stretched_truth, elliptical):.3f}")
plot_cluster_panels(stretched, [align_labels(labels, stretched_truth) for labels in (round_guess, elliptical)],
                    ncols=2, titles=["k-means: cut across the long axis", "GMM (full): one ellipse per group"])
plt.show()

# %% [markdown]
# **Fix:** try an algorithm whose clusters can take the shape you see: a Gaussian mixture for stretched or
# overlapping groups, DBSCAN for arbitrary shapes.
#
# ### 5. Not checking stability
#
# A k-means run depends on its random start. We cluster five groups with one random start per run, ten
# different seeds, and compare every pair of runs by their ARI. Then the same with k-means++ and ten starts
# per run (`n_init=10`), keeping the best.

# %%
five, _ = make_blobs(n_samples=500, centers=5, cluster_std=1.2, random_state=8)


def pairwise_agreement(make_model, ks=range(2, 8), seeds=range(10)):
    agreement = {}
    for k in ks:
        runs_k = [make_model(k, seed).fit_predict(five) for seed in seeds]
        agreement[k] = [adjusted_rand_score(runs_k[a], runs_k[b])
                        for a in range(len(runs_k)) for b in range(a + 1, len(runs_k))]
    return agreement


one_start = pairwise_agreement(lambda k, seed: KMeans(n_clusters=k, init="random", n_init=1, random_state=seed))
ten_starts = pairwise_agreement(lambda k, seed: KMeans(n_clusters=k, n_init=10, random_state=seed))
print("smallest ARI between two runs at K = 5:",
      f"one random start {min(one_start[5]):.3f}, k-means++ with 10 starts {min(ten_starts[5]):.3f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 3.8), sharey=True)
plot_stability(one_start, ax=axes[0], threshold=0.9, highlight=5, title="One random start per run")
plot_stability(ten_starts, ax=axes[1], threshold=0.9, highlight=5, title="k-means++, best of 10 starts")
plt.tight_layout()
plt.show()

# %% [markdown]
# With one random start, some pairs of runs disagree even at the right K. With several k-means++ starts
# the runs agree at K = 5 (every ARI above 0.96), while at K = 6 or 7 they still disagree: the data have no
# natural way to split further. Stability is necessary, not sufficient: K = 2 to 4 are stable too, because
# merging whole groups is also a repeatable answer. **Fix:** run with several seeds (and, on user data,
# several cohorts, as in lesson 03), and report only clusters that come back every time.

# %% [markdown]
# ## Summary
#
# - No algorithm wins everywhere: k-means and Ward want round groups, DBSCAN wants one density, single
#   linkage chains, a full-covariance GMM handles stretched groups but not curved ones.
# - Silhouette, Davies-Bouldin and Calinski-Harabasz favour compact round clusters; they can rank a wrong
#   clustering first. Use them to tune one algorithm, and look at the clusters.
# - Choose by three questions (K known? round? noise?) and by size: beyond ~100,000 points, k-means or
#   mini-batch k-means; hierarchical clustering needs $O(n^2)$ memory.
# - Measured on log-log axes, k-means, DBSCAN (small neighbourhoods) and the GMM grow with slope about 1,
#   hierarchical clustering more steeply, towards 2; its real limit is the $n^2$ memory (40 GB at 100,000).
# - Mini-batch k-means reads from a fraction of a pass to a few passes over the data (0.1 to 2.6 here)
#   instead of the 41 of full k-means, and lands a few per cent above full k-means' inertia.
# - Scale the features, set outliers aside, choose K with several criteria, match the cluster shape, and
#   check stability across seeds.

# %% [markdown]
# ## Check yourself
#
# 1. On the moons, k-means has a higher silhouette than DBSCAN, yet DBSCAN's ARI is 1. How can both be true,
#    and which would you believe on real user data, where there is no ARI?
#
# <details><summary>Answer</summary>
#
# The silhouette compares distances within and between clusters; two half-moons cut straight across give
# compact halves, which it likes, while each true moon is long and curved, so its far ends are far apart.
# The ARI compares with the truth, which real data do not have. There, use the silhouette to tune one
# algorithm's settings, but judge the family by looking at the clusters and asking whether they make sense.
#
# </details>
#
# 2. You have 2 million app users and want 6 segments. Which algorithm, and why not hierarchical clustering?
#
# <details><summary>Answer</summary>
#
# Mini-batch k-means (or k-means on a sample, then assign everyone to the nearest centroid). Hierarchical
# clustering needs all pairwise distances: $2 \times 10^{12}$ of them, 16 TB as float64, and time growing
# like $n^2$.
#
# </details>
#
# 3. A log-log plot of time against n shows a line of slope 2. If 10,000 points take 4 seconds, about how long
#    do 100,000 points take?
#
# <details><summary>Answer</summary>
#
# Ten times the points at slope 2 is $10^2 = 100$ times the time: about 400 seconds. At slope 1 it would be
# 40 seconds.
#
# </details>
#
# 4. Seed 000 lists the time of a GMM as $O(nk^2)$. What is the cost of one EM step with full covariances, and
#    why?
#
# <details><summary>Answer</summary>
#
# $O(nkd^2)$ (plus $O(kd^3)$ to factor the $k$ covariance matrices). The E-step evaluates each of the $n$
# points under each of the $k$ components, and one Gaussian density with a full $d \times d$ covariance costs
# $O(d^2)$; the M-step's weighted covariances cost the same. It is linear in $k$, not quadratic.
#
# </details>
#
# 5. Your k-means segments look different every time a colleague reruns the notebook. Name two causes and two
#    fixes.
#
# <details><summary>Answer</summary>
#
# Causes: an unfixed random start (no `random_state`) with a single start; or a K at which the data have
# no stable split (or features that were not scaled, so noise in one large feature decides). Fixes: fix the
# seed and use k-means++ with several starts (`n_init`); check agreement between runs (ARI across seeds and
# cohorts) and choose a K at which runs agree.
#
# </details>
