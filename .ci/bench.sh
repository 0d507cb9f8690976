#!/usr/bin/env bash
# Whole-command benchmarks, run by 'make bench': obs ingest of a 200,000-row
# events workbook beside DuckDB alone loading the same rows from CSV, the
# floor of merely decompressing the sheet, excelize's parse and R's readxl;
# peak memory on a 1,000,000-row sheet; obs build at 150 areas × 10 years;
# the web server browsing every area's page and pack in every period.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${OBS_BENCH_DIR:-/tmp/obs-bench}
mkdir -p "$dir"
export OBS_KEY="$dir/key"
f200="$dir/events-200k.xlsx"
f1m="$dir/events-1m.xlsx"
[ -f "$f200" ] || ./obs sample --events-rows 200000 --out "$f200"
[ -f "$f1m" ] || ./obs sample --events-rows 1000000 --out "$f1m"

run() { # wall seconds, CPU seconds and peak KB of a command, from /usr/bin/time
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" "$@" >/dev/null 2>&1 || echo "FAILED: $*" >&2
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$dir/time.txt"
}

echo "== 200,000 rows, in one process (go test -bench; s/op, side by side)"
OBS_BENCH_DIR="$dir" go test -tags duckdb_arrow -run '^$' -bench 'Ingest$|DuckDBCSV|Unzip|Reader$|BareParse' -benchtime 3x ./pipeline/ingest/ | tee "$dir/go-bench.txt" | grep Benchmark
secs() { awk -v b="Benchmark$1-" 'index($1, b) == 1 {printf "%.3f", $3 / 1e9}' "$dir/go-bench.txt"; }
ing=$(secs Ingest) csv=$(secs DuckDBCSV) unz=$(secs Unzip) rdr=$(secs Reader) bare=$(secs BareParse)
printf '%-40s %8s %s\n' "" "s" "× DuckDB's CSV load"
for row in "obs ingest (parse, check, load):$ing" "DuckDB alone, CREATE TABLE AS read_csv:$csv" \
  "decompressing the sheet (the floor):$unz" "obs's reader alone:$rdr" "excelize's Rows() alone:$bare"; do
  awk -v name="${row%%:*}" -v s="${row##*:}" -v c="$csv" 'BEGIN{printf "%-40s %8.3f %.2f\n", name, s, s/c}'
done
echo "target: obs ingest at most 2.00 × DuckDB's CSV load"

echo "== whole commands on the 200,000-row file (wall s, CPU s, peak KB)"
rm -f "$dir/b.duckdb" "$dir/b.duckdb.read"
read -r s c kb < <(run ./obs ingest --db "$dir/b.duckdb" "$f200")
echo "obs ingest: $s s wall, $c s CPU, $kb KB"
obs_s=$s
if command -v Rscript >/dev/null && Rscript -e 'library(readxl)' >/dev/null 2>&1; then
  read -r s c kb < <(run Rscript -e "x <- readxl::read_excel('$f200'); cat(nrow(x))")
  echo "readxl read_excel: $s s wall, $c s CPU, $kb KB"
  awk -v a="$obs_s" -v b="$s" 'BEGIN{printf "ratio obs ingest/readxl: %.2f\n", a/b}'
else
  echo "readxl: skipped, Rscript with readxl is not installed (apt-get install r-cran-readxl)"
fi
rm -f "$dir/s.duckdb" "$dir/s.duckdb.read"
./obs sample --events-rows 100 --out "$dir/events-100.xlsx" >/dev/null
read -r s c kb < <(run ./obs ingest --db "$dir/s.duckdb" "$dir/events-100.xlsx")
echo "obs ingest of 100 rows into a new database (the fixed cost): $s s wall, $c s CPU, $kb KB"
./obs sample --events-rows 100 --seed 2 --out "$dir/events-100b.xlsx" >/dev/null
read -r s c kb < <(run ./obs ingest --add --db "$dir/s.duckdb" "$dir/events-100b.xlsx")
echo "obs ingest --add of another 100 rows into that database: $s s wall, $c s CPU, $kb KB"

echo "== peak memory on a 1,000,000-row sheet (target under 300 MB)"
rm -f "$dir/m.duckdb" "$dir/m.duckdb.read"
read -r s c kb < <(run ./obs ingest --db "$dir/m.duckdb" "$f1m")
echo "obs ingest 1M rows: $s s wall, $c s CPU, peak $((kb / 1024)) MB"

echo "== obs build at 150 areas × 10 years"
[ -d "$dir/s150" ] || ./obs sample --areas 150 --years 10 --out "$dir/s150" >/dev/null
rm -rf "$dir/b150.duckdb" "$dir/b150.duckdb.read" "$dir/b150"
read -r s c kb < <(run ./obs build --data "$dir/s150" --db "$dir/b150.duckdb" --out "$dir/b150")
echo "obs build: $s s wall, $c s CPU, peak $((kb / 1024)) MB"

echo "== web: 50 clients browsing every area's page and pack in every period at 150 areas × 10 years, and the overview and area pages of the sample (target p99 under 100 ms, no failures)"
OBS_BENCH_DB="$dir/b150.duckdb" go test -tags duckdb_arrow -run '^$' -bench 'ServePacks|ServeLoad' -benchtime 1x -v ./pipeline/web/ | tee "$dir/web-bench.txt" | grep -E 'Benchmark|load:|made in'
web() { # p99 ms, requests/s and failures of one web benchmark
  awk -v b="Benchmark$1-" 'index($1, b) == 1 {for (i = 3; i < NF; i++) m[$(i+1)] = $i; printf "p99 %s ms, p50 %s ms, %s requests/s, %s failed", m["p99-ms"], m["p50-ms"], m["req/s"], m["failed"]}' "$dir/web-bench.txt"
}
echo "summary, web (machine load $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  150 areas × 10 periods, 50 clients browsing every area's page and pack: $(web ServePacks)"
echo "  the sample's overview and area pages, 50 clients: $(web ServeLoad)"
