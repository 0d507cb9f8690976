package qca

// XY is the sufficiency plot of one term: each case's membership in the
// term (X) against its membership in the outcome (Y). Cases above the
// diagonal are consistent with the term being sufficient; a case in the
// term (X > 0.5) but out of the outcome (Y < 0.5) is a deviant case for
// consistency.
type XY struct {
	Term    string   // the term, as written
	Outcome string   // the outcome, as written
	In      []string // where it appears: "conservative M1", ...
	InclS   float64
	CovS    float64
	Cases   []string
	X, Y    []float64
}

// Deviant lists the cases in the term but out of the outcome.
func (xy XY) Deviant() []string {
	var out []string
	for i, c := range xy.Cases {
		if xy.X[i] > 0.5 && xy.Y[i] < 0.5 {
			out = append(out, c)
		}
	}
	return out
}

// XY gives the sufficiency plot of every distinct term of every solution, in
// the order they first appear.
func (r *Result) XY() []XY {
	st := r.TruthTable.Data
	var out []XY
	index := map[string]int{}
	for _, s := range r.Solutions {
		for _, m := range s.Models {
			where := s.Kind + " " + r.ModelName(s, m)
			for _, t := range m.Terms {
				k, ok := index[t.Text]
				if !ok {
					xy := XY{Term: t.Text, Outcome: st.Outcome, InclS: t.Fit.InclS, CovS: t.Fit.CovS, Cases: st.Cases, Y: st.Y}
					for i := range st.Cases {
						xy.X = append(xy.X, t.Term.Membership(st, i))
					}
					k, index[t.Text] = len(out), len(out)
					out = append(out, xy)
				}
				out[k].In = append(out[k].In, where)
			}
		}
	}
	return out
}
