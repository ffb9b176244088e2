"""The language model is read once per run and, after the first run, from the user cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from tqcheck import langid

TEXTS = (
    "Le gouvernement syrien a annoncé mardi la reprise des combats dans la province d'Idleb.",
    "The Syrian government said on Tuesday that fighting had resumed in Idlib province.",
    "Die syrische Regierung teilte am Dienstag mit, die Kämpfe in der Provinz Idlib gingen weiter.",
    "El gobierno sirio anunció el martes la reanudación de los combates en la provincia de Idlib.",
)


def fresh() -> None:
    langid._model.cache_clear()
    langid._identifier.cache_clear()


@pytest.fixture
def reference() -> list[list[tuple[str, float]]]:
    """What py3langid itself says, all languages and restricted to a pair."""
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    everything = [ident.classify(t) for t in TEXTS]
    ident.set_languages(["en", "fr"])
    return [everything, [ident.classify(t) for t in TEXTS]]


def said() -> list[list[tuple[str, float]]]:
    return [[langid.detect(t) for t in TEXTS], [langid.detect(t, ["fr", "en"]) for t in TEXTS]]


def test_the_cached_model_says_what_the_model_says(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, reference: list[list[tuple[str, float]]]
) -> None:
    fresh()
    assert said() == reference
    assert len(list(cache_dir.glob("langid-*.pickle"))) == 1
    fresh()

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model file was read again")

    monkeypatch.setattr(LanguageIdentifier, "from_model_file", unread)
    # the restricted copy did not narrow the model it was copied from
    assert said() == reference
    assert [langid.detect(t) for t in TEXTS] == reference[0]
    fresh()


@pytest.mark.parametrize("cache", ["damaged", "a file"])
def test_a_damaged_or_unwritable_cache_still_gives_the_model(
    cache: str, cache_dir: Path, reference: list[list[tuple[str, float]]]
) -> None:
    if cache == "damaged":
        fresh()
        said()
        (cached,) = cache_dir.glob("langid-*.pickle")
        cached.write_bytes(cached.read_bytes()[:1000])
    else:
        cache_dir.write_text("not a folder")
    fresh()
    assert said() == reference
    if cache == "damaged":
        (cached,) = cache_dir.glob("langid-*.pickle")
        assert cached.stat().st_size > 1000  # written whole again
    fresh()
