# %% [markdown]
# # 02 · k-means
#
# Pick k "typical users", let every user join the one they resemble most, move each typical user to the
# middle of its group, repeat. That is the whole algorithm, and it is the workhorse of segmentation.
#
# ## Learning objectives
#
# By the end you can ...
#
# - carry out the four steps of k-means (initialise, assign, update, repeat) with `course_lib` and by hand;
# - state the objective k-means minimises (the WCSS) and explain why the algorithm always stops;
# - work the seven-point example of the textbook through to its final WCSS, ties included;
# - explain k-means++ seeding and $D^2$ sampling, and why it guards against bad starts;
# - recognise a local minimum and fix it with k-means++ and several restarts (`n_init`);
# - estimate the cost, $O(nkdi)$, and measure it;
# - say why k-means cannot find curved clusters.

# %%
import inspect
import time

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.datasets import make_blobs, make_moons

from course_lib import KMeans, kmeans_plusplus
from course_lib.handcalc import examples
from course_lib.kmeans import assign_to_nearest_centroid, compute_inertia, lloyd_textbook, update_centroids
from course_lib.plotting import (plot_cluster_panels, plot_inertia_spread, plot_kmeans_iterations,
                                 plot_objective_half_steps, plot_plusplus_step, plot_time_vs_size,
                                 plot_wcss_by_iteration, use_course_style)
from course_lib.widgets import hand_check, kmeans_plusplus_stepper, kmeans_stepper
from course_lib.widgets.kmeans import crowded_start

use_course_style()

# %% [markdown]
# ## The four steps
#
# Our data: 300 users described by two behaviour features, in four groups (made with scikit-learn's
# `make_blobs`, so we know the answer). We ask for $k = 4$ clusters.
#
# **1. Initialise.** Choose $k$ starting centroids $\mu_1, \dots, \mu_k$. The simplest choice: $k$ users
# drawn at random.

# %%
X, true_group = make_blobs(n_samples=300, centers=[[0, 0], [6, 1], [1, 7], [7, 7.5]], cluster_std=0.8,
                           random_state=1)
k = 4
start = X[np.random.default_rng(3).choice(len(X), size=k, replace=False)]
start.round(3)

# %% [markdown]
# **2. Assign** every point to its nearest centroid (squared Euclidean distance; a tie goes to the
# lowest-numbered centroid):
# $$ \ell_i = \arg\min_{j} \lVert x_i - \mu_j \rVert^2 $$

# %%
labels = assign_to_nearest_centroid(X, start)
np.bincount(labels, minlength=k)

# %% [markdown]
# **3. Update** every centroid to the mean of the points assigned to it:
# $$ \mu_j = \frac{1}{|C_j|} \sum_{x_i \in C_j} x_i $$

# %%
new_centroids = update_centroids(X, labels, start)
new_centroids.round(3)

# %% [markdown]
# **4. Repeat** steps 2 and 3 until no point changes cluster (or the centroids stop moving).
#
# `course_lib.KMeans` runs the loop and can keep a record of every iteration (`history_`). Its first
# record is exactly what we just computed by hand with the step functions:

# %%
model = KMeans(n_clusters=k, init=start, n_init=1, keep_history=True).fit(X)
assert np.array_equal(model.history_[0].labels, labels)
assert np.allclose(model.history_[1].centroids, new_centroids, rtol=1e-12)
print(f"converged after {model.n_iter_} iterations, final WCSS = {model.inertia_:.3f}")

# %% [markdown]
# Iteration 0 is the random start with its assignment (the shading shows each centroid's region: the
# points the next assignment gives it); iteration 1 shows the centroids moved to their clusters' means
# (the black line is their path) and the points that changed cluster as a result (ringed).

# %%
plot_kmeans_iterations(X, model.history_[:2], ncols=2, panel_size=(4.6, 4.0))
plt.show()

# %% [markdown]
# The whole algorithm written the plain way, as it would go on a whiteboard, is `lloyd_textbook`. The
# fast `KMeans` does the same arithmetic in blocks (the tests prove they agree):

# %%
print(inspect.getsource(lloyd_textbook))

# %% [markdown]
# And scikit-learn, started from the same centroids, gives the same clusters, centroids, WCSS and number
# of iterations:

# %%
from sklearn.cluster import KMeans as SklearnKMeans

reference = SklearnKMeans(n_clusters=k, init=start, n_init=1).fit(X)
assert np.array_equal(model.labels_, reference.labels_)
assert np.allclose(model.cluster_centers_, reference.cluster_centers_, rtol=1e-10, atol=1e-12)
assert np.isclose(model.inertia_, reference.inertia_, rtol=1e-10)
assert model.n_iter_ == reference.n_iter_

# %% [markdown]
# ## The objective: WCSS
#
# k-means is not an arbitrary recipe: it minimises one number, the **within-cluster sum of squares**
# (WCSS, also called *inertia*): the squared distance of every point to its own centroid, summed.
# $$ J(C, \mu) = \sum_{j=1}^{k} \sum_{x_i \in C_j} \lVert x_i - \mu_j \rVert^2 $$
# A small $J$ means tight clusters around their centroids.

# %%
final = model.history_[-1]
wcss = compute_inertia(X, final.labels, final.centroids)
by_hand = np.sum((X - final.centroids[final.labels]) ** 2)
print(f"WCSS = {wcss:.4f} (compute_inertia), {by_hand:.4f} (summed directly)")

# %% [markdown]
# Recorded after every assignment, the WCSS falls fast and then flattens as the clusters settle:

# %%
plot_wcss_by_iteration([record.inertia for record in model.history_])
plt.show()

# %% [markdown]
# ## Why k-means always stops
#
# Each of the two steps can only lower $J$ (or leave it unchanged):
#
# - **Assignment** (centroids fixed): each point's term $\lVert x_i - \mu_{\ell_i} \rVert^2$ is made as small
#   as the centroids allow, so the sum cannot grow.
# - **Update** (clusters fixed): for one cluster, $f(\mu) = \sum_{x_i \in C_j} \lVert x_i - \mu \rVert^2$ has
#   gradient $\nabla f(\mu) = -2 \sum_{x_i \in C_j} (x_i - \mu)$. Setting it to zero gives
#   $|C_j|\,\mu = \sum_{x_i \in C_j} x_i$, that is, $\mu$ is the mean; the Hessian $2|C_j|\,I$ is positive
#   definite, so the mean is the unique minimum. Moving the centroid to its cluster's mean cannot
#   increase $J$.
#
# So $J$ never goes up. It is also bounded below by 0, and it can only take finitely many values on the
# way (one partition of $n$ points into $k$ groups at a time, and there are at most $k^n$ of them), so it
# must stop falling after finitely many steps. In practice that takes a handful of iterations;
# `course_lib` and scikit-learn also stop when the centroids barely move (`tol`) and after `max_iter`
# rounds at most.
#
# What is *not* promised: the place where it stops is a **local** minimum of $J$. Finding the global one is
# NP-hard in general, even for $k = 2$. We come back to this below.
#
# Every half-step of the seven-point example of the next section (worked in full by
# `course_lib.handcalc`):

# %%
seven = examples.textbook_kmeans.trace
plot_objective_half_steps([it.wcss_assigned for it in seven.iterations], [it.wcss for it in seven.iterations],
                          title="Seven points: each half-step lowers the WCSS")
plt.show()

# %% [markdown]
# ## The worked example by hand
#
# Seven points, $k = 2$, starting from $\mu_0 = A$ and $\mu_1 = D$ (the textbook calls them $\mu_1, \mu_2$
# and the clusters $C_1, C_2$; here, as in Python, we count from 0):

# %%
print(examples.textbook_kmeans.statement)

# %% [markdown]
# Every distance, assignment, mean and WCSS, iteration by iteration (the trace counts iterations from 1).
# Note point **C** in iteration 1: its squared distance to both centroids is $2^2 + 3^2 = 13$ (a distance of
# $\sqrt{13} \approx 3.61$ to each). The rule (ours, scikit-learn's and the textbook's) sends a tie to the
# lowest-numbered centroid, so C starts in cluster 0 and moves to cluster 1 in iteration 2. In iteration 3
# nothing moves: converged.

# %%
seven

# %% [markdown]
# The textbook's final WCSS is 8.4, but the correct value is 8.525: it gives A and B the terms 0.125 and
# 0.375 where each is $0.25^2 + 0.5^2 = 0.3125$. Seven of its iteration-2 squared distances are off too: 18.26 for F
# is a plain slip (14.22), and the other six fit no pair of centroids, exact or rounded. No assignment
# changes. Every printed number that differs:

# %%
print(examples.textbook_kmeans.erratum)

# %% [markdown]
# The same run with `KMeans` and scikit-learn, from the same start:

# %%
points = seven.points
seven_model = KMeans(n_clusters=2, init=points[[0, 3]], n_init=1, keep_history=True).fit(points)
seven_reference = SklearnKMeans(n_clusters=2, init=points[[0, 3]], n_init=1).fit(points)
assert np.array_equal(seven_model.labels_, seven.labels)
assert np.array_equal(seven_reference.labels_, seven.labels)
assert np.allclose(seven_reference.cluster_centers_, [[1.25, 1.5], [3.9, 5.1]], rtol=1e-12)
assert np.isclose(seven.wcss, 8.525, rtol=1e-12) and np.isclose(seven_reference.inertia_, 8.525, rtol=1e-12)
print(f"final WCSS: hand trace {seven.wcss:.3f}, course_lib {seven_model.inertia_:.3f}, "
      f"scikit-learn {seven_reference.inertia_:.3f}")

# %% [markdown]
# One panel per iteration. The panels count from 0, as Python does: panel "iteration 0" is the trace's
# iteration 1, so C (ringed) changes cluster in panel "iteration 1", the trace's iteration 2. The WCSS in
# each title is the assignment measured to that panel's centroids.

# %%
plot_kmeans_iterations(points, seven_model.history_, names=seven.names)
plt.show()

# %% [markdown]
# **Your turn.** Work iteration 1 yourself on paper (start from $\mu_0 = A$, $\mu_1 = D$): each point's
# cluster (0 or 1), the two new centroids, and the WCSS after the update. Then check: type your answers,
# press **Check**. Empty boxes are skipped.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
hand_check(examples.textbook_kmeans, step=1)

# %% [markdown]
# ## Watching it converge
#
# Back to the 300 users. The whole run from the random start, one panel per iteration: the centroids
# travel (black lines) while fewer and fewer points change cluster.

# %%
plot_kmeans_iterations(X, model.history_, ncols=4, panel_size=(3.3, 3.0))
plt.show()

# %% [markdown]
# Now step through it yourself. Move the **iteration** slider (0 is the start) and watch the centroids,
# the regions and the WCSS. The **start** menu switches to other starts: `random` (another random draw),
# `k-means++` (next section) and `crowded corner`, a deliberately bad start with all centroids bunched in
# one corner. Which start needs the most iterations? Does every start end at the same WCSS?

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
kmeans_stepper(X, n_clusters=k, init=start, random_state=2)

# %% [markdown]
# ## k-means++: a better start
#
# A random start can put two centroids in one group and none in another; k-means then often cannot
# recover. **k-means++** (Arthur and Vassilvitskii, 2007) spreads the starting centroids out:
#
# 1. Pick the first centroid uniformly at random among the points.
# 2. For every point compute $D(x)$, its distance to the nearest centroid chosen so far.
# 3. Pick the next centroid at random, with probability proportional to $D(x)^2$:
#    $$ P(x) = \frac{D(x)^2}{\sum_{y} D(y)^2} $$
# 4. Repeat 2 and 3 until there are $k$ centroids.
#
# Points far from every centroid so far are likely picks; points next to one are almost never picked.
# This "$D^2$ sampling" comes with a guarantee: the expected WCSS of the start alone is within a factor
# $8(\ln k + 2)$ of the best possible WCSS, $\mathbb{E}[J_{\text{start}}] \le 8(\ln k + 2)\,J_{\text{opt}}$.
# scikit-learn (and `course_lib`) use a greedy variant: at each step draw $2 + \lfloor \ln k \rfloor$
# candidates by $D^2$ sampling and keep the one that lowers $\sum_x D(x)^2$ most; `n_local_trials=1` gives
# the original algorithm.

# %%
centers, indices = kmeans_plusplus(X, k, random_state=0, n_local_trials=1)
print("rows picked:", indices)

# %%
from sklearn.cluster import kmeans_plusplus as sklearn_kmeans_plusplus

for trials in (1, None):
    ours = kmeans_plusplus(X, k, random_state=0, n_local_trials=trials)
    theirs = sklearn_kmeans_plusplus(X, k, random_state=0, n_local_trials=trials)
    assert np.array_equal(ours[1], theirs[1]) and np.array_equal(ours[0], theirs[0])

# %% [markdown]
# The first three picks: each point is drawn as large (and as bright) as its chance of being picked next;
# the ring marks the point that was picked.

# %%
fig, axes = plt.subplots(1, 3, figsize=(16, 4.2))
for j, ax in enumerate(axes, start=1):
    plot_plusplus_step(X, centers[:j], next_index=indices[j], ax=ax,
                       title=f"{j} chosen, picking number {j + 1}")
plt.tight_layout()
plt.show()

# %% [markdown]
# Step through the seeding yourself: the **centres** slider counts the centres chosen so far.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
kmeans_plusplus_stepper(X, k, random_state=0, n_local_trials=1)

# %% [markdown]
# ## Local minima and n_init
#
# Here is the failure. The same data, a different random start (seed 2), one run:

# %%
unlucky = KMeans(n_clusters=k, init="random", n_init=1, random_state=2).fit(X)
seeded = KMeans(n_clusters=k, init="k-means++", n_init=1, random_state=2).fit(X)
restarted = KMeans(n_clusters=k, init="random", n_init=10, random_state=2).fit(X)
runs = {"random start, 1 run": unlucky, "k-means++, 1 run": seeded, "random, 10 runs": restarted}
for name, run in runs.items():
    print(f"{name:>20}: WCSS = {run.inertia_:9.3f} after {run.n_iter_} iterations")

# %% [markdown]
# The unlucky run converged (nothing moves any more) but to a poor answer: two centroids share one group
# while a single centroid straddles two others. Every step lowered the WCSS, yet the result is more than
# four times worse than the best. It is a **local minimum**: no single assignment or update can improve it.

# %%
plot_cluster_panels(X, [unlucky.labels_, seeded.labels_],
                    centers=[unlucky.cluster_centers_, seeded.cluster_centers_], ncols=2,
                    titles=[f"random start: WCSS {unlucky.inertia_:.1f}",
                            f"k-means++: WCSS {seeded.inertia_:.1f}"])
plt.show()

# %% [markdown]
# Two fixes, usually combined:
#
# - **k-means++** starts from spread-out centroids, so bad starts become rare;
# - **restarts** (`n_init`): run k-means several times from different starts and keep the run with the
#   lowest WCSS. scikit-learn's default is 10 runs for random starts and 1 for k-means++; `course_lib`
#   follows it.
#
# How often does each strategy reach the best WCSS? Fifty seeds each:

# %%
seeds = range(50)
strategies = {"random, 1 run": {"init": "random", "n_init": 1},
              "k-means++, 1 run": {"init": "k-means++", "n_init": 1},
              "random, 10 runs": {"init": "random", "n_init": 10}}
final_wcss = {name: [KMeans(n_clusters=k, random_state=seed, **options).fit(X).inertia_ for seed in seeds]
              for name, options in strategies.items()}
plot_inertia_spread(final_wcss, title="Final WCSS over 50 seeds")
plt.show()

# %% [markdown]
# Restarts draw from one random generator in turn, exactly as in scikit-learn, so the same seed gives
# the same best run:

# %%
sklearn_restarted = SklearnKMeans(n_clusters=k, init="random", n_init=10, random_state=2).fit(X)
assert np.array_equal(restarted.labels_, sklearn_restarted.labels_)
assert np.isclose(restarted.inertia_, sklearn_restarted.inertia_, rtol=1e-10)

# %% [markdown]
# ## How the cost grows
#
# One iteration computes the distance from each of the $n$ points to each of the $k$ centroids in $d$
# dimensions, $O(nkd)$ operations, plus $O(nd)$ for the means. With $i$ iterations the whole run costs
#
# $$ O(n\,k\,d\,i), $$
#
# linear in the number of users, which is why k-means scales to millions. Memory is $O((n + k)\,d)$: the
# data and the centroids, never an $n \times n$ distance matrix. Below we time one iteration as $n$ grows
# (k = 8) and as $k$ grows (n = 50,000). Your numbers will differ (the machine is shared), but both lines
# should have a slope near 1 on log-log axes: double the data, double the time.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: timings differ on every run and machine.
def seconds_per_iteration(data, n_clusters, repeats=3):
    best = np.inf
    for _ in range(repeats):
        tic = time.perf_counter()
        run = KMeans(n_clusters=n_clusters, init=data[:n_clusters], n_init=1, max_iter=10, tol=0,
                     keep_history=False).fit(data)
        best = min(best, (time.perf_counter() - tic) / run.n_iter_)
    return best


timing_data = np.random.default_rng(0).normal(size=(200_000, 2))
sizes = np.array([25_000, 50_000, 100_000, 200_000])
cluster_counts = np.array([8, 16, 32, 64])
by_n = [seconds_per_iteration(timing_data[:n], 8) for n in sizes]
by_k = [seconds_per_iteration(timing_data[:50_000], c) for c in cluster_counts]
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
plot_time_vs_size({"k = 8": (sizes, by_n)}, ax=axes[0], title="One iteration: time against n")
plot_time_vs_size({"n = 50,000": (cluster_counts, by_k)}, ax=axes[1], xlabel="number of clusters k",
                  title="One iteration: time against k")
plt.tight_layout()
plt.show()

# %% [markdown]
# The number of iterations $i$ depends on the data and on the start. The starts of the stepper above, on the
# 300 users:

# %%
stepper_starts = {"the random start above": start, "another random draw": "random", "k-means++": "k-means++",
                  "crowded corner": crowded_start(X, k)}
for name, init in stepper_starts.items():
    run = KMeans(n_clusters=k, init=init, n_init=1, random_state=2).fit(X)
    print(f"{name:>22}: {run.n_iter_} iterations, final WCSS {run.inertia_:.1f}")

# %% [markdown]
# k-means++ needed 2 iterations, the crowded corner 4 and the random start above 8, all three ending at the
# same WCSS, 381.2. The stepper's other random draw stopped after 7 at 1723.8: two of its centroids share one
# group while a third covers two groups, a local minimum that no further iteration leaves. A good start
# saves iterations; a bad one can cost the answer. For very large data, lesson 07 shows mini-batch k-means,
# which updates the centroids from small random batches instead of the whole data set.

# %% [markdown]
# ## Where k-means fails: curved clusters
#
# k-means draws a straight boundary halfway between every two centroids, so each cluster is a convex
# region (the shaded cells in the pictures above). Groups that curve around each other cannot be
# separated that way. Two interleaved half-moons:

# %%
moons, moon = make_moons(n_samples=300, noise=0.06, random_state=0)
moon_model = KMeans(n_clusters=2, random_state=0).fit(moons)
agreement = max(np.mean(moon_model.labels_ == moon), np.mean(moon_model.labels_ != moon))
print(f"points in the cluster of their own moon: {agreement:.1%}")

# %%
plot_cluster_panels(moons, [moon, moon_model.labels_], centers=[None, moon_model.cluster_centers_], ncols=2,
                    titles=["the two moons", "k-means, k = 2: a straight cut"])
plt.show()

# %% [markdown]
# k-means cuts both moons in half, and no start or restart helps: the best WCSS *is* the straight cut. The
# same happens with elongated or very unequal clusters. Density-based clustering (lesson 04, DBSCAN)
# follows the shape of the data instead, and Gaussian mixtures (lesson 06) allow stretched clusters.

# %% [markdown]
# ## Summary
#
# - k-means alternates two steps: assign each point to its nearest centroid, move each centroid to the
#   mean of its points; it stops when nothing changes.
# - It minimises the WCSS $J = \sum_j \sum_{x_i \in C_j} \lVert x_i - \mu_j \rVert^2$; neither step can raise
#   $J$ and there are finitely many partitions, so it always stops, at a local minimum.
# - In the textbook's seven-point example the tie of C goes to the first centroid, C moves in iteration 2,
#   and the final WCSS is 8.525 (the textbook prints 8.4).
# - k-means++ picks each new start with probability $\propto D(x)^2$; with restarts (`n_init`) it avoids poor
#   local minima.
# - Cost $O(nkdi)$ in time and $O((n + k)d)$ in memory: linear in the number of users.
# - k-means finds convex, roughly round clusters only; curved shapes need other methods.

# %% [markdown]
# ## Check yourself
#
# 1. Points 0, 2, 4, 10, 12 on a line, k = 2, starting centroids 0 and 4. Run k-means to the end. What are
#    the final clusters, centroids and WCSS?
#
# <details><summary>Answer</summary>
#
# Iteration 1: 0 and 2 join centroid 0 (2 is 2 from both centroids: a tie, so it joins the first);
# 4, 10, 12 join centroid 4. Means: 1 and 26/3 ≈ 8.667. Iteration 2: 4 is 3 from 1 and 4.667 from 8.667,
# so it moves to the first cluster. Means: 2 and 11. Iteration 3: nothing moves. Clusters {0, 2, 4} and
# {10, 12}, centroids 2 and 11, WCSS = 4 + 0 + 4 + 1 + 1 = 10.
#
# </details>
#
# 2. Why can the update step never increase the WCSS?
#
# <details><summary>Answer</summary>
#
# With the clusters fixed, each cluster's sum of squared distances to a point $\mu$ is smallest when $\mu$ is
# the cluster's mean (the gradient $-2\sum (x_i - \mu)$ vanishes there and the function is convex). The
# update puts every centroid at that minimum, so the sum can only go down or stay.
#
# </details>
#
# 3. k-means has converged and the WCSS no longer changes. Does that mean you found the best clustering?
#
# <details><summary>Answer</summary>
#
# No: only a local minimum, where no single assignment or update helps. A different start can end at a
# much lower WCSS (above, 1723.8 against 381.2). Use k-means++ and several restarts and keep the best run.
#
# </details>
#
# 4. With centres already chosen, point P has $D(P)^2 = 9$ and point Q has $D(Q)^2 = 1$. How much more
#    likely is P to be picked next by k-means++, and why is that useful?
#
# <details><summary>Answer</summary>
#
# Nine times as likely: the probability is proportional to $D^2$. Far-away points are likely to lie in a
# group that has no centre yet, so the centres spread over the groups.
#
# </details>
#
# 5. You double the number of users and keep k, d and the number of iterations. Roughly how does the
#    run time change? And if you double k instead?
#
# <details><summary>Answer</summary>
#
# It roughly doubles in both cases: one iteration costs $O(nkd)$, linear in $n$ and in $k$.
#
# </details>
#
# 6. Why does k-means split the two moons with a straight line?
#
# <details><summary>Answer</summary>
#
# Every point goes to its nearest centroid, so the boundary between two clusters is the straight line
# halfway between their centroids and every cluster is convex. Two interleaved curved shapes cannot be
# separated by one straight line, and the WCSS of the straight cut is lower than that of the true moons.
#
# </details>
