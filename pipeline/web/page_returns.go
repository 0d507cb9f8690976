package web

import (
	"context"
	"database/sql"
	"html/template"
	"net/http"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// statusRow is one area and period of the status table.
type statusRow struct {
	Area, AreaID string
	Period       int
	Cells        []string // per kind: "present", "superseded" or "missing"
	Missing      int
}

type loadRow struct {
	ID                    int64
	File, Kinds, LoadedAt string
	Loaded, Quarantined   int64
	SupersededBy          sql.NullInt64
}

const quarantineShown = 500

func (s *Server) returns(w http.ResponseWriter, r *http.Request) {
	title, body, status, err := s.cachedContent(r, func(ctx context.Context) (string, template.HTML, error) {
		areaID := r.URL.Query().Get("area")
		status, err := s.status(ctx)
		if err != nil {
			return "", "", err
		}
		probs, total, err := s.quarantine(ctx, areaID, quarantineShown)
		if err != nil {
			return "", "", err
		}
		loads, err := s.recentLoads(ctx)
		if err != nil {
			return "", "", err
		}
		as, err := s.areas(ctx)
		if err != nil {
			return "", "", err
		}
		body, err := content("returns", map[string]any{
			"Kinds": returnKinds, "Status": status, "Problems": probs, "Total": total, "Shown": quarantineShown,
			"Area": areaID, "Areas": as, "Loads": loads,
		})
		return "Returns", body, err
	})
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	// The upload form carries the session's CSRF token: it is drawn for
	// each request, in front of the cached part.
	form, err := content("upload_form", map[string]any{"CSRF": s.csrfFor(r), "MaxMB": s.opt.MaxUpload >> 20, "CanUpload": s.opt.Keyring != nil})
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	s.show(w, r, status, "returns", title, form+body)
}

// status is the grid of returns present, superseded and missing.
func (s *Server) status(ctx context.Context) ([]statusRow, error) {
	rows, err := s.st.DB.QueryContext(ctx, `
WITH periods AS (SELECT DISTINCT period FROM load_parts WHERE period IS NOT NULL AND kind <> 'areas'),
parts AS (SELECT area_id, period, kind, bool_or(superseded_by IS NULL) AS current FROM load_parts
          WHERE kind <> 'areas' AND period IS NOT NULL GROUP BY ALL)
SELECT a.area_id, coalesce(a.name, a.area_id), p.period, coalesce(list(pt.kind) FILTER (WHERE pt.current), []), coalesce(list(pt.kind) FILTER (WHERE NOT pt.current), [])
FROM areas a CROSS JOIN periods p
LEFT JOIN parts pt ON pt.area_id = a.area_id AND pt.period = p.period
GROUP BY ALL ORDER BY 2, 3`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []statusRow
	for rows.Next() {
		var sr statusRow
		var cur, old []any
		if err := rows.Scan(&sr.AreaID, &sr.Area, &sr.Period, &cur, &old); err != nil {
			return nil, err
		}
		have := map[string]string{}
		for _, k := range old {
			if ks, ok := k.(string); ok {
				have[ks] = "superseded"
			}
		}
		for _, k := range cur {
			if ks, ok := k.(string); ok {
				have[ks] = "present"
			}
		}
		for _, k := range returnKinds {
			c := have[k]
			if c == "" {
				c = "missing"
			}
			if c != "present" {
				sr.Missing++
			}
			sr.Cells = append(sr.Cells, c)
		}
		out = append(out, sr)
	}
	return out, rows.Err()
}

// quarantine lists the current quarantined rows (those of loads not wholly
// replaced), for one area or all, at most limit, and how many there are.
func (s *Server) quarantine(ctx context.Context, areaID string, limit int) ([]problem, int, error) {
	const where = `FROM quarantine WHERE ($1 = '' OR area_id = $1)
		AND load_id NOT IN (SELECT load_id FROM loads WHERE superseded_by IS NOT NULL)`
	var total int
	if err := s.st.DB.QueryRowContext(ctx, "SELECT count(*) "+where, areaID).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.st.DB.QueryContext(ctx, `SELECT coalesce(file, ''), coalesce(sheet, '') || '!' || coalesce(col, '') || coalesce(row::VARCHAR, ''),
		coalesce(error_type, ''), coalesce(message, ''), coalesce(column_name, ''), coalesce(kind, ''), coalesce(area_id, '') `+where+`
		ORDER BY load_id DESC, sheet, row, col LIMIT $2`, areaID, limit)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []problem
	for rows.Next() {
		var p problem
		if err := rows.Scan(&p.File, &p.Where, &p.Type, &p.Message, &p.Column, &p.Kind, &p.Area); err != nil {
			return nil, 0, err
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

func (s *Server) recentLoads(ctx context.Context) ([]loadRow, error) {
	rows, err := s.st.DB.QueryContext(ctx, `SELECT load_id, coalesce(file, ''), coalesce(kinds, ''), coalesce(loaded_at, ''),
		coalesce(rows_loaded, 0), coalesce(rows_quarantined, 0), superseded_by FROM loads ORDER BY load_id DESC LIMIT 50`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []loadRow
	for rows.Next() {
		var l loadRow
		if err := rows.Scan(&l.ID, &l.File, &l.Kinds, &l.LoadedAt, &l.Loaded, &l.Quarantined, &l.SupersededBy); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// problemsCSV downloads the quarantine list, to hand back to an area.
func (s *Server) problemsCSV(w http.ResponseWriter, r *http.Request) {
	areaID := r.URL.Query().Get("area")
	rows, err := s.st.DB.QueryContext(r.Context(), `SELECT file, sheet, row, col, column_name, kind, area_id, error_type, message, raw
		FROM quarantine WHERE ($1 = '' OR area_id = $1)
		AND load_id NOT IN (SELECT load_id FROM loads WHERE superseded_by IS NOT NULL)
		ORDER BY load_id, sheet, row, col`, areaID)
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	t, _, err := tabular.FromRows(rows, 0)
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	name := "problems"
	if areaID != "" {
		name += "-" + areaID
	}
	s.writeTable(w, r, name, tabular.FormatCSV, t)
}

// recomputeNow starts recomputing the analyses (POST, from the banner).
func (s *Server) recomputeNow(w http.ResponseWriter, r *http.Request) {
	s.recompute()
	http.Redirect(w, r, localPath(r.PostFormValue("back")), http.StatusSeeOther)
}

// localPath keeps a redirect on this server: a path, never another host.
func localPath(u string) string {
	if u == "" || u[0] != '/' || len(u) > 1 && (u[1] == '/' || u[1] == '\\') {
		return "/"
	}
	return u
}
