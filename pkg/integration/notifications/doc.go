// Package notifications tests the provisioned notification setup in
// provisioning/alerting (contact points, notification policies, message
// templates, mute timings) without any server:
//
//   - structure and cross-references: the files parse strictly as Grafana's
//     provisioning format, uids are unique, every receiver, template and mute
//     timing named exists, durations obey Alertmanager's constraints, secrets are
//     environment variables that docker-compose.yaml passes to Grafana;
//   - routing: labels are walked through the policy tree as Alertmanager does, so
//     each seed severity is shown to reach the seed's recipients with the seed's
//     cooldown, and alerts are shown to aggregate per rule and service;
//   - rendering: the templates are executed with Go's text/template, Grafana's
//     notification data and Alertmanager's functions, for every templated
//     setting of every contact point an alert reaches; outputs are compared with
//     golden files under testdata (go test -update rewrites them).
package notifications
