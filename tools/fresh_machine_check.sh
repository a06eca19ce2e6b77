#!/usr/bin/env bash
# The README's two commands on a fresh Debian 12, as a newcomer types them (issue 14).
#
#   sudo bash tools/fresh_machine_check.sh        (CI runs it after the suite, as root)
#
# Builds a bare `debootstrap --variant=minbase bookworm` system with only python3, git,
# ca-certificates and sudo (kept in $WT26DESK_FRESH_CACHE, default
# /var/cache/wt26desk-fresh, and reused while the package list is the same), copies it,
# clones this checkout's HEAD into it (commit first: uncommitted changes are not cloned),
# and as an ordinary user "newcomer" who has sudo runs the README's test command and its
# run command with --smoke. Both must pass. The copy is thrown away afterwards.
#
# This machine's package-index settings are read at run time and passed through, so the
# chroot reaches the same Debian and PyPI mirrors this machine does: apt sources and
# Acquire settings from /etc/apt, `pip config list` (files and local folders it names are
# copied or mounted read-only at the same paths), extra CA certificates, DNS and hosts.
# Nothing about this machine is written into the repository.
#
# Needs root (debootstrap, chroot, mounts), Linux, and about 3 GB in the cache folder.
# Set WT26DESK_FRESH_KEEP=1 to keep the used copy for a look afterwards.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${WT26DESK_FRESH_CACHE:-/var/cache/wt26desk-fresh}
SUITE=bookworm
INCLUDE=python3,git,ca-certificates,sudo
USER_NAME=newcomer
START=$SECONDS

say() { echo "[fresh] $*"; }
stage_time() { say "$1 ($((SECONDS - START)) s so far)"; }

if [ "$(id -u)" != 0 ]; then
    echo "fresh_machine_check.sh builds a chroot: run it as root (sudo bash $0)" >&2
    exit 1
fi
for tool in unshare flock chroot; do
    command -v "$tool" >/dev/null || { echo "needs $tool (util-linux, coreutils)" >&2; exit 1; }
done
if ! command -v debootstrap >/dev/null && [ ! -x /usr/sbin/debootstrap ]; then
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get -qq update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends \
        debootstrap >/dev/null
fi
export PATH="$PATH:/usr/sbin:/sbin"

# --- this machine's Debian mirror (the first source that serves the suite's main) -----
mirror=$(python3 - "$SUITE" <<'EOF'
import glob, re, sys
suite = sys.argv[1]
found = []
for path in ["/etc/apt/sources.list", *sorted(glob.glob("/etc/apt/sources.list.d/*.list"))]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        continue
    for line in lines:
        line = re.sub(r"\[[^]]*\]", "", line.split("#", 1)[0]).split()
        if len(line) >= 4 and line[0] == "deb" and line[2] == suite and "main" in line[3:]:
            found.append(line[1])
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    text = open(path, encoding="utf-8").read()
    for stanza in re.split(r"\n\s*\n", text):
        fields = {}
        for line in stanza.splitlines():
            if line.startswith("#") or ":" not in line:
                continue
            key, value = line.split(":", 1)
            fields[key.strip().lower()] = value.split()
        if ("deb" in fields.get("types", []) and suite in fields.get("suites", [])
                and "main" in fields.get("components", []) and fields.get("uris")
                and fields.get("enabled", ["yes"]) != ["no"]):
            found.append(fields["uris"][0])
print(found[0] if found else "")
EOF
)
if [ -z "$mirror" ]; then
    echo "no apt source for Debian $SUITE main on this machine: cannot build the chroot" >&2
    exit 1
fi

# --- the cached base system (one builder at a time) ---------------------------------------
BASE="$CACHE/base-$SUITE"
KEY="$SUITE minbase $INCLUDE"
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9
if [ ! -f "$BASE/.wt26desk-base" ] || [ "$(cat "$BASE/.wt26desk-base")" != "$KEY" ]; then
    say "building a bare Debian $SUITE (debootstrap --variant=minbase, $INCLUDE); cached after"
    rm -rf "$BASE" "$BASE.partial"
    if ! debootstrap --variant=minbase --include="$INCLUDE" "$SUITE" "$BASE.partial" \
        "$mirror" >"$CACHE/debootstrap.log" 2>&1; then
        tail -n 30 "$CACHE/debootstrap.log" >&2
        echo "debootstrap failed (log: $CACHE/debootstrap.log)" >&2
        exit 1
    fi
    rm -rf "$BASE.partial/var/cache/apt/archives/"*.deb
    echo "$KEY" >"$BASE.partial/.wt26desk-base"
    mv "$BASE.partial" "$BASE"
    stage_time "base system built"
else
    say "using the cached bare Debian $SUITE in $BASE"
fi

RUN=$(mktemp -d "$CACHE/run.XXXXXX")
ROOTFS="$RUN/root"
cleanup() {
    if [ "${WT26DESK_FRESH_KEEP:-}" = 1 ]; then
        say "kept the used system in $ROOTFS"
    else
        rm -rf "$RUN"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cp -a "$BASE" "$ROOTFS"
flock -u 9

# --- pass through this machine's package-index settings --------------------------------
cp /etc/resolv.conf /etc/hosts "$ROOTFS/etc/"
rm -f "$ROOTFS/etc/apt/sources.list"
mkdir -p "$ROOTFS/etc/apt/sources.list.d" "$ROOTFS/etc/apt/apt.conf.d"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && cp "$f" "$ROOTFS$f"
done
# Acquire:: settings (proxies, certificate checks, validity) say how the mirrors are reached.
for f in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
    [ -f "$f" ] && grep -qi '^[[:space:]]*Acquire' "$f" && cp "$f" "$ROOTFS$f"
done
# Keys the copied sources name, where the bare system lacks them.
for key in $(grep -rhoiE '(signed-by[:=][[:space:]]*)[^] ,]+' \
    "$ROOTFS/etc/apt/sources.list.d" "$ROOTFS/etc/apt/sources.list" 2>/dev/null |
    sed -E 's/^[Ss]igned-[Bb]y[:=][[:space:]]*//'); do
    if [ -f "$key" ] && [ ! -e "$ROOTFS$key" ]; then
        mkdir -p "$(dirname "$ROOTFS$key")" && cp "$key" "$ROOTFS$key"
    fi
done
[ -d /etc/apt/trusted.gpg.d ] && cp -a /etc/apt/trusted.gpg.d/. "$ROOTFS/etc/apt/trusted.gpg.d/"
# Extra certificate authorities this machine trusts (a proxy's, an organisation's).
if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
    cp -a /usr/local/share/ca-certificates/. "$ROOTFS/usr/local/share/ca-certificates/"
    chroot "$ROOTFS" update-ca-certificates >/dev/null 2>&1 || true
fi

# pip: `pip config list` (files, environment variables) as one global pip.conf; files it
# names are copied, folders it names are mounted read-only, both at the same paths.
MOUNTS="$RUN/mounts.txt"
: >"$MOUNTS"
python3 - "$ROOTFS" "$MOUNTS" <<'EOF'
import os, re, shutil, subprocess, sys
root, mounts = sys.argv[1], sys.argv[2]
try:
    listed = subprocess.run([sys.executable, "-m", "pip", "config", "list"],
                            capture_output=True, text=True, check=True).stdout
except (OSError, subprocess.CalledProcessError):
    listed = ""
settings = {}
for line in listed.splitlines():
    match = re.match(r"^([^.]*)\.([^=]+)='(.*)'$", line)
    if match:
        settings[match.group(2)] = match.group(3)  # later (user, environment) wins
folders = []
for value in settings.values():
    for token in value.split():
        path = token[len("file://"):] if token.startswith("file://") else token
        path = path.rstrip("/") or "/"
        if not path.startswith("/") or not os.path.exists(path):
            continue
        if os.path.isdir(path):
            # a local index's pages (.../simple/) link to files beside them: take its parent
            is_index = os.path.basename(path) == "simple" and path != "/simple"
            folders.append(os.path.dirname(path) if is_index else path)
        else:
            target = root + path
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(path, target)
with open(mounts, "w") as out:
    out.write("".join(f"{f}\n" for f in sorted(set(folders))))
with open(os.path.join(root, "etc/pip.conf"), "w") as conf:
    conf.write("[global]\n" + "".join(f"{k} = {v}\n" for k, v in sorted(settings.items())))
print(f"[fresh] pip settings passed through: {len(settings)}, local folders: {len(folders)}")
EOF

# --- a newcomer with sudo, and the clone ----------------------------------------------
chroot "$ROOTFS" useradd --create-home --shell /bin/bash "$USER_NAME"
echo "$USER_NAME ALL=(ALL) NOPASSWD:ALL" >"$ROOTFS/etc/sudoers.d/$USER_NAME"
chmod 440 "$ROOTFS/etc/sudoers.d/$USER_NAME"
HOME_DIR="$ROOTFS/home/$USER_NAME"
HEAD=$(git -C "$SRC" rev-parse HEAD)
git clone --quiet --no-hardlinks "$SRC" "$HOME_DIR/wt26desk"
git -C "$HOME_DIR/wt26desk" checkout --quiet "$HEAD"
chroot "$ROOTFS" chown -R "$USER_NAME:$USER_NAME" "/home/$USER_NAME"

# The README's two commands, from its first shell block.
readarray -t COMMANDS < <(awk '/^```sh/{block++; next} /^```/{if (block == 1) exit} block == 1' \
    "$SRC/README.md" | sed -E 's/[[:space:]]*#.*$//' | grep -E '^python3 tools/dev.py (run|test)$')
TEST_COMMAND=""
RUN_COMMAND=""
for c in "${COMMANDS[@]}"; do
    case "$c" in
        *" test") TEST_COMMAND=$c ;;
        *" run") RUN_COMMAND="$c --smoke" ;;
    esac
done
if [ -z "$TEST_COMMAND" ] || [ -z "$RUN_COMMAND" ]; then
    echo "the README's first shell block no longer shows 'python3 tools/dev.py run' and 'test'" >&2
    exit 1
fi
stage_time "a copy of the bare system with $HEAD cloned for $USER_NAME"

# --- run them, in a private mount namespace (every mount ends with it) ----------------
set +e
unshare --mount --propagation private --fork /bin/bash -s "$ROOTFS" "$MOUNTS" "$USER_NAME" \
    "$TEST_COMMAND" "$RUN_COMMAND" <<'EOF'
set -euo pipefail
root=$1 mounts=$2 user=$3 test_command=$4 run_command=$5
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t sysfs sysfs "$root/sys" 2>/dev/null || true
while read -r folder; do
    [ -n "$folder" ] || continue
    mkdir -p "$root$folder"
    mount --bind "$folder" "$root$folder"
    mount -o remount,bind,ro "$root$folder" 2>/dev/null || true
done <"$mounts"
as_newcomer() {
    echo "[fresh] $user\$ $1"
    # a login shell: the PATH and home an ordinary user has; no terminal, as in CI
    timeout 45m chroot "$root" su - "$user" -c "cd ~/wt26desk && $1" </dev/null
}
as_newcomer "$test_command"
as_newcomer "$run_command"
EOF
status=$?
set -e
if [ "$status" = 0 ]; then
    say "passed: the README's commands work on a fresh Debian $SUITE as a user with sudo" \
        "($((SECONDS - START)) s)"
else
    say "FAILED (exit $status) after $((SECONDS - START)) s"
fi
exit "$status"
