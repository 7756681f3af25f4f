"""A number written in groups in the body of a right-to-left release ("+41 22 717 9111",
"(022) 717-91-11", "1 000 000", "+٤١ ٢٢ ٧١٧ ٩١١١") reads in the order written in every
output: Unicode's bidirectional algorithm gave the spaces and brackets between its groups
the paragraph's direction, and the groups came out backwards ("9111 717 22 41+"). The
media contacts were already set apart (h131, h134); the body was not (h139)."""

from __future__ import annotations

import pytest

from pressgen.bidi import numbers_in_written_order

LRI, PDI, LRO, PDF = "\u2066", "\u2069", "\u202d", "\u202c"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("هاتف +41 22 717 9111.", f"هاتف {LRI}+41 22 717 9111{PDI}."),
        ("رقم (022) 717-91-11 للصحفيين", f"رقم {LRI}(022) 717-91-11{PDI} للصحفيين"),
        ("رقم +41 (0)22 717 9111", f"رقم {LRI}+41 (0)22 717 9111{PDI}"),
        ("نحو 1 000 000 شخص", f"نحو {LRI}1 000 000{PDI} شخص"),
        ("نحو 1\u00a0000\u00a0000 شخص", f"نحو {LRI}1\u00a0000\u00a0000{PDI} شخص"),
        ("الرقم +41-22-717-9111", f"الرقم {LRI}+41-22-717-9111{PDI}"),  # the + would move
        ("الهاتف +٤١ ٢٢ ٧١٧ ٩١١١", f"الهاتف {LRO}+٤١ ٢٢ ٧١٧ ٩١١١{PDF}"),
        ("الهاتف ٠٢٢-٧١٧-٩١-١١", f"الهاتف {LRO}٠٢٢-٧١٧-٩١-١١{PDF}"),
        ("(+41 22 717 9111)", f"({LRI}+41 22 717 9111{PDI})"),
    ],
)
def test_a_number_in_groups_is_set_apart_left_to_right(written: str, shown: str) -> None:
    assert numbers_in_written_order(written) == shown


@pytest.mark.parametrize(
    "written",
    [
        "31 مليون",  # a lone number
        "في 2026-12-05 و05.12.2026",  # already one left-to-right run
        "بين 10 و20 و 30",  # numbers separated by words
        "من 10 - 20",  # a range
        "القرارين 2178 (2014) و2396 (2017)",  # a resolution and its year
        "(2019) 50 دولة",  # a year in brackets, then a number
        "٣٫٥ و٣.٥",  # decimals
        "https://example.org/report-2026-12 و/a/1 2",  # addresses and paths
        f"هاتف {LRI}+41 22 717 9111{PDI}",  # already set apart by its writer
        f"رقم {LRO}+٤١ ٢٢ ٧١٧ ٩١١١{PDF} و{LRI}(022) 717-91-11{PDI}",
    ],
)
def test_what_is_no_number_in_groups_stays_as_written(written: str) -> None:
    assert numbers_in_written_order(written) == written
