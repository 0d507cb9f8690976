package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/sample"
)

// TestIngestProgressOnlyOnTerminal: obs ingest with its messages piped
// prints no progress (no line rewritten, no rows read so far), while the
// same load on a terminal shows the rows read so far of the file and
// clears the line after.
func TestIngestProgressOnlyOnTerminal(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "big-events.xlsx")
	if err := sample.LargeEvents(book, ingest.ProgressRows+100, 1); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "key")

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var piped bytes.Buffer
	copied := make(chan struct{})
	go func() { io.Copy(&piped, r); close(copied) }()
	var out bytes.Buffer
	code := Run(context.Background(), []string{"ingest", "--db", filepath.Join(dir, "piped.duckdb"), "--key", key, book}, strings.NewReader(""), &out, w)
	w.Close()
	<-copied
	if code != ExitOK || !strings.Contains(out.String(), "big-events.xlsx") {
		t.Fatalf("obs ingest: exit %d\n%s%s", code, out.String(), piped.String())
	}
	if s := piped.String(); strings.ContainsAny(s, "\r\033") || strings.Contains(s, "rows read") {
		t.Errorf("obs ingest piped printed progress: %q", s)
	}

	var term bytes.Buffer
	env := &Env{Ctx: context.Background(), Stdin: strings.NewReader(""), Stdout: &out, Stderr: &term, DB: filepath.Join(dir, "terminal.duckdb"), Progress: true}
	if _, err := ingestPaths(env, []string{book}, key, 10, ingest.Options{}, ingest.Ask); err != nil {
		t.Fatal(err)
	}
	if s, want := term.String(), "\r\033[Kbig-events.xlsx: 5000 rows read so far…"; !strings.HasPrefix(s, want) || !strings.HasSuffix(s, "\r\033[K") {
		t.Errorf("obs ingest on a terminal printed %q, want %q first and the line cleared at the end", s, want)
	}
}
