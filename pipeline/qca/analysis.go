package qca

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/queries"
)

// Analysis is a QCA analysis of obs's own data: a SQL file (queries/qca/
// NAME.sql) whose query returns area_id, period and one column per
// condition and the outcome, with a header saying how each column becomes a
// membership:
//
//	-- name: turnout_models
//	-- label: High resident turnout and the leadership models
//	-- outcome: TURNOUT
//	-- column: TURNOUT direct 15, 30, 45: resident attendances per 1,000
//	-- column: M1 membership: model 1 membership, from obs classify
//	-- column: LTO crisp 3: 1 at 3 points or more, else 0
//	-- dir_exp: M2, M3, LTO
//	-- incl_cut: 0.8
//
// Calibrations: "membership" (the value is already one, in [0,1]),
// "direct E, C, I" (Ragin's direct method; E > I when a low value is
// membership) and "crisp T" (1 at T or above, else 0; "crisp below T" for
// 1 below T). The conditions are the columns other than the outcome, in the
// header's order. n_cut and pri_cut may be given too; other comment lines
// explain the analysis.
type Analysis struct {
	Name, Label, Outcome string
	Columns              []Column
	DirExp               string
	Cuts                 Cuts
	Doc                  string // the header's other comment lines
	File, SQL            string
}

// Column is one column of an analysis and its calibration.
type Column struct {
	Name    string
	Kind    string // membership, direct or crisp
	Anchors Anchors
	Crisp   float64
	Below   bool   // crisp: 1 below the threshold
	Doc     string // what the column is, in words
}

// Calibration kinds of an analysis column.
const (
	KindMembership = "membership"
	KindDirect     = "direct"
	KindCrisp      = "crisp"
)

// Conditions are the columns other than the outcome, in order.
func (a *Analysis) Conditions() []string {
	var out []string
	for _, c := range a.Columns {
		if c.Name != a.Outcome {
			out = append(out, c.Name)
		}
	}
	return out
}

// Column is the column named name, or nil.
func (a *Analysis) Column(name string) *Column {
	for i := range a.Columns {
		if a.Columns[i].Name == name {
			return &a.Columns[i]
		}
	}
	return nil
}

// Describe says the column's calibration in words.
func (c Column) Describe() string {
	switch c.Kind {
	case KindDirect:
		way := "increasing"
		if c.Anchors.Exclusion > c.Anchors.Inclusion {
			way = "decreasing"
		}
		return fmt.Sprintf("direct method, %s: exclusion %g, crossover %g, inclusion %g", way, c.Anchors.Exclusion, c.Anchors.Crossover, c.Anchors.Inclusion)
	case KindCrisp:
		if c.Below {
			return fmt.Sprintf("crisp: 1 below %g, else 0", c.Crisp)
		}
		return fmt.Sprintf("crisp: 1 at %g or above, else 0", c.Crisp)
	}
	return "already a membership"
}

// Membership turns a column's value into a membership.
func (c Column) Membership(v float64, l LogOdds) float64 {
	switch c.Kind {
	case KindDirect:
		return Calibrate(v, c.Anchors.Exclusion, c.Anchors.Crossover, c.Anchors.Inclusion, l)
	case KindCrisp:
		if (v >= c.Crisp) != c.Below {
			return 1
		}
		return 0
	}
	return v
}

var (
	analysisNameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	columnNameRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

const analysisHelp = "a QCA analysis starts with comment lines -- name:, -- label:, -- outcome: and one -- column: NAME membership|direct E, C, I|crisp T: what it is, per column (and may give -- dir_exp:, -- incl_cut:, -- pri_cut:, -- n_cut:)"

// Analyses are the analyses obs ships, queries/qca/*.sql, by name.
func Analyses() ([]*Analysis, error) {
	as, err := LoadAnalyses(queries.QCA, "qca")
	for _, a := range as {
		a.File = "queries/" + a.File
	}
	return as, err
}

// ByName is the analysis of that name, or nil.
func ByName(analyses []*Analysis, name string) *Analysis {
	for _, a := range analyses {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// LoadAnalyses reads every NAME.sql file in dir of fsys, by name.
func LoadAnalyses(fsys fs.FS, dir string) ([]*Analysis, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	var out []*Analysis
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		a, err := ParseAnalysis(f, string(b))
		if err != nil {
			return nil, err
		}
		if want := strings.TrimSuffix(path.Base(f), ".sql"); a.Name != want {
			return nil, analysisErr(f, 1, "the header names the analysis %q but the file is %s.sql; give them the same name", a.Name, want)
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func analysisErr(file string, line int, format string, a ...any) error {
	return &position.Error{File: file, Line: line, Kind: ErrInput, Err: fmt.Errorf(format, a...)}
}

// ParseAnalysis reads an analysis's header.
func ParseAnalysis(file, text string) (*Analysis, error) {
	a := &Analysis{File: file, SQL: text, Cuts: Cuts{Incl: 1, N: 1}}
	found := map[string]int{}
	header, doc := queries.Header(text, isAnalysisKey)
	for _, h := range header {
		line, key, val := h.Line, h.Key, h.Value
		if _, dup := found[key]; dup && key != "column" {
			return nil, analysisErr(file, line, "the header gives -- %s: twice", key)
		}
		found[key] = line
		if err := a.set(key, val); err != nil {
			return nil, analysisErr(file, line, "-- %s: %v", key, err)
		}
	}
	for _, k := range []string{"name", "label", "outcome", "column"} {
		if _, ok := found[k]; !ok {
			return nil, analysisErr(file, 1, "the header has no -- %s: line; %s", k, analysisHelp)
		}
	}
	if a.Column(a.Outcome) == nil {
		return nil, analysisErr(file, found["outcome"], "the outcome %s has no -- column: line saying how it is calibrated", a.Outcome)
	}
	if len(a.Conditions()) == 0 {
		return nil, analysisErr(file, found["column"], "the header names no condition: add a -- column: line for each")
	}
	if _, err := ParseDirExp(a.DirExp, a.Conditions()); err != nil {
		return nil, analysisErr(file, found["dir_exp"], "-- dir_exp: %v", err)
	}
	if err := a.Cuts.Check(); err != nil {
		return nil, analysisErr(file, found["incl_cut"], "%v", err)
	}
	a.Doc = strings.Join(doc, " ")
	return a, nil
}

func isAnalysisKey(k string) bool {
	switch k {
	case "name", "label", "outcome", "column", "dir_exp", "incl_cut", "pri_cut", "n_cut":
		return true
	}
	return false
}

// set reads one header line's value.
func (a *Analysis) set(key, val string) error {
	var err error
	switch key {
	case "name":
		if !analysisNameRE.MatchString(val) {
			return fmt.Errorf("%q must be lower case letters, digits and _", val)
		}
		a.Name = val
	case "label":
		a.Label = val
	case "outcome":
		a.Outcome = val
	case "dir_exp":
		a.DirExp = val
	case "incl_cut":
		a.Cuts.Incl, err = strconv.ParseFloat(val, 64)
	case "pri_cut":
		a.Cuts.PRI, err = strconv.ParseFloat(val, 64)
	case "n_cut":
		a.Cuts.N, err = strconv.Atoi(val)
	case "column":
		var c Column
		if c, err = parseColumn(val); err == nil {
			if a.Column(c.Name) != nil {
				return fmt.Errorf("%s is described twice", c.Name)
			}
			a.Columns = append(a.Columns, c)
		}
	}
	if err != nil && key != "column" {
		return fmt.Errorf("%q is not a number", val)
	}
	return err
}

// parseColumn reads "NAME KIND ARGS: description".
func parseColumn(val string) (Column, error) {
	spec, doc, _ := strings.Cut(val, ":")
	f := strings.Fields(strings.ReplaceAll(spec, ",", " "))
	if len(f) < 2 || !columnNameRE.MatchString(f[0]) {
		return Column{}, fmt.Errorf("write NAME membership, NAME direct EXCLUSION, CROSSOVER, INCLUSION or NAME crisp THRESHOLD, then a colon and what the column is; not %q", val)
	}
	c := Column{Name: f[0], Kind: strings.ToLower(f[1]), Doc: strings.TrimSpace(doc)}
	args := f[2:]
	if c.Kind == KindCrisp && len(args) == 2 && strings.ToLower(args[0]) == "below" {
		c.Below, args = true, args[1:]
	}
	nums := make([]float64, len(args))
	for i, s := range args {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return c, fmt.Errorf("%s: %q is not a number", c.Name, s)
		}
		nums[i] = x
	}
	switch {
	case c.Kind == KindMembership && len(nums) == 0:
	case c.Kind == KindDirect && len(nums) == 3:
		c.Anchors = Anchors{nums[0], nums[1], nums[2]}
		if err := CheckAnchors(nums[0], nums[1], nums[2]); err != nil {
			return c, fmt.Errorf("%s: %v", c.Name, err)
		}
	case c.Kind == KindCrisp && len(nums) == 1:
		c.Crisp = nums[0]
	default:
		return c, fmt.Errorf("%s: the calibration must be membership, direct EXCLUSION, CROSSOVER, INCLUSION (three numbers) or crisp THRESHOLD (one number), not %q", c.Name, strings.TrimSpace(spec[len(f[0]):]))
	}
	return c, nil
}
