"""The hand-written headlines of notebook 12 (datasets/headlines.csv): the file, its loader, its truth,
and the topic structure its data card (datasets/README.md, section headlines.csv) promises.

The structure is checked with scikit-learn's TfidfVectorizer for the vectors and, for the clustering,
with scikit-learn and with course_lib, so neither the text nor the library can drift silently.
"""
import itertools
import shutil
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.cluster import kmeans_plusplus as sklearn_kmeans_plusplus
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score as sklearn_adjusted_rand_score
from sklearn.metrics import silhouette_score as sklearn_silhouette_score
from threadpoolctl import threadpool_limits

from course_lib import KMeans, adjusted_rand_score, silhouette_score
from course_lib import datasets as ds
from course_lib.kmeans import kmeans_plusplus

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datasets"
DATA_FILE = DATA / "headlines.csv"
TRUTH_FILE = DATA / "truth" / "headlines_truth.csv"
CARD = DATA / "README.md"
N_HEADLINES, PER_TOPIC = 200, 40

SKLEARN = SimpleNamespace(KMeans=SklearnKMeans, adjusted_rand_score=sklearn_adjusted_rand_score,
                          silhouette_score=sklearn_silhouette_score)
COURSE_LIB = SimpleNamespace(KMeans=KMeans, adjusted_rand_score=adjusted_rand_score,
                             silhouette_score=silhouette_score)


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    """scikit-learn's k-means starts one thread per core; on a shared machine that only slows it."""
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module", params=["sklearn", "course_lib"])
def toolkit(request):
    return SKLEARN if request.param == "sklearn" else COURSE_LIB


@pytest.fixture(scope="module")
def headlines():
    data, truth = ds.load_headlines(return_truth=True)
    return SimpleNamespace(texts=data["headline"].tolist(), topic=truth["topic"].to_numpy())


def tfidf(texts, min_df=1):
    """The vectors of the card: English stop words removed, smoothed idf, unit-length rows (dense)."""
    return TfidfVectorizer(stop_words="english", min_df=min_df).fit_transform(texts).toarray()


@pytest.fixture(scope="module")
def all_words(headlines):
    return tfidf(headlines.texts)


@pytest.fixture(scope="module")
def shared_words(headlines):
    return tfidf(headlines.texts, min_df=2)


# --------------------------------------------------------------------------------------------------
# The files
# --------------------------------------------------------------------------------------------------

def _lines(path):
    raw = path.read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n") and not raw.endswith(b"\n\n")
    return raw.decode("utf-8").split("\n")[:-1]


def test_data_file_is_plain_text_one_headline_per_line():
    header, *rows = _lines(DATA_FILE)
    assert header == "headline_id,headline"
    assert len(rows) == N_HEADLINES
    ids, texts = zip(*(row.split(",", 1) for row in rows))
    assert list(ids) == [f"N{i:03d}" for i in range(1, N_HEADLINES + 1)]
    for text in texts:
        assert '"' not in text and "," not in text, f"would need CSV quoting: {text!r}"
        assert text == " ".join(text.split()), f"extra spaces: {text!r}"
        assert 6 <= len(text.split()) <= 13, text
        assert text[0].isupper(), text
    assert len(set(texts)) == N_HEADLINES, "duplicate headlines"
    assert len({t.lower() for t in texts}) == N_HEADLINES


def test_truth_file_names_one_of_five_topics_forty_times_each():
    header, *rows = _lines(TRUTH_FILE)
    assert header == "headline_id,topic"
    ids, topics = zip(*(row.split(",") for row in rows))
    assert list(ids) == [f"N{i:03d}" for i in range(1, N_HEADLINES + 1)]
    counts = pd.Series(topics).value_counts()
    assert set(counts.index) == set(ds.HEADLINE_TOPICS)
    assert (counts == PER_TOPIC).all(), counts.to_dict()


def test_topics_are_shuffled_not_in_blocks():
    topics = ds.load_headlines(return_truth=True)[1]["topic"].to_numpy()
    assert set(topics[:50]) == set(ds.HEADLINE_TOPICS)
    longest_run = max(len(list(run)) for _, run in itertools.groupby(topics))
    assert longest_run <= 8, longest_run


def test_headlines_are_not_part_of_the_generated_datasets():
    assert "headlines" not in ds.DATASETS
    assert "headlines.csv" not in "".join(ds.rebuild(check=True))


# --------------------------------------------------------------------------------------------------
# The loader
# --------------------------------------------------------------------------------------------------

def test_loader_returns_text_indexed_by_id_and_the_aligned_truth():
    data = ds.load_headlines()
    assert data.shape == (N_HEADLINES, 1) and data.index.name == "headline_id"
    assert list(data.columns) == ["headline"]
    assert pd.api.types.is_string_dtype(data["headline"])
    assert data.index.is_unique and data.index[[0, -1]].tolist() == ["N001", "N200"]
    data_again, truth = ds.load_headlines(return_truth=True)
    pd.testing.assert_frame_equal(data, data_again)
    assert truth.index.equals(data.index) and list(truth.columns) == ["topic"]
    raw = pd.read_csv(DATA_FILE, index_col=0, dtype=str, keep_default_na=False)
    assert data["headline"].tolist() == raw["headline"].tolist()


def test_loader_names_the_missing_file_and_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match="restore them from git"):
        ds.load_headlines(directory=tmp_path)
    shutil.copy(DATA_FILE, tmp_path)
    assert ds.load_headlines(directory=tmp_path).shape == (N_HEADLINES, 1)
    with pytest.raises(FileNotFoundError, match="headlines_truth.csv"):
        ds.load_headlines(directory=tmp_path, return_truth=True)


def test_loader_refuses_truth_for_other_rows(tmp_path):
    (tmp_path / "truth").mkdir()
    shutil.copy(DATA_FILE, tmp_path)
    lines = TRUTH_FILE.read_text().split("\n")
    (tmp_path / "truth" / TRUTH_FILE.name).write_text("\n".join(lines[:-2]) + "\n")
    with pytest.raises(ValueError, match="same rows"):
        ds.load_headlines(directory=tmp_path, return_truth=True)


def test_loader_refuses_a_file_with_other_columns(tmp_path):
    renamed = DATA_FILE.read_text().replace("headline_id,headline", "id,title", 1)
    (tmp_path / DATA_FILE.name).write_text(renamed)
    with pytest.raises(ValueError, match="title"):
        ds.load_headlines(directory=tmp_path)


def test_card_section_names_every_column_and_the_licence():
    card = CARD.read_text()
    start = card.index("## headlines.csv")
    end = card.find("\n## ", start + 3)
    section = card[start:] if end < 0 else card[start:end]
    for column in ds.HEADLINE_COLUMNS + ds.HEADLINE_TRUTH_COLUMNS:
        assert f"`{column.name}`" in section, column.name
    for word in ["Rows", "Written, not generated", "Planted structure", "Licence", "CC0"]:
        assert word in section, word


# --------------------------------------------------------------------------------------------------
# The planted structure (numbers as stated on the card)
# --------------------------------------------------------------------------------------------------

def test_vocabulary_sizes(headlines, all_words, shared_words):
    document_frequency = (all_words > 0).sum(axis=0)
    assert all_words.shape == (N_HEADLINES, 642)
    assert int((document_frequency == 1).sum()) == 456
    assert shared_words.shape == (N_HEADLINES, 186)
    assert (shared_words > 0).sum(axis=1).min() >= 2
    assert np.allclose(np.linalg.norm(shared_words, axis=1), 1.0)


@pytest.mark.parametrize("which, at_least", [("all", 1.0), ("shared", 0.99)])
def test_topics_are_in_the_words(headlines, all_words, shared_words, which, at_least):
    X = all_words if which == "all" else shared_words
    topics = np.array(ds.HEADLINE_TOPICS)
    centroids = np.array([X[headlines.topic == t].mean(axis=0) for t in topics])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    nearest = topics[np.argmax(X @ centroids.T, axis=1)]
    assert np.mean(nearest == headlines.topic) >= at_least


def test_kmeans_with_shared_words_and_restarts_recovers_the_topics(toolkit, headlines, shared_words):
    runs = [toolkit.KMeans(n_clusters=5, n_init=100, random_state=seed).fit(shared_words)
            for seed in range(5)]
    for run in runs:
        assert toolkit.adjusted_rand_score(headlines.topic, run.labels_) >= 0.95
        assert np.bincount(run.labels_).min() >= 38
    for a, b in itertools.combinations(runs, 2):
        assert toolkit.adjusted_rand_score(a.labels_, b.labels_) >= 0.95


BORROWING = ["N102", "N181", "N003", "N186", "N030", "N070", "N021", "N115", "N036", "N107"]


def test_the_ten_borrowing_headlines_use_another_topics_words_and_only_N181_leaves_home(headlines):
    data = ds.load_headlines()
    vectorizer = TfidfVectorizer(stop_words="english", min_df=2)
    present = vectorizer.fit_transform(headlines.texts).toarray() > 0
    topics = list(ds.HEADLINE_TOPICS)
    uses = np.array([present[headlines.topic == t].sum(axis=0) for t in topics])  # topic x word
    rows = {hid: i for i, hid in enumerate(data.index)}
    for hid in BORROWING:
        i = rows[hid]
        own = topics.index(headlines.topic[i])
        borrowed = present[i] & (uses.argmax(axis=0) != own) & (uses[own] < uses.max(axis=0))
        assert borrowed.any(), f"{hid} uses no word that belongs more to another topic"
    assert sorted(headlines.topic[[rows[h] for h in BORROWING]]) == sorted(topics * 2)

    for toolkit in (SKLEARN, COURSE_LIB):
        labels = toolkit.KMeans(n_clusters=5, n_init=100, random_state=0).fit(
            tfidf(headlines.texts, min_df=2)).labels_
        home = {c: pd.Series(headlines.topic[labels == c]).mode()[0] for c in range(5)}
        misplaced = [hid for hid, i in rows.items() if home[labels[i]] != headlines.topic[i]]
        assert misplaced == ["N181"]


def test_course_lib_equals_sklearn_on_the_shared_word_vectors(shared_words):
    for seed in range(5):
        ours = KMeans(n_clusters=5, n_init=100, random_state=seed).fit(shared_words)
        theirs = SklearnKMeans(n_clusters=5, n_init=100, random_state=seed).fit(shared_words)
        assert np.array_equal(ours.labels_, theirs.labels_)
        assert np.allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-10, atol=1e-12)
        assert np.isclose(ours.inertia_, theirs.inertia_, rtol=1e-10)


def test_cosine_silhouette_is_best_at_five(toolkit, shared_words):
    scores = {}
    for k in range(2, 7):
        labels = toolkit.KMeans(n_clusters=k, n_init=100, random_state=0).fit(shared_words).labels_
        scores[k] = toolkit.silhouette_score(shared_words, labels, metric="cosine")
    assert max(scores, key=scores.get) == 5, scores


def test_all_words_and_few_restarts_is_the_failure_the_card_describes(toolkit, all_words):
    runs = [toolkit.KMeans(n_clusters=5, n_init=10, random_state=seed).fit(all_words) for seed in range(5)]
    agreement = [toolkit.adjusted_rand_score(a.labels_, b.labels_)
                 for a, b in itertools.combinations(runs, 2)]
    assert np.mean(agreement) < 0.6, agreement
    assert max(np.bincount(run.labels_).max() for run in runs) > 60


@pytest.mark.parametrize("seed, tied", [(0, 82), (1, 66), (2, 57)])
def test_many_headlines_share_no_word_with_the_starting_centroids(all_words, seed, tied):
    _, ours = kmeans_plusplus(all_words, 5, random_state=seed)
    _, theirs = sklearn_kmeans_plusplus(all_words, 5, random_state=seed)
    assert np.array_equal(ours, theirs)
    similarity = all_words @ all_words[ours].T
    no_shared_word = (similarity == 0).all(axis=1)
    assert int(no_shared_word.sum()) == tied
    # in exact arithmetic every such headline is at distance sqrt(2) from all five starting centroids
    squared = ((all_words[no_shared_word, None, :] - all_words[ours][None]) ** 2).sum(axis=2)
    assert np.allclose(squared, 2.0)
