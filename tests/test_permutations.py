"""The shared permutation search against brute force over every permutation."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.permutations import preserving_permutations


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda n: st.tuples(
            st.lists(st.integers(0, 1), min_size=n, max_size=n),
            st.lists(st.lists(st.integers(0, 1), min_size=n, max_size=n), min_size=n, max_size=n),
            st.sets(st.permutations(list(range(n))).map(tuple)),
        )
    )
)
def test_matches_brute_force(case: tuple[list[int], list[list[int]], set[tuple[int, ...]]]) -> None:
    """Random invariants and a random accepted set: the search returns exactly the accepted
    permutations that preserve both invariants, in lexicographic order."""
    single, pair_table, accepted = case
    n = len(single)

    def pair(k: int, i: int) -> int:
        return pair_table[k][i]

    expected = [
        perm
        for perm in itertools.permutations(range(n))
        if perm in accepted
        and all(single[perm[i]] == single[i] for i in range(n))
        and all(pair(perm[k], perm[i]) == pair(k, i) for k in range(n) for i in range(n) if k != i)
    ]
    assert preserving_permutations(single, pair, lambda perm: perm in accepted) == expected
