"""The data model as JSON-ready data, and back: :func:`to_data` and :func:`from_data`.

Dataclasses become dicts of their fields and tuples become lists, guided by
the fields' declared types, so a new field or class in :mod:`build_tools.model`
needs no code here.  Values typed ``Any`` (a seed's YAML header) keep their
exact Python type: dates, times, tuples, sets, bytes and dicts whose keys are
not plain text are written as one-key objects tagged with ``$``.

``from_data(cls, to_data(obj)) == obj`` for every model object; a value that
cannot be written raises :class:`TypeError`.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import functools
import operator
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["from_data", "to_data"]

Codec = Callable[[Any], Any]


def to_data(obj: Any, tp: Any = None) -> Any:
    """``obj`` (of declared type ``tp``, by default its own class) as JSON-ready data."""
    return _encoder(tp if tp is not None else type(obj))(obj)


def from_data(tp: Any, data: Any) -> Any:
    """The object of type ``tp`` that :func:`to_data` turned into ``data``."""
    return _decoder(tp)(data)


def _same(value: Any) -> Any:
    return value


def _fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init]


def _optional(tp: Any) -> Any | None:
    """``X`` for ``X | None``; None for any other type."""
    if typing.get_origin(tp) not in (types.UnionType, typing.Union):
        return None
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if len(args) != 1 or len(typing.get_args(tp)) != 2:
        raise TypeError(f"unions other than 'X | None' are not supported: {tp}")
    return args[0]


@functools.cache
def _encoder(tp: Any) -> Codec:
    if dataclasses.is_dataclass(tp):
        fields = [(name, _encoder(t)) for name, t in _fields(tp)]
        names = [name for name, _ in fields]
        if all(enc is _same for _, enc in fields):  # the common case, made fast
            get = operator.attrgetter(*names)
            return lambda obj: dict(zip(names, get(obj) if len(names) > 1 else (get(obj),)))
        return lambda obj: {name: enc(getattr(obj, name)) for name, enc in fields}
    inner = _optional(tp)
    if inner is not None:
        enc = _encoder(inner)
        return _same if enc is _same else lambda v: None if v is None else enc(v)
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            enc = _encoder(args[0])
            return list if enc is _same else lambda v: [enc(x) for x in v]
        encs = [_encoder(a) for a in args]
        return lambda v: [e(x) for e, x in zip(encs, v, strict=True)]
    if tp in (str, int, float, bool):
        return _same
    return _value


@functools.cache
def _decoder(tp: Any) -> Codec:
    if dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    inner = _optional(tp)
    if inner is not None:
        dec = _decoder(inner)
        return _same if dec is _same else lambda v: None if v is None else dec(v)
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            dec = _decoder(args[0])
            return tuple if dec is _same else lambda v: tuple(map(dec, v))
        decs = [_decoder(a) for a in args]
        return lambda v: tuple(d(x) for d, x in zip(decs, v, strict=True))
    if tp in (str, int, float, bool):
        return _same
    return _unvalue


def _dataclass_decoder(tp: type) -> Codec:
    """Build ``tp`` from its fields' data.

    A class without ``__post_init__`` is filled in directly, as unpickling does:
    its ``__init__`` would only set the same fields, more slowly.
    """
    fields = [(name, _decoder(t)) for name, t in _fields(tp)]
    names = [name for name, _ in fields]
    if hasattr(tp, "__post_init__") or hasattr(tp, "__slots__"):
        return lambda data: tp(**{name: dec(data[name]) for name, dec in fields})
    new = object.__new__

    def build(data: Any) -> Any:
        obj = new(tp)
        obj.__dict__.update({name: dec(data[name]) for name, dec in fields})
        return obj

    if not all(dec is _same for _, dec in fields):
        return build
    get = operator.itemgetter(*names)

    def build_plain(data: Any) -> Any:
        obj = new(tp)
        obj.__dict__.update(zip(names, get(data) if len(names) > 1 else (get(data),)))
        return obj

    return build_plain


# ------------------------------------------------------------- untyped values


def _value(value: Any) -> Any:
    """A value of any YAML-made type as JSON data, tagging what JSON cannot say."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, Mapping):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: _value(v) for k, v in value.items()}
        return {"$dict": [[_value(k), _value(v)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple):
        return {"$tuple": [_value(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"$set": [_value(v) for v in value]}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot write a value of type {type(value).__name__}")


TAGS: dict[str, Codec] = {
    "$dict": lambda items: {_unvalue(k): _unvalue(v) for k, v in items},
    "$datetime": dt.datetime.fromisoformat,
    "$date": dt.date.fromisoformat,
    "$tuple": lambda items: tuple(_unvalue(v) for v in items),
    "$set": lambda items: {_unvalue(v) for v in items},
    "$bytes": lambda text: base64.b64decode(text.encode("ascii"), validate=True),
}


def _unvalue(data: Any) -> Any:
    if isinstance(data, list):
        return [_unvalue(v) for v in data]
    if isinstance(data, dict):
        if len(data) == 1:
            [(key, inner)] = data.items()
            if key in TAGS:
                return TAGS[key](inner)
        return {k: _unvalue(v) for k, v in data.items()}
    return data
