#!/usr/bin/env bash
# Whole-command benchmarks: obs ingest against a bare excelize parse (Go
# benchmarks, same process, same file), against readxl and pandas where
# installed, and peak memory on a 1,000,000-row sheet. Run by 'make bench'.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${OBS_BENCH_DIR:-/tmp/obs-bench}
mkdir -p "$dir"
export OBS_KEY="$dir/key"
f200="$dir/events-200k.xlsx"
f1m="$dir/events-1m.xlsx"
[ -f "$f200" ] || ./obs sample --events-rows 200000 --out "$f200"
[ -f "$f1m" ] || ./obs sample --events-rows 1000000 --out "$f1m"

secs() { # seconds of wall time of a command, from /usr/bin/time
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" >/dev/null 2>&1 || true
  cat "$dir/time.txt"
}

echo "== ingest vs bare excelize parse (200,000 rows; go test -bench)"
OBS_BENCH_DIR="$dir" go test -tags duckdb_arrow -run '^$' -bench 'BareParse|Ingest$' -benchtime 3x ./pipeline/ingest/ | tee "$dir/go-bench.txt" | grep Benchmark
bare=$(awk '/BenchmarkBareParse/{print $3}' "$dir/go-bench.txt")
ing=$(awk '/BenchmarkIngest-/{print $3}' "$dir/go-bench.txt")
awk -v a="$ing" -v b="$bare" 'BEGIN{printf "ratio ingest/bare parse: %.2f (target at most 1.30)\n", a/b}'

echo "== whole commands on the 200,000-row file (wall seconds, peak KB)"
rm -f "$dir/b.duckdb"
read -r obs_s obs_kb < <(secs ./obs ingest --db "$dir/b.duckdb" "$f200")
echo "obs ingest: $obs_s s, $obs_kb KB"
if command -v Rscript >/dev/null && Rscript -e 'library(readxl)' >/dev/null 2>&1; then
  read -r r_s r_kb < <(secs Rscript -e "x <- readxl::read_excel('$f200'); cat(nrow(x))")
  echo "readxl read_excel: $r_s s, $r_kb KB"
  awk -v a="$obs_s" -v b="$r_s" 'BEGIN{printf "ratio obs ingest/readxl: %.2f\n", a/b}'
fi
if /usr/bin/python3 -c 'import pandas, openpyxl' >/dev/null 2>&1; then
  read -r p_s p_kb < <(secs /usr/bin/python3 -c "import pandas; print(len(pandas.read_excel('$f200')))")
  echo "pandas read_excel: $p_s s, $p_kb KB"
  awk -v a="$obs_s" -v b="$p_s" 'BEGIN{printf "ratio obs ingest/pandas: %.2f\n", a/b}'
fi

echo "== peak memory on a 1,000,000-row sheet (target under 300 MB)"
rm -f "$dir/m.duckdb"
read -r m_s m_kb < <(secs ./obs ingest --db "$dir/m.duckdb" "$f1m")
echo "obs ingest 1M rows: $m_s s, peak $((m_kb / 1024)) MB"
