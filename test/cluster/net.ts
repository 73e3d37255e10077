/** Free ports for the components, and the one small node:http(s) client the launcher uses. */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type {ClusterPorts} from './paths.js';
import {ClusterError} from './util.js';

/** A port that is free on all interfaces (so also on 127.0.0.1), distinct from `taken`. */
async function freePort(taken: Set<number>): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.unref();
			server.once('error', reject);
			server.listen({port: 0, host: '0.0.0.0', exclusive: true}, () => {
				const address = server.address();
				const p = typeof address === 'object' && address ? address.port : 0;
				server.close(() => resolve(p));
			});
		});
		if (port > 0 && !taken.has(port)) {
			taken.add(port);
			return port;
		}
	}
	throw new ClusterError('could not find a free TCP port');
}

export async function allocatePorts(): Promise<ClusterPorts> {
	const taken = new Set<number>();
	return {
		etcdClient: await freePort(taken),
		etcdPeer: await freePort(taken),
		apiserver: await freePort(taken),
		controllerManager: await freePort(taken),
		scheduler: await freePort(taken),
		kwok: await freePort(taken),
		rolloutsHealthz: await freePort(taken),
		rolloutsMetrics: await freePort(taken),
	};
}

export async function portIsFree(port: number, host: string): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen({port, host, exclusive: true}, () => server.close(() => resolve(true)));
	});
}

export interface TlsOptions {
	/** PEM material for TLS; `insecure` skips server verification (self-signed serving certs). */
	ca?: Buffer;
	cert?: Buffer;
	key?: Buffer;
	insecure?: boolean;
}

export interface RequestOptions {
	/** With a body the request is a POST of JSON, without one a GET. */
	body?: string;
	/** For https: URLs. */
	tls?: TlsOptions;
	timeoutMs: number;
	/** Stop collecting the body after this many characters (health probes only look at the start). */
	maxBodyChars?: number;
}

/** GET or POST a URL; resolves with status and body, rejects on connection errors and on timeout. */
export function httpRequest(url: string, {body, tls = {}, timeoutMs, maxBodyChars = Infinity}: RequestOptions): Promise<{status: number; body: string}> {
	return new Promise((resolve, reject) => {
		const isHttps = url.startsWith('https:');
		const options: https.RequestOptions = {
			method: body === undefined ? 'GET' : 'POST',
			headers: body === undefined ? {} : {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)},
			timeout: timeoutMs,
			...(isHttps ? {ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: !tls.insecure} : {}),
		};
		const request = (isHttps ? https : http).request(url, options, (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => {
				if (text.length < maxBodyChars) text += chunk;
			});
			response.on('end', () => resolve({status: response.statusCode ?? 0, body: text}));
		});
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', reject);
		request.end(body);
	});
}
