"""Charts span the years an archive can hold: one mistyped date cannot stretch them."""

from __future__ import annotations

import pytest

from build_tools.index import Site
from build_tools.index.timeline import time_bars
from tests.helpers import make_doc


def doc(iso: str, n: int):
    precision = {4: "year", 7: "month", 10: "day"}[len(iso)]
    return make_doc("Body.", slug=f"d{n}", date=iso, date_precision=precision)


@pytest.mark.parametrize(
    "dates, bars",
    [
        (["0001-01-01", "2020-05-01", "2024-03-03", "9999-12-31"], 16),  # quarters
        (["1066", "2023-01", "2024-02-02"], 14),  # months
        (["1899-12-31", "2001", "2005"], 5),
    ],
)
def test_index_time_bars_leave_out_implausible_dates(dates, bars):
    assert len(time_bars([doc(d, i) for i, d in enumerate(dates)], "index.md", Site())) == bars
