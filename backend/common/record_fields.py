"""A read-only list of plain records, rendered without a serializer per item.

A coordinator's page of 25 proposals holds about 450 small records (each match's score parts, reasons and
alternatives, read from JSON columns). Through ``Record(many=True)`` DRF renders each with its own serializer
call, field by field, which was about a third of the page's Python. ``RecordListField(Record)`` renders the same
output from a plan made once from ``Record``'s fields, and the API schema still shows ``Record``'s shape.
``tests/backend/common/test_record_fields.py`` checks it against DRF's own rendering.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from drf_spectacular.drainage import set_override
from rest_framework import serializers

_UNCHANGED = serializers.DictField().child.__class__
"""What a DictField without a child renders each value with: the value as it is."""


def _dict_of(field: serializers.DictField) -> Callable[[Any], Any]:
    if not isinstance(field.child, _UNCHANGED):
        raise TypeError(f"RecordListField renders a DictField only without a child, not with {field.child!r}")
    return lambda value: {str(key): item for key, item in value.items()}


def _uuid(field: serializers.UUIDField) -> Callable[[Any], Any]:
    if field.uuid_format != "hex_verbose":
        raise TypeError("RecordListField renders UUIDs in their usual form (hex_verbose) only")
    return str


_RENDER: dict[type[serializers.Field], Callable[[Any], Callable[[Any], Any]]] = {
    # each as the field's own to_representation does it
    serializers.CharField: lambda field: str,
    serializers.IntegerField: lambda field: int,
    serializers.FloatField: lambda field: float,
    serializers.UUIDField: _uuid,
    serializers.DictField: _dict_of,
}


class RecordListField(serializers.Field):
    """``record(many=True)`` on output, for records that are mappings (a JSON column's list of objects) or
    objects, and whose fields are among the simple kinds above, each read from its own name."""

    def __init__(self, record: type[serializers.Serializer], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.record = record
        plan = []
        for name, field in record().fields.items():
            render = _RENDER.get(type(field))
            if render is None or field.source != name:
                raise TypeError(f"RecordListField cannot render {record.__name__}.{name} ({type(field).__name__})")
            plan.append((name, render(field)))
        self._plan: tuple[tuple[str, Callable[[Any], Any]], ...] = tuple(plan)
        # the schema of record(many=True); set on each instance, as DRF copies fields by constructing them anew
        set_override(self, "field", record(many=True))

    def to_representation(self, value: Iterable[Any]) -> list[dict[str, Any]]:
        plan = self._plan
        out = []
        for item in value:
            read = item.__getitem__ if isinstance(item, Mapping) else item.__getattribute__
            row = {}
            for name, render in plan:
                found = read(name)
                row[name] = None if found is None else render(found)
            out.append(row)
        return out
