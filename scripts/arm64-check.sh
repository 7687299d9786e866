#!/usr/bin/env bash
# arm64-check: runs Hig on linux-arm64 (AdvSimd, 128-bit vectors) under user-mode emulation on an x86-64 Debian or
# Ubuntu machine, and compares the toy example's outputs with the same run on x86-64 on the matching code path.
#   1. installs, only if missing, qemu-user-static, the arm64 C and C++ runtimes (libc6:arm64, libstdc++6:arm64, after
#      dpkg --add-architecture arm64) and libssl3:arm64 (the xunit runner hashes test IDs with SHA-256, which .NET
#      computes with OpenSSL on Linux; without it the test executable aborts with "No usable version of libssl");
#   2. publishes Hig.Tests self-contained for linux-arm64 and runs it under qemu (binfmt need not be registered, which
#      is why the test project is an executable: dotnet test could not start an arm64 test host);
#   3. publishes Hig.Bench self-contained (JIT) for linux-arm64 and runs the toy with one seed and an iteration budget;
#   4. runs the same toy on x86-64 twice: with DOTNET_MaxVectorTBitWidth=128, the code path ARM64 takes (fused
#      multiply-adds, 128-bit Vector<T>; gemm, rotations and tanh do not depend on the width), which must give the same
#      bits; and with DOTNET_EnableAVX=0 (x86-64-v2: 128-bit, no FMA), which must not, since its multiply-adds round
#      twice (a check that the comparison can fail);
#   5. compares each with the arm64 run: every CSV without its `seconds` column, and summary.json without its
#      "timing" and "code_path" objects.
# Usage: scripts/arm64-check.sh [iterations per run, default 200] [seed, default 1]. Everything goes to out/arm64-check/.
# Exit status: 0 when the tests pass, the outputs match the x86-64 run on the same code path and differ from the
# unfused one; 1 when a step fails or the tests fail; 3 when the tests pass but the comparison does not come out so
# (each difference is printed). Takes 10–30 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

iterations="${1:-200}"
seed="${2:-1}"
work="out/arm64-check"
start=$SECONDS
stage() { echo "::: [$((SECONDS - start)) s] $*"; }

# 1. Prerequisites.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
command -v qemu-aarch64-static > /dev/null || missing+=(qemu-user-static)
installed libc6:arm64 || missing+=(libc6:arm64)
installed libstdc++6:arm64 || missing+=(libstdc++6:arm64)
installed libssl3:arm64 || missing+=(libssl3:arm64)
if [ "${#missing[@]}" -gt 0 ]; then
  stage "installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  dpkg --print-foreign-architectures | grep -qx arm64 || $sudo dpkg --add-architecture arm64
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
# W^X off: the runtime writes new code through a second, writable mapping of the executable pages, which user-mode qemu
# does not see, so it goes on running stale translations (reflection stubs then fail at random; dotnet/runtime#94909).
qemu=(env DOTNET_EnableWriteXorExecute=0 qemu-aarch64-static -L /)

rm -rf "$work"
mkdir -p "$work"

# 2. The test suite on arm64.
stage "publishing Hig.Tests for linux-arm64"
dotnet publish Hig.Tests -c Release -r linux-arm64 --self-contained -o "$work/tests" > "$work/publish-tests.log" 2>&1 \
  || { cat "$work/publish-tests.log"; echo "arm64-check: publishing Hig.Tests failed" >&2; exit 1; }
stage "running Hig.Tests under qemu-aarch64 (this is the long part)"
status=0
(cd "$work/tests" && "${qemu[@]}" ./Hig.Tests -noColor) > "$work/tests.log" 2>&1 || status=$?
grep -E "^ *(Hig.Tests +Total:|Failed |\[FAIL\])" "$work/tests.log" || true
if [ "$status" -ne 0 ]; then
  echo "arm64-check: the tests failed on arm64 (exit $status); see $work/tests.log" >&2
  exit 1
fi

# 3. and 4. The toy on arm64 and on x86-64 at 128-bit width. Exit code 3 means a must-hold failed, which a short
# budget always does; the files are written either way.
toy_flags=(toy --iterations "$iterations" --seeds 1 --seed "$seed")
run_toy() {
  local name="$1"; shift
  local code=0
  "$@" "${toy_flags[@]}" --out "$work/toy-$name" > "$work/toy-$name.log" 2>&1 || code=$?
  if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then
    cat "$work/toy-$name.log"
    echo "arm64-check: the $name toy run failed (exit $code)" >&2
    exit 1
  fi
}
stage "publishing Hig.Bench for linux-arm64"
dotnet publish Hig.Bench -c Release -r linux-arm64 --self-contained -o "$work/bench" > "$work/publish-bench.log" 2>&1 \
  || { cat "$work/publish-bench.log"; echo "arm64-check: publishing Hig.Bench failed" >&2; exit 1; }
stage "toy on arm64 under qemu: ${toy_flags[*]}"
run_toy arm64 "${qemu[@]}" "$work/bench/Hig.Bench"
stage "building Hig.Bench for x86-64"
dotnet build Hig.Bench -c Release > "$work/build-x64.log" 2>&1 \
  || { cat "$work/build-x64.log"; echo "arm64-check: building Hig.Bench failed" >&2; exit 1; }
stage "toy on x86-64 with DOTNET_MaxVectorTBitWidth=128: ${toy_flags[*]}"
run_toy x64-fma128 env DOTNET_MaxVectorTBitWidth=128 dotnet Hig.Bench/bin/Release/net10.0/Hig.Bench.dll
stage "toy on x86-64 with DOTNET_EnableAVX=0: ${toy_flags[*]}"
run_toy x64-v2 env DOTNET_EnableAVX=0 dotnet Hig.Bench/bin/Release/net10.0/Hig.Bench.dll

# 5. Comparison.
# Prints "identical", or the first differing row and column and how many rows differ, for two CSVs without column 2.
compare_csv() {
  awk -F, '
    NR == FNR { a[FNR] = $0; na = FNR; next }
    {
      nb = FNR
      if (FNR == 1) { for (i = 1; i <= NF; i++) name[i] = $i }
      if (FNR > na || $0 != a[FNR]) {
        rows++
        if (!first) {
          first = FNR
          split(a[FNR], x, ",")
          for (i = 1; i <= NF; i++) if (x[i] != $i) { col = i; break }
          detail = sprintf("first at row %d (iteration %s), column %s: arm64 %s, x64 %s", FNR - 1, $1, name[col], x[col], $col)
        }
      }
    }
    END {
      lengths = na == nb ? "" : sprintf("%d rows on arm64, %d on x64", na - 1, nb - 1)
      if (rows) { printf "%d of %d rows differ, %s%s\n", rows, nb - 1, detail, lengths == "" ? "" : "; " lengths; exit 1 }
      if (lengths != "") { print "differ: " lengths; exit 1 }
      print "identical"
    }' <(cut -d, -f1,3- "$1") <(cut -d, -f1,3- "$2")
}
strip_machine() { perl -0pe 's/"timing": \{[^{}]*\}/"timing": {}/g; s/"code_path": \{[^{}]*\}/"code_path": {}/g' "$1"; }
# compare_runs NAME: 0 when every output of toy-arm64 equals toy-NAME's, 1 otherwise (the differences are printed).
compare_runs() {
  local other="$work/toy-$1" differ=0 csv relative
  while IFS= read -r csv; do
    relative="${csv#"$work/toy-arm64/"}"
    printf '  %-28s ' "$relative"
    if [ ! -f "$other/$relative" ]; then
      echo "missing on x64"; differ=1
    else
      compare_csv "$csv" "$other/$relative" || differ=1
    fi
  done < <(find "$work/toy-arm64" -name '*.csv' | sort)
  printf '  %-28s ' summary.json
  if diff -u <(strip_machine "$work/toy-arm64/summary.json") <(strip_machine "$other/summary.json") > "$work/summary-$1.diff"; then
    echo "identical apart from timing and code path"
  else
    differ=1
    echo "differs apart from timing and code path ($(grep -c '^[-+][^-+]' "$work/summary-$1.diff") lines; arm64 -, x64 +):"
    grep '^[-+][^-+]' "$work/summary-$1.diff" | head -n 20 | sed 's/^/    /'
  fi
  return "$differ"
}
stage "comparing toy-arm64 with toy-x64-fma128 (the same code path: must be identical)"
same=0
compare_runs x64-fma128 || same=1
stage "comparing toy-arm64 with toy-x64-v2 (no FMA: must differ)"
unfused=0
compare_runs x64-v2 || unfused=1

stage "done"
if [ "$same" -ne 0 ] || [ "$unfused" -eq 0 ]; then
  echo "arm64-check: tests pass on arm64; the toy outputs do not compare as expected (above)"
  exit 3
fi
echo "arm64-check: tests pass on arm64; the toy equals x86-64 on the same code path (fused, 128-bit Vector<T>) bit for bit apart from timing, and differs from the unfused x86-64-v2 path"
