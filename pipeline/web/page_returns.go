package web

import (
	"context"
	"database/sql"
	"html/template"
	"net/http"
	"net/url"
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

// The most rows a page lists of the quarantine, the loads and the changes.
const (
	quarantinePage = 500
	loadsPage      = 50
	auditPage      = 50
)

func (s *Server) returns(w http.ResponseWriter, r *http.Request) {
	title, body, status, err := s.cachedContent(r, func(ctx context.Context) (string, template.HTML, error) {
		areaID := r.URL.Query().Get("area")
		status, err := s.status(ctx)
		if err != nil {
			return "", "", err
		}
		q := r.URL.Query()
		probs, qpage, err := s.quarantine(ctx, areaID, q)
		if err != nil {
			return "", "", err
		}
		loads, lpage, err := s.recentLoads(ctx, q)
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
		audit, apage, err := s.auditRows(ctx, q)
		if err != nil {
			return "", "", err
		}
		body, err := content("returns", map[string]any{"Audit": audit, "APage": apage, "LPage": lpage,
			"Kinds": returnKinds, "Status": status, "Problems": probs, "Total": qpage.Total, "QPage": qpage,
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

// quarantine lists the page q asks for (qpage) of the current quarantined
// rows (those of loads not wholly replaced), for one area or all.
func (s *Server) quarantine(ctx context.Context, areaID string, q url.Values) ([]problem, pager, error) {
	var total int
	if err := s.st.DB.QueryRowContext(ctx, quarantineCountSQL, areaID).Scan(&total); err != nil {
		return nil, pager{}, err
	}
	pg := pageOf(q, "qpage", quarantinePage, total, "quarantine", "quarantined rows")
	rows, err := s.st.DB.QueryContext(ctx, quarantineRowsSQL, areaID, pg.Size, pg.Offset)
	if err != nil {
		return nil, pg, err
	}
	defer rows.Close()
	var out []problem
	for rows.Next() {
		var p problem
		if err := rows.Scan(&p.File, &p.Where, &p.Type, &p.Message, &p.Column, &p.Kind, &p.Area); err != nil {
			return nil, pg, err
		}
		_, p.Message = ingest.SplitMessage(p.File, p.Message)
		out = append(out, p)
	}
	return out, pg, rows.Err()
}

// recentLoads lists the page q asks for (lpage) of the loads, newest first.
func (s *Server) recentLoads(ctx context.Context, q url.Values) ([]loadRow, pager, error) {
	var total int
	if err := s.st.DB.QueryRowContext(ctx, loadsCountSQL).Scan(&total); err != nil {
		return nil, pager{}, err
	}
	pg := pageOf(q, "lpage", loadsPage, total, "loads-h", "files loaded")
	rows, err := s.st.DB.QueryContext(ctx, recentLoadsSQL, pg.Size, pg.Offset)
	if err != nil {
		return nil, pg, err
	}
	defer rows.Close()
	var out []loadRow
	for rows.Next() {
		var l loadRow
		if err := rows.Scan(&l.ID, &l.File, &l.Kinds, &l.LoadedAt, &l.Loaded, &l.Quarantined, &l.SupersededBy); err != nil {
			return nil, pg, err
		}
		out = append(out, l)
	}
	return out, pg, rows.Err()
}

// auditRow is one change of the audit table.
type auditRow struct{ At, Who, Action, Detail string }

// auditRows lists the page q asks for (apage) of the changes recorded, at
// the command line and through the web, newest first.
func (s *Server) auditRows(ctx context.Context, q url.Values) ([]auditRow, pager, error) {
	var n, total int
	if err := s.st.DB.QueryRowContext(ctx, auditExistsSQL).Scan(&n); err != nil || n == 0 {
		return nil, pager{}, err
	}
	if err := s.st.DB.QueryRowContext(ctx, auditCountSQL).Scan(&total); err != nil {
		return nil, pager{}, err
	}
	pg := pageOf(q, "apage", auditPage, total, "audit-h", "changes")
	rows, err := s.st.DB.QueryContext(ctx, auditSQL, pg.Size, pg.Offset)
	if err != nil {
		return nil, pg, err
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var a auditRow
		if err := rows.Scan(&a.At, &a.Who, &a.Action, &a.Detail); err != nil {
			return nil, pg, err
		}
		out = append(out, a)
	}
	return out, pg, rows.Err()
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
