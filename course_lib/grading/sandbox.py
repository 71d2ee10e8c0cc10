"""The kernel launcher: what runs in each student's kernel process before any of their code.

The grader starts every kernel as ``python -s -P -m course_lib.grading.sandbox -f CONNECTION_FILE``
with the settings below in the environment variable ``COURSE_GRADE_SANDBOX``
(JSON). In order, before a single line of student code runs, this module:

1. asks to be killed if the grader dies (``PR_SET_PDEATHSIG``) and sets hard
   resource limits: address space (``RLIMIT_AS``, the memory limit), CPU
   seconds, size of any file written (``RLIMIT_FSIZE``), no core dumps;
2. if Linux lets an unprivileged user do so (``isolation`` ``auto`` or
   ``namespaces``), enters new user, mount, network and PID namespaces: the
   solutions, the submissions, the grader's output and state folders and every
   other student's sandbox are covered by empty read-only mounts, the network
   is gone (only an unconfigured loopback remains), the student's folder is
   mounted ``noexec``, the kernel is PID 1 of its own namespace (it sees no other
   process, and every process it could start dies with it), and a second user
   namespace locks those mounts so they cannot be undone;
3. imports NumPy and the checks, initialises ipykernel (working directory: a
   fresh home folder with nothing of the student's in it, so no student file can
   be imported or run at start-up);
4. notes the identity of the comparison functions a cheat might replace
   (``numpy.allclose``, ``numpy.testing.*``, ``math.isclose``, the checks...),
   and the state of the machinery that turns a cell into running code (IPython's
   input and AST transformers, its event callbacks, the methods that run a cell,
   ``compile``/``exec``, trace and profile hooks), so the grader can report
   tampering and :func:`run_instructor_code` can refuse to run the instructor's
   tests in a kernel whose machinery was changed;
5. installs an audit hook (:func:`sys.addaudithook`; it cannot be removed) that
   refuses: opening anything under a hidden folder; reading outside the Python
   installation, the course's library and data and the student's own folder;
   writing, renaming or deleting outside the sandbox; creating symlinks;
   starting processes; signalling other processes; network connections;
   ``gc.get_objects``/``get_referrers``; changing resource limits; and loading
   native code from anywhere but the installed packages (``ctypes``);
6. moves to the student's folder and starts the kernel.

See :mod:`course_lib.grading` for the threat model and what this does not stop.
"""

import json
import os
import resource
import signal
import sys

CONFIG_ENV = "COURSE_GRADE_SANDBOX"

# linux/sched.h and linux/mount.h
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38

# Symbols threadpoolctl (used by scikit-learn) looks up to cap BLAS/OpenMP threads; nothing else may be.
NATIVE_SYMBOLS_ALLOWED = ("openblas_", "scipy_openblas", "omp_", "mkl_", "MKL_", "blis_", "bli_", "flexiblas_",
                          "goto_", "dl_iterate_phdr", "gnu_get_libc_version")

# What the audit hook refuses (the words of its error message) -> the grader's status tag.
REFUSALS = {
    "opening a protected file": "read a protected file",
    "looking at another process": "looked at another process",
    "opening a process's root, cwd, fd, mem or environ": "looked at another process",
    "reading outside the course and the Python installation": "read outside the course",
    "only str, bytes and pathlib paths may be opened": "opened an unusual path object",
    "too many symbolic links": "followed a symlink loop",
    "writing outside the sandbox": "wrote outside its folder",
    "creating a symbolic link": "created a symlink",
    "starting a process": "started a process",
    "signalling another process": "signalled another process",
    "opening a network connection": "used the network",
    "inspecting the garbage collector": "inspected the garbage collector",
    "changing resource limits": "changed resource limits",
    "loading native code": "loaded native code",
    "calling native code": "called native code",
    "reading raw memory": "read raw memory",
    "an unusual call": "made an unusual call",
}

# Set by the launcher; read by the grader (through report()) before any student code runs.
ISOLATION = "none"
_DENIED = []
_ORIGINALS = {}
_OUTPUT = [0]


# --- 1. limits ---------------------------------------------------------------------------------

def set_limits(config):
    megabyte = 2 ** 20
    limits = {
        resource.RLIMIT_AS: int(config["memory_mb"]) * megabyte,
        resource.RLIMIT_CPU: int(config["cpu_seconds"]),
        resource.RLIMIT_FSIZE: int(config["file_mb"]) * megabyte,
        resource.RLIMIT_CORE: 0,
    }
    for which, value in limits.items():
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):  # a limit this system does not support (RLIMIT_AS on macOS)
            pass


def _libc():
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    libc.unshare.argtypes = [ctypes.c_int]
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    return libc, ctypes


def _call(libc_ctypes, name, *args):
    libc, ctypes = libc_ctypes
    if getattr(libc, name)(*args) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{name}: {os.strerror(errno)}")


def _write(path, text):
    with open(path, "w") as file:
        file.write(text)


def ask_to_die_with_parent():
    try:
        _call(_libc(), "prctl", PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


# --- 2. namespaces ----------------------------------------------------------------------------

def enter_namespaces(config):
    """Hide the protected folders and the network behind new namespaces; return False if Linux refuses.

    Must run while the process has a single thread (before NumPy starts its pool).
    On success the calling process becomes a supervisor that forwards signals to
    its child and exits with it; only the child (PID 1 of the new namespace) returns.
    """
    lc = _libc()
    uid, gid = os.getuid(), os.getgid()
    try:
        _call(lc, "unshare", CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID)
    except OSError:
        return False
    _map_ids(f"0 {uid} 1", f"0 {gid} 1")
    _call(lc, "mount", None, b"/", None, MS_REC | MS_PRIVATE, None)
    sandbox = os.path.realpath(config["sandbox"])
    keep = os.open(sandbox, os.O_PATH | os.O_DIRECTORY)
    for path in _outermost(config["hide"]):
        if os.path.isdir(path) and not os.path.islink(path):
            _cover_folder(lc, path, sandbox, keep)
        elif os.path.isfile(path):
            _call(lc, "mount", b"/dev/null", path.encode(), None, MS_BIND, None)
    os.close(keep)
    bind_flags = MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NODEV | MS_NOEXEC
    _call(lc, "mount", sandbox.encode(), sandbox.encode(), None, MS_BIND, None)
    _call(lc, "mount", None, sandbox.encode(), None, bind_flags, None)
    child = os.fork()
    if child:
        _supervise(child)
    # The child: PID 1 of the new PID namespace.
    _call(lc, "prctl", PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    try:
        _call(lc, "mount", b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    except OSError:  # a fresh /proc is refused inside some containers: hide the old one instead
        _call(lc, "mount", b"none", b"/proc", b"tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, b"size=4k")
    # A second user namespace: the mounts above become locked (cannot be unmounted from here on).
    _call(lc, "unshare", CLONE_NEWUSER | CLONE_NEWNS)
    _map_ids(f"{uid} 0 1", f"{gid} 0 1")
    _call(lc, "prctl", PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    return True


def _map_ids(uid_map, gid_map):
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", uid_map)
    _write("/proc/self/gid_map", gid_map)


def _outermost(paths):
    """The paths that are not inside another path of the list (hiding a folder hides its contents)."""
    paths = sorted({os.path.realpath(p) for p in paths if os.path.lexists(p)}, key=len)
    kept = []
    for path in paths:
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return kept


def _cover_folder(lc, path, sandbox, keep):
    """An empty read-only tmpfs over ``path``; if the sandbox is inside it, mount the sandbox back."""
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    _call(lc, "mount", b"course-grade", path.encode(), b"tmpfs", flags, b"size=64k,mode=0755")
    if sandbox.startswith(path.rstrip("/") + "/"):
        os.makedirs(sandbox, exist_ok=True)
        _call(lc, "mount", f"/proc/self/fd/{keep}".encode(), sandbox.encode(), None, MS_BIND, None)
    _call(lc, "mount", None, path.encode(), None, MS_REMOUNT | MS_RDONLY | flags, None)


def _supervise(child):
    """Forward the grader's interrupt and termination signals to the kernel; exit as it exits."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(number, lambda sig, frame: os.kill(child, sig))
    _, status = os.waitpid(child, 0)
    code = os.waitstatus_to_exitcode(status)
    os._exit(code if code >= 0 else 128 - code)


# --- 4. tamper evidence ---------------------------------------------------------------------------

WATCHED_FUNCTIONS = {
    "numpy": ("allclose", "isclose", "array_equal", "array_equiv", "all", "any", "abs", "asarray", "isnan"),
    "numpy.testing": ("assert_allclose", "assert_array_equal", "assert_array_almost_equal", "assert_almost_equal",
                      "assert_equal", "assert_approx_equal", "assert_array_less", "assert_array_max_ulp"),
    "math": ("isclose", "isnan", "fabs"),
    "builtins": ("abs", "all", "any", "len", "isinstance", "round", "sum", "max", "min", "float", "int", "bool",
                 "AssertionError", "repr", "str"),
    "operator": ("eq", "ne"),
    "course_lib.grading.checks": ("check_close", "check_equal", "check_choice", "check_text", "check_that",
                                  "check_from_scratch", "library_calls", "_references", "_module_of",
                                  "_package_of", "_is_yours", "INDIRECT_NAMES", "compare", "encode", "_check",
                                  "take_records"),
}


def note_originals():
    for module_name, names in WATCHED_FUNCTIONS.items():
        module = sys.modules[module_name]
        for name in names:
            _ORIGINALS[f"{module_name}.{name}"] = getattr(module, name, None)


def tampered():
    """Names of watched functions that are no longer the originals."""
    changed = []
    for qualified, original in _ORIGINALS.items():
        module_name, _, name = qualified.rpartition(".")
        if getattr(sys.modules.get(module_name), name, None) is not original:
            changed.append(qualified)
    return changed


# --- 4b. the machinery that runs a cell ------------------------------------------------------------

# What IPython and ipykernel use to turn a cell's text into running code; a change to any of it can rewrite
# the instructor's tests before they run (an AST transformer that swaps a check's value, an input transformer
# that renames the function a check looks at) or change their records after (an event callback, a trace hook).
SHELL_LISTS = ("ast_transformers", "input_transformers_post", "input_transformers_cleanup")
MANAGER_LISTS = ("line_transforms", "token_transformers")
SHELL_METHODS = ("run_cell", "run_cell_async", "_run_cell", "should_run_async", "transform_cell", "transform_ast",
                 "run_ast_nodes", "run_code", "run_cell_magic", "run_line_magic", "user_expressions")
KERNEL_METHODS = ("execute_request", "do_execute")
RUNNING_BUILTINS = ("compile", "exec", "eval", "__import__")
# Event callbacks that honest notebooks add (matplotlib redrawing after a cell), by module and name.
ALLOWED_CALLBACKS = (("matplotlib.pyplot", "_draw_all_if_interactive"),
                     ("matplotlib_inline.backend_inline", "flush_figures"),
                     ("matplotlib_inline.backend_inline", "configure_once"))
MACHINERY = tuple([f"IPython.{name}" for name in SHELL_LISTS + MANAGER_LISTS + SHELL_METHODS]
                  + ["IPython.events", "IPython.shell", "IPython.user_ns"]
                  + [f"ipykernel.{name}" for name in KERNEL_METHODS]
                  + [f"builtins.{name}" for name in RUNNING_BUILTINS]
                  + ["sys.settrace", "sys.setprofile", "threading.settrace", "threading.setprofile"])
_MACHINERY = {}


def _machinery_state(shell, kernel):
    """{name in MACHINERY: a tuple of objects}; a name whose tuple holds other objects later has been changed."""
    import builtins
    import threading
    manager = shell.input_transformer_manager
    state = {f"IPython.{name}": (getattr(shell, name), *getattr(shell, name)) for name in SHELL_LISTS}
    state.update({f"IPython.{name}": (manager, getattr(manager, name), *getattr(manager, name))
                  for name in MANAGER_LISTS})
    for owner, prefix, names in ((shell, "IPython", SHELL_METHODS), (kernel, "ipykernel", KERNEL_METHODS)):
        for name in names:
            state[f"{prefix}.{name}"] = (type(owner), getattr(type(owner), name), vars(owner).get(name))
    state["IPython.events"] = (shell.events, shell.events.callbacks)
    state["IPython.shell"] = (kernel.shell,)
    state["IPython.user_ns"] = (shell.user_ns, shell.user_global_ns)
    state.update({f"builtins.{name}": (getattr(builtins, name),) for name in RUNNING_BUILTINS})
    state.update({"sys.settrace": (sys.gettrace(),), "sys.setprofile": (sys.getprofile(),),
                  "threading.settrace": (threading.gettrace(),), "threading.setprofile": (threading.getprofile(),)})
    return state


def note_machinery(shell, kernel):
    """Before any student code: remember the machinery, the event callbacks, and how to run code without it."""
    import builtins
    _MACHINERY.update(shell=shell, kernel=kernel, state=_machinery_state(shell, kernel),
                      callbacks={event: tuple(found) for event, found in shell.events.callbacks.items()},
                      compile=builtins.compile, exec=builtins.exec, namespace=shell.user_ns)


def _allowed_callback(callback, known):
    if any(callback is k for k in known):
        return True
    return any(callback is getattr(sys.modules.get(module), name, None) for module, name in ALLOWED_CALLBACKS)


def machinery_changes():
    """Names (from MACHINERY) of what changed since :func:`note_machinery`; ``[]`` when nothing did."""
    if not _MACHINERY:
        return []
    shell, kernel = _MACHINERY["shell"], _MACHINERY["kernel"]
    try:
        now = _machinery_state(shell, kernel)
    except Exception:  # the shell's attributes no longer even read as they did
        return ["IPython.shell"]
    changed = [name for name, before in _MACHINERY["state"].items()
               if len(now[name]) != len(before) or any(a is not b for a, b in zip(now[name], before))]
    callbacks = shell.events.callbacks
    if "IPython.events" not in changed and (
            set(callbacks) != set(_MACHINERY["callbacks"])
            or not all(_allowed_callback(c, _MACHINERY["callbacks"][event])
                       for event, found in callbacks.items() for c in found)):
        changed.append("IPython.events")
    return changed


class TamperingError(RuntimeError):
    """Raised in place of the instructor's code when the machinery that would run it has been changed."""


def run_instructor_code(code):
    """Run the instructor's set-up or test ``code`` in the notebook's namespace, outside IPython's pipeline.

    The grader sends every set-up and test cell through this function. The
    code is compiled and executed with the ``compile`` and ``exec`` noted at
    start-up, so no input or AST transformer sees it; and it is not run at
    all (:class:`TamperingError`) if :func:`machinery_changes` finds that the
    student's code changed the machinery, which the grader then reports.
    """
    changed = machinery_changes()
    if changed:
        raise TamperingError("course-grade: the tests were not run: the notebook changed " + ", ".join(changed))
    namespace = _MACHINERY["namespace"]
    _MACHINERY["exec"](_MACHINERY["compile"](code, "<instructor's code>", "exec"), namespace)


class _Report:
    """What the grader collects after each cell (as JSON, through a user expression)."""

    def _repr_json_(self):
        from . import checks
        return {"records": checks.take_records(), "denied": list(_DENIED[:50]),
                "tampered": tampered() + machinery_changes(), "output_bytes": _OUTPUT[0], "isolation": ISOLATION}


def report():
    return _Report()


# --- output --------------------------------------------------------------------------------------

class _CountedStream:
    """Pass the first ``cap`` characters on to the kernel's stream, then only count."""

    def __init__(self, stream, cap):
        self._stream, self._cap = stream, cap

    def write(self, text):
        _OUTPUT[0] += len(text)
        if _OUTPUT[0] <= self._cap:
            return self._stream.write(text)
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


# --- 5. the audit hook --------------------------------------------------------------------------

def install_audit_hook(config):
    """Refuse, from now on, the operations listed in the module docstring (see the threat model)."""
    import _thread
    import pathlib
    import posix
    import stat
    import subprocess

    import _posixsubprocess

    lstat, readlink, getcwd, getpid = posix.lstat, posix.readlink, posix.getcwd, posix.getpid
    is_link = stat.S_ISLNK
    get_ident = _thread.get_ident
    encoding = sys.getfilesystemencoding()
    path_types = (pathlib.PosixPath, pathlib.PurePosixPath)
    path_str = pathlib.PurePath.__str__
    path_fspath = pathlib.PurePath.__fspath__
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    sandbox = os.path.realpath(config["sandbox"])
    hidden = tuple(os.path.realpath(p) for p in config["hide"])
    readable = tuple(os.path.realpath(p) for p in config["read"]) + (sandbox,)
    system_libraries = tuple(os.path.realpath(p) for p in config["read"] if not p.startswith("/proc"))
    denied, busy = _DENIED, set()

    def inside(path, folders):
        for folder in folders:
            if path == folder or path.startswith(folder + "/") or folder == "/":
                return True
        return False

    def resolve(path):
        """Absolute path with every symlink resolved, using functions captured before student code ran."""
        if isinstance(path, bytes):
            path = path.decode(encoding, "surrogateescape")
        elif not isinstance(path, str):
            if type(path) not in path_types or type(path).__str__ is not path_str or \
                    type(path).__fspath__ is not path_fspath:
                raise PermissionError("only str, bytes and pathlib paths may be opened")
            path = path_str(path)
        if not path.startswith("/"):
            path = getcwd() + "/" + path
        pending, resolved, hops = list(reversed(path.split("/"))), "", 0
        while pending:
            part = pending.pop()
            if part in ("", "."):
                continue
            if part == "..":
                resolved = resolved.rpartition("/")[0]
                continue
            candidate = resolved + "/" + part
            try:
                is_symlink = is_link(lstat(candidate).st_mode)
            except OSError:
                is_symlink = False
            if not is_symlink:
                resolved = candidate
                continue
            hops += 1
            if hops > 40:
                raise PermissionError("too many symbolic links")
            target = readlink(candidate)
            if target.startswith("/"):
                resolved = ""
            pending.extend(reversed(target.split("/")))
        return resolved or "/"

    def is_hidden(path):
        return inside(path, hidden) and not inside(path, (sandbox,))

    def check_proc(path):
        parts = path.split("/")
        if len(parts) > 2 and parts[2].isdigit() and int(parts[2]) != getpid():
            return "looking at another process"
        if len(parts) > 3 and parts[3] in ("root", "cwd", "fd", "mem", "map_files", "environ", "exe"):
            return "opening a process's root, cwd, fd, mem or environ"
        return None

    def may_read(raw):
        if isinstance(raw, int) or raw is None:
            return None
        path = resolve(raw)
        if is_hidden(path):
            return "opening a protected file"
        if path.startswith("/proc/"):
            return check_proc(path)
        if not inside(path, readable):
            return "reading outside the course and the Python installation"
        return None

    def may_write(raw):
        if isinstance(raw, int):
            return None
        path = resolve(raw)
        if path == "/dev/null" or inside(path, (sandbox,)):
            return None
        return "writing outside the sandbox"

    def decide(event, args):
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            writing = (isinstance(flags, int) and flags != -1 and flags & write_flags) or \
                (isinstance(mode, str) and any(c in mode for c in "wax+"))
            return may_write(path) if writing else may_read(path)
        if event in ("os.listdir", "os.scandir", "os.chdir"):
            return may_read(args[0] if args else None)
        if event in ("os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate", "os.utime",
                     "os.setxattr", "os.removexattr", "os.chflags", "os.lchflags", "shutil.rmtree",
                     "sqlite3.connect"):
            if event == "sqlite3.connect" and args and args[0] in (":memory:", b":memory:", ""):
                return None
            return may_write(args[0])
        if event in ("os.rename", "os.link"):
            return may_write(args[0]) or may_write(args[1])
        if event == "os.symlink":
            return "creating a symbolic link"
        if event in PROCESS_EVENTS:
            return "starting a process"
        if event == "os.kill":
            return None if args[0] == getpid() else "signalling another process"
        if event == "os.killpg":
            return "signalling another process"
        if event in SOCKET_EVENTS:
            return "opening a network connection"
        if event in ("gc.get_objects", "gc.get_referrers", "gc.get_referents"):
            return "inspecting the garbage collector"
        if event in ("resource.setrlimit", "resource.prlimit"):
            return "changing resource limits"
        if event == "ctypes.dlopen":
            name = args[0]
            if name is None or (isinstance(name, str) and "/" not in name):
                return None
            try:
                path = resolve(name)
            except PermissionError:
                return "loading native code"
            ok = inside(path, system_libraries) and not inside(path, (sandbox,)) and not is_hidden(path)
            return None if ok else "loading native code"
        if event in ("ctypes.dlsym", "ctypes.dlsym/handle"):
            name = args[1] if len(args) > 1 else None
            allowed = isinstance(name, str) and name.startswith(NATIVE_SYMBOLS_ALLOWED)
            return None if allowed else "calling native code"
        if event == "ctypes.cdata":
            return "reading raw memory"
        return None

    def hook(event, args):
        if event not in WATCHED_EVENTS:
            return
        thread = get_ident()
        if thread in busy:
            return
        busy.add(thread)
        try:
            try:
                problem = decide(event, args)
            except PermissionError as exc:
                problem = str(exc)
            except Exception:
                problem = "an unusual call"
        finally:
            busy.discard(thread)
        if problem:
            if len(denied) < 1000:
                denied.append(problem)
            raise PermissionError(f"course-grade sandbox: {problem} is not allowed while grading ({event})")

    # Process creation that no audit event covers: refuse it the same way.
    def no_processes(*args, **kwargs):
        denied.append("starting a process")
        raise PermissionError("course-grade sandbox: starting a process is not allowed while grading")

    _posixsubprocess.fork_exec = no_processes
    subprocess._fork_exec = no_processes
    sys.addaudithook(hook)


PROCESS_EVENTS = frozenset({"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
                            "os.forkpty", "pty.spawn", "os.startfile", "os.popen", "webbrowser.open"})
SOCKET_EVENTS = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
                           "socket.getaddrinfo",
                           "socket.gethostbyname", "socket.gethostbyaddr", "socket.gethostbyname_ex",
                           "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect",
                           "imaplib.open", "poplib.connect", "nntplib.connect", "telnetlib.Telnet.open"})
WATCHED_EVENTS = frozenset({
    "open", "os.listdir", "os.scandir", "os.chdir", "os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.chown",
    "os.truncate", "os.utime", "os.setxattr", "os.removexattr", "os.chflags", "os.lchflags", "shutil.rmtree",
    "sqlite3.connect", "os.rename", "os.link", "os.symlink", "os.kill", "os.killpg", "gc.get_objects",
    "gc.get_referrers", "gc.get_referents", "resource.setrlimit", "resource.prlimit", "ctypes.dlopen",
    "ctypes.dlsym", "ctypes.dlsym/handle", "ctypes.cdata"}) | PROCESS_EVENTS | SOCKET_EVENTS


# --- the launcher -------------------------------------------------------------------------------

def main(argv=None):
    global ISOLATION
    argv = list(sys.argv[1:] if argv is None else argv)
    config = json.loads(os.environ.pop(CONFIG_ENV))
    ask_to_die_with_parent()
    set_limits(config)
    if config["isolation"] in ("auto", "namespaces"):
        if enter_namespaces(config):
            ISOLATION = "namespaces"
        elif config["isolation"] == "namespaces":
            sys.exit("course-grade sandbox: Linux refused the namespaces (--isolation namespaces)")
    if ISOLATION == "none":
        ISOLATION = "audit hook"
    else:
        ISOLATION = "namespaces + audit hook"

    import numpy  # noqa: F401  (imported before the hook, with its native libraries)
    import numpy.testing  # noqa: F401
    from ipykernel.kernelapp import IPKernelApp

    from . import checks  # noqa: F401

    app = IPKernelApp.instance()
    app.initialize(argv + ["--HistoryManager.enabled=False", "--IPKernelApp.quiet=True"])
    cap = int(config.get("output_mb", 1)) * 2 ** 20
    sys.stdout, sys.stderr = _CountedStream(sys.stdout, cap), _CountedStream(sys.stderr, cap)
    note_originals()
    note_machinery(app.shell, app.kernel)
    install_audit_hook(config)
    os.chdir(config["work"])
    app.start()


if __name__ == "__main__":
    # Run the copy imported under its real name, so that report() sees the state main() sets.
    from course_lib.grading import sandbox
    sandbox.main()
