package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/cli"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// TestMain lets the test binary run as obs itself, so that tests can start
// real obs processes.
func TestMain(m *testing.M) {
	if os.Getenv("OBS_TEST_AS_OBS") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// obsProcess is obs run as a child process.
func obsProcess(ctx context.Context, stdin string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "OBS_TEST_AS_OBS=1")
	cmd.Stdin = strings.NewReader(stdin)
	return cmd
}

// eventsCSV writes a return of n events of one area in one year.
func eventsCSV(t *testing.T, dir, name, area string, year, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("area,period,event date,event,attendees\n")
	for i := range n {
		fmt.Fprintf(&b, "%s,%d-%02d,%d-05-%02d,%s meeting %d,%d\n", area, year, (year+1)%100, year, i+1, name, i, 10+i)
	}
	p := filepath.Join(dir, name+".csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTeamAtOnce: with obs serve running under load on a database, obs
// ingest, obs query and a web upload run at the same time, twenty times
// over: each finishes within its time, nothing is lost, and the server's
// pages show what the command line loaded without a restart.
func TestTeamAtOnce(t *testing.T) {
	dir := t.TempDir()
	db, key := filepath.Join(dir, "obs.duckdb"), filepath.Join(dir, "key")
	t.Setenv("OBS_KEY", key)
	var out bytes.Buffer
	for _, args := range [][]string{{"ingest", "--db", db, "../../data/sample"}, {"score", "--db", db}, {"classify", "--db", db}} {
		if code := cli.Run(context.Background(), args, strings.NewReader(""), &out, &out); code != cli.ExitOK && code != cli.ExitQuarantined {
			t.Fatalf("obs %s: exit %d\n%s", args[0], code, out.String())
		}
	}
	loadsBefore := countLoads(t, db)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	server := obsProcess(ctx, "", "serve", "--db", db, "--addr", "127.0.0.1:0")
	stdout, _ := server.StdoutPipe()
	server.Stderr = os.Stderr
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); server.Wait() }()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if m == "" {
		t.Fatalf("obs serve said %q", line)
	}
	base := strings.TrimSuffix(m, "/")
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 60 * time.Second}

	// One session before the load starts, so that every request carries the
	// same session cookie (the upload's CSRF token belongs to it).
	if resp, err := client.Get(base + "/"); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
	}
	// The server under load: pages read all the time the commands run.
	var pages, pageErrors atomic.Int64
	var failedMu sync.Mutex
	var failed []string
	stop := make(chan struct{})
	var load sync.WaitGroup
	var stopOnce sync.Once
	stopLoad := func() { stopOnce.Do(func() { close(stop); load.Wait() }) }
	defer stopLoad()
	for w := range 2 {
		load.Add(1)
		go func() {
			defer load.Done()
			paths := []string{"/", "/compare", "/area/hanwell", "/returns", "/areas"}
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get(base + paths[i%len(paths)])
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				pages.Add(1)
				if err != nil || resp.StatusCode != http.StatusOK {
					pageErrors.Add(1)
					failedMu.Lock()
					failed = append(failed, fmt.Sprintf("page %s: %v %v", paths[i%len(paths)], err, resp))
					failedMu.Unlock()
				}
			}
		}()
	}

	const rounds = 20
	deadline := time.Now().Add(8 * time.Minute)
	var slowest time.Duration
	for round := range rounds {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d rounds within 8 minutes", round, rounds)
		}
		cliFile := eventsCSV(t, dir, fmt.Sprintf("cli-%02d", round), "hanwell", 2040+round, 2)
		webFile := eventsCSV(t, dir, fmt.Sprintf("web-%02d", round), "westfield", 2040+round, 3)
		var wg sync.WaitGroup
		took := make([]time.Duration, 3)
		errs := make([]error, 3)
		run := func(i int, f func() error) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				start := time.Now()
				errs[i] = f()
				took[i] = time.Since(start)
			}()
		}
		run(0, func() error {
			c, cancel := context.WithTimeout(ctx, time.Minute)
			defer cancel()
			b, err := obsProcess(c, "", "ingest", "--db", db, cliFile).CombinedOutput()
			if err != nil {
				return fmt.Errorf("obs ingest: %v\n%s", err, b)
			}
			return nil
		})
		run(1, func() error {
			c, cancel := context.WithTimeout(ctx, time.Minute)
			defer cancel()
			b, err := obsProcess(c, "SELECT count(*) AS n FROM events", "query", "--db", db, "--format", "csv", "-").CombinedOutput()
			if err != nil || !strings.HasPrefix(string(b), "n\n") {
				return fmt.Errorf("obs query: %v\n%s", err, b)
			}
			return nil
		})
		run(2, func() error { return upload(client, base, webFile) })
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			slowest = max(slowest, took[i])
		}
	}
	stopLoad()

	// Nothing lost: every file is a load of its own, with its rows.
	if got, want := countLoads(t, db), loadsBefore+2*rounds; got != want {
		t.Errorf("%d loads after the rounds, want %d", got, want)
	}
	// The server shows what the command line loaded, without a restart.
	resp, err := client.Get(base + "/returns")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), fmt.Sprintf("cli-%02d.csv", rounds-1)) {
		t.Errorf("the returns page does not list the last file loaded by obs ingest")
	}
	// The server's own recomputes worked: the last upload's year is scored.
	scored := 0
	for wait := time.Now().Add(2 * time.Minute); scored == 0 && time.Now().Before(wait); time.Sleep(time.Second) {
		scored = countRows(t, db, fmt.Sprintf("SELECT count(*) FROM scores WHERE area_id = 'westfield' AND period = %d", 2040+rounds-1))
	}
	if scored == 0 {
		t.Errorf("the server never scored the last upload's year")
	}
	if pageErrors.Load() > 0 {
		t.Errorf("%d of %d page requests failed while the commands ran; the first: %s", pageErrors.Load(), pages.Load(), failed[0])
	}
	t.Logf("%d rounds; slowest command %s; %d pages served meanwhile", rounds, slowest.Round(time.Millisecond), pages.Load())
}

// upload sends a return through the web's upload form, as a browser would.
func upload(client *http.Client, base, file string) error {
	resp, err := client.Get(base + "/returns")
	if err != nil {
		return err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		return fmt.Errorf("no upload form on the returns page")
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", string(m[1]))
	fw, _ := mw.CreateFormFile("files", filepath.Base(file))
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/returns/upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err = client.Do(req)
	if err != nil {
		return err
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(got, []byte(filepath.Base(file))) {
		return fmt.Errorf("upload of %s: %s\n%.2000s", filepath.Base(file), resp.Status, got)
	}
	return nil
}

func countLoads(t *testing.T, db string) int {
	return countRows(t, db, "SELECT count(*) FROM loads")
}

func countRows(t *testing.T, db, query string) int {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.DB.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
