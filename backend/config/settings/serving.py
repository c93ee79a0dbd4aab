"""Serving under pressure: the load-shedding gate in front of the application (common.shedding, config/wsgi.py).

Per gunicorn worker process: LOAD_SHEDDING_ACTIVE requests work at once, LOAD_SHEDDING_QUEUE more wait for a place
at most LOAD_SHEDDING_MAX_WAIT seconds, and any further one is answered 503 with Retry-After at once; a change
(any method but GET, HEAD and OPTIONS) may wait in a longer queue (LOAD_SHEDDING_CHANGE_QUEUE) for longer
(LOAD_SHEDDING_CHANGE_MAX_WAIT). The worker's threads (config/gunicorn.conf.py) must outnumber ACTIVE + either
queue, so that spare threads are free to answer probes and to shed; the defaults (3 + 6, or 3 + 7 for changes, of
12 threads) fit two cores, where more concurrent requests per process only share the same GIL and make every one of
them slower.
"""

from config.env import env

# On by default under production settings (config/django/production.py); off for `make run` and the browser
# journeys, whose single development server must not turn a page's burst of requests away on a busy laptop.
LOAD_SHEDDING = env.bool("LOAD_SHEDDING", default=False)
LOAD_SHEDDING_ACTIVE = env.int("LOAD_SHEDDING_ACTIVE", default=3)
LOAD_SHEDDING_QUEUE = env.int("LOAD_SHEDDING_QUEUE", default=6)
LOAD_SHEDDING_MAX_WAIT = env.float("LOAD_SHEDDING_MAX_WAIT", default=1.0)
LOAD_SHEDDING_RETRY_AFTER = env.int("LOAD_SHEDDING_RETRY_AFTER", default=2)
# A change (POST, PUT, PATCH, DELETE) may wait where a read is shed: in a longer queue, for longer. 3 active + 7
# waiting of 12 threads leaves two free for probes and for shedding.
LOAD_SHEDDING_CHANGE_QUEUE = env.int("LOAD_SHEDDING_CHANGE_QUEUE", default=7)
LOAD_SHEDDING_CHANGE_MAX_WAIT = env.float("LOAD_SHEDDING_CHANGE_MAX_WAIT", default=10.0)
