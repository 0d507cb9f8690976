package report

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Written is one pack written to disk.
type Written struct {
	Area       Area
	Period     int
	HTML, XLSX string
	PDF        string // "" until printed
}

// WriteFiles writes the pack of each area as DIR/<area>.html and
// DIR/<area>.xlsx, rendering from memory, as many at once as there are
// cores: each worker holds one pack at a time, so memory stays bounded
// whatever the number of areas. progress, when set, is called as each area
// is begun (i counts the areas begun before it). The packs come back in the
// order of ids; the first failure stops the rest.
func (d *Data) WriteFiles(ctx context.Context, ids []string, opt Options, dir string, progress func(i, n int, area string)) ([]Written, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]Written, len(ids))
	errs := make([]error, len(ids))
	var mu sync.Mutex
	next := 0
	take := func() (int, bool) { // the next area to write, telling progress
		mu.Lock()
		defer mu.Unlock()
		if next == len(ids) || ctx.Err() != nil {
			return 0, false
		}
		i := next
		next++
		if progress != nil {
			progress(i, len(ids), ids[i])
		}
		return i, true
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, ok := take(); ok; i, ok = take() {
				if out[i], errs[i] = d.writeFiles(ids[i], opt, dir); errs[i] != nil {
					cancel()
				}
			}
		}()
	}
	wg.Wait()
	var done []Written
	for i := range ids {
		if errs[i] != nil {
			return done, errs[i]
		}
		if out[i].HTML == "" { // not begun: stopped by the context
			return done, context.Cause(ctx)
		}
		done = append(done, out[i])
	}
	return done, nil
}

// writeFiles writes one area's pack as HTML and XLSX.
func (d *Data) writeFiles(id string, opt Options, dir string) (Written, error) {
	p, err := d.Pack(id, opt)
	if err != nil {
		return Written{}, err
	}
	w := Written{Area: *p.Area, Period: p.Period,
		HTML: filepath.Join(dir, id+".html"), XLSX: filepath.Join(dir, id+".xlsx")}
	if err := writeFile(w.HTML, p.WriteHTML); err != nil {
		return Written{}, err
	}
	if err := writeFile(w.XLSX, p.WriteXLSX); err != nil {
		return Written{}, err
	}
	return w, nil
}

// writeFile writes path through fn, replacing it only when fn succeeds.
// The temporary file's name is its own, so two writers of the same path (the
// same area asked for twice) never write into one file.
func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := fn(bw); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
