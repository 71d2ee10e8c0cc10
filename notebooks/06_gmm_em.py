# %% [markdown]
# # 06 · Gaussian mixtures and EM
#
# k-means puts every user in exactly one segment, with a border as sharp as a knife. A Gaussian mixture
# says instead "this listener is 70 % casual and 30 % enthusiast", lets segments be long and tilted, and
# learns all of it by repeating two simple steps.
#
# ## Learning objectives
#
# By the end you can ...
#
# - write down the density of a Gaussian mixture and say what each parameter means;
# - compute responsibilities with Bayes' theorem (E-step) and weighted means, covariances and weights
#   (M-step), by hand on a small example and with `course_lib`;
# - explain why the log-likelihood never goes down from one EM step to the next;
# - read soft assignments, and tell when they matter: points between clusters;
# - choose between the four covariance types and choose K with BIC and AIC;
# - show that k-means is EM with equal, shrinking round covariances, and say when a mixture beats it.

# %%
import inspect

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import sklearn.cluster
import sklearn.mixture
from sklearn.datasets import make_blobs
from threadpoolctl import threadpool_limits

from course_lib import GaussianMixture, KMeans, StandardScaler, adjusted_rand_score
from course_lib.gmm import (compute_precision_cholesky, count_free_parameters, e_step, em_iteration_textbook,
                            estimate_gaussian_parameters, m_step)
from course_lib.handcalc import examples
from course_lib.plotting import (plot_cluster_panels, plot_covariance_types, plot_em_iterations, plot_em_step_1d,
                                 plot_information_criteria, plot_log_likelihood_history, plot_membership_bars,
                                 plot_mixture_1d, plot_soft_membership, plot_soft_membership_panels,
                                 use_course_style)
from course_lib.widgets import em_stepper, hand_check
from course_lib.widgets.gmm import em_frames

# One thread for NumPy's and scikit-learn's numerical libraries: on a shared machine this is faster, and
# sums are then added in the same order on every run.
threadpool_limits(limits=1)
use_course_style()

# %% [markdown]
# ## The model: a mixture of Gaussians
#
# Suppose a music service has two kinds of listeners: casual ones who listen about 25 minutes a day and
# enthusiasts who listen about 70. Nobody labels them. Their daily minutes together look like two
# overlapping bumps. A **Gaussian mixture** models exactly that: to make a user, first pick a component
# $j$ with probability $\pi_j$, then draw the user from that component's normal distribution. The density
# of one observation $x$ is the weighted sum of the component densities:
#
# $$p(x) = \sum_{j=1}^{K} \pi_j \, \mathcal{N}(x \mid \mu_j, \Sigma_j), \qquad \pi_j \ge 0, \quad \sum_{j=1}^{K} \pi_j = 1,$$
#
# where, for $d$ features, each component is the multivariate normal
#
# $$\mathcal{N}(x \mid \mu, \Sigma) = \frac{1}{(2\pi)^{d/2} \lvert \Sigma \rvert^{1/2}}
#   \exp\!\Big(-\tfrac12 (x - \mu)^\top \Sigma^{-1} (x - \mu)\Big).$$
#
# The parameters are the **weights** $\pi_j$ (how common each kind of user is), the **means** $\mu_j$
# (where each kind sits) and the **covariances** $\Sigma_j$ (how widely and in which directions each kind
# spreads). Fitted to 500 listeners:

# %%
rng = np.random.default_rng(0)
minutes = np.clip(np.r_[rng.normal(25, 8, 300), rng.normal(70, 15, 200)], 0, None)
listeners = GaussianMixture(n_components=2, random_state=0).fit(minutes[:, None])
one_d = {"weights": listeners.weights_, "means": listeners.means_[:, 0],
         "variances": listeners.covariances_[:, 0, 0]}
print(pd.DataFrame(one_d, index=["component 0", "component 1"]).round(2))

# %%
plot_mixture_1d(minutes, **one_d, xlabel="minutes listened per day",
                title="Two weighted bell curves add up to the mixture density")
plt.show()

# %% [markdown]
# The weights come out close to the 300 : 200 split the data were made with, the means close to 25 and 70.
# Nobody told the model which listener was which; it had to infer that too.
#
# Because the mixture is a complete probability model of the data, it can also invent new, realistic
# users: pick a component by its weight, then draw from it. That is what `sample` does:

# %%
synthetic_minutes, synthetic_component = listeners.sample(6)
print("minutes:", np.round(synthetic_minutes[:, 0], 1), " components:", synthetic_component)

# %% [markdown]
# The price of a probability model is its assumption: every segment is taken to be a Gaussian cloud. Counts
# with a long tail (sessions, purchases) fit badly as they are; a log transform often helps. And a mixture
# has more to estimate than k-means, so it is slower and needs more data per segment.

# %% [markdown]
# ## E-step: who is responsible for each point
#
# If the parameters were known, we could ask for each user: given their minutes $x_i$, how likely is it
# that they came from component $j$? Bayes' theorem answers with the prior $\pi_j$ times the likelihood,
# divided by the total:
#
# $$\gamma_{ij} = P(z_i = j \mid x_i) = \frac{\pi_j \, \mathcal{N}(x_i \mid \mu_j, \Sigma_j)}
#   {\sum_{l=1}^{K} \pi_l \, \mathcal{N}(x_i \mid \mu_l, \Sigma_l)} .$$
#
# These $\gamma_{ij}$ are the **responsibilities**: each row sums to 1, and they are the *soft* assignment
# a mixture gives instead of a label. `course_lib.gmm.e_step` computes them with logarithms, because the
# densities of far-away points underflow to 0 in ordinary floating point:

# %%
print(inspect.getsource(e_step))

# %%
listener_x = np.array([[20.0], [40.0], [45.0], [50.0], [90.0]])
log_p, listener_resp = e_step(listener_x, listeners.weights_, listeners.means_, listeners.precisions_cholesky_,
                              "full")
columns = [f"γ component {j} (mean {m:.0f} min)" for j, m in enumerate(listeners.means_[:, 0])]
pd.DataFrame(listener_resp, index=[f"{x:.0f} min" for x in listener_x[:, 0]], columns=columns).round(3)

# %%
plot_mixture_1d(minutes, **one_d, responsibilities=True, xlabel="minutes listened per day",
                title="Responsibilities: each component's share of the density at x")
plt.show()

# %% [markdown]
# Below about 30 minutes the casual component takes almost all the responsibility, above about 53 the
# enthusiast component; in between, both share. The crossing at $\gamma = 0.5$ is where the two weighted
# curves above cross, near 43 minutes, and not halfway between the means (47 minutes): the enthusiast
# component is much wider (variance 199 against 65), so its tail reaches further and it claims points
# nearer the casual mean, although it has fewer users.

# %% [markdown]
# ## M-step: refit each component to its weighted points
#
# If the responsibilities were known, each component could be fitted to the data with every point
# counted by its responsibility. With $N_j = \sum_i \gamma_{ij}$, the "effective number" of points in
# component $j$, the maximum-likelihood parameters are weighted averages:
#
# $$\pi_j = \frac{N_j}{n}, \qquad \mu_j = \frac{1}{N_j} \sum_{i=1}^{n} \gamma_{ij}\, x_i, \qquad
#   \Sigma_j = \frac{1}{N_j} \sum_{i=1}^{n} \gamma_{ij}\, (x_i - \mu_j)(x_i - \mu_j)^\top .$$
#
# (The mean formula follows from setting the derivative of $\sum_i \gamma_{ij} \ln \mathcal{N}(x_i \mid \mu_j, \Sigma_j)$
# with respect to $\mu_j$ to zero: $\sum_i \gamma_{ij} \Sigma_j^{-1} (x_i - \mu_j) = 0$.) With hard 0/1
# responsibilities these are the ordinary share, mean and covariance of each cluster. The library keeps a
# version of one whole EM iteration written exactly as these formulas read:

# %%
print(inspect.getsource(em_iteration_textbook))

# %% [markdown]
# The fast functions the estimator uses (`e_step`, then `m_step` with its blocked matrix products) give the
# same numbers as the formulas. One iteration on two-dimensional data, from the start `GaussianMixture`
# would use:

# %%
def make_tilted_segments(seed=0):
    """Three user segments: two long, tilted ones and a small round one (450 users, 2 features)."""
    rng = np.random.default_rng(seed)
    # (centre, angle in degrees, spread along and across, number of users)
    segments = [((0.0, 0.0), 35, (2.2, 0.35), 200), ((1.5, 3.2), -30, (2.0, 0.3), 150),
                ((4.6, 0.4), 0, (0.5, 0.5), 100)]
    points, truth = [], []
    for j, (centre, degrees, spread, n) in enumerate(segments):
        angle = np.radians(degrees)
        rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        points.append(rng.normal(size=(n, 2)) * spread @ rotation.T + centre)
        truth += [j] * n
    return np.vstack(points), np.array(truth)


segments, segment_truth = make_tilted_segments()
frames = em_frames(segments, 3, covariance_type="full", random_state=0)
start = frames[0]
resp, log_likelihood, weights, means, covariances = em_iteration_textbook(
    segments, start.weights, start.means, start.covariances, reg_covar=1e-6)
fast_log_p, fast_resp = e_step(segments, start.weights, start.means, start.precisions_cholesky, "full")
fast_weights, fast_means, fast_covariances, _ = m_step(segments, fast_resp, 1e-6, "full")
assert np.allclose(resp, fast_resp, atol=1e-12) and np.isclose(log_likelihood, fast_log_p.sum(), rtol=1e-12)
assert np.allclose(weights, fast_weights) and np.allclose(means, fast_means) and np.allclose(covariances,
                                                                                            fast_covariances)
print("the formulas and the fast E- and M-steps agree")

# %%
plot_em_iterations(segments, frames, steps=[0, 1], ncols=2, panel_size=(5.2, 4.0))
plt.show()

# %% [markdown]
# Left, the start: one M-step on the k-means clusters gives each component a weight, a mean and a
# covariance, drawn as ellipses (dashed: one standard deviation along each axis, solid: two). Each point's
# colour mixes the component colours in proportion to its responsibilities. Right, after one E-step and
# one M-step: the ellipses have begun to turn towards the long, tilted shapes.
#
# EM alternates the two steps until nothing changes: the E-step needs the parameters, the M-step needs the
# responsibilities, and each step uses the other's latest answer.

# %% [markdown]
# ## One EM iteration by hand
#
# Five values $0, 1, 2, 4, 5$ and two one-dimensional components starting with $\pi = (0.5, 0.5)$,
# $\mu = (1, 4)$, $\sigma^2 = (1, 1)$. Compute the responsibilities of all five points, then the new weights,
# means and variances. Then compare with the trace:

# %%
em_case = examples.em_one_iteration
print(em_case.trace)

# %%
plot_em_step_1d(em_case.trace)
plt.show()

# %% [markdown]
# The point 2 sits closer to $\mu_0 = 1$ than to $\mu_1 = 4$: it gives 0.82 of itself to component 0 and
# 0.18 to component 1. Component 0's new mean drops slightly, from 1 to 0.9479: the point 0 counts almost in
# full, the point 2 only at 0.82, so the weighted average leans to the left. Component 1's mean rises from 4
# to 4.2747: its own points 4 and 5 average 4.5, and its 0.18 share of the point 2 holds it back. The new
# variances include the spread of each component's points; the log-likelihood of all five points rises
# from -9.3358 to -8.9408. Check your own numbers here (round to 2 decimals or give more):

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
hand_check(examples.em_one_iteration)

# %% [markdown]
# ## The log-likelihood rises at every step
#
# What EM maximises is the (mean) log-likelihood of the data,
#
# $$\bar\ell(\theta) = \frac{1}{n} \sum_{i=1}^{n} \ln \sum_{j=1}^{K} \pi_j \, \mathcal{N}(x_i \mid \mu_j, \Sigma_j).$$
#
# The logarithm of a sum has no closed-form maximum, which is why EM goes in steps. It never goes down: the
# E-step builds a lower bound of $\bar\ell$ that touches it at the current parameters (Jensen's inequality,
# with the responsibilities as weights), and the M-step maximises that bound. The new parameters therefore
# score at least as well on the bound, and the bound is below $\bar\ell$ everywhere:
#
# $$\bar\ell(\theta^{\text{new}}) \;\ge\; \text{bound}(\theta^{\text{new}}) \;\ge\; \text{bound}(\theta^{\text{old}})
#   \;=\; \bar\ell(\theta^{\text{old}}).$$
#
# `GaussianMixture` keeps the value after every step in `log_likelihood_history_`. Fitted to the tilted
# segments from three different starts:

# %%
histories, starts = {}, {}
for init, seed in (("kmeans", 0), ("random", 0), ("random", 3)):
    model = GaussianMixture(n_components=3, init_params=init, random_state=seed, max_iter=200).fit(segments)
    starts[init, seed] = model
    histories[f"{init} start, seed {seed}: {model.n_iter_} steps"] = model.log_likelihood_history_
    assert np.all(np.diff(model.log_likelihood_history_) >= -1e-12)
    sizes = sorted(np.bincount(model.predict(segments), minlength=3).tolist(), reverse=True)
    print(f"{init} start, seed {seed}: final mean log-likelihood {model.score(segments):.4f}, "
          f"ARI {adjusted_rand_score(segment_truth, model.predict(segments)):.3f}, component sizes {sizes}")
plot_log_likelihood_history(histories)
plt.show()

# %% [markdown]
# Every curve climbs and flattens; none ever dips. The random starts (all three components begin near the
# middle of the data) creep along for a while before the components separate. Seed 3's run then settles
# lower, with one large component and one tiny one. Where its users went, segment by segment:

# %%
segment_names = np.array(["long, 200 users", "long, 150 users", "round, 100 users"])
pd.crosstab(pd.Series(segment_names[segment_truth], name="true segment"),
            pd.Series(starts["random", 3].predict(segments), name="component (random start, seed 3)"))

# %% [markdown]
# One component holds the whole 150-user long segment and the whole round group, plus 21 users of the
# 200-user segment: 271 users under one ellipse. Another has shrunk to 6 users of the 200-user segment, and
# the third keeps its other 173. That is a local maximum: EM climbs to the top of the hill it starts on, and
# from there no small change raises the likelihood. That is why `GaussianMixture` offers `n_init` (several
# starts, keep the best) and why a k-means start usually helps. The steps themselves, from the k-means
# start:

# %%
plot_em_iterations(segments, frames, steps=[0, 1, 2, 4, 6, len(frames) - 1], ncols=3)
plt.show()

# %% [markdown]
# scikit-learn records the same values (it calls them `lower_bounds_`, the value at each step's E-step).
# From the same start both libraries take the same steps:

# %%
ours = GaussianMixture(n_components=3, random_state=0).fit(segments)
theirs = sklearn.mixture.GaussianMixture(n_components=3, random_state=0).fit(segments)
assert ours.n_iter_ == theirs.n_iter_
assert np.allclose(ours.log_likelihood_history_[:-1], theirs.lower_bounds_, rtol=1e-6)
assert np.allclose([f.log_likelihood for f in frames], ours.log_likelihood_history_, rtol=1e-10)
print(f"{ours.n_iter_} EM steps, final mean log-likelihood {ours.score(segments):.4f} "
      f"(scikit-learn: {theirs.score(segments):.4f})")

# %% [markdown]
# ## When k-means fails: long, tilted segments
#
# The tilted segments are exactly what k-means cannot describe. k-means gives each point to its nearest
# centroid, so its borders are straight lines halfway between centroids, and it prefers round clusters of
# similar size. A full-covariance mixture can stretch and turn each component.

# %%
segments_kmeans = KMeans(n_clusters=3, random_state=0).fit(segments)
segments_gmm = GaussianMixture(n_components=3, covariance_type="full", random_state=0).fit(segments)
for name, labels in (("k-means", segments_kmeans.labels_),
                     ("full Gaussian mixture", segments_gmm.predict(segments))):
    print(f"{name:>22}: ARI with the true segments = {adjusted_rand_score(segment_truth, labels):.3f}")

# %%
plot_cluster_panels(segments, [segments_kmeans.labels_, segments_gmm.predict(segments)], ncols=2,
                    centers=[segments_kmeans.cluster_centers_, segments_gmm.means_], panel_size=(5.2, 4.0),
                    titles=["k-means: round clusters, straight borders",
                            "full mixture: stretched, tilted components"])
plt.show()

# %% [markdown]
# k-means cuts the long segments apart and glues their ends to the neighbouring clusters (ARI 0.53). The
# mixture recovers the segments (ARI 0.895); its remaining disagreements are points where the segments'
# tails reach into each other, which even the true model cannot assign with certainty.
#
# Given the same start (here k-means' centroids, with equal weights and unit covariances), `course_lib`'s
# mixture and scikit-learn's reach the same parameters:

# %%
same_start = {"means_init": segments_kmeans.cluster_centers_, "weights_init": np.full(3, 1 / 3),
              "precisions_init": np.repeat(np.eye(2)[None], 3, axis=0)}
ours = GaussianMixture(n_components=3, **same_start).fit(segments)
theirs = sklearn.mixture.GaussianMixture(n_components=3, **same_start).fit(segments)
assert ours.n_iter_ == theirs.n_iter_
for name in ("weights_", "means_", "covariances_"):
    assert np.allclose(getattr(ours, name), getattr(theirs, name), rtol=1e-6, atol=1e-9), name
assert np.allclose(ours.predict_proba(segments), theirs.predict_proba(segments), atol=1e-6)
assert np.array_equal(ours.predict(segments), theirs.predict(segments))
print(f"same fit after {ours.n_iter_} steps")

# %% [markdown]
# ## Soft assignments: points between clusters
#
# `predict` gives each point its most responsible component; `predict_proba` gives the responsibilities
# themselves. Most points are claimed almost entirely by one component. The interesting ones are not:

# %%
CLAIMED = 0.9  # a component claims a point that it holds at least this much of; the figures ring the others
segment_resp = segments_gmm.predict_proba(segments)
certainty = segment_resp.max(axis=1)
print(f"points a component claims (largest γ at least {CLAIMED}): {np.mean(certainty >= CLAIMED):.0%}; "
      f"points shared (largest γ below {CLAIMED}): {np.mean(certainty < CLAIMED):.0%}")
examples_idx = [int(i) for i in np.argsort(np.abs(certainty - 0.5))[:2]] + [int(np.argmax(certainty))]
pd.DataFrame(segment_resp[examples_idx], index=[f"user #{i}" for i in examples_idx],
             columns=[f"component {j}" for j in range(3)]).round(3)

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2), gridspec_kw={"width_ratios": [1.3, 1]})
plot_soft_membership(segments, segment_resp, means=segments_gmm.means_, threshold=CLAIMED,
                     highlight=examples_idx, names=[f"#{i}" for i in examples_idx], ax=left,
                     title="Colours mix by responsibility")
plot_membership_bars(segment_resp, examples_idx, names=[f"user #{i}" for i in examples_idx], ax=right)
plt.tight_layout()
plt.show()

# %% [markdown]
# The ringed points are where the two long segments come close and where they touch the round one. k-means would
# give such a user one label with the same confidence as a user in the middle of a segment. A mixture says
# "half one, half the other", which for people is often the true answer: someone who shops both for a home
# office and for small children belongs partly to two segments. A campaign can address the 89 % of users a
# component claims and treat the 11 % in between differently.

# %% [markdown]
# ## Four covariance types
#
# A full covariance matrix in $d$ dimensions has $d(d+1)/2$ free numbers, for every component. With many
# features that is a lot to estimate, so mixtures offer simpler shapes:
#
# | `covariance_type` | each component's $\Sigma_j$ | shape | free covariance numbers |
# |---|---|---|---|
# | `'full'` | any (its own) | any ellipse | $K\, d(d+1)/2$ |
# | `'tied'` | one $\Sigma$ shared by all | the same ellipse everywhere | $d(d+1)/2$ |
# | `'diag'` | its own diagonal | ellipses along the axes | $K d$ |
# | `'spherical'` | its own $\sigma_j^2 I$ | circles of different sizes | $K$ |
#
# Add $K d$ means and $K - 1$ weights for the total. On the tilted segments:

# %%
type_models = {t: GaussianMixture(n_components=3, covariance_type=t, random_state=0).fit(segments)
               for t in ("full", "tied", "diag", "spherical")}
pd.DataFrame({"parameters": [count_free_parameters(3, 2, t) for t in type_models],
              "mean log-likelihood": [m.score(segments) for m in type_models.values()],
              "BIC": [m.bic(segments) for m in type_models.values()],
              "ARI": [adjusted_rand_score(segment_truth, m.predict(segments)) for m in type_models.values()]},
             index=list(type_models)).round(3)

# %%
plot_covariance_types(segments, type_models)
plt.show()

# %% [markdown]
# Only `'full'` can tilt each component its own way. `'tied'` must give all three the same shape, so it
# cannot fit a round group next to two long ones; `'diag'` and `'spherical'` can only stretch along the
# axes. With few features and enough users per component, `'full'` is the natural choice; with many
# features or few users, the simpler types estimate more reliably. The same rule of thumb as always: choose
# by a criterion that rewards fit and punishes parameters. That is the next section.

# %% [markdown]
# ## Choosing K with BIC and AIC
#
# The log-likelihood always improves with more components (a component per point would fit perfectly), so
# it cannot choose $K$ on its own. The **Bayesian** and **Akaike information criteria** charge for every
# free parameter $p$:
#
# $$\text{BIC} = -2\, n\, \bar\ell + p \ln n, \qquad \text{AIC} = -2\, n\, \bar\ell + 2p .$$
#
# Lower is better. BIC's charge grows with $n$, so it prefers fewer components than AIC as data grow. The
# textbook's pipeline (seed 002) uses 300 points from four blobs (`make_blobs(n_samples=300, centers=4,
# cluster_std=0.8, random_state=42)`), standardized:

# %%
blob_points, blob_truth = make_blobs(n_samples=300, centers=4, cluster_std=0.8, random_state=42)
blobs = StandardScaler().fit_transform(blob_points)
blob_models = {k: GaussianMixture(n_components=k, random_state=0).fit(blobs) for k in range(1, 9)}
bic = {k: m.bic(blobs) for k, m in blob_models.items()}
aic = {k: m.aic(blobs) for k, m in blob_models.items()}
pd.DataFrame({"BIC": bic, "AIC": aic}).round(1).T

# %%
plot_information_criteria(bic, aic)
plt.show()

# %% [markdown]
# Both criteria drop steeply up to $K = 4$, the number of blobs, and both are lowest there: further
# components buy too little likelihood for their parameters. After 4, BIC climbs steadily, while AIC stays
# almost flat ($K = 7$ comes within 5 of the minimum): BIC's charge per parameter, $\ln 300 \approx 5.7$, is
# almost three times AIC's 2. On larger or messier data AIC often keeps falling past the true $K$; when the
# two disagree, BIC's choice is the safer one for finding segments. Both match scikit-learn:

# %%
for k, model in blob_models.items():
    reference = sklearn.mixture.GaussianMixture(n_components=k, random_state=0).fit(blobs)
    assert np.isclose(model.bic(blobs), reference.bic(blobs), rtol=1e-6), k
    assert np.isclose(model.aic(blobs), reference.aic(blobs), rtol=1e-6), k
print(f"lowest BIC at K = {min(bic, key=bic.get)}, lowest AIC at K = {min(aic, key=aic.get)}")

# %% [markdown]
# ## k-means is EM with hard assignments
#
# Exercise 21 of the textbook chapter asks to show that k-means is a special case of EM. Fix every
# covariance to the same round $\sigma^2 I$ and every weight to $1/K$. The E-step then reads
#
# $$\gamma_{ij} = \frac{\exp\!\big(-\lVert x_i - \mu_j \rVert^2 / 2\sigma^2\big)}
#   {\sum_{l} \exp\!\big(-\lVert x_i - \mu_l \rVert^2 / 2\sigma^2\big)}$$
#
# (the normalising constants and the weights are the same for every component and cancel). As
# $\sigma \to 0$, the term of the nearest mean dominates every other by a factor that grows without bound,
# so $\gamma_{ij} \to 1$ for the nearest $\mu_j$ and $0$ for the rest: the k-means **assignment step**. With
# 0/1 responsibilities the M-step mean $\mu_j = \sum_i \gamma_{ij} x_i / N_j$ is the plain mean of cluster
# $j$: the k-means **update step**. Watch it happen on overlapping blobs, with the means fixed at k-means'
# centroids and $\sigma$ shrinking:

# %%
overlap, _ = make_blobs(n_samples=300, centers=3, cluster_std=1.6, random_state=1)
overlap_kmeans = KMeans(n_clusters=3, random_state=0).fit(overlap)
centroids, nearest = overlap_kmeans.cluster_centers_, overlap_kmeans.labels_


def round_responsibilities(X, means, sigma):
    """E-step with weights 1/K and covariances sigma² I for every component."""
    k = len(means)
    precisions_cholesky = compute_precision_cholesky(np.full(k, sigma**2), "spherical")
    return e_step(X, np.full(k, 1 / k), means, precisions_cholesky, "spherical")[1]


sigmas = [3.0, 1.5, 0.75, 0.3, 0.1]
rows = []
for sigma in sigmas:
    resp = round_responsibilities(overlap, centroids, sigma)
    rows.append({"σ": sigma, "mean of the largest γ": resp.max(axis=1).mean(),
                 f"shared (γ < {CLAIMED})": int(np.sum(resp.max(axis=1) < CLAIMED)),
                 "largest |γ - k-means label|": np.abs(resp - np.eye(3)[nearest]).max()})
pd.DataFrame(rows).round(4)

# %%
plot_soft_membership_panels(overlap, [round_responsibilities(overlap, centroids, s) for s in sigmas[:4]],
                            means=centroids, threshold=CLAIMED, titles=[f"σ = {s}" for s in sigmas[:4]])
plt.show()

# %% [markdown]
# A point counts as shared, as before, when its largest γ is below 0.9 (the ringed points, counted as
# "uncertain" in each panel's title). At $\sigma = 3$ the two overlapping blobs share 151 of their points
# (the third blob is far from both); at $\sigma = 0.75$ only 6 border points are still shared, from
# $\sigma = 0.3$ on no point is, and at $\sigma = 0.1$ every responsibility is 0 or 1 to four decimals. The
# argmax never changes: with equal weights and equal round covariances the most responsible component is
# always the nearest mean. Now run whole iterations of this EM, with $\sigma = 0.05$, from the same starting
# centroids as k-means, and compare with the centroids of every k-means iteration:

# %%
start_centroids = overlap[[0, 1, 2]]
kmeans_run = KMeans(n_clusters=3, init=start_centroids, n_init=1, keep_history=True).fit(overlap)
em_means = start_centroids
for record in kmeans_run.history_:
    assert np.allclose(em_means, record.centroids, atol=1e-9)
    resp = round_responsibilities(overlap, em_means, 0.05)
    assert np.array_equal(resp.argmax(axis=1), record.labels)
    em_means = estimate_gaussian_parameters(overlap, resp, 0.0, "spherical")[1]
assert np.allclose(em_means, kmeans_run.cluster_centers_, atol=1e-9)
sk_run = sklearn.cluster.KMeans(n_clusters=3, init=start_centroids, n_init=1, algorithm="lloyd").fit(overlap)
assert np.allclose(kmeans_run.cluster_centers_, sk_run.cluster_centers_, rtol=1e-10)
print(f"hard EM and k-means took the same {len(kmeans_run.history_)} steps to the same centroids")

# %% [markdown]
# Same centroids, same labels, step for step. This is the sense in which k-means is "hard EM": it is EM on
# a mixture whose components are forced to be equal, round and infinitely narrow. Everything a Gaussian
# mixture adds (weights, shapes, soft memberships) comes from not forcing that.

# %% [markdown]
# ## Your turn: the EM stepper
#
# Move the **EM step** slider through one run on the tilted segments. Watch the ellipses turn in the first
# steps and the colours sharpen, and the log-likelihood line below the picture rise at every step. Then try
# `covariance_type="spherical"` or `"tied"` and compare the final log-likelihood. If the widget shows only
# text, run the cell.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
em_stepper(segments, 3, covariance_type="full", random_state=0)

# %% [markdown]
# ## Summary
#
# - A Gaussian mixture models the data as $p(x) = \sum_j \pi_j \mathcal{N}(x \mid \mu_j, \Sigma_j)$: weights,
#   means and covariances.
# - The E-step computes responsibilities $\gamma_{ij}$ by Bayes' theorem; the M-step refits every component
#   to the data weighted by them ($\pi_j = N_j/n$, weighted mean, weighted covariance).
# - EM never lowers the log-likelihood; it stops at a local maximum that depends on the start.
# - Responsibilities are soft assignments: they single out the users between segments.
# - `'full'`, `'tied'`, `'diag'`, `'spherical'` trade flexibility for parameters; BIC and AIC choose $K$
#   (and the type) by charging for parameters; lower is better.
# - k-means is EM with equal weights and equal round covariances shrunk to zero: hard responsibilities.
#   A full mixture finds long, tilted or overlapping segments where k-means cuts them apart.

# %% [markdown]
# ## Check yourself
#
# 1. Two components with $\pi = (0.5, 0.5)$ have densities $0.3$ and $0.1$ at a point $x$. What are its
#    responsibilities? What if $\pi = (0.2, 0.8)$?
#
# <details><summary>Answer</summary>
#
# $\gamma = (0.5 \cdot 0.3, 0.5 \cdot 0.1) / 0.2 = (0.75, 0.25)$. With $\pi = (0.2, 0.8)$:
# $(0.06, 0.08) / 0.14 \approx (0.43, 0.57)$: the more common component now takes the larger share.
#
# </details>
#
# 2. Responsibilities for a component are 1, 1, 0.5 and 0 for the points 2, 4, 6 and 100. What are its
#    $N_j$ and its new mean?
#
# <details><summary>Answer</summary>
#
# $N_j = 2.5$ and $\mu_j = (2 + 4 + 0.5 \cdot 6 + 0) / 2.5 = 3.6$. The point 100 has no say.
#
# </details>
#
# 3. Your log-likelihood history goes down between two EM steps. What does that tell you?
#
# <details><summary>Answer</summary>
#
# That something is wrong with the implementation (or the numbers overflowed): EM can never lower it.
# Tiny dips at the level of rounding error (about $10^{-15}$) are the only exception.
#
# </details>
#
# 4. A component collapses onto a single user: its covariance becomes 0 and the likelihood infinite. What
#    prevents this in `GaussianMixture`, and what else can you do?
#
# <details><summary>Answer</summary>
#
# `reg_covar` adds a small number to every covariance's diagonal, so no covariance reaches 0. If it still
# happens, increase `reg_covar`, use fewer components, or scale the features; `course_lib` says so in its
# error message.
#
# </details>
#
# 5. For 10 features and 5 components, how many free parameters has a `'full'` mixture, and how many a
#    `'diag'` one?
#
# <details><summary>Answer</summary>
#
# Full: $5 \cdot 10 \cdot 11 / 2 = 275$ covariance numbers, plus $50$ means and $4$ weights: 329. Diagonal:
# $50 + 50 + 4 = 104$.
#
# </details>
#
# 6. In what sense is k-means a special case of EM?
#
# <details><summary>Answer</summary>
#
# With equal weights $1/K$ and every covariance equal to $\sigma^2 I$, the E-step's responsibilities tend to
# 1 for the nearest mean and 0 otherwise as $\sigma \to 0$ (the assignment step), and the M-step's weighted
# means become plain cluster means (the update step).
#
# </details>
