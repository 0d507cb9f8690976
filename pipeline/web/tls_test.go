package web_test

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/cli"
)

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// their paths and a pool that trusts the certificate.
func selfSigned(t *testing.T) (certPath, keyPath string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "obs test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certPath, keyPath = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certPath, keyPath, pool
}

// startServe runs 'obs serve' with args until the test ends and returns
// the lines it printed on starting.
func startServe(t *testing.T, args ...string) []string {
	t.Helper()
	t.Setenv("OBS_TOKEN", "")
	dir := t.TempDir()
	args = append([]string{"serve", "--db", filepath.Join(dir, "obs.duckdb"), "--key", filepath.Join(dir, "key")}, args...)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		done <- cli.Run(ctx, args, nil, pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		go io.Copy(io.Discard, pr)
		<-done
	})
	sc := bufio.NewScanner(pr)
	var lines []string
	for sc.Scan() { // a warning, then the line with the address
		lines = append(lines, sc.Text())
		if strings.Contains(sc.Text(), "://") {
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if len(lines) == 0 {
		t.Fatalf("obs serve %v printed nothing", args)
	}
	return lines
}

var urlRE = regexp.MustCompile(`https?://[^ ]+/`)

// TestServeTLS: with --tls-cert and --tls-key the server speaks HTTPS only,
// and its cookies are Secure.
func TestServeTLS(t *testing.T) {
	cert, key, pool := selfSigned(t)
	lines := startServe(t, "--addr", "127.0.0.1:0", "--token", "tls-test-token", "--tls-cert", cert, "--tls-key", key)
	base := urlRE.FindString(lines[len(lines)-1])
	if !strings.HasPrefix(base, "https://127.0.0.1:") {
		t.Fatalf("start-up message %q gives no https address", lines[0])
	}
	c := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := c.Get(base + "?token=tls-test-token")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) == 0 {
		t.Fatalf("sign-in over TLS: %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	for _, ck := range resp.Cookies() {
		if !ck.Secure || !ck.HttpOnly {
			t.Errorf("cookie %s over TLS: Secure=%v HttpOnly=%v", ck.Name, ck.Secure, ck.HttpOnly)
		}
	}
	// Plain HTTP to the TLS port is not served.
	if resp, err := http.Get("http://" + strings.TrimPrefix(base, "https://") + "?token=tls-test-token"); err == nil {
		resp.Body.Close()
		if resp.StatusCode < 400 {
			t.Errorf("plain HTTP to the TLS port: %d", resp.StatusCode)
		}
	}
}

// TestServeWarnsOfClearText: beyond loopback without TLS, the start-up
// message says the token travels in clear; with TLS, or on loopback, not.
func TestServeWarnsOfClearText(t *testing.T) {
	cert, key, _ := selfSigned(t)
	for _, tc := range []struct {
		args []string
		warn bool
	}{
		{[]string{"--addr", "0.0.0.0:0", "--token", "x-token"}, true},
		{[]string{"--addr", "0.0.0.0:0", "--token", "x-token", "--tls-cert", cert, "--tls-key", key}, false},
		{[]string{"--addr", "127.0.0.1:0", "--token", "x-token"}, false},
	} {
		got := strings.Join(startServe(t, tc.args...), "\n")
		if warned := strings.Contains(got, "travel in clear"); warned != tc.warn {
			t.Errorf("obs serve %v said %q; warning of clear text: %v, want %v", tc.args, got, warned, tc.warn)
		}
	}
}
