package qca

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// Store replaces the analysis name's rows of qca_truth_table,
// qca_solutions, qca_necessity and qca_settings by the report, in tx.
func Store(tx *store.Tx, name string, rep *Report) error {
	if strings.TrimSpace(name) == "" {
		return inputErr("a stored analysis needs a name (--save NAME)")
	}
	tt := store.NewRowWriter(schemas.QCATruthTable)
	n := len(rep.Conditions)
	for _, r := range rep.TruthTable {
		config := configTerm(uint32(r.Row-1), n).Format(rep.Conditions)
		tt.Add(fmt.Sprintf("%s/%d", name, r.Row), name, rep.Outcome, r.Row, config, r.Out, r.N, float64(r.Incl), float64(r.PRI), strings.Join(r.Cases, ","))
	}
	so := store.NewRowWriter(schemas.QCASolutions)
	for _, s := range rep.Solutions {
		id := name + "/" + s.Solution + "/" + s.Model + "/"
		for _, t := range s.Terms {
			so.Add(id+t.Term, name, rep.Outcome, s.Solution, s.Model, s.Text, t.Term, t.Essential,
				float64(t.InclS), float64(t.PRI), float64(t.CovS), float64(t.CovU), CasesText(t.Cases))
		}
		so.Add(id+"(solution)", name, rep.Outcome, s.Solution, s.Model, s.Text, "(solution)", nil,
			float64(s.InclS), float64(s.PRI), float64(s.CovS), nil, "")
	}
	ne := store.NewRowWriter(schemas.QCANecessity)
	for _, x := range rep.Necessity {
		ne.Add(name+"/"+x.Expression, name, rep.Outcome, x.Expression, float64(x.InclN), float64(x.RoN), float64(x.CovN))
	}
	se := store.NewRowWriter(schemas.QCASettings)
	for _, s := range rep.Settings {
		se.Add(name+"/"+s.Key, name, s.Key, s.Value)
	}
	for i, note := range rep.Notes {
		key := "note " + strconv.Itoa(i+1)
		se.Add(name+"/"+key, name, key, note)
	}
	for _, w := range []*store.RowWriter{tt, so, ne, se} {
		if err := w.Replace(tx, fmt.Sprintf(deleteAnalysisSQL, w.Table().Name), name); err != nil {
			return err
		}
	}
	return nil
}
