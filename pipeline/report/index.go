package report

import (
	"html"
	"html/template"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Link is one entry of an index page.
type Link struct {
	Label, Href, Note string
	Extra             []Link // other formats of the same thing (XLSX, PDF)
}

// IndexSection is a titled list of links.
type IndexSection struct {
	Title, About string
	Links        []Link
}

// Index is a page that links the outputs of a run.
type Index struct {
	Title     string
	Intro     string
	Synthetic bool
	Facts     [][2]string
	Sections  []IndexSection
}

var indexTmpl = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}{{if .Synthetic}} (synthetic data){{end}}</title>
<style>{{.CSS}}</style>
</head>
<body>
{{if .Synthetic}}<div class="banner screen-banner" role="note">{{.Banner}}</div>{{end}}
<main>
<h1>{{.Title}}</h1>
{{with .Intro}}<p class="lede">{{.}}</p>{{end}}
{{if .Synthetic}}<p class="callout warn">Every figure in these outputs comes from synthetic sample returns made for demonstration and testing. None describes a real Big Local area.</p>{{end}}
{{with .Facts}}<dl class="facts">{{range .}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>{{end}}</dl>{{end}}
{{range .Sections}}<section class="first">
<h2>{{.Title}}</h2>
{{with .About}}<p>{{.}}</p>{{end}}
<ul>{{range .Links}}<li><a href="{{.Href}}">{{.Label}}</a>{{range .Extra}} · <a href="{{.Href}}">{{.Label}}</a>{{end}}{{with .Note}} <span class="muted small">{{.}}</span>{{end}}</li>
{{end}}</ul>
</section>
{{end}}
</main>
</body>
</html>
`))

// WriteIndex writes an index page in the packs' style.
func WriteIndex(w io.Writer, ix *Index) error {
	return indexTmpl.Execute(w, struct {
		*Index
		CSS    template.CSS
		Banner string
	}{ix, template.CSS(packCSS), Banner})
}

// IndexLinks lists written packs for an index page, relative to dir.
func IndexLinks(ws []Written, rel func(string) string) []Link {
	var out []Link
	for _, w := range ws {
		l := Link{Label: w.Area.Name, Href: rel(w.HTML), Note: schemas.Period(w.Period).String(),
			Extra: []Link{{Label: "XLSX", Href: rel(w.XLSX)}}}
		if w.PDF != "" {
			l.Extra = append(l.Extra, Link{Label: "PDF", Href: rel(w.PDF)})
		}
		out = append(out, l)
	}
	return out
}

// indexEntry and indexExtra match an entry of an index page as WriteIndex
// writes it, one a line.
var (
	indexEntry = regexp.MustCompile(`<li><a href="([^"]*)">(.*?)</a>((?: · <a href="[^"]*">.*?</a>)*)(?: <span class="muted small">(.*?)</span>)?</li>$`)
	indexExtra = regexp.MustCompile(` · <a href="([^"]*)">(.*?)</a>`)
)

// ReadIndexLinks reads back the links of an index page that WriteIndex
// wrote, in their order (none from a page of another kind).
func ReadIndexLinks(page string) []Link {
	var out []Link
	for _, line := range strings.Split(page, "\n") {
		m := indexEntry.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		l := Link{Href: html.UnescapeString(m[1]), Label: html.UnescapeString(m[2]), Note: html.UnescapeString(m[4])}
		for _, x := range indexExtra.FindAllStringSubmatch(m[3], -1) {
			l.Extra = append(l.Extra, Link{Href: html.UnescapeString(x[1]), Label: html.UnescapeString(x[2])})
		}
		out = append(out, l)
	}
	return out
}

// MergeLinks is old with links put in: a link to the same page replaces
// the old one where it stands, and a new one is added at the end.
func MergeLinks(old, links []Link) []Link {
	out := append([]Link(nil), old...)
	for _, l := range links {
		i := slices.IndexFunc(out, func(o Link) bool { return o.Href == l.Href })
		if i >= 0 {
			out[i] = l
		} else {
			out = append(out, l)
		}
	}
	return out
}
