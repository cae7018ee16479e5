"""The suggestion model measured on the validation filers, its thresholds tuned there, and its
verdicts and speed on the real filings in ../shared (for tools/train_suggestions.py).

Everything here runs the package's numpy inference on the model as written, so the card's figures
are the shipped model's (tests/test_suggestions.py recomputes them).
"""

from __future__ import annotations

import hashlib
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np

from cyber_plugin.core.catalogue import INCIDENT_CONCEPTS, concept_for
from cyber_plugin.core.section import Paragraph
from cyber_plugin.core.suggestion_model import SuggestionModel, read_model
from cyber_plugin.core.suggestions import (
    MISSING_THRESHOLD,
    READS_LIKE_OTHER_MARGIN,
    read_blocks,
    score_section,
)
from tools.suggestion_corpus import (
    BLOCK_LABELS,
    INCIDENT_LABEL,
    PARAGRAPH_LABELS,
    REAL_FILINGS,
    REAL_INCIDENTS,
    CorpusFiling,
    excluded_ciks,
    real_filing_ciks,
)

MISSING_PRECISION: Final = 0.90  # the missing-element suggestion's precision target
FALSE_ALARM_BUDGET: Final = 0.005  # the share of validation text blocks the rule may flag
GRID: Final = tuple(round(step / 100, 2) for step in range(5, 100))
MIN_SUGGESTIONS: Final = 20
NEVER: Final = 1.01  # a threshold no score reaches
COMPLETE_10KS: Final = ("nflx-10-k-2025-01-27.htm", "pg-10-k-2025-08-04.htm", "ibm-10k-2024/ibm-20241231.htm")
OTHER_REAL: Final = ("abbv-10-k-2025-02-14.htm", "unh-10-k-2025-02-27.htm")
TIMING_RUNS: Final = 20


def short(name: str) -> str:
    return concept_for(name).short_name


def ranking_figures(scores: np.ndarray, targets: np.ndarray) -> dict[str, float]:
    """Top-1 and top-3: the share of rows whose first (first three) scores name a tagged label."""
    order = np.argsort(-scores, axis=1, kind="stable")
    rows = np.arange(len(targets))[:, np.newaxis]
    return {
        "top1": round(float(targets[rows[:, 0], order[:, 0]].mean()), 4),
        "top3": round(float(targets[rows, order[:, :3]].max(axis=1).mean()), 4),
        "rows": len(targets),
    }


def per_element(scores: np.ndarray, targets: np.ndarray, labels: Sequence[str]) -> list[dict[str, Any]]:
    order = np.argsort(-scores, axis=1, kind="stable")
    rows = []
    for column, name in enumerate(labels):
        first = order[:, 0] == column
        in_three = (order[:, :3] == column).any(axis=1)
        tagged = targets[:, column] == 1
        rows.append(
            {
                "element": short(name),
                "tagged": int(tagged.sum()),
                "suggested_first": int(first.sum()),
                "precision_first": round(float(tagged[first].mean()), 3) if first.any() else None,
                "recall_first": round(float(first[tagged].mean()), 3) if tagged.any() else None,
                "recall_top3": round(float(in_three[tagged].mean()), 3) if tagged.any() else None,
            }
        )
    return rows


def confusions(scores: np.ndarray, targets: np.ndarray, count: int = 10) -> list[dict[str, Any]]:
    """The commonest misses: the element suggested first, and the elements the filer tagged."""
    first = np.argsort(-scores, axis=1, kind="stable")[:, 0]
    missed = Counter(
        (short(PARAGRAPH_LABELS[top]), " + ".join(short(PARAGRAPH_LABELS[c]) for c in np.flatnonzero(row)))
        for top, row in zip(first, targets, strict=True)
        if not row[top]
    )
    ranked = sorted(missed.items(), key=lambda item: (-item[1], item[0]))
    return [{"suggested": s, "tagged": t, "paragraphs": n} for (s, t), n in ranked[:count]]


def calibration(scores: np.ndarray, targets: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Expected calibration error of every (paragraph, element) score, and the reliability table."""
    flat, truth = scores.ravel(), targets.ravel()
    slots = np.minimum((flat * bins).astype(int), bins - 1)
    table, error = [], 0.0
    for slot in range(bins):
        held = slots == slot
        if held.any():
            mean, share = float(flat[held].mean()), float(truth[held].mean())
            error += held.mean() * abs(mean - share)
            name = f"{slot / bins:.1f}-{(slot + 1) / bins:.1f}"
            table.append({"bin": name, "mean_score": round(mean, 3), "tagged_share": round(share, 3)})
    return {"ece": round(error, 4), "table": table}


def paragraphs_of(filing: CorpusFiling, left_out: frozenset[str] = frozenset()) -> list[Paragraph]:
    """The rebuilt section as core.section paragraphs; pieces tagged with a left-out label dropped."""
    return [
        Paragraph(piece.text, document="population", line=None)
        for piece in filing.pieces
        if not (piece.labels & left_out)
    ]


def tune_missing(model: SuggestionModel, sections: Sequence[Any]) -> dict[str, Any]:
    """The missing-element thresholds, one per element: for each element a validation section tags,
    the section is scored as it is (the best paragraph should be one the filer tagged with it) and
    without the paragraphs tagged with it (then any suggestion is taken as a false one, which is
    harsh: other paragraphs often say the same); the least score giving a precision of at least
    90% (on 20 suggestions or more) is chosen, or NEVER when none does."""
    found: dict[str, list[tuple[float, bool]]] = {name: [] for name in PARAGRAPH_LABELS}
    absent: dict[str, list[float]] = {name: [] for name in PARAGRAPH_LABELS}
    for section in sections:
        if len(section.inputs) < 2:
            continue
        whole = score_section(paragraphs_of(section.filing), model)
        for column, name in enumerate(PARAGRAPH_LABELS):
            if not section.labels[:, column].any():
                continue
            best = whole.best_paragraph(name, threshold=0.0)
            if best is not None:
                found[name].append((best[1].score, name in section.filing.pieces[best[0]].labels))
            rest = score_section(paragraphs_of(section.filing, frozenset({name})), model).best_paragraph(
                name, 0.0
            )
            if rest is not None:
                absent[name].append(rest[1].score)
    elements, pooled = [], [0, 0, 0]  # right, wrong, cases
    for name in PARAGRAPH_LABELS:
        point: dict[str, Any] = {"threshold": NEVER, "precision": None, "recall": 0.0}
        for threshold in GRID:
            right = sum(1 for score, ok in found[name] if ok and score >= threshold)
            wrong = sum(1 for score, ok in found[name] if not ok and score >= threshold)
            wrong += sum(1 for score in absent[name] if score >= threshold)
            if right + wrong >= MIN_SUGGESTIONS and right / (right + wrong) >= MISSING_PRECISION:
                precision, recall = right / (right + wrong), right / len(found[name])
                point = {"threshold": threshold, "precision": round(precision, 3), "recall": round(recall, 3)}
                point |= {"right": right, "wrong": wrong}
                break
        pooled[0] += int(point.get("right", 0))
        pooled[1] += int(point.get("wrong", 0))
        pooled[2] += len(found[name])
        elements.append(
            {"element": short(name), "present": len(found[name]), "taken_out": len(absent[name]), **point}
        )
    return {
        "elements": elements,
        "precision": round(pooled[0] / max(1, pooled[0] + pooled[1]), 3),
        "recall": round(pooled[0] / max(1, pooled[2]), 3),
    }


def swapped(filing: CorpusFiling) -> list[tuple[str, str]]:
    """The filing's annual text blocks with each one's text given to another element (by a hash),
    one swapped block at a time: simulated wrong tags, as (swapped element, original blocks)."""
    annual = [(name, text) for name, text in filing.tagged if name in PARAGRAPH_LABELS]
    cases = []
    for number, (_, text) in enumerate(annual):
        covering = {other for other, holder in annual if text in holder}
        choices = [label for label in PARAGRAPH_LABELS if label not in covering]
        if choices and len(text.split()) >= 6:
            digest = hashlib.sha256(f"{filing.accession}/{number}".encode()).digest()
            cases.append((choices[digest[0] % len(choices)], text))
    return cases


def tune_reads_like_other(model: SuggestionModel, validation: Sequence[CorpusFiling]) -> dict[str, Any]:
    """The rule's margin: the least margin (on a 0.01 grid) at which at most 0.5% of the validation
    filers' text blocks, as tagged, are flagged (most are right: precision first); its recall on
    simulated wrong tags (another annual element's, or an incident element's, given to a block)."""
    natural = [(filing, reading) for filing in validation for reading in read_blocks(filing.tagged, model)]
    margins = np.array([reading.margin for _, reading in natural])
    chosen = next((m for m in GRID if (margins >= m).mean() <= FALSE_ALARM_BUDGET), GRID[-1])
    swaps, incident_swaps = [], []
    incident_name = INCIDENT_CONCEPTS[0].local_name
    for filing in validation:
        others = [(n, t) for n, t in filing.tagged]
        for name, text in swapped(filing)[:3]:
            swaps.append(_swap_margin(model, others, name, text))
            incident_swaps.append(_swap_margin(model, [], incident_name, text))
    flagged = sorted(
        (
            (reading.margin, filing.accession, reading)
            for filing, reading in natural
            if reading.margin >= chosen
        ),
        key=lambda item: (-item[0], item[1]),
    )
    return {
        "margin": chosen,
        "blocks": len(natural),
        "flagged": len(flagged),
        "flag_rate": round(len(flagged) / max(1, len(natural)), 4),
        "swap_recall": round(float((np.array(swaps) >= chosen).mean()), 3) if swaps else None,
        "incident_swap_recall": round(float((np.array(incident_swaps) >= chosen).mean()), 3)
        if swaps
        else None,
        "swaps": len(swaps),
        "examples": [
            {
                "accession": accession,
                "element": short(r.concept),
                "reads_like": short(r.reads_like.concept) if r.reads_like else "",
                "margin": round(m, 3),
                "text": r.text[:160],
            }
            for m, accession, r in flagged[:25]
        ],
    }


def _swap_margin(model: SuggestionModel, blocks: list[tuple[str, str]], name: str, text: str) -> float:
    """The margin of `text` tagged as `name` among the filing's other blocks (those with the same
    text left out, so that only the swapped tag holds it)."""
    rest = [(other, holder) for other, holder in blocks if text not in holder]
    readings = read_blocks([*rest, (name, text)], model)
    return readings[-1].margin if readings and readings[-1].concept == name else -1.0


@dataclass
class Report:
    figures: dict[str, Any]
    thresholds: dict[str, float]
    real: list[dict[str, Any]] = field(default_factory=list)

    def finish(self, model_path: Path, total_seconds: float, training_seconds: float, worst: float) -> None:
        """Add what only the written model file tells: its size, digest, speed and verdicts on the
        real filings, and the run's times."""
        data = model_path.read_bytes()
        self.figures["model"] = {
            "file": model_path.name,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "numpy_vs_sklearn_max_difference": float(f"{worst:.1e}"),
        }
        self.figures["run_seconds"] = {"total": round(total_seconds), "training": round(training_seconds)}
        self.real = real_filings(model_path)
        self.figures["real_filings"] = self.real


def real_filings(model_path: Path) -> list[dict[str, Any]]:
    """The rule's verdicts on the real filings, and the model's load and scoring times on the
    real 10-Ks (medians of 20 runs; scoring is the whole section)."""
    from cyber_plugin.api import read_filing

    results = []
    paths = [REAL_FILINGS / name for name in (*COMPLETE_10KS, *OTHER_REAL)] + sorted(
        REAL_INCIDENTS.glob("*.htm")
    )
    model = read_model(model_path)
    for path in paths:
        disclosure = read_filing(path).disclosure
        blocks = [
            (f.local_name, f.value) for f in disclosure.text_blocks if isinstance(f.value, str) and f.value
        ]
        readings = read_blocks(blocks, model)
        worst = max(readings, key=lambda r: r.margin, default=None)
        entry: dict[str, Any] = {
            "filing": path.name,
            "form": disclosure.filing.document_type,
            "complete": path.name in {Path(name).name for name in COMPLETE_10KS},
            "blocks": len(readings),
            "flagged": [
                f"{short(r.concept)} reads like {short(r.reads_like.concept)} ({r.margin:.2f})"
                for r in readings
                if r.reads_like and r.margin >= model.thresholds[READS_LIKE_OTHER_MARGIN]
            ],
            "largest_margin": round(worst.margin, 3) if worst else None,
            "incident_scores": [
                round(r.own_score, 3)
                for r in readings
                if r.concept in {c.local_name for c in INCIDENT_CONCEPTS}
            ],
        }
        section = disclosure.section
        if section is not None and section.paragraphs:
            entry["paragraphs"] = sum(1 for p in section.paragraphs if p.is_substantive)
            entry |= _timings(model_path, section.paragraphs)
        results.append(entry)
    return results


def _timings(model_path: Path, paragraphs: Sequence[Paragraph]) -> dict[str, float]:
    """Medians of 20 runs, in milliseconds, wall clock and processor time, of reading the model
    and of scoring the section (paragraphs made anew each time, so that nothing is cached)."""
    runs: dict[str, list[float]] = {"load_ms": [], "score_ms": [], "load_cpu_ms": [], "score_cpu_ms": []}
    for _ in range(TIMING_RUNS):
        fresh = [Paragraph(p.text, p.document, p.line) for p in paragraphs]
        wall, processor = time.perf_counter(), time.process_time()
        model = read_model(model_path)
        loaded, loaded_processor = time.perf_counter(), time.process_time()
        score_section(fresh, model)
        runs["load_ms"].append(loaded - wall)
        runs["load_cpu_ms"].append(loaded_processor - processor)
        runs["score_ms"].append(time.perf_counter() - loaded)
        runs["score_cpu_ms"].append(time.process_time() - loaded_processor)
    return {name: round(statistics.median(values) * 1000, 1) for name, values in runs.items()}


def _incident_held_out(scores: list[float]) -> dict[str, Any]:
    return {
        "blocks": len(scores),
        "median": round(statistics.median(scores), 3) if scores else None,
        "share_over_half": round(sum(score >= 0.5 for score in scores) / len(scores), 3) if scores else None,
    }


def evaluate(
    trained: Any,
    model: SuggestionModel,
    training: Sequence[CorpusFiling],
    validation: Sequence[CorpusFiling],
    sections: Sequence[Any],
) -> Report:
    sections = [section for section in sections if section.inputs]
    targets = np.vstack([section.labels for section in sections])
    text = model.text_scores([p.text for section in sections for p in section.inputs])
    final = np.vstack([model.section_scores(section.inputs) for section in sections])
    block_texts = [
        t for filing in validation for t, labels in filing.blocks if labels & set(PARAGRAPH_LABELS)
    ]
    block_sets = [labels for f in validation for _, labels in f.blocks if labels & set(PARAGRAPH_LABELS)]
    block_targets = np.array(
        [[name in labels for name in BLOCK_LABELS] for labels in block_sets], dtype=np.int8
    )
    block_scores = np.vstack([model.block_scores(t) for t in block_texts])
    baseline_blocks = trained.block_baseline.predict(trained.vectorizer.transform(block_texts))
    annual = len(PARAGRAPH_LABELS)
    incident_blocks = [t for f in validation for t, labels in f.blocks if labels == {BLOCK_LABELS[-1]}]
    missing = tune_missing(model, sections)
    rule = tune_reads_like_other(model, validation)
    figures = {
        "data": {
            "training_filings": len(training),
            "training_filers": len({f.cik for f in training}),
            "validation_filings": len(validation),
            "validation_filers": len({f.cik for f in validation}),
            "validation_paragraphs": len(targets),
            "validation_blocks": len(block_texts),
        },
        "paragraph": {
            "baseline": ranking_figures(text, targets),
            "model": ranking_figures(final, targets),
            "per_element": per_element(final, targets, PARAGRAPH_LABELS),
            "baseline_per_element": per_element(text, targets, PARAGRAPH_LABELS),
            "confusions": confusions(final, targets),
            "calibration": calibration(final, targets),
        },
        "block": {
            "baseline": ranking_figures(baseline_blocks[:, :annual], block_targets[:, :annual]),
            "model": ranking_figures(block_scores[:, :annual], block_targets[:, :annual]),
            "incident_blocks": len(incident_blocks),
            "incident_scores": [round(float(model.block_scores(t)[-1]), 3) for t in incident_blocks],
            "annual_blocks_incident_score_over_half": int((block_scores[:, -1] >= 0.5).sum()),
        },
        "missing_element": missing,
        "reads_like_other": rule,
        "excluded_ciks": list(excluded_ciks()),
        "real_filing_ciks": real_filing_ciks(),
        "incident_held_out": _incident_held_out(trained.incident_held_out),
        "incident_training_blocks": sum(INCIDENT_LABEL in labels for f in training for _, labels in f.blocks),
        "incident_training_filings": sum(
            any(INCIDENT_LABEL in labels for _, labels in f.blocks) for f in training
        ),
    }
    thresholds = {
        f"{MISSING_THRESHOLD}/{name}": float(entry["threshold"])
        for name, entry in zip(PARAGRAPH_LABELS, missing["elements"], strict=True)
    }
    thresholds[READS_LIKE_OTHER_MARGIN] = rule["margin"]
    figures["thresholds"] = thresholds
    return Report(figures, thresholds)
