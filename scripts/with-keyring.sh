#!/bin/sh
# Runs a command against a real, unlocked Secret Service: gnome-keyring in a private D-Bus session
# with a throwaway HOME, so keychain tests never touch the developer's own keyring.
# Usage: scripts/with-keyring.sh node --test src-main/core/secrets/keyring-store.test.ts
set -eu

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: gnome-keyring or dbus-run-session is missing; install them with scripts/install-debian-packages.sh." >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "with-keyring: running without a Secret Service; keychain tests will skip." >&2
  exec "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bcc-keyring-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/run" "$tmp/.local/share" "$tmp/.config"
chmod 700 "$tmp/run" # the runtime directory must exist with mode 0700 before the bus starts

export HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/.local/share" XDG_CONFIG_HOME="$tmp/.config"
# Tests read this to fail (instead of skip) when the Secret Service they were promised does not answer.
export BASECAMP_COMPANION_TEST_KEYRING=1

# Not exec: the trap must run to remove the throwaway HOME. The daemon exits with the bus.
status=0
dbus-run-session -- sh -c '
  printf %s "throwaway-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' sh "$@" || status=$?
exit "$status"
