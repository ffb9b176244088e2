"""Plain command-line values converted without Pydantic: a tenth of a one-article check's start-up.

Typer 0.2x converts every parameter's value (its default included) through a Pydantic
``TypeAdapter``: importing Pydantic and building the adapters of ``check``'s thirty options costs
more than checking an article. Every value tqcheck's options take is a string, a path, a flag, a
whole number (``--jobs``) or a list of them, which need no validation: those are converted here,
as Pydantic would convert them; anything else (a fraction, a value of another type, a whole
number written otherwise than in plain decimal) goes to Typer's own conversion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args, get_origin

from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import _TyperParameter

#: Marks a value this module leaves to Typer.
_OTHER = object()


def _plain(annotation: Any, value: Any) -> Any:
    """``value`` as ``annotation``, or :data:`_OTHER` where only Typer's conversion will do."""
    if annotation is str and isinstance(value, str):
        return value
    if annotation is bool and isinstance(value, bool):
        return value
    if annotation is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if annotation is int and isinstance(value, str):
        text = value.strip()
        body = text[1:] if text[:1] in ("+", "-") else text
        if body.isascii() and body.isdigit():
            return int(text)  # a plain decimal; Typer's conversion explains anything else
    if annotation is Path and isinstance(value, str | Path):
        return Path(value)
    if get_origin(annotation) is list and isinstance(value, list | tuple):
        (item,) = get_args(annotation)
        out = [_plain(item, v) for v in value]
        return _OTHER if any(v is _OTHER for v in out) else out
    return _OTHER


class _PlainParam(RuntimeParam):
    """A parameter converted by :func:`_plain`, by Typer's own conversion when that declines."""

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Any) -> Any:
        out = _plain(self.annotation, value)
        if out is _OTHER:
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)
        return out


def _simple(param: _TyperParameter) -> bool:
    """A string, path, flag or whole-number option (or a list of them) with no parser, range or
    path checks."""
    desc = param.type_descriptor
    info = desc.parameter_info
    ann: Any = desc.annotation
    if get_origin(ann) is list:
        (ann,) = get_args(ann)
    checks = (info.parser, info.min, info.max, info.path_type, desc.file_annotation, desc.choices)
    return (
        ann in (str, Path, bool, int)
        and all(c is None for c in checks)
        and not (info.exists or info.resolve_path or info.writable or info.allow_dash)
    )


_typer_runtime_param = _TyperParameter.get_runtime_param


def _runtime_param(self: _TyperParameter) -> RuntimeParam:
    if self._runtime_param is None and _simple(self):
        info = self.type_descriptor.parameter_info
        self._runtime_param = _PlainParam(parameter_info=info, annotation=self.type_descriptor.annotation)
    return _typer_runtime_param(self)


def install() -> None:
    """Convert plain parameters here from now on (Typer keeps the others)."""
    _TyperParameter.get_runtime_param = _runtime_param  # type: ignore[method-assign]
