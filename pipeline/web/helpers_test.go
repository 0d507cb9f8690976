package web

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

func namedArg(name string, v any) any { return sql.Named(name, v) }

// emptyStore is a new database holding the built-in areas only.
func emptyStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == query.ChildArg { // the console's query process
		os.Exit(query.ChildMain(os.Stdin, os.Stdout, os.Stderr))
	}
	code := m.Run()
	if sample.dir != "" {
		os.RemoveAll(sample.dir)
	}
	os.Exit(code)
}

var sample struct {
	once sync.Once
	dir  string
	err  error
}

// sampleStore is a database holding the bundled sample returns, scored,
// with a leadership label per area. It is built once per test run and
// copied for each test.
func sampleStore(t testing.TB) *store.Store {
	t.Helper()
	sample.once.Do(func() {
		sample.dir, sample.err = os.MkdirTemp("", "obs-web-sample-")
		if sample.err != nil {
			return
		}
		sample.err = buildSample(sample.dir)
	})
	if sample.err != nil {
		t.Fatal(sample.err)
	}
	b, err := os.ReadFile(filepath.Join(sample.dir, "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "obs.duckdb")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func buildSample(dir string) error {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "obs.duckdb"))
	if err != nil {
		return err
	}
	defer st.Close()
	kr, err := privacy.Open(filepath.Join(dir, "key"))
	if err != nil {
		return err
	}
	files, err := ingest.Expand([]string{"../../data/sample"})
	if err != nil {
		return err
	}
	for _, f := range files {
		if _, err := ingest.File(ctx, st, f, ingest.Options{Keyring: kr, User: "test"}); err != nil {
			return err
		}
	}
	if err := steps.Recompute(ctx, st); err != nil {
		return err
	}
	return nil
}

// testServer serves a server on the database st has open, as it is now
// (what st writes later, the server sees once it is published); the client
// keeps cookies.
func testServer(t testing.TB, st *store.Store, opt Options) (*Server, *httptest.Server, *http.Client) {
	t.Helper()
	if err := st.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	if opt.DB == "" {
		opt.DB = st.Path
	}
	if opt.Keyring == nil {
		kr, err := privacy.Open(filepath.Join(t.TempDir(), "key"))
		if err != nil {
			t.Fatal(err)
		}
		opt.Keyring = kr
	}
	if opt.TempDir == "" {
		opt.TempDir = filepath.Join(t.TempDir(), "serve")
	}
	opt.Logf = t.Logf
	srv, err := New(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	jar, _ := cookiejar.New(nil)
	return srv, ts, &http.Client{Jar: jar}
}

// get fetches a page and returns its status and body.
func get(t testing.TB, c *http.Client, url string) (int, string) {
	t.Helper()
	resp, b := fetch(t, c, url)
	return resp.StatusCode, string(b)
}

// fetch fetches url and returns the response and its body, read.
func fetch(t testing.TB, c *http.Client, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrfFrom finds the CSRF token in a page.
func csrfFrom(t testing.TB, page string) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token in the page: %s", clipText(page, 400))
	}
	return m[1]
}

func clipText(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func mustContain(t testing.TB, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s does not contain %q", what, w)
		}
	}
}
