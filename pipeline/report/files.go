package report

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Written is one pack written to disk.
type Written struct {
	Area       Area
	Period     int
	HTML, XLSX string
	PDF        string // "" until printed
}

// WriteFiles writes the pack of each area as DIR/<area>.html and
// DIR/<area>.xlsx, rendering from memory. progress, when set, is called
// before each area.
func (d *Data) WriteFiles(ctx context.Context, ids []string, opt Options, dir string, progress func(i, n int, area string)) ([]Written, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var out []Written
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if progress != nil {
			progress(i, len(ids), id)
		}
		p, err := d.Pack(id, opt)
		if err != nil {
			return out, err
		}
		w := Written{Area: *p.Area, Period: p.Period,
			HTML: filepath.Join(dir, id+".html"), XLSX: filepath.Join(dir, id+".xlsx")}
		if err := writeFile(w.HTML, p.WriteHTML); err != nil {
			return out, err
		}
		if err := writeFile(w.XLSX, p.WriteXLSX); err != nil {
			return out, err
		}
		out = append(out, w)
	}
	return out, nil
}

// writeFile writes path through fn, replacing it only when fn succeeds.
func writeFile(path string, fn func(io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
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
