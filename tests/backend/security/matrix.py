"""Who may call which route: one row per route, method and object, one column per role, the expected status.

Read it as a data-protection officer would. The world behind it is described in ``world.py`` (``ROLES`` names
the columns). Rules the table follows:

- 404 where the caller must not learn that the object exists (another programme's match, another person's
  profile, a group she is not in); 403 only where she may know it exists (her own offer, which only the mentor
  accepts; a round of her own network that only coordinators manage) or when she is not logged in at all.
- 409 / 400 in a cell mean the caller got past every access check and was refused for the object's state or
  the body (e.g. publishing a round that is already published).
- Every route of the URL map has rows, not only the API: allauth's sign-in routes under /_allauth/ (called with
  a real session cookie, where 401 means "not logged in"), the schema and docs, the health probe, the admin (one
  row for all its pages: its views let staff only in) and the catch-alls. A row whose object is ``example``
  calls one address that a pattern route (a catch-all, or a family of switched-off addresses) answers.

``test_authorization_matrix.py`` checks every cell against the running app; ``docs/authorization.md`` is this
table rendered for people (regenerate it with ``.venv/bin/python -m tests.backend.security.render_matrix``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.backend.security.world import SecurityWorld

ROLES: dict[str, str] = {
    "anon": "anonymous (not logged in)",
    "mentee": "mentee (Amira: the pending offer, and the active match in the closed cohort)",
    "omentee": "other mentee of the same programme (Olena, waiting)",
    "mpending": "mentor before accept (Berta: her offer to Amira is pending)",
    "mactive": "mentor after accept (Carla: active match with Amira)",
    "omentor": "other mentor of the same programme (Xavier)",
    "employer": "employer of the same programme (Emil)",
    "wgroup": "frontline worker in the group (Fatma)",
    "wother": "frontline worker of the network, not in the group (Greta, in another group)",
    "coord": "coordinator of the programme (Cora: Jobs Berlin, the closed cohort and the peer network), and admin of "
    "the organisation they belong to",
    "ocoord": "coordinator of other programmes (Otto: a mentoring programme and a peer network), and admin of the "
    "other organisation they belong to",
    "admin": "superuser with no membership (Root)",
}
"""The matrix's columns, in order: short name → who it is."""


TABLE = """
method path                                                        object            anon  mentee omentee mpending mactive omentor employer wgroup wother coord ocoord admin
# the session, the CSRF cookie and reference lists
GET    /api/v1/csrf/                                               -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/me/                                                 -                 403   200    200     200      200     200     200      200    200    200   200    200
PATCH  /api/v1/me/                                                 -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/reference/languages/                                -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/reference/sectors/                                  -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/reference/job-families/                             -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/reference/goals/                                    -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/reference/topics/                                   -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/reference/worker-roles/                             -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/reference/decline-reasons/                          -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/reference/end-reasons/                              -                 200   200    200     200      200     200     200      200    200    200   200    200
# organisations: only their admins see them, their programmes and their coordinators
GET    /api/v1/organisations/                                      -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/organisations/{organisation_id}/programmes/         organisation      403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/organisations/{organisation_id}/programmes/         organisation      403   404    404     404      404     404     404      404    404    201   404    404
GET    /api/v1/organisations/{organisation_id}/reports/            organisation      403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/coordinators/             jobs              403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/programmes/{programme_id}/coordinators/             jobs              403   404    404     404      404     404     404      404    404    201   404    404
DELETE /api/v1/coordinators/{coordinator_id}/                      coordinator_role  403   404    404     404      404     404     404      404    404    409   404    404
POST   /api/v1/programmes/{programme_id}/duplicate/                jobs              403   404    404     404      404     404     404      404    404    201   404    404
POST   /api/v1/programmes/{programme_id}/close/                    jobs              403   404    404     404      404     404     404      404    404    200   404    404
# invitations: a programme's coordinators and its organisation's admins invite by email; the link shows what it invites to, and only the invited address's account joins with it
GET    /api/v1/programmes/{programme_id}/invitations/              jobs              403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/programmes/{programme_id}/invitations/              jobs              403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/invitations/{invitation_id}/resend/                 invitation        403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/invitations/{invitation_id}/revoke/                 invitation        403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/invitations/by-token/{token}/                       invitation_token  200   200    200     200      200     200     200      200    200    200   200    200
POST   /api/v1/invitations/by-token/{token}/accept/                invitation_token  201   403    403     403      403     403     403      403    403    403   403    403
# what came of a match: the question's link answers only its own question, without logging in; she sees and answers her own questions; a programme's coordinators see a match's outcomes and record one the mentee told them
GET    /api/v1/outcomes/by-token/{token}/                          outcome_token     200   200    200     200      200     200     200      200    200    200   200    200
POST   /api/v1/outcomes/by-token/{token}/answer/                   outcome_token     200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/me/outcome-questions/                               -                 403   200    200     200      200     200     200      200    200    200   200    200
POST   /api/v1/me/outcome-questions/{question_id}/answer/          outcome_question  403   200    404     404      404     404     404      404    404    404   404    404
GET    /api/v1/programmes/{programme_id}/matches/{match_id}/outcomes/ jobs+ended     403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/programmes/{programme_id}/matches/{match_id}/outcomes/ jobs+ended     403   404    404     404      404     404     404      404    404    201   404    404
# programmes: open ones are public, a closed one is known to its members only
GET    /api/v1/programmes/                                         -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/programmes/{programme_id}/                          jobs              200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/programmes/{programme_id}/                          cohort            404   200    404     404      200     404     404      404    404    200   404    404
PATCH  /api/v1/programmes/{programme_id}/                          jobs              403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/texts/                    jobs              403   404    404     404      404     404     404      404    404    200   404    404
PATCH  /api/v1/programmes/{programme_id}/texts/                    jobs              403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/settings/                 jobs              403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/programmes/{programme_id}/what-if/                  jobs              403   404    404     404      404     404     404      404    404    200   404    404
# learning from outcomes: the programme's success model (card, versions) and training it, for its coordinators only
GET    /api/v1/programmes/{programme_id}/model/                    jobs              403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/programmes/{programme_id}/model/train/              jobs              403   404    404     404      404     404     404      404    404    202   404    404
POST   /api/v1/programmes/{programme_id}/signup/                   jobs              202   409    409     409      201     409     409      201    201    201   201    201
POST   /api/v1/programmes/{programme_id}/signup/                   cohort            404   403    404     404      403     404     404      404    404    403   404    404
POST   /api/v1/programmes/{programme_id}/assisted-signups/         jobs              403   404    404     404      404     404     404      404    404    201   404    404
POST   /api/v1/programmes/{programme_id}/imports/                  jobs              403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/participants/             jobs              403   404    404     404      404     404     404      404    404    200   404    404
# profiles: her own, and her programmes' ones for a coordinator; nobody else's
GET    /api/v1/profiles/                                           -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/profiles/{profile_id}/                              mentee_profile    403   200    404     404      404     404     404      404    404    200   404    404
PATCH  /api/v1/profiles/{profile_id}/                              mentee_profile    403   200    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/profiles/{profile_id}/                              mentor_profile    403   404    404     200      404     404     404      404    404    200   404    404
GET    /api/v1/profiles/{profile_id}/                              worker_profile    403   404    404     404      404     404     404      200    404    200   404    404
POST   /api/v1/profiles/{profile_id}/verify/                       employer_profile  403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/profiles/{profile_id}/recommendations/              mentee_profile    403   404    404     404      404     404     404      404    404    200   404    404
# notifications: one's own only
GET    /api/v1/notifications/                                      -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/notifications/unread-count/                         -                 403   200    200     200      200     200     200      200    200    200   200    200
POST   /api/v1/notifications/read-all/                             -                 403   200    200     200      200     200     200      200    200    200   200    200
POST   /api/v1/notifications/{notification_id}/read/               notice            403   200    404     404      404     404     404      404    404    404   404    404
# a programme's mentoring workflow: its coordinators only
GET    /api/v1/programmes/{programme_id}/runs/                     jobs              403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/programmes/{programme_id}/runs/                     jobs              403   404    404     404      404     404     404      404    404    202   404    404
GET    /api/v1/runs/{run_id}/                                      run               403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/matches/                  jobs              403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/programmes/{programme_id}/matches/                  jobs              403   404    404     404      404     404     404      404    404    201   404    404
POST   /api/v1/programmes/{programme_id}/matches/bulk-approve/     jobs              403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/programmes/{programme_id}/matches/bulk-reject/      jobs              403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/explain/                  jobs              403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/health/                   jobs              403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/health/mentor-load/       jobs              403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/audit/                    jobs              403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/reports/                  jobs              403   404    404     404      404     404     404      404    404    200   404    200
GET    /api/v1/programmes/{programme_id}/reports/                  network           403   404    404     404      404     404     404      404    404    200   404    200
POST   /api/v1/matches/swap/                                       -                 403   404    404     404      404     404     404      404    404    200   404    404
# matches: the two people in it (once offered) and the programme's coordinators
GET    /api/v1/matches/                                            -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/matches/{match_id}/                                 offer             403   200    404     200      404     404     404      404    404    200   404    404
GET    /api/v1/matches/{match_id}/                                 active            403   200    404     404      200     404     404      404    404    200   404    404
GET    /api/v1/matches/{match_id}/                                 proposal          403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/matches/{match_id}/approve/                         proposal          403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/matches/{match_id}/approve/                         offer             403   403    404     403      404     404     404      404    404    200   404    404
POST   /api/v1/matches/{match_id}/reject/                          proposal          403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/matches/{match_id}/accept/                          offer             403   403    404     200      404     404     404      404    404    403   404    404
POST   /api/v1/matches/{match_id}/decline/                         offer             403   200    404     200      404     404     404      404    404    403   404    404
POST   /api/v1/matches/{match_id}/end/                             active            403   200    404     404      200     404     404      404    404    200   404    404
POST   /api/v1/matches/{match_id}/complete/                        active            403   403    404     404      403     404     404      404    404    200   404    404
POST   /api/v1/matches/{match_id}/rollover/                        declined          403   404    404     404      404     404     404      404    404    409   404    404
POST   /api/v1/matches/{match_id}/feedback/                        active            403   201    404     404      201     404     404      404    404    403   404    404
# peer networks: rounds for the network's members and coordinators; managing them for coordinators only
GET    /api/v1/programmes/{programme_id}/rounds/                   network           403   404    404     404      404     404     404      200    200    200   404    404
POST   /api/v1/programmes/{programme_id}/rounds/                   network           403   404    404     404      404     404     404      403    403    201   404    404
GET    /api/v1/programmes/{programme_id}/network/                  network           403   404    404     404      404     404     404      403    403    200   404    404
GET    /api/v1/rounds/{round_id}/                                  round             403   404    404     404      404     404     404      200    200    200   404    404
POST   /api/v1/rounds/{round_id}/opt-in/                           open_round        403   404    404     404      404     404     404      200    200    403   404    404
POST   /api/v1/rounds/{round_id}/opt-out/                          open_round        403   404    404     404      404     404     404      200    200    403   404    404
GET    /api/v1/rounds/{round_id}/opt-ins/                          round             403   404    404     404      404     404     404      403    403    200   404    404
POST   /api/v1/rounds/{round_id}/form/                             open_round        403   404    404     404      404     404     404      403    403    202   404    404
GET    /api/v1/rounds/{round_id}/groups/                           round             403   404    404     404      404     404     404      403    403    200   404    404
POST   /api/v1/rounds/{round_id}/moves/                            round             403   404    404     404      404     404     404      403    403    409   404    404
POST   /api/v1/rounds/{round_id}/publish/                          round             403   404    404     404      404     404     404      403    403    409   404    404
GET    /api/v1/rounds/{round_id}/participation/                    round             403   404    404     404      404     404     404      403    403    200   404    404
# peer groups: a member sees her own published groups only
GET    /api/v1/groups/                                             -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/groups/{group_id}/                                  group             403   404    404     404      404     404     404      200    404    404   404    404
POST   /api/v1/groups/{group_id}/followup/                         group             403   404    404     404      404     404     404      201    404    404   404    404
# conversations: only the people in them, after the mentor's yes or in a published group; coordinators and admins never
GET    /api/v1/conversations/                                      -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/conversations/unread-count/                         -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/conversations/settings/                             -                 403   200    200     200      200     200     200      200    200    200   200    200
PATCH  /api/v1/conversations/settings/                             -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/conversations/matches/{match_id}/messages/          active            403   200    404     404      200     404     404      404    404    404   404    404
POST   /api/v1/conversations/matches/{match_id}/messages/          active            403   201    404     404      201     404     404      404    404    404   404    404
GET    /api/v1/conversations/matches/{match_id}/messages/          offer             403   404    404     404      404     404     404      404    404    404   404    404
POST   /api/v1/conversations/matches/{match_id}/read/              active            403   204    404     404      204     404     404      404    404    404   404    404
GET    /api/v1/conversations/matches/{match_id}/meeting/           active            403   200    404     404      200     404     404      404    404    404   404    404
POST   /api/v1/conversations/matches/{match_id}/meeting/           active            403   200    404     404      200     404     404      404    404    404   404    404
POST   /api/v1/conversations/matches/{match_id}/meeting/pick/      active            403   409    404     404      409     404     404      404    404    404   404    404
POST   /api/v1/conversations/matches/{match_id}/meeting/cancel/    active            403   409    404     404      409     404     404      404    404    404   404    404
GET    /api/v1/conversations/groups/{group_id}/messages/           group             403   404    404     404      404     404     404      200    404    404   404    404
POST   /api/v1/conversations/groups/{group_id}/messages/           group             403   404    404     404      404     404     404      201    404    404   404    404
POST   /api/v1/conversations/groups/{group_id}/read/               group             403   404    404     404      404     404     404      204    404    404   404    404
# privacy: her own consents, sensitive answers, data and erasure; her coordinators see consents and (logged) answers
GET    /api/v1/me/consents/                                        -                 403   200    200     200      200     200     200      200    200    200   200    200
POST   /api/v1/me/consents/                                        -                 403   201    201     201      404     201     201      404    404    404   404    404
POST   /api/v1/me/consents/withdraw/                               -                 403   200    200     200      404     200     200      404    404    404   404    404
POST   /api/v1/programmes/{programme_id}/leave/                    jobs              403   204    204     204      404     204     204      404    404    404   404    404
POST   /api/v1/programmes/{programme_id}/leave/                    network           403   404    404     404      404     404     404      204    204    404   404    404
GET    /api/v1/me/sensitive-attributes/                            -                 403   200    200     200      200     200     200      200    200    200   200    200
PUT    /api/v1/me/sensitive-attributes/                            -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/me/data/                                            -                 403   200    200     200      200     200     200      200    200    200   200    200
GET    /api/v1/me/data/summary/                                    -                 403   200    200     200      200     200     200      200    200    200   200    200
POST   /api/v1/me/erase/                                           -                 403   204    204     204      204     204     204      204    204    204   204    204
GET    /api/v1/profiles/{profile_id}/consents/                     mentee_profile    403   200    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/profiles/{profile_id}/sensitive-attributes/         mentee_profile    403   200    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/programmes/{programme_id}/retention/                jobs              403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/reference/support-qualities/                        -                 200   200    200     200      200     200     200      200    200    200   200    200
# safeguarding: a side of a match reports or blocks the other; the programme's coordinators decide on reports
POST   /api/v1/safety/reports/                                     -                 403   201    404     201      404     404     404      404    404    403   404    404
POST   /api/v1/safety/reports/{report_id}/dismiss/                 report            403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/safety/reports/{report_id}/end-match/               report            403   404    404     404      404     404     404      404    404    200   404    404
POST   /api/v1/safety/reports/{report_id}/suspend/                 report            403   404    404     404      404     404     404      404    404    200   404    404
GET    /api/v1/safety/blocks/                                      -                 403   200    200     200      200     200     200      200    200    200   200    200
POST   /api/v1/safety/blocks/                                      -                 403   201    404     201      404     404     404      404    404    403   404    404
DELETE /api/v1/safety/blocks/{block_id}/                           block             403   404    404     404      404     404     404      404    404    404   404    404
GET    /api/v1/programmes/{programme_id}/safety-reports/           jobs              403   404    404     404      404     404     404      404    404    200   404    404
# sign-in and account: django-allauth's headless API for the browser, called with a real session cookie
GET    /_allauth/browser/v1/config                                 -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /_allauth/browser/v1/auth/session                           -                 401   200    200     200      200     200     200      200    200    200   200    200
DELETE /_allauth/browser/v1/auth/session                           -                 401   401    401     401      401     401     401      401    401    401   401    401
POST   /_allauth/browser/v1/auth/login                             -                 200   409    409     409      409     409     409      409    409    409   409    409
POST   /_allauth/browser/v1/auth/reauthenticate                    -                 401   200    200     200      200     200     200      200    200    200   200    200
POST   /_allauth/browser/v1/auth/code/confirm                      -                 409   409    409     409      409     409     409      409    409    409   409    409
POST   /_allauth/browser/v1/auth/password/request                  -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /_allauth/browser/v1/auth/password/reset                    -                 400   400    400     400      400     400     400      400    400    400   400    400
POST   /_allauth/browser/v1/auth/password/reset                    -                 400   400    400     400      400     400     400      400    400    400   400    400
POST   /_allauth/browser/v1/account/password/change                -                 401   200    200     200      200     200     200      200    200    200   200    200
GET    /_allauth/browser/v1/auth/email/verify                      -                 400   400    400     400      400     400     400      400    400    400   400    400
POST   /_allauth/browser/v1/auth/email/verify                      -                 400   400    400     400      400     400     400      400    400    400   400    400
POST   /_allauth/browser/v1/auth/email/verify/resend               -                 409   409    409     409      409     409     409      409    409    409   409    409
GET    /_allauth/browser/v1/account/email                          -                 401   200    200     200      200     200     200      200    200    200   200    200
POST   /_allauth/browser/v1/account/email                          -                 409   200    200     200      200     200     200      200    200    400   400    400
PUT    /_allauth/browser/v1/account/email                          -                 401   400    400     400      400     400     400      400    400    400   400    400
PATCH  /_allauth/browser/v1/account/email                          -                 401   400    400     400      400     400     400      400    400    400   400    400
DELETE /_allauth/browser/v1/account/email                          -                 401   400    400     400      400     400     400      400    400    400   400    400
POST   /_allauth/browser/v1/auth/signup                            example           403   403    403     403      403     403     403      403    403    403   403    403
POST   /_allauth/app/v1/auth/signup                                example           403   403    403     403      403     403     403      403    403    403   403    403
POST   /_allauth/browser/v1/auth/phone/verify                      example           404   404    404     404      404     404     404      404    404    404   404    404
GET    /_allauth/browser/v1/account/phone                          example           404   404    404     404      404     404     404      404    404    404   404    404
# two-step verification (TOTP): coordinators and the admin have an authenticator, nobody else needs one
POST   /_allauth/browser/v1/auth/2fa/authenticate                  -                 401   401    401     401      401     401     401      401    401    401   401    401
POST   /_allauth/browser/v1/auth/2fa/reauthenticate                -                 401   400    400     400      400     400     400      400    400    400   400    400
GET    /_allauth/browser/v1/account/authenticators                 -                 401   200    200     200      200     200     200      200    200    200   200    200
GET    /_allauth/browser/v1/account/authenticators/totp            -                 401   404    404     404      404     404     404      404    404    200   200    200
POST   /_allauth/browser/v1/account/authenticators/totp            -                 401   400    400     400      400     400     400      400    400    400   400    400
DELETE /_allauth/browser/v1/account/authenticators/totp            -                 401   200    200     200      200     200     200      200    200    401   401    401
GET    /_allauth/browser/v1/account/authenticators/recovery-codes  -                 401   404    404     404      404     404     404      404    404    404   404    404
POST   /_allauth/browser/v1/account/authenticators/recovery-codes  -                 401   400    400     400      400     400     400      400    400    401   401    401
# the API's description, the health probes (liveness, readiness), the icons and web-app manifest, the metrics (its token only), the admin (staff only) and the web app
GET    /api/schema/                                                -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /api/docs/                                                  -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /healthz                                                    -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /readyz                                                     -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /favicon.ico                                                -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /icon.svg                                                   -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /icon-192.png                                               -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /icon-512.png                                               -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /apple-touch-icon.png                                       -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /manifest.webmanifest                                       -                 200   200    200     200      200     200     200      200    200    200   200    200
GET    /metrics                                                    -                 404   404    404     404      404     404     404      404    404    404   404    404
GET    /admin/                                                     -                 403   403    403     403      403     403     403      403    403    403   403    200
GET    /api/v2/no-such-address/                                    example           404   404    404     404      404     404     404      404    404    404   404    404
GET    /mentor/offers                                              example           200   200    200     200      200     200     200      200    200    200   200    200
"""


def _signup(world: "SecurityWorld") -> dict[str, Any]:
    return {
        "data": {
            "role": "mentee",
            "account": {
                "email": "nadia.newcomer@example.org",
                "password": "a-long-passphrase-42",
                "display_name": "Nadia",
            },
            "profile": {
                "languages": [{"code": "ar", "level": "C2"}, {"code": "de", "level": "A2"}],
                "sectors": ["86"],
                "goals": ["job_search"],
                "city": "Berlin",
                "country": "DE",
            },
            "consent": {"given": True, "version": "1"},
        }
    }


def _import_form() -> dict[str, Any]:
    """A dry run of a one-row list (a fresh upload for each call: a file is read once)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = b"First name;Languages;City\nSahar;fa C2;Berlin\n"
    return {"file": SimpleUploadedFile("list.csv", content), "role": "mentee"}


def _password() -> str:
    """Every world user's password (imported late: rendering the table needs no Django)."""
    from tests.backend.factories import PASSWORD

    return PASSWORD


REQUESTS: dict[str, Callable[["SecurityWorld"], dict[str, Any]]] = {
    "PATCH /api/v1/me/": lambda w: {"data": {"preferred_language": "en"}},
    "PATCH /api/v1/programmes/{programme_id}/": lambda w: {"data": {"signup_open": True}},
    "PATCH /api/v1/programmes/{programme_id}/texts/": lambda w: {"data": {"texts": {"description": {"en": "Spring."}}}},
    "POST /api/v1/programmes/{programme_id}/what-if/": lambda w: {"data": {"weights": {"place": 0.5}}},
    "POST /api/v1/programmes/{programme_id}/signup/": _signup,
    "POST /api/v1/programmes/{programme_id}/assisted-signups/": lambda w: {
        "data": {
            "account": {"display_name": "Sahar"},
            "profile": {"languages": [{"code": "fa", "level": "C2"}], "city": "Berlin", "country": "DE"},
            "consent": {"given": True, "version": "1", "method": "verbal"},
        }
    },
    "POST /api/v1/programmes/{programme_id}/imports/": lambda w: {"multipart": _import_form()},
    "POST /api/v1/organisations/{organisation_id}/programmes/": lambda w: {
        "data": {"kind": "mentoring", "name": "Jobs Leipzig", "languages": ["de", "en"]}
    },
    "POST /api/v1/programmes/{programme_id}/duplicate/": lambda w: {"data": {"name": "Jobs Berlin 2027"}},
    "POST /api/v1/programmes/{programme_id}/coordinators/": lambda w: {
        "data": {"email": "new.coordinator@example.org", "display_name": "Nora"}
    },
    "POST /api/v1/programmes/{programme_id}/invitations/": lambda w: {
        "data": {"role": "mentor", "emails": ["mira.mentor@example.org, employer@example.org"]}
    },
    "POST /api/v1/outcomes/by-token/{token}/answer/": lambda w: {"data": {"kind": "work"}},
    "POST /api/v1/me/outcome-questions/{question_id}/answer/": lambda w: {"data": {"kind": "training"}},
    "POST /api/v1/programmes/{programme_id}/matches/{match_id}/outcomes/": lambda w: {
        "data": {"checkpoint": "end", "kind": "work"}
    },
    "POST /api/v1/invitations/by-token/{token}/accept/": lambda w: {
        "data": {
            "account": {"password": "a-long-passphrase-42", "display_name": "Mira"},
            "profile": {"languages": [{"code": "de", "level": "C2"}], "sectors": ["86"], "capacity": 1},
            "consent": {"given": True, "version": "1"},
        }
    },
    "PATCH /api/v1/profiles/{profile_id}/": lambda w: {"data": {"city": "Potsdam"}},
    "POST /api/v1/programmes/{programme_id}/runs/": lambda w: {"data": {}},
    "POST /api/v1/programmes/{programme_id}/matches/": lambda w: {
        "data": {"mentee": str(w.objects["waiting_profile"]), "mentor": str(w.profiles["xavier"].pk)}
    },
    "POST /api/v1/programmes/{programme_id}/matches/bulk-approve/": lambda w: {
        "data": {"ids": [str(w.objects["proposal"])]}
    },
    "POST /api/v1/programmes/{programme_id}/matches/bulk-reject/": lambda w: {
        "data": {"ids": [str(w.objects["proposal2"])], "reason": "Their languages do not fit."}
    },
    "GET /api/v1/programmes/{programme_id}/explain/": lambda w: {
        "query": {"mentee": str(w.objects["waiting_profile"]), "mentor": str(w.profiles["xavier"].pk)}
    },
    "POST /api/v1/matches/swap/": lambda w: {
        "data": {"first": str(w.objects["proposal"]), "second": str(w.objects["proposal2"])}
    },
    "POST /api/v1/matches/{match_id}/reject/": lambda w: {"data": {"reason": "Languages do not fit."}},
    "POST /api/v1/matches/{match_id}/decline/": lambda w: {"data": {"reason": "no_time"}},
    "POST /api/v1/matches/{match_id}/end/": lambda w: {"data": {"reason": "goal_reached"}},
    "POST /api/v1/matches/{match_id}/feedback/": lambda w: {"data": {"rating": 5, "goal_reached": "job"}},
    "POST /api/v1/programmes/{programme_id}/rounds/": lambda w: {"data": {"name": "Winter"}},
    "POST /api/v1/rounds/{round_id}/moves/": lambda w: {
        "data": {"worker": str(w.objects["worker_profile"]), "to_group": 1}
    },
    "POST /api/v1/groups/{group_id}/followup/": lambda w: {"data": {"met": True, "rating": 4}},
    "PATCH /api/v1/conversations/settings/": lambda w: {"data": {"email_after": "hour"}},
    "POST /api/v1/conversations/matches/{match_id}/messages/": lambda w: {"data": {"text": "Shall we meet online?"}},
    "POST /api/v1/conversations/matches/{match_id}/read/": lambda w: {"data": {}},
    "POST /api/v1/conversations/matches/{match_id}/meeting/": lambda w: {
        "data": {
            "options": [(datetime.now(UTC) + timedelta(days=2)).isoformat()],
            "time_zone": "Europe/Berlin",
            "place_kind": "public",
            "place": "The city library's café",
        }
    },
    "POST /api/v1/conversations/matches/{match_id}/meeting/pick/": lambda w: {"data": {"option": 0}},
    "POST /api/v1/conversations/groups/{group_id}/messages/": lambda w: {"data": {"text": "Hello, group!"}},
    "POST /api/v1/conversations/groups/{group_id}/read/": lambda w: {"data": {}},
    "POST /api/v1/me/consents/": lambda w: {
        "data": {"programme": str(w.objects["jobs"]), "purpose": "outcome_reporting", "version": "1"}
    },
    "POST /api/v1/me/consents/withdraw/": lambda w: {
        "data": {"programme": str(w.objects["jobs"]), "purpose": "programme"}
    },
    "PUT /api/v1/me/sensitive-attributes/": lambda w: {"data": {"sensitive_attributes": ["lgbtqi_identity"]}},
    "POST /api/v1/me/erase/": lambda w: {"data": {"confirm": "DELETE"}},
    "POST /api/v1/safety/reports/": lambda w: {
        "data": {"match": str(w.objects["offer"]), "category": "harassment", "text": "He keeps calling me."}
    },
    "POST /api/v1/safety/reports/{report_id}/dismiss/": lambda w: {"data": {"note": "Spoke to both."}},
    "POST /api/v1/safety/reports/{report_id}/end-match/": lambda w: {"data": {"note": "Ended for her safety."}},
    "POST /api/v1/safety/reports/{report_id}/suspend/": lambda w: {"data": {"note": "Repeated harassment."}},
    "POST /api/v1/safety/blocks/": lambda w: {"data": {"match": str(w.objects["offer"])}},
    # allauth: Olena's own credentials; made-up keys and codes, which no one may use
    "POST /_allauth/browser/v1/auth/login": lambda w: {
        "data": {"email": w.user("omentee").email, "password": _password()}
    },
    "POST /_allauth/browser/v1/auth/reauthenticate": lambda w: {"data": {"password": _password()}},
    "POST /_allauth/browser/v1/auth/code/confirm": lambda w: {"data": {"code": "ABC123"}},
    "POST /_allauth/browser/v1/auth/password/request": lambda w: {"data": {"email": "nobody.here@example.org"}},
    "POST /_allauth/browser/v1/auth/password/reset": lambda w: {
        "data": {"key": "made-up-key", "password": "a-new-long-passphrase-7"}
    },
    "POST /_allauth/browser/v1/account/password/change": lambda w: {
        "data": {"current_password": _password(), "new_password": "a-new-long-passphrase-7"}
    },
    "POST /_allauth/browser/v1/auth/email/verify": lambda w: {"data": {"key": "made-up-key"}},
    "POST /_allauth/browser/v1/account/email": lambda w: {"data": {"email": "second.address@example.org"}},
    "PUT /_allauth/browser/v1/account/email": lambda w: {"data": {"email": w.user("omentee").email}},
    "PATCH /_allauth/browser/v1/account/email": lambda w: {"data": {"email": w.user("omentee").email, "primary": True}},
    "DELETE /_allauth/browser/v1/account/email": lambda w: {"data": {"email": w.user("omentee").email}},
    "POST /_allauth/browser/v1/auth/signup": lambda w: {
        "data": {"email": "nadia.newcomer@example.org", "password": "a-long-passphrase-42"}
    },
    "POST /_allauth/browser/v1/auth/2fa/authenticate": lambda w: {"data": {"code": "123456"}},
    "POST /_allauth/browser/v1/auth/2fa/reauthenticate": lambda w: {"data": {"code": "123456"}},
    "POST /_allauth/browser/v1/account/authenticators/totp": lambda w: {"data": {"code": "123456"}},
}
"""The body (``data``) or query string (``query``) each request is sent with, by method and path: valid for the
roles that may call it, so that a 2xx in the table is a real success."""

SHADOWED: dict[str, str] = {
    "/_allauth/browser/v1/auth/signup": "allauth's bare sign-up: closed, people sign up to a programme (403)",
    "/_allauth/browser/v1/auth/phone/verify": "phone numbers are contact details, never a login (404)",
    "/_allauth/browser/v1/auth/phone/verify/resend": "phone numbers are contact details, never a login (404)",
    "/_allauth/browser/v1/account/phone": "phone numbers are contact details, never a login (404)",
}
"""Routes the URL map lists but never reaches, because an earlier route answers their address (see
config/urls.py); the rows of that earlier route call them."""


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    object: str
    expected: dict[str, int] = field(hash=False)

    @property
    def route(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def name(self) -> str:
        return f"{self.method} {self.path} [{self.object}]"

    @property
    def is_example(self) -> bool:
        """The row calls one address of a pattern route rather than naming a route."""
        return self.object == "example"

    @property
    def is_api(self) -> bool:
        """Called as DRF sees a logged-in caller; every other row sends a real session cookie."""
        return self.path.startswith("/api/v1/")


def parse(table: str = TABLE) -> list[Row]:
    lines = [line for line in table.strip().splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split()
    roles = header[3:]
    if roles != list(ROLES):
        raise ValueError(f"The table's columns {roles} differ from the world's roles {list(ROLES)}.")
    rows = []
    for line in lines[1:]:
        cells = line.split()
        if len(cells) != len(header):
            raise ValueError(f"This row has {len(cells)} cells, not {len(header)}: {line}")
        method, path, obj = cells[:3]
        rows.append(Row(method, path, obj, {role: int(code) for role, code in zip(roles, cells[3:], strict=True)}))
    return rows


ROWS = parse()


def sections(table: str = TABLE) -> list[tuple[str, list[Row]]]:
    """The rows under each ``#`` heading, for the rendered copy."""
    result: list[tuple[str, list[Row]]] = []
    by_line = iter(ROWS)
    for line in table.strip().splitlines()[1:]:
        if line.startswith("#"):
            result.append((line.lstrip("# ").strip(), []))
        elif line.strip():
            result[-1][1].append(next(by_line))
    return result


def fill(path: str, world: "SecurityWorld", obj: str, made_up: str | None = None) -> str:
    """The path with its placeholders replaced by the ids of the row's object (a tuple of ids for a path with
    several, e.g. a programme and its match); ``made_up`` replaces the first one."""
    if obj in ("-", "example"):
        return path
    value = world.objects[obj]
    values = [str(part) for part in value] if isinstance(value, tuple) else [str(value)]
    if made_up is not None:
        values[0] = made_up
    pieces = re.split(r"\{[^}]+\}", path)
    return "".join(piece + part for piece, part in zip(pieces, values, strict=False)) + pieces[-1]
