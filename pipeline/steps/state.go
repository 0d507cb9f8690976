package steps

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"
)

// State is what a database holds, as far as results go: its loads and when
// the scores and labels were last made.
type State struct {
	LastLoad   int64  // the newest load's number (0: none)
	Loads      int    // how many loads, superseded ones included
	LastLoadAt string // when the newest load was made (RFC 3339, UTC)
	ScoredAt   string // when the scores were last made ("" never)
	LabelledAt string // when the labels were last made ("" never)
	// ScoreMethod and LabelMethod are the saved version of the method the
	// scores and the labels were made with ("version 3 of the method ...",
	// "" when with none).
	ScoreMethod, LabelMethod string
}

// ReadState reads the state of the database db.
func ReadState(ctx context.Context, db *sql.DB) (State, error) {
	var s State
	err := db.QueryRowContext(ctx, stateSQL).Scan(&s.LastLoad, &s.Loads, &s.LastLoadAt, &s.ScoredAt, &s.LabelledAt, &s.ScoreMethod, &s.LabelMethod)
	if err != nil {
		return s, fmt.Errorf("reading the state of the database: %w", err)
	}
	return s, nil
}

// Stale says whether returns were loaded after the scores or the labels were
// made, or were loaded and never analysed (the times compare as text).
func (s State) Stale() bool {
	behind := func(run string) bool { return run == "" || s.LastLoadAt > run }
	return s.Loads > 0 && (behind(s.ScoredAt) || behind(s.LabelledAt))
}

// ResultsMade is when the newer of the scores and labels was made, as packs
// print it ("" when there are none).
func (s State) ResultsMade() string {
	t := max(s.ScoredAt, s.LabelledAt)
	when, err := time.Parse(time.RFC3339, t)
	if err != nil {
		return t
	}
	return when.UTC().Format("2 January 2006, 15:04 UTC")
}

// Fingerprint is the SHA-256 of what the database's figures are made from:
// every load's file checksum, status and row counts, and the settings the
// scores and labels were made with. The same data and settings give the same
// fingerprint, whichever process reads it and however the file is laid out.
func Fingerprint(ctx context.Context, db *sql.DB) (string, error) {
	sum, err := hashLines(ctx, db, fingerprintSQL)
	if err != nil {
		return "", fmt.Errorf("reading the database's checksum: %w", err)
	}
	return sum, nil
}

// hashLines is the SHA-256 of the lines a query returns, each ended by a
// newline, in the query's order.
func hashLines(ctx context.Context, db queryer, query string) (string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	h := sha256.New()
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		h.Write([]byte(line))
		h.Write([]byte{'\n'})
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Held is what the current (not superseded) loads hold.
type Held struct{ Loaded, Quarantined int }

// ReadHeld counts the rows the current loads hold.
func ReadHeld(ctx context.Context, db *sql.DB) (Held, error) {
	var h Held
	err := db.QueryRowContext(ctx, heldSQL).Scan(&h.Loaded, &h.Quarantined)
	return h, err
}
