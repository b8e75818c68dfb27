package frames

import "github.com/grafana/grafana-plugin-sdk-go/data"

// WithNotices adds the upstream's warnings to every frame, for the query
// inspector.
func WithNotices(fs data.Frames, warnings []string) data.Frames {
	for _, w := range warnings {
		for _, f := range fs {
			if f.Meta == nil {
				f.Meta = &data.FrameMeta{}
			}
			f.Meta.Notices = append(f.Meta.Notices, data.Notice{Severity: data.NoticeSeverityWarning, Text: w})
		}
	}
	return fs
}
