package report

import (
	"reflect"
	"strings"
	"testing"
)

// TestReadIndexLinks reads back what WriteIndex wrote, escapes and all.
func TestReadIndexLinks(t *testing.T) {
	links := []Link{
		{Label: "Radstock & Westfield", Href: "radstock-westfield.html", Note: "2021-22",
			Extra: []Link{{Label: "XLSX", Href: "radstock-westfield.xlsx"}, {Label: "PDF", Href: "radstock-westfield.pdf"}}},
		{Label: "Birchfield", Href: "birchfield.html", Extra: []Link{{Label: "XLSX", Href: "birchfield.xlsx"}}},
	}
	var b strings.Builder
	if err := WriteIndex(&b, &Index{Title: "Evidence packs", Sections: []IndexSection{{Title: "Areas", Links: links}}}); err != nil {
		t.Fatal(err)
	}
	if got := ReadIndexLinks(b.String()); !reflect.DeepEqual(got, links) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, links)
	}
	merged := MergeLinks(links, []Link{{Label: "Birchfield", Href: "birchfield.html", Note: "2020-21"}, {Label: "Hanwell", Href: "hanwell.html"}})
	if len(merged) != 3 || merged[1].Note != "2020-21" || merged[2].Label != "Hanwell" {
		t.Errorf("merged: %+v", merged)
	}
}
