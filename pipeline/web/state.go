package web

import (
	"encoding/json"
	"net/http"
)

// stateJSON is the state of the analyses for a page's script: while a
// recompute runs, the page shows what it is doing and reloads itself when
// it ends, so no banner asks the evaluator to reload. "work" is the other
// work under way (progress.go): loads with the rows read so far per file,
// packs being printed.
func (s *Server) stateJSON(w http.ResponseWriter, r *http.Request) {
	v := s.stateView(r.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(map[string]any{"running": v.Running, "stage": v.Stage, "stale": v.Stale, "message": v.Message, "error": v.LastErr,
		"work": s.work.list()})
}
