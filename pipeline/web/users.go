package web

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
	"unicode"
)

// The users file ('obs serve --users FILE') gives each person their own
// token: one line per person, their name, a space and "sha256:" with the
// SHA-256 of their token in hex; lines starting with # are notes. A token
// is 32 random bytes ('obs serve --add-user NAME' makes one and shows it
// once), so nobody can guess it from its hash, however fast the hash: a
// slow password hash guards passwords people choose, and nobody chooses
// these. A plain hash also finds the person from the token alone.

// ErrUsersFile is a users file obs cannot read as one.
var ErrUsersFile = errors.New("the users file is not as 'obs serve --add-user' writes it")

// Users are the people who may sign in, by the hash of their token.
type Users struct {
	byHash map[[sha256.Size]byte]string
	names  map[string]bool
}

// ReadUsers reads a users file.
func ReadUsers(path string) (*Users, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the users file: %w", err)
	}
	defer f.Close()
	u := &Users{byHash: map[[sha256.Size]byte]string{}, names: map[string]bool{}}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i <= 0 {
			return nil, fmt.Errorf("%s:%d: %w: a name, a space and sha256: with 64 hex digits", path, n, ErrUsersFile)
		}
		name, hash := strings.TrimSpace(line[:i]), line[i+1:]
		b, err := hex.DecodeString(strings.TrimPrefix(hash, "sha256:"))
		if name == "" || !strings.HasPrefix(hash, "sha256:") || err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("%s:%d: %w: a name, a space and sha256: with 64 hex digits", path, n, ErrUsersFile)
		}
		u.byHash[[sha256.Size]byte(b)] = name
		u.names[strings.ToLower(name)] = true
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(u.byHash) == 0 {
		return nil, fmt.Errorf("%s: %w: it names nobody; add people with 'obs serve --users %s --add-user NAME'", path, ErrUsersFile, path)
	}
	return u, nil
}

// Who is the person whose token this is.
func (u *Users) Who(token string) (string, bool) {
	if u == nil || token == "" {
		return "", false
	}
	h := sha256.Sum256([]byte(token))
	for k, name := range u.byHash { // every entry compared, in constant time
		if subtle.ConstantTimeCompare(k[:], h[:]) == 1 {
			return name, true
		}
	}
	return "", false
}

// AddUser adds name to the users file at path (made, 0600, if there is
// none) and returns their new token, which is stored nowhere.
func AddUser(path, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || strings.IndexFunc(name, func(r rune) bool { return unicode.IsControl(r) || r == '#' }) >= 0 {
		return "", fmt.Errorf("give a name for the person, on one line and without #")
	}
	if u, err := ReadUsers(path); err == nil && u.names[strings.ToLower(name)] {
		return "", fmt.Errorf("%s already has a token in %s; to give them a new one, delete their line and add them again", name, path)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) && !errors.Is(err, ErrUsersFile) {
		return "", err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	h := sha256.Sum256([]byte(token))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return "", fmt.Errorf("writing the users file: %w", err)
	}
	if _, err := fmt.Fprintf(f, "%s sha256:%s\n", name, hex.EncodeToString(h[:])); err != nil {
		f.Close()
		return "", err
	}
	return token, f.Close()
}

// DefaultSessionTime is how long a sign-in lasts.
const DefaultSessionTime = 12 * time.Hour

// signIns are the browsers signed in, by the random id their cookie holds;
// they end at sign-out, when they expire, or when the server stops.
type signIns struct {
	mu sync.Mutex
	m  map[string]signIn
}

type signIn struct {
	who     string
	expires time.Time
}

func (s *signIns) start(who string, d time.Duration) (id string, expires time.Time) {
	b := make([]byte, 32)
	rand.Read(b)
	id, expires = base64.RawURLEncoding.EncodeToString(b), time.Now().Add(d)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]signIn{}
	}
	now := time.Now()
	for k, v := range s.m {
		if now.After(v.expires) {
			delete(s.m, k)
		}
	}
	s.m[id] = signIn{who: who, expires: expires}
	return id, expires
}

// find is who signed in with id, and whether the sign-in has expired.
func (s *signIns) find(id string) (who string, ok, expired bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, found := s.m[id]
	if !found {
		return "", false, false
	}
	if time.Now().After(v.expires) {
		delete(s.m, id)
		return "", false, true
	}
	return v.who, true, false
}

func (s *signIns) end(id string) {
	s.mu.Lock()
	delete(s.m, id)
	s.mu.Unlock()
}
