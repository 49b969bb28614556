"""CSV for spreadsheets: a cell a spreadsheet would run as a formula is exported as text.

OWASP's rule for CSV injection: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return gets a leading ``'``, which spreadsheets read as "this is text" and
hide. Written here because defusedcsv, the library for this, leaves tab and carriage
return alone and escapes ``|`` and ``%`` inside cells, which changes what teachers wrote.
"""
from __future__ import annotations

import csv
from typing import IO, Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """The cell as a spreadsheet should show it: text that starts like a formula gets a leading '."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class Writer:
    """``csv.writer`` with every cell neutralised."""

    def __init__(self, out: IO[str]):
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(c) for c in row])


def writer(out: IO[str]) -> Writer:
    return Writer(out)
