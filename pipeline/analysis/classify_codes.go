package analysis

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// mapCodes maps the interview codes through the codebook and puts the
// mappings in the temporary table code_targets the facts use.
func (res *ClassifyResult) mapCodes(ctx context.Context, tx *store.Tx) error {
	rows, err := tx.Conn.QueryContext(ctx, codeCountsSQL)
	if err != nil {
		return err
	}
	segs, areas := map[string]int{}, map[string]int{}
	for rows.Next() {
		var c string
		var n, a int
		if err := rows.Scan(&c, &n, &a); err != nil {
			rows.Close()
			return err
		}
		segs[c], areas[c] = n, a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var unmapped []string
	res.Mappings, unmapped = res.Options.Codebook.Map(segs)
	for _, c := range unmapped {
		res.Unmapped = append(res.Unmapped, UnmappedCode{Code: c, Segments: segs[c], Areas: areas[c]})
	}
	sort.SliceStable(res.Unmapped, func(i, j int) bool { return res.Unmapped[i].Segments > res.Unmapped[j].Segments })
	if _, err := tx.Exec(codeTargetsSQL); err != nil {
		return err
	}
	cols := []schemas.Column{{Name: "code", Type: schemas.Text}, {Name: "target_type", Type: schemas.Text}, {Name: "target", Type: schemas.Text}}
	w := newTableWriter(&schemas.Table{Name: "code_targets", Columns: cols})
	for _, m := range res.Mappings {
		w.add(m.Code, m.TargetType, m.Target)
	}
	return w.flush(tx)
}

// approaches tags each area and period with the approaches and focus its
// coded segments and project themes show.
func (res *ClassifyResult) approaches(ctx context.Context, conn *sql.Conn) error {
	type key struct {
		area   string
		period int
		typ    string
		tag    string
	}
	got := map[key]*ApproachRow{}
	var order []key
	at := func(k key) *ApproachRow {
		r, ok := got[k]
		if !ok {
			r = &ApproachRow{Area: k.area, Period: k.period, TagType: k.typ, Tag: k.tag}
			got[k] = r
			order = append(order, k)
		}
		return r
	}
	rows, err := conn.QueryContext(ctx, approachSegmentsSQL)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k key
		var n int
		var ex sql.NullString
		if err := rows.Scan(&k.area, &k.period, &k.typ, &k.tag, &n, &ex); err != nil {
			rows.Close()
			return err
		}
		r := at(k)
		r.Codes += n
		if ex.String != "" {
			r.Evidence = "“" + cut(ex.String, 120) + "”"
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = conn.QueryContext(ctx, projectThemesSQL)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var area, theme, project string
		var period, n int
		if err := rows.Scan(&area, &period, &theme, &n, &project); err != nil {
			return err
		}
		for _, t := range res.Options.Codebook.ThemeTargets(theme) {
			r := at(key{area, period, t[0], t[1]})
			r.Projects += n
			if r.Evidence == "" {
				r.Evidence = fmt.Sprintf("project %s (theme %s)", project, theme)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.area != b.area {
			return a.area < b.area
		}
		if a.period != b.period {
			return a.period < b.period
		}
		if a.typ != b.typ {
			return a.typ < b.typ
		}
		return a.tag < b.tag
	})
	for _, k := range order {
		res.Approaches = append(res.Approaches, *got[k])
	}
	return nil
}
