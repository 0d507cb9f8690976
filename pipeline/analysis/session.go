package analysis

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// prepare makes, on conn, what definitions and rubric expressions may use:
// the view area_periods and the helpers' macros and views. They are
// temporary: they live as long as the connection.
func prepare(ctx context.Context, conn *sql.Conn, helpers []*Helper) error {
	var parts []string
	for _, k := range schemas.Kinds() {
		if k.Reference {
			continue
		}
		parts = append(parts, fmt.Sprintf(returnedInSQL, k.Name))
	}
	q := fmt.Sprintf(areaPeriodsSQL, strings.Join(parts, "UNION ALL "))
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("preparing the areas and periods: %w", err)
	}
	for _, h := range helpers {
		if _, err := conn.ExecContext(ctx, h.SQL); err != nil {
			return sqlErr(ErrDefinition, h.File, 0, err)
		}
	}
	return nil
}

// AreaInfo is what the results say about an area besides its id.
type AreaInfo struct {
	Name      string
	Synthetic bool // its figures are synthetic (sample data)
}

// AnySynthetic reports whether any of the areas holds synthetic figures.
func AnySynthetic(info map[string]AreaInfo) bool {
	for _, a := range info {
		if a.Synthetic {
			return true
		}
	}
	return false
}

// areaPeriods lists the areas and periods, sorted.
func areaPeriods(ctx context.Context, conn *sql.Conn) (areas []string, info map[string]AreaInfo, periods []int, err error) {
	rows, err := conn.QueryContext(ctx, areaNamesSQL)
	if err != nil {
		return nil, nil, nil, err
	}
	info = map[string]AreaInfo{}
	for rows.Next() {
		var a, n sql.NullString
		var syn sql.NullBool
		if err := rows.Scan(&a, &n, &syn); err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		areas = append(areas, a.String)
		info[a.String] = AreaInfo{Name: n.String, Synthetic: syn.Bool}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, nil, err
	}
	rows, err = conn.QueryContext(ctx, periodsSQL)
	if err != nil {
		return nil, nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p int
		if err := rows.Scan(&p); err != nil {
			return nil, nil, nil, err
		}
		periods = append(periods, p)
	}
	return areas, info, periods, rows.Err()
}
