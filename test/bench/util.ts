// Small helpers shared by the benches: statistics, a forced GC, bounded waits.
import v8 from 'node:v8';
import vm from 'node:vm';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function quantile(values: number[], q: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
export const median = (values: number[]) => quantile(values, 0.5);

/** global.gc when run with --expose-gc, otherwise the same function switched on at runtime. */
export const gc: () => void = (() => {
	const existing = (globalThis as {gc?: () => void}).gc;
	if (existing) return existing;
	v8.setFlagsFromString('--expose-gc');
	return vm.runInNewContext('gc') as () => void;
})();

export const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms` : '-');
export const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Rejects after `timeoutMs`, so no await in a bench can hang. */
export function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface Table {
	title: string;
	head: string[];
	rows: string[][];
	notes?: string[];
}

export function formatTable({title, head, rows, notes = []}: Table): string {
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
	return [`\n${title}`, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ...notes.map((n) => `  note: ${n}`)].join('\n');
}
