"""Text in the API is text: a JSON number or boolean sent where the schema says string is refused (``invalid``),
not turned into a string. DRF's ``CharField`` (and so every text field: names, phone numbers, emails, notes)
accepts ``491515550`` for a phone number and stores "491515550", the leading zero and "+" of what she meant lost;
the fuzzer found it (a body the schema refuses, accepted). Applied once, when the app loads (``CommonConfig``)."""

from typing import Any

from rest_framework import serializers

_accept_text = serializers.CharField.to_internal_value


def _text_only(field: serializers.CharField, data: Any) -> str:
    if not isinstance(data, str):
        field.fail("invalid")
    return _accept_text(field, data)


class StrictBooleanField(serializers.BooleanField):
    """In a JSON body, true or false only, as the schema says (not "yes", 0 or "1"). Query parameters, which are
    always text, keep DRF's BooleanField."""

    def to_internal_value(self, data: object) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class FormBooleanField(serializers.BooleanField):
    """In a multipart form, where every field is text: "true" or "false" only (or a JSON true or false), not "1",
    "yes" or "on", which the schema does not allow either."""

    def to_internal_value(self, data: object) -> bool:
        if isinstance(data, bool):
            return data
        if data in ("true", "false"):
            return data == "true"
        self.fail("invalid", input=data)


def install() -> None:
    if serializers.CharField.to_internal_value is not _text_only:
        serializers.CharField.to_internal_value = _text_only  # type: ignore[method-assign,assignment]
