r"""Figures for the three application lessons: the music-streaming case study (09), colour quantization
(11) and topics in short texts (12).

* Lesson 09: :func:`plot_feature_distributions` (one histogram per feature, with its skew),
  :func:`plot_correlation_matrix`, :func:`plot_explained_variance` (PCA), :func:`plot_experience_table`
  (what each persona gets) and :func:`plot_membership_certainty` (how sure a mixture model is).
* Lesson 11: an image's pixels are points in RGB space. :func:`quantized_image` rebuilds the image
  from a palette, :func:`bits_per_pixel` and :func:`psnr` measure what was saved and what was lost;
  :func:`plot_pixel_cloud`, :func:`plot_palettes`, :func:`plot_images` and
  :func:`plot_quantization_tradeoff` draw them.
* Lesson 12: :func:`top_terms` reads a centroid as a list of words; :func:`plot_top_terms`,
  :func:`plot_tfidf_heatmap`, :func:`plot_euclidean_vs_cosine` (why Euclidean k-means on unit-length
  rows is almost, but not exactly, cosine k-means) and :func:`plot_cluster_sizes`.

Clusterings come from the course's estimators and distances from :mod:`course_lib.distances`;
nothing here is a second copy of an algorithm. Every figure draws on matplotlib Axes (made if not
given) and returns them, so a notebook cell is one call.
"""

import textwrap
from numbers import Integral, Real

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .._validation import check_array, check_scalar
from ..distances import pairwise_distances
from . import NOISE_COLOR, PALETTE, _axes, _grid, _light

__all__ = [
    "plot_feature_distributions", "plot_correlation_matrix", "plot_explained_variance",
    "plot_experience_table", "plot_membership_certainty",
    "ORIGINAL_BITS_PER_PIXEL", "quantized_image", "bits_per_pixel", "psnr",
    "plot_pixel_cloud", "plot_palettes", "plot_images", "plot_quantization_tradeoff",
    "plot_document_frequency", "top_terms", "plot_top_terms", "plot_tfidf_heatmap",
    "plot_euclidean_vs_cosine", "plot_cluster_sizes",
]

# A true-colour pixel: 8 bits for each of red, green and blue.
ORIGINAL_BITS_PER_PIXEL = 24
CHANNEL_MAX = 255


def _pretty(name):
    return str(name).replace("_", " ")


def _mapping(values, name, example):
    if not hasattr(values, "items") or len(values) == 0:
        raise ValueError(f"{name} must map each entry to its values, e.g. {example}; got {values!r}.")
    return values


# --------------------------------------------------------------------------------------------------
# Lesson 09: exploring the listeners, PCA, the tailored experiences, soft membership
# --------------------------------------------------------------------------------------------------

def plot_feature_distributions(frame, *, ncols=5, bins=30, panel_size=(3.1, 2.5), color=None):
    """One histogram per column, titled with the column's skewness.

    The skewness is pandas' ``Series.skew()`` (the adjusted Fisher-Pearson coefficient): 0 for a
    symmetric distribution, positive when a long tail stretches to the right (a few very active
    users), negative for a tail to the left.

    Parameters
    ----------
    frame : DataFrame of numeric columns
    ncols : int, default=5
    bins : int, default=30
    """
    if not isinstance(frame, pd.DataFrame) or frame.shape[0] < 2 or frame.shape[1] == 0:
        raise ValueError("frame must be a DataFrame with at least two rows and one numeric column.")
    check_array(frame, name="frame")
    check_scalar(bins, "bins", Integral, min_val=1, fix="It is the number of histogram bars, e.g. bins=30.")
    fig, axes = _grid(frame.shape[1], ncols, panel_size)
    for ax, column in zip(axes, frame.columns):
        values = frame[column].to_numpy(dtype=float)
        ax.hist(values, bins=bins, color=color or PALETTE[0], edgecolor="white", linewidth=0.3)
        ax.set_title(f"{_pretty(column)}\nskew {frame[column].skew():+.2f}", fontsize=10)
        ax.tick_params(labelsize=8)
        ax.set_ylabel("rows", fontsize=8)
    fig.tight_layout()
    return axes


def plot_correlation_matrix(corr, *, ax=None, title="Correlations between the features", decimals=2):
    """A correlation matrix (a square DataFrame) as a heatmap from -1 (red) through 0 (white) to +1 (blue).

    Every cell is written in, so strong pairs can be read off exactly.
    """
    if not isinstance(corr, pd.DataFrame) or corr.shape[0] != corr.shape[1] or corr.shape[0] == 0:
        raise ValueError("corr must be a square DataFrame, e.g. frame.corr().")
    values = check_array(corr, name="corr")
    if np.any(np.abs(values) > 1 + 1e-12):
        raise ValueError("corr holds correlations: every value must lie between -1 and 1.")
    n = len(corr)
    ax = _axes(ax, figsize=(0.62 * n + 3.2, 0.55 * n + 1.8))
    image = ax.imshow(values, cmap="RdBu", vmin=-1, vmax=1)
    ax.figure.colorbar(image, ax=ax, label="correlation", shrink=0.85)
    for i in range(n):
        for j in range(n):
            ax.text(j, i, f"{values[i, j]:.{decimals}f}", ha="center", va="center", fontsize=7.5,
                    color="white" if abs(values[i, j]) > 0.6 else "black")
    names = [_pretty(c) for c in corr.columns]
    ax.set_xticks(range(n), names, rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(n), names, fontsize=8)
    ax.grid(False)
    ax.set_title(title)
    return ax


def plot_explained_variance(ratios, *, ax=None, threshold=None,
                            title="How much of the variance each component explains"):
    """PCA's explained variance ratio per component (bars) and its running total (line).

    Parameters
    ----------
    ratios : array-like of shape (n_components,)
        ``PCA.explained_variance_ratio_``: fractions in [0, 1] adding up to at most 1.
    threshold : float, optional
        A target share (e.g. 0.8): drawn as a line, and the first component count that reaches
        it is marked.
    """
    ratios = check_array(ratios, name="ratios", ensure_2d=False)
    if ratios.ndim != 1 or np.any(ratios < 0) or ratios.sum() > 1 + 1e-9:
        raise ValueError("ratios must be a 1-D array of fractions adding up to at most 1 "
                         "(PCA's explained_variance_ratio_).")
    ax = _axes(ax)
    positions = np.arange(1, len(ratios) + 1)
    total = np.cumsum(ratios)
    ax.bar(positions, 100 * ratios, color=PALETTE[0], alpha=0.8, label="this component")
    ax.plot(positions, 100 * total, marker="o", color=PALETTE[1], label="running total")
    for x, value in zip(positions, total):
        ax.text(x, 100 * value + 1.5, f"{100 * value:.0f}", ha="center", va="bottom", fontsize=8,
                color=PALETTE[1])
    if threshold is not None:
        check_scalar(threshold, "threshold", Real, min_val=0, max_val=1,
                     fix="It is a share of the variance, e.g. threshold=0.8.")
        ax.axhline(100 * threshold, color="black", linestyle="--", linewidth=1)
        reached = np.flatnonzero(total >= threshold - 1e-12)
        if reached.size:
            first = int(reached[0]) + 1
            ax.axvline(first, color=PALETTE[3], linestyle=":", linewidth=1.5,
                       label=f"{first} components reach {threshold:.0%}")
    ax.set_xticks(positions, [f"PC{p}" for p in positions], fontsize=8)
    ax.set_ylim(0, 108)
    ax.set(xlabel="principal component", ylabel="% of the total variance", title=title)
    ax.legend(loc="center right")
    return ax


def plot_experience_table(table, *, shares=None, colors=None, ax=None, width=16,
                          title="A tailored experience for each persona"):
    """A product table as a figure: one column per persona (headed in its colour), one row per feature.

    Parameters
    ----------
    table : DataFrame
        Features of the product in rows (e.g. "Home screen"), personas in columns, text in cells.
    shares : dict or Series {persona: fraction}, optional
        Written under each persona's name.
    colors : list of colours, optional
        One per persona column; default the course palette in column order.
    width : int, default=16
        Characters per line before a cell's text wraps.
    """
    if not isinstance(table, pd.DataFrame) or table.size == 0:
        raise ValueError("table must be a non-empty DataFrame (features in rows, personas in columns).")
    n_rows, n_cols = table.shape
    colors = [PALETTE[j % len(PALETTE)] for j in range(n_cols)] if colors is None else list(colors)
    if len(colors) != n_cols:
        raise ValueError(f"colors needs one colour per persona column ({n_cols}), got {len(colors)}.")
    if shares is not None:
        missing = [c for c in table.columns if c not in shares]
        if missing:
            raise ValueError(f"shares gives no share for {missing}.")
    ax = _axes(ax, figsize=(2.0 * (n_cols + 1), 0.75 * (n_rows + 1) + 0.6))
    ax.set_xlim(0, n_cols + 1)
    ax.set_ylim(n_rows + 1, 0)
    ax.set_axis_off()
    for j, (persona, color) in enumerate(zip(table.columns, colors), start=1):
        ax.add_patch(plt.Rectangle((j, 0), 1, 1, facecolor=color, edgecolor="white", linewidth=2))
        label = str(persona) if shares is None else f"{persona}\n{shares[persona]:.0%} of users"
        ax.text(j + 0.5, 0.5, label, ha="center", va="center", color="white", fontweight="bold", fontsize=9.5)
        for i, value in enumerate(table[persona], start=1):
            ax.add_patch(plt.Rectangle((j, i), 1, 1, facecolor=_light(color, 0.85), edgecolor="white",
                                       linewidth=2))
            ax.text(j + 0.5, i + 0.5, textwrap.fill(str(value), width), ha="center", va="center", fontsize=9)
    for i, feature in enumerate(table.index, start=1):
        ax.add_patch(plt.Rectangle((0, i), 1, 1, facecolor="#EEEEEE", edgecolor="white", linewidth=2))
        ax.text(0.08, i + 0.5, textwrap.fill(str(feature), width), ha="left", va="center", fontweight="bold",
                fontsize=9)
    ax.set_title(title)
    return ax


def plot_membership_certainty(resp, *, groups=None, thresholds=(0.6, 0.9), bins=20, ax=None,
                              title="How sure is the mixture about each point?"):
    r"""Histogram of every point's largest responsibility :math:`\max_j \gamma_{ij}`.

    1 means one component claims the point entirely; with K components the smallest possible
    value is :math:`1/K` (an even split). Dashed lines mark ``thresholds``.

    Parameters
    ----------
    resp : array-like of shape (n_samples, n_components)
        ``GaussianMixture.predict_proba(X)``.
    groups : dict {name: boolean mask}, optional
        Draw one histogram per group (as shares of the group, so groups of different sizes
        compare), e.g. points drawn in-between two personas and the others.
    """
    resp = check_array(resp, name="resp", min_features=2)
    if np.any(resp < -1e-12) or not np.allclose(resp.sum(axis=1), 1.0, atol=1e-6):
        raise ValueError("resp must hold responsibilities: non-negative, each row adding up to 1.")
    top = resp.max(axis=1)
    ax = _axes(ax)
    edges = np.linspace(1.0 / resp.shape[1], 1.0, bins + 1)
    if groups is None:
        ax.hist(top, bins=edges, color=PALETTE[0], edgecolor="white")
        ax.set_ylabel("points")
        for threshold in thresholds:
            ax.text(threshold, 0.98, f"{np.mean(top < threshold):.1%} below {threshold:g} ",
                    transform=ax.get_xaxis_transform(), ha="right", va="top", fontsize=8)
    else:
        for i, (name, mask) in enumerate(_mapping(groups, "groups", "{'in-between': mask}").items()):
            mask = np.asarray(mask, dtype=bool)
            if mask.shape != top.shape or not mask.any():
                raise ValueError(f"groups[{name!r}] must be a boolean mask with one entry per point, "
                                 "selecting at least one.")
            below = ", ".join(f"{np.mean(top[mask] < t):.1%} below {t:g}" for t in thresholds)
            ax.hist(top[mask], bins=edges, weights=np.full(mask.sum(), 100.0 / mask.sum()), histtype="step",
                    linewidth=2, color=PALETTE[i % len(PALETTE)], label=f"{name} ({mask.sum()}): {below}")
        ax.set_ylabel("% of the group")
        ax.legend(loc="upper left", fontsize=8)
    for threshold in thresholds:
        ax.axvline(threshold, color="black", linestyle="--", linewidth=1)
    ax.set_yscale("log")
    ax.set(xlabel="largest responsibility of the point", title=title)
    return ax


# --------------------------------------------------------------------------------------------------
# Lesson 11: colour quantization
# --------------------------------------------------------------------------------------------------

def _check_image(image, name="image"):
    image = np.asarray(image)
    if image.ndim != 3 or image.shape[2] != 3 or 0 in image.shape:
        raise ValueError(f"{name} must be an RGB image of shape (height, width, 3), got shape {image.shape}.")
    if image.dtype != np.uint8:
        raise TypeError(f"{name} must hold 8-bit colour values (dtype uint8, 0-255), got {image.dtype}. "
                        "Use quantized_image to turn a palette and labels into one.")
    return image


def quantized_image(palette, labels, shape):
    """The image rebuilt from a palette: pixel ``i`` gets the colour ``palette[labels[i]]``.

    The palette is rounded to whole 0-255 values first, as an image file would store it
    (3 bytes per colour), so what you see is what the bits count.

    Parameters
    ----------
    palette : array-like of shape (n_colors, 3)
        E.g. ``KMeans.cluster_centers_`` fitted on the pixels (values 0-255).
    labels : array-like of int, shape (height * width,)
        The palette index of every pixel, in row-major order.
    shape : tuple (height, width, 3)

    Returns
    -------
    ndarray of uint8, shape ``shape``
    """
    palette = check_array(palette, name="palette")
    if palette.shape[1] != 3:
        raise ValueError(f"palette must have 3 columns (red, green, blue), got {palette.shape[1]}.")
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.dtype.kind not in "iu":
        raise TypeError("labels must be a 1-D array of palette indices (integers).")
    if labels.size and (labels.min() < 0 or labels.max() >= len(palette)):
        raise ValueError(f"labels must index the palette: between 0 and {len(palette) - 1}.")
    if len(shape) != 3 or shape[2] != 3 or shape[0] * shape[1] != labels.size:
        raise ValueError(f"shape must be (height, width, 3) with height * width = {labels.size} pixels, "
                         f"got {tuple(shape)}.")
    colours = np.clip(np.rint(palette), 0, CHANNEL_MAX).astype(np.uint8)
    return colours[labels].reshape(shape)


def bits_per_pixel(n_colors, n_pixels):
    r"""Storage cost of an image with an ``n_colors`` palette, in bits per pixel.

    Each pixel stores an index into the palette, :math:`\lceil \log_2 K \rceil` bits, and the
    palette itself, :math:`24K` bits, is shared by the :math:`n` pixels:

    .. math:: b(K) = \lceil \log_2 K \rceil + \frac{24 K}{n}

    against 24 bits for an unquantized pixel; the compression ratio is :math:`24 / b(K)`.
    """
    check_scalar(n_colors, "n_colors", Integral, min_val=1, fix="It is the palette size K, e.g. 16.")
    check_scalar(n_pixels, "n_pixels", Integral, min_val=1, fix="It is height * width of the image.")
    index_bits = int(np.ceil(np.log2(n_colors))) if n_colors > 1 else 0
    return index_bits + ORIGINAL_BITS_PER_PIXEL * n_colors / n_pixels


def psnr(original, approximation):
    r"""Peak signal-to-noise ratio of an 8-bit image approximation, in decibels.

    .. math:: \mathrm{MSE} = \frac{1}{3n} \sum_{i=1}^{n} \sum_{c \in \{R,G,B\}} (x_{ic} - \hat x_{ic})^2,
              \qquad \mathrm{PSNR} = 10 \log_{10} \frac{255^2}{\mathrm{MSE}}

    Higher is better; identical images give infinity. Each 6 dB roughly halves the typical
    error of a colour value.
    """
    original = _check_image(original, "original")
    approximation = _check_image(approximation, "approximation")
    if original.shape != approximation.shape:
        raise ValueError(f"the images differ in shape: {original.shape} and {approximation.shape}.")
    mse = np.mean((original.astype(float) - approximation.astype(float)) ** 2)
    return float("inf") if mse == 0 else float(10 * np.log10(CHANNEL_MAX ** 2 / mse))


def plot_pixel_cloud(pixels, *, palette=None, sample=4000, random_state=0, ax=None,
                     title="Every pixel is a point in RGB space"):
    """A random sample of pixels as points in the RGB cube, each drawn in its own colour.

    Parameters
    ----------
    pixels : array-like of shape (n_pixels, 3)
        Colour values 0-255.
    palette : array-like of shape (n_colors, 3), optional
        Drawn as large markers with a black edge (e.g. k-means centroids).
    sample : int, default=4000
        How many pixels to draw (all if fewer), chosen with ``numpy.random.default_rng(random_state)``.
    ax : a 3-D Axes, optional
    """
    pixels = check_array(pixels, name="pixels")
    if pixels.shape[1] != 3:
        raise ValueError(f"pixels must have 3 columns (red, green, blue), got {pixels.shape[1]}.")
    check_scalar(sample, "sample", Integral, min_val=1, fix="It is the number of pixels drawn, e.g. 4000.")
    rng = np.random.default_rng(random_state)
    chosen = rng.choice(len(pixels), size=min(sample, len(pixels)), replace=False)
    if ax is None:
        ax = plt.figure(figsize=(6.2, 5.4)).add_subplot(projection="3d")
    elif ax.name != "3d":
        raise ValueError("ax must be a 3-D Axes, e.g. plt.figure().add_subplot(projection='3d').")
    points = pixels[chosen]
    ax.scatter(points[:, 0], points[:, 1], points[:, 2], c=np.clip(points / CHANNEL_MAX, 0, 1), s=4,
               alpha=0.6, depthshade=False)
    if palette is not None:
        palette = check_array(palette, name="palette")
        ax.scatter(palette[:, 0], palette[:, 1], palette[:, 2], c=np.clip(palette / CHANNEL_MAX, 0, 1), s=220,
                   edgecolor="black", linewidth=1.5, depthshade=False,
                   label=f"palette ({len(palette)} colours)")
        ax.legend(loc="upper left")
    ax.set(xlabel="red", ylabel="green", zlabel="blue", xlim=(0, 255), ylim=(0, 255), zlim=(0, 255))
    ax.set_title(title)
    return ax


def plot_palettes(palettes, *, shares=None, n_pixels=None, ax=None, title="The palettes k-means found"):
    """One row of colour swatches per palette, each swatch as wide as the share of pixels it paints.

    Parameters
    ----------
    palettes : dict {K or name: array of shape (K, 3)}
        Colours 0-255 (e.g. ``cluster_centers_``). An integer key is written "K = 8", any
        other key as it is (e.g. "mini-batch, K = 16").
    shares : dict {K: array of shape (K,)}, optional
        Fraction of the pixels each colour paints; equal widths if not given. Within a row the
        colours are sorted by share, largest first.
    n_pixels : int, optional
        Adds each palette's :func:`bits_per_pixel` to its row label.
    """
    palettes = _mapping(palettes, "palettes", "{8: model.cluster_centers_}")
    ax = _axes(ax, figsize=(10, 0.7 * len(palettes) + 1.2))
    for row, (k, palette) in enumerate(palettes.items()):
        palette = check_array(palette, name=f"palettes[{k}]")
        widths = np.full(len(palette), 1.0 / len(palette)) if shares is None else \
            check_array(shares[k], name=f"shares[{k}]", ensure_2d=False)
        if widths.shape != (len(palette),) or np.any(widths < 0) or not np.isclose(widths.sum(), 1.0):
            raise ValueError(f"shares[{k}] must hold one non-negative fraction per colour, adding up to 1.")
        order = np.argsort(-widths, kind="stable")
        left = 0.0
        for j in order:
            ax.add_patch(plt.Rectangle((left, row + 0.1), widths[j], 0.8, edgecolor="white", linewidth=0.5,
                                       facecolor=np.clip(palette[j] / CHANNEL_MAX, 0, 1)))
            left += widths[j]
    labels = []
    for key, palette in palettes.items():
        label = f"K = {key}" if isinstance(key, Integral) else str(key)
        if n_pixels:
            label += f"\n{bits_per_pixel(len(palette), n_pixels):.2f} bits/pixel"
        labels.append(label)
    ax.set_yticks(np.arange(len(palettes)) + 0.5, labels)
    ax.set_xlim(0, 1)
    ax.set_ylim(len(palettes), 0)
    ax.grid(False)
    ax.set(xlabel="share of the pixels painted" if shares is not None else "colours", title=title)
    return ax


def plot_images(images, *, ncols=3, panel_size=(4.2, 3.2)):
    """Images side by side with their titles, no axes.

    ``images`` is a dict {title: uint8 RGB image}, drawn in order.
    """
    images = _mapping(images, "images", "{'original': image, 'K = 8': quantized}")
    fig, axes = _grid(len(images), ncols, panel_size)
    for ax, (title, image) in zip(axes, images.items()):
        ax.imshow(_check_image(image, f"images[{title!r}]"), interpolation="nearest")
        ax.set_title(str(title), fontsize=10)
        ax.set_axis_off()
    fig.tight_layout()
    return axes


def plot_quantization_tradeoff(bits, quality, *, axes=None):
    """What a palette saves and what it costs: bits per pixel (left) and PSNR (right) against K.

    Parameters
    ----------
    bits : dict {K: bits per pixel}
        From :func:`bits_per_pixel`; the bars are labelled with the compression ratio 24 / bits.
    quality : dict {method: dict {K: PSNR in dB}}
        One line per method (e.g. k-means and mini-batch k-means).
    """
    bits = _mapping(bits, "bits", "{4: 2.001, 8: 3.003}")
    quality = _mapping(quality, "quality", "{'k-means': {4: 21.5, 8: 24.8}}")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(11.5, 3.9))
    left, right = axes
    ks = sorted(bits)
    positions = np.arange(len(ks))
    values = np.array([bits[k] for k in ks], dtype=float)
    if np.any(values <= 0) or not np.all(np.isfinite(values)):
        raise ValueError("bits must hold positive, finite numbers of bits per pixel.")
    left.bar(positions, values, color=PALETTE[0], width=0.6)
    left.axhline(ORIGINAL_BITS_PER_PIXEL, color="black", linestyle="--", linewidth=1)
    left.text(positions[-1] + 0.3, ORIGINAL_BITS_PER_PIXEL, "original: 24", ha="right", va="bottom",
              fontsize=9)
    for x, value in zip(positions, values):
        left.text(x, value + 0.3, f"{value:.2f}\n{ORIGINAL_BITS_PER_PIXEL / value:.1f}x smaller", ha="center",
                  va="bottom", fontsize=8)
    left.set_xticks(positions, [str(k) for k in ks])
    left.set_ylim(0, ORIGINAL_BITS_PER_PIXEL * 1.12)
    left.set(xlabel="palette size K", ylabel="bits per pixel", title="Storage: bits per pixel")
    for i, (method, curve) in enumerate(quality.items()):
        curve = _mapping(curve, f"quality[{method!r}]", "{4: 21.5, 8: 24.8}")
        if sorted(curve) != ks:
            raise ValueError(f"quality[{method!r}] must give a PSNR for every K of bits ({ks}).")
        right.plot(positions, [curve[k] for k in ks], marker="o", color=PALETTE[i % len(PALETTE)],
                   label=method)
    right.set_xticks(positions, [str(k) for k in ks])
    right.set(xlabel="palette size K", ylabel="PSNR (dB, higher is better)", title="Quality: PSNR")
    right.legend(loc="lower right")
    plt.tight_layout()
    return axes


# --------------------------------------------------------------------------------------------------
# Lesson 12: topics in short texts
# --------------------------------------------------------------------------------------------------

def plot_document_frequency(X, *, min_df=None, ax=None, title="In how many headlines does each word occur?"):
    """Bars: how many words of the vocabulary occur in exactly 1, 2, 3, ... documents.

    ``X`` is a document-term matrix (counts or TF-IDF weights; only which entries are non-zero
    matters). ``min_df`` shades the words a ``min_df`` cut would drop.
    """
    X = check_array(X, name="X")
    document_frequency = (X != 0).sum(axis=0)
    if document_frequency.min() == 0:
        raise ValueError("X has a term (column) that occurs in no document; pass the vectorizer's own "
                         "matrix.")
    counts = np.bincount(document_frequency)[1:]
    frequencies = np.arange(1, len(counts) + 1)
    ax = _axes(ax)
    colors = [PALETTE[0] if min_df is None or f >= min_df else NOISE_COLOR for f in frequencies]
    ax.bar(frequencies, counts, color=colors, width=0.8)
    for f, count in zip(frequencies, counts):
        if count:
            ax.text(f, count, str(count), ha="center", va="bottom", fontsize=8)
    if min_df is not None:
        dropped = int(counts[: min_df - 1].sum())
        ax.bar([], [], color=NOISE_COLOR,
               label=f"dropped by min_df={min_df}: {dropped} of {counts.sum()} words")
        ax.legend(loc="upper right")
    ax.set_xticks(frequencies)
    ax.set(xlabel="number of documents the word occurs in", ylabel="number of words", title=title)
    return ax


def top_terms(centers, terms, n_terms=6):
    """The heaviest terms of each centroid: what a cluster of TF-IDF rows is about.

    Parameters
    ----------
    centers : array-like of shape (n_clusters, n_terms_total)
        Centroids in TF-IDF space (``cluster_centers_``).
    terms : sequence of str
        The vocabulary, in column order (``vectorizer.get_feature_names_out()``).
    n_terms : int, default=6

    Returns
    -------
    list of Series, one per cluster: the ``n_terms`` largest weights, indexed by term, largest
    first (ties in vocabulary order).
    """
    centers = check_array(centers, name="centers")
    terms = np.asarray(terms, dtype=object)
    if terms.shape != (centers.shape[1],):
        raise ValueError(f"terms must name every column of centers ({centers.shape[1]}), "
                         f"got {terms.shape[0]}.")
    check_scalar(n_terms, "n_terms", Integral, min_val=1, max_val=centers.shape[1],
                 fix="It is how many words to list per cluster, e.g. 6.")
    result = []
    for center in centers:
        order = np.argsort(-center, kind="stable")[:n_terms]
        result.append(pd.Series(center[order], index=terms[order]))
    return result


def plot_top_terms(centers, terms, *, n_terms=6, names=None, ncols=5, panel_size=(2.7, 2.7),
                   colors=None):
    """One panel per cluster: its :func:`top_terms` as horizontal bars (centroid weight)."""
    tops = top_terms(centers, terms, n_terms)
    names = [f"cluster {j}" for j in range(len(tops))] if names is None else list(names)
    if len(names) != len(tops):
        raise ValueError(f"names needs one name per cluster ({len(tops)}), got {len(names)}.")
    fig, axes = _grid(len(tops), ncols, panel_size)
    largest = max(float(top.max()) for top in tops)
    for j, (ax, top, name) in enumerate(zip(axes, tops, names)):
        color = PALETTE[j % len(PALETTE)] if colors is None else colors[j]
        rows = np.arange(len(top))[::-1]
        ax.barh(rows, top.to_numpy(), color=color)
        ax.set_yticks(rows, list(top.index), fontsize=9)
        ax.set_xlim(0, largest * 1.08)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(False, axis="y")
        ax.set_title(str(name), fontsize=10, color=color, fontweight="bold")
        ax.set_xlabel("weight in the centroid", fontsize=8)
    fig.tight_layout()
    return axes


def plot_tfidf_heatmap(X, terms, labels, *, n_terms=4, ax=None,
                       title="TF-IDF weights, headlines sorted by cluster"):
    """The document-term matrix as an image: rows sorted by cluster, columns the clusters' top terms.

    A good clustering shows bright blocks on the diagonal: each cluster's documents use its own
    words. Thin black lines separate the clusters.
    """
    X = check_array(X, name="X")
    labels = np.asarray(labels)
    if labels.shape != (X.shape[0],):
        raise ValueError(f"labels must give one cluster per row of X ({X.shape[0]}).")
    clusters = np.unique(labels)
    centers = np.array([X[labels == c].mean(axis=0) for c in clusters])
    columns = []
    for top in top_terms(centers, terms, n_terms):
        columns += [list(terms).index(t) for t in top.index if list(terms).index(t) not in columns]
    rows = np.argsort(labels, kind="stable")
    ax = _axes(ax, figsize=(0.32 * len(columns) + 2.6, 5.2))
    image = ax.imshow(X[np.ix_(rows, columns)], aspect="auto", cmap="Blues", interpolation="nearest")
    ax.figure.colorbar(image, ax=ax, label="TF-IDF weight", shrink=0.85)
    bounds = np.cumsum([np.sum(labels == c) for c in clusters])[:-1]
    for bound in bounds:
        ax.axhline(bound - 0.5, color="black", linewidth=0.8)
    ax.set_xticks(range(len(columns)), [terms[j] for j in columns], rotation=60, ha="right", fontsize=8)
    middles = np.concatenate([[0], bounds]) + np.array([np.sum(labels == c) for c in clusters]) / 2
    ax.set_yticks(middles - 0.5, [f"cluster {c}" for c in clusters], fontsize=8)
    ax.grid(False)
    ax.set(xlabel="top terms of each cluster", title=title)
    return ax


def plot_euclidean_vs_cosine(X, centers=None, *, max_pairs=4000, random_state=0, axes=None):
    r"""Squared Euclidean distance against cosine similarity, for unit-length rows.

    Left: pairs of rows. With :math:`\lVert x\rVert = \lVert y\rVert = 1`,
    :math:`\lVert x - y\rVert^2 = 2 - 2\cos(x, y)`: every pair lies on one straight line, so
    "nearest" and "most similar" are the same.

    Right: rows against centroids. A centroid of unit vectors is shorter than 1 (the more its
    members disagree, the shorter), and :math:`\lVert x - c\rVert^2 = 1 + \lVert c\rVert^2 -
    2\lVert c\rVert\cos(x, c)`: each centroid has its own line, so ranking centroids by distance
    and by cosine can differ. Without ``centers`` only the left panel is drawn. Distances come
    from :func:`course_lib.pairwise_distances`.
    """
    X = check_array(X, name="X")
    if not np.allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-9):
        raise ValueError("X must have unit-length rows (e.g. TfidfVectorizer's default norm='l2').")
    if centers is not None:
        centers = check_array(centers, name="centers")
        if centers.shape[1] != X.shape[1]:
            raise ValueError(f"centers must have as many columns as X ({X.shape[1]}), "
                             f"got {centers.shape[1]}.")
    if axes is None:
        panels = 1 if centers is None else 2
        _, axes = plt.subplots(1, panels, figsize=(5.75 * panels, 4.2), squeeze=False)
        axes = axes[0]
    left = axes[0]
    first, second = np.triu_indices(len(X), k=1)
    if first.size > max_pairs:
        keep = np.random.default_rng(random_state).choice(first.size, size=max_pairs, replace=False)
        first, second = first[keep], second[keep]
    pair_cosine = 1 - pairwise_distances(X, metric="cosine")[first, second]
    pair_squared = pairwise_distances(X)[first, second] ** 2
    left.scatter(pair_cosine, pair_squared, s=8, color=PALETTE[0], alpha=0.4,
                 label=f"{first.size} pairs of rows")
    grid = np.linspace(0, 1, 50)
    left.plot(grid, 2 - 2 * grid, color="black", linestyle="--", linewidth=1, label="2 − 2 cos")
    left.set(xlabel="cosine similarity", ylabel="squared Euclidean distance", title="Row to row: one line")
    left.legend(loc="upper right")
    if centers is None:
        return axes
    right = axes[1]
    cosine = 1 - pairwise_distances(X, centers, metric="cosine")
    squared = pairwise_distances(X, centers) ** 2
    for j, center in enumerate(centers):
        color = PALETTE[j % len(PALETTE)]
        norm = float(np.linalg.norm(center))
        right.scatter(cosine[:, j], squared[:, j], s=8, color=color, alpha=0.35)
        right.plot(grid, 1 + norm ** 2 - 2 * norm * grid, color=color, linewidth=1.5,
                   label=f"centroid {j}: length {norm:.2f}")
    right.set(xlabel="cosine similarity to the centroid", ylabel="squared Euclidean distance",
              title="Row to centroid: one line per centroid")
    right.legend(loc="upper right", fontsize=8)
    plt.tight_layout()
    return axes


def plot_cluster_sizes(runs, *, ax=None, title="Cluster sizes in each run"):
    """The sizes of the clusters of several runs as stacked bars, largest cluster at the bottom.

    Parameters
    ----------
    runs : dict {run name: labels}
        Each run's labels; the dashed line is the size of equal clusters (n / K).
    """
    runs = _mapping(runs, "runs", "{'seed 0': labels}")
    ax = _axes(ax, figsize=(0.9 * len(runs) + 2.8, 4.0))
    n_points = None
    for position, (name, labels) in enumerate(runs.items()):
        labels = np.asarray(labels)
        if labels.ndim != 1 or labels.dtype.kind not in "iu" or labels.size == 0 or labels.min() < 0:
            raise ValueError(f"runs[{name!r}] must be a 1-D array of cluster labels (0, 1, ...).")
        if n_points is not None and labels.size != n_points:
            raise ValueError("every run must label the same number of points.")
        n_points = labels.size
        sizes = np.sort(np.bincount(labels))[::-1]
        sizes = sizes[sizes > 0]
        bottom = 0
        for rank, size in enumerate(sizes):
            shade = _light(PALETTE[0], 0.75 * rank / len(sizes))
            ax.bar(position, size, bottom=bottom, width=0.65, color=shade, edgecolor="white")
            ax.text(position, bottom + size / 2, str(size), ha="center", va="center", fontsize=8)
            bottom += size
        equal = labels.size / len(sizes)
        ax.plot([position - 0.35, position + 0.35], [equal, equal], color=PALETTE[3], linestyle="--",
                linewidth=1.5, label="equal clusters: n / K" if position == 0 else None)
    ax.set_xticks(range(len(runs)), [str(name) for name in runs], fontsize=9)
    ax.set_ylim(0, n_points * 1.14)
    ax.set(ylabel="points (stacked, largest cluster at the bottom)", title=title)
    ax.grid(False, axis="x")
    ax.legend(loc="upper right")
    return ax
