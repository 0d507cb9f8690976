package sample

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteDefaultSample rewrites data/sample, the bundled default set, when
// OBS_WRITE_SAMPLE=1:
//
//	OBS_WRITE_SAMPLE=1 go test -tags duckdb_arrow -run TestWriteDefaultSample ./pipeline/sample/
func TestWriteDefaultSample(t *testing.T) {
	if os.Getenv("OBS_WRITE_SAMPLE") != "1" {
		t.Skip("set OBS_WRITE_SAMPLE=1 to rewrite data/sample")
	}
	dir := filepath.Join("..", "..", "data", "sample")
	for _, pat := range []string{"*.xlsx", "*.csv"} { // files of an earlier sample, nothing else
		old, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	sum, err := Write(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files in %s; %d planted faults", len(sum.Files), dir, len(sum.Faults))
}
