# %% [markdown]
# # 04 · DBSCAN
#
# k-means needs K and draws round clusters around centroids. DBSCAN needs neither: it calls a place
# a cluster when points crowd together there, follows the crowd wherever it bends, and leaves loners out.
#
# ## Learning objectives
#
# By the end you can ...
#
# - define the eps-neighbourhood and tell core, border and noise points apart, formally and on a picture;
# - run DBSCAN by hand on a handful of points and check your answer with a hand-check form;
# - explain why DBSCAN separates two interleaved moons where k-means cannot;
# - predict what a larger or smaller `eps` or `min_samples` does, and pick `eps` from a k-distance plot;
# - recognise the case DBSCAN handles badly: clusters of very different density, as in real app data.

# %%
import inspect

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.datasets import make_moons

from course_lib import DBSCAN, PCA, GaussianMixture, KMeans, StandardScaler, adjusted_rand_score, k_distance
from course_lib.datasets import load_user_data
from course_lib.dbscan import dbscan_textbook, expand_cluster
from course_lib.handcalc import dbscan_by_hand, examples
from course_lib.plotting import (align_labels, plot_cluster_panels, plot_eps_grid, plot_eps_neighbourhoods,
                                 plot_k_distance, plot_point_types, use_course_style)
from course_lib.widgets import dbscan_explorer, hand_check

use_course_style()

# %% [markdown]
# ## Density in one radius: the eps-neighbourhood
#
# DBSCAN (density-based spatial clustering of applications with noise; Ester, Kriegel, Sander and Xu,
# 1996) measures density in the simplest way there is: draw a circle of radius $\varepsilon$ (`eps`)
# around a point and count who is inside. The **eps-neighbourhood** of a point $p$ in the data set $D$ is
#
# $$N_\varepsilon(p) = \{\, q \in D : d(p, q) \le \varepsilon \,\}$$
#
# with the Euclidean distance $d$ unless you choose another. The point itself is at distance 0, so it
# always belongs to its own neighbourhood: a lonely point has $|N_\varepsilon(p)| = 1$, not 0.
#
# A small example: two groups of users and three strays, 27 points in all.

# %%
rng = np.random.default_rng(0)
toy = np.round(np.vstack([rng.normal([0, 0], 0.45, (14, 2)), rng.normal([3.2, 1.4], 0.4, (10, 2)),
                          [[1.5, 2.4], [4.8, -0.8], [-1.4, 2.2]]]), 2)
toy_eps, toy_min_samples = 0.6, 5
toy_model = DBSCAN(toy_eps, min_samples=toy_min_samples).fit(toy)
one_of_each = [int(np.flatnonzero(toy_model.point_types_ == kind)[0]) for kind in ("core", "border", "noise")]
plot_eps_neighbourhoods(toy, toy_eps, one_of_each, title="Three neighbourhoods with eps = 0.6")
plt.show()

# %% [markdown]
# Inside the first group a circle of radius 0.6 catches many points; at the group's edge it catches
# fewer; around a stray it catches only the stray itself. That count is all DBSCAN knows about density.

# %% [markdown]
# ## Core, border and noise
#
# A second number, `min_samples` (the textbooks' MinPts), turns the count into a decision. With both
# numbers fixed:
#
# - $p$ is a **core point** when its neighbourhood is crowded enough: $|N_\varepsilon(p)| \ge \text{min\_samples}$
#   (the point itself counts).
# - $q$ is **directly density-reachable** from $p$ when $p$ is a core point and $q \in N_\varepsilon(p)$.
# - $q$ is **density-reachable** from $p$ when a chain $p = c_0, c_1, \dots, c_m = q$ exists in which each
#   $c_{i}$ is directly density-reachable from $c_{i-1}$: every link but the last starts at a core point.
# - A **cluster** is a largest set of points that are all density-reachable from one and the same core
#   point. Two core points within $\varepsilon$ of each other always end up in the same cluster.
# - A **border point** is not core itself but lies in the neighbourhood of some core point: it belongs
#   to a cluster without extending it.
# - A **noise point** is neither core nor within $\varepsilon$ of any core point. It gets the label $-1$.
#
# `course_lib.DBSCAN` returns all three: `labels_`, `core_sample_indices_` and `point_types_`.

# %%
types = pd.Series(toy_model.point_types_).value_counts().reindex(["core", "border", "noise"])
print(f"eps = {toy_eps}, min_samples = {toy_min_samples}: {toy_model.labels_.max() + 1} clusters")
print(types.to_string())

# %%
plot_point_types(toy, toy_model.labels_, toy_model.point_types_, eps=toy_eps,
                 title="Core (large), border (ringed), noise (crosses)")
plt.show()

# %% [markdown]
# The dotted circles are the neighbourhoods of the core points. Every ringed border point sits inside
# at least one of them; no cross does. scikit-learn returns the same clusters and the same core points:

# %%
from sklearn.cluster import DBSCAN as SklearnDBSCAN

sk_toy = SklearnDBSCAN(eps=toy_eps, min_samples=toy_min_samples).fit(toy)
assert np.array_equal(toy_model.labels_, sk_toy.labels_)
assert np.array_equal(toy_model.core_sample_indices_, sk_toy.core_sample_indices_)

# %% [markdown]
# ## The algorithm, run by hand
#
# DBSCAN visits the points in order and grows one cluster at a time:
#
# 1. Find the eps-neighbourhood of every point and mark the core points.
# 2. Take the next point. If it is a core point that no cluster has reached yet, open a new cluster.
# 3. **Expand** the cluster: put the core point's neighbours in a queue; every point taken from the queue
#    joins the cluster, and if it is a core point too, its own neighbours join the queue. Border points
#    join but pass nothing on, which is why a cluster stops at its border.
# 4. When the queue is empty, go back to step 2. Points no cluster ever reached are noise.
#
# Step 3 is a breadth-first search. This is the whole of it in `course_lib`, written for reading:

# %%
print(inspect.getsource(expand_cluster))

# %% [markdown]
# `dbscan_textbook` wraps it in the loop of step 2. `DBSCAN` gives the same labels without ever building
# the full distance matrix (it looks only at nearby grid cells), which is what makes it usable on
# large data:

# %%
textbook_labels, textbook_core = dbscan_textbook(toy, eps=toy_eps, min_samples=toy_min_samples)
assert np.array_equal(textbook_labels, toy_model.labels_)
assert np.array_equal(np.flatnonzero(textbook_core), toy_model.core_sample_indices_)

# %% [markdown]
# Now with a pencil. Exercise 10 of the textbook chapter (seed 002): with $\varepsilon = 2$ and
# MinPts $= 3$, classify the points $(0,0), (1,0), (0,1), (5,5), (1,1), (10,10)$. Try it first, then
# read the trace:

# %%
exercise = examples.exercise_10_dbscan
print(exercise.trace)

# %%
trace = exercise.trace
plot_point_types(trace.points, trace.labels, trace.types, eps=trace.eps, names=trace.names,
                 title="Exercise 10: eps = 2, MinPts = 3")
plt.show()

# %% [markdown]
# The four points near the origin are all within $\sqrt 2 \approx 1.41$ of each other, so each has 4
# points in reach and is core; $(5,5)$ and $(10,10)$ have only themselves. This exercise has no border
# point at all. Add the point $(3, 1)$ and one appears: it is exactly 2 from $(1,1)$ (within reach of a
# core point), but only 2 points, itself and $(1,1)$, are within 2 of it.

# %%
with_border = dbscan_by_hand(trace.points.tolist() + [[3, 1]], eps=2, min_samples=3,
                             names=list(trace.names) + ["(3,1)"])
print(dict(zip(with_border.names, with_border.types.tolist())))

# %% [markdown]
# Check your own classification of the original six points here (type core, border or noise; the
# cluster numbers start at 0, noise is -1):

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
hand_check(examples.exercise_10_dbscan)

# %% [markdown]
# ## Moons: where k-means fails and DBSCAN succeeds
#
# Two interleaved half-circles, like two user journeys that curve around each other, plus 15 stray
# points scattered over the plane. k-means cuts the plane into two halves along a straight line, because
# each point simply joins the nearer centroid. DBSCAN follows the density along each curve.

# %%
moon_points, moon = make_moons(n_samples=300, noise=0.05, random_state=0)
strays = np.random.default_rng(0).uniform([-1.5, -1.0], [2.5, 1.5], size=(15, 2))
moons = np.vstack([moon_points, strays])
moon_truth = np.r_[moon, np.full(len(strays), -1)]  # -1: the strays belong to no moon

moons_kmeans = KMeans(n_clusters=2, random_state=0).fit(moons)
moons_dbscan = DBSCAN(0.2, min_samples=5).fit(moons)
on_moon = moon_truth >= 0
print(f"k-means, K = 2 : ARI on the moon points = {adjusted_rand_score(moon, moons_kmeans.labels_[on_moon]):.3f}")
print(f"DBSCAN, eps 0.2: ARI on the moon points = {adjusted_rand_score(moon, moons_dbscan.labels_[on_moon]):.3f}, "
      f"strays marked noise: {np.sum(moons_dbscan.labels_[~on_moon] == -1)} of {len(strays)}")

# %%
plot_cluster_panels(moons, [moons_kmeans.labels_, moons_dbscan.labels_], ncols=2,
                    centers=[moons_kmeans.cluster_centers_, None],
                    titles=["k-means, K = 2: a straight cut", "DBSCAN, eps = 0.2: two moons and noise (grey)"])
plt.show()

# %% [markdown]
# The adjusted Rand index (ARI, 1 for a perfect match, about 0 for chance) says it in numbers. Both
# results are the ones scikit-learn computes:

# %%
from sklearn.cluster import KMeans as SklearnKMeans

assert np.array_equal(moons_dbscan.labels_, SklearnDBSCAN(eps=0.2, min_samples=5).fit(moons).labels_)
sk_kmeans = SklearnKMeans(n_clusters=2, random_state=0).fit(moons)
assert np.array_equal(moons_kmeans.labels_, sk_kmeans.labels_)

# %% [markdown]
# ## How eps and min_samples change the answer
#
# DBSCAN has no K, but its two numbers matter just as much. Each panel below is one run on the moons:
# rows change `min_samples`, columns change `eps`.

# %%
plot_eps_grid(moons, eps_values=[0.05, 0.1, 0.15, 0.2, 0.3], min_samples_values=[3, 5, 10])
plt.show()

# %% [markdown]
# - **eps too small** (left): few points have enough neighbours, so almost everything is noise, and the
#   few dense spots become many tiny clusters.
# - **eps too large** (right): neighbourhoods reach across the gap between the moons, a chain of core
#   points connects them, and everything becomes one cluster.
# - **min_samples** moves the same boundary the other way: a larger value asks for more neighbours,
#   so more points fall to border or noise, and a larger `eps` is needed for the same clusters.
#
# Everything one cluster means `eps` is too large; everything noise means `eps` is too small or
# `min_samples` too large.

# %% [markdown]
# ## Choosing eps with the k-distance plot
#
# A point is core exactly when its `min_samples`-th nearest neighbour (counting itself as the first)
# is within `eps`. So compute, for every point, the distance to that neighbour, sort the values and
# plot them:
#
# $$d_k(p) = \text{distance from } p \text{ to its } k\text{-th nearest point (} p \text{ itself first)}, \qquad
# p \text{ is core} \iff d_k(p) \le \varepsilon \text{ for } k = \text{min\_samples}$$
#
# Points inside clusters have small, similar $d_k$; the curve turns sharply upward where the sparse
# points begin. An `eps` near that bend makes the crowded points core and leaves the stragglers out. A
# common start for `min_samples` is twice the number of features (here $2 \times 2 = 4$); we use 5.

# %%
moons_k_distances = k_distance(moons, 5)
print("k-distances (k = 5), percentiles 50 / 90 / 95 / 99:",
      np.percentile(moons_k_distances, [50, 90, 95, 99]).round(3))

# %%
from sklearn.neighbors import NearestNeighbors

neighbours = NearestNeighbors(n_neighbors=5).fit(moons).kneighbors(moons)[0][:, -1]
assert np.allclose(moons_k_distances, np.sort(neighbours), rtol=1e-10, atol=1e-12)

# %%
plot_k_distance(moons_k_distances, 5, eps=0.2, title="k-distance plot of the moons: the bend is near 0.2")
plt.show()

# %% [markdown]
# The curve is flat up to about the 95th percentile and shoots up over the last few percent: the
# 15 strays and the moons' thinnest spots. An `eps` from about 0.15 to 0.2 sits at the bend; in the grid
# above, `min_samples = 5` finds the two moons with both values.

# %% [markdown]
# ## When density varies, one eps cannot fit all
#
# One `eps` is one definition of "crowded" for the whole data set. When clusters differ in density,
# no single value suits all of them. Below, two tight groups sit close together, and a third, wide
# and sparse group lies apart.

# %%
rng = np.random.default_rng(0)
varied = np.vstack([rng.normal([0, 0], 0.25, (150, 2)), rng.normal([1.6, 0], 0.25, (150, 2)),
                    rng.normal([4.5, 3], 1.1, (150, 2))])
varied_group = np.repeat([0, 1, 2], 150)
plot_eps_grid(varied, eps_values=[0.25, 0.45, 0.6], min_samples_values=[10], panel_size=(4.4, 3.7))
plt.show()

# %%
for eps in (0.25, 0.45, 0.6):
    labels = DBSCAN(eps, min_samples=10).fit(varied).labels_
    sparse_as_noise = np.mean(labels[varied_group == 2] == -1)
    main_cluster = [pd.Series(labels[varied_group == g]).mode()[0] for g in (0, 1)]
    tight_merged = main_cluster[0] == main_cluster[1] != -1
    print(f"eps = {eps}: {labels.max() + 1} clusters, sparse group as noise: {sparse_as_noise:.0%}, "
          f"tight groups merged: {tight_merged}")

# %% [markdown]
# At `eps = 0.25` the two tight groups are found, but the sparse group dissolves into noise. At `0.6`
# the sparse group is found, but the neighbourhoods now bridge the gap between the tight groups and
# merge them. In between, the sparse group breaks into pieces.
#
# Methods that give each group its own centre (k-means, lesson 02) or its own centre and spread (a Gaussian
# mixture, lesson 06) have no single density threshold to get wrong. Asked for three groups, on the same
# points:

# %%
varied_kmeans = KMeans(n_clusters=3, random_state=0).fit(varied)
varied_gmm = GaussianMixture(n_components=3, random_state=0).fit(varied)
varied_found = {"k-means, K = 3": varied_kmeans.labels_,
                "Gaussian mixture, 3 components": varied_gmm.predict(varied)}
aligned = {name: align_labels(labels, varied_group) for name, labels in varied_found.items()}  # colours match
for name, labels in aligned.items():
    print(f"{name}: ARI with the three groups {adjusted_rand_score(varied_group, labels):.3f}; "
          f"points outside their group's cluster: sparse {np.sum(labels[varied_group == 2] != 2)}, "
          f"tight {np.sum(labels[varied_group < 2] != varied_group[varied_group < 2])}")
plot_cluster_panels(varied, [varied_group] + list(aligned.values()),
                    titles=["the three groups"] + list(aligned), panel_size=(4.4, 3.7))
plt.show()

# %%
import sklearn.cluster
import sklearn.mixture

sklearn_kmeans = sklearn.cluster.KMeans(n_clusters=3, random_state=0).fit(varied)
assert np.array_equal(varied_kmeans.labels_, sklearn_kmeans.labels_)
sklearn_gmm = sklearn.mixture.GaussianMixture(n_components=3, random_state=0).fit(varied)
assert np.array_equal(varied_gmm.predict(varied), sklearn_gmm.predict(varied))
assert np.allclose(varied_gmm.means_, sklearn_gmm.means_, rtol=1e-6)

# %% [markdown]
# The mixture recovers the three groups almost exactly (ARI 0.993): its wide component takes the whole sparse
# group, its two narrow ones the tight groups, with a single point on the wrong side of their border. k-means
# comes close (ARI 0.954), but it draws its borders halfway between centres, so 6 points on the near edge of
# the sparse group go to a tight group's cluster (and the same single tight point is misplaced). HDBSCAN, a
# descendant of DBSCAN, keeps the density idea and lets the threshold vary across the data.

# %% [markdown]
# ## App users: DBSCAN finds who is active, not how
#
# Seed 001 tells of a data team at an education platform that clustered its new users' first-day
# activity. A principal component analysis showed two directions carrying more than 80 % of the
# variance of their four activity counts, so they kept just two dimensions and tried DBSCAN first, over
# a range of parameters. What came out was three groups: users who did nothing, users who did
# something, and outliers. The reason is density: inactivity is a single spot (all counts near zero, so
# thousands of users pile up on it), while the active users spread over a large region in many
# different ways.
#
# The course's `user_data.csv` was built to show the same thing. Standardize the 8 activity counts of
# all 3,300 users, keep 2 principal components, and run DBSCAN with `eps = 0.3`, `min_samples = 10`:

# %%
users, truth = load_user_data(return_truth=True)
counts = users.drop(columns="signup_cohort").to_numpy(dtype=float)
user_plane = PCA(n_components=2).fit_transform(StandardScaler().fit_transform(counts))
user_dbscan = DBSCAN(0.3, min_samples=10).fit(user_plane)
fig, (whole, crowd) = plt.subplots(1, 2, figsize=(12, 4.4))
for ax, title in ((whole, "All 3,300 users"), (crowd, "Zoomed in: one dense spot, one wide cloud")):
    plot_point_types(user_plane, user_dbscan.labels_, user_dbscan.point_types_, ax=ax, scale=0.35, title=title,
                     xlabel="PC 1 (overall activity)", ylabel="PC 2 (browsing vs contributing)")
crowd.set(xlim=(-3, 6), ylim=(-4, 4))
plt.show()

# %%
from sklearn.decomposition import PCA as SklearnPCA
from sklearn.preprocessing import StandardScaler as SklearnStandardScaler

sk_plane = SklearnPCA(n_components=2).fit_transform(SklearnStandardScaler().fit_transform(counts))
assert np.allclose(user_plane, sk_plane, atol=1e-9)
assert np.array_equal(user_dbscan.labels_, SklearnDBSCAN(eps=0.3, min_samples=10).fit(sk_plane).labels_)

# %% [markdown]
# Only now look at the hidden truth (the persona each user was drawn from, and whether they are one of
# the 33 planted extreme users):

# %%
who = truth["persona"].where(~truth["heavy_tail"], "extreme user (top 1%)")
pd.crosstab(who, pd.Series(user_dbscan.labels_, index=truth.index, name="DBSCAN label"))

# %% [markdown]
# Cluster 0 is exactly the 1,050 casual browsers who hardly did anything; cluster 1 holds the four
# active personas together; the noise holds every extreme user. That is useful (an outlier detector and
# an active/inactive split for free), but it is not a segmentation: the active personas differ in *how*
# they use the app, and DBSCAN lumps them together.
#
# The zoomed picture shows branches in the active cloud, one per way of being active. Can a smaller
# `eps` cut them apart?

# %%
smaller = DBSCAN(0.15, min_samples=10).fit(user_plane)
pd.crosstab(who, pd.Series(smaller.labels_, index=truth.index, name="DBSCAN label, eps = 0.15"))

# %% [markdown]
# Partly. Window shoppers now get a cluster, and so do most of the power users, but social sharers and
# content creators stay merged, a few crumbs appear, and 352 ordinary active users turn into noise. The
# power users suffer most (127 of 446): their activity varies the most, so their points lie farthest apart,
# and a sparse group is the first to dissolve when `eps` shrinks. It is the density-difference problem
# of the previous section, in real data. The mini-project (lesson 10) sets the top 1 % aside and then finds
# each persona a k-means cluster of its own.

# %% [markdown]
# ## Your turn: the DBSCAN explorer
#
# Move the sliders over the moons (with their 15 strays). Watch the line "clusters found": where does it
# drop from many to 2, and where from 2 to 1? How does a larger `min_samples` shift those places? If the
# widget shows only text, run the cell.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
dbscan_explorer(moons, eps=0.2, min_samples=5, eps_range=(0.05, 0.6), title="Moons")

# %% [markdown]
# ## Summary
#
# - The eps-neighbourhood $N_\varepsilon(p)$ counts the points within `eps` of $p$, itself included.
# - Core points have at least `min_samples` of them; border points are not core but lie within `eps` of
#   a core point; noise points are neither and get the label $-1$.
# - DBSCAN grows each cluster breadth-first from a core point through the neighbourhoods of core points.
#   It needs no K, follows curved shapes and sets outliers aside.
# - `eps` too small: everything noise or many crumbs; too large: one cluster. The bend of the k-distance
#   plot (with $k$ = `min_samples`) is a good first `eps`.
# - One `eps` is one density. Clusters of very different density defeat it; on app users DBSCAN
#   separates inactive, active and outliers, but not the personas inside the active users.

# %% [markdown]
# ## Check yourself
#
# 1. With `eps = 1` and `min_samples = 3`, a point has exactly one other point within distance 1. Is it
#    a core point? What else must be true for it to be a border point?
#
# <details><summary>Answer</summary>
#
# Not core: its neighbourhood holds 2 points (itself and the neighbour), fewer than 3. It is a border
# point if some core point lies within distance 1 of it (for example, if its one neighbour is core);
# otherwise it is noise.
#
# </details>
#
# 2. Your DBSCAN puts all users in one cluster. Which parameter do you change, and in which direction?
#
# <details><summary>Answer</summary>
#
# Decrease `eps` (or increase `min_samples`): the neighbourhoods are so large that chains of core
# points connect everything. The k-distance plot shows where the bend is.
#
# </details>
#
# 3. Why can k-means not separate the two moons, whatever its starting centroids?
#
# <details><summary>Answer</summary>
#
# k-means gives each point to its nearest centroid, so two clusters are always split by the straight
# line halfway between the centroids. No straight line separates two interleaved half-circles.
#
# </details>
#
# 4. Can a border point end up in a different cluster depending on the order in which DBSCAN visits the
#    points? Can a core point?
#
# <details><summary>Answer</summary>
#
# A border point within `eps` of core points of two clusters joins whichever cluster reaches it first,
# so yes, its label can depend on the order. A core point cannot: its cluster is everything density-
# reachable from it, whatever the order.
#
# </details>
#
# 5. In the app-user data, why does DBSCAN with `eps = 0.3` put all active personas in one cluster, and why
#    does a smaller `eps` not fix it?
#
# <details><summary>Answer</summary>
#
# DBSCAN splits only where density drops to almost nothing. The inactive users form one very dense spot
# with a gap around it, but the active personas' branches meet in one connected cloud, so an `eps` that
# keeps each persona together also joins them. A smaller `eps` cuts some branches apart, but the
# sparser personas (power users) dissolve into noise first: one density threshold cannot suit groups of
# different density. k-means does not look for gaps; it cuts the cloud into K compact pieces.
#
# </details>
