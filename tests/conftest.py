"""Shared test fixtures.

Notebooks under tests/ are fixtures (grader inputs), never lessons: nbval must not collect them.
"""
import numpy as np
import pytest

collect_ignore_glob = ["**/*.ipynb"]


@pytest.fixture
def rng():
    """A seeded generator, so every test's random data is the same on every run."""
    return np.random.default_rng(20261123)
