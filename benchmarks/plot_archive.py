"""Plot benchmarks/archive-results.json: time and peak memory against archive size.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/plot_archive.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = Path(__file__).resolve().parent


def main(src: str = str(HERE / "archive-results.json"), out: str = str(HERE / "archive-results.png")) -> None:
    data = json.loads(Path(src).read_text())
    rows = data["sizes"]
    x = [r["refs"] for r in rows]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    for key, label in [("cold", "cold (index built, 1,000 articles)"), ("new_articles", "1,000 new articles, index built"),
                       ("plus_transcript", "+1 transcript"), ("warm", "warm (all cached)"), ("plus_article", "+1 article")]:
        ax1.plot(x, [r[key]["wall"] for r in rows], marker="o", label=label)
    if all("naive" in r for r in rows):
        ax1.plot(x, [r["naive"]["est_1000"] for r in rows], marker="x", linestyle="--", label="naive, 1,000 articles (est.)")
    ax1.set_xscale("log")
    ax1.set_yscale("log")
    ax1.set_xlabel("transcripts in the archive")
    ax1.set_ylabel("seconds (crosscheck check, 2 cores)")
    ax1.legend(fontsize=7)
    ax1.grid(True, which="both", alpha=0.3)
    mx = x + [m["refs"] for m in data.get("memory_only", [])]
    ax2.plot(x, [r["cold"]["rss_mb"] for r in rows], marker="o", label="cold check, peak RSS")
    ax2.plot(mx, [r["index"]["rss_mb"] for r in rows] + [m["rss_mb"] for m in data.get("memory_only", [])],
             marker="o", label="index build, peak RSS")
    ax2.plot(mx, [r["index"]["arrays_mb"] + r["index"]["record_bin_mb"] for r in rows]
             + [m["arrays_mb"] + m["record_bin_mb"] for m in data.get("memory_only", [])],
             marker="s", label="index on disk (arrays + record.bin)")
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    ax2.set_xlabel("transcripts in the archive")
    ax2.set_ylabel("MB")
    ax2.legend(fontsize=7)
    ax2.grid(True, which="both", alpha=0.3)
    fig.suptitle("crosscheck against an archive (1,000 articles, synthetic seed-like transcripts)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(out)


if __name__ == "__main__":
    main(*sys.argv[1:])
