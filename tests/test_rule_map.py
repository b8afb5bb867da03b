"""docs/rules.md, the project's map of rule ids, agrees with the tree (issue 18, item 5)."""

from tests import rulemap

WORDS, NOT_BUILT, NAMED = rulemap.read_map()
CITED = rulemap.citations()


def test_every_rule_id_cited_in_code_or_tests_is_in_the_map():
    assert sorted(set(CITED) - set(WORDS)) == []


def test_every_built_rule_in_the_map_is_cited():
    assert sorted(r for r in WORDS if r not in NOT_BUILT and r not in CITED) == []


def test_a_rule_listed_as_not_built_is_cited_nowhere():
    assert sorted(r for r in NOT_BUILT if r in CITED) == []


def test_every_file_the_map_names_cites_its_rule():
    stale = [(rid, f) for rid, files in NAMED.items() for f in files if f not in CITED.get(rid, {})]
    assert stale == []


def test_every_rule_has_its_words():
    assert all(len(words) > 20 for words in WORDS.values())
