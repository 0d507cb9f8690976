package notebook

import (
	"regexp"
	"strings"
	"testing"
)

// The tags Markdown may write; anything else that looks like a tag came from
// the input unescaped.
var ownTags = regexp.MustCompile(`</?(h[1-6]|p|br|hr|blockquote|ul|li|table|thead|tbody|tr|code|em|strong)>|<ol( start="\d+")?>|</ol>|<t[hd]( class="num"| style="text-align:center")?>|</t[hd]>|<a href="[^"<>]*">|</a>`)

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{"# T\n\n*a* **b** `c` [d](http://e)", "- a\n  - b\n1. c", "| a |\n|---|\n| <b> |", "> q\n\n---", "[x](javascript:alert(1))", "<script>x</script>", "_a_b_ *a **b* c**"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := Markdown(src)
		rest := ownTags.ReplaceAllString(out, "")
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("unescaped markup from %q:\n%s", src, out)
		}
		if strings.Contains(strings.ToLower(out), `href="javascript:`) || strings.Contains(strings.ToLower(out), `href="data:`) {
			t.Fatalf("unsafe link from %q: %s", src, out)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add(good)
	f.Add("---\nparams:\n  a: 1\n---\n```sql name=x\nSELECT 1\n```\n```chart\ntype: bar\nx: a\n```\n")
	f.Add("```\nunclosed")
	f.Fuzz(func(t *testing.T, src string) {
		nb := Parse("f.md", []byte(src))
		lines := strings.Count(src, "\n") + 1
		for _, e := range nb.Errors {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("error at line %d of a %d-line file: %v", e.Line, lines, e)
			}
		}
		for _, b := range nb.Blocks {
			if b.Line < 1 || b.Line > lines {
				t.Fatalf("block at line %d of a %d-line file", b.Line, lines)
			}
		}
	})
}
