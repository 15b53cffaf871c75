#!/bin/sh
# Build a wheelhouse: the kiosk and every dependency as wheels in one folder, so a
# gallery PC with no internet can install it with pip --no-index.
#
# Run on a connected machine with the same CPU architecture and Python minor version
# as the gallery PC (Debian 12: Python 3.11):
#     deploy/build-wheelhouse.sh [OUTPUT_DIR]            (default: ./wheelhouse)
# For another kind of machine, name its CPU, its glibc version (`ldd --version`; Debian 12
# has 2.36) and its Python version, e.g. for a Raspberry Pi 5 running Debian 12:
#     TARGET_ARCH=aarch64 TARGET_GLIBC=2.36 TARGET_PYTHON=3.11 deploy/build-wheelhouse.sh
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-wheelhouse}
python=${PYTHON:-python3}

mkdir -p "$out"
out=$(cd "$out" && pwd)

# A throwaway venv gives a working pip whatever the host's Python packaging policy.
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
"$python" -m venv "$tool/venv"
pip="$tool/venv/bin/python -m pip --disable-pip-version-check"

# The kiosk itself, as a wheel: from the last commit when this is a git checkout, so
# nothing half-edited ships and the source tree is left untouched by the build.
src=$repo
if git -C "$repo" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    src="$tool/src"
    mkdir "$src"
    git -C "$repo" archive HEAD | tar -x -C "$src"
    echo "Building exhibit-kiosk from commit $(git -C "$repo" rev-parse --short HEAD)"
fi
$pip wheel --no-deps --wheel-dir "$out" "$src"
wheel=$(ls -t "$out"/exhibit_kiosk-*.whl | head -n 1)

# Its dependencies, as published binary wheels (no compiler needed on either machine).
if [ -n "${TARGET_ARCH:-}" ]; then
    # pip matches --platform exactly, so list every manylinux level the target's glibc runs.
    glibc_minor=${TARGET_GLIBC:-2.36}
    glibc_minor=${glibc_minor#2.}
    platforms="--platform manylinux2014_$TARGET_ARCH"
    level=17
    while [ "$level" -le "$glibc_minor" ]; do
        platforms="$platforms --platform manylinux_2_${level}_$TARGET_ARCH"
        level=$((level + 1))
    done
    # shellcheck disable=SC2086  # one word per option, on purpose
    $pip download --dest "$out" --only-binary=:all: $platforms \
        --python-version "${TARGET_PYTHON:-3.11}" "$wheel"
else
    $pip download --dest "$out" --only-binary=:all: "$wheel"
fi

echo
echo "Wheelhouse ready in $out:"
ls -1 "$out"
echo
echo "Copy it to the gallery PC and install with:"
echo "    sudo python3 -m venv /opt/exhibit-kiosk"
echo "    sudo /opt/exhibit-kiosk/bin/pip install --no-index --find-links wheelhouse exhibit-kiosk"
