// Turns whatever a client-node request threw into a failure kind and one
// sentence an operator can act on. Pure: the error is duck-typed (client-node
// 1.4's ApiException has `code` and `body`, the JSON text of a Kubernetes
// Status; connection failures are node-fetch errors with a system `code`).
// Messages never repeat request headers, tokens or kubeconfig contents.
import {UNAUTHORIZED, cannotReach, connectionWords, displayServer, errorCode, foreignText} from '../kube/error-words.js';
import {isPreconditionFailure, type StatusLike} from './conditional.js';

export type FailureKind = 'conflict' | 'forbidden' | 'notFound' | 'invalid' | 'unreachable' | 'other';

export interface Failure {
	kind: FailureKind;
	message: string;
}

/** What the request was doing, to say it in words. */
export interface RequestContext {
	verb: 'get' | 'list' | 'patch';
	/** Plural resource, with "/status" for the subresource: "rollouts/status". */
	resource: string;
	namespace: string;
	name?: string;
	/** The API server URL from the kubeconfig, for "cannot reach ..." messages. */
	server?: string;
}

export interface ApiErrorLike {
	code?: unknown;
	body?: unknown;
	message?: unknown;
	name?: unknown;
	type?: unknown;
	errno?: unknown;
	cause?: unknown;
}

/** The HTTP status of an ApiException, or null for anything else. */
export function httpStatusOf(error: unknown): number | null {
	const code = (error as ApiErrorLike | null)?.code;
	return typeof code === 'number' && code >= 100 && code < 600 ? code : null;
}

/** The Kubernetes Status object carried by an ApiException, if it has one. */
export function statusOf(error: unknown): (StatusLike & {details?: {kind?: string; group?: string; name?: string}}) | null {
	const body = (error as ApiErrorLike | null)?.body;
	let parsed: unknown = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return null;
		}
	}
	if (typeof parsed !== 'object' || parsed === null) return null;
	return parsed as StatusLike;
}

/** Describes a failed request. Conflicts get a generic text; see conflictMessage. */
export function describeFailure(error: unknown, context: RequestContext): Failure {
	const http = httpStatusOf(error);
	if (http === null) {
		const code = errorCode(error);
		const server = displayServer(context.server);
		const words = connectionWords(code);
		if (words) return {kind: 'unreachable', message: cannotReach(server, words, code)};
		if ((error as ApiErrorLike | null)?.name === 'FetchError' || (error as ApiErrorLike | null)?.type === 'system') {
			return {kind: 'unreachable', message: `cannot reach ${server}${code ? ` (${code})` : ''}`};
		}
		const text = error instanceof Error ? error.message : String(error);
		return {kind: 'other', message: `${context.verb} ${context.resource} failed: ${foreignText(text)}`};
	}

	const status = statusOf(error);
	const where = `in namespace ${context.namespace}`;
	const resource = context.resource;
	if (isPreconditionFailure(http, status) && context.verb === 'patch') {
		return {kind: 'conflict', message: conflictMessage(null)};
	}
	switch (http) {
		case 401:
			return {kind: 'other', message: UNAUTHORIZED};
		case 403: {
			// The Status names the resource (details.kind holds the plural); the subresource is ours.
			const kind = status?.details?.kind;
			const shown = kind ? (resource.includes('/') ? `${kind}/${resource.split('/')[1]}` : kind) : resource;
			return {kind: 'forbidden', message: `forbidden: you cannot ${context.verb} ${shown} ${where}`};
		}
		case 404: {
			const what = context.name ? `${singular(resource)} '${context.name}'` : resource;
			return {kind: 'notFound', message: `${what} not found ${where}`};
		}
		case 400:
		case 422:
			return {kind: 'invalid', message: `invalid: ${foreignText(status?.message ?? 'the API server rejected the request')}`};
		default:
			return {
				kind: 'other',
				message: `${context.verb} ${resource} failed: API server answered ${http}${status?.message ? `: ${foreignText(status.message)}` : ''}`,
			};
	}
}

function singular(resource: string): string {
	const base = resource.split('/')[0] ?? resource;
	return base.endsWith('s') ? base.slice(0, -1) : base;
}

/** The conflict sentence; `currentVersion` is what a fresh GET saw, when known; `what` names the object ("Ingress demo-ingress"). */
export function conflictMessage(currentVersion: string | null, what = 'rollout'): string {
	const now = currentVersion ? ` (now at resourceVersion ${currentVersion})` : '';
	return `${what} changed since you looked at it${now}; nothing was written — review and try again`;
}
