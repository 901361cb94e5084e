#!/bin/sh
# Make sure libfaketime is installed for the calendar test (the suite run a year ahead); install it when we can.
set -eu
if command -v faketime >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "faketime is missing: installing Debian's faketime package with apt-get" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
  command -v faketime >/dev/null 2>&1 && exit 0
fi
echo "The calendar test needs faketime. Install it with: sudo apt-get install faketime (Debian/Ubuntu)." >&2
exit 1
