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
		parts = append(parts, fmt.Sprintf("SELECT area_id, period FROM %s", k.Name))
	}
	q := `CREATE OR REPLACE TEMP VIEW area_periods AS
WITH returned AS (SELECT DISTINCT area_id, period FROM (` + strings.Join(parts, "\nUNION ALL ") + `) WHERE area_id IS NOT NULL)
SELECT a.area_id, a.name, p.period, CASE WHEN a.population > 0 THEN a.population END AS population,
       coalesce(a.synthetic, false) AS synthetic
FROM areas a
JOIN (SELECT DISTINCT area_id FROM returned) r ON r.area_id = a.area_id
CROSS JOIN (SELECT DISTINCT period FROM returned WHERE period IS NOT NULL) p`
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

// areaPeriods lists the areas and periods, sorted.
func areaPeriods(ctx context.Context, conn *sql.Conn) (areas []string, names map[string]string, periods []int, err error) {
	rows, err := conn.QueryContext(ctx, "SELECT DISTINCT area_id, name FROM area_periods ORDER BY area_id")
	if err != nil {
		return nil, nil, nil, err
	}
	names = map[string]string{}
	for rows.Next() {
		var a, n sql.NullString
		if err := rows.Scan(&a, &n); err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		areas = append(areas, a.String)
		names[a.String] = n.String
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, nil, err
	}
	rows, err = conn.QueryContext(ctx, "SELECT DISTINCT period FROM area_periods ORDER BY period")
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
	return areas, names, periods, rows.Err()
}
