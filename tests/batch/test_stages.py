import random

import numpy as np

from wiretrace.batch.stages import (
    StoryUnit,
    Vocabulary,
    article_bridges,
    band_pairs,
    centroid_link,
    cohesion,
    connected_components,
    copy_link,
    groups_agree,
    merge_units,
    name_pairs,
    resolve_component,
    split_component,
)
from wiretrace.config import BatchConfig, StoriesConfig
from wiretrace.stories.rule import weighted

RULE = StoriesConfig()
FLAT = Vocabulary({}, 10)  # every term the same idf


def _vector(unit: StoryUnit) -> dict[int, float]:
    return weighted(unit.centroid, FLAT)


VECTORS = (_vector, _vector)


def test_band_pairs_cap_each_article_to_recent_ones():
    assert sorted(band_pairs([1, 4, 9], cap=5)) == [(1, 4), (1, 9), (4, 9)]
    # cap 1: each article only with the one just before it (a template repeated often)
    assert sorted(band_pairs([1, 4, 9, 12], cap=1)) == [(1, 4), (4, 9), (9, 12)]


def test_name_pairs_are_ordered_and_skip_self():
    assert sorted(name_pairs([3], [1, 3, 7])) == [(1, 3), (3, 7)]


def test_connected_components_label_by_smallest_node():
    labels = connected_components([(5, 3), (3, 9), (20, 21)])
    assert labels == {5: 3, 3: 3, 9: 3, 20: 20, 21: 20}


def test_connected_components_match_a_breadth_first_search():
    rng = random.Random(4)
    links = [(rng.randrange(300), rng.randrange(300)) for _ in range(250)]
    labels = connected_components(links)
    graph: dict[int, set[int]] = {}
    for a, b in links:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set()).add(a)
    for start in graph:
        seen, todo = {start}, [start]
        while todo:
            for nxt in graph[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        assert labels[start] == min(seen)


def test_copy_link_needs_enough_shared_minhash_slots():
    same = np.arange(128, dtype=np.uint32)
    other = same + 1000
    assert copy_link(100, same, 100, same, RULE) == 1.0
    assert copy_link(100, same, 100, other, RULE) is None
    assert copy_link(0, same, 100, same, RULE) is None  # no shingles: never a copy


def unit(key: int, terms: dict[int, float], when: float | None = 0.0) -> StoryUnit:
    # an article whose figures are all its terms: the look-alike factor never applies
    return StoryUnit(key, (key,), dict(terms), when, when, figures=tuple(terms))


def test_centroid_link_respects_window_and_threshold():
    a, b = unit(1, {1: 1.0, 2: 1.0}), unit(2, {1: 1.0, 2: 1.0})
    assert centroid_link(a, b, a, b, VECTORS, RULE)
    far = unit(3, {1: 1.0, 2: 1.0}, when=RULE.window_hours * 3600 * 3)
    assert not centroid_link(a, far, a, far, VECTORS, RULE)
    unrelated = unit(4, {8: 1.0, 9: 1.0})
    assert not centroid_link(a, unrelated, a, unrelated, VECTORS, RULE)


def test_centroid_link_between_groups_needs_a_member_that_agrees_and_close_centroids():
    a, b = unit(1, {1: 1.0, 2: 1.0}), unit(2, {1: 1.0, 2: 1.0})
    group_a = merge_units([a, unit(5, {1: 1.0, 3: 1.0})], 300, FLAT)
    group_b = merge_units([b, unit(6, {2: 1.0, 4: 1.0})], 300, FLAT)
    assert centroid_link(a, b, group_a, group_b, VECTORS, RULE)
    # the same groups, but the named pair agrees with neither side's centroid
    x, y = unit(7, {8: 1.0}), unit(9, {9: 1.0})
    assert not centroid_link(x, y, group_a, group_b, VECTORS, RULE)


def test_the_centroid_link_is_its_two_parts_scored_apart():
    # what the Spark engine scores on distinct keys: (article, other group), then (group,
    # group), gives the link of every pair
    rng = random.Random(5)
    singles = [unit(k, {rng.randrange(6): 1.0 for _ in range(3)}) for k in range(1, 9)]
    groups = [merge_units(singles[k : k + 2], 300, FLAT) for k in (0, 2, 4, 6)] + singles
    for a in singles:
        for b in singles:
            for ga in groups:
                for gb in groups:
                    split = (
                        article_bridges(a, gb, VECTORS, RULE)
                        or article_bridges(b, ga, VECTORS, RULE)
                    ) and groups_agree(ga, gb, _vector, RULE)
                    assert split == centroid_link(a, b, ga, gb, VECTORS, RULE)


def test_merge_units_sums_centroids_and_spans():
    merged = merge_units([unit(5, {1: 1.0}, 10.0), unit(2, {1: 2.0, 3: 1.0}, 4.0)], 300, FLAT)
    assert merged.key == 2 and merged.members == (2, 5)
    assert merged.centroid == {1: 3.0, 3: 1.0}
    assert (merged.first, merged.last) == (4.0, 10.0)


def test_a_chain_through_one_member_is_split_not_single_linked():
    # a ~ b and b ~ c pass pairwise, but c does not agree with the group of a and b
    a = unit(1, {1: 1.0, 2: 1.0})
    b = unit(2, {2: 1.0, 3: 1.0})
    c = unit(3, {3: 1.0, 4: 1.0, 5: 1.0, 6: 1.0})
    assert cohesion([a, b, c], FLAT) < BatchConfig().cohesion_similarity
    groups = split_component([a, b, c], {}, FLAT, RULE)
    assert [g.members for g in groups] == [(1, 2), (3,)]


def test_copy_links_join_whatever_the_centroid():
    a, b = unit(1, {1: 1.0}), unit(2, {9: 1.0})
    groups = split_component([a, b], {1: {2: 0.8}, 2: {1: 0.8}}, FLAT, RULE)
    assert [g.members for g in groups] == [(1, 2)]


def test_a_cohesive_component_is_kept_whole():
    units = [unit(k, {1: 1.0, 2: 1.0, k + 10: 0.2}) for k in range(4)]
    groups = resolve_component(units, {}, FLAT, RULE, BatchConfig())
    assert [g.members for g in groups] == [(0, 1, 2, 3)]
