"""Split runs of digits whose cell boundaries were lost ("21710000218" = 217|1|0|0|0|0|218).

Crawler text exports of web pages glue a table's cells together, sometimes with a space left
between some of them. A run is split into non-negative integers without leading zeros (a lone
"0" is a number); spaces are boundaries that every split keeps. Which split was printed is
decided by the table's arithmetic: the row's parts sum to its total (table 三 rows, table 四
blocks), and across rows by the column equations (see `gongkai.report.parse.mapping.table3`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

__all__ = ["Run", "balanced_splits", "run_of", "splits"]

MAX_DIGITS = 7
"""No cell of the statutory tables needs more digits (the largest seen is 3 985 758)."""

LIMIT = 5000
"""At most this many splits are enumerated; beyond it a run counts as unreadable."""


class Run:
    """Digits with the positions where a boundary is certain (a space was printed there)."""

    __slots__ = ("_next_cut", "cuts", "digits", "room")

    def __init__(self, digits: str, cuts: frozenset[int]) -> None:
        self.digits = digits
        self.cuts = cuts
        size = len(digits)
        # for each start, the first printed boundary after it: `fits` asks once per candidate
        self._next_cut = [size + 1] * (size + 1)
        for start in range(size - 1, -1, -1) if cuts else ():
            following = start + 1
            self._next_cut[start] = following if following in cuts else self._next_cut[following]
        self.room = [
            1 if digit == "0" else self._next_cut[start] - start
            for start, digit in enumerate(digits)
        ] + [0]
        """For each start, how many digits a number beginning there may take at most: one for
        a 0 (no leading zeros), else up to the next printed boundary; none after the end."""

    def __len__(self) -> int:
        return len(self.digits)

    def fits(self, start: int, end: int) -> bool:
        """Whether digits[start:end] can be one number: no printed boundary inside, no 0 lead."""
        if end - start > 1 and self.digits[start] == "0":
            return False
        return self._next_cut[start] >= end


def run_of(tokens: Sequence[str]) -> Run:
    """The run made by space-separated digit tokens (each token one or more glued cells)."""
    digits = ""
    cuts: set[int] = set()
    for token in tokens:
        if digits:
            cuts.add(len(digits))
        digits += token
    return Run(digits, frozenset(cuts))


def splits(run: Run, count: int, start: int = 0) -> Iterator[tuple[int, ...]]:
    """Every way to read run.digits[start:] as exactly `count` numbers."""
    for produced, values in enumerate(_splits(run, count, start), start=1):
        yield values
        if produced >= LIMIT:
            return


def _splits(run: Run, count: int, start: int) -> Iterator[tuple[int, ...]]:
    rest = len(run) - start
    if count == 0:
        if rest == 0:
            yield ()
        return
    if rest < count:
        return
    longest = min(MAX_DIGITS, rest - (count - 1))
    for length in range(1, longest + 1):
        end = start + length
        if not run.fits(start, end):
            continue
        head = int(run.digits[start:end])
        for tail in _splits(run, count - 1, end):
            yield (head, *tail)


def balanced_splits(
    run: Run, parts: int, start: int = 0, *, to_end: bool = True, leave: int = 0
) -> Iterator[tuple[tuple[int, ...], int]]:
    """Splits of a block of `parts` numbers from `start` whose first parts-1 sum to the last.

    Yields (values, end) where `end` is where the block stops; with `to_end` only blocks that
    use the rest of the run, else only blocks that leave at least `leave` digits after them
    (for the blocks that follow). The total is not enumerated but read: it must be printed
    as the digits of the sum, which keeps this fast on long runs.
    """
    digits = run.digits
    limit = len(digits) - leave
    room = run.room
    if to_end:
        yield from _balanced_to_end(run, parts, start)
        return

    def walk(pos: int, left: int, acc: tuple[int, ...]) -> Iterator[tuple[tuple[int, ...], int]]:
        if left == 0:
            total = str(sum(acc))
            end = pos + len(total)
            if end <= limit and digits.startswith(total, pos) and run.fits(pos, end):
                yield (*acc, int(total)), end
            return
        need_after = len(str(sum(acc))) if acc else 1
        longest = min(MAX_DIGITS, limit - pos - (left - 1) - need_after, room[pos])
        for length in range(1, longest + 1):
            end = pos + length
            yield from walk(end, left - 1, (*acc, int(digits[pos:end])))

    yield from walk(start, parts - 1, ())


def _balanced_to_end(run: Run, parts: int, start: int) -> Iterator[tuple[tuple[int, ...], int]]:
    """`balanced_splits` of a block that ends the run: read the total first, then the parts.

    The total is the run's last digits, so each length it may have gives it; the parts must
    then add up to it, which prunes every part larger than what is left. The splits come in
    the order the plain walk gives them (by the parts' lengths, shortest first).
    """
    size = len(run.digits)
    found: list[tuple[int, ...]] = []
    for length in range(1, min(MAX_DIGITS, size - start - (parts - 1)) + 1):
        if run.fits(size - length, size):
            total = int(run.digits[size - length :])
            found.extend(
                (*values, total)
                for values in _adding_up(run, start, size - length, parts - 1, total, total)
            )
    found.sort(key=lambda values: [len(str(value)) for value in values[:-1]])
    for values in found:
        yield values, size


def _adding_up(
    run: Run, pos: int, end: int, count: int, left: int, total: int
) -> Iterator[tuple[int, ...]]:
    """Every way to read digits[pos:end] as `count` numbers adding up to `left`."""
    digits = run.digits
    rest = end - pos
    # no wider than the total, nor than a number may be from here (a leading zero, a space)
    widest = min(len(str(total)), run.room[pos])
    if count == 1:
        if rest <= widest and int(digits[pos:end]) == left:
            yield (left,)
        return
    for width in range(1, min(widest, rest - (count - 1)) + 1):
        value = int(digits[pos : pos + width])
        if value > left:
            break
        for tail in _adding_up(run, pos + width, end, count - 1, left - value, total):
            yield (value, *tail)
