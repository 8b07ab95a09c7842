#!/usr/bin/env bash
# Library boundaries, checked on every test run:
#   - libnfc only inside firmware-bridge/;
#   - Boost.Beast only inside the network libraries listed below;
#   - sqlite3.h only inside db/;
#   - each library includes only its own folder, base/, and the folders of the
#     libraries it declares in DEPS (LAYERING, written by CMake at configure
#     time from minegate_library/minegate_executable): a header used is a
#     dependency declared, so kiosk/store including kiosk/sync fails.
# Files outside any library folder (tests/) are checked against the first
# three rules only.
set -euo pipefail
root=${1:?usage: check_includes.sh REPO_ROOT LAYERING}
layering=${2:?usage: check_includes.sh REPO_ROOT LAYERING}
cd "$root"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

beast_folders=(base/net server/net kiosk/ui_server kiosk/server_link tests/support/net)

declare -A allowed=()
library_folders=()
while read -r folder deps; do
  [ -n "$folder" ] || continue
  allowed[$folder]=" $deps base "
  library_folders+=("$folder")
done <"$layering"
# Deepest folder first, so server/admin/internal/x.cpp belongs to server/admin.
mapfile -t library_folders < <(printf '%s\n' "${library_folders[@]}" | awk '{print length, $0}' |
  sort -rn | cut -d' ' -f2-)

# The library folder a path belongs to, or "" when none.
library_of() {
  local path=$1 folder
  for folder in "${library_folders[@]}"; do
    [[ $path == "$folder"/* ]] && { echo "$folder"; return; }
  done
  echo ""
}

in_beast_folder() {
  local folder
  for folder in "${beast_folders[@]}"; do [[ $1 == "$folder"/* ]] && return 0; done
  return 1
}

mapfile -t sources < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp' '*.h' '*.cc' | sort -u)

for file in "${sources[@]}"; do
  [ -f "$file" ] || continue
  lib=$(library_of "$file")
  while IFS= read -r header; do
    case "$header" in
      nfc/*) [[ $file == firmware-bridge/* ]] || fail "$file includes libnfc ($header) outside firmware-bridge/" ;;
      boost/beast*) in_beast_folder "$file" || fail "$file includes Beast ($header) outside a network library (${beast_folders[*]})" ;;
      sqlite3.h) [[ $file == db/* ]] || fail "$file includes sqlite3.h outside db/" ;;
    esac
    [[ -n $lib && $header == */* && -d ${header%%/*} ]] || continue
    hlib=$(library_of "$header")
    if [ -z "$hlib" ]; then
      # Outside every product library: its own folder when a declared dependency lives there
      # (tests/support's libraries, which tools/loadgen links), else its top folder.
      if [[ ${allowed[$lib]} == *" ${header%/*} "* ]]; then hlib=${header%/*}; else hlib=${header%%/*}; fi
    fi
    if [[ ${allowed[$lib]} != *" $hlib "* ]]; then
      fail "$file ($lib) includes $header from $hlib, which $lib does not declare in its DEPS"
    fi
  done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^">]+)[">].*/\1/p' "$file")
done

echo "checked ${#sources[@]} files against ${#library_folders[@]} library folders, $failures boundary violation(s)"
[ "$failures" -eq 0 ]
