"""Querysets compiled once, run many times: the hot path's reads without query building.

Building a queryset's SQL is most of the ORM's cost on a small query (a reply's locked
thread is six joined tables: compiling it took longer than running it). `Prepared` builds
the queryset once per database with example arguments, keeps its SQL, converters and
row-to-model populators, and then only runs the SQL with new arguments, giving the same
model instances (with their select_related objects) as the queryset would.

Each argument must appear in the SQL's parameters exactly once, as the example value
given; the example values must be distinct from every constant of the query (checked).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]  # the query's parameters, arguments in their places
    slots: tuple[int, ...]  # where each argument goes in `params`
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]  # (column, converters, expr)
    model: type[Model]
    init_list: tuple[str, ...]
    start: int
    end: int
    related: tuple[Any, ...]  # django's RelatedPopulator objects (stateless per row)
    annotations: tuple[tuple[str, int], ...]  # (attribute, column) of each annotation


class Prepared(Generic[M]):
    """`build(*example)` compiled once per database; `run(*args)` gives its rows' models."""

    def __init__(self, build: Callable[..., QuerySet[M]], *example: Any) -> None:
        self.build = build
        self.example = example
        self._compiled: dict[str, _Compiled] = {}

    def run(self, *args: Any, using: str = "default") -> list[M]:
        compiled = self._compiled.get(using) or self._compile(using)
        params = list(compiled.params)
        for slot, value in zip(compiled.slots, args, strict=True):
            params[slot] = value
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows: Sequence[Any] = cursor.fetchall()
        if compiled.converters:
            rows = [_converted(row, compiled.converters, connection) for row in rows]
        objects = []
        for row in rows:
            obj = compiled.model.from_db(
                using, compiled.init_list, row[compiled.start : compiled.end]
            )
            for populator in compiled.related:
                populator.populate(row, obj)
            for name, column in compiled.annotations:
                setattr(obj, name, row[column])
            objects.append(obj)
        return objects  # type: ignore[return-value]

    def _compile(self, using: str) -> _Compiled:
        queryset = self.build(*self.example)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        slots = []
        for value in self.example:
            where = [i for i, p in enumerate(params) if p == value and type(p) is type(value)]
            if len(where) != 1:
                raise ValueError(
                    f"example argument {value!r} is in the parameters {len(where)} times"
                )
            slots.append(where[0])
        select, klass_info = compiler.select, compiler.klass_info
        assert klass_info is not None
        converters = compiler.get_converters([s[0] for s in select])
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        compiled = _Compiled(
            sql=sql,
            params=tuple(params),
            slots=tuple(slots),
            converters=tuple((pos, tuple(c), e) for pos, (c, e) in sorted(converters.items())),
            model=klass_info["model"],
            init_list=tuple(s[0].target.attname for s in select[start:end]),
            start=start,
            end=end,
            related=tuple(get_related_populators(klass_info, select, using)),  # type: ignore[call-arg]
            annotations=tuple(compiler.annotation_col_map.items()),
        )
        self._compiled[using] = compiled
        return compiled


def _converted(
    row: Sequence[Any], converters: Sequence[tuple[int, Any, Any]], connection: Any
) -> list[Any]:
    values = list(row)
    for pos, convs, expression in converters:
        value = values[pos]
        for converter in convs:
            value = converter(value, expression, connection)
        values[pos] = value
    return values
