"""Checks for exercise notebooks: a helpful message for the student, evidence for the grader.

Test cells call these instead of a bare ``assert``::

    from course_lib.grading.checks import check_close, check_that
    check_that("seven scaled ages", len(ages_scaled) == 7, hint="one value per employee", value=ages_scaled)
    check_close("scaled ages", ages_scaled, expected=[0.8095, 0, 0, 0.5238, 0.6190, 0.3810, 1], atol=5e-4)
    ### BEGIN HIDDEN TESTS
    check_close("scaled ages, exact", ages_scaled, atol=5e-4)
    ### END HIDDEN TESTS

In a notebook (a student self-checking, or an instructor running the solutions),
a check with an ``expected`` value compares and, on a mismatch, raises an
``AssertionError`` that says what was expected and what the student returned;
a failing ``check_that`` says its hint and, given ``value=``, what the student
gave.

Under ``course-grade`` every check also *records* the value it was given. The
grader runs the instructor's solutions once (the *reference* run) and every
student's notebook with the same test code; a question scores only if each
of its checks recorded, in the student's kernel, a value that matches the
reference run's value for the same check. That comparison happens in the
grader's own process with :func:`compare`, so a student who replaces
``numpy.allclose``, ``numpy.testing`` or these functions themselves cannot
make a wrong answer pass: the most tampering can do is record a value, and it
must be the right one.

Rules for writing hidden tests (``tests/test_exercises.py`` enforces them):

* never put an answer in a hidden test (no ``expected=`` literal, no MCQ letter):
  the grader takes the expected value from the reference run, and anything
  written in a hidden test is visible to the student's code while it runs;
* an ``expected`` computed by a library (scikit-learn, ``course_lib``) is fine,
  written as a lambda: ``expected=lambda: MinMaxScaler().fit_transform(X)``;
  it verifies the instructor's solution in the reference run, and the grader
  removes it from the tests a student's kernel gets
  (:func:`~course_lib.grading.plan.without_computed_expectations`);
* use ``check_that`` (a bare True/False, which anyone can fake) only for
  visible shape-and-type hints; every question needs at least one hidden
  value check.

For "implement X from scratch" tasks, ``check_from_scratch(label, function)``
records which names from scikit-learn, SciPy or ``course_lib`` the student's
function uses (:func:`library_calls`); the reference run's answer is ``[]``.
"""

import base64
import math
import os
import re
import types

import numpy as np

MODE_ENV = "COURSE_GRADE_MODE"       # unset in notebooks; 'reference' or 'student' under course-grade
MAX_ELEMENTS = 1_000_000             # a recorded value larger than this is refused
MAX_TEXT = 10_000
LIBRARIES = ("sklearn", "scipy", "course_lib")   # what a from-scratch function may not use
# Names that reach a module without naming it (``__import__("sk" + "learn")``, ``globals()["KMeans"]``...).
INDIRECT_NAMES = frozenset({"__import__", "import_module", "exec", "eval", "globals", "vars", "modules",
                            "__builtins__", "builtins"})

_records = []


def check_close(label, actual, expected=None, *, rtol=1e-7, atol=0.0):
    """Numbers (a scalar or an array of any shape) equal to ``expected`` within ``atol + rtol * |expected|``."""
    _check("close", label, actual, expected, {"rtol": float(rtol), "atol": float(atol)})


def check_equal(label, actual, expected=None):
    """Exactly equal: integers, labels, strings, tuples, arrays of the same shape."""
    _check("equal", label, actual, expected, {})


def check_choice(label, answer, expected=None):
    """A multiple-choice answer: letters, in any case or order (``"b"``, ``"A, C"``, ``["a", "c"]``)."""
    _check("choice", label, answer, expected, {})


def check_text(label, answer, expected=None):
    """A one-word or one-phrase answer, compared ignoring case, spacing and punctuation."""
    _check("text", label, answer, expected, {})


_NO_VALUE = object()


def check_that(label, condition, hint="", *, value=_NO_VALUE):
    """A visible yes/no hint (``check_that("7 values", len(x) == 7, value=x)``); never decisive on its own.

    ``hint`` says what was expected; ``value``, when given, is what the
    condition is about, and a failing check also says what it was, in one
    short line: ``7 values: one per employee (you gave [0.5, 1])``.
    """
    options = {"hint": str(hint)}
    if value is not _NO_VALUE:
        options["gave"] = _describe_briefly(value)
    _check("true", label, bool(condition), True, options)


def check_from_scratch(label, function, *, packages=LIBRARIES):
    """``function`` uses nothing from ``packages``, nor do the functions and classes of yours it calls.

    ``check_from_scratch("dbscan uses no library", dbscan)`` records
    :func:`library_calls` (``[]`` when ``function`` is plain Python and NumPy);
    the grader compares it with the reference run's ``[]``. In a notebook it
    names what to remove. Like any check it may stand in a hidden test. It is
    a deterrent, not a proof: see :func:`library_calls` for what it cannot see.
    """
    used = library_calls(function, packages)
    _check("equal", label, used, lambda: [], {}, shown=True,
           hint=f"it uses {', '.join(used)}; write it with plain Python and NumPy only")


def _check(kind, label, actual, expected, options, *, shown=None, hint=None):
    """Record (under the grader) and compare (unless a student's kernel would have to evaluate ``expected``).

    ``shown`` says whether the expected value is public (default: a literal
    ``expected`` is, a callable's result is not); ``hint`` replaces the
    mismatch message in the ``AssertionError``.
    """
    mode = os.environ.get(MODE_ENV)
    if mode:
        public = (expected is not None and not callable(expected)) if shown is None else bool(shown)
        _records.append({"label": str(label), "kind": kind, "value": encode(actual), "options": options,
                         "shown": public})
    if expected is None:
        return
    if callable(expected):
        if mode == "student":
            return
        expected = expected()
    problem = compare(kind, expected, actual, options)
    if problem:
        raise AssertionError(f"{label}: {hint or problem}")


def take_records():
    """The records since the last call (the grader collects them after each test cell)."""
    taken = list(_records)
    _records.clear()
    return taken


# --- from scratch ----------------------------------------------------------------------------------

def library_calls(function, packages=LIBRARIES):
    """The names from ``packages`` that ``function`` uses, directly or through code of yours: ``[]`` if none.

    Looks, without running anything, at the names ``function``'s code refers
    to (including nested functions, lambdas and comprehensions), resolved in
    its global namespace, and at its default arguments and closure. A name is
    reported when it is a module of ``packages``, comes from one (``KMeans``
    imported from ``sklearn.cluster``), is imported inside the function
    (``import scipy.spatial``), or can reach a module without naming it
    (``__import__``, ``importlib.import_module``, ``exec``, ``eval``,
    ``globals()``, ``vars()``, ``sys.modules``, ``builtins``). Functions and
    classes defined where ``function`` was (a notebook's ``__main__``), and
    instances of such classes, are followed: their methods, static and class
    methods and properties are looked at in turn.

    This is a deterrent against calling a library in an "implement X from
    scratch" task, not a proof that the function does not. It cannot see
    a library object passed in as an argument or reached through an
    attribute of an object it does not report (``getattr(np, "ma")``,
    ``some_object.__class__.__module__``...), code in another module of the
    student's (a helper imported from their own file is not followed), or
    native code. A student who works around it on purpose breaks the rule
    the exercise states, in code an instructor can read.

    Examples
    --------
    >>> import numpy as np
    >>> def centroid(X):
    ...     return np.mean(X, axis=0)
    >>> library_calls(centroid)
    []
    >>> def centroid_via_library(X):
    ...     from sklearn.cluster import KMeans
    ...     return KMeans(n_clusters=1).fit(X).cluster_centers_[0]
    >>> library_calls(centroid_via_library)
    ['sklearn.cluster']
    """
    packages = tuple(packages)
    home = getattr(function, "__module__", None)
    found, seen, todo = set(), [], [function]
    while todo:
        current = todo.pop()
        if any(current is done for done in seen):
            continue
        seen.append(current)
        for name, value in _references(current):
            if name.partition(".")[0] in packages or name in INDIRECT_NAMES or _package_of(value) in packages:
                found.add(name or _name_of(value))
            elif _is_yours(value, home):
                todo.append(value)
    return sorted(found)


def _references(thing):
    """``(name, value)`` pairs of what a function (code, defaults, closure) or a class (bases, members) uses.

    Kinds are told by ``type()``, never by the object's own attributes, which a student's class controls.
    """
    kind = type(thing)
    if issubclass(kind, (staticmethod, classmethod)):
        return [("", thing.__func__)]
    if issubclass(kind, property):
        return [("", part) for part in (thing.fget, thing.fset, thing.fdel) if part is not None]
    if issubclass(kind, type):
        return [(base.__name__, base) for base in thing.__bases__] + list(vars(thing).items())
    if kind is not types.FunctionType:
        return [("", kind)]                  # an instance of a class of yours: look at the class
    namespace, builtin = thing.__globals__, thing.__builtins__
    pairs, codes = [], [thing.__code__]
    while codes:
        code = codes.pop()
        codes += [const for const in code.co_consts if type(const) is types.CodeType]
        pairs += [(name, namespace.get(name, builtin.get(name) if type(builtin) is dict else None))
                  for name in code.co_names]
    carried = list(thing.__defaults__ or ()) + list((thing.__kwdefaults__ or {}).values())
    carried += [cell.cell_contents for cell in thing.__closure__ or () if _filled(cell)]
    pairs += [(_name_of(value), value) for value in carried]
    return pairs


def _filled(cell):
    try:
        cell.cell_contents
    except ValueError:  # a closure variable not assigned yet
        return False
    return True


def _module_of(value):
    """The module a module is, or a function, class or instance comes from ('' if none)."""
    try:
        name = value.__name__ if type(value) is types.ModuleType else getattr(value, "__module__", None)
    except Exception:  # an object whose attributes misbehave comes from nowhere we know
        return ""
    return name if type(name) is str else ""


def _package_of(value):
    return _module_of(value).partition(".")[0]


def _name_of(value):
    try:
        name = getattr(value, "__name__", None)
    except Exception:
        name = None
    return name if type(name) is str else type(value).__name__


def _is_yours(value, home):
    """A function or class defined in ``home`` (where the checked function was), an instance of such a class,
    or a static method, class method or property (met only among the members of a class of yours)."""
    kind = type(value)
    if kind is types.FunctionType or issubclass(kind, type):
        return _module_of(value) == home
    if issubclass(kind, (staticmethod, classmethod, property)):
        return True
    return _module_of(kind) == home != "builtins"


# --- comparing ---------------------------------------------------------------------------------

def compare(kind, expected, actual, options, *, reveal=True):
    """``None`` when ``actual`` passes a check of ``kind`` against ``expected``, else a one-line reason.

    ``reveal=False`` keeps the expected value out of the message (the grader's
    wording for checks whose expected value the student has not been shown).
    """
    try:
        if kind == "close":
            return _compare_close(expected, actual, options, reveal)
        if kind == "equal":
            return None if _equal(expected, actual) else _mismatch(expected, actual, reveal)
        if kind == "choice":
            return _compare_choice(expected, actual, reveal)
        if kind == "text":
            wanted, given = _normal_text(expected), _normal_text(actual)
            if given is None:
                return f"expected a short text answer, you gave {_describe(actual)}"
            return None if wanted == given else _mismatch(expected, actual, reveal)
        if kind == "true":
            if actual is True:
                return None
            message = options.get("hint") or "this condition is not met"
            return f"{message} (you gave {options['gave']})" if options.get("gave") else message
    except Exception as exc:  # a value so odd that comparing it fails is a wrong answer, not a crash
        return f"your answer could not be compared ({type(exc).__name__})"
    return f"unknown check kind {kind!r}"


def _as_numbers(value):
    if value is None or isinstance(value, (str, bytes, dict, set)):
        return None
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array


def _compare_close(expected, actual, options, reveal):
    wanted = np.asarray(expected, dtype=float)
    given = _as_numbers(actual)
    if given is None:
        return f"expected {_shape_words(wanted)}, you returned {_describe(actual)}"
    if given.shape != wanted.shape:
        return f"expected {_shape_words(wanted)}, you returned {_shape_words(given)}"
    if np.allclose(given, wanted, rtol=options.get("rtol", 1e-7), atol=options.get("atol", 0.0), equal_nan=True):
        return None
    if not reveal:
        return "your numbers do not match the expected values"
    if wanted.ndim == 0:
        return f"expected {_format(wanted)}, you returned {_format(given)}"
    gap = np.abs(given - wanted)
    gap[np.isnan(gap)] = np.inf
    worst = tuple(int(i) for i in np.unravel_index(int(np.argmax(gap)), gap.shape))
    where = worst[0] if len(worst) == 1 else worst
    return (f"expected {_format(wanted)}, you returned {_format(given)} (largest difference at index {where}: "
            f"expected {_format(wanted[worst])}, got {_format(given[worst])})")


def _equal(expected, actual):
    if isinstance(expected, np.ndarray) or isinstance(actual, np.ndarray):
        if isinstance(expected, (str, dict, set)) or isinstance(actual, (str, dict, set)):
            return False
        wanted, given = np.asarray(expected), np.asarray(actual)
        return wanted.shape == given.shape and bool(np.all(wanted == given))
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        return len(expected) == len(actual) and all(_equal(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, bool) != isinstance(actual, bool):
        return False
    result = expected == actual
    return result if isinstance(result, bool) else False


def _letters(answer):
    """``"b"``, ``"B)"``, ``"A, C"``, ``"AC"`` or ``["a", "c"]`` -> ``{"A", "C"}``; None if not letters."""
    if isinstance(answer, str):
        tokens = re.split(r"[\s,;/&+]+", answer.strip())
    elif isinstance(answer, (list, tuple, set, frozenset)) and all(isinstance(a, str) for a in answer):
        tokens = [a.strip() for a in answer]
    else:
        return None
    letters = set()
    for token in tokens:
        token = token.strip("().:")
        if len(token) == 1 and token.isalpha():
            letters.add(token.upper())
        elif 1 < len(token) <= 6 and token.isalpha() and token.isupper():
            letters.update(token)
        elif token:
            return None
    return frozenset(letters) or None


def _compare_choice(expected, actual, reveal):
    wanted, given = _letters(expected), _letters(actual)
    if given is None:
        return f"expected letters such as 'B' or 'A, C', you gave {_describe(actual)}"
    if wanted == given:
        return None
    shown = ", ".join(sorted(given))
    return f"{shown} is not the right choice" + (f" (the answer is {', '.join(sorted(wanted))})" if reveal else "")


def _normal_text(value):
    if not isinstance(value, str):
        return None
    words = re.sub(r"[^\w\s.-]", " ", value.casefold()).replace("_", " ").split()
    return " ".join(w.strip(".-") for w in words if w.strip(".-")) or None


def _mismatch(expected, actual, reveal):
    if reveal:
        return f"expected {_format(expected)}, you returned {_format(actual)}"
    return f"your answer {_format(actual)} is not the expected one"


def _shape_words(array):
    if array.ndim == 0:
        return "a single number"
    if array.ndim == 1:
        return f"{array.shape[0]} numbers (shape {array.shape})"
    return f"an array of shape {array.shape}"


def _describe(value):
    if value is None:
        return "None (is a `return` missing?)"
    if value is Ellipsis:
        return "... (the answer is not filled in yet)"
    return f"a {type(value).__name__} ({_format(value)})"


def _describe_briefly(value):
    """What a student gave, for a check_that message: never raises, whatever the value."""
    try:
        return _describe(value) if value is None or value is Ellipsis else _format(value, limit=80)
    except Exception:  # a value whose repr fails is described by its type
        return f"a {type(value).__name__}"


def _format(value, limit=160):
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, np.ndarray):
        text = np.array2string(value, separator=", ", threshold=12, edgeitems=3, max_line_width=10_000,
                               formatter={"float_kind": lambda number: f"{number:.4g}"})
    elif isinstance(value, (float, np.floating)):
        text = f"{float(value):.6g}"
    elif isinstance(value, np.generic):
        text = repr(value.item())
    elif type(value) in (list, tuple):   # item by item: NumPy 2 would write [np.float64(0.5), ...]
        items = ", ".join(_format(item, limit) for item in value[:limit])
        text = f"[{items}]" if type(value) is list else f"({items}{',' if len(value) == 1 else ''})"
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- recording values as plain JSON (the grader decodes them without trusting them) --------------

def encode(value, _budget=None):
    """A JSON-safe description of ``value``; arrays as raw little-endian bytes, so floats are exact."""
    budget = _budget if _budget is not None else [MAX_ELEMENTS]
    budget[0] -= 1
    if budget[0] < 0:
        return {"__too_large__": True}
    if value is None or isinstance(value, (bool, str)):
        return value[:MAX_TEXT] if isinstance(value, str) else value
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, int):
        return value if abs(value) < 2**53 else {"__float__": float(value).hex()}
    if isinstance(value, float):
        return value if math.isfinite(value) else {"__float__": value.hex()}
    if hasattr(value, "to_numpy") and not isinstance(value, np.ndarray):
        try:
            value = value.to_numpy()
        except Exception:
            return {"__unsupported__": type(value).__name__}
    if isinstance(value, np.ndarray):
        return _encode_array(value, budget)
    if isinstance(value, (list, tuple)):
        return [encode(item, budget) for item in value]
    if isinstance(value, (set, frozenset)):
        return {"__set__": sorted((encode(item, budget) for item in value), key=repr)}
    if isinstance(value, dict):
        return {"__dict__": [[encode(k, budget), encode(v, budget)] for k, v in value.items()]}
    return {"__unsupported__": type(value).__name__}


def _encode_array(array, budget):
    budget[0] -= array.size
    if budget[0] < 0:
        return {"__too_large__": True}
    kinds = {"b": "|b1", "i": "<i8", "u": "<i8", "f": "<f8"}
    if array.dtype.kind in kinds:
        data = np.ascontiguousarray(array, dtype=kinds[array.dtype.kind])
        return {"__ndarray__": base64.b64encode(data.tobytes()).decode("ascii"),
                "dtype": kinds[array.dtype.kind], "shape": list(array.shape)}
    return {"__list_array__": encode(array.tolist(), budget), "shape": list(array.shape)}


def decode(data, _depth=0):
    """Inverse of :func:`encode`, for untrusted input: anything malformed decodes to an ``Unsupported``."""
    if _depth > 50:
        return Unsupported("nested too deeply")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(item, _depth + 1) for item in data]
    if not isinstance(data, dict):
        return Unsupported(type(data).__name__)
    if "__ndarray__" in data:
        try:
            dtype = {"|b1": np.bool_, "<i8": "<i8", "<f8": "<f8"}[data["dtype"]]
            shape = tuple(int(n) for n in data["shape"])
            flat = np.frombuffer(base64.b64decode(data["__ndarray__"], validate=True), dtype=dtype)
            return flat.reshape(shape).copy()
        except Exception:
            return Unsupported("malformed array")
    if "__list_array__" in data:
        items = decode(data["__list_array__"], _depth + 1)
        return np.array(items, dtype=object) if isinstance(items, list) else Unsupported("malformed array")
    if "__float__" in data:
        try:
            return float.fromhex(data["__float__"])
        except Exception:
            return Unsupported("malformed number")
    if "__set__" in data and isinstance(data["__set__"], list):
        items = [decode(item, _depth + 1) for item in data["__set__"]]
        try:
            return frozenset(items)
        except TypeError:
            return Unsupported("set")
    if "__dict__" in data and isinstance(data["__dict__"], list):
        try:
            return {decode(k, _depth + 1): decode(v, _depth + 1) for k, v in data["__dict__"]}
        except Exception:
            return Unsupported("dict")
    if "__too_large__" in data:
        return Unsupported("too large to record")
    return Unsupported(str(data.get("__unsupported__", "value"))[:40])


class Unsupported:
    """A value the student's kernel could not describe (or described in a malformed way)."""

    def __init__(self, what):
        self.what = what

    def __eq__(self, other):
        return False

    __hash__ = object.__hash__

    def __repr__(self):
        return f"<{self.what}>"
