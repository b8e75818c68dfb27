// Command nabscore runs a pkg/detect configuration over a Numenta Anomaly
// Benchmark corpus as a stream and scores it with NAB's rules.
//
//	go run ./tools/nabscore --corpus DIR [--results OUT] [detector options]
//
// DIR holds data/<category>/<file>.csv and combined_windows.json. The last
// line printed is "NAB standard score: <x>".
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "nabscore:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("nabscore", flag.ContinueOnError)
	corpus := fs.String("corpus", "", "NAB corpus directory (data/ and combined_windows.json)")
	results := fs.String("results", "", "write OUT/<category>/<file>.csv with timestamp,value,anomaly_score")
	perFile := fs.Bool("per-file", false, "also print each file's standard-profile contribution at the best threshold")
	cfg := registerDetectorFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *corpus == "" {
		return fmt.Errorf("--corpus is required")
	}
	score, err := cfg.build()
	if err != nil {
		return err
	}
	files, err := LoadCorpus(*corpus)
	if err != nil {
		return err
	}
	scores := make([][]float64, len(files))
	for i, f := range files {
		if scores[i], err = score(f); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	if *results != "" {
		if err := writeResults(*results, files, scores); err != nil {
			return err
		}
	}
	rs, nwin := rows(files, scores)
	_, _ = fmt.Fprintf(stdout, "detector: %s\n", cfg)
	_, _ = fmt.Fprintf(stdout, "corpus: %d files, %d windows, %d scored rows\n", len(files), nwin, len(rs))
	var standard Result
	for _, p := range Profiles {
		r := Optimise(rs, nwin, p)
		_, _ = fmt.Fprintf(stdout, "%-19s threshold %.6f  raw %8.3f  (null %.0f, perfect %.0f)  TP %d  FN %d  FP rows %d  score %.2f\n",
			p.Name, r.Threshold, r.Raw, r.Null, r.Perfect, r.TP, r.FN, r.FP, r.Normalised)
		if p.Name == "standard" {
			standard = r
		}
	}
	if *perFile {
		printPerFile(stdout, files, scores, standard.Threshold)
	}
	_, _ = fmt.Fprintf(stdout, "NAB standard score: %.2f\n", standard.Normalised)
	return nil
}

// scoreFile streams f through a fresh scorer: one score per row, in order.
func scoreFile(s Scorer, f File) []float64 {
	out := make([]float64, len(f.Values))
	for i := range f.Values {
		out[i] = s.Step(f.Times[i], f.Values[i])
	}
	return out
}
