"""The Knuth test: minimum b2 sizes of all 65,536 four-input functions (TAOCP 7.1.2)."""

from collections import Counter

from circuits.npn import npn_classes
from circuits.truthtable import TruthTable
from sat_encoding import minimum_size

KNUTH_FUNCTIONS_PER_COST = {0: 10, 1: 60, 2: 456, 3: 2474, 4: 10624, 5: 24184, 6: 25008, 7: 2720}
KNUTH_CLASSES_PER_COST = {0: 2, 1: 2, 2: 5, 3: 20, 4: 34, 5: 75, 6: 72, 7: 12}


def test_minimum_sizes_of_all_four_input_functions_match_knuth():
    classes: Counter[int] = Counter()
    functions: Counter[int] = Counter()
    for representative, class_size in npn_classes(4):
        result = minimum_size(TruthTable.from_bits(4, [representative]))
        assert result.optimal
        classes[result.size] += 1
        functions[result.size] += class_size
    assert dict(functions) == KNUTH_FUNCTIONS_PER_COST
    assert dict(classes) == KNUTH_CLASSES_PER_COST
