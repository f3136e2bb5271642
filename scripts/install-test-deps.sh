#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, from Debian: python3-numpy (the tests
# that check Replens' files with an independent Python reader) and python3-torch (the PyTorch
# interop tests, test/fixtures/interop/; a test tool only, never a dependency of Replens), a C
# compiler and OpenBLAS (the native BLAS add-on, native/blas.c: CI must build it and find a BLAS).
# Idempotent; needs root or sudo only when something is missing. The tests run /usr/bin/python3.
set -euo pipefail
missing=()
/usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
/usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
/sbin/ldconfig -p 2>/dev/null | grep 'libopenblas\.so\.0' >/dev/null || missing+=(libopenblas0-pthread)
if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: python3-numpy, python3-torch, a C compiler and OpenBLAS present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "test dependencies: installing ${missing[*]} (Debian; python3-torch is large, this takes a few minutes)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
/usr/bin/python3 -c 'import numpy, torch; print("test dependencies: numpy", numpy.__version__, "torch", torch.__version__)'
# The add-on is built on npm ci; build it now that the compiler and BLAS are there.
node "$(dirname "$0")/build-native.mjs"

