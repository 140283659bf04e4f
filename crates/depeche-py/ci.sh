#!/usr/bin/env bash
# CI for the Python package, run by .ci/run after `cargo test` (whose debug binary the parity
# tests compare with): clippy on the binding, the wheel built once (release, abi3), installed
# into a fresh venv with the test dependencies, then the Python tests, the Spark job in
# local[2] (pyspark from PyPI, the machine's Java 17) and the Dask variant; finally
# `pip install .` from the checkout into another fresh venv (the build is cached by then).
#
# Needs python3 (≥ 3.9) with venv and pip, and java for Spark. Venvs live in .venv-ci/
# (git-ignored) and are reused when present. DEPECHE_BIN overrides the CLI binary compared
# with (default target/debug/depeche, built here if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
venv="$root/.venv-ci"
py="${PYTHON:-python3}"

cargo clippy -p depeche-py -- -D warnings

bin="${DEPECHE_BIN:-$root/target/debug/depeche}"
if [ ! -x "$bin" ]; then
  cargo build --bin depeche
fi

# 1. The wheel, built once.
if [ ! -x "$venv/build/bin/maturin" ]; then
  "$py" -m venv "$venv/build"
  "$venv/build/bin/pip" install -q --upgrade pip "maturin>=1.5,<2"
fi
rm -rf "$root/target/wheels"
"$venv/build/bin/maturin" build --release --quiet -o "$root/target/wheels"
wheel="$(ls "$root"/target/wheels/depeche-*-abi3-*.whl)"
echo "built $(basename "$wheel") ($(du -h "$wheel" | cut -f1))"

# 2. A fresh venv: the wheel and the test dependencies (pyspark is ~300 MB; pip's cache keeps it).
rm -rf "$venv/test"
"$py" -m venv "$venv/test"
"$venv/test/bin/pip" install -q --upgrade pip
"$venv/test/bin/pip" install -q "$wheel" pyarrow pytest pyspark "pandas>=2.2,<3" "dask[bag]"

# 3. The tests, from outside the source tree so that the installed package is the one imported.
if ! command -v java >/dev/null 2>&1; then
  echo "error: java is needed for the Spark test (Java 17)" >&2
  exit 1
fi
(cd "$root/crates/depeche-py/tests" && DEPECHE_BIN="$bin" DEPECHE_REQUIRE_SPARK=1 \
  PYSPARK_PYTHON="$venv/test/bin/python" "$venv/test/bin/python" -m pytest -q -p no:cacheprovider .)

# 4. `pip install .` from the checkout into a fresh venv (maturin from PyPI builds it; cargo's
# cache makes it quick after step 1).
rm -rf "$venv/source"
"$py" -m venv "$venv/source"
"$venv/source/bin/pip" install -q "$root"
(cd / && "$venv/source/bin/python" -c 'import depeche; d = depeche.Pipeline().extract("Titre\nLa police a arrêté trois manifestants mardi à Lyon.", published="2016-03-01"); assert d["engine"]["version"] == depeche.__version__; print("pip install . works: depeche", depeche.__version__, len(d["mentions"]), "mentions")')
