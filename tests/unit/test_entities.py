"""Entity canonicalisation on spacy.blank: one entity per real thing, whatever the spelling."""
from __future__ import annotations

import pytest

from essaycheck.entities import Entity, EntityRegistry, learn_registry, may_be_misspelt, rename_pairs

GAZETTEER = [
    Entity("place:soviet-union", "PLACE", "Soviet Union", ["USSR", "the Soviet Union", "Soviets", "Soviet"],
           origin="gazetteer", kind="former-country"),
    Entity("place:united-states", "PLACE", "United States",
           ["US", "U.S.", "USA", "the United States", "America", "Americans", "American"],
           origin="gazetteer", kind="country"),
    Entity("place:cuba", "PLACE", "Cuba", ["Cuban", "Cubans"], origin="gazetteer", kind="country"),
]
MENTIONS = [
    ("President Kennedy", "PERSON"), ("John F. Kennedy", "PERSON"), ("Robert Kennedy", "PERSON"),
    ("Nikita Khrushchev", "PERSON"), ("Khrushchev", "PERSON"), ("Kruschev", "GPE"),
    ("Fidel Castro", "PERSON"), ("fidel castro", "PERSON"), ("Castro", "PERSON"),
    ("CIA", "ORG"), ("Central Intelligence Agency", "ORG"),
    ("Thomas Wintour", "PERSON"), ("Robert Wintour", "PERSON"),
]


@pytest.fixture(scope="module")
def registry() -> EntityRegistry:
    return learn_registry(MENTIONS, GAZETTEER, [("executive committee", "Ex-Comm")])


def ids(registry, text):
    return [m.entity_id for m in registry.match(text, sentence_starts=[0])]


@pytest.mark.parametrize(("text", "expected"), [
    ("Later John F. Kennedy spoke.", "person:john-f-kennedy"),
    ("Later JFK spoke.", "person:john-f-kennedy"),
    ("Later President Kennedy spoke.", "person:john-f-kennedy"),
    ("Later Khrushchev wrote.", "person:nikita-khrushchev"),
    ("Later Kruschev wrote.", "person:nikita-khrushchev"),      # the sources' own slip
    ("Later Krushchev wrote.", "person:nikita-khrushchev"),     # a new slip, by edit distance
    ("Later fidel castro won.", "person:fidel-castro"),          # case slip
    ("Later Castro won.", "person:fidel-castro"),
    ("Later the USSR agreed.", "place:soviet-union"),
    ("Later the Soviet Union agreed.", "place:soviet-union"),
    ("Later the Soviets agreed.", "place:soviet-union"),
    ("Later Soviet ships sailed.", "place:soviet-union"),
    ("Later the US agreed.", "place:united-states"),
    ("Later the USA agreed.", "place:united-states"),
    ("Later the United States agreed.", "place:united-states"),
    ("Later America agreed.", "place:united-states"),
    ("Later the Americans agreed.", "place:united-states"),
    ("Later the Central Intelligence Agency trained them.", "org:central-intelligence-agency"),
    ("Later the CIA trained them.", "org:central-intelligence-agency"),
    ("Later the Ex-Comm met.", "other:executive-committee"),
])
def test_surface_forms_reach_one_entity(registry, text, expected):
    assert expected in ids(registry, text)


def test_two_people_with_one_surname_stay_apart(registry):
    assert registry.lookup("John F. Kennedy") != registry.lookup("Robert Kennedy")
    assert ids(registry, "Later Thomas Wintour and Robert Wintour rode.") == [
        "person:thomas-wintour", "person:robert-wintour"]


def test_a_bare_shared_surname_means_the_one_named_last(registry):
    found = ids(registry, "Later Robert Kennedy arrived. Kennedy spoke.")
    assert found == ["person:robert-kennedy", "person:robert-kennedy"]


def test_a_misspelling_close_to_two_people_is_not_guessed():
    reg = learn_registry([("Andrew Johnson", "PERSON"), ("Erik Jonsson", "PERSON")])
    assert len([e for e in reg.entities.values() if e.label == "PERSON"]) == 2
    assert ids(reg, "Later Jonson rode.") == [None]       # as near to Johnson as to Jonsson
    assert ids(reg, "Later Johnsen rode.") == ["person:andrew-johnson"]


def test_the_lower_case_pronoun_us_is_not_the_united_states(registry):
    assert "place:united-states" not in ids(registry, "They told us to wait.")


def test_unknown_names_are_reported_without_an_entity(registry):
    found = registry.match("Later Robert McNamara spoke.", sentence_starts=[0])
    assert [(m.text, m.entity_id) for m in found] == [("Robert McNamara", None)]


def test_the_registry_round_trips_through_data(registry):
    again = EntityRegistry(Entity.from_dict(d) for d in registry.to_data(include_gazetteer=True))
    assert ids(again, "Later Kruschev wrote to JFK.") == ids(registry, "Later Kruschev wrote to JFK.")


def test_a_misspelling_follows_the_registry_as_it_changes():
    reg = EntityRegistry(GAZETTEER)
    assert ids(reg, "Then Wintor fled.") == [None]  # nobody of that name yet
    reg.add(Entity("person:thomas-wintour", "PERSON", "Thomas Wintour", ["Wintour"]))
    assert ids(reg, "Then Wintor fled.") == ["person:thomas-wintour"]
    reg.remove("person:thomas-wintour")
    assert ids(reg, "Then Wintor fled.") == [None]
    assert reg.lookup("Wintour") == []


def test_a_town_the_tagger_calls_a_person_is_a_place_when_the_sources_write_it_as_one():
    # "the Reeve of Lornby ... left Lornby ... in Lornby": the tagger's PERSON once, its GPE once,
    # and a preposition only places take; a man called Brook stays a man though he is once "in Brook's".
    reg = learn_registry([("Lornby", "PERSON", "of"), ("Lornby", "PERSON", "left"), ("Lornby", "PERSON", "in"),
                          ("Lornby", "GPE", "in"), ("Ned Brook", "PERSON", ""), ("Brook", "PERSON", "in"),
                          ("Brook", "GPE", "at")])
    assert reg.label(reg.lookup("Lornby")[0]) == "PLACE"
    assert reg.label(reg.lookup("Brook")[0]) == "PERSON"


@pytest.mark.parametrize(("name", "title", "bare"), [
    ("Brigadier-General Rob Marsh", "Brigadier-General", "Rob Marsh"),
    ("Vice-Admiral Brook", "Vice-Admiral", "Brook"),
    ("General Marsh", "General", "Marsh"),
    ("Anna-Marie Hale", None, "Anna-Marie Hale"),   # a double first name is no title
])
def test_titles_joined_by_hyphens_are_titles(name, title, bare):
    from essaycheck.entities import strip_title

    assert strip_title(name) == (title, bare)


def test_a_name_ending_in_jr_is_a_person_with_the_surname_before_it():
    reg = learn_registry([("Rob Marsh Jr.", "GPE", "by"), ("Marsh", "PERSON")])
    ids = reg.lookup("Rob Marsh")
    assert ids and reg.label(ids[0]) == "PERSON"
    assert reg.lookup("Marsh") == ids


def test_a_name_ending_in_a_word_for_a_place_is_a_place():
    reg = learn_registry([("Lornby Glacier", "PERSON"), ("Hale Sound", "PERSON", "at")])
    assert reg.label(reg.lookup("Lornby Glacier")[0]) == "PLACE"
    assert reg.label(reg.lookup("Hale Sound")[0]) == "PLACE"


def test_a_titled_name_ends_where_its_capitals_do():
    reg = learn_registry([("General Rob Marsh at", "ORG"), ("At", "PERSON")])
    ids = reg.lookup("Rob Marsh")
    assert ids and reg.label(ids[0]) == "PERSON"
    assert ids[0] not in reg.lookup("At")


@pytest.mark.parametrize(("text", "pairs"), [
    ("Hale Creek was soon renamed Gold Creek.", [("Hale Creek", "Gold Creek")]),
    ("On 2 May gold was found on Hale Creek, a stream near Lornby. The creek was soon renamed Gold Creek.",
     [("Hale Creek", "Gold Creek")]),
    ("Gold Creek, formerly Hale Creek, ran dry.", [("Hale Creek", "Gold Creek")]),
    ("Ned Brook, later known as the Earl of Lornby, led the fleet.", [("Ned Brook", "Earl of Lornby")]),
    ("Then Dunmere was renamed Eastholm in 1870.", [("Dunmere", "Eastholm")]),
    # no renaming: a deed of one person to another, a ship named by no name before it
    ("Hale called Brook a liar.", []),
    ("The ship was renamed the Swan.", []),
])
def test_a_renaming_gives_one_thing_two_names(text, pairs):
    assert rename_pairs(text) == pairs


def test_a_name_of_several_words_is_found_before_its_possessive():
    reg = EntityRegistry([Entity("person:anna-hale", "PERSON", "Anna Hale", ["Hale"]),
                          Entity("org:lornby-guard", "ORG", "Lornby Guard", []),
                          Entity("place:st-ivo-s", "PLACE", "St Ivo's", [])])
    found = [(m.text, m.entity_id) for m in reg.match("Anna Hale's men met the Lornby Guard's riders at St Ivo's.")]
    assert found == [("Anna Hale", "person:anna-hale"), ("Lornby Guard", "org:lornby-guard"),
                     ("St Ivo's", "place:st-ivo-s")]


def test_a_name_that_does_what_only_people_do_is_a_persons():
    # the tagger calls "Brookfield" a place each time; twice it realises and writes, as only people do
    mentions = [("Brookfield", "GPE", "", "realise"), ("Brookfield", "GPE", "", "write"),
                ("Brookfield", "GPE", "", ""), ("Dunmere", "GPE", "in", ""), ("Dunmere", "GPE", "", "die")]
    reg = learn_registry(mentions)
    assert reg.label(reg.lookup("Brookfield")[0]) == "PERSON"
    assert reg.label(reg.lookup("Dunmere")[0]) == "PLACE"  # one such verb is not enough


def test_a_name_after_the_village_of_is_a_place():
    # the tagger calls "Hale Cross" a person; "the village of Hale Cross" says where
    mentions = [("Hale Cross", "PERSON", "of", "", "village"), ("Hale Cross", "PERSON", "and", ""),
                ("Ned Brook", "PERSON", "", "", ""), ("Lornby", "PERSON", "of", "", "son")]
    reg = learn_registry(mentions)
    assert reg.label(reg.lookup("Hale Cross")[0]) == "PLACE"
    assert reg.label(reg.lookup("Ned Brook")[0]) == "PERSON"


def test_every_capital_in_the_gazetteer_names_a_country_there():
    from pathlib import Path

    from essaycheck.entities import load_gazetteer
    places = {e.id: e for e in load_gazetteer(Path(__file__).resolve().parents[2] / "rubric" / "common" / "gazetteer.toml")}
    capitals = [e for e in places.values() if e.capital_of]
    assert capitals and all(places[e.capital_of].kind in ("country", "former-country") and e.kind == "city" for e in capitals)


def test_a_plural_title_before_two_names_is_a_title():
    from essaycheck.entities import is_title, strip_title

    assert strip_title("Captains Hale") == ("Captain", "Hale")
    assert is_title("Lieutenants")
    assert not is_title("Times")


def test_a_name_typed_without_its_accents_is_the_same_name():
    reg = EntityRegistry([Entity("person:odric-aldric", "PERSON", "Ödric Aldric", ["Aldric"]),
                          Entity("place:ovenby-fen", "PLACE", "Övenby Fen", [])])
    found = [(m.text, m.entity_id) for m in reg.match("Later Odric Aldric and Ödric Aldric rode to Ovenby Fen.")]
    assert found == [("Odric Aldric", "person:odric-aldric"), ("Ödric Aldric", "person:odric-aldric"),
                     ("Ovenby Fen", "place:ovenby-fen")]


@pytest.mark.parametrize(("word", "name", "slip"), [
    ("Lowrie", "Lowry", True),       # two letters apart
    ("Odric", "Ödric", True),        # the accents left out
    ("Aldrik", "Aldric", True),
    ("Quillon", "Lowry", False),
    ("Lowry", "Lark", False),        # another first letter: another name
    ("Halle", "Hale", True),         # a letter more in a short name
    ("Hale", "Hart", False),         # two letters apart in a short name: another name
    ("Al", "Ab", False),             # too short to tell a slip from another name
])
def test_a_strangers_name_may_be_a_slip_for_a_known_one(word, name, slip):
    assert may_be_misspelt(word, name) is slip


def test_a_town_the_tagger_once_calls_a_place_is_a_place_though_it_mostly_calls_it_otherwise():
    # "travelled from Lornby", "a clerk from Lornby", "the Lornby weavers", and once "a magistrate of
    # Lornby" that the tagger reads as a place
    reg = learn_registry([("Lornby", "PERSON", "from"), ("Lornby", "ORG", "from"), ("Lornby", "ORG", "the"),
                          ("Lornby", "LOC", "of")])
    assert reg.label(reg.lookup("Lornby")[0]) == "PLACE"


def test_a_native_name_that_is_an_english_word_without_accents_is_not_an_alias(tmp_path):
    from essaycheck.entities import load_gazetteer
    path = tmp_path / "g.toml"
    path.write_text('[[place]]\nid = "lornia"\nname = "Lornia"\nkind = "country"\naliases = ["Ísland", "Lornmark"]\n',
                    "utf-8")
    (lornia,) = load_gazetteer(path)
    assert "Lornmark" in lornia.aliases and "Ísland" not in lornia.aliases


def test_a_misspelt_name_after_a_title_and_before_a_possessive_is_the_person():
    reg = learn_registry([("Admiral Ned Brookhaven", "PERSON"), ("Brookhaven", "PERSON"), ("Lornby", "GPE", "at")])
    found = [(m.text, m.entity_id) for m in reg.match("Then Admiral Brokhaven's ships sailed for Lornby.")]
    assert ("Admiral Brokhaven", reg.lookup("Brookhaven")[0]) in found
    # a title before a misspelt place is no person's name
    assert all(m.entity_id is None for m in reg.match("Then General Lornbey rode in.") if "Lornbey" in m.text)
