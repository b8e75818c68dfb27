package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// File is one NAB data file with its labelled windows as row ranges.
type File struct {
	Name    string // "<category>/<file>.csv", the key of combined_windows.json
	Times   []time.Time
	Values  []float64
	Windows []Window
}

// Window is a labelled anomaly window: rows Left..Right inclusive.
type Window struct{ Left, Right int }

// Width is the number of rows in the window.
func (w Window) Width() int { return w.Right - w.Left + 1 }

var errCorpus = errors.New("nabscore: bad corpus")

// timeLayouts are the timestamp forms NAB uses (fractional seconds optional).
var timeLayouts = []string{"2006-01-02 15:04:05.999999", "2006-01-02 15:04:05"}

func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: timestamp %q", errCorpus, s)
}

// LoadCorpus reads DIR/combined_windows.json and every DIR/data/*/*.csv, in
// lexical order of "<category>/<file>.csv". A data file missing from the
// windows file has no windows; a windows entry without a data file is an
// error.
func LoadCorpus(dir string) ([]File, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "combined_windows.json"))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errCorpus, err)
	}
	var labels map[string][][2]string
	if err := json.Unmarshal(raw, &labels); err != nil {
		return nil, fmt.Errorf("%w: combined_windows.json: %w", errCorpus, err)
	}
	var names []string
	root := filepath.Join(dir, "data")
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".csv") {
			rel, _ := filepath.Rel(root, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errCorpus, err)
	}
	slices.Sort(names)
	var files []File
	seen := map[string]bool{}
	for _, name := range names {
		f, err := loadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		f.Name = name
		seen[name] = true
		for _, lw := range labels[name] {
			w, err := f.window(lw)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			f.Windows = append(f.Windows, w)
		}
		files = append(files, f)
	}
	for name := range labels {
		if !seen[name] {
			return nil, fmt.Errorf("%w: windows for %s but no data file", errCorpus, name)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w: no data files under %s", errCorpus, root)
	}
	return files, nil
}

// window maps a labelled [start, end] to rows as NAB's sweeper does: the
// first row whose timestamp equals start (resp. end). Rows are in file order,
// which is not always time order (a DST change repeats or rewinds an hour),
// so the search is linear. A label that falls between rows takes the first
// row at or after start and the last row at or before end.
func (f *File) window(lw [2]string) (Window, error) {
	start, err := parseTime(lw[0])
	if err != nil {
		return Window{}, err
	}
	end, err := parseTime(lw[1])
	if err != nil {
		return Window{}, err
	}
	l := slices.IndexFunc(f.Times, func(t time.Time) bool { return t.Equal(start) })
	if l < 0 {
		l = slices.IndexFunc(f.Times, func(t time.Time) bool { return !t.Before(start) })
	}
	r := slices.IndexFunc(f.Times, func(t time.Time) bool { return t.Equal(end) })
	if r < 0 {
		for i, t := range f.Times {
			if !t.After(end) {
				r = i
			}
		}
	}
	if l < 0 || r < l {
		return Window{}, fmt.Errorf("%w: window %v holds no rows", errCorpus, lw)
	}
	return Window{Left: l, Right: r}, nil
}

func loadFile(path string) (File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer func() { _ = fh.Close() }()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = 2
	if _, err := r.Read(); err != nil { // header
		return File{}, fmt.Errorf("%w: header: %w", errCorpus, err)
	}
	var f File
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return File{}, fmt.Errorf("%w: %w", errCorpus, err)
		}
		t, err := parseTime(rec[0])
		if err != nil {
			return File{}, err
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[1]), 64)
		if err != nil {
			return File{}, fmt.Errorf("%w: value %q", errCorpus, rec[1])
		}
		f.Times = append(f.Times, t)
		f.Values = append(f.Values, v)
	}
	return f, nil
}
