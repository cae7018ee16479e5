"""The suggestion model's card, docs/suggestion-model.md, written from a training run's figures
(for tools/train_suggestions.py). The prose is the template tools/suggestion_card.md; every figure
comes from the run, and the card ends with all of them as JSON, which tests/test_suggestions.py
reads. `python -m tools.suggestion_card` writes the card again from that JSON and the template
(after an edit of the prose), without training."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tools import train_suggestions as settings
from tools.suggestion_corpus import BLOCK_LABELS, INCIDENT_LABEL, PARAGRAPH_LABELS, VALIDATION_SHARE
from tools.suggestion_evaluation import FALSE_ALARM_BUDGET, MISSING_PRECISION, short


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _ranking_rows(figures: dict[str, Any]) -> list[list[Any]]:
    paragraph, block = figures["paragraph"], figures["block"]
    rows = [
        (
            "paragraph",
            "baseline: TF-IDF words + bigrams, logistic regression, the paragraph alone",
            paragraph,
            "baseline",
        ),
        ("paragraph", "**section model** (neighbours, section, heading, place)", paragraph, "model"),
        ("text block", "baseline: TF-IDF words + bigrams, logistic regression", block, "baseline"),
        ("text block", "text-block model (adds the block's length)", block, "model"),
    ]
    return [
        [level, name, _percent(part[key]["top1"]), _percent(part[key]["top3"]), part[key]["rows"]]
        for level, name, part, key in rows
    ]


def _element_rows(paragraph: dict[str, Any]) -> list[list[Any]]:
    baseline = {row["element"]: row for row in paragraph["baseline_per_element"]}
    return [
        [
            f"`{row['element']}`",
            row["tagged"],
            row["suggested_first"],
            _percent(row["precision_first"]),
            _percent(row["recall_first"]),
            _percent(row["recall_top3"]),
            _percent(baseline[row["element"]]["recall_top3"]),
        ]
        for row in paragraph["per_element"]
    ]


def _figures_tables(figures: dict[str, Any]) -> str:
    paragraph = figures["paragraph"]
    ranking = _table(["level", "model", "top-1", "top-3", "examples"], _ranking_rows(figures))
    header = ["element", "paragraphs tagged", "suggested first", "precision of first", "recall of first"]
    elements = _table([*header, "recall in top 3", "baseline recall in top 3"], _element_rows(paragraph))
    confusions = _table(
        ["suggested first", "what the filer tagged", "paragraphs"],
        [[f"`{c['suggested']}`", c["tagged"], c["paragraphs"]] for c in paragraph["confusions"]],
    )
    return (
        f"{ranking}\n\nPer element (section model, validation paragraphs):\n\n{elements}\n\n"
        f"The commonest misses (the first suggestion is not among the filer's tags):\n\n{confusions}"
    )


def _missing_table(missing: dict[str, Any]) -> str:
    rows = [
        [
            f"`{entry['element']}`",
            entry["threshold"] if entry["threshold"] <= 1 else "never",
            _percent(entry["precision"]),
            _percent(entry["recall"]),
            entry["present"],
            entry["taken_out"],
        ]
        for entry in missing["elements"]
    ]
    return _table(
        ["element", "threshold", "precision", "recall", "sections with it", "sections without it"], rows
    )


def _thresholds(figures: dict[str, Any]) -> str:
    missing, rule = figures["missing_element"], figures["reads_like_other"]
    flagged = [
        [e["accession"], f"`{e['element']}`", f"`{e['reads_like']}`", e["margin"], e["text"][:110] + "…"]
        for e in rule["examples"]
    ]
    return (
        "### A missing element: the paragraph most likely to answer it\n\n"
        "`SectionScores.best_paragraph(concept)` puts forward the paragraph with the highest score for "
        "the element, when that score reaches the element's threshold. For each element a validation "
        "section tags, the section was scored as it is (right when the best paragraph is one the filer "
        "tagged with it) and with the paragraphs tagged with it taken out (then any suggestion counts as "
        "wrong: harsh, since other paragraphs often say the same). Each element's threshold is the "
        f"least score (0.05 to 0.99) with a precision of at least {_percent(MISSING_PRECISION)} on 20 "
        'suggestions or more; "never" where none reaches it. Pooled: precision '
        f"{_percent(missing['precision'])}, recall {_percent(missing['recall'])} of the cases where the "
        f"answer is in the section.\n\n{_missing_table(missing)}\n\n"
        "### CYBER.textReadsLikeOther: a text block that reads far more like another element\n\n"
        "`reading_like_others(blocks)` scores each of a filing's text blocks with the text-block "
        "model. Its own score is the best among its element and the elements that tag the same text or "
        "a text holding it (copying a passage into several elements is common and legitimate); it is "
        "flagged when another element outscores it by the margin or more. The margin is the least (on "
        f"a 0.01 grid) at which at most {_percent(FALSE_ALARM_BUDGET)} of the validation filers' "
        f"{rule['blocks']} text blocks, as tagged, are flagged: precision before recall, most tags being "
        f"right. **Margin {rule['margin']}**: it flags {rule['flagged']} blocks "
        f"({_percent(rule['flag_rate'])}). On simulated wrong tags it catches "
        f"{_percent(rule['swap_recall'])} of annual blocks given another annual element's tag (many such "
        "swaps are between close elements and read plausibly either way) and "
        f"{_percent(rule['incident_swap_recall'])} of annual blocks given an incident element's tag "
        f"({rule['swaps']} swaps each).\n\n"
        "What it flags on the validation filers (the largest margins first):\n\n"
        + _table(["accession", "tagged", "reads like", "margin", "text"], flagged)
    )


def _times(result: dict[str, Any], kind: str) -> list[float]:
    load, score = result[f"load{kind}_ms"], result[f"score{kind}_ms"]
    return [load, score, round(load + score, 1)]


def _real_filings(figures: dict[str, Any]) -> str:
    rows = [
        [
            r["filing"],
            r["form"],
            "yes" if r["complete"] else "",
            r["blocks"],
            "; ".join(r["flagged"]) or "nothing",
            r["largest_margin"],
            ", ".join(str(score) for score in r["incident_scores"]) or "–",
        ]
        for r in figures["real_filings"]
    ]
    timings = [
        [r["filing"], r["paragraphs"], *_times(r, ""), *_times(r, "_cpu")]
        for r in figures["real_filings"]
        if "load_ms" in r
    ]
    timing_header = ["filing", "substantive paragraphs", "load", "score", "total"]
    header = ["filing", "form", "complete 10-K", "text blocks", "flagged", "largest margin"]
    return (
        _table([*header, "incident blocks' own scores"], rows) + "\n\n## Size and speed\n\n"
        f"The model file is {figures['model']['bytes'] / 1e6:.2f} MB (an uncompressed .npz: float16 "
        "weight matrices, float32 idf, the vocabulary as sorted ASCII strings, float64 for the rest). "
        "Reading it (`read_model`, done once per process) and scoring the Item 1C section of the real "
        "10-Ks as the plugin reads it, in milliseconds (medians of 20 runs; wall clock, then processor "
        "time, which the other jobs sharing the 2-core machine while training ran disturb less):\n\n"
        + _table([*timing_header, "load (CPU)", "score (CPU)", "total (CPU)"], timings)
    )


def render(figures: dict[str, Any]) -> str:
    data = figures["data"]
    template = (Path(__file__).with_name("suggestion_card.md")).read_text(encoding="utf-8")
    values = {
        "training_filings": data["training_filings"],
        "training_filers": data["training_filers"],
        "validation_filings": data["validation_filings"],
        "validation_filers": data["validation_filers"],
        "validation_share": VALIDATION_SHARE,
        "real_ciks": "; ".join(f"`{name}` {cik}" for name, cik in figures["real_filing_ciks"].items()),
        "excluded_count": len(figures["excluded_ciks"]),
        "paragraph_labels": ", ".join(f"`{short(name)}`" for name in PARAGRAPH_LABELS),
        "block_labels": len(BLOCK_LABELS),
        "incident_label": INCIDENT_LABEL,
        "incident_training_blocks": figures["incident_training_blocks"],
        "incident_training_filings": figures["incident_training_filings"],
        "incident_weight": settings.INCIDENT_WEIGHT,
        "incident_held_out_median": figures["incident_held_out"]["median"],
        "incident_held_out_share": _percent(figures["incident_held_out"]["share_over_half"]),
        "max_terms": settings.MAX_TERMS,
        "min_df": settings.MIN_DOCUMENT_FREQUENCY,
        "text_c": settings.TEXT_C,
        "block_c": settings.BLOCK_C,
        "hidden": settings.HIDDEN_UNITS,
        "alpha": settings.NETWORK_ALPHA,
        "figures_tables": _figures_tables(figures),
        "ece": figures["paragraph"]["calibration"]["ece"],
        "thresholds": _thresholds(figures),
        "real_filings": _real_filings(figures),
        "total_minutes": round(figures["run_seconds"]["total"] / 60, 1),
        "training_minutes": round(figures["run_seconds"]["training"] / 60, 1),
        "check": figures["model"]["numpy_vs_sklearn_max_difference"],
        "sha256": figures["model"]["sha256"],
        "validation_paragraphs": data["validation_paragraphs"],
        "json": json.dumps(figures, indent=1, ensure_ascii=False),
    }
    return template.format(**values)


def write_card(path: Path, figures: dict[str, Any]) -> None:
    path.write_text(render(figures), encoding="utf-8")


def figures_of(path: Path) -> dict[str, Any]:
    """The figures in a card's closing JSON block."""
    match = re.search(r"```json\n(.*?)\n```\s*$", path.read_text(encoding="utf-8"), re.S)
    if match is None:
        raise ValueError(f"{path} has no closing JSON block of figures")
    figures: dict[str, Any] = json.loads(match.group(1))
    return figures


if __name__ == "__main__":
    from tools.train_suggestions import CARD

    write_card(CARD, figures_of(CARD))
