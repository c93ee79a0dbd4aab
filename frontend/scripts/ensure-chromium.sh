#!/bin/sh
# The browser tests drive Debian's Chromium (with the Noto fonts for Arabic script). As root on Debian this installs
# them when they are missing; otherwise it says plainly what to run. Usage: ensure-chromium.sh [path-to-chromium]
chromium="${1:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's Chromium and fonts for the browser tests (apt-get install chromium fonts-noto-core)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null || exit 1
  [ -x "$chromium" ] && exit 0
  echo "Chromium was installed, but not at $chromium: run make test with CHROMIUM=/usr/bin/chromium." >&2
  exit 1
fi
echo "The browser tests need Chromium at $chromium. On Debian or Ubuntu, as root, run:" >&2
echo "  apt-get install -y chromium fonts-noto-core" >&2
echo "(or with sudo), or set CHROMIUM=/path/to/chromium to use another Chromium build; then run make test again." >&2
exit 1
