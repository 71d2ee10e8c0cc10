"""Exercises and autograding: one solutions notebook per topic, a generator, and ``course-grade``.

* :mod:`~course_lib.grading.generate` (``make exercises``) writes ``exercises/``
  from ``solutions/`` in nbgrader's conventions (``### BEGIN SOLUTION`` ...,
  ``### BEGIN HIDDEN TESTS`` ..., ``nbgrader`` cell metadata).
* :mod:`~course_lib.grading.checks` is what test cells call: a helpful message
  for a student checking their work, a recorded value for the grader.
* ``course-grade`` (:mod:`~course_lib.grading.__main__`, :func:`~course_lib.grading.grader.grade`)
  grades a folder of submissions into ``grades.csv`` and feedback files.

Threat model
============

**Who and what.** Students submit notebooks; the instructor runs ``course-grade``
on their own machine, as their own user. A submission may be broken by accident
(syntax errors, exceptions, infinite loops, huge allocations, floods of output,
``sys.exit()``) or written to cheat or to disrupt: to earn marks it did not
earn, to learn the hidden tests or the instructor's solutions, to change
another student's grade or the gradebook, or to crash the run. The instructor's
files (solutions, tests, this package) are trusted; everything a submission
contains, including its notebook JSON and its nbgrader metadata, is not.

**What is defended, and how.**

1. *Marks are decided outside the student's process.* Every check in a test
   cell records the value it was given; the grader compares those values with
   the values the same checks recorded when the instructor's own solutions ran
   (the reference run), in the grader's process, with its own NumPy
   (:func:`checks.compare`). Expected values of hidden checks never enter a
   student's kernel (hidden tests carry inputs, not answers; a test enforces
   this for our notebooks), nor do the library-computed expectations of any
   check (``expected=lambda: ...`` is removed from the tests a student's
   kernel gets). So replacing ``numpy.allclose``, ``numpy.testing``,
   ``AssertionError`` or the check functions cannot turn a wrong answer into
   marks: at most it records a value, and it must be the right one.
   Tampering with the watched comparison functions is also detected and shown
   in the status column.
2. *The tests run as the instructor wrote them.* Set-up and test cells are
   compiled and run by the sandbox's own runner
   (:func:`sandbox.run_instructor_code`), outside IPython's input and AST
   transformers, with the ``compile`` and ``exec`` noted before the student's
   code ran. Before each, the runner checks that the machinery that runs a
   cell is unchanged (IPython's transformer lists and event callbacks, the
   shell's and kernel's methods that run a cell, ``compile``/``exec``/``eval``/
   ``__import__``, trace and profile hooks) and refuses to run the tests if
   it is not; the same check is in the report after every cell. A change,
   seen after any cell, costs every question whose tests ran from then on,
   and shows as ``tampering: <what> changed``.
3. *Tests come from the solutions, never the submission.* Deleting, editing or
   reordering test cells changes nothing; answer cells are matched by
   ``grade_id`` (a deleted one becomes the unanswered stub, reordered ones are
   run in the instructor's order); the student's nbgrader metadata (points,
   flags) is ignored.
4. *One question cannot sink another.* Each question scores on its own; an
   answer that raises, loops or kills the kernel costs that question (and any
   that depend on it); after a kernel death the grader starts a new kernel,
   replays the cells that had succeeded and carries on (at most 3 restarts).
5. *Resource abuse stays in its own process.* Each submission runs in its own
   kernel process and session with hard limits: address space (``--memory-mb``,
   memory bombs end in ``MemoryError`` or a dead kernel), CPU seconds, size of
   written files, no core dumps; a per-cell timeout (``--timeout``), interrupt
   then kill of the whole process group; a time budget per submission. Output
   is never collected (the grader does not subscribe to the kernel's output
   channel), and replies over 64 MB are refused by ZeroMQ.
6. *Files.* Each kernel works in a fresh temporary copy of only that student's
   folder (regular files only; symlinks are skipped), with a fresh home folder.
   An audit hook (installed before student code, not removable) refuses:
   opening the solutions, the submissions, the feedback folder, the grader's
   state folder, the gradebook or another sandbox; reading anything outside the Python
   installation, the course's library and data and the student's folder;
   writing, renaming or deleting outside the sandbox; symlinks; starting
   processes; signalling other processes; network connections;
   ``gc.get_objects``; changing limits; loading native code except the installed
   libraries' BLAS/OpenMP thread controls. Where Linux allows unprivileged user
   namespaces (``--isolation auto``, the default; ``namespaces`` to insist), the
   kernel additionally runs in its own user, mount, network and PID namespaces:
   those folders are covered by empty read-only mounts (locked by a nested user
   namespace), there is no network, the student's folder is ``noexec``, and the
   kernel sees no other process and takes every process it could start down
   with it. Results, feedback and the gradebook are written by the grader
   only, atomically (temporary file + rename). The grader's state (the
   reference run's values, which include every hidden expected value, and
   the saved results) lives in its own folder (``--state``), never in the
   feedback folder, which holds only the files handed out to students.
7. *Hidden tests stay hidden.* They are sent to the kernel only after every
   cell the student wrote has run once (phase 2), and nothing the kernel says
   during phase 2 reaches the feedback: a failed hidden check is reported by
   its label (from the reference run) and, for an exception, by the name of a
   built-in exception class at most. Feedback never contains test code, and
   student text in it is cut to one line and escaped; the CSV status column
   uses the grader's words only (no formula injection).

**What is not defended (be aware).**

* Without namespaces (``--isolation hook``, or where Linux refuses them, as in
  some containers and on Ubuntu's default AppArmor policy), isolation rests on
  the audit hook, which lives inside the student's process. Python code that
  corrupts memory (``ctypes`` is importable and not every ``ctypes`` operation
  raises an audit event), loads a native extension it wrote, or races a
  ``pathlib`` object between Python's check and its use can get around it:
  then it can read the solutions (and so compute right answers) or files the
  instructor's user can read, and signal the grader. Use namespaces, or run the
  grader in a container or as a separate user, for high-stakes grading.
* Even with namespaces, the kernel runs as the instructor's user ID:
  a kernel-level exploit, or exhausting the user's process limit from inside
  the sandbox, is not contained; nor is filling the temporary disk (each file is
  capped at 32 MB, but not their number).
* Everything in a student's kernel is the student's once their code has run:
  the tamper checks above are made in that process. Code written against the
  grader itself (replacing the sandbox module's own functions, a background
  thread that changes the kernel between the runner's check and the tests, a
  function that rebinds its own name when a test calls it) can still change
  what a check records. What it can record is a value its own code computed,
  so for a question checked by value this is no more than computing the
  answer with a library (see below); it does defeat the from-scratch check.
* Marks for "implement X from scratch" tasks can be earned by calling a library
  that does X (scikit-learn is installed); the grader checks values, not method.
  :func:`checks.check_from_scratch` looks at the function's code for names from
  scikit-learn, SciPy and ``course_lib`` (and the student's own helpers it
  calls), but runs in the student's kernel on code the student wrote: a
  deterrent an instructor can read around, not a proof.
  Likewise a check whose expected value is public (a visible test's literal) can
  be satisfied by typing that value; every question therefore has hidden checks.
* Phase-1 error messages of the student's own code are shown in the feedback
  (one line each); they can carry anything that code could read before the
  hidden tests arrived, which with the read policy above is the course library
  and their own files.
* Timing and the pass/fail pattern of hidden checks are visible to a student
  who submits many times.
"""

__all__ = ["grade", "Options", "load_assignment", "make_exercise"]


def __getattr__(name):
    # Lazy, so that ``python -m course_lib.grading.sandbox`` imports nothing heavy before its set-up.
    if name in ("grade", "Options"):
        from . import grader
        return getattr(grader, name)
    if name in ("load_assignment", "make_exercise"):
        from . import assignment
        return getattr(assignment, name)
    raise AttributeError(f"module 'course_lib.grading' has no attribute {name!r}")
