package notebook

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/report/browser"
)

func TestNotebookInBrowser(t *testing.T) {
	b, err := browser.Start(context.Background())
	if err == browser.ErrNoChromium {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is required in CI: ", err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	db := testDB(t)
	// A good notebook with one broken cell: the error shows in place and the page still works.
	src := good + "\n```sql name=broken\nSELECT nope FROM scores\n```\n"
	r, page := render(t, db, src, nil)
	if len(r.Errors) != 1 {
		t.Fatalf("errors: %v", r.Errors)
	}
	dir := t.TempDir()
	if d := os.Getenv("OBS_ARTIFACTS"); d != "" {
		dir = d
		os.MkdirAll(dir, 0o755)
	}
	file := filepath.Join(dir, "notebook.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ins, err := b.Inspect(file)
	if err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "notebook.png")
	os.WriteFile(shot, ins.Screenshot, 0o644)
	os.WriteFile(filepath.Join(dir, "notebook.pdf"), ins.PDF, 0o644)
	t.Logf("screenshot %s (%d PDF pages)", shot, ins.Pages)
	if len(ins.Problems) > 0 {
		t.Errorf("console: %s", strings.Join(ins.Problems, "; "))
	}
	if len(ins.Requests) > 0 {
		t.Errorf("network requests: %s", strings.Join(ins.Requests, ", "))
	}
	if want := strings.Count(page, "<svg"); len(ins.Charts) != want || want != 3 {
		t.Errorf("%d charts measured, %d in the page", len(ins.Charts), want)
	}
	for _, c := range ins.Charts {
		if c.Width < 50 || c.Height < 30 {
			t.Errorf("chart %q is %.0f×%.0f px: not visible", c.Label, c.Width, c.Height)
		}
	}
	if ins.Pages < 1 || !bytes.HasPrefix(ins.PDF, []byte("%PDF")) {
		t.Errorf("no PDF: %d pages", ins.Pages)
	}
}
