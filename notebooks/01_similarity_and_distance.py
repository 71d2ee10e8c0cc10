# %% [markdown]
# # 01 · Similarity and distance
#
# A clustering algorithm groups what is "close". This lesson decides what close means: which features
# you measure, how you turn them into numbers, and how you put them on one scale.
#
# ## Learning objectives
#
# By the end you can ...
#
# - explain why the same people can form different groups depending on the features chosen;
# - compute Euclidean, Manhattan, Minkowski and cosine distances, by formula and with `course_lib`;
# - build and read a pairwise distance matrix, and say what it costs for many users;
# - encode ordered categories as ranks and unordered ones as one-hot columns;
# - engineer a ratio feature that captures what you actually care about;
# - scale features with min-max and standard scaling, and show how leaving them unscaled breaks a
#   clustering, on generated staff data and on real wine measurements.

# %%
import inspect

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from course_lib import (KMeans, MinMaxScaler, OneHotEncoder, OrdinalEncoder, StandardScaler, cosine_distance,
                        cosine_similarity, euclidean, manhattan, minkowski, pairwise_distances)
from course_lib.datasets import HOSPITAL_ORDINAL_LEVELS, load_hospital_staff
from course_lib.handcalc import examples
from course_lib.metrics import adjusted_rand_score
from course_lib.plotting import (align_labels, plot_cluster_panels, plot_distance_geometry,
                                 plot_distance_heatmap, plot_groupings_by_feature, plot_scaled_versions,
                                 plot_unit_circles, use_course_style)
from course_lib.widgets import hand_check

use_course_style()

# %% [markdown]
# ## Similar depends on what you measure
#
# Take nine hospital workers: three doctors, three nurses, three pharmacists. Which of them are alike?
# It depends on the question.
#
# - If you care about **dress code**, doctors and pharmacists belong together: both must wear a white
#   coat, while nurses may wear other colours.
# - If you care about **contact with patients**, doctors and nurses belong together: both spend much of
#   their week with patients, pharmacists very little.
#
# Neither answer is wrong. The features you record *define* similarity, so choosing them is the first
# and most important decision of any segmentation. (Add other jobs, say accountants and engineers, and
# you might happily put all nine health workers in one group: "similar" is also relative to who else is
# in the data.)

# %%
workers = pd.DataFrame({
    "role": ["doctor"] * 3 + ["nurse"] * 3 + ["pharmacist"] * 3,
    "white_coat": [1, 1, 1, 0, 0, 0, 1, 1, 1],
    "patient_hours_per_week": [24, 27, 22, 33, 36, 30, 3, 5, 4],
})
features = ["white_coat", "patient_hours_per_week"]
# k-means (lesson 02) with two clusters, run on one feature at a time
labels_by_feature = [KMeans(n_clusters=2, random_state=0).fit_predict(workers[[f]].to_numpy())
                     for f in features]
pd.DataFrame({"role": workers["role"], "clusters by coat": labels_by_feature[0],
              "clusters by patient hours": labels_by_feature[1]})

# %%
plot_groupings_by_feature(workers[features].to_numpy(), labels_by_feature, groups=workers["role"],
                          feature_names=["white coat (1 = required)", "hours with patients per week"])
plt.show()

# %% [markdown]
# Same nine people, two different partitions. Keep this in mind whenever a clustering "discovers"
# segments: it discovered them *in the features you gave it*.

# %% [markdown]
# ## Four ways to measure distance
#
# Once each person is a row of numbers $x = (x_1, \dots, x_d)$, a **distance** turns "how alike are
# these two?" into one number: small means similar. Four distances cover most of this course.
#
# **Euclidean**: the straight line, what a ruler measures.
# $$ d_2(x, y) = \sqrt{\sum_{j=1}^{d} (x_j - y_j)^2} $$
#
# **Manhattan** (city block): walk along the axes only, like a taxi on a street grid.
# $$ d_1(x, y) = \sum_{j=1}^{d} |x_j - y_j| $$
#
# **Minkowski** with power $p \ge 1$: one formula containing both ($p = 1$ Manhattan, $p = 2$ Euclidean).
# $$ d_p(x, y) = \Big(\sum_{j=1}^{d} |x_j - y_j|^p\Big)^{1/p} $$
#
# **Cosine**: compares directions, not lengths. The similarity is the cosine of the angle between the
# two vectors, and the distance is one minus it.
# $$ \cos(x, y) = \frac{x \cdot y}{\lVert x \rVert\, \lVert y \rVert}, \qquad d_{\cos}(x, y) = 1 - \cos(x, y) $$
#
# Two users described by (sessions per week, shares per week):

# %%
user_a = np.array([1.0, 3.0])
user_b = np.array([4.0, 1.0])
measures = {
    "Euclidean": euclidean(user_a, user_b),
    "Manhattan": manhattan(user_a, user_b),
    "Minkowski p=3": minkowski(user_a, user_b, p=3),
    "cosine similarity": cosine_similarity(user_a, user_b),
    "cosine distance": cosine_distance(user_a, user_b),
}
for name, value in measures.items():
    print(f"{name:>18}: {value:.4f}")

# %% [markdown]
# By hand: the differences are $(3, -2)$, so Euclidean is $\sqrt{9 + 4} = \sqrt{13} \approx 3.6056$,
# Manhattan $3 + 2 = 5$, and the cosine is $\frac{1 \cdot 4 + 3 \cdot 1}{\sqrt{10}\,\sqrt{17}} \approx
# 0.5369$. The library's version of each formula is a line or two; here is Minkowski:

# %%
print(inspect.getsource(minkowski))

# %% [markdown]
# SciPy implements the same distances; the cell below proves they agree (an `assert` is silent when it
# holds).

# %%
from scipy.spatial import distance as scipy_distance

assert np.isclose(measures["Euclidean"], scipy_distance.euclidean(user_a, user_b), rtol=1e-12)
assert np.isclose(measures["Manhattan"], scipy_distance.cityblock(user_a, user_b), rtol=1e-12)
assert np.isclose(measures["Minkowski p=3"], scipy_distance.minkowski(user_a, user_b, p=3), rtol=1e-12)
assert np.isclose(measures["cosine distance"], scipy_distance.cosine(user_a, user_b), rtol=1e-12)

# %% [markdown]
# The picture: the straight segment is Euclidean, the dashed staircase is Manhattan, and the arc at the
# origin marks the angle whose cosine the cosine similarity is.

# %%
plot_distance_geometry(user_a, user_b)
plt.show()

# %% [markdown]
# ## Minkowski: one family, many shapes
#
# A good way to *see* a distance is to draw every point at distance 1 from the centre. For Euclidean
# that is the familiar circle; for Manhattan it is a diamond (moving diagonally costs the sum of both
# steps); as $p$ grows the shape swells towards a square, where only the largest single difference
# counts. Clusters found with a distance tend to take the shape of its "circle".

# %%
plot_unit_circles(ps=(1, 1.5, 2, 3, 6))
plt.show()

# %% [markdown]
# Cosine distance has no such circle: it ignores length altogether. User C below does exactly what
# user A does, ten times as much. Euclidean distance calls them far apart; cosine calls them identical.
# That is what you want when the *mix* of activities matters more than the volume (text, where a long
# and a short document can be about the same thing), and what you do not want when volume is the point
# (heavy versus light users).

# %%
user_c = 10 * user_a
print(f"Euclidean(A, C) = {euclidean(user_a, user_c):.4f}")
print(f"cosine distance(A, C) = {cosine_distance(user_a, user_c):.4f}")

# %% [markdown]
# ## Pairwise distance matrices
#
# Clustering algorithms need the distance between many pairs at once. The **pairwise distance matrix**
# holds them all: entry $D_{ij} = d(x_i, x_j)$. It is symmetric ($D_{ij} = D_{ji}$) with zeros on the
# diagonal. Six users, (sessions per week, shares per week):

# %%
names = ["Ana", "Ben", "Chloé", "Dev", "Eli", "Fay"]
six_users = np.array([[2.0, 1.0], [3.0, 1.0], [20.0, 8.0], [22.0, 10.0], [4.0, 12.0], [5.0, 14.0]])
euclidean_matrix = pairwise_distances(six_users, metric="euclidean")
cosine_matrix = pairwise_distances(six_users, metric="cosine")
pd.DataFrame(euclidean_matrix, index=names, columns=names).round(2)

# %% [markdown]
# The two matrices tell different stories. Euclidean distance puts Ana next to Ben (both light users);
# cosine distance puts Ana next to Chloé and Dev, whose activity has the same mix (about two sessions
# per share) at ten times the volume, and sets Eli and Fay (who mostly share) apart.

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
plot_distance_heatmap(euclidean_matrix, names=names, ax=axes[0], title="Euclidean distance", decimals=1)
plot_distance_heatmap(cosine_matrix, names=names, ax=axes[1], title="Cosine distance", decimals=2)
plt.tight_layout()
plt.show()

# %% [markdown]
# scikit-learn computes the same matrices, for every metric used in this course:

# %%
from sklearn.metrics import pairwise_distances as sklearn_pairwise_distances

for metric, options in [("euclidean", {}), ("manhattan", {}), ("minkowski", {"p": 3}), ("cosine", {})]:
    ours = pairwise_distances(six_users, metric=metric, **options)
    theirs = sklearn_pairwise_distances(six_users, metric=metric, **options)
    assert np.allclose(ours, theirs, rtol=1e-10, atol=1e-12), metric

# %% [markdown]
# **What it costs.** $n$ users give $n^2$ entries. For 100,000 users that is $10^{10}$ numbers of 8 bytes,
# 80 GB: more memory than most laptops have. `course_lib.pairwise_distances` therefore computes the matrix
# a block of rows at a time, and the algorithms that only need, say, each point's nearest centroid
# (k-means) never build it at all.

# %% [markdown]
# ## Encoding categories
#
# Distances need numbers, but real tables mix numbers with words. Our hospital staff table (300 people,
# shipped in `datasets/`, generated to resemble the segmentation a pharmaceutical company's marketing
# team might run) has both:

# %%
staff = load_hospital_staff()
staff.iloc[:5, :8]

# %%
text_columns = staff.select_dtypes(exclude="number").columns
pd.DataFrame({"kind": ["ordinal" if c in HOSPITAL_ORDINAL_LEVELS else "categorical" for c in text_columns],
              "values": [", ".join(sorted(staff[c].unique())) for c in text_columns]}, index=text_columns)

# %% [markdown]
# There are two kinds of text column, and they need different encodings.
#
# **Ordinal** columns have a natural order: education goes Diploma < Bachelor < Master < Doctorate. Give
# each level its rank, $c_0 \mapsto 0, c_1 \mapsto 1, \dots$, so distances respect the order (a Bachelor
# is closer to a Master than to a Doctorate). The order must be *given*: sorted alphabetically the levels
# would be Bachelor, Diploma, Doctorate, Master, which means nothing.

# %%
education_levels = list(HOSPITAL_ORDINAL_LEVELS["education"])
education_encoder = OrdinalEncoder(categories=[education_levels])
education_codes = education_encoder.fit_transform(staff[["education"]])
pd.DataFrame({"education": staff["education"], "code": education_codes[:, 0]}).head()

# %% [markdown]
# **Categorical** columns have no order: a nurse is not "between" a pharmacist and a physician. Numbering
# them 0, 1, 2, ... would invent such an order. One-hot encoding instead makes one 0/1 column per
# category:
# $$ e_{ik} = \begin{cases} 1 & \text{if person } i \text{ has category } c_k \\ 0 & \text{otherwise} \end{cases} $$
# Every two different categories are then exactly $\sqrt{2}$ apart: no category is closer to another. The
# price is one new column per category.

# %%
role_encoder = OneHotEncoder()
role_columns = role_encoder.fit_transform(staff[["role"]])
pd.DataFrame(role_columns, columns=[f"is_{c.lower()}" for c in role_encoder.categories_[0]],
             index=staff["role"]).head().astype(int)

# %% [markdown]
# The two encodings side by side, as distances between the categories themselves:

# %%
role_names = list(role_encoder.categories_[0])
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
plot_distance_heatmap(pairwise_distances(education_encoder.transform(np.array(education_levels)[:, None])),
                      names=education_levels, ax=axes[0], title="Ordinal: distance follows the order")
plot_distance_heatmap(pairwise_distances(role_encoder.transform(np.array(role_names)[:, None])),
                      names=role_names, ax=axes[1], title="One-hot: every pair √2 apart")
plt.tight_layout()
plt.show()

# %% [markdown]
# A code shorter than one-hot is tempting. The talk this lesson draws on encodes a four-valued column,
# sport, in two bits: basketball (1, 0), horse riding (0, 1), Olympic jumping (1, 1) and teenage football
# (0, 1). **Erratum:** as printed, teenage football repeats horse riding's code, so two different sports
# would be at distance 0; the unused code is (0, 0). Even with that mended, two bits put the sports on the
# corners of a square: neighbours on the square are 1 apart, opposite corners $\sqrt{2}$, an order the
# sports do not have. One-hot spends four columns and keeps every pair equally far apart:

# %%
sports = ["basketball", "horse riding", "Olympic jumping", "teenage football"]
two_bit_codes = np.array([[1, 0], [0, 1], [1, 1], [0, 0]])  # the talk's code, its repeated (0, 1) mended
sport_one_hot = OneHotEncoder(categories=[sports]).fit_transform(np.array(sports)[:, None])
assert np.array_equal(sport_one_hot, np.eye(4))
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
plot_distance_heatmap(pairwise_distances(two_bit_codes), names=sports, ax=axes[0],
                      title="Two-bit code: some sports 1 apart, some √2")
plot_distance_heatmap(pairwise_distances(sport_one_hot), names=sports, ax=axes[1],
                      title="One-hot: every pair √2 apart")
plt.tight_layout()
plt.show()

# %% [markdown]
# The collaboration-attitude column mixes two scales in one: Negative / Neutral / Positive and Unwilling /
# Willing. One reasonable reading puts them on one line, Negative < Unwilling < Neutral < Willing <
# Positive (codes $-1, -0.5, 0, 0.5, 1$ if you like, which after scaling is the same as ranks 0 to 4).
# Whether that reading is right is a question for the people who wrote the survey, not for the
# algorithm. With only two categories (gender here), a single 0/1 column carries all the information.
#
# Encoding all three ordinal and three categorical columns at once, and checking against scikit-learn:

# %%
from sklearn.preprocessing import OneHotEncoder as SklearnOneHotEncoder
from sklearn.preprocessing import OrdinalEncoder as SklearnOrdinalEncoder

ordinal_columns = list(HOSPITAL_ORDINAL_LEVELS)
categorical_columns = ["gender", "role", "engagement_driver"]
orders = [list(HOSPITAL_ORDINAL_LEVELS[c]) for c in ordinal_columns]
ranks = OrdinalEncoder(categories=orders).fit_transform(staff[ordinal_columns])
one_hot = OneHotEncoder().fit_transform(staff[categorical_columns])
assert np.array_equal(ranks, SklearnOrdinalEncoder(categories=orders).fit_transform(staff[ordinal_columns]))
sklearn_one_hot = SklearnOneHotEncoder(sparse_output=False).fit_transform(staff[categorical_columns])
assert np.array_equal(one_hot, sklearn_one_hot)
print(f"{len(ordinal_columns)} ordinal columns -> {ranks.shape[1]} numbers; "
      f"{len(categorical_columns)} categorical columns -> {one_hot.shape[1]} one-hot columns")

# %% [markdown]
# ## Feature engineering: a ratio
#
# Sometimes the most useful feature is not in the table but can be built from it. Building new features
# from old ones (or transforming them) can make the groups clearer, lets you drop columns that only
# mattered through their combination, and gives results that are easier to explain. It takes knowledge
# of the domain: a computer will not guess which combination matters.
#
# A classic example is a **ratio**. Six hospitals, each with its number of doctors and patients per year:

# %%
hospitals = pd.DataFrame({"doctors": [10, 8, 45, 40, 100, 80],
                          "patients_per_year": [1900, 2480, 9200, 11800, 20500, 24400]},
                         index=pd.Index(list("PQRSTU"), name="hospital"))
hospitals["patients_per_doctor"] = hospitals["patients_per_year"] / hospitals["doctors"]
hospitals.round(1)

# %% [markdown]
# $$ \text{patients per doctor} = \frac{\text{patients per year}}{\text{doctors}} $$
#
# Cluster on the raw counts and you learn which hospitals are big (size); cluster on the ratio and you
# learn which doctors are overloaded (workload), a different and often more useful question. Watch out
# for the denominator: a ratio over something that can be zero or tiny needs a guard (a minimum, or
# leaving those rows out).

# %%
size_view = StandardScaler().fit_transform(hospitals[["doctors", "patients_per_year"]])
by_size = KMeans(n_clusters=3, random_state=0).fit_predict(size_view)
by_workload = KMeans(n_clusters=2, random_state=0).fit_predict(hospitals[["patients_per_doctor"]].to_numpy())
plot_cluster_panels(hospitals[["doctors", "patients_per_year"]].to_numpy(), [by_size, by_workload], ncols=2,
                    titles=["Raw counts: grouped by size", "Ratio: grouped by workload"],
                    xlabel="doctors", ylabel="patients per year", names=hospitals.index, s=80)
plt.show()

# %% [markdown]
# On the right, hospitals on the same straight line through the origin share a workload: P, R and T
# (about 200 patients per doctor) against Q, S and U (about 300), whatever their size.

# %% [markdown]
# ## Scaling: min-max and standard
#
# Distances add up differences across features, so a feature measured in big numbers drowns the
# others. Seven employees, age in years and salary in euros:

# %%
employees = pd.DataFrame({"age": [44, 27, 27, 38, 40, 35, 48],
                          "salary": [73000, 47000, 53000, 62000, 57000, 53000, 78000]},
                         index=pd.Index(range(1, 8), name="employee"))
raw = employees.to_numpy(dtype=float)
print(f"employees 3 and 6, same salary, 8 years apart:  distance {euclidean(raw[2], raw[5]):8.1f}")
print(f"employees 2 and 3, same age, 6000 € apart:      distance {euclidean(raw[1], raw[2]):8.1f}")

# %% [markdown]
# Eight years of age count like eight euros of salary. Unless that is really what you mean, put the
# features on a common scale first. Two standard ways, applied to each column $j$ separately:
#
# **Min-max scaling** maps the smallest value to 0 and the largest to 1:
# $$ x'_{ij} = \frac{x_{ij} - \min_j}{\max_j - \min_j} $$
#
# **Standard scaling** (z-scores) subtracts the mean and divides by the standard deviation, so every
# column has mean 0 and variance 1:
# $$ z_{ij} = \frac{x_{ij} - \bar{x}_j}{s_j}, \qquad s_j = \sqrt{\tfrac{1}{n} \textstyle\sum_i (x_{ij} - \bar{x}_j)^2} $$
#
# Min-max by hand, every number worked out (`course_lib.handcalc`):

# %%
examples.age_salary_minmax.trace

# %% [markdown]
# The source this table comes from prints some of these values one digit too low (0.380 for employee 6's
# age, where $8/21 = 0.38095$ rounds to 0.381): it cut the digits after the third decimal instead of
# rounding. Every such entry:

# %%
print(examples.age_salary_minmax.erratum)

# %% [markdown]
# Standard scaling by hand, the same way: each column's mean and population standard deviation (dividing
# by $n$), then every z-score:

# %%
examples.age_salary_standard.trace

# %% [markdown]
# With the library's scalers (three decimals, correctly rounded):

# %%
minmax_scaled = MinMaxScaler().fit_transform(raw)
standard_scaled = StandardScaler().fit_transform(raw)
pd.concat({"min-max": pd.DataFrame(minmax_scaled, index=employees.index, columns=employees.columns),
           "standard": pd.DataFrame(standard_scaled, index=employees.index, columns=employees.columns)},
          axis=1).round(3)

# %%
from sklearn.preprocessing import MinMaxScaler as SklearnMinMaxScaler
from sklearn.preprocessing import StandardScaler as SklearnStandardScaler

assert np.allclose(minmax_scaled, SklearnMinMaxScaler().fit_transform(raw), rtol=1e-12, atol=1e-15)
assert np.allclose(standard_scaled, SklearnStandardScaler().fit_transform(raw), rtol=1e-12, atol=1e-15)

# %% [markdown]
# Drawn with one unit as long across as up, as a distance sees it: raw, the points stand on a vertical
# line (only salary matters); after either scaling, age gets its say.

# %%
plot_scaled_versions([raw, minmax_scaled, standard_scaled],
                     titles=["raw: a year counts as a euro", "min-max", "standard"],
                     feature_names=["age", "salary"], names=employees.index)
plt.show()

# %%
print(f"after min-max, employees 3 and 6: {euclidean(minmax_scaled[2], minmax_scaled[5]):.3f}")
print(f"after min-max, employees 2 and 3: {euclidean(minmax_scaled[1], minmax_scaled[2]):.3f}")

# %% [markdown]
# Now the eight-year gap (8/21 of the age range) counts for more than the 6000 € gap (6/31 of the salary
# range). Which to use? Min-max keeps values in $[0, 1]$ but a single extreme value sets the whole scale;
# standard scaling uses every value and is the usual default for k-means. Neither tames a heavily skewed
# column; a logarithm first often helps.
#
# **Your turn:** scale the table by hand (or check the numbers above) and check them here, min-max first,
# then the z-scores. Any two decimals correctly rounded are accepted.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
hand_check(examples.age_salary_minmax)

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
hand_check(examples.age_salary_standard)

# %% [markdown]
# ## How scaling changes clusters
#
# Back to the hospital staff. The generator planted three segments (key opinion leaders, digital
# adopters, traditional staff); they differ in publications, congresses, e-mail behaviour and rates, all
# small numbers. Two web-traffic columns have large, widely spread counts that have little to do with
# the segments. First, the mistake: k-means on the raw numeric columns.

# %%
staff, truth = load_hospital_staff(return_truth=True)
numeric = staff.select_dtypes("number")
raw_labels = KMeans(n_clusters=3, random_state=0).fit_predict(numeric.to_numpy(dtype=float))
pd.crosstab(truth["segment"], pd.Series(raw_labels, index=staff.index, name="cluster (raw)"))

# %% [markdown]
# Every segment is spread over the clusters: k-means found something, but not the segments. Why? A
# squared distance sums the squared differences of the columns, so each column's weight is its
# variance. Share of the total variance per column:

# %%
variance_share = (numeric.var(ddof=0) / numeric.var(ddof=0).sum()).sort_values()
ax = variance_share.plot.barh(figsize=(6.5, 4), color="#0072B2",
                              title="Unscaled: two columns own the distance")
ax.set_xlabel("share of the total variance (= weight in the squared distance)")
plt.show()

# %% [markdown]
# The online-service and landing-page counts own about 94% of every distance (71% and 23%), so the
# clusters are slices of web traffic. The fix is the one above: standard scaling gives every column the
# same weight.

# %%
scaled = StandardScaler().fit_transform(numeric.to_numpy(dtype=float))
scaled_model = KMeans(n_clusters=3, random_state=0).fit(scaled)
pd.crosstab(truth["segment"], pd.Series(scaled_model.labels_, index=staff.index, name="cluster (scaled)"))

# %% [markdown]
# Almost every person now sits in the cluster of their segment. Seen through two of the columns, web
# accesses across and e-mails opened up (`align_labels` colours each cluster like the segment it shares
# the most people with, each segment's colour used once):

# %%
segment_codes = truth["segment"].astype("category").cat.codes.to_numpy()
view = numeric[["online_service_accesses", "opened_emails_per_month"]].to_numpy()
plot_cluster_panels(view, [segment_codes, align_labels(raw_labels, segment_codes),
                           align_labels(scaled_model.labels_, segment_codes)],
                    titles=["planted segments", "k-means, raw: slices of web traffic",
                            "k-means, scaled: the segments"],
                    xlabel="online service accesses per year", ylabel="e-mails opened per month")
plt.show()

# %% [markdown]
# The same pipeline in scikit-learn (same scaler, same k-means starts from the same seed) gives the same
# clusters, label for label:

# %%
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.pipeline import make_pipeline

sklearn_pipeline = make_pipeline(SklearnStandardScaler(), SklearnKMeans(n_clusters=3, random_state=0))
sklearn_labels = sklearn_pipeline.fit_predict(numeric.to_numpy(dtype=float))
assert np.array_equal(scaled_model.labels_, sklearn_labels)
assert np.isclose(scaled_model.inertia_, sklearn_pipeline[-1].inertia_, rtol=1e-10)

# %% [markdown]
# ## Real data: wines from three cultivars
#
# The hospital staff were generated for this course; real measurements show the same effect. scikit-learn
# ships, with no download, a classic table of 178 wines made from three cultivars (grape varieties) grown in
# one region of Italy, each described by 13 results of a chemical analysis. Their scales have nothing in
# common: proline runs from 278 to 1680, hue from 0.48 to 1.71. We ask k-means for $K = 3$ groups and measure
# how well they match the cultivars with the **adjusted Rand index** (ARI, met properly in lesson 03): 1 when
# two groupings agree exactly, about 0 when they agree no better than chance.

# %%
from sklearn.datasets import load_wine
from sklearn.metrics import adjusted_rand_score as sklearn_adjusted_rand_score

wine = load_wine(as_frame=True)
measurements, cultivar = wine.data.to_numpy(), wine.target.to_numpy()
wine_variance = wine.data.var(ddof=0)
print(f"proline holds {wine_variance['proline'] / wine_variance.sum():.1%} of the total variance "
      f"(variance {wine_variance['proline']:,.0f}; hue {wine_variance['hue']:.3f})")

wine_raw = KMeans(n_clusters=3, random_state=0).fit(measurements)
wine_scaler = StandardScaler().fit(measurements)
wine_scaled = KMeans(n_clusters=3, random_state=0).fit(wine_scaler.transform(measurements))
ari_raw = adjusted_rand_score(cultivar, wine_raw.labels_)
ari_scaled = adjusted_rand_score(cultivar, wine_scaled.labels_)
print(f"ARI with the cultivars: raw {ari_raw:.3f}, standardized {ari_scaled:.3f}")

# scikit-learn, same scaler and the same k-means++ starts from the same seed: the same clusters and ARIs
sklearn_wine = make_pipeline(SklearnStandardScaler(), SklearnKMeans(n_clusters=3, random_state=0))
sklearn_wine.fit(measurements)
assert np.allclose(wine_scaler.mean_, sklearn_wine[0].mean_, rtol=1e-12)
assert np.allclose(wine_scaler.scale_, sklearn_wine[0].scale_, rtol=1e-12)
assert np.array_equal(wine_scaled.labels_, sklearn_wine[-1].labels_)
assert np.isclose(wine_scaled.inertia_, sklearn_wine[-1].inertia_, rtol=1e-10)
assert np.array_equal(wine_raw.labels_, SklearnKMeans(n_clusters=3, random_state=0).fit_predict(measurements))
assert np.isclose(ari_raw, sklearn_adjusted_rand_score(cultivar, wine_raw.labels_), rtol=1e-12)
assert np.isclose(ari_scaled, sklearn_adjusted_rand_score(cultivar, wine_scaled.labels_), rtol=1e-12)

# %% [markdown]
# Unscaled, one column is almost the whole distance: the other twelve measurements together carry 0.2 % of
# the variance, so k-means cuts the wines into three bands of proline (roughly below 600, 600 to 950, above
# 950), and only 125 of the 178 wines sit in the cluster matched to their cultivar: ARI 0.371. After standard
# scaling every measurement counts, and 172 wines do: ARI 0.897. Proline across, flavanoids up (clusters and
# cultivars paired one to one, largest overlap first, and each cluster coloured like its cultivar):

# %%
wine_view = wine.data[["proline", "flavanoids"]].to_numpy()
plot_cluster_panels(wine_view, [cultivar, align_labels(wine_raw.labels_, cultivar),
                                align_labels(wine_scaled.labels_, cultivar)],
                    titles=["the three cultivars", f"k-means, raw: bands of proline (ARI {ari_raw:.2f})",
                            f"k-means, standardized (ARI {ari_scaled:.2f})"],
                    xlabel="proline", ylabel="flavanoids")
plt.show()

# %% [markdown]
# Preprocessing is not a formality: it decides which differences the algorithm can see. Choose the
# features, their encoding and their scale with the question in mind, and look at the result.

# %% [markdown]
# ## Summary
#
# - Similarity is defined by the features you choose: the same people group differently by dress code or
#   by patient contact.
# - Euclidean (straight line), Manhattan (city block), Minkowski (both and beyond, by $p$) and cosine
#   (angle only, blind to volume) answer "how far apart?" in different ways.
# - A pairwise distance matrix is symmetric with a zero diagonal and grows as $n^2$: 80 GB for 100,000
#   users, so libraries work in blocks or avoid it.
# - Ordered categories become ranks (in their real order); unordered ones become one-hot columns, all
#   $\sqrt{2}$ apart.
# - Engineered features such as a ratio can capture the question (workload) better than raw counts (size).
# - Unscaled, the widest column dominates every distance and k-means slices along it; min-max or standard
#   scaling gives each feature a fair say.
# - Real data agree: on scikit-learn's wines, proline holds 99.8 % of the raw variance and k-means matches the
#   three cultivars poorly (ARI 0.371); after standard scaling it matches them well (ARI 0.897).

# %% [markdown]
# ## Check yourself
#
# 1. User X = (2, 2) and user Y = (5, 6). Compute their Euclidean, Manhattan and cosine similarity by hand.
#
# <details><summary>Answer</summary>
#
# Differences (3, 4): Euclidean $\sqrt{9 + 16} = 5$, Manhattan $3 + 4 = 7$. Cosine:
# $\frac{2 \cdot 5 + 2 \cdot 6}{\sqrt{8}\,\sqrt{61}} = \frac{22}{22.09} \approx 0.996$: almost the same
# direction.
#
# </details>
#
# 2. Why would numbering the roles Nurse = 0, Pharmacist = 1, Physician = 2 be a mistake for clustering?
#
# <details><summary>Answer</summary>
#
# It invents an order and spacing: a nurse would be twice as far from a physician as from a pharmacist.
# One-hot encoding puts every pair of roles at the same distance, $\sqrt{2}$.
#
# </details>
#
# 3. Min-max scale the salaries 47000, 53000 and 78000 (the minimum and maximum of the table). What does
#    53000 become, to three decimals?
#
# <details><summary>Answer</summary>
#
# $(53000 - 47000) / (78000 - 47000) = 6000 / 31000 = 0.19355$, which rounds to 0.194 (the source's
# table shows 0.193 because it cuts digits instead of rounding).
#
# </details>
#
# 4. In the hospital data, why did k-means on raw numbers ignore the segments?
#
# <details><summary>Answer</summary>
#
# Each column weighs in a squared distance as much as its variance. The two web-traffic counts had about
# 94% of the total variance, so distances, and therefore clusters, were almost only about web traffic,
# which has little to do with the segments. After standard scaling every column has variance 1.
#
# </details>
#
# 5. When is cosine distance a better choice than Euclidean?
#
# <details><summary>Answer</summary>
#
# When the mix matters more than the amount: two users (or documents) with the same proportions but very
# different volumes should count as alike. Cosine compares only directions, so it ignores the volume.
#
# </details>
#
# 6. A colleague clusters the wines on the raw measurements and reports three groups that differ "mostly in
#    proline". Is that a finding about wine?
#
# <details><summary>Answer</summary>
#
# Not yet. Proline's spread is more than 20 times that of any other measurement, so it holds 99.8 % of the
# variance and decides every distance: k-means could only ever cut along proline. Standardize first; then the
# clusters use all 13 measurements and match the cultivars far better (ARI 0.897 against 0.371).
#
# </details>
