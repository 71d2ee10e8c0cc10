# %% [markdown]
# # 03 · Choosing K
#
# Ask k-means for 3 clusters and you get 3; ask for 30 and you get 30. It never tells you how many groups
# the data really holds. This lesson asks the data instead, four different ways, and then checks the answer.
#
# ## Learning objectives
#
# By the end you can ...
#
# - read an elbow plot, say why reading it by eye is ambiguous, and apply a precise elbow rule;
# - compute the silhouette of one point by hand, and read a silhouette plot for several K;
# - compute the Davies-Bouldin and Calinski-Harabasz indices and say which direction is better for each;
# - combine the methods to choose K on the listener data, and describe what a wrong K does to the segments;
# - check that a clustering is stable: across random seeds, and across cohorts of users.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from course_lib import (KMeans, StandardScaler, adjusted_rand_score, calinski_harabasz_score,
                        davies_bouldin_score, pairwise_adjusted_rand_scores, silhouette_samples, wcss)
from course_lib.datasets import load_spotify_listeners, load_user_data
from course_lib.handcalc import examples
from course_lib.metrics import elbow_k, elbow_ratios
from course_lib.plotting import (plot_cohort_agreement, plot_contingency_panels, plot_elbow, plot_k_selection,
                                 plot_score_curve, plot_silhouette_diagrams, plot_silhouette_point, plot_stability,
                                 use_course_style)
from course_lib.widgets import hand_check

use_course_style()

# %% [markdown]
# ## The elbow
#
# The data: 5,000 listeners of a music service described by 10 behaviour features (songs a day, skip
# rate, playlists, shares, how much new music they try, ...). The columns have different units, so
# they are standardized first (lesson 01). k-means is then run for every K from 1 to 10, each with 10
# starts (`n_init=10`, lesson 02), and we keep the within-cluster sum of squares:
#
# $$W(K) = \sum_{k=1}^{K} \sum_{x_i \in C_k} \lVert x_i - \mu_k \rVert^2$$

# %%
listeners, personas = load_spotify_listeners(return_truth=True)
Z = StandardScaler().fit_transform(listeners.to_numpy(dtype=float))
K_RANGE = range(1, 11)
models = {k: KMeans(n_clusters=k, n_init=10, random_state=0).fit(Z) for k in K_RANGE}
labels = {k: model.labels_ for k, model in models.items()}
inertia = {k: model.inertia_ for k, model in models.items()}
print(f"{Z.shape[0]} listeners, {Z.shape[1]} standardized features")
print(pd.Series(inertia, name="WCSS").round(1).to_string())

# %% [markdown]
# `inertia_` is exactly the WCSS of the final clusters, and scikit-learn, started the same way, finds the
# same clusters:

# %%
from sklearn.cluster import KMeans as SklearnKMeans

reference = SklearnKMeans(n_clusters=5, n_init=10, random_state=0).fit(Z)
assert np.array_equal(labels[5], reference.labels_)
assert np.isclose(inertia[5], reference.inertia_, rtol=1e-10)
assert np.isclose(wcss(Z, labels[5]), inertia[5], rtol=1e-10)

# %% [markdown]
# $W(K)$ can only go down as K grows: with one more centroid every point can stay where it was or move
# closer. With K = n every point is its own cluster and $W = 0$. So the smallest WCSS is no guide. The
# **elbow method** looks instead for the K after which each extra cluster buys much less than the ones
# before.

# %%
plot_elbow(inertia, candidates=(4, 6), title="Where is the elbow?")
plt.show()

# %% [markdown]
# The curve bends gradually. Is the elbow at 4, 5 or 6? Different readers pick different K, and even
# the same reader picks differently when the y axis is stretched or starts at another value. A rule
# removes the guesswork. Let $G_K = W(K-1) - W(K)$ be the drop bought by the $K$-th cluster. The elbow is
# the K after which the next drop is smallest *compared with* the drop just before:
#
# $$K_{\text{elbow}} = \arg\min_{K} \frac{G_{K+1}}{G_K}$$
#
# `course_lib.metrics.elbow_k` applies it (its `method="chord"` alternative picks the point farthest
# below the straight line joining the curve's ends).

# %%
ratios = elbow_ratios(list(inertia), list(inertia.values()))
print(pd.Series(ratios, name="G(K+1) / G(K)").round(3).to_string())
elbow = elbow_k(list(inertia), list(inertia.values()))
print(f"elbow (ratio rule): K = {elbow};  chord rule: K = {elbow_k(list(inertia), list(inertia.values()), method='chord')}")

# %%
plot_elbow(inertia, elbow=elbow, title="The ratio rule puts the elbow at K = 5")
plt.show()

# %% [markdown]
# After K = 5 the sixth cluster buys only a quarter of what the fifth bought; every other ratio is at
# least one half. That is the "diminishing returns after K = 5" the lecture slides (seed 000) describe.
# Still, the elbow only looks at how compact clusters are, not at whether they are separate. The next
# measures look at both.

# %% [markdown]
# ## The silhouette of one point
#
# For a point $i$ in cluster $C_I$, compare how far it is from its own cluster with how far it is from the
# nearest other cluster (Rousseeuw, 1987):
#
# $$a(i) = \frac{1}{|C_I| - 1} \sum_{j \in C_I,\ j \ne i} d(i, j), \qquad
#   b(i) = \min_{J \ne I} \frac{1}{|C_J|} \sum_{j \in C_J} d(i, j), \qquad
#   s(i) = \frac{b(i) - a(i)}{\max\{a(i),\, b(i)\}}$$
#
# $s(i)$ lies between $-1$ and $1$. Near 1: the point sits deep inside its cluster, far from the others.
# Near 0: it is on the boundary between two clusters. Negative: it is closer, on average, to another
# cluster than to its own, so it is probably in the wrong one. A point alone in its cluster gets
# $s = 0$.
#
# The textbook's worked example 2 (seed 002): clusters $C_1 = \{(0,0), (1,0), (0,1)\}$ and
# $C_2 = \{(5,5), (6,5), (5,6)\}$, silhouette of $(0,0)$.

# %%
example = examples.textbook_silhouette
print(example.trace)
print(example.erratum or "Every number the textbook prints for this example agrees with the exact values.")

# %%
plot_silhouette_point(example.trace)
plt.show()

# %% [markdown]
# $a = 1$, $b = (\sqrt{50} + 2\sqrt{61})/3 \approx 7.564$, so $s = 6.564 / 7.564 \approx 0.868$: the
# point is well placed. Now your turn, exercise 7 of the same chapter: the first cluster is the same,
# the second is $\{(10,10), (11,10), (10,11)\}$. Compute $a$, $b$ and $s$ for the point $(1, 0)$ and check
# them (two decimals are enough):

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
hand_check(examples.exercise_7_silhouette)

# %% [markdown]
# ## The silhouette score against K
#
# The mean over all points, $\bar s = \frac{1}{n} \sum_i s(i)$, scores a whole clustering: high when
# clusters are tight and far apart. Its cost is the catch: every $a(i)$ and $b(i)$ needs the distances
# from $i$ to all other points, $n^2/2$ distances in all. `course_lib.silhouette_samples` computes them a
# block of rows at a time, so memory stays small, but time still grows with $n^2$. We score a random
# sample of 2,000 of the 5,000 listeners, the same sample for every K (the clusters still come from
# all 5,000).

# %%
sample = np.random.default_rng(0).choice(len(Z), size=2000, replace=False)
silhouettes = {k: silhouette_samples(Z[sample], labels[k][sample]) for k in range(2, 11)}
silhouette = {k: float(values.mean()) for k, values in silhouettes.items()}
print(pd.Series(silhouette, name="mean silhouette").round(3).to_string())

# %%
from sklearn.metrics import silhouette_samples as sklearn_silhouette_samples

for k in (2, 5, 8):
    assert np.allclose(silhouettes[k], sklearn_silhouette_samples(Z[sample], labels[k][sample]), rtol=1e-10)

# %%
plot_score_curve(silhouette, name="mean silhouette", title="Silhouette against K: highest at K = 5")
plt.show()

# %% [markdown]
# The silhouette peaks at K = 5, the same K as the elbow. On all 5,000 listeners the peak is also at 5
# (0.290, against 0.272 at K = 4 and 0.269 at K = 6); the sample moves each value by less than 0.01.
# Values around 0.3 are typical for real behaviour data, where groups overlap; only well-separated toy
# blobs reach 0.7 or more.

# %% [markdown]
# ## Silhouette plots for K = 2 to 7
#
# The mean hides a lot. A **silhouette plot** shows every point: one horizontal bar per point, sorted
# within its cluster, the clusters stacked. A good clustering has every cluster reaching past the mean
# (dashed line), few bars left of 0 and no cluster that is mostly thin.

# %%
shown = range(2, 8)
plot_silhouette_diagrams({k: silhouettes[k] for k in shown}, {k: labels[k][sample] for k in shown}, highlight=5)
plt.show()

# %% [markdown]
# With K = 2 or 3 the clusters are thick and blunt: each holds several kinds of listener, so many points
# sit near a boundary. At K = 5 the five clusters have long, sharp profiles. At K = 6 and 7 new clusters
# appear whose bars are short and partly negative: a real group has been cut in two, and its halves sit
# right next to each other.

# %% [markdown]
# ## Davies-Bouldin and Calinski-Harabasz
#
# Two more scores use centroids instead of all pairwise distances, so they cost only $O(nK)$.
#
# **Davies-Bouldin** compares each cluster with its most similar neighbour. With $S_k$ the mean distance
# of cluster $k$'s points to its centroid $\mu_k$:
#
# $$DB = \frac{1}{K} \sum_{k=1}^{K} \max_{l \ne k} \frac{S_k + S_l}{\lVert \mu_k - \mu_l \rVert}$$
#
# Spread-out clusters with close centroids give large ratios, so **lower is better** (0 is the ideal).
#
# **Calinski-Harabasz** is the ratio of between-cluster to within-cluster dispersion, each divided by its
# degrees of freedom. With $\mu$ the overall mean:
#
# $$CH = \frac{B / (K - 1)}{W / (n - K)}, \qquad B = \sum_{k=1}^{K} |C_k|\, \lVert \mu_k - \mu \rVert^2, \qquad
#   W = \sum_{k=1}^{K} \sum_{x_i \in C_k} \lVert x_i - \mu_k \rVert^2$$
#
# Well-separated, compact clusters have a large $B$ and a small $W$, so **higher is better**.

# %%
davies_bouldin = {k: davies_bouldin_score(Z, labels[k]) for k in range(2, 11)}
calinski_harabasz = {k: calinski_harabasz_score(Z, labels[k]) for k in range(2, 11)}
pd.DataFrame({"Davies-Bouldin": davies_bouldin, "Calinski-Harabasz": calinski_harabasz}).round(3)

# %%
from sklearn import metrics as sklearn_metrics

for k in range(2, 11):
    assert np.isclose(davies_bouldin[k], sklearn_metrics.davies_bouldin_score(Z, labels[k]), rtol=1e-10)
    assert np.isclose(calinski_harabasz[k], sklearn_metrics.calinski_harabasz_score(Z, labels[k]), rtol=1e-10)

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.9))
plot_score_curve(davies_bouldin, name="Davies-Bouldin", better="lower", ax=left, title="Davies-Bouldin: lowest at 5")
plot_score_curve(calinski_harabasz, name="Calinski-Harabasz", ax=right,
                 title="Calinski-Harabasz: highest at 2, a peak at 5")
plt.tight_layout()
plt.show()

# %% [markdown]
# Davies-Bouldin agrees: lowest at K = 5. Calinski-Harabasz is highest at K = 2 and has only a local peak
# at 5. This is a known habit of the index when groups overlap: the first cut already captures a large
# share of the between-cluster spread $B$, and dividing $B$ by $K - 1$ makes every further cluster pay.
# No single index is the truth; each summarises a different idea of "good".

# %% [markdown]
# ## Four views, one answer: K = 5
#
# Side by side, with each method's pick marked:

# %%
plot_k_selection(inertia=inertia, silhouette=silhouette, davies_bouldin=davies_bouldin,
                 calinski_harabasz=calinski_harabasz, elbow=elbow)
plt.show()

# %% [markdown]
# The elbow, the silhouette and Davies-Bouldin agree on K = 5, and Calinski-Harabasz has its peak there
# among all K above 2. That is the agreement the lecture slides (seed 000) report for this kind of data.
# The listener data ships with its hidden truth, five personas, so here (and only because this is a
# lesson) we can check how well each K recovers them, with the adjusted Rand index (1: identical, about
# 0: chance):

# %%
persona = personas["persona"].to_numpy()
recovery = {k: adjusted_rand_score(persona, labels[k]) for k in range(2, 11)}
print(pd.Series(recovery, name="ARI with the hidden personas").round(3).to_string())

# %% [markdown]
# K = 5 recovers the personas far better than any smaller K. K = 6 does equally well (0.862 against
# 0.860), for a reason the next figure shows: it splits the Socialites in two, but in exchange it takes
# back the Socialites that K = 5 had mixed with the Casuals. The truth cannot tell 5 from 6 here; the
# elbow, the silhouette and the next section (stability) can, and five segments are simpler to act on.

# %% [markdown]
# ## When K is wrong
#
# What does a wrong K do to segments? Compare the hidden personas with the clusters for K = 3 (too few),
# 5 and 8 (too many). Each row is a persona, each column a cluster, each cell a number of listeners.

# %%
plot_contingency_panels(persona, {k: labels[k] for k in (3, 5, 8)}, true_name="persona",
                        titles={3: "K = 3: personas merged", 5: "K = 5: one cluster each",
                                8: "K = 8: personas split"})
plt.show()

# %% [markdown]
# - **Too few (K = 3).** Specialists are swallowed by the Loyalists' cluster and Socialites by the
#   Explorers'. A product team reading these three segments would never design for the Specialists
#   (10 % of listeners) or the Socialites (15 %): their needs are averaged away.
# - **Right (K = 5).** Each persona has a cluster of its own; most misplaced listeners are the ones
#   drawn between two personas.
# - **Too many (K = 8).** Casuals, Loyalists and Socialites are each cut in two. The halves differ by
#   little more than noise, but now there are eight "segments" to name, staff and measure, and teams
#   chase differences that are not there.

# %% [markdown]
# ## Stable across random seeds?
#
# A clustering worth acting on should not change when only the random start changes (the lecture's
# pitfall "not validating stability"). Fit k-means again with other seeds and compare every pair of
# runs with the adjusted Rand index: 1 means the runs found exactly the same clusters.

# %%
runs = {k: [labels[k]] + [KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(Z) for seed in (1, 2, 3)]
        for k in range(4, 8)}
agreement = {k: pairwise_adjusted_rand_scores(found) for k, found in runs.items()}
print(pd.DataFrame(agreement).agg(["min", "mean"]).round(3).to_string())

# %%
plot_stability(agreement, threshold=0.9, highlight=5, title="Runs with different seeds agree up to K = 5 or 6")
plt.show()

# %% [markdown]
# Up to K = 5 the runs find the same partition (ARI of at least 0.99 for every pair). At K = 6 small
# differences appear, and at K = 7 the runs disagree a lot: once the five real groups are used up, there
# are several equally good ways to cut one of them further, and the seed decides which. Stability does
# not pick K on its own, but it warns against the K that are too large.

# %% [markdown]
# ## Stable across cohorts: app users after sign-up
#
# The practitioner's story of seed 001 adds one more check. A data team clustered what new users did in
# their first days. Because a few extremely active users dragged the centroids, they first set aside the
# top 1 % most active users. Then, running k-means for a range of K, the inertia curve bent somewhere
# between 4 and 6 and the silhouette was highest at 5. Before trusting the answer, they clustered each
# sign-up cohort separately and checked that the results matched.
#
# The course's `user_data.csv` (3,300 users, 8 activity counts, four monthly cohorts) lets you redo
# each step. First the filter and the choice of K:

# %%
users, user_truth = load_user_data(return_truth=True)
counts = users.drop(columns="signup_cohort")
actions = counts[["sessions", "searches", "items_viewed", "purchases", "shares", "posts_created"]].sum(axis=1)
keep = (actions <= actions.quantile(0.99)).to_numpy()
print(f"top 1 % set aside: {np.sum(~keep)} users with more than {actions.quantile(0.99):.0f} actions")

U = StandardScaler().fit_transform(counts[keep].to_numpy(dtype=float))
user_models = {k: KMeans(n_clusters=k, n_init=10, random_state=0).fit(U) for k in K_RANGE}
user_inertia = {k: model.inertia_ for k, model in user_models.items()}
user_sample = np.random.default_rng(0).choice(len(U), size=2000, replace=False)
user_silhouette = {k: float(silhouette_samples(U[user_sample], user_models[k].labels_[user_sample]).mean())
                   for k in range(2, 11)}
user_elbows = {method: elbow_k(list(user_inertia), list(user_inertia.values()), method=method)
               for method in ("ratio", "chord")}
print(f"elbow: ratio rule K = {user_elbows['ratio']}, chord rule K = {user_elbows['chord']}; "
      f"best silhouette: K = {max(user_silhouette, key=user_silhouette.get)}")

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.9))
plot_elbow(user_inertia, elbow=user_elbows["ratio"], candidates=(4, 6), ax=left, title="App users: elbow")
plot_score_curve(user_silhouette, name="mean silhouette", ax=right, title="App users: silhouette")
plt.tight_layout()
plt.show()

# %% [markdown]
# The two elbow rules disagree (4 and 5), just as the practitioners' eyes settled on "between 4 and 6",
# and the silhouette settles it at 5. Now the cohorts: cluster each month's users alone with K = 5 and
# compare with the clusters those same users got when everyone was clustered together.

# %%
cohort = users["signup_cohort"].to_numpy()[keep]
everyone = user_models[5].labels_
cohort_agreement, cohort_sizes = {}, {}
for month in sorted(set(cohort)):
    rows = cohort == month
    alone = KMeans(n_clusters=5, n_init=10, random_state=0).fit_predict(U[rows])
    cohort_agreement[month] = adjusted_rand_score(everyone[rows], alone)
    cohort_sizes[month] = int(rows.sum())
print(pd.Series(cohort_agreement, name="ARI, cohort alone vs everyone").round(3).to_string())

# %%
plot_cohort_agreement(cohort_agreement, sizes=cohort_sizes)
plt.show()

# %% [markdown]
# Every cohort on its own finds the same five groups (ARI of at least 0.96). If one month had
# disagreed, that would be worth investigating before naming any persona: a marketing campaign, a
# product change or a data problem in that month. Lesson 10 takes these five groups all the way to
# personas.

# %% [markdown]
# ## Summary
#
# - WCSS always falls as K grows; the **elbow** is where the gain from one more cluster collapses. By
#   eye it is ambiguous; the ratio rule $\arg\min_K G_{K+1}/G_K$ makes it precise.
# - The **silhouette** $s(i) = (b - a)/\max(a, b)$ compares a point's own cluster with the nearest other;
#   its mean scores a clustering (higher is better). It costs $O(n^2)$: sample large data.
# - **Silhouette plots** show every point; a cluster cut in two shows up as short, partly negative bars.
# - **Davies-Bouldin** (lower is better) and **Calinski-Harabasz** (higher is better) are cheap
#   centroid-based scores; Calinski-Harabasz tends to favour few clusters on overlapping data.
# - On the listeners, elbow, silhouette and Davies-Bouldin agree on **K = 5**; too few clusters hide
#   personas, too many invent them.
# - Check **stability**: runs with other seeds, and each cohort on its own, should find the same clusters.

# %% [markdown]
# ## Check yourself
#
# 1. Why can you not choose K by taking the K with the smallest WCSS?
#
# <details><summary>Answer</summary>
#
# WCSS never increases when K grows and reaches 0 at K = n (each point its own cluster). The smallest
# WCSS always belongs to the largest K tried, whatever the data.
#
# </details>
#
# 2. A point has $a = 2$ and $b = 1.5$. What is its silhouette, and what does the sign tell you?
#
# <details><summary>Answer</summary>
#
# $s = (1.5 - 2)/\max(2, 1.5) = -0.25$. Negative: on average the point is closer to the nearest other
# cluster than to its own, so it is probably in the wrong cluster.
#
# </details>
#
# 3. For which of the silhouette, Davies-Bouldin and Calinski-Harabasz scores is a lower value better,
#    and why?
#
# <details><summary>Answer</summary>
#
# Davies-Bouldin: it averages, over clusters, the ratio of the spreads of two clusters to the distance
# between their centroids, and that ratio is small when clusters are compact and far apart. For the
# silhouette and Calinski-Harabasz higher is better.
#
# </details>
#
# 4. Your elbow plot bends somewhere between 4 and 6. What do you do next?
#
# <details><summary>Answer</summary>
#
# Use more than one method: compute the silhouette (and Davies-Bouldin) for those K, look at the
# silhouette plots for thin or negative clusters, check that runs with different seeds and different
# subsets (cohorts) give the same clusters, and ask whether the clusters make sense to people who know
# the users.
#
# </details>
#
# 5. Runs with different seeds agree perfectly at K = 5 but not at K = 7. What does that suggest?
#
# <details><summary>Answer</summary>
#
# That 5 groups are really there and each run finds them, while at K = 7 there are several equally good
# ways to cut the real groups further, so the seed decides. K = 7 is too many for this data.
#
# </details>
