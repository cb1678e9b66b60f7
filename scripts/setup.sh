#!/usr/bin/env bash
# Installs what Cookies ODS needs on Debian (12 or later), from nothing but Node.js 20 and git:
# Debian's Chromium and Firefox ESR with their French language packs, Xvfb and xdotool (the real
# toolbar popup is driven through them), then the locked npm packages. Run as root, or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y chromium chromium-l10n firefox-esr firefox-esr-l10n-fr xvfb xdotool
npm ci
