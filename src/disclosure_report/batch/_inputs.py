"""What a batch reads: folders, globs, zip archives and file lists, expanded lazily to files.

An input argument is, in this order:

* ``@LIST``: a text file naming one input per line (blank lines and ``#`` comments skipped);
  each line is expanded as an argument of its own, relative to the current folder;
* an existing folder: every file under it, recursively, in name order (hidden files and
  folders, whose names start with ``.``, are skipped);
* an existing file whose name ends in ``.zip``: every member of the archive, in the archive's
  order (a ``.docx`` is a zip too, but it is a report: only ``.zip`` is opened as an archive);
* any other existing file: that file;
* otherwise a glob pattern (``*``, ``?``, ``[...]``, and ``**`` across folders), expanded in
  name order; a pattern that matches nothing, or a path that does not exist, is an error.

Expansion is lazy: a folder of a million files is never held in a list.
"""

from __future__ import annotations

import glob
import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from attrs import frozen

from disclosure_report.errors import DisclosureReportError

__all__ = ["InputError", "Item", "check_inputs", "expand"]

_GLOB_CHARACTERS = frozenset("*?[")
ARCHIVE_SEPARATOR = "!/"
"""Between an archive's path and a member's name in an item's :attr:`Item.name`."""


class InputError(DisclosureReportError, ValueError):
    """An input argument names nothing: no such file or folder, or a pattern that matches none."""


@frozen
class Item:
    """One file to read: a file on disk, or a member of a zip archive."""

    path: str
    """The file on disk (for a member: the archive)."""
    member: str | None = None
    """The member's name inside the archive at :attr:`path`, else ``None``."""

    @property
    def name(self) -> str:
        """How the file is named in outputs: its path, or ``archive.zip!/member``."""
        return self.path if self.member is None else f"{self.path}{ARCHIVE_SEPARATOR}{self.member}"


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: str, skip: frozenset[str]) -> Iterator[Item]:
    """Files under ``folder`` in name order, depth first; folders in ``skip`` left out."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        msg = f"cannot list {folder!r}: {error.strerror or error}"
        raise InputError(msg) from error
    for entry in entries:
        if _hidden(entry.name):
            continue
        if entry.is_dir():
            if os.path.realpath(entry.path) in skip:
                continue
            yield from _walk(entry.path, skip)
        elif entry.is_file():
            yield from _file(entry.path)


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name; names written in GBK without the UTF-8 flag are decoded as GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def archive_members(path: str) -> Iterator[tuple[str, zipfile.ZipInfo]]:
    """The files of the zip archive at ``path``: (name as shown, entry), in the archive's order."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile) as error:
        msg = f"cannot open the archive {path!r}: {error}"
        raise InputError(msg) from error
    for info in infos:
        if info.is_dir():
            continue
        name = _member_name(info)
        if any(_hidden(part) for part in name.split("/")) or name.startswith("__MACOSX/"):
            continue
        yield name, info


def _file(path: str) -> Iterator[Item]:
    if path.lower().endswith(".zip"):
        for name, _info in archive_members(path):
            yield Item(path=path, member=name)
    else:
        yield Item(path=path)


def _list_file(path: str, skip: frozenset[str], seen: tuple[str, ...]) -> Iterator[Item]:
    real = os.path.realpath(path)
    if real in seen:
        msg = f"the file list {path!r} names itself"
        raise InputError(msg)
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        msg = f"cannot read the file list {path!r}: {error}"
        raise InputError(msg) from error
    for line in lines:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield from _expand_one(entry, skip, (*seen, real))


def _expand_one(argument: str, skip: frozenset[str], seen: tuple[str, ...] = ()) -> Iterator[Item]:
    if argument.startswith("@"):
        yield from _list_file(argument[1:], skip, seen)
    elif os.path.isdir(argument):
        yield from _walk(argument, skip)
    elif os.path.isfile(argument):
        yield from _file(argument)
    elif _GLOB_CHARACTERS & set(argument):
        matches = sorted(glob.iglob(argument, recursive=True))
        if not matches:
            msg = f"no file matches {argument!r}"
            raise InputError(msg)
        for match in matches:
            if os.path.isfile(match):
                yield from _file(match)
    else:
        msg = f"no such file or folder: {argument!r}"
        raise InputError(msg)


def expand(
    arguments: Iterable[str], *, skip: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[Item]:
    """Every file the input ``arguments`` name, lazily, in a stable order.

    Args:
        arguments: folders, files, zip archives, glob patterns and ``@LIST`` file lists.
        skip: folders never to descend into when walking a folder (the output folder).

    Raises:
        InputError: an argument names nothing (raised when that argument is reached).
    """
    skipped = frozenset(os.path.realpath(os.fspath(s)) for s in skip)
    for argument in arguments:
        yield from _expand_one(argument, skipped)


def check_inputs(arguments: Iterable[str]) -> None:
    """Raise :class:`InputError` now if an argument names nothing (before a long run starts)."""
    for argument in arguments:
        if argument.startswith("@"):
            if not os.path.isfile(argument[1:]):
                msg = f"no such file list: {argument[1:]!r}"
                raise InputError(msg)
        elif not os.path.exists(argument) and not (
            _GLOB_CHARACTERS & set(argument) and any(glob.iglob(argument, recursive=True))
        ):
            what = "file matches" if _GLOB_CHARACTERS & set(argument) else "such file or folder:"
            msg = f"no {what} {argument!r}"
            raise InputError(msg)
