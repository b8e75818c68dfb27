package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// writeResults writes OUT/<category>/<file>.csv with the header
// timestamp,value,anomaly_score: one row per input row, in input order.
func writeResults(out string, files []File, scores [][]float64) error {
	for i, f := range files {
		path := filepath.Join(out, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		fh, err := os.Create(path)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(fh)
		fmt.Fprintln(w, "timestamp,value,anomaly_score")
		for j, t := range f.Times {
			fmt.Fprintf(w, "%s,%s,%s\n", t.Format("2006-01-02 15:04:05"),
				strconv.FormatFloat(f.Values[j], 'g', -1, 64), strconv.FormatFloat(scores[i][j], 'g', -1, 64))
		}
		if err := w.Flush(); err != nil {
			_ = fh.Close()
			return err
		}
		if err := fh.Close(); err != nil {
			return err
		}
	}
	return nil
}

// printPerFile prints each file's standard-profile contribution at threshold
// th: detected windows, missed windows, false-positive rows and its S share.
func printPerFile(w io.Writer, files []File, scores [][]float64, th float64) {
	p := Profiles[0]
	for i, f := range files {
		rs, nwin := rows([]File{f}, [][]float64{scores[i]})
		best := make([]float64, nwin)
		for k := range best {
			best[k] = -p.FN
		}
		s, fp := 0.0, 0
		for _, r := range rs {
			if r.score < th {
				continue
			}
			if r.window < 0 {
				s += p.FP * r.sig
				fp++
			} else if v := p.TP * r.sig; v > best[r.window] {
				best[r.window] = v
			}
		}
		tp := 0
		for _, b := range best {
			s += b
			if b > -p.FN {
				tp++
			}
		}
		_, _ = fmt.Fprintf(w, "  %-62s win %d/%d  FP %3d  S %7.3f\n", f.Name, tp, nwin, fp, s)
	}
}
