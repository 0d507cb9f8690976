package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// TestBuildPackNotebook runs the main job on the bundled sample, then the
// pack and notebook commands on its database, good input and bad.
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
	for _, want := range []string{"obs build: done.", "SYNTHETIC DATA", "areas:       15, periods 2019-20, 2020-21, 2021-22",
		"packs:       15 areas", "notebooks:   3 notebooks", "index.html", "quarantined"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("build summary lacks %q:\n%s", want, stdout)
		}
	}
	if stderr != "" {
		t.Errorf("build wrote to stderr when piped: %q", stderr)
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

	// A second build loads nothing new and gives the same packs.
	code, stdout, _ = run(t, "build", "--db", db, "--key", key, "--data", "../../data/sample", "--out", out, "--notebooks", "../../notebooks")
	if code != ExitOK || !strings.Contains(stdout, "23 already in the database") {
		t.Errorf("second build: exit %d\n%s", code, stdout)
	}

	// obs pack: one area, a misspelt one, an unknown period.
	code, stdout, stderr = run(t, "pack", "--db", db, "--area", "hanwell", "--out", filepath.Join(dir, "one"))
	if code != ExitOK || !strings.Contains(stdout, "1 evidence pack written") {
		t.Errorf("pack --area hanwell: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = run(t, "pack", "--db", db, "--area", "hanwel", "--out", filepath.Join(dir, "x"))
	if code != ExitUsage || !strings.Contains(stderr, `there is no area "hanwel". Did you mean "hanwell"? The areas are: barrowcliff, birchfield,`) {
		t.Errorf("pack --area hanwel: exit %d\n%s", code, stderr)
	}
	code, _, stderr = run(t, "pack", "--db", db, "--period", "2015-16", "--area", "hanwell", "--out", filepath.Join(dir, "x"))
	if code != ExitFailed || !strings.Contains(stderr, "Hanwell has no scores for 2015-16: its periods are 2019-20, 2020-21, 2021-22") {
		t.Errorf("pack --period 2015-16: exit %d\n%s", code, stderr)
	}
	// --pdf without Chromium: the HTML and XLSX are written, and the message says how to get PDFs.
	t.Setenv("OBS_CHROMIUM", filepath.Join(dir, "no-such-chromium"))
	code, stdout, stderr = run(t, "pack", "--db", db, "--area", "hanwell", "--pdf", "--out", filepath.Join(dir, "nopdf"))
	if code != ExitFailed || !strings.Contains(stderr, "Chromium is not installed, so no PDF was made (the HTML and XLSX were): install it") {
		t.Errorf("pack --pdf without Chromium: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "nopdf", "hanwell.xlsx")); err != nil {
		t.Error("no workbook written when the PDF could not be made")
	}
	code, _, stderr = run(t, "pack", "--db", db)
	if code != ExitUsage || !strings.Contains(stderr, "--out DIR") {
		t.Errorf("pack without --out: exit %d\n%s", code, stderr)
	}

	// obs notebook: a parameter given, then a notebook with mistakes.
	code, stdout, stderr = run(t, "notebook", "--db", db, "--out", filepath.Join(dir, "nb"), "--param", "area=hanwell", "../../notebooks/engagement.md")
	if code != ExitOK || !strings.Contains(stdout, "engagement.html") {
		t.Errorf("notebook: exit %d\n%s%s", code, stdout, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "nb", "engagement.html"))
	if !strings.Contains(string(page), "<td>hanwell</td><td>--param</td>") {
		t.Error("the --param value is not shown on the page")
	}
	bad := filepath.Join(dir, "bad.md")
	os.WriteFile(bad, []byte("# Bad\n\n```sql name=a\nSELECT area_id, value FROM scores WHERE period = $period\n```\n\n"+
		"```sql name=b\nSELECT area_id, value FROM scorez\n```\n\n```sql name=c\nSELECT area_id, value FROM scores LIMIT 3\n```\n\n"+
		"```chart\ntype: bar\nx: area\ny: value\nfrom: c\n```\n"), 0o644)
	code, stdout, stderr = run(t, "notebook", "--db", db, "--out", filepath.Join(dir, "nb"), bad)
	if code != ExitFailed {
		t.Errorf("bad notebook: exit %d, want 1", code)
	}
	for _, want := range []string{
		"bad.md: " + filepath.Join(dir, "nb", "bad.html") + ", with 3 problems shown in place:",
		"bad.md:3: a: uses $period, which has no value",
		`bad.md:7: b: the SQL failed: catalog error: Table with name scorez does not exist`,
		`bad.md:17: chart: unknown column "area" for x: the result has columns area_id, value`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("notebook output lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "obs notebook: some cells failed in 1 notebook: the pages show each error in place, with its line") {
		t.Errorf("stderr: %s", stderr)
	}
	code, _, stderr = run(t, "notebook", "--db", db, "--out", filepath.Join(dir, "nb"), filepath.Join(dir, "missing.md"))
	if code != ExitFailed || !strings.Contains(stderr, "missing.md: cannot read the notebook: no such file or directory") {
		t.Errorf("missing notebook: exit %d\n%s", code, stderr)
	}
}

func TestPackEmptyDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "obs.duckdb")
	code, _, stderr := run(t, "pack", "--db", db, "--out", filepath.Join(dir, "out"))
	if code != ExitFailed || !strings.Contains(stderr, "no database yet") {
		t.Errorf("no database: exit %d\n%s", code, stderr)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, _, stderr = run(t, "pack", "--db", db, "--out", filepath.Join(dir, "out"))
	want := "obs pack: there are no scores in the database yet: run 'obs score' and 'obs classify' first (or 'obs build', which does everything)"
	if code != ExitFailed || !strings.Contains(stderr, want) {
		t.Errorf("empty database: exit %d\n%s", code, stderr)
	}
}
