// One GET against the API server with the kubeconfig's TLS and credentials,
// on plain node:http(s) so the caller sees status codes, socket error codes
// and the raw stream (client-node's Watch hides the first two).
import http from 'node:http';
import https from 'node:https';
import type {KubeConfig} from '@kubernetes/client-node';
import {sharedSecureContext} from './tls-context.js';
import {KubeApiError, type Verb, WatchTimeoutError} from './watch-errors.js';

export interface OpenResponse {
	response: http.IncomingMessage;
	/** Tear the connection down; `error` then surfaces as the stream's 'error'. */
	close(error?: Error): void;
}

export type Query = Record<string, string | number | boolean | undefined>;

export function buildUrl(server: string, path: string, query: Query): URL {
	const url = new URL(server.replace(/\/$/, '') + path);
	for (const [key, value] of Object.entries(query)) {
		if (value !== undefined && value !== '') {
			url.searchParams.set(key, String(value));
		}
	}
	return url;
}

/**
 * Sends the request and resolves once the response headers arrive (any
 * status). Rejects on socket errors, on abort, or after `timeoutMs` without
 * headers (WatchTimeoutError).
 */
export async function openGet(
	kc: KubeConfig,
	path: string,
	query: Query,
	signal: AbortSignal,
	timeoutMs: number,
): Promise<OpenResponse> {
	const server = kc.getCurrentCluster()?.server;
	if (!server) {
		throw new Error('kubeconfig has no current cluster');
	}
	const options: https.RequestOptions = {};
	// Adds the agent (CA, client certificate, proxy), Authorization or basic auth; may run an exec plugin.
	await kc.applyToHTTPSOptions(options);
	signal.throwIfAborted();

	const url = buildUrl(server, path, query);
	const tlsContext = url.protocol === 'https:' ? {secureContext: sharedSecureContext(kc, options)} : {};
	const send = url.protocol === 'http:' ? http.request : https.request;
	return new Promise<OpenResponse>((resolve, reject) => {
		const request = send(url, {
			...options,
			...tlsContext,
			method: 'GET',
			headers: {...options.headers, Accept: 'application/json'},
			signal,
		});
		let response: http.IncomingMessage | undefined;
		const close = (error?: Error) => {
			clearTimeout(timer);
			request.destroy(error);
			response?.destroy(error);
		};
		const timer = setTimeout(() => close(new WatchTimeoutError('REQUEST_TIMEOUT', timeoutMs)), timeoutMs);
		request.on('socket', (socket) => {
			// Lets the kernel notice a vanished peer on long, quiet watches.
			socket.setKeepAlive(true, 30_000);
		});
		request.on('response', (incoming) => {
			clearTimeout(timer);
			response = incoming;
			resolve({response: incoming, close});
		});
		request.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		request.end();
	});
}

/** Reads the whole body, failing after `timeoutMs` or past `maxBytes`. */
export function readBody(open: OpenResponse, timeoutMs: number, maxBytes = 512 * 1024 * 1024): Promise<string> {
	const {response} = open;
	return new Promise<string>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const timer = setTimeout(() => open.close(new WatchTimeoutError('REQUEST_TIMEOUT', timeoutMs)), timeoutMs);
		response.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) {
				open.close(new Error(`response larger than ${maxBytes} bytes`));
				return;
			}
			chunks.push(chunk);
		});
		response.on('end', () => {
			clearTimeout(timer);
			resolve(Buffer.concat(chunks).toString('utf8'));
		});
		response.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		response.on('aborted', () => {
			clearTimeout(timer);
			reject(Object.assign(new Error('connection reset'), {code: 'ECONNRESET'}));
		});
	});
}

/** Turns a non-2xx response into a KubeApiError, with the Status message when the body has one. */
export async function apiErrorFrom(open: OpenResponse, verb: Verb, timeoutMs: number): Promise<KubeApiError> {
	const statusCode = open.response.statusCode ?? 0;
	let message: string | undefined;
	try {
		const text = await readBody(open, timeoutMs, 64 * 1024);
		message = statusMessage(JSON.parse(text));
	} catch {
		// No readable Status body; the code alone is enough.
	}
	return new KubeApiError(statusCode, verb, message);
}

/** The `message` of a metav1.Status object, if it is one. */
export function statusMessage(value: unknown): string | undefined {
	if (typeof value === 'object' && value !== null) {
		const message = (value as {message?: unknown}).message;
		if (typeof message === 'string' && message) {
			return message;
		}
	}
	return undefined;
}
