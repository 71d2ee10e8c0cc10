"""The grader's side of one sandboxed kernel: start it, run code with a deadline, kill it.

The grader talks to the kernel only on the shell channel (over Unix sockets in
the sandbox, so it works without a network namespace's loopback). It never
subscribes to the kernel's output channel: whatever a student prints is dropped
by ZeroMQ without reaching the grader, so printing megabytes costs the grader
nothing. Each cell's verdict comes from its ``execute_reply``; the checks'
records come back in the same reply, as a user expression.

The kernel's environment is built from scratch (nothing of the grader's is
inherited). Two parts of it keep honest notebooks clear of the audit hook's
"no processes" rule, and suit parallel grading:

* one thread for BLAS, OpenMP and NumExpr, and ``LOKY_MAX_CPU_COUNT=1``:
  ``--jobs N`` kernels then use N cores, none starts a pool sized for the
  whole machine, and neither scikit-learn nor joblib runs ``lscpu`` to count
  physical cores (``n_jobs=-1`` means one job);
* matplotlib draws with ``Agg`` (no display; the inline backend would render
  every figure into output nobody reads), and its font list is built once
  per run by :func:`prepare_matplotlib`, outside any sandbox, and copied into
  each kernel's ``MPLCONFIGDIR``: built in the kernel, it would run
  ``fc-list``.
"""

import importlib.util
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import zmq
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.connect import write_connection_file

from .sandbox import CONFIG_ENV

REPORT_EXPRESSION = '__import__("course_lib.grading.sandbox", fromlist=["report"]).report()'
MAX_MESSAGE_BYTES = 64 * 2**20
STARTUP_TIMEOUT = 120.0
INTERRUPT_GRACE = 5.0
MATPLOTLIB_CACHE_FILES = "fontlist-*.json"

_context = None


def _zmq_context():
    """One ZeroMQ context for the grader; its sockets refuse messages over MAX_MESSAGE_BYTES."""
    global _context
    if _context is None:
        _context = zmq.Context()
        _context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        _context.setsockopt(zmq.LINGER, 0)
    return _context


class KernelStartError(RuntimeError):
    pass


@dataclass
class Outcome:
    """What happened to one piece of code: ``status`` is 'ok', 'error', 'timeout', 'died' or 'skipped'."""

    status: str
    ename: str = ""
    evalue: str = ""
    report: dict | None = None
    seconds: float = 0.0
    note: str = ""


@dataclass
class SandboxSettings:
    hide: list
    read: list
    memory_mb: int = 2048
    cpu_seconds: int = 900
    file_mb: int = 32
    isolation: str = "auto"
    matplotlib_cache: str | None = None   # a folder from prepare_matplotlib(), or None
    extra_env: dict = field(default_factory=dict)


def prepare_matplotlib(folder, timeout=120):
    """Build matplotlib's font list into ``folder``, in a process of its own; return the folder.

    The font list is what matplotlib caches in ``MPLCONFIGDIR`` the first time
    it needs fonts; building it runs ``fc-list``, which the audit hook refuses
    in a kernel (an honest notebook that plots would be marked "refused:
    started a process"). Returns None when matplotlib is not installed;
    raises ``OSError`` or ``subprocess.SubprocessError`` when the build fails.
    """
    if importlib.util.find_spec("matplotlib") is None:
        return None
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    env = {"PATH": os.defpath, "HOME": str(folder), "XDG_CACHE_HOME": str(folder / "xdg-cache"),
           "MPLCONFIGDIR": str(folder), "MPLBACKEND": "Agg", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    subprocess.run([sys.executable, "-s", "-P", "-c", "import matplotlib.font_manager"], env=env,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                   timeout=timeout, check=True)
    if not any(folder.glob(MATPLOTLIB_CACHE_FILES)):
        raise OSError(f"matplotlib wrote no {MATPLOTLIB_CACHE_FILES} into {folder}")
    return str(folder)


class SandboxKernel:
    """A kernel in ``root`` (its writable sandbox): ``root/work`` is the student's folder, ``root/home`` ours."""

    def __init__(self, root, settings, mode):
        self.root = Path(root)
        self.work = self.root / "work"
        self.home = self.root / "home"
        self.settings = settings
        self.mode = mode
        self.process = None
        self.client = None
        self.isolation = None

    def start(self):
        self.work.mkdir(parents=True, exist_ok=True)
        self._make_fresh_home()
        self._copy_matplotlib_cache()
        connection_file, info = write_connection_file(
            str(self.home / "kernel.json"), ip=str(self.home / "k"), transport="ipc",
            key=secrets.token_hex(16).encode())
        config = {"sandbox": str(self.root), "work": str(self.work), "hide": self.settings.hide,
                  "read": self.settings.read, "memory_mb": self.settings.memory_mb,
                  "cpu_seconds": self.settings.cpu_seconds, "file_mb": self.settings.file_mb,
                  "isolation": self.settings.isolation}
        env = {
            "PATH": os.defpath, "HOME": str(self.home), "TMPDIR": str(self.home / "tmp"),
            "IPYTHONDIR": str(self.home / ".ipython"), "MPLCONFIGDIR": str(self.home / ".matplotlib"),
            "JUPYTER_CONFIG_DIR": str(self.home / ".jupyter"), "JUPYTER_DATA_DIR": str(self.home / ".jupyter"),
            "JUPYTER_RUNTIME_DIR": str(self.home / ".jupyter"), "JUPYTER_PLATFORM_DIRS": "1",
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1", "VECLIB_MAXIMUM_THREADS": "1",
            "LOKY_MAX_CPU_COUNT": "1", "MPLBACKEND": "Agg", "MALLOC_ARENA_MAX": "2",
            "COURSE_GRADE_MODE": self.mode, CONFIG_ENV: json.dumps(config), **self.settings.extra_env,
        }
        log = open(self.home / "kernel.log", "wb")
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-s", "-P", "-m", "course_lib.grading.sandbox", "-f", connection_file],
                cwd=self.home, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True, close_fds=True)
        finally:
            log.close()
        self.client = BlockingKernelClient(context=_zmq_context())
        self.client.load_connection_info(info)
        self.client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        self._wait_until_ready()
        report = self.run("pass", STARTUP_TIMEOUT).report or {}
        self.isolation = report.get("isolation", "unknown")
        return self

    def _make_fresh_home(self):
        """An empty home: after a restart, never the one a dead kernel could have filled with symlinks
        for the grader to write through (it is moved aside, which follows no link)."""
        if os.path.lexists(self.home):
            os.rename(self.home, self.root / f".home-{secrets.token_hex(4)}")
        self.home.mkdir()
        for folder in (self.home / "tmp", self.home / ".matplotlib"):
            folder.mkdir()

    def _copy_matplotlib_cache(self):
        """The run's font list, read-only, in this kernel's MPLCONFIGDIR (which matplotlib wants writable;
        it is the student's own, so what they do to it reaches no one else's kernel)."""
        if not self.settings.matplotlib_cache:
            return
        for source in Path(self.settings.matplotlib_cache).glob(MATPLOTLIB_CACHE_FILES):
            shutil.copyfile(source, self.home / ".matplotlib" / source.name)
            (self.home / ".matplotlib" / source.name).chmod(0o444)

    def _wait_until_ready(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if not self.alive:
                raise KernelStartError(f"the kernel exited during start-up: {self.log_tail()}")
            msg_id = self.client.kernel_info()
            if self._reply(msg_id, time.monotonic() + 1.0) is not None:
                return
        self.kill()
        raise KernelStartError(f"the kernel did not start within {STARTUP_TIMEOUT:.0f} s: {self.log_tail()}")

    @property
    def alive(self):
        return self.process is not None and self.process.poll() is None

    def log_tail(self, size=3000):
        try:
            return (self.home / "kernel.log").read_bytes()[-size:].decode("utf-8", "replace")
        except OSError:
            return ""

    def _reply(self, msg_id, until):
        """The shell reply to ``msg_id``, or None at ``until`` or when the kernel dies."""
        while True:
            remaining = until - time.monotonic()
            if remaining <= 0:
                return None
            try:
                message = self.client.get_shell_msg(timeout=min(0.2, remaining))
            except queue.Empty:
                if not self.alive:
                    return None
                continue
            if message.get("parent_header", {}).get("msg_id") == msg_id:
                return message["content"]

    def run(self, code, timeout):
        """Execute ``code``; stop it after ``timeout`` seconds (interrupt, then kill)."""
        if not self.alive:
            return Outcome("died", note="the kernel was not running")
        start = time.monotonic()
        msg_id = self.client.execute(code, silent=False, store_history=False, allow_stdin=False,
                                     stop_on_error=False, user_expressions={"report": REPORT_EXPRESSION})
        content = self._reply(msg_id, start + timeout)
        if content is None and self.alive:
            self.interrupt()
            content = self._reply(msg_id, time.monotonic() + INTERRUPT_GRACE)
            seconds = time.monotonic() - start
            if content is None:
                self.kill()
                return Outcome("timeout", seconds=seconds, note="killed: it did not stop when interrupted")
            return Outcome("timeout", seconds=seconds, report=_report_of(content))
        seconds = time.monotonic() - start
        if content is None:
            return Outcome("died", seconds=seconds, note=self._death_note())
        status = content.get("status")
        if status == "ok":
            return Outcome("ok", report=_report_of(content), seconds=seconds)
        return Outcome("error", ename=str(content.get("ename", "")), evalue=str(content.get("evalue", "")),
                       seconds=seconds)

    def _death_note(self):
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "the kernel stopped answering"
        if code < 0 or code > 128:
            number = -code if code < 0 else code - 128
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = f"signal {number}"
            return {"SIGXCPU": "the CPU time limit was reached", "SIGKILL": "the kernel was killed"}.get(
                name, f"the kernel was stopped by {name}")
        return f"the kernel exited with code {code}"

    def interrupt(self):
        if self.alive:
            try:
                os.kill(self.process.pid, signal.SIGINT)
            except ProcessLookupError:
                pass

    def kill(self):
        if self.process is not None:
            for kill in (os.killpg, os.kill):
                try:
                    kill(self.process.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if self.client is not None:
            self.client.stop_channels()
            self.client = None


def _report_of(content):
    expression = (content.get("user_expressions") or {}).get("report") or {}
    if expression.get("status") != "ok":
        return None
    data = expression.get("data", {}).get("application/json")
    return data if isinstance(data, dict) else None
