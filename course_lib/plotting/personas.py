"""From clusters to personas (lesson 08): profile tables, and the figures that turn them into people.

Two kinds of functions live here.

*Tables* (pandas DataFrames, no drawing), the numbers every persona figure is built from:

* :func:`cluster_profile`: per-cluster means (or medians), sizes and shares;
* :func:`standardized_profile`: per-cluster means of the standardized features (z-scores),
  which for k-means on standardized data are exactly its centroids;
* :func:`name_clusters`: a name for each cluster, from the feature that sets it apart;
* :func:`variance_explained_by`: how much of each feature's variance a grouping explains;
* :func:`empathy_map`: says / thinks / does / feels entries chosen by the profile;
* :func:`journey_pain_points`: where along a journey each persona loses the most users.

*Figures*: a heatmap and a radar chart of standardized profiles, persona shares, persona
cards, empathy maps, journey maps, segment-specific success metrics, and the persona mix
per cohort. Every figure draws the numbers it is given, on matplotlib Axes made if not
given, and returns them. Persona ``i`` (in the order given) has colour ``PALETTE[i]``
everywhere, unless colours are passed.
"""

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .._validation import check_array
from ..metrics import check_labels
from ..preprocessing import StandardScaler
from . import PALETTE, _axes, _light

__all__ = [
    "QUADRANTS",
    "cluster_profile", "standardized_profile", "name_clusters", "variance_explained_by", "empathy_map",
    "journey_pain_points",
    "plot_profile_heatmap", "plot_profile_radar", "plot_persona_shares", "plot_persona_cards",
    "plot_empathy_maps", "plot_journey_map", "plot_segment_metrics", "plot_persona_mix",
    "plot_variance_explained",
]

QUADRANTS = ("says", "thinks", "does", "feels")
DIRECTIONS = ("highest", "lowest")


def _frame(X, name="X"):
    """``X`` as a DataFrame of numbers (a 2-D array gets columns x0, x1, ...)."""
    if not isinstance(X, pd.DataFrame):
        X = check_array(X, name=name)
        return pd.DataFrame(X, columns=[f"x{j}" for j in range(X.shape[1])])
    frame = X.rename(columns=str)
    not_numeric = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if not_numeric:
        raise ValueError(f"{name} must hold numeric features only; drop or encode {not_numeric} first.")
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ValueError(f"{name} is empty: it needs at least one row and one feature column.")
    if not np.all(np.isfinite(frame.to_numpy(dtype=float))):
        raise ValueError(f"{name} contains NaN or infinity; impute or drop those rows first.")
    return frame


def _groups(labels, n_rows, names, name="labels"):
    """The labels as a Series of group names (``names`` maps a label to its name)."""
    check_labels(labels, n_rows, name=name)
    labels = pd.Series(np.asarray(labels))
    if names is not None:
        missing = sorted(set(labels) - set(names), key=str)
        if missing:
            raise ValueError(f"names gives no name for the cluster(s) {missing}.")
        labels = labels.map(names)
    return labels


def _order(groups, names):
    """Groups in the order of ``names`` (if given) else sorted."""
    return list(dict.fromkeys(names.values())) if names is not None else sorted(groups.unique(), key=str)


# --------------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------------

def cluster_profile(X, labels, *, names=None, statistic="mean"):
    """Per-cluster mean (or median) of every feature, with the cluster's size and share.

    Parameters
    ----------
    X : DataFrame or array of shape (n_samples, n_features)
        Features in their own units (counts, minutes, ...): the profile should be
        readable by anyone.
    labels : array of shape (n_samples,)
        Cluster of every row.
    names : dict {label: name}, optional
        Rows are then the names, in the dict's order.
    statistic : {'mean', 'median'}, default='mean'

    Returns
    -------
    DataFrame with one row per cluster, the features, then ``users`` and ``share``
    (fraction of all rows).
    """
    if statistic not in ("mean", "median"):
        raise ValueError(f"statistic must be 'mean' or 'median', got {statistic!r}.")
    frame = _frame(X)
    groups = _groups(labels, len(frame), names)
    grouped = frame.groupby(groups.to_numpy())
    table = grouped.mean() if statistic == "mean" else grouped.median()
    table["users"] = grouped.size()
    table["share"] = table["users"] / len(frame)
    return table.loc[_order(groups, names)]


def standardized_profile(X, labels, *, names=None):
    r"""Per-cluster mean of every standardized feature: how far each cluster sits from the average user.

    .. math:: z_{cj} = \frac{\bar x_{cj} - \bar x_j}{s_j}

    with :math:`\bar x_{cj}` the mean of feature :math:`j` in cluster :math:`c`,
    :math:`\bar x_j` its overall mean and :math:`s_j` its (population) standard
    deviation, from :class:`course_lib.StandardScaler`. +1 means one standard
    deviation above the average user. For k-means fitted on the standardized data
    these are its centroids.
    """
    frame = _frame(X)
    z = pd.DataFrame(StandardScaler().fit_transform(frame.to_numpy(dtype=float)), columns=frame.columns)
    return cluster_profile(z, labels, names=names).drop(columns=["users", "share"])


def name_clusters(z_profile, signatures):
    """Name each cluster after the feature that sets it apart, one persona at a time.

    Parameters
    ----------
    z_profile : DataFrame
        Standardized profile (clusters in rows, features in columns), e.g. from
        :func:`standardized_profile`.
    signatures : dict {persona name: (feature, 'highest' or 'lowest')}
        Taken in order: each persona claims, among the clusters not yet named,
        the one with the highest (or lowest) value of its feature.

    Returns
    -------
    dict {cluster: persona name}, with every cluster named when there are as many
    signatures as clusters.
    """
    if len(signatures) > len(z_profile):
        raise ValueError(f"{len(signatures)} personas for {len(z_profile)} clusters: give at most one "
                         "signature per cluster.")
    named = {}
    for persona, signature in signatures.items():
        if not (isinstance(signature, tuple) and len(signature) == 2):
            raise ValueError(f"the signature of {persona!r} must be (feature, 'highest' or 'lowest'), "
                             f"got {signature!r}.")
        feature, direction = signature
        if feature not in z_profile.columns:
            raise ValueError(f"the signature of {persona!r} uses {feature!r}, not a column of the profile "
                             f"({list(z_profile.columns)}).")
        if direction not in DIRECTIONS:
            raise ValueError(f"the direction for {persona!r} must be 'highest' or 'lowest', got {direction!r}.")
        free = z_profile.loc[[c for c in z_profile.index if c not in named], feature]
        chosen = free.idxmax() if direction == "highest" else free.idxmin()
        named[chosen.item() if isinstance(chosen, np.generic) else chosen] = persona
    return named


def variance_explained_by(X, groups):
    r"""Share of each feature's variance that lies between the groups (the correlation ratio :math:`\eta^2`).

    .. math:: \eta_j^2 = \frac{\sum_g n_g (\bar x_{gj} - \bar x_j)^2}{\sum_i (x_{ij} - \bar x_j)^2}

    0 when every group has the same mean, 1 when each group is constant. A
    grouping that separates users by behaviour explains much of the variance of
    the behaviour features; one that does not (e.g. the month of sign-up) explains
    almost none.
    """
    frame = _frame(X)
    groups = _groups(groups, len(frame), None, name="groups")
    deviations = frame - frame.mean()
    total = (deviations ** 2).sum()
    if (total == 0).any():
        constant = list(total.index[total == 0])
        raise ValueError(f"constant feature(s) {constant}: their variance cannot be split between groups.")
    group_means = deviations.groupby(groups.to_numpy()).mean()
    sizes = groups.value_counts().reindex(group_means.index)
    between = (group_means ** 2).mul(sizes, axis=0).sum()
    return between / total


def _describe(feature, value, describe):
    """A "does" entry: ``describe[feature]`` formatted with the value, or "feature: value"."""
    template = (describe or {}).get(feature)
    return template.format(value=value) if template else f"{_pretty(feature)}: {value:g}"


def empathy_map(z_row, typical_row, evidence, *, threshold=0.5, hypothesis_threshold=None, per_quadrant=3,
                describe=None):
    """Says / thinks / does / feels entries for one persona, each tied to the number behind it.

    "Does" is measured: the typical value (e.g. the median) of each feature on which
    the persona stands out (``|z| >= threshold``), most distinctive first. "Says",
    "thinks" and "feels" are hypotheses: the statements of ``evidence`` whose
    condition the persona meets (``|z| >= hypothesis_threshold``), strongest first.
    Each entry comes with its evidence, so the map can be checked and later tested
    with real users.

    Parameters
    ----------
    z_row : Series {feature: z-score}
        The persona's row of :func:`standardized_profile`.
    typical_row : Series {feature: value}
        The persona's row of :func:`cluster_profile` (mean or median), in real units.
    evidence : dict {(feature, 'high' or 'low'): {quadrant: statement or list of statements}}
        'high' applies when ``z >= hypothesis_threshold``, 'low' when
        ``z <= -hypothesis_threshold``. Quadrants are 'says', 'thinks' and 'feels'.
    threshold : float, default=0.5
        How far from average (in standard deviations) a feature must be to enter "does".
    hypothesis_threshold : float, optional
        The same for a statement to be triggered; default ``threshold``. A higher
        value keeps the guesses to what most sets the persona apart.
    per_quadrant : int, default=3
        At most this many entries per quadrant.
    describe : dict {feature: format string with {value}}, optional
        How to write a "does" entry, e.g. ``{"purchases": "{value:g} orders in 14 days"}``.

    Returns
    -------
    dict {quadrant: list of (text, evidence)} for every quadrant of :data:`QUADRANTS`.
    """
    hypothesis_threshold = threshold if hypothesis_threshold is None else hypothesis_threshold
    for name, value in (("threshold", threshold), ("hypothesis_threshold", hypothesis_threshold)):
        if not value > 0:
            raise ValueError(f"{name} must be positive (a distance from the average in standard deviations), "
                             f"got {value!r}.")
    entries = {quadrant: [] for quadrant in QUADRANTS}
    standing_out = z_row[z_row.abs() >= threshold].abs().sort_values(ascending=False, kind="stable").index
    for feature in standing_out:
        text = _describe(feature, typical_row[feature], describe)
        entries["does"].append((text, f"z = {z_row[feature]:+.1f}"))
    met = []
    for (feature, level), statements in evidence.items():
        if level not in ("high", "low"):
            raise ValueError(f"evidence levels are 'high' or 'low', got {level!r} for {feature!r}.")
        if feature not in z_row.index:
            raise ValueError(f"evidence uses {feature!r}, which is not in the profile ({list(z_row.index)}).")
        unknown = set(statements) - {"says", "thinks", "feels"}
        if unknown:
            raise ValueError(f"evidence quadrants are 'says', 'thinks' and 'feels'; got {sorted(unknown)}.")
        z = z_row[feature]
        if (level == "high" and z >= hypothesis_threshold) or (level == "low" and z <= -hypothesis_threshold):
            met.append((abs(z), feature, z, statements))
    for _, feature, z, statements in sorted(met, key=lambda item: -item[0]):
        for quadrant, texts in statements.items():
            for text in [texts] if isinstance(texts, str) else texts:
                entries[quadrant].append((text, f"{_pretty(feature)} z = {z:+.1f}"))
    return {quadrant: items[:per_quadrant] for quadrant, items in entries.items()}


def journey_pain_points(reached):
    """For each persona, the step of its journey where it loses the largest share of its users.

    Parameters
    ----------
    reached : DataFrame
        Personas in rows, journey stages in columns (in order), values the fraction
        of the persona's users who reached each stage.

    Returns
    -------
    DataFrame with ``from``, ``to`` (the two stages), ``lost`` (drop in the
    fraction reached, in points of the persona's users) and ``kept`` (fraction of
    those at ``from`` who reached ``to``).
    """
    if reached.shape[1] < 2:
        raise ValueError("reached needs at least two stages (columns) to have a step between them.")
    values = reached.to_numpy(dtype=float)
    if np.any(values < 0) or np.any(values > 1) or not np.all(np.isfinite(values)):
        raise ValueError("reached holds fractions of users: every value must lie between 0 and 1.")
    drops = values[:, :-1] - values[:, 1:]
    step = drops.argmax(axis=1)
    stages = list(reached.columns)
    rows = []
    for i, s in enumerate(step):
        before, after = values[i, s], values[i, s + 1]
        rows.append({"from": stages[s], "to": stages[s + 1], "lost": before - after,
                     "kept": after / before if before > 0 else np.nan})
    return pd.DataFrame(rows, index=reached.index)


# --------------------------------------------------------------------------------------------------
# Profiles
# --------------------------------------------------------------------------------------------------

def _colors(n, colors):
    if colors is None:
        return [PALETTE[i % len(PALETTE)] for i in range(n)]
    if len(colors) != n:
        raise ValueError(f"colors needs one colour per persona ({n}), got {len(colors)}.")
    return list(colors)


def _pretty(name):
    return str(name).replace("_", " ")


def plot_profile_heatmap(z_profile, *, ax=None, title="Cluster profiles: mean z-score of every feature",
                         shares=None, colorbar_label="z-score (standard deviations from the average user)"):
    """Standardized profiles as a heatmap: clusters in rows, features in columns, values written in.

    Blue is above the average, red below, white average; the scale is
    symmetric around 0. ``shares`` (a Series {cluster: fraction}) adds each
    cluster's share of the data to its row label; ``colorbar_label`` says what
    one unit of the scale is (users by default).
    """
    values = z_profile.to_numpy(dtype=float)
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise ValueError("z_profile must be a non-empty table of finite z-scores.")
    ax = _axes(ax, figsize=(0.95 * values.shape[1] + 3.2, 0.55 * values.shape[0] + 2.0))
    limit = max(float(np.abs(values).max()), 1e-12)
    image = ax.imshow(values, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    ax.figure.colorbar(image, ax=ax, label=colorbar_label, shrink=0.9)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, f"{values[i, j]:+.1f}", ha="center", va="center", fontsize=9,
                    color="white" if abs(values[i, j]) > 0.6 * limit else "black")
    rows = [f"{name} ({shares[name]:.0%})" if shares is not None else str(name) for name in z_profile.index]
    ax.set_yticks(range(values.shape[0]), rows)
    ax.set_xticks(range(values.shape[1]), [_pretty(c) for c in z_profile.columns], rotation=35, ha="right")
    ax.grid(False)
    ax.set_title(title)
    return ax


def plot_profile_radar(z_profile, *, ax=None, colors=None, title="Profiles on one radar (z-scores)"):
    """Each cluster's standardized profile as a closed polygon around a circle of features.

    The dashed circle is z = 0, the average user. ``ax`` must be a polar Axes if given.
    """
    values = z_profile.to_numpy(dtype=float)
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise ValueError("z_profile must be a non-empty table of finite z-scores.")
    if values.shape[1] < 3:
        raise ValueError("a radar chart needs at least three features; use plot_profile_heatmap instead.")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.6, 6.0), subplot_kw={"projection": "polar"})
    elif ax.name != "polar":
        raise ValueError("ax must be a polar Axes, e.g. plt.subplots(subplot_kw={'projection': 'polar'}).")
    angles = np.linspace(0, 2 * np.pi, values.shape[1], endpoint=False)
    closed = np.append(angles, angles[0])
    for name, row, color in zip(z_profile.index, values, _colors(len(values), colors)):
        ax.plot(closed, np.append(row, row[0]), color=color, linewidth=2, label=str(name))
        ax.fill(closed, np.append(row, row[0]), color=color, alpha=0.08)
    ring = np.linspace(0, 2 * np.pi, 200)
    ax.plot(ring, np.zeros_like(ring), color="black", linestyle="--", linewidth=0.8)
    ax.set_xticks(angles, [_pretty(c) for c in z_profile.columns])
    low, high = min(values.min(), 0) - 0.3, values.max() + 0.3
    ax.set_ylim(low, high)
    ax.set_yticks(np.arange(np.ceil(low), np.floor(high) + 1))
    ax.set_rlabel_position(np.degrees(angles[1] / 2))  # between the first two features
    ax.set_title(title, pad=18)
    ax.legend(loc="upper left", bbox_to_anchor=(1.08, 1.0))
    return ax


def plot_persona_shares(shares, *, ax=None, title="Persona shares"):
    """Shares of users per persona from several sources, as grouped bars.

    ``shares`` is a DataFrame (personas in rows, sources in columns, fractions);
    each source's legend entry says what its shares add up to, so a set of shares
    that does not add up to 100 % shows at once.
    """
    values = shares.to_numpy(dtype=float)
    if values.size == 0 or np.any(values < 0) or not np.all(np.isfinite(values)):
        raise ValueError("shares must be a non-empty table of non-negative fractions.")
    ax = _axes(ax, figsize=(1.6 * len(shares) + 2.5, 4.2))
    n_sources = values.shape[1]
    width = 0.8 / n_sources
    for k, source in enumerate(shares.columns):
        positions = np.arange(len(shares)) + (k - (n_sources - 1) / 2) * width
        total = 100 * values[:, k].sum()
        bars = ax.bar(positions, 100 * values[:, k], width=width, color=PALETTE[(k + 5) % len(PALETTE)],
                      edgecolor="black", linewidth=0.4, label=f"{source} (adds up to {total:.0f} %)")
        for bar, value in zip(bars, values[:, k]):
            ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height() + 0.4, f"{100 * value:.0f}",
                    ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(shares)), [str(name) for name in shares.index])
    ax.set(ylabel="% of users", title=title)
    ax.legend(loc="upper right")
    return ax


# --------------------------------------------------------------------------------------------------
# Persona cards
# --------------------------------------------------------------------------------------------------

def _write_list(ax, x, y, heading, lines, width, color="black", size=9, line_step=0.065):
    """Write a heading and bullet lines downwards from (x, y) in axes coordinates; return the next y."""
    ax.text(x, y, heading, transform=ax.transAxes, fontsize=size, fontweight="bold", va="top", color=color)
    y -= line_step + 0.02
    for line in lines:
        wrapped = textwrap.fill(str(line), width, subsequent_indent="  ")
        ax.text(x, y, "• " + wrapped, transform=ax.transAxes, fontsize=size - 0.5, va="top", linespacing=1.15)
        y -= line_step * (wrapped.count("\n") + 1) + 0.015
    return y - 0.03


def plot_persona_cards(cards, *, ncols=2, card_size=(6.6, 3.9)):
    """One card per persona: name and share, a bar chart of its z-scores, facts and opportunities.

    Parameters
    ----------
    cards : list of dict
        Each with ``name`` (str), ``share`` (fraction of users), ``profile``
        (Series {feature: z-score}), ``facts`` (list of str: what the data say),
        ``opportunities`` (list of str), and optionally ``color`` and ``note``
        (a line in small print at the bottom, e.g. what the data cannot tell).

    Returns
    -------
    list of (bars Axes, text Axes), one pair per card.
    """
    if not cards:
        raise ValueError("cards must hold at least one persona card.")
    required = {"name", "share", "profile", "facts", "opportunities"}
    for card in cards:
        missing = required - set(card)
        if missing:
            raise ValueError(f"the card {card.get('name', '?')!r} misses {sorted(missing)}.")
    ncols = max(1, min(ncols, len(cards)))
    nrows = -(-len(cards) // ncols)
    fig = plt.figure(figsize=(card_size[0] * ncols, card_size[1] * nrows))
    places = fig.subfigures(nrows, ncols, squeeze=False, wspace=0.04, hspace=0.06).ravel()
    limit = max(float(np.abs(card["profile"]).max()) for card in cards) + 0.3
    text_share = 1.35 / 2.35 * 0.76  # the text panel's share of the card's width
    chars = int(card_size[0] * text_share * 72 / (0.56 * 8.5)) - 4  # characters per line at 8.5 pt
    axes = []
    for i, (card, place) in enumerate(zip(cards, places)):
        color = card.get("color", PALETTE[i % len(PALETTE)])
        bars_ax, text_ax = place.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.35]})
        place.subplots_adjust(left=0.2, right=0.98, top=0.85, bottom=0.13, wspace=0.06)
        place.suptitle(f"{card['name']} · {card['share']:.0%} of users", x=0.02, ha="left", color=color,
                       fontsize=12.5, fontweight="bold")
        profile = card["profile"]
        positions = np.arange(len(profile))[::-1]
        bars_ax.barh(positions, profile.to_numpy(dtype=float),
                     color=[color if v >= 0 else _light(color, 0.55) for v in profile], edgecolor=color)
        bars_ax.axvline(0, color="black", linewidth=0.8)
        bars_ax.set_yticks(positions, [_pretty(f) for f in profile.index], fontsize=8)
        bars_ax.set_xlim(-limit, limit)
        bars_ax.set_xlabel("z-score", fontsize=8)
        bars_ax.tick_params(axis="x", labelsize=8)
        text_ax.set_axis_off()
        text_ax.add_patch(plt.Rectangle((0, 0), 1, 1, transform=text_ax.transAxes,
                                        facecolor=_light(color, 0.88), edgecolor=color, linewidth=1.2))
        y = _write_list(text_ax, 0.04, 0.96, "What the data say", card["facts"], chars, color=color)
        _write_list(text_ax, 0.04, y, "Opportunities", card["opportunities"], chars, color=color)
        if card.get("note"):
            text_ax.text(0.04, 0.03, textwrap.fill(card["note"], int(chars * 1.15)),
                         transform=text_ax.transAxes, fontsize=7, style="italic", color="#555555", va="bottom")
        axes.append((bars_ax, text_ax))
    return axes


# --------------------------------------------------------------------------------------------------
# Empathy maps
# --------------------------------------------------------------------------------------------------

# Lower-left corner of each quadrant; the labels sit at the outer side, away from the persona in the middle.
QUADRANT_PLACES = {"says": (0, 1), "thinks": (1, 1), "does": (0, 0), "feels": (1, 0)}
CENTRE_RADIUS = 0.15


def _plot_empathy_map(ax, entries, persona, subtitle, color):
    missing = [q for q in QUADRANTS if q not in entries]
    if missing:
        raise ValueError(f"the empathy map of {persona!r} misses the quadrant(s) {missing}; "
                         "make it with empathy_map().")
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_axis_off()
    for quadrant, (qx, qy) in QUADRANT_PLACES.items():
        measured = quadrant == "does"
        ax.add_patch(plt.Rectangle((qx + 0.01, qy + 0.01), 0.98, 0.98, facecolor=_light(color, 0.75 if measured
                                                                                         else 0.9),
                                   edgecolor=color, linewidth=1.2))
        label = quadrant.upper() + ("  (measured)" if measured else "  (hypothesis)")
        outer_x = (qx + 0.05, "left") if qx == 0 else (qx + 0.95, "right")
        ax.text(outer_x[0], qy + 0.94, label, fontsize=9, fontweight="bold", va="top", ha=outer_x[1],
                color=color)
        y = qy + 0.8
        for text, why in entries[quadrant]:
            shown = f"“{text}”" if quadrant == "says" else text
            wrapped = textwrap.fill(shown, 34)
            ax.text(qx + 0.05, y, wrapped, fontsize=8.5, va="top")
            y -= 0.085 * (wrapped.count("\n") + 1)
            ax.text(qx + 0.07, y, why, fontsize=7, va="top", color="#555555", style="italic")
            y -= 0.1
        if not entries[quadrant]:
            ax.text(qx + 0.05, y, "(nothing stands out)", fontsize=8, va="top", color="#777777", style="italic")
    ax.add_patch(plt.Circle((1, 1), CENTRE_RADIUS, facecolor="white", edgecolor=color, linewidth=2, zorder=3))
    ax.text(1, 1, textwrap.fill(str(persona), 10), ha="center", va="center", fontsize=9, fontweight="bold",
            zorder=4)
    ax.set_title(f"Empathy map: {persona}" + (f"\n{subtitle}" if subtitle else ""), fontsize=11)


def plot_empathy_maps(maps, *, subtitles=None, colors=None, ncols=2, panel_size=(6.6, 6.0)):
    """Empathy maps (says / thinks / does / feels) side by side, one per persona.

    Parameters
    ----------
    maps : dict {persona: {quadrant: list of (text, evidence)}}
        Made by :func:`empathy_map`. "Does" is drawn darker: it is measured; the
        other three are hypotheses drawn from the numbers, to test with users.
    subtitles : dict {persona: str}, optional
    colors : list of colours, optional
        One per persona, in the order of ``maps``.
    """
    if not maps:
        raise ValueError("maps must hold at least one persona's empathy map.")
    personas = list(maps)
    palette = _colors(len(personas), colors)
    ncols = max(1, min(ncols, len(personas)))
    nrows = -(-len(personas) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows),
                             squeeze=False)
    for ax in axes.ravel()[len(personas):]:
        ax.set_visible(False)
    for ax, persona, color in zip(axes.ravel(), personas, palette):
        _plot_empathy_map(ax, maps[persona], persona, (subtitles or {}).get(persona), color)
    fig.tight_layout()
    return axes.ravel()[:len(personas)]


# --------------------------------------------------------------------------------------------------
# Journey maps and success metrics
# --------------------------------------------------------------------------------------------------

def plot_journey_map(reached, *, stage_notes=None, colors=None, ax=None,
                     title="Journey map: share of each persona still on the journey"):
    """Each persona's journey as a line across the stages, its largest drop marked as the pain point.

    Parameters
    ----------
    reached : DataFrame
        Personas in rows, stages in columns (in order), fractions of the persona's
        users who reached each stage.
    stage_notes : dict {stage: str}, optional
        What reaching the stage means (the measurable criterion), written under its name.
    """
    pains = journey_pain_points(reached)
    stages = list(reached.columns)
    ax = _axes(ax, figsize=(2.2 * len(stages) + 3.2, 5.2))
    x = np.arange(len(stages))
    for (persona, row), color in zip(reached.iterrows(), _colors(len(reached), colors)):
        values = 100 * row.to_numpy(dtype=float)
        ax.plot(x, values, marker="o", color=color, linewidth=2.2, label=str(persona))
        pain = pains.loc[persona]
        s = stages.index(pain["from"])
        middle = ((s + s + 1) / 2, (values[s] + values[s + 1]) / 2)
        ax.scatter(*middle, s=240, facecolor="none", edgecolor=color, linewidth=2, zorder=4)
        ax.annotate(f"−{100 * pain['lost']:.0f} pts", middle, xytext=(9, 0), textcoords="offset points",
                    color=color, fontsize=9, fontweight="bold", va="center")
    labels = [f"{stage}\n{textwrap.fill(stage_notes[stage], 18)}" if stage_notes and stage in stage_notes
              else stage for stage in stages]
    ax.set_xticks(x, labels, fontsize=9)
    ax.set_xlim(-0.3, len(stages) - 0.4)
    ax.set_ylim(-5, 108)
    ax.set(ylabel="% of the persona's users", title=title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="ring = largest drop")
    return ax


def plot_segment_metrics(values, targets, *, units=None, colors=None, panel_size=(3.3, 3.6)):
    """One panel per success metric: its value for every persona, the persona it is meant for highlighted.

    Parameters
    ----------
    values : DataFrame
        Metrics in columns, personas in rows.
    targets : dict {metric: (persona, target value)}
        Which persona the metric is meant for and the target for it (dashed line).
    units : dict {metric: str}, optional
        Axis label of each metric (e.g. "% of users", "posts / month").
    """
    missing = [m for m in targets if m not in values.columns]
    if missing:
        raise ValueError(f"targets names metric(s) {missing} that values has no column for.")
    unknown = [persona for persona, _ in targets.values() if persona not in values.index]
    if unknown:
        raise ValueError(f"targets names persona(s) {unknown} that values has no row for.")
    palette = _colors(len(values), colors)
    metrics = list(targets)
    fig, axes = plt.subplots(1, len(metrics), figsize=(panel_size[0] * len(metrics), panel_size[1]),
                             squeeze=False)
    for ax, metric in zip(axes[0], metrics):
        persona, target = targets[metric]
        column = values[metric].to_numpy(dtype=float)
        chosen = list(values.index).index(persona)
        bar_colors = [palette[i] if i == chosen else _light(palette[i], 0.7) for i in range(len(values))]
        bars = ax.bar(range(len(values)), column, color=bar_colors, edgecolor=[p for p in palette])
        bars[chosen].set_linewidth(2.2)
        ax.axhline(target, color="black", linestyle="--", linewidth=1.2)
        met = column[chosen] >= target
        ax.text(chosen, column[chosen], f"{column[chosen]:.3g}", ha="center", va="bottom", fontsize=9,
                fontweight="bold")
        ax.text(1.0, target, f" target {target:g}", transform=ax.get_yaxis_transform(), fontsize=8, va="bottom",
                ha="right")
        ax.set_xticks(range(len(values)), [textwrap.fill(str(p), 10) for p in values.index], fontsize=7.5,
                      rotation=0)
        ax.set_ylabel((units or {}).get(metric, metric), fontsize=9)
        ax.set_title(f"{metric}\nfor {persona}: {'met' if met else 'below target'}", fontsize=10)
        ax.set_ylim(0, max(column.max(), target) * 1.18)
    fig.tight_layout()
    return axes[0]


# --------------------------------------------------------------------------------------------------
# Behaviour, not demographics
# --------------------------------------------------------------------------------------------------

def plot_persona_mix(mix, *, colors=None, ax=None, xlabel="% of the group's users",
                     title="Persona mix in each group"):
    """Stacked horizontal bars: for each group (e.g. a sign-up cohort), how its users split into personas.

    ``mix`` is a DataFrame with groups in rows and personas in columns, each row
    summing to 1 (e.g. ``pd.crosstab(group, persona, normalize="index")``).
    """
    values = mix.to_numpy(dtype=float)
    if values.size == 0 or np.any(values < 0) or not np.allclose(values.sum(axis=1), 1):
        raise ValueError("each row of mix must hold fractions that add up to 1 "
                         "(use pd.crosstab(group, persona, normalize='index')).")
    ax = _axes(ax, figsize=(8, 0.6 * len(mix) + 2))
    left = np.zeros(len(mix))
    positions = np.arange(len(mix))[::-1]
    for k, (persona, color) in enumerate(zip(mix.columns, _colors(values.shape[1], colors))):
        ax.barh(positions, 100 * values[:, k], left=100 * left, color=color, edgecolor="white",
                label=str(persona))
        for y, start, width in zip(positions, left, values[:, k]):
            if width >= 0.06:  # too narrow bars stay unlabelled
                ax.text(100 * (start + width / 2), y, f"{100 * width:.0f}", ha="center", va="center",
                        fontsize=8, color="white")
        left += values[:, k]
    ax.set_yticks(positions, [str(g) for g in mix.index])
    ax.set_xlim(0, 100)
    ax.set(xlabel=xlabel, title=title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=min(5, values.shape[1]), fontsize=8)
    return ax


def plot_variance_explained(table, *, ax=None, title="Share of each feature's variance explained (η²)"):
    """Grouped horizontal bars: for each feature, how much of its variance each grouping explains.

    ``table`` is a DataFrame with features in rows and groupings in columns (values
    in [0, 1], e.g. from :func:`variance_explained_by`).
    """
    values = table.to_numpy(dtype=float)
    if values.size == 0 or np.any(values < 0) or np.any(values > 1 + 1e-12):
        raise ValueError("table holds shares of variance: every value must lie between 0 and 1.")
    ax = _axes(ax, figsize=(7, 0.45 * len(table) * values.shape[1] + 1.8))
    n = values.shape[1]
    height = 0.8 / n
    positions = np.arange(len(table))[::-1]
    for k, grouping in enumerate(table.columns):
        offsets = positions + ((n - 1) / 2 - k) * height
        ax.barh(offsets, 100 * values[:, k], height=height, color=PALETTE[(2 * k) % len(PALETTE)],
                label=str(grouping))
        for y, value in zip(offsets, values[:, k]):
            ax.text(100 * value + 1, y, f"{100 * value:.1f}", va="center", fontsize=7.5)
    ax.set_yticks(positions, [_pretty(f) for f in table.index])
    ax.set_xlim(0, 105)
    ax.set(xlabel="% of the feature's variance between the groups", title=title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=values.shape[1], fontsize=8)
    return ax
