// What a failed list or watch means for the user: retry soon, retry slowly,
// or give up, plus one line of human words. Pure; no I/O.
import {collectionPath, qualifiedName, type ResourceType} from './resources.js';
import {UNAUTHORIZED, cannotReach, connectionWords, errorCode, foreignText, isCertificateError} from './error-words.js';

export {displayServer, errorCode, redact} from './error-words.js';

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
	const words = connectionWords(code);
	if (words && isCertificateError(code)) return {action: 'stop', state: 'failed', reason: cannotReach(server, words, code)};
	if (words) return reconnect(cannotReach(server, words, code));
	if (code === 'ENOENT' || code === 'EACCES') {
		// A certificate or token file from the kubeconfig went away.
		const file = (error as {path?: unknown}).path;
		return {
			action: 'stop',
			state: 'failed',
			reason: `cannot read ${typeof file === 'string' ? file : 'a file named in kubeconfig'}: ${code === 'ENOENT' ? 'no such file' : 'permission denied'}`,
		};
	}
	const message = error instanceof Error ? error.message : String(error);
	if (message.includes('HTTP protocol is not allowed')) {
		return {action: 'stop', state: 'failed', reason: `${server} is plain http; kubeconfig must set insecure-skip-tls-verify`};
	}
	return reconnect(foreignText(message, 200) || 'unknown error');
}

function classifyStatus(error: KubeApiError, context: ErrorContext): ErrorVerdict {
	const {type, namespace} = context;
	const status = error.statusCode;
	if (status === 410) {
		return {action: 'relist'};
	}
	if (status === 401) {
		return {action: 'stop', state: 'failed', reason: UNAUTHORIZED};
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
	const detail = error.serverMessage ? `: ${foreignText(error.serverMessage, 200)}` : '';
	return reconnect(`server answered ${status}${detail}`);
}

function reconnect(reason: string): ErrorVerdict {
	return {action: 'backoff', state: 'reconnecting', reason};
}

