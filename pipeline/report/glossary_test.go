package report

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// TestDefinitionOrder: the glossary and each pack list the definitions in
// the order scoring wrote them (their headers' order), whatever their names,
// with the composite last.
func TestDefinitionOrder(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "obs.duckdb")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]any
	for _, def := range []string{"turnout", "zebra_crossings", "composition", "all"} {
		for _, rd := range []string{"R1", "R2"} {
			rows = append(rows, []any{"hanwell/2021/" + def + "/" + rd, "hanwell", 2021, def, "label of " + def, rd, 1.0, 1})
		}
	}
	insert(t, st.DB, "scores", "score_id, area_id, period, definition, label, resident_def, value, rank", rows...)
	st.Close()
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	d, err := Load(ctx, ro.DB)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, df := range d.Definitions {
		got = append(got, df.ID)
	}
	if strings.Join(got, ",") != "turnout,zebra_crossings,composition,all" {
		t.Errorf("glossary order: %v", got)
	}
	p, err := d.Pack("hanwell", Options{Period: 2021})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, s := range p.Profile {
		got = append(got, s.Definition)
	}
	if strings.Join(got, ",") != "turnout,zebra_crossings,composition" || p.Composite == nil {
		t.Errorf("profile order: %v (composite %v)", got, p.Composite)
	}
}
