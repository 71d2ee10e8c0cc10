"""Numbers and tables as a student reads them: aligned plain text and HTML for Jupyter.

Every trace and every check report is built from the same few blocks (a heading,
a paragraph, a table) collected in a :class:`Document`, which renders itself both
ways. Numbers are shown rounded to four decimals with trailing zeros dropped
(``13``, ``0.3125``, ``1.8333``), the way one writes them on paper.
"""

import html

import numpy as np

DISPLAY_DECIMALS = 4
AXES = ("x", "y", "z")


def fmt(value, decimals=DISPLAY_DECIMALS):
    """``value`` rounded to ``decimals`` places, without trailing zeros: 13, 0.3125, 1.8333.

    A value that is exact with up to ``decimals + 2`` places is shown exactly (3.40625, not
    3.4062), so that halves and quarters read as one computes them by hand.
    """
    value = float(value)
    if abs(round(value, decimals + 2) - value) <= 10.0 ** -(decimals + 6):
        decimals += 2
    value = round(value, decimals)
    if value == 0:
        value = 0.0  # no "-0"
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_point(row):
    """A point as written in the lessons: ``3`` in one dimension, ``(3, 4)`` otherwise."""
    row = np.atleast_1d(row)
    if row.size == 1:
        return fmt(row[0])
    return "(" + ", ".join(fmt(v) for v in row) + ")"


def fmt_set(names):
    return "{" + ", ".join(str(n) for n in names) + "}"


def axis_name(feature, n_features):
    """Name of a coordinate: x, y, z for up to three features, else [0], [1], ..."""
    if n_features <= len(AXES):
        return AXES[feature]
    return f"[{feature}]"


def default_names(n):
    """P0, P1, ...: the names points get when none are given."""
    return [f"P{i}" for i in range(n)]


def _is_number(text):
    try:
        float(str(text).replace("−", "-"))
    except ValueError:
        return False
    return True


class Table:
    """A titled table of already formatted cells; numeric columns are right-aligned.

    Parameters
    ----------
    columns : list of str
        Header of each column.
    rows : list of list
        Cells (converted with ``str``).
    title : str, optional
    notes : list of str, optional
        Lines printed under the table.
    cell_style : callable, optional
        ``cell_style(column, text)`` returns extra CSS for a body cell in HTML (e.g. a colour).
    """

    def __init__(self, columns, rows, *, title=None, notes=(), cell_style=None):
        self.columns = [str(c) for c in columns]
        self.rows = [[str(cell) for cell in row] for row in rows]
        self.title = title
        self.notes = list(notes)
        self.cell_style = cell_style
        self.numeric = [bool(self.rows) and all(_is_number(row[j]) or row[j] in ("", "—") for row in self.rows)
                        for j in range(len(self.columns))]

    def to_text(self):
        widths = [max([len(c)] + [len(row[j]) for row in self.rows]) for j, c in enumerate(self.columns)]

        def line(cells):
            parts = [cell.rjust(w) if numeric else cell.ljust(w)
                     for cell, w, numeric in zip(cells, widths, self.numeric)]
            return "  ".join(parts).rstrip()

        lines = [self.title] if self.title else []
        lines += [line(self.columns), "  ".join("-" * w for w in widths)]
        lines += [line(row) for row in self.rows]
        lines += self.notes
        return "\n".join(lines)

    def to_html(self):
        def cell(tag, text, numeric, extra=""):
            align = "right" if numeric else "left"
            return f'<{tag} style="text-align:{align}; padding:2px 8px;{extra}">{html.escape(text)}</{tag}>'

        def style(column, text):
            return self.cell_style(column, text) if self.cell_style else ""

        parts = ['<table style="border-collapse:collapse; margin:4px 0 8px 0">']
        if self.title:
            parts.append(f'<caption style="text-align:left; font-weight:bold">{html.escape(self.title)}</caption>')
        parts.append("<thead><tr>" + "".join(cell("th", c, n) for c, n in zip(self.columns, self.numeric))
                     + "</tr></thead><tbody>")
        for row in self.rows:
            parts.append("<tr>" + "".join(cell("td", c, n, style(j, c))
                                          for j, (c, n) in enumerate(zip(row, self.numeric))) + "</tr>")
        parts.append("</tbody></table>")
        parts += [f"<div>{html.escape(note)}</div>" for note in self.notes]
        return "".join(parts)


class Document:
    """Headings, paragraphs and tables in order; renders as plain text or HTML."""

    def __init__(self):
        self.blocks = []

    def heading(self, text, level=3):
        self.blocks.append(("heading", text, level))
        return self

    def text(self, text):
        self.blocks.append(("text", text, None))
        return self

    def table(self, table):
        self.blocks.append(("table", table, None))
        return self

    def extend(self, other):
        self.blocks.extend(other.blocks)
        return self

    def to_text(self):
        parts = []
        for kind, content, level in self.blocks:
            if kind == "heading":
                underline = "=" if level <= 2 else "-"
                parts.append(f"{content}\n{underline * len(content)}")
            elif kind == "text":
                parts.append(content)
            else:
                parts.append(content.to_text())
        return "\n\n".join(parts)

    def to_html(self):
        parts = []
        for kind, content, level in self.blocks:
            if kind == "heading":
                parts.append(f"<h{level + 1}>{html.escape(content)}</h{level + 1}>")
            elif kind == "text":
                parts.append(f"<p>{html.escape(content)}</p>")
            else:
                parts.append(content.to_html())
        return '<div class="course-handcalc">' + "".join(parts) + "</div>"
