#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the demo's browser test (playwright-core drives
# /usr/bin/chromium; playwright cannot download its own browsers here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "[chromium] $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi
echo '[chromium] installing Debian chromium'
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
echo "[chromium] $(/usr/bin/chromium --version)"
