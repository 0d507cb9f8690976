package web

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// pager is one page of a list that grows with what is loaded (quarantined
// rows, loads, changes): no page lists more than size of them. The page
// is asked for by a parameter of the address (qpage, lpage, apage), so
// that each list turns its own pages and keeps the others where they are.
type pager struct {
	Offset, Size   int
	Total          int
	Prev, Next     string // addresses of the pages before and after; "" at either end
	From, To, Of   string // "501", "1,000", "8,312"
	Label, Purpose string // what is listed, for the navigation's name
}

// pageOf is the page of a list of total items, size a page, that q's
// param asks for (the first when it asks for none, the last when it asks
// for one past the end, as after the list shrank); the links keep q's other parameters and go to anchor.
func pageOf(q url.Values, param string, size, total int, anchor, label string) pager {
	pages := max(1, (total+size-1)/size)
	n, err := strconv.Atoi(q.Get(param))
	if err != nil || n < 1 {
		n = 1
	}
	n = min(n, pages)
	p := pager{Offset: (n - 1) * size, Size: size, Total: total, Label: label}
	link := func(to int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set(param, strconv.Itoa(to))
		if to == 1 {
			v.Del(param)
		}
		u := url.URL{Path: "/returns", RawQuery: v.Encode(), Fragment: anchor}
		return u.String()
	}
	if n > 1 {
		p.Prev = link(n - 1)
	}
	if n < pages {
		p.Next = link(n + 1)
	}
	p.From = tabular.Count(int64(min(p.Offset+1, total)))
	p.To = tabular.Count(int64(min(p.Offset+size, total)))
	p.Of = tabular.Count(int64(total))
	p.Purpose = fmt.Sprintf("Pages of the %s", label)
	return p
}

// Paged says the list has more than one page.
func (p pager) Paged() bool { return p.Total > p.Size }
