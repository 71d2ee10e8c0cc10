"""The shipped datasets: rebuilt byte for byte by their generators, loaded with the documented
columns and dtypes, and holding the structure their data cards (datasets/README.md) promise.

The structure checks run with scikit-learn as the oracle and again with course_lib's own
KMeans, scalers and metrics, so neither the data nor the library can drift silently.
An extra test runs encoding + scaling + k-means on the talk's own hospital table
(../shared/data/hospital.csv, not shipped: it has no licence) and checks course_lib
against scikit-learn there; it is skipped when that file is absent.
"""
import doctest
import importlib
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from sklearn import cluster as skc
from sklearn import decomposition as skd
from sklearn import metrics as skm
from sklearn import preprocessing as skp
from threadpoolctl import threadpool_limits

from course_lib import datasets as ds

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datasets"
CARD = DATA / "README.md"
OUTSIDE_HOSPITAL = ROOT.parent / "shared" / "data" / "hospital.csv"

NAMES = sorted(ds.DATASETS)
LOADERS = {"spotify_listeners": ds.load_spotify_listeners, "user_data": ds.load_user_data,
           "hospital_staff": ds.load_hospital_staff}
K_RANGE = range(1, 11)          # inertia for K = 1..10; silhouette for K = 2..10


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    """scikit-learn's k-means starts one thread per core; on a shared machine that only slows it."""
    with threadpool_limits(limits=1):
        yield


# --------------------------------------------------------------------------------------------------
# The two toolkits the structure is checked with
# --------------------------------------------------------------------------------------------------

SKLEARN = SimpleNamespace(name="sklearn", KMeans=skc.KMeans, StandardScaler=skp.StandardScaler,
                          MinMaxScaler=skp.MinMaxScaler, silhouette_score=skm.silhouette_score,
                          adjusted_rand_score=skm.adjusted_rand_score)


def _course_module(module_name, *names):
    """A course_lib module, or a skip naming what has not landed yet (an import error still fails)."""
    if not (ROOT / "course_lib" / f"{module_name}.py").is_file():
        pytest.skip(f"course_lib/{module_name}.py has not landed yet")
    module = importlib.import_module(f"course_lib.{module_name}")
    for name in names:
        if not hasattr(module, name):
            pytest.skip(f"course_lib.{module_name}.{name} has not landed yet")
    return module


def _course_lib_toolkit():
    """course_lib's KMeans, scalers and metrics."""
    kmeans = _course_module("kmeans", "KMeans")
    preprocessing = _course_module("preprocessing", "StandardScaler", "MinMaxScaler")
    metrics = _course_module("metrics", "silhouette_score", "adjusted_rand_score")
    return SimpleNamespace(name="course_lib", KMeans=kmeans.KMeans,
                           StandardScaler=preprocessing.StandardScaler,
                           MinMaxScaler=preprocessing.MinMaxScaler,
                           silhouette_score=metrics.silhouette_score,
                           adjusted_rand_score=metrics.adjusted_rand_score)


@pytest.fixture(scope="module", params=["sklearn", "course_lib"])
def toolkit(request):
    return SKLEARN if request.param == "sklearn" else _course_lib_toolkit()


def elbow(inertia, method="ratio"):
    """The elbow of ``{K: WCSS}`` by the rule the data cards state, ``course_lib.metrics.elbow_k``.

    The ratio rule: with :math:`G_K = I_{K-1} - I_K` the drop in inertia from adding the K-th cluster,
    the elbow is :math:`\\arg\\min_K G_{K+1} / G_K`. ``method="chord"``: the point of the curve
    farthest below the straight line joining its ends. The library holds the one definition
    (tests/test_metrics.py checks it); the tests here check that the data has the elbow the card says.
    """
    metrics = _course_module("metrics", "elbow_k")
    return metrics.elbow_k(list(inertia), list(inertia.values()), method=method)


def k_scan(tk, X, ks=K_RANGE):
    """Inertia, silhouette and labels of k-means (n_init=10, random_state=0) for every K."""
    inertia, silhouette, labels = {}, {}, {}
    for k in ks:
        model = tk.KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
        inertia[k], labels[k] = float(model.inertia_), np.asarray(model.labels_)
        if k > 1:
            silhouette[k] = float(tk.silhouette_score(X, labels[k]))
    return SimpleNamespace(inertia=inertia, silhouette=silhouette, labels=labels,
                           best_silhouette=max(silhouette, key=silhouette.get))


_SCANS = {}


def cached(key, compute):
    """Structure scans are shared by several tests of one toolkit; compute each once."""
    if key not in _SCANS:
        _SCANS[key] = compute()
    return _SCANS[key]


# --------------------------------------------------------------------------------------------------
# Files: byte-for-byte rebuild, format, command line
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_generator_rebuilds_the_shipped_files_byte_for_byte(name, tmp_path):
    for relative, text in ds.dataset_texts(name).items():
        shipped = DATA / relative
        assert shipped.is_file(), f"{relative} is not shipped; run python -m course_lib.datasets --rebuild"
        rebuilt = tmp_path / relative
        rebuilt.parent.mkdir(parents=True, exist_ok=True)
        rebuilt.write_bytes(text.encode("utf-8"))
        assert rebuilt.read_bytes() == shipped.read_bytes(), f"{relative} differs from its generator"


@pytest.mark.parametrize("name", NAMES)
def test_generator_is_deterministic_and_the_seed_matters(name):
    make = ds.DATASETS[name].make
    first, again = make(), make()
    pd.testing.assert_frame_equal(first[0], again[0])
    pd.testing.assert_frame_equal(first[1], again[1])
    other = make(seed=12345)[0]
    assert not other.equals(first[0])


@pytest.mark.parametrize("name", NAMES)
def test_files_are_plain_utf8_with_unix_line_ends_and_the_schema_header(name):
    spec = ds.DATASETS[name]
    for relative, columns in [(spec.filename, spec.columns),
                              (f"truth/{spec.truth_filename}", spec.truth_columns)]:
        raw = (DATA / relative).read_bytes()
        text = raw.decode("utf-8")
        assert b"\r" not in raw and text.endswith("\n") and not text.endswith("\n\n")
        lines = text.split("\n")[:-1]
        assert lines[0] == ",".join(c.name for c in columns)
        assert len({line.count(",") for line in lines}) == 1, "every line has the same number of fields"
        assert '"' not in text


def test_truth_is_kept_apart_from_the_student_files():
    for spec in ds.DATASETS.values():
        student_columns = {c.name for c in spec.columns}
        truth_only = {c.name for c in spec.truth_columns[1:]}
        assert not student_columns & truth_only
        assert (DATA / "truth" / spec.truth_filename).is_file()
        assert not (DATA / spec.truth_filename).exists()


def test_cli_check_reports_differences_and_rebuild_repairs_them(tmp_path, capsys):
    target = tmp_path / "datasets"
    assert ds.main(["--rebuild", "--dir", str(target)]) == 0
    assert ds.main(["--rebuild", "--check", "--dir", str(target)]) == 0
    assert "all datasets match" in capsys.readouterr().out
    damaged = target / "user_data.csv"
    damaged.write_bytes(damaged.read_bytes().replace(b"\n", b"\r\n"))
    (target / "truth" / "hospital_staff_truth.csv").unlink()
    assert ds.main(["--rebuild", "--check", "--dir", str(target)]) == 1
    out = capsys.readouterr().out
    assert "differs: user_data.csv" in out and "differs: truth/hospital_staff_truth.csv" in out
    assert "spotify" not in out
    assert ds.main(["--rebuild", "--dir", str(target)]) == 0
    assert ds.main(["--rebuild", "--check", "--dir", str(target)]) == 0
    for path in target.rglob("*.csv"):
        assert path.read_bytes() == (DATA / path.relative_to(target)).read_bytes()


def test_cli_without_rebuild_is_an_error(capsys):
    with pytest.raises(SystemExit) as exc:
        ds.main([])
    assert exc.value.code == 2
    assert "--rebuild" in capsys.readouterr().err


def test_module_command_checks_the_shipped_files():
    result = subprocess.run([sys.executable, "-m", "course_lib.datasets", "--rebuild", "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all datasets match their generators" in result.stdout


def test_docstring_examples_run():
    assert doctest.testmod(ds, raise_on_error=False).failed == 0


# --------------------------------------------------------------------------------------------------
# Loaders
# --------------------------------------------------------------------------------------------------

EXPECTED_ROWS = {"spotify_listeners": 5000, "user_data": 3300, "hospital_staff": 300}


def _check_schema(frame, columns, n_rows):
    index_column, *value_columns = columns
    assert frame.index.name == index_column.name
    assert frame.index.is_unique and len(frame) == n_rows
    assert list(frame.columns) == [c.name for c in value_columns]
    for column in value_columns:
        series = frame[column.name]
        if column.kind == "int":
            assert series.dtype == np.int64, column.name
        elif column.kind == "float":
            assert series.dtype == np.float64, column.name
            written = [float(f"{value:.{column.decimals}f}") for value in series]
            assert np.array_equal(series, written), f"{column.name} has more than {column.decimals} decimals"
        elif column.kind == "flag":
            assert series.dtype == bool, column.name
        else:
            assert pd.api.types.is_string_dtype(series), column.name


@pytest.mark.parametrize("name", NAMES)
def test_loader_returns_the_documented_columns_dtypes_and_rows(name):
    spec, load = ds.DATASETS[name], LOADERS[name]
    data = load()
    _check_schema(data, spec.columns, EXPECTED_ROWS[name])
    data_again, truth = load(return_truth=True)
    pd.testing.assert_frame_equal(data, data_again)
    _check_schema(truth, spec.truth_columns, EXPECTED_ROWS[name])
    assert truth.index.equals(data.index)


@pytest.mark.parametrize("name", NAMES)
def test_loaded_data_equals_the_generated_data(name):
    data, truth = LOADERS[name](return_truth=True)
    made_data, made_truth = ds.DATASETS[name].make()
    pd.testing.assert_frame_equal(data, made_data, check_dtype=False, check_index_type=False)
    made_truth = made_truth.replace("", np.nan) if "blend_persona" in made_truth else made_truth
    pd.testing.assert_frame_equal(truth, made_truth, check_dtype=False, check_index_type=False)


def test_ids_count_up_from_one():
    assert ds.load_spotify_listeners().index[[0, -1]].tolist() == ["L0001", "L5000"]
    assert ds.load_user_data().index[[0, -1]].tolist() == ["U0001", "U3300"]
    assert ds.load_hospital_staff().index[[0, -1]].tolist() == ["H001", "H300"]


@pytest.mark.parametrize("name", NAMES)
def test_loader_names_the_missing_file_and_the_fix(name, tmp_path):
    with pytest.raises(FileNotFoundError, match="--rebuild"):
        LOADERS[name](directory=tmp_path)
    shutil.copy(DATA / ds.DATASETS[name].filename, tmp_path)
    LOADERS[name](directory=tmp_path)                       # the data alone is enough ...
    with pytest.raises(FileNotFoundError, match="truth"):   # ... until the truth is asked for
        LOADERS[name](directory=tmp_path, return_truth=True)


def test_loader_refuses_a_file_with_other_columns(tmp_path):
    text = (DATA / "hospital_staff.csv").read_text().replace("open_rate", "openrate", 1)
    (tmp_path / "hospital_staff.csv").write_text(text)
    with pytest.raises(ValueError, match="openrate"):
        ds.load_hospital_staff(directory=tmp_path)


def test_loader_refuses_truth_for_other_rows(tmp_path):
    (tmp_path / "truth").mkdir()
    shutil.copy(DATA / "hospital_staff.csv", tmp_path)
    lines = (DATA / "truth" / "hospital_staff_truth.csv").read_text().split("\n")
    (tmp_path / "truth" / "hospital_staff_truth.csv").write_text("\n".join(lines[:-2]) + "\n")
    with pytest.raises(ValueError, match="same rows"):
        ds.load_hospital_staff(directory=tmp_path, return_truth=True)


def test_loader_keeps_no_sklearn_or_scipy_import():
    source = (ROOT / "course_lib" / "datasets.py").read_text()
    assert "sklearn" not in source.replace("scikit-learn", "") and "scipy" not in source


# --------------------------------------------------------------------------------------------------
# The data cards
# --------------------------------------------------------------------------------------------------

def test_every_file_has_a_card_section_naming_every_column_and_the_licence():
    card = CARD.read_text()
    assert "CC0" in card or "CC-BY-4.0" in card
    for spec in ds.DATASETS.values():
        start = card.index(f"## {spec.filename}")
        section = card[start:card.find("\n## ", start + 3)]
        for column in spec.columns + spec.truth_columns:
            assert f"`{column.name}`" in section, f"{spec.filename}: column {column.name} not on its card"
        for word in ["Rows", "Generated", "Planted structure", "Licence"]:
            assert word in section, f"{spec.filename}: the card has no {word!r}"


# --------------------------------------------------------------------------------------------------
# spotify_listeners.csv: realistic features, five personas, K = 5, ARI >= 0.7
# --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spotify():
    return ds.load_spotify_listeners(return_truth=True)


def test_spotify_personas_have_the_lecture_shares_exactly(spotify):
    _, truth = spotify
    counts = truth["persona"].value_counts()
    assert counts.to_dict() == {"Casual": 1500, "Loyalist": 1250, "Explorer": 1000, "Socialite": 750,
                                "Specialist": 500}
    blended = truth["blend_weight"] > 0
    assert abs(blended.mean() - 0.12) <= 0.015
    assert truth.loc[blended, "blend_weight"].between(0.15, 0.45).all()
    assert (truth.loc[blended, "blend_persona"] != truth.loc[blended, "persona"]).all()
    assert truth.loc[~blended, "blend_persona"].isna().all()


def test_spotify_features_have_realistic_ranges_skews_and_correlations(spotify):
    X, _ = spotify
    fractions = ["skip_rate", "discovery_share", "genre_diversity", "energy_mean", "valence_mean",
                 "artist_loyalty"]
    assert ((X[fractions] > 0) & (X[fractions] < 1)).all().all()
    for count in ["songs_per_day", "playlists_per_month", "shares_per_month"]:
        assert (X[count] >= 0).all()
        assert X[count].mean() > X[count].median() and X[count].skew() > 1, f"{count} is not right-skewed"
    assert X["era_mean_year"].between(1950, 2025).all()
    corr = X.corr()
    assert corr.loc["discovery_share", "artist_loyalty"] < -0.5
    assert corr.loc["skip_rate", "discovery_share"] > 0.3
    assert corr.loc["energy_mean", "valence_mean"] > 0.5


def _spotify_scan(tk, spotify):
    X, _ = spotify
    def compute():
        Z = tk.StandardScaler().fit_transform(X.to_numpy(dtype=float))
        return k_scan(tk, Z)
    return cached((tk.name, "spotify"), compute)


def test_spotify_elbow_and_silhouette_both_point_at_five(toolkit, spotify):
    scan = _spotify_scan(toolkit, spotify)
    assert elbow(scan.inertia) == 5
    assert elbow(scan.inertia, method="chord") == 5
    assert scan.best_silhouette == 5, scan.silhouette
    others = [s for k, s in scan.silhouette.items() if k != 5]
    assert scan.silhouette[5] - max(others) >= 0.01, scan.silhouette


def test_spotify_kmeans_recovers_the_personas_but_not_perfectly(toolkit, spotify):
    _, truth = spotify
    labels = _spotify_scan(toolkit, spotify).labels[5]
    ari = toolkit.adjusted_rand_score(truth["persona"].to_numpy(), labels)
    assert 0.7 <= ari <= 0.95, ari
    # one cluster per persona, each about the persona's size
    table = pd.crosstab(truth["persona"], labels)
    assert table.idxmax(axis=1).is_unique
    shares = table.sum(axis=0) / len(labels)
    persona_shares = truth["persona"].value_counts(normalize=True)
    for persona, cluster in table.idxmax(axis=1).items():
        assert abs(shares[cluster] - persona_shares[persona]) <= 0.05, (persona, shares[cluster])
    # the overlap is where it was planted: in-between listeners are misplaced far more often
    majority = table.idxmax(axis=1)
    wrong = labels != majority[truth["persona"]].to_numpy()
    blended = (truth["blend_weight"] > 0).to_numpy()
    assert wrong[blended].mean() > 3 * wrong[~blended].mean()


# --------------------------------------------------------------------------------------------------
# user_data.csv: inactive mass, heavy tail, DBSCAN, top-1% filter, PCA, K = 5, cohorts
# --------------------------------------------------------------------------------------------------

ACTION_COLUMNS = ["sessions", "searches", "items_viewed", "purchases", "shares", "posts_created"]
USER_DBSCAN = {"eps": 0.3, "min_samples": 10}


@pytest.fixture(scope="module")
def users():
    data, truth = ds.load_user_data(return_truth=True)
    counts = data.drop(columns="signup_cohort")
    actions = counts[ACTION_COLUMNS].sum(axis=1)
    keep = (actions <= actions.quantile(0.99)).to_numpy()
    return SimpleNamespace(data=data, truth=truth, counts=counts, actions=actions, keep=keep)


def test_user_personas_keep_the_lecture_proportions(users):
    counts = users.truth["persona"].value_counts().to_dict()
    # the lecture's 35/15/20/15/25 % add up to 110 %: same proportions, rescaled to 100 %
    assert counts == {"Casual Browser": 1050, "Window Shopper": 750, "Social Sharer": 600,
                      "Power User": 450, "Content Creator": 450}
    blended = users.truth["blend_weight"] > 0
    assert (users.truth.loc[blended, "persona"] != "Casual Browser").all()
    assert abs(blended.sum() / (users.truth["persona"] != "Casual Browser").sum() - 0.15) <= 0.02


def test_user_counts_are_consistent_activity_counts(users):
    c = users.counts
    assert (c >= 0).all().all()
    assert c["active_days"].between(1, 14).all()
    assert (c["sessions"] >= c["active_days"]).all(), "every active day has a session"


def test_user_casual_browsers_are_a_large_nearly_inactive_mass(users):
    casual = (users.truth["persona"] == "Casual Browser").to_numpy()
    assert casual.mean() > 0.3
    c = users.counts[casual]
    assert c["active_days"].median() == 1 and c["sessions"].median() <= 2
    assert (c[["purchases", "shares", "posts_created"]].sum(axis=1) == 0).mean() >= 0.9
    others = users.counts[~casual]
    assert users.actions[casual].quantile(0.99) < users.actions[~casual].quantile(0.05)
    assert (others["active_days"] >= 2).mean() > 0.95


def test_user_top_one_percent_is_a_heavy_tail_and_the_filter_finds_it(users):
    tail = users.truth["heavy_tail"].to_numpy()
    assert tail.sum() == 33
    assert (users.truth.loc[tail, "persona"] != "Casual Browser").all()
    removed = ~users.keep
    assert removed.sum() == 32
    assert (removed & tail).sum() >= 0.9 * tail.sum()            # the filter finds the tail ...
    assert (removed & tail).sum() >= 0.9 * removed.sum()         # ... and little else
    share_of_actions = users.actions[removed].sum() / users.actions.sum()
    assert share_of_actions >= 0.08, share_of_actions             # 1 % of users, >= 8 % of actions
    assert users.actions.max() >= 10 * users.actions[users.keep].quantile(0.9)


def _user_scan(tk, users):
    def compute():
        Z = tk.StandardScaler().fit_transform(users.counts[users.keep].to_numpy(dtype=float))
        return SimpleNamespace(Z=Z, scan=k_scan(tk, Z))
    return cached((tk.name, "users"), compute)


def test_user_pca_first_two_components_explain_most_variance(users):
    Z = skp.StandardScaler().fit_transform(users.counts[users.keep])
    ratio = skd.PCA().fit(Z).explained_variance_ratio_
    assert ratio[0] >= 0.5 and ratio[:2].sum() >= 0.72, ratio


def test_user_pca_with_course_lib_agrees():
    decomposition = _course_module("decomposition", "PCA")
    data = ds.load_user_data().drop(columns="signup_cohort")
    actions = data[ACTION_COLUMNS].sum(axis=1)
    Z = skp.StandardScaler().fit_transform(data[actions <= actions.quantile(0.99)])
    ours = decomposition.PCA().fit(Z).explained_variance_ratio_
    np.testing.assert_allclose(ours, skd.PCA().fit(Z).explained_variance_ratio_, rtol=1e-10)


def test_user_elbow_and_silhouette_agree_on_five(toolkit, users):
    scan = _user_scan(toolkit, users).scan
    assert elbow(scan.inertia) == 5
    assert elbow(scan.inertia, method="chord") in (4, 5, 6)      # seed 001: "somewhere between 4 and 6"
    assert scan.best_silhouette == 5, scan.silhouette
    assert scan.silhouette[5] - max(s for k, s in scan.silhouette.items() if k != 5) >= 0.01


def test_user_kmeans_after_the_filter_recovers_the_personas(toolkit, users):
    labels = _user_scan(toolkit, users).scan.labels[5]
    persona = users.truth["persona"].to_numpy()[users.keep]
    ari = toolkit.adjusted_rand_score(persona, labels)
    assert 0.85 <= ari <= 0.97, ari
    table = pd.crosstab(persona, labels)
    assert table.idxmax(axis=1).is_unique


def test_user_kmeans_without_the_filter_is_worse(toolkit, users):
    filtered = toolkit.adjusted_rand_score(users.truth["persona"].to_numpy()[users.keep],
                                           _user_scan(toolkit, users).scan.labels[5])
    Z_all = toolkit.StandardScaler().fit_transform(users.counts.to_numpy(dtype=float))
    labels_all = toolkit.KMeans(n_clusters=5, n_init=10, random_state=0).fit(Z_all).labels_
    unfiltered = toolkit.adjusted_rand_score(users.truth["persona"].to_numpy(), labels_all)
    assert filtered - unfiltered >= 0.05, (filtered, unfiltered)


def test_user_clusters_are_consistent_across_cohorts(toolkit, users):
    Z = _user_scan(toolkit, users).Z
    global_labels = _user_scan(toolkit, users).scan.labels[5]
    cohort = users.data["signup_cohort"].to_numpy()[users.keep]
    persona = users.truth["persona"].to_numpy()[users.keep]
    overall = pd.Series(persona).value_counts(normalize=True)
    assert sorted(set(cohort)) == ["2025-01", "2025-02", "2025-03", "2025-04"]
    for month in sorted(set(cohort)):
        rows = cohort == month
        assert rows.sum() >= 600
        own = toolkit.KMeans(n_clusters=5, n_init=10, random_state=0).fit(Z[rows]).labels_
        agreement = toolkit.adjusted_rand_score(global_labels[rows], own)
        assert agreement >= 0.9, (month, agreement)
        shares = pd.Series(persona[rows]).value_counts(normalize=True)
        assert (shares - overall).abs().max() <= 0.04, (month, shares)


def _dbscan_groups(labels, truth):
    """For DBSCAN labels: the cluster holding the Casual Browsers, and the largest other cluster."""
    casual = (truth["persona"] == "Casual Browser").to_numpy()
    inactive = pd.Series(labels[casual]).mode()[0]
    others = pd.Series(labels[(labels != inactive) & (labels != -1)])
    active = others.mode()[0] if len(others) else None
    return inactive, active


@pytest.mark.parametrize("library", ["sklearn", "course_lib"])
def test_user_dbscan_only_separates_active_inactive_and_outliers(library, users):
    if library == "sklearn":
        Z = skp.StandardScaler().fit_transform(users.counts)
        points = skd.PCA(n_components=2).fit_transform(Z)
        labels = skc.DBSCAN(**USER_DBSCAN).fit(points).labels_
    else:
        tk = _course_lib_toolkit()
        decomposition = _course_module("decomposition", "PCA")
        dbscan = _course_module("dbscan", "DBSCAN")
        Z = tk.StandardScaler().fit_transform(users.counts.to_numpy(dtype=float))
        points = decomposition.PCA(n_components=2).fit_transform(Z)
        labels = dbscan.DBSCAN(**USER_DBSCAN).fit(points).labels_
    truth = users.truth
    casual = (truth["persona"] == "Casual Browser").to_numpy()
    tail = truth["heavy_tail"].to_numpy()
    active = ~casual & ~tail
    inactive_cluster, active_cluster = _dbscan_groups(labels, truth)
    assert (labels[casual] == inactive_cluster).mean() >= 0.99
    assert (casual[labels == inactive_cluster]).mean() >= 0.99
    assert (labels[active] == active_cluster).mean() >= 0.9
    assert (labels[tail] == -1).all(), "every heavy-tail user is noise"
    assert (labels == -1).mean() <= 0.08
    # what DBSCAN does not do: tell the active personas apart
    for persona in ["Power User", "Social Sharer", "Content Creator", "Window Shopper"]:
        rows = (truth["persona"] == persona).to_numpy() & ~tail
        assert (labels[rows] == active_cluster).mean() >= 0.7, persona
    three_way = np.where(tail, 2, np.where(casual, 0, 1))
    assert skm.adjusted_rand_score(three_way, labels) >= 0.9


@pytest.mark.parametrize("eps", [0.25, 0.35])
def test_user_dbscan_picture_holds_for_nearby_eps(eps, users):
    points = skd.PCA(n_components=2).fit_transform(skp.StandardScaler().fit_transform(users.counts))
    labels = skc.DBSCAN(eps=eps, min_samples=USER_DBSCAN["min_samples"]).fit(points).labels_
    tail = users.truth["heavy_tail"].to_numpy()
    casual = (users.truth["persona"] == "Casual Browser").to_numpy()
    assert skm.adjusted_rand_score(np.where(tail, 2, np.where(casual, 0, 1)), labels) >= 0.9


# --------------------------------------------------------------------------------------------------
# hospital_staff.csv: mixed types, three segments visible only after scaling
# --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hospital():
    return ds.load_hospital_staff(return_truth=True)


def _hospital_numeric(data, with_ordinal):
    """The numeric columns, and optionally the ordinal ones as their rank 0 .. L-1."""
    parts = [data.select_dtypes("number")]
    if with_ordinal:
        parts.append(pd.DataFrame({column: data[column].map({v: i for i, v in enumerate(levels)})
                                   for column, levels in ds.HOSPITAL_ORDINAL_LEVELS.items()}))
    return pd.concat(parts, axis=1).to_numpy(dtype=float)


def test_hospital_columns_hold_their_documented_categories(hospital):
    data, truth = hospital
    assert truth["segment"].value_counts().to_dict() == {"Traditional": 135, "Digital adopter": 105,
                                                         "Key opinion leader": 60}
    for column, levels in ds.HOSPITAL_ORDINAL_LEVELS.items():
        assert set(data[column]) <= set(levels), column
    assert set(data["role"]) == set(ds.HOSPITAL_ROLES)
    assert set(data["engagement_driver"]) <= set(ds.HOSPITAL_DRIVERS)
    assert set(data["gender"]) == {"F", "M"}
    assert data["age"].between(24, 68).all()
    assert data[["click_through_rate", "open_rate"]].apply(lambda s: s.between(0, 1)).all().all()
    assert (data[data["role"] == "Resident"]["age"] <= 36).all()
    kol = truth["segment"] == "Key opinion leader"
    assert (data.loc[kol, "education"] == "Doctorate").mean() >= 0.8


def test_hospital_web_traffic_dominates_the_raw_variance(hospital):
    data, _ = hospital
    variances = data.select_dtypes("number").var()
    web = variances[["landing_page_visits", "online_service_accesses"]].sum()
    assert web / variances.sum() >= 0.9, variances


def test_hospital_segments_appear_only_after_scaling(toolkit, hospital):
    data, truth = hospital
    segment = truth["segment"].to_numpy()

    def ari(X):
        labels = toolkit.KMeans(n_clusters=3, n_init=10, random_state=0).fit(X).labels_
        return toolkit.adjusted_rand_score(segment, labels)

    numeric, with_ordinal = _hospital_numeric(data, False), _hospital_numeric(data, True)
    assert ari(numeric) <= 0.1
    assert ari(toolkit.StandardScaler().fit_transform(numeric)) >= 0.9
    assert ari(toolkit.StandardScaler().fit_transform(with_ordinal)) >= 0.95
    assert ari(toolkit.MinMaxScaler().fit_transform(with_ordinal)) >= 0.9


def test_hospital_elbow_and_silhouette_point_at_three_after_scaling(toolkit, hospital):
    data, _ = hospital
    Z = toolkit.StandardScaler().fit_transform(_hospital_numeric(data, True))
    scan = k_scan(toolkit, Z, ks=range(1, 9))
    assert elbow(scan.inertia) == 3
    assert scan.best_silhouette == 3, scan.silhouette


# --------------------------------------------------------------------------------------------------
# The talk's own hospital table (outside reference, never copied): course_lib == scikit-learn
# --------------------------------------------------------------------------------------------------

OUTSIDE_ORDINAL = {"PrescriptionAttitude": ["Negative", "Neutral", "Positive"],
                   "CollabAttitudePhC": ["Negative", "Unwilling", "Neutral", "Willing", "Positive"]}
OUTSIDE_NOMINAL = ["Gender", "Education", "Role", "EngagementDriver"]


def _encode_and_scale(pre, table, scaler_name, sparse_flag):
    """Ordinal codes, one-hot columns and numbers side by side, then scaled: one pipeline, any library."""
    ordinal = pre.OrdinalEncoder(categories=list(OUTSIDE_ORDINAL.values()))
    one_hot = pre.OneHotEncoder(**sparse_flag)
    numeric = table.drop(columns=list(OUTSIDE_ORDINAL) + OUTSIDE_NOMINAL).to_numpy(dtype=float)
    encoded = np.hstack([
        numeric,
        np.asarray(ordinal.fit_transform(table[list(OUTSIDE_ORDINAL)].to_numpy(dtype=object)), dtype=float),
        np.asarray(one_hot.fit_transform(table[OUTSIDE_NOMINAL].to_numpy(dtype=object)), dtype=float),
    ])
    return encoded, getattr(pre, scaler_name)().fit_transform(encoded)


@pytest.mark.skipif(not OUTSIDE_HOSPITAL.is_file(),
                    reason="outside reference ../shared/data/hospital.csv is absent (never shipped)")
@pytest.mark.parametrize("scaler_name", ["StandardScaler", "MinMaxScaler"])
@pytest.mark.parametrize("k", [2, 3, 4, 6])
def test_outside_hospital_table_pipeline_equals_sklearn(scaler_name, k):
    course_pre = _course_module("preprocessing", "OrdinalEncoder", "OneHotEncoder", scaler_name)
    course_kmeans = _course_module("kmeans", "KMeans")
    table = pd.read_csv(OUTSIDE_HOSPITAL)
    assert len(table) > 200 and set(OUTSIDE_ORDINAL) | set(OUTSIDE_NOMINAL) <= set(table.columns)

    ours_encoded, ours = _encode_and_scale(course_pre, table, scaler_name, {})
    theirs_encoded, theirs = _encode_and_scale(skp, table, scaler_name, {"sparse_output": False})
    np.testing.assert_array_equal(ours_encoded, theirs_encoded)
    np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)

    # the same starting centroids for both: k rows picked by a seeded generator
    init = theirs[np.random.default_rng(k).choice(len(theirs), size=k, replace=False)]
    ours_model = course_kmeans.KMeans(n_clusters=k, init=init, n_init=1).fit(theirs)
    theirs_model = skc.KMeans(n_clusters=k, init=init, n_init=1).fit(theirs)
    np.testing.assert_array_equal(ours_model.labels_, theirs_model.labels_)
    np.testing.assert_allclose(ours_model.cluster_centers_, theirs_model.cluster_centers_,
                               rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours_model.inertia_, theirs_model.inertia_, rtol=1e-10)
    assert ours_model.n_iter_ == theirs_model.n_iter_

    # and with k-means++ from the same seed, the whole pipeline (our scaling, our k-means) agrees
    ours_pp = course_kmeans.KMeans(n_clusters=k, n_init=5, random_state=0).fit(ours)
    theirs_pp = skc.KMeans(n_clusters=k, n_init=5, random_state=0).fit(theirs)
    np.testing.assert_array_equal(ours_pp.labels_, theirs_pp.labels_)
    np.testing.assert_allclose(ours_pp.inertia_, theirs_pp.inertia_, rtol=1e-10)
