import { formatLe } from './catalogue';
import { Generator } from './engine';
import { targetRegistry } from './exposition';
import { CHUNK, planChunks, writeChunk } from './openmetrics';
import { STEP } from './time';
import { loadTimeline } from './timeline';
import { TruthAccumulator } from './truth';
import { cumulativeIncrease } from './testing/promql';

const timeline = loadTimeline();
// Monday of the cycle, 02:30–04:30: api-gateway-2 is down 03:10–03:18 and every process restarts at ~04:00.
const FROM = Date.parse('2026-11-16T02:30:00Z') / 1000;
const TO = FROM + 2 * 3600;

async function render(from: number, to: number, opts = {}) {
  const gen = new Generator(timeline);
  let text = '';
  const stats = await writeChunk(gen, from, to, { write: (s) => void (text += s) }, opts);
  return { gen, text, stats };
}

interface Sample {
  series: string;
  value: number;
  t: number;
}

function parse(text: string): { samples: Sample[]; types: string[] } {
  const samples: Sample[] = [];
  const types: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      types.push(line.slice(7));
    } else if (line && !line.startsWith('#')) {
      const m = /^(\S+) (\S+) (\d+)$/.exec(line);
      if (!m) {
        throw new Error(`bad line ${line}`);
      }
      samples.push({ series: m[1], value: Number(m[2]), t: Number(m[3]) });
    }
  }
  return { samples, types };
}

// Two hours of history, with its ground truth, shared by the tests below.
let shared: Awaited<ReturnType<typeof render>> & { truth: TruthAccumulator };
beforeAll(async () => {
  const gen = new Generator(timeline);
  const truth = new TruthAccumulator(gen, FROM, TO, 'timeline.json');
  let text = '';
  const stats = await writeChunk(gen, FROM, TO, { write: (s) => void (text += s) }, { truth });
  shared = { gen, text, stats, truth };
});

describe('OpenMetrics history', () => {
  it('has one TYPE per family, counters named without _total, samples ascending per series and # EOF last', () => {
    const { text, stats, gen } = shared;
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    const { samples, types } = parse(text);
    const families = types.map((t) => t.split(' ')[0]);
    expect(new Set(families).size).toBe(families.length);
    expect(types).toContain('auth_requests counter');
    expect(types).toContain('auth_response_time histogram');
    expect(types).toContain('up gauge');
    expect(samples.length).toBe(stats.samples);
    const last = new Map<string, number>();
    const unordered = samples.filter((s) => {
      const bad = s.t <= (last.get(s.series) ?? -1);
      last.set(s.series, s.t);
      return bad;
    });
    expect(unordered).toEqual([]);
    expect(last.size).toBe(gen.seriesCount());
    // 8 minutes down: 32 ticks without samples for api-gateway-2, except up (= 0).
    const ticks = (TO - FROM) / STEP + 1;
    const gw2 = gen.targets.find((t) => t.target.instance === 'api-gateway-2')!;
    expect(stats.samples).toBe(gen.seriesCount() * ticks - (gw2.series.length - 1) * 32);
  });

  it('writes le the way Prometheus 3 normalises it', async () => {
    const { text } = await render(FROM, FROM);
    expect(text).toContain(
      'auth_response_time_bucket{environment="production",instance="auth-1",job="claude-enhancer-auth",le="0.2",service="auth"}'
    );
    expect(text).toContain('le="1.0"');
    expect(text).not.toMatch(/le="1"/);
    expect(formatLe(Infinity)).toBe('+Inf');
  });

  it('keeps one sample a minute before coarseBefore', async () => {
    const { text } = await render(FROM, FROM + 600, { coarseBefore: FROM + 300, coarseStep: 60 });
    const times = new Set(parse(text).samples.map((s) => s.t));
    const expected = [];
    for (let t = FROM; t <= FROM + 600; t += STEP) {
      if (t >= FROM + 300 || t % 60 === 0) {
        expected.push(t);
      }
    }
    expect([...times].sort()).toEqual(expected);
  });

  it('is cut on promtool block boundaries', () => {
    const start = CHUNK * 1000 + 600;
    const chunks = planChunks(start, start + 2 * CHUNK);
    expect(chunks[0]).toEqual([start, CHUNK * 1001 - STEP]);
    expect(chunks[1]).toEqual([CHUNK * 1001, CHUNK * 1002 - STEP]);
    expect(chunks[chunks.length - 1][1]).toBe(start + 2 * CHUNK);
  });
});

describe('live exposition', () => {
  it('serves exactly the values history has for the same tick', async () => {
    const t = FROM + 3600 + 45;
    const { text } = await render(t, t);
    const history = new Map(parse(text).samples.map((s) => [s.series, s.value]));
    const gen = new Generator(timeline);
    for (const ts of gen.targets) {
      const values = new Float64Array(ts.series.length);
      ts.at(t, values);
      const body = await targetRegistry(ts, () => values).metrics();
      const lines = body.split('\n').filter((l) => l && !l.startsWith('#'));
      expect(lines.length).toBe(ts.series.length - 1);
      const labels = `environment="${ts.target.environment}",instance="${ts.target.instance}",job="${ts.target.job}"`;
      for (const line of lines) {
        const [, name, own, value] = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line)!;
        const all = [labels, `service="${ts.target.service}"`, ...(own ? own.split(',') : [])]
          .join(',')
          .split(',')
          .sort()
          .join(',');
        expect({ line, value: Number(value) }).toEqual({ line, value: history.get(`${name}{${all}}`) });
      }
    }
  });

  it('exports error series at zero', async () => {
    const gen = new Generator(timeline);
    const ts = gen.targets[0];
    const values = new Float64Array(ts.series.length);
    ts.at(ts.model.lastRestart(FROM + 3 * 3600), values);
    const body = await targetRegistry(ts, () => values).metrics();
    expect(body).toContain('auth_requests_total{status="503"} 0');
  });
});

describe('ground truth', () => {
  it('counts exactly the increments increase() sees in each exact 5-minute window', () => {
    const { text, truth } = shared;
    const result = truth.result();
    const ticks = (TO - FROM) / STEP + 1;
    const bySeries = new Map<string, Float64Array>();
    for (const s of parse(text).samples) {
      const arr = bySeries.get(s.series) ?? new Float64Array(ticks).fill(Number.NaN);
      arr[(s.t - FROM) / STEP] = s.value;
      bySeries.set(s.series, arr);
    }
    const sumRunning = (match: (series: string) => boolean) => {
      const sum = new Float64Array(ticks);
      for (const [series, values] of bySeries) {
        if (match(series)) {
          cumulativeIncrease(values).forEach((v, k) => (sum[k] += v));
        }
      }
      return sum;
    };
    const bad = sumRunning((s) => /^auth_requests_total\{.*status="5/.test(s));
    const all = sumRunning((s) => s.startsWith('auth_requests_total{'));
    const good = sumRunning((s) => s.startsWith('auth_response_time_bucket{') && s.includes('le="0.2"'));
    const w = result.slo.windows;
    expect(w.end.length).toBe(24);
    expect(w.exact.filter((x) => !x).length).toBeGreaterThan(0); // the outage
    w.end.forEach((end, i) => {
      const k = (end - FROM) / STEP;
      const k0 = k - 300 / STEP;
      expect([end, bad[k] - bad[k0], all[k] - all[k0], good[k] - good[k0]]).toEqual([
        end,
        w.errorsBad[i],
        w.errorsTotal[i],
        w.latencyGood[i],
      ]);
    });
    expect(result.slo.totals.errorsTotal).toBe(all[ticks - 1]);
    expect(result.downtime).toEqual([{ instance: 'api-gateway-2', start: FROM + 40 * 60, end: FROM + 48 * 60 }]);
    expect(result.incidents.map((i) => i.id)).toEqual(['service-down']);
    expect(result.restarts.map((r) => r.instance)).toContain('api-gateway-2');
  });
});
