package web

import (
	"context"
	"database/sql"

	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// SavedQuery is one query of the library, as the queries page shows it.
type SavedQuery struct {
	Name, Description string
	Params            []QueryParam
	SQL               string // its text, for a download's record
}

// QueryParam is one parameter of a saved query or a notebook.
type QueryParam struct {
	Name, Type, Default, Doc string
	Required                 bool
	Choices                  []string // when not empty, the form offers these
}

// NotebookInfo names a notebook and its parameters (Default is the value
// its front matter gives).
type NotebookInfo struct {
	Name, Title, Description string
	Params                   []QueryParam
	Source                   steps.Source
}

// savedQueries lists the query library (package query) for the pages.
func savedQueries() ([]SavedQuery, error) {
	qs, err := query.Saved()
	if err != nil {
		return nil, err
	}
	out := make([]SavedQuery, 0, len(qs))
	for _, q := range qs {
		sq := SavedQuery{Name: q.Name, Description: q.Description, SQL: q.SQL}
		for _, p := range q.Params {
			sq.Params = append(sq.Params, QueryParam{Name: p.Name, Type: p.Type, Default: p.Default, Doc: p.Doc, Required: p.Required})
		}
		out = append(out, sq)
	}
	return out, nil
}

// runSavedQuery runs a saved query on db (the console sandbox's read-only
// copy), keeping at most limit rows.
func runSavedQuery(ctx context.Context, db *sql.DB, name string, params map[string]string, limit int) (*tabular.Table, bool, error) {
	q, err := query.Find(name)
	if err != nil {
		return nil, false, err
	}
	return query.Table(ctx, db, q, params, limit)
}

// shippedNotebooks lists the notebooks obs carries, for the pages.
func shippedNotebooks() ([]NotebookInfo, error) {
	srcs, err := steps.ShippedNotebooks()
	if err != nil {
		return nil, err
	}
	var out []NotebookInfo
	for _, src := range srcs {
		nb := src.Parse()
		info := NotebookInfo{Name: src.Name(), Title: nb.Title, Source: src}
		for _, p := range nb.Params {
			info.Params = append(info.Params, QueryParam{Name: p.Name, Default: p.Value})
		}
		out = append(out, info)
	}
	return out, nil
}
