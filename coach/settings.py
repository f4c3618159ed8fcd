"""Every knob of the coach, in one typed object read from `COACH_*` environment variables.

No other module reads the environment. Defaults work offline, out of the box.
"""

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COACH_", extra="ignore")

    # corpus and index
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / "index"
    chroma_url: str = Field("", description="http://HOST:PORT of a Chroma server; empty = embedded store")
    collection: str = "coach"
    embed_model: str = Field("", description="sentence-transformers name or folder; empty = bundled MiniLM")
    embed_backend: Literal["onnx", "torch"] = Field(
        "onnx",
        description="onnx: the embedding model exported once to the cache folder and run by ONNX Runtime "
        "(same vectors, faster); torch: sentence-transformers as is. Models ONNX cannot run exactly stay on "
        "torch",
    )
    chunk_size: int = Field(100, description="words per chunk before a long section is split")
    chunk_overlap: int = Field(16, description="words repeated between neighbouring chunks of a section")

    # retrieval
    top_k: int = 4
    relevance_floor: float = Field(0.30, description="best dense cosine below this = not covered")

    # model
    model_path: Path | None = Field(None, description="a GGUF file; empty = bundled SmolLM2-135M")
    llm_url: str = Field("", description="OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1")
    llm_model: str = "local-model"
    llm_api_key: str = "not-needed"
    llm_timeout: float = 60.0
    context_window: int = 4096
    max_answer_tokens: int = 120
    temperature: float = 0.2
    threads: int = 2
    memory_tokens: int = 1200
    condense: Literal["rules", "llm"] = Field(
        "rules",
        description="how a follow-up becomes a standalone search: rules, or the model with llama-index's "
        "condense prompt (better with 1.5B+ models)",
    )
    max_message_chars: int = 2000

    # safety
    resources_file: Path | None = Field(None, description="TOML of crisis resources; empty = bundled US list")
    cache_dir: Path = Field(
        PROJECT_ROOT / ".cache",
        description="derived data kept between runs (the safety examples' embeddings, the ONNX export)",
    )

    # page
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str = Field("", description="user:password, required when binding beyond loopback")


def load_settings(**overrides) -> Settings:
    """Settings from the environment, with explicit overrides (used by the CLI and tests)."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
