"""Flagging a segment against its own article, and calibrations fitted, stored and reused per model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqcheck.errors import InputError
from tqcheck.scoring import calibration
from tqcheck.scoring.api import score_document
from tqcheck.scoring.calibration import Thresholds, article_stats, fit, is_low, percentile

from .conftest import DATA, invoke
from .test_scoring import PAIRS, WRONG, article, options


def flags(values: list[float], t: Thresholds) -> list[bool]:
    stats = article_stats(values, t.scale)
    return [is_low(v, stats, t) for v in values]


# --- the rule, on score arrays ---------------------------------------------------------------------


def test_a_sentence_far_below_its_article_is_flagged_not_the_same_score_in_a_low_article() -> None:
    t = Thresholds(floor=-3.5, z=3.5, scale=0.1)
    good_article = [-1.0, -1.1, -0.9, -1.05, -0.95, -1.0, -2.6]
    assert flags(good_article, t) == [False] * 6 + [True]
    low_article = [-2.6, -2.7, -2.5, -2.65, -2.55, -2.6]  # a hard article: every sentence scores low
    assert flags(low_article, t) == [False] * 6
    # ... unless it is under the absolute floor
    under = Thresholds(floor=-2.58, z=3.5, scale=0.1)
    assert flags(low_article, under) == [True, True, False, True, False, True]
    stats = article_stats(good_article, t.scale)  # MAD 0.05: 0.074 spread, under the model's 0.1
    assert stats.median == -1.0 and stats.scale == 0.1 and stats.z(-2.6) == pytest.approx(-16.0)


def test_short_or_tight_articles_fall_back_on_the_floor_and_the_models_spread() -> None:
    t = Thresholds(floor=-3.5, z=3.5, scale=0.5)
    # four sentences say nothing about a median: only the floor applies
    assert flags([-1.0, -1.0, -1.0, -3.0], t) == [False] * 4
    assert flags([-1.0, -1.0, -1.0, -3.6], t) == [False, False, False, True]
    # identical scores have no spread (MAD 0): the model's spread stands in, so a small dip is not flagged
    assert flags([-1.0] * 6 + [-1.2], t) == [False] * 7
    assert flags([-1.0] * 6 + [-2.8], t) == [False] * 6 + [True]  # 3.6 spreads below
    assert article_stats([-1.0] * 6, 0.5).scale == 0.5


def test_percentile_interpolates_like_numpy() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 25) == 2.0
    assert percentile([float(x) for x in range(101)], 2) == pytest.approx(2.0)
    assert percentile([0.0, 10.0], 2) == pytest.approx(0.2)


def test_fit_takes_the_low_percentile_and_the_robust_spread() -> None:
    values = [-1.0 - 0.01 * i for i in range(100)]  # -1.00 .. -1.99
    cal = fit(values, key="k", models=["m@1"], name="desk", sample="s")
    assert cal.floor == pytest.approx(-1.9702) and cal.median == pytest.approx(-1.495)
    assert cal.scale == pytest.approx(round(1.4826 * 0.25, 4)) and cal.n == 100 and cal.z == 3.5
    assert cal.label == f"desk-{cal.digest}" and len(cal.digest) == 8
    assert fit(values, key="k", models=["m@1"], name="desk", sample="s", pct=10).digest != cal.digest
    assert cal.thresholds() == Thresholds(cal.floor, 3.5, cal.scale, cal.label)
    with pytest.raises(InputError, match="at least 10 pairs"):
        fit(values[:5], key="k", models=[], name="x", sample="s")
    with pytest.raises(InputError, match="--percentile"):
        fit(values, key="k", models=[], name="x", sample="s", pct=60)


def test_store_and_load_by_model_key(tmp_path: Path) -> None:
    key = calibration.model_key(["sha256-abc", None])
    assert key != calibration.model_key(["sha256-abc", "sha256-def"])
    assert calibration.load(tmp_path, key) is None
    cal = fit([-1.0 - 0.01 * i for i in range(20)], key=key, models=["m@abc"], name="desk", sample="s")
    path = calibration.store(cal, tmp_path)
    assert path == tmp_path / "calibrations" / f"{key}.json"
    assert calibration.load(tmp_path, key) == cal
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="unreadable calibration"):
        calibration.load(tmp_path, key)
    path.write_text(json.dumps({"key": key, "floor": "low"}), encoding="utf-8")
    with pytest.raises(InputError, match="not a tqcheck calibration"):
        calibration.load(tmp_path, key)


# --- on the tiny models ----------------------------------------------------------------------------


def test_relative_rule_flags_the_wrong_sentence_of_a_real_run(
    tiny_models: dict[str, Path], cache_dir: Path
) -> None:
    """With the floor out of reach, the replaced sentence is flagged for falling below its article."""
    target, source = article()
    result = score_document(target, source, options(tiny_models, threshold=-50.0, z_threshold=2.0))
    wrong = result.scores[WRONG]
    (hit,) = [h for h in result.hits if h.rule.code == "TQ901"]
    assert (hit.span.start, hit.span.end) == (wrong.start, wrong.end)
    data = dict(hit.data)
    adequacies = sorted(dict(s.metrics)["adequacy"] for s in result.scores)
    assert data["article_median"] == pytest.approx(adequacies[3], abs=1e-6)
    assert data["z"] < -2.0 and data["source"] == PAIRS[WRONG][0]
    assert "far below the article's median" in hit.message
    assert "|cal:default|thr:-50|z:2|scale:0.5|" in result.signature
    assert result.summary["below_threshold"] == 1


def test_calibrate_stores_beside_the_model_and_later_runs_use_it(
    tiny_models: dict[str, Path], cache_dir: Path, tmp_path: Path
) -> None:
    back, fwd = str(tiny_models["en-fr"]), str(tiny_models["fr-en"])
    pairs = tmp_path / "desk-sample.tsv"
    pairs.write_text((DATA / "tiny_parallel.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    common = ["--pairs", str(pairs), "--source-lang", "fr", "--lang", "en"]
    code, out, err = invoke("models", "calibrate", back, *common, "--source-model", fwd)
    assert code == 0, err
    (stored,) = (cache_dir / "calibrations").iterdir()
    data = json.loads(stored.read_text(encoding="utf-8"))
    assert data["n"] == len(PAIRS) and data["percentile"] == 2.0 and data["name"] == "desk-sample"
    assert data["models"][0].startswith("opus-mt-en-fr@sha256-")
    assert data["models"][1].startswith("opus-mt-fr-en@sha256-")
    cal = calibration.load(cache_dir, stored.stem)
    assert cal is not None and out.startswith(f"cal:{cal.label}: floor {cal.floor:.2f} bits/token")
    # the memorised pairs score near -0.1: the fitted floor sits just under them
    assert -0.5 < cal.floor < cal.median < 0

    target, source = article()
    result = score_document(target, source, options(tiny_models, threshold=None))
    assert f"|cal:{cal.label}|thr:{cal.floor:g}|z:3.5|scale:{cal.scale:g}|" in result.signature
    (hit,) = [h for h in result.hits if h.rule.code == "TQ901"]
    assert (hit.span.start, hit.span.end) == (result.scores[WRONG].start, result.scores[WRONG].end)
    # the defaults would not flag it: -1.6 bits/token is over -3.5 and 3.1 default spreads from the median
    plain = score_document(target, source, options(tiny_models, threshold=None, use_calibration=False))
    assert "|cal:default|thr:-3.5|" in plain.signature
    assert not [h for h in plain.hits if h.rule.code == "TQ901"]
    # an explicit threshold wins over the calibration's floor, which the signature says
    manual = score_document(target, source, options(tiny_models, threshold=-0.01))
    assert f"|cal:{cal.label}|thr:-0.01|" in manual.signature
    # a calibration belongs to its models: the back model alone has none yet
    alone = score_document(target, source, options(tiny_models, threshold=None, source_model=None))
    assert "|cal:default|" in alone.signature

    # fitted for the back model alone, it is what `check --score` (one model) picks up
    code, out, err = invoke("models", "calibrate", back, *common, "--name", "solo", "--percentile", "5")
    assert code == 0, err
    assert out.startswith("cal:solo-")
    label = out.split(":")[1]
    args = ["check", str(tmp_path / "a.en.txt"), "--source", str(tmp_path / "a.fr.txt"), "--score"]
    (tmp_path / "a.en.txt").write_text(target.text, encoding="utf-8")
    (tmp_path / "a.fr.txt").write_text(source.text, encoding="utf-8")
    code, out, err = invoke(*args, "--model", back, "--select", "TQ9", "-f", "json", "--fail-on", "never")
    assert code == 0, err
    assert f"|cal:{label}|" in json.loads(out)["signature"]


def test_calibrate_refuses_a_malformed_sample(
    tiny_models: dict[str, Path], cache_dir: Path, tmp_path: Path
) -> None:
    pairs = tmp_path / "bad.tsv"
    pairs.write_text("un\tone\nno tab here\n", encoding="utf-8")
    code, _, err = invoke("models", "calibrate", str(tiny_models["en-fr"]), "--pairs", str(pairs))
    assert code == 2 and err == f"tqcheck: error: {pairs}:2: expected source<TAB>target\n"
    assert not (cache_dir / "calibrations").exists()
