"""Figures of lesson 06: what each draws is read back from the matplotlib objects and compared with
scikit-learn's GaussianMixture and SciPy's normal densities on the same data."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb, to_rgba  # noqa: E402
from matplotlib.patches import Ellipse  # noqa: E402
from scipy.stats import multivariate_normal, norm  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.exceptions import ConvergenceWarning as SkConvergenceWarning  # noqa: E402
from sklearn.mixture import GaussianMixture as SkGaussianMixture  # noqa: E402

from course_lib.handcalc import em_step_by_hand  # noqa: E402
from course_lib.plotting import PALETTE  # noqa: E402
from course_lib.plotting import gmm as figures  # noqa: E402
from course_lib.widgets.gmm import em_frames  # noqa: E402

COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def tilted(seed=0, n=240):
    """Three blobs, stretched and turned: every covariance type fits them differently."""
    X, _ = make_blobs(n_samples=n, centers=3, cluster_std=[0.6, 1.0, 0.4], random_state=seed)
    return X @ np.array([[0.8, -0.5], [0.3, 0.9]])


def sk_fit(X, k=3, covariance_type="full", seed=0, **params):
    return SkGaussianMixture(k, covariance_type=covariance_type, random_state=seed, **params).fit(X)


def offsets(collection):
    return np.asarray(collection.get_offsets(), dtype=float).reshape(-1, 2)


def rgb_rows(collection):
    return np.asarray(collection.get_facecolors())[:, :3]


def test_every_public_name_is_reachable_from_the_package():
    import course_lib.plotting as plotting

    for name in figures.__all__:
        assert getattr(plotting, name) is getattr(figures, name)


# -- geometry ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("seed", range(3))
def test_full_covariances_rebuild_scikit_learns_density(covariance_type, seed):
    """Every point's mixture density from the rebuilt full matrices (SciPy) equals scikit-learn's score."""
    X = tilted(seed)
    model = sk_fit(X, covariance_type=covariance_type, seed=seed)
    matrices = figures.full_covariances(model.covariances_, covariance_type, 3)
    assert matrices.shape == (3, 2, 2)
    density = sum(w * multivariate_normal(mean, cov).pdf(X) for w, mean, cov in
                  zip(model.weights_, model.means_, matrices))
    np.testing.assert_allclose(np.log(density), model.score_samples(X), rtol=1e-9)


def test_full_covariances_of_spherical_components_in_more_dimensions():
    np.testing.assert_array_equal(figures.full_covariances([2.0, 0.5], "spherical", 2, n_features=3),
                                  [2.0 * np.eye(3), 0.5 * np.eye(3)])


@pytest.mark.parametrize("covariances, covariance_type", [
    (np.ones((2, 2)), "full"), (np.ones((3, 2, 2)), "tied"), (np.ones(3), "diag"), (np.ones((3, 2)), "spherical"),
    (np.ones((4, 2, 2)), "full"), (np.ones((3, 2)), "round"),
])
def test_full_covariances_refuse_shapes_that_do_not_fit_the_type(covariances, covariance_type):
    with pytest.raises(ValueError, match="covariance"):
        figures.full_covariances(covariances, covariance_type, 3)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("radius", [1.0, 2.0])
def test_ellipse_boundary_has_mahalanobis_radius_r(seed, radius):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(2, 2))
    covariance = A @ A.T + 0.1 * np.eye(2)
    width, height, angle = figures.ellipse_geometry(covariance, radius)
    assert width >= height > 0 and 0 <= angle < 180
    t = np.linspace(0, 2 * np.pi, 50)
    a = np.radians(angle)
    rotation = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    boundary = (rotation @ np.vstack([width / 2 * np.cos(t), height / 2 * np.sin(t)])).T
    mahalanobis = np.einsum("ij,ij->i", boundary @ np.linalg.inv(covariance), boundary)
    np.testing.assert_allclose(mahalanobis, radius**2, rtol=1e-9)


def test_ellipse_of_an_axis_aligned_covariance():
    assert figures.ellipse_geometry(np.diag([4.0, 1.0]), 2) == pytest.approx((8.0, 4.0, 0.0))
    width, height, angle = figures.ellipse_geometry(np.diag([1.0, 9.0]), 1)
    assert (width, height) == pytest.approx((6.0, 2.0)) and angle == pytest.approx(90.0)


@pytest.mark.parametrize("covariance", [np.eye(3), [[1.0, 0.0], [0.0, -1.0]], [1.0, 2.0]])
def test_ellipse_refuses_what_is_not_a_covariance_of_the_plane(covariance):
    with pytest.raises(ValueError, match="covariance"):
        figures.ellipse_geometry(covariance)


def test_responsibility_colours_mix_the_palette():
    resp = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])
    colors = figures.responsibility_colors(resp)
    palette = np.array([to_rgb(c) for c in PALETTE[:3]])
    np.testing.assert_allclose(colors[0], palette[0])
    np.testing.assert_allclose(colors[1], palette[2])
    np.testing.assert_allclose(colors[2], (palette[0] + palette[1]) / 2)
    np.testing.assert_allclose(colors[3], resp[3] @ palette)
    assert colors.min() >= 0 and colors.max() <= 1


def test_uncertain_points_are_those_no_component_claims_enough():
    resp = np.array([[0.95, 0.05], [0.6, 0.4], [0.9, 0.1], [0.1, 0.9]])
    np.testing.assert_array_equal(figures.uncertain_points(resp), [False, True, False, False])
    np.testing.assert_array_equal(figures.uncertain_points(resp, 0.99), [True, True, True, True])


# -- ellipses ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_gmm_ellipses_draw_scikit_learns_components(covariance_type):
    X = tilted(1)
    model = sk_fit(X, covariance_type=covariance_type)
    ax = figures.plot_gmm_ellipses(X, model.means_, model.covariances_, covariance_type, weights=model.weights_,
                                   resp=model.predict_proba(X))
    ellipses = [p for p in ax.patches if isinstance(p, Ellipse)]
    assert len(ellipses) == 3 * len(figures.ELLIPSE_RADII)
    full = {"full": lambda c: c, "tied": lambda c: [c] * 3, "diag": lambda c: [np.diag(v) for v in c],
            "spherical": lambda c: [v * np.eye(2) for v in c]}[covariance_type](model.covariances_)
    for j in range(3):
        eigenvalues = np.linalg.eigvalsh(full[j])[::-1]
        for r, ellipse in zip(figures.ELLIPSE_RADII, ellipses[2 * j: 2 * j + 2]):
            np.testing.assert_allclose(ellipse.center, model.means_[j])
            np.testing.assert_allclose([ellipse.width, ellipse.height], 2 * r * np.sqrt(eigenvalues), rtol=1e-9)
            assert ellipse.get_edgecolor()[:3] == pytest.approx(to_rgb(PALETTE[j]))
    points = ax.collections[0]
    np.testing.assert_allclose(offsets(points), X)
    np.testing.assert_allclose(rgb_rows(points), model.predict_proba(X) @ np.array([to_rgb(c) for c in PALETTE[:3]]),
                               atol=1e-12)
    written = sorted(t.get_text() for t in ax.texts)
    assert written == sorted(f"π = {w:.2f}" for w in model.weights_)


def test_gmm_ellipses_colour_by_labels_or_grey_and_keep_given_bounds():
    X = tilted(2)
    model = sk_fit(X)
    ax = figures.plot_gmm_ellipses(X, model.means_, model.covariances_, labels=model.predict(X),
                                   bounds=((-10, -9), (10, 9)), title="t")
    np.testing.assert_allclose(rgb_rows(ax.collections[0]), [to_rgb(PALETTE[c]) for c in model.predict(X)])
    assert ax.get_xlim() == (-10, 10) and ax.get_ylim() == (-9, 9) and ax.get_title() == "t"
    plain = figures.plot_gmm_ellipses(X, model.means_, model.covariances_)
    assert len(np.unique(rgb_rows(plain.collections[0]), axis=0)) == 1


def test_gmm_ellipses_refuse_what_they_cannot_draw():
    X = tilted(0)
    model = sk_fit(X)
    with pytest.raises(ValueError, match="2 columns"):
        figures.plot_gmm_ellipses(np.c_[X, X[:, 0]], model.means_, model.covariances_)
    with pytest.raises(ValueError, match="means must have 2 columns"):
        figures.plot_gmm_ellipses(X, np.c_[model.means_, model.means_[:, 0]], model.covariances_)
    with pytest.raises(ValueError, match="resp"):
        figures.plot_gmm_ellipses(X, model.means_, model.covariances_, resp=model.predict_proba(X)[:, :2])
    with pytest.raises(ValueError, match="covariance_type"):
        figures.plot_gmm_ellipses(X, model.means_, model.covariances_, "tied")


def test_covariance_types_panels_give_scikit_learns_parameter_counts_and_bic():
    X = tilted(3)
    models = {t: sk_fit(X, covariance_type=t) for t in COVARIANCE_TYPES}
    axes = figures.plot_covariance_types(X, models)
    assert len(axes) == 4
    n = len(X)
    for ax, (name, model) in zip(axes, models.items()):
        # scikit-learn's own count, recovered from its BIC: bic = -2 n mean-log-likelihood + p ln n.
        p = round((model.bic(X) + 2 * n * model.score(X)) / np.log(n))
        assert ax.get_title() == f"{name}: {p} parameters, BIC = {model.bic(X):.1f}"
    assert len({ax.get_xlim() for ax in axes}) == 1


def test_covariance_types_need_fitted_models():
    with pytest.raises(ValueError, match="fitted GaussianMixture"):
        figures.plot_covariance_types(tilted(0), {"full": SkGaussianMixture(3)})
    with pytest.raises(ValueError, match="models"):
        figures.plot_covariance_types(tilted(0), {})


@pytest.mark.parametrize("covariance_type", ["full", "diag"])
def test_em_iterations_panels_show_scikit_learns_parameters_after_each_step(covariance_type):
    X = tilted(4)
    frames = em_frames(X, 3, covariance_type=covariance_type, random_state=0)
    steps = [1, 2, len(frames) - 1]
    axes = figures.plot_em_iterations(X, frames, steps, ncols=2)
    for ax, step in zip(axes, steps):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SkConvergenceWarning)
            reference = sk_fit(X, covariance_type=covariance_type, max_iter=step, tol=0)
        ellipses = [p for p in ax.patches if isinstance(p, Ellipse)]
        np.testing.assert_allclose([e.center for e in ellipses[::2]], reference.means_, rtol=1e-6, atol=1e-9)
        assert ax.get_title().startswith(f"step {step}: log-lik. = ")
        # The value shown is that of the parameters drawn: scikit-learn's score of them.
        assert float(ax.get_title().split("= ")[1]) == pytest.approx(reference.score(X), abs=6e-4)


def test_em_iterations_check_the_steps():
    X = tilted(0)
    frames = em_frames(X, 3, max_steps=2)
    with pytest.raises(ValueError, match="not one of the frames"):
        figures.plot_em_iterations(X, frames, [5])
    with pytest.raises(ValueError, match="frames is empty"):
        figures.plot_em_iterations(X, [])


# -- log-likelihood ---------------------------------------------------------------------------------------

def test_log_likelihood_history_draws_scikit_learns_lower_bounds():
    X = tilted(5)
    reference = sk_fit(X, init_params="random", tol=1e-4, max_iter=300)
    ax = figures.plot_log_likelihood_history(reference.lower_bounds_, mark=2)
    line = ax.lines[0]
    np.testing.assert_array_equal(line.get_xdata(), np.arange(len(reference.lower_bounds_)))
    np.testing.assert_allclose(line.get_ydata(), reference.lower_bounds_)
    np.testing.assert_allclose(offsets(ax.collections[0]), [[2, reference.lower_bounds_[2]]])
    assert ax.get_xlabel() == "EM step"


def test_log_likelihood_histories_of_several_runs_get_a_legend():
    ax = figures.plot_log_likelihood_history({"a": [-3, -2, -1.5], "b": [-4, -2.5]})
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
    with pytest.raises(ValueError, match="mark"):
        figures.plot_log_likelihood_history([-3, -2], mark=5)


# -- soft membership --------------------------------------------------------------------------------------

def test_soft_membership_rings_the_points_no_component_claims():
    X = tilted(6)
    model = sk_fit(X)
    resp = model.predict_proba(X)
    ax = figures.plot_soft_membership(X, resp, means=model.means_, highlight=[0, 5], names=["first", "sixth"])
    unsure = resp.max(axis=1) < 0.9
    np.testing.assert_allclose(offsets(ax.collections[1]), X[unsure])
    np.testing.assert_allclose(offsets(ax.collections[2]), model.means_)
    np.testing.assert_allclose(offsets(ax.collections[3]), X[[0, 5]])
    assert [t.get_text() for t in ax.texts] == ["first", "sixth"]
    assert f"({int(unsure.sum())} points)" in ax.get_legend().get_texts()[0].get_text()


def test_soft_membership_panels_count_uncertain_points_in_their_titles():
    X = tilted(7)
    model = sk_fit(X)
    resp = model.predict_proba(X)
    hard = np.eye(3)[resp.argmax(axis=1)]
    axes = figures.plot_soft_membership_panels(X, [resp, hard], titles=["soft", "hard"])
    assert axes[0].get_title() == f"soft: {int(np.sum(resp.max(axis=1) < 0.9))} uncertain"
    assert axes[1].get_title() == "hard: 0 uncertain"
    assert axes[0].get_legend() is None
    with pytest.raises(ValueError, match="titles"):
        figures.plot_soft_membership_panels(X, [resp], titles=["a", "b"])


def test_membership_bars_stack_each_points_responsibilities():
    X = tilted(8)
    resp = sk_fit(X).predict_proba(X)
    chosen = [3, 10, 42]
    ax = figures.plot_membership_bars(resp, chosen, component_names=["a", "b", "c"])
    bars = ax.patches
    assert len(bars) == 3 * len(chosen)
    widths = np.array([bar.get_width() for bar in bars]).reshape(3, len(chosen))
    np.testing.assert_allclose(widths.T, resp[chosen], atol=1e-12)
    lefts = np.array([bar.get_x() for bar in bars]).reshape(3, len(chosen))
    np.testing.assert_allclose(lefts.T, np.c_[np.zeros(3), np.cumsum(resp[chosen], axis=1)[:, :2]], atol=1e-12)
    # The first chosen point is the top bar.
    ticks = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())))
    assert [ticks[y] for y in sorted(ticks, reverse=True)] == [f"#{i}" for i in chosen]
    np.testing.assert_allclose([bar.get_y() + bar.get_height() / 2 for bar in bars[:3]], [2, 1, 0])
    assert all(t.get_text().endswith("%") for t in ax.texts)
    with pytest.raises(ValueError, match="names"):
        figures.plot_membership_bars(resp, chosen, names=["only one"])


# -- one dimension ----------------------------------------------------------------------------------------

def test_mixture_1d_draws_scikit_learns_density_and_responsibilities():
    rng = np.random.default_rng(0)
    x = np.r_[rng.normal(0, 1, 150), rng.normal(5, 2, 100)]
    model = sk_fit(x[:, None], k=2)
    grid = np.linspace(-4, 12, 300)
    density_ax, share_ax = figures.plot_mixture_1d(x, model.weights_, model.means_[:, 0],
                                                   model.covariances_[:, 0, 0], grid=grid, responsibilities=True)
    mixture = [line for line in density_ax.lines if line.get_label() == "mixture p(x)"][0]
    np.testing.assert_allclose(mixture.get_ydata(), np.exp(model.score_samples(grid[:, None])), rtol=1e-9)
    for j in range(2):
        component = density_ax.lines[j]
        expected = model.weights_[j] * norm(model.means_[j, 0], np.sqrt(model.covariances_[j, 0, 0])).pdf(grid)
        np.testing.assert_allclose(component.get_ydata(), expected, rtol=1e-9)
        np.testing.assert_allclose(share_ax.lines[j].get_ydata(), model.predict_proba(grid[:, None])[:, j],
                                   atol=1e-12)
    assert len(density_ax.patches) > 0  # the histogram


def test_mixture_1d_checks_its_parameters():
    with pytest.raises(ValueError, match="one entry per component"):
        figures.plot_mixture_1d([0, 1], [0.5, 0.5], [0, 1], [1])
    with pytest.raises(ValueError, match="positive"):
        figures.plot_mixture_1d([0, 1], [0.5, 0.5], [0, 1], [1, 0])


def test_em_step_1d_shows_the_mixture_before_and_after_with_both_log_likelihoods():
    trace = em_step_by_hand([0, 1, 2, 4, 5], [0.5, 0.5], [1, 4], [1, 1])
    before, after = figures.plot_em_step_1d(trace)
    points = np.array([0, 1, 2, 4, 5.0])
    for ax, (w, m, v) in ((before, ([0.5, 0.5], [1, 4], [1, 1])),
                          (after, (trace.new_weights, trace.new_means, trace.new_variances))):
        grid = ax.lines[0].get_xdata()
        mixture = [line for line in ax.lines if line.get_label() == "mixture p(x)"][0]
        expected = sum(wj * norm(mj, np.sqrt(vj)).pdf(grid) for wj, mj, vj in zip(w, m, v))
        np.testing.assert_allclose(mixture.get_ydata(), expected, rtol=1e-9)
        log_likelihood = np.log(sum(wj * norm(mj, np.sqrt(vj)).pdf(points) for wj, mj, vj in zip(w, m, v))).sum()
        assert ax.get_title().endswith(f"{log_likelihood:.3f}")


# -- choosing K -------------------------------------------------------------------------------------------

def test_information_criteria_draw_both_curves_and_ring_each_minimum():
    X = make_blobs(n_samples=200, centers=3, random_state=0)[0]
    models = {k: sk_fit(X, k=k) for k in range(1, 6)}
    bic = {k: m.bic(X) for k, m in models.items()}
    aic = {k: m.aic(X) for k, m in models.items()}
    ax = figures.plot_information_criteria(bic, aic)
    curves = [line for line in ax.lines if line.get_label().startswith(("BIC", "AIC"))]
    np.testing.assert_allclose(curves[0].get_ydata(), [bic[k] for k in sorted(bic)])
    np.testing.assert_allclose(curves[1].get_ydata(), [aic[k] for k in sorted(aic)])
    best_bic, best_aic = min(bic, key=bic.get), min(aic, key=aic.get)
    assert curves[0].get_label() == f"BIC (lowest at K = {best_bic}, ringed)"
    np.testing.assert_allclose(offsets(ax.collections[0]), [[best_bic, bic[best_bic]]])
    np.testing.assert_allclose(offsets(ax.collections[1]), [[best_aic, aic[best_aic]]])
    assert to_rgba(ax.collections[0].get_edgecolor()[0]) == to_rgba(PALETTE[0])


def test_information_criteria_with_bic_only():
    ax = figures.plot_information_criteria({2: 10.0, 3: 8.0, 4: 9.0})
    assert len([line for line in ax.lines if line.get_label().startswith("BIC")]) == 1
    assert len(ax.collections) == 1
