package web

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/ourbiggerstory/obs/schemas"
)

// The pages' own reads, on the read-write handle: the server's SQL only,
// never an evaluator's.

type area struct {
	ID, Name, LocalAuthority, Region string
	Population                       sql.NullInt64
	Synthetic                        bool
}

func (s *Server) areas(ctx context.Context) ([]area, error) {
	rows, err := s.st.DB.QueryContext(ctx, areasSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []area
	for rows.Next() {
		var a area
		if err := rows.Scan(&a.ID, &a.Name, &a.LocalAuthority, &a.Region, &a.Population, &a.Synthetic); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// periods lists the reporting years with scores, or else with returns,
// read once per version of the database.
func (s *Server) periods(ctx context.Context) ([]int, error) {
	ps, err := s.lists.periods.get(s.gen.Load(), func() ([]int, error) { return s.readPeriods(ctx) })
	return slices.Clone(ps), err
}

func (s *Server) readPeriods(ctx context.Context) ([]int, error) {
	rows, err := s.st.DB.QueryContext(ctx, periodsSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var p int
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// choosePeriod reads ?period= (2021 or 2021-22), defaulting to the latest
// period with scores, else the latest with returns.
func (s *Server) choosePeriod(ctx context.Context, asked string) (int, []int, error) {
	ps, err := s.periods(ctx)
	if err != nil {
		return 0, nil, err
	}
	if asked != "" {
		p, err := parsePeriod(asked)
		return p, ps, err
	}
	var latest sql.NullInt64
	if err := s.st.DB.QueryRowContext(ctx, latestScoredSQL).Scan(&latest); err != nil {
		return 0, ps, err
	}
	if latest.Valid {
		return int(latest.Int64), ps, nil
	}
	if len(ps) > 0 {
		return ps[len(ps)-1], ps, nil
	}
	return 0, ps, nil
}

// parsePeriod reads a reporting year as the analyses do: 2021-22 or 2021.
func parsePeriod(s string) (int, error) {
	p, ok := schemas.ParsePeriod(s)
	if !ok {
		return 0, badRequest{fmt.Sprintf("%q is not a reporting year: write 2021-22 or 2021", s)}
	}
	return int(p), nil
}

// definition is one definition of resident-led, as the scores name it.
type definition struct {
	Name, Label, Unit, Direction string
	ResidentDef                  bool // depends on the resident definition
}

func (s *Server) definitions(ctx context.Context) ([]definition, error) {
	ds, err := s.lists.defs.get(s.gen.Load(), func() ([]definition, error) { return s.readDefinitions(ctx) })
	return slices.Clone(ds), err
}

func (s *Server) readDefinitions(ctx context.Context) ([]definition, error) {
	rows, err := s.st.DB.QueryContext(ctx, definitionsSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []definition
	for rows.Next() {
		var d definition
		var label sql.NullString
		var order int64
		if err := rows.Scan(&d.Name, &label, &d.Unit, &d.Direction, &d.ResidentDef, &order); err != nil {
			return nil, err
		}
		d.Label = label.String
		if d.Label == "" {
			d.Label = d.Name
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// score is one area's figure on one definition.
type score struct {
	AreaID, Area               string
	Value, Base                sql.NullFloat64
	MinMax, Z, Percentile      sql.NullFloat64
	Rank, NAreas               sql.NullInt64
	Unit, BaseLabel            string
	Missing, Note, ResidentDef string
	Coverage                   sql.NullFloat64
	Goalposts                  sql.NullFloat64
}

// scores lists every area's score on def for the resident definition and
// period, areas without a row included (as missing).
func (s *Server) scores(ctx context.Context, def, rd string, period int) ([]score, error) {
	rows, err := s.st.DB.QueryContext(ctx, scoresSQL, def, rd, period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []score
	for rows.Next() {
		var c score
		if err := rows.Scan(&c.AreaID, &c.Area, &c.Value, &c.Base, &c.MinMax, &c.Z, &c.Percentile, &c.Rank, &c.NAreas,
			&c.Unit, &c.BaseLabel, &c.Missing, &c.Note, &c.ResidentDef, &c.Coverage, &c.Goalposts); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// returnKinds are the kinds of return expected from every area each year:
// every kind but the reference data.
var returnKinds = func() []string {
	var out []string
	for _, k := range schemas.Kinds() {
		if !k.Reference {
			out = append(out, k.Name)
		}
	}
	return out
}()
