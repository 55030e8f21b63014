"""report.json follows the JSON Schema shipped in the package (crosscheck/report.schema.json)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from crosscheck import check_corpus, load_corpus
from crosscheck.outputs.jsonreport import json_schema, report_dict, to_json
from crosscheck.review.reviews import apply_reviews, load_reviews, reviews_path

ENGLISH = Path(__file__).parent / "data" / "article-en"


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(validator, data):
    return sorted(e.message for e in validator.iter_errors(data))


def test_schema_is_package_data():
    from importlib import resources
    assert resources.files("crosscheck").joinpath("report.schema.json").is_file()


def test_seed_report_validates_with_and_without_reviews(validator, seed_corpus):
    report = check_corpus(seed_corpus)
    data = report_dict(report)
    assert errors(validator, data) == []
    state = apply_reviews(report, load_reviews(reviews_path(seed_corpus)))
    assert state.applied  # the seeds' reviews.toml decides some findings: their review entries validate too
    reviewed = json.loads(to_json(report))
    assert all("review" in f for f in reviewed["findings"])
    assert errors(validator, reviewed) == []


def test_english_report_validates(validator):
    data = report_dict(check_corpus(load_corpus(ENGLISH)))
    assert {f["kind"] for f in data["findings"]} >= {"quote", "speaker", "name", "number", "place"}
    assert errors(validator, data) == []


@pytest.mark.parametrize("corrupt, needle", [
    (lambda d: d["findings"][0].update(kind="quotation"), "'quotation' is not one of"),
    (lambda d: d["findings"][0].update(severity="fatal"), "'fatal' is not one of"),
    (lambda d: d["findings"][0].pop("span"), "'span' is a required property"),
    (lambda d: d["findings"][0].update(extra={"x": 1}), "Additional properties are not allowed"),
    (lambda d: d["people"][0]["forms"][0].update(verdict="wrong"), "'wrong' is not one of"),
    (lambda d: d.update(schema=2), "1 was expected"),
    (lambda d: next(f for f in d["findings"] if f["kind"] == "quote").pop("diff"), "'diff' is a required property"),
])
def test_corrupted_report_fails(validator, seed_report, corrupt, needle):
    data = copy.deepcopy(report_dict(seed_report))
    corrupt(data)
    found = errors(validator, data)
    assert any(needle in e for e in found), found
