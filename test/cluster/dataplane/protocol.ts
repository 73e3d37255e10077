/**
 * What the data plane's agent, server and tests say to each other over the
 * server's control socket (HTTP on a Unix socket: file-system sockets are not
 * tied to a network namespace, so the host side reaches the server inside it).
 * Plain data and pure helpers only.
 */

/** One pod the server answers for. */
export interface PodEntry {
	ip: string;
	namespace: string;
	name: string;
	image: string;
	/** Container ports of the pod (the server listens on each). */
	ports: number[];
}

/** Injected behaviour for the pods of one colour. */
export interface ColorFault {
	/** Share of requests answered 500, between 0 and 1. */
	errorRate?: number;
	/** Added to every answer. */
	latencyMs?: number;
	/** Answer this text instead of the JSON colour ("an app that answers something unexpected"). */
	body?: string;
}

export type Faults = Record<string, ColorFault>;

/** GET /state: what the server knows and what it answered (ground truth for the tests). */
export interface ServerState {
	synced: boolean;
	pods: PodEntry[];
	ports: number[];
	faults: Faults;
	/** Answers per colour since the start (or the last PUT /faults), split by outcome. */
	answered: Record<string, {ok: number; errors: number}>;
}

/** The default port when a pod declares none: the demo app's. */
export const DEMO_PORT = 8080;

/** argoproj/rollouts-demo:green -> "green"; a digest is ignored; no tag -> "latest". */
export function colorOfImage(image: string): string {
	const withoutDigest = image.split('@')[0] ?? '';
	const lastPart = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
	const colon = lastPart.indexOf(':');
	return colon >= 0 && colon < lastPart.length - 1 ? lastPart.slice(colon + 1) : 'latest';
}

/** The demo front end's request body: per colour, a delay (seconds) and a chance of 500 in percent. */
interface DemoParameter {
	color?: unknown;
	delayLength?: unknown;
	return500Probability?: unknown;
}

/** Merges the request's demo parameters for `color` into the injected fault (the request wins). */
export function requestFault(body: string, color: string, injected: ColorFault | undefined): ColorFault {
	const fault: ColorFault = {...injected};
	let parsed: unknown;
	try {
		parsed = body ? JSON.parse(body) : [];
	} catch {
		return fault;
	}
	if (!Array.isArray(parsed)) return fault;
	for (const entry of parsed as DemoParameter[]) {
		if (typeof entry !== 'object' || entry === null || entry.color !== color) continue;
		if (typeof entry.delayLength === 'number' && entry.delayLength > 0) fault.latencyMs = Math.min(entry.delayLength * 1000, 60_000);
		if (typeof entry.return500Probability === 'number') fault.errorRate = Math.min(Math.max(entry.return500Probability / 100, 0), 1);
	}
	return fault;
}
