// `rollouts-tui probe NAME`: sends --count requests at --rate through the API
// server's service proxy to a rollout's Service and prints who answered
// (text, or -o json for scripts). With --expect VERSION it is a smoke check:
// exit 1 when that version's share of the requests is below --expect-share.
import {UserError} from './errors.js';
import {parseSubcommandFlags} from './subcommand-flags.js';
import {clampRate, DEFAULT_RATE, MAX_RATE} from './model/traffic-pace.js';
import {shareOf, trafficStats, type TrafficStats} from './model/traffic-stats.js';
import {parseVersionSource, type ProbeSample} from './model/traffic.js';
import {jsonForTerminal, sanitize} from './terminal/sanitize.js';
import type {ProbeTarget} from './kube/probe-target.js';

export const PROBE_USAGE =
	'usage: rollouts-tui probe NAME [--service active|preview|stable|canary|SERVICE] [--port P] [--count N] [--rate R] [--expect VERSION [--expect-share S]] [--probe-path PATH] [--probe-method M] [--probe-version body|header:H|pod:H] [-o json]';

const OPTIONS = {
	namespace: {type: 'string', short: 'n'},
	context: {type: 'string'},
	kubeconfig: {type: 'string'},
	output: {type: 'string', short: 'o'},
	service: {type: 'string'},
	port: {type: 'string'},
	count: {type: 'string'},
	rate: {type: 'string'},
	expect: {type: 'string'},
	'expect-share': {type: 'string'},
	'probe-path': {type: 'string'},
	'probe-method': {type: 'string'},
	'probe-version': {type: 'string'},
	readonly: {type: 'boolean'},
	'no-color': {type: 'boolean'},
} as const;

function numberFlag(text: string | undefined, flag: string, fallback: number, check: (n: number) => boolean, words: string): number {
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!Number.isFinite(value) || !check(value)) throw new UserError(`--${flag} must be ${words}, not "${text}"`, 2);
	return value;
}

export interface ProbeCommandArgs {
	name: string;
	namespace?: string;
	context?: string;
	kubeconfig?: string;
	json: boolean;
	service?: string;
	port?: string;
	count: number;
	rate: number;
	expect?: string;
	expectShare: number;
	path: string;
	method: string;
	version: NonNullable<ReturnType<typeof parseVersionSource>>;
}

/** The probe subcommand's flags (argv without the leading "probe"); bad input is a UserError with exit code 2. */
export function parseProbeArgs(argv: string[]): ProbeCommandArgs {
	const parsed = parseSubcommandFlags(argv, OPTIONS, 'probe', PROBE_USAGE);
	const {values, positionals} = parsed;
	if (positionals.length !== 1) throw new UserError(PROBE_USAGE, 2);
	if (values.output !== undefined && values.output !== 'json' && values.output !== 'text') throw new UserError(`--output must be text or json, not "${values.output}"`, 2);
	const version = parseVersionSource(values['probe-version']);
	if (!version) throw new UserError(`--probe-version must be body, header:NAME or pod:HEADER, not "${values['probe-version']}"`, 2);
	const method = (values['probe-method'] ?? 'POST').toUpperCase();
	if (!/^[A-Z]+$/.test(method)) throw new UserError(`--probe-method must be an HTTP method, not "${values['probe-method']}"`, 2);
	const path = values['probe-path'] ?? '/color';
	if (!path.startsWith('/') || /[\s#]/.test(path)) throw new UserError(`--probe-path must start with / and hold no spaces, not "${path}"`, 2);
	return {
		name: positionals[0]!,
		namespace: values.namespace,
		context: values.context,
		kubeconfig: values.kubeconfig,
		json: values.output === 'json',
		service: values.service,
		port: values.port,
		count: numberFlag(values.count, 'count', 100, (n) => Number.isInteger(n) && n >= 1 && n <= 100_000, 'a whole number from 1 to 100000'),
		rate: numberFlag(values.rate, 'rate', DEFAULT_RATE, (n) => n >= 1 && n <= MAX_RATE, `a number from 1 to ${MAX_RATE} (requests per second)`),
		expect: values.expect,
		expectShare: numberFlag(values['expect-share'], 'expect-share', 0.95, (n) => n >= 0 && n <= 1, 'between 0 and 1'),
		path,
		method,
		version,
	};
}

/** The JSON for scripts: {"service","requests","errors","latencyMs":{"p50","p95"},"versions":[...]} and a few extras. */
export function probeJson(target: ProbeTarget, stats: TrafficStats): string {
	const shape = {
		service: target.service,
		requests: stats.requests,
		errors: stats.errors,
		latencyMs: stats.latencyMs,
		versions: stats.versions,
		namespace: target.namespace,
		role: target.role,
		port: target.port,
		errorRate: stats.errorRate,
		lastError: stats.lastError ?? null,
	};
	return `${jsonForTerminal(JSON.stringify(shape, null, 2))}\n`;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export function probeText(target: ProbeTarget, stats: TrafficStats): string {
	const who = `Service ${target.service}${target.role ? ` (${target.role})` : ''}`;
	const versions = stats.versions.map((v) => `${v.version} ${percent(v.share)}`).join(', ') || 'no answers';
	const latency = stats.latencyMs ? `, latency p50 ${stats.latencyMs.p50} ms, p95 ${stats.latencyMs.p95} ms` : '';
	const last = stats.lastError ? `last error: ${sanitize(stats.lastError.detail, 1024)}\n` : '';
	return `${sanitize(`${who}: ${stats.requests} requests, ${stats.errors} errors (${percent(stats.errorRate)}); ${versions}${latency}`, 2048)}\n${last}`;
}

/** Runs the probe subcommand; returns the exit code. */
export async function runProbeCommand(argv: string[]): Promise<number> {
	const args = parseProbeArgs(argv);
	const {loadKubeConfig} = await import('./kube/config.js');
	const {checkReachable} = await import('./kube/preflight.js');
	const {resolveProbeTarget} = await import('./kube/probe-target.js');
	const {demoRequest, startProbe} = await import('./kube/probe.js');
	const loaded = loadKubeConfig({kubeconfig: args.kubeconfig, context: args.context, namespace: args.namespace});
	await checkReachable(loaded.kc, loaded.server);
	const target = await resolveProbeTarget(loaded.kc, loaded.namespace, args.name, args.service, args.port);
	const samples: ProbeSample[] = [];
	const rate = clampRate(args.rate);
	await new Promise<void>((resolve) => {
		const spec = {...target, path: args.path, method: args.method, body: demoRequest.body, version: args.version, timeoutMs: demoRequest.timeoutMs};
		const handle = startProbe(loaded.kc, spec, rate, (sample) => {
			samples.push(sample);
			if (samples.length >= args.count) finish();
		}, args.count);
		// Push-back pauses can stretch a run; never wait longer than twice the planned time plus a minute.
		const deadline = setTimeout(() => finish(), (2 * args.count * 1000) / rate + 60_000);
		function finish() {
			clearTimeout(deadline);
			handle.stop();
			resolve();
		}
	});
	const stats = trafficStats(samples);
	process.stdout.write(args.json ? probeJson(target, stats) : probeText(target, stats));
	if (stats.requests > 0 && stats.errors === stats.requests) {
		throw new UserError(`every request failed: ${stats.lastError?.detail ?? 'no answer'}`);
	}
	if (args.expect !== undefined && shareOf(stats, args.expect) < args.expectShare) {
		throw new UserError(`${args.expect} answered ${percent(shareOf(stats, args.expect))} of ${stats.requests} requests, below the expected ${percent(args.expectShare)}`);
	}
	return 0;
}
