package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestUsersFile: --add-user writes a hash, never the token, to a 0600 file;
// a name is added once; the file reads back to the people it names.
func TestUsersFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	tokA, err := AddUser(path, "Evaluator Alpha")
	if err != nil {
		t.Fatal(err)
	}
	tokB, err := AddUser(path, "Evaluator Beta")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AddUser(path, "evaluator alpha"); err == nil {
		t.Errorf("the same name was added twice")
	}
	if _, err := AddUser(path, "two\nlines"); err == nil {
		t.Errorf("a name with a line break was added")
	}
	b, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 || bytes.Contains(b, []byte(tokA)) || bytes.Contains(b, []byte(tokB)) || len(tokA) != 43 || tokA == tokB {
		t.Errorf("users file %v:\n%s", st.Mode(), b)
	}
	u, err := ReadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	for tok, want := range map[string]string{tokA: "Evaluator Alpha", tokB: "Evaluator Beta", tokA[:42]: "", "": ""} {
		if got, ok := u.Who(tok); got != want || ok != (want != "") {
			t.Errorf("Who(%q) = %q %v, want %q", tok, got, ok, want)
		}
	}
	os.WriteFile(path, []byte("Evaluator Alpha 1234\n"), 0o600)
	if _, err := ReadUsers(path); !errors.Is(err, ErrUsersFile) {
		t.Errorf("a line without a hash: %v", err)
	}
}

// TestPerPersonAccess: each person signs in with their own token, what
// they load is recorded under their pseudonym (never their name) in the
// audit table the returns page shows, signing out ends the sign-in, and a
// sign-in expires.
func TestPerPersonAccess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	tokA, _ := AddUser(path, "Evaluator Alpha")
	tokB, _ := AddUser(path, "Evaluator Beta")
	users, err := ReadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	st := emptyStore(t)
	srv, ts, _ := testServer(t, st, Options{Users: users, SessionTime: 5 * time.Second, User: "server-account"})
	signIn := func(tok string) *http.Client {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		if code, _ := get(t, c, ts.URL+"/returns?token="+url.QueryEscape(tok)); code != http.StatusOK {
			t.Fatalf("signing in: %d", code)
		}
		return c
	}
	if code, _ := get(t, &http.Client{}, ts.URL+"/returns?token=not-a-token"); code != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d", code)
	}
	a := signIn(tokA)
	code, page := postFiles(t, a, ts.URL, map[string][]byte{"volunteering.csv": []byte("area,month,volunteer,hours\nHanwell,2021-05,Test Volunteer,4\n")}, "volunteering.csv")
	if code != http.StatusOK || !strings.Contains(page, "1 row loaded") {
		t.Fatalf("upload by A: %d %s", code, clipText(page, 500))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := srv.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	pa := srv.opt.Keyring.Pseudonym("Evaluator Alpha")
	rows, err := st.DB.Query("SELECT changed_by, action, detail FROM audit ORDER BY audit_id")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var who, action, detail string
		rows.Scan(&who, &action, &detail)
		got = append(got, who+" "+action+" "+detail)
	}
	rows.Close()
	if len(got) != 2 || !strings.HasPrefix(got[0], pa+" load volunteering.csv") || !strings.HasPrefix(got[1], pa+" recompute") {
		t.Errorf("audit: %q; want A's load then A's recompute under %s", got, pa)
	}
	var loadedBy string
	st.DB.QueryRow("SELECT loaded_by FROM loads").Scan(&loadedBy)
	if loadedBy != pa {
		t.Errorf("loads.loaded_by = %q, want A's pseudonym %s", loadedBy, pa)
	}
	// No name in clear anywhere in the database.
	st.DB.Exec("CHECKPOINT")
	db, _ := os.ReadFile(st.Path)
	for _, name := range []string{"Evaluator Alpha", "evaluator alpha", "server-account"} {
		if bytes.Contains(db, []byte(name)) {
			t.Errorf("the database holds %q in clear", name)
		}
	}
	a, b := signIn(tokA), signIn(tokB) // signed in again: the load and recompute may have outlasted the first
	_, returns := get(t, b, ts.URL+"/returns")
	mustContain(t, "the returns page", returns, "Who changed what", pa, "volunteering.csv (load 1)")

	// Signing out ends A's sign-in, not B's.
	_, page = get(t, a, ts.URL+"/returns")
	u, _ := url.Parse(ts.URL)
	aCookies := a.Jar.Cookies(u)
	resp, err := a.PostForm(ts.URL+"/signout", url.Values{"csrf": {csrfFrom(t, page)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code, _ := get(t, a, ts.URL+"/"); code != http.StatusUnauthorized {
		t.Errorf("after signing out: %d, want 401", code)
	}
	if code, _ := get(t, b, ts.URL+"/"); code != http.StatusOK {
		t.Errorf("B after A signed out: %d", code)
	}
	if code := sendCookies(t, ts.URL+"/", aCookies); code != http.StatusUnauthorized {
		t.Errorf("A's cookie sent again after signing out: %d, want 401", code)
	}
	// A sign-in expires: B's, after the session time (the browser forgets
	// the cookie then; one sent all the same is refused).
	cookies := b.Jar.Cookies(u)
	time.Sleep(5 * time.Second)
	if code, _ := get(t, b, ts.URL+"/"); code != http.StatusUnauthorized {
		t.Errorf("after the session time: %d", code)
	}
	r, _ := http.NewRequest("GET", ts.URL+"/", nil)
	for _, ck := range cookies {
		r.AddCookie(ck)
	}
	resp, err = http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), "sign-in has ended") {
		t.Errorf("an expired sign-in's cookie: %d %q", resp.StatusCode, body)
	}
	// A Bearer token still works, each request on its own.
	r, _ = http.NewRequest("GET", ts.URL+"/", nil)
	r.Header.Set("Authorization", "Bearer "+tokB)
	if resp, err := http.DefaultClient.Do(r); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("Bearer: %v %v", resp.StatusCode, err)
	}
}

// sendCookies GETs url with cookies, as a browser that kept them would.
func sendCookies(t *testing.T, url string, cookies []*http.Cookie) int {
	t.Helper()
	r, _ := http.NewRequest("GET", url, nil)
	for _, ck := range cookies {
		r.AddCookie(ck)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
