"""The actor lexicon: rules/actors/countries.yaml (generated) and
rules/actors/organizations.yaml and companies.yaml (hand-written)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTORS_DIR = ROOT / "rules" / "actors"
FILES = ["countries.yaml", "organizations.yaml", "companies.yaml"]
TYPES = {"country", "organization", "person", "group"}
KEYS = {"name", "type", "code", "group", "aliases", "demonyms"}

# English words that a code-like alias would hit in ALL-CAPS headlines.
# (US is an alias on purpose: it matches "US" and "U.S.", never "us".)
HEADLINE_WORDS = {
    "A", "AN", "AND", "ARE", "AS", "AT", "BE", "BY", "CAN", "DO", "FOR", "GO", "HE",
    "IF", "IN", "IS", "IT", "ME", "MY", "NO", "NOT", "OF", "ON", "OR", "SO", "TO",
    "UP", "WE", "AM", "MAN", "ALL", "BUT", "HAS", "HAD", "WAS", "HIS", "HER", "OUT",
    "NEW", "MAY", "WILL", "NOW", "ONE", "TWO", "OUR", "OFF", "SET", "CUT", "PER",
    "MALE", "ISLAND", "VICTORIA", "HOUSE", "CHAIR", "PRESIDENT",
}


def load(name: str) -> list[dict]:
    data = yaml.safe_load((ACTORS_DIR / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("actors"), list)
    return data["actors"]


@pytest.fixture(scope="module")
def countries() -> list[dict]:
    return load("countries.yaml")


@pytest.fixture(scope="module")
def orgs() -> list[dict]:
    return load("organizations.yaml") + load("companies.yaml")


@pytest.fixture(scope="module")
def actors(countries, orgs) -> list[dict]:
    return countries + orgs


@pytest.fixture(scope="module")
def by_alias(actors) -> dict[str, dict]:
    return {a: actor for actor in actors for a in actor.get("aliases", [])}


@pytest.fixture(scope="module")
def by_name(actors) -> dict[str, dict]:
    return {actor["name"]: actor for actor in actors}


def resolve(by_alias: dict[str, dict], text: str) -> str | None:
    """What the matcher does: the alias as written, or its ALL-CAPS form."""
    if text in by_alias:
        return by_alias[text]["name"]
    caps = {a.upper(): actor["name"] for a, actor in by_alias.items()}
    return caps.get(text) if text.isupper() else None


@pytest.mark.parametrize("name", FILES)
def test_file_loads_and_has_header(name):
    text = (ACTORS_DIR / name).read_text(encoding="utf-8")
    assert text.startswith("#")
    assert load(name)


def test_format(actors):
    for a in actors:
        assert set(a) <= KEYS, a
        assert isinstance(a["name"], str) and a["name"].strip() == a["name"] != ""
        assert a["type"] in TYPES, a
        assert isinstance(a.get("aliases", []), list)
        assert isinstance(a.get("demonyms", []), list)
        for s in a.get("aliases", []) + a.get("demonyms", []):
            assert isinstance(s, str) and s.strip() == s != "", (a["name"], s)
        assert a["name"] in a["aliases"], f"{a['name']}: the name is not among its aliases"
        if a["type"] == "country":
            assert re.fullmatch(r"[A-Z]{3}", a.get("code", "")), a["name"]
        else:
            assert "code" not in a, a["name"]


def test_countries_file_is_sorted_and_typed(countries):
    assert all(a["type"] == "country" for a in countries)
    keys = [a["name"].casefold() for a in countries]
    assert keys == sorted(keys)


def test_names_and_codes_unique(actors, countries):
    dup = [n for n, c in Counter(a["name"] for a in actors).items() if c > 1]
    assert not dup
    dup = [n for n, c in Counter(a["code"] for a in countries).items() if c > 1]
    assert not dup


def test_groups_name_existing_actors(actors, by_name):
    for a in actors:
        if a.get("group") is not None:
            assert a["group"] in by_name, f"{a['name']}: unknown group {a['group']!r}"
            assert a["group"] != a["name"]


@pytest.mark.parametrize("field", ["aliases", "demonyms"])
def test_no_string_claimed_by_two_actors(actors, field):
    owners = defaultdict(set)
    caps_owners = defaultdict(set)
    for a in actors:
        for s in a.get(field, []):
            owners[s].add(a["name"])
            caps_owners[s.upper()].add(a["name"])
    clashes = {s: o for s, o in owners.items() if len(o) > 1}
    assert not clashes
    clashes = {s: o for s, o in caps_owners.items() if len(o) > 1}
    assert not clashes, "the ALL-CAPS forms clash"


def test_alias_is_no_other_actors_demonym(actors):
    demonym_owner = {d: a["name"] for a in actors for d in a.get("demonyms", [])}
    for a in actors:
        for s in a.get("aliases", []):
            assert demonym_owner.get(s, a["name"]) == a["name"], (s, a["name"])


def test_no_alias_is_a_headline_word(actors):
    hits = [(a["name"], s) for a in actors for s in a.get("aliases", []) if s.upper() in HEADLINE_WORDS]
    assert not hits


def test_codes_are_not_aliases_except_news_ones(countries):
    news_codes = {"US", "USA", "UK", "UAE", "USSR", "PRC", "DPRK", "ROK", "DRC"}
    for a in countries:
        for s in a["aliases"]:
            if re.fullmatch(r"[A-Z]{2,4}", s):
                assert s in news_codes, (a["name"], s)


def test_all_un_members_and_more(countries):
    assert len(countries) >= 193 + 7


SAMPLE = [
    # Americas
    "United States", "Canada", "Mexico", "Brazil", "Argentina", "Chile", "Colombia",
    "Venezuela", "Bolivia", "Cuba", "Peru",
    # Europe
    "United Kingdom", "France", "Germany", "Italy", "Spain", "Netherlands", "Poland",
    "Russia", "Ukraine", "Czech Republic", "Greece", "Sweden",
    # Asia
    "China", "Japan", "India", "South Korea", "North Korea", "Vietnam", "Laos",
    "Indonesia", "Iran", "Syria", "Saudi Arabia", "Israel", "Myanmar",
    # Africa
    "Nigeria", "Egypt", "South Africa", "Kenya", "Tanzania", "Ivory Coast", "Ethiopia",
    "Democratic Republic of the Congo", "Republic of the Congo", "Chad",
    # Oceania
    "Australia", "New Zealand", "Fiji", "Papua New Guinea", "Tuvalu",
    # beyond the UN members
    "Taiwan", "Palestine", "Vatican", "Kosovo", "Hong Kong", "Macau", "Puerto Rico",
]


@pytest.mark.parametrize("name", SAMPLE)
def test_sample_country_present(by_name, name):
    assert by_name[name]["type"] == "country"


RESOLVES = {
    # United States
    "US": "United States", "U.S.": "United States", "USA": "United States",
    "U.S.A.": "United States", "United States of America": "United States",
    "America": "United States", "Washington": "United States",
    "White House": "United States", "WHITE HOUSE": "United States",
    # United Kingdom
    "Britain": "United Kingdom", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "Great Britain": "United Kingdom", "London": "United Kingdom",
    "Downing Street": "United Kingdom", "Whitehall": "United Kingdom",
    # Russia (1987: the Soviet Union)
    "Soviet Union": "Russia", "USSR": "Russia", "Moscow": "Russia", "Kremlin": "Russia",
    # Germany
    "West Germany": "Germany", "Bonn": "Germany", "Berlin": "Germany",
    "Federal Republic of Germany": "Germany", "East Germany": "East Germany",
    # China and Taiwan
    "PRC": "China", "People's Republic of China": "China", "Beijing": "China",
    "Zhongnanhai": "China", "Taipei": "Taiwan", "Republic of China": "Taiwan",
    # others
    "Holland": "Netherlands", "The Hague": "Netherlands", "Amsterdam": "Netherlands",
    "Seoul": "South Korea", "ROK": "South Korea", "Blue House": "South Korea",
    "Pyongyang": "North Korea", "DPRK": "North Korea",
    "Tokyo": "Japan", "Kasumigaseki": "Japan",
    "Paris": "France", "Elysee": "France", "Élysée": "France", "Quai d'Orsay": "France",
    "New Delhi": "India", "Ottawa": "Canada", "Canberra": "Australia",
    "Czechia": "Czech Republic", "Côte d'Ivoire": "Ivory Coast", "Burma": "Myanmar",
    "Holy See": "Vatican", "UAE": "United Arab Emirates", "Zaire": "Democratic Republic of the Congo",
    "Kinshasa": "Democratic Republic of the Congo", "Brazzaville": "Republic of the Congo",
    "CHINA": "China", "JAPAN": "Japan",
    # organizations
    "EU": "European Union", "E.U.": "European Union", "European Community": "European Union",
    "EC": "European Union", "EEC": "European Union", "Brussels": "European Union",
    "European Commission": "European Commission", "U.N.": "United Nations",
    "UN": "United Nations", "Security Council": "UN Security Council",
    "WTO": "World Trade Organization", "GATT": "GATT", "OPEC": "OPEC", "NATO": "NATO",
    "IMF": "International Monetary Fund", "World Bank": "World Bank",
    "G7": "Group of Seven", "G-7": "Group of Seven", "Group of Seven": "Group of Seven",
    "G-20": "Group of 20", "ASEAN": "ASEAN", "African Union": "African Union",
    "OECD": "OECD", "Arab League": "Arab League",
    "Fed": "Federal Reserve", "FED": "Federal Reserve", "Federal Reserve Board": "Federal Reserve",
    "SEC": "Securities and Exchange Commission", "FTC": "Federal Trade Commission",
    "Congress": "U.S. Congress", "Capitol Hill": "U.S. Congress", "U.S. Senate": "U.S. Senate",
    "House of Representatives": "U.S. House of Representatives",
    "Treasury": "U.S. Treasury", "U.S. Treasury": "U.S. Treasury",
    "Commerce Department": "U.S. Commerce Department", "USTR": "U.S. Trade Representative",
    "U.S. Trade Representative": "U.S. Trade Representative",
    "Justice Department": "U.S. Justice Department", "Pentagon": "Pentagon",
    "Bundesbank": "Bundesbank", "Bank of Japan": "Bank of Japan", "BOJ": "Bank of Japan",
    "Bank of England": "Bank of England", "MITI": "MITI",
    "Ministry of International Trade and Industry": "MITI",
    "European Central Bank": "European Central Bank",
    "People's Bank of China": "People's Bank of China", "MOFCOM": "Chinese Ministry of Commerce",
}


@pytest.mark.parametrize("text,name", sorted(RESOLVES.items()))
def test_resolves(by_alias, text, name):
    assert resolve(by_alias, text) == name


@pytest.mark.parametrize("text", ["Korea", "Congo", "us", "Us", "IT", "CAN", "AND", "ARE", "Male", "Victoria", "House"])
def test_does_not_resolve(by_alias, text):
    assert resolve(by_alias, text) is None


GROUPS = {
    "Hong Kong": "China", "Macau": "China", "Puerto Rico": "United States",
    "European Commission": "European Union", "European Central Bank": "European Union",
    "UN Security Council": "United Nations", "Federal Reserve": "United States",
    "Securities and Exchange Commission": "United States", "Federal Trade Commission": "United States",
    "U.S. Congress": "United States", "U.S. Senate": "United States",
    "U.S. House of Representatives": "United States", "U.S. Treasury": "United States",
    "U.S. Commerce Department": "United States", "U.S. Trade Representative": "United States",
    "U.S. Justice Department": "United States", "Pentagon": "United States",
    "Bundesbank": "Germany", "Bank of Japan": "Japan", "Bank of England": "United Kingdom",
    "MITI": "Japan", "People's Bank of China": "China", "Chinese Ministry of Commerce": "China",
}


@pytest.mark.parametrize("name,group", sorted(GROUPS.items()))
def test_group(by_name, name, group):
    assert by_name[name].get("group") == group


@pytest.mark.parametrize("name,demonym", [
    ("United States", "American"), ("United States", "Americans"), ("China", "Chinese"),
    ("Japan", "Japanese"), ("United Kingdom", "British"), ("Russia", "Soviet"),
    ("Canada", "Canadians"), ("Germany", "West German"), ("Taiwan", "Taiwanese"),
])
def test_demonyms(by_name, name, demonym):
    assert demonym in by_name[name]["demonyms"]


def test_china_and_taiwan_are_separate(by_name):
    china, taiwan = by_name["China"], by_name["Taiwan"]
    assert china["code"] == "CHN" and taiwan["code"] == "TWN"
    assert not set(china["aliases"]) & set(taiwan["aliases"])


def test_generator_is_deterministic():
    """Two runs give the same text (only where the dev-only packages are installed).
    The text is not compared with the committed file: a newer package version
    may rightly change it."""
    for mod in ("pycountry", "countryinfo", "country_converter"):
        pytest.importorskip(mod)
    import importlib.util
    spec = importlib.util.spec_from_file_location("build_country_actors", ROOT / "tools" / "build_country_actors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.render(module.build())
    assert text == module.render(module.build())
    assert text.startswith("# GENERATED FILE")
