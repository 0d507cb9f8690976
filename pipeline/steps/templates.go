package steps

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/forms"
	"github.com/ourbiggerstory/obs/schemas"
)

// TemplateReturns are the return templates asked for, for period p: the
// area named by area (its id or name), or every area of the database when
// area is "". kinds are the kinds of return asked for (nil: every kind an
// area fills in).
func TemplateReturns(ctx context.Context, db *sql.DB, area string, p schemas.Period, kinds []*schemas.Kind) ([]*forms.Return, error) {
	rows, err := db.QueryContext(ctx, templateAreasSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []forms.Area
	for rows.Next() {
		var a forms.Area
		if err := rows.Scan(&a.ID, &a.Name, &a.Synthetic); err != nil {
			return nil, err
		}
		all = append(all, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []*forms.Return
	var names []string
	for _, a := range all {
		names = append(names, a.ID)
		if area == "" || schemas.Norm(area) == schemas.Norm(a.ID) || schemas.Norm(area) == schemas.Norm(a.Name) {
			out = append(out, &forms.Return{Area: a, Period: p, Kinds: kinds})
		}
	}
	if len(out) == 0 {
		if area == "" {
			return nil, fmt.Errorf("the database holds no areas; load an areas return (or run obs sample) first")
		}
		msg := fmt.Sprintf("there is no area %q in the database", area)
		if near, ok := schemas.Nearest(area, names); ok {
			msg += fmt.Sprintf("; did you mean %s?", near)
		}
		return nil, fmt.Errorf("%s (obs status lists the areas)", msg)
	}
	return out, nil
}

// ParseKinds reads a list of kinds of return, "events,volunteering"; ""
// gives nil, every kind an area fills in.
func ParseKinds(list string) ([]*schemas.Kind, error) {
	var out []*schemas.Kind
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		k := schemas.KindByName(strings.ReplaceAll(strings.ToLower(n), " ", "_"))
		if k == nil || k.Reference {
			var names []string
			for _, k := range schemas.AreaKinds() {
				names = append(names, k.Name)
			}
			return nil, fmt.Errorf("there is no kind of return %q; the kinds are %s", n, strings.Join(names, ", "))
		}
		out = append(out, k)
	}
	return out, nil
}

// WriteTemplatesZip writes each return's template into one zip, under its
// file name.
func WriteTemplatesZip(w io.Writer, rs []*forms.Return) error {
	zw := zip.NewWriter(w)
	for _, r := range rs {
		var buf bytes.Buffer
		if err := forms.Write(&buf, r); err != nil {
			return err
		}
		part, err := zw.CreateHeader(&zip.FileHeader{Name: r.FileName(), Method: zip.Store})
		if err != nil {
			return err
		}
		if _, err := part.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
