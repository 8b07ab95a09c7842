#!/usr/bin/env bash
# Library boundaries, checked on every test run:
#   - libnfc only inside firmware-bridge/;
#   - Boost.Beast only inside network layers (a net/ folder);
#   - sqlite3.h only inside db/;
#   - each top-level library includes only the folders it may depend on.
set -euo pipefail
root=${1:?usage: check_includes.sh REPO_ROOT}
cd "$root"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

mapfile -t sources < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp' '*.h' '*.cc' | sort -u)

# Which project folders each top-level folder may include from.
declare -A allowed=(
  [proto]="proto"
  [db]="db"
  [firmware-bridge]="firmware-bridge proto"
  [kiosk]="kiosk proto db"
  [server]="server proto db"
)

# Finer rules for some libraries inside a top-level folder: which project
# folders (two levels, e.g. proto/credential) they may include from. The event
# rules are shared by kiosk and server, so they use nothing but the generated
# protos (which are not a project folder).
declare -A sub_allowed=(
  [proto/rules]="proto/rules"
)

for file in "${sources[@]}"; do
  [ -f "$file" ] || continue
  top=${file%%/*}
  while IFS= read -r line; do
    header=$(sed -E 's/^#include[[:space:]]*[<"]([^">]+)[">].*/\1/' <<<"$line")
    case "$header" in
      nfc/*) [[ $file == firmware-bridge/* ]] || fail "$file includes libnfc ($header) outside firmware-bridge/" ;;
      boost/beast*) [[ $file == */net/* ]] || fail "$file includes Beast ($header) outside a net/ folder" ;;
      sqlite3.h) [[ $file == db/* ]] || fail "$file includes sqlite3.h outside db/" ;;
    esac
    sub=$(cut -d/ -f1-2 <<<"$file")
    if [[ -n ${sub_allowed[$sub]:-} && $header == */*/* && -d ${header%%/*} ]]; then
      hdir=$(cut -d/ -f1-2 <<<"$header")
      if [[ " ${sub_allowed[$sub]} " != *" $hdir "* ]]; then
        fail "$file ($sub/) includes $header from $hdir/, which $sub/ does not depend on"
      fi
    fi
    if [[ -n ${allowed[$top]:-} && $header == */* ]]; then
      dep=${header%%/*}
      if [ -d "$dep" ] && [[ " ${allowed[$top]} " != *" $dep "* ]]; then
        fail "$file ($top/) includes $header from $dep/, which $top/ does not depend on"
      fi
    fi
  done < <(grep -E '^[[:space:]]*#[[:space:]]*include' "$file" | sed -E 's/^[[:space:]]*#[[:space:]]*/#/')
done

echo "checked ${#sources[@]} files, $failures boundary violation(s)"
[ "$failures" -eq 0 ]
