"""The hand-check form, driven without a browser: fill the boxes, click Check, read the report.

The marks and labels asserted here are the ones the end-to-end browser test relies on:
one ipywidgets Text per entry described by the entry's name, a button described
"Check", and a report with exactly one "✓ right" or "✗ wrong" per filled box whose
wrong lines say "the answer is <value>".
"""
import re

import ipywidgets as widgets
import numpy as np
import pytest

from course_lib import widgets as course_widgets
from course_lib.handcalc import (check_kmeans_iteration, check_linkage_merges, check_scaling, check_silhouette,
                                 examples)
from course_lib.widgets.handcheck import HandCheck, hand_check

ANSWER = re.compile(r"answer\s*(?:is\b|:|=)?\s*([^\s;,()]+)", re.I)  # as tests/test_browser.py reads it


def _text(form):
    """What the report shows, as plain text (tags dropped)."""
    return re.sub(r"<[^>]+>", "\n", form.result.value)


def test_hand_check_is_exported_from_the_widgets_package():
    assert course_widgets.hand_check is hand_check
    assert "hand_check" in dir(course_widgets)


def test_form_layout_for_the_textbook_kmeans_case():
    form = hand_check(examples.textbook_kmeans, step=1)
    assert isinstance(form, HandCheck) and isinstance(form, widgets.VBox)
    assert list(form.boxes) == [f"{p}: cluster" for p in "ABCDEFG"] + [
        "new μ0: x", "new μ0: y", "new μ1: x", "new μ1: y", "WCSS"]
    for label, box in form.boxes.items():
        assert isinstance(box, widgets.Text) and box.description == label and box.placeholder
    assert form.button.description == "Check"
    text_boxes = [w for w in _walk(form) if isinstance(w, widgets.Text)]
    assert text_boxes == list(form.boxes.values())  # no other text inputs in the form
    assert form.result.value == ""  # no marks before the first check
    statement = form.children[0].value
    assert "✓" not in statement and "✗" not in statement and "Iteration 1" in statement


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_click_marks_one_wrong_and_one_right_answer():
    form = hand_check(examples.textbook_kmeans, step=1)
    form.boxes["C: cluster"].value = "1"      # wrong: C is 13 from both, a tie goes to cluster 0
    form.boxes["WCSS"].value = "12.21"        # right: 12.2083
    form.button.click()
    report = form.report
    assert report.n_given == 2 and report.n_right == 1 and report.score == 0.5
    text = _text(form)
    assert text.count("✓ right") == 1 and text.count("✗ wrong") == 1
    assert "the answer is 0" in text and "tie" in text


def test_browser_loop_all_wrong_then_the_shown_answer_right():
    form = hand_check(examples.textbook_kmeans, step=1)
    for box in form.boxes.values():
        box.value = "-999999"
    form.button.click()
    text = _text(form)
    assert text.count("✗") == len(form.boxes) and text.count("✓") == 0
    first = next(iter(form.boxes))
    line = next(line for line in form.report.document().to_text().splitlines() if first in line and "✗" in line)
    answer = ANSWER.search(line).group(1).rstrip(".")
    form.boxes[first].value = answer
    form.button.click()
    text = _text(form)
    assert text.count("✓") == 1 and text.count("✗") == len(form.boxes) - 1


def test_empty_boxes_are_not_marked():
    form = hand_check(examples.textbook_silhouette)
    form.boxes["s((0,0))"].value = "0.868"
    report = form.check()
    assert [e.name for e in report] == ["s((0,0))"] and report.all_correct
    form.boxes["s((0,0))"].value = " "
    assert len(form.check()) == 0 and "No answers given" in form.result.value


@pytest.mark.parametrize("name", list(examples.CASES))
def test_every_case_has_a_working_form(name):
    form = hand_check(name)
    assert form.boxes and form.button.description == "Check"
    case = examples.CASES[name]
    # Fill every box with the exact value from a first (all wrong) check: everything is then right.
    for box in form.boxes.values():
        box.value = "-999999"
    wrong = form.check()
    for entry in wrong:
        form.boxes[entry.name].value = entry.exact_text.strip("()")
    report = form.check()
    assert report.all_correct, (case.name, [(e.name, e.given, e.exact_text) for e in report.wrong])


def test_options_step_ask_method_decimals():
    form = hand_check(examples.textbook_kmeans, step=3, ask=["wcss"], decimals=3)
    assert list(form.boxes) == ["WCSS"]
    form.boxes["WCSS"].value = "8.53"   # right to two decimals, not to three
    assert not form.check().all_correct
    form.boxes["WCSS"].value = "8.525"
    assert form.check().all_correct
    form = hand_check(examples.exercise_9_single_vs_complete, method="complete", step=6)
    assert list(form.boxes) == ["merge 6: clusters", "merge 6: height"]
    form.boxes["merge 6: clusters"].value = "(10, 11)"
    form.boxes["merge 6: height"].value = "11"
    assert form.check().all_correct
    form = hand_check(examples.exercise_10_dbscan, ask="types")
    assert len(form.boxes) == 6 and all(label.endswith(": type") for label in form.boxes)


def test_hand_check_with_a_checker_and_its_problem():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 5.0], [6.0, 5.0]])
    form = hand_check(check_kmeans_iteration, points=X, centroids=[[0, 0], [6, 5]], ask="wcss")
    form.boxes["WCSS"].value = "1"
    assert form.check().all_correct
    form = hand_check(check_silhouette, points=X, labels=[0, 0, 1, 1], index=0, names=list("ABCD"))
    assert list(form.boxes) == ["a(A)", "b(A)", "s(A)"]
    form = hand_check(check_linkage_merges, points=X, method="average")
    assert len(form.boxes) == 6
    form = hand_check(check_scaling, table=[[1, 10], [3, 30]], method="standard")
    form.boxes["row 0, column 0"].value = "-1"
    assert form.check().all_correct


@pytest.mark.parametrize("call, error, words", [
    (lambda: hand_check("no_such_case"), ValueError, "Unknown case"),
    (lambda: hand_check(print), TypeError, "needs a case"),
    (lambda: hand_check([1, 2]), TypeError, "needs a case"),
    (lambda: hand_check(examples.textbook_kmeans, points=[[0, 0]]), TypeError, "already holds"),
    (lambda: hand_check(examples.textbook_kmeans, step=7), ValueError, "step must be between"),
    (lambda: hand_check(examples.textbook_kmeans, ask="merges"), ValueError, "asks for"),
    (lambda: hand_check(check_silhouette, points=[[0], [1]], labels=[0, 1], index=0, method="ward"), TypeError,
     "method"),
])
def test_bad_requests_raise_clear_errors(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_a_case_form_title_does_not_repeat_itself():
    from course_lib.handcalc import examples
    assert examples.exercise_7_silhouette.form().title == "Silhouette of (1, 0)"
    assert examples.em_one_iteration.form().title == "One EM iteration by hand"
    assert examples.textbook_kmeans.form(step=1).title == "k-means by hand on seven points: k-means, iteration 1"
