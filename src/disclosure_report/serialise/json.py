"""The JSON codec: :func:`to_json` and :func:`from_json`, through one cattrs converter.

The JSON document is the model's own shape: one object per attrs instance, keys in the order
the model declares its attributes, arrays for tuples. Decisions of this codec:

* an attribute at its default (``None``, an empty tuple) is left out, which keeps the
  hundreds of cells short (``{"column":"total","value":0}``); on reading, a missing key takes
  the default and an explicit ``null`` is accepted. ``""`` is a value, kept as such;
* provenance (every ``source`` attribute, typed :class:`~disclosure_report.model.Source`) is
  not exchanged: it is neither written nor accepted;
* a cell's ``value`` is a JSON number when it is an ``int`` and a JSON *string* when it is a
  :class:`~decimal.Decimal` (``"12.50"``; ``str(Decimal)`` keeps scale and exponent exactly),
  so the two come back as the types they were;
* dates are ISO 8601 strings (``"2025-01-20"``); the edition is its year string (``"2021"``).

Output is deterministic and compact (no indentation: the stdlib's C encoder only runs without
it), with ``ensure_ascii=False`` so Chinese text stays readable.

Reading is strict: no type coercion (``"5"`` is not a count, ``true`` is not 1, a string is not
an array), no unknown keys, no text XML could not carry. Every problem is reported with its
cattrs path, e.g. ``$.applications.rows[3].cells[0].value``.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, Final, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import JsonConverter, make_converter
from cattrs.v import format_exception

from disclosure_report.errors import SerialiseError
from disclosure_report.model import Cell, Edition, Report, Source, xml_illegal_characters

__all__ = ["MAX_JSON_BYTES", "from_json", "to_json"]

MAX_JSON_BYTES: Final = 50 * 1024 * 1024
"""Largest document :func:`from_json` reads (a real report is about 15 KB)."""

_DECIMAL_TEXT: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_CELL_VALUE: Final = typing.get_type_hints(Cell)[attrs.fields(Cell).value.name]


class _RefusedError(ValueError):
    """Raised by this module's structure hooks; its message is shown as is."""


def _format_problem(exc: BaseException, type_: type | None) -> str:
    """Cattrs' message for a problem, or ours when one of our hooks refused the value."""
    if isinstance(exc, _RefusedError):
        return str(exc)
    if isinstance(exc, ValueError | TypeError) and type_ is None:  # the model's own checks
        return f"invalid value ({exc})"
    return format_exception(exc, type_)


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _text(value: object, _: object = None) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, not {_kind(value)}"
        raise _RefusedError(msg)
    bad = xml_illegal_characters(value)
    if bad:
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in bad}))
        msg = f"text holds characters XML 1.0 cannot carry ({codes})"
        raise _RefusedError(msg)
    return value


def _optional_text(value: object, _: object = None) -> str | None:
    return None if value is None else _text(value)


def _integer(value: object, _: object = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected an integer, not {_kind(value)}"
        raise _RefusedError(msg)
    return value


def _optional_integer(value: object, _: object = None) -> int | None:
    return None if value is None else _integer(value)


def _decimal(value: object, _: object = None) -> Decimal:
    if not isinstance(value, str) or not _DECIMAL_TEXT.fullmatch(value):
        msg = f'expected a decimal number written as a string (e.g. "12.50"), not {value!r}'
        raise _RefusedError(msg)
    return Decimal(value)


def _cell_value(value: object, _: object = None) -> int | Decimal | None:
    """``null``, a JSON integer (an ``int``) or a decimal string (a ``Decimal``)."""
    if value is None:
        return None
    if isinstance(value, str):
        return _decimal(value)
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected an integer, a decimal string or null, not {_kind(value)}"
        raise _RefusedError(msg)
    return value


def _edition(value: object, _: object = None) -> Edition:
    known = ", ".join(str(e) for e in Edition)
    if not isinstance(value, str) or value not in Edition.__members__.values():
        msg = f"expected an edition ({known}) as a string, not {value!r}"
        raise _RefusedError(msg)
    return Edition(value)


_Hook = Callable[[Any, Any], Any]


def _is_homogeneous_tuple(type_: object) -> bool:
    return get_origin(type_) is tuple and get_args(type_)[1:] == (...,)


def _strict_tuple(type_: type, converter: cattrs.Converter) -> _Hook:
    """Tuples come from JSON arrays only (cattrs would take a string as a tuple of characters)."""
    structure = homogenous_tuple_structure_factory(type_, converter)

    def structure_array(value: object, cl: object) -> object:
        if not isinstance(value, list):
            msg = f"expected an array, not {_kind(value)}"
            raise _RefusedError(msg)
        return structure(value, cl)

    return structure_array


def _provenance(cls: type) -> dict[str, Any]:
    """Overrides omitting every attribute typed ``Source | None`` (provenance)."""
    hints = typing.get_type_hints(cls)
    return {
        field.name: override(omit=True)
        for field in attrs.fields(cls)
        if hints[field.name] in (Source, Source | None)
    }


def _unstructure_cell_value(value: int | Decimal | None) -> int | str | None:
    return value if value is None or value.__class__ is int else str(value)


_CELLS: ContextVar[dict[tuple[object, ...], Cell] | None] = ContextVar("_CELLS", default=None)
"""Cells already built while reading the current document (see :func:`_shared_cells`)."""


def _shared_cells(structure: _Hook) -> _Hook:
    """Build each distinct cell of a document once: equal cells are one immutable value.

    Real tables are mostly zeros and blanks, and a validated :class:`Cell` costs more to build
    than to look up. The key is the JSON object's items plus the value's type (so ``true`` is
    never taken for ``1``); only cells that structured without error are remembered.
    """
    value_key = attrs.fields(Cell).value.name

    def structure_cell(obj: object, cl: object) -> object:
        cache = _CELLS.get()
        if cache is None or not isinstance(obj, dict):
            return structure(obj, cl)
        try:
            key = (obj.get(value_key).__class__, *obj.items())
            cell = cache.get(key)
        except TypeError:  # an unhashable value: an error the structure hook reports
            return structure(obj, cl)
        if cell is None:
            cell = structure(obj, cl)
            cache[key] = cell
        return cell

    return structure_cell


def _structure_attrs(converter: JsonConverter, cls: type) -> _Hook:
    structure: _Hook = make_dict_structure_fn(cls, converter, **_provenance(cls))
    return _shared_cells(structure) if cls is Cell else structure


def _is(union: object) -> Callable[[object], bool]:
    return lambda type_: type_ == union


def _make_converter() -> JsonConverter:
    converter = make_converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, _decimal)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(int, _integer)
    converter.register_structure_hook(Edition, _edition)
    # Unions go through function dispatch, where the latest registration wins over the
    # preconfigured union passthrough.
    for union, hook in (
        (str | None, _optional_text),
        (int | None, _optional_integer),
        (_CELL_VALUE, _cell_value),
    ):
        converter.register_structure_hook_func(_is(union), hook)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _strict_tuple)
    converter.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True, **_provenance(cls)
        ),
    )
    converter.register_unstructure_hook_func(_is(_CELL_VALUE), _unstructure_cell_value)
    converter.register_structure_hook_factory(
        attrs.has, lambda cls: _structure_attrs(converter, cls)
    )
    return converter


_CONVERTER: Final = _make_converter()
_DUMP_OPTIONS: Final[dict[str, Any]] = {"ensure_ascii": False, "separators": (",", ":")}


def to_json(report: Report) -> str:
    """Write ``report`` as a JSON document (see the module docstring for its shape).

    Args:
        report: any report.

    Returns:
        Compact JSON text, identical for equal reports; provenance is not written.
    """
    return _CONVERTER.dumps(report, **_DUMP_OPTIONS)


def from_json(text: str | bytes) -> Report:
    """Read a report written by :func:`to_json`.

    Args:
        text: the JSON document, as text or as UTF-8/16/32 bytes.

    Returns:
        The report, without provenance.

    Raises:
        SerialiseError: the input is too large, is not JSON, or does not have the shape of a
            report; the message lists every problem with its path, e.g.
            ``$.applications.rows[3].cells[0].value``.
    """
    if not isinstance(text, str | bytes | bytearray):
        msg = f"JSON input must be str or bytes, not {type(text).__name__}"
        raise SerialiseError(msg)
    size = len(text) if not isinstance(text, str) else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_JSON_BYTES:
        msg = f"the document is {size:,} bytes; the limit is {MAX_JSON_BYTES:,}"
        raise SerialiseError(msg)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}"
        raise SerialiseError(msg) from exc
    except (ValueError, RecursionError) as exc:  # bad bytes, over-long integers, deep nesting
        msg = f"not valid JSON: {exc}"
        raise SerialiseError(msg) from exc
    if not isinstance(data, dict):
        msg = f"$: expected a JSON object (a report), not {_kind(data)}"
        raise SerialiseError(msg)
    token = _CELLS.set({})
    try:
        return _CONVERTER.structure(data, Report)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        problems = cattrs.transform_error(exc, format_exception=_format_problem)
        msg = "not a valid report:\n" + "\n".join(problems)
        raise SerialiseError(msg) from exc
    except (ValueError, TypeError, LookupError, ArithmeticError) as exc:  # safety net
        msg = f"not a valid report: {exc}"
        raise SerialiseError(msg) from exc
    finally:
        _CELLS.reset(token)
