package web

import (
	"context"
	"database/sql"
	"fmt"
	"io"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// testHooks stand in for the packs, the query library and the notebooks in
// tests that do not need the real ones.
func testHooks() Hooks {
	return Hooks{
		Recompute:   Recompute,
		PackFormats: []string{"html", "xlsx"},
		Pack: func(ctx context.Context, db *sql.DB, area string, period int, format string, w io.Writer) error {
			var name string
			if err := db.QueryRowContext(ctx, "SELECT name FROM areas WHERE area_id = $1", area).Scan(&name); err != nil {
				return err
			}
			_, err := fmt.Fprintf(w, "<!doctype html><title>pack</title><h1>Evidence pack: %s</h1>", name)
			return err
		},
		Queries: func() ([]SavedQuery, error) {
			return []SavedQuery{{Name: "area_events", Description: "Events by area and year",
				Params: []QueryParam{{Name: "area", Type: "area", Default: "hanwell", Doc: "the area"}}}}, nil
		},
		RunQuery: func(ctx context.Context, db *sql.DB, name string, params map[string]string, limit int) (*tabular.Table, bool, error) {
			area := params["area"]
			if area == "" {
				area = "hanwell"
			}
			rows, err := db.QueryContext(ctx, `SELECT area_id, period, count(*) AS events, sum(attendees) AS attendees
				FROM events WHERE area_id = $area GROUP BY ALL ORDER BY period`, sql.Named("area", area))
			if err != nil {
				return nil, false, err
			}
			return tabular.FromRows(rows, limit)
		},
		Notebooks: func() ([]NotebookInfo, error) {
			return []NotebookInfo{{Name: "engagement", Title: "Engagement over time", Description: "Events and volunteering by year",
				Params: []QueryParam{{Name: "area", Default: "birchfield"}}}}, nil
		},
		Notebook: func(ctx context.Context, db *sql.DB, name string, params map[string]string, w io.Writer) error {
			var n int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM events").Scan(&n); err != nil {
				return err
			}
			_, err := fmt.Fprintf(w, "<!doctype html><title>%s</title><p>%d events</p>", name, n)
			return err
		},
	}
}
