"""The project's own rules: pins agree everywhere, the layout is the course map's,
and the algorithm modules are plain NumPy (they run with scikit-learn and SciPy gone)."""

import ast
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Modules that must not import scikit-learn or SciPy: the algorithms and their helpers.
# (plotting, widgets, grading and datasets may use them for figures and tooling.)
PLAIN_NUMPY_MODULES = ["_validation", "_blocks", "base", "distances", "preprocessing", "decomposition",
                       "kmeans", "dbscan", "hierarchical", "gmm", "metrics"]


def _pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["course"]
    pins = {}
    for spec in specs:
        name, sep, version = spec.partition("==")
        assert sep, f"pyproject.toml: {spec!r} is not pinned with =="
        pins[_normal(name)] = version
    return pins


def _normal(name):
    return re.sub(r"[-_.]+", "-", name).lower().strip()


def test_environment_yml_has_the_same_pins_as_pyproject():
    entries = [m.group(1).strip() for m in re.finditer(r"^\s*-\s*([^#\n]+)", (ROOT / "environment.yml").read_text(),
                                                        re.M)]
    assert entries[:3] == ["conda-forge", "python>=3.11", "pip"], "conda installs only Python and pip"
    env_pins = {}
    for entry in entries[3:]:
        if entry in ("pip:", "-e ."):
            continue
        name, sep, version = entry.partition("==")
        assert sep, f"environment.yml: {entry!r} is not pinned with =="
        env_pins[_normal(name)] = version
    assert env_pins == _pyproject_pins()


def test_the_install_tools_are_pinned_too():
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    assert build and all("==" in spec for spec in build), build
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^PIP_VERSION := \d+(\.\d+)+$", makefile, re.M)
    assert "--upgrade pip" not in makefile and makefile.count("pip==$(PIP_VERSION)") == 2


def test_lock_agrees_with_pyproject_and_pins_everything():
    lock = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep, f"requirements.lock: {line!r} is not an exact pin"
            lock[_normal(name)] = version.strip()
    for name, version in _pyproject_pins().items():
        assert lock.get(name) == version, f"{name}: pyproject {version}, lock {lock.get(name)}"


def test_top_level_layout_matches_the_course_map():
    for folder in ["notebooks", "course_lib", "exercises", "solutions", "datasets", "tests"]:
        assert (ROOT / folder).is_dir(), folder
    for file in ["environment.yml", "pyproject.toml", "Makefile", "README.md", ".ci/run"]:
        assert (ROOT / file).is_file(), file
    assert "make test" in (ROOT / ".ci/run").read_text()


@pytest.mark.parametrize("module", PLAIN_NUMPY_MODULES)
def test_algorithm_module_imports_neither_sklearn_nor_scipy(module):
    tree = ast.parse((ROOT / "course_lib" / f"{module}.py").read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert not imported & {"sklearn", "scipy"}, f"course_lib/{module}.py imports {imported & {'sklearn', 'scipy'}}"


BLOCK_SKLEARN_AND_SCIPY = """
import sys
class _Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('sklearn', 'scipy'):
            raise ImportError(f'{name} is blocked in this test: course_lib must not need it')
sys.meta_path.insert(0, _Blocked())
import numpy as np
rng = np.random.default_rng(0)
X = np.vstack([rng.normal(0, 1, (30, 3)), rng.normal(6, 1, (30, 3))])
"""

# One use of every estimator and function the library offers.
EVERY_ESTIMATOR = {
    "distances": "from course_lib.distances import pairwise_distances, euclidean, manhattan, minkowski, "
                 "cosine_similarity, cosine_distance\n"
                 "pairwise_distances(X, metric='manhattan'); euclidean(X[0], X[1]); manhattan(X[0], X[1]); "
                 "minkowski(X[0], X[1], p=3); cosine_similarity(X[0], X[1]); cosine_distance(X[0], X[1])",
    "preprocessing": "from course_lib.preprocessing import StandardScaler, MinMaxScaler, OneHotEncoder, "
                     "OrdinalEncoder\n"
                     "StandardScaler().fit_transform(X); MinMaxScaler().fit_transform(X)\n"
                     "OneHotEncoder().fit_transform([['a'], ['b']]); "
                     "OrdinalEncoder(categories=[['low', 'high']]).fit_transform([['low'], ['high']])",
    "decomposition": "from course_lib.decomposition import PCA\nPCA(n_components=2).fit_transform(X)",
    "kmeans": "from course_lib.kmeans import KMeans, MiniBatchKMeans, kmeans_plusplus\n"
              "KMeans(2, random_state=0).fit(X).predict(X); kmeans_plusplus(X, 2, random_state=0)\n"
              "MiniBatchKMeans(2, random_state=0, batch_size=10).fit(X)",
    "dbscan": "from course_lib.dbscan import DBSCAN, k_distance\nDBSCAN(eps=2.0, min_samples=3).fit(X); "
              "k_distance(X, 3)",
    "hierarchical": "from course_lib.hierarchical import linkage, fcluster, AgglomerativeClustering\n"
                    "Z = linkage(X, 'ward'); fcluster(Z, 2, criterion='maxclust')\n"
                    "AgglomerativeClustering(2).fit(X)",
    "gmm": "from course_lib.gmm import GaussianMixture\nGaussianMixture(2, random_state=0).fit(X).predict_proba(X)",
    "metrics": "from course_lib import metrics\nlabels = np.repeat([0, 1], 30)\n"
               "metrics.silhouette_score(X, labels); metrics.davies_bouldin_score(X, labels)\n"
               "metrics.calinski_harabasz_score(X, labels); metrics.adjusted_rand_score(labels, labels)\n"
               "metrics.silhouette_samples(X, labels); metrics.wcss(X, labels)",
}


@pytest.mark.parametrize("family", sorted(EVERY_ESTIMATOR))
def test_library_works_with_sklearn_and_scipy_unimportable(family):
    code = BLOCK_SKLEARN_AND_SCIPY + textwrap.dedent(EVERY_ESTIMATOR[family])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
