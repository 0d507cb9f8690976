package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// ErrNeedToken refuses to listen beyond this computer without a token.
var ErrNeedToken = errors.New("the web interface listens beyond this computer only with a token: give --token (or set OBS_TOKEN) or --users FILE, or listen on 127.0.0.1")

const (
	sessionCookie = "obs_session"
	authCookie    = "obs_auth"
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
)

// Loopback reports whether addr (host:port) listens on this computer only.
// An empty host ("":8080) listens everywhere; a host name other than
// localhost is not trusted to stay loopback.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Listen opens addr, refusing anything beyond loopback unless opt asks
// for a token (Token or Users).
func Listen(addr string, opt Options) (net.Listener, error) {
	if !Loopback(addr) && opt.Token == "" && opt.Users == nil {
		return nil, fmt.Errorf("%s: %w", addr, ErrNeedToken)
	}
	return net.Listen("tcp", addr)
}

// guard is the access control every request passes: security headers, the
// Host check (against DNS rebinding when no token is set), the token, the
// session cookie CSRF tokens derive from, and CSRF on every POST but the
// upload, which checks it before reading the files.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		// same-origin, not no-referrer: with no-referrer a browser sends
		// "Origin: null" on its own form posts, which the CSRF check refuses.
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if !s.authOn() && !loopbackHost(r.Host) {
			http.Error(w, "This server answers only to localhost and 127.0.0.1.", http.StatusMisdirectedRequest)
			return
		}
		who := s.opt.User
		if s.authOn() {
			var ok bool
			if who, ok = s.authorised(w, r); !ok {
				return
			}
		}
		sid := s.session(w, r)
		if r.Method == http.MethodPost && r.URL.Path != uploadPath {
			r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
			if !s.csrfOK(r, sid, r.PostFormValue(csrfField)) {
				s.refuseForm(w, r.WithContext(withSession(r.Context(), sid)))
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(withWho(withSession(r.Context(), sid), who)))
	})
}

func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// authOn says whether requests must carry a token (--token or --users).
func (s *Server) authOn() bool { return s.opt.Token != "" || s.opt.Users != nil }

// tokenOwner is who a token belongs to: a person of the users file, or,
// for the single --token, the account the server runs as.
func (s *Server) tokenOwner(t string) (string, bool) {
	if s.opt.Token != "" && tokenEqual(t, s.opt.Token) {
		return s.opt.User, true
	}
	return s.opt.Users.Who(t)
}

// authorised finds who sends the request: a Bearer token, the sign-in
// cookie, or ?token= (which signs the browser in, with a cookie holding a
// random id, never the token, and redirects to the same page without the
// token, so that it leaves the address bar and the history). A sign-in
// lasts SessionTime, or until the person signs out.
func (s *Server) authorised(w http.ResponseWriter, r *http.Request) (string, bool) {
	msg := "This obs server needs its token: open the address you were given with ?token=... once, or send Authorization: Bearer TOKEN."
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") {
		if who, ok := s.tokenOwner(strings.TrimPrefix(a, "Bearer ")); ok {
			return who, true
		}
	} else if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet {
		if who, ok := s.tokenOwner(t); ok {
			id, expires := s.signIns.start(who, s.opt.SessionTime)
			http.SetCookie(w, &http.Cookie{Name: authCookie, Value: id, Path: "/", Expires: expires, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
			q := r.URL.Query()
			q.Del("token")
			u := url.URL{Path: localPath(r.URL.Path), RawQuery: q.Encode()}
			http.Redirect(w, r, u.String(), http.StatusSeeOther)
			return "", false
		}
	} else if c, err := r.Cookie(authCookie); err == nil {
		who, ok, expired := s.signIns.find(c.Value)
		if ok {
			return who, true
		}
		if expired {
			msg = fmt.Sprintf("Your sign-in has ended (a sign-in lasts %s). Open the address you were given with ?token=... again.", s.opt.SessionTime)
		}
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="obs"`)
	http.Error(w, msg, http.StatusUnauthorized)
	return "", false
}

// signOut ends the browser's sign-in (POST, from every page's header).
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(authCookie); err == nil {
		s.signIns.end(c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: authCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "You are signed out of obs. To come back, open the address you were given with ?token=... again.")
}

// tokenEqual compares in constant time (hashing first, so the length does
// not leak either).
func tokenEqual(got, want string) bool {
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1 && want != ""
}

// session returns the browser's session id, setting the cookie on first visit.
func (s *Server) session(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(sessionCookie); err == nil && len(c.Value) == 43 {
		return c.Value
	}
	b := make([]byte, 32)
	rand.Read(b)
	sid := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: sid, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	// A request that came without the cookie has no session yet: a POST
	// from it fails the CSRF check, as csrfOK reads the cookie itself.
	return sid
}

// csrfToken is the session's CSRF token, put in every form.
func (s *Server) csrfToken(sid string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("csrf:" + sid))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// csrfOK checks a POST: the session cookie must have come with the request,
// the token (form field or header) must match it, and an Origin, when the
// browser sends one, must be this server.
func (s *Server) csrfOK(r *http.Request, sid, formToken string) bool {
	if c, err := r.Cookie(sessionCookie); err != nil || c.Value != sid {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	got := r.Header.Get(csrfHeader)
	if got == "" {
		got = formToken
	}
	want := s.csrfToken(sid)
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func forbidden(w http.ResponseWriter) {
	http.Error(w, "This form has expired or did not come from this page (CSRF check). Go back, reload the page and try again.", http.StatusForbidden)
}
