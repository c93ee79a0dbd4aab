"""Does an answer of the API match what its OpenAPI schema documents for that status? Checked with schemathesis's
own validator (the one ``make fuzz`` runs), so this suite and the fuzzer judge an answer the same way."""

import json
from functools import cache
from typing import Any

import requests


@cache
def raw_schema() -> dict[str, Any]:
    """The schema as the API serves it (JSON), generated once per test run."""
    from django.test import Client

    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200, response.content[:200]
    return json.loads(response.content)


@cache
def _schema() -> Any:
    import schemathesis

    return schemathesis.openapi.from_dict(raw_schema())


def problem(method: str, template: str, path: str, response: Any) -> str | None:
    """None if ``response`` (a Django test response to ``method path``, a path of the route ``template``) has a
    status the operation documents and a body that matches the schema documented for it; else what is wrong."""
    from schemathesis.core.failures import Failure, FailureGroup
    from schemathesis.core.transport import Response

    operation = _schema()[template][method]
    status = response.status_code
    if operation.responses.find_by_status_code(status) is None:
        documented = ", ".join(sorted(operation.responses.status_codes))
        return f"{method} {path} answered {status}, which the schema does not list ({documented})"
    headers = {name.lower(): [value] for name, value in response.headers.items()}
    wrapped = Response(
        status_code=status,
        headers=headers,
        content=response.content,
        request=requests.Request(method, f"http://testserver{path}").prepare(),
        elapsed=0.0,
        verify=False,
    )
    try:
        operation.validate_response(wrapped)
    except (Failure, FailureGroup) as error:
        return f"{method} {path} answered {status} {_errors(response)}, which the schema does not describe ({error})"
    return None


def _errors(response: Any) -> str:
    """The answer's errors in short, ``attr:code`` each (the whole body when it is not the error format)."""
    try:
        body = json.loads(response.content)
        return ", ".join(f"{error.get('attr')}:{error.get('code')}" for error in body["errors"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return repr(response.content[:300])
