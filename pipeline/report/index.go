package report

import (
	"html/template"
	"io"

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
