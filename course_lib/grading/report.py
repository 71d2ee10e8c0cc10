"""The gradebook (``grades.csv``) and the per-student feedback files, written from the results.

Both are rendered only from the grader's own results and are byte-stable: the
same results give the same files (no timestamps), so a re-run changes nothing.
Text that came from a student's kernel (an error message of their own code) is
cut to one line and escaped; the status column uses the grader's vocabulary
only, so a submission cannot inject a spreadsheet formula. A folder name that
is not valid UTF-8 is shown with ``\\xNN`` escapes, and any text that cannot be
written as UTF-8 (a lone surrogate from a notebook's JSON) is escaped the same
way instead of stopping the run.
"""

import csv
import io
import os
import re
import tempfile
from pathlib import Path


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()


def write_atomically(path, text):
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path`` (never half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def format_points(value):
    return f"{value:.2f}".rstrip("0").rstrip(".") if value is not None else ""


def readable_name(name):
    """A student's folder name as text: bytes that are not UTF-8 (``b"\\xe9lodie"`` in Latin-1) as ``\\xe9``."""
    try:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    except UnicodeError:  # not a name read from the file system
        return str(name).encode("utf-8", "backslashreplace").decode("utf-8")


def spreadsheet_safe(text):
    """Student folder names are data, never formulas."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def gradebook(assignment, results):
    """grades.csv text: one row per student, one column per question, then total and status."""
    columns = [q.grade_id for q in assignment.questions] + list(assignment.manual)
    columns = [c.grade_id for c in assignment.cells if c.grade_id in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student"] + columns + ["total", "status"])
    for result in results:
        scores = [format_points(result["questions"][c]["points"]) if c in result["questions"] else ""
                  for c in columns]
        writer.writerow([spreadsheet_safe(readable_name(result["student"]))] + scores
                        + [format_points(result["total"]), "; ".join(result["status"]) or "ok"])
    return buffer.getvalue()


def one_line(text, limit=240):
    """Untrusted text as one short line: control characters and ANSI colours removed."""
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", str(text))
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def markdown_escape(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#!~])", r"\\\1", text)


def feedback(assignment, result):
    """The Markdown feedback for one student: scores, one reason per lost question, status and notes."""
    total, best = format_points(result["total"]), format_points(assignment.max_points)
    lines = [f"# Feedback: {markdown_escape(assignment.name)}", "",
             f"Student: {markdown_escape(readable_name(result['student']))}  ", f"Score: **{total} / {best}**  ",
             f"Status: {markdown_escape('; '.join(result['status']) or 'ok')}", "",
             "| question | points | result |", "|---|---|---|"]
    for question in assignment.questions:
        entry = result["questions"].get(question.grade_id, {"points": 0.0, "reason": "not graded"})
        outcome = "passed" if not entry["reason"] else markdown_escape(entry["reason"])
        lines.append(f"| {markdown_escape(question.grade_id)} | {format_points(entry['points'])} / "
                     f"{format_points(question.points)} | {outcome} |")
    for grade_id, text in result.get("manual", {}).items():
        lines += ["", f"## {markdown_escape(grade_id)} (graded by your instructor)", ""]
        lines += ["> " + markdown_escape(line) for line in text.splitlines()[:60]] or ["> (no answer)"]
    if result.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {markdown_escape(note)}" for note in result["notes"]]
    lines += ["", "Hidden tests are not shown; a failed hidden check is named by its label only.", ""]
    return "\n".join(lines)
