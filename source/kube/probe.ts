// Traffic probe: requests to a Service through the API server's service proxy
// (/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH) with the kubeconfig's
// own credentials, at a pace that never exceeds the rate (model/traffic-pace.ts),
// each answer classified (model/traffic.ts) and handed to `onSample`.
import http from 'node:http';
import https from 'node:https';
import type {KubeConfig} from '@kubernetes/client-node';
import {answered, maySend, sent, startPace, waitMs, withRate, type Pace} from '../model/traffic-pace.js';
import {classifyResponse, type ProbeOutcome, type ProbeSample, type VersionSource} from '../model/traffic.js';
import {cannotReach, connectionWords, errorCode, foreignText} from './error-words.js';

export interface ProbeRequestSpec {
	namespace: string;
	service: string;
	/** The Service port's name or number. */
	port: string;
	/** Default /color (the demo protocol). */
	path: string;
	/** Default POST. */
	method: string;
	/** Sent with POST/PUT/PATCH; default the demo's `[]`. */
	body: string;
	version: VersionSource;
	timeoutMs: number;
}

export const demoRequest = {path: '/color', method: 'POST', body: '[]', timeoutMs: 2000} as const;

export interface ProbeHandle {
	setRate(rate: number): void;
	/** Stops sending; answers still in flight are dropped. */
	stop(): void;
}

export function proxyPath(spec: Pick<ProbeRequestSpec, 'namespace' | 'service' | 'port' | 'path'>): string {
	const target = `${encodeURIComponent(spec.service)}:${encodeURIComponent(spec.port)}`;
	const rest = spec.path.startsWith('/') ? spec.path : `/${spec.path}`;
	return `/api/v1/namespaces/${encodeURIComponent(spec.namespace)}/services/${target}/proxy${rest}`;
}

interface Connection {
	url: URL;
	options: https.RequestOptions;
}

/** The kubeconfig's TLS and credentials, with a keep-alive agent (a TLS handshake per request would cost more than the request). */
async function connect(kc: KubeConfig): Promise<Connection> {
	const server = kc.getCurrentCluster()?.server;
	if (!server) throw new Error('kubeconfig has no current cluster');
	const options: https.RequestOptions = {};
	await kc.applyToHTTPSOptions(options);
	const url = new URL(server.replace(/\/$/, ''));
	const agent = options.agent;
	// A plain-HTTP server (`kubectl proxy`) cannot take the TLS agent the kubeconfig gives.
	if (url.protocol === 'http:') options.agent = new http.Agent({keepAlive: true, maxSockets: 16});
	else if (agent instanceof https.Agent && agent.constructor === https.Agent) {
		options.agent = new https.Agent({...agent.options, keepAlive: true, maxSockets: 16});
	}
	return {url, options};
}

function closeConnection(connection: Connection): void {
	const agent = connection.options.agent;
	if (agent instanceof http.Agent) agent.destroy();
}

function failure(error: unknown, timeoutMs: number): ProbeOutcome {
	if ((error as Error)?.message === 'probe-timeout') return {kind: 'error', error: 'timeout', detail: `no answer within ${timeoutMs / 1000}s`};
	const code = errorCode(error);
	const words = connectionWords(code) ?? foreignText(error instanceof Error ? error.message : String(error));
	return {kind: 'error', error: 'network', detail: cannotReach('the API server', words, code)};
}

interface Answer {
	outcome: ProbeOutcome;
	retryAfter?: number;
}

/** One request; never rejects. */
function sendOne(connection: Connection, spec: ProbeRequestSpec): Promise<Answer> {
	const hasBody = !['GET', 'HEAD', 'DELETE'].includes(spec.method);
	const url = new URL(connection.url.href + proxyPath(spec).slice(1));
	const send = url.protocol === 'http:' ? http.request : https.request;
	return new Promise((resolve) => {
		const headers: http.OutgoingHttpHeaders = {...(connection.options.headers as http.OutgoingHttpHeaders | undefined), Accept: 'application/json, */*'};
		if (hasBody) Object.assign(headers, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(spec.body)});
		const request = send(url, {...connection.options, method: spec.method, headers}, (response) => {
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size <= 64 * 1024) chunks.push(chunk);
			});
			response.on('end', () => {
				clearTimeout(timer);
				const body = Buffer.concat(chunks).toString('utf8');
				const outcome = classifyResponse({status: response.statusCode ?? 0, headers: response.headers, body}, spec.version, spec.service);
				const retryAfter = Number(response.headers['retry-after']);
				resolve({outcome, retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined});
			});
			response.on('error', (error) => resolve({outcome: failure(error, spec.timeoutMs)}));
		});
		const timer = setTimeout(() => request.destroy(new Error('probe-timeout')), spec.timeoutMs);
		request.on('error', (error) => {
			clearTimeout(timer);
			resolve({outcome: failure(error, spec.timeoutMs)});
		});
		request.end(hasBody ? spec.body : undefined);
	});
}

/** Starts probing one Service; `onSample` gets every answer or failure as it arrives. */
export function startProbe(
	kc: KubeConfig,
	spec: ProbeRequestSpec,
	rate: number,
	onSample: (sample: ProbeSample) => void,
	/** Send no more than this many requests (the answers to them still arrive). */
	limit = Infinity,
): ProbeHandle {
	let pace: Pace = startPace(rate, Date.now());
	let stopped = false;
	let sends = 0;
	let timer: NodeJS.Timeout | undefined;
	let connection: Promise<Connection> | undefined;
	let connectedAt = 0;

	// Credentials from exec plugins expire: take them afresh every minute (closing the old sockets).
	const currentConnection = () => {
		if (!connection || Date.now() - connectedAt > 60_000) {
			const previous = connection;
			connectedAt = Date.now();
			connection = connect(kc);
			void previous?.then((old) => setTimeout(() => closeConnection(old), spec.timeoutMs).unref(), () => {});
		}
		return connection;
	};

	const fire = async () => {
		const started = Date.now();
		pace = sent(pace, started);
		sends++;
		let answer: Answer;
		try {
			answer = await sendOne(await currentConnection(), spec);
		} catch (error) {
			connection = undefined;
			answer = {outcome: failure(error, spec.timeoutMs)};
		}
		const now = Date.now();
		const error = answer.outcome.kind === 'error' ? answer.outcome.error : undefined;
		// A denial or a missing Service will not change from one request to the next: ask again every 2 s.
		const refused = error === 'denied' || error === 'no-service';
		pace = answered(pace, now, error === 'throttled' || refused, refused ? 2 : answer.retryAfter);
		if (stopped) return;
		onSample({at: now, latencyMs: now - started, outcome: answer.outcome});
		schedule();
	};

	const schedule = () => {
		if (stopped || sends >= limit) return;
		clearTimeout(timer);
		const now = Date.now();
		if (maySend(pace, now)) {
			void fire();
			return schedule();
		}
		// Woken by the clock, or by an answer freeing a slot (fire calls schedule).
		timer = setTimeout(schedule, Math.max(1, waitMs(pace, now)));
	};

	schedule();
	return {
		setRate(next) {
			pace = withRate(pace, next);
			schedule();
		},
		stop() {
			stopped = true;
			clearTimeout(timer);
			void connection?.then(closeConnection, () => {});
		},
	};
}
