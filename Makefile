# Clustering for user understanding: the two commands a student needs are
#   make lab    install (if needed) and open JupyterLab on the course
#   make test   install (if needed) and run every test
# Everything lives in .venv; nothing is installed outside this folder.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PIP_VERSION := 26.3
JOBS   ?= auto
# --dist loadfile: a notebook's cells must run in one kernel on one worker (nbval), and one worker runs
# all browser tests with one Chromium and one JupyterLab.

.PHONY: install lab test test-browser bench exercises lock clean

install: $(STAMP)

# Re-runs only when the pins change, so a second `make install` is instant.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s); set PYTHON=/path/to/python3.11" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet pip==$(PIP_VERSION)
	$(PY) -m pip install --quiet -c requirements.lock -e '.[course]'
	@touch $(STAMP)
	@echo "course environment ready in $(VENV)"

# The whole course folder is served (exercises/ and the data cards too); the browser opens on notebooks/.
lab: install
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

test: install
	$(PY) -m pytest -n $(JOBS) --dist loadfile $(TEST_ARGS)

test-browser: install
	$(PY) -m pytest -m browser tests/test_browser.py $(TEST_ARGS)

bench: install
	$(PY) tests/bench/run.py --write BENCHMARKS.md $(BENCH_ARGS)

exercises: install
	$(PY) -m course_lib.grading.generate solutions exercises

# Rebuild requirements.lock from the exact pins in pyproject.toml in a throw-away venv.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet pip==$(PIP_VERSION)
	.lock-venv/bin/python -m pip install --quiet '.[course]'
	{ echo '# Full constraints for `make install` (pip install -c requirements.lock): every package, direct and transitive.'; \
	  echo '# Regenerate with `make lock` after changing a pin in pyproject.toml; tests/test_packaging.py checks they agree.'; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v -E '^(pip|setuptools|wheel|course-lib)=='; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
