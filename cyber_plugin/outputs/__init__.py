"""Writing a Disclosure and its findings to a file, in the format its extension names.

Every file is written whole or not at all: into a temporary file beside the target, then
renamed over it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, Final, TypeVar

from ..core.disclosure import Disclosure
from ..core.findings import Finding
from ..core.settings import OptionError
from . import json_format

Renderer = Callable[[Disclosure, tuple[Finding, ...]], bytes]
Choice = TypeVar("Choice")


# The HTML, CSV and Excel renderers import their sanitiser, template or spreadsheet library on
# first use, so an Arelle run does not pay for formats it does not write.
def _html(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    from . import html_report

    return html_report.render(disclosure, findings)


def _csv(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    from . import csv_format

    return csv_format.render(disclosure, findings)


def _changes_csv(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    from . import csv_format

    return csv_format.render_changes(disclosure, findings)


def _xlsx(disclosure: Disclosure, findings: tuple[Finding, ...]) -> bytes:
    from . import xlsx_format

    return xlsx_format.render(disclosure, findings)


RENDERERS: Final[dict[str, Renderer]] = {
    ".json": json_format.render,
    ".html": _html,
    ".csv": _csv,
    ".changes.csv": _changes_csv,  # the changes table, one table per CSV
    ".xlsx": _xlsx,
}


def extension_list(choices: Iterable[str]) -> str:
    """Extensions as help and error messages list them: '.csv, .html, .json'."""
    return ", ".join(sorted(choices))


def by_extension(path: str | os.PathLike[str], choices: Mapping[str, Choice], option: str | None) -> Choice:
    """What `choices` holds for the path's extension (case ignored; the longest that the name ends
    with: '.changes.csv' before '.csv'). An unsupported extension is an OptionError that names
    `option`, the option as the user typed it (None: the path came from somewhere else, such as a
    file dialog)."""
    name = Path(path).name.lower()
    matching = [choice for choice in choices if name.endswith(choice) and len(name) > len(choice)]
    if matching:
        return choices[max(matching, key=len)]
    extension = Path(path).suffix.lower()
    given = f"{option} {os.fspath(path)!r}" if option else repr(os.fspath(path))
    raise OptionError(
        f"{given}: unsupported extension {extension or '(none)'!r}; supported: {extension_list(choices)}"
    )


def write_export(path: str | os.PathLike[str], disclosure: Disclosure, findings: tuple[Finding, ...]) -> Path:
    """Render in the format the extension names and write atomically; raises OSError (nothing is
    left behind) or OptionError (an unsupported extension)."""
    target = Path(path)
    content = by_extension(target, RENDERERS, None)(disclosure, findings)
    write_atomically(target, content)
    return target


def write_atomically(target: Path, content: bytes) -> None:
    """Write `content` to `target` whole or not at all; an existing regular file is replaced."""
    with atomic_stream(target) as stream:
        stream.write(content)


@contextlib.contextmanager
def atomic_stream(target: Path) -> Iterator[BinaryIO]:
    """A stream to a temporary file beside `target` that replaces `target` when the block ends,
    and is removed, leaving `target` as it was, when the block raises (Ctrl-C included)."""
    if target.exists() and not target.is_file():
        # Renaming over a directory, device or pipe would destroy it (or fail half-way).
        raise IsADirectoryError(errno.EISDIR, "exists and is not a regular file", str(target))
    directory = target.parent if str(target.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


_UMASK: Final = _read_umask()  # read once: os.umask is process-wide and not thread-safe
