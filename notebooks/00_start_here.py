# %% [markdown]
# # 00 · Start here
#
# Before any algorithm: how these notebooks work, why grouping people by what they *do*
# tells you more than grouping them by who they *are*, and where the course goes next.
#
# ## Learning objectives
#
# By the end you can ...
#
# - run a notebook cell by cell, restart it, and move a slider to change what a cell shows;
# - explain why segments built from behaviour beat segments built from demographics;
# - find your way through the thirteen lessons and know what each one adds;
# - check a hand calculation with a `hand_check` form and know how the exercises are graded.

# %% [markdown]
# ## How to use this course
#
# Every lesson is a Jupyter notebook. Open it in JupyterLab (`make lab` in the project folder) and
# work from top to bottom:
#
# - **Run a cell** with <kbd>Shift</kbd>+<kbd>Enter</kbd>: the code runs and the notebook moves to the
#   next cell. Cells build on earlier ones, so run them in order.
# - **Run everything** with *Run → Run All Cells*. If something looks odd, *Kernel → Restart Kernel and
#   Run All Cells* starts again from a clean slate.
# - **Look under the hood.** The algorithms live in `course_lib`, a small library written for this
#   course in plain NumPy. Put `??` after a name (`KMeans??`) to read its source; it is meant to be read.
# - **Trust, but verify.** Whenever a lesson computes something with `course_lib`, a cell right after it
#   asserts that scikit-learn (or SciPy) gets the same answer on the same data. If that cell runs
#   silently, the two agree.
#
# All the data ships with the course, and every random number comes from a fixed seed, so your
# results are the ones printed here.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from course_lib import KMeans, StandardScaler
from course_lib.handcalc.checks import check_kmeans_iteration
from course_lib.plotting import (plot_cluster_panels, plot_kmeans_state, plot_learning_path, scatter_clusters,
                                 use_course_style)
from course_lib.widgets import hand_check

use_course_style()

# %% [markdown]
# ## Why cluster users?
#
# Teams who design for people often start from a handful of personas written from intuition: "Anna, 34,
# urban professional". Such profiles tend to echo the loudest customers, miss groups nobody thought to
# look for, and go stale as the product changes. Clustering turns the question around: instead of
# deciding the groups first, let the recorded behaviour of *all* users suggest which groups exist.
#
# The key idea of this course is that **what people do separates them better than who they are**. Two
# people of the same age and income can use a product in completely different ways, and two very
# different people can behave alike. Here is a small made-up example: 240 app users from three behaviour
# groups (occasional browsers, power users, sharers). Age and income were drawn the same way for every
# group.

# %%
rng = np.random.default_rng(0)
group_names = np.array(["browser", "power user", "sharer"])
group = np.repeat([0, 1, 2], [110, 60, 70])
users = pd.DataFrame({
    "age": rng.integers(18, 66, size=group.size),
    "income_k": np.round(rng.lognormal(np.log(38), 0.35, size=group.size), 1),
    "sessions_per_week": np.round(np.clip(np.array([2.5, 14.0, 6.0])[group] + rng.normal(0, 1.2, group.size),
                                          0.2, None), 1),
    "share_of_time_social": np.round(np.clip(np.array([0.10, 0.20, 0.65])[group]
                                             + rng.normal(0, 0.06, group.size), 0.0, 1.0), 3),
})
users.head().round(3)

# %% [markdown]
# Colour every user by the group they really belong to (blue: browsers, orange: power users, green:
# sharers), and look at them twice: once through the demographic columns, once through the behaviour
# columns.

# %%
demographics = users[["age", "income_k"]].to_numpy()
behaviour_raw = users[["sessions_per_week", "share_of_time_social"]].to_numpy()
plot_cluster_panels([demographics, behaviour_raw], [group, group], ncols=2,
                    titles=["Demographics: groups overlap", "Behaviour: groups stand apart"],
                    xlabel=["age (years)", "sessions per week"],
                    ylabel=["income (k€)", "share of time in social features"])
plt.show()

# %% [markdown]
# On the left no line, curve or circle could pull the three groups apart; on the right they are plain
# to see. A clustering algorithm sees only the numbers, never the colours. Given the two behaviour
# columns (put on a common scale first, which lesson 01 explains) and asked for three groups, k-means
# (lesson 02) finds them again:

# %%
behaviour = StandardScaler().fit_transform(behaviour_raw)
found = KMeans(n_clusters=3, random_state=0).fit_predict(behaviour)
pd.crosstab(pd.Series(group_names[group], name="true group"), pd.Series(found, name="cluster found"))

# %% [markdown]
# Here is the first of the checks promised above. scikit-learn scales the same columns and runs k-means
# with the same seed, which gives the same k-means++ starts; the cell runs silently because every
# `assert` holds:

# %%
import sklearn.cluster
import sklearn.preprocessing

assert np.allclose(behaviour, sklearn.preprocessing.StandardScaler().fit_transform(behaviour_raw), rtol=1e-12)
assert np.array_equal(found, sklearn.cluster.KMeans(n_clusters=3, random_state=0).fit_predict(behaviour))

# %% [markdown]
# Each true group lands in a cluster of its own. With real users nobody hands you the true groups: the
# clusters are a proposal, and turning them into personas people can design for (lesson 08) is a job
# for people, helped by the numbers. Behaviour-based segments also
#
# - cover every user, not just the ones who answer surveys;
# - reveal groups nobody expected (the under-served ones are often the most valuable);
# - can be recomputed as behaviour changes, and scale to millions of users.

# %% [markdown]
# ## Widgets: move a slider
#
# Some cells show controls instead of a fixed picture. Drag the slider below (or click it and press the
# arrow keys) to ask k-means for a different number of groups; the picture is redrawn each time. In
# lesson 02 a slider like this walks through k-means one step at a time.
#
# If a widget shows only text such as `interactive(children=...)`, the cell has not been run in this
# session: run it (widgets need a live kernel).

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
def show_clusters(k):
    labels = KMeans(n_clusters=k, random_state=0).fit_predict(behaviour)
    ax = scatter_clusters(behaviour, labels, title=f"k-means with k = {k}",
                          xlabel="sessions per week (scaled)", ylabel="share of time social (scaled)")
    ax.figure.set_size_inches(5.5, 4)
    plt.show()


widgets.interactive(show_clusters, k=widgets.IntSlider(value=3, min=1, max=6, description="k"))

# %% [markdown]
# ## The map of the course
#
# The thirteen notebooks form one path. The first two lay the ground (what "similar" means in
# numbers), the next five are the algorithms, then you learn to choose between them and to turn
# clusters into personas, and the last four are case studies and projects.

# %%
plot_learning_path(here="00")
plt.show()

# %% [markdown]
# | stage | lessons | you will be able to |
# |---|---|---|
# | Foundations | 00, 01 | measure similarity, encode and scale features |
# | Algorithms | 02 – 06 | run and explain k-means, choose K, DBSCAN, hierarchical clustering, Gaussian mixtures |
# | From clusters to people | 07, 08 | pick an algorithm for your data, turn clusters into personas, empathy and journey maps |
# | Projects | 09 – 12 | segment listeners, app users, photo colours and headlines from start to finish |

# %% [markdown]
# ## How hand checks and exercises work
#
# Understanding an algorithm means being able to run it with a pencil on a tiny example. The lessons
# work such examples in full, and a **hand-check form** lets you check your own numbers: type your
# answers, press **Check**, and each entry is marked right or wrong; a wrong one shows the exact value and
# how it is worked out. Leave a box empty to skip it. Numbers are accepted when correctly rounded to
# two decimals (or more, if you give more).
#
# Try one now: three points, two centroids, $\mu_0 = (0, 0)$ and $\mu_1 = (5, 5)$. Which centroid is each
# point nearest to? (Answer with 0 or 1.)

# %%
tiny = np.array([[0.0, 1.0], [4.0, 4.0], [1.0, 2.0]])
centroids = np.array([[0.0, 0.0], [5.0, 5.0]])
not_assigned_yet = np.full(len(tiny), -1)  # grey points: assigning them is your job
plot_kmeans_state(tiny, centroids, not_assigned_yet, names=["P1", "P2", "P3"], regions=False,
                  title="Which centroid is nearer?")
plt.show()

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: widget model ids change on every run.
hand_check(check_kmeans_iteration, points=tiny, centroids=centroids, names=["P1", "P2", "P3"],
           ask="assignment")

# %% [markdown]
# The same calculations can be worked and checked from a terminal too: `python -m course_lib.handcalc --help`.
#
# **Exercises** live in `exercises/`, one notebook per topic, numbered after the lesson they follow. Each
# question has an answer cell that starts as `raise NotImplementedError()`: replace that line with your
# code. The test cell after it checks your answer when you run it; further hidden checks run when your
# instructor grades the notebooks automatically (a score and feedback per question). Run your notebook
# top to bottom before handing it in, and keep the variable names the questions ask for.
#
# **A note on sources.** The course draws its facts and worked examples from lecture slides, a textbook
# chapter, a consulting talk and practitioners' write-ups. Where one of them prints a number that a
# correct computation does not give, the lesson shows the correct value and says in a sentence why the
# printed one differs.

# %% [markdown]
# ## Where next
#
# Lesson 01 asks what "similar" means once people are rows of numbers: which features, which distance,
# and why the scale of each column matters.

# %% [markdown]
# ## Summary
#
# - Run cells in order with <kbd>Shift</kbd>+<kbd>Enter</kbd>; restart and run all when in doubt.
# - `course_lib` holds the algorithms in readable NumPy; every result is checked against scikit-learn.
# - Group users by behaviour, not demographics: the same age and income can hide very different uses.
# - Clusters are proposals; people turn them into personas and decisions.
# - Sliders let you change an algorithm's input and watch the result; hand-check forms mark your own
#   calculations entry by entry.

# %% [markdown]
# ## Check yourself
#
# 1. In the example above, why could no clustering of age and income recover the three behaviour groups?
#
# <details><summary>Answer</summary>
#
# Age and income were drawn the same way in every group, so the groups overlap completely in those two
# columns: the information that separates them is not there. Clustering can only find structure the
# chosen features contain.
#
# </details>
#
# 2. A cell that uses a variable defined earlier fails with `NameError`. What happened, and what do you do?
#
# <details><summary>Answer</summary>
#
# The earlier cell has not been run in this session (or the kernel was restarted). Run the cells above it,
# or use *Kernel → Restart Kernel and Run All Cells*.
#
# </details>
#
# 3. Name two weaknesses of personas written from intuition that behaviour-based clustering helps with.
#
# <details><summary>Answer</summary>
#
# Any two of: they reflect the loudest or most visible customers; they miss groups nobody thought of;
# they go out of date; they rest on small samples. Clustering uses every user's recorded behaviour and can
# be rerun as behaviour changes.
#
# </details>
#
# 4. What does the assert cell after a `course_lib` computation tell you when it runs without output?
#
# <details><summary>Answer</summary>
#
# That scikit-learn (or SciPy), run on the same data with the same settings, gives the same result:
# an `assert` is silent when its condition holds and stops with an error when it does not.
#
# </details>
