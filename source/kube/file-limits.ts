// The limits of the --file loader, in one place. A file is untrusted input:
// these bound the time and memory it can cost, so a hostile or broken file
// gets one clear line instead of a hang, a stack overflow or a dead V8.
// Each is far above what a real cluster dump needs.

const MIB = 1024 * 1024;

export const FILE_LIMITS = {
	/** JSON is parsed natively and fast; a string cannot be much longer than 512 MiB in V8. */
	maxJsonBytes: 256 * MIB,
	/** The YAML parser costs about 1 µs and 50 bytes of memory per byte of input. */
	maxYamlBytes: 32 * MIB,
	/** Kubernetes objects in the file, Lists flattened. */
	maxObjects: 200_000,
	/** Nesting of arrays and objects; real objects nest fewer than 40 levels (CRD schemas included). */
	maxDepth: 256,
	/** YAML anchors (`&a`); the YAML library resolves each alias by scanning the anchors. */
	maxAnchors: 10_000,
	/** YAML aliases (`*a`); Kubernetes tools never write any. */
	maxAliases: 1_000,
	/** How many-fold aliases may multiply an anchor's nodes (the YAML library's maxAliasCount; billion laughs). */
	maxAliasExpansion: 1_000,
} as const;

/** "32 MiB", for messages. */
export const mib = (bytes: number): string => `${Math.ceil(bytes / MIB)} MiB`;
