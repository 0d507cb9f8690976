package chart

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

func TestKinds(t *testing.T) {
	one := func(v float64) *float64 { return &v }
	cases := map[string]*Chart{
		"strip": {Kind: Strip, Title: `Turnout <script>alert(1)</script>`, X: Axis{Label: "per 1,000"}, Y: Axis{Names: []string{""}},
			Series: []Series{{Color: Grey, Marks: []Mark{{X: 1}, {X: 2}, {X: 3}, {X: 7}}}, {Highlight: true, Marks: []Mark{{X: 4, Label: "Birchfield <b>"}}}}},
		"intervals": {Kind: Intervals, Title: "ranks", X: Axis{Label: "rank", Integer: true}, Y: Axis{Names: []string{"c", "b", "a"}},
			Series: []Series{{Color: Grey, Marks: []Mark{{X: 1, Lo: 1, Hi: 2, Y: 2}, {X: 3, Lo: 2, Hi: 3, Y: 0}}}, {Highlight: true, Marks: []Mark{{X: 2, Lo: 1, Hi: 3, Y: 1, Label: "b"}}}}},
		"bars": {Kind: Bars, Title: "models", Y: Axis{Label: "membership", Min: one(0), Max: one(1)}, X: Axis{Names: []string{"1", "2", "3"}}, RefY: []float64{0.5},
			Series: []Series{{Name: "2019", Marks: []Mark{{X: 0, Y: .2}, {X: 1, Y: .7, Label: "0.70"}, {X: 2, Y: .4}}}}},
		"lines": {Kind: Lines, Title: "trend", X: Axis{Ticks: []plot.Tick{{Value: 2019, Label: "2019-20"}, {Value: 2020, Label: "2020-21"}}}, Y: Axis{Invert: true, Integer: true},
			Series: []Series{{Name: "a", Marks: []Mark{{X: 2019, Y: 3}, {X: 2020, Y: 1}}}, {Name: "b", Marks: []Mark{{X: 2019, Y: 2}, {X: 2020, Y: 2}}}}},
		"hbars": {Kind: HBars, Title: "compare", Desc: "one bar per area <i>", X: Axis{Label: "per 1,000"}, Y: Axis{Names: []string{"a", "b", "c"}, Invert: true},
			Series: []Series{{Marks: []Mark{{X: 3, Y: 0, Label: "3"}, {X: -1, Y: 1, Label: "−1"}, {X: 0, Y: 2, Label: "no value: not computed"}}}}},
		"xy": {Kind: Points, Diagonal: true, Title: "M2 against TURNOUT", X: Axis{Label: "M2", Min: one(0), Max: one(1)}, Y: Axis{Label: "TURNOUT", Min: one(0), Max: one(1)},
			Series: []Series{{Color: Grey, Marks: []Mark{{X: .2, Y: .7, Label: "a"}, {X: .8, Y: .3, Label: "b"}}}, {Highlight: true}}},
		"single": {Kind: Points, Title: "one", Series: []Series{{Marks: []Mark{{X: 5, Y: 5}}}}},
	}
	dir := t.TempDir()
	if d := os.Getenv("OBS_ARTIFACTS"); d != "" {
		dir = d
	}
	for name, c := range cases {
		svg, legend, err := c.SVG()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.HasPrefix(svg, []byte("<svg")) || bytes.Contains(svg, []byte("<?xml")) || !bytes.HasSuffix(bytes.TrimSpace(svg), []byte("</svg>")) {
			t.Errorf("%s: not an inline svg element: %.80s", name, svg)
		}
		if regexp.MustCompile(`\sstyle=`).Match(svg) {
			t.Errorf("%s: a style attribute, which a strict Content-Security-Policy blocks", name)
		}
		if bytes.Contains(svg, []byte("<script")) || bytes.Contains(svg, []byte("<b>")) || bytes.Contains(svg, []byte("<i>")) {
			t.Errorf("%s: text not escaped", name)
		}
		if name == "hbars" && (!bytes.Contains(svg, []byte("<desc>one bar per area &lt;i&gt;</desc>")) || !bytes.Contains(svg, []byte("no value: not computed"))) {
			t.Errorf("hbars: description or label missing")
		}
		if name == "lines" && len(legend) != 2 {
			t.Errorf("lines: legend %v", legend)
		}
		os.WriteFile(filepath.Join(dir, name+".svg"), svg, 0o644)
	}
	// The diagonal is one more line than the same chart without it.
	with, _, _ := cases["xy"].SVG()
	cases["xy"].Diagonal = false
	without, _, _ := cases["xy"].SVG()
	if n, m := bytes.Count(with, []byte("<path")), bytes.Count(without, []byte("<path")); n != m+1 {
		t.Errorf("xy: %d paths with the diagonal, %d without; want one more", n, m)
	}
	if _, _, err := (&Chart{}).SVG(); err != ErrEmpty {
		t.Errorf("empty chart: %v", err)
	}
	if !strings.HasPrefix(CSS(Highlight), "#d55e00") {
		t.Error(CSS(Highlight))
	}
}
