# shellcheck shell=bash
# Shared helpers for scripts/demo, scripts/test, scripts/pg-throwaway and .ci/run.
# Source it; it does not change shell options. All messages go to stderr so that
# scripts whose stdout is an interface (pg-throwaway start) stay clean.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

if [[ -t 2 ]]; then
    _c_bold=$'\033[1m' _c_red=$'\033[31m' _c_yellow=$'\033[33m' _c_green=$'\033[32m' _c_off=$'\033[0m'
else
    _c_bold='' _c_red='' _c_yellow='' _c_green='' _c_off=''
fi

# Messages never fail (e.g. on a closed pipe), so that cleanup code still runs.
log() { printf '%s\n' "$*" >&2 || true; }
note() { printf '%s%s%s\n' "$_c_yellow" "$*" "$_c_off" >&2 || true; }
ok() { printf '%s%s%s\n' "$_c_green" "$*" "$_c_off" >&2 || true; }
die() {
    printf '%sERROR: %s%s\n' "$_c_red" "$*" "$_c_off" >&2 || true
    exit 1
}
section() { printf '\n%s==> %s%s\n' "$_c_bold" "$*" "$_c_off" >&2 || true; }

is_true() {
    case "${1:-}" in
        1 | true | TRUE | True | yes | on) return 0 ;;
        *) return 1 ;;
    esac
}

is_ci() { is_true "${CI:-}"; }

# Make `uv` callable: use the one on PATH, else ~/.local/bin/uv, else install it
# there with pip (PyPI is reachable; the astral.sh installer is not).
ensure_uv() {
    if command -v uv >/dev/null 2>&1; then
        return 0
    fi
    local userbin="${HOME}/.local/bin"
    if [[ ! -x "$userbin/uv" ]]; then
        log "uv not found; installing it with: python3 -m pip install --user uv"
        command -v python3 >/dev/null 2>&1 || die "python3 is needed to bootstrap uv"
        if ! python3 -m pip --version >/dev/null 2>&1; then
            python3 -m ensurepip --user >&2 2>/dev/null || true
        fi
        if ! python3 -m pip --version >/dev/null 2>&1; then
            if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
                apt_install python3-pip
            else
                die "pip is missing; install python3-pip (or uv itself) first"
            fi
        fi
        # Debian/Ubuntu system Pythons are "externally managed" (PEP 668): retry
        # with --break-system-packages, which only affects ~/.local here.
        export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
        python3 -m pip install --user --quiet uv >&2 2>/dev/null \
            || python3 -m pip install --user --quiet --break-system-packages uv >&2 \
            || die "could not install uv with pip"
    fi
    [[ -x "$userbin/uv" ]] || die "uv was installed but $userbin/uv does not exist"
    export PATH="$userbin:$PATH"
}

# apt-get install, running `apt-get update` at most once per process.
_APT_UPDATED=0
apt_install() {
    [[ $# -gt 0 ]] || return 0
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install manually: $*"
    local sudo=()
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "not root and no sudo; install manually: $*"
        sudo=(sudo)
    fi
    if [[ $_APT_UPDATED -eq 0 ]]; then
        log "apt-get update"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        _APT_UPDATED=1
    fi
    log "apt-get install $*"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" >&2
}

# Directory holding the PostgreSQL server binaries (initdb, pg_ctl), or fail.
# Prefers $PG_BINDIR, then the highest /usr/lib/postgresql/<version>/bin, then PATH.
find_pg_bindir() {
    if [[ -n "${PG_BINDIR:-}" && -x "${PG_BINDIR}/initdb" ]]; then
        printf '%s\n' "$PG_BINDIR"
        return 0
    fi
    local best
    best="$(
        for f in /usr/lib/postgresql/*/bin/initdb; do
            [[ -x "$f" ]] && printf '%s\n' "$f"
        done | sort -V | tail -n 1
    )"
    if [[ -n "$best" ]]; then
        dirname "$best"
        return 0
    fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

# The browser the end-to-end tests drive: Debian's chromium package.
find_chromium() {
    if [[ -x /usr/bin/chromium ]]; then
        printf '%s\n' /usr/bin/chromium
        return 0
    fi
    return 1
}
