package browser

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The inspection sees what a pack must never do: ask the network, or log errors.
func TestInspectSeesProblems(t *testing.T) {
	b, err := Start(context.Background())
	if err == ErrNoChromium {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	page := filepath.Join(t.TempDir(), "bad.html")
	os.WriteFile(page, []byte(`<!doctype html><title>bad</title><img src="http://127.0.0.1:9/x.png">
<svg width="120" height="40"><rect width="120" height="40"/></svg><script>console.error("boom")</script>`), 0o644)
	ins, err := b.Inspect(page)
	if err != nil {
		t.Fatal(err)
	}
	if len(ins.Requests) != 1 || !strings.Contains(ins.Requests[0], "127.0.0.1:9") {
		t.Errorf("requests: %v", ins.Requests)
	}
	if !strings.Contains(strings.Join(ins.Problems, ";"), "boom") {
		t.Errorf("problems: %v", ins.Problems)
	}
	if len(ins.Charts) != 1 || ins.Charts[0].Width != 120 {
		t.Errorf("charts: %+v", ins.Charts)
	}
	if ins.Pages != 1 {
		t.Errorf("pages: %d", ins.Pages)
	}
}
