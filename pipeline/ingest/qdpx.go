package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// REFI-QDA imports. A .qdpx project (exported by NVivo, ATLAS.ti, MAXQDA or
// QualCoder) loads each coding of a passage as an interview_codes row, on
// sheet "project.qde", numbered by the coding's place in the file; its
// codebook loads into qda_codes. A .qdc codebook loads into qda_codes only.
// The source documents themselves are never stored: only the coded excerpts,
// with names replaced by pseudonyms.

const qdaSheet = "project.qde"

// loadQDPX loads a REFI-QDA project (a .qdpx, or its bare project XML, a
// .qde) or, for a .qdc file, a codebook.
func (l *loader) loadQDPX(ctx context.Context, tx *store.Tx) error {
	if strings.EqualFold(filepath.Ext(l.path), ".qdc") {
		return l.loadQDC(ctx, tx)
	}
	spec, err := parseAreaFrom(l.opt.AreaFrom)
	if err != nil {
		return l.refuseQDA(err)
	}
	r, read, err := openProject(l.path, l.opt.Limits)
	if err != nil {
		return l.refuseQDA(err)
	}
	defer r.Close()
	if err := l.startQDA(ctx, tx); err != nil {
		return err
	}
	if spec, err = l.fixedArea(spec); err != nil {
		return l.refuseQDA(err)
	}
	if err := checkPeriodFlags(l.opt); err != nil {
		return l.refuseQDA(err)
	}
	q := l.newQDALoad("qdpx", spec, read)
	defer q.close()
	l.res.Sheets = append(l.res.Sheets, qdaSheet)
	addKind(l.res, q.k.Name)
	if err := parseQDE(r, qdaSheet, q); err != nil {
		var qe *qdaErr
		if errors.As(err, &qe) {
			return l.refuseQDA(err)
		}
		return err
	}
	if err := q.flush(); err != nil {
		return err
	}
	l.ret = nil
	q.notes()
	if err := l.finish(); err != nil {
		return err
	}
	return l.noteCodebook(q.nCodes)
}

// startQDA readies the loader as run does for workbooks.
func (l *loader) startQDA(ctx context.Context, tx *store.Tx) error {
	l.tx, l.ctx = tx, ctx
	var err error
	if l.areas, err = loadAreas(ctx, tx.Conn); err != nil {
		return err
	}
	l.areas.notNames(l.opt.Keyring)
	if err := l.newLoadID(tx); err != nil {
		return err
	}
	return nil
}

// noteCodebook says in the result and the load record that the file brought
// a code tree, after finish has written the load.
func (l *loader) noteCodebook(n int) error {
	if n == 0 {
		return nil
	}
	l.res.Kinds = append(l.res.Kinds, fmt.Sprintf("codebook (%s)", tabular.Plural(n, "code")))
	_, err := l.tx.Exec(loadKindsSQL, strings.Join(l.res.Kinds, ", "), l.loadID)
	return err
}

// refuseQDA refuses the file whole, with what to do about it.
func (l *loader) refuseQDA(err error) error {
	hint := ""
	switch {
	case errors.Is(err, ErrZipBomb), errors.Is(err, ErrTooLarge):
		hint = "Ask for the project to be exported again; if it really is this large, ask the evaluation team to raise obs's limits."
	case errors.Is(err, ErrEmptyFile):
	case errors.Is(err, ErrAreaFrom):
		hint = "Load it again with a --area-from obs understands."
	case errors.Is(err, ErrArea):
		hint = "Load it again naming a known area (its id or its name) with --area at the command line or in the Area field of the returns page, or load the areas return first."
	case errors.Is(err, ErrPeriodFlag):
		hint = "Load it again with the period as a reporting year, such as 2019-20 (--period at the command line, the Reporting year field of the returns page)."
	default:
		hint = "Export the project again from the software that made it (NVivo, ATLAS.ti, MAXQDA or QualCoder: export as a REFI-QDA project) and load the new file; if it is refused again, send it to the evaluation team."
	}
	return refusal(l.res.File, err, hint)
}

// qdaLoad receives what the reader finds and loads it.
type qdaLoad struct {
	l       *loader
	origin  string
	k       *schemas.Kind
	m       *mapping
	b       *store.Batch
	builder *qdaRowBuilder
	nCodes  int
	noText  map[string]int // codings loaded without their excerpt, by why
}

func (l *loader) newQDALoad(origin string, spec areaSpec, read func(string) (string, string)) *qdaLoad {
	k := schemas.KindByName("interview_codes")
	m := &mapping{kind: k, headers: qdaCols, cols: qdaCols, index: map[string]int{}}
	for i, c := range qdaCols {
		m.index[c] = i
	}
	redact := func(s string) string { return s }
	if l.opt.Keyring != nil {
		redact = l.opt.Keyring.Redact
	}
	q := &qdaLoad{l: l, origin: origin, k: k, m: m, b: store.NewBatch(k.StoredColumns()), noText: map[string]int{}}
	q.builder = &qdaRowBuilder{spec: spec, read: read, redact: redact, period: strings.TrimSpace(l.opt.Period),
		created: strings.EqualFold(strings.TrimSpace(l.opt.PeriodFrom), "created")}
	return q
}

func (q *qdaLoad) close() { q.b.Close() }

func (q *qdaLoad) flush() error {
	rec := q.b.Cut()
	if rec == nil {
		return nil
	}
	defer rec.Release()
	return q.l.tx.Append(q.k.HistoryTable(), q.b.Schema, rec)
}

// defs makes the names the project knows known for redaction, then loads
// its code tree.
func (q *qdaLoad) defs(p *qdaProject) error {
	q.builder.p = p
	if kr := q.l.opt.Keyring; kr != nil {
		kr.NotNames(qdaNotNames(p)...) // first: a case or user named as a code or a role is none of them
		for _, u := range p.users {
			kr.Pseudonym(u)
		}
		for _, c := range p.caseList {
			if q.builder.spec.mode != "case" { // else case names are areas
				kr.Pseudonym(c.name)
			}
			for _, v := range c.vars {
				if v.canon == "participant" {
					kr.Pseudonym(v.value)
				}
			}
		}
	}
	if q.l.recheck != nil {
		return nil // the code tree was loaded with the project the first time
	}
	return q.codes(p)
}

// codes loads the project's code tree into qda_codes (codes that stand for
// cases are not codes, and hold names: they are left out).
func (q *qdaLoad) codes(p *qdaProject) error {
	b := store.NewBatch(schemas.QDACodes.Columns)
	defer b.Close()
	project := p.name
	if project == "" || q.origin == "qdc" {
		project = q.l.res.File
	}
	redact := q.builder.redact
	for _, c := range p.codeList {
		if c.isCase {
			continue
		}
		b.String(0, fmt.Sprintf("%d/%s", q.l.loadID, c.guid))
		b.Int(1, q.l.loadID)
		b.String(2, q.origin)
		b.String(3, redact(project))
		b.String(4, c.guid)
		b.String(5, codePath(redact(c.path))) // as interview_codes.code holds it: "Coke::diet Coke" is Coke/diet Coke
		b.String(6, redact(c.name))
		if c.parent == "" {
			b.Null(7)
		} else {
			b.String(7, c.parent)
		}
		b.Bool(8, c.codable)
		if c.description == "" {
			b.Null(9)
		} else {
			b.String(9, redact(c.description))
		}
		b.EndRow()
		q.nCodes++
	}
	rec := b.Cut()
	if rec == nil {
		return nil
	}
	defer rec.Release()
	return q.l.tx.Append(schemas.QDACodes.Name, b.Schema, rec)
}

// source loads the codings of one source.
func (q *qdaLoad) source(p *qdaProject, s *qdaSource) error {
	l := q.l
	for _, r := range q.builder.rows(s) {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		if !l.recheck.take(qdaSheet, r.num) {
			continue
		}
		rs := &rowState{sheet: qdaSheet, num: r.num, cells: r.cells}
		l.res.Rows++
		if l.first == 0 || r.num < l.first {
			l.first = r.num
		}
		l.last = max(l.last, r.num)
		l.progress(l.res.Rows)
		for _, f := range r.faults {
			column, raw := "", ""
			if f.col >= 0 {
				column, raw = qdaCols[f.col], r.cells[f.col]
			}
			rs.errs = append(rs.errs, rowErr(l.res.File, qdaSheet, r.num, "", column, raw, f.typ, f.err))
		}
		if a := r.cells[qcArea]; a != "" && !isMissing(a) {
			if _, err := l.areas.resolve(a); err != nil {
				r.cells[qcArea] = q.builder.redact(a) // a case's name, when it is not an area, may be a person's
			}
		}
		l.ret = nil
		if r.period != "" {
			l.ret = &returnSheet{period: r.period} // a period the project (or --period) gives all its codings
		}
		area := l.readRow(q.k, q.m, rs, q.b)
		for _, e := range rs.errs {
			e.Col = "" // no spreadsheet column: the message names the element
			if e.Column == "area" && e.Kind == MissingCell {
				e.Kind, e.Err = NoArea, q.noArea()
			}
			if qdaXMLFault[TypeOf(e)] {
				e.Column = "" // the project's XML, not a column, is at fault
			}
			e.Err = fmt.Errorf("%s: %w", r.where, e.Err) // the coding's element and GUIDs first
		}
		if len(rs.errs) > 0 {
			l.quarantine(q.k, q.m, rs, area)
			continue
		}
		if r.noText != "" {
			q.noText[r.noText]++
			l.res.Problems = append(l.res.Problems, rowErr(l.res.File, qdaSheet, r.num, "", "", "", NoExcerpt,
				fmt.Errorf("%s: loaded without its text (%s): %s; the code and its place are kept", r.where, r.cells[qcRef], r.noText)))
		}
		if q.b.Full() {
			if err := q.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// noArea says, for the way areas are found, why a coding has none, and
// what to do: --area first, as a project is most often one area's.
func (q *qdaLoad) noArea() error {
	sp := q.builder.spec
	fix := "if the whole project is one area's, load it again with --area AREA (the area's id or name)"
	switch sp.mode {
	case "case":
		return fmt.Errorf("no area: the passage belongs to no single case (--area-from case takes the area from the case's name); %s, or assign the source to a case named after its area", fix)
	case "source":
		return fmt.Errorf("no area: the source's name does not match the pattern %q of --area-from; %s, or rename the source, or change the pattern", sp.re.String(), fix)
	}
	byCase := ""
	if len(q.builder.p.caseList) > 0 {
		byCase = ", or --area-from case if its cases are named after areas"
	}
	return fmt.Errorf("no area: nothing in the project says which Big Local area this passage is from (neither its case nor its source has a variable %q); %s; else give each case or source a variable %s naming its area, or load with --area-from source:PATTERN (a pattern matching the area in the source names)%s",
		sp.name, fix, sp.name, byCase)
}
