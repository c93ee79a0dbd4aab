"""A big list's page rendered from rows (``QuerySet.values()``), not from model instances, by its serializer's plan.

A coordinator's page of 25 matches built seven model instances a row (the match, each person's profile,
membership and user) and then rendered each through three serializer calls, field by field: about 10 ms of a
process's CPU, against about 1 ms to read the same values as rows. ``RowPlan(Serializer)`` reads from the
serializer's fields which values a row needs (each field's source, the nested ones' joined by ``__``) and renders
each row with those same fields' ``to_representation``, so the output, and the API schema, stay the serializer's.
``tests/backend/mentoring/test_list_rows.py`` checks it against DRF's own rendering of the same rows as model instances.

What a plan can render: model fields and values read through relations (``source="membership.user.display_name"``),
a related object's key (``PrimaryKeyRelatedField``), nested serializers (not ``many``) of the same, and lists of
related objects through a reverse foreign key (a nested ``many=True`` serializer, or a ``SlugRelatedField`` with
``many=True``), each read for the whole page in one query; fields given ``by_hand`` (a method field, a property) are
rendered by the caller's function. Anything else (``source="*"``, a method field not given by hand) is refused
when the plan is made, not at a request.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.fields.reverse_related import ManyToOneRel
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PrimaryKeyRelatedField, SlugRelatedField

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


ByHand = Callable[[dict[str, Any], dict[str, Any]], Any]
"""A field the plan cannot read as a value (a method field, a property): rendered from the row and what is
rendered of it so far (the fields before it)."""


@dataclass(frozen=True)
class _Many:
    """A list of related objects (a reverse foreign key: ``languages``, ``sectors``), read for a whole page in one
    query, in the related model's own order, as a prefetch reads it."""

    name: str
    model: type[Model]
    parent: str
    """The related model's column holding the parent's key."""
    lookups: tuple[str, ...]
    render: Callable[[dict[str, Any]], Any]


def _plan(
    serializer: serializers.Serializer,
    prefix: str,
    lookups: list[str],
    by_hand: dict[str, ByHand],
    many: list[_Many] | None,
) -> tuple[tuple[str, Any, bool], ...]:
    plan: list[tuple[str, Any, bool]] = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        if name in by_hand and not prefix:
            plan.append((name, by_hand[name], True))
            continue
        if many is not None and isinstance(field, (serializers.ListSerializer, ManyRelatedField)):
            many.append(_many_of(serializer, name, field))
            plan.append((name, name, False))
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
            plan.append((name, _nested(key, _plain(_plan(field, key + "__", lookups, {}, None))), False))
        else:
            plan.append((name, _leaf(key, field), False))
    return tuple(plan)


def _plain(plan: tuple[tuple[str, Any, bool], ...]) -> tuple[tuple[str, Render], ...]:
    return tuple((name, part) for name, part, _ in plan)


def _many_of(serializer: serializers.Serializer, name: str, field: serializers.Field) -> _Many:
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    relation = model._meta.get_field(field.source) if model is not None and len(field.source_attrs) == 1 else None
    if not isinstance(relation, ManyToOneRel):
        raise TypeError(f"RowPlan reads {type(serializer).__name__}.{name} only as a reverse foreign key")
    if isinstance(field, ManyRelatedField):
        slug = getattr(field.child_relation, "slug_field", None)
        if not isinstance(field.child_relation, SlugRelatedField) or slug is None:
            raise TypeError(f"RowPlan reads {type(serializer).__name__}.{name} only by a slug field")
        return _Many(name, relation.related_model, relation.field.attname, (slug,), lambda row: row[slug])
    child_lookups: list[str] = []
    child = _plain(_plan(field.child, "", child_lookups, {}, None))  # type: ignore[attr-defined]
    return _Many(
        name,
        relation.related_model,
        relation.field.attname,
        tuple(child_lookups),
        lambda row: {part_name: part(row) for part_name, part in child},
    )


class RowPlan:
    """How to read a page of ``serializer``'s objects as rows, and render them as ``serializer(many=True)`` would.

    ``by_hand`` renders the fields a row cannot hold (a method field, a property) from the row and the fields
    rendered before it; ``also`` adds values those need. A list of related objects (``many=True`` through a
    reverse foreign key) is read for the whole page in one query."""

    def __init__(
        self,
        serializer: type[serializers.Serializer],
        *,
        by_hand: dict[str, ByHand] | None = None,
        also: tuple[str, ...] = (),
    ) -> None:
        self.serializer = serializer
        self.lookups: list[str] = ["pk"]
        self._many: list[_Many] = []
        self._plan = _plan(serializer(), "", self.lookups, by_hand or {}, self._many)
        self.lookups.extend(key for key in also if key not in self.lookups)

    def rows(self, queryset: QuerySet[Any]) -> "Rows":
        """The queryset (filtered and ordered as it is) read as the rows the plan needs."""
        return Rows(queryset, queryset.prefetch_related(None).values(*self.lookups))

    def render(self, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        rows = list(rows)
        related: dict[str, dict[Any, list[Any]]] = {}
        ids = [row["pk"] for row in rows]
        for many in self._many:
            found: dict[Any, list[Any]] = {key: [] for key in ids}
            if ids:
                values = many.model._default_manager.filter(**{f"{many.parent}__in": ids}).values(
                    many.parent, *many.lookups
                )
                for value in values:
                    found[value[many.parent]].append(many.render(value))
            related[many.name] = found
        out = []
        for row in rows:
            rendered: dict[str, Any] = {}
            for name, part, hand in self._plan:
                if hand:
                    rendered[name] = part(row, rendered)
                elif isinstance(part, str):
                    rendered[name] = related[part][row["pk"]]
                else:
                    rendered[name] = part(row)
            out.append(rendered)
        return out


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
