package sample

import (
	"fmt"
	"os"

	"github.com/ourbiggerstory/obs/schemas"
)

// LargeEvents writes one events workbook of the given number of rows (sheet
// Events, with an area column) for the ingest benchmark: the usual mix of
// date and number forms, names and ids for areas, and no faults. It is
// streamed, so a few hundred thousand rows take little memory.
func LargeEvents(path string, rows int, seed int64) error {
	if seed == 0 {
		seed = 1
	}
	o := Options{Seed: seed}.withDefaults()
	ps := Profiles(o)
	k := schemas.KindByName("events")
	r := rng(seed, "large-events")
	s := &sheet{name: "Events", kind: k, cols: []string{"area"}}
	for _, c := range k.Columns {
		s.cols = append(s.cols, c.Name)
	}
	for _, c := range s.cols {
		s.header = append(s.header, headerFor(r, k, c))
	}
	st := newStyle(r, false)
	st.date = 0
	b, err := newBook(s.name)
	if err != nil {
		return err
	}
	defer b.x.Close()
	err = b.write(s, func(yield func([]any) bool) {
		for i := 0; i < rows; i++ {
			p := ps[r.IntN(len(ps))]
			typ := pick(r, append(otherEventTypes, "capacity building", "networking"))
			att := 5 + r.IntN(120)
			v := rec{"event_date": day{dayIn(r, o.FirstYear+r.IntN(o.Years))}, "event": fmt.Sprintf("%s (%d)", pick(r, eventNames[typ]), i+1),
				"event_type": typ, "organised_by": pick(r, []string{"partnership", "working_group", "community_group", "agency", "worker"}),
				"attendees": att, "resident_attendees": att * (50 + r.IntN(50)) / 100, "new_attendees": att * r.IntN(30) / 100}
			cells := renderRow(st, r, k, s.cols, v)
			cells[0] = st.areaCell(r, p)
			if !yield(cells) {
				return
			}
		}
	})
	if err != nil {
		return err
	}
	about := &sheet{name: "About"}
	if _, err := b.x.NewSheet(about.name); err != nil {
		return err
	}
	if err := b.write(about, func(yield func([]any) bool) { yield([]any{Marker}) }); err != nil {
		return err
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := b.x.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
