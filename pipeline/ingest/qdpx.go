package ingest

import (
	"context"
	"errors"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// loadQDPX loads a REFI-QDA project.
func (l *loader) loadQDPX(ctx context.Context, tx *store.Tx) error {
	return l.refuse(errors.New("REFI-QDA projects (.qdpx) cannot be read yet"))
}
