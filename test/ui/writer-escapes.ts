// The only escape sequences the screen writer (source/ui/screen-writer.ts)
// emits: cursor moves, erase line/screen, scroll region and insert/delete
// lines, synchronized-output marks, cursor hide, and SGR with the attribute
// and colour codes the UI uses. Anything else
// in the byte stream did not come from the writer.
const SGR = (colour: boolean) => (colour ? '(?:[0127]|3[1-6]|90)' : '[0127]');

export const writerEscapes = (colour: boolean) =>
	new RegExp(`\\u001B\\[(?:(?:\\d+(?:;\\d+)?)?[Hr]|\\d+[LM]|K|2J|\\?2026[hl]|\\?25l|(?:${SGR(colour)}(?:;${SGR(colour)})*)?m)`, 'g');

/** The text of a write with the writer's own sequences removed (what is left must be printable). */
export const withoutWriterEscapes = (text: string, colour = false) => text.replace(writerEscapes(colour), '');
