package browser

import (
	"fmt"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Box is the size of one chart on the page, in CSS pixels.
type Box struct {
	Label  string  `json:"label"`
	Width  float64 `json:"w"`
	Height float64 `json:"h"`
}

// Inspection is what a browser saw of a page: for tests, and for a quick
// check that a generated page works on its own.
type Inspection struct {
	// Problems are console errors and warnings, uncaught exceptions and
	// browser log errors.
	Problems []string
	// Requests are the URLs the page asked for besides itself and data: URLs.
	Requests []string
	// Charts is every <svg> element's rendered size.
	Charts []Box
	// Screenshot is a PNG of the whole page.
	Screenshot []byte
	// PDF is the page printed on A4, and Pages its number of pages.
	PDF   []byte
	Pages int
}

// Inspect opens file, watches the console and the network while it loads,
// measures every chart, takes a screenshot and prints it to PDF.
func (b *Browser) Inspect(file string) (*Inspection, error) {
	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	self := FileURL(file)
	ins := &Inspection{}
	var mu sync.Mutex
	add := func(list *[]string, s string) {
		mu.Lock()
		*list = append(*list, s)
		mu.Unlock()
	}
	if err := chromedp.Listen(tab, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			u := e.Request.URL
			if u != self && !strings.HasPrefix(u, "data:") {
				add(&ins.Requests, u)
			}
		case *runtime.EventConsoleAPICalled:
			if t := string(e.Type); t == "error" || t == "warning" || t == "assert" {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				add(&ins.Problems, "console "+t+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			add(&ins.Problems, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
				add(&ins.Problems, fmt.Sprintf("browser %s: %s %s", e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		}
	}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(tab, log.Enable, cdp.Empty{}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(tab, runtime.Enable, cdp.Empty{}); err != nil {
		return nil, err
	}
	if err := chromedp.Do(tab, chromedp.Navigate(self)); err != nil {
		return nil, fmt.Errorf("opening %s: %w", file, err)
	}
	boxes, err := chromedp.Run(tab, chromedp.Evaluate[[]Box](`Array.from(document.querySelectorAll('svg')).map(s => {
		const r = s.getBoundingClientRect();
		return {label: s.getAttribute('aria-label') || '', w: r.width, h: r.height};
	})`))
	if err != nil {
		return nil, fmt.Errorf("measuring charts: %w", err)
	}
	ins.Charts = boxes
	if ins.Screenshot, err = chromedp.Run(tab, chromedp.FullScreenshot(100)); err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	if ins.PDF, err = printPDF(tab); err != nil {
		return nil, err
	}
	ins.Pages = PDFPages(ins.PDF)
	mu.Lock()
	defer mu.Unlock()
	ins.Problems = append([]string(nil), ins.Problems...)
	ins.Requests = append([]string(nil), ins.Requests...)
	return ins, nil
}
