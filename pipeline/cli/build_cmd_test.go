package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildPackNotebook checks the files the main job, obs pack and obs
// notebook write from the bundled sample; what they print is in
// testdata/cli/build.
func TestBuildPackNotebook(t *testing.T) {
	if _, err := os.Stat("../../data/sample"); err != nil {
		t.Skip("no bundled sample")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "obs.duckdb")
	key := filepath.Join(dir, "key")
	out := filepath.Join(dir, "out")
	code, stdout, stderr := run(t, "build", "--db", db, "--key", key, "--data", "../../data/sample", "--out", out,
		"--notebooks", "../../notebooks")
	if code != ExitOK {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, f := range []string{"index.html", "ingest.txt", "scores.txt", "classification.txt", "packs/index.html",
		"packs/birchfield.html", "packs/birchfield.xlsx", "packs/whitley-bay.xlsx",
		"notebooks/definitions.html", "notebooks/leadership.html", "notebooks/engagement.html"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("build did not write %s", f)
		}
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, want := range []string{`href="packs/birchfield.html"`, `href="packs/birchfield.xlsx"`, `href="notebooks/definitions.html"`, "Synthetic data — not real figures"} {
		if !strings.Contains(string(index), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}

	// --pdf without Chromium: the HTML and XLSX are written all the same.
	t.Setenv("OBS_CHROMIUM", filepath.Join(dir, "no-such-chromium"))
	if code, _, _ := run(t, "pack", "--db", db, "--area", "hanwell", "--pdf", "--out", filepath.Join(dir, "nopdf")); code != ExitFailed {
		t.Errorf("pack --pdf without Chromium: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "nopdf", "hanwell.xlsx")); err != nil {
		t.Error("no workbook written when the PDF could not be made")
	}

	// obs notebook shows a parameter given with --param on the page.
	code, stdout, stderr = run(t, "notebook", "--db", db, "--out", filepath.Join(dir, "nb"), "--param", "area=hanwell", "../../notebooks/engagement.md")
	if code != ExitOK {
		t.Errorf("notebook: exit %d\n%s%s", code, stdout, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "nb", "engagement.html"))
	if !strings.Contains(string(page), "<td>hanwell</td><td>--param</td>") {
		t.Error("the --param value is not shown on the page")
	}
}
