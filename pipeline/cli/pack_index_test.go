package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackIndexKeepsOtherAreas: a pack of one area updates that area's entry
// in the folder's index and keeps the packs already listed there.
func TestPackIndexKeepsOtherAreas(t *testing.T) {
	db, _ := sampleDatabase(t)
	for _, args := range [][]string{{"score", "--draws", "20"}, {"classify"}} {
		if code, stdout, stderr := run(t, append(args, "--db", db)...); code != ExitOK {
			t.Fatalf("%s: exit %d\n%s%s", args[0], code, stdout, stderr)
		}
	}
	out := t.TempDir()
	for _, area := range []string{"birchfield", "hanwell", "hanwell"} {
		if code, stdout, stderr := run(t, "pack", "--db", db, "--area", area, "--out", out); code != ExitOK {
			t.Fatalf("pack --area %s: exit %d\n%s%s", area, code, stdout, stderr)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, href := range []string{`href="birchfield.html"`, `href="hanwell.html"`} {
		if n := strings.Count(string(page), href); n != 1 {
			t.Errorf("the index links %s %d times, want once", href, n)
		}
	}
	// A pack no longer in the folder leaves the index.
	if err := os.Remove(filepath.Join(out, "birchfield.html")); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := run(t, "pack", "--db", db, "--area", "hanwell", "--out", out); code != ExitOK {
		t.Fatalf("pack: exit %d\n%s%s", code, stdout, stderr)
	}
	page, _ = os.ReadFile(filepath.Join(out, "index.html"))
	if strings.Contains(string(page), "birchfield.html") || !strings.Contains(string(page), "hanwell.html") {
		t.Errorf("after birchfield's pack was removed, the index reads:\n%s", page)
	}
}

// TestPackSaysStale: a pack made from results older than the data says so
// in its appendix; made again after the results are, it does not.
func TestPackSaysStale(t *testing.T) {
	db, key := sampleDatabase(t)
	dir := t.TempDir()
	csv := filepath.Join(dir, "birchfield-walk.csv")
	if err := os.WriteFile(csv, []byte("area,period,event date,event,attendees\nbirchfield,2022-23,2022-07-02,Summer walk,30\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	steps := [][]string{{"score", "--draws", "20"}, {"classify"}, {"ingest", "--key", key, csv}, {"pack", "--area", "birchfield", "--out", dir}}
	for _, args := range steps {
		if code, stdout, stderr := run(t, append(args, "--db", db)...); code != ExitOK {
			t.Fatalf("%s: exit %d\n%s%s", args[0], code, stdout, stderr)
		}
	}
	const says = "This pack was made from results older than the data: scores and leadership labels are older than the data: 1 return loaded since; run obs build."
	page, _ := os.ReadFile(filepath.Join(dir, "birchfield.html"))
	if !strings.Contains(string(page), says) {
		t.Errorf("the pack made after a load does not say %q", says)
	}
	for _, args := range append(steps[:2:2], steps[3]) {
		if code, stdout, stderr := run(t, append(args, "--db", db)...); code != ExitOK {
			t.Fatalf("%s: exit %d\n%s%s", args[0], code, stdout, stderr)
		}
	}
	page, _ = os.ReadFile(filepath.Join(dir, "birchfield.html"))
	if strings.Contains(string(page), "older than the data") {
		t.Errorf("the pack made after the results were made again still says they are older than the data")
	}
}
