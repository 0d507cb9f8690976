package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/schemas"
)

// areaIndex resolves what a return writes in its area column (an id or a
// name, in any case and spacing) to an area id.
type areaIndex struct {
	byKey map[string]string // folded id or name -> id
	names map[string]string // id -> name
	las   []string          // local authorities
	known map[string]string // raw value as written -> id, for values resolved before
}

func loadAreas(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (*areaIndex, error) {
	rows, err := db.QueryContext(ctx, areasNamesSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	a := &areaIndex{byKey: map[string]string{}, names: map[string]string{}}
	for rows.Next() {
		var id, name, la string
		if err := rows.Scan(&id, &name, &la); err != nil {
			return nil, err
		}
		a.add(id, name)
		if la != "" {
			a.las = append(a.las, la)
		}
	}
	return a, rows.Err()
}

func (a *areaIndex) add(id, name string) {
	a.byKey[schemas.Norm(id)] = id
	a.byKey[schemas.Norm(name)] = id
	a.names[id] = name
	a.known = nil // what was resolved may now resolve otherwise
}

// notNames tells the keyring that areas' ids, names and local authorities
// are places, never people's names.
func (a *areaIndex) notNames(kr *privacy.Keyring) {
	if kr == nil {
		return
	}
	words := append([]string(nil), a.las...)
	for id, name := range a.names {
		words = append(words, id, name)
	}
	kr.NotNames(words...)
}

var idSeps = strings.NewReplacer("_", " ", "-", " ", ".", " ")

// areaID makes an id from what an areas return gives: lower case, hyphens.
func areaID(s string) string {
	f := strings.Fields(strings.ToLower(idSeps.Replace(s)))
	return strings.Join(f, "-")
}

func (a *areaIndex) resolve(raw string) (string, error) {
	if id, ok := a.known[raw]; ok {
		return id, nil // a sheet writes the same few areas again and again
	}
	if id, ok := a.byKey[schemas.Norm(raw)]; ok {
		if a.known == nil {
			a.known = map[string]string{}
		}
		if len(a.known) < 1024 {
			a.known[raw] = id
		}
		return id, nil
	}
	if id, ok := a.nearest(raw); ok {
		return "", fmt.Errorf("%q is not a known area; did you mean %s (%s)? Correct the name, or add the area with an areas return", strings.TrimSpace(raw), a.names[id], id)
	}
	return "", fmt.Errorf("%q is not a known area; use an area id such as %s or the area's name, or add the area with an areas return", strings.TrimSpace(raw), "birchfield")
}

// nearest is the known area whose id or name is nearest to raw, if any is
// near enough to suggest.
func (a *areaIndex) nearest(raw string) (string, bool) {
	cands := make([]string, 0, len(a.names)*2)
	for id, name := range a.names {
		cands = append(cands, id, name)
	}
	sort.Strings(cands) // the same suggestion every time
	near, ok := schemas.Nearest(raw, cands)
	if !ok {
		return "", false
	}
	return a.byKey[schemas.Norm(near)], true
}

// SuggestArea is the area obs takes raw, as written in a return's area
// column, to mean: the area it names, or else the one an unknown-area
// message suggests ("did you mean Birchfield (birchfield)?"). ok is false
// when no area is near enough to suggest.
func SuggestArea(ctx context.Context, db *sql.DB, raw string) (id string, ok bool, err error) {
	a, err := loadAreas(ctx, db)
	if err != nil {
		return "", false, err
	}
	if id, ok := a.byKey[schemas.Norm(raw)]; ok {
		return id, true, nil
	}
	id, ok = a.nearest(raw)
	return id, ok, nil
}
