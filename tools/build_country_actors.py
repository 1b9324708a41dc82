#!/usr/bin/env python3
"""Generate rules/actors/countries.yaml, tracker's country lexicon.

    python tools/build_country_actors.py > rules/actors/countries.yaml
    python tools/build_country_actors.py --out rules/actors/countries.yaml

Packages used (dev-only, the ``lexicon`` extra of pyproject; tracker itself
never imports them, it reads only the YAML written here):

- ``country_converter`` (coco): which states are UN members (its ``UNmember``
  column, 193 rows), short and official English names, ISO alpha-3 codes, and
  the Kosovo row that ISO lacks.  Its data table ``country_data.tsv`` is read
  with the csv module: ``coco.CountryConverter()`` needs pandas and breaks
  under pandas 3, and the table is all we need.
- ``pycountry``: ISO 3166-1 names, official and common names; ISO 3166-3
  (historic) names for the Soviet Union, East Germany, Czechoslovakia and
  Yugoslavia.
- ``countryinfo``: capitals, demonyms and alternative spellings.

Hand-curated here, because no package has them: seats of government
(White House, Kremlin, ...), the few capital-city metonyms of 1987 news
(Bonn, Peking, Rangoon, Lagos, ...), former names (Soviet Union, Zaire,
Burma, ...), the news forms of codes (U.S., U.K.), and a small override table
for package quirks (names, capitals and demonyms that are outdated, clash
with another actor, or are not English).  Capitals left out on purpose are
in CAPITAL_EXCLUSIONS with the reason.

Output is deterministic: actors sorted by name, aliases and demonyms sorted
(the canonical name first).  The script stops with an error if two actors
would claim the same alias or demonym, so an override is needed to go on.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
import yaml
from countryinfo import CountryInfo
from countryinfo.exceptions import CountryNotFoundError

# --------------------------------------------------------------------------
# Which actors
# --------------------------------------------------------------------------

# Not UN members, but actors in news.  alpha-3 -> group (None: no group).
NON_MEMBERS = {
    "TWN": None,             # Taiwan (Republic of China)
    "PSE": None,             # Palestine (UN observer state)
    "VAT": None,             # Holy See / Vatican (UN observer state)
    "XKX": None,             # Kosovo (code used by the EU and IMF; not ISO)
    "HKG": "China",
    "MAC": "China",
    "PRI": "United States",
}

# Historic states (ISO 3166-3) kept as actors of their own in 1987 news, so
# that "East Germany" is not read as Germany.  The Soviet Union is NOT here:
# it maps to Russia (see HISTORIC_SUCCESSORS).
HISTORIC_ACTORS = {"DDR": "East Germany", "CSK": "Czechoslovakia", "YUG": "Yugoslavia"}
HISTORIC_SUCCESSORS = {"SUN": "RUS"}  # historic code -> actor whose aliases get its names

# --------------------------------------------------------------------------
# Override tables (package quirks and what packages lack)
# --------------------------------------------------------------------------

# Canonical name, when coco's short name is not the common English news name.
NAME_OVERRIDES = {
    "BRN": "Brunei",
    "CIV": "Ivory Coast",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CPV": "Cape Verde",
    "CZE": "Czech Republic",
    "FSM": "Micronesia",
    "KNA": "Saint Kitts and Nevis",
    "LCA": "Saint Lucia",
    "TLS": "East Timor",
    "TUR": "Turkey",
    "VCT": "Saint Vincent and the Grenadines",
}

# Codes that news writes as words.  Every other code (alpha-2 / alpha-3) is
# dropped: CAN, ARE, AND, IT, ... are English words in all-caps headlines.
NEWS_CODES = {"US", "USA", "UK", "UAE", "USSR", "PRC", "DPRK", "ROK", "DRC"}

# Short forms, former names and news spellings no package has.
EXTRA_ALIASES = {
    "USA": ["US", "U.S.", "USA", "U.S.A.", "America"],
    "GBR": ["Britain", "UK", "U.K.", "Northern Ireland"],
    "RUS": ["Soviet Union", "U.S.S.R."],          # 1987 news: the Soviet Union is Russia here
    "DEU": ["West Germany"],                      # 1987: the Federal Republic
    "CHN": ["PRC", "People's Republic"],
    "KOR": ["ROK"],
    "PRK": ["DPRK"],
    "NLD": ["Holland"],
    "MMR": ["Burma"],
    "KHM": ["Kampuchea"],
    "BFA": ["Upper Volta"],
    "LKA": ["Ceylon"],
    "COD": ["Zaire", "DR Congo", "Democratic Republic of Congo"],
    "COG": ["Republic of Congo"],
    "WSM": ["Western Samoa"],
    "ARE": ["U.A.E."],
    "BIH": ["Bosnia"],
    "TTO": ["Trinidad"],
    "ATG": ["Antigua"],
    "KNA": ["Saint Kitts"],
    "VCT": ["Saint Vincent"],
    "MKD": ["Macedonia"],
    "VAT": ["Vatican", "Holy See"],
    "PSE": ["Palestinian Authority"],
    "DDR": ["GDR"],
}

# Aliases a package gives that must go: ambiguous between two actors, or an
# abbreviation nobody writes.
GLOBAL_DROP = {
    "Korea",   # North or South
    "Congo",   # Republic of the Congo or the DRC
}

# Seats of government used as metonyms.  Buildings of a body that has its own
# actor in organizations.yaml (Pentagon, Capitol Hill, Foggy Bottom) go there.
SEATS = {
    "USA": ["White House"],
    "RUS": ["Kremlin"],
    "GBR": ["Downing Street", "Whitehall"],
    "FRA": ["Élysée", "Élysée Palace", "Quai d'Orsay", "Matignon"],
    "CHN": ["Zhongnanhai"],
    "KOR": ["Blue House"],
    "JPN": ["Kasumigaseki"],
    "PHL": ["Malacañang"],
    "ARG": ["Casa Rosada"],
    "ESP": ["Moncloa"],
    "ITA": ["Palazzo Chigi"],
    "BRA": ["Planalto"],
}

# countryinfo's capital replaced (outdated, or not the form news uses).
# An empty list: no capital metonym.
CAPITAL_OVERRIDES = {
    "USA": ["Washington"],            # countryinfo: "Washington D.C."
    "KAZ": ["Astana"],                # countryinfo: "Nur-Sultan" (renamed back in 2022)
    "KIR": ["Tarawa"],                # countryinfo: "South Tarawa"
    "SWZ": ["Mbabane"],               # countryinfo: "Lobamba" (royal/legislative)
    "BOL": ["La Paz"],                # seat of government; "Sucre" excluded below
    "VAT": ["Vatican City"],          # countryinfo: "Vatican City State"
    "SMR": [],                        # "City of San Marino": the country's own name
    "HKG": [],                        # "City of Victoria"
    "MAC": [],
    "PSE": ["Ramallah"],              # seat of the Palestinian Authority
    "XKX": ["Pristina"],              # countryinfo has no Kosovo
    "DDR": ["East Berlin"],
    "CSK": [],
    "YUG": [],
}

# Other cities news uses for the government: seats of government that are not
# the capital, and 1987 capitals and spellings.
CAPITAL_EXTRA = {
    "DEU": ["Bonn"],                  # West German capital in 1987
    "NLD": ["The Hague"],             # seat of government (Amsterdam is the capital)
    "CHN": ["Peking"],
    "MMR": ["Rangoon"],
    "NGA": ["Lagos"],                 # capital until 1991
    "CIV": ["Abidjan"],
    "TZA": ["Dar es Salaam"],
    "BEN": ["Cotonou"],
    "BDI": ["Gitega"],                # capital since 2019; countryinfo has Bujumbura
    "BGD": ["Dacca"],
    "UKR": ["Kiev"],
    "MNG": ["Ulan Bator"],
    "YEM": ["Sanaa"],
    "CHE": ["Berne"],
    "MYS": ["Putrajaya"],
}

# Capitals NOT used as aliases, with the reason.
CAPITAL_EXCLUSIONS = {
    "Malé": "MALE is a common English word in all-caps headlines (Maldives)",
    "Victoria": "a person's name and an Australian state (Seychelles)",
    "San José": "San Jose, California (Costa Rica)",
    "Georgetown": "Georgetown in Washington, its university, Penang (Guyana)",
    "Saint John's": "St. John's, Newfoundland (Antigua and Barbuda)",
    "St. George's": "generic: churches, hospitals, schools (Grenada)",
    "Nassau": "Nassau County, New York (Bahamas)",
    "Brussels": "stands for the European Union in news (Belgium); see organizations.yaml",
    "Jerusalem": "claimed as capital by both Israel and Palestine",
    "Sucre": "SUCRE is Ecuador's former currency in headlines; Bolivia's government sits in La Paz",
}

# Demonyms: additions and removals (countryinfo has one adjective per country).
DEMONYM_EXTRA = {
    "RUS": ["Soviet"],
    "DEU": ["West German"],
    "PHL": ["Philippine"],
    "SAU": ["Saudi"],
    "ARG": ["Argentine"],
    "KGZ": ["Kyrgyz"],
    "TJK": ["Tajik"],
    "UZB": ["Uzbek"],
    "KAZ": ["Kazakh"],
    "MDV": ["Maldivian"],
    "CPV": ["Cape Verdean"],
    "COM": ["Comorian"],
    "SUR": ["Surinamese"],
    "ECU": ["Ecuadorian"],
    "SVN": ["Slovenian"],
    "ISL": ["Icelandic"],
    "DJI": ["Djiboutian"],
    "PSE": ["Palestinian"],
    "XKX": ["Kosovar"],
    "COD": ["Zairean"],
    "MMR": ["Myanmar"],
    "DDR": ["East German"],
    "CZE": ["Czechs"],
    "CSK": ["Czechoslovak"],
    "YUG": ["Yugoslav", "Yugoslavs"],
}
DEMONYM_DROP = {
    "HKG": ["Chinese"],               # countryinfo gives "Chinese" for Hong Kong and Macau
    "MAC": ["Chinese"],
    "DMA": ["Dominican"],             # kept for the Dominican Republic
    "COG": ["Congolese"],             # ambiguous between the two Congos
    "COD": ["Congolese"],
    "DJI": ["Djibouti"],              # countryinfo's demonym is the name itself
    "MMR": ["Myanmar"],               # a name used as adjective: it is already an alias
}
# Demonyms with no "-s" plural used as a noun.
NO_PLURAL = {"I-Kiribati", "Ni-Vanuatu", "Mosotho", "Motswana", "Burkinabe", "Malagasy"}

# --------------------------------------------------------------------------

HEADER = """\
# GENERATED FILE - do not edit by hand.
# Regenerate with:  python tools/build_country_actors.py --out rules/actors/countries.yaml
# (needs the dev-only `lexicon` extra: pip install -e '.[lexicon]').
# To add your own aliases, put them in your own lexicon file (any YAML file
# with an `actors:` list) instead of editing this one: it is overwritten.
#
# One entry per country: the 193 UN member states, plus Taiwan, Palestine,
# the Vatican (Holy See), Kosovo, Hong Kong and Macau (group China), Puerto
# Rico (group United States), and three states of 1987 news that no longer
# exist: East Germany, Czechoslovakia and Yugoslavia.  The Soviet Union is not
# an actor of its own: "Soviet Union", "USSR" and "Soviet" map to Russia, and
# "West Germany" and "Bonn" map to Germany.
#
# Fields:
#   name      the country's common English name, as news writes it.
#   type      country.
#   code      ISO 3166-1 alpha-3 (ISO 3166-3 for the three former states;
#             XKX for Kosovo, as the EU and IMF write it).
#   group     for a territory, the country it belongs to; absent when none.
#   aliases   words that name the country.  They match as written
#             (case-sensitive) and in ALL CAPS (newswire headlines), so "US"
#             never matches the pronoun "us".  They are: the common, short and
#             official names, former names, the capital and seat-of-government
#             metonyms ("Washington", "the Kremlin"), and the few codes news
#             writes as words (USA, UK, UAE, USSR, PRC, DPRK, ROK, DRC).  Other
#             codes are left out: CAN, ARE, AND, IT ... are English words in
#             headlines.  "Korea" and "Congo" alone are left out (two actors).
#             Some capitals are left out too (see CAPITAL_EXCLUSIONS in the
#             script): Male, Victoria, San Jose, Georgetown, St. John's,
#             St. George's, Nassau, Brussels (the EU), Jerusalem, Sucre.
#             A name with accents is listed in ASCII too (Élysée, Elysee).
#   demonyms  adjectives and plural nouns ("Chinese", "American", "Americans").
#             They stand for the country only when an official noun follows:
#             "Chinese officials", "the Japanese government", "the British side".
"""


def _coco_table() -> list[dict[str, str]]:
    spec = importlib.util.find_spec("country_converter")
    if spec is None or spec.origin is None:
        raise SystemExit("country_converter is not installed: pip install -e '.[lexicon]'")
    path = Path(spec.origin).parent / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def fold(text: str) -> str:
    """ASCII form of a Latin-script string: Côte d'Ivoire -> Cote d'Ivoire."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_code(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,4}", text))


def clean_name(text: str | None) -> str | None:
    """A package name as an alias, or None for inverted/annotated forms."""
    if not text:
        return None
    text = text.strip()
    if text.startswith("the "):          # pycountry: "the State of Eritrea"
        text = text[4:]
    elif text.startswith("The "):        # countryinfo: "The Bahamas"
        text = text[4:]
    if not text or "," in text or "(" in text or not text[0].isupper():
        return None
    return text


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", text) if w]


def plural(demonym: str) -> str | None:
    if demonym in NO_PLURAL or demonym.endswith(("ese", "sh", "ch", "ss", "y")):
        return None
    if demonym[-1] in "nikort":
        return demonym + "s"
    return None


def countryinfo_data(a3: str) -> dict:
    try:
        return dict(CountryInfo(a3).info())
    except CountryNotFoundError:
        return {}


def build() -> list[dict]:
    table = _coco_table()
    rows = {r["ISO3"]: r for r in table if r["UNmember"].strip() or r["ISO3"] in NON_MEMBERS}
    missing = set(NON_MEMBERS) - set(rows)
    if missing:
        raise SystemExit(f"country_converter lacks {sorted(missing)}")
    n_members = sum(1 for r in rows.values() if r["UNmember"].strip())
    if n_members != 193:
        raise SystemExit(f"expected 193 UN members in country_converter, found {n_members}")

    # Raw English names per actor, from the three packages.
    raw: dict[str, dict] = {}
    for a3, row in rows.items():
        pc = pycountry.countries.get(alpha_3=a3)
        ci = countryinfo_data(a3)
        names = [row["name_short"], row["name_official"], ci.get("name")]
        if pc is not None:
            names += [pc.name, getattr(pc, "official_name", None), getattr(pc, "common_name", None)]
        raw[a3] = {
            "name": NAME_OVERRIDES.get(a3, row["name_short"]),
            "names": names,
            "alt": list(ci.get("altSpellings") or []),
            "capital": ci.get("capital") or "",
            "demonym": ci.get("demonym") or "",
            "group": NON_MEMBERS.get(a3),
        }
    for a3, name in HISTORIC_ACTORS.items():
        hist = pycountry.historic_countries.get(alpha_3=a3)
        raw[a3] = {"name": name, "names": [p for p in hist.name.split(", ")],
                   "alt": [], "capital": "", "demonym": "", "group": None}
    for old, new in HISTORIC_SUCCESSORS.items():
        hist = pycountry.historic_countries.get(alpha_3=old)
        raw[new]["names"] += hist.name.split(", ")

    # English vocabulary: every word of every English name above.  An
    # alternative spelling from countryinfo is kept only when all its words
    # are in it, which drops native-language forms ("Nippon", "Suisse",
    # "Brasil") that occur in company names, and stray entries ("Island").
    # Words are compared as written, so "Pākistān" or "România" (a native
    # form with marks the English name lacks) is dropped too.
    vocab = {"of", "the", "and"}
    for info in raw.values():
        for n in info["names"] + [info["name"]]:
            if n:
                vocab.update(words(n))

    actors = []
    for a3, info in raw.items():
        demonyms = set()
        for d in re.split(r",| and ", info["demonym"]):
            d = d.strip()
            if d:
                demonyms.add(d)
        demonyms |= set(DEMONYM_EXTRA.get(a3, []))
        demonyms -= set(DEMONYM_DROP.get(a3, []))
        demonyms |= {p for d in list(demonyms) if (p := plural(d))}

        aliases = {info["name"]}
        aliases |= {c for n in info["names"] if (c := clean_name(n))}
        for alt in info["alt"]:
            alt = alt.strip()
            if not alt[:1].isupper():       # " the Abode of Peace": a fragment
                continue
            if is_code(alt):
                if alt in NEWS_CODES:
                    aliases.add(alt)
                continue
            c = clean_name(alt)
            if c and all(w in vocab for w in words(c)):
                aliases.add(c)
        aliases |= set(EXTRA_ALIASES.get(a3, []))
        aliases |= set(SEATS.get(a3, []))
        capitals = CAPITAL_OVERRIDES.get(a3, [info["capital"]] if info["capital"] else [])
        capitals = [c for c in capitals + CAPITAL_EXTRA.get(a3, []) if c not in CAPITAL_EXCLUSIONS]
        aliases |= set(capitals)
        # Variants: ASCII form, and Saint <-> St.
        for a in list(aliases):
            aliases.add(fold(a))
        for a in list(aliases):
            if a.startswith("Saint "):
                aliases.add("St. " + a[6:])
            elif a.startswith("St. "):
                aliases.add("Saint " + a[4:])
        aliases = {a for a in aliases
                   if a not in GLOBAL_DROP and a not in demonyms
                   and (not is_code(a) or a in NEWS_CODES)}
        aliases |= {info["name"]}
        actor = {"name": info["name"], "type": "country", "code": a3}
        if info["group"]:
            actor["group"] = info["group"]
        actor["aliases"] = [info["name"]] + sorted(aliases - {info["name"]}, key=_key)
        actor["demonyms"] = sorted(demonyms, key=_key)
        actors.append(actor)

    actors.sort(key=lambda a: _key(a["name"]))
    _check(actors)
    return actors


def _key(s: str) -> tuple[str, str]:
    return (fold(s).casefold(), s)


def _check(actors: list[dict]) -> None:
    names = {a["name"] for a in actors}
    if len(names) != len(actors):
        raise SystemExit("duplicate canonical names")
    for a in actors:
        if a.get("group") and a["group"] not in names:
            raise SystemExit(f"{a['name']}: unknown group {a['group']!r}")
    for field in ("aliases", "demonyms"):
        owner: dict[str, str] = {}
        clashes = []
        for a in actors:
            for s in a[field]:
                for form in {s, s.upper()}:
                    if owner.setdefault(form, a["name"]) != a["name"]:
                        clashes.append(f"{form!r}: {owner[form]} / {a['name']}")
        if clashes:
            raise SystemExit(f"{field} claimed by two actors (add an override):\n  " + "\n  ".join(clashes))


_PLAIN = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F .'\-]*")


def q(s: str) -> str:
    """A YAML scalar for a flow sequence: plain when it reads back the same."""
    if _PLAIN.fullmatch(s):
        try:
            if yaml.safe_load(s) == s:
                return s
        except yaml.YAMLError:
            pass
    return json.dumps(s, ensure_ascii=False)


def render(actors: list[dict]) -> str:
    out = [HEADER, "actors:\n"]
    for a in actors:
        out.append(f"  - name: {q(a['name'])}\n")
        out.append(f"    type: {a['type']}\n")
        out.append(f"    code: {a['code']}\n")
        if a.get("group"):
            out.append(f"    group: {q(a['group'])}\n")
        out.append("    aliases: [" + ", ".join(q(x) for x in a["aliases"]) + "]\n")
        if a["demonyms"]:
            out.append("    demonyms: [" + ", ".join(q(x) for x in a["demonyms"]) + "]\n")
    text = "".join(out)
    if yaml.safe_load(text)["actors"] != [{k: v for k, v in a.items() if v != []} for a in actors]:
        raise SystemExit("rendered YAML does not read back as built")
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="write here instead of standard output")
    args = ap.parse_args(argv)
    text = render(build())
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
