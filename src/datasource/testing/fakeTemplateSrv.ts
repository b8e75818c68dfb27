import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

export interface FakeVariable {
  value: string | string[];
  multi?: boolean;
  includeAll?: boolean;
}

type Formatter = (
  value: string | string[],
  variable: { name: string; multi?: boolean; includeAll?: boolean }
) => string;

/**
 * A TemplateSrv that lists its variables by name and resolves `$name` and `${name}` the way Grafana's scenes interpolator does:
 * scoped vars first, then dashboard variables; unknown names stay as written; a custom formatter
 * receives the value and the variable's multi/includeAll flags; without one, arrays become `{a,b}`.
 */
export function fakeTemplateSrv(variables: Record<string, FakeVariable> = {}): TemplateSrv {
  return {
    // Only what the editors read of a variable: its name.
    getVariables: () =>
      Object.keys(variables).map((name) => ({ name }) as ReturnType<TemplateSrv['getVariables']>[number]),
    containsTemplate: (target?: string) => /\$(\w|\{)/.test(target ?? ''),
    updateTimeRange: () => {},
    replace(target = '', scopedVars?: ScopedVars, format?: string | Function) {
      return target.replace(/\$(\w+)|\$\{(\w+)\}/g, (match, plain?: string, braced?: string) => {
        const name = (plain ?? braced)!;
        const scoped = scopedVars?.[name];
        const variable: FakeVariable | undefined = scoped ? { value: scoped.value } : variables[name];
        if (!variable) {
          return match;
        }
        if (typeof format === 'function') {
          return (format as Formatter)(variable.value, {
            name,
            multi: variable.multi,
            includeAll: variable.includeAll,
          });
        }
        return Array.isArray(variable.value) ? `{${variable.value.join(',')}}` : variable.value;
      });
    },
  };
}
