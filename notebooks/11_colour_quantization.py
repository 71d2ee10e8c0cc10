# %% [markdown]
# # 11 · Colour quantization
#
# A holiday photo holds tens of thousands of different colours, yet drawn with only 16 well-chosen ones it
# still looks like itself. Choosing those 16 is a clustering problem, and k-means solves it.
#
# ## Learning objectives
#
# By the end you can ...
#
# - treat an image as a cloud of points in RGB space and run k-means on its pixels;
# - explain why a palette fitted to the image beats a fixed, evenly spaced one;
# - build palettes for K = 4, 8, 16 and 32 and rebuild the image from them;
# - compute what a palette saves (bits per pixel, compression ratio) and what it costs (MSE, PSNR);
# - use mini-batch k-means for speed, and compare course_lib's time with scikit-learn's.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.datasets import load_sample_image

from course_lib import KMeans, MiniBatchKMeans
from course_lib.kmeans import assign_to_nearest_centroid
from course_lib.plotting import (ORIGINAL_BITS_PER_PIXEL, bits_per_pixel, plot_images,
                                 plot_minibatch_tradeoff, plot_palettes, plot_pixel_cloud,
                                 plot_quantization_tradeoff, psnr, quantized_image, use_course_style)

use_course_style()

# %% [markdown]
# ## The photograph as a cloud of points
#
# scikit-learn ships two sample photographs (nothing is downloaded). We take the one of a Chinese temple
# and keep every second row and column, a quarter of the pixels, so every fit below takes well under a
# second. Each pixel is three numbers from 0 to 255: how much red, green and blue it holds.

# %%
photo = load_sample_image("china.jpg")[::2, ::2]
pixels = photo.reshape(-1, 3).astype(float)
n_pixels = len(pixels)
distinct = len(np.unique(photo.reshape(-1, 3), axis=0))
print(f"image {photo.shape[0]} x {photo.shape[1]} = {n_pixels:,} pixels, {distinct:,} distinct colours")

# %%
plot_images({"the photograph (every second row and column)": photo}, ncols=1, panel_size=(6.4, 4.6))
plt.show()

# %% [markdown]
# Forget where each pixel sits in the picture and keep only its colour: the image becomes 68,480 points
# in a cube of side 255. Similar colours are near each other, so a colour that appears a lot forms a dense
# region. Here is a random sample of 4,000 pixels, each drawn in its own colour:

# %%
plot_pixel_cloud(pixels)
plt.show()

# %% [markdown]
# Most pixels lie along a band from dark to light (the shadows, the white stone, the sky), with a few arms
# towards green and brown. Those dense regions are what a small palette must cover.

# %% [markdown]
# ## A first try: a fixed palette of evenly spaced colours
#
# The obvious way to get 8 colours is to cut each channel into a dark half and a light half and use the
# middle of each: $\{64, 192\}^3$, eight colours that evenly fill the cube. Each pixel is then painted
# with the nearest of them, which is exactly k-means' assignment step without the update step.

# %%
grid = np.array([[r, g, b] for r in (64, 192) for g in (64, 192) for b in (64, 192)], dtype=float)
grid_labels = assign_to_nearest_centroid(pixels, grid)
grid_image = quantized_image(grid, grid_labels, photo.shape)
grid_shares = np.bincount(grid_labels, minlength=8) / n_pixels
print(f"PSNR of the fixed palette: {psnr(photo, grid_image):.2f} dB")
print(f"the two greys (dark and light) paint {grid_shares[0] + grid_shares[7]:.1%} of the pixels; "
      f"{np.sum(grid_shares < 0.01)} of the 8 colours paint less than 1 % each")

# %%
plot_images({"original": photo, "fixed palette of 8 (PSNR 16.3 dB)": grid_image}, ncols=2)
plt.show()

# %% [markdown]
# The fixed palette spends most of its colours on hues this photograph hardly contains (saturated red,
# magenta, cyan) and only two on the greys and browns that make up most of it. The picture turns into a
# poster. The palette has to follow the data.

# %% [markdown]
# ## k-means chooses the palette
#
# Let $p_1, \dots, p_n$ be the pixels. k-means looks for $K$ colours $\mu_1, \dots, \mu_K$ and an
# assignment $\ell_i$ of every pixel to one of them that minimise the squared colour error
#
# $$J = \sum_{i=1}^{n} \lVert p_i - \mu_{\ell_i} \rVert^2 .$$
#
# That is the WCSS of lesson 02, and so each colour of the palette is the mean colour of the pixels it
# paints. Replacing each pixel by its centroid gives the quantized image.

# %%
model = KMeans(n_clusters=8, n_init=1, random_state=0).fit(pixels)
kmeans_image = quantized_image(model.cluster_centers_, model.labels_, photo.shape)
print(f"PSNR with k-means' 8 colours: {psnr(photo, kmeans_image):.2f} dB ({model.n_iter_} Lloyd rounds)")
pd.DataFrame(np.rint(model.cluster_centers_).astype(int), columns=["red", "green", "blue"]).assign(
    share=np.round(np.bincount(model.labels_) / n_pixels, 3))

# %% [markdown]
# Same data, same k-means++ start (`random_state=0`, one run), in scikit-learn:

# %%
from sklearn.cluster import KMeans as SklearnKMeans

reference = SklearnKMeans(n_clusters=8, n_init=1, random_state=0).fit(pixels)
assert np.array_equal(model.labels_, reference.labels_)
assert np.allclose(model.cluster_centers_, reference.cluster_centers_, rtol=1e-10)
assert np.isclose(model.inertia_, reference.inertia_, rtol=1e-10)
# and from the fixed palette as an explicit start
ours = KMeans(n_clusters=8, init=grid).fit(pixels)
theirs = SklearnKMeans(n_clusters=8, init=grid, n_init=1).fit(pixels)
assert np.array_equal(ours.labels_, theirs.labels_)
assert np.allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-10)

# %%
plot_pixel_cloud(pixels, palette=model.cluster_centers_,
                 title="The 8 colours k-means chose, among the pixels")
plt.show()

# %% [markdown]
# The eight centroids sit inside the cloud, several along the grey band where most pixels are. With the
# same number of colours the error drops from 16.3 to 24.8 dB of PSNR (the measure is defined below).

# %% [markdown]
# ## Palettes for K = 4, 8, 16 and 32
#
# One k-means fit per palette size. Each swatch below is as wide as the share of pixels its colour
# paints.

# %%
K_VALUES = (4, 8, 16, 32)
models = {k: KMeans(n_clusters=k, n_init=1, random_state=0).fit(pixels) for k in K_VALUES}
images = {k: quantized_image(m.cluster_centers_, m.labels_, photo.shape) for k, m in models.items()}
shares = {k: np.bincount(m.labels_, minlength=k) / n_pixels for k, m in models.items()}

# %%
plot_palettes({k: m.cluster_centers_ for k, m in models.items()}, shares=shares, n_pixels=n_pixels)
plt.show()

# %%
plot_images({"original": photo, **{f"K = {k}": image for k, image in images.items()}}, ncols=3)
plt.show()

# %% [markdown]
# With 4 colours only the light and shade of the scene survive. At 8 the roof and the trees come back; at
# 16 smooth areas such as the sky show visible steps ("banding"); at 32 the picture is hard to tell from
# the original at this size.

# %% [markdown]
# ## What is saved and what is lost: bits per pixel and PSNR
#
# **Saved.** A raw pixel stores 8 bits for each channel, 24 bits. A quantized pixel stores only the index
# of its colour, $\lceil \log_2 K \rceil$ bits, plus its share of the palette, which holds $K$ colours of 24
# bits for all $n$ pixels:
#
# $$b(K) = \lceil \log_2 K \rceil + \frac{24K}{n}, \qquad \text{compression ratio} = \frac{24}{b(K)} .$$
#
# **Lost.** The mean squared error over all pixels and channels, and the peak signal-to-noise ratio
# (higher is better; about 30 dB or more looks close to the original):
#
# $$\mathrm{MSE} = \frac{1}{3n}\sum_{i=1}^{n}\sum_{c} (p_{ic} - \hat p_{ic})^2, \qquad
#   \mathrm{PSNR} = 10 \log_{10} \frac{255^2}{\mathrm{MSE}} \ \text{dB}.$$
#
# The palette is rounded to whole values 0-255 before measuring, because that is what a file stores.

# %%
table = pd.DataFrame({
    "bits per pixel": {k: bits_per_pixel(k, n_pixels) for k in K_VALUES},
    "compression ratio": {k: ORIGINAL_BITS_PER_PIXEL / bits_per_pixel(k, n_pixels) for k in K_VALUES},
    "MSE": {k: np.mean((photo.astype(float) - images[k]) ** 2) for k in K_VALUES},
    "PSNR (dB)": {k: psnr(photo, images[k]) for k in K_VALUES},
}).rename_axis("K")
table.round(3)

# %%
plot_quantization_tradeoff({k: bits_per_pixel(k, n_pixels) for k in K_VALUES},
                           {"k-means": dict(table["PSNR (dB)"])})
plt.show()

# %% [markdown]
# Each doubling of K costs one more bit per pixel (the palette itself is tiny: 32 colours are 768 bits,
# about 0.01 bit per pixel here) and buys 2.5 to 3.2 dB: the MSE roughly halves, so the typical error of a
# colour value falls by 25 to 31 % each time. The textbook's mini project counts the bits the same way.
# JPEG or PNG compression would shrink both versions further, so the ratio compares raw pixels only.

# %% [markdown]
# ## Mini-batch k-means: nearly the same palette, much less work
#
# Each Lloyd round of k-means visits all 68,480 pixels. Mini-batch k-means (lesson 07) updates the
# centroids from small random batches of pixels, each centroid moving to the running mean of the pixels it
# has absorbed, and stops when the batches stop improving. On a large photograph that is the practical
# choice.

# %%
minibatch = {k: MiniBatchKMeans(n_clusters=k, batch_size=2048, n_init=1, random_state=0).fit(pixels)
             for k in K_VALUES}
minibatch_psnr = {k: psnr(photo, quantized_image(m.cluster_centers_, m.labels_, photo.shape))
                  for k, m in minibatch.items()}
pd.DataFrame({"mini-batch steps": {k: m.n_steps_ for k, m in minibatch.items()},
              "PSNR k-means": table["PSNR (dB)"], "PSNR mini-batch": minibatch_psnr}).round(2)

# %%
from sklearn.cluster import MiniBatchKMeans as SklearnMiniBatchKMeans

for k in K_VALUES:
    reference = SklearnMiniBatchKMeans(n_clusters=k, batch_size=2048, n_init=1, random_state=0).fit(pixels)
    assert np.array_equal(minibatch[k].labels_, reference.labels_)
    assert np.allclose(minibatch[k].cluster_centers_, reference.cluster_centers_, rtol=1e-10)

# %%
pairs = [(f"{method}, K = {k}", fitted[k]) for k in (16, 32)
         for method, fitted in (("k-means", models), ("mini-batch", minibatch))]
plot_palettes({name: fitted.cluster_centers_ for name, fitted in pairs},
              shares={name: np.bincount(fitted.labels_, minlength=fitted.n_clusters) / n_pixels
                      for name, fitted in pairs},
              title="k-means and mini-batch k-means find nearly the same palettes")
plt.show()

# %% [markdown]
# The mini-batch palettes lose at most a few tenths of a dB, after processing only a dozen batches of
# 2,048 pixels for K = 8 and above (about a third of one pass over the image). Their colours and shares
# are nearly those of full k-means; the rarest colours differ most.

# %% [markdown]
# ## Time: course_lib against scikit-learn
#
# Both libraries fit the same palettes (the asserts above), so the only difference is speed.
# scikit-learn's k-means is compiled code; course_lib's is NumPy written to be read. The timings below
# depend on the machine and on what else it is doing, so they are measured fresh on every run.

# %% tags=["nbval-ignore-output"]
# Output not compared by nbval: timings differ on every run and machine.
def best_time(make, repeat=3):
    """Fastest of a few fits (the least disturbed by other work), and the fitted model."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fitted = make().fit(pixels)
        times.append(time.perf_counter() - start)
    return min(times), fitted.inertia_


runs = {
    "course_lib KMeans": best_time(lambda: KMeans(n_clusters=16, n_init=1, random_state=0)),
    "scikit-learn KMeans": best_time(lambda: SklearnKMeans(n_clusters=16, n_init=1, random_state=0)),
    "course_lib MiniBatchKMeans": best_time(
        lambda: MiniBatchKMeans(n_clusters=16, batch_size=2048, n_init=1, random_state=0)),
    "scikit-learn MiniBatchKMeans": best_time(
        lambda: SklearnMiniBatchKMeans(n_clusters=16, batch_size=2048, n_init=1, random_state=0)),
}
plot_minibatch_tradeoff(runs, title="K = 16 on 68,480 pixels: seconds against inertia")
plt.show()

# %% [markdown]
# The heights are fixed: the two k-means points share one inertia (they find the same palette), and the two
# mini-batch points share another, about 5 % higher. The horizontal positions are this machine's, at this
# moment: compare each pair. Fits this small (a fraction of a second) are dominated by fixed costs, such as
# checking the input and starting threads, so the compiled library is not always ahead. Mini-batch
# k-means, which reads only about a third of the pixels, is the one that can be much faster.

# %% [markdown]
# ## Summary
#
# - An image is a cloud of colours; **colour quantization** is k-means on that cloud, and the centroids are
#   the palette.
# - A fixed, evenly spaced palette wastes colours on hues the image lacks; k-means puts them where the
#   pixels are (16.3 dB against 24.8 dB of PSNR with 8 colours).
# - **Saved:** $\lceil \log_2 K\rceil + 24K/n$ bits per pixel instead of 24 (12x smaller for K = 4,
#   about 4.8x for K = 32). **Lost:** measured by the MSE and the PSNR, which rises by 2.5 to 3.2 dB per
#   doubling of K here.
# - **Mini-batch k-means** gives nearly the same palette from a fraction of the pixels.
# - course_lib's `KMeans` and `MiniBatchKMeans` give exactly scikit-learn's palettes from the same start;
#   timing them shows what each costs on your machine.

# %% [markdown]
# ## Check yourself
#
# 1. An image of 100 x 100 pixels is quantized to K = 16 colours. How many bits per pixel does it take,
#    and what is the compression ratio against 24-bit pixels?
#
# <details><summary>Answer</summary>
#
# $\lceil\log_2 16\rceil = 4$ bits for the index, plus $24 \cdot 16 / 10{,}000 = 0.0384$ bit of palette per
# pixel: 4.0384 bits per pixel. The ratio is $24 / 4.0384 \approx 5.94$.
#
# </details>
#
# 2. Why is the k-means palette better than the fixed grid of 8 colours, with the same number of colours?
#
# <details><summary>Answer</summary>
#
# k-means minimises the squared colour error, so it places colours where many pixels are and moves each to
# the mean of the pixels it paints. The grid's colours are fixed in advance, and most of them fall where
# the photograph has few pixels.
#
# </details>
#
# 3. Going from K = 16 to K = 32 adds about 2.5 dB of PSNR. By what factor does the MSE fall?
#
# <details><summary>Answer</summary>
#
# PSNR is $10\log_{10}(255^2/\mathrm{MSE})$, so +2.5 dB divides the MSE by $10^{0.25} \approx 1.78$.
#
# </details>
#
# 4. The quantized image uses the palette rounded to whole numbers. Why not the exact centroids?
#
# <details><summary>Answer</summary>
#
# An image file stores each palette colour as three 8-bit values. Rounding first makes the PSNR describe the
# image that would actually be saved, and keeps the 24 bits per palette colour honest.
#
# </details>
#
# 5. When would you use mini-batch k-means instead of k-means for quantization?
#
# <details><summary>Answer</summary>
#
# When the image (or the collection of images) has many pixels, so that full Lloyd rounds over every pixel
# are slow. Mini-batch k-means updates the palette from small random batches and gives nearly the same
# palette, here within a few tenths of a dB.
#
# </details>
