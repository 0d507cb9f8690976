// Package browser drives a headless Chromium, when one is installed, to print
// evidence packs and notebooks to PDF (A4, from their print stylesheet) and to
// check pages in tests: console errors, network requests, chart sizes, a
// screenshot. The browser runs with no sandbox, no GPU, no background
// networking and a fresh profile that is removed on Close.
package browser

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"

	"github.com/chromedp/chromedp"
)

// ErrNoChromium means no Chromium was found.
var ErrNoChromium = errors.New("Chromium is not installed, so no PDF was made (the HTML and XLSX were): install it (on Debian or Ubuntu: apt-get install chromium) or set OBS_CHROMIUM to its path")

// Find returns the path of Chromium: $OBS_CHROMIUM, else the first of the
// usual names found on PATH; "" when there is none.
func Find() string {
	if p := os.Getenv("OBS_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser is a running headless Chromium.
type Browser struct {
	ctx     context.Context
	cancel  func()
	profile string
}

// Start starts Chromium, or returns ErrNoChromium.
func Start(ctx context.Context) (*Browser, error) {
	path := Find()
	if path == "" {
		return nil, ErrNoChromium
	}
	profile, err := os.MkdirTemp("", "obs-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1100, 1400),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	b := &Browser{ctx: bctx, profile: profile, cancel: func() { bcancel(); acancel() }}
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		b.Close()
		return nil, fmt.Errorf("starting Chromium (%s): %w", path, err)
	}
	return b, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	b.cancel()
	os.RemoveAll(b.profile)
}

// FileURL is the file: URL of a local file.
func FileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// PDF prints the page in file to PDF on A4 paper, with its backgrounds and
// its own @page rules (margins, running header).
func (b *Browser) PDF(file string) ([]byte, error) {
	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	if err := chromedp.Do(tab, chromedp.Navigate(FileURL(file))); err != nil {
		return nil, fmt.Errorf("opening %s: %w", file, err)
	}
	return printPDF(tab)
}

func printPDF(tab context.Context) ([]byte, error) {
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPrintBackground(),
		chromedp.PDFPreferCSSPageSize(),
	))
	if err != nil {
		return nil, fmt.Errorf("printing to PDF: %w", err)
	}
	return pdf, nil
}

var pageObj = regexp.MustCompile(`/Type\s*/Page[^s]`)

// PDFPages counts the pages of a PDF (its /Type /Page objects).
func PDFPages(pdf []byte) int { return len(pageObj.FindAll(pdf, -1)) }
