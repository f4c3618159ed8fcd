"""Copy the team's labelled safety messages into the gate's example bank (coach/data/safety_labelled.jsonl).

Every split of evals/safety_set.jsonl goes in except the blind one, which must stay unseen. Run it after a new
batch has had its first run and its misses are fixed: `python -m evals.sync_bank`. A test fails while the copy
is out of date.
"""

from __future__ import annotations

import json
from pathlib import Path

from coach.safety import LABELLED_COPY
from evals.runner import BLIND_SPLIT, EVALS_DIR, load_jsonl

BANK_COPY = Path(__file__).resolve().parent.parent / "coach" / "data" / LABELLED_COPY


def bank_rows() -> list[dict]:
    """The labelled messages the gate may learn from: text, level and category of every non-blind row."""
    return [
        {"text": r["text"], "level": r["level"], "category": r["category"]}
        for r in load_jsonl("safety_set.jsonl")
        if r["split"] != BLIND_SPLIT
    ]


def main() -> None:
    rows = bank_rows()
    BANK_COPY.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} labelled messages from {EVALS_DIR / 'safety_set.jsonl'} → {BANK_COPY}")


if __name__ == "__main__":
    main()
