/**
 * The CLI's argv parser: positionals and `--flag` / `--flag value` / `--flag=value`
 * options, checked against what each command accepts. Pure, so usage errors (exit 2) are
 * unit tested.
 */
export interface ParsedArgs {
  command: string;
  positionals: string[];
  /** Boolean flags hold "true". */
  options: Map<string, string>;
}

export interface CommandSpec {
  /** Options that take a value. */
  valued?: readonly string[];
  /** Options that are switches. */
  switches?: readonly string[];
  /** Exactly this many positionals, or [min, max]. */
  positionals: number | readonly [number, number];
}

export class UsageError extends Error {}

/** Every command accepts these. */
const GLOBAL_SWITCHES = ['json', 'help'] as const;

export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, CommandSpec>>): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'help', positionals: [], options: new Map() };
  const spec = specs[command];
  if (spec === undefined) throw new UsageError(`unknown command "${command}"`);
  const valued = new Set(spec.valued ?? []);
  const switches = new Set([...(spec.switches ?? []), ...GLOBAL_SWITCHES]);
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (switches.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      options.set(name, 'true');
    } else if (valued.has(name)) {
      const value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name} for "${command}"`);
    }
  }
  if (options.has('help')) return { command: 'help', positionals: [command], options };
  const [min, max] = typeof spec.positionals === 'number' ? [spec.positionals, spec.positionals] : spec.positionals;
  if (positionals.length < min || positionals.length > max) {
    throw new UsageError(`"${command}" takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${positionals.length}`);
  }
  return { command, positionals, options };
}
