"""Finding, downloading, listing and loading translation models, kept apart (COMET's lesson).

Resolving a model never touches the network: a hub id is looked up in the standard Hugging
Face cache (``local_files_only``), a folder is used as is. Only ``tqcheck models pull`` downloads,
so a missing model is one clear line with the command that fetches it, never a long hang on an
offline machine. Weights are read from safetensors only unless the user opts in to pickles,
and remote code is never trusted. Loaded models are cached per process by path and device.

Language codes: Marian (opus-mt) models are one pair each and need no codes (multilingual
ones take a ``>>fra<<`` token); NLLB and M2M100 need their own codes (``fra_Latn``, ``fr``) and
a forced first target token, so ISO 639-1 codes are mapped here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import socket
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from tqcheck.errors import InputError

NEURAL_HINT = "pip install 'tqcheck[neural]'"

#: Weights tqcheck loads by default (no code execution on load).
SAFE_WEIGHTS = ("model.safetensors", "model.safetensors.index.json")
#: Pickle-based weights, loaded only with ``allow_pickle`` (they can run code when unpickled).
PICKLE_WEIGHTS = ("pytorch_model.bin", "pytorch_model.bin.index.json")
#: What ``models pull`` downloads: config, tokenizer files and safetensors weights.
PULL_PATTERNS = ["*.json", "*.spm", "*.model", "*.txt", "*.safetensors", "*.safetensors.index.json"]
#: ``model_type`` values of the seq2seq translation models tqcheck knows how to drive.
SUPPORTED_TYPES = ("marian", "m2m_100", "nllb", "nllb-moe")

#: ISO 639-1 -> NLLB-200 (FLORES-200) codes, for the languages news desks translate most.
NLLB_CODES: dict[str, str] = {
    "af": "afr_Latn", "am": "amh_Ethi", "ar": "arb_Arab", "az": "azj_Latn", "be": "bel_Cyrl",
    "bg": "bul_Cyrl", "bn": "ben_Beng", "bs": "bos_Latn", "ca": "cat_Latn", "cs": "ces_Latn",
    "cy": "cym_Latn", "da": "dan_Latn", "de": "deu_Latn", "el": "ell_Grek", "en": "eng_Latn",
    "eo": "epo_Latn", "es": "spa_Latn", "et": "est_Latn", "eu": "eus_Latn", "fa": "pes_Arab",
    "fi": "fin_Latn", "fr": "fra_Latn", "ga": "gle_Latn", "gl": "glg_Latn", "gu": "guj_Gujr",
    "ha": "hau_Latn", "he": "heb_Hebr", "hi": "hin_Deva", "hr": "hrv_Latn", "hu": "hun_Latn",
    "hy": "hye_Armn", "id": "ind_Latn", "ig": "ibo_Latn", "is": "isl_Latn", "it": "ita_Latn",
    "ja": "jpn_Jpan", "jv": "jav_Latn", "ka": "kat_Geor", "kk": "kaz_Cyrl", "km": "khm_Khmr",
    "kn": "kan_Knda", "ko": "kor_Hang", "ku": "kmr_Latn", "ky": "kir_Cyrl", "lo": "lao_Laoo",
    "lt": "lit_Latn", "lv": "lvs_Latn", "mk": "mkd_Cyrl", "ml": "mal_Mlym", "mn": "khk_Cyrl",
    "mr": "mar_Deva", "ms": "zsm_Latn", "mt": "mlt_Latn", "my": "mya_Mymr", "nb": "nob_Latn",
    "ne": "npi_Deva", "nl": "nld_Latn", "nn": "nno_Latn", "no": "nob_Latn", "pa": "pan_Guru",
    "pl": "pol_Latn", "ps": "pbt_Arab", "pt": "por_Latn", "ro": "ron_Latn", "ru": "rus_Cyrl",
    "si": "sin_Sinh", "sk": "slk_Latn", "sl": "slv_Latn", "so": "som_Latn", "sq": "als_Latn",
    "sr": "srp_Cyrl", "sv": "swe_Latn", "sw": "swh_Latn", "ta": "tam_Taml", "te": "tel_Telu",
    "tg": "tgk_Cyrl", "th": "tha_Thai", "tl": "tgl_Latn", "tr": "tur_Latn", "uk": "ukr_Cyrl",
    "ur": "urd_Arab", "uz": "uzn_Latn", "vi": "vie_Latn", "xh": "xho_Latn", "yi": "ydd_Hebr",
    "yo": "yor_Latn", "zh": "zho_Hans", "zu": "zul_Latn",
}  # fmt: skip

#: The 100 languages of M2M100 (its codes are ISO 639-1 where one exists).
M2M_CODES = frozenset(
    {
        "af", "am", "ar", "ast", "az", "ba", "be", "bg", "bn", "br", "bs", "ca", "ceb", "cs", "cy", "da",
        "de", "el", "en", "es", "et", "fa", "ff", "fi", "fr", "fy", "ga", "gd", "gl", "gu", "ha", "he",
        "hi", "hr", "ht", "hu", "hy", "id", "ig", "ilo", "is", "it", "ja", "jv", "ka", "kk", "km", "kn",
        "ko", "lb", "lg", "ln", "lo", "lt", "lv", "mg", "mk", "ml", "mn", "mr", "ms", "my", "ne", "nl",
        "no", "ns", "oc", "or", "pa", "pl", "ps", "pt", "ro", "ru", "sd", "si", "sk", "sl", "so", "sq",
        "sr", "ss", "su", "sv", "sw", "ta", "th", "tl", "tn", "tr", "uk", "ur", "uz", "vi", "wo", "xh",
        "yi", "yo", "zh", "zu",
    }
)  # fmt: skip
#: Codes people (and language identifiers) use that M2M100 spells differently.
M2M_ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "ji": "yi", "fil": "tl"}

_NLLB_FORM = re.compile(r"^[a-z]{3}_[A-Z][a-z]{3}$")


def nllb_code(lang: str) -> str:
    """NLLB code for an ISO 639-1 code (``fr`` -> ``fra_Latn``); NLLB codes pass through."""
    if _NLLB_FORM.match(lang):
        return lang
    code = NLLB_CODES.get(lang.lower().split("-")[0].split("_")[0])
    if code is None:
        raise InputError(
            f"no NLLB language code known for {lang!r}; pass the NLLB code itself (e.g. fra_Latn)"
        )
    return code


def m2m_code(lang: str) -> str:
    """M2M100 code for an ISO 639-1 code (mostly the same; ``nb`` -> ``no``, ``iw`` -> ``he``)."""
    base = lang.lower().split("-")[0].split("_")[0]
    base = M2M_ALIASES.get(base, base)
    if base not in M2M_CODES:
        raise InputError(f"M2M100 does not cover language {lang!r}")
    return base


def default_model(src: str, tgt: str) -> str:
    """The opus-mt model for one direction (``Helsinki-NLP/opus-mt-en-fr`` translates en -> fr)."""
    return f"Helsinki-NLP/opus-mt-{src}-{tgt}"


def neural_available() -> bool:
    """Whether torch, transformers and sentencepiece are importable (checked without importing)."""
    return all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers", "sentencepiece"))


def require_neural() -> None:
    if not neural_available():
        raise InputError(f"neural scoring needs torch, transformers and sentencepiece: {NEURAL_HINT}")


def offline() -> bool:
    """HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) read now, not at import of huggingface_hub."""
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if os.environ.get(var, "").strip().lower() in ("1", "true", "yes", "on"):
            return True
    return False


def hf_cache_dir() -> Path:
    """The Hugging Face hub cache as huggingface_hub computes it, but read from the environment now."""
    for var in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"):
        if os.environ.get(var):
            return Path(os.environ[var]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "huggingface" / "hub"


@dataclass(frozen=True, slots=True)
class ModelRef:
    """A model found on disk: what the user called it, where it is and which exact version."""

    name: str
    path: Path
    revision: str  # hub commit hash, or "sha256-<hex>" content hash of a local folder
    local: bool

    @property
    def label(self) -> str:
        """Short, machine-independent id for signatures (``id@commit12``)."""
        name = self.path.name if self.local else self.name
        return f"{name}@{self.revision[:19] if self.local else self.revision[:12]}"

    @property
    def cache_id(self) -> str:
        """What identifies the weights in the score cache (a moved folder keeps its cache)."""
        return self.revision if self.local else f"{self.name}@{self.revision}"


Memo = Callable[[str, Callable[[], str]], str]


_HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")


def _looks_like_path(name: str) -> bool:
    """Anything that cannot be a hub id (``org/name``) is taken as a folder path."""
    return _HUB_ID.match(name) is None


def folder_revision(path: Path, memo: Memo | None = None) -> str:
    """Content hash of a model folder (names and bytes of every file), memoised by file stats.

    Hashing a 300 MB opus-mt folder takes about half a second, so the result is remembered
    (keyed by each file's size and mtime) and unchanged folders cost only a ``stat``.
    """
    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    stats = [(str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
    key = "folder-revision:" + hashlib.sha256(json.dumps([str(path.resolve()), stats]).encode()).hexdigest()

    def compute() -> str:
        h = hashlib.sha256()
        for p in files:
            h.update(str(p.relative_to(path)).encode() + b"\0")
            with p.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
        return "sha256-" + h.hexdigest()

    return memo(key, compute) if memo else compute()


def check_weights(path: Path, name: str, allow_pickle: bool = False) -> None:
    """Refuse folders that are not models, or that hold only pickle weights unless allowed."""
    if not (path / "config.json").is_file():
        raise InputError(f"{name}: not a model folder (no config.json)")
    if any((path / w).is_file() for w in SAFE_WEIGHTS):
        return
    if any((path / w).is_file() for w in PICKLE_WEIGHTS):
        if allow_pickle:
            return
        raise InputError(
            f"{name}: only pickle weights (pytorch_model.bin), which can run code when loaded; "
            "tqcheck loads safetensors only (convert the model, or pass --allow-pickle if you trust it)"
        )
    raise InputError(f"{name}: no model weights (model.safetensors) in {path}")


def resolve(name: str, *, memo: Memo | None = None, allow_pickle: bool = False) -> ModelRef:
    """Find ``name`` (a folder, or a hub id in the HF cache) without any network access."""
    folder = Path(name).expanduser()
    if folder.is_dir():
        check_weights(folder, name, allow_pickle)
        return ModelRef(name, folder.resolve(), folder_revision(folder.resolve(), memo), True)
    if _looks_like_path(name):
        raise InputError(f"model folder {name} does not exist")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError, LocalEntryNotFoundError

    cache = hf_cache_dir()
    try:
        snap = Path(str(snapshot_download(name, cache_dir=cache, local_files_only=True)))
    except (LocalEntryNotFoundError, FileNotFoundError, OSError):
        raise InputError(
            f"model {name} is not downloaded (in {cache}); get it with: tqcheck models pull {name}"
        ) from None
    except HFValidationError:
        raise InputError(f"{name!r} is neither a model folder nor a Hugging Face model id") from None
    if not (snap / "config.json").is_file():
        raise InputError(f"model {name} is only partly downloaded; get it with: tqcheck models pull {name}")
    check_weights(snap, name, allow_pickle)
    return ModelRef(name, snap, snap.name, False)


def _check_reachable(endpoint: str, timeout: float = 5.0) -> None:
    """Fail in seconds, with one line, when the hub's host cannot be reached at all."""
    if any(os.environ.get(v) for v in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return  # the proxy decides; huggingface_hub's own timeouts apply
    url = urlparse(endpoint)
    host, port = url.hostname or "huggingface.co", url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        raise InputError(f"cannot reach {endpoint} to download models ({exc.strerror or exc})") from None


def pull(name: str, revision: str | None = None, allow_pickle: bool = False) -> ModelRef:
    """Download ``name`` (config, tokenizer, safetensors weights) into the HF cache."""
    if offline():
        raise InputError(
            f"cannot download {name}: offline (HF_HUB_OFFLINE is set); unset it or copy the model folder"
        )
    try:
        from huggingface_hub import constants, snapshot_download
        from huggingface_hub.errors import HFValidationError
    except ImportError:
        raise InputError(f"tqcheck models pull needs the neural extra: {NEURAL_HINT}") from None

    endpoint = os.environ.get("HF_ENDPOINT") or constants.ENDPOINT
    _check_reachable(endpoint)
    patterns = [*PULL_PATTERNS, "*.bin"] if allow_pickle else PULL_PATTERNS
    try:
        snap = Path(
            str(
                snapshot_download(
                    name,
                    revision=revision,
                    cache_dir=hf_cache_dir(),
                    allow_patterns=patterns,
                    etag_timeout=10,
                )
            )
        )
    except HFValidationError:
        raise InputError(f"{name!r} is not a valid Hugging Face model id") from None
    except Exception as exc:  # HTTP, proxy, TLS, disk: the network or the machine, never a bug of ours
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot download {name}: {first}") from None
    check_weights(snap, name, allow_pickle)
    return ModelRef(name, snap, snap.name, False)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One entry of ``tqcheck models list``."""

    name: str
    path: Path
    revision: str
    size: int  # bytes on disk
    model_type: str
    usable: bool
    note: str


def _describe(path: Path) -> tuple[str, bool, str]:
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "?", False, "no readable config.json"
    mtype = str(config.get("model_type", "?"))
    if mtype not in SUPPORTED_TYPES:
        return mtype, False, "not a translation model tqcheck drives"
    if not any((path / w).is_file() for w in SAFE_WEIGHTS):
        if any((path / w).is_file() for w in PICKLE_WEIGHTS):
            return mtype, False, "pickle weights only (needs --allow-pickle)"
        return mtype, False, "no weights"
    return mtype, True, ""


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def list_models(dirs: Iterable[Path] = ()) -> list[ModelInfo]:
    """Translation models in the HF cache and in ``dirs`` (each folder and its sub-folders)."""
    out: list[ModelInfo] = []
    cache = hf_cache_dir()
    if cache.is_dir():
        for repo in sorted(cache.glob("models--*")):
            name = repo.name[len("models--") :].replace("--", "/")
            for snap in sorted((repo / "snapshots").glob("*")):
                mtype, usable, note = _describe(snap)
                size = sum(p.resolve().stat().st_size for p in snap.rglob("*") if p.is_file())
                out.append(ModelInfo(name, snap, snap.name, size, mtype, usable, note))
    for d in dirs:
        d = d.expanduser()
        if not d.is_dir():
            raise InputError(f"{d}: no such directory")
        for cand in [d, *sorted(p for p in d.iterdir() if p.is_dir())]:
            if (cand / "config.json").is_file():
                mtype, usable, note = _describe(cand)
                out.append(ModelInfo(str(cand), cand, "", _size(cand), mtype, usable, note))
    return out


# --- loading (imports torch/transformers) -------------------------------------------------


@dataclass
class LoadedModel:
    """A model and tokenizer in memory, plus what driving them needs (family, special ids)."""

    ref: ModelRef
    model: Any
    tokenizer: Any
    family: str  # "marian", "nllb" or "m2m100"
    device: str
    dtype: str
    decoder_start_token_id: int
    pad_token_id: int
    eos_token_id: int
    backend: str = "transformers"  # or "ct2": ``model`` is then a ``ctranslate2.Translator``

    def lang_token(self, lang: str) -> str | None:
        """The language token this model wants for ``lang`` (None for one-pair Marian models)."""
        if self.family == "nllb":
            return nllb_code(lang)
        if self.family == "m2m100":
            return f"__{m2m_code(lang)}__"
        codes: list[str] = list(getattr(self.tokenizer, "supported_language_codes", []) or [])
        if not codes:
            return None
        for cand in (f">>{lang}<<", f">>{_iso3(lang)}<<", f">>{nllb_code(lang)}<<"):
            if cand in codes:
                return cand
        raise InputError(
            f"{self.ref.name} cannot translate into {lang!r} (it knows {', '.join(codes[:8])}, …)"
        )


def _iso3(lang: str) -> str:
    try:
        return nllb_code(lang).split("_")[0]
    except InputError:
        return lang


_LOADED: dict[tuple[str, str, str], LoadedModel] = {}
#: How often models were loaded and run in this process (lets tests prove a cache hit ran nothing).
STATS: Counter[str] = Counter()


def plan_device(device: str) -> tuple[str, str]:
    """(device, dtype) for a ``--device`` value, decided without importing torch.

    ``auto`` means CUDA in half precision when torch was built with CUDA and an NVIDIA
    driver is present, else CPU in float32. Deciding without torch lets a fully cached
    re-check skip the 2-second torch import; :func:`load` verifies the guess.
    """
    d = device.strip().lower()
    if d == "cpu":
        return "cpu", "float32"
    if d.startswith("cuda"):
        return d, "float16"
    if d != "auto":
        raise InputError(f"unknown device {device!r} (use auto, cpu, cuda or cuda:N)")
    if os.environ.get("CUDA_VISIBLE_DEVICES", None) in ("", "-1"):
        return "cpu", "float32"
    spec = importlib.util.find_spec("torch")
    if spec is None or spec.origin is None:
        return "cpu", "float32"
    version = Path(spec.origin).parent / "version.py"
    try:
        built_with_cuda = re.search(r"^cuda\s*(?::[^=]*)?=\s*['\"]", version.read_text(), re.M) is not None
    except OSError:
        built_with_cuda = False
    if built_with_cuda and Path("/proc/driver/nvidia/version").exists():
        return "cuda", "float16"
    return "cpu", "float32"


def load(
    ref: ModelRef, device: str = "cpu", dtype: str = "float32", allow_pickle: bool = False
) -> LoadedModel:
    """Load a resolved model once per process (keyed by path, device and dtype)."""
    key = (str(ref.path), device, dtype)
    hit = _LOADED.get(key)
    if hit is not None:
        return hit
    require_neural()
    import torch
    import transformers
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    if device.startswith("cuda") and not torch.cuda.is_available():
        raise InputError(f"device {device} requested but torch cannot use CUDA here; pass --device cpu")
    transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    transformers.utils.logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    path = str(ref.path)
    try:
        config = AutoConfig.from_pretrained(path, local_files_only=True, trust_remote_code=False)
    except (OSError, ValueError) as exc:
        raise InputError(f"{ref.name}: cannot read model config ({exc})") from None
    mtype = str(getattr(config, "model_type", ""))
    if mtype not in SUPPORTED_TYPES:
        raise InputError(
            f"{ref.name}: model type {mtype!r} is not a translation model tqcheck drives "
            "(Marian, NLLB, M2M100)"
        )
    try:
        with warnings.catch_warnings():  # MarianTokenizer nags about sacremoses on every load
            warnings.simplefilter("ignore")
            tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True, trust_remote_code=False)
        model = AutoModelForSeq2SeqLM.from_pretrained(
            path,
            local_files_only=True,
            trust_remote_code=False,
            use_safetensors=None if allow_pickle else True,
            dtype=getattr(torch, dtype),
        )
    except (OSError, ValueError, ImportError) as exc:
        raise InputError(
            f"{ref.name}: cannot load model ({str(exc).splitlines()[0] if str(exc) else exc})"
        ) from None
    model.to(device)
    model.eval()
    tok_class = type(tokenizer).__name__.lower()
    family = "nllb" if "nllb" in tok_class else "m2m100" if mtype == "m2m_100" else "marian"
    gen = getattr(model, "generation_config", None)
    start = getattr(gen, "decoder_start_token_id", None)
    if start is None:
        start = config.decoder_start_token_id
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else config.pad_token_id
    eos = tokenizer.eos_token_id if tokenizer.eos_token_id is not None else config.eos_token_id
    if start is None:
        start = pad if family == "marian" else eos
    loaded = LoadedModel(ref, model, tokenizer, family, device, dtype, int(start), int(pad), int(eos))
    STATS["loads"] += 1
    _LOADED[key] = loaded
    return loaded


def unload_all() -> None:
    """Forget every loaded model (tests use it to prove a cached run loads nothing)."""
    _LOADED.clear()
