package ingest

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// loadQDC loads a REFI-QDA codebook (.qdc): its code tree goes to qda_codes,
// so that the codebook mapping can be checked against it.
func (l *loader) loadQDC(ctx context.Context, tx *store.Tx) error {
	st, err := os.Stat(l.path)
	if err != nil {
		return l.refuseQDA(err)
	}
	if st.Size() == 0 {
		return l.refuseQDA(qdaErrorf(ErrEmptyFile, "the file is empty (0 bytes); export the codebook again"))
	}
	if st.Size() > l.opt.Limits.MaxFileBytes {
		return l.refuseQDA(qdaErrorf(ErrTooLarge, "the codebook is larger than obs accepts (%d MB; the limit is %d MB)", st.Size()>>20, l.opt.Limits.MaxFileBytes>>20))
	}
	f, err := os.Open(l.path)
	if err != nil {
		return l.refuseQDA(err)
	}
	defer f.Close()
	if err := l.startQDA(ctx, tx); err != nil {
		return err
	}
	q := l.newQDALoad("qdc", areaSpec{}, nil)
	defer q.close()
	err = parseQDC(bufio.NewReader(io.LimitReader(f, l.opt.Limits.MaxFileBytes)), l.res.File, q)
	if err != nil {
		var qe *qdaErr
		if errors.As(err, &qe) {
			return l.refuseQDA(err)
		}
		return err
	}
	l.res.Sheets = append(l.res.Sheets, "codebook")
	l.res.Rows = q.nCodes // the codes are the file's rows
	if err := l.finish(); err != nil {
		return err
	}
	l.res.Kinds = nil
	return l.noteCodebook(q.nCodes)
}
