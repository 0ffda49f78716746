#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the demo console's browser test.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
echo "$(/usr/bin/chromium --version) with $(/usr/bin/chromedriver --version | cut -d' ' -f1-2)"
