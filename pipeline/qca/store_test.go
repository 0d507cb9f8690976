package qca

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// Storing a result writes its truth table, solutions, necessity and
// settings under its name; storing it again replaces only that name's rows.
func TestStore(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	report := func(incl float64) *Report {
		tt := load(t, "lipset_fuzzy.csv", "SURV", "DEV,URB,LIT,IND,STB", cuts(incl))
		dir, _ := ParseDirExp("1,1,1,1,1", tt.Data.Conditions)
		opt := Options{DirExp: dir}
		res, err := Minimize(tt, opt)
		if err != nil {
			t.Fatal(err)
		}
		nec, _ := NecessityTable(tt.Data, nil)
		return NewReport(res, nec, Settings(tt.Data, tt.Cuts, opt))
	}
	save := func(name string, rep *Report) {
		if err := st.InTx(ctx, func(tx *store.Tx) error { return Store(tx, name, rep) }); err != nil {
			t.Fatal(err)
		}
	}
	save("lipset", report(0.7))
	save("other", report(0.8))
	save("lipset", report(0.7)) // again: replaces, does not add
	var n, nsol, nnec int
	var cfg, term string
	var inclS, covU float64
	if err := st.DB.QueryRowContext(ctx, `SELECT count(*), max(configuration) FILTER (WHERE row = 22) FROM qca_truth_table WHERE analysis = 'lipset'`).Scan(&n, &cfg); err != nil {
		t.Fatal(err)
	}
	if n != 32 || cfg != "DEV*~URB*LIT*~IND*STB" {
		t.Errorf("truth table: %d rows, row 22 is %q; want 32 rows, DEV*~URB*LIT*~IND*STB", n, cfg)
	}
	if err := st.DB.QueryRowContext(ctx, `SELECT count(*) FROM qca_solutions WHERE analysis = 'lipset'`).Scan(&nsol); err != nil {
		t.Fatal(err)
	}
	if nsol != 7 { // conservative 2 terms + solution, parsimonious 1 + 1, intermediate 1 + 1
		t.Errorf("%d solution rows, want 7", nsol)
	}
	if err := st.DB.QueryRowContext(ctx, `SELECT term, incl_s, cov_u FROM qca_solutions WHERE analysis = 'lipset' AND solution = 'conservative' AND term LIKE '%~URB%'`).Scan(&term, &inclS, &covU); err != nil {
		t.Fatal(err)
	}
	if f3(inclS) != "0.809" || f3(covU) != "0.196" {
		t.Errorf("%s: inclS %v, covU %v; QCA prints 0.809 and 0.196", term, inclS, covU)
	}
	if err := st.DB.QueryRowContext(ctx, `SELECT count(*) FROM qca_necessity WHERE analysis = 'other'`).Scan(&nnec); err != nil {
		t.Fatal(err)
	}
	if nnec != 10 {
		t.Errorf("other: %d necessity rows, want 10", nnec)
	}
	var cut string
	if err := st.DB.QueryRowContext(ctx, `SELECT value FROM qca_settings WHERE analysis = 'other' AND key = 'incl_cut'`).Scan(&cut); err != nil || cut != "0.8" {
		t.Errorf("other's incl_cut setting %q (%v), want 0.8", cut, err)
	}
}
