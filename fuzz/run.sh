#!/usr/bin/env bash
# Runs one fuzz target with its dictionary, input size and seeds (fuzz/README.md):
#   fuzz/run.sh TARGET [libFuzzer flags...]     e.g. fuzz/run.sh lookup -runs=10000000
# Without a sanitizer (the crate forbids unsafe code), optimized, with debug assertions and
# overflow checks. On a stable toolchain cargo-fuzz needs RUSTC_BOOTSTRAP=1; set here.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET [libFuzzer flags...]}
shift
case $target in
    read_page) dict=page; max_len=4096; seeds=(fuzz/seeds/read_page) ;;
    lookup | search) dict=names; max_len=512; seeds=(fuzz/seeds/$target) ;;
    validate) dict=names; max_len=256; seeds=(fuzz/seeds/validate) ;;
    record) dict=json; max_len=4096; seeds=(fuzz/seeds/record) ;;
    report_lines | report_document) dict=json; max_len=4096; seeds=(fuzz/seeds/$target) ;;
    report_auto) dict=json; max_len=4096; seeds=(fuzz/seeds/report_lines fuzz/seeds/report_document) ;;
    *) echo "unknown target $target; see fuzz/README.md" >&2; exit 2 ;;
esac
mkdir -p "fuzz/corpus/$target"
RUSTC_BOOTSTRAP=1 exec cargo fuzz run "$target" --release --debug-assertions --sanitizer none \
    "fuzz/corpus/$target" "${seeds[@]}" -- -dict="fuzz/dict/$dict.dict" -max_len="$max_len" -print_final_stats=1 "$@"
