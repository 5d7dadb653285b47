"""The search share's populations: the hashing sampler against complete enumeration.

The sampler is uniform over the encoding's projected models; these tests check that those models
are exactly the enumeration's isomorphism classes (same count, same classes) and that the draws
spread evenly over them (a chi-square test with a fixed seed at the 0.001 level, so a failure
means non-uniformity, not bad luck), and that a listed population draws distinct members of the
complete list.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from circuits.canonical import canonical_key
from circuits.study.population import SAMPLER_MIN_SECONDS, measure_population
from circuits.truthtable import TruthTable
from sat_encoding import enumerate_circuits
from sat_encoding.sampling import sample_circuits

#: (truth table of 3 inputs, basis, size): small sets of 6, 12 and 51 circuits, and an empty one.
SMALL_SETS = [(0xE8, "aig", 4), (0x96, "aig", 6), (0xE8, "b2", 4)]
SIGNIFICANCE = 0.001


def chi_square_p(counts: list[int], total: int, weights: list[int] | None = None) -> float:
    """Upper tail of Pearson's statistic against cells of probability proportional to ``weights``
    (equal by default; Wilson–Hilferty approximation of the chi-square distribution, accurate to a
    few per cent at these sizes)."""
    weights = weights or [1] * len(counts)
    expected = [total * w / sum(weights) for w in weights]
    statistic = sum((c - e) ** 2 / e for c, e in zip(counts, expected))
    k = len(counts) - 1
    z = ((statistic / k) ** (1 / 3) - (1 - 2 / (9 * k))) / math.sqrt(2 / (9 * k))
    return 0.5 * math.erfc(z / math.sqrt(2))


def test_chi_square_helper_tells_uniform_from_skewed() -> None:
    assert chi_square_p([100] * 10, 1000) > 0.5
    assert chi_square_p([190] + [90] * 9, 1000) < SIGNIFICANCE


@pytest.mark.parametrize("table, basis, size", SMALL_SETS)
def test_sampler_is_uniform_over_the_enumerated_classes(table: int, basis: str, size: int) -> None:
    spec = TruthTable.from_bits(3, [table])
    listed = enumerate_circuits(spec, basis, size, limit=100_000, timeout=60)
    assert listed.complete
    classes = {canonical_key(c) for c in listed.circuits}
    draws = 10 * len(classes)
    sample = sample_circuits(spec, basis, size, count=draws, seed=0, timeout=120)
    assert sample.finished and sample.estimate is not None
    # The projected model count is the class count, exactly (below ApproxMC's threshold).
    assert sample.estimate.exact and sample.estimate.value == len(classes)
    drawn = Counter(canonical_key(c) for c in sample.circuits)
    assert set(drawn) <= classes and len(sample.circuits) == draws
    counts = [drawn.get(key, 0) for key in classes]
    assert chi_square_p(counts, draws) > SIGNIFICANCE


def test_sampler_reports_an_empty_set() -> None:
    parity = TruthTable.from_bits(3, [0x96])
    assert enumerate_circuits(parity, "aig", 4, limit=10, timeout=30).count == 0
    sample = sample_circuits(parity, "aig", 4, count=5, seed=0, timeout=30)
    assert sample.finished and sample.estimate is not None and sample.estimate.value == 0 and not sample.circuits


@pytest.mark.parametrize("table, basis, size", SMALL_SETS)
def test_listed_population_counts_exactly_and_draws_distinct_members(table: int, basis: str, size: int) -> None:
    spec = TruthTable.from_bits(3, [table])
    classes = {canonical_key(c) for c in enumerate_circuits(spec, basis, size, limit=100_000, timeout=60).circuits}
    draw = 5
    population = measure_population(spec, basis, size, None, draw, seed=1, timeout=60)
    assert population.method == "listed" and population.total_exact and population.total == len(classes)
    keys = [canonical_key(c) for c in population.drawn]
    assert len(keys) == min(draw, len(classes)) == len(set(keys)) and set(keys) <= classes
    assert population.whole_set == (len(classes) <= draw)
    again = measure_population(spec, basis, size, None, draw, seed=1, timeout=60)
    assert [canonical_key(c) for c in again.drawn] == keys  # the draw is seeded


def test_population_beyond_the_cap_is_sampled_or_says_why_not() -> None:
    spec = TruthTable.from_bits(3, [0xE8])
    population = measure_population(spec, "b2", 4, None, draw=20, seed=0, timeout=60, cap=10)
    assert population.method == "sampled", population.note
    assert population.total == 51 and population.total_exact and len(population.drawn) == 20
    assert "ApproxMC" in population.note
    hurried = measure_population(spec, "b2", 4, None, draw=20, seed=0, timeout=SAMPLER_MIN_SECONDS / 2, cap=10)
    assert hurried.method is None and not hurried.drawn and "too little to sample" in hurried.note


@pytest.mark.slow
def test_sampler_uniform_where_hashing_is_needed() -> None:
    """244 circuits: ApproxMC needs XOR constraints here, so UniGen's cells are really hashed."""
    spec = TruthTable.from_bits(3, [0xB4])
    listed = enumerate_circuits(spec, "b2", 4, limit=100_000, timeout=120)
    classes = {canonical_key(c) for c in listed.circuits}
    draws = 2 * len(classes)
    sample = sample_circuits(spec, "b2", 4, count=draws, seed=0, timeout=600)
    assert sample.finished and sample.estimate is not None and not sample.estimate.exact
    assert len(classes) / 1.8 <= sample.estimate.value <= len(classes) * 1.8  # ε = 0.8
    drawn = Counter(canonical_key(c) for c in sample.circuits)
    assert set(drawn) <= classes
    # Two draws per class are too few per cell: pool the classes into 20 fixed groups (by key), each
    # expected in proportion to its number of classes.
    group = {key: i % 20 for i, key in enumerate(sorted(classes))}
    sizes = Counter(group.values())
    counts = Counter(group[key] for key in (canonical_key(c) for c in sample.circuits))
    assert chi_square_p([counts[g] for g in range(20)], len(sample.circuits), [sizes[g] for g in range(20)]) > SIGNIFICANCE
