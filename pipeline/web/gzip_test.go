package web

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
	"html/template"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
)

// TestCRC32Combine: the CRC of two parts joined, from the parts' CRCs,
// is the CRC of the joined bytes, for parts of many lengths.
func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {3, 1000}, {70000, 17}, {123, 300000}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(rng.Uint32())
		}
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b)))
		if want := crc32.ChecksumIEEE(append(a, b...)); got != want {
			t.Errorf("%d then %d bytes: %08x, want %08x", n[0], n[1], got, want)
		}
	}
}

// TestKeptPageGzip: a page kept with CSRF slots is sent as one gzip member
// (its CRC and length checked by the reader) holding the head, the content
// with the request's token in each slot, and the foot; unpacked for a
// client without gzip, it is the content as it was kept.
func TestKeptPageGzip(t *testing.T) {
	var body strings.Builder
	for i := 0; i < 2000; i++ {
		body.WriteString("<tr><td>Area ")
		body.WriteString(strings.Repeat("x", i%37))
		body.WriteString("</td></tr>")
		if i%700 == 0 {
			body.WriteString(`<input name="csrf" value="` + csrfSlot + `">`)
		}
	}
	content := template.HTML(body.String())
	p := keep("Area", content)
	if len(p.parts) != 4 {
		t.Fatalf("%d parts, want 4 (3 slots)", len(p.parts))
	}
	if got, err := p.content(); err != nil || got != content {
		t.Fatalf("content read back: %d bytes (%v), want %d", len(got), err, len(content))
	}
	for _, csrf := range []string{"tok3n-for-this-request", ""} {
		var out bytes.Buffer
		p.gzip(&out, []byte("<html><head>layout</head><body>"), csrf, []byte("</body></html>"))
		zr, err := gzip.NewReader(&out)
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("token %q: the gzipped page does not read: %v", csrf, err)
		}
		want := "<html><head>layout</head><body>" + strings.ReplaceAll(string(content), csrfSlot, csrf) + "</body></html>"
		if string(got) != want {
			t.Errorf("token %q: the gzipped page reads as %d bytes, not the %d sent", csrf, len(got), len(want))
		}
		if rest, _ := io.ReadAll(&out); len(rest) > 0 {
			t.Errorf("token %q: %d bytes after the gzip member", csrf, len(rest))
		}
	}
}

// TestServedGzip: an area page and its pack, fetched twice from the cache,
// read the same sent gzipped (to a client that accepts it) as sent plain.
func TestServedGzip(t *testing.T) {
	srv, ts, c := testServer(t, sampleStore(t), Options{PackFormats: []string{"html", "xlsx"}})
	as, err := srv.areas(t.Context())
	if err != nil || len(as) == 0 {
		t.Fatalf("areas: %v (%d)", err, len(as))
	}
	for _, path := range []string{"/area/" + as[0].ID, "/area/" + as[0].ID + "/pack/view"} {
		fetch := func(enc string) (string, string) {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
			req.Header.Set("Accept-Encoding", enc)
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var r io.Reader = resp.Body
			if ce := resp.Header.Get("Content-Encoding"); ce == "gzip" {
				zr, err := gzip.NewReader(resp.Body)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				r = zr
			} else if ce != "" {
				t.Fatalf("%s: Content-Encoding %q", path, ce)
			}
			b, err := io.ReadAll(r)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("%s (%s): status %d, %v", path, enc, resp.StatusCode, err)
			}
			return resp.Header.Get("Content-Encoding"), string(b)
		}
		fetch("gzip") // made, and the session's cookie set
		ceZ, zipped := fetch("gzip")
		cePlain, plain := fetch("identity")
		if ceZ != "gzip" || cePlain != "" {
			t.Errorf("%s: sent as %q to a client that accepts gzip and %q to one that does not", path, ceZ, cePlain)
		}
		if zipped != plain || len(plain) < 1000 {
			t.Errorf("%s: %d bytes gzipped, %d plain; want the same page", path, len(zipped), len(plain))
		}
		if !strings.Contains(plain, "</html>") {
			t.Errorf("%s: not a whole page", path)
		}
	}
}
