# %% [markdown]
# # 12 · Document topics
#
# Two hundred news headlines, and nobody has tagged them. Can k-means sort them into topics using nothing
# but the words they contain? It can, but only after we understand why its first attempt goes wrong.
#
# ## Learning objectives
#
# By the end you can ...
#
# - turn short texts into TF-IDF vectors with scikit-learn's `TfidfVectorizer`, and say what every number
#   in a row means;
# - explain why, on unit-length rows, Euclidean k-means is almost cosine ("spherical") k-means, and state
#   exactly where the two differ;
# - recognise k-means failing on sparse text (ties at the start, one catch-all cluster, seeds that disagree)
#   and fix it with a better vocabulary and more restarts;
# - read each cluster's topic from its top terms and choose K with the cosine silhouette;
# - check the topics against the hidden labels, at the very end.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from course_lib import (KMeans, adjusted_rand_score, kmeans_plusplus, pairwise_adjusted_rand_scores,
                        pairwise_distances, silhouette_score)
from course_lib.datasets import load_headlines
from course_lib.plotting import (plot_cluster_sizes, plot_contingency, plot_document_frequency,
                                 plot_euclidean_vs_cosine, plot_score_curve, plot_stability,
                                 plot_tfidf_heatmap, plot_top_terms, top_terms, use_course_style)

use_course_style()

# %% [markdown]
# ## From headlines to TF-IDF vectors
#
# The headlines were written for this course in a handful of everyday topics (the data card in
# `datasets/README.md` says how). Which topic each one belongs to is kept in a separate file that we
# open only in the last section.

# %%
headlines = load_headlines()
texts = headlines["headline"].tolist()
print(f"{len(texts)} headlines, {np.mean([len(t.split()) for t in texts]):.1f} words on average")
headlines.head(8)

# %% [markdown]
# k-means needs numbers. The classic recipe for text is **TF-IDF**: one column per word of the
# vocabulary, and in each row a weight that is large when the word occurs in *this* headline but in few
# others. For a term $t$ in document $d$, with $n$ documents of which $\mathrm{df}(t)$ contain $t$,
# scikit-learn's defaults compute
#
# $$\mathrm{tf}(t, d) = \text{count of } t \text{ in } d, \qquad
#   \mathrm{idf}(t) = \ln\frac{1 + n}{1 + \mathrm{df}(t)} + 1, \qquad
#   x_{d} = \frac{w_d}{\lVert w_d \rVert} \ \text{ with } \ w_{dt} = \mathrm{tf}(t, d)\,\mathrm{idf}(t).$$
#
# So every row has length 1. Common English words ("the", "for", "to") carry no topic and are removed
# first (`stop_words="english"`).

# %%
vectorizer_all = TfidfVectorizer(stop_words="english")
X_all = vectorizer_all.fit_transform(texts).toarray()
terms_all = vectorizer_all.get_feature_names_out()
print(f"TF-IDF matrix: {X_all.shape[0]} headlines x {X_all.shape[1]} words; "
      f"{np.mean(X_all > 0):.1%} of the entries are non-zero")
first = X_all[0]
print(f"'{texts[0]}'")
weights_of_first = pd.Series(first[first > 0], index=terms_all[first > 0], name="TF-IDF weight")
weights_of_first.round(3).sort_values(ascending=False)

# %% [markdown]
# Rarer words weigh more ("apple", "pie") than words many headlines share ("recipe", "dinner"). The
# vectorizer is scikit-learn's, so here the check runs the other way: the formula above, computed from
# plain word counts, gives exactly its matrix.

# %%
counts = CountVectorizer(stop_words="english").fit_transform(texts).toarray()
document_frequency = (counts > 0).sum(axis=0)
idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1
weights = counts * idf
assert np.allclose(weights / np.linalg.norm(weights, axis=1, keepdims=True), X_all, rtol=1e-12, atol=1e-15)

# %% [markdown]
# Short texts make a very sparse matrix: a headline uses 6 or 7 of the 642 words. And most words are
# rare, as the next figure counts.

# %%
plot_document_frequency(X_all, title="Most words occur in one headline only")
plt.show()

# %% [markdown]
# Keep that figure in mind: a word that occurs in a single headline can never make two headlines look
# alike.

# %% [markdown]
# ## Distance between unit-length rows
#
# Text is usually compared with the **cosine similarity** $\cos(x, y) = \frac{x \cdot y}{\lVert x\rVert
# \lVert y\rVert}$: the angle between two rows, whatever their lengths. Our rows all have length 1, and then
# the squared Euclidean distance says exactly the same thing:
#
# $$\lVert x - y \rVert^2 = \lVert x\rVert^2 + \lVert y\rVert^2 - 2\,x \cdot y = 2 - 2\cos(x, y).$$
#
# The nearest headline is the most similar one. Two headlines with no word in common are at distance
# $\sqrt 2$ from each other. `course_lib.pairwise_distances` computes both distances:

# %%
euclidean = pairwise_distances(X_all)
cosine = pairwise_distances(X_all, metric="cosine")
gap = np.abs(euclidean ** 2 - 2 * cosine).max()
print(f"largest gap between |x - y|^2 and 2 * cosine distance: {gap:.1e}")
pairs = np.triu_indices(len(texts), k=1)
print(f"share of headline pairs with no word in common: {np.mean(np.isclose(cosine[pairs], 1.0)):.1%}")

# %%
from sklearn.metrics.pairwise import cosine_distances, euclidean_distances

assert np.allclose(cosine, cosine_distances(X_all), atol=1e-12)
assert np.allclose(euclidean, euclidean_distances(X_all), atol=1e-12)
assert np.allclose(euclidean ** 2, 2 * cosine, atol=1e-12)

# %%
plot_euclidean_vs_cosine(X_all)
plt.show()

# %% [markdown]
# Almost every pair sits in the top left corner: no word in common, cosine 0, squared distance 2. That
# is what the sparse matrix looks like from the inside.

# %% [markdown]
# ## k-means on all the words: what goes wrong
#
# Run k-means with K = 5 (one guess; we check K later) on all 642 words, with the course's usual 10
# k-means++ starts, and repeat with five different seeds. Without the true topics, two symptoms can still
# be seen: how big the clusters are, and whether the seeds agree.

# %%
first_try = {seed: KMeans(n_clusters=5, n_init=10, random_state=seed).fit(X_all) for seed in range(5)}
first_agreement = pairwise_adjusted_rand_scores(run.labels_ for run in first_try.values())
print(f"ARI between the runs of different seeds: mean {np.mean(first_agreement):.2f}, "
      f"lowest {np.min(first_agreement):.2f}")

# %%
plot_cluster_sizes({f"seed {seed}": model.labels_ for seed, model in first_try.items()},
                   title="All words, n_init=10: one cluster swallows the rest")
plt.show()

# %% [markdown]
# With 200 headlines in five topics we might expect clusters of about 40. Instead one cluster holds 68
# to 109 headlines, and two runs agree only at an ARI of about 0.3: the seed, not the data, decides the
# answer. Reading seed 0's top terms shows it too: the catch-all cluster 0 mixes "users, app" with "city,
# holiday, tourists", while "team" and "fans" head two clusters of their own (2 and 4).

# %%
[list(top.index) for top in top_terms(first_try[0].cluster_centers_, terms_all, 5)]

# %% [markdown]
# Why? Two exact reasons.
#
# **Ties at the start.** k-means++ starts from 5 headlines. A headline that shares no word with any of
# them is at distance exactly $\sqrt 2$ from all five. In exact arithmetic that is a five-way tie;
# in floating point, rounding noise breaks it.

# %%
for seed in range(3):
    _, seeds = kmeans_plusplus(X_all, 5, random_state=seed)
    tied = (X_all @ X_all[seeds].T == 0).all(axis=1)
    print(f"seed {seed}: {tied.sum()} of {len(texts)} headlines share no word with the five "
          "starting headlines")

# %% [markdown]
# **Short centroids attract the lost headlines.** After the first update a centroid is a mean of unit
# vectors, and its length $\lVert c\rVert$ is below 1. The more its members disagree, the shorter it is.
# For a unit-length headline $x$:
#
# $$\lVert x - c \rVert^2 = 1 + \lVert c\rVert^2 - 2\,x \cdot c.$$
#
# A headline with little in common with every centroid ($x \cdot c \approx 0$) goes to the *shortest*
# centroid, the most mixed one, which grows more mixed and shorter still. That is the catch-all cluster.
# Seed 0's centroid lengths:

# %%
pd.Series(np.linalg.norm(first_try[0].cluster_centers_, axis=1),
          index=[f"cluster {j} ({n} headlines)" for j, n in enumerate(np.bincount(first_try[0].labels_))],
          name="centroid length").round(3)

# %% [markdown]
# ## The fix: shared words and more restarts
#
# Two changes, both justified without looking at the answer.
#
# 1. **Keep only words that occur in at least two headlines** (`min_df=2`). A word used once cannot pull
#    two headlines together. It only dilutes the weights of the headline's other words (each row has
#    length 1). That removes 456 of the 642 words.
# 2. **More restarts.** On 200 rows a k-means run takes milliseconds, so `n_init=100` costs nothing and
#    gives the best of 100 starts (lowest WCSS) a real chance to be the best partition.

# %%
vectorizer = TfidfVectorizer(stop_words="english", min_df=2)
X = vectorizer.fit_transform(texts).toarray()
terms = vectorizer.get_feature_names_out()
print(f"TF-IDF matrix: {X.shape[0]} headlines x {X.shape[1]} words; every headline keeps at least "
      f"{(X > 0).sum(axis=1).min()} words")

# %%
plot_document_frequency(X_all, min_df=2, title="min_df=2 keeps the words that can link headlines")
plt.show()

# %%
second_try = {seed: KMeans(n_clusters=5, n_init=100, random_state=seed).fit(X) for seed in range(5)}
second_agreement = pairwise_adjusted_rand_scores(run.labels_ for run in second_try.values())
print(f"ARI between the runs of different seeds: mean {np.mean(second_agreement):.3f}, "
      f"lowest {np.min(second_agreement):.3f}")
print("cluster sizes:", [sorted(np.bincount(m.labels_).tolist(), reverse=True) for m in second_try.values()])

# %%
axis = plot_stability({"1. all words\nn_init=10": first_agreement,
                       "2. min_df=2\nn_init=100": second_agreement},
                      threshold=0.9, title="Do runs with different seeds agree?")
axis.set_xlabel("vectors and restarts")
plt.show()

# %% [markdown]
# Now every seed finds the same five clusters of 39 to 41 headlines. We keep the run with seed 0.
# Is it the same clustering scikit-learn finds from the same starts? Same vectors, same `random_state`,
# same 100 starts:

# %%
from sklearn.cluster import KMeans as SklearnKMeans

model = second_try[0]
reference = SklearnKMeans(n_clusters=5, n_init=100, random_state=0).fit(X)
assert np.array_equal(model.labels_, reference.labels_)
assert np.allclose(model.cluster_centers_, reference.cluster_centers_, rtol=1e-10, atol=1e-12)
assert np.isclose(model.inertia_, reference.inertia_, rtol=1e-10)
# and from one explicit start, the centroids of another run
start = second_try[1].cluster_centers_
assert np.array_equal(KMeans(n_clusters=5, init=start).fit(X).labels_,
                      SklearnKMeans(n_clusters=5, init=start, n_init=1).fit(X).labels_)

# %% [markdown]
# They agree exactly. (On the all-words vectors they need not: there the ties above are broken by
# rounding, and two correct programs may round differently.)

# %% [markdown]
# ## Euclidean k-means or cosine k-means? What is computed, exactly
#
# Text clustering is often described as "k-means with cosine distance". `course_lib` offers
# `KMeans` (Euclidean), cosine distances (`pairwise_distances(..., metric="cosine")`) and the cosine
# silhouette. It does not offer a separate cosine k-means, and on TF-IDF rows we do not need one, up to
# one detail. Here is what each version computes.
#
# - **What we ran:** Euclidean k-means on unit-length rows. The centroid is the plain mean
#   $c_j = \frac{1}{|C_j|}\sum_{x \in C_j} x$, shorter than 1. A headline goes to
#   $\arg\min_j \lVert x - c_j\rVert^2 = \arg\max_j \left(x \cdot c_j - \tfrac12 \lVert c_j\rVert^2\right)$.
# - **Spherical (cosine) k-means:** the same mean, rescaled to length 1, $u_j = c_j / \lVert c_j\rVert$.
#   A headline goes to $\arg\max_j \cos(x, c_j) = \arg\max_j x \cdot u_j$.
#
# With centroids of equal length the two rules pick the same cluster. With unequal lengths they can
# differ, as seen with the catch-all cluster. So a clean check is: assign every headline to the centroid
# with the highest cosine, and count how many would move.

# %%
by_cosine = pairwise_distances(X, model.cluster_centers_, metric="cosine").argmin(axis=1)
print(f"centroid lengths: {np.round(np.linalg.norm(model.cluster_centers_, axis=1), 3)}")
moved = np.sum(by_cosine != model.labels_)
print(f"headlines whose nearest centroid by cosine is not their cluster: {moved}")
all_words_cosine = pairwise_distances(X_all, first_try[0].cluster_centers_, metric="cosine").argmin(axis=1)
print(f"(the same check on seed 0's all-words run: {np.sum(all_words_cosine != first_try[0].labels_)})")

# %%
plot_euclidean_vs_cosine(X, model.cluster_centers_)
plt.show()

# %% [markdown]
# Right panel: each centroid has its own line $\lVert x - c\rVert^2 = 1 + \lVert c\rVert^2 - 2\lVert
# c\rVert \cos(x, c)$. Here the five lengths are close (0.37 to 0.45), so the lines nearly coincide and no
# headline would move: the partition we found is also a cosine k-means partition (a fixed point of its
# assignment step). On the all-words run, 8 headlines would move.

# %% [markdown]
# ## Top terms: what each cluster is about
#
# A centroid is the average TF-IDF row of its cluster, so its largest entries are the words its
# headlines share. Naming the clusters is our reading of these words, not the algorithm's:

# %%
plot_top_terms(model.cluster_centers_, terms, n_terms=6)
plt.show()

# %%
names = {0: "health", 1: "technology", 2: "travel", 3: "cooking", 4: "sport"}
for cluster, name in names.items():
    example = texts[np.flatnonzero(model.labels_ == cluster)[0]]
    print(f"cluster {cluster} = {name:<10} ({np.sum(model.labels_ == cluster)} headlines), e.g. '{example}'")

# %% [markdown]
# The document-term matrix, headlines sorted by cluster and restricted to the clusters' top words, shows
# the same thing as blocks: each cluster's headlines use its own words, and a few borrow another's.

# %%
plot_tfidf_heatmap(X, terms, model.labels_, n_terms=5)
plt.show()

# %% [markdown]
# ## How many topics? The cosine silhouette for K = 2 to 6
#
# The silhouette of lesson 03, with the cosine distance $d(x, y) = 1 - \cos(x, y)$ between headlines:
#
# $$s(i) = \frac{b(i) - a(i)}{\max\{a(i), b(i)\}},$$
#
# where $a(i)$ is the mean distance to the own cluster and $b(i)$ the smallest mean distance to another.

# %%
models = {k: KMeans(n_clusters=k, n_init=100, random_state=0).fit(X) for k in range(2, 7)}
silhouette = {k: silhouette_score(X, m.labels_, metric="cosine") for k, m in models.items()}
print(pd.Series(silhouette, name="cosine silhouette").round(4).to_string())

# %%
from sklearn.metrics import silhouette_score as sklearn_silhouette_score

for k, m in models.items():
    assert np.isclose(silhouette[k], sklearn_silhouette_score(X, m.labels_, metric="cosine"), rtol=1e-10)

# %%
plot_score_curve(silhouette, name="cosine silhouette", title="Highest at K = 5, just ahead of K = 6")
plt.show()

# %% [markdown]
# K = 5 scores best, but only 0.002 ahead of K = 6. Silhouettes of short texts are low (most pairs of
# headlines share no word, whatever the clustering) and flat, so the score alone cannot settle this. The
# top terms can: with K = 6 the sport cluster is cut in two, "league, season, match" against "final,
# cup, win", two halves a reader would not call separate topics.

# %%
plot_top_terms(models[6].cluster_centers_, terms, n_terms=5, ncols=6, panel_size=(2.4, 2.6))
plt.show()

# %% [markdown]
# ## Agreement with the hidden topics
#
# Only now do we open the truth file: the topic each headline was written for.

# %%
_, truth = load_headlines(return_truth=True)
topic = truth["topic"].to_numpy()
found = np.array([names[c] for c in model.labels_])
print(f"ARI of the final clustering (min_df=2, n_init=100): {adjusted_rand_score(topic, model.labels_):.3f}")
print("ARI of the first attempt (all words, n_init=10), seeds 0-4:",
      np.round([adjusted_rand_score(topic, m.labels_) for m in first_try.values()], 3))

# %%
plot_contingency(topic, found, true_name="topic written for", pred_name="cluster, as we named it")
plt.show()

# %%
headlines.assign(topic=topic, cluster=found)[topic != found]

# %% [markdown]
# 199 of 200 headlines land in their topic, and the one that does not is about team doctors warning
# players about heat: a sports desk wrote it, but most of its words belong to health. The data card lists
# ten headlines written on purpose with words of a second topic; nine of them still went home, because their
# own topic's words outweigh the borrowed ones. The first attempt found the topics only partly (ARI 0.31 to
# 0.64), and its answer depended on the seed.

# %% [markdown]
# ## Summary
#
# - **TF-IDF** turns a text into a row with one weight per word, $\mathrm{tf} \cdot \mathrm{idf}$,
#   scaled to length 1; rare words weigh more than common ones.
# - On unit-length rows $\lVert x - y\rVert^2 = 2 - 2\cos(x, y)$: Euclidean neighbours are cosine
#   neighbours. k-means' centroids are shorter than 1, and then Euclidean k-means and cosine (spherical)
#   k-means can assign differently; check by reassigning with the cosine.
# - Short texts are **sparse**: with all words, many headlines tie at the start, a short, mixed centroid
#   collects the lost ones, and the seed decides the result. Seeds that disagree are the warning sign.
# - **Fixes:** keep words shared by at least two documents (`min_df=2`), and use many restarts
#   (`n_init=100` is cheap on small data).
# - **Top terms** of each centroid name the topics; the **cosine silhouette** is low and flat for text,
#   so read the top terms before trusting a K.

# %% [markdown]
# ## Check yourself
#
# 1. Two headlines share no word. What are their cosine similarity, their cosine distance and their
#    Euclidean distance (TF-IDF rows of length 1)?
#
# <details><summary>Answer</summary>
#
# Their dot product is 0, so the cosine similarity is 0 and the cosine distance is 1. The squared Euclidean
# distance is $2 - 2 \cdot 0 = 2$, so the distance is $\sqrt 2 \approx 1.414$.
#
# </details>
#
# 2. Why does `min_df=2` help k-means even though it throws information away?
#
# <details><summary>Answer</summary>
#
# A word that occurs in only one headline adds nothing to that headline's similarity with any other. Because
# each row is scaled to length 1, it only takes weight away from the words the headline does share. Dropping
# such words makes headlines of one topic more similar to each other and to their centroid.
#
# </details>
#
# 3. A centroid of a cluster of unit vectors has length 0.2, another has length 0.45. A headline has dot
# product 0 with both. Which one is it nearer in Euclidean distance, and which one by cosine?
#
# <details><summary>Answer</summary>
#
# Euclidean: $\lVert x - c\rVert^2 = 1 + \lVert c\rVert^2 - 0$, so $1.04$ against $1.2025$: the short
# centroid (length 0.2) is nearer. Cosine: both similarities are 0, a tie. Short, mixed centroids win such
# headlines under the Euclidean rule, which is how a catch-all cluster grows.
#
# </details>
#
# 4. Five runs of k-means with different seeds give pairwise ARIs around 0.3. Without any true labels,
# what do you conclude, and what do you try?
#
# <details><summary>Answer</summary>
#
# The result depends on the start, not on the data: no run can be trusted as "the" clustering. Try more
# restarts (`n_init`), better features (here a vocabulary without one-off words) and check again that runs
# agree, and that cluster sizes and top terms make sense.
#
# </details>
#
# 5. The cosine silhouette is 0.126 at K = 5 and 0.123 at K = 6. Why is that not enough to choose K, and
# what settles it?
#
# <details><summary>Answer</summary>
#
# The difference is tiny compared with how flat the curve is for short texts, so noise in the data could
# flip it. The top terms settle it: at K = 6 one topic (sport) is split into two halves that use the same
# kind of words, which a reader would merge again.
#
# </details>
