"""Row blocks: process a large array a slab of rows at a time so that the
temporary (block x something) arrays stay small, whatever ``n`` is."""

# 8 MiB of float64 per temporary block keeps the working set near the CPU caches
# on a laptop while still amortising the Python loop over thousands of rows.
DEFAULT_BLOCK_BYTES = 8 * 2**20


def block_rows(row_width, *, block_bytes=DEFAULT_BLOCK_BYTES, minimum=1):
    """How many rows fit in one block when each row needs ``row_width`` float64 values."""
    return max(minimum, block_bytes // (8 * max(1, int(row_width))))


def row_blocks(n_rows, rows_per_block):
    """Yield ``slice`` objects that cover ``range(n_rows)`` in order, ``rows_per_block`` at a time."""
    rows_per_block = max(1, int(rows_per_block))
    for start in range(0, n_rows, rows_per_block):
        yield slice(start, min(start + rows_per_block, n_rows))
