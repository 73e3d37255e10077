// A scripted loopback HTTP server standing in for the API server in unit
// tests of the watch loop and the cluster source.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';

export interface Recorded {
	path: string;
	query: URLSearchParams;
	watch: boolean;
	authorization: string | undefined;
}

export type Handler = (request: Recorded, res: http.ServerResponse) => void;

export class FakeApiServer {
	readonly requests: Recorded[] = [];
	private readonly open = new Set<http.ServerResponse>();
	private server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const recorded = {
			path: url.pathname,
			query: url.searchParams,
			watch: url.searchParams.get('watch') === '1',
			authorization: req.headers.authorization,
		};
		this.requests.push(recorded);
		this.open.add(res);
		res.on('close', () => this.open.delete(res));
		this.handler(recorded, res);
	});

	constructor(public handler: Handler) {}

	/** Listens on `port` (default: a free one); the same port again simulates a restarted server. */
	async listen(port = 0): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** LIST requests (readiness probes of /readyz are counted apart, in `probes`). */
	get lists(): Recorded[] {
		return this.requests.filter((r) => !r.watch && r.path !== '/readyz');
	}

	get watches(): Recorded[] {
		return this.requests.filter((r) => r.watch);
	}

	get probes(): Recorded[] {
		return this.requests.filter((r) => r.path === '/readyz');
	}

	/** Responses still open (watch streams). */
	get openStreams(): number {
		return this.open.size;
	}

	async close(): Promise<void> {
		for (const res of this.open) res.destroy();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

export function kubeConfigFor(server: string): KubeConfig {
	const kc = new KubeConfig();
	kc.loadFromOptions({
		clusters: [{name: 'fake', server, skipTLSVerify: true}],
		users: [{name: 'u', token: 'fake-token'}],
		contexts: [{name: 'fake', cluster: 'fake', user: 'u'}],
		currentContext: 'fake',
	});
	return kc;
}

export function sendList(res: http.ServerResponse, items: unknown[], resourceVersion: string, continueToken?: string) {
	res.writeHead(200, {'Content-Type': 'application/json'});
	res.end(JSON.stringify({kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion, continue: continueToken}, items}));
}

export function startStream(res: http.ServerResponse) {
	res.writeHead(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked'});
	res.flushHeaders();
}

export function sendEvent(res: http.ServerResponse, type: string, object: unknown) {
	res.write(`${JSON.stringify({type, object})}\n`);
}

export function sendStatus(res: http.ServerResponse, code: number, message = 'nope') {
	res.writeHead(code, {'Content-Type': 'application/json'});
	res.end(JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message}));
}

export async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

