package steps

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/report/browser"
)

// packPDF prints one pack with a headless Chromium started for it.
func packPDF(ctx context.Context, pk *report.Pack, w io.Writer) error {
	dir, err := os.MkdirTemp("", "obs-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "pack.html")
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := pk.WriteHTML(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	ws := []report.Written{{HTML: file}}
	if err := printPacks(ctx, ws, nil); err != nil {
		return err
	}
	pdf, err := os.ReadFile(ws[0].PDF)
	if err != nil {
		return err
	}
	_, err = w.Write(pdf)
	return err
}

// printPacks prints every written pack to PDF beside its HTML with one
// headless Chromium, a few tabs at a time (the browser spends most of a
// print waiting), and records each PDF in ws.
func printPacks(ctx context.Context, ws []report.Written, progress Progress) error {
	b, err := browser.Start(ctx)
	if err != nil {
		return err
	}
	defer b.Close()
	const tabs = 2
	var (
		mu    sync.Mutex
		done  int
		first error
		wg    sync.WaitGroup
	)
	next := make(chan int)
	for range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := b.PDF(ws[i].HTML)
				p := strings.TrimSuffix(ws[i].HTML, ".html") + ".pdf"
				if err == nil {
					err = os.WriteFile(p, data, 0o644)
				}
				mu.Lock()
				if err != nil && first == nil {
					first = fmt.Errorf("%s: %w", ws[i].HTML, err)
				}
				if err == nil {
					ws[i].PDF = p
				}
				done++
				if progress != nil {
					progress(done, len(ws), "printing packs to PDF")
				}
				mu.Unlock()
			}
		}()
	}
	for i := range ws {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}
