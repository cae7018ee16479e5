"""The suggestion model's arithmetic, in numpy alone: the file `suggestion_model.npz` beside this
module, made by `make model` (tools/train_suggestions.py, scikit-learn), and what it computes.

Three parts share one vocabulary of terms (words and word pairs) and its inverse document
frequencies; a text is the TF-IDF vector scikit-learn's TfidfVectorizer gives (sublinear term
frequency, smoothed idf, unit length):

- the paragraph-text model: one logistic regression per annual text-block element, from a text;
- the section model: a small neural network (one hidden layer of rectified units, a logistic
  output per element) from the paragraph-text scores of a paragraph, of its neighbours, of the
  section around it and of its heading, and from its place in the section (`section_features`);
- the text-block model: one logistic regression per label (the annual text-block elements and the
  incident report's elements together), from a whole text block's TF-IDF vector and its length.

numpy is imported when the model is first loaded (`load_model`, cached), never at import.
"""

from __future__ import annotations

import contextlib
import io
import math
import mmap
import struct
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .suggestion_features import ParagraphInput, term_counts

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Matrix = NDArray[np.float64]
else:
    Matrix = Any

MODEL_FILE: Final = Path(__file__).with_name("suggestion_model.npz")
POSITION_BINS: Final = 5
# The section model's inputs: the scores of the paragraph, of two neighbours on each side, the
# section's mean and maximum, the heading's, and the means before and after the paragraph (each a
# score per label), then the position features.
SCORE_GROUPS: Final = 10
POSITION_FEATURES: Final = POSITION_BINS + 5


def section_feature_count(labels: int) -> int:
    return SCORE_GROUPS * labels + POSITION_FEATURES


def length_features(text: str, edges: Sequence[float]) -> list[float]:
    """The text-block model's length inputs: one-hot of log10(characters + 1) among the bins
    that `edges` bound."""
    value = math.log10(len(text) + 1)
    features = [0.0] * (len(edges) + 1)
    features[sum(1 for edge in edges if value >= edge)] = 1.0
    return features


@dataclass(frozen=True, eq=False, repr=False)  # arrays: compared and shown by identity
class SuggestionModel:
    terms: Matrix  # the vocabulary: ASCII byte strings, sorted (a term's place is its column)
    idf: Matrix
    paragraph_labels: tuple[str, ...]
    text_weights: Matrix  # terms x paragraph labels (float16)
    text_bias: Matrix
    hidden_weights: Matrix  # section features x hidden units
    hidden_bias: Matrix
    output_weights: Matrix  # hidden units x paragraph labels
    output_bias: Matrix
    block_labels: tuple[str, ...]
    block_weights: Matrix  # (terms + length bins) x block labels (float16)
    block_bias: Matrix
    length_edges: tuple[float, ...]
    thresholds: Mapping[str, float]  # tuned by the training tool on its validation filers
    # The memory map the arrays are views of (None when read from bytes or through np.load).
    mapping: mmap.mmap | None = None

    def release_pages(self) -> None:
        """Let the system take back the model's pages that scoring brought into memory: they are
        the file's, in the page cache, and the next scoring maps them again at the cost of minor
        faults. A run's peak memory then holds no more of the model than its scoring needs."""
        if self.mapping is not None and hasattr(mmap, "MADV_DONTNEED"):
            self.mapping.madvise(mmap.MADV_DONTNEED)

    def tfidf(self, texts: Sequence[str]) -> list[tuple[Matrix, Matrix]]:
        """Each text's TF-IDF vector as (term columns, values), unit length. The texts' terms are
        looked up in the sorted vocabulary together."""
        import numpy as np

        counts = [term_counts(text, self.terms.dtype.itemsize) for text in texts]
        keys = np.array([term for found in counts for term in found], dtype=self.terms.dtype)
        places = np.minimum(np.searchsorted(self.terms, keys), len(self.terms) - 1)
        known = self.terms[places] == keys
        frequencies = np.fromiter((n for found in counts for n in found.values()), np.float64, len(keys))
        vectors, start = [], 0
        for found in counts:
            end = start + len(found)
            columns = places[start:end][known[start:end]]
            values = (1.0 + np.log(frequencies[start:end][known[start:end]])) * self.idf[columns]
            norm = math.sqrt(float(values @ values))
            vectors.append((columns, values / norm if norm > 0 else values))
            start = end
        return vectors

    def text_scores(self, texts: Sequence[str]) -> Matrix:
        """The paragraph-text model's scores (texts x paragraph labels)."""
        import numpy as np

        scores = np.empty((len(texts), len(self.paragraph_labels)))
        for row, (columns, values) in enumerate(self.tfidf(texts)):
            scores[row] = values @ self.text_weights[columns] + self.text_bias
        return _logistic(scores)

    def section_scores(self, inputs: Sequence[ParagraphInput]) -> Matrix:
        """The section model's scores (substantive paragraphs x paragraph labels)."""
        import numpy as np

        if not inputs:
            return np.zeros((0, len(self.paragraph_labels)))
        own = self.text_scores([paragraph.text for paragraph in inputs])
        headings = sorted({paragraph.heading for paragraph in inputs if paragraph.heading})
        heading_scores = dict(zip(headings, self.text_scores(headings), strict=True))
        zeros = np.zeros(len(self.paragraph_labels))
        heading = np.array([heading_scores.get(paragraph.heading, zeros) for paragraph in inputs])
        scores = self.network(section_features(inputs, own, heading))
        self.release_pages()
        return scores

    def network(self, features: Matrix) -> Matrix:
        import numpy as np

        hidden = np.maximum(features @ self.hidden_weights + self.hidden_bias, 0.0)
        return _logistic(hidden @ self.output_weights + self.output_bias)

    def block_scores(self, text: str) -> Matrix:
        """The text-block model's scores of one whole text (block labels)."""
        row: Matrix = self.block_scores_of([text])[0]
        return row

    def block_scores_of(self, texts: Sequence[str]) -> Matrix:
        """The text-block model's scores of whole texts (texts x block labels), their terms looked
        up together."""
        import numpy as np

        length_weights = self.block_weights[len(self.terms) :]
        scores = np.empty((len(texts), len(self.block_labels)))
        for row, (text, (columns, values)) in enumerate(zip(texts, self.tfidf(texts), strict=True)):
            lengths = np.array(length_features(text, self.length_edges))
            scores[row] = values @ self.block_weights[columns] + lengths @ length_weights + self.block_bias
        self.release_pages()
        return _logistic(scores)


def section_features(inputs: Sequence[ParagraphInput], own: Matrix, heading: Matrix) -> Matrix:
    """The section model's inputs, a row per substantive paragraph: `own` holds the paragraphs'
    text scores in order, `heading` their headings' (a row of zeros where there is none)."""
    import numpy as np

    count, labels = own.shape
    rows = np.zeros((count, section_feature_count(labels)))
    if count == 0:
        return rows
    padded = np.vstack([np.zeros((2, labels)), own, np.zeros((2, labels))])
    before = np.vstack([np.zeros(labels), np.cumsum(own, axis=0)])
    mean, most = own.mean(axis=0), own.max(axis=0)  # the section's, once: linear in its paragraphs
    zeros = np.zeros(labels)
    for row, paragraph in enumerate(inputs):
        rank = paragraph.rank
        after = count - rank - 1
        place = rank / (count - 1) if count > 1 else 0.0
        position = [0.0] * POSITION_BINS
        position[min(POSITION_BINS - 1, int(place * POSITION_BINS))] = 1.0
        position += [
            float(rank == 0),
            float(after == 0),
            float(bool(paragraph.heading)),
            place,
            math.log1p(count) / 3,
        ]
        rows[row] = np.concatenate(
            [
                own[rank],
                padded[rank + 1],  # the paragraph before
                padded[rank + 3],  # the paragraph after
                padded[rank],  # two before
                padded[rank + 4],  # two after
                mean,
                most,
                heading[row],
                before[rank] / rank if rank else zeros,
                (before[count] - before[rank + 1]) / after if after else zeros,
                position,
            ]
        )
    return rows


def _logistic(values: Matrix) -> Matrix:
    import numpy as np

    result: Matrix = 0.5 * (1.0 + np.tanh(0.5 * values))
    return result


def _text(array: Any) -> str:
    return bytes(array).decode("utf-8")


def _lines(array: Any) -> list[str]:
    text = _text(array)
    return text.split("\n") if text else []


def read_model(source: Path | bytes = MODEL_FILE) -> SuggestionModel:
    """The model in a file written by the training tool (or its bytes)."""
    import numpy as np

    arrays = stored_arrays(source)
    # The weight matrices stay float16 and the idf float32 (numpy widens the rows a text uses,
    # exactly, and they stay views of the file); the rest is used as float64, as scikit-learn
    # computes.
    wide = {
        name: array
        if (name.endswith("_weights") and array.dtype == np.float16)
        or (name == "idf" and array.dtype == np.float32)
        else array.astype(np.float64)
        for name, array in arrays.items()
        if array.dtype.kind == "f"
    }
    return SuggestionModel(
        terms=arrays["terms"],
        idf=wide["idf"],
        paragraph_labels=tuple(_lines(arrays["paragraph_labels"])),
        text_weights=wide["text_weights"],
        text_bias=wide["text_bias"],
        hidden_weights=wide["hidden_weights"],
        hidden_bias=wide["hidden_bias"],
        output_weights=wide["output_weights"],
        output_bias=wide["output_bias"],
        block_labels=tuple(_lines(arrays["block_labels"])),
        block_weights=wide["block_weights"],
        block_bias=wide["block_bias"],
        length_edges=tuple(float(edge) for edge in wide["length_edges"]),
        thresholds=dict(zip(_lines(arrays["threshold_names"]), wide["thresholds"], strict=True)),
        mapping=_mapping_of(arrays),
    )


# A zip member's local header: 30 bytes, its name's and extra field's lengths at 26 and 28.
_LOCAL_HEADER: Final = struct.Struct("<26xHH")


def stored_arrays(source: Path | bytes) -> dict[str, Any]:
    """The arrays of an .npz that `write_model` wrote (a file, memory-mapped, or its bytes), each
    read in place: its members are stored uncompressed, so an array is a read-only view of the
    bytes after its .npy header, neither copied nor checksummed (numpy's own np.load reads each
    member through the zip module, which costs more than the model's scoring). An archive with a
    compressed member is read by np.load."""
    import numpy as np

    with contextlib.ExitStack() as stack:
        if isinstance(source, bytes):
            data: Any = source
            archive = stack.enter_context(zipfile.ZipFile(io.BytesIO(source)))
        else:
            file = stack.enter_context(open(source, "rb"))
            data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            archive = stack.enter_context(zipfile.ZipFile(file))
        members = archive.infolist()
    if any(member.compress_type != zipfile.ZIP_STORED for member in members):
        with np.load(io.BytesIO(bytes(data))) as stored:
            return {name: stored[name] for name in stored.files}
    arrays: dict[str, Any] = {}
    for member in members:
        name_length, extra_length = _LOCAL_HEADER.unpack_from(data, member.header_offset)
        start = member.header_offset + _LOCAL_HEADER.size + name_length + extra_length
        major = data[start + 6]  # after the magic string, "\x93NUMPY"
        length_format = "<H" if major == 1 else "<I"
        prefix = 8 + struct.calcsize(length_format)
        header = io.BytesIO(
            data[start : start + prefix + struct.unpack_from(length_format, data, start + 8)[0]]
        )
        version = np.lib.format.read_magic(header)
        read_header = (
            np.lib.format.read_array_header_1_0 if version[0] == 1 else np.lib.format.read_array_header_2_0
        )
        shape, fortran_order, dtype = read_header(header)
        count = math.prod(shape)
        array = np.frombuffer(data, dtype=dtype, count=count, offset=start + header.tell())
        arrays[member.filename.removesuffix(".npy")] = array.reshape(
            shape, order="F" if fortran_order else "C"
        )
    return arrays


def _mapping_of(arrays: Mapping[str, Any]) -> mmap.mmap | None:
    """The memory map the arrays are views of, if they are."""
    for array in arrays.values():
        base = array
        while base is not None and not isinstance(base, mmap.mmap):
            base = base.obj if isinstance(base, memoryview) else getattr(base, "base", None)
        if base is not None:
            return base
    return None


@cache
def load_model() -> SuggestionModel:
    """The package's model, read on first use and kept."""
    return read_model(MODEL_FILE)


def write_model(path: Path, arrays: Mapping[str, Any]) -> None:
    """Write the arrays as an .npz that numpy reads, byte for byte the same for the same arrays
    (numpy's own savez stamps each member with the time). Not compressed: the weights are float16
    and barely compress, and inflating them would cost more than reading them."""
    import numpy as np

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            archive.writestr(
                zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buffer.getvalue()
            )
