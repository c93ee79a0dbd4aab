"""Writes docs/authorization.md from the authorization matrix (``matrix.py``), the one source of truth.

Run: .venv/bin/python -m tests.backend.security.render_matrix
"""

from pathlib import Path

from tests.backend.security.matrix import ROLES, SHADOWED, sections

DOC_PATH = Path(__file__).resolve().parents[3] / "docs" / "authorization.md"
COMMAND = ".venv/bin/python -m tests.backend.security.render_matrix"

_MEANING = {
    200: "allowed",
    201: "allowed (created)",
    202: "allowed (started in the background)",
    204: "allowed (done; nothing to show)",
    400: "allowed, but the request is refused as invalid",
    401: "sign-in routes (/_allauth/): not logged in, or no longer (after logging out), or a step such as "
    "entering the password or TOTP code again is needed first",
    403: "refused: not logged in (API), or she knows the object but may not do this",
    404: "refused as if the object did not exist (she must not learn that it does)",
    409: "allowed, but refused for the object's current state",
}


def render() -> str:
    roles = list(ROLES)
    lines = [
        "# Who may call which route",
        "",
        f"Generated from `tests/backend/security/matrix.py` by `{COMMAND}`; do not edit by hand.",
        "The test suite calls every cell below against the app",
        "(`tests/backend/security/test_authorization_matrix.py`), fails if a route of the URL map has no row,",
        "and fails if this page is out of date.",
        "",
        "## The people (columns)",
        "",
        *[f"- **{role}**: {who}" for role, who in ROLES.items()],
        "",
        "## What a status means",
        "",
        *[f"- **{code}**: {meaning}" for code, meaning in _MEANING.items()],
        "",
        "The object column names the thing the path points at (e.g. `offer`: Amira's pending offer from Berta);",
        "`example` marks one address of a route that answers a whole pattern of addresses (a catch-all).",
        "Rows under `/api/v1/` are called as the API sees a logged-in person; all others with a real session cookie",
        "(after the TOTP code, for those with an authenticator). The admin is one row for all its pages.",
        "",
        "Routes listed in the URL map but never reached, because an earlier route answers their address:",
        "",
        *[f"- `{path}`: {why}" for path, why in SHADOWED.items()],
        "",
    ]
    for title, rows in sections():
        lines += [f"## {title[0].upper()}{title[1:]}", ""]
        lines.append("| method | path | object | " + " | ".join(roles) + " |")
        lines.append("| --- | --- | --- | " + " | ".join("---" for _ in roles) + " |")
        for row in rows:
            cells = " | ".join(str(row.expected[role]) for role in roles)
            lines.append(f"| {row.method} | `{row.path}` | {row.object} | {cells} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    DOC_PATH.parent.mkdir(exist_ok=True)
    DOC_PATH.write_text(render())
    print(f"wrote {DOC_PATH}")


if __name__ == "__main__":
    main()
