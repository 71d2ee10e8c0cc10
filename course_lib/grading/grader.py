"""Grading a folder of submissions: the reference run, one sandboxed run per student, scores, files.

:func:`grade` is what ``course-grade`` calls. For one assignment it

1. loads the solutions notebook (:mod:`~course_lib.grading.assignment`);
2. runs it once in a sandboxed kernel, the *reference run*, which must pass all
   of its own tests and records the value of every check;
3. grades every student folder in parallel (``jobs`` kernels at a time):
   copies the folder into a fresh sandbox, builds the plan
   (:mod:`~course_lib.grading.plan`), runs it, and scores each question by
   comparing the student's recorded values with the reference run's, here, in
   the grader's process (:func:`~course_lib.grading.checks.compare`);
4. saves each student's result as soon as it is known, in the state folder
   (``--state``, by default ``grades.state/`` beside ``grades.csv``), keyed by
   a hash of the submission's files, the solutions, the grader's code and the
   settings, so a re-run reuses it (idempotent) and an interrupted run resumes
   where it stopped. The state (the reference run's values, which include
   every hidden expected value, and the results) is the instructor's: it is
   never written into the feedback folder, which holds only the files handed
   out to students;
5. writes the feedback files and, last, ``grades.csv``, each atomically.

A student whose folder the grader cannot handle (an unexpected error in the
grader itself) gets 0 and the status ``grader error: <type>``; the others are
graded as usual, and a re-run tries that student again.
"""

import builtins
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .assignment import load_assignment
from .checks import compare, decode
from .kernel import KernelStartError, Outcome, SandboxKernel, SandboxSettings, prepare_matplotlib
from .plan import INSTRUCTOR_KINDS, SubmissionError, build_plan, read_submission, reference_plan
from .report import feedback, gradebook, one_line, write_atomically
from .sandbox import MACHINERY, REFUSALS, WATCHED_FUNCTIONS

PACKAGE = Path(__file__).resolve().parent
COURSE_ROOT = PACKAGE.parents[1]
MAX_RESTARTS = 3
MAX_FOLDER_FILES = 2000
MAX_FOLDER_BYTES = 200 * 2**20
BUILTIN_EXCEPTIONS = frozenset(name for name, value in vars(builtins).items()
                               if isinstance(value, type) and issubclass(value, BaseException))
UNNAMED_MACHINERY = "the machinery that runs the tests"   # when the kernel refused the tests but sent no report
SENSITIVE_HOME = (".ssh", ".gnupg", ".aws", ".azure", ".config", ".docker", ".kube", ".netrc",
                  ".git-credentials", ".pypirc", ".jupyter", ".local/share/jupyter")


class GradingError(RuntimeError):
    """The run cannot go on (missing solutions, a solutions notebook failing its own tests...)."""


class Interrupted(Exception):
    pass


@dataclass
class Options:
    submissions: Path
    assignment: str
    out: Path
    feedback: Path
    solutions: Path = None
    jobs: int = None
    timeout: float = 30.0
    memory_mb: int = 2048
    isolation: str = "auto"
    allow_read: list = field(default_factory=list)
    force: bool = False
    budget: float = None
    state: Path = None

    def __post_init__(self):
        self.submissions = Path(self.submissions).resolve()
        self.out = Path(self.out).resolve()
        self.feedback = Path(self.feedback).resolve()
        self.state = Path(self.state).resolve() if self.state else self.out.with_name(f"{self.out.stem}.state")
        if self.solutions is None:
            here = Path("solutions")
            self.solutions = here if (here / f"{self.assignment}.ipynb").exists() else COURSE_ROOT / "solutions"
        self.solutions = Path(self.solutions).resolve()
        self.jobs = max(1, int(self.jobs or available_cores()))
        if self.budget is None:
            self.budget = 10 * self.timeout + 60


def available_cores():
    """The CPU cores this process may run on (its affinity mask where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@dataclass
class Summary:
    graded: list
    reused: list
    isolation: str
    seconds: float


def grader_fingerprint():
    """Changes whenever the grading code changes, so cached results from older code are not reused."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    import numpy
    digest.update(f"{sys.version}|{numpy.__version__}".encode())
    return digest.hexdigest()


def safe_name(name):
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:80].lstrip(".") or "student"
    return safe if safe == name else f"{safe}-{hashlib.sha256(os.fsencode(name)).hexdigest()[:8]}"


# --- the sandbox ------------------------------------------------------------------------------

def readable_paths(options):
    import site
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages()}
    paths |= {p for p in sys.path if p and os.path.isdir(p)}
    paths |= {str(PACKAGE.parent), str(COURSE_ROOT / "datasets")}
    paths |= {"/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/etc", "/opt", "/proc", "/sys",
              "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"}
    paths |= {str(Path(p).resolve()) for p in options.allow_read}
    return sorted(os.path.realpath(p) for p in paths)


def hidden_paths(options, run_root):
    home = Path.home()
    paths = [options.solutions, options.submissions, options.feedback, options.out, options.state, Path(run_root)]
    paths += [home / name for name in SENSITIVE_HOME]
    return sorted({str(p) for p in paths})


def _run_root():
    """A short folder for the sandboxes (Unix socket paths must stay under 108 bytes)."""
    base = tempfile.gettempdir()
    return tempfile.mkdtemp(prefix="cg-", dir=base if len(base) < 40 else "/tmp")


def _remove_tree(path):
    def unlock_and_retry(function, target, _):
        try:
            os.chmod(os.path.dirname(target), stat.S_IRWXU)
            os.chmod(target, stat.S_IRWXU)
            function(target)
        except OSError:
            pass
    shutil.rmtree(path, onerror=unlock_and_retry)


# --- running a plan -----------------------------------------------------------------------------

class Runner:
    """Starts kernels for one grading run; tracks them so an interrupt can stop them all."""

    def __init__(self, options, run_root):
        self.options = options
        self.run_root = Path(run_root)
        self.settings = SandboxSettings(hide=hidden_paths(options, run_root), read=readable_paths(options),
                                        memory_mb=options.memory_mb, cpu_seconds=int(options.budget + 60),
                                        isolation=options.isolation)
        self.stop = threading.Event()
        self._kernels = set()
        self._lock = threading.Lock()
        self._matplotlib_lock = threading.Lock()
        self._matplotlib_prepared = False

    def prepare_matplotlib(self):
        """Once per run, before the first kernel: matplotlib's font list, for every kernel to copy."""
        with self._matplotlib_lock:
            if self._matplotlib_prepared:
                return
            self._matplotlib_prepared = True
            try:
                self.settings.matplotlib_cache = prepare_matplotlib(self.run_root / ".matplotlib")
            except (OSError, subprocess.SubprocessError) as exc:
                detail = getattr(exc, "stderr", None) or str(exc)
                print(f"warning: matplotlib's font list could not be built ({one_line(str(detail), 300)}); "
                      "notebooks that draw text may show 'refused: started a process'", file=sys.stderr)

    def start_kernel(self, sandbox, mode):
        self.prepare_matplotlib()
        try:
            return self._start(sandbox, mode)
        except KernelStartError as exc:
            if self.settings.isolation != "auto":
                raise
            # Linux let us create the namespaces but not set them up (e.g. AppArmor's userns restriction).
            print(f"warning: sandboxed kernels could not use namespaces ({one_line(str(exc), 300)}); "
                  "isolating with the audit hook alone", file=sys.stderr)
            self.settings.isolation = "hook"
            return self._start(sandbox, mode)

    def _start(self, sandbox, mode):
        kernel = SandboxKernel(sandbox, self.settings, mode)
        with self._lock:
            if self.stop.is_set():
                raise Interrupted
            self._kernels.add(kernel)
        try:
            return kernel.start()
        except BaseException:
            self.forget(kernel)
            raise

    def forget(self, kernel):
        kernel.kill()
        with self._lock:
            self._kernels.discard(kernel)

    def kill_all(self):
        self.stop.set()
        with self._lock:
            kernels = list(self._kernels)
        for kernel in kernels:
            kernel.kill()

    def execute(self, plan, sandbox, mode):
        """Run every unit of ``plan``; after a kernel death, restart and replay what had succeeded."""
        units, timeout = plan.units, self.options.timeout
        outcomes, reports, succeeded = [None] * len(units), [], []
        kernel, starts, isolation = None, 0, None
        began = time.monotonic()
        try:
            for index, unit in enumerate(units):
                if self.stop.is_set():
                    raise Interrupted
                if time.monotonic() - began > self.options.budget:
                    outcomes[index] = Outcome("skipped", note="the submission's time budget was used up")
                    continue
                if kernel is None or not kernel.alive:
                    if kernel is not None:
                        self.forget(kernel)
                    if starts > MAX_RESTARTS:
                        outcomes[index] = Outcome("skipped", note="the kernel kept dying")
                        continue
                    starts += 1
                    kernel = self.start_kernel(sandbox, mode)
                    isolation = isolation or kernel.isolation
                    for done in succeeded:
                        if not kernel.alive:
                            break
                        kernel.run(units[done].sent, timeout)
                    if not kernel.alive:
                        outcomes[index] = Outcome("skipped", note="the kernel died while replaying earlier cells")
                        continue
                outcome = kernel.run(unit.sent, timeout)
                outcomes[index] = outcome
                if outcome.report:
                    reports.append(outcome.report)
                if outcome.status == "ok":
                    succeeded.append(index)
            if kernel is not None and kernel.alive:
                final = kernel.run("pass", timeout)
                if final.report:
                    reports.append(final.report)
        finally:
            if kernel is not None:
                self.forget(kernel)
        return outcomes, reports, max(starts - 1, 0), isolation


# --- the reference run -----------------------------------------------------------------------------

def run_reference(assignment, runner, cache_path, fingerprint):
    """Records of every test unit in the solutions' own run; raises GradingError if a solution fails."""
    if cache_path.exists():
        cached = json.loads(cache_path.read_text())
        if cached.get("fingerprint") == fingerprint:
            return cached
    plan = reference_plan(assignment)
    sandbox = runner.run_root / ".reference"   # safe_name() never starts with a dot: no student's folder
    outcomes, _, restarts, isolation = runner.execute(plan, sandbox, "reference")
    problems, records = [], {}
    for unit, outcome in zip(plan.units, outcomes):
        if outcome.status != "ok":
            detail = f"{outcome.ename}: {outcome.evalue}" if outcome.status == "error" else outcome.note
            problems.append(f"{unit.kind} cell {unit.key!r}: {outcome.status} {one_line(detail, 600)}")
        elif unit.kind in ("visible", "hidden"):
            records[unit.test_key] = (outcome.report or {}).get("records", [])
    if problems or restarts:
        raise GradingError(f"the solutions notebook {assignment.path} does not pass its own tests:\n  "
                           + "\n  ".join(problems or ["the kernel restarted"]))
    for question in assignment.questions:
        count = sum(len(records.get(f"{kind}:{question.grade_id}", [])) for kind in ("visible", "hidden"))
        if count == 0:
            print(f"warning: question {question.grade_id!r} records no checks; its grade rests on the student's "
                  "own kernel reporting success (use course_lib.grading.checks)", file=sys.stderr)
    reference = {"fingerprint": fingerprint, "records": records, "isolation": isolation}
    write_atomically(cache_path, json.dumps(reference, sort_keys=True))
    return reference


# --- scoring ----------------------------------------------------------------------------------------

def _answer_problem(unit, outcome, timeout):
    where = f"your answer cell '{unit.key}'" if unit.kind == "answer" else "a cell you added"
    if outcome.status == "error":
        if outcome.ename == "NotImplementedError":
            return "not attempted" if unit.kind == "answer" else f"{where} raised NotImplementedError"
        if outcome.ename in ("SyntaxError", "IndentationError", "TabError"):
            return f"syntax error in {where}: {one_line(outcome.evalue, 160)}"
        text = f"{outcome.ename}: {one_line(outcome.evalue, 160)}" if outcome.evalue else outcome.ename
        return f"{where} raised {one_line(text, 200)}"
    if outcome.status == "timeout":
        return f"{where} ran longer than {timeout:g} s and was stopped"
    if outcome.status == "died":
        return f"{where} stopped the kernel ({outcome.note})"
    return f"{where} was not run ({outcome.note})"


def _test_problem(unit, outcome, timeout):
    hidden = unit.kind == "hidden"
    name = "the hidden tests" if hidden else "the tests"
    if outcome.status == "error":
        if hidden:
            shown = outcome.ename if outcome.ename in BUILTIN_EXCEPTIONS else "an error"
            return f"{name} stopped: your code raised {shown}"
        if outcome.ename == "AssertionError" and outcome.evalue:
            return one_line(outcome.evalue)
        text = f"{outcome.ename}: {outcome.evalue}" if outcome.evalue else outcome.ename
        return one_line(f"the tests stopped: {text}")
    if outcome.status == "timeout":
        return f"{name} ran longer than {timeout:g} s and were stopped"
    if outcome.status == "died":
        return f"the kernel died during {name}"
    return f"{name} were not run ({outcome.note})"


def _compare_records(unit, expected_records, report):
    """The grader's own verdict on one test unit: None if every check matches the reference run."""
    hidden = unit.kind == "hidden"
    recorded = (report or {}).get("records")
    recorded = recorded if isinstance(recorded, list) else []
    for position, reference in enumerate(expected_records):
        label = reference["label"]
        mine = recorded[position] if position < len(recorded) else None
        if not isinstance(mine, dict) or mine.get("label") != label:
            return f"hidden check '{label}' did not run" if hidden else f"check '{label}' did not run"
        options = reference["options"]
        if reference["kind"] == "true":  # check_that(..., value=...): its message says what the student gave
            gave = mine.get("options", {}).get("gave") if isinstance(mine.get("options"), dict) else None
            options = {**options, "gave": gave if isinstance(gave, str) else ""}
        problem = compare(reference["kind"], decode(reference["value"]), decode(mine.get("value")),
                          options, reveal=reference.get("shown", False))
        if problem:
            return f"hidden check '{label}' failed" if hidden else one_line(f"{label}: {problem}")
    return None


def _machinery_changed(outcome):
    """The names (from sandbox.MACHINERY) a unit's report shows changed; a refused test unit counts too."""
    names = [t for t in (outcome.report or {}).get("tampered", []) if t in MACHINERY]
    if not names and outcome.status == "error" and outcome.ename == "TamperingError":
        names = [UNNAMED_MACHINERY]
    return names


def first_tampering(outcomes):
    """Index of the first unit after which the machinery that runs the tests was changed (None: never).

    Every test that ran from then on may have been rewritten, so it earns nothing.
    """
    return next((index for index, outcome in enumerate(outcomes) if _machinery_changed(outcome)), None)


def score(assignment, plan, outcomes, reference, timeout):
    """Points and a one-line reason per question (empty reason: full marks)."""
    by_test = {u.test_key: (u, o) for u, o in zip(plan.units, outcomes) if u.kind in ("visible", "hidden")}
    tampered_at = first_tampering(outcomes)
    questions = {}
    for question in assignment.questions:
        missing = [a for a in question.answers if a in plan.missing]
        if missing:
            questions[question.grade_id] = {"points": 0.0, "max": question.points,
                                            "reason": f"answer cell '{missing[0]}' is missing from the notebook"}
            continue
        if question.answers and all(a in plan.untouched for a in question.answers):
            questions[question.grade_id] = {"points": 0.0, "max": question.points, "reason": "not attempted"}
            continue
        if tampered_at is not None and any(index >= tampered_at for index, unit in enumerate(plan.units)
                                           if unit.kind in ("visible", "hidden") and unit.key == question.grade_id):
            questions[question.grade_id] = {"points": 0.0, "max": question.points,
                                            "reason": "tampering: your code changed how the tests run"}
            continue
        answer_problems = [_answer_problem(u, o, timeout) for u, o in zip(plan.units, outcomes)
                           if o.status != "ok" and ((u.kind == "answer" and u.key in question.answers)
                                                    or (u.kind == "extra" and u.question == question.grade_id))]
        problem = None
        for kind in ("visible", "hidden"):
            key = f"{kind}:{question.grade_id}"
            if key not in by_test:
                continue
            unit, outcome = by_test[key]
            if outcome.status != "ok":
                problem = _test_problem(unit, outcome, timeout)
            else:
                problem = _compare_records(unit, reference["records"].get(key, []), outcome.report)
            if problem:
                break
        if problem and answer_problems:
            problem = answer_problems[0]
        questions[question.grade_id] = {"points": 0.0 if problem else question.points, "max": question.points,
                                        "reason": problem or ""}
    return questions


def status_tags(plan, outcomes, reports, restarts, questions):
    """The status column: the grader's own short words for everything unusual."""
    tags = list(plan.notes)
    answers = [u.key for u in plan.units if u.kind == "answer"]
    if answers and all(a in plan.untouched for a in answers):
        tags.append("not attempted")
    elif plan.untouched:
        tags.append("not attempted: " + ", ".join(a for a in answers if a in plan.untouched))
    kinds = {}
    for unit, outcome in zip(plan.units, outcomes):
        if outcome.status == "ok":
            continue
        if outcome.status == "error":
            if unit.kind == "answer" and (unit.key in plan.untouched or unit.key in plan.missing):
                continue
            if unit.kind in INSTRUCTOR_KINDS and outcome.ename == "TamperingError":
                continue  # reported below, with what was changed
            label = {"SyntaxError": "syntax error", "IndentationError": "syntax error", "TabError": "syntax error",
                     "MemoryError": "memory limit", "SystemExit": "exit called",
                     "KeyboardInterrupt": "interrupted"}.get(outcome.ename, "error")
            if unit.kind in ("visible", "hidden"):
                continue  # a failing test is the normal way to lose points, not a status
        else:
            label = {"timeout": "timeout", "died": "kernel died", "skipped": "not run"}[outcome.status]
        where = unit.key if unit.kind != "hidden" else f"hidden tests of {unit.key}"
        kinds.setdefault(label, []).append(where)
    tags += [f"{label}: {', '.join(dict.fromkeys(places))}" for label, places in kinds.items()]
    if restarts:
        tags.append(f"kernel restarted {restarts}x")
    denied, tampered, output = set(), set(), 0
    machinery = {name for outcome in outcomes for name in _machinery_changed(outcome)}
    watched = {f"{m}.{n}" for m, names in WATCHED_FUNCTIONS.items() for n in names}
    for report in reports:
        denied |= {REFUSALS.get(d, "made an unusual call") for d in report.get("denied", [])
                   if isinstance(d, str)}
        tampered |= {t for t in report.get("tampered", []) if t in watched}
        machinery |= {t for t in report.get("tampered", []) if t in MACHINERY}
        if isinstance(report.get("output_bytes"), int):
            output = max(output, report["output_bytes"])
    if denied:
        tags.append("refused: " + ", ".join(sorted(denied)))
    if tampered:
        names = sorted(t.replace("course_lib.grading.", "") for t in tampered)
        tags.append("tampering: " + ", ".join(names) + " replaced")
    if machinery:
        named = sorted(machinery - {UNNAMED_MACHINERY}) or [UNNAMED_MACHINERY]
        tags.append("tampering: " + ", ".join(named) + " changed")
    if output > 2**20:
        tags.append(f"printed {output / 2**20:.0f} MB (not kept)")
    return tags


# --- one student -----------------------------------------------------------------------------------

def submission_files(folder):
    """Regular files under ``folder`` (symlinks and special files skipped), as sorted relative paths."""
    files, total = [], 0
    for directory, subdirs, names in os.walk(folder, followlinks=False):
        subdirs.sort()
        for name in sorted(names):
            path = Path(directory, name)
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):
                continue
            files.append(path.relative_to(folder))
            total += info.st_size
            if len(files) > MAX_FOLDER_FILES or total > MAX_FOLDER_BYTES:
                raise SubmissionError("submission folder too large")
    return files


def submission_key(folder, files, context):
    digest = hashlib.sha256(context.encode())
    for relative in files:
        digest.update(os.fsencode(relative) + b"\0" + hashlib.sha256((folder / relative).read_bytes()).digest())
    return digest.hexdigest()


def find_notebook(folder, files, assignment_name):
    wanted = Path(f"{assignment_name}.ipynb")
    if wanted in files:
        return wanted, None
    top = [f for f in files if len(f.parts) == 1 and f.suffix == ".ipynb"]
    if len(top) == 1:
        return top[0], f"graded {top[0]} (expected {wanted})"
    raise SubmissionError("no notebook" if not top else f"several notebooks, none named {wanted}")


def copy_submission(folder, files, target):
    for relative in files:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        source = os.open(folder / relative, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(source, "rb") as reader, open(destination, "wb") as writer:
            shutil.copyfileobj(reader, writer)


def empty_result(assignment, student, tags, notes=()):
    questions = {q.grade_id: {"points": 0.0, "max": q.points, "reason": tags[0]} for q in assignment.questions}
    return {"student": student, "questions": questions, "manual": {}, "total": 0.0, "status": list(tags),
            "notes": list(notes), "isolation": None}


def grader_error(assignment, student, error, log):
    """The result of a student the grader itself failed on: 0 points, and the error for the instructor."""
    log(f"warning: {ascii(student)}: grader error: {type(error).__name__}: {one_line(error, 300)}")
    return empty_result(assignment, student, [f"grader error: {type(error).__name__}"])


def prepare_student(options, assignment, student, fingerprint, results_dir):
    """What to do with one student's folder: ``("saved", result)`` when this very submission was graded
    before, ``("not gradable", result)`` (no notebook...), else ``("grade", job)``."""
    folder = options.submissions / student
    result_file = results_dir / f"{safe_name(student)}.json"
    try:
        files = submission_files(folder)
        notebook, note = find_notebook(folder, files, options.assignment)
    except SubmissionError as exc:
        return "not gradable", empty_result(assignment, student, [str(exc)])
    key = submission_key(folder, files, f"{fingerprint}|{options.assignment}")
    if not options.force and result_file.exists():
        try:
            cached = json.loads(result_file.read_text())
        except ValueError:
            cached = {}
        if cached.get("key") == key:
            return "saved", cached["result"]
    return "grade", (student, folder, files, notebook, note, key, result_file)


def grade_student(assignment, student, folder, files, notebook, note, runner, reference):
    sandbox = runner.run_root / safe_name(student)
    try:
        copy_submission(folder, files, sandbox / "work")
        try:
            cells = read_submission(folder / notebook)
        except SubmissionError as exc:
            return empty_result(assignment, student, [str(exc)])
        plan = build_plan(assignment, cells)
        try:
            outcomes, reports, restarts, isolation = runner.execute(plan, sandbox, "student")
        except KernelStartError as exc:
            print(f"warning: {student}: {exc}", file=sys.stderr)
            return empty_result(assignment, student, ["kernel failed to start"])
        questions = score(assignment, plan, outcomes, reference, runner.options.timeout)
        tags = status_tags(plan, outcomes, reports, restarts, questions)
        notes = [note] if note else []
        manual = {grade_id: text[:4000] for grade_id, text in plan.manual.items()}
        return {"student": student, "questions": questions, "manual": manual,
                "total": sum(q["points"] for q in questions.values()), "status": tags, "notes": notes,
                "isolation": isolation}
    finally:
        _remove_tree(sandbox)


# --- the whole run -----------------------------------------------------------------------------------

def grade(options, log=None):
    """Grade every folder in ``options.submissions``; return a :class:`Summary`."""
    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    began = time.monotonic()
    solutions_file = options.solutions / f"{options.assignment}.ipynb"
    if not solutions_file.exists():
        raise GradingError(f"no solutions notebook {solutions_file}; pass --solutions DIR or check --assignment")
    if not options.submissions.is_dir():
        raise GradingError(f"{options.submissions} is not a folder of student folders")
    if options.state == options.feedback or options.feedback in options.state.parents:
        raise GradingError(f"the state folder {options.state} may not be inside the feedback folder, which is "
                           "handed out to students; pass --state DIR elsewhere")
    assignment = load_assignment(solutions_file)
    results_dir = options.state / "results" / options.assignment
    results_dir.mkdir(parents=True, exist_ok=True)
    settings_text = json.dumps({"timeout": options.timeout, "memory_mb": options.memory_mb,
                                "isolation": options.isolation, "budget": options.budget,
                                "allow_read": sorted(map(str, options.allow_read))}, sort_keys=True)
    fingerprint = hashlib.sha256(
        f"{grader_fingerprint()}|{assignment.fingerprint}|{settings_text}".encode()).hexdigest()
    ours = {options.feedback, options.solutions, options.out.parent, options.state}
    students = sorted(p.name for p in options.submissions.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and p.resolve() not in ours)
    run_root = _run_root()
    runner = Runner(options, run_root)
    results, graded, reused, reference = {}, [], [], {}
    try:
        reference = run_reference(assignment, runner, options.state / f"reference-{options.assignment}.json",
                                  fingerprint)
        log(f"reference run of {assignment.name}: {len(assignment.questions)} questions, "
            f"{assignment.max_points:g} points; isolation: {reference.get('isolation')}")
        pending = []
        for student in students:
            try:
                what, found = prepare_student(options, assignment, student, fingerprint, results_dir)
            except Exception as exc:
                what, found = "failed", grader_error(assignment, student, exc, log)
            if what == "grade":
                pending.append(found)
                continue
            results[student] = found
            if what == "saved":
                reused.append(student)
        if pending:
            log(f"grading {len(pending)} submission(s) with {options.jobs} job(s)"
                + (f"; {len(reused)} already graded" if reused else ""))
        with ThreadPoolExecutor(max_workers=options.jobs) as pool:
            futures = {pool.submit(grade_student, assignment, student, folder, files, notebook, note, runner,
                                   reference): (student, key, result_file)
                       for student, folder, files, notebook, note, key, result_file in pending}
            try:
                for done, future in enumerate(as_completed(futures), 1):
                    student, key, result_file = futures[future]
                    try:
                        result = future.result()
                    except Interrupted:
                        raise
                    except Exception as exc:
                        result = grader_error(assignment, student, exc, log)
                    else:
                        write_atomically(result_file, json.dumps({"key": key, "result": result}, sort_keys=True))
                    results[student] = result
                    graded.append(student)
                    log(f"[{done}/{len(pending)}] {student}: {result['total']:g}/{assignment.max_points:g} "
                        f"({'; '.join(result['status']) or 'ok'})")
            except BaseException:
                runner.kill_all()
                for future in futures:
                    future.cancel()
                raise
        ordered = [results[s] for s in students if s in results]
        for result in ordered:
            write_atomically(options.feedback / f"{safe_name(result['student'])}.md", feedback(assignment, result))
        write_atomically(options.out, gradebook(assignment, ordered))
    except Interrupted:
        raise KeyboardInterrupt from None
    finally:
        runner.kill_all()
        _remove_tree(run_root)
    return Summary(graded, reused, reference.get("isolation"), time.monotonic() - began)
