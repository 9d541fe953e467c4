// Reading url-encoded form bodies: every field may be missing, repeated or not a string.

export type FormBody = Record<string, unknown> | undefined;

/** A single text field, '' when absent; the first value when repeated. */
export function field(body: FormBody, name: string): string {
  const value = body?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Every value of a repeatable field (checkboxes). */
export function fields(body: FormBody, name: string): string[] {
  const value = body?.[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === 'string');
}

/** A textarea of one entry per line: trimmed, blank lines dropped. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
