/**
 * Why a --file cannot be read, in words that never quote the file (it may
 * hold secrets or terminal escapes): positions and counts only. The file
 * source prefixes the file's name and turns it into a UserError.
 */
export class FileProblem extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FileProblem';
	}
}

/** "line 3, column 9: " for a 1-based position. */
export const at = (pos: {line: number; col: number} | undefined): string => (pos ? `line ${pos.line}, column ${pos.col}: ` : '');
