"""The embedding model's transformer run by ONNX Runtime: the vectors sentence-transformers gives (to ~1e-6),
in about a third of the time for one short message on 2 cores: what the safety check pays per message.

sentence-transformers' own ONNX backend needs optimum, whose releases pin transformers 4.x while the coach
runs 5.x; so the export (torch's own exporter, once, into the cache folder) and the mean pooling are written
out here, for the one model layout they are exact for: a transformer, mean pooling, normalisation. Tokenising
stays with sentence-transformers. Any other layout, or any failure to export, load or match, keeps torch.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

OPSET = 17
# The export is checked against torch on these before it is used; a larger gap means a wrong graph.
PROBES = ("I feel so far from my partner lately.", "ok", "We argue about chores " * 40)
TOLERANCE = 1e-4
# ONNX Runtime on 2 cores runs chunk-length inputs faster in batches of up to 16 than of 64 (1.03–1.3x on the
# corpus's 290 chunks, measured under load); a larger batch asked for is run in pieces of this size.
RUN_BATCH = 16
_EXPORT_LOCK = threading.Lock()


class OnnxEncoder:
    """Encodes like `SentenceTransformer.encode(..., normalize_embeddings=True)`, with ONNX Runtime."""

    def __init__(self, model: SentenceTransformer, path: Path):
        import onnxruntime
        import torch

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = torch.get_num_threads()
        options.inter_op_num_threads = 1
        # no busy-waiting between calls: the model and the page share the same two cores
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.model = model

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        import numpy as np

        vectors = np.zeros((len(texts), self.model.get_embedding_dimension()), dtype=np.float32)
        # Longest first, in batches of similar length, as sentence-transformers does: less padding.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        step = max(1, min(batch_size, RUN_BATCH))
        for start in range(0, len(order), step):
            batch = order[start : start + step]
            vectors[batch] = self._encode_batch([texts[i] for i in batch])
        return vectors

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        features = self.model.preprocess(texts)
        feed = {name: features[name].numpy().astype(np.int64) for name in self.inputs}
        (tokens,) = self.session.run(None, feed)
        mask = feed["attention_mask"][..., None].astype(np.float32)
        means = (tokens * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        return means / np.clip(np.linalg.norm(means, axis=1, keepdims=True), 1e-12, None)


def load_onnx_encoder(model: SentenceTransformer, cache_dir: Path) -> OnnxEncoder | None:
    """The ONNX encoder for this model, exported on first use; None (with the reason logged) when the
    model's layout is not one this is exact for, or the export cannot be made, loaded or trusted."""
    if reason := unsupported(model):
        log.info("embeddings stay on torch: %s", reason)
        return None
    path = cache_dir / "onnx" / f"embed_{weights_digest(model)}.onnx"
    try:
        with _EXPORT_LOCK:
            if not path.exists():
                export(model, path)
        encoder = OnnxEncoder(model, path)
        gap = largest_gap(encoder, model)
    except Exception as exc:  # noqa: BLE001 - any failure here leaves the torch path, which always works
        # torch's messages can hold whole tensors: the first line says enough
        first_line = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
        log.warning(
            "embeddings stay on torch: the ONNX export failed (%s: %s)", type(exc).__name__, first_line
        )
        discard(path)  # a broken file is not reused by the next process
        return None
    if gap > TOLERANCE:
        log.warning("embeddings stay on torch: the ONNX export differs from torch by %.2g", gap)
        discard(path)
        return None
    return encoder


def discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:  # a read-only cache folder: torch still works, the next start tries again
        log.warning("cannot remove the unusable ONNX export %s (%s)", path, exc.__class__.__name__)


def unsupported(model: SentenceTransformer) -> str:
    """Why this model cannot be run by `OnnxEncoder`, or "" when it can."""
    names = [type(module).__name__ for module in model]
    if names not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        return f"modules {names}, not a transformer with pooling"
    pooling = model[1].get_config_dict()
    if pooling.get("pooling_mode", "mean") != "mean":
        return f"pooling '{pooling.get('pooling_mode')}', not mean"
    return ""


def weights_digest(model: SentenceTransformer) -> str:
    """Names the export by what it was made from, so a changed model or torch never reuses an old graph."""
    import torch

    digest = hashlib.sha256(f"{torch.__version__}|{OPSET}".encode())
    for name, tensor in sorted(model[0].auto_model.state_dict().items()):
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().view(-1).view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()[:20]


def export(model: SentenceTransformer, path: Path) -> None:
    import torch

    transformer = model[0].auto_model.eval()
    features = model.preprocess(list(PROBES[:2]))
    names = [name for name in ("input_ids", "attention_mask", "token_type_ids") if name in features]

    class LastHiddenState(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.transformer = transformer  # a submodule, so its weights export as weights

        def forward(self, *inputs):
            return self.transformer(**dict(zip(names, inputs, strict=True))).last_hidden_state

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "token_embeddings"]}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(),
            tuple(features[name] for name in names),
            str(temporary),
            input_names=names,
            output_names=["token_embeddings"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )
    temporary.replace(path)  # whole or not at all, even with two processes exporting


def largest_gap(encoder: OnnxEncoder, model: SentenceTransformer) -> float:
    import numpy as np

    expected = model.encode(list(PROBES), normalize_embeddings=True, show_progress_bar=False)
    return float(np.abs(encoder.encode(list(PROBES)) - expected).max())
