// What one probe request through the API server's service proxy says about
// where traffic goes: the version that answered, or why nothing useful did.
// Pure: the probe (kube/probe.ts) hands in status, headers and body.

export type ProbeErrorKind =
	/** The app answered 5xx. */
	| 'server-error'
	/** The app answered 4xx. */
	| 'client-error'
	/** No answer within the timeout. */
	| 'timeout'
	/** The API server could not reach a pod (dial error, reset). */
	| 'proxy'
	/** RBAC: services/proxy not allowed. */
	| 'denied'
	/** The Service has no ready endpoints. */
	| 'no-endpoints'
	/** The Service has no such port, or does not exist. */
	| 'no-service'
	/** The API server asked us to slow down (429). */
	| 'throttled'
	/** The request never reached the API server (connection refused, TLS, ...). */
	| 'network'
	/** 2xx, but the answer names no version we can read. */
	| 'unexpected';

export type ProbeOutcome = {kind: 'answer'; version: string} | {kind: 'error'; error: ProbeErrorKind; detail: string};

export interface ProbeSample {
	/** When the answer (or the failure) arrived, ms since the epoch. */
	at: number;
	latencyMs: number;
	outcome: ProbeOutcome;
}

/** Where the version is read from. */
export type VersionSource =
	/** The demo protocol: the body is a JSON string ("blue"), or an object with color/version, or a short word. */
	| {by: 'body'}
	/** A response header holds the version. */
	| {by: 'header'; name: string}
	/** A response header holds the answering pod's name; its pod-template hash is the version. */
	| {by: 'pod'; header: string};

export interface ProbeResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

const WORD = /^[\w][\w.:+-]{0,62}$/;

/** The metav1.Status message, when the API server itself answered (its errors are Status objects). */
function apiServerStatus(body: string): {message: string; reason: string} | undefined {
	try {
		const value = JSON.parse(body) as {kind?: unknown; message?: unknown; reason?: unknown};
		if (value?.kind === 'Status' && typeof value.message === 'string') return {message: value.message, reason: String(value.reason ?? '')};
	} catch {
		// not JSON: the app's own answer
	}
	return undefined;
}

/** The version a body names: "blue", {"color":"blue"}, {"version":"v2"} or a bare word. */
export function versionInBody(body: string): string | undefined {
	const text = body.trim();
	let value: unknown = text;
	try {
		value = JSON.parse(text);
	} catch {
		// a plain-text answer
	}
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		const record = value as Record<string, unknown>;
		value = record['color'] ?? record['version'];
	}
	return typeof value === 'string' && WORD.test(value) ? value : undefined;
}

/** bluegreen-demo-6cbccd9f99-fv5zq -> 6cbccd9f99 (a ReplicaSet pod: <rollout>-<hash>-<suffix>). */
export function podTemplateHash(podName: string): string | undefined {
	const parts = podName.split('-');
	return parts.length >= 3 ? parts[parts.length - 2] : undefined;
}

function header(headers: ProbeResponse['headers'], name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function readVersion(response: ProbeResponse, source: VersionSource): string | undefined {
	switch (source.by) {
		case 'body':
			return versionInBody(response.body);
		case 'header': {
			const value = header(response.headers, source.name)?.trim();
			return value && WORD.test(value) ? value : undefined;
		}
		case 'pod': {
			const pod = header(response.headers, source.header)?.trim();
			return pod ? podTemplateHash(pod) : undefined;
		}
	}
}

const shorten = (text: string, max = 60) => {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
};

/** Errors the API server itself gives for the proxy request, in the operator's words. */
function apiServerError(status: number, message: string, service: string): ProbeOutcome | undefined {
	if (status === 403) return {kind: 'error', error: 'denied', detail: `not allowed to proxy to Service ${service} (RBAC: services/proxy): ${shorten(message, 200)}`};
	if (status === 429) return {kind: 'error', error: 'throttled', detail: 'the API server asks to slow down (429)'};
	if (/no endpoints available/.test(message)) return {kind: 'error', error: 'no-endpoints', detail: `Service ${service} has no ready endpoints`};
	if (/no service port/.test(message) || (status === 404 && /services? .*not found/.test(message))) {
		return {kind: 'error', error: 'no-service', detail: shorten(message, 120)};
	}
	if (status === 502 || status === 503 || /error trying to reach service/.test(message)) {
		return {kind: 'error', error: 'proxy', detail: `the API server could not reach a pod: ${shorten(message, 100)}`};
	}
	return undefined;
}

/** Classifies one answer that came back through /api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH. */
export function classifyResponse(response: ProbeResponse, source: VersionSource, service: string): ProbeOutcome {
	const status = apiServerStatus(response.body);
	if (status && response.status >= 400) {
		const known = apiServerError(response.status, status.message, service);
		if (known) return known;
	}
	if (response.status === 429) return {kind: 'error', error: 'throttled', detail: 'the API server asks to slow down (429)'};
	if (response.status >= 500) return {kind: 'error', error: 'server-error', detail: `the app answered ${response.status}`};
	if (response.status >= 400) {
		const words = status?.message ?? response.body;
		return {kind: 'error', error: 'client-error', detail: `the app answered ${response.status}: ${shorten(words)}`};
	}
	const version = readVersion(response, source);
	if (version) return {kind: 'answer', version};
	const where = source.by === 'body' ? 'the answer' : `header ${source.by === 'header' ? source.name : source.header}`;
	return {kind: 'error', error: 'unexpected', detail: `${where} names no version: ${shorten(source.by === 'body' ? response.body : String(header(response.headers, source.by === 'header' ? source.name : source.header) ?? '(missing)')) || '(empty)'}`};
}

/** Parses --probe-version: body, header:NAME or pod:HEADER. */
export function parseVersionSource(text: string | undefined): VersionSource | undefined {
	if (!text || text === 'body') return {by: 'body'};
	const [by, name] = [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)];
	if ((by === 'header' || by === 'pod') && /^[A-Za-z0-9-]+$/.test(name)) return by === 'header' ? {by, name} : {by, header: name};
	return undefined;
}
