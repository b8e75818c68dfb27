/**
 * The simulated deployment: which processes exist and how Prometheus sees them. Each target is
 * one process, scraped as its own Prometheus target, so `up` and counter resets are per process
 * exactly as they would be in production.
 */

export type ServiceName = 'auth' | 'api-gateway' | 'dashboard';
export type Environment = 'production' | 'staging';

export interface Target {
  /** Prometheus job: one per service, all matching the seed's `job=~"claude-enhancer.*"`. */
  job: string;
  instance: string;
  service: ServiceName;
  environment: Environment;
  /** Share of the service's traffic this process takes, in its environment. */
  share: number;
  /** Position in TARGETS; staggers rolling deploys. */
  index: number;
}

export const SERVICES: readonly ServiceName[] = ['auth', 'api-gateway', 'dashboard'];

/** The job name of a service: `claude-enhancer-<service>`. */
export function jobOf(service: ServiceName): string {
  return `claude-enhancer-${service}`;
}

function target(
  service: ServiceName,
  environment: Environment,
  instance: string,
  share: number
): Omit<Target, 'index'> {
  return { job: jobOf(service), instance, service, environment, share };
}

/**
 * Production runs two auth and two gateway processes and one dashboard; staging runs one of each
 * at a few percent of production traffic (so the `environment` variable has something to choose).
 */
export const TARGETS: readonly Target[] = [
  target('auth', 'production', 'auth-1', 0.5),
  target('auth', 'production', 'auth-2', 0.5),
  target('api-gateway', 'production', 'api-gateway-1', 0.5),
  target('api-gateway', 'production', 'api-gateway-2', 0.5),
  target('dashboard', 'production', 'dashboard-1', 1),
  target('auth', 'staging', 'staging-auth-1', 1),
  target('api-gateway', 'staging', 'staging-api-gateway-1', 1),
  target('dashboard', 'staging', 'staging-dashboard-1', 1),
].map((t, index) => ({ ...t, index }));

/** The labels Prometheus attaches to every series of a target (the scrape config's target labels). */
export function targetLabels(t: Target): Record<string, string> {
  return { environment: t.environment, instance: t.instance, job: t.job, service: t.service };
}

/** The path the live generator serves a target's metrics on. */
export function metricsPath(t: Target): string {
  return `/metrics/${t.environment}/${t.instance}`;
}
