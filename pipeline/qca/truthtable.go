package qca

import "math"

// MaxConditions is the most conditions obs minimises exactly (2^14 = 16384
// configurations; QCA's own exact minimisation slows past a dozen too).
const MaxConditions = 14

// Cuts are the truth table's thresholds.
type Cuts struct {
	// Incl is the least consistency (incl) for an outcome value of 1 (QCA's
	// incl.cut; default 1).
	Incl float64
	// PRI is the least PRI for an outcome value of 1 (QCA's pri.cut; 0 means
	// none).
	PRI float64
	// N is the least number of cases (membership above 0.5) for a
	// configuration to count as observed; rows with fewer are remainders
	// (QCA's n.cut; default 1).
	N int
}

// DefaultCuts are QCA::truthTable's defaults.
func DefaultCuts() Cuts { return Cuts{Incl: 1, PRI: 0, N: 1} }

// Check refuses cuts out of range.
func (c Cuts) Check() error {
	switch {
	case math.IsNaN(c.Incl) || c.Incl < 0 || c.Incl > 1:
		return inputErr("--incl-cut must be between 0 and 1, not %g", c.Incl)
	case math.IsNaN(c.PRI) || c.PRI < 0 || c.PRI > 1:
		return inputErr("--pri-cut must be between 0 and 1, not %g", c.PRI)
	case c.N < 1:
		return inputErr("--n-cut must be at least 1, not %d", c.N)
	}
	return nil
}

// Row is one configuration of the truth table.
type Row struct {
	// Number is QCA's row number: 1 + the configuration read as a binary
	// number, the first condition the most significant digit.
	Number int
	Config uint32
	Values []int // 0 or 1 per condition
	// N is the number of cases with membership above 0.5 in the
	// configuration; Cases are they, in the data's order.
	N     int
	Cases []string
	// Incl and PRI are NaN for a configuration no case is in.
	Incl, PRI float64
	// Out is "1", "0", or "?" for a remainder (fewer than the n cut).
	Out string
}

// Remainder reports whether the row is a remainder.
func (r Row) Remainder() bool { return r.Out == "?" }

// TruthTable is every configuration of the conditions with its cases,
// consistency and outcome value.
type TruthTable struct {
	Data *SetTable
	Cuts Cuts
	Rows []Row // all 2^k configurations, by Number
}

// agteb is QCA's "almost greater than or equal": x ≥ y within √ε.
func agteb(x, y float64) bool { return x > y || math.Abs(x-y) <= 1.4901161193847656e-08 }

// NewTruthTable builds the truth table of st under the cuts.
func NewTruthTable(st *SetTable, cuts Cuts) (*TruthTable, error) {
	if err := cuts.Check(); err != nil {
		return nil, err
	}
	if err := st.Check(); err != nil {
		return nil, err
	}
	n := len(st.Conditions)
	tt := &TruthTable{Data: st, Cuts: cuts, Rows: make([]Row, 1<<n)}
	for c := range tt.Rows {
		r := &tt.Rows[c]
		r.Number, r.Config, r.Values = c+1, uint32(c), make([]int, n)
		for k := 0; k < n; k++ {
			r.Values[k] = c >> uint(n-1-k) & 1
		}
		r.Incl, r.PRI = math.NaN(), math.NaN()
	}
	for i, label := range st.Cases {
		c, in := 0, true
		for k := 0; k < n; k++ {
			m := st.Members[k][i]
			if m == 0.5 {
				in = false
				break
			}
			c <<= 1
			if m > 0.5 {
				c |= 1
			}
		}
		if in {
			tt.Rows[c].N++
			tt.Rows[c].Cases = append(tt.Rows[c].Cases, label)
		}
	}
	for c := range tt.Rows {
		r := &tt.Rows[c]
		if r.N > 0 {
			f := sufficiency(membership(st, []Term{configTerm(r.Config, n)}), st.Y)
			r.Incl, r.PRI = f.InclS, f.PRI
		}
		switch {
		case r.N < cuts.N:
			r.Out = "?"
		case agteb(r.Incl, cuts.Incl) && (cuts.PRI == 0 || agteb(r.PRI, cuts.PRI)):
			r.Out = "1"
		default:
			r.Out = "0"
		}
	}
	return tt, nil
}

// configTerm is the term naming every condition as in the configuration.
func configTerm(config uint32, n int) Term {
	t := make(Term, n)
	for k := 0; k < n; k++ {
		if config>>uint(n-1-k)&1 == 1 {
			t[k] = Present
		} else {
			t[k] = Negated
		}
	}
	return t
}

// Observed lists the rows with at least one case, by Number.
func (tt *TruthTable) Observed() []Row {
	var out []Row
	for _, r := range tt.Rows {
		if r.N > 0 {
			out = append(out, r)
		}
	}
	return out
}

// configs lists the configurations whose outcome value is one of outs.
func (tt *TruthTable) configs(outs ...string) []uint32 {
	var out []uint32
	for _, r := range tt.Rows {
		for _, o := range outs {
			if r.Out == o {
				out = append(out, r.Config)
			}
		}
	}
	return out
}
