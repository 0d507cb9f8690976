package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/report/browser"
)

// artifacts is where browser tests leave screenshots and PDFs: $OBS_ARTIFACTS
// when set, else the test's temporary folder.
func artifacts(t *testing.T) string {
	if d := os.Getenv("OBS_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// startBrowser starts Chromium, skipping the test when there is none, except
// in CI (CI=true), where a missing browser fails it.
func startBrowser(t *testing.T) *browser.Browser {
	t.Helper()
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
	t.Cleanup(b.Close)
	return b
}

func TestPackInBrowser(t *testing.T) {
	b := startBrowser(t)
	d, _ := loadFixture(t)
	_, h := packHTML(t, d, "birchfield")
	dir := artifacts(t)
	page := filepath.Join(dir, "pack-birchfield.html")
	if err := os.WriteFile(page, h.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ins, err := b.Inspect(page)
	if err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "pack-birchfield.png")
	pdf := filepath.Join(dir, "pack-birchfield.pdf")
	os.WriteFile(shot, ins.Screenshot, 0o644)
	os.WriteFile(pdf, ins.PDF, 0o644)
	t.Logf("screenshot %s, PDF %s (%d pages)", shot, pdf, ins.Pages)

	if len(ins.Problems) > 0 {
		t.Errorf("console: %s", strings.Join(ins.Problems, "; "))
	}
	if len(ins.Requests) > 0 {
		t.Errorf("the pack asked the network for %s: it must be self-contained", strings.Join(ins.Requests, ", "))
	}
	if want := strings.Count(h.String(), "<svg"); len(ins.Charts) != want || want == 0 {
		t.Errorf("%d charts measured, %d in the page", len(ins.Charts), want)
	}
	for _, c := range ins.Charts {
		if c.Width < 50 || c.Height < 30 {
			t.Errorf("chart %q is %.0f×%.0f px: not visible", c.Label, c.Width, c.Height)
		}
	}
	if ins.Pages < 8 {
		t.Errorf("the PDF has %d pages: each of the 8 sections should start a page", ins.Pages)
	}
	if !bytes.HasPrefix(ins.Screenshot, []byte("\x89PNG")) {
		t.Error("the screenshot is not a PNG")
	}
}
