"""Retrain the learned half of the no-sanction reader (punitive_model.py) from the corpora it names
(TRAINING_CORPORA) and write its weights (data/punitive_model.npz). Deterministic: the same corpora
give the same file, byte for byte. --check compares instead of writing (exit 1 when stale)."""

from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser

from entrepairs.mentoring import punitive_model


class Command(BaseCommand):
    help = "Retrain the no-sanction reader's learned model from the closure-note corpora."
    requires_system_checks: list[str] = []  # no database: corpora in, weights out

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(punitive_model.WEIGHTS))
        parser.add_argument(
            "--check", action="store_true", help="fail if the weights file differs from a retrain"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        weights = punitive_model.train_on_corpora()
        path = Path(options["output"])
        if options["check"]:
            committed = punitive_model.load(path)
            if not np.array_equal(committed, weights.astype(np.float32).astype(float)):
                raise CommandError(f"{path} differs from a retrain on the corpora")
            self.stdout.write(f"{path} matches a retrain on the corpora")
            return
        punitive_model.save(weights, path)
        self.stdout.write(
            f"{path}: {np.count_nonzero(weights)} weights from "
            f"{len(punitive_model.TRAINING_CORPORA)} corpora, {path.stat().st_size} bytes"
        )
