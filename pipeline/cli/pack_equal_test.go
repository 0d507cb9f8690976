package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/web"
)

// TestPackSameFromEitherDoor: from the same database and settings, the pack
// 'obs pack' writes and the pack 'obs serve' serves are the same bytes, in
// HTML and in XLSX.
func TestPackSameFromEitherDoor(t *testing.T) {
	db, key := sampleDatabase(t)
	for _, c := range []string{"score", "classify"} {
		if code, stdout, stderr := run(t, c, "--db", db); code != ExitOK {
			t.Fatalf("%s: exit %d\n%s%s", c, code, stdout, stderr)
		}
	}
	out := t.TempDir()
	if code, stdout, stderr := run(t, "pack", "--db", db, "--area", "birchfield", "--out", out); code != ExitOK {
		t.Fatalf("pack: exit %d\n%s%s", code, stdout, stderr)
	}

	ctx := context.Background()
	kr, err := privacy.Open(key)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(ctx, web.Options{DB: db, Keyring: kr, TempDir: t.TempDir(), Logf: t.Logf,
		PackFormats: []string{"html", "xlsx"}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}

	for _, format := range []string{"html", "xlsx"} {
		want, err := os.ReadFile(filepath.Join(out, "birchfield."+format))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Get(ts.URL + "/area/birchfield/pack/" + format)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s pack from the server: %s\n%s", format, resp.Status, got)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("the %s pack served differs from the one obs pack wrote (%d and %d bytes)%s", format, len(got), len(want), firstDifference(got, want))
		}
	}
}

// firstDifference shows where two texts first differ.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	clip := func(x []byte) []byte {
		from, to := max(0, i-80), min(len(x), i+80)
		return x[from:to]
	}
	return fmt.Sprintf("; first at byte %d:\nserved:  %q\nwritten: %q", i, clip(a), clip(b))
}
