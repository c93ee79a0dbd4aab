"""A big list's page rendered from rows (``QuerySet.values()``), not from model instances, by its serializer's plan.

A coordinator's page of 25 matches built seven model instances a row (the match, each person's profile,
membership and user) and then rendered each through three serializer calls, field by field: about 10 ms of a
process's CPU, against about 1 ms to read the same values as rows. ``RowPlan(Serializer)`` reads from the
serializer's fields which values a row needs (each field's source, the nested ones' joined by ``__``) and renders
each row with those same fields' ``to_representation``, so the output, and the API schema, stay the serializer's.
``tests/backend/mentoring/test_list_rows.py`` checks it against DRF's own rendering of the same rows as model instances.

What a plan can render: model fields and values read through relations (``source="membership.user.display_name"``),
a related object's key (``PrimaryKeyRelatedField``), and nested serializers (not ``many``) of the same; anything
else (a method field, ``source="*"``, a list of related objects) is refused when the plan is made, not at a
request.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PrimaryKeyRelatedField

Render = Callable[[dict[str, Any]], Any]


def _leaf(key: str, field: serializers.Field) -> Render:
    if isinstance(field, PrimaryKeyRelatedField):
        # DRF renders the related object's key (through pk_field when it has one); a row holds that key already
        represent = field.pk_field.to_representation if field.pk_field is not None else (lambda value: value)
    else:
        represent = field.to_representation

    def render(row: dict[str, Any]) -> Any:
        value = row[key]
        return None if value is None else represent(value)

    return render


def _nested(key: str, plan: tuple[tuple[str, Render], ...]) -> Render:
    def render(row: dict[str, Any]) -> Any:
        if row[key] is None:  # no related object: DRF renders the nested serializer as None
            return None
        return {name: part(row) for name, part in plan}

    return render


def _plan(serializer: serializers.Serializer, prefix: str, lookups: list[str]) -> tuple[tuple[str, Render], ...]:
    plan = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        unsupported = (
            isinstance(field, (serializers.SerializerMethodField, serializers.ListSerializer, ManyRelatedField))
            or field.source == "*"
            or not field.source_attrs
        )
        if unsupported:
            raise TypeError(f"RowPlan cannot render {type(serializer).__name__}.{name} ({type(field).__name__})")
        key = prefix + "__".join(field.source_attrs)
        if key not in lookups:
            lookups.append(key)
        if isinstance(field, serializers.Serializer):
            plan.append((name, _nested(key, _plan(field, key + "__", lookups))))
        else:
            plan.append((name, _leaf(key, field)))
    return tuple(plan)


class RowPlan:
    """How to read a page of ``serializer``'s objects as rows, and render them as ``serializer(many=True)`` would."""

    def __init__(self, serializer: type[serializers.Serializer]) -> None:
        self.serializer = serializer
        self.lookups: list[str] = []
        self._plan = _plan(serializer(), "", self.lookups)

    def rows(self, queryset: QuerySet[Any]) -> "Rows":
        """The queryset (filtered and ordered as it is) read as the rows the plan needs."""
        return Rows(queryset, queryset.values(*self.lookups))

    def render(self, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        plan = self._plan
        return [{name: part(row) for name, part in plan} for row in rows]


class Rows:
    """A page's rows for a paginator: sliced from the rows' query, counted by the plain queryset's (and cached by
    its text, common.pagination). Counting the rows' query would join every row's people before counting."""

    def __init__(self, queryset: QuerySet[Any], rows: QuerySet[Any]) -> None:
        self.query = queryset.query
        self.ordered = queryset.ordered
        self._queryset = queryset
        self._rows = rows

    def count(self) -> int:
        return self._queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: Any) -> Any:
        return self._rows[index]
