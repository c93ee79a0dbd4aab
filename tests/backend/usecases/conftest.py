"""Leaving a programme is tested on the peer network and the mentoring programme of the apps' own suites."""

from tests.backend.peers.conftest import as_user, network  # noqa: F401
from tests.backend.privacy.conftest import privacy  # noqa: F401
