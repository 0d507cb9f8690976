package web

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestListenNeedsTokenBeyondLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0", "example.org:0", "nonsense"} {
		ln, err := Listen(addr, Options{})
		if err == nil {
			ln.Close()
			t.Errorf("%s: listened without a token", addr)
		} else if !errors.Is(err, ErrNeedToken) {
			t.Errorf("%s: %v, want ErrNeedToken", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "localhost:0", "[::1]:0", "127.0.0.2:0"} {
		if !Loopback(addr) {
			t.Errorf("%s: not taken for loopback", addr)
		}
	}
	ln, err := Listen("127.0.0.1:0", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	ln, err = Listen("0.0.0.0:0", Options{Token: "a-token"})
	if err != nil {
		t.Fatalf("with a token: %v", err)
	}
	ln.Close()
}

func TestToken(t *testing.T) {
	st := emptyStore(t)
	_, ts, c := testServer(t, st, Options{Token: "correct horse battery staple"})
	req := func(path, auth string) *http.Response {
		r, _ := http.NewRequest("GET", ts.URL+path, nil)
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for _, tc := range []struct {
		path, auth string
		want       int
	}{
		{"/", "", http.StatusUnauthorized},
		{"/", "Bearer wrong", http.StatusUnauthorized},
		{"/", "Bearer correct horse battery stapl", http.StatusUnauthorized},
		{"/", "Basic Y29ycmVjdDo=", http.StatusUnauthorized},
		{"/returns/problems.csv", "", http.StatusUnauthorized},
		{"/static/style.css", "", http.StatusUnauthorized},
		{"/?token=wrong", "", http.StatusUnauthorized},
		{"/", "Bearer correct horse battery staple", http.StatusOK},
		{"/?token=correct+horse+battery+staple", "", http.StatusSeeOther},
	} {
		if got := req(tc.path, tc.auth).StatusCode; got != tc.want {
			t.Errorf("GET %s with %q: %d, want %d", tc.path, tc.auth, got, tc.want)
		}
	}
	// ?token= sets a cookie (not the token itself) and drops the token from the address.
	resp := req("/compare?token=correct+horse+battery+staple&def=all", "")
	loc := resp.Header.Get("Location")
	if strings.Contains(loc, "token") || !strings.HasPrefix(loc, "/compare?") {
		t.Errorf("redirect to %q", loc)
	}
	var auth *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == authCookie {
			auth = ck
		}
	}
	if auth == nil || strings.Contains(auth.Value, "horse") || !auth.HttpOnly {
		t.Fatalf("auth cookie: %+v", auth)
	}
	r, _ := http.NewRequest("GET", ts.URL+"/", nil)
	r.AddCookie(auth)
	if resp, err := c.Do(r); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("with the cookie: %v %v", resp.StatusCode, err)
	}
	r, _ = http.NewRequest("GET", ts.URL+"/", nil)
	r.AddCookie(&http.Cookie{Name: authCookie, Value: "forged"})
	if resp, err := c.Do(r); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("with a forged cookie: %v %v", resp.StatusCode, err)
	}
}

// TestHostCheck: with no token, only loopback host names are answered, so
// that a web page cannot reach the server through DNS rebinding.
func TestHostCheck(t *testing.T) {
	st := emptyStore(t)
	_, ts, c := testServer(t, st, Options{})
	r, _ := http.NewRequest("GET", ts.URL+"/", nil)
	r.Host = "attacker.example:8080"
	resp, err := c.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: %d, want 421", resp.StatusCode)
	}
	u, _ := url.Parse(ts.URL)
	r, _ = http.NewRequest("GET", "http://localhost:"+u.Port()+"/", nil)
	if resp, err := c.Do(r); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("localhost: %v %v", resp, err)
	}
}

func TestCSRF(t *testing.T) {
	st := emptyStore(t)
	_, ts, c := testServer(t, st, Options{})
	_, page := get(t, c, ts.URL+"/returns")
	token := csrfFrom(t, page)
	upload := func(c *http.Client, field, header, origin string) int {
		var body strings.Builder
		mw := multipart.NewWriter(&body)
		if field != "" {
			mw.WriteField("csrf", field)
		}
		fw, _ := mw.CreateFormFile("files", "events.csv")
		fw.Write([]byte("area,event_date,event\nhanwell,2021-05-01,Fun day\n"))
		mw.Close()
		r, _ := http.NewRequest("POST", ts.URL+uploadPath, strings.NewReader(body.String()))
		r.Header.Set("Content-Type", mw.FormDataContentType())
		if header != "" {
			r.Header.Set(csrfHeader, header)
		}
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		resp, err := c.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := upload(c, "", "", ""); got != http.StatusForbidden {
		t.Errorf("upload without a CSRF token: %d, want 403", got)
	}
	if got := upload(c, "forged", "", ""); got != http.StatusForbidden {
		t.Errorf("upload with a wrong CSRF token: %d, want 403", got)
	}
	if got := upload(http.DefaultClient, token, "", ""); got != http.StatusForbidden {
		t.Errorf("upload with the token but without the session cookie: %d, want 403", got)
	}
	if got := upload(c, token, "", "http://attacker.example"); got != http.StatusForbidden {
		t.Errorf("upload from another origin: %d, want 403", got)
	}
	var n int
	st.DB.QueryRow("SELECT count(*) FROM loads").Scan(&n)
	if n != 0 {
		t.Fatalf("%d loads after refused uploads", n)
	}
	if got := upload(c, token, "", ts.URL); got != http.StatusOK {
		t.Errorf("upload with the token: %d, want 200", got)
	}
	if got := upload(c, "", token, ""); got != http.StatusOK {
		t.Errorf("upload with the token in the header: %d, want 200", got)
	}
	for _, path := range []string{"/console", "/recompute"} {
		resp, err := c.PostForm(ts.URL+path, url.Values{"sql": {"SELECT 1"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s without a CSRF token: %d, want 403", path, resp.StatusCode)
		}
	}
	resp, err := c.PostForm(ts.URL+"/console", url.Values{"sql": {"SELECT 42 AS answer"}, "csrf": {token}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), ">42</td>") {
		t.Errorf("console with the token: %d", resp.StatusCode)
	}
}

// zeros is an endless supply of zero bytes, up to n, counting what is read.
type zeros struct {
	n, read int64
}

func (z *zeros) Read(p []byte) (int, error) {
	if z.read >= z.n {
		return 0, io.EOF
	}
	m := min(int64(len(p)), z.n-z.read)
	clear(p[:m])
	atomic.AddInt64(&z.read, m)
	return int(m), nil
}

func TestUploadTooLarge(t *testing.T) {
	st := emptyStore(t)
	_, ts, c := testServer(t, st, Options{})
	_, page := get(t, c, ts.URL+"/returns")
	token := csrfFrom(t, page)
	const gb = 1 << 30
	send := func(declare bool) (int, int64, time.Duration) {
		boundary := "obsboundary"
		head := fmt.Sprintf("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n--%s\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n", boundary, token, boundary)
		tail := fmt.Sprintf("\r\n--%s--\r\n", boundary)
		z := &zeros{n: gb}
		body := io.MultiReader(strings.NewReader(head), z, strings.NewReader(tail))
		r, _ := http.NewRequest("POST", ts.URL+uploadPath, body)
		r.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
		if declare {
			r.ContentLength = int64(len(head)+len(tail)) + gb
		} else {
			r.ContentLength = -1 // chunked: the server cannot know in advance
		}
		start := time.Now()
		resp, err := c.Do(r)
		if err != nil {
			t.Fatalf("1 GB upload: %v (after %d bytes)", err, z.read)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, atomic.LoadInt64(&z.read), time.Since(start)
	}
	for _, declare := range []bool{true, false} {
		code, read, took := send(declare)
		t.Logf("declared length %v: %d after %d MB sent, in %s", declare, code, read>>20, took)
		if code != http.StatusRequestEntityTooLarge {
			t.Errorf("declared length %v: %d, want 413", declare, code)
		}
		if read > DefaultMaxUpload+(64<<20) {
			t.Errorf("declared length %v: the server read %d MB before refusing", declare, read>>20)
		}
		if took > 15*time.Second {
			t.Errorf("declared length %v: took %s to refuse", declare, took)
		}
	}
	var n int
	st.DB.QueryRow("SELECT count(*) FROM loads").Scan(&n)
	if n != 0 {
		t.Errorf("%d loads after a refused upload", n)
	}
}

// TestTokenRedirectStaysLocal: the redirect that drops ?token= from the
// address goes to a path on this server, never to the host a path such as
// //evil.example/x names.
func TestTokenRedirectStaysLocal(t *testing.T) {
	st := emptyStore(t)
	_, ts, _ := testServer(t, st, Options{Token: "T0ken"})
	for _, p := range []string{"//evil.example/path", "/\\evil.example/path", "///evil.example"} {
		resp := rawGet(t, ts.Listener.Addr().String(), p+"?token=T0ken")
		loc := resp.Header.Get("Location")
		u, err := url.Parse(loc)
		if resp.StatusCode != http.StatusSeeOther || err != nil || u.Host != "" || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
			t.Errorf("GET %s?token=…: %d to %q, want a redirect to a local path", p, resp.StatusCode, loc)
		}
	}
}

// TestStaticListsNoFiles: /static/ serves its files but not a list of them.
func TestStaticListsNoFiles(t *testing.T) {
	st := emptyStore(t)
	_, ts, c := testServer(t, st, Options{})
	if code, body := get(t, c, ts.URL+"/static/style.css"); code != http.StatusOK || body == "" {
		t.Errorf("style.css: %d", code)
	}
	for _, p := range []string{"/static/", "/static", "/static/.", "/static//"} {
		code, body := get(t, c, ts.URL+p)
		if code == http.StatusOK || strings.Contains(body, "app.js") || strings.Contains(body, "style.css") {
			t.Errorf("GET %s: %d, and the body lists files: %q", p, code, clipText(body, 200))
		}
	}
}

// rawGet sends a GET with the request target exactly as written (an HTTP
// client would clean it) and returns the response.
func rawGet(t *testing.T, addr, target string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}
