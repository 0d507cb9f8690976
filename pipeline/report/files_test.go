package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFilesInParallel: packs written several at once are, file for
// file, the packs written one at a time, in the order asked; an unknown area
// stops the run with its error.
func TestWriteFilesInParallel(t *testing.T) {
	d, _ := loadFixture(t)
	ids := []string{"westfield", "birchfield", "westfield", "birchfield"}
	dir := t.TempDir()
	begun := 0
	ws, err := d.WriteFiles(context.Background(), ids, fixedOpt, dir, func(i, n int, area string) {
		if i != begun || n != len(ids) {
			t.Errorf("progress(%d, %d) after %d begun", i, n, begun)
		}
		begun++
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != len(ids) || begun != len(ids) {
		t.Fatalf("%d written, %d begun, want %d", len(ws), begun, len(ids))
	}
	for i, w := range ws {
		if w.Area.ID != ids[i] || w.HTML != filepath.Join(dir, ids[i]+".html") {
			t.Errorf("written %d is %s at %s, want %s", i, w.Area.ID, w.HTML, ids[i])
		}
		p, err := d.Pack(ids[i], fixedOpt)
		if err != nil {
			t.Fatal(err)
		}
		var h bytes.Buffer
		if err := p.WriteHTML(&h); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(w.HTML)
		if err != nil || !bytes.Equal(got, h.Bytes()) {
			t.Errorf("%s differs from the pack written alone (%v)", w.HTML, err)
		}
		if st, err := os.Stat(w.XLSX); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", w.XLSX, err)
		}
	}

	_, err = d.WriteFiles(context.Background(), []string{"birchfield", "nowhere", "westfield"}, fixedOpt, t.TempDir(), nil)
	if _, want := d.Area("nowhere"); err == nil || want == nil || err.Error() != want.Error() {
		t.Errorf("an unknown area gave %v, want %v", err, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.WriteFiles(ctx, ids, fixedOpt, t.TempDir(), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("a stopped run gave %v, want context.Canceled", err)
	}
}
