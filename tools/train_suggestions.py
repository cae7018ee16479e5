"""`python -m tools.train_suggestions` (what `make model` runs) trains the suggestion model on the
SEC's cyd facts in ../shared/population/, writes cyber_plugin/core/suggestion_model.npz and
rewrites its card, docs/suggestion-model.md.

Needs the development extra `model` (scikit-learn). The same data gives the same model file, byte
for byte: inputs are sorted, folds and the validation split come from hashes of the CIK, and every
solver has a fixed seed (run it with one BLAS thread, as `make model` does).

Steps: the corpus (tools/suggestion_corpus.py) is split by filer into training and validation;
the paragraph-text model (TF-IDF terms, a logistic regression per element) is fitted on the
training filers' paragraphs, and again on each fold of them, so that the section model (a small
neural network over the text scores of a paragraph, its neighbours, section and heading, and its
place) learns from scores of paragraphs their text model never saw; the text-block model is fitted
on whole text blocks. The large weight matrices are rounded to float16 and written back into the
fitted estimators, so that scikit-learn and the package's numpy inference compute with the same
numbers; the tool checks that they agree within 1e-6, then measures the model on the validation
filers (tools/suggestion_evaluation.py) and writes the card (tools/suggestion_card.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

from cyber_plugin.core.section_text import is_substantive
from cyber_plugin.core.suggestion_features import ParagraphInput, section_inputs, terms
from cyber_plugin.core.suggestion_model import (
    MODEL_FILE,
    SuggestionModel,
    length_features,
    read_model,
    section_features,
    write_model,
)
from tools.suggestion_corpus import (
    BLOCK_LABELS,
    FOLDS,
    INCIDENT_LABEL,
    PARAGRAPH_LABELS,
    POPULATION,
    REPO,
    CorpusFiling,
    fold_of,
    read_corpus,
    split_sentences,
)

CARD: Final = REPO / "docs" / "suggestion-model.md"
SEED: Final = 0
# Chosen on the validation filers (see the card): vocabulary, regularisation, network.
MAX_TERMS: Final = 30_000
MIN_DOCUMENT_FREQUENCY: Final = 3
TEXT_C: Final = 2.0
BLOCK_C: Final = 4.0
INCIDENT_WEIGHT: Final = 300.0  # about balanced: the incident label's examples weigh as the others
HIDDEN_UNITS: Final = 64
NETWORK_ALPHA: Final = 1e-3
LENGTH_EDGES: Final = (1.5, 2.0, 2.5, 3.0, 3.5, 4.0)  # log10 of characters: 30 ... 10,000
CHECK_TOLERANCE: Final = 1e-6


@dataclass(frozen=True)
class Section:
    """A filing's rebuilt section as the model reads it, with each input's labels."""

    filing: CorpusFiling
    inputs: tuple[ParagraphInput, ...]
    labels: np.ndarray  # inputs x paragraph labels, 0/1

    @staticmethod
    def of(filing: CorpusFiling) -> Section:
        texts = [piece.text for piece in filing.pieces]
        inputs = section_inputs(texts, [is_substantive(text) for text in texts])
        labels = np.array(
            [[name in filing.pieces[p.index].labels for name in PARAGRAPH_LABELS] for p in inputs],
            dtype=np.int8,
        ).reshape(len(inputs), len(PARAGRAPH_LABELS))
        return Section(filing, inputs, labels)


class LinearModel:
    """A logistic regression per label (one-vs-rest), its weights gathered as a matrix."""

    def __init__(self, features: Any, targets: np.ndarray, c: float, positive_weight: float = 1.0) -> None:
        """`positive_weight` weighs the examples of the last label (the rare incident label)."""
        self.estimators: list[LogisticRegression | None] = []
        self.weights = np.zeros((features.shape[1], targets.shape[1]))
        self.bias = np.zeros(targets.shape[1])
        for label in range(targets.shape[1]):
            column = targets[:, label]
            if column.min() == column.max():  # one class only (small runs): a constant score
                self.estimators.append(None)
                self.bias[label] = 30.0 if column.min() else -30.0
                continue
            estimator = _regression(c, positive_weight if label == targets.shape[1] - 1 else 1.0)
            estimator.fit(features, column)
            self.estimators.append(estimator)
            self.weights[:, label] = estimator.coef_[0]
            self.bias[label] = estimator.intercept_[0]

    def quantize(self) -> np.ndarray:
        """Round the weights to float16 and give the estimators the rounded weights."""
        rounded = self.weights.astype(np.float16)
        self.weights = rounded.astype(np.float64)
        for label, estimator in enumerate(self.estimators):
            if estimator is not None:
                estimator.coef_ = self.weights[:, label][np.newaxis, :].copy()
        return rounded

    def predict(self, features: Any) -> np.ndarray:
        """scikit-learn's probabilities, a column per label."""
        columns = [
            estimator.predict_proba(features)[:, 1]
            if estimator is not None
            else np.full(features.shape[0], 1.0 / (1.0 + np.exp(-self.bias[label])))
            for label, estimator in enumerate(self.estimators)
        ]
        return np.column_stack(columns)


def _regression(c: float, positive_weight: float = 1.0) -> LogisticRegression:
    weights = {0: 1.0, 1: positive_weight} if positive_weight != 1.0 else None
    return LogisticRegression(
        C=c, solver="liblinear", dual=True, max_iter=2000, random_state=SEED, class_weight=weights
    )


def label_matrix(label_sets: Sequence[frozenset[str]], labels: Sequence[str]) -> np.ndarray:
    return np.array([[name in found for name in labels] for found in label_sets], dtype=np.int8).reshape(
        len(label_sets), len(labels)
    )


@dataclass(frozen=True)
class BlockExamples:
    """The text-block model's examples: each distinct text block, then each sentence of six words
    or more of the incident reports' blocks (the incident label has few examples: its sentences
    teach it more ways an incident is told). `filings` names the incident examples' filings."""

    texts: list[str]
    targets: np.ndarray
    filings: list[str]
    blocks: int  # the examples before the sentences

    @staticmethod
    def of(filings: Sequence[CorpusFiling]) -> BlockExamples:
        pairs = [(text, labels, filing.accession) for filing in filings for text, labels in filing.blocks]
        blocks = len(pairs)
        pairs += [
            (sentence, labels, accession)
            for text, labels, accession in pairs[:blocks]
            if INCIDENT_LABEL in labels
            for sentence in split_sentences(text)
            if len(sentence.split()) >= 6 and sentence != text
        ]
        return BlockExamples(
            [text for text, _, _ in pairs],
            label_matrix([labels for _, labels, _ in pairs], BLOCK_LABELS),
            [accession if INCIDENT_LABEL in labels else "" for _, labels, accession in pairs],
            blocks,
        )

    def incident_held_out(self, features: Any) -> list[float]:
        """The incident score of each incident report's text block, from a model fitted without
        that report (leave one filing out; the incident label only)."""
        scores: list[float] = []
        filings = np.array(self.filings)
        column = self.targets[:, -1]
        for accession in sorted(set(self.filings) - {""}):
            held = filings == accession
            if column[~held].min() == column[~held].max():
                continue
            estimator = _regression(BLOCK_C, INCIDENT_WEIGHT).fit(features[~held], column[~held])
            rows = np.flatnonzero(held[: self.blocks])
            scores += [float(score) for score in estimator.predict_proba(features[rows])[:, 1]]
        return scores


def block_features(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> Any:
    lengths = sparse.csr_matrix(np.array([length_features(text, LENGTH_EDGES) for text in texts]))
    return sparse.hstack([vectorizer.transform(texts), lengths]).tocsr()


def section_rows(sections: Sequence[Section], own: np.ndarray, heading: np.ndarray) -> np.ndarray:
    """The section model's inputs for the sections' paragraphs (rows of `own` and `heading` in
    the sections' order)."""
    parts, start = [], 0
    for section in sections:
        end = start + len(section.inputs)
        parts.append(section_features(section.inputs, own[start:end], heading[start:end]))
        start = end
    return np.vstack(parts)


def text_model_scores(
    model: LinearModel, vectorizer: TfidfVectorizer, inputs: Sequence[ParagraphInput]
) -> Any:
    """The text model's scores of the paragraphs and of their headings (zeros where none)."""
    own = model.predict(vectorizer.transform([p.text for p in inputs]))
    heading = model.predict(vectorizer.transform([p.heading for p in inputs]))
    heading[[not p.heading for p in inputs]] = 0.0
    return own, heading


@dataclass
class Trained:
    vectorizer: TfidfVectorizer
    text: LinearModel
    network: MLPClassifier
    block: LinearModel
    block_baseline: LinearModel
    incident_held_out: list[float]
    arrays: dict[str, np.ndarray]
    seconds: float


def train(training: Sequence[CorpusFiling], log: Any = print) -> Trained:
    started = time.perf_counter()
    sections = [Section.of(filing) for filing in training]
    inputs = [p for section in sections for p in section.inputs]
    targets = np.vstack([section.labels for section in sections])
    vectorizer = TfidfVectorizer(
        analyzer=terms, sublinear_tf=True, min_df=MIN_DOCUMENT_FREQUENCY, max_features=MAX_TERMS
    )
    vectorizer.fit([p.text for p in inputs])
    vectorizer.idf_ = vectorizer.idf_.astype(np.float32).astype(np.float64)
    log(f"{len(sections)} training sections, {len(inputs)} paragraphs, {len(vectorizer.vocabulary_)} terms")
    features = vectorizer.transform([p.text for p in inputs])
    own, heading = np.zeros(targets.shape), np.zeros(targets.shape)
    folds = np.repeat([fold_of(s.filing.cik) for s in sections], [len(s.inputs) for s in sections])
    for fold in range(FOLDS):
        held = folds == fold
        if held.all() or not held.any():
            continue
        fold_model = LinearModel(features[~held], targets[~held], TEXT_C)
        own[held], heading[held] = text_model_scores(
            fold_model, vectorizer, [p for p, h in zip(inputs, held, strict=True) if h]
        )
        log(f"  fold {fold}: text model fitted ({time.perf_counter() - started:.0f} s)")
    text = LinearModel(features, targets, TEXT_C)
    text_weights = text.quantize()
    network = MLPClassifier(
        hidden_layer_sizes=(HIDDEN_UNITS,),
        alpha=NETWORK_ALPHA,
        max_iter=300,
        early_stopping=True,
        random_state=SEED,
    )
    network.fit(section_rows(sections, own, heading), targets)
    log(f"  section model fitted in {network.n_iter_} epochs ({time.perf_counter() - started:.0f} s)")
    examples = BlockExamples.of(training)
    features = block_features(vectorizer, examples.texts)
    block = LinearModel(features, examples.targets, BLOCK_C, INCIDENT_WEIGHT)
    block_weights = block.quantize()
    plain = slice(0, examples.blocks)
    block_baseline = LinearModel(
        vectorizer.transform(examples.texts[plain]), examples.targets[plain], BLOCK_C
    )
    incident_held_out = examples.incident_held_out(features)
    log(f"  text-block models fitted on {examples.blocks} blocks ({time.perf_counter() - started:.0f} s)")
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    if vocabulary != sorted(vocabulary) or not all(term.isascii() for term in vocabulary):
        raise AssertionError("the vocabulary's columns are not its ASCII terms in order")
    arrays = {
        "terms": np.array(vocabulary, dtype=f"S{max(map(len, vocabulary))}"),
        "idf": vectorizer.idf_.astype(np.float32),
        "paragraph_labels": _utf8("\n".join(PARAGRAPH_LABELS)),
        "text_weights": text_weights,
        "text_bias": text.bias,
        "hidden_weights": network.coefs_[0],
        "hidden_bias": network.intercepts_[0],
        "output_weights": network.coefs_[1],
        "output_bias": network.intercepts_[1],
        "block_labels": _utf8("\n".join(BLOCK_LABELS)),
        "block_weights": block_weights,
        "block_bias": block.bias,
        "length_edges": np.array(LENGTH_EDGES),
    }
    return Trained(
        vectorizer,
        text,
        network,
        block,
        block_baseline,
        incident_held_out,
        arrays,
        time.perf_counter() - started,
    )


def _utf8(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def with_thresholds(arrays: dict[str, np.ndarray], thresholds: dict[str, float]) -> dict[str, np.ndarray]:
    names = sorted(thresholds)
    return {
        **arrays,
        "threshold_names": _utf8("\n".join(names)),
        "thresholds": np.array([thresholds[name] for name in names], dtype=np.float64),
    }


def in_memory(arrays: dict[str, np.ndarray]) -> SuggestionModel:
    """The model the arrays make, read as the package reads its file."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "model.npz"
        write_model(path, arrays)
        return read_model(path.read_bytes())


def check_against_sklearn(trained: Trained, model: SuggestionModel, sections: Sequence[Section]) -> float:
    """The largest difference between scikit-learn's scores and the numpy inference's on the
    given sections (paragraph text, section and text-block models); fails above 1e-6."""
    inputs = [p for section in sections for p in section.inputs]
    own, heading = text_model_scores(trained.text, trained.vectorizer, inputs)
    expected_section = trained.network.predict_proba(section_rows(sections, own, heading))
    got_section = np.vstack([model.section_scores(section.inputs) for section in sections])
    got_own = model.text_scores([p.text for p in inputs])
    blocks = [text for section in sections for text, _ in section.filing.blocks]
    expected_blocks = trained.block.predict(block_features(trained.vectorizer, blocks))
    got_blocks = np.vstack([model.block_scores(text) for text in blocks])
    worst = max(
        float(np.abs(expected_section - got_section).max()),
        float(np.abs(own - got_own).max()),
        float(np.abs(expected_blocks - got_blocks).max()),
    )
    if worst > CHECK_TOLERANCE:
        raise AssertionError(f"numpy inference differs from scikit-learn by {worst:.2e}")
    return worst


def main(argv: Sequence[str] | None = None) -> int:
    from tools.suggestion_card import write_card
    from tools.suggestion_evaluation import evaluate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--population", type=Path, default=POPULATION)
    parser.add_argument("--model", type=Path, default=MODEL_FILE)
    parser.add_argument("--card", default=str(CARD), help="the card to write ('' for none)")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N filings")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpus = read_corpus(args.population, args.limit)
    training = [filing for filing in corpus if not filing.validation]
    validation = [filing for filing in corpus if filing.validation]
    print(f"{len(corpus)} filings: {len(training)} training, {len(validation)} validation")
    trained = train(training)
    draft = in_memory(with_thresholds(trained.arrays, {}))
    checked = [Section.of(filing) for filing in validation[:200]]
    worst = check_against_sklearn(trained, draft, [s for s in checked if s.inputs])
    print(f"numpy inference = scikit-learn within {worst:.1e}")
    report = evaluate(trained, draft, training, validation, [Section.of(filing) for filing in validation])
    write_model(args.model, with_thresholds(trained.arrays, report.thresholds))
    report.finish(args.model, time.perf_counter() - started, trained.seconds, worst)
    if args.card:
        write_card(Path(args.card), report.figures)
    print(f"wrote {args.model}" + (f" and {args.card}" if args.card else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
