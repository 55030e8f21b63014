"""[scale] The persistent compact record index (crosscheck.storage.recordindex): the same report as
the in-memory index, kept up to date per transcript, only the affected articles re-checked, and a
corrupt or stale index rebuilt with a one-line warning."""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from crosscheck import load_corpus
from crosscheck.outputs.jsonreport import report_dict
from crosscheck.pipeline import RunStats, check_corpus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import synth  # noqa: E402


def report(folder: Path, **kw) -> tuple[str, RunStats]:
    stats = RunStats()
    r = check_corpus(load_corpus(folder / "sources.toml"), stats=stats, **kw)
    return json.dumps(report_dict(r), sort_keys=True), stats


def fresh(folder: Path) -> str:
    return report(folder, jobs=1, cache=False)[0]


def add_reference(folder: Path, n: int, seed: int = 99, day: dt.date | None = None) -> str:
    """Append one more synthetic transcript to the corpus's manifest."""
    rng = random.Random(seed)
    ref_id = f"ref-extra-{n}"
    doc, _ = synth.build_reference(rng, synth.SeedPools(), ref_id, day or dt.date(2031, 1, 1), "Genève")
    (folder / f"{ref_id}.txt").write_text(doc.text, encoding="utf-8")
    manifest = folder / "sources.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n" + "\n".join(synth.manifest_entry(doc)) + "\n",
                        encoding="utf-8")
    return ref_id


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    refs, arts, _ = synth.build(30, n_refs=8, seed=11)
    folder = tmp_path_factory.mktemp("archive")
    synth.write_corpus(folder, refs, arts)
    return folder


@pytest.fixture
def corpus(base, tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(base, folder, ignore=shutil.ignore_patterns(".crosscheck-cache"))
    return folder


def test_compact_index_gives_the_in_memory_index_report_serial_pool_and_cached(corpus):
    expected = fresh(corpus)
    cold, s1 = report(corpus, jobs=1, cache=True)
    assert s1.checked == 30 and cold == expected
    warm, s2 = report(corpus, jobs=2, cache=True)
    assert (s2.cached, s2.checked) == (30, 0) and warm == expected
    (corpus / ".crosscheck-cache" / "record-articles.bin").unlink()  # no article signatures: all re-checked
    pooled, s3 = report(corpus, jobs=2, cache=True)
    assert s3.checked == 30 and pooled == expected


UNRELATED = """Remarks by the spokesperson – 3 March 2031 – Reykjavik
Spokesperson : Fisheries quotas, glacier monitoring and geothermal cooperation were discussed.
Spokesperson : Volcanic ash forecasting benefits aviation across northern latitudes.
"""


def test_added_transcript_sharing_nothing_rechecks_nothing(corpus):
    report(corpus, jobs=1, cache=True)
    (corpus / "ref-unrelated.txt").write_text(UNRELATED, encoding="utf-8")
    manifest = corpus / "sources.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + '\n[[source]]\nid = "ref-unrelated"\n'
                        'path = "ref-unrelated.txt"\nrole = "reference"\npublished = 2031-03-03\n'
                        'language = "en"\n', encoding="utf-8")
    after, stats = report(corpus, jobs=1, cache=True)
    assert (stats.cached, stats.checked) == (30, 0)
    assert after == fresh(corpus)


def test_added_transcript_rechecks_affected_articles_and_gives_the_fresh_report(corpus):
    report(corpus, jobs=1, cache=True)
    add_reference(corpus, 1)
    after, stats = report(corpus, jobs=1, cache=True)
    assert after == fresh(corpus)
    # the record index was updated, not rebuilt: one transcript tokenised
    from crosscheck import pipeline
    assert pipeline.RECORD_STATS["mode"] == "updated" and pipeline.RECORD_STATS["tokenised"] == 1


def test_changed_and_removed_transcripts_give_the_fresh_report(corpus):
    report(corpus, jobs=1, cache=True)
    ref = corpus / "ref-003.txt"
    text = ref.read_text(encoding="utf-8")
    ref.write_text(text.replace("Russie", "Fédération", 3), encoding="utf-8")
    assert report(corpus, jobs=1, cache=True)[0] == fresh(corpus)
    manifest = corpus / "sources.toml"
    blocks = manifest.read_text(encoding="utf-8").split("[[source]]")
    manifest.write_text("[[source]]".join(b for b in blocks if 'id = "ref-005"' not in b), encoding="utf-8")
    assert report(corpus, jobs=1, cache=True)[0] == fresh(corpus)


@pytest.mark.parametrize("damage", ["truncate", "garbage-manifest", "shape"])
def test_corrupt_index_is_rebuilt_with_one_line_warning(corpus, capfd, damage):
    expected, _ = report(corpus, jobs=1, cache=True)
    folder = corpus / ".crosscheck-cache" / "record"
    if damage == "truncate":
        p = folder / "gram_post.npy"
        p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    elif damage == "garbage-manifest":
        (folder / "manifest.json").write_text("{not json")
    else:
        np.save(folder / "keys.npy", np.zeros(3, np.uint32))
    capfd.readouterr()
    again, _ = report(corpus, jobs=1, cache=True)
    err = capfd.readouterr().err
    assert again == expected
    lines = [line for line in err.splitlines() if "record index" in line]
    assert len(lines) == 1 and "rebuilding" in lines[0]


def test_dask_local_cluster_gives_the_same_report(corpus):
    distributed = pytest.importorskip("distributed")
    expected = fresh(corpus)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        got, stats = report(corpus, jobs=2, cache=True, engine="dask", dask_client=client)
        assert stats.checked == 30 and got == expected
        again, stats = report(corpus, jobs=2, cache=True, engine="dask", dask_client=client)
        assert (stats.cached, stats.checked) == (30, 0) and again == expected


def test_dask_engine_from_the_command_line(corpus, tmp_path):
    pytest.importorskip("distributed")
    from click.testing import CliRunner

    from crosscheck.cli import main

    def cli(*extra):
        out = tmp_path / "r.json"
        res = CliRunner().invoke(main, ["check", str(corpus), "--format", "json", "--output", str(out),
                                        "--fail-on", "error", *extra])
        assert res.exit_code in (0, 1), res.output
        return out.read_text()

    expected = cli("--no-cache", "--jobs", "1")
    assert cli("--engine", "dask", "--jobs", "2") == expected


@pytest.mark.parametrize("name", ["seeds", "tests/data/two-records"])
def test_compact_index_on_the_project_corpora(name, tmp_path):
    src = ROOT / name
    if not (src / "sources.toml").exists():
        pytest.skip(f"{name}: no manifest")
    folder = tmp_path / "c"
    shutil.copytree(src, folder, ignore=shutil.ignore_patterns(".crosscheck-cache", "reviews.toml"))
    expected = fresh(folder)
    assert report(folder, jobs=1, cache=True)[0] == expected
    assert report(folder, jobs=1, cache=True)[0] == expected


def test_report_links_each_article_to_its_records(corpus):
    data = json.loads(report(corpus, jobs=1, cache=False)[0])
    press = [s for s in data["sources"] if s["role"] == "press"]
    assert all("links" in s and "also_quotes" in s for s in press)
    linked = [s for s in press if s["links"]]
    assert linked, "synthetic articles quote their transcripts: most are linked"
    for s in linked:
        for link in s["links"]:
            assert link["passages"] >= 1 and link["why"]
            cited = {f["reference"] for f in data["findings"] if f["source"] == s["id"] and f.get("reference")}
            cited |= {a["reference"] for a in data["alignments"] if a["source"] == s["id"] and a.get("reference")}
            assert link["reference"] in cited


def test_light_html_embeds_only_linked_or_cited_records(tmp_path):
    from crosscheck.outputs import light
    from crosscheck.outputs.htmlreport import page_data
    from crosscheck.outputs.jsonreport import report_dict as rd

    refs, arts, _ = synth.build(6, n_refs=light.EMBED_ALL_MAX + 10, seed=3)
    synth.write_corpus(tmp_path, refs, arts)
    r = check_corpus(load_corpus(tmp_path / "sources.toml"), jobs=1)
    data = rd(r)
    view = page_data(r, data)
    embedded = {s["id"] for s in view["sources"] if s["role"] == "reference"}
    used = {f["reference"] for f in data["findings"] if f.get("reference")}
    used |= {ln["reference"] for s in data["sources"] for ln in s.get("links", [])}
    assert embedded == used and len(embedded) < len(refs)
    assert set(view["texts"]) == embedded | {a.id for a in arts}
