"""The course's datasets: loaders for the shipped CSV files and the generators that wrote them.

Three synthetic tables ship in ``datasets/`` at the top of the repository, each
with a data card in ``datasets/README.md``:

=====================  ======  ==========================================================
file                   rows    used in
=====================  ======  ==========================================================
spotify_listeners.csv  5,000   notebook 09, the music-streaming case study (5 personas)
user_data.csv          3,300   notebook 10, the "segment your app's users" mini-project
hospital_staff.csv     300     notebook 01, encoding and scaling mixed-type data
=====================  ======  ==========================================================

A fourth file, ``headlines.csv`` (200 short news headlines in five topics, for
notebook 12), was written by hand; it has no generator and ``load_headlines``
reads it.

The true persona (or segment, or topic) of every row is kept apart in ``datasets/truth/``,
so that a student exploring the data does not see the answer by accident; pass
``return_truth=True`` to a loader to get it.

Each generated table is rebuilt byte for byte by its generator (``make_spotify_listeners``,
``make_user_data``, ``make_hospital_staff``): the random draws come from a
``numpy.random.RandomState`` with a fixed seed (its stream is frozen across
NumPy versions), every float is rounded and written with a fixed number of
decimals, columns come in a fixed order and lines end in ``\\n``. To rewrite the
shipped files, or only check them::

    python -m course_lib.datasets --rebuild            # rewrite datasets/
    python -m course_lib.datasets --rebuild --check    # compare, change nothing

The loaders use NumPy and pandas only.

>>> from course_lib.datasets import load_spotify_listeners
>>> X, truth = load_spotify_listeners(return_truth=True)
>>> X.shape, int((truth["persona"] == "Casual").sum())
((5000, 10), 1500)
"""

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ._validation import check_random_state

DATA_DIR = Path(__file__).resolve().parents[1] / "datasets"
TRUTH_DIR_NAME = "truth"


# --------------------------------------------------------------------------------------
# Column schemas: one list per file, in file order. The loaders read with these dtypes,
# the writer formats with these decimals, and the tests check the data cards against them.
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One column of a shipped file.

    ``kind`` is ``"id"`` (the row label, becomes the DataFrame index), ``"int"``,
    ``"float"`` (written with ``decimals`` digits after the point), ``"str"`` or
    ``"flag"`` (0/1, read as bool).
    """
    name: str
    kind: str
    unit: str
    meaning: str
    decimals: int = 0


SPOTIFY_COLUMNS = (
    Column("listener_id", "id", "-", "listener label, L0001 ... L5000"),
    Column("songs_per_day", "int", "songs/day", "songs played on an average day over the last 4 weeks"),
    Column("skip_rate", "float", "fraction", "share of plays skipped within 30 seconds", 3),
    Column("playlists_per_month", "int", "playlists", "playlists created in the last 30 days"),
    Column("shares_per_month", "int", "shares", "tracks or playlists shared with friends, last 30 days"),
    Column("discovery_share", "float", "fraction",
           "share of plays that were tracks never played before (1 - repeat share)", 3),
    Column("genre_diversity", "float", "0-1", "normalised entropy of the genres played (0 = one genre)", 3),
    Column("era_mean_year", "float", "year", "mean release year of the tracks played (era preference)", 1),
    Column("energy_mean", "float", "0-1", "mean energy (intensity, loudness) of the tracks played", 3),
    Column("valence_mean", "float", "0-1", "mean valence (musical positiveness) of the tracks played", 3),
    Column("artist_loyalty", "float", "fraction", "share of plays by the listener's top five artists", 3),
)


def _persona_truth_columns(id_name, who, filename):
    """The truth of a persona table: who each row is, their persona and the in-between blend."""
    return (
        Column(id_name, "id", "-", f"{who} label, as in {filename}"),
        Column("persona", "str", "-", f"the persona the {who} was drawn from"),
        Column("blend_persona", "str", "-", f"for an in-between {who}, the second persona (else empty)"),
        Column("blend_weight", "float", "0-1", f"how far the {who} was pulled towards blend_persona", 3),
    )


SPOTIFY_TRUTH_COLUMNS = _persona_truth_columns("listener_id", "listener", "spotify_listeners.csv")

USER_COLUMNS = (
    Column("user_id", "id", "-", "user label in order of sign-up, U0001 ... U3300"),
    Column("signup_cohort", "str", "month", "month of sign-up, 2025-01 ... 2025-04"),
    Column("active_days", "int", "days", "days with at least one session in the first 14 days (1-14)"),
    Column("sessions", "int", "sessions", "app sessions in the first 14 days"),
    Column("minutes_in_app", "int", "minutes", "total time in the app in the first 14 days"),
    Column("searches", "int", "searches", "searches run in the first 14 days"),
    Column("items_viewed", "int", "items", "product pages opened in the first 14 days"),
    Column("purchases", "int", "orders", "orders placed in the first 14 days"),
    Column("shares", "int", "shares", "items or posts shared to friends in the first 14 days"),
    Column("posts_created", "int", "posts", "reviews, photos or posts published in the first 14 days"),
)
USER_TRUTH_COLUMNS = _persona_truth_columns("user_id", "user", "user_data.csv") + (
    Column("heavy_tail", "flag", "0/1", "1 for the planted top-1% of extremely active users"),
)

HOSPITAL_COLUMNS = (
    Column("staff_id", "id", "-", "staff label, H001 ... H300"),
    Column("age", "int", "years", "age"),
    Column("gender", "str", "F/M", "gender as recorded by the hospital"),
    Column("education", "str", "ordinal", "highest degree: Diploma < Bachelor < Master < Doctorate"),
    Column("role", "str", "category", "Nurse, Pharmacist, Physician, Resident or Surgeon"),
    Column("visit_duration_min", "int", "minutes", "average length of a visit by a company representative"),
    Column("prescription_attitude", "str", "ordinal",
           "attitude to prescribing new treatments: Negative < Neutral < Positive"),
    Column("publications", "int", "papers", "scientific publications over the career"),
    Column("congresses_per_year", "int", "congresses", "scientific congresses attended per year"),
    Column("pharma_partnerships", "int", "partnerships", "current partnerships with drug companies"),
    Column("collaboration_attitude", "str", "ordinal",
           "attitude to collaborating with pharmaceutical companies: "
           "Negative < Unwilling < Neutral < Willing < Positive"),
    Column("opened_emails_per_month", "float", "e-mails", "company e-mails opened per month (average)", 1),
    Column("landing_page_visits", "int", "visits", "visits to the company landing page last year"),
    Column("online_service_accesses", "int", "log-ins", "log-ins to the company's online services last year"),
    Column("events_attended", "int", "events", "company events and webinars attended last year"),
    Column("click_through_rate", "float", "fraction", "share of opened e-mails whose link was clicked", 3),
    Column("open_rate", "float", "fraction", "share of received e-mails that were opened", 3),
    Column("engagement_driver", "str", "category", "what makes the person engage with company content"),
)
HOSPITAL_TRUTH_COLUMNS = (
    Column("staff_id", "id", "-", "staff label, as in hospital_staff.csv"),
    Column("segment", "str", "-", "the segment the person was drawn from"),
)

HEADLINE_COLUMNS = (
    Column("headline_id", "id", "-", "headline label, N001 ... N200"),
    Column("headline", "str", "text", "a short news headline written for the course (no commas or quotes)"),
)
HEADLINE_TRUTH_COLUMNS = (
    Column("headline_id", "id", "-", "headline label, as in headlines.csv"),
    Column("topic", "str", "-", "the topic the headline was written for"),
)
HEADLINE_TOPICS = ("sport", "cooking", "technology", "travel", "health")

# Orders of the ordinal columns of hospital_staff.csv, lowest first (for OrdinalEncoder).
HOSPITAL_ORDINAL_LEVELS = {
    "education": ("Diploma", "Bachelor", "Master", "Doctorate"),
    "prescription_attitude": ("Negative", "Neutral", "Positive"),
    "collaboration_attitude": ("Negative", "Unwilling", "Neutral", "Willing", "Positive"),
}


# --------------------------------------------------------------------------------------
# Small helpers shared by the generators
# --------------------------------------------------------------------------------------

def _logit(p):
    return np.log(p / (1.0 - p))


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def _logit_normal(median, shift):
    """A fraction around ``median``, always in (0, 1).

    :math:`\\operatorname{expit}(\\operatorname{logit}(m) + \\delta)` with
    :math:`\\operatorname{expit}(x) = 1 / (1 + e^{-x})`.
    """
    return _expit(_logit(median) + shift)


def _correlated_normal(rng, factor, loading):
    """Standard normal draws that correlate with ``factor`` by ``loading`` (a number in [-1, 1]).

    :math:`z = \\lambda f + \\sqrt{1 - \\lambda^2}\\, e` with :math:`e \\sim N(0, 1)`,
    so :math:`\\operatorname{corr}(z, f) = \\lambda` and :math:`\\operatorname{var}(z) = 1`.
    """
    return loading * factor + np.sqrt(1.0 - loading ** 2) * rng.standard_normal(factor.shape[0])


def _labels_with_exact_counts(rng, counts):
    """Label ``i`` repeated ``counts[i]`` times, in random order."""
    return rng.permutation(np.repeat(np.arange(len(counts)), counts))


def _blend(rng, labels, n_groups, fraction, low, high, eligible=None):
    """Pick in-between rows: each one gets a second group and a weight in ``[low, high)``.

    Returns ``(other, weight)``; ``weight`` is 0 for rows that are not blended.
    ``eligible`` (a boolean mask) limits which rows and which second groups may be used.
    """
    n = labels.shape[0]
    groups = np.arange(n_groups) if eligible is None else np.flatnonzero(eligible)
    # a different group of the same pool: shift the position in the pool by 1 .. len(pool)-1
    position = np.searchsorted(groups, labels)
    shift = rng.randint(1, len(groups), size=n)
    other = groups[(position + shift) % len(groups)]
    chosen = rng.uniform(size=n) < fraction
    if eligible is not None:
        chosen &= np.isin(labels, groups)
    weight = np.where(chosen, rng.uniform(low, high, size=n), 0.0)
    return other, weight


def _mix(values, labels, other, weight, transform, inverse):
    """Per-row parameter pulled from its group's value towards the second group's value.

    :math:`\\theta_i = g^{-1}\\big((1 - w_i)\\, g(\\theta_{y_i}) + w_i\\, g(\\theta_{o_i})\\big)`
    with ``g = transform`` (log for counts, logit for rates), so blends stay in range.
    """
    g = transform(np.asarray(values, dtype=float))
    return inverse((1.0 - weight) * g[labels] + weight * g[other])


def _identity(x):
    return x


def _round(x, decimals):
    """Round half to even and turn -0.0 into 0.0, so the written text is stable."""
    return np.round(np.asarray(x, dtype=float), decimals) + 0.0


def _ids(prefix, n, width):
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def _blend_names(names, other, weight):
    return np.where(weight > 0, np.asarray(names, dtype=object)[other], "")


# --------------------------------------------------------------------------------------
# spotify_listeners.csv
# --------------------------------------------------------------------------------------

SPOTIFY_SEED = 20260109
SPOTIFY_N = 5000
SPOTIFY_PERSONAS = ("Loyalist", "Explorer", "Casual", "Socialite", "Specialist")
SPOTIFY_SHARES = (0.25, 0.20, 0.30, 0.15, 0.10)

# Typical (median) value of each feature for each persona, in SPOTIFY_PERSONAS order.
SPOTIFY_PROFILES = {
    "songs_per_day":       (50, 50, 12, 30, 40),
    "skip_rate":           (0.08, 0.42, 0.28, 0.30, 0.12),
    "playlists_per_month": (1.5, 4.0, 0.3, 6.0, 6.0),
    "shares_per_month":    (1.0, 3.0, 0.3, 14.0, 3.0),
    "discovery_share":     (0.08, 0.55, 0.18, 0.30, 0.30),
    "genre_diversity":     (0.40, 0.80, 0.42, 0.55, 0.10),
    "era_mean_year":       (2005, 2016, 2020, 2018, 1992),
    "energy_mean":         (0.62, 0.60, 0.68, 0.80, 0.40),
    "valence_mean":        (0.52, 0.48, 0.60, 0.72, 0.35),
    "artist_loyalty":      (0.68, 0.12, 0.28, 0.25, 0.45),
}
# How each feature spreads around its persona's typical value, on the scale it is drawn on
# (log for counts, logit for fractions, years for the era), and which shared habit it follows:
# "engagement" (listens, curates and shares more), "curiosity" (skips, discovers, roams genres,
# is less loyal) or "mood" (energy and valence move together), with the given correlation.
SPOTIFY_SPREAD = {
    "songs_per_day":       (0.54, "engagement", 0.5),
    "skip_rate":           (0.54, "curiosity", 0.5),
    "playlists_per_month": (0.54, "engagement", 0.5),
    "shares_per_month":    (0.48, "engagement", 0.4),
    "discovery_share":     (0.54, "curiosity", 0.6),
    "genre_diversity":     (0.54, "curiosity", 0.5),
    "era_mean_year":       (6.0, None, 0.0),
    "energy_mean":         (0.48, "mood", 0.6),
    "valence_mean":        (0.48, "mood", 0.6),
    "artist_loyalty":      (0.60, "curiosity", -0.6),
}
SPOTIFY_BLEND = (0.12, 0.15, 0.45)   # share of in-between listeners, range of their weight
SPOTIFY_COUNTS = ("songs_per_day", "playlists_per_month", "shares_per_month")
SPOTIFY_LATEST_YEAR = 2025.0


def make_spotify_listeners(seed=SPOTIFY_SEED):
    """Generate the music-streaming listeners table and its truth.

    Five personas in fixed shares (Loyalists 25 %, Explorers 20 %, Casuals 30 %,
    Socialites 15 %, Specialists 10 %). Each listener's ten features are drawn
    around their persona's profile (``SPOTIFY_PROFILES``): counts are Poisson
    with a log-normal rate (skewed, integer), fractions are logit-normal (in
    (0, 1)), the era is normal in years. Three shared habits correlate features
    within a persona (``SPOTIFY_SPREAD``). 12 % of listeners sit between two
    personas: their profile is pulled 15-45 % of the way towards a second one.

    Parameters
    ----------
    seed : int, default=SPOTIFY_SEED
        Seed of the ``RandomState``; the default gives the shipped file.

    Returns
    -------
    data : DataFrame of shape (5000, 10), indexed by ``listener_id``
    truth : DataFrame of shape (5000, 3): ``persona``, ``blend_persona``, ``blend_weight``

    Notes
    -----
    For a count feature with persona median :math:`m_p` and spread :math:`s`,
    :math:`x \\sim \\mathrm{Poisson}(m_p\\, e^{s z})`; for a fraction,
    :math:`x = \\operatorname{expit}(\\operatorname{logit}(m_p) + s z)`; :math:`z`
    is a standard normal correlated with the listener's habit factor.
    """
    rng = check_random_state(seed)
    counts = np.round(np.array(SPOTIFY_SHARES) * SPOTIFY_N).astype(int)
    persona = _labels_with_exact_counts(rng, counts)
    other, weight = _blend(rng, persona, len(SPOTIFY_PERSONAS), *SPOTIFY_BLEND)
    habits = {name: rng.standard_normal(SPOTIFY_N) for name in ("engagement", "curiosity", "mood")}

    columns = {}
    for feature, profile in SPOTIFY_PROFILES.items():
        spread, habit, loading = SPOTIFY_SPREAD[feature]
        z = (_correlated_normal(rng, habits[habit], loading) if habit
             else rng.standard_normal(SPOTIFY_N))
        if feature in SPOTIFY_COUNTS:
            median = _mix(profile, persona, other, weight, np.log, np.exp)
            columns[feature] = rng.poisson(median * np.exp(spread * z))
        elif feature == "era_mean_year":
            centre = _mix(profile, persona, other, weight, _identity, _identity)
            columns[feature] = _round(np.minimum(centre + spread * z, SPOTIFY_LATEST_YEAR), 1)
        else:
            median = _mix(profile, persona, other, weight, _logit, _expit)
            columns[feature] = _round(_logit_normal(median, spread * z), 3)

    index = pd.Index(_ids("L", SPOTIFY_N, 4), name="listener_id")
    data = pd.DataFrame(columns, index=index)
    truth = pd.DataFrame({
        "persona": np.asarray(SPOTIFY_PERSONAS, dtype=object)[persona],
        "blend_persona": _blend_names(SPOTIFY_PERSONAS, other, weight),
        "blend_weight": _round(weight, 3),
    }, index=index)
    return data, truth


# --------------------------------------------------------------------------------------
# user_data.csv
# --------------------------------------------------------------------------------------

USER_SEED = 20260110
USER_N = 3300
USER_PERSONAS = ("Casual Browser", "Power User", "Social Sharer", "Content Creator", "Window Shopper")
# The lecture's shares add up to 110 %; we keep their proportions (35:15:20:15:25), which with
# 3,300 users gives 1050, 450, 600, 450 and 750 users (31.8, 13.6, 18.2, 13.6 and 22.7 %).
USER_SLIDE_SHARES = (35, 15, 20, 15, 25)
USER_COHORTS = ("2025-01", "2025-02", "2025-03", "2025-04")
USER_COHORT_WEIGHTS = (0.22, 0.24, 0.26, 0.28)
USER_WINDOW_DAYS = 14

# Mean of each activity count in the first 14 days, per persona (USER_PERSONAS order).
# Casual Browsers are the large nearly inactive mass: they signed up, looked around once and
# barely came back. active_days counts the sign-up day, so it is at least 1.
USER_PROFILES = {
    "active_days":    (1.1, 10, 7, 8, 6),
    "sessions":       (1.3, 18, 12, 14, 10),
    "minutes_in_app": (4, 180, 90, 170, 80),
    "searches":       (0.5, 25, 6, 5, 35),
    "items_viewed":   (2, 90, 35, 30, 120),
    "purchases":      (0.03, 4, 0.6, 0.6, 0.5),
    "shares":         (0.03, 6, 22, 7, 0.5),
    "posts_created":  (0.02, 4, 3, 12, 0.1),
}
USER_SPREAD = 0.25            # log-normal spread of each user's rates around the persona's
USER_ENGAGEMENT_LOADING = 0.9  # how strongly one user's counts rise and fall together
USER_BLEND = (0.15, 0.2, 0.5)  # share of active users between two active personas, weight range
USER_TAIL_SHARE = 0.01         # the heavy tail: 1 % of users, drawn from the active personas
USER_TAIL_SCALE, USER_TAIL_PARETO = 5.0, 2.5   # their rates are multiplied by 5 (1 + Pareto(2.5))


def make_user_data(seed=USER_SEED):
    """Generate the app-users table of the mini-project and its truth.

    3,300 users, each with eight activity counts from their first 14 days after
    sign-up and a sign-up cohort (four months). Five personas in the lecture's
    proportions; the Casual Browsers are a large, nearly inactive mass. 15 % of
    the active users sit between two active personas, and 1 % of the users
    (33, drawn from the active personas) form a heavy tail whose activity is 5 to
    about 40 times their persona's.

    Parameters
    ----------
    seed : int, default=USER_SEED
        Seed of the ``RandomState``; the default gives the shipped file.

    Returns
    -------
    data : DataFrame of shape (3300, 9), indexed by ``user_id``
    truth : DataFrame of shape (3300, 4): ``persona``, ``blend_persona``,
        ``blend_weight``, ``heavy_tail``

    Notes
    -----
    A user's rate for count :math:`j` is
    :math:`\\lambda_j = \\mu_{p,j}\\, \\exp(s z_j - s^2/2)\\, t` where :math:`\\mu_{p,j}`
    is the persona mean, :math:`z_j` a standard normal with correlation 0.9 to
    the user's engagement factor (so one user's counts rise together), and
    :math:`t = 1` except in the heavy tail. Counts are Poisson(:math:`\\lambda_j`);
    ``active_days`` is :math:`1 + \\mathrm{Binomial}(13, \\min(1, (\\lambda - 1)/13))`.
    """
    rng = check_random_state(seed)
    total = sum(USER_SLIDE_SHARES)
    counts = np.array([USER_N * share // total for share in USER_SLIDE_SHARES])
    persona = _labels_with_exact_counts(rng, counts)
    active = np.array([name != "Casual Browser" for name in USER_PERSONAS])
    other, weight = _blend(rng, persona, len(USER_PERSONAS), *USER_BLEND, eligible=active)
    cohort = rng.choice(len(USER_COHORTS), size=USER_N, p=USER_COHORT_WEIGHTS)

    n_tail = int(round(USER_TAIL_SHARE * USER_N))
    tail_rows = rng.choice(np.flatnonzero(active[persona]), size=n_tail, replace=False)
    boost = np.ones(USER_N)
    boost[tail_rows] = USER_TAIL_SCALE * (1.0 + rng.pareto(USER_TAIL_PARETO, size=n_tail))

    engagement = rng.standard_normal(USER_N)
    s = USER_SPREAD
    columns = {}
    for feature, profile in USER_PROFILES.items():
        mean = _mix(profile, persona, other, weight, np.log, np.exp)
        z = _correlated_normal(rng, engagement, USER_ENGAGEMENT_LOADING)
        rate = mean * np.exp(s * z - s * s / 2) * boost
        if feature == "active_days":
            extra_days = USER_WINDOW_DAYS - 1
            columns[feature] = 1 + rng.binomial(extra_days, np.clip((rate - 1) / extra_days, 0.0, 1.0))
        else:
            columns[feature] = rng.poisson(rate)
    # every active day had at least one session
    columns["sessions"] = np.maximum(columns["sessions"], columns["active_days"])

    # rows in order of sign-up: cohort by cohort, users within a cohort in random order
    order = np.argsort(cohort, kind="stable")
    index = pd.Index(_ids("U", USER_N, 4), name="user_id")
    data = pd.DataFrame({"signup_cohort": np.asarray(USER_COHORTS, dtype=object)[cohort[order]]}, index=index)
    for feature, values in columns.items():
        data[feature] = values[order]
    heavy_tail = np.zeros(USER_N, dtype=bool)
    heavy_tail[tail_rows] = True
    truth = pd.DataFrame({
        "persona": np.asarray(USER_PERSONAS, dtype=object)[persona[order]],
        "blend_persona": _blend_names(USER_PERSONAS, other, weight)[order],
        "blend_weight": _round(weight, 3)[order],
        "heavy_tail": heavy_tail[order],
    }, index=index)
    return data, truth


# --------------------------------------------------------------------------------------
# hospital_staff.csv
# --------------------------------------------------------------------------------------

HOSPITAL_SEED = 20260101
HOSPITAL_N = 300
HOSPITAL_SEGMENTS = ("Key opinion leader", "Digital adopter", "Traditional")
HOSPITAL_SEGMENT_COUNTS = (60, 105, 135)
HOSPITAL_ROLES = ("Nurse", "Pharmacist", "Physician", "Resident", "Surgeon")
HOSPITAL_DRIVERS = ("Content relevance", "Content format", "Personalization", "Subject line",
                    "Sender", "Call to action", "Time of day")

# Per segment (HOSPITAL_SEGMENTS order): probabilities over HOSPITAL_ROLES ...
HOSPITAL_ROLE_P = ((0.05, 0.05, 0.45, 0.00, 0.45),
                   (0.25, 0.20, 0.30, 0.20, 0.05),
                   (0.30, 0.15, 0.35, 0.05, 0.15))
# ... over the ordinal levels of the two attitudes, lowest first ...
HOSPITAL_PRESCRIPTION_P = ((0.10, 0.30, 0.60), (0.10, 0.45, 0.45), (0.20, 0.45, 0.35))
HOSPITAL_COLLABORATION_P = ((0.02, 0.03, 0.15, 0.30, 0.50),
                            (0.08, 0.12, 0.40, 0.25, 0.15),
                            (0.15, 0.25, 0.35, 0.15, 0.10))
# ... and over HOSPITAL_DRIVERS.
HOSPITAL_DRIVER_P = ((0.45, 0.10, 0.05, 0.05, 0.25, 0.05, 0.05),
                     (0.10, 0.25, 0.30, 0.05, 0.00, 0.15, 0.15),
                     (0.20, 0.05, 0.05, 0.25, 0.30, 0.10, 0.05))
# Education by role, over HOSPITAL_ORDINAL_LEVELS["education"]; key opinion leaders
# move one step up when they can (most hold a doctorate).
HOSPITAL_EDUCATION_P = {
    "Nurse":      (0.30, 0.55, 0.15, 0.00),
    "Pharmacist": (0.00, 0.10, 0.70, 0.20),
    "Physician":  (0.00, 0.00, 0.60, 0.40),
    "Resident":   (0.00, 0.00, 0.90, 0.10),
    "Surgeon":    (0.00, 0.00, 0.55, 0.45),
}
HOSPITAL_FEMALE_P = {"Nurse": 0.80, "Pharmacist": 0.60, "Physician": 0.50, "Resident": 0.50, "Surgeon": 0.35}
# Numeric profiles per segment: (typical value, spread).
HOSPITAL_AGE = ((52, 7), (36, 7), (46, 9))
HOSPITAL_VISIT_MINUTES = ((20, 6), (10, 4), (25, 7))
HOSPITAL_PUBLICATIONS = (30, 3, 2)                  # Poisson-gamma means, spread below
HOSPITAL_CONGRESSES = (6, 1.2, 1.0)
HOSPITAL_PARTNERSHIPS = (3, 0.4, 0.3)
HOSPITAL_OPENED_EMAILS = ((3.0, 1.2), (7.5, 1.8), (2.0, 1.0))
HOSPITAL_EVENTS = (5, 6, 1.5)
HOSPITAL_CTR = (0.07, 0.22, 0.05)                   # logit-normal medians ...
HOSPITAL_OPEN_RATE = (0.30, 0.55, 0.20)
HOSPITAL_RATE_SPREAD = 0.35                         # ... and their spread on the logit scale
# Web traffic: wide, skewed and hardly related to the segments (mostly driven by how the
# hospital's own intranet links to the company's pages), so it dominates unscaled distances.
HOSPITAL_LANDING_MEDIAN, HOSPITAL_ONLINE_MEDIAN, HOSPITAL_WEB_SPREAD = 40, 60, 0.7
HOSPITAL_WEB_DIGITAL_FACTOR = 1.2


def _categorical(rng, segment, probabilities, levels):
    """Draw one level per row from its segment's probabilities."""
    out = np.empty(segment.shape[0], dtype=object)
    for s, p in enumerate(probabilities):
        rows = np.flatnonzero(segment == s)
        out[rows] = np.asarray(levels, dtype=object)[rng.choice(len(levels), size=rows.size, p=p)]
    return out


def _gamma_poisson(rng, mean, shape):
    """Overdispersed counts: Poisson with a gamma-distributed rate of the given mean and shape."""
    return rng.poisson(rng.gamma(shape, np.asarray(mean, dtype=float) / shape))


def make_hospital_staff(seed=HOSPITAL_SEED):
    """Generate the hospital-staff table (mixed numeric, ordinal and categorical) and its truth.

    300 people working in hospitals, in three segments as a pharmaceutical
    company's marketing team might see them: key opinion leaders (60; publish,
    attend congresses, partner with industry), digital adopters (105; open,
    click and attend webinars) and traditional staff (135; prefer in-person
    visits). The segments differ in small-range columns (rates, counts of
    e-mails, congresses, events) while the two web-traffic columns have a wide,
    skewed range that is nearly unrelated to the segments: unscaled, they drown
    the segments; after scaling, the segments appear.

    Parameters
    ----------
    seed : int, default=HOSPITAL_SEED
        Seed of the ``RandomState``; the default gives the shipped file.

    Returns
    -------
    data : DataFrame of shape (300, 17), indexed by ``staff_id``
    truth : DataFrame of shape (300, 1): ``segment``
    """
    rng = check_random_state(seed)
    n = HOSPITAL_N
    segment = _labels_with_exact_counts(rng, HOSPITAL_SEGMENT_COUNTS)
    is_kol = segment == 0
    is_digital = segment == 1

    role = _categorical(rng, segment, HOSPITAL_ROLE_P, HOSPITAL_ROLES)
    levels = HOSPITAL_ORDINAL_LEVELS["education"]
    education_rank = np.array([rng.choice(len(levels), p=HOSPITAL_EDUCATION_P[r]) for r in role])
    education_rank = np.where(is_kol, np.minimum(education_rank + 1, len(levels) - 1), education_rank)
    gender = np.where(rng.uniform(size=n) < np.array([HOSPITAL_FEMALE_P[r] for r in role]), "F", "M")

    age_mean, age_sd = np.array(HOSPITAL_AGE, dtype=float)[segment].T
    age = np.clip(np.round(age_mean + age_sd * rng.standard_normal(n)), 24, 68)
    age = np.where(role == "Resident", np.clip(np.round(29 + 2.5 * rng.standard_normal(n)), 25, 36), age)
    visit_mean, visit_sd = np.array(HOSPITAL_VISIT_MINUTES, dtype=float)[segment].T
    visit_minutes = np.maximum(np.round(visit_mean + visit_sd * rng.standard_normal(n)), 3)

    prescription = _categorical(rng, segment, HOSPITAL_PRESCRIPTION_P,
                                HOSPITAL_ORDINAL_LEVELS["prescription_attitude"])
    publications = _gamma_poisson(rng, np.array(HOSPITAL_PUBLICATIONS)[segment], 2.0)
    congresses = _gamma_poisson(rng, np.array(HOSPITAL_CONGRESSES)[segment], 4.0)
    partnerships = _gamma_poisson(rng, np.array(HOSPITAL_PARTNERSHIPS)[segment], 2.0)
    collaboration = _categorical(rng, segment, HOSPITAL_COLLABORATION_P,
                                 HOSPITAL_ORDINAL_LEVELS["collaboration_attitude"])

    email_mean, email_sd = np.array(HOSPITAL_OPENED_EMAILS)[segment].T
    opened_emails = _round(np.maximum(email_mean + email_sd * rng.standard_normal(n), 0.0), 1)
    web_factor = np.where(is_digital, HOSPITAL_WEB_DIGITAL_FACTOR, 1.0)
    landing = rng.poisson(HOSPITAL_LANDING_MEDIAN * web_factor
                          * np.exp(HOSPITAL_WEB_SPREAD * rng.standard_normal(n)))
    online = rng.poisson(HOSPITAL_ONLINE_MEDIAN * web_factor
                         * np.exp(HOSPITAL_WEB_SPREAD * rng.standard_normal(n)))
    events = rng.poisson(np.array(HOSPITAL_EVENTS)[segment])
    ctr = _logit_normal(np.array(HOSPITAL_CTR)[segment], HOSPITAL_RATE_SPREAD * rng.standard_normal(n))
    open_rate = _logit_normal(np.array(HOSPITAL_OPEN_RATE)[segment],
                              HOSPITAL_RATE_SPREAD * rng.standard_normal(n))
    driver = _categorical(rng, segment, HOSPITAL_DRIVER_P, HOSPITAL_DRIVERS)

    index = pd.Index(_ids("H", n, 3), name="staff_id")
    data = pd.DataFrame({
        "age": age.astype(np.int64),
        "gender": gender.astype(object),
        "education": np.asarray(levels, dtype=object)[education_rank],
        "role": role,
        "visit_duration_min": visit_minutes.astype(np.int64),
        "prescription_attitude": prescription,
        "publications": publications,
        "congresses_per_year": congresses,
        "pharma_partnerships": partnerships,
        "collaboration_attitude": collaboration,
        "opened_emails_per_month": opened_emails,
        "landing_page_visits": landing,
        "online_service_accesses": online,
        "events_attended": events,
        "click_through_rate": _round(ctr, 3),
        "open_rate": _round(open_rate, 3),
        "engagement_driver": driver,
    }, index=index)
    truth = pd.DataFrame({"segment": np.asarray(HOSPITAL_SEGMENTS, dtype=object)[segment]}, index=index)
    return data, truth


# --------------------------------------------------------------------------------------
# Files: what ships, how it is written and read
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Dataset:
    filename: str
    columns: tuple
    truth_columns: tuple
    make: object

    @property
    def truth_filename(self):
        return self.filename.replace(".csv", "_truth.csv")


DATASETS = {
    "spotify_listeners": _Dataset("spotify_listeners.csv", SPOTIFY_COLUMNS, SPOTIFY_TRUTH_COLUMNS,
                                  make_spotify_listeners),
    "user_data": _Dataset("user_data.csv", USER_COLUMNS, USER_TRUTH_COLUMNS, make_user_data),
    "hospital_staff": _Dataset("hospital_staff.csv", HOSPITAL_COLUMNS, HOSPITAL_TRUTH_COLUMNS,
                               make_hospital_staff),
}

# Files written by hand, with no generator: ``rebuild`` leaves them alone, git is their only source.
HAND_WRITTEN = {
    "headlines": _Dataset("headlines.csv", HEADLINE_COLUMNS, HEADLINE_TRUTH_COLUMNS, make=None),
}


def _format_cell(value, column):
    if column.kind == "float":
        return f"{value:.{column.decimals}f}"
    if column.kind == "flag":
        return "1" if value else "0"
    if column.kind == "int":
        return str(int(value))
    text = str(value)
    if any(ch in text for ch in ',"\n\r'):
        raise ValueError(f"column {column.name!r}: value {text!r} would need CSV quoting; "
                         "keep commas, quotes and line breaks out of the course's tables.")
    return text


def to_csv_text(frame, columns):
    """The exact text of a shipped file: header, then one line per row, ``\\n`` line ends.

    ``columns`` is the file's schema; its first column is the frame's index.
    """
    index_column, *value_columns = columns
    lines = [",".join(column.name for column in columns)]
    cells = [[_format_cell(v, index_column) for v in frame.index]]
    cells += [[_format_cell(v, column) for v in frame[column.name].tolist()] for column in value_columns]
    lines += [",".join(row) for row in zip(*cells)]
    return "\n".join(lines) + "\n"


def dataset_texts(name):
    """``{relative path: file text}`` for one dataset and its truth, freshly generated."""
    spec = DATASETS[name]
    data, truth = spec.make()
    return {spec.filename: to_csv_text(data, spec.columns),
            f"{TRUTH_DIR_NAME}/{spec.truth_filename}": to_csv_text(truth, spec.truth_columns)}


def rebuild(directory=DATA_DIR, *, check=False):
    """Regenerate every dataset into ``directory``, or with ``check=True`` only compare.

    Returns the list of relative paths whose shipped bytes differ from (or are
    missing compared with) the generated ones; when writing, that is the list of
    files that changed.
    """
    directory = Path(directory)
    differing = []
    for name in DATASETS:
        for relative, text in dataset_texts(name).items():
            path = directory / relative
            data = text.encode("utf-8")
            if not path.is_file() or path.read_bytes() != data:
                differing.append(relative)
                if not check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
    return differing


def _read(path, columns):
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing. The course's datasets live in the repository's datasets/ folder; "
            "restore it from git (git checkout -- datasets) or rebuild it with "
            "`python -m course_lib.datasets --rebuild`.")
    dtypes = {"id": str, "int": "int64", "float": "float64", "str": str, "flag": "int64"}
    frame = pd.read_csv(path, dtype={c.name: dtypes[c.kind] for c in columns},
                        keep_default_na=False, na_values={c.name: [""] for c in columns if c.kind == "str"})
    expected = [c.name for c in columns]
    if list(frame.columns) != expected:
        raise ValueError(f"{path} has columns {list(frame.columns)}, expected {expected}. "
                         "Rebuild it with `python -m course_lib.datasets --rebuild`.")
    for column in columns:
        if column.kind == "flag":
            frame[column.name] = frame[column.name].astype(bool)
    return frame.set_index(columns[0].name)


def _load(name, directory, return_truth):
    spec = DATASETS[name] if name in DATASETS else HAND_WRITTEN[name]
    directory = DATA_DIR if directory is None else Path(directory)
    data = _read(directory / spec.filename, spec.columns)
    if not return_truth:
        return data
    truth = _read(directory / TRUTH_DIR_NAME / spec.truth_filename, spec.truth_columns)
    if not truth.index.equals(data.index):
        raise ValueError(f"{spec.truth_filename} does not list the same rows as {spec.filename}. "
                         "Rebuild both with `python -m course_lib.datasets --rebuild`.")
    return data, truth


def load_spotify_listeners(*, return_truth=False, directory=None):
    """The music-streaming listeners of the case study (notebook 09).

    Parameters
    ----------
    return_truth : bool, default=False
        Also return each listener's true persona (keep it for the very end).
    directory : path-like, optional
        Folder holding the files; the repository's ``datasets/`` by default.

    Returns
    -------
    data : DataFrame of shape (5000, 10), indexed by ``listener_id``
        Ten numeric features (see ``datasets/README.md`` for units).
    truth : DataFrame of shape (5000, 3), only if ``return_truth``
        ``persona``, ``blend_persona`` (empty for most listeners) and ``blend_weight``.

    Example
    -------
    >>> X = load_spotify_listeners()
    >>> list(X.columns[:3])
    ['songs_per_day', 'skip_rate', 'playlists_per_month']
    """
    return _load("spotify_listeners", directory, return_truth)


def load_user_data(*, return_truth=False, directory=None):
    """The app users of the mini-project (notebook 10): activity in the first 14 days.

    Parameters
    ----------
    return_truth : bool, default=False
        Also return each user's true persona and whether they are in the planted heavy tail.
    directory : path-like, optional
        Folder holding the files; the repository's ``datasets/`` by default.

    Returns
    -------
    data : DataFrame of shape (3300, 9), indexed by ``user_id``
        ``signup_cohort`` (text) and eight integer activity counts.
    truth : DataFrame of shape (3300, 4), only if ``return_truth``
        ``persona``, ``blend_persona``, ``blend_weight`` and ``heavy_tail`` (bool).

    Example
    -------
    >>> users = load_user_data()
    >>> users["signup_cohort"].nunique()
    4
    """
    return _load("user_data", directory, return_truth)


def load_hospital_staff(*, return_truth=False, directory=None):
    """The hospital staff of the encoding and scaling lesson (notebook 01).

    Parameters
    ----------
    return_truth : bool, default=False
        Also return each person's true segment.
    directory : path-like, optional
        Folder holding the files; the repository's ``datasets/`` by default.

    Returns
    -------
    data : DataFrame of shape (300, 17), indexed by ``staff_id``
        Numeric columns, three ordinal text columns (orders in ``HOSPITAL_ORDINAL_LEVELS``)
        and three categorical text columns.
    truth : DataFrame of shape (300, 1), only if ``return_truth``
        ``segment``.

    Example
    -------
    >>> staff = load_hospital_staff()
    >>> sorted(staff["gender"].unique())
    ['F', 'M']
    """
    return _load("hospital_staff", directory, return_truth)


def load_headlines(*, return_truth=False, directory=None):
    """The short news headlines of the document-topics lesson (notebook 12).

    Two hundred headlines, written by hand for the course, forty in each of five
    topics (``HEADLINE_TOPICS``), in a shuffled order. There is no generator:
    the files in ``datasets/`` (kept in git) are the source.

    Parameters
    ----------
    return_truth : bool, default=False
        Also return the topic each headline was written for (keep it for the very end).
    directory : path-like, optional
        Folder holding the files; the repository's ``datasets/`` by default.

    Returns
    -------
    data : DataFrame of shape (200, 1), indexed by ``headline_id``
        ``headline`` (text).
    truth : DataFrame of shape (200, 1), only if ``return_truth``
        ``topic``.

    Example
    -------
    >>> headlines = load_headlines()
    >>> headlines.shape, headlines.index[0]
    ((200, 1), 'N001')
    """
    spec = HAND_WRITTEN["headlines"]
    folder = DATA_DIR if directory is None else Path(directory)
    needed = [folder / spec.filename] + ([folder / TRUTH_DIR_NAME / spec.truth_filename] if return_truth else [])
    for path in needed:
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing. The headlines were written by hand and have no "
                                    "generator: restore them from git (git checkout -- datasets).")
    return _load("headlines", directory, return_truth)


def main(argv=None):
    """``python -m course_lib.datasets --rebuild [--check] [--dir DIR]``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m course_lib.datasets",
        description="Rebuild the course's datasets byte for byte from their generators.")
    parser.add_argument("--rebuild", action="store_true", help="regenerate every shipped file")
    parser.add_argument("--check", action="store_true",
                        help="with --rebuild: only compare with the shipped files, change nothing")
    parser.add_argument("--dir", default=str(DATA_DIR), help="datasets folder (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.rebuild:
        parser.error("nothing to do: pass --rebuild (and --check to only compare)")
    differing = rebuild(args.dir, check=args.check)
    if args.check:
        for relative in differing:
            print(f"differs: {relative}")
        print("all datasets match their generators" if not differing
              else f"{len(differing)} file(s) differ from their generators")
        return 1 if differing else 0
    for relative in differing:
        print(f"wrote {relative}")
    print(f"{len(differing)} file(s) rewritten" if differing else "nothing changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
