// The limits of the --file loader, in one place. A file is untrusted input:
// these bound the time and memory it can cost, so a hostile or broken file
// gets one clear line instead of a hang, a stack overflow or a dead V8.
// Each is far above what a real cluster dump needs.

const MIB = 1024 * 1024;

export const FILE_LIMITS = {
	/** JSON is parsed natively and fast; a string cannot be much longer than 512 MiB in V8. */
	maxJsonBytes: 256 * MIB,
	/** js-yaml reads about 15 MiB/s and holds about 40 bytes per byte of input. */
	maxYamlBytes: 64 * MIB,
	/** Kubernetes objects in the file, Lists flattened. */
	maxObjects: 200_000,
	/** Nesting of arrays and objects; real objects nest fewer than 40 levels (CRD schemas included). */
	maxDepth: 256,
	/** Values per byte of the file that YAML aliases may expand to (billion laughs); plain files have fewer than one. */
	valuesPerByte: 4,
} as const;

/** "64 MiB", for messages. */
export const mib = (bytes: number): string => `${Math.ceil(bytes / MIB)} MiB`;
