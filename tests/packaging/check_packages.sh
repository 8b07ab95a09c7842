#!/usr/bin/env bash
# The Debian packages as an administrator gets them: cpack builds minegate-server and
# minegate-kiosk from the binaries already built, then each is unpacked into a temporary root
# (dpkg-deb -x, its control files with dpkg-deb -e) and checked there:
#   - control fields, the Depends line (libraries found by dpkg-shlibdeps, chromium, cage),
#     every file with its mode and owner, the conffiles;
#   - the maintainer scripts: sh -n, shellcheck, then run for real against the temporary root
#     ($DPKG_ROOT) with adduser, getent, systemctl and deb-systemd-helper replaced by recorders:
#     the users are created once (a second configure creates none), the data directories are
#     0700, nothing is started outside a running systemd, remove keeps the data, purge deletes it;
#   - the units: the users they run as are the ones postinst creates, `systemd-analyze verify`
#     says nothing about them, `systemd-analyze security --offline` stays under a threshold;
#   - the packaged programs on the packaged configuration files: minegatectl initialises a
#     data directory and minegate-server serves /healthz on it; minegate-bridge makes its 0660
#     socket; minegate-kiosk writes its page address (0600) and serves its page; the screen's
#     launcher turns that address into a 0600 start page and starts cage and Chromium (recorded)
#     with no token on their command line nor in its output.
# Usage: check_packages.sh BUILD_DIR
set -euo pipefail

build=$(cd "$1" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/minegate-packaging.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
checks=0
fail() {
  echo "ÉCHEC / FAIL: $*" >&2
  failures=$((failures + 1))
}
not() { ! "$@"; }
check() {  # DESCRIPTION COMMAND...: counts, and reports the command when it fails
  local what=$1
  shift
  checks=$((checks + 1))
  if ! "$@"; then fail "$what"; fi
}

for program in minegate-server minegatectl minegate-kiosk minegate-bridge; do
  if [ ! -x "$build/bin/$program" ]; then
    echo "$build/bin/$program absent : compilez-le d'abord / missing: build it first" >&2
    exit 1
  fi
done

# ---------------------------------------------------------------- build and unpack
if ! cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  exit 1
fi
arch=$(dpkg --print-architecture)
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
root="$work/root"
mkdir -p "$root"
deb_of() { echo "$work/out/${1}_${version}_${arch}.deb"; }
for package in minegate-server minegate-kiosk; do
  deb=$(deb_of "$package")
  if [ ! -f "$deb" ]; then
    echo "$deb absent; cpack a écrit / cpack wrote:" >&2
    ls "$work/out" >&2
    exit 1
  fi
  dpkg-deb -x "$deb" "$root"
  dpkg-deb -e "$deb" "$work/control-$package"
done

# ---------------------------------------------------------------- control fields
field() { dpkg-deb -f "$(deb_of "$1")" "$2"; }
depends_on() {  # PACKAGE DEPENDENCY: the Depends line names it (any version)
  field "$1" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx "$2"
}
for package in minegate-server minegate-kiosk; do
  check "$package: Package" test "$(field "$package" Package)" = "$package"
  check "$package: Architecture" test "$(field "$package" Architecture)" = "$arch"
  for dependency in adduser init-system-helpers libc6 libstdc++6 libboost-program-options1.74.0 \
    libprotobuf32 libsodium23 libsqlite3-0 libssl3; do
    check "$package Depends $dependency: $(field "$package" Depends)" depends_on "$package" "$dependency"
  done
done
check "minegate-server Depends libicu72" depends_on minegate-server libicu72
for dependency in libnfc6 chromium cage libpam-systemd; do
  check "minegate-kiosk Depends $dependency" depends_on minegate-kiosk "$dependency"
done
check "minegate-server must not need libnfc6" not depends_on minegate-server libnfc6

# ---------------------------------------------------------------- files, modes, conffiles
# "MODE OWNER PATH" of every regular file, sorted.
files_of() {
  dpkg-deb -c "$(deb_of "$1")" | awk '$1 !~ /^d/ { sub("^\\.", "", $6); print $1, $2, $6 }' | sort
}
cat >"$work/expected-minegate-server" <<'EOF'
-rw-r--r-- root/root /etc/minegate/server.conf
-rw-r--r-- root/root /lib/systemd/system/minegate-server.service
-rw-r--r-- root/root /usr/share/doc/minegate-server/README.md
-rwxr-xr-x root/root /usr/bin/minegate-server
-rwxr-xr-x root/root /usr/bin/minegatectl
EOF
cat >"$work/expected-minegate-kiosk" <<'EOF'
-rw-r--r-- root/root /etc/chromium/policies/managed/minegate-kiosk.json
-rw-r--r-- root/root /etc/minegate/bridge.conf
-rw-r--r-- root/root /etc/minegate/kiosk.conf
-rw-r--r-- root/root /etc/pam.d/minegate-display
-rw-r--r-- root/root /lib/systemd/system/minegate-bridge.service
-rw-r--r-- root/root /lib/systemd/system/minegate-display-restart.path
-rw-r--r-- root/root /lib/systemd/system/minegate-display-restart.service
-rw-r--r-- root/root /lib/systemd/system/minegate-display.service
-rw-r--r-- root/root /lib/systemd/system/minegate-kiosk.service
-rw-r--r-- root/root /usr/share/doc/minegate-kiosk/README.md
-rwxr-xr-x root/root /usr/bin/minegate-bridge
-rwxr-xr-x root/root /usr/bin/minegate-kiosk
-rwxr-xr-x root/root /usr/libexec/minegate/minegate-display
EOF
printf '%s\n' /etc/minegate/server.conf >"$work/conffiles-minegate-server"
printf '%s\n' /etc/minegate/kiosk.conf /etc/minegate/bridge.conf /etc/pam.d/minegate-display \
  /etc/chromium/policies/managed/minegate-kiosk.json >"$work/conffiles-minegate-kiosk"
for package in minegate-server minegate-kiosk; do
  files_of "$package" >"$work/files-$package"
  check "$package: files (expected vs packaged)" diff -u "$work/expected-$package" "$work/files-$package"
  check "$package: conffiles" diff -u <(sort "$work/conffiles-$package") \
    <(sort "$work/control-$package/conffiles")
  for binary in $(awk '$1 ~ /x/ && $3 ~ /^\/usr\/bin\// { print $3 }' "$work/files-$package"); do
    check "$binary stripped" not grep -q debug_info <(readelf -S "$root$binary")
  done
done
check "chromium policy is JSON" node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' \
  "$root/etc/chromium/policies/managed/minegate-kiosk.json"

# ---------------------------------------------------------------- maintainer scripts
for package in minegate-server minegate-kiosk; do
  for script in postinst prerm postrm; do
    file="$work/control-$package/$script"
    check "$package $script present and executable" test -x "$file"
    check "$package $script: sh -n" sh -n "$file"
    check "$package $script: shellcheck" shellcheck -s sh "$file"
  done
done

# Recorders for what the scripts may call on the system. Users and groups live in two files of
# the fake system; every call is appended to calls.log.
fake="$work/fake"
mkdir -p "$fake/bin"
make_fake() {
  printf '#!/bin/sh\nFAKE=%s\n%s\n' "$fake" "$2" >"$fake/bin/$1"
  chmod +x "$fake/bin/$1"
}
make_fake getent '
case "$1" in
  passwd) grep -q "^$2:" "$FAKE/passwd" 2>/dev/null ;;
  group) grep -q "^$2:" "$FAKE/group" 2>/dev/null ;;
  *) exit 2 ;;
esac'
make_fake adduser '
echo "adduser $*" >>"$FAKE/calls.log"
case " $* " in
  *" --system "*)
    for last; do :; done
    echo "$last:" >>"$FAKE/passwd"
    case " $* " in *" --group "*) echo "$last:" >>"$FAKE/group" ;; esac ;;
  *)
    set -- $(for word; do case "$word" in -*) ;; *) echo "$word" ;; esac; done)
    echo "$1:$2" >>"$FAKE/member" ;;
esac'
make_fake addgroup 'echo "addgroup $*" >>"$FAKE/calls.log"; for last; do :; done; echo "$last:" >>"$FAKE/group"'
make_fake id 'grep "^$2:" "$FAKE/member" 2>/dev/null | cut -d: -f2 | tr "\n" " "; echo'
make_fake chown 'echo "chown $*" >>"$FAKE/calls.log"'
make_fake deb-systemd-helper '
echo "deb-systemd-helper $*" >>"$FAKE/calls.log"
case "$1" in
  --quiet) [ "$2" = was-enabled ] && grep -qx "$3" "$FAKE/enabled" 2>/dev/null ;;
  enable) echo "$2" >>"$FAKE/enabled" ;;
esac'
make_fake deb-systemd-invoke 'echo "deb-systemd-invoke $*" >>"$FAKE/calls.log"'
make_fake systemctl 'echo "systemctl $*" >>"$FAKE/calls.log"'
printf 'dialout:\nplugdev:\n' >"$fake/group"

run_script() {  # PACKAGE SCRIPT ARGS...: under $DPKG_ROOT=$work/dpkg-root, the recorders first
  env DPKG_ROOT="$work/dpkg-root" PATH="$fake/bin:$PATH" \
    sh "$work/control-$1/$2" "${@:3}" >"$work/script.out" 2>&1
}
calls() { cat "$fake/calls.log" 2>/dev/null || true; }
user_created() {  # NAME: adduser --system --group --no-create-home ... NAME, exactly once
  [ "$(calls | grep -c -- "^adduser .*--system --group --no-create-home .* $1\$")" = 1 ]
}
mode_of() { stat -c '%a' "$1"; }

# minegate-server: first install, then an upgrade, then remove and purge.
mkdir -p "$work/dpkg-root"
check "server postinst configure" run_script minegate-server postinst configure ""
check "server postinst creates the user minegate" user_created minegate
check "server postinst: /var/lib/minegate 0700" test "$(mode_of "$work/dpkg-root/var/lib/minegate")" = 700
check "server postinst: chown minegate" grep -qx "chown minegate:minegate $work/dpkg-root/var/lib/minegate" "$fake/calls.log"
check "server postinst enables its unit" grep -qx "deb-systemd-helper enable minegate-server.service" "$fake/calls.log"
check "server postinst starts nothing outside a running systemd" \
  not grep -q '^systemctl\|^deb-systemd-invoke' "$fake/calls.log"
check "server postinst says how to initialise" grep -q "minegatectl --data-dir /var/lib/minegate init" "$work/script.out"
: >"$fake/calls.log"
echo keep >"$work/dpkg-root/var/lib/minegate/minegate.db"
check "server postinst upgrade" run_script minegate-server postinst configure "$version"
check "server postinst upgrade creates no user" not grep -q '^adduser\|^addgroup' "$fake/calls.log"
check "server postinst upgrade keeps the data" test -f "$work/dpkg-root/var/lib/minegate/minegate.db"
check "server postrm remove" run_script minegate-server postrm remove
check "server postrm remove keeps the data" test -f "$work/dpkg-root/var/lib/minegate/minegate.db"
check "server postrm purge" run_script minegate-server postrm purge
check "server postrm purge deletes the data" test ! -e "$work/dpkg-root/var/lib/minegate"
check "server postrm purge forgets the unit" grep -qx "deb-systemd-helper purge minegate-server.service" "$fake/calls.log"

# minegate-kiosk.
: >"$fake/calls.log"
check "kiosk postinst configure" run_script minegate-kiosk postinst configure ""
for user in minegate-bridge minegate-kiosk minegate-display; do
  check "kiosk postinst creates the user $user" user_created "$user"
done
check "kiosk postinst: minegate-bridge in dialout" grep -qx "minegate-bridge:dialout" "$fake/member"
check "kiosk postinst: minegate-bridge in plugdev" grep -qx "minegate-bridge:plugdev" "$fake/member"
check "kiosk postinst: /var/lib/minegate-kiosk 0700" test "$(mode_of "$work/dpkg-root/var/lib/minegate-kiosk")" = 700
for unit in minegate-bridge.service minegate-kiosk.service minegate-display.service minegate-display-restart.path; do
  check "kiosk postinst enables $unit" grep -qx "deb-systemd-helper enable $unit" "$fake/calls.log"
done
check "kiosk postinst starts nothing outside a running systemd" \
  not grep -q '^systemctl\|^deb-systemd-invoke' "$fake/calls.log"
: >"$fake/calls.log"
check "kiosk postinst upgrade" run_script minegate-kiosk postinst configure "$version"
check "kiosk postinst upgrade creates no user" not grep -q '^adduser\|^addgroup' "$fake/calls.log"
check "kiosk postrm purge" run_script minegate-kiosk postrm purge
check "kiosk postrm purge deletes the data" test ! -e "$work/dpkg-root/var/lib/minegate-kiosk"

# ---------------------------------------------------------------- units
unit_value() { sed -n "s/^$2=//p" "$root/lib/systemd/system/$1" | tail -n 1; }
check "minegate-server.service runs as minegate" test "$(unit_value minegate-server.service User)" = minegate
check "minegate-kiosk.service runs as minegate-kiosk" test "$(unit_value minegate-kiosk.service User)" = minegate-kiosk
check "minegate-bridge.service runs as minegate-bridge" test "$(unit_value minegate-bridge.service User)" = minegate-bridge
check "minegate-display.service runs as minegate-display" test "$(unit_value minegate-display.service User)" = minegate-display
for unit in minegate-server.service minegate-kiosk.service minegate-bridge.service minegate-display.service; do
  for setting in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes UMask=0077; do
    check "$unit: $setting" grep -qx "$setting" "$root/lib/systemd/system/$unit"
  done
done
check "the display's token comes by LoadCredential" \
  grep -qx "LoadCredential=page-url:/var/lib/minegate-kiosk/page-url" "$root/lib/systemd/system/minegate-display.service"
check "the kiosk's page address is the one the display loads" \
  test "$(unit_value minegate-display-restart.path PathChanged)" = /var/lib/minegate-kiosk/page-url

# systemd-analyze resolves the units' dependencies (sysinit.target, network-online.target,
# getty@.service...) and their ExecStart= programs under --root: the root is the packages over
# this machine's own systemd units and systemctl, as on a kiosk.
cp -rn /lib/systemd/system/. "$root/lib/systemd/system/"
mkdir -p "$root/bin"
cp "$(command -v systemctl)" "$root/bin/systemctl"
units=(minegate-server.service minegate-kiosk.service minegate-bridge.service minegate-display.service
  minegate-display-restart.service minegate-display-restart.path)
(cd "$root" && systemd-analyze verify --root="$root" "${units[@]/#/lib/systemd/system/}") \
  >"$work/verify.out" 2>&1 || true
checks=$((checks + 1))
if [ -s "$work/verify.out" ]; then
  fail "systemd-analyze verify:"
  cat "$work/verify.out" >&2
fi
security() {  # UNIT THRESHOLD
  (cd "$root" && systemd-analyze security --offline=true --root="$root" --threshold="$2" \
    "lib/systemd/system/$1") >"$work/security.out" 2>&1 || { tail -n 1 "$work/security.out" >&2; return 1; }
}
# The daemons' exposure (0 best, 10 worst) is low; a browser's cannot be (JIT, its own sandbox).
check "minegate-server.service exposure <= 2.0" security minegate-server.service 20
check "minegate-kiosk.service exposure <= 2.0" security minegate-kiosk.service 20
check "minegate-bridge.service exposure <= 2.0" security minegate-bridge.service 20
check "minegate-display-restart.service exposure <= 2.0" security minegate-display-restart.service 20
check "minegate-display.service exposure <= 7.0" security minegate-display.service 70

# ---------------------------------------------------------------- the programs on their files
wait_for() {  # SECONDS COMMAND...: polls every 0.1 s
  local tries=$(($1 * 10))
  shift
  while [ "$tries" -gt 0 ]; do
    if "$@"; then return 0; fi
    sleep 0.1
    tries=$((tries - 1))
  done
  return 1
}
conf="$root/etc/minegate"

# minegatectl init, then minegate-server on server.conf (the unit's --data-dir; loopback here).
data="$work/server-data"
check "packaged minegatectl init" bash -c "printf 'correct-horse-battery-9\n' | \
  '$root/usr/bin/minegatectl' --data-dir '$data' init --admin admin --password-file - >'$work/init.out' 2>&1"
"$root/usr/bin/minegate-server" --config "$conf/server.conf" --data-dir "$data" \
  --listen 127.0.0.1 --port 0 >"$work/server.out" 2>&1 &
pids+=($!)
listening() { grep -q ' listening address=127.0.0.1:' "$work/server.out"; }
check "packaged minegate-server starts on server.conf" wait_for 20 listening
port=$(sed -n 's/.* listening address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.out" | head -n 1)
if [ -n "$port" ]; then
  check "packaged minegate-server answers /healthz" \
    curl -sf --max-time 5 --insecure -o /dev/null "https://127.0.0.1:$port/healthz"
fi

# minegate-bridge on bridge.conf: its socket, 0660 (a reader that is not there is survived).
"$root/usr/bin/minegate-bridge" run --config "$conf/bridge.conf" --socket "$work/bridge.sock" \
  --device "pn532_uart:$work/no-reader" >"$work/bridge.out" 2>&1 &
pids+=($!)
check "packaged minegate-bridge makes its socket on bridge.conf" wait_for 10 test -S "$work/bridge.sock"
if [ -S "$work/bridge.sock" ]; then
  check "bridge socket 0660" test "$(mode_of "$work/bridge.sock")" = 660
fi

# minegate-kiosk on kiosk.conf: the page address with its token, 0600, and the page.
kiosk_data="$work/kiosk-data"
mkdir -m 0700 "$kiosk_data"
"$root/usr/bin/minegate-kiosk" run --config "$conf/kiosk.conf" --data-dir "$kiosk_data" \
  --bridge-socket "$work/bridge.sock" --ui-port 0 >"$work/kiosk.out" 2>&1 &
pids+=($!)
check "packaged minegate-kiosk writes page-url on kiosk.conf" wait_for 20 test -s "$kiosk_data/page-url"
if [ -s "$kiosk_data/page-url" ]; then
  check "page-url 0600" test "$(mode_of "$kiosk_data/page-url")" = 600
  url=$(head -n 1 "$kiosk_data/page-url")
  token=${url##*#token=}
  check "page-url has a token" test ${#token} -ge 32
  check "the kiosk serves its page" curl -sf --max-time 5 -o /dev/null "${url%%#*}"

  # The screen's launcher as minegate-display.service starts it: the credential, the runtime
  # directory; cage and chromium are recorders here.
  mkdir -p "$work/display/credentials" "$work/display/runtime" "$work/display/bin"
  cp "$kiosk_data/page-url" "$work/display/credentials/page-url"
  printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s"\n' "$work/display/cage-argv" >"$work/display/bin/cage"
  chmod +x "$work/display/bin/cage"
  launch() {
    env CREDENTIALS_DIRECTORY="$work/display/credentials" RUNTIME_DIRECTORY="$work/display/runtime" \
      PATH="$work/display/bin:$PATH" "$root/usr/libexec/minegate/minegate-display" >"$work/display.out" 2>&1
  }
  check "the display launcher starts cage" launch
  start_page="$work/display/runtime/start.html"
  check "cage runs chromium in kiosk mode on the start page" bash -c "
    grep -qx -- -d '$work/display/cage-argv' && grep -qx chromium '$work/display/cage-argv' &&
    grep -qx -- --kiosk '$work/display/cage-argv' && grep -qx 'file://$start_page' '$work/display/cage-argv'"
  check "no token on cage's and chromium's command line" not grep -q "$token" "$work/display/cage-argv"
  check "no token in the launcher's output (the journal)" not grep -q "$token" "$work/display.out"
  check "start page 0600" test "$(mode_of "$start_page")" = 600
  check "start page goes to the kiosk's address" grep -qF "location.replace(\"$url\")" "$start_page"
  # An address that is not the kiosk's own loopback page is refused, and not echoed.
  echo "http://203.0.113.7:8080/#token=$token" >"$work/display/credentials/page-url"
  rm -f "$work/display/cage-argv"
  check "the launcher refuses a page not on loopback" not launch
  check "refused: cage not started" test ! -e "$work/display/cage-argv"
  check "refused: the token is not echoed" not grep -q "$token" "$work/display.out"
fi

echo
echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
