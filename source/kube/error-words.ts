// The one vocabulary for failures: what a system error code means to an
// operator, how the API server is named in a message, how text we did not
// write (server messages, exception texts) is made one short line with
// anything credential-like hidden. The start-up check, the watches and the
// action executor all build their sentences from these words.

/** Node puts the code on the error, on its cause, or (happy eyeballs) on each of an AggregateError's errors. */
export function errorCode(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const {code, errno, errors, cause} = error as {code?: unknown; errno?: unknown; errors?: unknown; cause?: unknown};
	if (typeof code === 'string') return code;
	// node-fetch's FetchError carries the system code as `errno` too.
	if (typeof errno === 'string') return errno;
	if (Array.isArray(errors)) {
		for (const each of errors) {
			const innerCode = errorCode(each);
			if (innerCode) return innerCode;
		}
	}
	return cause && cause !== error ? errorCode(cause) : undefined;
}

const CONNECTION_WORDS: Readonly<Record<string, string>> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	ETIMEDOUT: 'connection timed out',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EPIPE: 'connection closed',
	EPROTO: 'TLS handshake failed',
	UND_ERR_SOCKET: 'connection closed',
	UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

const CERTIFICATE_WORDS: Readonly<Record<string, string>> = {
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	CERT_NOT_YET_VALID: 'its TLS certificate is not valid yet',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
	SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate issuer is not trusted',
	UNABLE_TO_GET_ISSUER_CERT: 'its TLS certificate issuer is not trusted',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name',
};

/** "connection refused", "its TLS certificate has expired", ...; undefined for codes we have no words for. */
export function connectionWords(code: string | undefined): string | undefined {
	return code ? (CONNECTION_WORDS[code] ?? CERTIFICATE_WORDS[code]) : undefined;
}

/** A certificate problem: retrying cannot help until someone fixes the kubeconfig or the server. */
export const isCertificateError = (code: string | undefined): boolean => code !== undefined && code in CERTIFICATE_WORDS;

/** The sentence for a request that did not reach the server; the code is kept for searching. */
export const cannotReach = (server: string, words: string, code?: string): string =>
	`cannot reach ${server}: ${words}${code ? ` (${code})` : ''}`;

export const UNAUTHORIZED = 'unauthorized: the API server rejected your credentials (check your kubeconfig, or log in again)';

/** The API server's URL as messages show it: no user:password, query or fragment, no trailing slash. */
export function displayServer(server: string | undefined): string {
	if (!server) return 'the API server';
	try {
		const url = new URL(server);
		return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/$/, '');
	} catch {
		return '(invalid server URL)';
	}
}

/** Text we did not write, as one short line: its first line, whitespace folded, cut to `max`, credentials hidden. */
export function foreignText(text: string, max = 300): string {
	const flat = (text.split('\n').find(line => line.trim() !== '') ?? '').replace(/\s+/g, ' ').trim();
	return redact(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
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
