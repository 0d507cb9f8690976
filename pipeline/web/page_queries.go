package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// consoleResultView is a console result as the page shows it, as viewOf
// shows a table: areas by name, periods as 2021-22; Cut says the rows stop
// where the page's size in bytes ran out.
func consoleResultView(res *query.ConsoleResult, limit int, areaNames map[string]string) *resultView {
	v := &resultView{Columns: res.Columns, Total: len(res.Cells), Truncated: res.Truncated, Cut: res.Cut, Limit: limit, Numeric: make([]bool, len(res.Columns))}
	for i, c := range res.Columns {
		if i < len(res.Types) {
			v.Numeric[i] = numericType(res.Types[i])
		}
		v.Titles = append(v.Titles, columnTitle(c))
	}
	if res.Elapsed > 0 {
		v.Elapsed = res.Elapsed.Round(time.Millisecond).String()
	}
	for r, row := range res.Cells {
		cells := make([]cellView, len(row))
		for i, text := range row {
			cells[i] = cellView{Text: text, Null: res.Nulls[r][i]}
			if cells[i].Null {
				continue
			}
			raw := res.Raw[r][i]
			switch c := res.Columns[i]; {
			case c == "period" && v.Numeric[i]:
				if y, err := strconv.Atoi(raw); err == nil {
					cells[i].Text = periodLabel(y)
				}
			case c == "area_id":
				if name, ok := areaNames[raw]; ok {
					cells[i].Text, cells[i].Sub = name, raw
				}
			}
		}
		v.Rows = append(v.Rows, cells)
	}
	for i, c := range res.Columns {
		if c == "period" && v.Numeric[i] {
			v.Numeric[i] = false
		}
	}
	return v
}

func numericType(t string) bool {
	t = strings.ToUpper(t)
	for _, p := range []string{"INT", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER", "DOUBLE", "FLOAT", "REAL", "DECIMAL"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

func (s *Server) savedQuery(name string) (SavedQuery, error) {
	list, err := savedQueries()
	if err != nil {
		return SavedQuery{}, err
	}
	return byName(list, name, func(q SavedQuery) string { return q.Name }, "saved query", "Queries")
}

// byName is the item of list called name, or a notFound that says there is
// no such what and which page lists them.
func byName[T any](list []T, name string, nameOf func(T) string, what, page string) (T, error) {
	for _, x := range list {
		if nameOf(x) == name {
			return x, nil
		}
	}
	var zero T
	return zero, notFound{fmt.Sprintf("There is no %s %q. The %s page lists them.", what, name, page)}
}

func (s *Server) queryList(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "queries", func(ctx context.Context) (string, template.HTML, error) {
		list, err := savedQueries()
		if err != nil {
			return "", "", err
		}
		body, err := content("queries", map[string]any{"List": list})
		return "Queries", body, err
	})
}

// queryParams reads p_NAME fields into the query's parameters; an empty
// field takes the default.
func queryParams(q SavedQuery, form url.Values) map[string]string {
	return paramValues(q.Params, form)
}

func paramValues(ps []QueryParam, form url.Values) map[string]string {
	out := map[string]string{}
	for _, p := range ps {
		if v := strings.TrimSpace(form.Get("p_" + p.Name)); v != "" {
			out[p.Name] = v
		}
	}
	return out
}

// paramQuery is the parameters as the p_NAME fields paramValues reads.
func paramQuery(params map[string]string) url.Values {
	q := url.Values{}
	for k, v := range params {
		q.Set("p_"+k, v)
	}
	return q
}

// withChoices offers the areas for a parameter of type area (or named
// area) and the reporting years for one of type period.
func (s *Server) withChoices(ctx context.Context, ps []QueryParam) ([]QueryParam, error) {
	out := make([]QueryParam, len(ps))
	for i, p := range ps {
		out[i] = p
		switch {
		case p.Type == "area" || p.Name == "area" || p.Name == "area_id":
			as, err := s.areas(ctx)
			if err != nil {
				return nil, err
			}
			out[i].Choices = nil
			for _, a := range as {
				out[i].Choices = append(out[i].Choices, a.ID)
			}
		case p.Name == "definition":
			defs, err := s.definitions(ctx)
			if err != nil {
				return nil, err
			}
			out[i].Choices = nil
			for _, d := range defs {
				out[i].Choices = append(out[i].Choices, d.Name)
			}
		case p.Name == "resident_def":
			out[i].Choices = schemas.ResidentDefIDs()
		case p.Type == "period" || p.Name == "period":
			ps, err := s.periods(ctx)
			if err != nil {
				return nil, err
			}
			out[i].Choices = nil
			for _, y := range ps {
				out[i].Choices = append(out[i].Choices, periodLabel(y))
			}
		}
	}
	return out, nil
}

// runSaved runs a saved query in the sandbox.
func (s *Server) runSaved(ctx context.Context, q SavedQuery, params map[string]string, limit int) (*tabular.Table, bool, time.Duration, error) {
	var t *tabular.Table
	var trunc bool
	start := time.Now()
	err := s.sb.Do(ctx, func(ctx context.Context, db *sql.DB) error {
		var err error
		t, trunc, err = runSavedQuery(ctx, db, q.Name, params, limit)
		return err
	})
	return t, trunc, time.Since(start), err
}

// queryPage shows a saved query's form and, with ?run=1, its result.
func (s *Server) queryPage(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "queries", func(ctx context.Context) (string, template.HTML, error) {
		q, err := s.savedQuery(r.PathValue("name"))
		if err != nil {
			return "", "", err
		}
		form := r.URL.Query()
		params := queryParams(q, form)
		if q.Params, err = s.withChoices(ctx, q.Params); err != nil {
			return "", "", err
		}
		data := map[string]any{"Q": q, "Values": params, "TimeLimit": s.sb.TimeLimit().String(), "DownloadMB": s.sb.DownloadBytes() >> 20,
			"DownloadRows": tabular.Count(int64(s.opt.DownloadRows))}
		if form.Get("run") != "" {
			t, trunc, el, err := s.runSaved(ctx, q, params, s.opt.ShowRows)
			if err != nil {
				data["Error"] = queryError(err)
			} else {
				data["Result"] = viewOf(t, trunc, s.opt.ShowRows, el, s.areaNames(ctx))
				data["Download"] = "/queries/" + url.PathEscape(q.Name) + "/download?" + paramQuery(params).Encode()
			}
		}
		body, err := content("query", data)
		if err == nil && data["Error"] != nil {
			return "", "", uncached{status: http.StatusUnprocessableEntity, title: q.Name, body: body}
		}
		return q.Name, body, err
	})
}

// queryDownload writes a saved query's whole result (up to DownloadRows,
// and the sandbox's DownloadBytes of cell text, past which the file holds
// the rows before and says so at its top) as CSV or XLSX, named for the
// query and its parameters, with the record of where it came from.
func (s *Server) queryDownload(w http.ResponseWriter, r *http.Request) {
	q, err := s.savedQuery(r.PathValue("name"))
	if err != nil {
		s.fail(w, r, "queries", err)
		return
	}
	format := r.URL.Query().Get("format")
	if format != tabular.FormatCSV && format != tabular.FormatXLSX {
		s.fail(w, r, "queries", badRequest{"a download is csv or xlsx"})
		return
	}
	params := queryParams(q, r.URL.Query())
	var t *tabular.Table
	var trunc, cut bool
	err = s.sb.Do(r.Context(), func(ctx context.Context, db *sql.DB) error {
		sq, err := query.Find(q.Name)
		if err == nil {
			t, trunc, cut, err = query.TableWithin(ctx, db, sq, params, s.opt.DownloadRows, s.sb.DownloadBytes())
		}
		return err
	})
	if err != nil {
		s.fail(w, r, "queries", badRequest{queryError(err)})
		return
	}
	var named []tabular.Fact
	for _, p := range q.Params {
		if v, ok := params[p.Name]; ok {
			named = append(named, tabular.Fact{Name: p.Name, Value: v})
		}
	}
	rec := s.record(r.Context(), q.Name, q.Description, named, q.SQL)
	if trunc || cut {
		// Said first, where whoever opens the file reads it.
		most := tabular.Count(int64(s.opt.DownloadRows)) + " rows"
		if cut {
			most = fmt.Sprintf("%d MB", s.sb.DownloadBytes()>>20)
		}
		rec = append(tabular.Record{{Name: "Cut short", Value: fmt.Sprintf("this file holds the first %s rows of the result only: the whole result is more than a download holds (%s). Narrow it with the parameters, or run 'obs query %s' at the command line, which writes every row.", tabular.Count(int64(len(t.Rows))), most, q.Name)}}, rec...)
	}
	s.writeTable(w, r, downloadName(q.Name, named), format, t, rec)
}

// queryError is what the evaluator reads when a query fails.
func queryError(err error) string {
	switch {
	case errors.Is(err, query.ErrTimeLimit), errors.Is(err, query.ErrMemory), errors.Is(err, query.ErrBusy), errors.Is(err, query.ErrRefused), errors.Is(err, query.ErrTooLarge):
		return err.Error()
	}
	return "The query failed: " + err.Error()
}

// consoleView is the console form and its last result.
type consoleView struct {
	SQL       string
	Rows      int
	Seconds   int
	MaxSecs   int
	RowChoice []int
	Result    *resultView
	Error     string
	Notes     []string // how '2021-22' in the SQL was read
	Tables    []tableInfo
	CSRF      string
}

type tableInfo struct {
	Name, Kind, Columns string
}

func (s *Server) consoleForm(r *http.Request) consoleView {
	v := consoleView{SQL: r.PostFormValue("sql"), Rows: 100, MaxSecs: int(s.sb.TimeLimit() / time.Second), CSRF: s.csrfFor(r)}
	v.Seconds = v.MaxSecs
	for _, n := range []int{100, 1000, 10000} {
		if n <= s.opt.ShowRows || len(v.RowChoice) == 0 {
			v.RowChoice = append(v.RowChoice, n)
		}
	}
	if n, err := strconv.Atoi(r.PostFormValue("rows")); err == nil && n > 0 {
		v.Rows = min(n, s.opt.ShowRows)
	}
	if n, err := strconv.Atoi(r.PostFormValue("seconds")); err == nil && n > 0 {
		v.Seconds = min(n, v.MaxSecs)
	}
	if v.SQL == "" && r.Method == http.MethodGet {
		v.SQL = consoleExampleSQL
	}
	return v
}

// console shows the SQL console (GET) or runs its SQL (POST): on the page,
// or as a CSV or XLSX download.
func (s *Server) console(w http.ResponseWriter, r *http.Request) {
	v := s.consoleForm(r)
	v.Tables = s.consoleTables(r.Context())
	if r.Method == http.MethodPost && strings.TrimSpace(v.SQL) != "" {
		format := r.PostFormValue("format")
		limit := v.Rows
		if format == tabular.FormatCSV || format == tabular.FormatXLSX {
			limit = s.opt.DownloadRows
		}
		text, notes := query.PeriodLiterals(v.SQL)
		v.Notes = notes
		if format != tabular.FormatCSV && format != tabular.FormatXLSX {
			format = ""
		}
		cq := query.ConsoleQuery{SQL: text, Rows: limit, Within: time.Duration(v.Seconds) * time.Second, Format: format}
		if format != "" {
			cq.Record = s.record(r.Context(), "the SQL console", "", nil, v.SQL)
		}
		res, err := s.sb.Console(r.Context(), cq)
		switch {
		case err != nil:
			v.Error = queryError(err)
		case format != "":
			download(w, "console_query."+format, downloadTypes[format])
			w.Write(res.File)
			return
		default:
			v.Result = consoleResultView(res, limit, s.areaNames(r.Context()))
		}
	}
	body, err := content("console", v)
	if err != nil {
		s.fail(w, r, "console", err)
		return
	}
	status := http.StatusOK
	if v.Error != "" {
		status = http.StatusUnprocessableEntity
	}
	s.show(w, r, status, "console", "SQL console", body)
}

// consoleTables lists the tables and views the console can read, once per
// version of the database.
func (s *Server) consoleTables(ctx context.Context) []tableInfo {
	gen := s.gen.Load()
	s.tables.mu.Lock()
	defer s.tables.mu.Unlock()
	if s.tables.list != nil && s.tables.gen == gen {
		return s.tables.list
	}
	var out []tableInfo
	err := s.sb.Do(ctx, func(ctx context.Context, db *sql.DB) error {
		rows, err := db.QueryContext(ctx, consoleTablesSQL)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t tableInfo
			if err := rows.Scan(&t.Name, &t.Kind, &t.Columns); err != nil {
				return err
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	if err != nil {
		s.opt.Logf("obs serve: listing tables: %v", err)
		return out
	}
	s.tables.gen, s.tables.list = gen, out
	return out
}

// tableList is the console's list of tables for one version of the database.
type tableList struct {
	mu   sync.Mutex
	gen  int64
	list []tableInfo
}
