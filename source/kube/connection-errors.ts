// Connection failures in words: the system error code behind whatever a
// request threw, and what that code means to an operator. Shared by the
// start-up check (preflight.ts), the watches and the action executor.

/** Node puts the code on the error, on its cause, or (happy eyeballs) on each of an AggregateError's errors. */
export function errorCode(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) {
		return undefined;
	}
	const {code, errno, errors, cause} = error as {code?: unknown; errno?: unknown; errors?: unknown; cause?: unknown};
	if (typeof code === 'string') {
		return code;
	}
	// node-fetch's FetchError carries the system code as `errno` too.
	if (typeof errno === 'string') {
		return errno;
	}
	if (Array.isArray(errors)) {
		for (const each of errors) {
			const innerCode = errorCode(each);
			if (innerCode) {
				return innerCode;
			}
		}
	}
	return cause && cause !== error ? errorCode(cause) : undefined;
}

const CONNECTION_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	ETIMEDOUT: 'connection timed out',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EPIPE: 'connection closed',
	UND_ERR_SOCKET: 'connection closed',
	UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
	SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate issuer is not trusted',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name',
};

/** "connection refused", "its TLS certificate has expired", ...; undefined for codes we have no words for. */
export function connectionWords(code: string | undefined): string | undefined {
	return code ? CONNECTION_WORDS[code] : undefined;
}
