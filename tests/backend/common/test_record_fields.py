"""RecordListField renders exactly what DRF renders through the record's own serializer (many=True)."""

import uuid
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework import serializers

from common.record_fields import RecordListField
from mentoring.serializers import (
    AlternativeOutputSerializer,
    CoordinatorMatchOutputSerializer,
    ReasonOutputSerializer,
    ScorePartOutputSerializer,
)

json_scalars = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats(allow_nan=False) | st.text()
numbers = st.none() | st.integers(-(10**6), 10**6) | st.floats(allow_nan=False, allow_infinity=False)
parts = st.fixed_dictionaries({"name": st.text() | st.none(), "value": numbers})
reasons = st.fixed_dictionaries(
    {"code": st.text() | st.none(), "params": st.none() | st.dictionaries(st.text(), json_scalars, max_size=4)}
)
alternatives = st.fixed_dictionaries(
    {
        "mentor": st.none() | st.uuids() | st.uuids().map(str),
        "score": numbers,
        "rank": st.none() | st.integers(-100, 100),
    }
)


def drf(record: type[serializers.Serializer], rows: list) -> list:
    class Holder(serializers.Serializer):
        rows = record(many=True)

    return Holder({"rows": rows}).data["rows"]


def ours(record: type[serializers.Serializer], rows: list) -> list:
    class Holder(serializers.Serializer):
        rows = RecordListField(record)

    return Holder({"rows": rows}).data["rows"]


@settings(max_examples=150, deadline=None)
@given(st.lists(parts, max_size=6), st.lists(reasons, max_size=6), st.lists(alternatives, max_size=6), st.booleans())
def test_the_same_output_as_the_records_own_serializer(parts, reasons, alternatives, as_objects):
    for record, rows in (
        (ScorePartOutputSerializer, parts),
        (ReasonOutputSerializer, reasons),
        (AlternativeOutputSerializer, alternatives),
    ):
        given_rows = [SimpleNamespace(**row) for row in rows] if as_objects else rows
        assert ours(record, given_rows) == drf(record, given_rows)


def test_a_missing_key_fails_as_it_does_through_the_serializer():
    with pytest.raises(KeyError):
        ours(ScorePartOutputSerializer, [{"name": "language"}])


def test_a_record_it_cannot_render_is_refused_when_the_field_is_declared():
    class Dated(serializers.Serializer):
        at = serializers.DateTimeField()

    class Renamed(serializers.Serializer):
        code = serializers.CharField(source="reason_code")

    class Typed(serializers.Serializer):
        params = serializers.DictField(child=serializers.IntegerField())

    for record in (Dated, Renamed, Typed):
        with pytest.raises(TypeError, match=record.__name__ if record is not Typed else "DictField"):
            RecordListField(record)


def test_the_api_schema_shows_the_records_shape():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    match = schema["components"]["schemas"]["CoordinatorMatchOutput"]["properties"]
    assert match["parts"] == {"type": "array", "items": {"$ref": "#/components/schemas/ScorePartOutput"}}
    assert match["alternatives"]["items"] == {"$ref": "#/components/schemas/AlternativeOutput"}
    assert isinstance(CoordinatorMatchOutputSerializer().fields["reasons"], RecordListField)


def test_a_uuid_object_and_its_text_render_alike():
    mentor = uuid.uuid4()
    row = {"mentor": mentor, "score": 0.5, "rank": 1}
    assert ours(AlternativeOutputSerializer, [row]) == [{"mentor": str(mentor), "score": 0.5, "rank": 1}]
