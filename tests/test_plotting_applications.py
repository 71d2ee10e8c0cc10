"""Figures and helpers of the application lessons (09 case study, 11 colour quantization, 12 document topics).

The helpers are compared with the same quantities computed another way (scikit-learn's PCA, mixture, k-means,
vectorizers and metrics, SciPy's skewness, the textbook's bit count written out); the figures are read back
from the matplotlib objects and compared with numbers computed independently."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from scipy.stats import skew  # noqa: E402
from sklearn.cluster import KMeans as SklearnKMeans  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.decomposition import PCA as SklearnPCA  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.metrics import mean_squared_error, pairwise_distances_argmin  # noqa: E402
from sklearn.metrics.pairwise import cosine_similarity, euclidean_distances  # noqa: E402
from sklearn.mixture import GaussianMixture as SklearnGaussianMixture  # noqa: E402

from course_lib.plotting import PALETTE  # noqa: E402
from course_lib.plotting import applications as figures  # noqa: E402

DOCUMENTS = ["the cup final and the league", "league season for the team", "team wins the cup final",
             "recipe for a quick dinner", "dinner recipe from the chef", "the chef bakes bread",
             "phone app update", "app users want a phone update", "users data leak"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _frame(seed=0, n=200):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"count": rng.poisson(3, n) * rng.integers(1, 4, n), "rate": rng.beta(2, 5, n),
                         "year": 2025 - rng.gamma(2, 4, n), "score": rng.normal(0, 1, n)})


def _image(seed=0, shape=(30, 40)):
    return np.random.default_rng(seed).integers(0, 256, size=shape + (3,), dtype=np.uint8)


def _rectangles(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_every_public_name_is_reachable_from_the_package():
    import course_lib.plotting as plotting

    for name in figures.__all__:
        assert getattr(plotting, name) is getattr(figures, name)


# --------------------------------------------------------------------------------------------------
# Lesson 09
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(3))
def test_feature_distributions_draw_every_column_with_scipys_skewness(seed):
    frame = _frame(seed)
    axes = figures.plot_feature_distributions(frame, ncols=3, bins=12)
    assert len(axes) == frame.shape[1]
    for ax, column in zip(axes, frame.columns):
        counts, _ = np.histogram(frame[column], bins=12)
        np.testing.assert_array_equal([p.get_height() for p in _rectangles(ax)], counts)
        assert f"skew {skew(frame[column], bias=False):+.2f}" in ax.get_title()


@pytest.mark.parametrize("frame, message", [(np.zeros((5, 2)), "DataFrame"),
                                            (pd.DataFrame({"a": [1.0]}), "two rows"),
                                            (pd.DataFrame({"a": ["x", "y"]}), "strings|numbers")])
def test_feature_distributions_refuse_bad_input(frame, message):
    with pytest.raises((ValueError, TypeError), match=message):
        figures.plot_feature_distributions(frame)


def test_correlation_matrix_shows_numpys_correlations_on_a_fixed_scale():
    frame = _frame(1)
    ax = figures.plot_correlation_matrix(frame.corr())
    image = ax.get_images()[0]
    np.testing.assert_allclose(image.get_array(), np.corrcoef(frame.to_numpy().T), atol=1e-12)
    assert image.get_clim() == (-1, 1)
    assert len(ax.texts) == frame.shape[1] ** 2
    assert [t.get_text() for t in ax.get_xticklabels()] == list(frame.columns)


@pytest.mark.parametrize("corr, message", [(pd.DataFrame([[1.0, 0.5]]), "square"),
                                           (pd.DataFrame([[1.0, 1.5], [1.5, 1.0]]), "between -1 and 1")])
def test_correlation_matrix_refuses_bad_input(corr, message):
    with pytest.raises(ValueError, match=message):
        figures.plot_correlation_matrix(corr)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.95])
def test_explained_variance_marks_the_count_scikit_learn_keeps_for_the_threshold(seed, threshold):
    X, _ = make_blobs(300, n_features=6, centers=4, random_state=seed)
    ratios = SklearnPCA().fit(X).explained_variance_ratio_
    ax = figures.plot_explained_variance(ratios, threshold=threshold)
    np.testing.assert_allclose([p.get_height() for p in _rectangles(ax)], 100 * ratios)
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), 100 * np.cumsum(ratios))
    kept = SklearnPCA(n_components=threshold, svd_solver="full").fit(X).n_components_
    marker = [line for line in ax.get_lines() if line.get_linestyle() == ":"][0]
    assert marker.get_xdata()[0] == kept
    assert f"{kept} components reach {threshold:.0%}" in [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("ratios", [[0.7, 0.6], [[0.5, 0.5]], [-0.1, 0.5]])
def test_explained_variance_refuses_ratios_that_are_not_shares(ratios):
    with pytest.raises(ValueError, match="fractions|1-D"):
        figures.plot_explained_variance(ratios)


def test_experience_table_writes_every_cell_under_its_persona_in_its_colour():
    table = pd.DataFrame({"A": ["deep cuts", "premium"], "B": ["new artists", "premium plus"]},
                         index=["Discover Weekly", "Pricing"])
    ax = figures.plot_experience_table(table, shares={"A": 0.25, "B": 0.75}, colors=[PALETTE[2], PALETTE[4]])
    texts = [t.get_text() for t in ax.texts]
    for value in ["deep cuts", "premium", "new artists", "premium plus", "Discover Weekly", "Pricing",
                  "A\n25% of users", "B\n75% of users"]:
        assert value in texts
    headers = [p for p in _rectangles(ax) if p.get_y() == 0 and p.get_x() >= 1]
    assert [to_rgb(p.get_facecolor()) for p in headers] == [to_rgb(PALETTE[2]), to_rgb(PALETTE[4])]


@pytest.mark.parametrize("kwargs, message", [({"colors": [PALETTE[0]]}, "one colour per persona"),
                                             ({"shares": {"A": 0.5}}, "no share for"), ])
def test_experience_table_refuses_mismatched_colours_and_shares(kwargs, message):
    table = pd.DataFrame({"A": ["x"], "B": ["y"]}, index=["row"])
    with pytest.raises(ValueError, match=message):
        figures.plot_experience_table(table, **kwargs)


@pytest.mark.parametrize("seed", range(3))
def test_membership_certainty_counts_the_largest_responsibility_of_scikit_learns_mixture(seed):
    X, _ = make_blobs(400, centers=3, cluster_std=2.5, random_state=seed)
    resp = SklearnGaussianMixture(3, random_state=0).fit(X).predict_proba(X)
    ax = figures.plot_membership_certainty(resp, bins=10, thresholds=(0.6, 0.9))
    counts, _ = np.histogram(resp.max(axis=1), bins=np.linspace(1 / 3, 1, 11))
    np.testing.assert_array_equal([p.get_height() for p in _rectangles(ax)], counts)
    texts = [t.get_text() for t in ax.texts]
    assert f"{np.mean(resp.max(axis=1) < 0.9):.1%} below 0.9 " in texts


def test_membership_certainty_by_group_uses_shares_of_each_group():
    resp = np.array([[0.5, 0.5], [0.95, 0.05], [0.7, 0.3], [1.0, 0.0]])
    groups = {"first two": np.array([True, True, False, False]),
              "last two": np.array([False, False, True, True])}
    ax = figures.plot_membership_certainty(resp, groups=groups, bins=5, thresholds=(0.9,))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["first two (2): 50.0% below 0.9", "last two (2): 50.0% below 0.9"]
    heights = [p.get_path().vertices[:, 1].max() for p in ax.patches]
    assert heights == [pytest.approx(50.0), pytest.approx(50.0)]


@pytest.mark.parametrize("resp, kwargs, message", [
    ([[0.5, 0.6]], {}, "adding up to 1"),
    ([[1.0], [1.0]], {}, "at least 2"),
    ([[0.5, 0.5]], {"groups": {"g": [False]}}, "selecting at least one"),
])
def test_membership_certainty_refuses_bad_input(resp, kwargs, message):
    with pytest.raises(ValueError, match=message):
        figures.plot_membership_certainty(resp, **kwargs)


# --------------------------------------------------------------------------------------------------
# Lesson 11
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("k", [2, 5, 16])
def test_quantized_image_paints_every_pixel_with_its_nearest_rounded_palette_colour(seed, k):
    image = _image(seed)
    pixels = image.reshape(-1, 3).astype(float)
    model = SklearnKMeans(k, n_init=1, random_state=seed).fit(pixels)
    result = figures.quantized_image(model.cluster_centers_, model.labels_, image.shape)
    assert result.dtype == np.uint8 and result.shape == image.shape
    palette = np.clip(np.round(model.cluster_centers_), 0, 255)
    nearest = pairwise_distances_argmin(pixels, model.cluster_centers_)
    np.testing.assert_array_equal(result.reshape(-1, 3), palette[nearest])


@pytest.mark.parametrize("args, error, message", [
    (([[0, 0]], [0], (1, 1, 3)), ValueError, "3 columns"),
    (([[0, 0, 0]], [0.5], (1, 1, 3)), TypeError, "integers"),
    (([[0, 0, 0]], [1], (1, 1, 3)), ValueError, "index the palette"),
    (([[0, 0, 0]], [0, 0], (1, 1, 3)), ValueError, "height \\* width"),
])
def test_quantized_image_refuses_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        figures.quantized_image(*args)


@pytest.mark.parametrize("k", [1, 2, 3, 4, 8, 16, 17, 32, 256])
@pytest.mark.parametrize("n_pixels", [100, 10_000, 68_480])
def test_bits_per_pixel_is_the_textbooks_count_divided_by_the_pixels(k, n_pixels):
    # seed 002: palette of k * 3 * 8 bits, plus ceil(log2 k) bits for each pixel's index
    compressed_bits = k * 3 * 8 + n_pixels * np.ceil(np.log2(k))
    assert figures.bits_per_pixel(k, n_pixels) == pytest.approx(compressed_bits / n_pixels, rel=1e-12)


@pytest.mark.parametrize("k, n, error", [(0, 10, ValueError), (2.5, 10, TypeError), (4, 0, ValueError)])
def test_bits_per_pixel_refuses_bad_input(k, n, error):
    with pytest.raises(error):
        figures.bits_per_pixel(k, n)


@pytest.mark.parametrize("seed", range(4))
def test_psnr_matches_the_mean_squared_error_of_scikit_learn(seed):
    original, other = _image(seed), _image(seed + 10)
    mse = mean_squared_error(original.reshape(-1).astype(float), other.reshape(-1).astype(float))
    assert figures.psnr(original, other) == pytest.approx(10 * np.log10(255 ** 2 / mse), rel=1e-12)
    assert figures.psnr(original, original) == float("inf")


def test_psnr_of_a_known_error():
    original = np.zeros((2, 2, 3), dtype=np.uint8)
    off_by_one = original + 1                      # MSE = 1, so PSNR = 20 log10(255)
    assert figures.psnr(original, off_by_one) == pytest.approx(20 * np.log10(255))


@pytest.mark.parametrize("a, b, error, message", [
    (np.zeros((2, 2, 3), np.uint8), np.zeros((2, 3, 3), np.uint8), ValueError, "differ in shape"),
    (np.zeros((2, 2, 3)), np.zeros((2, 2, 3), np.uint8), TypeError, "uint8"),
    (np.zeros((2, 2), np.uint8), np.zeros((2, 2), np.uint8), ValueError, "RGB"),
])
def test_psnr_refuses_bad_input(a, b, error, message):
    with pytest.raises(error, match=message):
        figures.psnr(a, b)


def test_pixel_cloud_draws_a_fixed_sample_in_its_own_colours_and_the_palette():
    pixels = _image(3).reshape(-1, 3).astype(float)
    palette = SklearnKMeans(4, n_init=1, random_state=0).fit(pixels).cluster_centers_
    ax = figures.plot_pixel_cloud(pixels, palette=palette, sample=300, random_state=5)
    cloud, markers = ax.collections
    chosen = np.random.default_rng(5).choice(len(pixels), size=300, replace=False)
    np.testing.assert_allclose(np.array(cloud._offsets3d).T, pixels[chosen])
    ax.figure.canvas.draw()   # 3-D collections settle their colours (sorted by depth) when drawn
    drawn_colours = np.unique(np.round(cloud.get_facecolors()[:, :3] * 255), axis=0)
    np.testing.assert_array_equal(drawn_colours, np.unique(pixels[chosen], axis=0))
    np.testing.assert_allclose(np.array(markers._offsets3d).T, palette)
    assert ax.name == "3d"
    again = figures.plot_pixel_cloud(pixels, sample=300, random_state=5).collections[0]
    np.testing.assert_array_equal(np.array(again._offsets3d), np.array(cloud._offsets3d))


def test_pixel_cloud_refuses_bad_input():
    with pytest.raises(ValueError, match="3 columns"):
        figures.plot_pixel_cloud(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="3-D Axes"):
        figures.plot_pixel_cloud(np.zeros((5, 3)), ax=plt.subplots()[1])


def test_palettes_draw_each_colour_as_wide_as_its_share_largest_first():
    pixels = _image(4).reshape(-1, 3).astype(float)
    models = {k: SklearnKMeans(k, n_init=1, random_state=0).fit(pixels) for k in (2, 4)}
    shares = {k: np.bincount(m.labels_, minlength=k) / len(pixels) for k, m in models.items()}
    ax = figures.plot_palettes({k: m.cluster_centers_ for k, m in models.items()}, shares=shares,
                               n_pixels=len(pixels))
    swatches = _rectangles(ax)
    assert len(swatches) == 6
    for row, k in enumerate((2, 4)):
        drawn = sorted((p for p in swatches if p.get_y() == pytest.approx(row + 0.1)), key=Rectangle.get_x)
        order = np.argsort(-shares[k], kind="stable")
        np.testing.assert_allclose([p.get_width() for p in drawn], shares[k][order])
        np.testing.assert_allclose([p.get_facecolor()[:3] for p in drawn],
                                   models[k].cluster_centers_[order] / 255)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[1] == f"K = 4\n{figures.bits_per_pixel(4, len(pixels)):.2f} bits/pixel"


def test_palettes_accept_named_rows_and_refuse_bad_shares():
    ax = figures.plot_palettes({"mini-batch, K = 2": [[0, 0, 0], [255, 255, 255]]})
    assert ax.get_yticklabels()[0].get_text() == "mini-batch, K = 2"
    with pytest.raises(ValueError, match="adding up to 1"):
        figures.plot_palettes({2: [[0, 0, 0], [255, 255, 255]]}, shares={2: [0.5, 0.6]})
    with pytest.raises(ValueError, match="map each entry"):
        figures.plot_palettes([[0, 0, 0]])


def test_images_are_drawn_unchanged_with_their_titles():
    images = {"a": _image(0), "b": _image(1), "c": _image(2)}
    axes = figures.plot_images(images, ncols=2)
    for ax, (title, image) in zip(axes, images.items()):
        np.testing.assert_array_equal(ax.get_images()[0].get_array(), image)
        assert ax.get_title() == title
    with pytest.raises(TypeError, match="uint8"):
        figures.plot_images({"float": np.zeros((2, 2, 3))})


def test_quantization_tradeoff_draws_bits_and_one_psnr_line_per_method():
    bits = {k: figures.bits_per_pixel(k, 1000) for k in (4, 8, 16)}
    quality = {"k-means": {4: 20.0, 8: 23.0, 16: 26.0}, "mini-batch": {4: 19.5, 8: 22.8, 16: 25.1}}
    left, right = figures.plot_quantization_tradeoff(bits, quality)
    np.testing.assert_allclose([p.get_height() for p in _rectangles(left)], [bits[k] for k in (4, 8, 16)])
    assert f"{bits[8]:.2f}\n{24 / bits[8]:.1f}x smaller" in [t.get_text() for t in left.texts]
    for line, curve in zip(right.get_lines(), quality.values()):
        np.testing.assert_allclose(line.get_ydata(), [curve[k] for k in (4, 8, 16)])
    with pytest.raises(ValueError, match="every K"):
        figures.plot_quantization_tradeoff(bits, {"k-means": {4: 20.0}})


# --------------------------------------------------------------------------------------------------
# Lesson 12
# --------------------------------------------------------------------------------------------------

def test_document_frequency_counts_words_by_documents_as_count_vectorizer_does():
    X = TfidfVectorizer().fit_transform(DOCUMENTS).toarray()
    ax = figures.plot_document_frequency(X, min_df=2)
    counts = CountVectorizer().fit_transform(DOCUMENTS).toarray()
    expected = np.bincount((counts > 0).sum(axis=0))[1:]
    np.testing.assert_array_equal([p.get_height() for p in _rectangles(ax)], expected)
    kept = len(CountVectorizer(min_df=2).fit(DOCUMENTS).vocabulary_)
    dropped = len(CountVectorizer().fit(DOCUMENTS).vocabulary_) - kept
    legend = ax.get_legend().get_texts()[0].get_text()
    assert legend.startswith(f"dropped by min_df=2: {dropped} of {X.shape[1]}")
    with pytest.raises(ValueError, match="occurs in no document"):
        figures.plot_document_frequency(np.zeros((3, 2)))


@pytest.mark.parametrize("seed", range(3))
def test_top_terms_are_the_largest_centroid_weights(seed):
    vectorizer = TfidfVectorizer()
    X = vectorizer.fit_transform(DOCUMENTS).toarray()
    terms = vectorizer.get_feature_names_out()
    centers = SklearnKMeans(3, n_init=4, random_state=seed).fit(X).cluster_centers_
    tops = figures.top_terms(centers, terms, n_terms=3)
    for center, top in zip(centers, tops):
        expected = sorted(zip(center, range(len(terms))), key=lambda pair: (-pair[0], pair[1]))[:3]
        assert list(top.index) == [terms[j] for _, j in expected]
        np.testing.assert_allclose(top.to_numpy(), [w for w, _ in expected])
    axes = figures.plot_top_terms(centers, terms, n_terms=3)
    for ax, top in zip(axes, tops):
        np.testing.assert_allclose([p.get_width() for p in _rectangles(ax)], top.to_numpy())
        assert [t.get_text() for t in ax.get_yticklabels()] == list(top.index)


@pytest.mark.parametrize("args, message", [(([[1.0, 2.0]], ["a"], 1), "name every column"),
                                           (([[1.0, 2.0]], ["a", "b"], 3), "n_terms")])
def test_top_terms_refuses_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        figures.top_terms(*args)


def test_tfidf_heatmap_sorts_rows_by_cluster_and_shows_the_top_terms():
    vectorizer = TfidfVectorizer()
    X = vectorizer.fit_transform(DOCUMENTS).toarray()
    terms = vectorizer.get_feature_names_out()
    labels = np.repeat([2, 0, 1], 3)
    ax = figures.plot_tfidf_heatmap(X, terms, labels, n_terms=2)
    shown = [t.get_text() for t in ax.get_xticklabels()]
    columns = [list(terms).index(t) for t in shown]
    rows = np.argsort(labels, kind="stable")
    np.testing.assert_allclose(ax.get_images()[0].get_array(), X[np.ix_(rows, columns)])
    assert len(set(shown)) == len(shown) and 4 <= len(shown) <= 6
    with pytest.raises(ValueError, match="one cluster per row"):
        figures.plot_tfidf_heatmap(X, terms, labels[:-1])


@pytest.mark.parametrize("seed", range(3))
def test_euclidean_vs_cosine_draws_scikit_learns_distances_and_each_centroids_line(seed):
    X = TfidfVectorizer().fit_transform(DOCUMENTS).toarray()
    centers = SklearnKMeans(3, n_init=4, random_state=seed).fit(X).cluster_centers_
    left, right = figures.plot_euclidean_vs_cosine(X, centers)
    first, second = np.triu_indices(len(X), k=1)
    pairs = left.collections[0].get_offsets()
    np.testing.assert_allclose(pairs[:, 0], cosine_similarity(X)[first, second], atol=1e-12)
    np.testing.assert_allclose(pairs[:, 1], euclidean_distances(X)[first, second] ** 2, atol=1e-12)
    np.testing.assert_allclose(pairs[:, 1], 2 - 2 * pairs[:, 0], atol=1e-12)
    for j, (points, line) in enumerate(zip(right.collections, right.get_lines())):
        np.testing.assert_allclose(points.get_offsets()[:, 1], euclidean_distances(X, centers)[:, j] ** 2,
                                   atol=1e-12)
        norm = np.linalg.norm(centers[j])
        np.testing.assert_allclose(line.get_ydata(), 1 + norm ** 2 - 2 * norm * line.get_xdata())
        # every point lies on its centroid's line
        cosine, squared = points.get_offsets().T
        np.testing.assert_allclose(squared, 1 + norm ** 2 - 2 * norm * cosine, atol=1e-12)


def test_euclidean_vs_cosine_without_centers_and_bad_input():
    X = TfidfVectorizer().fit_transform(DOCUMENTS).toarray()
    axes = figures.plot_euclidean_vs_cosine(X, max_pairs=10)
    assert len(axes) == 1 and len(axes[0].collections[0].get_offsets()) == 10
    with pytest.raises(ValueError, match="unit-length"):
        figures.plot_euclidean_vs_cosine(X * 2)
    with pytest.raises(ValueError, match="as many columns"):
        figures.plot_euclidean_vs_cosine(X, X[:2, :3])


def test_cluster_sizes_stack_each_runs_sizes_largest_first():
    runs = {"a": np.array([0, 0, 0, 1, 2, 2]), "b": np.array([1, 1, 0, 0, 2, 2])}
    ax = figures.plot_cluster_sizes(runs)
    bars = _rectangles(ax)
    by_run = [sorted((p for p in bars if abs(p.get_x() + p.get_width() / 2 - i) < 1e-9), key=Rectangle.get_y)
              for i in range(2)]
    assert [[p.get_height() for p in run] for run in by_run] == [[3, 2, 1], [2, 2, 2]]
    equal_lines = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert [line.get_ydata()[0] for line in equal_lines] == [2.0, 2.0]
    with pytest.raises(ValueError, match="same number of points"):
        figures.plot_cluster_sizes({"a": np.array([0, 1]), "b": np.array([0, 1, 1])})
    with pytest.raises(ValueError, match="cluster labels"):
        figures.plot_cluster_sizes({"a": np.array([-1, 0])})
