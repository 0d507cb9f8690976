package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/schemas"
)

// ErrParam is the kind of every parameter mistake: unknown, missing, or a
// value of the wrong type. The message says which and what to write.
var ErrParam = errors.New("parameter")

type paramError struct{ msg string }

func (e *paramError) Error() string { return e.msg }
func (e *paramError) Unwrap() error { return ErrParam }

func paramErr(format string, a ...any) error { return &paramError{fmt.Sprintf(format, a...)} }

// ParseAssignments reads --param values written NAME=VALUE.
func ParseAssignments(list []string) (map[string]string, error) {
	m := map[string]string{}
	for _, a := range list {
		k, v, ok := strings.Cut(a, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, paramErr("--param %q: write NAME=VALUE, for example --param area=birchfield", a)
		}
		if _, dup := m[k]; dup {
			return nil, paramErr("--param %s is given twice", k)
		}
		m[k] = v
	}
	return m, nil
}

// bind returns the arguments for a statement whose parameters are named
// used, from the values given and the query's declared defaults. A name
// given but neither declared nor used is an error, as is a used parameter
// with no value. Arguments are sql.Named values in the order of used.
func bind(ctx context.Context, db *sql.DB, q *Query, used []string, given map[string]string) ([]any, error) {
	declared := map[string]Param{}
	for _, p := range q.Params {
		declared[p.Name] = p
	}
	isUsed := map[string]bool{}
	for _, u := range used {
		isUsed[u] = true
	}
	var unknown []string
	for k := range given {
		if _, ok := declared[k]; !ok && !isUsed[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, paramErr("%s has no parameter %s; %s", q.Name, strings.Join(unknown, ", "), q.paramSummary())
	}
	args := make([]any, 0, len(used))
	for _, name := range used {
		if _, err := strconv.Atoi(name); err == nil {
			return nil, paramErr("%s uses a numbered parameter (? or $%s): name its parameters instead ($area, $period...) so that --param can set them", q.Name, name)
		}
		p, ok := declared[name]
		if !ok {
			// SQL without a header: a given value binds as text.
			v, given := given[name]
			if !given {
				if len(q.Params) > 0 {
					return nil, paramErr("%s uses $%s, which its header does not declare: add a line -- param: %s TYPE DEFAULT DESCRIPTION", q.Name, name, name)
				}
				return nil, paramErr("%s uses $%s: give it with --param %s=VALUE", q.Name, name, name)
			}
			args = append(args, sql.Named(name, v))
			continue
		}
		raw, isGiven := given[name]
		var v any
		var err error
		switch {
		case isGiven && p.Type == "area":
			v, err = resolveArea(ctx, db, raw)
		case isGiven && p.Type == "definition":
			v, err = resolveDefinition(ctx, db, raw)
		case isGiven:
			v, err = convert(p, raw)
		case p.Required:
			return nil, paramErr("%s needs --param %s=VALUE: %s (%s)", q.Name, name, p.Doc, Types[p.Type])
		case p.Null:
			v = nil
		case p.Type == "area":
			v, err = resolveArea(ctx, db, p.Default)
		default:
			v, err = convert(p, p.Default)
		}
		if err != nil {
			return nil, paramErr("--param %s: %v", name, err)
		}
		args = append(args, sql.Named(name, v))
	}
	return args, nil
}

func (q *Query) paramSummary() string {
	if len(q.Params) == 0 {
		return "it takes no parameters"
	}
	names := make([]string, len(q.Params))
	for i, p := range q.Params {
		names[i] = p.Name
	}
	return "its parameters are " + strings.Join(names, ", ") + " (see 'obs queries " + q.Name + "')"
}

// convert reads s as a value of p's type.
func convert(p Param, s string) (any, error) {
	t := strings.TrimSpace(s)
	switch p.Type {
	case "resident_def":
		if r := schemas.ResidentDefByID(strings.ToUpper(t)); r != nil {
			return r.ID, nil
		}
		return nil, fmt.Errorf("%q is not a resident definition: choose %s", t, schemas.ResidentDefChoices())
	case "text", "area", "definition":
		return s, nil
	case "integer":
		n, err := strconv.ParseInt(strings.ReplaceAll(t, ",", ""), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return n, nil
	case "number":
		f, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return f, nil
	case "bool":
		switch strings.ToLower(t) {
		case "yes", "y", "true", "t", "1":
			return true, nil
		case "no", "n", "false", "f", "0":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not yes or no", s)
	case "date":
		for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "2 Jan 2006", "2 January 2006"} {
			if d, err := time.Parse(layout, t); err == nil {
				return d, nil
			}
		}
		return nil, fmt.Errorf("%q is not a date: write 2021-04-03, 03/04/2021 (day first) or 3 Apr 2021", s)
	case "period":
		return parsePeriod(t)
	}
	return nil, fmt.Errorf("unknown type %q", p.Type)
}

// parsePeriod reads a reporting year, 2021-22 (or 2021/22) or 2021, as the
// year it starts; schemas.ParsePeriod says every spelling it takes.
func parsePeriod(s string) (int64, error) {
	p, ok := schemas.ParsePeriod(s)
	if !ok {
		return 0, fmt.Errorf("%q is not a reporting year: write 2021-22 (April 2021 to March 2022) or 2021", s)
	}
	return int64(p), nil
}

// resolveArea finds the area s names, by id or name, case, spacing and
// punctuation ignored; an unknown area is an error naming the nearest.
func resolveArea(ctx context.Context, db *sql.DB, s string) (string, error) {
	rows, err := db.QueryContext(ctx, areaNamesSQL)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	want := schemas.Norm(s)
	var cands []string
	idOf := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return "", err
		}
		if schemas.Norm(id) == want || schemas.Norm(name) == want {
			return id, nil
		}
		cands = append(cands, id, name)
		idOf[id], idOf[name] = id, id
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if near, ok := schemas.Nearest(s, cands); ok {
		return "", fmt.Errorf("there is no area %q: did you mean %s?", s, idOf[near])
	}
	return "", fmt.Errorf("there is no area %q: 'obs query areas' lists the areas", s)
}

// resolveDefinition checks s against the definitions the scores hold (any
// name goes while there are no scores), suggesting the nearest.
func resolveDefinition(ctx context.Context, db *sql.DB, s string) (string, error) {
	rows, err := db.QueryContext(ctx, scoredDefinitionsSQL)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var known []string
	want := strings.ToLower(strings.TrimSpace(s))
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return "", err
		}
		if d == want {
			return d, nil
		}
		known = append(known, d)
	}
	if err := rows.Err(); err != nil || len(known) == 0 {
		return want, err
	}
	msg := fmt.Sprintf("there is no definition %q.", s)
	if near, ok := schemas.Nearest(s, known); ok {
		msg = fmt.Sprintf("there is no definition %q: did you mean %s?", s, near)
	}
	return "", fmt.Errorf("%s The definitions are: %s", msg, strings.Join(known, ", "))
}
