package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/ourbiggerstory/obs/pipeline/web"
)

func init() {
	register(&Command{
		Name: "serve", Args: "",
		Summary: "the web interface: overview, compare, packs, queries, SQL console, notebooks, uploads",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; anything but loopback needs --token or --users")
			token := fs.String("token", "", "token every request must carry (default $OBS_TOKEN); required beyond loopback")
			key := fs.String("key", privacy.DefaultKeyPath(), "the pseudonym key file for uploads ($OBS_KEY)")
			maxUpload := fs.Int64("max-upload", web.DefaultMaxUpload>>20, "largest upload, in MB")
			timeLimit := fs.Duration("query-time", 10*time.Second, "longest a console or saved query may run")
			memory := fs.String("query-memory", "256MB", "memory DuckDB may use for a query's data")
			processMemory := fs.Int64("console-memory", query.DefaultProcessMemory>>20, "memory, in MB, the process running one console query may use in all (an OS limit)")
			rows := fs.Int("query-rows", 1000, "most rows a query shows on the page")
			downloadRows := fs.Int("download-rows", 200000, "most rows a query download holds")
			users := fs.String("users", "", "file of the people who may sign in, each with their own token (see --add-user)")
			addUser := fs.String("add-user", "", "add a person to the --users file, show their new token once, and stop")
			sessionTime := fs.Duration("session-time", web.DefaultSessionTime, "how long a sign-in lasts before the token is asked for again")
			var tls tlsFiles
			fs.StringVar(&tls.cert, "tls-cert", "", "certificate file (PEM) to serve HTTPS with, beside --tls-key")
			fs.StringVar(&tls.key, "tls-key", "", "private key file (PEM) of --tls-cert")
			return func(args []string) error {
				if len(args) > 0 {
					return usageErr("serve takes no arguments")
				}
				if *addUser != "" {
					return addServeUser(env, *users, *addUser)
				}
				if *token == "" {
					*token = os.Getenv("OBS_TOKEN") // read here, so that help never shows it
				}
				if !web.Loopback(*addr) && *token == "" && *users == "" {
					return usageErr("%v", web.ErrNeedToken)
				}
				if (tls.cert == "") != (tls.key == "") {
					return usageErr("give both --tls-cert and --tls-key, or neither")
				}
				opt := web.Options{
					Token: *token, MaxUpload: *maxUpload << 20, ShowRows: *rows, DownloadRows: *downloadRows, SessionTime: *sessionTime,
					User:    currentUser(),
					Sandbox: query.SandboxOptions{TimeLimit: *timeLimit, MaxMemory: *memory, ProcessMemory: *processMemory << 20},
				}
				if *users != "" {
					u, err := web.ReadUsers(*users)
					if err != nil {
						return usageErr("%v", err)
					}
					opt.Users = u
				}
				return serve(env, *addr, tls, opt, *key)
			}
		},
	})
}

// addServeUser adds a person to the users file and shows their token,
// this once.
func addServeUser(env *Env, users, name string) error {
	if users == "" {
		return usageErr("--add-user needs --users FILE: the file to add them to")
	}
	token, err := web.AddUser(users, name)
	if err != nil {
		return usageErr("%v", err)
	}
	fmt.Fprintf(env.Stdout, "obs serve: added %s to %s. Their token, shown this once (obs keeps only its hash); give it to them privately:\n%s\n"+
		"They sign in by opening the server's address with ?token=%s once; 'obs serve --users %s' lets them in.\n", name, users, token, token, users)
	return nil
}

// tlsFiles are the certificate and key to serve HTTPS with (none: HTTP).
type tlsFiles struct{ cert, key string }

func serve(env *Env, addr string, tls tlsFiles, opt web.Options, keyPath string) error {
	ctx, stop := signal.NotifyContext(env.Ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	kr, err := openKey(env, keyPath)
	if err != nil {
		return err
	}
	opt.DB, opt.Keyring = env.DB, kr
	srv, err := web.New(ctx, opt)
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := web.Listen(addr, opt)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	fmt.Fprintln(env.Stdout, startMessage(ln.Addr().String(), addr, tls, opt.Token != "" || opt.Users != nil))
	errc := make(chan error, 1)
	go func() {
		if tls.cert != "" {
			errc <- hs.ServeTLS(ln, tls.cert, tls.key)
			return
		}
		errc <- hs.Serve(ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(env.Stdout, "obs serve: stopped")
	return nil
}

// startMessage says where the server answers and how to sign in; without
// TLS beyond this computer, that the token travels in clear.
func startMessage(listening, addr string, tls tlsFiles, token bool) string {
	scheme := "http"
	if tls.cert != "" {
		scheme = "https"
	}
	url := scheme + "://" + listening + "/"
	switch {
	case !token:
		return fmt.Sprintf("obs serve: %s (this computer only); Ctrl+C stops it", url)
	case tls.cert == "" && !web.Loopback(addr):
		return fmt.Sprintf("obs serve: warning: without --tls-cert and --tls-key the token and every page travel in clear: anyone on the network between a browser and this server can read them and sign in. Give a certificate, or serve on 127.0.0.1 behind an HTTPS proxy.\n"+
			"obs serve: %s (open %s?token=… once with the token you were given)", url, url)
	}
	return fmt.Sprintf("obs serve: %s (open %s?token=… once with the token you were given)", url, url)
}
