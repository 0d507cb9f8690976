package notebook

import (
	_ "embed"
	"html/template"
	"io"
	"regexp"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

//go:embed page.html.tmpl
var pageTemplate string

const notebookCSS = `
main.notebook .prose { margin: .2rem 0; }
main.notebook .cell { margin: .6rem 0 1.2rem; }
main.notebook details summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
main.notebook pre { background: #f6f6f6; border: 1px solid var(--rule); padding: .5rem .7rem; overflow-x: auto; font-size: .82rem; }
main.notebook .table-wrap { overflow-x: auto; max-height: 36rem; overflow-y: auto; }
main.notebook table.result { font-size: .85rem; margin-bottom: .2rem; }
.cell-error { border-left: 4px solid #b3261e; background: #fdecea; color: #5c1410; padding: .5rem .8rem; margin: .6rem 0; white-space: pre-wrap; }
.cell-error ul { margin: .3rem 0 0; white-space: normal; }
@media print { main.notebook .table-wrap { max-height: none; overflow: visible; } main.notebook details { display: none; } }
`

var cssColour = regexp.MustCompile(`^#[0-9a-f]{6}$`)

var tmpl = template.Must(template.New("notebook").Funcs(template.FuncMap{
	"plural": tabular.Plural,
	"css": func(c string) template.CSS {
		if cssColour.MatchString(c) {
			return template.CSS(c) // #nosec: a #rrggbb colour from package chart
		}
		return ""
	},
}).Parse(pageTemplate))

type pageBlock struct {
	Line      int
	Prose     template.HTML
	Code      *CodeBlock
	SQL       *SQLCell
	IsChart   bool
	Err       *position.Error
	Table     *tabular.Table
	NumCols   []bool
	Total     int
	Shown     int
	Truncated bool
	Figure    *report.Figure
}

// WriteHTML renders the result as one self-contained page.
func (r *Result) WriteHTML(w io.Writer, version string) error {
	pg := struct {
		*Result
		CSS         template.CSS
		Banner      string
		Version     string
		Blocks      []pageBlock
		ParseErrors []*position.Error
		// ParamsAfterFirst puts the parameters under the notebook's
		// opening prose (its title) rather than above it.
		ParamsAfterFirst bool
	}{Result: r, CSS: template.CSS(report.Stylesheet() + notebookCSS), Banner: report.Banner, Version: version,
		ParseErrors: r.Notebook.Errors}
	if bs := r.Notebook.Blocks; len(bs) > 0 && bs[0].Kind == Prose {
		pg.ParamsAfterFirst = true
	}
	for i, b := range r.Notebook.Blocks {
		cr := r.Cells[i]
		pb := pageBlock{Line: b.Line, Err: cr.Err, Figure: cr.Figure}
		switch b.Kind {
		case Prose:
			pb.Prose = template.HTML(Markdown(b.Prose)) // #nosec: Markdown escapes all text
		case Code:
			pb.Code = b.Code
		case SQL:
			pb.SQL = b.Cell
			if t := cr.Table; t != nil {
				pb.Total, pb.Truncated = len(t.Rows), cr.Truncated
				shown := *t
				if len(t.Rows) > r.Rows {
					shown.Rows = t.Rows[:r.Rows]
					pb.Shown = r.Rows
				}
				pb.Table = &shown
				pb.NumCols = numericColumns(t)
			}
		case Chart:
			pb.IsChart = true
		}
		pg.Blocks = append(pg.Blocks, pb)
	}
	return tmpl.Execute(w, pg)
}

// numericColumns marks the columns whose values are all numbers.
func numericColumns(t *tabular.Table) []bool {
	out := make([]bool, len(t.Columns))
	for c := range t.Columns {
		num, any := true, false
		for _, row := range t.Rows {
			if row[c] == nil {
				continue
			}
			any = true
			if _, ok := number(row[c]); !ok {
				num = false
				break
			}
		}
		out[c] = num && any
	}
	return out
}
