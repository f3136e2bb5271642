#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: Debian's python3-numpy, used by the
# tests that check Replens' files with an independent Python reader. Idempotent; needs root or
# sudo only when something is missing.
set -euo pipefail
if /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  echo "test dependencies: python3-numpy present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "test dependencies: installing python3-numpy (Debian)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-numpy >/dev/null
/usr/bin/python3 -c 'import numpy; print("numpy", numpy.__version__)'
