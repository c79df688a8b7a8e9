#!/bin/sh
# Makes sure Debian's Chromium is at /usr/bin/chromium for the Playwright browser tests.
# As root it installs the `chromium` package with apt; otherwise it says what to run.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing ($CHROMIUM). The browser tests need it; install it as root:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi

echo "Installing Chromium with apt (once; this takes a minute)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  echo "apt installed chromium but $CHROMIUM is still missing" >&2
  exit 1
fi
echo "Chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
