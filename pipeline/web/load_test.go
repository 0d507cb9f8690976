package web

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// The load test: 50 clients at once on the overview and the area pages,
// over loopback, for a while. 'go test' runs it for 3 s; the benchmark
// (make bench) for 30 s. -load.duration or $OBS_LOAD_DURATION changes both.
var loadDuration = flag.Duration("load.duration", 0, "how long the load test runs (default 3s in tests, 30s in the benchmark; or $OBS_LOAD_DURATION)")

const loadClients = 50

func loadFor(def time.Duration) time.Duration {
	if *loadDuration > 0 {
		return *loadDuration
	}
	if d, err := time.ParseDuration(os.Getenv("OBS_LOAD_DURATION")); err == nil && d > 0 {
		return d
	}
	return def
}

type loadResult struct {
	Requests, Failures int
	Elapsed            time.Duration
	P50, P99, Max      time.Duration
	FirstFailure       string
}

func (r loadResult) String() string {
	return fmt.Sprintf("%d requests in %s by %d clients: %.0f requests/s, p50 %s, p99 %s, max %s, %d failed",
		r.Requests, r.Elapsed.Round(time.Millisecond), loadClients, float64(r.Requests)/r.Elapsed.Seconds(),
		r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Max.Round(10*time.Microsecond), r.Failures)
}

// runLoad has clients fetch paths in turn for d, each with its own cookies
// and connections, as browsers would; any status but 200, any error and
// any short body is a failure. Clients accept gzip, as browsers do, and
// take the bytes as sent: a browser unpacks them on its own computer, not
// the server's (what a gzipped page holds is tested in TestServedGzip).
func runLoad(base string, paths []string, clients int, d time.Duration) loadResult {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	var mu sync.Mutex
	var lat []time.Duration
	var res loadResult
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Transport: tr, Jar: jar, Timeout: 10 * time.Second}
			var mine []time.Duration
			fails, first := 0, ""
			for i := c; ctx.Err() == nil; i++ {
				path := paths[i%len(paths)]
				t0 := time.Now()
				req, _ := http.NewRequest(http.MethodGet, base+path, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				resp, err := client.Do(req)
				var n int64
				if err == nil {
					n, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && (resp.StatusCode != http.StatusOK || n < 1000) {
						err = fmt.Errorf("%s: status %d, %d bytes", path, resp.StatusCode, n)
					}
				}
				if ctx.Err() != nil && err != nil {
					break // cut off by the end of the run, not a failure
				}
				mine = append(mine, time.Since(t0))
				if err != nil {
					fails++
					if first == "" {
						first = err.Error()
					}
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			res.Failures += fails
			if res.FirstFailure == "" {
				res.FirstFailure = first
			}
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Requests = len(lat)
	if len(lat) > 0 {
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		res.P50 = lat[len(lat)/2]
		res.P99 = lat[min(len(lat)-1, len(lat)*99/100)]
		res.Max = lat[len(lat)-1]
	}
	return res
}

// loadPaths are the overview (a few sorts) and every area's page.
func loadPaths(t testing.TB, srv *Server) []string {
	as, err := srv.areas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/", "/?sort=composite", "/?sort=name&dir=desc"}
	for _, a := range as {
		paths = append(paths, "/area/"+a.ID)
	}
	return paths
}

func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped with -short")
	}
	st := sampleStore(t)
	srv, ts, _ := testServer(t, st, Options{})
	res := runLoad(ts.URL, loadPaths(t, srv), loadClients, loadFor(3*time.Second))
	t.Logf("load on %s: %s", ts.URL, res)
	if res.Requests == 0 {
		t.Fatal("no request was answered")
	}
	if res.Failures > 0 {
		t.Errorf("%d of %d requests failed; the first: %s", res.Failures, res.Requests, res.FirstFailure)
	}
}

// BenchmarkServeLoad is the load test at length (30 s); it reports
// requests/s and the p99 latency, whose target is under 100 ms.
func BenchmarkServeLoad(b *testing.B) {
	st := sampleStore(b)
	srv, ts, _ := testServer(b, st, Options{})
	paths := loadPaths(b, srv)
	b.ResetTimer()
	var res loadResult
	for i := 0; i < b.N; i++ {
		res = runLoad(ts.URL, paths, loadClients, loadFor(30*time.Second))
	}
	b.StopTimer()
	b.Logf("load: %s", res)
	if res.Failures > 0 {
		b.Errorf("%d of %d requests failed; the first: %s", res.Failures, res.Requests, res.FirstFailure)
	}
	b.ReportMetric(float64(res.Requests)/res.Elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(res.P99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(res.P50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(res.Failures), "failed")
}

// BenchmarkServePacks is the load test over a large database: 50 clients
// browsing every area's page and pack in every period (150 areas × 10
// periods in the bench script, which builds that database with 'obs sample
// --areas 150 --years 10' and 'obs build' and names it in $OBS_BENCH_DB).
// Targets: p99 under 100 ms, no failures.
func BenchmarkServePacks(b *testing.B) {
	src := os.Getenv("OBS_BENCH_DB")
	if src == "" {
		b.Skip("set OBS_BENCH_DB to a built database (the bench script does: 150 areas × 10 years)")
	}
	data, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "obs.duckdb")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	srv, ts, _ := testServer(b, st, Options{PackFormats: []string{"html", "xlsx"}})
	as, err := srv.areas(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	ps, err := srv.periods(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	var paths []string
	for _, p := range ps {
		for _, a := range as {
			q := fmt.Sprintf("?period=%d", p)
			paths = append(paths, "/area/"+a.ID+q, "/area/"+a.ID+"/pack/view"+q)
		}
	}
	// Each page and pack is made once, when first asked for; what is
	// measured is browsing once they are made.
	t0 := time.Now()
	if n, err := fetchAll(ts.URL, paths, 4); err != nil {
		b.Fatalf("making the pages: %v", err)
	} else {
		b.Logf("%d areas × %d periods: %d pages and packs made in %s", len(as), len(ps), n, time.Since(t0).Round(time.Millisecond))
	}
	stop := profileLoad(b)
	b.ResetTimer()
	var res loadResult
	for b.Loop() {
		res = runLoad(ts.URL, paths, loadClients, loadFor(30*time.Second))
	}
	b.StopTimer()
	stop()
	b.Logf("load: %s", res)
	if res.Failures > 0 {
		b.Errorf("%d of %d requests failed; the first: %s", res.Failures, res.Requests, res.FirstFailure)
	}
	b.ReportMetric(float64(res.Requests)/res.Elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(res.P99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(res.P50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(res.Failures), "failed")
}

// fetchAll fetches every path once, clients at a time, and says how many
// it fetched; the first status other than 200 is an error.
func fetchAll(base string, paths []string, clients int) (int, error) {
	next := make(chan string)
	errs := make(chan error, clients)
	for range clients {
		go func() {
			var first error
			for p := range next {
				resp, err := http.Get(base + p)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s: status %d", p, resp.StatusCode)
					}
				}
				if first == nil {
					first = err
				}
			}
			errs <- first
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	var err error
	for range clients {
		if e := <-errs; err == nil {
			err = e
		}
	}
	return len(paths), err
}

// profileLoad writes a CPU profile of the browsing alone (not of making
// the pages first) to $OBS_LOAD_CPUPROFILE when set; the func it returns
// ends it.
func profileLoad(b *testing.B) func() {
	path := os.Getenv("OBS_LOAD_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
