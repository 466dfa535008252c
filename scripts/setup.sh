#!/usr/bin/env bash
# Installs whatever Hark is missing, idempotently: Debian packages, npm dependencies, the build.
# Run by `npm start`, `npm test` and `npm run bench`; a second run does nothing.
#   scripts/setup.sh          what the service needs
#   scripts/setup.sh --test   plus what the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

# bzip2: `hark models pull` unpacks the .tar.bz2 model releases with tar.
packages=(ffmpeg file libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us pocketsphinx bzip2)
if [[ "${1:-}" == "--test" ]]; then
  # The docs' own Python client is run against Hark in the tests.
  python3 -c 'import requests' 2>/dev/null || packages+=(python3 python3-requests)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo=()
  [[ "$(id -u)" -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lockfile.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund >&2
fi

# Build when any TypeScript source is newer than the last build, or sources were added, renamed or
# deleted since (the stamp holds a digest of their names). Into an empty dist: the output of a module
# renamed or deleted would otherwise stay (and `npm test` would run a stale test file).
stamp=dist/.build-stamp
sources=$(find src test bench -name '*.ts' | sort | sha1sum)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$sources" || -n "$(find src test bench tsconfig.json package-lock.json -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
  echo "setup: building" >&2
  rm -rf dist
  npx tsc -p tsconfig.json
  echo "$sources" > "$stamp"
fi
