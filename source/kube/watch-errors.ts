// What a failed list or watch means for the user: retry soon, retry slowly,
// or give up, plus one line of human words. Pure; no I/O.
import {collectionPath, qualifiedName, type ResourceType} from './resources.js';
import {errorCode} from './connection-errors.js';

export {errorCode};

export type Verb = 'list' | 'watch';

/** A non-2xx answer, or an ERROR event inside a watch stream. */
export class KubeApiError extends Error {
	constructor(
		readonly statusCode: number,
		readonly verb: Verb,
		/** The server's Status message, if any (never contains our credentials). */
		readonly serverMessage?: string,
	) {
		super(`HTTP ${statusCode}${serverMessage ? `: ${serverMessage}` : ''}`);
		this.name = 'KubeApiError';
	}
}

/** Our own timeouts, so they can be told apart from socket errors. */
export class WatchTimeoutError extends Error {
	constructor(
		readonly code: 'WATCH_IDLE' | 'REQUEST_TIMEOUT',
		readonly afterMs: number,
	) {
		super(code === 'WATCH_IDLE' ? `no data for ${afterMs}ms` : `no answer within ${afterMs}ms`);
		this.name = 'WatchTimeoutError';
	}
}

export type ErrorVerdict =
	/** 410 Gone: the resourceVersion is too old; list again. */
	| {action: 'relist'}
	/** Transient (network, server restarting, 5xx): retry with backoff. */
	| {action: 'backoff'; state: 'reconnecting'; reason: string}
	/** Not installed or not allowed: the rest keeps working; retry slowly in case that changes. */
	| {action: 'slow'; state: 'unavailable'; reason: string}
	/** Retrying cannot help (credentials rejected, untrusted certificate). */
	| {action: 'stop'; state: 'failed'; reason: string};

export interface ErrorContext {
	type: ResourceType;
	namespace: string | null;
	/** The API server URL, e.g. https://127.0.0.1:6443. */
	server: string;
}

const certificateErrors: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed server certificate',
	SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in chain',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'cannot verify the server certificate',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown certificate authority',
	UNABLE_TO_GET_ISSUER_CERT: 'unknown certificate authority',
	CERT_HAS_EXPIRED: 'server certificate expired',
	CERT_NOT_YET_VALID: 'server certificate not yet valid',
	ERR_TLS_CERT_ALTNAME_INVALID: 'server certificate does not match the host name',
};

export function classifyWatchError(error: unknown, context: ErrorContext): ErrorVerdict {
	if (error instanceof KubeApiError) {
		return classifyStatus(error, context);
	}
	if (error instanceof WatchTimeoutError) {
		const seconds = Math.round(error.afterMs / 1000);
		return {
			action: 'backoff',
			state: 'reconnecting',
			reason:
				error.code === 'WATCH_IDLE'
					? `no data from ${context.server} for ${seconds}s`
					: `timed out waiting for ${context.server} (${seconds}s)`,
		};
	}

	const code = errorCode(error);
	const server = context.server;
	if (code && certificateErrors[code]) {
		return {action: 'stop', state: 'failed', reason: `TLS: ${certificateErrors[code]} (${server})`};
	}
	switch (code) {
		case 'ECONNREFUSED':
			return reconnect(`connection refused to ${server}`);
		case 'ENOTFOUND':
			return reconnect(`DNS lookup failed for ${hostOf(server)}`);
		case 'EAI_AGAIN':
			return reconnect(`DNS lookup failed (temporarily) for ${hostOf(server)}`);
		case 'ECONNRESET':
		case 'EPIPE':
			return reconnect(`connection reset by ${server}`);
		case 'ETIMEDOUT':
			return reconnect(`connection to ${server} timed out`);
		case 'EHOSTUNREACH':
			return reconnect(`host unreachable: ${server}`);
		case 'ENETUNREACH':
			return reconnect(`network unreachable: ${server}`);
		case 'EPROTO':
			return reconnect(`TLS handshake with ${server} failed`);
		case 'ENOENT':
		case 'EACCES': {
			// A certificate or token file from the kubeconfig went away.
			const file = (error as {path?: unknown}).path;
			return {
				action: 'stop',
				state: 'failed',
				reason: `cannot read ${typeof file === 'string' ? file : 'a file named in kubeconfig'}: ${code === 'ENOENT' ? 'no such file' : 'permission denied'}`,
			};
		}
		default:
			break;
	}

	const message = error instanceof Error ? error.message : String(error);
	if (message.includes('HTTP protocol is not allowed')) {
		return {action: 'stop', state: 'failed', reason: `${server} is plain http; kubeconfig must set insecure-skip-tls-verify`};
	}
	return reconnect(redact(firstLine(message)) || 'unknown error');
}

function classifyStatus(error: KubeApiError, context: ErrorContext): ErrorVerdict {
	const {type, namespace} = context;
	const status = error.statusCode;
	if (status === 410) {
		return {action: 'relist'};
	}
	if (status === 401) {
		return {action: 'stop', state: 'failed', reason: 'unauthorized: credentials rejected'};
	}
	if (status === 403) {
		const where = namespace === null ? 'in all namespaces' : `in namespace ${namespace}`;
		return {action: 'slow', state: 'unavailable', reason: `forbidden: cannot ${error.verb} ${qualifiedName(type)} ${where}`};
	}
	if (status === 404) {
		const reason = type.crd
			? `not installed (no CRD for ${qualifiedName(type)})`
			: `not served by this cluster (${collectionPath(type, null)})`;
		return {action: 'slow', state: 'unavailable', reason};
	}
	if (status === 429) {
		return reconnect('throttled by the API server (429 Too Many Requests)');
	}
	const detail = error.serverMessage ? `: ${redact(firstLine(error.serverMessage))}` : '';
	return reconnect(`server answered ${status}${detail}`);
}

function reconnect(reason: string): ErrorVerdict {
	return {action: 'backoff', state: 'reconnecting', reason};
}

/** The server URL for messages: without any user:password part. */
export function displayServer(server: string): string {
	try {
		const url = new URL(server);
		if (!url.username && !url.password) {
			return server.replace(/\/$/, '');
		}
		url.username = '';
		url.password = '';
		return url.toString().replace(/\/$/, '');
	} catch {
		return '(invalid server URL)';
	}
}

function hostOf(server: string): string {
	try {
		return new URL(server).hostname;
	} catch {
		return server;
	}
}

function firstLine(text: string): string {
	return (text.split('\n')[0] ?? '').trim().slice(0, 200);
}

/**
 * Defence in depth for text we did not write (server messages, credential
 * plugin errors): hide anything that looks like a bearer token, a JWT or
 * base64 key material.
 */
export function redact(text: string): string {
	return text
		.replace(/(bearer|token|password|authorization)([\s:="']+)\S+/gi, '$1$2[redacted]')
		.replace(/[A-Za-z0-9+=_\-.]{40,}/g, '[redacted]');
}
