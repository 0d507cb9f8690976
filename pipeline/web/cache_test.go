package web

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// TestLRU: a full cache drops the least recently used entry, one at a
// time; an entry made for another version of the database is not given;
// the byte budget holds as well as the count.
func TestLRU(t *testing.T) {
	c := newLRU(3, 100, func(b []byte) int { return len(b) })
	for _, k := range []string{"a", "b", "c"} {
		c.put(k, 1, []byte(k))
	}
	if _, ok := c.get("a", 1); !ok { // a is now the most recently used
		t.Fatal("a missing")
	}
	c.put("d", 1, []byte("d"))                       // drops b, the least recently used
	for i, k := range []string{"a", "b", "c", "d"} { // used in this order: d most recently
		if _, ok := c.get(k, 1); ok != (i != 1) {
			t.Errorf("after adding d, %s kept = %v", k, ok)
		}
	}
	if _, ok := c.get("a", 2); ok {
		t.Error("an entry of version 1 was given for version 2")
	}
	if n := c.len(); n != 2 {
		t.Errorf("%d entries after a stale get, want 2 (the stale one dropped)", n)
	}
	c.put("big", 1, make([]byte, 99)) // 99 + 1 + 1 > 100: c goes, d stays
	if _, ok := c.get("c", 1); ok {
		t.Error("c kept beyond the byte budget")
	}
	if _, ok := c.get("d", 1); !ok {
		t.Error("d dropped although the budget held with it")
	}
	c.put("huge", 1, make([]byte, 101))
	if _, ok := c.get("huge", 1); ok {
		t.Error("a value larger than the budget was kept")
	}
	c.resize(1)
	if n := c.len(); n != 1 {
		t.Errorf("%d entries after resize(1)", n)
	}
}

// TestCacheHoldsEveryAreaAndPeriod: sized to 150 areas × 10 periods, the
// page cache keeps every area's page in every period browsed in turn, where
// a cache that emptied itself when full would keep only the last few. The
// pages are as large as an area page at 150 areas (160 KB: a strip chart of
// 150 dots for each definition), 264 MB in all as they are: they fit the
// byte budget only as they are kept, compressed.
func TestCacheHoldsEveryAreaAndPeriod(t *testing.T) {
	var page strings.Builder
	for def := 0; page.Len() < 160<<10; def++ {
		fmt.Fprintf(&page, "<h3>Definition %d</h3><svg viewBox=\"0 0 600 40\">", def)
		for a := 0; a < 150; a++ {
			fmt.Fprintf(&page, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\"><title>Area %03d: %.3f</title></circle>", float64((a*7919+def*31)%6000)/10, 20+float64((a*13)%17)/2, a, float64((a*7919+def*31)%1000)/1000)
		}
		page.WriteString("</svg>")
	}
	if n := 150 * 11 * page.Len(); n <= pageBytes {
		t.Fatalf("the pages take %d bytes uncompressed, within the budget: the test shows nothing", n)
	}
	kept := keep("Area", template.HTML(page.String()))
	if got, err := kept.content(); err != nil || string(got) != page.String() {
		t.Fatalf("a kept page reads back as %d bytes (%v), want the %d it was", len(got), err, page.Len())
	}
	c := newPageCache(spareStart)
	c.resize(150*(10+1) + spareStart)
	for round := 0; round < 2; round++ {
		missed := 0
		for a := 0; a < 150; a++ {
			for p := 0; p < 10; p++ {
				key := fmt.Sprintf("/area/a%d?period=%d", a, 2019+p)
				if _, ok := c.get(key, 1); !ok {
					missed++
					c.put(key, 1, kept)
				}
			}
		}
		if want := []int{1500, 0}[round]; missed != want {
			t.Errorf("round %d: %d misses, want %d", round+1, missed, want)
		}
	}
}
