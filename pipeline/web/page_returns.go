package web

import (
	"context"
	"database/sql"
	"html/template"
	"net/http"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
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
		ps, err := s.periods(ctx)
		if err != nil {
			return "", "", err
		}
		audit, err := s.auditRows(ctx)
		if err != nil {
			return "", "", err
		}
		body, err := content("returns", map[string]any{"Audit": audit,
			"Kinds": returnKinds, "Status": status, "Problems": probs, "Total": total, "Shown": quarantineShown,
			"TemplatePeriods": templatePeriods(ps, time.Now()),
			"Area":            areaID, "Areas": as, "Loads": loads,
		})
		return "Returns", body, err
	})
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	// The upload form carries the session's CSRF token: it is drawn for
	// each request, in front of the cached part.
	var quarantined int
	if err := s.st.DB.QueryRowContext(r.Context(), quarantineCountSQL, "").Scan(&quarantined); err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	form, err := content("upload_form", map[string]any{"CSRF": s.csrfFor(r), "MaxMB": s.opt.MaxUpload >> 20, "CanUpload": s.opt.Keyring != nil, "Quarantined": quarantined})
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	s.show(w, r, status, "returns", title, form+body)
}

// status is the grid of returns present, superseded and missing.
func (s *Server) status(ctx context.Context) ([]statusRow, error) {
	rows, err := s.st.DB.QueryContext(ctx, statusSQL)
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
	var total int
	if err := s.st.DB.QueryRowContext(ctx, quarantineCountSQL, areaID).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.st.DB.QueryContext(ctx, quarantineRowsSQL, areaID, limit)
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
		_, p.Message = ingest.SplitMessage(p.File, p.Message)
		out = append(out, p)
	}
	return out, total, rows.Err()
}

func (s *Server) recentLoads(ctx context.Context) ([]loadRow, error) {
	rows, err := s.st.DB.QueryContext(ctx, recentLoadsSQL)
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

// auditRow is one change of the audit table.
type auditRow struct{ At, Who, Action, Detail string }

// auditRows are the latest changes made through the web interface.
func (s *Server) auditRows(ctx context.Context) ([]auditRow, error) {
	var n int
	if err := s.st.DB.QueryRowContext(ctx, auditExistsSQL).Scan(&n); err != nil || n == 0 {
		return nil, err
	}
	rows, err := s.st.DB.QueryContext(ctx, auditSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var a auditRow
		if err := rows.Scan(&a.At, &a.Who, &a.Action, &a.Detail); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// problemsCSV downloads the quarantine list, to hand back to an area.
func (s *Server) problemsCSV(w http.ResponseWriter, r *http.Request) {
	areaID := r.URL.Query().Get("area")
	rows, err := s.st.DB.QueryContext(r.Context(), problemsSQL, areaID)
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
	// Plain CSV, no record lines: it goes back to the area, to open in
	// whatever they have.
	s.writeTable(w, r, name, tabular.FormatCSV, t, nil)
}

// recomputeNow starts recomputing the analyses (POST, from the banner).
func (s *Server) recomputeNow(w http.ResponseWriter, r *http.Request) {
	s.recompute(s.pseudonym(r))
	http.Redirect(w, r, localPath(r.PostFormValue("back")), http.StatusSeeOther)
}

// localPath keeps a redirect on this server: a path, never another host.
func localPath(u string) string {
	if u == "" || u[0] != '/' || len(u) > 1 && (u[1] == '/' || u[1] == '\\') {
		return "/"
	}
	return u
}
