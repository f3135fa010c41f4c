#!/usr/bin/env bash
# The Debian packages the test suite needs: Chromium for the browser tests, and a real
# Secret Service (gnome-keyring in a private D-Bus session) for the keychain tests.
set -euo pipefail
packages=(chromium gnome-keyring libsecret-tools dbus-daemon dbus-x11)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Debian packages present: ${packages[*]}"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
