#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, from Debian: python3-numpy (the tests
# that check Replens' files with an independent Python reader) and python3-torch (the PyTorch
# interop tests, test/fixtures/interop/; a test tool only, never a dependency of Replens), a C
# compiler and OpenBLAS (the native BLAS add-on, native/blas.c: CI must build it and find a BLAS),
# and slurm-wlm with munge (the live one-node cluster of the Slurm tests, scripts/slurm-local.sh;
# its basic plugins are all it needs, so without the recommended extra plugins).
# Idempotent; needs root or sudo only when something is missing. The tests run /usr/bin/python3.
set -euo pipefail
missing=()
/usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
/usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
/sbin/ldconfig -p 2>/dev/null | grep 'libopenblas\.so\.0' >/dev/null || missing+=(libopenblas0-pthread)
slurm=()
for cmd in sbatch slurmctld slurmd munged; do
  PATH="$PATH:/usr/sbin:/sbin" command -v "$cmd" >/dev/null || slurm=(slurm-wlm munge)
done
if [ ${#missing[@]} -eq 0 ] && [ ${#slurm[@]} -eq 0 ]; then
  echo "test dependencies: python3-numpy, python3-torch, a C compiler, OpenBLAS, slurm-wlm and munge present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "test dependencies: installing ${missing[*]} ${slurm[*]} (Debian; python3-torch is large, this takes a few minutes)"
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ${#slurm[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${slurm[@]}" >/dev/null
fi
/usr/bin/python3 -c 'import numpy, torch; print("test dependencies: numpy", numpy.__version__, "torch", torch.__version__)'
sbatch --version | sed 's/^/test dependencies: /'
# The add-on is built on npm ci; build it now that the compiler and BLAS are there.
node "$(dirname "$0")/build-native.mjs"
