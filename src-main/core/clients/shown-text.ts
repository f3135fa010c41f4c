// Text a client chose (its announced name and version) ends up in a terminal, the log, the window and a file:
// no control or format characters (escape sequences, bidi overrides), and a bounded length.

export function shownText(value: string, max: number): string {
  return value.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, max);
}

/** The bounds for an MCP client's announced name and version. */
export const CLIENT_NAME_MAX = 100;
export const CLIENT_VERSION_MAX = 50;
