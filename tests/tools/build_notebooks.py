"""Build the lesson notebooks from their reviewable py:percent sources.

Each ``notebooks/NN_name.py`` (jupytext py:percent) is the text a reviewer reads;
``notebooks/NN_name.ipynb`` is what students open, with executed outputs that
nbval re-checks in ``make test``. This tool keeps the pair in step:

    python tests/tools/build_notebooks.py notebooks/02_kmeans.py   # one
    python tests/tools/build_notebooks.py                          # every lesson in notebooks/

For each source it reads the script, executes it top to bottom in a fresh
``python3`` kernel from this environment (working directory: the notebook's
folder, as nbval uses), writes the ``.ipynb`` with its outputs and widget state,
and rewrites the ``.py`` from the notebook so both carry identical cells. It
prints each notebook's run time (lessons must stay under 60 s on 2 cores).
Execution timestamps are not recorded and cell ids are numbered, so
rebuilding an unchanged notebook changes only widget model ids.
"""

import argparse
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
FORMATS = "ipynb,py:percent"


def build(source: Path, timeout: int = 600) -> float:
    notebook = jupytext.read(source)
    notebook.metadata["kernelspec"] = KERNEL
    notebook.metadata.setdefault("jupytext", {})["formats"] = FORMATS
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number:03d}"  # stable ids: rebuilding an unchanged lesson leaves them as they were
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                            store_widget_state=True, resources={"metadata": {"path": str(source.parent)}})
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    nbformat.write(notebook, source.with_suffix(".ipynb"))
    jupytext.write(notebook, source, fmt="py:percent")
    return elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*", type=Path, help="py:percent files (default: all)")
    args = parser.parse_args(argv)
    sources = args.sources or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))
    failed = False
    for source in sources:
        try:
            seconds = build(source.resolve())
        except Exception as exc:  # report every notebook, then fail
            print(f"FAILED {source}: {type(exc).__name__}: {str(exc)[-2000:]}", file=sys.stderr)
            failed = True
            continue
        flag = "" if seconds < 60 else "   <-- over the 60 s budget"
        print(f"{source.with_suffix('.ipynb')}: executed in {seconds:.1f} s{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
