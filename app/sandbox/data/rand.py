"""Small, fast, portable random streams for the data generator.

Every generated record draws from its own :class:`Stream`, seeded from the world seed and the record's
key (and, for supervision tasks, the step number). That is what makes the sandbox deterministic *and*
lets the clock advance reproduce exactly the future the generator would have drawn: a task waiting at
step 4 draws its step-4 durations from the same seed whatever the clock is. splitmix64 in pure Python
costs well under a microsecond a draw and seeds for free, unlike ``random.Random`` (about 5 µs a seed).
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

M64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_C1 = 0xBF58476D1CE4E5B9
_C2 = 0x94D049BB133111EB
_INV53 = 1.0 / 9007199254740992.0


def _finalize(z: int) -> int:
    z = ((z ^ (z >> 30)) * _C1) & M64
    z = ((z ^ (z >> 27)) * _C2) & M64
    return z ^ (z >> 31)


def mix(*parts: int) -> int:
    """Combine integers into one well-spread 64-bit seed (order matters)."""
    h = 0x243F6A8885A308D3
    for p in parts:
        h = _finalize((h ^ (p & M64)) + _GOLDEN & M64)
    return h


def text_seed(text: str) -> int:
    """A stable 64-bit seed from a string (Python's ``hash`` is salted per process; this is not)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


class Stream:
    """A splitmix64 random stream with the few draws the generator needs."""

    __slots__ = ("s",)

    def __init__(self, seed: int) -> None:
        self.s = seed & M64

    def next64(self) -> int:
        s = (self.s + _GOLDEN) & M64
        self.s = s
        z = ((s ^ (s >> 30)) * _C1) & M64
        z = ((z ^ (z >> 27)) * _C2) & M64
        return z ^ (z >> 31)

    # The draws below repeat next64's three lines instead of calling it: the generator makes
    # millions of draws and a Python call costs about as much as the arithmetic.

    def random(self) -> float:
        """A float in [0, 1)."""
        s = (self.s + _GOLDEN) & M64
        self.s = s
        z = ((s ^ (s >> 30)) * _C1) & M64
        z = ((z ^ (z >> 27)) * _C2) & M64
        return ((z ^ (z >> 31)) >> 11) * _INV53

    def randint(self, a: int, b: int) -> int:
        """An integer in [a, b] (modulo bias below 2**-50: irrelevant here)."""
        s = (self.s + _GOLDEN) & M64
        self.s = s
        z = ((s ^ (s >> 30)) * _C1) & M64
        z = ((z ^ (z >> 27)) * _C2) & M64
        return a + (z ^ (z >> 31)) % (b - a + 1)

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * self.random()

    def chance(self, p: float) -> bool:
        s = (self.s + _GOLDEN) & M64
        self.s = s
        z = ((s ^ (s >> 30)) * _C1) & M64
        z = ((z ^ (z >> 27)) * _C2) & M64
        return ((z ^ (z >> 31)) >> 11) * _INV53 < p

    def choice(self, seq: Sequence[T]) -> T:
        s = (self.s + _GOLDEN) & M64
        self.s = s
        z = ((s ^ (s >> 30)) * _C1) & M64
        z = ((z ^ (z >> 27)) * _C2) & M64
        return seq[(z ^ (z >> 31)) % len(seq)]

    def weighted(self, seq: Sequence[T], cum_weights: Sequence[float]) -> T:
        """Pick from ``seq`` with cumulative weights (as ``itertools.accumulate`` gives them)."""
        return seq[bisect_right(cum_weights, self.random() * cum_weights[-1])]

    def expo(self, mean: float) -> float:
        """An exponential draw with the given mean."""
        return -mean * math.log(1.0 - self.random())

    def digits(self, n: int) -> str:
        return str(self.next64() % (10**n)).zfill(n)

    def alnum(self, n: int) -> str:
        """``n`` characters of 0-9A-Z (the style of KooGallery order ids)."""
        v = self.next64()
        out = []
        for _ in range(n):
            v, r = divmod(v, 36)
            out.append(_ALNUM[r])
        return "".join(out)

    def hex(self, n: int) -> str:
        """``n`` lowercase hex digits (even n <= 128), expanded from one draw by BLAKE2b (cheaper
        than drawing 64 bits at a time in Python)."""
        seed = self.next64().to_bytes(8, "little")
        return hashlib.blake2b(seed, digest_size=n // 2).hexdigest()

    def uuid(self) -> str:
        h = self.hex(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
