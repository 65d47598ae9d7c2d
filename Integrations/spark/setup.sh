#!/usr/bin/env bash
# Installs what the Spark integration needs, when missing (idempotent):
#   - Java 17+ (Debian/Ubuntu: openjdk-17-jre-headless, with apt-get; sudo when not root);
#   - PySpark, from PyPI into Integrations/spark/.venv (pinned in requirements.txt).
# Prints the venv's python on the last line of standard output.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { printf '[spark-setup] %s\n' "$*" >&2; }

java_major() {
    command -v java >/dev/null 2>&1 || { echo 0; return; }
    java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}
if [ "$(java_major)" -lt 17 ] 2>/dev/null || [ -z "$(java_major)" ]; then
    say "installing Java 17 (openjdk-17-jre-headless)"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >&2
fi
[ "$(java_major)" -ge 17 ] || { say "error: Java 17 or newer is needed (java -version: $(java -version 2>&1 | head -1))"; exit 1; }

venv="$here/.venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    say "creating $venv"
    "$python" -m venv "$venv" || {
        say "python3 -m venv failed; installing python3-venv"
        sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >&2
        "$python" -m venv "$venv"
    }
fi
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing PySpark (requirements.txt)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
    echo "$want" > "$stamp"
fi
echo "$venv/bin/python"
