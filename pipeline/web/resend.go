package web

import (
	"net/http"
	"net/url"
	"sort"
)

// A form sent from a page drawn before the server restarted (or before the
// browser's session ended) carries a CSRF token the server no longer
// knows. Refusing it with a bare 403 would lose what the evaluator typed: a
// query, a rationale. When the form plainly came from one of this server's
// own pages (the browser says so in Origin or Sec-Fetch-Site), resend shows
// the input again, kept, in a form with a fresh token, to check and send
// with one click. It never sends anything itself. A form from anywhere else
// gets the plain refusal.

// resendField is one field of the form as it was sent.
type resendField struct{ Name, Value string }

func (s *Server) refuseForm(w http.ResponseWriter, r *http.Request) {
	if !fromOwnPage(r) || r.PostForm == nil {
		forbidden(w)
		return
	}
	var fields []resendField
	names := make([]string, 0, len(r.PostForm))
	for k := range r.PostForm {
		if k != csrfField {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range r.PostForm[k] {
			fields = append(fields, resendField{k, v})
		}
	}
	body, err := content("resend", map[string]any{"Action": r.URL.Path, "Fields": fields, "CSRF": s.csrfFor(r)})
	if err != nil {
		forbidden(w)
		return
	}
	s.show(w, r, http.StatusForbidden, "", "Send the form again", body)
}

// fromOwnPage says whether the browser says the request came from a page of
// this server.
func fromOwnPage(r *http.Request) bool {
	if r.Header.Get("Sec-Fetch-Site") == "same-origin" {
		return true
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return false
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}
