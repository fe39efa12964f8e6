/**
 * Reads `--name value` pairs of whole numbers into a copy of `defaults`: the benches take only
 * counts and seconds. An unknown flag or a value that is not a positive whole number stops the run
 * with the line that says so (`usage` names where the flags are described).
 */
export function parseWholeNumberFlags<T extends { [K in keyof T]: number }>(argv: string[], defaults: T, usage: string): T {
  const options: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} needs a whole number`);
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !Object.hasOwn(defaults, name)) throw new Error(`Unknown option ${flag}; see the top of ${usage}`);
    options[name] = value;
  }
  return options as T;
}
