"""The grouped lookup tables add, in one sparse product, what each table gives alone."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorkit.engine.lookup import LookupTable, LookupTables


@st.composite
def tables_and_rows(draw: st.DrawFn) -> tuple[list[LookupTable], int, int, np.ndarray]:
    n = draw(st.integers(1, 12))
    m = draw(st.integers(0, 15))
    tables = []
    for seed in draw(st.lists(st.integers(0, 2**16), max_size=4)):
        rng = np.random.default_rng(seed)
        ka, kb = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        table = rng.integers(0, 50, (ka, kb)).astype(np.float32) / 4  # exact in float32
        tables.append(LookupTable(rng.integers(0, ka, n), rng.integers(0, kb, m), table))
    rows = np.array(draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n)))
    return tables, n, m, rows


@settings(max_examples=150, deadline=None)
@given(tables_and_rows())
def test_one_product_adds_each_table_at_its_keys(
    case: tuple[list[LookupTable], int, int, np.ndarray],
) -> None:
    tables, _, m, rows = case
    start = np.arange(len(rows) * m, dtype=np.float32).reshape(len(rows), m) / 8
    expected = start.copy()
    for t in tables:  # each mentee's row of the table, at each mentor's column
        expected += t.table[t.a_code[rows][:, None], t.b_code[None, :]]
    total = start.copy()
    LookupTables(tables, m).add_to(total, rows)
    assert np.array_equal(total, expected)
