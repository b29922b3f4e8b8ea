# Shared by bin/demo and bin/test (sourced, not run): build .venv from uv.lock.
# uv comes from a small bootstrap venv under var/ so nothing is installed system-wide.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mError: %s\033[0m\n' "$*" >&2; exit 1; }

# Run as root, or through sudo when it is available without a password prompt.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1; fi
}

apt_install() {
  say "Installing Debian package(s): $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "could not install $* (run as root or with sudo: apt-get install $*)"
}

ensure_venv() {
  local python uv
  python=$("$ROOT/bin/find-python") || exit 1
  if command -v uv >/dev/null; then
    uv=$(command -v uv)
  else
    uv="$ROOT/var/bootstrap/bin/uv"
    if [ ! -x "$uv" ]; then
      say "Installing uv into var/bootstrap (with $python)"
      mkdir -p "$ROOT/var"
      "$python" -m venv "$ROOT/var/bootstrap" && "$ROOT/var/bootstrap/bin/pip" install -q "uv>=0.5" \
        || die "could not install uv with pip"
    fi
  fi
  say "Syncing .venv from uv.lock"
  # Choose the interpreter only when .venv is created: an existing 3.12+ .venv is kept as it is.
  local pick=()
  [ -x "$ROOT/.venv/bin/python" ] || pick=(--python "$python")
  (cd "$ROOT" && "$uv" sync --frozen --quiet "${pick[@]}") || die "uv sync --frozen failed"
  PY="$ROOT/.venv/bin/python"
  export PY
}
