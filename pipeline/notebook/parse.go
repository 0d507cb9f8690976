// Package notebook runs and renders notebooks: analyses written as Markdown
// with named SQL cells (```sql name=composition) and chart cells (```chart)
// that plot a named result, with parameters from the front matter or the
// command line. The cells run against the database read-only, their
// parameters bound as DuckDB prepared-statement parameters (through package
// query), and the notebook renders to one self-contained HTML page: prose,
// tables and SVG charts. A cell that fails shows its error in place, with its
// line in the .md file, and the rest still renders.
package notebook

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// Notebook is a parsed .md file.
type Notebook struct {
	File   string // as given, for messages
	Title  string // front matter title:, else the first # heading, else the file name
	Params []Param
	Blocks []Block
	// Errors are mistakes found while parsing (front matter, cell headers),
	// shown at the top of the page.
	Errors []*position.Error
}

// Param is a parameter and its value, from the front matter or --param.
type Param struct {
	Name, Value string
	Line        int    // front-matter line (0 when given on the command line)
	From        string // "front matter" or "--param"
}

// Block is one piece of the notebook, in order.
type Block struct {
	Line  int    // first line in the .md file (1-based)
	Prose string // Markdown prose (Kind == Prose)
	Kind  BlockKind
	Cell  *SQLCell
	Chart *ChartCell
	Code  *CodeBlock
}

// BlockKind says what a Block is.
type BlockKind int

const (
	Prose BlockKind = iota
	SQL
	Chart
	Code
)

// SQLCell is a named SQL cell.
type SQLCell struct {
	Name string
	SQL  string
	Line int // the fence's line
}

// ChartCell plots the result of a SQL cell.
type ChartCell struct {
	Type, X, Y, Colour, From, Title, Label string
	Highlight                              string // column=value: marks set apart
	Diagonal                               string // yes: the line y = x, axes 0 to 1 (a QCA sufficiency plot)
	Line                                   int
	// KeyLines are the .md lines of each option, for messages.
	KeyLines map[string]int
}

// CodeBlock is any other fenced block, shown as code.
type CodeBlock struct {
	Lang, Text string
}

// cellErr is a mistake in a cell at a line of the notebook; cell (the
// cell's name, "chart" or "front matter") starts its message:
// "notes.md:14: chart: unknown option".
func cellErr(file string, line int, cell, msg string) *position.Error {
	if cell != "" {
		msg = cell + ": " + msg
	}
	return &position.Error{File: file, Line: line, Err: errors.New(msg)}
}

// ChartTypes are the kinds of chart a chart cell can draw.
var ChartTypes = []string{"bar", "line", "point", "strip"}

var (
	fenceRE = regexp.MustCompile("^(```+|~~~+)\\s*([A-Za-z0-9_-]*)\\s*(.*)$")
	attrRE  = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("[^"]*"|'[^']*'|\S+)`)
	nameRE  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

var chartKeys = map[string]bool{"type": true, "x": true, "y": true, "colour": true, "color": true, "from": true,
	"title": true, "highlight": true, "label": true, "diagonal": true}

// Parse reads a notebook. It never fails: mistakes are kept in Errors and
// in the cells, to be shown in place.
func Parse(file string, src []byte) *Notebook {
	nb := &Notebook{File: file}
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	text = strings.TrimPrefix(text, "\ufeff")
	lines := strings.Split(text, "\n")
	i := nb.frontMatter(lines)
	var prose []string
	proseLine := i + 1
	flush := func() {
		if strings.TrimSpace(strings.Join(prose, "")) != "" {
			nb.Blocks = append(nb.Blocks, Block{Kind: Prose, Line: proseLine, Prose: strings.Join(prose, "\n")})
		}
		prose = nil
	}
	names := map[string]int{}
	for i < len(lines) {
		m := fenceRE.FindStringSubmatch(strings.TrimRight(lines[i], " \t"))
		if m == nil {
			if len(prose) == 0 {
				proseLine = i + 1
			}
			prose = append(prose, lines[i])
			i++
			continue
		}
		flush()
		fence, lang, info := m[1], strings.ToLower(m[2]), m[3]
		start := i + 1 // 1-based line of the fence
		var body []string
		i++
		closed := false
		for i < len(lines) {
			if t := strings.TrimSpace(lines[i]); strings.HasPrefix(t, fence[:3]) && strings.Trim(t, fence[:1]) == "" && len(t) >= len(fence) {
				closed = true
				i++
				break
			}
			body = append(body, lines[i])
			i++
		}
		if !closed {
			nb.Errors = append(nb.Errors, cellErr(file, start, "", fmt.Sprintf("the block opened with %s is never closed: end it with a line %s", fence, fence)))
		}
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllStringSubmatch(info, -1) {
			attrs[strings.ToLower(a[1])] = strings.Trim(a[2], `"'`)
		}
		switch lang {
		case "sql":
			c := &SQLCell{Name: attrs["name"], SQL: strings.Join(body, "\n"), Line: start}
			b := Block{Kind: SQL, Line: start, Cell: c}
			switch {
			case c.Name == "":
				nb.Errors = append(nb.Errors, cellErr(file, start, "sql cell", "has no name: write ```sql name=NAME so that charts and readers can refer to it"))
				c.Name = fmt.Sprintf("cell_line_%d", start)
			case !nameRE.MatchString(c.Name):
				nb.Errors = append(nb.Errors, cellErr(file, start, c.Name, "a cell name is letters, digits and _ (starting with a letter)"))
			case names[c.Name] > 0:
				nb.Errors = append(nb.Errors, cellErr(file, start, c.Name, fmt.Sprintf("a cell of this name is already at line %d: give each cell its own name", names[c.Name])))
			}
			names[c.Name] = start
			nb.Blocks = append(nb.Blocks, b)
		case "chart":
			nb.Blocks = append(nb.Blocks, Block{Kind: Chart, Line: start, Chart: nb.chartCell(start, attrs, body)})
		default:
			nb.Blocks = append(nb.Blocks, Block{Kind: Code, Line: start, Code: &CodeBlock{Lang: lang, Text: strings.Join(body, "\n")}})
		}
	}
	flush()
	if nb.Title == "" {
		nb.Title = firstHeading(nb.Blocks)
	}
	if nb.Title == "" {
		nb.Title = strings.TrimSuffix(baseName(file), ".md")
	}
	return nb
}

// firstHeading is the text of the first "# " heading in the notebook's first
// prose block, or "" if it has none.
func firstHeading(blocks []Block) string {
	for _, b := range blocks {
		if b.Kind != Prose {
			continue
		}
		for _, l := range strings.Split(b.Prose, "\n") {
			if strings.HasPrefix(l, "# ") {
				return strings.TrimSpace(strings.TrimPrefix(l, "# "))
			}
		}
		break
	}
	return ""
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// chartCell reads a chart's options: key=value on the fence line, or
// "key: value" lines in the body.
func (nb *Notebook) chartCell(line int, attrs map[string]string, body []string) *ChartCell {
	c := &ChartCell{Line: line, KeyLines: map[string]int{}}
	set := func(k, v string, at int) {
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		if !chartKeys[k] {
			keys := make([]string, 0, len(chartKeys))
			for k := range chartKeys {
				if k != "color" {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			nb.Errors = append(nb.Errors, cellErr(nb.File, at, "chart", fmt.Sprintf("unknown option %q: a chart takes %s", k, strings.Join(keys, ", "))))
			return
		}
		c.KeyLines[k] = at
		switch k {
		case "type":
			c.Type = strings.ToLower(v)
		case "x":
			c.X = v
		case "y":
			c.Y = v
		case "colour", "color":
			c.Colour = v
			c.KeyLines["colour"] = at
		case "from":
			c.From = v
		case "title":
			c.Title = strings.Trim(v, `"'`)
		case "highlight":
			c.Highlight = v
		case "label":
			c.Label = v
		case "diagonal":
			c.Diagonal = strings.ToLower(v)
		}
	}
	for k, v := range attrs {
		set(k, v, line)
	}
	for j, l := range body {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok {
			nb.Errors = append(nb.Errors, cellErr(nb.File, line+1+j, "chart", fmt.Sprintf("%q is not an option: write one per line as key: value (type: bar, x: area, y: value, from: CELL)", t)))
			continue
		}
		set(k, v, line+1+j)
	}
	return c
}

// frontMatter reads the front matter, if any, and returns the index of the
// first line after it. The subset read is:
//
//	---
//	title: Engagement over time
//	params:
//	  area: birchfield
//	  period: 2021-22
//	---
func (nb *Notebook) frontMatter(lines []string) int {
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return 0
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimSpace(lines[i]); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		nb.Errors = append(nb.Errors, cellErr(nb.File, 1, "front matter", "starts with --- but never ends: close it with a line ---"))
		return 0
	}
	inParams := false
	for i := 1; i < end; i++ {
		raw := lines[i]
		t := strings.TrimSpace(raw)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		k, v, ok := strings.Cut(t, ":")
		k, v = strings.TrimSpace(k), unquote(strings.TrimSpace(v))
		if !ok {
			nb.Errors = append(nb.Errors, cellErr(nb.File, i+1, "front matter", fmt.Sprintf("%q is not key: value", t)))
			continue
		}
		switch {
		case indented && inParams:
			if !nameRE.MatchString(k) {
				nb.Errors = append(nb.Errors, cellErr(nb.File, i+1, "front matter", fmt.Sprintf("parameter name %q: use letters, digits and _", k)))
				continue
			}
			nb.Params = append(nb.Params, Param{Name: k, Value: v, Line: i + 1, From: "front matter"})
		case indented:
			nb.Errors = append(nb.Errors, cellErr(nb.File, i+1, "front matter", fmt.Sprintf("%q is indented but not under params:", t)))
		case k == "params":
			inParams = true
			if v != "" {
				nb.Errors = append(nb.Errors, cellErr(nb.File, i+1, "front matter", "write each parameter on its own indented line under params:"))
			}
		case k == "title":
			inParams = false
			nb.Title = v
		default:
			inParams = false // other keys (author, date...) are kept out of the way
		}
	}
	return end + 1
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// SetParams applies --param values over the front matter's.
func (nb *Notebook) SetParams(given map[string]string) {
	names := make([]string, 0, len(given))
	for k := range given {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		found := false
		for i := range nb.Params {
			if nb.Params[i].Name == k {
				nb.Params[i].Value, nb.Params[i].From, nb.Params[i].Line = given[k], "--param", 0
				found = true
			}
		}
		if !found {
			nb.Params = append(nb.Params, Param{Name: k, Value: given[k], From: "--param"})
		}
	}
}
