package analysis

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ourbiggerstory/obs/schemas"
)

// The files of a method, named as the flags' defaults are.
const (
	WeightsFile   = "weights.csv"
	RubricFile    = "rubric.csv"
	CodebookFile  = "codebook.csv"
	OverridesFile = "overrides.csv"
	GoalpostsFile = "goalposts.csv" // only when the method has fixed goalposts
)

// Method is one version of the evaluation's method: the settings and the
// files 'obs score' and 'obs classify' read, kept whole so that a version
// can be read back, compared, exported and restored. Version 0 is a method
// not saved (yet).
type Method struct {
	Version int
	SavedAt time.Time
	SavedBy string // a pseudonym, never a name
	Note    string // what changed, or "restored from version N"

	Normalisation, Aggregation string
	Coverage, Margin           float64
	Seed                       uint64 // of the score's Monte Carlo and the labels' stability draws
	// Files are the files' text exactly as the flags read them:
	// weights.csv, rubric.csv, codebook.csv, overrides.csv (evaluators as
	// pseudonyms), goalposts.csv when set, and the .sql files the rubric
	// names, under the name the rubric gives them.
	Files map[string][]byte
}

// ErrMethod: a method's files are missing or not text.
var ErrMethod = errors.New("bad method")

// Where is how messages name the method's files: "weights.csv (method
// version 3)".
func (m *Method) Where(name string) string {
	if m.Version == 0 {
		return name + " (method not saved yet)"
	}
	return fmt.Sprintf("%s (method version %d)", name, m.Version)
}

// source is the method's file of that name as SourceFile, reading the .sql
// files a rubric names from the method too.
func (m *Method) source(name string, required bool) (*SourceFile, error) {
	data, ok := m.Files[name]
	if !ok && required {
		return nil, inputErr(ErrMethod, m.Where(name), 0, "the method has no %s: every version needs weights.csv, rubric.csv and codebook.csv", name)
	}
	if !ok {
		return nil, nil
	}
	return &SourceFile{Name: m.Where(name), Data: data, Open: func(n string) (string, []byte, error) {
		b, ok := m.Files[path.Clean(n)]
		if !ok {
			return m.Where(n), nil, fmt.Errorf("the method has no file %s: %w", n, fs.ErrNotExist)
		}
		return m.Where(n), b, nil
	}}, nil
}

// Options reads the method as the flags' files are read, with the same
// checks and messages (naming the files as "weights.csv (method version
// 3)"): the options 'obs score' and 'obs classify' would run with. The
// settings a method does not hold (draws, samples, resident definition,
// log-odds) are the commands' defaults. Evaluators in overrides.csv are
// already pseudonyms.
func (m *Method) Options(defs *Definitions) (ScoreOptions, ClassifyOptions, error) {
	sopt := ScoreOptions{Normalisation: m.Normalisation, Aggregation: m.Aggregation, Coverage: m.Coverage, Seed: m.Seed,
		Draws: 1000, Samples: 1000, ResidentDef: "R1"}
	copt := ClassifyOptions{Margin: m.Margin, Draws: 1000, Seed: m.Seed}
	for name, data := range m.Files {
		if !utf8.Valid(data) {
			return sopt, copt, inputErr(ErrMethod, m.Where(name), 0, "the file is not UTF-8 text: save it as CSV UTF-8 (in a spreadsheet, 'Save as', CSV UTF-8) and give it again")
		}
	}
	src, err := m.source(WeightsFile, true)
	if err != nil {
		return sopt, copt, err
	}
	if sopt.Weights, err = ReadWeights(src.Name, src.Data, defs); err != nil {
		return sopt, copt, err
	}
	if src, err = m.source(GoalpostsFile, false); err != nil || src != nil {
		if err != nil {
			return sopt, copt, err
		}
		if sopt.Goalposts, err = ReadGoalposts(src.Name, src.Data, defs); err != nil {
			return sopt, copt, err
		}
	}
	if err := sopt.defaults(defs); err != nil {
		return sopt, copt, err
	}
	sopt.Now = nil
	if err := CheckMargin(copt.Margin); err != nil {
		return sopt, copt, err
	}
	if src, err = m.source(RubricFile, true); err != nil {
		return sopt, copt, err
	}
	if copt.Rubric, err = ReadRubric(src.Name, src.Data, src.Open); err != nil {
		return sopt, copt, err
	}
	if src, err = m.source(CodebookFile, true); err != nil {
		return sopt, copt, err
	}
	if copt.Codebook, err = ReadCodebook(src.Name, src.Data, defs.Names()); err != nil {
		return sopt, copt, err
	}
	if src, err = ReadSource("", "facts.sql"); err != nil {
		return sopt, copt, err
	}
	copt.Facts = &Helper{File: src.Name, SQL: string(src.Data)}
	if src, err = m.source(OverridesFile, false); err != nil || src == nil {
		return sopt, copt, err
	}
	ov, err := ReadOverrides(src.Name, src.Data, func(p string) string { return p })
	if err != nil {
		return sopt, copt, err
	}
	if len(ov.List) > 0 {
		copt.Overrides = ov
	}
	return sopt, copt, nil
}

// MethodOf is the method of options as they are (version 0): each file's
// text as it was read when the file is still there unchanged (the built-in
// defaults included), else written afresh from what was read; the
// overrides always written afresh, with the evaluators' pseudonyms.
func MethodOf(sopt ScoreOptions, copt ClassifyOptions, defs *Definitions) (*Method, error) {
	m := &Method{Normalisation: sopt.Normalisation, Aggregation: sopt.Aggregation, Coverage: sopt.Coverage, Margin: copt.Margin,
		Seed: sopt.Seed, Files: map[string][]byte{}}
	if m.Normalisation == "" {
		m.Normalisation = MinMax
	}
	if m.Aggregation == "" {
		m.Aggregation = Arithmetic
	}
	if m.Margin == 0 {
		m.Margin = 0.1
	}
	w := sopt.Weights
	if w == nil {
		w = EqualWeights(defs)
	}
	m.Files[WeightsFile] = fileText(w.File, w.SHA256, WeightsFile, func() [][]string { return weightsRows(w, defs) })
	if g := sopt.Goalposts; g != nil {
		m.Files[GoalpostsFile] = fileText(g.File, g.SHA256, "", func() [][]string { return goalpostRows(g, defs) })
	}
	if copt.Rubric == nil || copt.Codebook == nil {
		return nil, fmt.Errorf("%w: the classification's options have no rubric or codebook", ErrMethod)
	}
	r := copt.Rubric
	m.Files[RubricFile] = fileText(r.File, r.SHA256, RubricFile, func() [][]string { return rubricRows(r) })
	for _, in := range r.Indicators {
		if in.IsFile() {
			m.Files[path.Clean(in.Expression)] = []byte(in.File)
		}
	}
	cb := copt.Codebook
	m.Files[CodebookFile] = fileText(cb.File, cb.SHA256, CodebookFile, func() [][]string { return codebookRows(cb) })
	if ov := copt.Overrides; ov != nil && len(ov.List) > 0 {
		m.Files[OverridesFile] = OverridesCSV(ov)
	} else {
		m.Files[OverridesFile] = builtinText(OverridesFile)
	}
	return m, nil
}

// fileText is the text of a file that was read as file with that SHA-256:
// the file again (or the built-in default of that name) when its bytes are
// the same, else rows written as CSV.
func fileText(file, sum, builtin string, rows func() [][]string) []byte {
	var data []byte
	if builtin != "" && file == path.Join("queries/defaults", builtin) {
		data = builtinText(builtin)
	} else if file != "" {
		data, _ = os.ReadFile(file)
	}
	if data != nil && sum != "" {
		h := sha256.Sum256(data)
		if hex.EncodeToString(h[:]) == sum {
			return data
		}
	}
	return csvText(rows())
}

func builtinText(name string) []byte {
	b, err := fs.ReadFile(BuiltinDefaults(), name)
	if err != nil {
		panic(err) // embedded at build time
	}
	return b
}

func csvText(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

func num64(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func weightsRows(w *Weights, defs *Definitions) [][]string {
	rows := [][]string{{"definition", "weight"}}
	unlisted := map[string]bool{}
	for _, u := range w.Unlisted {
		unlisted[u] = true
	}
	for _, d := range defs.Defs {
		if v, ok := w.W[d.Name]; ok && !unlisted[d.Name] {
			rows = append(rows, []string{d.Name, num64(v)})
		}
	}
	return rows
}

func goalpostRows(g *GoalpostBounds, defs *Definitions) [][]string {
	rows := [][]string{{"definition", "lower", "upper"}}
	for _, d := range defs.Defs {
		if b, ok := g.Bounds[d.Name]; ok {
			rows = append(rows, []string{d.Name, num64(b[0]), num64(b[1])})
		}
	}
	return rows
}

func rubricRows(r *Rubric) [][]string {
	rows := [][]string{{"model", "indicator", "expression", "full_non_membership", "crossover", "full_membership", "label"}}
	for _, in := range r.Indicators {
		rows = append(rows, []string{strconv.Itoa(in.Model), in.Name, in.Expression, num64(in.Non), num64(in.Cross), num64(in.Full), in.Label})
	}
	return rows
}

func codebookRows(cb *Codebook) [][]string {
	rows := [][]string{{"code", "target_type", "target", "applies_to"}}
	for _, r := range cb.Rules {
		applies := ""
		if r.Theme {
			applies = "theme"
		}
		rows = append(rows, []string{r.Pattern, r.TargetType, r.Target, applies})
	}
	return rows
}

// OverridesCSV is the overrides as an overrides file (area, period, label,
// rationale, evaluator), evaluators as the pseudonyms they are.
func OverridesCSV(ov *Overrides) []byte { return csvText(overrideRows(ov)) }

func overrideRows(ov *Overrides) [][]string {
	rows := [][]string{{"area", "period", "label", "rationale", "evaluator"}}
	list := append([]*Override{}, ov.List...)
	sort.SliceStable(list, func(i, j int) bool { return list[i].Line < list[j].Line })
	for _, o := range list {
		rows = append(rows, []string{o.Area, schemas.Period(o.Period).String(), o.Label, o.Rationale, o.By})
	}
	return rows
}

// Clone is a copy of m whose files can be changed without changing m's.
func (m *Method) Clone() *Method {
	c := *m
	c.Files = make(map[string][]byte, len(m.Files))
	for k, v := range m.Files {
		c.Files[k] = append([]byte(nil), v...)
	}
	return &c
}

// SQLFiles are the names of the .sql files among the method's files, sorted.
func (m *Method) SQLFiles() []string {
	var out []string
	for name := range m.Files {
		if strings.HasSuffix(strings.ToLower(name), ".sql") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// ReadFile puts the file at p into m as name, as the flag that reads such a
// file takes it: weights.csv, codebook.csv and goalposts.csv as they are;
// rubric.csv with the .sql files it names (in place of the earlier
// rubric's); overrides.csv written afresh with each evaluator replaced by
// pseudonym. Each is checked as its flag checks it, errors naming the file
// at p; the whole is checked again when the method is saved (Options).
func (m *Method) ReadFile(name, p string, defs *Definitions, pseudonym func(string) string) error {
	src, err := ReadSource(p, "")
	if err != nil {
		return err
	}
	switch name {
	case WeightsFile:
		_, err = ReadWeights(src.Name, src.Data, defs)
	case CodebookFile:
		_, err = ReadCodebook(src.Name, src.Data, defs.Names())
	case GoalpostsFile:
		_, err = ReadGoalposts(src.Name, src.Data, defs)
	case RubricFile:
		r, err := ReadRubric(src.Name, src.Data, src.Open)
		if err != nil {
			return err
		}
		for _, f := range m.SQLFiles() {
			delete(m.Files, f)
		}
		for _, in := range r.Indicators {
			if in.IsFile() {
				m.Files[path.Clean(in.Expression)] = []byte(in.File)
			}
		}
	case OverridesFile:
		ov, err := ReadOverrides(src.Name, src.Data, pseudonym)
		if err != nil {
			return err
		}
		m.Files[name] = OverridesCSV(ov)
		return nil
	}
	if err == nil {
		m.Files[name] = src.Data
	}
	return err
}
