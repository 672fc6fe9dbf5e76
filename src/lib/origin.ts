/** The host (name and port) of an Origin header's value, or null when it is not a URL (e.g. "null"). */
export function hostOfOrigin(origin: string): string | null {
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}
